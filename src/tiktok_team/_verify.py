"""Exhaustive verification of a rulebook: every combination of the facts rules can tell apart, checked.

The fact space is every stage × sourcing × set of formats × the true/false facts × the headcount budget at its
boundary values (not given, 1, and one below, at and above each number a rule compares it with). For each profile
the plan is built and checked against the invariants; across the space the rulebook is checked for rules that never
fire, roles never recommended, advice never given, duties never held, relations never drawn, guidance never cited,
and roles whose inclusion is settled only by precedence; over the same plans, :mod:`tiktok_team._analysis` compares
the rules with one another (redundant, subsumed, contradicting and always-true rules). Derivation cycles and
self-contradictory conditions are load errors (:class:`~tiktok_team.RulebookError`), so a rulebook that loads
has neither.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict

from ._analysis import Observation, analyse
from ._claims import Claim, Shown, budget_claims, keep_claims, shown_texts, text_claims
from ._collector import fewer_collections
from ._condition import fact_values
from ._engine import breakpoints
from ._entries import Rule
from ._invariants import INVARIANTS, check_stage_growth
from ._lazy import publish
from ._plan import Plan
from ._profile import FACTS, STAGES, BusinessProfile
from ._recommend import remembered_plan
from ._rulebook import Rulebook
from ._schema_version import with_schema_version

__all__ = ["VerifyFinding", "VerifyReport", "fact_space", "verify"]

Invariant = Callable[[Plan], list[str]]


class VerifyFinding(BaseModel):
    """One defect: its ``kind``, a sentence, the entry and file at fault, and up to a few profiles that show it;
    ``rules`` names every rule a finding about rules together is about (see :mod:`tiktok_team._analysis`)."""

    model_config = ConfigDict(frozen=True)

    kind: str
    message: str
    entry: str | None
    file: str | None
    profiles: tuple[dict[str, Any], ...] = ()
    rules: tuple[str, ...] = ()


class VerifyReport(BaseModel):
    """The outcome of :func:`verify`: how many profiles were checked and what was found; ``notes`` are what is
    deliberate, not a defect (rules marked as corroborating another, see :mod:`tiktok_team._analysis`)."""

    model_config = ConfigDict(frozen=True)

    profiles: int
    findings: tuple[VerifyFinding, ...]
    notes: tuple[VerifyFinding, ...] = ()

    @property
    def clean(self) -> bool:
        """True when nothing was found."""
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data (what ``tiktok-team rules verify --format json`` prints), with its
        ``schema_version``."""
        return with_schema_version({**self.model_dump(mode="json"), "clean": self.clean})


def _prefer_overlay(rules: list[Rule]) -> Rule:
    """The rule to name for a finding: one from an overlay if any (bundled files are ``rules/...``), else the first."""
    return next((rule for rule in rules if not rule.file.startswith("rules/")), rules[0])


def _suspect(plan: Plan, problem: str) -> Rule | None:
    """The fired rule most likely behind an invariant violation: one that names a role the problem quotes."""
    quoted = set(re.findall(r"'([a-z_]+)'", problem))
    rules = [plan.rulebook.rules[r] for r in plan.outcome.fired]
    involved = [rule for rule in rules if quoted & rule.roles_named()]
    return _prefer_overlay(involved) if involved else None


@dataclass
class _Seen:
    """What the plans of a sweep used: the rules fired, the roles recommended, the advice given, the duties held, the
    rules that drew an edge and the texts shown (kind of entry, id, where)."""

    fired: set[str] = field(default_factory=set)
    recommended: set[str] = field(default_factory=set)
    advised: set[str] = field(default_factory=set)
    held: set[str] = field(default_factory=set)
    drawn: set[str] = field(default_factory=set)
    said: set[tuple[str, str, str]] = field(default_factory=set)

    def observe(self, plan: Plan, shown: Iterable[Shown]) -> None:
        """Add what ``plan`` uses, ``shown`` being the texts it shows (:func:`shown_texts`)."""
        self.fired.update(plan.outcome.fired)
        self.recommended.update(role.id for role in plan.roles)
        self.advised.update(advice.id for advice in plan.advice)
        self.held.update(duty.duty for role in plan.roles for duty in role.holds)
        # an edge's "rules" attribute names the rules that drew it, comma-separated
        self.drawn.update(attrs.get("rules", "") for *_, attrs in plan.graph.edges(data=True))
        self.said.update((kind, entry, where) for kind, entry, where, *_ in shown)

    def drew(self, rule_id: str) -> bool:
        """Whether ``rule_id`` drew an edge in some plan."""
        return any(rule_id in drawn.split(",") for drawn in self.drawn)


def _budget_claims(
    book: Rulebook,
    by_rest: Mapping[str, Mapping[str, Plan]],
    by_budget: Mapping[tuple[str, str, int | None], Plan],
    claims: dict[Claim, list[dict[str, Any]]],
) -> None:
    """Add the claims of every business's staffings under the budgets that fit its startup team (see
    :func:`tiktok_team._claims.budget_claims`), each example profile with the smallest budget that shows it. The plan
    under a budget is the plan under the least budget of the same region (the rules tell budgets apart only at their
    breakpoints), which the sweep has made: ``by_budget`` holds each plan by the business's other facts (as
    :func:`_business` gives them), its stage and its budget."""
    cuts = sorted(breakpoints(book).get("headcount_budget", set()) | {1})  # each a budget of the fact space
    memo: dict[Any, Any] = {}
    for plans in by_rest.values():
        for plan in plans.values():
            profile = plan.profile
            if profile.headcount_budget is not None or "startup" not in plans:
                continue
            business = _business(profile)

            def plan_at(budget: int, stage: str = profile.stage, business: str = business) -> Plan:
                return by_budget[business, stage, max(cut for cut in cuts if cut <= budget)]

            for claim, budget in budget_claims(plan_at, plans["startup"], memo):
                shown = profile.model_dump(mode="json", exclude_defaults=True)
                claims[claim].append({**shown, "headcount_budget": budget})


def _business(profile: BusinessProfile) -> str:
    """The facts of ``profile`` but its stage and its headcount budget."""
    return profile.model_dump_json(exclude={"stage", "headcount_budget"})


def _stage_problems(by_rest: Mapping[str, Mapping[str, Plan]], problems: dict[tuple[str, str], list[Any]]) -> None:
    """Add the violations of "a later stage keeps or splits every duty of an earlier one" between the plans of each
    business at its stages."""
    for plans in by_rest.values():
        ordered = [plans[stage] for stage in STAGES if stage in plans]
        for earlier, later in itertools.pairwise(ordered):
            for problem in check_stage_growth(earlier, later):
                shown = later.profile.model_dump(mode="json", exclude_defaults=True)
                problems["a later stage keeps or splits every duty of an earlier one", problem].append(shown)


def _texts_of(book: Rulebook) -> list[tuple[str, str, str]]:
    """Every duty line and every advice text and variant of the rulebook, as :func:`shown_texts` names them."""
    found = [("role", role.id, f"duties[{n}]") for role in book.roles.values() for n in range(len(role.duties))]
    for advice in book.advice.values():
        found += [("advice", advice.id, f"variants[{n}]") for n in range(len(advice.variants))]
        found.append(("advice", advice.id, "text"))
    return found


def _origin(book: Rulebook, claim: Claim) -> str | None:
    """The file that defined the entry a claim blames."""
    if claim.entry_kind == "rule":
        return book.rules[claim.entry].file
    return book.origins.get((claim.entry_kind, claim.entry))


def fact_space(book: Rulebook) -> Iterator[BusinessProfile]:
    """Every profile that the conditions of ``book`` can tell apart (workload fields left unset).

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> sum(1 for _ in fact_space(load_rulebook()))
    2304
    """
    cuts = breakpoints(book)
    names = list(FACTS)
    domains = [fact_values(name, cuts.get(name, ())) for name in names]
    for values in itertools.product(*domains):
        yield BusinessProfile.model_validate(dict(zip(names, values, strict=True)))


def verify(book: Rulebook, invariants: Mapping[str, Invariant] | None = None, examples: int = 3) -> VerifyReport:
    """Check ``book`` over its whole fact space.

    Parameters
    ----------
    book : Rulebook
    invariants : mapping of name to function, optional
        Checks of a plan returning a list of problems (empty when the plan is sound), run besides the built-in
        :data:`tiktok_team.testing.INVARIANTS` and the stage-growth check.
    examples : int
        How many example profiles to keep per finding.

    Returns
    -------
    VerifyReport

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> report = verify(load_rulebook())
    >>> report.clean, report.profiles
    (True, 2304)

    What is deliberate is noted apart (here, rules marked as restating another source's rule):

    >>> sorted({note.kind for note in report.notes}), report.notes[0].rules
    (['corroborates'], ('ad-buyer-as-important-as-streamer', 'paid-traffic-in-the-chain'))
    """
    with fewer_collections():  # the sweep keeps most of what it makes (tiktok_team._collector)
        return _verify(book, invariants, examples)


def _verify(book: Rulebook, invariants: Mapping[str, Invariant] | None, examples: int) -> VerifyReport:
    """:func:`verify`, at whatever pace the garbage collector runs."""
    checks = {**INVARIANTS, **(invariants or {})}
    used = _Seen()
    problems: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    contested: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    by_rest: dict[str, dict[str, Plan]] = defaultdict(dict)
    by_budget: dict[tuple[str, str, int | None], Plan] = {}
    blamed: dict[tuple[str, str], Rule | None] = {}
    claims: dict[Claim, list[dict[str, Any]]] = defaultdict(list)
    count = 0
    for profile in fact_space(book):
        count += 1
        plan = remembered_plan(profile, book)  # businesses the rules do not tell apart share a run
        shown = profile.model_dump(mode="json", exclude_defaults=True)
        shown_here = list(shown_texts(plan))
        used.observe(plan, shown_here)
        for role_id in plan.overruled:
            kept = any(role.id == role_id for role in plan.roles)
            side = [book.rules[r] for r in plan.outcome.fired]
            deciders = [r.id for r in side if role_id in (r.roles_added() if kept else r.roles_removed())]
            contested[role_id, ",".join(deciders)].append(shown)
        for name, check in checks.items():
            for problem in check(plan):
                problems[name, problem].append(shown)
                blamed.setdefault((name, problem), _suspect(plan, problem))
        for claim in itertools.chain(text_claims(plan, shown_here), keep_claims(plan)):
            claims[claim].append(shown)
        rest = profile.model_dump_json(exclude={"stage"})
        by_rest[rest][profile.stage] = plan
        by_budget[_business(profile), profile.stage, profile.headcount_budget] = plan
    _budget_claims(book, by_rest, by_budget, claims)
    _stage_problems(by_rest, problems)
    fired = used.fired

    findings: list[VerifyFinding] = []

    def add(kind: str, message: str, entry: str | None, origin: str | None, seen: list[dict[str, Any]]) -> None:
        findings.append(
            VerifyFinding(kind=kind, message=message, entry=entry, file=origin, profiles=tuple(seen[:examples]))
        )

    for rule in book.rules.values():
        if rule.id not in fired:
            add("rule-never-fires", f"rule '{rule.id}' fires for no profile", rule.id, rule.file, [])
        elif rule.relate and not used.drew(rule.id):
            add(
                "relation-never-drawn",
                f"rule '{rule.id}' never draws an edge: its roles are never planned together",
                rule.id,
                rule.file,
                [],
            )
    unused = (
        ("role-never-recommended", "role", "role '{}' is in no plan", book.roles, used.recommended),
        ("advice-never-given", "advice", "advice '{}' is given in no plan", book.advice, used.advised),
        ("duty-never-held", "duty", "duty '{}' is held by no role in any plan", book.duties, used.held),
    )
    for kind, entry_kind, message, ids, found in unused:
        for entry_id in ids:
            if entry_id not in found:
                add(kind, message.format(entry_id), entry_id, book.origins.get((entry_kind, entry_id)), [])
    for guidance_id in book.guidance:
        if not book.rules_for_guidance(guidance_id):
            add(
                "guidance-never-cited",
                f"guidance {guidance_id} is cited by no rule",
                guidance_id,
                book.origins.get(("guidance", guidance_id)),
                [],
            )
    for (role_id, winners), seen in contested.items():
        blame = _prefer_overlay([book.rules[r] for r in winners.split(",")])
        add(
            "settled-by-precedence",
            f"role '{role_id}' is both added and removed; only precedence decides it, for {winners}",
            blame.id,
            blame.file,
            seen,
        )
    for claim, seen in claims.items():
        add(claim.kind, claim.message, claim.entry, _origin(book, claim), seen)
    for kind, text_of, where in _texts_of(book):
        if (kind, text_of, where) not in used.said and (kind != "advice" or text_of in used.advised):
            message = f"{where} of {kind} '{text_of}' is shown in no plan"
            add("text-never-shown", message, text_of, book.origins.get((kind, text_of)), [])
    for (name, problem), seen in problems.items():
        suspect = blamed.get((name, problem))
        entry, origin = (suspect.id, suspect.file) if suspect else (None, None)
        add("invariant", f"{name}: {problem}", entry, origin, seen)
    # Level 2 (tiktok_team._analysis): redundant, subsumed and contradicting rules, conditions that always hold.
    level2 = analyse(book, [plan for plans in by_rest.values() for plan in plans.values()], examples)
    return VerifyReport(profiles=count, findings=(*findings, *_found(level2.findings)), notes=_found(level2.notes))


def _found(observations: Iterable[Observation]) -> tuple[VerifyFinding, ...]:
    return tuple(VerifyFinding.model_validate(found, from_attributes=True) for found in observations)


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
