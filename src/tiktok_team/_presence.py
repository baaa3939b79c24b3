"""Whether each role is in the plan, as a function of the few dimensions its rules test: the quick evaluation behind
the counterfactual search.

A role is in the plan when the rules that add it beat those that remove it (:mod:`tiktok_team._precedence`), so
whether it is depends only on the dimensions (:mod:`tiktok_team._dimensions`) those rules test, directly or through
the facts other rules derive, and on the facts out of scope they test (the headcount budget, which an overlay may
test and a counterfactual keeps). Roles that depend on the same ones form a :class:`RoleGroup`: the bundled 28 roles
fall in nine groups, none with more than three dimensions.

Each group is compiled once per rulebook (kept in its cache, like the engine): its rules (those that add or remove its
roles, and those that derive the facts they test) in an order where every fact is derived before a rule tests it,
each as its normal form (:func:`tiktok_team._condition.dnf`) with every test of a dimension turned into the set of
that dimension's values that pass it, and every test of a fact out of scope into a column of its own.
:meth:`RoleGroup.planned` then says which of the group's roles a profile has, from the group's values alone, with a
few set lookups where an engine run costs a millisecond; and since a group's values are few (70 combinations for the
nine bundled groups together), each group's answer for every combination of them is worked out once, when the group
is compiled, into a table (:data:`TABLE_LIMIT`), so that a question is a dictionary lookup.

This is the plain evaluation of :mod:`tiktok_team._reference`, the engine's yardstick, narrowed to one group: a rule
fires when its condition holds; a derived fact holds when a rule deriving it fires (derivations are acyclic, and the
rulebook's stratification makes a derived fact final before any rule denies it, so the order here gives what the
engine gives); precedence decides (:func:`tiktok_team._precedence.wins`). The test suite holds the search built on it
to a brute-force search with the reference evaluator over the whole fact space.
"""

from __future__ import annotations

import dataclasses
import graphlib
import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ._condition import Condition, Derived, Literal_, Planned, Test, derived_names, dnf
from ._dimensions import DIMENSIONS, dimension, dimension_values, value_in
from ._entries import Rule
from ._precedence import wins
from ._rulebook import Rulebook

__all__ = ["TABLE_LIMIT", "RoleGroup", "group_of", "role_groups"]

TABLE_LIMIT = 4096
"""The most combinations of values a group's table holds: a group with more (an overlay's role that depends on most
dimensions and several tests of the budget) works its roles out from its rules on each question instead."""


# A compiled alternative of a rule's condition: each ``(column, passing values)`` check of the group's values, and each
# derived fact that must hold (True) or not (False). Plain tuples, read in a loop by _CompiledRule.fires.
_Conjunct = tuple[tuple[tuple[int, frozenset[Any]], ...], tuple[tuple[str, bool], ...]]


@dataclass(frozen=True)
class _CompiledRule:
    """A rule of a group: its compiled alternatives."""

    rule: Rule
    conjuncts: tuple[_Conjunct, ...]

    def fires(self, values: tuple[Any, ...], derived: set[str]) -> bool:
        """Whether some alternative holds for the group's ``values`` and the facts ``derived`` so far."""
        for checks, facts in self.conjuncts:
            if all(values[column] in passing for column, passing in checks) and all(
                (name in derived) == positive for name, positive in facts
            ):
                return True
        return False


@dataclass(frozen=True)
class RoleGroup:
    """Roles whose rules test the same dimensions, ``dims``, and the same facts out of scope, ``held``; compiled.

    A group's *values* at a profile are a tuple: the value of each of its dimensions, then whether each test of a fact
    out of scope (``tests``) holds.

    Examples
    --------
    >>> from tiktok_team import BusinessProfile, load_rulebook
    >>> book = load_rulebook()
    >>> group = group_of(book, "ad_buyer")
    >>> group.dims
    ('stage', 'paid_ads')
    >>> facts = BusinessProfile(stage="growth", sourcing="own_stock").facts()
    >>> sorted(group.planned(group.values(facts))), sorted(group.planned(group.values(facts, {"paid_ads": True})))
    ([], ['ad_buyer'])
    """

    dims: tuple[str, ...]
    held: tuple[str, ...]
    roles: tuple[str, ...]
    tests: tuple[Test, ...]
    rules: tuple[_CompiledRule, ...]
    sides: tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...]
    table: Mapping[tuple[Any, ...], frozenset[str]] | None = None

    def key(self, facts: Mapping[str, Any]) -> tuple[Any, ...]:
        """What the group's roles depend on in ``facts``: the group, the values of its dimensions and of the facts
        it holds (a key of the rulebook's memories)."""
        return (self.dims, self.held, *(value_in(facts, dim) for dim in self.dims), *(facts[n] for n in self.held))

    def values(self, facts: Mapping[str, Any], change: Mapping[str, Any] | None = None) -> tuple[Any, ...]:
        """The group's values at ``facts`` once the atomic ``change`` (dimension → new value) is made."""
        changed = change or {}
        return (
            *(changed[dim] if dim in changed else value_in(facts, dim) for dim in self.dims),
            *(test.evaluate(facts) for test in self.tests),
        )

    def planned(self, values: tuple[Any, ...]) -> frozenset[str]:
        """The roles of the group in the plan of a profile with these group ``values``: from the group's table, or
        worked out from its rules for a group too large to tabulate."""
        if self.table is not None:
            return self.table[values]
        return self.evaluate(values)

    def evaluate(self, values: tuple[Any, ...]) -> frozenset[str]:
        """:meth:`planned`, worked out from the group's rules."""
        derived: set[str] = set()
        fired: list[bool] = []
        for compiled in self.rules:
            fires = compiled.fires(values, derived)
            fired.append(fires)
            if fires:
                derived.update(compiled.rule.derive)
        rules = self.rules
        return frozenset(
            role_id
            for role_id, adders, removers in self.sides
            if wins([rules[n].rule for n in adders if fired[n]], [rules[n].rule for n in removers if fired[n]])
        )


def role_groups(book: Rulebook) -> tuple[RoleGroup, ...]:
    """Every role of ``book`` in its compiled :class:`RoleGroup` (kept in the rulebook's cache).

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> groups = role_groups(load_rulebook())
    >>> len(groups), max(len(group.dims) for group in groups)
    (9, 3)
    """
    groups: tuple[RoleGroup, ...] | None = book.cache.get("role-groups")
    if groups is not None:
        return groups
    derivers: dict[str, list[Rule]] = {}
    for rule in book.rules.values():
        for name in rule.derive:
            derivers.setdefault(name, []).append(rule)
    through: dict[str, frozenset[str]] = {}

    def of_condition(cond: Condition) -> set[str]:
        """The dimensions and the facts out of scope that ``cond`` tests, directly or through derived facts."""
        found: set[str] = set()
        for conjunct in dnf(cond):
            for lit in conjunct:
                if isinstance(lit.atom, Derived):
                    found |= of_derived(lit.atom.name)
                elif isinstance(lit.atom, Test):  # a rule's condition tests no planned role (a load-time check)
                    found.add(dimension(lit.atom) or lit.atom.fact)
        return found

    def of_derived(name: str) -> frozenset[str]:
        if name not in through:  # derivations are acyclic (a load-time check)
            through[name] = frozenset().union(*(of_condition(rule.when) for rule in derivers.get(name, ())))
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
    made = tuple(_compile(book, derivers, dims, held, tuple(roles)) for (dims, held), roles in by_scope.items())
    kept: tuple[RoleGroup, ...] = book.cache.setdefault("role-groups", made)
    return kept


def group_of(book: Rulebook, role_id: str) -> RoleGroup:
    """The :class:`RoleGroup` of ``role_id`` in ``book``.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> group_of(load_rulebook(), "logistics").dims
    ('stage', 'sourcing')
    """
    return next(group for group in role_groups(book) if role_id in group.roles)


def _compile(
    book: Rulebook,
    derivers: Mapping[str, list[Rule]],
    dims: tuple[str, ...],
    held: tuple[str, ...],
    roles: tuple[str, ...],
) -> RoleGroup:
    """A group's rules, in an order where each derived fact comes before the rules that test it, compiled."""
    direct = [
        rule for rule in book.rules.values() if set(roles) & (set(rule.roles_added()) | set(rule.roles_removed()))
    ]
    needed: dict[str, Rule] = {}
    stack = list(direct)
    while stack:
        rule = stack.pop()
        if rule.id not in needed:
            needed[rule.id] = rule
            stack.extend(d for name, _ in derived_names(rule.when) for d in derivers.get(name, ()))
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for rule_id in sorted(needed):
        sorter.add(rule_id, *(d.id for name, _ in derived_names(needed[rule_id].when) for d in derivers.get(name, ())))
    ordered = [needed[rule_id] for rule_id in sorter.static_order()]
    tests = tuple(
        dict.fromkeys(
            lit.atom
            for rule in ordered
            for conjunct in dnf(rule.when)
            for lit in conjunct
            if isinstance(lit.atom, Test) and dimension(lit.atom) is None
        )
    )
    compiled = tuple(
        _CompiledRule(rule, tuple(_conjunct(conjunct, dims, tests) for conjunct in dnf(rule.when))) for rule in ordered
    )
    position = {rule.id: n for n, rule in enumerate(ordered)}
    sides = tuple(
        (
            role_id,
            tuple(position[rule.id] for rule in ordered if role_id in rule.roles_added()),
            tuple(position[rule.id] for rule in ordered if role_id in rule.roles_removed()),
        )
        for role_id in roles
    )
    group = RoleGroup(dims, held, roles, tests, compiled, sides)
    columns = [dimension_values(dim) for dim in dims] + [(False, True)] * len(tests)
    if math.prod(map(len, columns)) > TABLE_LIMIT:
        return group
    return dataclasses.replace(group, table={values: group.evaluate(values) for values in itertools.product(*columns)})


def _conjunct(literals: Iterable[Literal_], dims: tuple[str, ...], tests: tuple[Test, ...]) -> _Conjunct:
    """A conjunct as checks of the group's columns: a test of a dimension passes the values of it that satisfy the
    literal; a test of a fact out of scope is its own column, true or false."""
    checks: list[tuple[int, frozenset[Any]]] = []
    derived: list[tuple[str, bool]] = []
    for lit in literals:
        atom = lit.atom
        if isinstance(atom, Derived):
            derived.append((atom.name, lit.positive))
            continue
        if isinstance(atom, Planned):  # a rule's condition tests no planned role (a load-time check)
            raise TypeError("a rule's condition cannot test which roles the plan has")
        dim = dimension(atom)
        if dim is None:
            checks.append((len(dims) + tests.index(atom), frozenset({lit.positive})))
        else:
            member = dim.partition(":")[2]
            passing = frozenset(
                value
                for value in dimension_values(dim)
                if atom.accepts(frozenset({member} if value else ()) if member else value) == lit.positive
            )
            checks.append((dims.index(dim), passing))
    return tuple(checks), tuple(derived)
