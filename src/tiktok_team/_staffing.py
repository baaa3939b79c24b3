"""People, not just roles: the fewest people who can hold every seat of a plan, and what to defer under a budget.

A role with headcount *n* has *n* seats. One person holds seats of different roles only where every two of those
roles may be held together (``can_cover`` relations of the rulebook), so a person's roles form a clique of the
``can_cover`` graph. The fewest people is then a minimum cover of the seats by such cliques, found per connected
component of the graph:

* **exactly** by a search over the remaining seat counts, memoised, whenever the component's state space (the
  product of its headcounts + 1) and its number of cliques are small — always so for the bundled catalog;
* otherwise by a **greedy heuristic** (fill each person with the compatible roles that have the most seats left),
  reported with a lower bound (the most seats any one role has, and the number of seats no two of which fit one
  person), so the answer says how far from optimal it can be; where it meets the bound it is proven fewest as well
  (``exact``).

With a ``headcount_budget`` below that minimum, seats are deferred until the team fits: extra seats (beyond a role's
first) before whole roles, and among them the role with the highest ``rank`` first (rank comes from cited rules;
unranked roles rank 9; ties by id).

**Money.** Given what a seat of each role costs (``cost``), a person costs the highest seat cost among the roles
they hold, and the exact search breaks ties between teams of the fewest people by their cost. With a monthly budget
and no headcount budget it looks for the cheapest team first (then the fewest people): the same keep-order and the
same consolidation, fitted to the money. A budget of both kinds is met by the fewest people, the cheapest such.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ._errors import ProfileError, suggest
from ._lazy import publish
from ._profile import BusinessProfile
from ._rulebook import Rulebook

__all__ = [
    "MAX_HEADCOUNT",
    "Consolidation",
    "budget_to_staff",
    "consolidate",
    "deferral_order",
    "deferral_runs",
    "fit_to_budget",
    "seats_before",
    "team_cost",
    "workload_headcounts",
]

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
        """The number of people.

        Examples
        --------
        >>> consolidate({"streamer": 1, "assistant": 1}, [("streamer", "assistant")]).size
        1
        """
        return len(self.people)


def consolidate(
    seats: Mapping[str, int],
    can_cover: Iterable[tuple[str, str]],
    cost: Mapping[str, float] | None = None,
    cheapest_first: bool = False,
) -> Consolidation:
    """The fewest people holding ``seats`` (role → headcount) where one person may hold roles pairwise in ``can_cover``.

    With ``cost`` (what one seat of each role of ``seats`` costs), the fewest people, the cheapest such (a person
    costs the highest seat cost among their roles); with ``cheapest_first`` too, the cheapest people, the fewest
    such. The quick search of a large component (see the module) counts people only.

    Examples
    --------
    >>> c = consolidate({"streamer": 2, "videographer_editor": 1, "owner": 1}, [("streamer", "videographer_editor")])
    >>> c.people, c.exact
    ((('owner',), ('streamer',), ('streamer', 'videographer_editor')), True)
    >>> seats, pairs = {"a": 1, "b": 1, "c": 1}, [("a", "b"), ("b", "c")]
    >>> consolidate(seats, pairs).people, consolidate(seats, pairs, {"a": 100, "b": 90, "c": 10}).people
    ((('a',), ('b', 'c')), (('a', 'b'), ('c',)))
    """
    held = tuple(sorted((role, count) for role, count in seats.items() if count > 0))
    prices = None if cost is None else tuple(sorted((role, cost[role]) for role, _ in held))
    return _consolidate(held, tuple(can_cover), prices, cheapest_first)


@lru_cache(maxsize=4096)
def _consolidate(
    held: tuple[tuple[str, int], ...],
    pairs: tuple[tuple[str, str], ...],
    prices: tuple[tuple[str, float], ...] | None,
    cheapest_first: bool,
) -> Consolidation:
    """:func:`consolidate` of the seats ``held`` (role, seats > 0), remembered: fitting a budget, and finding the
    budget that staffs each waiting role, ask about the same teams again and again."""
    people: list[tuple[str, ...]] = []
    exact = True
    lower = 0
    for found, proven, bound in _covers(dict(held), pairs, None if prices is None else dict(prices), cheapest_first):
        exact = exact and proven
        lower += bound
        people.extend(found)
    return Consolidation(tuple(sorted(people)), exact, lower)


def _covers(
    seats: Mapping[str, int],
    pairs: tuple[tuple[str, str], ...],
    cost: Mapping[str, float] | None,
    cheapest_first: bool,
) -> Iterator[tuple[tuple[tuple[str, ...], ...], bool, int]]:
    """The people of each connected component of the roles with seats (see :func:`_component`)."""
    for component, edges, counts in _split(seats, pairs):
        weights = None if cost is None else tuple(round(cost[role] * 100) for role in component)
        yield _component(component, edges, counts, weights, cheapest_first)


def _split(
    seats: Mapping[str, int], pairs: tuple[tuple[str, str], ...]
) -> Iterator[tuple[tuple[str, ...], tuple[tuple[str, str], ...], tuple[int, ...]]]:
    """Each connected component of the roles with seats (see :func:`_structure`), with the seats of its roles."""
    for component, edges in _structure(tuple(sorted(role for role, count in seats.items() if count > 0)), pairs):
        yield component, edges, tuple(seats[role] for role in component)


@lru_cache(maxsize=4096)
def _structure(
    roles: tuple[str, ...], pairs: tuple[tuple[str, str], ...]
) -> tuple[tuple[tuple[str, ...], tuple[tuple[str, str], ...]], ...]:
    """The connected components of the ``can_cover`` graph between ``roles`` (those with a seat), each as its sorted
    roles and the pairs among them one person may hold, in the order of their first role. Remembered: a budget's
    search asks about the same roles with other seat counts again and again."""
    adjacent: dict[str, set[str]] = {role: set() for role in roles}
    for a, b in pairs:
        if a in adjacent and b in adjacent and a != b:
            adjacent[a].add(b)
            adjacent[b].add(a)
    return tuple(
        (tuple(component), tuple((a, b) for a in component for b in sorted(adjacent[a]) if a < b))
        for component in _components(adjacent)
    )


@lru_cache(maxsize=8192)
def _component(
    roles: tuple[str, ...],
    edges: tuple[tuple[str, str], ...],
    counts: tuple[int, ...],
    weights: tuple[int, ...] | None,
    cheapest_first: bool,
) -> tuple[tuple[tuple[str, ...], ...], bool, int]:
    """The people of one connected component (its ``roles``, the pairs one person may hold, each role's seats and
    seat cost), whether they are proven fewest, and a lower bound. Remembered: a budget's search and the budgets
    that staff each deferred role ask about the same components again and again."""
    adjacent = _adjacent(roles, edges)
    component = list(roles)
    found = _exact(component, adjacent, counts, weights, cheapest_first)
    if found is not None:
        return tuple(found), True, len(found)
    greedy = _greedy(adjacent, component, counts)
    bound = _lower_bound(adjacent, component, counts)
    return tuple(greedy), len(greedy) == bound, bound  # a heuristic answer that meets the bound is proven fewest too


def _team_size(seats: Mapping[str, int], pairs: tuple[tuple[str, str], ...], cheapest_first: bool) -> int:
    """How many people :func:`_covers` of ``seats`` (without seat costs) finds, counted without listing them: a budget's
    search weighs teams of thousands of seats by their size alone."""
    return sum(_component_size(*component, cheapest_first) for component in _split(seats, pairs))


@lru_cache(maxsize=8192)
def _component_size(
    roles: tuple[str, ...], edges: tuple[tuple[str, str], ...], counts: tuple[int, ...], cheapest_first: bool
) -> int:
    """``len(_component(roles, edges, counts, None, cheapest_first)[0])``: the same search, the people counted."""
    if len(roles) == 1:
        return counts[0]
    adjacent = _adjacent(roles, edges)
    solver = _exact_solver(list(roles), adjacent, counts, None, cheapest_first)
    return len(_greedy(adjacent, list(roles), counts)) if solver is None else solver.size(counts)


def _adjacent(roles: tuple[str, ...], edges: tuple[tuple[str, str], ...]) -> dict[str, set[str]]:
    """The roles each role may be held with, of ``edges``."""
    adjacent: dict[str, set[str]] = {role: set() for role in roles}
    for a, b in edges:
        adjacent[a].add(b)
        adjacent[b].add(a)
    return adjacent


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


def _exact(
    roles: list[str],
    adjacent: Mapping[str, set[str]],
    counts: tuple[int, ...],
    weights: tuple[int, ...] | None = None,
    cheapest_first: bool = False,
) -> list[tuple[str, ...]] | None:
    if len(roles) == 1 and math.prod(c + 1 for c in counts) <= EXACT_STATE_LIMIT:  # one person per seat
        return [(roles[0],)] * counts[0]
    solver = _exact_solver(roles, adjacent, counts, weights, cheapest_first)
    if solver is None:
        return None
    return [tuple(roles[i] for i in clique) for clique in solver.solve(counts)]


def _exact_solver(
    roles: list[str],
    adjacent: Mapping[str, set[str]],
    counts: tuple[int, ...],
    weights: tuple[int, ...] | None,
    cheapest_first: bool,
) -> _Solver | None:
    """The exact search for the component of ``roles`` (of more than one role), or None where it would be too large
    (too many states of seats left, or too many cliques)."""
    if math.prod(c + 1 for c in counts) > EXACT_STATE_LIMIT:
        return None
    index = {role: i for i, role in enumerate(roles)}
    edges = frozenset((index[a], index[b]) for a in roles for b in adjacent[a] if index[a] < index[b])
    return _solver(len(roles), edges, weights, cheapest_first)


@lru_cache(maxsize=64)
def _solver(
    size: int, edges: frozenset[tuple[int, int]], weights: tuple[int, ...] | None, cheapest_first: bool
) -> _Solver | None:
    """The exact search for a component of ``size`` roles (by index) and its ``can_cover`` edges (and the cost of
    a seat of each role, in cents, if any); None when it has too many cliques. Cached: a plan's deferral loop asks
    about the same components many times, as does a sweep."""
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
    return _Solver(tuple(tuple(c) for c in cliques), weights, cheapest_first)


class _Solver:
    """The fewest cliques covering a state (seats left per role), by a search over states, memoised.

    From a state, the role with the lowest index that has a seat left must be held by someone: try each clique whose
    lowest role it is (a clique holding an earlier role is impossible: its seats are all taken) and keep the best.
    Ties go to the smallest clique, compared as a tuple of indices, so the answer does not depend on the order in
    which cliques were found. The search is iterative, so a role with thousands of seats does not exhaust the stack.
    With ``weights`` a cover scores (people, cost), or (cost, people) when ``cheapest_first``; a clique costs the
    highest weight among its roles.
    """

    MEMO_LIMIT = 50_000  # states kept between calls

    def __init__(
        self,
        cliques: tuple[tuple[tuple[int, ...], ...], ...],
        weights: tuple[int, ...] | None = None,
        cheapest_first: bool = False,
    ) -> None:
        self.cliques = cliques
        self.memo: dict[tuple[int, ...], tuple[tuple[int, int], tuple[int, ...], tuple[int, ...]] | None] = {}
        self.weights = weights
        self.cheapest_first = cheapest_first

    def _score(self, clique: tuple[int, ...]) -> tuple[int, int]:
        """What one person holding ``clique`` adds to a cover's score."""
        cost = 0 if self.weights is None else max(self.weights[i] for i in clique)
        return (cost, 1) if self.cheapest_first else (1, cost)

    def size(self, counts: tuple[int, ...]) -> int:
        """How many people :meth:`solve` finds (without weights), without listing them."""
        self._search(counts)
        best = self.memo[counts]
        return 0 if best is None else best[0][1 if self.cheapest_first else 0]

    def solve(self, counts: tuple[int, ...]) -> list[tuple[int, ...]]:
        memo = self._search(counts)
        chosen = []
        found = memo[counts]
        while found is not None:
            chosen.append(found[1])
            found = memo[found[2]]
        return chosen

    def _search(
        self, counts: tuple[int, ...]
    ) -> dict[tuple[int, ...], tuple[tuple[int, int], tuple[int, ...], tuple[int, ...]] | None]:
        """The best cover of ``counts`` and of every state it leads to, in the memo (which it returns)."""
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
                step, score = memo[after], self._score(clique)
                total = score if step is None else (step[0][0] + score[0], step[0][1] + score[1])
                option = (total, clique, after)
                if best is None or option < best:
                    best = option
            memo[state] = best
        return memo


def _greedy(adjacent: Mapping[str, set[str]], roles: list[str], counts: tuple[int, ...]) -> list[tuple[str, ...]]:
    """Fill one person at a time: the role with the most seats left, then its neighbours with the most seats left
    that fit with everyone chosen. A person is taken as many times at once as the same choice would be made again
    (:func:`_repeats`), so a role with thousands of seats costs a few rounds, not thousands."""
    left = dict(zip(roles, counts, strict=True))
    people: list[tuple[str, ...]] = []
    while any(left.values()):
        first = max(left, key=lambda r: (left[r], r))
        person = [first]
        for other in sorted(adjacent[first], key=lambda r: (-left[r], r)):
            if left[other] and all(held in adjacent[other] for held in person):
                person.append(other)
        times = _repeats(adjacent, left, person)
        for role in person:
            left[role] -= times
        people.extend([tuple(sorted(person))] * times)
    return people


def _repeats(adjacent: Mapping[str, set[str]], left: Mapping[str, int], person: list[str]) -> int:
    """How many times in a row :func:`_greedy` would choose ``person`` (its first role the one it starts from): as
    long as every member has a seat left, no other role overtakes the first in seats left, and no other neighbour of
    the first overtakes a member in the order the neighbours are tried (each comparison with its tie-break by id)."""
    first, members = person[0], set(person)
    times = min(left[role] for role in person)
    for other in left:
        if other not in members:  # the first stays the role with the most seats left
            times = min(times, left[first] - left[other] + (1 if first > other else 0))
    for other in adjacent[first]:
        if other not in members and left[other]:
            for member in person[1:]:
                if (-left[member], member) < (-left[other], other):  # the member stays ahead of the neighbour
                    times = min(times, left[member] - left[other] + (1 if member < other else 0))
    return max(1, times)


def _lower_bound(adjacent: Mapping[str, set[str]], roles: list[str], counts: tuple[int, ...]) -> int:
    """No two seats of one role, nor of two roles that cannot be combined, share a person: the seats of a set of
    pairwise uncombinable roles need that many people. Such sets are chosen greedily in fixed orders (most seats
    per combinable role first; fewest combinable roles first; most seats first) and the largest bound is kept."""
    seats = dict(zip(roles, counts, strict=True))
    bound = max(counts)
    orders = (
        lambda r: (-seats[r] / (len(adjacent[r]) + 1), r),
        lambda r: (len(adjacent[r]), -seats[r], r),
        lambda r: (-seats[r], r),
    )
    for order in orders:
        chosen: list[str] = []
        for role in sorted(roles, key=order):
            if not any(other in adjacent[role] for other in chosen):
                chosen.append(role)
        bound = max(bound, sum(seats[role] for role in chosen))
    return bound


def deferral_order(seats: Mapping[str, int], rank: Mapping[str, int]) -> list[str]:
    """The seats to defer, first to last, as a list of role ids (a role appears once per seat).

    Examples
    --------
    >>> deferral_order({"streamer": 2, "pr": 1, "owner": 1}, {"streamer": 1, "owner": 0, "pr": 9})
    ['streamer', 'pr', 'streamer', 'owner']
    """
    return [role for role, count in deferral_runs(seats, rank) for _ in range(count)]


def deferral_runs(seats: Mapping[str, int], rank: Mapping[str, int]) -> list[tuple[str, int]]:
    """:func:`deferral_order` as runs of one role: (role, seats in a row). Every role's seats but one come first,
    the least important role's first, then the last seat of each role in the same order; a team of thousands of
    seats has a few dozen runs.

    Examples
    --------
    >>> deferral_runs({"streamer": 3, "pr": 1, "owner": 1}, {"streamer": 1, "owner": 0, "pr": 9})
    [('streamer', 2), ('pr', 1), ('streamer', 1), ('owner', 1)]
    """
    ordered = sorted((role for role, count in seats.items() if count > 0), key=lambda role: (-rank[role], role))
    extra = [(role, seats[role] - 1) for role in ordered if seats[role] > 1]
    return extra + [(role, 1) for role in ordered]


def seats_before(seats: Mapping[str, int], runs: Sequence[tuple[str, int]], role: str) -> dict[str, int]:
    """The seats left when every seat the deferral order (``runs``, of :func:`deferral_runs`) puts before the first
    seat of ``role`` is deferred: the team that keeps ``role`` and everything more important."""
    return _seats_left(seats, _prefix_runs(runs, _first_seat(runs, role)))


def _prefix_runs(runs: Sequence[tuple[str, int]], length: int) -> list[tuple[str, int]]:
    """The first ``length`` seats of ``runs``, as runs."""
    taken: list[tuple[str, int]] = []
    for role, count in runs:
        if length <= 0:
            break
        taken.append((role, min(count, length)))
        length -= count
    return taken


def _seats_left(seats: Mapping[str, int], runs: Iterable[tuple[str, int]]) -> dict[str, int]:
    """The seats, less those of ``runs``."""
    remaining = dict(seats)
    for role, count in runs:
        remaining[role] -= count
    return remaining


def _first_seat(runs: Sequence[tuple[str, int]], role: str) -> int:
    """How many seats of ``runs`` come before the first seat of ``role``."""
    before = 0
    for each, count in runs:
        if each == role:
            return before
        before += count
    raise ValueError(f"{role!r} has no seat")


def team_cost(people: Iterable[Sequence[str]], cost: Mapping[str, float]) -> float:
    """What ``people`` (each a tuple of roles) cost a month: each the highest seat ``cost`` among their roles.

    Examples
    --------
    >>> team_cost([("owner",), ("streamer", "live_controller")], {"owner": 90, "streamer": 50, "live_controller": 30})
    140.0
    """
    return round(sum(max(cost[role] for role in person) for person in people) + 0.0, 2)


def fit_to_budget(
    seats: Mapping[str, int],
    can_cover: Sequence[tuple[str, str]],
    rank: Mapping[str, int],
    budget: int | None,
    *,
    cost: Mapping[str, float] | None = None,
    monthly_budget: float | None = None,
) -> dict[str, int]:
    """The seats to defer so that the rest fits ``budget`` people (and, with ``cost`` per seat of every role, costs
    at most ``monthly_budget`` a month): role → number of seats, in deferral order.

    Seats are deferred in :func:`deferral_order` until the team fits (the shortest such prefix, found by bisection:
    deferring a seat never makes the team larger, nor dearer), then given back role by role, the most important
    first, as many as the budget still allows. A team's people and cost are those of :func:`consolidate` (the
    cheapest team first when the budget is in money alone).

    Examples
    --------
    >>> fit_to_budget({"owner": 1, "streamer": 2, "pr": 1}, [], {"owner": 0, "streamer": 1, "pr": 9}, 2)
    {'streamer': 1, 'pr': 1}
    >>> cost = {"owner": 90, "streamer": 50, "pr": 40}
    >>> fit_to_budget({"owner": 1, "streamer": 2, "pr": 1}, [], {"owner": 0, "streamer": 1, "pr": 9}, None,
    ...               cost=cost, monthly_budget=150)
    {'streamer': 1, 'pr': 1}
    """
    ranks = tuple((role, rank[role]) for role in seats)
    prices = None if cost is None else tuple((role, cost[role]) for role in seats)
    return dict(_fit_to_budget(tuple(seats.items()), tuple(can_cover), ranks, budget, (prices, monthly_budget)))


@lru_cache(maxsize=8192)
def _fit_to_budget(
    held: tuple[tuple[str, int], ...],
    can_cover: tuple[tuple[str, str], ...],
    ranks: tuple[tuple[str, int], ...],
    budget: int | None,
    money: tuple[tuple[tuple[str, float], ...] | None, float | None],
) -> tuple[tuple[str, int], ...]:
    """:func:`fit_to_budget` of the seats ``held``, remembered: the budget that staffs each waiting role, and the
    budget claims of ``rules verify``, fit the same team to the same budgets again and again. ``money`` is the seat
    costs and the monthly budget."""
    prices, monthly_budget = money
    return _fitter(held, can_cover, ranks, prices).fit(budget, monthly_budget)


@lru_cache(maxsize=128)
def _fitter(
    held: tuple[tuple[str, int], ...],
    can_cover: tuple[tuple[str, str], ...],
    ranks: tuple[tuple[str, int], ...],
    prices: tuple[tuple[str, float], ...] | None,
) -> _Fitter:
    """The :class:`_Fitter` of one team, kept for the next budget asked about it (the teams a plan's staffing
    fits are asked about together)."""
    return _Fitter(held, can_cover, ranks, prices)


class _Fitter:
    """One team fitted to budgets: its seats, the pairs one person may hold, its keep-order and what a seat of each
    role costs (if known). The people and the cost of each smaller team it weighs are remembered, for the fits to
    different budgets weigh many of the same teams (every fit starts from the same deferral order)."""

    WEIGHED_LIMIT = 4096  # teams kept between fits

    def __init__(
        self,
        held: tuple[tuple[str, int], ...],
        can_cover: tuple[tuple[str, str], ...],
        ranks: tuple[tuple[str, int], ...],
        prices: tuple[tuple[str, float], ...] | None,
    ) -> None:
        self.seats = dict(held)
        self.can_cover = can_cover
        self.cost = None if prices is None else dict(prices)
        self.runs = deferral_runs(self.seats, dict(ranks))
        self.weighed: dict[tuple[bool, tuple[int, ...]], tuple[int, float | None]] = {}

    def without(self, length: int) -> dict[str, int]:
        """The seats left when the first ``length`` seats of the deferral order are deferred."""
        return _seats_left(self.seats, _prefix_runs(self.runs, length))

    def weigh(self, remaining: Mapping[str, int], cheapest_first: bool) -> tuple[int, float | None]:
        """The people and (with seat costs) the monthly cost of :func:`consolidate` of ``remaining`` (the seats of
        each of the team's roles, in the order of its seats)."""
        key = (cheapest_first, tuple(remaining.values()))
        found = self.weighed.get(key)
        if found is None:
            if len(self.weighed) >= self.WEIGHED_LIMIT:
                self.weighed = {}
            if self.cost is None:
                found = (_team_size(remaining, self.can_cover, cheapest_first), None)
            else:
                covers = _covers(remaining, self.can_cover, self.cost, cheapest_first)
                people = [person for found, _, _ in covers for person in found]  # as consolidate, without its bound
                found = (len(people), team_cost(sorted(people), self.cost))
            self.weighed[key] = found
        return found

    def fit(self, budget: int | None, monthly_budget: float | None) -> tuple[tuple[str, int], ...]:
        """:func:`fit_to_budget` of the team: the seats deferred, by role, in deferral order."""
        seats = self.seats
        cheapest_first = budget is None

        def fits(remaining: Mapping[str, int]) -> bool:
            size, cost = self.weigh(remaining, cheapest_first)
            if budget is not None and size > budget:
                return False
            return monthly_budget is None or cost is None or cost <= monthly_budget

        low, high = 0, sum(seats.values())  # without every seat is nobody, who fits any budget
        while low < high:
            middle = (low + high) // 2
            if fits(self.without(middle)):
                high = middle
            else:
                low = middle + 1
        dropped = _prefix_runs(self.runs, low)
        remaining = _seats_left(seats, dropped)
        last = dropped[-1][0] if dropped else None  # the seat whose deferral made the team fit stays deferred
        before_last = [*dropped[:-1], (dropped[-1][0], dropped[-1][1] - 1)] if dropped else []
        for role in dict.fromkeys(role for role, count in reversed(before_last) if count):  # most important first
            most = seats[role] - remaining[role] - (1 if role == last else 0)
            low, high = 0, most
            while low < high:
                middle = (low + high + 1) // 2
                if fits({**remaining, role: remaining[role] + middle}):
                    low = middle
                else:
                    high = middle - 1
            remaining[role] += low
        return tuple(
            (role, seats[role] - remaining[role])
            for role in dict.fromkeys(role for role, _ in dropped)
            if seats[role] > remaining[role]
        )


def budget_to_staff(
    seats: Mapping[str, int], can_cover: Sequence[tuple[str, str]], rank: Mapping[str, int], role: str, budget: int
) -> int:
    """The smallest budget above ``budget`` from which on :func:`fit_to_budget` defers no seat of ``role``: it and
    every larger budget staff the role in full.

    Seats are deferred as a prefix of :func:`deferral_order`, so ``role`` keeps every seat once the prefix stops
    before its first seat in that order: at the size of the team without the seats before it, and above. Giving
    seats back can staff it in full at smaller budgets too, so the budgets below are tried downwards while they do.
    "From which on" matters: a role staffed in full at one budget can lose a seat at the next, when one more person
    lets a seat of a more important role back in and what fits beside it changes (tests/test_staffing.py has a team
    of six roles staffed in full at 3 people and not at 4), and a seller raising the budget to the number named
    must not find the role short again above it.

    Examples
    --------
    >>> seats, rank = {"owner": 1, "streamer": 2, "pr": 1}, {"owner": 0, "streamer": 1, "pr": 9}
    >>> fit_to_budget(seats, [], rank, 2), budget_to_staff(seats, [], rank, "pr", 2)
    ({'streamer': 1, 'pr': 1}, 3)
    >>> budget_to_staff(seats, [], rank, "streamer", 2)
    4
    """
    ranks = tuple((name, rank[name]) for name in seats)
    return _budget_to_staff(tuple(seats.items()), tuple(can_cover), ranks, role, budget)


@lru_cache(maxsize=8192)
def _budget_to_staff(
    held: tuple[tuple[str, int], ...],
    can_cover: tuple[tuple[str, str], ...],
    ranks: tuple[tuple[str, int], ...],
    role: str,
    budget: int,
) -> int:
    """:func:`budget_to_staff` of the seats ``held``, remembered: plans of other businesses with the same seats and
    keep-order (their reasons differ) ask it again."""
    team = _fitter(held, can_cover, ranks, None)
    least = team.weigh(seats_before(team.seats, team.runs, role), False)[0]  # by the prefix
    while least - 1 > budget and all(
        deferred != role for deferred, _ in _fit_to_budget(held, can_cover, ranks, least - 1, (None, None))
    ):
        least -= 1
    return least


MAX_HEADCOUNT = 10_000


def workload_headcounts(book: Rulebook, profile: BusinessProfile) -> dict[str, int]:
    """Headcount per role from the profile's workload, for the roles whose measure the profile gives."""
    for name in profile.assumptions:
        if name not in book.assumptions:
            raise ProfileError(f"unknown assumption '{name}'{suggest(name, book.assumptions)}", "assumptions")
    measures = profile.workload()
    sized = {}
    for role_id, load in book.workloads.items():
        if load.measure in measures:
            capacity = profile.assumptions.get(load.per, book.assumptions[load.per].value)
            sized[role_id] = max(1, math.ceil(measures[load.measure] / capacity - 1e-9))
            if sized[role_id] > MAX_HEADCOUNT:
                raise ProfileError(
                    f"{load.measure} {measures[load.measure]:g} at {capacity:g} per person ({load.per}) needs "
                    f"{sized[role_id]} people as {role_id}, more than the {MAX_HEADCOUNT} a role can plan for; "
                    "check the workload and the assumption",
                    "assumptions" if load.per in profile.assumptions else load.measure,
                )
    return sized


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
