"""The role graph: owner, departments, teams and roles, joined by reporting lines and by the relations of the
rules that fired.

networkx is imported when a graph is first drawn, not with this module: a markdown plan never needs it, and
``tiktok-team plan`` starts faster without it (docs/performance.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ._entries import OWNER, SYMMETRIC_KINDS, Rule
from ._rulebook import Rulebook

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["can_cover_pairs", "node_link", "role_graph"]


def role_graph(book: Rulebook, headcounts: Mapping[str, int], fired: Iterable[Rule]) -> nx.MultiDiGraph:
    """The graph of a plan whose roles have ``headcounts``: nodes for ``owner``, the departments and teams in use and
    the roles; ``reports_to`` edges role → team or department → ``owner``; and the relations of the ``fired`` rules
    between planned roles (``collaborates`` and ``can_cover`` both ways), each edge keyed by its kind and naming its
    rules. Nodes and edges are added in sorted order, so equal plans give equal node-link data.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> graph = role_graph(book, {"owner": 1, "streamer": 2}, [book.rules["live-roles-serve-streamer"]])
    >>> sorted(graph.edges(keys=True))
    [('content', 'owner', 'reports_to'), ('live', 'content', 'reports_to'), ('streamer', 'live', 'reports_to')]
    """
    import networkx as nx  # noqa: PLC0415 - only drawing a graph needs networkx (see the module's docstring)

    graph = nx.MultiDiGraph()
    roles = [book.roles[role_id] for role_id in sorted(headcounts)]
    departments = sorted({role.department for role in roles if role.department})
    teams = sorted({role.team for role in roles if role.team})
    owner = book.roles[OWNER]
    graph.add_node(OWNER, type="role", en=owner.en, zh=owner.zh, headcount=headcounts.get(OWNER, 1))
    for dep in departments:
        graph.add_node(dep, type="department", en=book.departments[dep].en, zh=book.departments[dep].zh)
    for team in teams:
        unit = book.teams[team]
        graph.add_node(team, type="team", en=unit.en, zh=unit.zh, department=unit.department)
    for role in roles:
        if role.id != OWNER:
            graph.add_node(
                role.id,
                type="role",
                en=role.en,
                zh=role.zh,
                headcount=headcounts[role.id],
                department=role.department,
                team=role.team,
            )

    edges: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for dep in departments:
        edges[dep, OWNER, "reports_to"] = []
    for team in teams:
        edges[team, str(book.teams[team].department), "reports_to"] = []
    for role in roles:
        if role.id != OWNER:
            edges[role.id, str(role.team or role.department), "reports_to"] = []
    for rule in fired:
        for rel in rule.relate:
            for a in rel.sources:
                for b in rel.targets:
                    if a in headcounts and b in headcounts:
                        edges[a, b, rel.kind].append(rule.id)
                        if rel.kind in SYMMETRIC_KINDS:
                            edges[b, a, rel.kind].append(rule.id)
    for (a, b, kind), rules in sorted(edges.items()):
        attrs = {"kind": kind, "rules": ",".join(sorted(set(rules)))} if rules else {"kind": kind}
        graph.add_edge(a, b, key=kind, **attrs)
    return graph


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """``graph`` as networkx node-link data, its edges under ``links``: the ``graph`` of a plan's JSON."""
    import networkx as nx  # noqa: PLC0415 - see the module's docstring

    data: dict[str, Any] = nx.node_link_data(graph, edges="links")
    return data


def can_cover_pairs(fired: Iterable[Rule]) -> set[frozenset[str]]:
    """Pairs of roles one person may hold together, from the ``can_cover`` relations of the rules that fired."""
    return {
        frozenset((a, b))
        for rule in fired
        for rel in rule.relate
        if rel.kind == "can_cover"
        for a in rel.sources
        for b in rel.targets
    }
