"""The difference between two plans: roles added, removed and re-sized, edges new and dropped, advice gained and
lost, each with the rules responsible; and the profile fields that differ.

A :class:`PlanDiff` reads from an earlier plan (``before``, "A") to a later one (``after``, "B") of the same rulebook.
The rules responsible for a role's arrival or departure are those that add or remove it and fire in one plan only
(:class:`ChangeReason`: ``starts`` when it fires in B only, ``stops`` when in A only); for a re-sized role, the rules
that set its headcount and fire in one plan only (none when the workload sized it). An edge cites the rules that draw it
in the plan that has it (``reports_to`` edges follow the catalog and cite none); advice cites the rules that give it.
``collaborates`` and ``can_cover`` edges, stored both ways in a plan's graph, are listed once, from the smaller id.

Each reason carries its sentence as the plan where its rule fires says it (:mod:`tiktok_team._sentences`): a rule
that starts to add a role reads as the later plan's ``why`` of it, one that stops as the earlier plan's. Each role
carries its names and its department's, and :attr:`PlanDiff.names` names every id the difference holds.

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
from ._graph import graph_data
from ._lazy import publish
from ._names import names_data, names_of, unit_names
from ._pay import money
from ._plan import Advice, BilingualText, Explained, Plan, UnitNames
from ._schema_version import with_schema_version
from ._sentences import edge_reason, overruled_reason, role_reason

__all__ = [
    "EDGE_KINDS",
    "AdviceChanges",
    "ChangeReason",
    "EdgeChange",
    "EdgeChanges",
    "FactChange",
    "HeadcountChange",
    "PlanDiff",
    "RoleChange",
    "plan_diff",
]

EDGE_KINDS: tuple[str, ...] = ("reports_to", *RELATION_KINDS)


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class ChangeReason(Explained):
    """A rule responsible for a change: it ``starts`` to fire in the later plan, or ``stops``; its ``sentence`` is
    what the plan where it fires says of it."""

    change: Literal["starts", "stops"]


class RoleChange(_Out):
    """A role that arrives (its headcount in the later plan) or leaves (its headcount in the earlier one), with its
    names and its department's; with pay, what those seats cost a month (null without pay for the role)."""

    role: str
    name: BilingualText
    department_name: BilingualText
    headcount: int
    reasons: tuple[ChangeReason, ...]
    cost: float | None = None


class HeadcountChange(_Out):
    """A role in both plans whose headcount changes, with its names and its department's; with pay, the change in
    its monthly cost."""

    role: str
    name: BilingualText
    department_name: BilingualText
    before: int
    after: int
    reasons: tuple[ChangeReason, ...]
    cost: float | None = None


class EdgeChange(_Out):
    """An edge of the role graph present in one plan only, with the rules that draw it there."""

    source: str
    target: str
    reasons: tuple[Explained, ...]

    def ends(self) -> tuple[str, str]:
        """The ids the edge joins: its source and its target."""
        return self.source, self.target


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
    resized : tuple of HeadcountChange, by role id
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
    resized: tuple[HeadcountChange, ...]
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

    @property
    def names(self) -> dict[str, UnitNames]:
        """The names of every role, team and department id the difference holds (its roles and the ends of its
        edges), each with its department's name.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> a = recommend({"stage": "growth", "sourcing": "own_stock"})
        >>> change = a.diff(recommend({"stage": "growth", "sourcing": "own_stock", "paid_ads": True}))
        >>> change.names["ad_buyer"].department_name.zh
        '广告投放部'
        """
        roles = [*(change.role for change in (*self.added, *self.removed)), *(r.role for r in self.resized)]
        ends = [
            end for changes in self.edges.values() for edge in (*changes.new, *changes.dropped) for end in edge.ends()
        ]
        return names_of(self.after.rulebook, [*roles, *ends])

    def to_dict(self, *, versioned: bool = True) -> dict[str, Any]:
        """The difference as plain data (what ``tiktok-team compare A B --format json`` prints): the keys
        ``schema_version``, ``profile``, ``unchanged``, ``headcount`` (``before``, ``after``), ``added``,
        ``removed``, ``resized``, ``edges`` (by kind: ``new``, ``dropped``), ``advice`` (``gained``, ``lost``) and
        ``names`` (:attr:`names`) and ``cost`` (null without pay). ``versioned=False`` leaves out ``schema_version``
        and ``names``, for a difference nested in another output (the ``diff`` of a what-if row), whose top level
        carries them.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> a = recommend({"stage": "growth", "sourcing": "own_stock"})
        >>> data = a.diff(recommend({"stage": "growth", "sourcing": "own_stock", "paid_ads": True})).to_dict()
        >>> data["profile"], [(r["role"], r["headcount"]) for r in data["added"]]
        ([{'field': 'paid_ads', 'before': False, 'after': True}], [('ad_buyer', 1)])
        >>> [reason["rule"] for reason in data["added"][0]["reasons"]]
        ['ad-buyer-runs-campaigns', 'growth-ad-buyer']
        >>> data["added"][0]["name"], data["names"]["ad_buyer"]["department_name"]["en"]
        ({'en': 'Ad buyer', 'zh': '投手'}, 'Advertising')
        """
        data = self.model_dump(mode="json")
        headcount = {"before": data.pop("headcount_before"), "after": data.pop("headcount_after")}
        found = {"profile": data.pop("profile"), "unchanged": self.unchanged, "headcount": headcount, **data}
        return (
            with_schema_version({**found, "names": names_data(self.after.rulebook, self.names)}) if versioned else found
        )


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
    (7, 12, ['live_planner', 'product_selector'])
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
    named = unit_names(after.rulebook)
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
            RoleChange(
                role=role, **dict(named[role]), headcount=count, reasons=causes.of(role, "roles"), cost=b_cost.get(role)
            )
            for role, count in new.items()
            if role not in old
        ),
        removed=tuple(
            RoleChange(
                role=role, **dict(named[role]), headcount=count, reasons=causes.of(role, "roles"), cost=a_cost.get(role)
            )
            for role, count in old.items()
            if role not in new
        ),
        resized=tuple(
            HeadcountChange(
                role=role,
                **dict(named[role]),
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
        self.plans = {"starts": after, "stops": before}
        a_fired, b_fired = set(before.outcome.fired), set(after.outcome.fired)
        self.changed = {rule_id: "starts" if rule_id in b_fired else "stops" for rule_id in a_fired ^ b_fired}

    def of(self, role: str, what: Literal["roles", "scale"]) -> tuple[ChangeReason, ...]:
        """The changed rules that add or remove ``role`` (``roles``), or that set its headcount (``scale``)."""
        found = []
        for rule_id, change in sorted(self.changed.items()):
            rule = self.book.rules[rule_id]
            touches = role in rule.scale if what == "scale" else role in (*rule.roles_added(), *rule.roles_removed())
            if touches:
                found.append(ChangeReason(**dict(_said_in(self.plans[change], role, rule_id)), change=change))
        return tuple(found)


def _said_in(plan: Plan, role_id: str, rule_id: str) -> Explained:
    """The reason of ``rule_id`` (which fires in ``plan``) for ``role_id``: as the plan attaches it to the role,
    planned or left out; else as ``why`` or ``why_not`` says it (a rule that sizes a role the workload sized, or one
    that lost on precedence)."""
    book = plan.rulebook
    alternative = plan.outcome.fired[rule_id].alternative
    planned = next((role for role in plan.roles if role.id == role_id), None)
    attached = planned.reasons if planned else next(left.reasons for left in plan.excluded if left.id == role_id)
    found = next((reason for reason in attached if reason.rule == rule_id), None)
    if found is not None:
        return found
    if planned is not None and role_id in book.rules[rule_id].scale:
        return role_reason(book, rule_id, role_id, alternative)
    return overruled_reason(book, rule_id, planned is not None, alternative)


def _edges(plan: Plan) -> dict[tuple[str, str, str], str]:
    """The plan's edges as (source, target, kind) → the ids of the rules that draw it, symmetric kinds once: read off
    the graph's node-link data (:func:`~tiktok_team._graph.graph_data`), which drawing the networkx graph of every
    plan compared (a what-if table compares a dozen) took twice as long to give."""
    found: dict[tuple[str, str, str], str] = {}
    for link in graph_data(plan.rulebook, *plan._graph_inputs())["links"]:
        tail, head, kind = link["source"], link["target"], link["key"]
        source, target = (head, tail) if kind in SYMMETRIC_KINDS and tail > head else (tail, head)
        found[source, target, kind] = link.get("rules", "")
    return found


def _edge_changes(
    plan: Plan, edges: Mapping[tuple[str, str, str], str], other: Mapping[tuple[str, str, str], str], kind: str
) -> tuple[EdgeChange, ...]:
    """The edges of ``kind`` in ``edges`` (those of ``plan``) and not in ``other``, citing the rules of ``plan``."""
    book = plan.rulebook
    fired = plan.outcome.fired
    return tuple(
        EdgeChange(
            source=source,
            target=target,
            reasons=tuple(
                edge_reason(book, rule_id, (source, target, kind), fired[rule_id].alternative)
                for rule_id in rules.split(",")
                if rule_id
            ),
        )
        for (source, target, edge_kind), rules in sorted(edges.items())
        if edge_kind == kind and (source, target, edge_kind) not in other
    )


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
