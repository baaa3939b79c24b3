"""Counterfactuals: the smallest changes to a profile that would bring a role into its plan, or take it out.

The changes considered are those of the *dimensions* of :mod:`tiktok_team._dimensions`: the stage, the sourcing, each
format started or stopped, and each yes/no fact flipped: 3 × 3 × 4 × 2⁵ = 1,152 profiles around any profile. The
headcount budget and the workload stay as the profile gives them: they size roles, they do not decide which roles
there are, and no counterfactual changes them.

A :class:`Counterfactual` is a set of *atomic* changes, one per dimension changed: a new stage is one change, and so
is each format started or stopped (``{stage: mature, +livestream}`` is one change smaller than ``{stage: mature,
+livestream, +short_video}``). The alternatives for a role are exactly the *minimal* sets that change whether the role
is in the plan: each one does (the engine says so, through the plan's precedence), no set with fewer of its changes
does, and every such set is listed. They are ordered by their number of changes, then by dimension (in the order of
:data:`~tiktok_team._dimensions.DIMENSIONS`) and value (in the order the profile declares them).

The search is exact and cheap: whether a role is in the plan depends only on the rules that add or remove it, so
only the dimensions those rules test, directly or through the facts other rules derive, can appear in a minimal
alternative; the candidate sets are tried smallest first, none that holds a set already found is tried, and every
engine run (:func:`tiktok_team._engine.run_cached`) is shared between the roles, the what-if sweep and other plans.
Roles whose rules test the same dimensions form a group (the bundled roles fall in nine, none with more than three
dimensions), and a group's alternatives depend only on the values of its dimensions (and of any fact out of scope its
rules test, as an overlay may test the budget). The rulebook remembers them by those values
(:func:`tiktok_team._engine.remembered_by`), so a profile that agrees with one seen before on a group's two or
three dimensions gets that group's alternatives with no search at all; and within a search, which of the group's
roles a changed profile has is remembered by the same values, so the engine runs only for values never asked about.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from ._condition import Condition, Derived, dnf
from ._dimensions import DIMENSIONS, apply_changes, change_words, dimension, dimension_values, value_in
from ._engine import Outcome, remembered, remembered_by, run_cached
from ._lazy import publish
from ._precedence import is_planned
from ._profile import FACTS
from ._rulebook import Rulebook

if TYPE_CHECKING:
    from ._plan import Plan

__all__ = ["Counterfactual", "Counterfactuals", "counterfactuals"]


@dataclass(frozen=True)
class Counterfactual:
    """A set of atomic changes: ``(dimension, new value)`` pairs in the order of
    :data:`~tiktok_team._dimensions.DIMENSIONS`."""

    changes: tuple[tuple[str, Any], ...]

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
        """Each change as the words that follow "if the business" (``en``) or "若" (``zh``)."""
        return [change_words(dim, value, lang) for dim, value in self.changes]


@dataclass(frozen=True)
class Counterfactuals:
    """For each role left out of a plan, the alternatives that would bring it in (``would_need``); for each role in
    it, those that would take it out (``would_remove``); and how many profiles the engine was asked about."""

    would_need: Mapping[str, tuple[Counterfactual, ...]]
    would_remove: Mapping[str, tuple[Counterfactual, ...]]
    runs: int


def counterfactuals(plan: Plan) -> Counterfactuals:
    """The minimal alternatives for every role of the catalog, against ``plan`` (see the module's docstring).

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
    """
    base = plan.profile.facts()
    # A plan's counterfactuals depend on nothing but the rulebook and its fact values (the engine sees only those):
    # a service asked about the same business again answers from memory.
    return remembered(plan.rulebook, "counterfactuals", base, lambda: _search(plan, base))


def _search(plan: Plan, base: Mapping[str, Any]) -> Counterfactuals:
    book = plan.rulebook
    outcomes: dict[frozenset[tuple[str, Any]], Outcome] = {frozenset(): run_cached(book, base, known=plan.outcome)}

    def outcome(change: frozenset[tuple[str, Any]]) -> Outcome:
        found = outcomes.get(change)
        if found is None:
            found = outcomes[change] = run_cached(book, apply_changes(base, sorted(change)))
        return found

    need: dict[str, tuple[Counterfactual, ...]] = {}
    remove: dict[str, tuple[Counterfactual, ...]] = {}
    for group in _groups(book):
        # A group's alternatives depend on nothing but the values of its dimensions and of the facts it holds: any
        # profile that agrees on those has the same, so they are remembered by those values alone.
        work = partial(_minimal, book, group, base, outcome)
        for role_id, found in remembered_by(book, "alternatives", group.key(base), work).items():
            (remove if is_planned(book, plan.outcome, role_id) else need)[role_id] = found
    return Counterfactuals(
        would_need=dict(sorted(need.items())), would_remove=dict(sorted(remove.items())), runs=len(outcomes)
    )


def _minimal(
    book: Rulebook,
    group: _Group,
    base: Mapping[str, Any],
    outcome: Callable[[frozenset[tuple[str, Any]]], Outcome],
) -> dict[str, tuple[Counterfactual, ...]]:
    """For each role of ``group``, the minimal sets of changes of the group's dimensions that flip whether it is
    planned, in order. Candidate sets are tried smallest first; one that holds a set already found for every role is
    not tried. Which of the group's roles a changed profile has is remembered by the group's values after the
    change, so the engine runs (``outcome``) only for values no profile asked about before had."""

    def planned(change: frozenset[tuple[str, Any]]) -> frozenset[str]:
        def work() -> frozenset[str]:
            there = outcome(change)
            return frozenset(role_id for role_id in group.roles if is_planned(book, there, role_id))

        return remembered_by(book, "presence", group.key(base, change), work)

    options = {dim: [v for v in dimension_values(dim) if v != value_in(base, dim)] for dim in group.dims}
    here = planned(frozenset())
    found: dict[str, list[frozenset[tuple[str, Any]]]] = {role_id: [] for role_id in group.roles}
    for size in range(1, len(group.dims) + 1):
        for chosen in itertools.combinations(group.dims, size):
            for values in itertools.product(*(options[dim] for dim in chosen)):
                change = frozenset(zip(chosen, values, strict=True))
                open_roles = [r for r in group.roles if not any(known <= change for known in found[r])]
                if open_roles:
                    there = planned(change)
                    for role_id in open_roles:
                        if (role_id in there) != (role_id in here):
                            found[role_id].append(change)
    return {
        role_id: tuple(Counterfactual(tuple(sorted(change, key=_rank))) for change in sorted(changes, key=_order))
        for role_id, changes in found.items()
    }


def _rank(change: tuple[str, Any]) -> tuple[int, int]:
    dim, value = change
    return DIMENSIONS.index(dim), dimension_values(dim).index(value)


def _order(changes: frozenset[tuple[str, Any]]) -> tuple[int, list[tuple[int, int]]]:
    """Alternatives in order: fewer changes first, then their changes compared in turn by dimension and value."""
    return len(changes), sorted(map(_rank, changes))


@dataclass(frozen=True)
class _Group:
    """Roles whose rules (those that add or remove them) test the same dimensions, ``dims``, directly or through
    derived facts, and the same facts out of scope, ``held`` (the budget, which a counterfactual keeps)."""

    dims: tuple[str, ...]
    held: tuple[str, ...]
    roles: tuple[str, ...]

    def key(self, facts: Mapping[str, Any], change: frozenset[tuple[str, Any]] = frozenset()) -> tuple[Any, ...]:
        """What the group's roles depend on in ``facts`` once ``change`` is made: the group, the values of its
        dimensions and of the facts it holds (a key of the rulebook's memories)."""
        changed = dict(change)
        values = (changed[dim] if dim in changed else value_in(facts, dim) for dim in self.dims)
        return (self.dims, self.held, *values, *(facts[name] for name in self.held))


def _groups(book: Rulebook) -> tuple[_Group, ...]:
    """The roles of the rulebook in their :class:`_Group` (kept in the rulebook's cache)."""
    groups: tuple[_Group, ...] | None = book.cache.get("role-groups")
    if groups is not None:
        return groups
    derivers: dict[str, list[str]] = {}
    for rule in book.rules.values():
        for name in rule.derive:
            derivers.setdefault(name, []).append(rule.id)
    through: dict[str, frozenset[str]] = {}

    def of_condition(cond: Condition) -> set[str]:
        """The dimensions and the facts out of scope that ``cond`` tests."""
        found: set[str] = set()
        for conjunct in dnf(cond):
            for lit in conjunct:
                if isinstance(lit.atom, Derived):
                    found |= of_derived(lit.atom.name)
                else:
                    found.add(dimension(lit.atom) or lit.atom.fact)
        return found

    def of_derived(name: str) -> frozenset[str]:
        if name not in through:  # derivations are acyclic (a load-time check)
            through[name] = frozenset().union(*(of_condition(book.rules[r].when) for r in derivers.get(name, ())))
        return through[name]

    per_role: dict[str, set[str]] = {role_id: set() for role_id in book.roles}
    for rule in book.rules.values():
        touched = set(rule.roles_added()) | set(rule.roles_removed())
        if touched:
            tested = of_condition(rule.when)
            for role_id in touched:
                per_role[role_id] |= tested
    order = {dim: n for n, dim in enumerate(DIMENSIONS)}
    by_scope: dict[tuple[tuple[str, ...], tuple[str, ...]], list[str]] = {}
    for role_id, found in per_role.items():
        dims = tuple(sorted(found & order.keys(), key=order.__getitem__))
        by_scope.setdefault((dims, tuple(sorted(found - order.keys()))), []).append(role_id)
    made = tuple(_Group(dims, held, tuple(roles)) for (dims, held), roles in by_scope.items())
    kept: tuple[_Group, ...] = book.cache.setdefault("role-groups", made)
    return kept


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
