"""Scenario tests: the shipped worked cases pass, a broken rulebook fails them naming the rule that decided, and a bad
scenario file is an error naming the file, the scenario and the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tiktok_team import ScenarioError, load_rulebook
from tiktok_team._rulebook import bundled_rules_dir
from tiktok_team._scenario import Scenario, bundled_scenarios, load_scenarios
from tiktok_team._scenario_report import ScenarioFailure, ScenarioReport, run_scenario_files
from tiktok_team.render import rules_test_command
from tiktok_team.testing import assert_scenario, assert_scenarios, scenario_cases

SHIPPED = bundled_scenarios()
CITE = 'source = "three-stages"\nsection = "§1"\nguidance = "G13"\nbasis = "inferred"\nbecause = "a test overlay"\n'


def write(tmp_path: Path, text: str, name: str = "overlay.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("scenario", scenario_cases(*SHIPPED), ids=lambda scenario: scenario.name)
def test_the_shipped_scenario_passes(scenario: Scenario) -> None:
    assert_scenario(scenario)


def test_the_shipped_file_encodes_both_sources_section_by_section() -> None:
    scenarios = load_scenarios(SHIPPED[0])
    book = load_rulebook()
    assert len(scenarios) >= 25
    cited = {(cite.source, cite.section) for scenario in scenarios for cite in scenario.cites}
    for source in ("five-departments", "three-stages"):
        assert len({section for key, section in cited if key == source}) >= 4, source
    for scenario in scenarios:
        for cite in scenario.cites:
            assert cite.guidance is not None, scenario.name
            assert book.guidance[cite.guidance].section == cite.section, scenario.name
    assert len({scenario.name for scenario in scenarios}) == len(scenarios)
    assert all(scenario.expectations >= 1 for scenario in scenarios)


def test_the_rule_loader_does_not_read_scenario_files() -> None:
    scenarios = bundled_rules_dir() / "scenarios"
    assert (scenarios / "sources.toml", scenarios / "what-sellers-read.toml") == SHIPPED
    files = load_rulebook().files
    assert "rules/catalog.toml" in files
    assert not any("scenario" in file for file in files)


def _failures(report: ScenarioReport, scenario: str) -> dict[str, ScenarioFailure]:
    result = next(result for result in report.results if result.name == scenario)
    return {failure.subject: failure for failure in result.failures}


def test_an_overlay_removing_a_role_fails_the_scenario_naming_its_rule(tmp_path: Path) -> None:
    overlay = write(
        tmp_path,
        f'[[rule]]\nid = "x-no-controller"\n{CITE}priority = 1\n'
        'when = { fact = "stage", equals = "startup" }\nexclude = ["live_controller"]\n',
    )
    report = run_scenario_files(SHIPPED, [overlay])
    assert report.status == 1
    failure = _failures(report, "startup live team with its own shop and stock")["live_controller"]
    assert failure.expectation == "expect_roles"
    assert [(r.rule, r.file) for r in failure.rules] == [("x-no-controller", str(overlay))]
    assert "removed by x-no-controller" in failure.message
    assert any("left out [rule x-no-controller:" in line for line in failure.explanation)
    # the scenarios about growth and maturity are untouched
    assert next(r for r in report.results if r.name == "growth live group: same roles, more people").passed


def test_an_overlay_adding_a_role_fails_expect_not_and_the_held_duty(tmp_path: Path) -> None:
    overlay = write(
        tmp_path,
        f'[[rule]]\nid = "x-early-editor"\n{CITE}'
        'when = { all = [{ fact = "stage", equals = "startup" }, { fact = "formats", contains = "short_video" }] }\n'
        'include = ["videographer_editor"]\n',
    )
    report = run_scenario_files(SHIPPED, [overlay])
    failures = _failures(report, "at startup the streamer makes the short videos")
    assert [r.rule for r in failures["videographer_editor"].rules] == ["x-early-editor"]
    held = failures["streamer holds short_video"]
    assert "its own team, short_video, is in the plan" in held.message
    assert [r.rule for r in held.rules] == ["startup-streamer-makes-videos"]


def test_a_replaced_scaling_rule_is_named_by_the_headcount_failure(tmp_path: Path) -> None:
    overlay = write(
        tmp_path,
        '[[rule]]\nid = "growth-live-more-people"\nreplace = true\nsource = "three-stages"\nsection = "§2"\n'
        'guidance = "G20"\nbasis = "inferred"\nbecause = "three sessions"\n'
        'when = { all = [{ fact = "stage", equals = "growth" }, { fact = "formats", contains = "livestream" }] }\n'
        "scale = { streamer = 3, live_controller = 2 }\n",
    )
    report = run_scenario_files(SHIPPED, [overlay])
    failure = _failures(report, "growth live group: same roles, more people")["streamer"]
    assert failure.message == (
        f"expected 2 people as streamer, the plan has 3: set by growth-live-more-people ({overlay})"
    )


def test_unfired_advice_and_edge_rules_are_named_with_their_conditions(tmp_path: Path) -> None:
    overlay = write(
        tmp_path,
        'disable = ["startup-owner-focus"]\n\n'
        '[[rule]]\nid = "live-controller-relays-data"\nreplace = true\nsource = "three-stages"\nsection = "§1"\n'
        'guidance = "G13"\nbasis = "stated"\nwhen = { fact = "stage", equals = "mature" }\n'
        'relate = [{ kind = "feeds", from = "live_controller", to = "streamer" }]\n',
    )
    report = run_scenario_files(SHIPPED, [overlay])
    edge = _failures(report, "the live controller relays live data to both streamers")
    relay = edge["live_controller -feeds-> streamer"]
    assert "no rule that draws it fired (live-controller-relays-data" in relay.message
    assert any("when stage is mature" in line for line in relay.explanation)
    assert "no rule draws it" in edge["live_controller -feeds-> assistant_streamer"].message
    advice = _failures(report, "startup live team with its own shop and stock")["owner-startup-focus"]
    assert advice.message == "expected advice owner-startup-focus, but it is not given: no rule gives it"


def test_a_total_headcount_failure_lists_the_roles_and_the_scaling_rules() -> None:
    first = scenario_cases(*SHIPPED)[0]
    scenario = first.model_copy(update={"profile": first.profile.model_copy(update={"stage": "growth"})})
    with pytest.raises(AssertionError) as raised:
        assert_scenario(scenario)
    text = str(raised.value)
    assert "- expect_headcount: expected 7 people in all, the plan has" in text
    assert "  - streamer: 2" in text


def test_the_report_as_markdown_and_json_and_the_exit_status(tmp_path: Path) -> None:
    overlay = write(tmp_path, 'disable = ["affiliate-keeps-selector"]\n')
    text, status = rules_test_command(SHIPPED, [overlay])
    assert status == 1
    assert "### startup affiliate-pool seller: no shop side, but a product selector" in text
    assert "- **expect\\_roles** `product_selector`: expected product\\_selector in the plan, but it is not" in text
    data = json.loads(rules_test_command(SHIPPED, [overlay], fmt="json")[0])
    assert data["passed"] is False
    assert data["failed"] == sum(not result["passed"] for result in data["results"]) >= 1
    assert data["files"] == ["rules/scenarios/sources.toml", "rules/scenarios/what-sellers-read.toml"]
    text, status = rules_test_command(SHIPPED)
    assert status == 0
    count = sum(len(load_scenarios(file)) for file in SHIPPED)
    assert text.splitlines()[2].startswith(f"**All {count} scenarios passed**")


def test_assert_scenarios_fails_with_every_failed_scenario(tmp_path: Path) -> None:
    book = load_rulebook(write(tmp_path, 'disable = ["startup-live-team", "growth-live-team", "mature-live-team"]\n'))
    with pytest.raises(AssertionError) as raised:
        assert_scenarios(*SHIPPED, rulebook=book)
    text = str(raised.value)
    assert "scenarios failed" in text.splitlines()[0]
    assert "expected live_controller in the plan, but it is not: no rule adds it" in text


BASE = """[[scenario]]
name = "x"
cites = { source = "three-stages", section = "§1" }
profile = { stage = "startup", sourcing = "own_stock" }
expect_roles = ["streamer"]
"""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '["streamer"]',
            '["streamr"]',
            "scenario 'x': expect_roles: unknown role 'streamr' (did you mean 'streamer'?)",
        ),
        ("expect_roles", "expect_role", "scenario 'x': unknown key 'expect_role' (did you mean 'expect_roles'?)"),
        ("sourcing", "sorcing", "scenario 'x': profile: unknown field 'sorcing' (did you mean 'sourcing'?)"),
        ('"startup"', '"startp"', "scenario 'x': profile: stage: 'startp' is not one of startup, growth, mature"),
        (
            'expect_roles = ["streamer"]',
            'expect_advice = ["adapt-not-cpy"]',
            "scenario 'x': expect_advice: unknown advice 'adapt-not-cpy' (did you mean 'adapt-not-copy'?)",
        ),
        (
            'expect_roles = ["streamer"]',
            'expect_edges = [{ from = "streamer", kind = "feed", to = "owner" }]',
            "scenario 'x': expect_edges: unknown edge kind 'feed' (did you mean 'feeds'?)",
        ),
        (
            'expect_roles = ["streamer"]',
            'expect_edges = [{ form = "streamer", kind = "feeds", to = "owner" }]',
            "scenario 'x': expect_edges: unknown key 'form' (did you mean 'from'?)",
        ),
        (
            'expect_roles = ["streamer"]',
            'expect_holds = [{ role = "streamer", duty = "short_vid" }]',
            "scenario 'x': expect_holds: unknown duty 'short_vid' (did you mean 'short_video'?)",
        ),
        ('"three-stages"', '"three-stage"', "scenario 'x': cites: unknown source 'three-stage' (did you mean"),
        ('section = "§1"', 'sectoin = "§1"', "scenario 'x': cites: unknown key 'sectoin' (did you mean 'section'?)"),
        ('section = "§1"', 'section = "§1", guidance = "G01"', "guidance G01 comes from 'five-departments'"),
        ('cites = { source = "three-stages", section = "§1" }\n', "", "scenario 'x': missing required key 'cites'"),
        ('expect_roles = ["streamer"]', "", "scenario 'x': the scenario expects nothing"),
        ('["streamer"]', "{ streamer = 0 }", "expect_roles: streamer: a planned role has at least 1 person, not 0"),
        ('["streamer"]', "[[]]", "expect_roles: lists role ids, or is a table of role id = headcount (got [[]])"),
        ('["streamer"]', '[1, "owner"]', "expect_roles: lists role ids, or is a table of role id = headcount (got [1,"),
        ('["streamer"]', '["streamer"]\nexpect_not = ["streamer"]', "'streamer' is expected both in the plan"),
        ('["streamer"]', '["streamer"]\nexpect_not = "logistics"', "expect_not: input should be a valid list"),
        ("[[scenario]]", "[[scenarios]]", "unknown table 'scenarios' (did you mean 'scenario'?)"),
        ('name = "x"\n', "", "scenario #1 needs a name"),
        ("[[scenario]]", "x = \n[[scenario]]", "not valid TOML"),
    ],
)
def test_a_bad_scenario_file_names_the_file_scenario_and_key(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in BASE
    path = write(tmp_path, BASE.replace(old, new), "mine.toml")
    with pytest.raises(ScenarioError) as raised:
        load_scenarios(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert message in str(raised.value)


def test_two_scenarios_with_one_name_and_a_missing_file_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="scenario 'x': name: two scenarios have this name"):
        load_scenarios(write(tmp_path, BASE + BASE))
    with pytest.raises(ScenarioError, match="no such scenario file"):
        run_scenario_files([tmp_path / "missing.toml"])


def test_a_scenario_file_is_checked_against_the_rulebook_it_runs_with(tmp_path: Path) -> None:
    overlay = write(tmp_path, '[[advice]]\nid = "x-own-advice"\nen = "mine"\nzh = "我的"\n')
    path = write(tmp_path, BASE.replace('expect_roles = ["streamer"]', 'expect_advice = ["x-own-advice"]'), "s.toml")
    with pytest.raises(ScenarioError, match="unknown advice 'x-own-advice'"):
        load_scenarios(path)
    assert len(load_scenarios(path, load_rulebook(overlay))) == 1
