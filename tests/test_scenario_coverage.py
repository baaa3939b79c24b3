"""Coverage of the rulebook by scenario tests (tiktok_team._scenario_coverage, ``rules test --coverage``): which
scenarios fire each rule, which rules each scenario fires, the share fired and the rules none fires, in markdown, JSON
(against its published schema) and CSV (read back with the csv module); ``--min``; bad arguments.

Which rules a scenario fires is checked against the plain evaluation of the rules' conditions
(tiktok_team._condition.holds), not against the engine that the coverage itself asks.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from helpers import ok, refused, run
from tiktok_team import (
    BusinessProfile,
    ScenarioCoverage,
    bundled_scenarios,
    coverage_of_scenario_files,
    load_rulebook,
    load_scenarios,
    output_schema,
    scenario_coverage,
)
from tiktok_team._condition import holds
from tiktok_team._rulebook import Rulebook
from tiktok_team.render import md_text, render_coverage, render_coverage_csv, render_coverage_markdown

SHIPPED = bundled_scenarios()
CITE = 'source = "three-stages"\nsection = "§3"\nguidance = "G25"\nbasis = "inferred"\nbecause = "a test overlay"\n'
# A rule that no bundled scenario fires: a mature brand with a loyalty programme, paid ads and no lives.
UNFIRED = f"""[[rule]]
id = "x-mature-brand-loyalty-ads"
{CITE}when = {{ all = [{{ fact = "stage", equals = "mature" }}, {{ fact = "own_brand", equals = true }},
               {{ fact = "loyalty_program", equals = true }}, {{ fact = "paid_ads", equals = true }},
               {{ not = {{ fact = "formats", contains = "livestream" }} }}] }}
advise = ["mature-moat"]
"""


def write(tmp_path: Path, text: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def scenario_file(tmp_path: Path, *names: str, profile: str = '{ stage = "growth", sourcing = "own_stock" }') -> Path:
    """A scenario file of one scenario per name, each of the same profile, expecting the streamer."""
    tables = [
        f'[[scenario]]\nname = {json.dumps(name)}\ncites = {{ source = "three-stages", section = "§2" }}\n'
        f'profile = {profile}\nexpect_roles = ["streamer"]\n'
        for name in names
    ]
    return write(tmp_path, "\n".join(tables), "scenarios.toml")


def firing_by_conditions(book: Rulebook, profile: BusinessProfile) -> tuple[str, ...]:
    """The rules whose condition holds for ``profile``, by the reference evaluation (derived facts to a fixed point)."""
    facts = profile.facts()
    derived: set[str] = set()
    while True:
        holding = [rule for rule in book.rules.values() if holds(rule.when, facts, derived)]
        more = {name for rule in holding for name in rule.derive}
        if more <= derived:
            return tuple(rule.id for rule in holding)
        derived |= more


@pytest.fixture(scope="module")
def shipped() -> ScenarioCoverage:
    return coverage_of_scenario_files(SHIPPED)


def test_the_shipped_scenarios_fire_every_bundled_rule(shipped: ScenarioCoverage) -> None:
    book = load_rulebook()
    assert [rule.rule for rule in shipped.by_rule] == list(book.rules)
    assert shipped.unfired == ()
    assert shipped.fired == len(book.rules)
    assert shipped.share == 1.0
    assert shipped.meets(100)
    assert shipped.problems(100) == []
    assert shipped.report.passed


def test_each_scenario_fires_the_rules_whose_conditions_hold_and_each_rule_lists_them(
    shipped: ScenarioCoverage,
) -> None:
    book = load_rulebook()
    scenarios = [scenario for path in SHIPPED for scenario in load_scenarios(path, book)]
    assert [(s.name, s.file) for s in shipped.by_scenario] == [(s.name, s.file) for s in scenarios]
    for scenario, firing in zip(scenarios, shipped.by_scenario, strict=True):
        assert firing.rules == firing_by_conditions(book, scenario.profile), scenario.name
    for rule in shipped.by_rule:
        expected = [(s.name, s.file) for s in shipped.by_scenario if rule.rule in s.rules]
        assert [(s.name, s.file) for s in rule.scenarios] == expected
        assert rule.file == book.rules[rule.rule].file


def test_one_scenario_leaves_rules_unfired_and_the_minimum_is_exact() -> None:
    book = load_rulebook()
    [first] = load_scenarios(SHIPPED[0], book)[:1]
    coverage = scenario_coverage([first], book)
    firing = set(firing_by_conditions(book, first.profile))
    assert set(coverage.unfired) == set(book.rules) - firing
    assert coverage.fired == len(firing)
    share = coverage.fired / len(book.rules)
    assert coverage.share == share
    assert coverage.meets(100 * coverage.fired / len(book.rules))
    assert not coverage.meets(100 * (coverage.fired + 0.001) / len(book.rules))
    [problem] = coverage.problems(100)
    assert problem.startswith(f"{coverage.fired} of {len(book.rules)} rules fired (")
    assert coverage.unfired[0] in problem


def test_an_overlay_rule_no_scenario_fires_fails_the_minimum(tmp_path: Path) -> None:
    rules = write(tmp_path, UNFIRED, "overlay.toml")
    done = run("rules", "test", *SHIPPED, "--rules", rules, "--coverage", "--min", "100")
    assert done.returncode == 1
    total = len(load_rulebook(rules).rules)
    assert done.stderr.strip().splitlines() == [
        f"tiktok-team: {total - 1} of {total} rules fired ({100 * (total - 1) / total:.1f}%), "
        "below the minimum of 100%: no scenario fires x-mature-brand-loyalty-ads"
    ]
    assert "## Rules no scenario fires\n\n- `x-mature-brand-loyalty-ads`" in done.stdout
    assert ok("rules", "test", *SHIPPED, "--rules", rules, "--coverage", "--min", "98.5") == done.stdout


def test_the_markdown_report(tmp_path: Path) -> None:
    path = scenario_file(tmp_path, "growth one", "growth two")
    book = load_rulebook()
    coverage = scenario_coverage(load_scenarios(path, book), book)
    text = render_coverage_markdown(coverage)
    lines = text.splitlines()
    assert lines[0] == "# Scenario coverage"
    assert lines[2] == (
        f"**{coverage.fired} of {len(book.rules)} rules fired ({100 * coverage.share:.1f}%)** by 2 scenarios in "
        f"{md_text(str(path))}; all passed."
    )
    assert "| `growth-live-team` | 2: growth one; growth two |" in lines
    assert "| `mature-moat` | 0 |" in lines
    assert "- `mature-moat` (rules/three-stages.toml)" in lines
    row = next(line for line in lines if line.startswith("| growth one |"))
    assert row.startswith(f"| growth one | yes | {len(coverage.by_scenario[0].rules)}: `")
    assert "## Failed" not in text
    assert text == ok("rules", "test", path, "--coverage")


def test_a_failed_scenario_is_in_the_coverage_and_exits_1(tmp_path: Path) -> None:
    path = scenario_file(tmp_path, "no lives", profile='{ stage = "growth", sourcing = "own_stock", formats = [] }')
    done = run("rules", "test", path, "--coverage")
    assert done.returncode == 1
    assert done.stderr.strip() == "tiktok-team: 1 of 1 scenarios failed (rules test without --coverage says why)"
    assert "| no lives | **no** |" in done.stdout
    assert "## Failed\n\n### no lives" in done.stdout
    assert "expected streamer in the plan, but it is not" in done.stdout


def test_the_json_is_valid_by_its_schema_and_says_what_the_model_says(shipped: ScenarioCoverage) -> None:
    data = json.loads(render_coverage(shipped, "json"))
    validator = Draft202012Validator(output_schema("coverage"))
    assert list(validator.iter_errors(data)) == []
    assert data["schema_version"] == output_schema("coverage")["properties"]["schema_version"]["const"]
    assert data["rules"] == len(shipped.by_rule) == data["fired"]
    assert data["scenarios"] == len(shipped.by_scenario)
    assert data["failed"] == 0
    assert data["by_rule"][0] == shipped.by_rule[0].model_dump(mode="json")
    assert data == json.loads(ok("rules", "test", *SHIPPED, "--coverage", "--format", "json"))
    wrong = {**data, "extra": 1}
    assert list(validator.iter_errors(wrong))


def csv_of(*arguments: str | Path) -> str:
    """The CSV that ``tiktok-team rules test ... --coverage --format csv`` writes, as bytes decoded from UTF-8 (its
    line ends as they are)."""
    return run("rules", "test", *arguments, "--coverage", "--format", "csv", binary=True).stdout.decode("utf-8")


def test_the_csv_reads_back_with_the_csv_module(shipped: ScenarioCoverage) -> None:
    text = csv_of(*SHIPPED)
    assert text == render_coverage_csv(shipped)
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["rule", "rule_file", "scenario", "scenario_file"]
    expected = [
        [rule.rule, rule.file, scenario.name, scenario.file] for rule in shipped.by_rule for scenario in rule.scenarios
    ]
    assert rows[1:] == expected


def test_the_csv_keeps_untrusted_text_inert_and_round_trips_it(tmp_path: Path) -> None:
    names = ['=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", "\t tab", 'plain, with "quotes"', "主播 直播"]
    path = scenario_file(tmp_path, *names)
    text = csv_of(path)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    scenarios = [row[2] for row in rows[1:] if row[0] == "growth-live-team"]
    assert scenarios == ['\'=HYPERLINK("http://x")', "'+1+2", "'-3", "'@SUM(A1)", "'\t tab", names[5], names[6]]
    unfired = [row for row in rows[1:] if row[0] == "mature-moat"]
    assert unfired == [["mature-moat", "rules/three-stages.toml", "", ""]]


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    path = scenario_file(tmp_path, "one", "two")
    for fmt in ("markdown", "json", "csv"):
        assert ok("rules", "test", path, "--coverage", "--format", fmt) == ok(
            "rules", "test", path, "--coverage", "--format", fmt
        )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--coverage", "--min", "101"), "argument --min: must be a percentage from 0 to 100, not '101'"),
        (("--coverage", "--min", "ninety"), "argument --min: must be a percentage from 0 to 100, not 'ninety'"),
        (("--coverage", "--min", "nan"), "argument --min: must be a percentage from 0 to 100, not 'nan'"),
        (("--coverage", "--min", "-1"), "argument --min: must be a percentage from 0 to 100, not '-1'"),
        (("--format", "csv"), "rules test: --format csv is for the coverage report: add --coverage"),
        (("--min", "50"), "rules test: --min is for the coverage report: add --coverage"),
        (("--coverage", "--format", "xml"), "argument --format: invalid choice: 'xml'"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(arguments: tuple[str, ...], message: str) -> None:
    line = refused("rules", "test", *SHIPPED, *arguments)
    assert message in line


def test_every_bundled_rule_is_fired_by_a_bundled_scenario() -> None:
    # what make test requires, through the command a rule author runs
    done = run("rules", "test", *SHIPPED, "--coverage", "--min", "100")
    assert done.returncode == 0, done.stderr
    assert "## Rules no scenario fires" not in done.stdout
