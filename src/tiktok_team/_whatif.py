"""What-if: every single change of one fact of a profile, and what the plan gains and loses with it.

The changes are each other stage, each other sourcing, each other set of formats and each yes/no fact flipped (12 in
all); the headcount budget and the workload stay as the profile gives them. Each row holds the
:class:`~tiktok_team._diff.PlanDiff` from the profile's plan to the changed profile's, and the rows are sorted by how
much changes: first the *score*, roles added plus roles removed plus the people gained or lost by the roles in
both plans; then the number of edges new or dropped; then the advice gained or lost; then the order of the change
(by fact, as the profile declares them, then by value). This is the sensitivity table a planner reads first.

Engine runs are remembered per rulebook (:func:`tiktok_team._engine.run_cached`): a sweep after the profile's
counterfactuals, or of a neighbouring profile, runs little or nothing again.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ._counterfactual import Alternative
from ._diff import PlanDiff
from ._dimensions import DIMENSIONS, apply_changes, dimension_values, value_in
from ._names import names_data, names_of
from ._plan import Plan, UnitNames
from ._profile import FACTS, BusinessProfile
from ._recommend import remembered_plan
from ._rulebook import Rulebook, load_rulebook
from ._schema_version import with_schema_version

__all__ = ["WhatIf", "WhatIfRow", "single_changes", "whatif"]


class WhatIfRow(BaseModel):
    """One change of one fact, and the difference it makes to the plan."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    change: Alternative = Field(exclude=True)
    diff: PlanDiff
    score: int

    def to_dict(self, facts: Mapping[str, Any]) -> dict[str, Any]:
        """The row as plain data: ``change`` (the field and its new value), ``score``, ``edges`` (how many edges
        change) and ``diff`` (:meth:`PlanDiff.to_dict`, without a ``schema_version`` of its own: the what-if's
        top level has it); ``facts`` are the profile's."""
        return {
            "change": self.change.as_facts(facts),
            "score": self.score,
            "edges": self.diff.edge_count(),
            "diff": self.diff.to_dict(versioned=False),
        }


class WhatIf(BaseModel):
    """The what-if table of a profile: its plan, and one row per single change, most change first."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    plan: Plan
    rows: tuple[WhatIfRow, ...]

    @property
    def names(self) -> dict[str, UnitNames]:
        """The names of every role, team and department id of the rows' differences, each with its department's.

        Examples
        --------
        >>> table = whatif({"stage": "growth", "sourcing": "own_stock"})
        >>> table.names["ad_buyer"].name.zh
        '投手'
        """
        return names_of(self.plan.rulebook, [unit for row in self.rows for unit in row.diff.names])

    def to_dict(self) -> dict[str, Any]:
        """The table as plain data (what ``tiktok-team whatif FILE --format json`` prints): the ``schema_version``,
        the ``profile``, its ``headcount``, the ``rows`` and ``names`` (:attr:`names`: the rows' differences leave
        them to the top level).

        Examples
        --------
        >>> data = whatif({"stage": "growth", "sourcing": "own_stock"}).to_dict()
        >>> len(data["rows"]), data["rows"][0]["change"], data["names"]["ad_buyer"]["name"]["en"]
        (12, {'stage': 'mature'}, 'Ad buyer')
        """
        facts = self.plan.profile.facts()
        return with_schema_version(
            {
                "profile": self.plan.profile.model_dump(mode="json"),
                "headcount": self.plan.headcount,
                "rows": [row.to_dict(facts) for row in self.rows],
                "names": names_data(self.plan.rulebook, self.names),
            }
        )


def single_changes(profile: BusinessProfile) -> list[Alternative]:
    """Every change of one fact of ``profile``, as atomic changes, in the order of the facts and their values.

    Examples
    --------
    >>> changes = single_changes(BusinessProfile(stage="growth", sourcing="own_stock"))
    >>> [change.changes for change in changes][:3]
    [(('stage', 'startup'),), (('stage', 'mature'),), (('sourcing', 'dropship'),)]
    >>> len(changes)
    12
    """
    facts = profile.facts()
    found: list[Alternative] = []
    for name, spec in FACTS.items():
        if spec.kind in ("choice", "bool"):
            found += [Alternative(((name, v),)) for v in dimension_values(name) if v != facts[name]]
        elif spec.kind == "set":
            dims = [dim for dim in DIMENSIONS if dim.startswith(f"{name}:")]
            for count in range(1, len(dims) + 1):
                for chosen in combinations(dims, count):
                    found.append(Alternative(tuple((dim, not value_in(facts, dim)) for dim in chosen)))
    return found


def whatif(profile: BusinessProfile | Mapping[str, Any], rulebook: Rulebook | None = None) -> WhatIf:
    """What each single change of one fact of ``profile`` does to its plan, most change first.

    Parameters
    ----------
    profile : BusinessProfile or mapping
    rulebook : Rulebook, optional
        The bundled rulebook by default.

    Returns
    -------
    WhatIf

    Raises
    ------
    ProfileError
        If ``profile`` is a mapping that is not a valid profile.

    Examples
    --------
    >>> table = whatif({"stage": "startup", "sourcing": "own_stock"})
    >>> top = table.rows[0]
    >>> top.change.changes, top.score, [role.role for role in top.diff.added][:3]
    ((('stage', 'mature'),), 17, ['aftersales_cs', 'live_planner', 'live_set_designer'])
    """
    if not isinstance(profile, BusinessProfile):
        profile = BusinessProfile.parse(profile)
    book = rulebook if rulebook is not None else load_rulebook()
    base = remembered_plan(profile, book)
    facts = profile.facts()
    rows = []
    for order, change in enumerate(single_changes(profile)):
        changed = profile.model_copy(update=_changed_fields(facts, change))
        diff = base.diff(remembered_plan(changed, book))
        score = len(diff.added) + len(diff.removed) + sum(abs(r.after - r.before) for r in diff.resized)
        advice = len(diff.advice.gained) + len(diff.advice.lost)
        rows.append(((-score, -diff.edge_count(), -advice, order), WhatIfRow(change=change, diff=diff, score=score)))
    return WhatIf(plan=base, rows=tuple(row for _, row in sorted(rows, key=lambda item: item[0])))


def _changed_fields(facts: Mapping[str, Any], change: Alternative) -> dict[str, Any]:
    """The profile fields ``change`` gives new values, with those values as the profile holds them."""
    changed = apply_changes(facts, change.changes)
    return {name: value for name, value in changed.items() if value != facts[name]}
