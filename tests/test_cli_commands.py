"""The people and rulebook commands of the installed ``tiktok-team``: roadmap, gap, assumptions, rules list / show /
verify, and the workload and budget options of plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import EXAMPLES, at_once, ok, refused
from tiktok_team import VerifyReport
from tiktok_team.render import render_verify_markdown
from verified import DEFECTS, bundled_run, overlaid_run


def test_roadmap_in_json_and_markdown() -> None:
    data = json.loads(ok("roadmap", EXAMPLES / "growth-brand.toml", "--format", "json"))
    assert data["stage"] == "growth"
    assert [(s["from_stage"], s["to_stage"]) for s in data["steps"]] == [("growth", "mature")]
    assert {"role", "kind", "headcount", "total", "reasons"} <= set(data["steps"][0]["hires"][0])
    text = ok("roadmap", EXAMPLES / "growth-brand.toml")
    assert "## From growth to mature" in text
    assert "| 1 | Streamer (主播) | more people | +1 → 3 |" in text  # the keep-order: the streamer first
    assert "## 从发展期到成熟期" in ok("roadmap", EXAMPLES / "growth-brand.toml", "--lang", "zh")


def test_gap_in_json_and_markdown() -> None:
    data = json.loads(ok("gap", EXAMPLES / "growth-brand.toml", "--team", EXAMPLES / "team.toml", "--format", "json"))
    assert "presales_cs" in data["missing"]
    assert data["surplus"] == ["customer_service"]
    assert {"person": "Hao", "roles": ["customer_service", "logistics"]} in data["conflicts"]
    assert "## Missing roles" in ok("gap", EXAMPLES / "growth-brand.toml", "--team", EXAMPLES / "team.toml")


def test_gap_refuses_a_bad_team_file(tmp_path: Path) -> None:
    team = tmp_path / "team.toml"
    team.write_text('[[person]]\nname = "A"\nroles = ["stremer"]\n', encoding="utf-8")
    line = refused("gap", EXAMPLES / "growth-brand.toml", "--team", team)
    assert str(team) in line
    assert "did you mean 'streamer'" in line
    assert "no such team file" in refused("gap", EXAMPLES / "growth-brand.toml", "--team", tmp_path / "none.yaml")


def test_plan_with_budget_and_workload_and_an_assumptions_file(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(
        'stage = "growth"\nsourcing = "own_stock"\nheadcount_budget = 6\nlive_hours_per_day = 12\n', encoding="utf-8"
    )
    assumptions = tmp_path / "a.yaml"
    assumptions.write_text("streamer_hours_per_day: 6\n", encoding="utf-8")
    data = json.loads(ok("plan", profile, "--format", "json", "--assumptions", assumptions))
    assert {r["id"]: r["headcount"] for r in data["roles"]}["streamer"] == 2
    assert data["staffing"]["budget"] == 6
    assert data["staffing"]["feasible"] is False
    assert {a["id"]: a["overridden"] for a in data["assumptions"]}["streamer_hours_per_day"] is True
    text = ok("plan", profile)
    assert "## Staffing within a budget of 6" in text
    assert "then these seats wait, first to last" in text
    assert "## Workload assumptions used" in text
    bad = tmp_path / "bad.toml"
    bad.write_text("streamer_hour_per_day = 6\n", encoding="utf-8")
    assert "did you mean 'streamer_hours_per_day'" in refused("plan", profile, "--assumptions", bad)


def test_assumptions_lists_every_capacity_with_its_reason() -> None:
    rows = json.loads(ok("assumptions", "--format", "json"))
    ids = {row["id"] for row in rows}
    assert {"streamer_hours_per_day", "packer_orders_per_day"} <= ids
    assert all(row["because"] and row["sizes"] for row in rows if not row["id"].startswith("pay."))
    assert "| `streamer_hours_per_day` | 4 live hours a day |" in ok("assumptions")


def test_rules_list_and_show() -> None:
    listed = json.loads(ok("rules", "list", "--guidance", "G18", "--format", "json"))
    assert [r["id"] for r in listed] == ["affiliate-keeps-selector"]
    assert all(
        r["source"] == "three-stages"
        for r in json.loads(ok("rules", "list", "--source", "three-stages", "--format", "json"))
    )
    shown = ok("rules", "show", "affiliate-no-shop-side")
    assert "When: sourcing is the affiliate pool" in shown
    assert "Guidance G17:" in shown
    assert "did you mean 'three-stages'" in refused("rules", "list", "--source", "three-stage")
    assert "did you mean 'affiliate-no-shop-side'" in refused("rules", "show", "affiliate-no-shopside")


def test_rules_verify_exit_status(tmp_path_factory: pytest.TempPathFactory, bundled_report: VerifyReport) -> None:
    """The bundled rulebook verifies clean from the command line (make test relies on this test for it); with the
    overlays of tests/verified.py it does not (both runs made once for the suite)."""
    runs = at_once(
        {"bundled": lambda: bundled_run(tmp_path_factory), "overlaid": lambda: overlaid_run(tmp_path_factory)}
    )
    done, found = runs["bundled"], runs["overlaid"]
    assert done.returncode == 0, done.stderr
    assert "checked 2304 profiles" in done.stderr
    # what the library finds, bar the user checks the session's report ran (tests/test_verify.py states those)
    assert done.stdout == render_verify_markdown(bundled_report.model_copy(update={"findings": ()}))
    assert "Clean: checked 2304 profiles" in done.stdout
    assert found.returncode == 1
    report = json.loads(found.stdout)
    assert report["clean"] is False
    unused = [f for f in report["findings"] if f["kind"] == "advice-never-given"]
    assert [(f["entry"], f["file"]) for f in unused] == [("unused-advice", str(DEFECTS))]


@pytest.mark.parametrize("command", ["plan", "explain", "roadmap", "gap", "rules", "assumptions", "schema"])
def test_every_command_has_help(command: str) -> None:
    assert "usage: tiktok-team" in ok(command, "--help")


def test_rules_lint(tmp_path: Path) -> None:
    assert ok("rules", "lint").startswith("ok: ")
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "x"\nsource = "three-stages"\n', encoding="utf-8")
    assert f"{bad}:x: missing required key" in refused("rules", "lint", bad)
