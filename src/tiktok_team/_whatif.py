"""What-if: every single change of one fact of a profile, and what the plan gains and loses with it.

The changes are each later stage, each other sourcing, each other set of formats and each yes/no fact flipped (12
in all from a startup, fewer later on); the headcount budget and the workload stay as the profile gives them. A
:class:`~tiktok_team._dimensions.ChangeScope` narrows them: the facts kept (``keep``) get no row, and an earlier
stage gets one only when asked for (``backward``; its words say the business goes back). Each row holds the
:class:`~tiktok_team._diff.PlanDiff` from the profile's plan to the changed profile's, and the rows are sorted by how
much changes: first the *score*, roles added plus roles removed plus the people gained or lost by the roles in
both plans; then the number of edges new or dropped; then the advice gained or lost; then the order of the change
(by fact, as the profile declares them, then by value). This is the sensitivity table a planner reads first.

Before the rows comes what each fact matters (:class:`FactImpact`): for each fact with a row, the roles its changes
bring in or take out, and the most people one of its changes moves (the people of the roles brought in and taken
out, and those gained or lost by roles re-sized), the facts that move most first.

Engine runs are remembered per rulebook (:func:`tiktok_team._engine.run_cached`): a sweep after the profile's
counterfactuals, or of a neighbouring profile, runs little or nothing again.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from itertools import combinations
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ._counterfactual import Counterfactual
from ._diff import PlanDiff
from ._dimensions import DIMENSIONS, ChangeScope, apply_changes, change_scope, value_in
from ._lazy import publish
from ._names import names_data, names_of
from ._plan import Plan, UnitNames
from ._profile import FACTS, STAGES, BusinessProfile
from ._recommend import remembered_plan
from ._rulebook import Rulebook, load_rulebook
from ._schema_version import with_schema_version

__all__ = ["FactImpact", "WhatIf", "WhatIfRow", "fact_impacts", "single_changes", "whatif"]


class WhatIfRow(BaseModel):
    """One change of one fact, and the difference it makes to the plan."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    change: Counterfactual = Field(exclude=True)
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


class FactImpact(BaseModel):
    """What the changes of one fact do, over the rows of a what-if table that change it: how many rows
    (``changes``), the roles some of them bring in or take out (``roles``, by id), and the most people one of them
    moves (``people``: the people of the roles it brings in and takes out, and those it adds to or takes from roles
    re-sized)."""

    model_config = ConfigDict(frozen=True)

    fact: str
    changes: int
    roles: tuple[str, ...]
    people: int


class WhatIf(BaseModel):
    """The what-if table of a profile: its plan, what each fact matters (``facts``, most first), and one row per
    single change, most change first; ``keep`` and ``backward`` are the scope it was asked within."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    plan: Plan
    facts: tuple[FactImpact, ...]
    rows: tuple[WhatIfRow, ...]
    keep: frozenset[str] = frozenset()
    backward: bool = False

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
        the ``profile``, its ``headcount``, the ``scope`` (``keep``, ``backward``), the ``facts`` (each one's
        ``fact``, ``changes``, ``roles`` and ``people``), the ``rows`` and ``names`` (:attr:`names`: the rows'
        differences leave them to the top level).

        Examples
        --------
        >>> data = whatif({"stage": "growth", "sourcing": "own_stock"}).to_dict()
        >>> len(data["rows"]), data["rows"][0]["change"], data["scope"]
        (11, {'stage': 'mature'}, {'keep': [], 'backward': False})
        >>> [(impact["fact"], len(impact["roles"]), impact["people"]) for impact in data["facts"][:2]]
        [('formats', 7, 9), ('stage', 5, 13)]
        >>> data["names"]["ad_buyer"]["name"]["en"]
        'Ad buyer'
        """
        facts = self.plan.profile.facts()
        return with_schema_version(
            {
                "profile": self.plan.profile.model_dump(mode="json"),
                "headcount": self.plan.headcount,
                "scope": ChangeScope(self.keep, self.backward).as_dict(),
                "facts": [impact.model_dump(mode="json") for impact in self.facts],
                "rows": [row.to_dict(facts) for row in self.rows],
                "names": names_data(self.plan.rulebook, self.names),
            }
        )


def single_changes(profile: BusinessProfile, scope: ChangeScope | None = None) -> list[Counterfactual]:
    """Every change of one fact of ``profile`` that ``scope`` allows (by default: none kept, the stage only forward),
    as atomic changes, in the order of the facts and their values.

    Examples
    --------
    >>> profile = BusinessProfile(stage="growth", sourcing="own_stock")
    >>> [change.changes for change in single_changes(profile)][:3]
    [(('stage', 'mature'),), (('sourcing', 'dropship'),), (('sourcing', 'affiliate_pool'),)]
    >>> len(single_changes(profile)), len(single_changes(profile, ChangeScope(backward=True)))
    (11, 12)
    """
    scope = scope or ChangeScope()
    facts = profile.facts()
    back = STAGES.index(facts["stage"])
    found: list[Counterfactual] = []
    for name, spec in FACTS.items():
        if spec.kind in ("choice", "bool"):
            for value in scope.options(facts, name):
                found.append(Counterfactual(((name, value),), backward=name == "stage" and STAGES.index(value) < back))
        elif spec.kind == "set" and name not in scope.keep:
            dims = [dim for dim in DIMENSIONS if dim.startswith(f"{name}:")]
            for count in range(1, len(dims) + 1):
                for chosen in combinations(dims, count):
                    found.append(Counterfactual(tuple((dim, not value_in(facts, dim)) for dim in chosen)))
    return found


def fact_impacts(rows: Collection[WhatIfRow]) -> tuple[FactImpact, ...]:
    """What each fact changed by some of ``rows`` does (:class:`FactImpact`): the facts whose changes move the most
    roles first, then the most people, then in the profile's order.

    Examples
    --------
    >>> table = whatif({"stage": "startup", "sourcing": "own_stock"})
    >>> [(impact.fact, len(impact.roles), impact.people) for impact in fact_impacts(table.rows)][:2]
    [('stage', 10, 20), ('formats', 5, 5)]
    """
    found: dict[str, tuple[int, set[str], int]] = {}
    for row in rows:
        name = row.change.changes[0][0].partition(":")[0]
        changes, roles, people = found.get(name, (0, set(), 0))
        moved = [*row.diff.added, *row.diff.removed]
        seats = sum(role.headcount for role in moved) + sum(abs(r.after - r.before) for r in row.diff.resized)
        found[name] = (changes + 1, roles | {role.role for role in moved}, max(people, seats))
    order = list(FACTS)
    impacts = [
        FactImpact(fact=name, changes=changes, roles=tuple(sorted(roles)), people=people)
        for name, (changes, roles, people) in found.items()
    ]
    return tuple(sorted(impacts, key=lambda impact: (-len(impact.roles), -impact.people, order.index(impact.fact))))


def whatif(
    profile: BusinessProfile | Mapping[str, Any],
    rulebook: Rulebook | None = None,
    *,
    keep: str | Collection[str] = (),
    backward: bool = False,
) -> WhatIf:
    """What each single change of one fact of ``profile`` does to its plan, most change first, and what each fact
    matters.

    Parameters
    ----------
    profile : BusinessProfile or mapping
    rulebook : Rulebook, optional
        The bundled rulebook by default.
    keep : str or collection of str, optional
        Facts held fixed: no row changes them (profile field names, as :meth:`Plan.keeping` takes them).
    backward : bool, optional
        Add the rows that take the stage back to an earlier one (by default it only moves forward).

    Returns
    -------
    WhatIf

    Raises
    ------
    ProfileError
        If ``profile`` is a mapping that is not a valid profile, or ``keep`` names no fact.

    Examples
    --------
    >>> table = whatif({"stage": "startup", "sourcing": "own_stock"})
    >>> top = table.rows[0]
    >>> top.change.changes, top.score, [role.role for role in top.diff.added][:3]
    ((('stage', 'mature'),), 17, ['live_planner', 'live_set_designer', 'live_technician'])
    >>> rows = whatif({"stage": "growth", "sourcing": "own_stock"}, keep="stage").rows
    >>> len(rows), any(dim == "stage" for row in rows for dim, _ in row.change.changes)
    (10, False)
    """
    if not isinstance(profile, BusinessProfile):
        profile = BusinessProfile.parse(profile)
    scope = change_scope(keep, backward)
    book = rulebook if rulebook is not None else load_rulebook()
    base = remembered_plan(profile, book)
    facts = profile.facts()
    rows = []
    for order, change in enumerate(single_changes(profile, scope)):
        changed = profile.model_copy(update=_changed_fields(facts, change))
        diff = base.diff(remembered_plan(changed, book))
        score = len(diff.added) + len(diff.removed) + sum(abs(r.after - r.before) for r in diff.resized)
        advice = len(diff.advice.gained) + len(diff.advice.lost)
        rows.append(((-score, -diff.edge_count(), -advice, order), WhatIfRow(change=change, diff=diff, score=score)))
    ordered = tuple(row for _, row in sorted(rows, key=lambda item: item[0]))
    return WhatIf(plan=base, facts=fact_impacts(ordered), rows=ordered, keep=scope.keep, backward=scope.backward)


def _changed_fields(facts: Mapping[str, Any], change: Counterfactual) -> dict[str, Any]:
    """The profile fields ``change`` gives new values, with those values as the profile holds them."""
    changed = apply_changes(facts, change.changes)
    return {name: value for name, value in changed.items() if value != facts[name]}


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
