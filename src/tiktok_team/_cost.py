"""What a plan costs a month: each role's seats at their pay, each department, the whole team, and the change
between two plans. Pricing is arithmetic on the plan's seats with the profile's :class:`~tiktok_team._pay.Pay`: it
decides nothing (the staffing under a budget in money is :func:`tiktok_team._staffing.fit_to_budget`'s).

A role's cost is its headcount times the cost of one seat (pay times on-cost). Where a source says two planned roles
are one person (a shared seat), the pair is one person at the higher seat cost, so the total counts it once, as
:attr:`Plan.people <tiktok_team._plan.Plan.people>` does. A role without pay is listed in ``unpriced`` and left out of
every sum (never counted as free); such a total is ``complete: false``, the cost of the priced roles only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from pydantic import BaseModel, ConfigDict

from ._lazy import publish
from ._pay import Pay, money

__all__ = ["CostChange", "DepartmentCost", "PlanCost", "RoleCost", "cost_change", "price_roles", "role_costs"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class RoleCost(_Out):
    """A planned role's monthly cost: ``headcount`` seats at ``pay`` each (as given, before the on-cost); both
    null without pay for the role."""

    role: str
    headcount: int
    pay: float | None
    cost: float | None


class DepartmentCost(_Out):
    """A department's monthly cost (``owner`` for the leadership): the sum of its priced roles, and those unpriced."""

    department: str
    cost: float
    unpriced: tuple[str, ...]


class PlanCost(_Out):
    """What a plan costs a month, in ``currency`` with ``on_cost`` applied: per role, per department (in the plan's
    order), and in ``total`` when every role has its own people (a shared seat counted once, at the higher seat
    cost: ``shared`` is what that saves). ``unpriced`` are the planned roles without pay, left out of every sum;
    ``complete`` is false when there are any."""

    currency: str
    on_cost: float
    roles: tuple[RoleCost, ...]
    departments: tuple[DepartmentCost, ...]
    shared: float
    total: float
    unpriced: tuple[str, ...]
    complete: bool

    def of(self, role: str) -> float | None:
        """The monthly cost of ``role``'s seats, or None if it has no pay or is not in the plan.

        Examples
        --------
        >>> cost = price_roles(Pay(currency="XTS", roles={"owner": 100}), [("owner", None, 1), ("pr", "support", 2)])
        >>> cost.of("owner"), cost.of("pr"), cost.total, cost.unpriced
        (100.0, None, 100.0, ('pr',))
        """
        return next((each.cost for each in self.roles if each.role == role), None)


def price_roles(
    pay: Pay, roles: Iterable[tuple[str, str | None, int]], shared: Iterable[tuple[str, ...]] = ()
) -> PlanCost:
    """The :class:`PlanCost` of planned ``roles`` (id, department, headcount, in the plan's order) at ``pay``, with
    the ``shared`` pairs of roles that one person holds.

    Examples
    --------
    >>> pay = Pay(currency="XTS", roles={"owner": 100, "video_set_builder": 30, "live_set_designer": 40})
    >>> roles = [("owner", None, 1), ("video_set_builder", "content", 1), ("live_set_designer", "content", 1)]
    >>> cost = price_roles(pay, roles, [("live_set_designer", "video_set_builder")])
    >>> cost.total, cost.shared, [(d.department, d.cost) for d in cost.departments]
    (140.0, 30.0, [('owner', 100.0), ('content', 70.0)])
    """
    priced: list[RoleCost] = []
    departments: dict[str, list[RoleCost]] = defaultdict(list)
    counts: dict[str, int] = {}
    for role, department, headcount in roles:
        seat = pay.seat(role)
        each = RoleCost(
            role=role,
            headcount=headcount,
            pay=pay.roles.get(role),
            cost=None if seat is None else money(seat * headcount),
        )
        priced.append(each)
        departments[department or "owner"].append(each)
        counts[role] = headcount
    saved = 0.0
    for pair in shared:
        seats = [pay.seat(role) for role in pair]
        if all(role in counts for role in pair) and all(seat is not None for seat in seats):
            saved += min(counts[role] for role in pair) * min(seat for seat in seats if seat is not None)
    unpriced = tuple(each.role for each in priced if each.cost is None)
    return PlanCost(
        currency=pay.currency,
        on_cost=pay.on_cost,
        roles=tuple(priced),
        departments=tuple(
            DepartmentCost(
                department=department,
                cost=money(sum(each.cost for each in items if each.cost is not None)),
                unpriced=tuple(each.role for each in items if each.cost is None),
            )
            for department, items in departments.items()
        ),
        shared=money(saved),
        total=money(sum(each.cost for each in priced if each.cost is not None) - saved),
        unpriced=unpriced,
        complete=not unpriced,
    )


class CostChange(_Out):
    """What changes in the monthly cost from one plan to another: both totals and the ``delta`` (after − before),
    in ``currency``; ``complete`` is false when either plan has roles without pay (the totals are of priced roles)."""

    currency: str
    before: float
    after: float
    delta: float
    complete: bool


def cost_change(before: PlanCost | None, after: PlanCost | None) -> CostChange | None:
    """The :class:`CostChange` between two plans' costs; None unless both are priced in the same currency.

    Examples
    --------
    >>> pay = Pay(currency="XTS", roles={"owner": 100, "pr": 40})
    >>> a, b = price_roles(pay, [("owner", None, 1)]), price_roles(pay, [("owner", None, 1), ("pr", "support", 2)])
    >>> cost_change(a, b).delta
    80.0
    """
    if before is None or after is None or before.currency != after.currency:
        return None
    return CostChange(
        currency=after.currency,
        before=before.total,
        after=after.total,
        delta=money(after.total - before.total),
        complete=before.complete and after.complete,
    )


def role_costs(cost: PlanCost | None) -> Mapping[str, float | None]:
    """Each planned role's monthly cost (None without pay); empty without a plan cost."""
    return {} if cost is None else {each.role: each.cost for each in cost.roles}


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
