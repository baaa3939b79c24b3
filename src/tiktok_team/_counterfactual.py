"""Counterfactuals: the smallest changes to a profile that would bring a role into its plan, or take it out.

The changes considered are those of the *dimensions* of :mod:`tiktok_team._dimensions`: the stage, the sourcing, each
format started or stopped, and each yes/no fact flipped: 3 × 3 × 4 × 2⁵ = 1,152 profiles around any profile. The
headcount budget and the workload stay as the profile gives them: they size roles, they do not decide which roles
there are, and no counterfactual changes them. The plan's :class:`~tiktok_team._dimensions.ChangeScope` narrows them
further: the facts the user keeps (``Plan.keep``) never change, and the stage only moves forward unless the plan
allows going back (``Plan.backward``); an alternative that goes back says so in its words.

A :class:`Counterfactual` is a set of *atomic* changes, one per dimension changed: a new stage is one change, and so
is each format started or stopped (``{stage: mature, +livestream}`` is one change smaller than ``{stage: mature,
+livestream, +short_video}``). The alternatives for a role are exactly the *minimal* sets of allowed changes that
change whether the role is in the plan: each one does, no set with fewer of its changes does, and every such set is
listed. Since every part of an allowed set is allowed, they are exactly the minimal sets of all changes that use
allowed changes only: keeping a fact removes alternatives, it never makes new ones. They are ordered by their number
of changes, then by dimension (in the order of :data:`~tiktok_team._dimensions.DIMENSIONS`) and value (in the order
the profile declares them).

The search is exact and cheap: whether a role is in the plan depends only on the few dimensions its rules test,
and roles that depend on the same ones form a compiled group (:mod:`tiktok_team._presence`) that says which of them a
changed profile has without running the engine. Each group's candidate sets are tried smallest first, over the
allowed values of its dimensions only, and none that holds a set already found is tried. A group's alternatives
depend only on its values and the scope, so the rulebook remembers them by those
(:func:`tiktok_team._engine.remembered_by`): a profile that agrees with one seen before on a group's two or three
dimensions gets that group's alternatives with no search at all; and a plan's whole counterfactuals are remembered by
its fact values and scope.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from ._dimensions import DIMENSIONS, ChangeScope, apply_changes, change_words, dimension_values
from ._engine import outcome_facts, remembered_by
from ._lazy import publish
from ._precedence import is_planned
from ._presence import RoleGroup, role_groups
from ._profile import FACTS, STAGES

if TYPE_CHECKING:
    from ._plan import Plan

__all__ = ["Counterfactual", "Counterfactuals", "counterfactuals"]


@dataclass(frozen=True)
class Counterfactual:
    """A set of atomic changes: ``(dimension, new value)`` pairs in the order of
    :data:`~tiktok_team._dimensions.DIMENSIONS`; ``backward`` when it takes the stage back to an earlier one (only
    when the plan allows it), which its words say."""

    changes: tuple[tuple[str, Any], ...]
    backward: bool = False

    @property
    def size(self) -> int:
        """The number of atomic changes."""
        return len(self.changes)

    def as_facts(self, facts: Mapping[str, Any]) -> dict[str, Any]:
        """The alternative as the contract gives it: each profile field it changes, with its new value (the new
        formats as a sorted list), from the profile's ``facts``.

        Examples
        --------
        >>> from tiktok_team import BusinessProfile
        >>> facts = BusinessProfile(stage="startup", sourcing="own_stock").facts()
        >>> Counterfactual((("stage", "mature"), ("formats:short_video", True))).as_facts(facts)
        {'stage': 'mature', 'formats': ['livestream', 'short_video']}
        """
        changed = apply_changes(facts, self.changes)
        touched = {dim.partition(":")[0] for dim, _ in self.changes}
        return {
            name: sorted(changed[name]) if FACTS[name].kind == "set" else changed[name]
            for name in FACTS
            if name in touched and changed[name] != facts[name]
        }

    def words(self, lang: str) -> list[str]:
        """Each change as the words that follow "if the business" (``en``) or "若" (``zh``).

        Examples
        --------
        >>> Counterfactual((("stage", "startup"), ("paid_ads", True)), backward=True).words("en")
        ['went back to the startup stage', 'bought paid traffic']
        """
        return [change_words(dim, value, lang, self.backward and dim == "stage") for dim, value in self.changes]


@dataclass(frozen=True)
class Counterfactuals:
    """For each role left out of a plan, the alternatives that would bring it in (``would_need``); for each role in
    it, those that would take it out (``would_remove``); and how many changed profiles the search looked at
    (``runs``: none when every group's alternatives were remembered)."""

    would_need: Mapping[str, tuple[Counterfactual, ...]]
    would_remove: Mapping[str, tuple[Counterfactual, ...]]
    runs: int


def counterfactuals(plan: Plan) -> Counterfactuals:
    """The minimal alternatives for every role of the catalog, against ``plan`` and within its scope (``plan.keep``,
    ``plan.backward``; see the module's docstring).

    Parameters
    ----------
    plan : Plan

    Returns
    -------
    Counterfactuals

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> found = counterfactuals(recommend({"stage": "growth", "sourcing": "own_stock"}))
    >>> [alt.changes for alt in found.would_need["ad_buyer"]]
    [(('paid_ads', True),)]
    >>> [alt.changes for alt in found.would_remove["logistics"]]
    [(('sourcing', 'dropship'),), (('sourcing', 'affiliate_pool'),)]
    >>> found.would_need["customer_service"]  # only by going back to the startup stage: not asked for
    ()
    >>> kept = counterfactuals(recommend({"stage": "growth", "sourcing": "own_stock"}, keep=["sourcing"]))
    >>> kept.would_remove["logistics"]
    ()
    """
    base = plan.profile.facts()
    scope = ChangeScope(plan.keep, plan.backward)
    book = plan.rulebook
    # A plan's counterfactuals depend on nothing but the rulebook, its scope and its fact values (the engine sees
    # only those): a service asked about the same business again answers from memory.
    key = (tuple(sorted(scope.keep)), scope.backward, *(base[name] for name in outcome_facts(book)))
    return remembered_by(book, "counterfactuals", key, lambda: _search(plan, base, scope))


def _search(plan: Plan, base: Mapping[str, Any], scope: ChangeScope) -> Counterfactuals:
    book = plan.rulebook
    looked = [0]
    need: dict[str, tuple[Counterfactual, ...]] = {}
    remove: dict[str, tuple[Counterfactual, ...]] = {}
    allowed = {dim: scope.options(base, dim) for dim in DIMENSIONS}
    for group in role_groups(book):
        # A group's alternatives depend on nothing but the values of its dimensions, the facts it holds and the new
        # values the scope allows each dimension: any profile that agrees on those has the same.
        options = tuple(allowed[dim] for dim in group.dims)
        key = (*group.key(base), options)
        found = remembered_by(book, "alternatives", key, partial(_minimal, group, base, options, looked))
        for role_id, alternatives in found.items():
            (remove if is_planned(book, plan.outcome, role_id) else need)[role_id] = alternatives
    return Counterfactuals(
        would_need=dict(sorted(need.items())), would_remove=dict(sorted(remove.items())), runs=looked[0]
    )


def _minimal(
    group: RoleGroup, base: Mapping[str, Any], options: tuple[tuple[Any, ...], ...], looked: list[int]
) -> dict[str, tuple[Counterfactual, ...]]:
    """For each role of ``group``, the minimal sets of changes of the group's dimensions, each to a value of its
    ``options``, that flip whether it is planned, in order. Candidate sets are tried smallest first; one that holds a
    set already found for every role is not tried. ``looked`` counts the changed profiles looked at."""
    allowed = {dim: values for dim, values in zip(group.dims, options, strict=True) if values}
    here = group.planned(group.values(base))
    found: dict[str, list[frozenset[tuple[str, Any]]]] = {role_id: [] for role_id in group.roles}
    for size in range(1, len(allowed) + 1):
        for chosen in itertools.combinations(allowed, size):
            for values in itertools.product(*(allowed[dim] for dim in chosen)):
                change = frozenset(zip(chosen, values, strict=True))
                open_roles = [r for r in group.roles if not any(known <= change for known in found[r])]
                if open_roles:
                    looked[0] += 1
                    there = group.planned(group.values(base, dict(change)))
                    for role_id in open_roles:
                        if (role_id in there) != (role_id in here):
                            found[role_id].append(change)
    back = STAGES.index(base["stage"])
    return {
        role_id: tuple(
            Counterfactual(
                tuple(sorted(change, key=_rank)),
                backward=any(dim == "stage" and STAGES.index(value) < back for dim, value in change),
            )
            for change in sorted(changes, key=_order)
        )
        for role_id, changes in found.items()
    }


# Each atomic change's place: its dimension's, then its value's.
_RANKS: dict[tuple[str, Any], tuple[int, int]] = {
    (dim, value): (n, m) for n, dim in enumerate(DIMENSIONS) for m, value in enumerate(dimension_values(dim))
}


def _rank(change: tuple[str, Any]) -> tuple[int, int]:
    return _RANKS[change]


def _order(changes: frozenset[tuple[str, Any]]) -> tuple[int, list[tuple[int, int]]]:
    """Alternatives in order: fewer changes first, then their changes compared in turn by dimension and value."""
    return len(changes), sorted(map(_rank, changes))


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
