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
from functools import lru_cache

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
    pairs = list(can_cover)
    roles = [role for role, count in seats.items() if count > 0]
    adjacent: dict[str, set[str]] = {role: set() for role in roles}
    for a, b in pairs:
        if a in adjacent and b in adjacent and a != b:
            adjacent[a].add(b)
            adjacent[b].add(a)
    graph: nx.Graph | None = None
    people: list[tuple[str, ...]] = []
    exact = True
    lower = 0
    for component in _components(adjacent):
        counts = tuple(seats[role] for role in component)
        found = _exact(component, adjacent, counts)
        if found is None:
            exact = False
            if graph is None:  # the heuristic's lower bound walks the networkx graph, in this node order
                graph = nx.Graph()
                graph.add_nodes_from(roles)
                graph.add_edges_from((a, b) for a, b in pairs if a in graph and b in graph and a != b)
            sub = graph.subgraph(component)
            found = _greedy(sub, component, counts)
            lower += _lower_bound(sub, component, counts)
        else:
            lower += len(found)
        people.extend(found)
    return Consolidation(tuple(sorted(people)), exact, lower)


def _components(adjacent: Mapping[str, set[str]]) -> list[list[str]]:
    """The connected components, each sorted, in the order of their first role."""
    seen: set[str] = set()
    components = []
    for role in adjacent:
        if role not in seen:
            seen.add(role)
            component, frontier = [role], [role]
            while frontier:
                for other in adjacent[frontier.pop()]:
                    if other not in seen:
                        seen.add(other)
                        component.append(other)
                        frontier.append(other)
            components.append(sorted(component))
    return sorted(components, key=lambda c: c[0])


def _exact(roles: list[str], adjacent: Mapping[str, set[str]], counts: tuple[int, ...]) -> list[tuple[str, ...]] | None:
    if math.prod(c + 1 for c in counts) > EXACT_STATE_LIMIT:
        return None
    if len(roles) == 1:  # a role no other can join: one person per seat
        return [(roles[0],)] * counts[0]
    index = {role: i for i, role in enumerate(roles)}
    edges = frozenset((index[a], index[b]) for a in roles for b in adjacent[a] if index[a] < index[b])
    solver = _solver(len(roles), edges)
    if solver is None:
        return None
    return [tuple(roles[i] for i in clique) for clique in solver.solve(counts)]


@lru_cache(maxsize=64)
def _solver(size: int, edges: frozenset[tuple[int, int]]) -> _Solver | None:
    """The exact search for a component of ``size`` roles (by index) and its ``can_cover`` edges; None when it has
    too many cliques. Cached: a plan's deferral loop asks about the same components many times, as does a sweep."""
    higher: list[set[int]] = [set() for _ in range(size)]
    for a, b in edges:
        higher[a].add(b)
    cliques: list[list[tuple[int, ...]]] = [[] for _ in range(size)]
    stack: list[tuple[tuple[int, ...], set[int]]] = [((first,), higher[first]) for first in range(size)]
    found = 0
    while stack:  # every clique once, as increasing indices
        clique, extensions = stack.pop()
        found += 1
        if found > EXACT_CLIQUE_LIMIT:
            return None
        cliques[clique[0]].append(clique)
        stack.extend(((*clique, other), extensions & higher[other]) for other in extensions)
    return _Solver(tuple(tuple(c) for c in cliques))


class _Solver:
    """The fewest cliques covering a state (seats left per role), by a search over states, memoised.

    From a state, the role with the lowest index that has a seat left must be held by someone: try each clique whose
    lowest role it is (a clique holding an earlier role is impossible: its seats are all taken) and keep the best.
    Ties go to the smallest clique, compared as a tuple of indices, so the answer does not depend on the order in
    which cliques were found. The search is iterative, so a role with thousands of seats does not exhaust the stack.
    """

    MEMO_LIMIT = 50_000  # states kept between calls

    def __init__(self, cliques: tuple[tuple[tuple[int, ...], ...], ...]) -> None:
        self.cliques = cliques
        self.memo: dict[tuple[int, ...], tuple[int, tuple[int, ...], tuple[int, ...]] | None] = {}

    def solve(self, counts: tuple[int, ...]) -> list[tuple[int, ...]]:
        if len(self.memo) > self.MEMO_LIMIT:
            self.memo = {}
        memo = self.memo
        # Depth first: a state is pushed with its moves unknown (None), then again with its moves once the states
        # they lead to are pushed above it, and is solved when it comes up the second time.
        stack: list[tuple[tuple[int, ...], list[tuple[tuple[int, ...], tuple[int, ...]]] | None]] = [(counts, None)]
        while stack:
            state, moves = stack.pop()
            if state in memo:
                continue
            if moves is None:
                first = next((i for i, c in enumerate(state) if c), None)
                if first is None:
                    memo[state] = None
                    continue
                moves = []
                for clique in self.cliques[first]:
                    if all(state[i] for i in clique):
                        rest = list(state)
                        for i in clique:
                            rest[i] -= 1
                        moves.append((clique, tuple(rest)))
                stack.append((state, moves))
                stack.extend((after, None) for _, after in moves if after not in memo)
                continue
            best = None
            for clique, after in moves:
                step = memo[after]
                option = (1 if step is None else step[0] + 1, clique, after)
                if best is None or option < best:
                    best = option
            memo[state] = best
        chosen = []
        found = memo[counts]
        while found is not None:
            chosen.append(found[1])
            found = memo[found[2]]
        return chosen


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
