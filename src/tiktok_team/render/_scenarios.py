"""The report of scenario tests (:mod:`tiktok_team._scenario_report`) as markdown, their coverage of the rulebook
(:mod:`tiktok_team._scenario_coverage`) as markdown and CSV, and the output of ``tiktok-team rules test``."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from .._lazy import publish
from .._scenario_coverage import ScenarioCoverage
from .._scenario_report import ScenarioReport, ScenarioResult, run_scenario_files
from ._json import render_json
from ._markdown import md_text

__all__ = [
    "render_coverage",
    "render_coverage_csv",
    "render_coverage_markdown",
    "render_scenario_markdown",
    "rules_test_command",
]

# The first characters that make a spreadsheet read a cell as a formula (or hide what follows them): a cell of the
# CSV that starts with one gets a leading ' so that it stays text. Scenario names and file names are not trusted.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_scenario_markdown(report: ScenarioReport) -> str:
    """Render a scenario report: a summary line, each failed scenario with each failed expectation, the rules that
    decided it and the explanation, then the scenarios that passed.

    Examples
    --------
    >>> from tiktok_team._scenario import bundled_scenarios, load_scenarios
    >>> from tiktok_team._scenario_report import run_scenarios
    >>> scenario = load_scenarios(bundled_scenarios()[0])[0]
    >>> broken = scenario.model_copy(update={"expect_not": ("logistics",)})
    >>> text = render_scenario_markdown(run_scenarios([broken]))
    >>> print(text.split("## Passed")[0])  # doctest: +NORMALIZE_WHITESPACE
    # Scenario tests
    <BLANKLINE>
    **1 of 1 scenario failed** (1 of 11 expectations) in rules/scenarios/sources.toml.
    <BLANKLINE>
    ## Failed
    <BLANKLINE>
    ### startup live team with its own shop and stock
    <BLANKLINE>
    rules/scenarios/sources.toml · three-stages §1 G12; three-stages §1 G16
    <BLANKLINE>
    - **expect\\_not** `logistics`: expected logistics not in the plan, but it is: added by goods-management
      (rules/five-departments.toml), startup-shipping (rules/three-stages.toml)
      - Added because the business holds and ships its own stock \\[rule goods-management: five-departments §5,
        G09, stated\\].
      - At the startup stage, added because the business holds and ships its own stock \\[rule startup-shipping:
        three-stages §1, G16, stated\\].
      - It would leave the plan if the business had a supplier ship its goods, or picked from the affiliate pool.
      - decided by: `goods-management` five-departments §5, G09; `startup-shipping` three-stages §1, G16
    <BLANKLINE>
    """
    results = report.results
    failed = [result for result in results if not result.passed]
    total = sum(result.expectations for result in results)
    broken = sum(len(result.failures) for result in results)
    files = md_text(", ".join(report.files))
    noun = "scenario" if len(results) == 1 else "scenarios"
    out = ["# Scenario tests", ""]
    if failed:
        out += [
            f"**{len(failed)} of {len(results)} {noun} failed** ({broken} of {total} expectations) in {files}.",
            "",
            "## Failed",
            "",
        ]
        for result in failed:
            out += _failed(result)
    else:
        out += [f"**All {len(results)} {noun} passed** ({total} expectations) in {files}.", ""]
    passed = [result for result in results if result.passed]
    if passed:
        out += ["## Passed", "", *(f"- {md_text(r.name)} ({md_text(r.citation)})" for r in passed), ""]
    return "\n".join(out)


def _failed(result: ScenarioResult) -> list[str]:
    out = [f"### {md_text(result.name)}", "", f"{md_text(result.file)} · {md_text(result.citation)}", ""]
    for failure in result.failures:
        out.append(f"- **{md_text(failure.expectation)}** `{failure.subject}`: {md_text(failure.message)}")
        out += [f"  - {md_text(line.removeprefix('- '))}" for line in failure.explanation]
        if failure.rules:
            cited = "; ".join(f"`{r.rule}` {md_text(f'{r.source} {r.section}, {r.guidance}')}" for r in failure.rules)
            out.append(f"  - decided by: {cited}")
    return [*out, ""]


def rules_test_command(
    paths: Sequence[str | Path], rules: Sequence[str | Path] = (), fmt: str = "markdown"
) -> tuple[str, int]:
    """The output of ``tiktok-team rules test FILE...``: run the scenario files over the bundled rulebook plus the
    rule files ``rules``, and return the report (``markdown`` or ``json``) and the exit status (0 when every scenario
    passed, 1 when any failed).

    Raises
    ------
    RulebookError
        If a rule file is bad.
    ScenarioError
        If a scenario file is bad: the command exits with status 2, naming the file, the scenario and the key.

    Examples
    --------
    >>> from tiktok_team._scenario import bundled_scenarios
    >>> text, status = rules_test_command(bundled_scenarios())
    >>> status, text.splitlines()[2].startswith("**All ")
    (0, True)
    """
    report = run_scenario_files(paths, rules)
    return (render_json(report) if fmt == "json" else render_scenario_markdown(report)), report.status


def render_coverage_markdown(coverage: ScenarioCoverage) -> str:
    """Render the coverage of a rulebook by scenarios: a summary line, the rules no scenario fires, each rule with the
    scenarios that fire it, each scenario with the rules it fires, and the failed scenarios with why they failed.

    Examples
    --------
    >>> from tiktok_team import bundled_scenarios, load_scenarios, scenario_coverage
    >>> coverage = scenario_coverage(load_scenarios(bundled_scenarios()[0])[:2])
    >>> print(render_coverage_markdown(coverage).split("## Rules and")[0])  # doctest: +ELLIPSIS
    # Scenario coverage
    <BLANKLINE>
    **... of ... rules fired (...%)** by 2 scenarios in rules/scenarios/sources.toml; all passed.
    <BLANKLINE>
    ## Rules no scenario fires
    <BLANKLINE>
    - `actor-can-stream` (rules/three-stages.toml)
    ...
    """
    results = coverage.report.results
    failed = [result for result in results if not result.passed]
    noun = "scenario" if len(results) == 1 else "scenarios"
    outcome = f"**{len(failed)} failed**" if failed else "all passed"
    summary = f"**{coverage.fired} of {len(coverage.by_rule)} rules fired ({100 * coverage.share:.1f}%)**"
    out = [
        "# Scenario coverage",
        "",
        f"{summary} by {len(results)} {noun} in {md_text(', '.join(coverage.report.files))}; {outcome}.",
        "",
    ]
    unfired = [rule for rule in coverage.by_rule if not rule.scenarios]
    if unfired:
        out += ["## Rules no scenario fires", "", *(f"- `{rule.rule}` ({md_text(rule.file)})" for rule in unfired), ""]
    several = len(coverage.report.files) > 1
    out += ["## Rules and the scenarios that fire them", "", "| Rule | Scenarios |", "| --- | --- |"]
    for rule in coverage.by_rule:
        names = "; ".join(md_text(f"{s.name} ({s.file})" if several else s.name) for s in rule.scenarios)
        out.append(f"| `{rule.rule}` | {len(rule.scenarios)}{': ' + names if names else ''} |")
    out += ["", "## Scenarios and the rules they fire", "", "| Scenario | Passed | Rules |", "| --- | --- | --- |"]
    for scenario in coverage.by_scenario:
        name = md_text(f"{scenario.name} ({scenario.file})" if several else scenario.name)
        fired = ", ".join(f"`{rule_id}`" for rule_id in scenario.rules)
        out.append(f"| {name} | {'yes' if scenario.passed else '**no**'} | {len(scenario.rules)}: {fired} |")
    out.append("")
    if failed:
        out += ["## Failed", ""]
        for result in failed:
            out += _failed(result)
    return "\n".join(out)


def render_coverage_csv(coverage: ScenarioCoverage) -> str:
    """Render the coverage as CSV (RFC 4180: comma-separated, fields quoted where needed, CRLF line ends): a header,
    then a row per rule and scenario that fires it (``rule, rule_file, scenario, scenario_file``), rules in id order,
    and a row with empty scenario fields for each rule no scenario fires. A cell that starts with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return gets a leading ``'``, so that a spreadsheet shows it as text.

    Examples
    --------
    >>> from tiktok_team import bundled_scenarios, load_scenarios, scenario_coverage
    >>> coverage = scenario_coverage(load_scenarios(bundled_scenarios()[0])[:1])
    >>> print(render_coverage_csv(coverage).splitlines()[0])
    rule,rule_file,scenario,scenario_file
    >>> print(render_coverage_csv(coverage).splitlines()[1])
    actor-can-stream,rules/three-stages.toml,,
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["rule", "rule_file", "scenario", "scenario_file"])
    for rule in coverage.by_rule:
        rows = [[rule.rule, rule.file, s.name, s.file] for s in rule.scenarios] or [[rule.rule, rule.file, "", ""]]
        writer.writerows([[_inert(cell) for cell in row] for row in rows])
    return out.getvalue()


def _inert(cell: str) -> str:
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def render_coverage(coverage: ScenarioCoverage, fmt: str = "markdown") -> str:
    """The coverage in ``fmt``: ``markdown``, ``json`` or ``csv`` (what ``tiktok-team rules test --coverage``
    prints).

    Examples
    --------
    >>> import json
    >>> from tiktok_team import bundled_scenarios, coverage_of_scenario_files
    >>> data = json.loads(render_coverage(coverage_of_scenario_files(bundled_scenarios()), "json"))
    >>> data["share"], data["unfired"]
    (1.0, [])
    """
    if fmt == "json":
        return render_json(coverage)
    return render_coverage_csv(coverage) if fmt == "csv" else render_coverage_markdown(coverage)


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
