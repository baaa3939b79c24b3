"""The growth roadmap: from a business's stage to the next one and on to maturity, as an ordered hiring plan.

Each :class:`RoadmapStep` compares the plans of two consecutive stages for the same facts (their
:class:`~tiktok_team._diff.PlanDiff`): the roles that arrive, the roles that are split (their duties move to new
roles), the roles that grow, and the advice that is new at the later stage. Its ``hires`` are ordered by the ranks
the rulebook gives roles (the streamer and the goods first, G14 and G18; unranked roles last), then by id, and
:meth:`RoadmapStep.apply` turns the earlier plan's seats into the later plan's.

Each hire and split carries the role's names and its department's, each reason its sentence (a hire's reasons are
those of the role in the later plan), and :attr:`Roadmap.names` names every role, team and department id it holds.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ._lazy import publish
from ._names import names_data, names_of, unit_names
from ._plan import Advice, BilingualText, Explained, Plan, UnitNames
from ._profile import STAGES, BusinessProfile
from ._recommend import recommend
from ._rulebook import Rulebook
from ._schema_version import with_schema_version
from ._sentences import left_out_reason

__all__ = ["Hire", "Roadmap", "RoadmapStep", "SplitStep", "roadmap"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Hire(_Out):
    """People to add for one role: ``new`` role, ``split`` off another role, or ``more`` people in a kept role."""

    role: str
    name: BilingualText
    department_name: BilingualText
    kind: Literal["new", "split", "more"]
    headcount: int
    total: int
    reasons: tuple[Explained, ...]


class SplitStep(_Out):
    """A role whose duties move to other roles at the later stage (and which leaves unless ``kept``)."""

    role: str
    name: BilingualText
    department_name: BilingualText
    into: tuple[str, ...]
    kept: bool
    reasons: tuple[Explained, ...]


class RoadmapStep(_Out):
    """The change from the plan of one stage to the plan of the next, for the same facts."""

    from_stage: str
    to_stage: str
    hires: tuple[Hire, ...]
    splits: tuple[SplitStep, ...]
    removed: tuple[str, ...]
    advice: tuple[Advice, ...]
    headcount_before: int
    headcount_after: int

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
    """The steps from the profile's stage to maturity (none for a mature business)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    stage: str
    steps: tuple[RoadmapStep, ...]
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


def roadmap(profile: BusinessProfile | Mapping[str, Any], rulebook: Rulebook | None = None) -> Roadmap:
    """The hiring plan from the profile's stage to the next and on to maturity.

    Parameters
    ----------
    profile : BusinessProfile or mapping
    rulebook : Rulebook, optional

    Returns
    -------
    Roadmap

    Raises
    ------
    ProfileError
        If ``profile`` is a mapping that is not a valid profile.

    Examples
    --------
    >>> plan = roadmap({"stage": "startup", "sourcing": "own_stock"})
    >>> [(step.from_stage, step.to_stage) for step in plan.steps]
    [('startup', 'growth'), ('growth', 'mature')]
    >>> [(h.role, h.kind, h.headcount) for h in plan.steps[0].hires][:3]
    [('streamer', 'more', 1), ('product_selector', 'split', 1), ('aftersales_cs', 'split', 1)]
    """
    if not isinstance(profile, BusinessProfile):
        profile = BusinessProfile.parse(profile)
    stages = STAGES[STAGES.index(profile.stage) :]
    plans = [recommend(profile.model_copy(update={"stage": stage}), rulebook) for stage in stages]
    steps = tuple(_step(before, after) for before, after in itertools.pairwise(plans))
    return Roadmap(stage=profile.stage, steps=steps, rulebook=plans[0].rulebook)


def _step(before: Plan, after: Plan) -> RoadmapStep:
    """The step between two plans, read off their :class:`~tiktok_team._diff.PlanDiff`."""
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
    hires = [
        Hire(
            role=role.role,
            **dict(named[role.role]),
            kind="split" if role.role in split_into else "new",
            headcount=role.headcount,
            total=role.headcount,
            reasons=reasons[role.role],
        )
        for role in change.added
    ]
    hires += [
        Hire(
            role=r.role,
            **dict(named[r.role]),
            kind="more",
            headcount=r.after - r.before,
            total=r.after,
            reasons=reasons[r.role],
        )
        for r in change.resized
        if r.after > r.before
    ]
    hires.sort(key=lambda hire: order[hire.role])
    return RoadmapStep(
        from_stage=before.profile.stage,
        to_stage=after.profile.stage,
        hires=tuple(hires),
        splits=tuple(splits),
        removed=tuple(role.role for role in change.removed),
        advice=change.advice.gained,
        headcount_before=change.headcount_before,
        headcount_after=change.headcount_after,
    )


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
