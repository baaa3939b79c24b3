"""Coverage of a rulebook by scenario tests, as Drools' test-scenario coverage report gives it: which scenarios fire
each rule, which rules each scenario fires, the share of the rules fired, and the rules that no scenario exercises.

A scenario *fires* a rule when the rule's condition holds for the scenario's profile (the rule is in
``plan.outcome.fired``), whether or not the rule's effect shows in the plan (an exclusion of a role no rule adds
fires all the same). Each scenario's profile is planned once, for its expectations and its rules alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ._lazy import publish
from ._recommend import recommend
from ._rulebook import Rulebook, load_rulebook
from ._scenario import Scenario, load_scenarios
from ._scenario_report import ScenarioReport, check_scenario
from ._schema_version import with_schema_version

__all__ = [
    "RuleFiring",
    "ScenarioCoverage",
    "ScenarioFiring",
    "ScenarioRef",
    "coverage_of_scenario_files",
    "scenario_coverage",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class ScenarioRef(_Model):
    """A scenario, by its name and its file (names are unique within a file)."""

    name: str
    file: str


class RuleFiring(_Model):
    """A rule of the rulebook, its file, and the scenarios that fire it (none: no scenario exercises it)."""

    rule: str
    file: str
    scenarios: tuple[ScenarioRef, ...]


class ScenarioFiring(_Model):
    """A scenario, whether its expectations held, and the rules its profile fires, by id."""

    name: str
    file: str
    passed: bool
    rules: tuple[str, ...]


class ScenarioCoverage(_Model):
    """The coverage of a rulebook by scenarios: each rule with the scenarios that fire it (``by_rule``, by rule id),
    each scenario with the rules it fires (``by_scenario``, in file order), and the outcome of the scenarios
    (``report``, as :func:`tiktok_team.run_scenarios` gives it)."""

    by_rule: tuple[RuleFiring, ...]
    by_scenario: tuple[ScenarioFiring, ...]
    report: ScenarioReport

    @property
    def fired(self) -> int:
        """How many rules some scenario fires."""
        return sum(bool(rule.scenarios) for rule in self.by_rule)

    @property
    def share(self) -> float:
        """The share of the rules that some scenario fires, from 0 to 1 (1 for a rulebook without rules)."""
        return self.fired / len(self.by_rule) if self.by_rule else 1.0

    @property
    def unfired(self) -> tuple[str, ...]:
        """The ids of the rules no scenario fires."""
        return tuple(rule.rule for rule in self.by_rule if not rule.scenarios)

    def meets(self, minimum: float) -> bool:
        """Whether at least ``minimum`` percent of the rules are fired (compared exactly, not in floating point)."""
        return self.fired * 100 >= minimum * len(self.by_rule)

    def problems(self, minimum: float | None = None) -> list[str]:
        """What makes ``tiktok-team rules test --coverage`` exit with status 1, one sentence each: failed scenarios,
        and a share of rules fired below ``minimum`` percent (if given).

        Examples
        --------
        >>> from tiktok_team import bundled_scenarios
        >>> coverage = coverage_of_scenario_files(bundled_scenarios())
        >>> coverage.problems(100)
        []
        """
        found = []
        failed = sum(not result.passed for result in self.report.results)
        if failed:
            found.append(
                f"{failed} of {len(self.report.results)} scenarios failed (rules test without --coverage says why)"
            )
        if minimum is not None and not self.meets(minimum):
            found.append(
                f"{self.fired} of {len(self.by_rule)} rules fired ({_percent(self.share)}), below the minimum of "
                f"{minimum:g}%: no scenario fires {', '.join(self.unfired)}"
            )
        return found

    def to_dict(self) -> dict[str, Any]:
        """The coverage as plain data (what ``tiktok-team rules test --coverage --format json`` prints), with its
        ``schema_version``."""
        return with_schema_version(
            {
                "files": list(self.report.files),
                "scenarios": len(self.by_scenario),
                "failed": sum(not scenario.passed for scenario in self.by_scenario),
                "rules": len(self.by_rule),
                "fired": self.fired,
                "share": self.share,
                "unfired": list(self.unfired),
                "by_rule": [rule.model_dump(mode="json") for rule in self.by_rule],
                "by_scenario": [scenario.model_dump(mode="json") for scenario in self.by_scenario],
            }
        )


def _percent(share: float) -> str:
    return f"{100 * share:.1f}%"


def scenario_coverage(scenarios: Iterable[Scenario], rulebook: Rulebook | None = None) -> ScenarioCoverage:
    """Run ``scenarios`` against ``rulebook`` (default: the bundled one) and say which rules each fires.

    Examples
    --------
    >>> from tiktok_team import bundled_scenarios, load_scenarios
    >>> scenarios = load_scenarios(bundled_scenarios()[0])
    >>> coverage = scenario_coverage(scenarios[:1])
    >>> coverage.by_scenario[0].name, "startup-live-team" in coverage.by_scenario[0].rules
    ('startup live team with its own shop and stock', True)
    >>> coverage.fired < len(coverage.by_rule), "mature-moat" in coverage.unfired
    (True, True)
    """
    book = rulebook if rulebook is not None else load_rulebook()
    firing: dict[str, list[ScenarioRef]] = {rule_id: [] for rule_id in book.rules}
    by_scenario = []
    results = []
    for scenario in scenarios:
        plan = recommend(scenario.profile, book)
        result = check_scenario(scenario, plan)
        results.append(result)
        fired = tuple(rule_id for rule_id in book.rules if rule_id in plan.outcome.fired)
        by_scenario.append(ScenarioFiring(name=scenario.name, file=scenario.file, passed=result.passed, rules=fired))
        for rule_id in fired:
            firing[rule_id].append(ScenarioRef(name=scenario.name, file=scenario.file))
    by_rule = tuple(
        RuleFiring(rule=rule.id, file=rule.file, scenarios=tuple(firing[rule.id])) for rule in book.rules.values()
    )
    return ScenarioCoverage(by_rule=by_rule, by_scenario=tuple(by_scenario), report=ScenarioReport.of(results))


def coverage_of_scenario_files(paths: Sequence[str | Path], rules: Sequence[str | Path] = ()) -> ScenarioCoverage:
    """Load the rulebook (the bundled one plus the rule files ``rules``), then load the scenario files and measure
    their coverage of it (what ``tiktok-team rules test FILE... --coverage`` does).

    Raises
    ------
    RulebookError
        If a rule file is bad.
    ScenarioError
        If a scenario file is bad (nothing is run then).

    Examples
    --------
    >>> from tiktok_team import bundled_scenarios
    >>> coverage_of_scenario_files(bundled_scenarios()).unfired
    ()
    """
    book = load_rulebook(*rules)
    return scenario_coverage([scenario for path in paths for scenario in load_scenarios(path, book)], book)


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
