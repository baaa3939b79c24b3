"""People, not just roles: the fewest people who can hold every seat of a plan, and what to defer under a budget.

A role with headcount *n* has *n* seats. One person holds seats of different roles only where every two of those
roles may be held together (``can_cover`` relations of the rulebook), so a person's roles form a clique of the
``can_cover`` graph. The fewest people is then a minimum cover of the seats by such cliques, found per connected
component of the graph:

* **exactly** by a search over the remaining seat counts, memoised, whenever the component's state space (the
  product of its headcounts + 1) and its number of cliques are small — always so for the bundled catalog;
* otherwise by a **greedy heuristic** (fill each person with the compatible roles that have the most seats left),
  reported with a lower bound (the most seats any one role has, and the number of seats no two of which fit one
  person), so the answer says how far from optimal it can be.

With a ``headcount_budget`` below that minimum, seats are deferred until the team fits: extra seats (beyond a role's
first) before whole roles, and among them the role with the highest ``rank`` first (rank comes from cited rules;
unranked roles rank 9; ties by id).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import networkx as nx

__all__ = ["Consolidation", "consolidate", "deferral_order"]

EXACT_STATE_LIMIT = 200_000
EXACT_CLIQUE_LIMIT = 5_000


@dataclass(frozen=True)
class Consolidation:
    """Who holds what: ``people`` is a list of role tuples, one per person, sorted."""

    people: tuple[tuple[str, ...], ...]
    exact: bool
    lower_bound: int

    @property
    def size(self) -> int:
        return len(self.people)


def consolidate(seats: Mapping[str, int], can_cover: Iterable[tuple[str, str]]) -> Consolidation:
    """The fewest people holding ``seats`` (role → headcount) where one person may hold roles pairwise in ``can_cover``.

    Examples
    --------
    >>> c = consolidate({"streamer": 2, "videographer_editor": 1, "owner": 1}, [("streamer", "videographer_editor")])
    >>> c.people, c.exact
    ((('owner',), ('streamer',), ('streamer', 'videographer_editor')), True)
    """
    graph = nx.Graph()
    graph.add_nodes_from(role for role, count in seats.items() if count > 0)
    graph.add_edges_from((a, b) for a, b in can_cover if a in graph and b in graph and a != b)
    people: list[tuple[str, ...]] = []
    exact = True
    lower = 0
    for component in sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: c[0]):
        sub = graph.subgraph(component)
        counts = tuple(seats[role] for role in component)
        found = _exact(sub, component, counts)
        if found is None:
            exact = False
            found = _greedy(sub, component, counts)
            lower += _lower_bound(sub, component, counts)
        else:
            lower += len(found)
        people.extend(found)
    return Consolidation(tuple(sorted(people)), exact, lower)


def _exact(graph: nx.Graph, roles: list[str], counts: tuple[int, ...]) -> list[tuple[str, ...]] | None:
    if math.prod(c + 1 for c in counts) > EXACT_STATE_LIMIT:
        return None
    index = {role: i for i, role in enumerate(roles)}
    cliques: list[list[tuple[int, ...]]] = [[] for _ in roles]
    for number, clique in enumerate(nx.enumerate_all_cliques(graph)):
        if number >= EXACT_CLIQUE_LIMIT:
            return None
        members = tuple(sorted(index[role] for role in clique))
        cliques[members[0]].append(members)

    @cache
    def best(state: tuple[int, ...]) -> tuple[int, tuple[tuple[int, ...], ...]]:
        first = next((i for i, c in enumerate(state) if c), None)
        if first is None:
            return 0, ()
        options = []
        for clique in cliques[first]:  # a clique holding an earlier role is impossible: its seats are all taken
            if all(state[i] for i in clique):
                rest = list(state)
                for i in clique:
                    rest[i] -= 1
                size, plan = best(tuple(rest))
                options.append((size + 1, (clique, *plan)))
        return min(options)

    _, chosen = best(counts)
    return [tuple(roles[i] for i in clique) for clique in chosen]


def _greedy(graph: nx.Graph, roles: list[str], counts: tuple[int, ...]) -> list[tuple[str, ...]]:
    left = dict(zip(roles, counts, strict=True))
    people = []
    while any(left.values()):
        first = max(left, key=lambda r: (left[r], r))
        person = [first]
        for other in sorted(graph[first], key=lambda r: (-left[r], r)):
            if left[other] and all(graph.has_edge(other, held) for held in person):
                person.append(other)
        for role in person:
            left[role] -= 1
        people.append(tuple(sorted(person)))
    return people


def _lower_bound(graph: nx.Graph, roles: list[str], counts: tuple[int, ...]) -> int:
    """No two seats of one role, nor of two roles that cannot be combined, share a person."""
    independent = nx.maximal_independent_set(graph, seed=0)
    apart = sum(dict(zip(roles, counts, strict=True))[role] for role in independent)
    return max(*counts, apart)


def deferral_order(seats: Mapping[str, int], rank: Mapping[str, int]) -> list[str]:
    """The seats to defer, first to last, as a list of role ids (a role appears once per seat).

    Examples
    --------
    >>> deferral_order({"streamer": 2, "pr": 1, "owner": 1}, {"streamer": 1, "owner": 0, "pr": 9})
    ['streamer', 'pr', 'streamer', 'owner']
    """
    extra = [(-rank[role], role) for role, count in seats.items() for _ in range(count - 1)]
    first = [(-rank[role], role) for role, count in seats.items() if count > 0]
    return [role for _, role in sorted(extra)] + [role for _, role in sorted(first)]
