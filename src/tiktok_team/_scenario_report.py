"""Running scenario files (see :mod:`tiktok_team._scenario`): each scenario's profile is planned and each of its
expectations checked.

A failed expectation names the rules that decided it, in the words of the plan and of :mod:`tiktok_team._explain`:
for a role wrongly in, the rules that added it; wrongly out, the fired rule that removed it or, if none fired, the
rules that would add it; for a headcount, the rules that set it; for advice, an edge or a held duty, the rules that
give, draw or give it, with their conditions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ._condition import words
from ._duties import is_staffed
from ._entries import Rule
from ._lazy import publish
from ._plan import Plan, Reason
from ._profile import BusinessProfile
from ._recommend import recommend
from ._rulebook import Rulebook, load_rulebook
from ._scenario import EdgeExpectation, Scenario, ScenarioCitation, load_scenarios
from ._scenario_says import said_problems
from ._schema_version import with_schema_version

__all__ = [
    "ScenarioFailure",
    "ScenarioReport",
    "ScenarioResult",
    "check_scenario",
    "run_scenario",
    "run_scenario_files",
    "run_scenarios",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class ScenarioFailure(_Model):
    """A failed expectation: its key (``expect_roles`` …), what it was about, a sentence, the rules that decided it,
    and the explanation (the plan's ``why`` / ``why_not`` lines, or the conditions of the rules that would have)."""

    expectation: str
    subject: str
    message: str
    rules: tuple[Reason, ...]
    explanation: tuple[str, ...]


class ScenarioResult(_Model):
    """The outcome of one scenario."""

    name: str
    file: str
    cites: tuple[ScenarioCitation, ...]
    profile: BusinessProfile
    expectations: int
    failures: tuple[ScenarioFailure, ...]

    @property
    def passed(self) -> bool:
        """True when every expectation held."""
        return not self.failures

    @property
    def citation(self) -> str:
        """Where the scenario comes from, e.g. ``three-stages §1 G17; three-stages §1 G18``."""
        return "; ".join(" ".join(filter(None, (c.source, c.section, c.guidance))) for c in self.cites)

    def text(self) -> str:
        """The failures as plain text (empty when the scenario passed).

        Examples
        --------
        >>> from tiktok_team._scenario import bundled_scenarios
        >>> scenario = load_scenarios(bundled_scenarios()[0])[0]
        >>> run_scenario(scenario.model_copy(update={"expect_headcount": 99})).text().splitlines()[1]
        '- expect_headcount: expected 99 people in all, the plan has 7'
        """
        if self.passed:
            return ""
        lines = [f"scenario '{self.name}' ({self.file}, {self.citation}) failed:"]
        for failure in self.failures:
            lines.append(f"- {failure.expectation}: {failure.message}")
            lines += [f"  {line}" for line in failure.explanation]
        return "\n".join(lines)


class ScenarioReport(_Model):
    """The outcome of the scenarios of one or more files, in file order."""

    files: tuple[str, ...]
    results: tuple[ScenarioResult, ...]

    @classmethod
    def of(cls, results: Iterable[ScenarioResult]) -> ScenarioReport:
        """The report of ``results``, in their order, naming their files in the order they first come."""
        results = tuple(results)
        return cls(files=tuple(dict.fromkeys(result.file for result in results)), results=results)

    @property
    def passed(self) -> bool:
        """True when every scenario passed."""
        return all(result.passed for result in self.results)

    @property
    def status(self) -> int:
        """The exit status of ``tiktok-team rules test``: 0 when every scenario passed, else 1."""
        return 0 if self.passed else 1

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data (what ``tiktok-team rules test --format json`` prints), with its
        ``schema_version``."""
        results = [
            {
                **result.model_dump(mode="json", by_alias=True),
                "profile": result.profile.model_dump(mode="json", exclude_defaults=True),
                "passed": result.passed,
            }
            for result in self.results
        ]
        return with_schema_version(
            {
                "files": list(self.files),
                "scenarios": len(self.results),
                "failed": sum(not result.passed for result in self.results),
                "passed": self.passed,
                "results": results,
            }
        )


def run_scenario(scenario: Scenario, rulebook: Rulebook | None = None) -> ScenarioResult:
    """Plan ``scenario``'s profile and check each of its expectations.

    Examples
    --------
    >>> from tiktok_team._scenario import bundled_scenarios
    >>> scenario = load_scenarios(bundled_scenarios()[0])[0]
    >>> run_scenario(scenario).passed
    True
    """
    book = rulebook if rulebook is not None else load_rulebook()
    return check_scenario(scenario, recommend(scenario.profile, book))


def check_scenario(scenario: Scenario, plan: Plan) -> ScenarioResult:
    """Check each expectation of ``scenario`` against ``plan``, the plan of its profile (what :func:`run_scenario`
    does once it has the plan).

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> from tiktok_team._scenario import bundled_scenarios
    >>> scenario = load_scenarios(bundled_scenarios()[0])[0]
    >>> check_scenario(scenario, recommend(scenario.profile)).passed
    True
    """
    failures = [
        *_roles(scenario, plan),
        *_headcount(scenario, plan),
        *_advice(scenario, plan),
        *_edges(scenario, plan),
        *_holds(scenario, plan),
        *(_failure(*found) for found in said_problems(scenario, plan)),
    ]
    return ScenarioResult(
        name=scenario.name,
        file=scenario.file,
        cites=scenario.cites,
        profile=scenario.profile,
        expectations=scenario.expectations,
        failures=tuple(failures),
    )


def run_scenarios(scenarios: Iterable[Scenario], rulebook: Rulebook | None = None) -> ScenarioReport:
    """Run scenarios (in order) and report the failures of each.

    Examples
    --------
    >>> from tiktok_team._scenario import bundled_scenarios
    >>> report = run_scenarios(load_scenarios(bundled_scenarios()[0]))
    >>> report.passed, report.status
    (True, 0)
    """
    book = rulebook if rulebook is not None else load_rulebook()
    return ScenarioReport.of(run_scenario(scenario, book) for scenario in scenarios)


def run_scenario_files(paths: Sequence[str | Path], rules: Sequence[str | Path] = ()) -> ScenarioReport:
    """Load the rulebook (the bundled one plus the rule files ``rules``), then load and run each scenario file.

    Raises
    ------
    RulebookError
        If a rule file is bad.
    ScenarioError
        If a scenario file is bad (nothing is run then).

    Examples
    --------
    >>> from tiktok_team._scenario import bundled_scenarios
    >>> run_scenario_files(bundled_scenarios()).status
    0
    """
    book = load_rulebook(*rules)
    scenarios = [scenario for path in paths for scenario in load_scenarios(path, book)]
    return run_scenarios(scenarios, book)


# --- the checks: each yields the failures of one kind of expectation -------------------------------------------


def _failure(
    expectation: str, subject: str, message: str, rules: Iterable[Reason], explanation: Iterable[str]
) -> ScenarioFailure:
    return ScenarioFailure(
        expectation=expectation,
        subject=subject,
        message=message,
        rules=tuple(rules),
        explanation=tuple(explanation),
    )


def _rule_ids(reasons: Iterable[Reason]) -> str:
    return ", ".join(f"{reason.rule} ({reason.file})" for reason in reasons)


def _unfired(verb: str, reasons: Iterable[Reason]) -> str:
    """Why something did not happen although a rule could do it: none of those rules fired (or there is none)."""
    reasons = list(reasons)
    return f"no rule that {verb} it fired ({_rule_ids(reasons)})" if reasons else f"no rule {verb} it"


def _lines(text: str) -> tuple[str, ...]:
    """The reasons of a ``why`` / ``why_not`` text: its lines after the verdict."""
    return tuple(text.splitlines()[1:])


def _roles(scenario: Scenario, plan: Plan) -> Iterable[ScenarioFailure]:
    book = plan.rulebook
    planned = {role.id: role for role in plan.roles}
    excluded = {left.id: left for left in plan.excluded}
    for role_id, count in scenario.expect_roles.items():
        role = planned.get(role_id)
        if role is None:
            reasons = excluded[role_id].reasons
            removed = [reason for reason in reasons if reason.rule in plan.outcome.fired]
            why = f"removed by {_rule_ids(removed)}" if removed else _unfired("adds", reasons)
            message = f"expected {role_id} in the plan, but it is not: {why}"
            yield _failure("expect_roles", role_id, message, reasons, _lines(plan.why_not(role_id, detail=True)))
        elif count is not None and role.headcount != count:
            scalers = [reason for reason in role.reasons if role_id in book.rules[reason.rule].scale]
            if any(role_id in used.roles for used in plan.assumptions):
                how = "sized by the workload"
            elif scalers:
                how = f"set by {_rule_ids(scalers)}"
            else:
                how = "no rule scales it, so 1"
            message = f"expected {count} people as {role_id}, the plan has {role.headcount}: {how}"
            yield _failure("expect_roles", role_id, message, scalers, _lines(plan.why(role_id, detail=True)))
    for role_id in scenario.expect_not:
        role = planned.get(role_id)
        if role is not None:
            adders = tuple(reason for reason in role.reasons if role_id in book.rules[reason.rule].roles_added())
            message = f"expected {role_id} not in the plan, but it is: added by {_rule_ids(adders)}"
            yield _failure("expect_not", role_id, message, adders, _lines(plan.why(role_id, detail=True)))


def _headcount(scenario: Scenario, plan: Plan) -> Iterable[ScenarioFailure]:
    expected = scenario.expect_headcount
    if expected is None or plan.headcount == expected:
        return
    book = plan.rulebook
    scalers: dict[str, Reason] = {}
    for role in plan.roles:
        for reason in role.reasons:
            if role.id in book.rules[reason.rule].scale:
                scalers[reason.rule] = reason
    explanation = tuple(f"- {role.id}: {role.headcount}" for role in plan.roles)
    message = f"expected {expected} people in all, the plan has {plan.headcount}"
    yield _failure("expect_headcount", "headcount", message, [scalers[r] for r in sorted(scalers)], explanation)


def _rule_line(plan: Plan, rule: Rule, verb: str) -> str:
    """A rule that would have done something, with its condition and citation, in the words of :mod:`.explain`."""
    derived = {name: fact.en for name, fact in plan.rulebook.derived.items()}
    fired = "fired" if rule.id in plan.outcome.fired else "did not fire"
    return (
        f"- Rule {rule.id} {verb} when {words(rule.when, 'en', derived)} "
        f"[{rule.source} {rule.section}, {rule.guidance}, {rule.basis}]; here it {fired}."
    )


def _advice(scenario: Scenario, plan: Plan) -> Iterable[ScenarioFailure]:
    given = {advice.id for advice in plan.advice}
    for advice_id in scenario.expect_advice:
        if advice_id in given:
            continue
        givers = [rule for rule in plan.rulebook.rules.values() if advice_id in rule.advise]
        why = _unfired("gives", map(Reason.of, givers))
        message = f"expected advice {advice_id}, but it is not given: {why}"
        lines = [_rule_line(plan, rule, "gives it") for rule in givers]
        yield _failure("expect_advice", advice_id, message, map(Reason.of, givers), lines)


def _draws(rule: Rule, edge: EdgeExpectation) -> bool:
    symmetric = edge.kind in ("collaborates", "can_cover")
    for rel in rule.relate:
        if rel.kind != edge.kind:
            continue
        if edge.source in rel.sources and edge.target in rel.targets:
            return True
        if symmetric and edge.target in rel.sources and edge.source in rel.targets:
            return True
    return False


def _edges(scenario: Scenario, plan: Plan) -> Iterable[ScenarioFailure]:
    book = plan.rulebook
    planned = {role.id for role in plan.roles}
    for edge in scenario.expect_edges:
        if plan.graph.has_edge(edge.source, edge.target, key=edge.kind):
            continue
        subject = f"{edge.source} -{edge.kind}-> {edge.target}"
        drawers = [rule for rule in book.rules.values() if _draws(rule, edge)]
        missing = [end for end in (edge.source, edge.target) if end not in plan.graph.nodes]
        explanation: list[str] = []
        for end in missing:
            explanation += _lines(plan.why_not(end, detail=True)) if end in book.roles and end not in planned else []
        if missing:
            why = f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not in the plan"
        elif edge.kind == "reports_to":
            bosses = [b for _, b, kind in plan.graph.out_edges(edge.source, keys=True) if kind == "reports_to"]
            why = f"{edge.source} reports to {', '.join(bosses) or 'no one'}"
        else:
            why = _unfired("draws", map(Reason.of, drawers))
        explanation += [_rule_line(plan, rule, "draws it, where both roles are planned,") for rule in drawers]
        message = f"expected the edge {subject}, but the plan has none: {why}"
        yield _failure("expect_edges", subject, message, map(Reason.of, drawers), explanation)


def _holds(scenario: Scenario, plan: Plan) -> Iterable[ScenarioFailure]:
    book = plan.rulebook
    planned = {role.id: role for role in plan.roles}
    for expected in scenario.expect_holds:
        role = planned.get(expected.role)
        if role is not None and any(held.duty == expected.duty for held in role.holds):
            continue
        givers = [
            rule
            for rule in book.rules.values()
            if any(held.role == expected.role and held.duty == expected.duty for held in rule.hold)
        ]
        belongs_to = book.duties[expected.duty].belongs_to
        if role is None:
            why = f"{expected.role} is not in the plan"
        elif belongs_to is not None and is_staffed(book, belongs_to, planned.keys()):
            why = f"its own {'role' if belongs_to in book.roles else 'team'}, {belongs_to}, is in the plan"
        else:
            why = _unfired("gives", map(Reason.of, givers))
        subject = f"{expected.role} holds {expected.duty}"
        message = f"expected {subject}, but it does not: {why}"
        lines = [_rule_line(plan, rule, "gives it") for rule in givers]
        yield _failure("expect_holds", subject, message, map(Reason.of, givers), lines)


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
