"""The difference between two plans: roles added, removed and re-sized, edges new and dropped, advice gained and
lost, each with the rules responsible; and the profile fields that differ.

A :class:`PlanDiff` reads from an earlier plan (``before``, "A") to a later one (``after``, "B") of the same rulebook.
The rules responsible for a role's arrival or departure are those that add or remove it and fire in one plan only
(:class:`Cause`: ``starts`` when it fires in B only, ``stops`` when in A only); for a re-sized role, the rules that
set its headcount and fire in one plan only (none when the workload sized it). An edge cites the rules that draw it
in the plan that has it (``reports_to`` edges follow the catalog and cite none); advice cites the rules that give it.
``collaborates`` and ``can_cover`` edges, stored both ways in a plan's graph, are listed once, from the smaller id.

With pay in both profiles (the same currency), each role change carries its monthly ``cost``: an arriving role's
seats in B, a leaving role's in A, a re-sized role's difference (B's seats at B's pay, minus A's at A's); and the
difference has the ``cost`` of both plans and the ``delta``. Without pay they are null.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ._cost import CostChange, cost_change, role_costs
from ._entries import RELATION_KINDS, SYMMETRIC_KINDS
from ._errors import PlanError
from ._pay import money
from ._plan import Advice, Plan, Reason
from ._schema_version import with_schema_version

__all__ = [
    "EDGE_KINDS",
    "AdviceChanges",
    "Cause",
    "EdgeChange",
    "EdgeChanges",
    "FactChange",
    "PlanDiff",
    "Resize",
    "RoleChange",
    "plan_diff",
]

EDGE_KINDS: tuple[str, ...] = ("reports_to", *RELATION_KINDS)


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Cause(Reason):
    """A rule responsible for a change: it ``starts`` to fire in the later plan, or ``stops``."""

    change: Literal["starts", "stops"]


class RoleChange(_Out):
    """A role that arrives (its headcount in the later plan) or leaves (its headcount in the earlier one); with
    pay, what those seats cost a month (null without pay for the role)."""

    role: str
    headcount: int
    reasons: tuple[Cause, ...]
    cost: float | None = None


class Resize(_Out):
    """A role in both plans whose headcount changes; with pay, the change in its monthly cost."""

    role: str
    before: int
    after: int
    reasons: tuple[Cause, ...]
    cost: float | None = None


class EdgeChange(_Out):
    """An edge of the role graph present in one plan only, with the rules that draw it there."""

    source: str
    target: str
    reasons: tuple[Reason, ...]


class EdgeChanges(_Out):
    """The edges of one kind that are ``new`` in the later plan, and those ``dropped`` from the earlier one."""

    new: tuple[EdgeChange, ...]
    dropped: tuple[EdgeChange, ...]


class AdviceChanges(_Out):
    """Advice the later plan gives and the earlier does not (``gained``), and the other way round (``lost``)."""

    gained: tuple[Advice, ...]
    lost: tuple[Advice, ...]


class FactChange(_Out):
    """A profile field whose value differs, as plain data (formats as a sorted list)."""

    field: str
    before: Any
    after: Any


class PlanDiff(_Out):
    """What changes from plan ``before`` (A) to plan ``after`` (B). Build one with :meth:`Plan.diff`.

    Attributes
    ----------
    profile : tuple of FactChange
        The profile fields that differ, in the order of the profile's fields; empty when the profiles are equal.
    added, removed : tuple of RoleChange, by role id
    resized : tuple of Resize, by role id
    edges : mapping of kind to EdgeChanges
        Every kind of :data:`EDGE_KINDS`, each edge list sorted by source then target.
    advice : AdviceChanges, by advice id
    headcount_before, headcount_after : int
        The plans' headcounts.
    cost : CostChange or None
        With pay in both profiles, in the same currency: the plans' monthly costs and the difference.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    profile: tuple[FactChange, ...]
    added: tuple[RoleChange, ...]
    removed: tuple[RoleChange, ...]
    resized: tuple[Resize, ...]
    edges: Mapping[str, EdgeChanges]
    advice: AdviceChanges
    headcount_before: int
    headcount_after: int
    cost: CostChange | None = None
    before: Plan = Field(exclude=True, repr=False)
    after: Plan = Field(exclude=True, repr=False)

    @property
    def unchanged(self) -> bool:
        """True when the plans have the same roles, headcounts, edges and advice.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> plan = recommend({"stage": "growth", "sourcing": "own_stock"})
        >>> plan.diff(plan).unchanged, plan.diff(plan).profile
        (True, ())
        """
        edges = any(changes.new or changes.dropped for changes in self.edges.values())
        return not (self.added or self.removed or self.resized or edges or self.advice.gained or self.advice.lost)

    def edge_count(self) -> int:
        """How many edges are new or dropped, all kinds together."""
        return sum(len(changes.new) + len(changes.dropped) for changes in self.edges.values())

    def apply(self, seats: Mapping[str, int]) -> dict[str, int]:
        """The seats (role → headcount) of the later plan, from those of the earlier one.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> a = recommend({"stage": "startup", "sourcing": "dropship"})
        >>> b = recommend({"stage": "mature", "sourcing": "dropship", "paid_ads": True})
        >>> a.diff(b).apply({r.id: r.headcount for r in a.roles}) == {r.id: r.headcount for r in b.roles}
        True
        """
        gone = {change.role for change in self.removed}
        after = {role: count for role, count in seats.items() if role not in gone}
        after.update({change.role: change.headcount for change in self.added})
        after.update({change.role: change.after for change in self.resized})
        return dict(sorted(after.items()))

    def to_dict(self, *, versioned: bool = True) -> dict[str, Any]:
        """The difference as plain data (what ``tiktok-team compare A B --format json`` prints): the keys
        ``schema_version``, ``profile``, ``unchanged``, ``headcount`` (``before``, ``after``), ``added``,
        ``removed``, ``resized``, ``edges`` (by kind: ``new``, ``dropped``), ``advice`` (``gained``, ``lost``) and
        ``cost`` (null without pay).
        ``versioned=False`` leaves out ``schema_version``, for a difference nested in another output (the ``diff``
        of a what-if row), whose top level carries it.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> a = recommend({"stage": "growth", "sourcing": "own_stock"})
        >>> data = a.diff(recommend({"stage": "growth", "sourcing": "own_stock", "paid_ads": True})).to_dict()
        >>> data["profile"], [(r["role"], r["headcount"]) for r in data["added"]]
        ([{'field': 'paid_ads', 'before': False, 'after': True}], [('ad_buyer', 1)])
        >>> [reason["rule"] for reason in data["added"][0]["reasons"]]
        ['ad-buyer-runs-campaigns', 'growth-ad-buyer']
        """
        data = self.model_dump(mode="json")
        headcount = {"before": data.pop("headcount_before"), "after": data.pop("headcount_after")}
        found = {"profile": data.pop("profile"), "unchanged": self.unchanged, "headcount": headcount, **data}
        return with_schema_version(found) if versioned else found


def plan_diff(before: Plan, after: Plan) -> PlanDiff:
    """The :class:`PlanDiff` from ``before`` to ``after`` (what :meth:`Plan.diff` returns).

    Raises
    ------
    PlanError
        If the plans come from rulebooks with different rule files.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> startup = recommend({"stage": "startup", "sourcing": "own_stock"})
    >>> change = plan_diff(startup, recommend({"stage": "growth", "sourcing": "own_stock"}))
    >>> change.headcount_before, change.headcount_after, [role.role for role in change.added][:2]
    (7, 12, ['aftersales_cs', 'live_planner'])
    """
    if before.rulebook is not after.rulebook and before.rulebook.files != after.rulebook.files:
        raise PlanError(
            "cannot compare plans made with different rule files: "
            f"{', '.join(before.rulebook.files)} and {', '.join(after.rulebook.files)}"
        )
    old = {role.id: role.headcount for role in before.roles}
    new = {role.id: role.headcount for role in after.roles}
    change = cost_change(before.cost, after.cost)
    a_cost, b_cost = (role_costs(plan.cost) if change is not None else {} for plan in (before, after))
    causes = _Causes(before, after)
    a_profile = before.profile.model_dump(mode="json")
    b_profile = after.profile.model_dump(mode="json")
    a_edges, b_edges = _edges(before), _edges(after)
    a_advice, b_advice = {a.id for a in before.advice}, {a.id for a in after.advice}
    return PlanDiff(
        profile=tuple(
            FactChange(field=name, before=a_profile[name], after=b_profile[name])
            for name in a_profile
            if a_profile[name] != b_profile[name]
        ),
        added=tuple(
            RoleChange(role=role, headcount=count, reasons=causes.of(role, "roles"), cost=b_cost.get(role))
            for role, count in new.items()
            if role not in old
        ),
        removed=tuple(
            RoleChange(role=role, headcount=count, reasons=causes.of(role, "roles"), cost=a_cost.get(role))
            for role, count in old.items()
            if role not in new
        ),
        resized=tuple(
            Resize(
                role=role,
                before=old[role],
                after=count,
                reasons=causes.of(role, "scale"),
                cost=_difference(a_cost.get(role), b_cost.get(role)),
            )
            for role, count in new.items()
            if role in old and old[role] != count
        ),
        edges={
            kind: EdgeChanges(
                new=_edge_changes(after, b_edges, a_edges, kind), dropped=_edge_changes(before, a_edges, b_edges, kind)
            )
            for kind in EDGE_KINDS
        },
        advice=AdviceChanges(
            gained=tuple(a for a in after.advice if a.id not in a_advice),
            lost=tuple(a for a in before.advice if a.id not in b_advice),
        ),
        headcount_before=before.headcount,
        headcount_after=after.headcount,
        cost=change,
        before=before,
        after=after,
    )


def _difference(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else money(after - before)


class _Causes:
    """The rules that fire in one of the two plans only, as causes of the changes to each role."""

    def __init__(self, before: Plan, after: Plan) -> None:
        self.book = after.rulebook
        a_fired, b_fired = set(before.outcome.fired), set(after.outcome.fired)
        self.changed = {rule_id: "starts" if rule_id in b_fired else "stops" for rule_id in a_fired ^ b_fired}

    def of(self, role: str, what: Literal["roles", "scale"]) -> tuple[Cause, ...]:
        """The changed rules that add or remove ``role`` (``roles``), or that set its headcount (``scale``)."""
        found = []
        for rule_id, change in sorted(self.changed.items()):
            rule = self.book.rules[rule_id]
            touches = role in rule.scale if what == "scale" else role in (*rule.roles_added(), *rule.roles_removed())
            if touches:
                found.append(Cause(**Reason.of(rule).model_dump(), change=change))
        return tuple(found)


def _edges(plan: Plan) -> dict[tuple[str, str, str], str]:
    """The plan's edges as (source, target, kind) → the ids of the rules that draw it, symmetric kinds once."""
    found: dict[tuple[str, str, str], str] = {}
    for tail, head, kind, rules in plan.graph.edges(keys=True, data="rules", default=""):
        source, target = (head, tail) if kind in SYMMETRIC_KINDS and tail > head else (tail, head)
        found[source, target, kind] = rules
    return found


def _edge_changes(
    plan: Plan, edges: Mapping[tuple[str, str, str], str], other: Mapping[tuple[str, str, str], str], kind: str
) -> tuple[EdgeChange, ...]:
    """The edges of ``kind`` in ``edges`` (those of ``plan``) and not in ``other``, citing the rules of ``plan``."""
    book = plan.rulebook
    return tuple(
        EdgeChange(
            source=source,
            target=target,
            reasons=tuple(Reason.of(book.rules[rule_id]) for rule_id in rules.split(",") if rule_id),
        )
        for (source, target, edge_kind), rules in sorted(edges.items())
        if edge_kind == kind and (source, target, edge_kind) not in other
    )
