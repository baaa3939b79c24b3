"""Level 2 of the verification of a rulebook: what its rules say about one another, decided over the whole fact space.

:func:`analyse` takes the plans of every profile of the fact space (those :func:`tiktok_team._verify.verify` has
built: the engine runs once per profile, never per pair of rules) and finds:

``redundant``
    two rules whose conditions hold on exactly the same profiles and each of which provides every effect of the other
    (:mod:`tiktok_team._effects` says when an effect is provided): either can go;
``subsumed``
    a rule whose condition implies another's (wherever it holds, the other's holds too) and all of whose effects the
    other provides: it changes no plan. The finding names the implying rule;
``overlap-conflict``
    two rules that fire together on some profile, with effects that contradict and that no documented rule settles
    (see :func:`_conflicts` and docs/rule-authoring.md for what contradicts what);
``always-true``
    a condition, or a part of one, that holds on every profile of the fact space: it tests nothing. A rule without
    ``when`` (or with ``all = []``) always fires on purpose and is not a finding;
``unfounded-corroboration``
    a rule marked ``corroborates = "other-id"`` although neither of the two rules is redundant with or subsumed by
    the other: the marker says something the rules do not.

A rule that restates, from one source, what a rule of another source already does is marked
``corroborates = "other-id"`` in its rule file (the plan then cites both sources). A redundant or subsumed pair of
which one rule marks the other is deliberate, not a defect: it is a note of kind ``corroborates``.

A condition holds on a profile where it is true of the profile's facts and of the facts the engine derived for it
(``plan.outcome.derived``). The profiles where it holds are the bits of one integer, so that one condition implies
another is one ``&`` and one ``~`` away.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ._condition import ALWAYS, All, Any_, Condition, Derived, Not, Planned, Test, words
from ._effects import Effect, effects, unprovided
from ._entries import Rule
from ._plan import Plan
from ._rulebook import Rulebook

__all__ = ["Analysis", "Observation", "analyse"]


@dataclass(frozen=True)
class Observation:
    """One thing :func:`analyse` found, in the fields of a :class:`~tiktok_team._verify.VerifyFinding`: its kind, a
    sentence, the rule and file at fault, profiles that show it, and every rule it is about."""

    kind: str
    message: str
    entry: str | None
    file: str | None
    profiles: tuple[dict[str, Any], ...] = ()
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """The outcome of :func:`analyse`: the defects (``findings``) and the deliberate restatements (``notes``)."""

    findings: tuple[Observation, ...]
    notes: tuple[Observation, ...]


class _Space:
    """The plans of the fact space, and for each condition, role or derived fact the set of those plans where it
    holds, is planned or is derived, as an integer whose bit ``i`` stands for plan ``i``."""

    def __init__(self, book: Rulebook, plans: Sequence[Plan]) -> None:
        self.book = book
        self.plans = plans
        self.full = (1 << len(plans)) - 1
        self.derived: defaultdict[str, int] = defaultdict(int)
        self.planned: defaultdict[str, int] = defaultdict(int)
        for index, plan in enumerate(plans):
            bit = 1 << index
            for name in plan.outcome.derived:
                self.derived[name] |= bit
            for role in plan.roles:
                self.planned[role.id] |= bit
        self._facts = [plan.profile.facts() for plan in plans]
        self._tests: dict[Test, int] = {}

    def holds(self, cond: Condition) -> int:
        """The plans whose profile (and derived facts) make ``cond`` true."""
        if isinstance(cond, Test):
            found = self._tests.get(cond)
            if found is None:
                found = 0
                for index, facts in enumerate(self._facts):
                    if cond.evaluate(facts):
                        found |= 1 << index
                self._tests[cond] = found
            return found
        if isinstance(cond, Derived):
            return self.derived[cond.name]
        if isinstance(cond, Not):
            return self.full & ~self.holds(cond.operand)
        if isinstance(cond, Planned):  # a rule's condition tests no planned role (a load-time check)
            raise TypeError("a rule's condition cannot test which roles the plan has")
        conjunctive = isinstance(cond, All)
        found = self.full if conjunctive else 0
        for operand in cond.operands:
            found = found & self.holds(operand) if conjunctive else found | self.holds(operand)
        return found

    def staffed(self, unit: str) -> int:
        """The plans in which ``unit``, a role or a team, has someone (see :func:`tiktok_team._duties.is_staffed`)."""
        found = self.planned[unit]
        for role in self.book.roles.values():
            if role.team == unit:
                found |= self.planned[role.id]
        return found

    def shown(self, bits: int, examples: int) -> tuple[dict[str, Any], ...]:
        """The profiles of the first ``examples`` plans of ``bits``, as a finding shows them."""
        found: list[dict[str, Any]] = []
        while bits and len(found) < examples:
            low = bits & -bits
            profile = self.plans[low.bit_length() - 1].profile
            found.append(profile.model_dump(mode="json", exclude_defaults=True))
            bits ^= low
        return tuple(found)


def analyse(book: Rulebook, plans: Sequence[Plan], examples: int = 3) -> Analysis:
    """What the rules of ``book`` say about one another, over ``plans``: one plan of ``book`` per profile of its fact
    space (see the module's docstring for the kinds of finding).

    See Also
    --------
    tiktok_team.verify : plans the fact space and runs this analysis over its plans; its example shows what it gives
        for the bundled rulebook (no findings, and a note for each rule marked as corroborating another).
    """
    space = _Space(book, plans)
    fires = {rule.id: space.holds(rule.when) for rule in book.rules.values()}
    does = {rule.id: effects(rule) for rule in book.rules.values()}
    marked = {frozenset((rule.id, rule.corroborates)) for rule in book.rules.values() if rule.corroborates in fires}
    findings: list[Observation] = []
    notes: list[Observation] = []
    founded: set[frozenset[str]] = set()
    for kind, weaker, stronger in _restatements(book, fires, does):
        pair = frozenset((weaker.id, stronger.id))
        if pair in marked:
            founded.add(pair)
            notes.append(_corroboration(kind, weaker, stronger))
            continue
        seen = space.shown(fires[weaker.id], examples)
        if kind == "redundant":
            blame = _later(book, weaker, stronger)
            other = stronger if blame is weaker else weaker
            message = f"rules {_cited(weaker)} and {_cited(stronger)} fire on exactly the same profiles, with the same "
            message += f"effects: one of them can go{_marker_hint(blame, other)}"
        else:
            blame = weaker
            message = f"rule {_cited(weaker)} is subsumed by {_cited(stronger)}: wherever it fires, '{stronger.id}' "
            message += f"fires too and does all it does{_marker_hint(weaker, stronger)}"
        findings.append(Observation(kind, message, blame.id, blame.file, seen, (weaker.id, stronger.id)))
    for rule in book.rules.values():
        other_id = rule.corroborates
        if other_id in fires and fires[rule.id] and frozenset((rule.id, other_id)) not in founded:
            findings.append(_unfounded(rule, book.rules[other_id], fires, does, space=space, examples=examples))
    findings += _conflicts(book, space, fires, does, examples)
    findings += _always_true(book, space)
    return Analysis(tuple(findings), tuple(notes))


def _cited(rule: Rule) -> str:
    return f"'{rule.id}' ({rule.source} {rule.section} {rule.guidance})"


def _later(book: Rulebook, *rules: Rule) -> Rule:
    """The rule to blame among ``rules``: the one loaded last (an overlay's before a bundled one), the last by id."""
    return max(rules, key=lambda rule: (book.files.index(rule.file) if rule.file in book.files else -1, rule.id))


def _marker_hint(marker: Rule, other: Rule) -> str:
    """How to mark ``marker`` as restating ``other`` on purpose, where the two cite different sources."""
    if marker.source == other.source:
        return ""
    return f"; if '{marker.id}' restates another source on purpose, mark it corroborates = \"{other.id}\""


def _restatements(
    book: Rulebook, fires: dict[str, int], does: dict[str, frozenset[Effect]]
) -> Iterator[tuple[str, Rule, Rule]]:
    """Each redundant pair once, as ``("redundant", a, b)`` with ``a`` first by id, and each rule subsumed by
    another, as ``("subsumed", the subsumed rule, the implying rule)``; rules that never fire are left to
    ``rule-never-fires``."""
    rules = [rule for rule in book.rules.values() if fires[rule.id]]
    for weaker, stronger in itertools.permutations(rules, 2):
        if fires[weaker.id] & ~fires[stronger.id] or unprovided(does[weaker.id], does[stronger.id]):
            continue
        if fires[weaker.id] == fires[stronger.id] and not unprovided(does[stronger.id], does[weaker.id]):
            if weaker.id < stronger.id:
                yield "redundant", weaker, stronger
        else:
            yield "subsumed", weaker, stronger


def _corroboration(kind: str, weaker: Rule, stronger: Rule) -> Observation:
    """The note of a deliberate restatement: the rule that carries the marker first."""
    marker, other = (weaker, stronger) if weaker.corroborates == stronger.id else (stronger, weaker)
    if kind == "redundant":
        how = "the two fire on the same profiles with the same effects"
    else:
        how = f"'{stronger.id}' fires wherever '{weaker.id}' does and does all it does"
    message = f"rule {_cited(marker)} corroborates {_cited(other)}: {how}, on purpose (marked corroborates)"
    return Observation("corroborates", message, marker.id, marker.file, (), (marker.id, other.id))


def _unfounded(
    rule: Rule, other: Rule, fires: dict[str, int], does: dict[str, frozenset[Effect]], *, space: _Space, examples: int
) -> Observation:
    """A ``corroborates`` marker that no redundancy or subsumption bears out, with what ``other`` lacks."""
    apart = fires[rule.id] & ~fires[other.id]
    if apart:
        why = f"'{other.id}' does not fire wherever '{rule.id}' does"
    else:
        missing = unprovided(does[rule.id], does[other.id])
        why = f"'{other.id}' does not do all '{rule.id}' does (it never {missing[0].words()})"
        apart = fires[rule.id]
    message = f'rule {_cited(rule)} is marked corroborates = "{other.id}", but {why}: remove the marker'
    message += " or make the two rules agree"
    return Observation(
        "unfounded-corroboration", message, rule.id, rule.file, space.shown(apart, examples), (rule.id, other.id)
    )


# --- overlap conflicts --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Claim:
    """What one rule says about a ``subject`` (a pair of roles, a duty, a role that is split), in words, and the plans
    where the claim shows (``shows``: the rule fires and the plan has what the claim speaks of)."""

    rule: Rule
    subject: str
    value: tuple[str, ...]
    said: str
    shows: int


def _claims(
    book: Rulebook, space: _Space, fires: dict[str, int], does: dict[str, frozenset[Effect]]
) -> Iterator[tuple[str, _Claim, _Claim]]:
    """The pairs of claims that contradict, with why: ``supports`` both ways, a duty given to two roles, a role that a
    split keeps and another rule removes, and a role split two ways."""
    supports: list[_Claim] = []
    holds: list[_Claim] = []
    splits: list[_Claim] = []
    removals: dict[str, list[_Claim]] = defaultdict(list)
    for rule in book.rules.values():
        on = fires[rule.id]
        for effect in sorted(does[rule.id]):
            if effect.kind == "relate" and effect.subject[0] == "supports":
                a, b = effect.subject[1:]
                both = on & space.planned[a] & space.planned[b]
                supports.append(_Claim(rule, "-".join(sorted((a, b))), (a, b), effect.words(), both))
            elif effect.kind == "hold":
                duty, role = effect.subject
                owner = book.duties[duty].belongs_to
                unowned = space.full & ~space.staffed(owner) if owner else space.full
                holds.append(_Claim(rule, duty, (role,), effect.words(), on & space.planned[role] & unowned))
            elif effect.kind == "split":
                splits.append(_Claim(rule, effect.subject[0], effect.subject[1:], effect.words(), on))
            elif effect.kind == "remove":
                role = effect.subject[0]
                removals[role].append(_Claim(rule, role, ("remove",), effect.words(), on & ~space.planned[role]))
    why = "supports goes one way (the helper serves the one it supports), and nothing settles which way it goes here"
    for one, two in itertools.combinations(supports, 2):
        if one.subject == two.subject and one.value != two.value:
            yield why, one, two
    why = "both roles are planned where the duty's own role or team is not, so the plan shows it on both"
    for one, two in itertools.combinations(holds, 2):
        if one.subject == two.subject and one.value != two.value:
            yield why, one, two
    why = "both take the role apart, into different roles: its duties go two ways, and nothing settles which"
    for one, two in itertools.combinations(splits, 2):
        moved = one.value[0] == two.value[0] == "move"
        if moved and one.subject == two.subject and one.value[1:] != two.value[1:]:
            yield why, one, two
    why = "the split keeps the role, but it leaves the plan: precedence weighs adding and removing, not keeping"
    for split in splits:
        if split.value[0] == "keep":
            for removal in removals[split.subject]:
                yield why, split, removal


def _conflicts(
    book: Rulebook, space: _Space, fires: dict[str, int], does: dict[str, frozenset[Effect]], examples: int
) -> list[Observation]:
    """Two rules fire together and contradict, on the profiles where the contradiction shows in the plan:

    * ``supports`` from one role to another and from the other back (it goes one way), where both are planned;
    * ``hold`` of one duty by two roles, where both are planned and the duty's own role or team is not;
    * ``split`` of one role, without ``keep``, into different roles (its duties go two ways; splits that keep the
      role each take part of its work off, and add up);
    * ``split`` with ``keep = true`` of a role that another rule removes, where the role leaves the plan.

    Adding and removing one role is settled by precedence (``settled-by-precedence`` where it decides a plan);
    two scales or ranks of one role by the largest scale and the lowest rank, which let a narrower rule raise a
    figure; advice and derived facts only add up; a relation, a hold, a scale or a rank of a role the plan lacks
    shows nowhere. None of these is a conflict.
    """
    found: list[Observation] = []
    for why, one, two in _claims(book, space, fires, does):
        shows = one.shows & two.shows
        if not shows:
            continue
        if one.rule is two.rule:
            said = f"rule {_cited(one.rule)} contradicts itself: it {one.said} and {two.said}"
        else:
            said = f"rules {_cited(one.rule)} and {_cited(two.rule)} fire together and contradict: "
            said += f"'{one.rule.id}' {one.said}, '{two.rule.id}' {two.said}"
        blame = _later(book, one.rule, two.rule)
        rules = tuple(dict.fromkeys((one.rule.id, two.rule.id)))
        found.append(
            Observation("overlap-conflict", f"{said}; {why}", blame.id, blame.file, space.shown(shows, examples), rules)
        )
    return found


# --- always-true conditions ---------------------------------------------------------------------------------------


def _always_true(book: Rulebook, space: _Space) -> list[Observation]:
    """Each part of a rule's condition that holds on every profile, none of whose immediate parts does (that one
    would say why); the ``when`` of a rule without one is not looked at."""
    found: list[Observation] = []
    derived_words = {name: fact.en for name, fact in book.derived.items()}
    for rule in book.rules.values():
        if rule.when == ALWAYS:
            continue
        for path, part in _always_parts(rule.when, "when", space):
            said = words(part, "en", derived_words)
            if path == "when":
                message = f"the condition of rule '{rule.id}' holds on every profile of the fact space ({said}): "
                message += "it tests nothing; leave out `when` if the rule is meant to fire always"
            else:
                message = f"{path} of rule '{rule.id}' holds on every profile of the fact space ({said}): it tests "
                message += "nothing"
            found.append(Observation("always-true", message, rule.id, rule.file, (), (rule.id,)))
    return found


def _always_parts(cond: Condition, path: str, space: _Space) -> Iterator[tuple[str, Condition]]:
    children: list[tuple[str, Condition]] = []
    if isinstance(cond, Not):
        children = [(f"{path}.not", cond.operand)]
    elif isinstance(cond, (All, Any_)):
        key = "all" if isinstance(cond, All) else "any"
        children = [(f"{path}.{key}[{index}]", operand) for index, operand in enumerate(cond.operands)]
    if space.holds(cond) == space.full and not any(space.holds(child) == space.full for _, child in children):
        yield path, cond
    for child_path, child in children:
        yield from _always_parts(child, child_path, space)
