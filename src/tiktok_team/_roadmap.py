"""The growth roadmap: from a business's stage to the next one and on to maturity, as an ordered hiring plan; or,
for one stage, from one workload to the next (``workloads``), as the hires the growing workload calls for.

Each :class:`RoadmapStep` compares the plans of two consecutive stages for the same facts (their
:class:`~tiktok_team._diff.PlanDiff`): the roles that arrive, the roles that are split (their duties move to new
roles), the roles that grow, and the advice that is new at the later stage. Its ``hires`` are ordered by the ranks
the rulebook gives roles (the streamer and the goods first, G14 and G18; unranked roles last), then by id, and
:meth:`RoadmapStep.apply` turns the earlier plan's seats into the later plan's.

Each hire and split carries the role's names and its department's, each reason its sentence (a hire's reasons are
those of the role in the later plan), and :attr:`Roadmap.names` names every role, team and department id it holds.

Where the workload sizes a role (live hours, videos, orders, ad campaigns through the capacity assumptions), a
hire says what calls for its last seat (:class:`Trigger`: "the 2nd streamer once live hours pass 4 a day"). A
roadmap over growing ``workloads`` hires one seat at a time, in the order the workload calls for them: by how far
into the step its measure passes the seat's trigger, then in keep-order. With pay, each hire carries its monthly cost
and each step the plans' costs before and after (the running total).

Engine runs are remembered per rulebook (:func:`tiktok_team._recommend.remembered_plan`): the plans of a business's
later stages, or of its other workloads, are those of any business asked about before with the same facts.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ._errors import ProfileError, suggest
from ._lazy import publish
from ._names import names_data, names_of, unit_names
from ._pay import money
from ._plan import Advice, BilingualText, Explained, Plan, UnitNames
from ._profile import STAGES, BusinessProfile
from ._recommend import remembered_plan
from ._rulebook import Rulebook, load_rulebook
from ._schema_version import with_schema_version
from ._sentences import left_out_reason

__all__ = ["WORKLOAD_FIELDS", "Hire", "Roadmap", "RoadmapStep", "SplitStep", "Trigger", "roadmap"]

WORKLOAD_FIELDS: tuple[str, ...] = (
    "live_hours_per_day",
    "live_rooms",
    "videos_per_week",
    "orders_per_day",
    "ad_campaigns",
)
"""The profile's workload fields: what a level of :func:`roadmap`'s ``workloads`` may set."""


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Trigger(_Out):
    """What calls for a seat: seat number ``seat`` of a role is needed once the workload ``measure`` (``live_hours``
    a day over all rooms, ``videos_per_week``, ``orders_per_day``, ``ad_campaigns``) passes ``past``, which is
    ``seat - 1`` times the capacity assumption ``per`` (``capacity``, in ``unit``)."""

    measure: str
    past: float
    per: str
    capacity: float
    unit: str
    seat: int


class Hire(_Out):
    """People to add for one role: ``new`` role, ``split`` off another role, or ``more`` people in a kept role; with
    pay, what they cost a month (``cost``, null without pay for the role); where the workload sizes the role, what
    calls for the last seat (``trigger``)."""

    role: str
    name: BilingualText
    department_name: BilingualText
    kind: Literal["new", "split", "more"]
    headcount: int
    total: int
    reasons: tuple[Explained, ...]
    cost: float | None = None
    trigger: Trigger | None = None


class SplitStep(_Out):
    """A role whose duties move to other roles at the later stage (and which leaves unless ``kept``)."""

    role: str
    name: BilingualText
    department_name: BilingualText
    into: tuple[str, ...]
    kept: bool
    reasons: tuple[Explained, ...]


class RoadmapStep(_Out):
    """The change from the plan of one stage to the plan of the next, for the same facts (or, in a roadmap over
    workloads, from one workload, ``workload_before``, to the next, ``workload_after``, at the same stage). With pay,
    the plans' monthly costs (``cost_after`` is the running total) and what the step adds (``cost_added``), leaving
    out the roles of either plan that have no pay (``unpriced``)."""

    from_stage: str
    to_stage: str
    hires: tuple[Hire, ...]
    splits: tuple[SplitStep, ...]
    removed: tuple[str, ...]
    advice: tuple[Advice, ...]
    headcount_before: int
    headcount_after: int
    cost_before: float | None = None
    cost_after: float | None = None
    cost_added: float | None = None
    unpriced: tuple[str, ...] = ()
    workload_before: dict[str, float] | None = None
    workload_after: dict[str, float] | None = None

    def apply(self, seats: Mapping[str, int]) -> dict[str, int]:
        """The seats (role → headcount) of the later plan, from those of the earlier one.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> steps = roadmap({"stage": "startup", "sourcing": "own_stock"}).steps
        >>> startup = recommend({"stage": "startup", "sourcing": "own_stock"})
        >>> growth = recommend({"stage": "growth", "sourcing": "own_stock"})
        >>> steps[0].apply({r.id: r.headcount for r in startup.roles}) == {r.id: r.headcount for r in growth.roles}
        True
        """
        after = {role: count for role, count in seats.items() if role not in self.removed}
        for hire in self.hires:
            after[hire.role] = after.get(hire.role, 0) + hire.headcount
        return dict(sorted(after.items()))


class Roadmap(_Out):
    """The steps from the profile's stage to maturity (none for a mature business), ``by`` stage; or, ``by``
    workload, the steps from each workload to the next. ``currency`` labels the costs (null without pay)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    stage: str
    steps: tuple[RoadmapStep, ...]
    by: Literal["stage", "workload"] = "stage"
    currency: str | None = None
    rulebook: Rulebook = Field(exclude=True, repr=False)

    @property
    def names(self) -> dict[str, UnitNames]:
        """The names of every role id the roadmap holds (hired, split, split into or removed), each with its
        department's name.

        Examples
        --------
        >>> steps = roadmap({"stage": "startup", "sourcing": "own_stock"})
        >>> steps.names["customer_service"].name.zh, steps.steps[0].removed
        ('客服', ('customer_service',))
        """
        held = [
            role
            for step in self.steps
            for role in (
                *(hire.role for hire in step.hires),
                *(split.role for split in step.splits),
                *(role for split in step.splits for role in split.into),
                *step.removed,
            )
        ]
        return names_of(self.rulebook, held)

    def to_dict(self) -> dict[str, Any]:
        """The roadmap as plain data (what ``tiktok-team roadmap --format json`` prints), with its
        ``schema_version`` and ``names`` (:attr:`names`)."""
        return with_schema_version({**self.model_dump(mode="json"), "names": names_data(self.rulebook, self.names)})


def roadmap(
    profile: BusinessProfile | Mapping[str, Any],
    rulebook: Rulebook | None = None,
    *,
    workloads: Sequence[Mapping[str, Any]] | None = None,
) -> Roadmap:
    """The hiring plan from the profile's stage to the next and on to maturity; or, with ``workloads``, the hires
    the growing workload calls for at the profile's stage.

    Parameters
    ----------
    profile : BusinessProfile or mapping
    rulebook : Rulebook, optional
    workloads : sequence of mappings, optional
        At least two levels of workload, each setting some of the profile's workload fields
        (:data:`WORKLOAD_FIELDS`) over the profile's own: a step goes from each level to the next, one seat a hire,
        in the order the workload calls for them (see the module).

    Returns
    -------
    Roadmap

    Raises
    ------
    ProfileError
        If ``profile`` is a mapping that is not a valid profile, or a level of ``workloads`` is not a valid workload
        (naming it: ``workloads[1].orders_per_day``), or there are fewer than two levels.

    Examples
    --------
    >>> plan = roadmap({"stage": "startup", "sourcing": "own_stock"})
    >>> [(step.from_stage, step.to_stage) for step in plan.steps]
    [('startup', 'growth'), ('growth', 'mature')]
    >>> [(h.role, h.kind, h.headcount) for h in plan.steps[0].hires][:3]
    [('streamer', 'more', 1), ('product_selector', 'split', 1), ('aftersales_cs', 'split', 1)]
    >>> busier = roadmap({"stage": "startup", "sourcing": "own_stock"}, workloads=[
    ...     {"orders_per_day": 100}, {"orders_per_day": 800}])
    >>> [(h.role, h.total, h.trigger.past) for h in busier.steps[0].hires]  # doctest: +NORMALIZE_WHITESPACE
    [('logistics', 2, 250.0), ('customer_service', 2, 300.0), ('logistics', 3, 500.0),
     ('customer_service', 3, 600.0), ('logistics', 4, 750.0)]
    """
    if not isinstance(profile, BusinessProfile):
        profile = BusinessProfile.parse(profile)
    book = rulebook if rulebook is not None else load_rulebook()
    if workloads is not None:
        plans = [remembered_plan(level, book) for level in _levels(profile, workloads)]
        steps = tuple(_step(before, after, one_seat_a_hire=True) for before, after in itertools.pairwise(plans))
        return Roadmap(
            stage=profile.stage, steps=steps, by="workload", currency=_currency(plans[0]), rulebook=plans[0].rulebook
        )
    stages = STAGES[STAGES.index(profile.stage) :]
    plans = [remembered_plan(profile.model_copy(update={"stage": stage}), book) for stage in stages]
    steps = tuple(_step(before, after) for before, after in itertools.pairwise(plans))
    return Roadmap(stage=profile.stage, steps=steps, currency=_currency(plans[0]), rulebook=plans[0].rulebook)


def _currency(plan: Plan) -> str | None:
    return None if plan.cost is None else plan.cost.currency


def _levels(profile: BusinessProfile, workloads: Sequence[Mapping[str, Any]]) -> list[BusinessProfile]:
    """The profile at each level of ``workloads``, each validated as a profile, naming the level at fault."""
    if isinstance(workloads, str | bytes) or len(workloads) < 2:
        raise ProfileError("give at least two levels of workload to step between", "workloads")
    levels = []
    base = profile.model_dump(exclude_unset=True)
    for n, level in enumerate(workloads):
        where = f"workloads[{n}]"
        if not isinstance(level, Mapping):
            raise ProfileError(f"a level is a table of workload figures, not {type(level).__name__}", where)
        for key in level:
            if key not in WORKLOAD_FIELDS:
                hint = suggest(str(key), WORKLOAD_FIELDS) or f"; one of {', '.join(WORKLOAD_FIELDS)}"
                raise ProfileError(f"'{key}' is not a workload figure{hint}", where)
        try:
            levels.append(BusinessProfile.parse({**base, **level}))
        except ProfileError as exc:
            raise ProfileError(str(exc), where, exc.problems) from None
    return levels


def _step(before: Plan, after: Plan, one_seat_a_hire: bool = False) -> RoadmapStep:
    """The step between two plans, read off their :class:`~tiktok_team._diff.PlanDiff`; with ``one_seat_a_hire``,
    each hire of a role the workload sizes is cut into one hire a seat, and the hires are ordered by when the
    workload calls for them."""
    change = before.diff(after)
    book = after.rulebook
    named = unit_names(book)
    arrived = {role.role for role in change.added}
    fired = [book.rules[rule_id] for rule_id in after.outcome.fired]
    splits = [
        SplitStep(
            role=rule.split.source_role,
            **dict(named[rule.split.source_role]),
            into=tuple(r for r in rule.split.into if r in arrived),
            kept=rule.split.keep,
            reasons=(left_out_reason(book, rule.id, rule.split.source_role, after.outcome.fired[rule.id].alternative),),
        )
        for rule in fired
        if rule.split and rule.split.source_role in {role.id for role in before.roles} and arrived & {*rule.split.into}
    ]
    split_into = {role for split in splits for role in split.into}
    order = {role.id: (role.rank, n) for n, role in enumerate(after.roles)}  # keep-order, then the plan's order
    reasons = {role.id: role.reasons for role in after.roles}
    grows = [(role.role, "split" if role.role in split_into else "new", 0, role.headcount) for role in change.added] + [
        (r.role, "more", r.before, r.after) for r in change.resized if r.after > r.before
    ]
    calls = _Calls(after, before.profile.workload(), after.profile.workload())
    hires: list[tuple[tuple[Any, ...], Hire]] = []
    for role, kind, was, now in grows:
        sized = one_seat_a_hire and calls.sizes(role)
        for first, last in [(seat - 1, seat) for seat in range(was + 1, now + 1)] if sized else [(was, now)]:
            hire = Hire(
                role=role,
                **dict(named[role]),
                kind=kind if first == was else "more",
                headcount=last - first,
                total=last,
                reasons=reasons[role],
                cost=calls.cost(role, last - first),
                trigger=calls.trigger(role, last),
            )
            hires.append(((calls.when(hire.trigger) if one_seat_a_hire else 0.0, *order[role]), hire))
    hires.sort(key=lambda item: item[0])
    costs = (before.cost, after.cost)
    return RoadmapStep(
        from_stage=before.profile.stage,
        to_stage=after.profile.stage,
        hires=tuple(hire for _, hire in hires),
        splits=tuple(splits),
        removed=tuple(role.role for role in change.removed),
        advice=change.advice.gained,
        headcount_before=change.headcount_before,
        headcount_after=change.headcount_after,
        cost_before=None if costs[0] is None else costs[0].total,
        cost_after=None if costs[1] is None else costs[1].total,
        cost_added=None if change.cost is None else change.cost.delta,
        unpriced=tuple(dict.fromkeys(role for cost in costs if cost is not None for role in cost.unpriced)),
        workload_before=before.profile.workload() if one_seat_a_hire else None,
        workload_after=after.profile.workload() if one_seat_a_hire else None,
    )


class _Calls:
    """What a plan's workload says about its hires: which roles it sizes, what calls for each seat, how far into a
    step the workload passes it, and what seats cost."""

    def __init__(self, plan: Plan, before: Mapping[str, float], after: Mapping[str, float]) -> None:
        self.plan, self.before, self.after = plan, before, after
        self.used = {role: used for used in plan.assumptions for role in used.roles}

    def sizes(self, role: str) -> bool:
        return role in self.used

    def trigger(self, role: str, seat: int) -> Trigger | None:
        """What calls for seat ``seat`` of ``role`` (none for a first seat, or a role the workload does not size)."""
        used = self.used.get(role)
        if used is None or seat < 2:
            return None
        measure = self.plan.rulebook.workloads[role].measure
        return Trigger(
            measure=measure, past=(seat - 1) * used.value, per=used.id, capacity=used.value, unit=used.unit, seat=seat
        )

    def when(self, trigger: Trigger | None) -> float:
        """How far into the step (0 to 1) the workload passes ``trigger``: 0 for a hire no workload calls for."""
        if trigger is None:
            return 0.0
        low = self.before.get(trigger.measure, 0.0)
        high = self.after.get(trigger.measure, low)
        return 0.0 if high <= low else min(1.0, max(0.0, (trigger.past - low) / (high - low)))

    def cost(self, role: str, seats: int) -> float | None:
        pay = self.plan.profile.pay
        seat = None if pay is None else pay.seat(role)
        return None if seat is None else money(seat * seats)


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
