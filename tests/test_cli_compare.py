"""The scenario commands of the installed ``tiktok-team``: compare, whatif and rules test, with their bad input; and
the one form of every argument error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import EXAMPLES, GROWTH_BRAND, ok, refused
from tiktok_team import bundled_scenarios, recommend, whatif
from tiktok_team.render import compare_command, whatif_command

BRAND = EXAMPLES / "growth-brand.toml"
STARTUP = {**GROWTH_BRAND, "stage": "startup"}


def scenario_file(path: Path, name: str, expectation: str) -> Path:
    """A scenario file of one startup scenario called ``name`` with one ``expectation`` (a TOML line)."""
    path.write_text(
        f'[[scenario]]\nname = "{name}"\ncites = {{ source = "three-stages", section = "§1", guidance = "G12" }}\n'
        f'profile = {{ stage = "startup", sourcing = "own_stock" }}\n{expectation}\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def startup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("profiles") / "startup.json"
    path.write_text(json.dumps(STARTUP), encoding="utf-8")
    return path


def test_compare_in_json_is_the_diff_of_the_two_plans(startup: Path) -> None:
    data = json.loads(ok("compare", startup, BRAND, "--format", "json"))
    before, after = recommend(STARTUP), recommend(GROWTH_BRAND)
    assert data == json.loads(compare_command(before, after, "json"))
    assert {"added", "removed", "resized", "edges", "advice"} <= set(data)
    added = {item["role"] for item in data["added"]}
    assert added == {r.id for r in after.roles} - {r.id for r in before.roles}
    assert {item["role"] for item in data["removed"]} == {r.id for r in before.roles} - {r.id for r in after.roles}
    for item in [*data["added"], *data["removed"], *data["resized"]]:
        assert item["reasons"], item  # every change of a role says which rules made it
        assert all({"rule", "source", "section", "guidance", "basis"} <= set(r) for r in item["reasons"])
    assert data["profile"] == [{"field": "stage", "before": "startup", "after": "growth"}]


def test_compare_in_markdown_and_html_names_the_two_files(startup: Path) -> None:
    text = ok("compare", startup, BRAND)
    assert text.startswith("# Comparison: startup → growth-brand\n")
    assert "## Roles added" in text
    assert "growth-service-splits starts to fire (three-stages §2, G23)" in text
    page = ok("compare", startup, BRAND, "--format", "html", "--lang", "both")
    assert page.count("<svg") >= 2  # both org charts
    assert ok("compare", startup, BRAND, "--lang", "zh").startswith("# 方案对比：startup → growth-brand\n")


def test_compare_reads_one_profile_from_stdin(startup: Path) -> None:
    assert ok("compare", "-", BRAND, stdin=startup.read_text()).startswith("# Comparison: stdin → growth-brand\n")
    assert "only one of the two profiles" in refused("compare", "-", "-")


def test_compare_of_equal_profiles_says_so(tmp_path: Path) -> None:
    copy = tmp_path / "copy.toml"
    copy.write_text(BRAND.read_text(encoding="utf-8"), encoding="utf-8")
    assert "The two profiles are the same, so are their plans." in ok("compare", BRAND, copy)
    assert json.loads(ok("compare", BRAND, copy, "--format", "json"))["unchanged"] is True


def test_compare_names_the_bad_second_profile(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('stage = "grwth"\nsourcing = "own_stock"\n', encoding="utf-8")
    line = refused("compare", BRAND, bad)
    assert str(bad) in line
    assert "did you mean 'growth'" in line
    assert str(BRAND) not in line


def test_whatif_is_the_library_table_sorted_by_how_much_changes() -> None:
    data = json.loads(ok("whatif", BRAND, "--format", "json"))
    assert data == json.loads(whatif_command(whatif(GROWTH_BRAND), "json"))
    scores = [row["score"] for row in data["rows"]]
    assert scores == sorted(scores, reverse=True)
    assert {"stage": "mature"} in [row["change"] for row in data["rows"]]
    text = ok("whatif", BRAND)
    assert text.startswith("# What if: growth, own stock (16 people)")
    assert "| 1 | were at the mature stage |" in text
    assert ok("whatif", BRAND, "--lang", "zh").startswith("# 假设分析：发展期，自有货源")


def test_rules_test_passes_the_shipped_scenarios_and_fails_a_wrong_one(tmp_path: Path) -> None:
    assert "**All " in ok("rules", "test", *bundled_scenarios())
    wrong = scenario_file(tmp_path / "wrong.toml", "no streamer at startup", 'expect_not = ["streamer"]')
    text = ok("rules", "test", wrong, status=1)
    assert "no streamer at startup" in text
    assert "startup-live-team" in text  # the failed expectation names the rule that decided it
    report = json.loads(ok("rules", "test", wrong, "--format", "json", status=1))
    assert (report["scenarios"], report["failed"], report["results"][0]["passed"]) == (1, 1, False)


def test_rules_test_names_the_file_scenario_and_key_of_a_bad_scenario(tmp_path: Path) -> None:
    bad = scenario_file(tmp_path / "bad.toml", "typo", 'expect_roles = ["stremer"]')
    line = refused("rules", "test", bad)
    assert str(bad) in line
    assert "typo" in line
    assert "expect_roles" in line
    assert "did you mean 'streamer'" in line


@pytest.mark.parametrize(
    ("arguments", "names"),
    [
        (("plan", str(BRAND), "--lang", "fr"), "--lang"),
        (("plan", str(BRAND), "--format", "pdf"), "--format"),
        (("compare", str(BRAND)), "B"),
        (("whatif", str(BRAND), "--format", "svg"), "--format"),
        (("plan-many", "x.jsonl", "--workers", "0"), "--workers"),
        (("serve", "--port", "70000"), "--port"),
        (("rules", "test"), "SCENARIO_FILE"),
        (("rules", "frobnicate"), "frobnicate"),
        (("plot",), "plot"),
        ((), "COMMAND"),
    ],
)
def test_argument_errors_are_one_line(arguments: tuple[str, ...], names: str) -> None:
    line = refused(*arguments)
    assert names in line
    assert "--help" in line  # says where the usage is, instead of printing it
