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

__all__ = ["can_cover_pairs", "graph_data", "role_graph"]


def role_graph(book: Rulebook, headcounts: Mapping[str, int], fired: Iterable[Rule]) -> nx.MultiDiGraph[str]:
    """The graph of a plan whose roles have ``headcounts``: nodes for ``owner``, the departments and teams in use and
    the roles; ``reports_to`` edges role → team or department → ``owner``; and the relations of the ``fired`` rules
    between planned roles (``collaborates`` and ``can_cover`` both ways), each edge keyed by its kind and naming its
    rules. Nodes are added in the plan's order (the owner, the departments and teams in the catalog's order, then the
    roles in the order of ``headcounts``) and edges in sorted order, so equal plans give equal node-link data.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> graph = role_graph(book, {"owner": 1, "streamer": 2}, [book.rules["live-roles-serve-streamer"]])
    >>> sorted(graph.edges(keys=True))
    [('content', 'owner', 'reports_to'), ('live', 'content', 'reports_to'), ('streamer', 'live', 'reports_to')]
    """
    import networkx as nx  # noqa: PLC0415 - only drawing a graph needs networkx (see the module's docstring)

    nodes, edges = _parts(book, headcounts, fired)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_nodes_from(nodes)
    for a, b, kind, attrs in edges:
        graph.add_edge(a, b, key=kind, **attrs)
    return graph


def graph_data(book: Rulebook, headcounts: Mapping[str, int], fired: Iterable[Rule]) -> dict[str, Any]:
    """The :func:`role_graph` of a plan as networkx node-link data (edges under ``links``), exactly what
    ``networkx.node_link_data`` makes of it, without building the graph: the ``graph`` of a plan's JSON.

    A graph of networkx holds itself through the views it keeps, so every plan's graph was garbage that only the
    collector's passes could free; the service answers without one (docs/performance.md).

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> data = graph_data(book, {"owner": 1, "streamer": 2}, [])
    >>> [node["id"] for node in data["nodes"]], data["links"][-1]
    (['owner', 'content', 'live', 'streamer'], {'kind': 'reports_to', 'source': 'streamer', 'target': 'live', \
'key': 'reports_to'})
    """
    nodes, edges = _parts(book, headcounts, fired)  # every edge joins two of the nodes (the loader sees to it)
    order = {node: n for n, (node, _) in enumerate(nodes)}
    # networkx lists the edges node by node, in the order the nodes were added: each node's in the order added
    ordered = sorted(edges, key=lambda edge: order[edge[0]])
    return {
        "directed": True,
        "multigraph": True,
        "graph": {},
        "nodes": [{**attrs, "id": node} for node, attrs in nodes],
        "links": [{**attrs, "source": a, "target": b, "key": kind} for a, b, kind, attrs in ordered],
    }


def _parts(
    book: Rulebook, headcounts: Mapping[str, int], fired: Iterable[Rule]
) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, str, str, dict[str, Any]]]]:
    """The nodes of :func:`role_graph` as (id, attributes) and its edges as (source, target, kind, attributes), in
    the order the graph adds them."""
    roles = [book.roles[role_id] for role_id in headcounts]
    in_use = {role.department for role in roles}, {role.team for role in roles}
    departments = [dep for dep in book.departments if dep in in_use[0]]
    teams = [team for team in book.teams if team in in_use[1]]
    owner = book.roles[OWNER]
    nodes: list[tuple[str, dict[str, Any]]] = [
        (OWNER, {"type": "role", "en": owner.en, "zh": owner.zh, "headcount": headcounts.get(OWNER, 1)})
    ]
    for dep in departments:
        nodes.append((dep, {"type": "department", "en": book.departments[dep].en, "zh": book.departments[dep].zh}))
    for team in teams:
        unit = book.teams[team]
        nodes.append((team, {"type": "team", "en": unit.en, "zh": unit.zh, "department": unit.department}))
    for role in roles:
        if role.id != OWNER:
            attrs = {"type": "role", "en": role.en, "zh": role.zh, "headcount": headcounts[role.id]}
            nodes.append((role.id, {**attrs, "department": role.department, "team": role.team}))

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
    return nodes, [
        (a, b, kind, {"kind": kind, "rules": ",".join(sorted(set(rules)))} if rules else {"kind": kind})
        for (a, b, kind), rules in sorted(edges.items())
    ]


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
