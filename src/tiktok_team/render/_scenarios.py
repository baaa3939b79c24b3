"""The report of scenario tests (:mod:`tiktok_team._scenario_report`) as markdown, and the output of
``tiktok-team rules test``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .._lazy import publish
from .._scenario_report import ScenarioReport, ScenarioResult, run_scenario_files
from ._json import render_json
from ._markdown import md_text

__all__ = ["render_scenario_markdown", "rules_test_command"]


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
      - Rule goods-management adds it, because it holds and ships its own stock \\[five-departments §5, G09,
        stated\\].
      - Rule startup-shipping adds it, because stage is startup and it holds and ships its own stock
        \\[three-stages §1, G16, stated\\].
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


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
