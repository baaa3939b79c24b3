"""A plan's staffing within its budgets: who holds which roles, which seats wait, and what the people cost.

:func:`staff` turns a plan's seats into a :class:`~tiktok_team._plan.Staffing` with the algorithms of
:mod:`tiktok_team._staffing` (consolidation, the keep-order, the fit to a budget) and prices people with the
profile's :class:`~tiktok_team._pay.Pay`: a person costs the highest seat cost among the roles they hold.

The budgets are a ``headcount_budget`` (people), a ``monthly_budget`` (money), or both:

* **people only**: the fewest people; seats wait in the keep-order until the team fits; ``staffed_from`` is the
  smallest budget from which on a waiting role is staffed in full (:func:`~tiktok_team._staffing.budget_to_staff`);
* **money only**: the cheapest team (then the fewest people) with the same keep-order and consolidation; the money
  is checked only where every planned role has pay (``fits_money`` is null otherwise, and the team is held to the
  most people the money could pay, ``budget``);
* **both**: the fewest people, the cheapest such, within both.

With money, a waiting role's ``staffed_from_cost`` is the monthly cost of the team that keeps it and every role
before it in the keep-order (a budget of that much staffs it in full), ``staffed_from`` that team's people; and
``next_seat`` says what staffing the most important waiting seat would add to the cost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ._pay import money
from ._plan import Deferral, Explained, NextSeat, Person, PlannedRole, Staffing, UnitNames
from ._profile import BusinessProfile
from ._staffing import budget_to_staff, consolidate, deferral_runs, fit_to_budget, seats_before, team_cost

__all__ = ["staff"]


def staff(
    profile: BusinessProfile,
    planned: Sequence[PlannedRole],
    pairs: Sequence[tuple[str, str]],
    ordering: tuple[Mapping[str, tuple[Any, ...]], Mapping[str, UnitNames]],
    ranked_by: Mapping[str, tuple[Explained, ...]],
) -> Staffing:
    """The staffing of ``planned`` within ``profile``'s budgets (see the module), where one person may hold the roles
    of each of ``pairs``; people list their roles in the plan's ``order``, a deferral names its role with the plan's
    names and cites the rules that rank it (``ranked_by``): ``ordering`` is (order, names).

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> pay = {"currency": "XTS", "roles": {"owner": 9, "streamer": 5, "live_controller": 3, "product_selector": 3,
    ...        "assistant_streamer": 2}}
    >>> plan = recommend({"stage": "startup", "sourcing": "affiliate_pool", "pay": pay, "monthly_budget": 14})
    >>> plan.staffing.cost, [person.roles for person in plan.staffing.within_budget], plan.staffing.within_budget_cost
    (17.0, [('owner', 'product_selector'), ('streamer',)], 14.0)
    >>> [(d.role, d.cost, d.staffed_from_cost) for d in plan.staffing.deferred]
    [('assistant_streamer', 2.0, 17.0), ('live_controller', 3.0, 17.0)]
    >>> plan.staffing.next_seat
    NextSeat(role='live_controller', cost=3.0)
    """
    order, names = ordering
    seats = {role.id: role.headcount for role in planned}
    rank = {role.id: role.rank for role in planned}
    pay = profile.pay
    priced = {role_id: pay.seat(role_id) for role_id in seats} if pay is not None else {}
    cost = {r: c for r, c in priced.items() if c is not None} if pay is not None else None
    if cost is not None and len(cost) < len(seats):
        cost = None  # a role without pay: no team can be priced
    cash = profile.monthly_budget if cost is not None else None
    budget: int = profile.facts()["headcount_budget"]
    limit = None if profile.headcount_budget is None and cash is not None else budget  # people, where they count
    cheapest = limit is None

    def fits(people: Sequence[tuple[str, ...]]) -> bool:
        within = limit is None or len(people) <= limit
        return within and (cash is None or cost is None or team_cost(people, cost) <= cash)

    full = consolidate(seats, pairs, cost, cheapest)
    feasible = fits(full.people)
    deferred = {} if feasible else fit_to_budget(seats, pairs, rank, limit, cost=cost, monthly_budget=cash)
    reach = _reach(seats, pairs, rank, deferred, (limit, cost, cash))
    remaining = {role_id: count - deferred.get(role_id, 0) for role_id, count in seats.items()}
    fitted = consolidate(remaining, pairs, cost, cheapest)

    def people(groups: Iterable[tuple[str, ...]]) -> tuple[Person, ...]:
        held = sorted(
            (tuple(sorted(roles, key=order.__getitem__)) for roles in groups), key=lambda r: [order[x] for x in r]
        )
        return tuple(
            Person(id=f"person-{n}", roles=roles, cost=None if pay is None else pay.person(roles))
            for n, roles in enumerate(held, start=1)
        )

    return Staffing(
        budget=budget,
        feasible=feasible,
        minimum=full.size,
        exact=full.exact,
        lower_bound=full.lower_bound,
        people=people(full.people),
        deferred=tuple(
            Deferral(
                role=role_id,
                name=names[role_id].name,
                department_name=names[role_id].department_name,
                headcount=count,
                reasons=ranked_by.get(role_id, ()),
                staffed_from=reach[role_id][0],
                cost=_seats_cost(priced.get(role_id), count),
                staffed_from_cost=reach[role_id][1],
            )
            for role_id, count in deferred.items()
        ),
        within_budget=people(fitted.people),
        monthly_budget=profile.monthly_budget,
        fits_money=None if cash is None or cost is None else team_cost(full.people, cost) <= cash,
        cost=None if cost is None else team_cost(full.people, cost),
        within_budget_cost=None if cost is None else team_cost(fitted.people, cost),
        next_seat=_next_seat(deferred, remaining, pairs, (cost, cheapest), fitted.people),
    )


def _seats_cost(seat: float | None, count: int) -> float | None:
    return None if seat is None else money(seat * count)


def _reach(
    seats: Mapping[str, int],
    pairs: Sequence[tuple[str, str]],
    rank: Mapping[str, int],
    deferred: Mapping[str, int],
    budgets: tuple[int | None, Mapping[str, float] | None, float | None],
) -> dict[str, tuple[int, float | None]]:
    """For each deferred role, a budget that staffs all its seats: in people alone, the smallest such; with money,
    the people and the monthly cost of the team that keeps the role and every role before it in the keep-order."""
    limit, cost, cash = budgets
    if cash is None or cost is None:  # people alone: the budget is ``limit``
        return {role_id: (budget_to_staff(seats, pairs, rank, role_id, limit or 0), None) for role_id in deferred}
    runs = deferral_runs(seats, rank)
    found: dict[str, tuple[int, float | None]] = {}
    for role_id in deferred:
        team = consolidate(seats_before(seats, runs, role_id), pairs, cost, limit is None)
        found[role_id] = (team.size, team_cost(team.people, cost))
    return found


def _next_seat(
    deferred: Mapping[str, int],
    remaining: Mapping[str, int],
    pairs: Sequence[tuple[str, str]],
    costing: tuple[Mapping[str, float] | None, bool],
    fitted: Sequence[tuple[str, ...]],
) -> NextSeat | None:
    """The most important deferred seat (deferred last, staffed first), and what it adds to the team's cost."""
    if not deferred:
        return None
    cost, cheapest = costing
    role_id = list(deferred)[-1]
    if cost is None:
        return NextSeat(role=role_id, cost=None)
    grown = consolidate({**remaining, role_id: remaining[role_id] + 1}, pairs, cost, cheapest)
    return NextSeat(role=role_id, cost=money(team_cost(grown.people, cost) - team_cost(fitted, cost)))
