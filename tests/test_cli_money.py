"""Money, time and spreadsheets on the command line (issue 18): ``--pay``, the pay keys of ``assumptions``, ``--format
csv``, ``gap --team team.csv``, a roadmap over growing workload, and every bad input refused with one line and exit
status 2 (run in this process, :func:`helpers.run`; one refusal of each kind also by the installed command, which
must refuse it with the same line: ``test_the_installed_command_refuses_as_its_main_does``)."""

from __future__ import annotations

import csv
import io
import json
from functools import partial
from pathlib import Path

import pytest
import tomllib

from helpers import EXAMPLES, at_once, ok, refusal, refused, run
from tiktok_team import Pay, gap, load_rulebook, recommend, roadmap
from tiktok_team.render._money import amount

PROFILE = EXAMPLES / "growth-brand.toml"
PAY_FILE = EXAMPLES / "pay.toml"
PAY = Pay.parse(tomllib.loads(PAY_FILE.read_text("utf-8")))
FACTS = tomllib.loads(PROFILE.read_text("utf-8"))


def table(text: str) -> list[dict[str, str]]:
    """A CSV output read back as a spreadsheet program would: the byte order mark first, then the rows."""
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_plan_with_pay_says_what_the_team_costs() -> None:
    plan = recommend(FACTS, pay=PAY)
    assert plan.cost is not None
    text = ok("plan", PROFILE, "--pay", PAY_FILE)
    assert f"Monthly cost: {amount(plan.cost.total, 'CNY')}" in text
    assert "## Monthly cost by department" in text
    zh = ok("plan", PROFILE, "--pay", PAY_FILE, "--lang", "zh")
    assert f"每月成本：{amount(plan.cost.total, 'CNY')}" in zh
    data = json.loads(ok("plan", PROFILE, "--pay", PAY_FILE, "--format", "json"))
    assert data["cost"] == plan.cost.model_dump(mode="json")


def test_plan_in_csv_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    assert ok("plan", PROFILE, "--pay", PAY_FILE, "--format", "csv", "--output", out) == ""
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with its byte order mark: Excel reads the Chinese right
    assert b"\r\n" in raw
    with out.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    plan = recommend(FACTS, pay=PAY)
    assert [row["id"] for row in rows] == [role.id for role in plan.roles]
    assert [row["name_zh"] for row in rows] == [role.name.zh for role in plan.roles]
    assert [int(row["headcount"]) for row in rows] == [role.headcount for role in plan.roles]
    assert [float(row["monthly_cost"]) for row in rows] == [each.cost for each in plan.cost.roles]  # type: ignore[union-attr]
    assert {row["currency"] for row in rows} == {"CNY"}


def test_gap_reads_a_team_from_a_spreadsheet_and_writes_one(tmp_path: Path) -> None:
    team = tmp_path / "team.csv"
    team.write_bytes(
        '\ufeffname,roles\r\n李娜,streamer; videographer_editor\r\nWang,"owner, shop_operator"\r\n'
        "Chen,streamer\r\nDu,streamer\r\nEve,streamer\r\nWang,pr\r\n,\r\n".encode()
    )
    rows = table(ok("gap", PROFILE, "--team", team, "--pay", PAY_FILE, "--format", "csv"))
    same = gap(
        {**FACTS, "pay": PAY},
        {
            "person": [
                {"name": "李娜", "roles": ["streamer", "videographer_editor"]},
                {"name": "Wang", "roles": ["owner", "shop_operator"]},
                *({"name": name, "roles": ["streamer"]} for name in ("Chen", "Du", "Eve")),
                {"name": "Wang", "roles": ["pr"]},
            ]
        },
    )
    findings = [(row["finding"], row["role"], row["person"]) for row in rows]
    assert [(f, r) for f, r, _ in findings if f == "missing"] == [("missing", r) for r in same.missing]
    assert ("over", "streamer", "") in findings
    assert ("named_twice", "", "Wang") in findings
    assert ("surplus", "pr", "") in findings
    over = next(row for row in rows if row["finding"] == "over")
    assert (int(over["held"]), int(over["planned"]), int(over["seats"])) == (4, 2, 2)
    assert float(over["monthly_cost"]) == 2 * (PAY.seat("streamer") or 0)
    text = ok("gap", PROFILE, "--team", team, "--pay", PAY_FILE)
    assert "4 people hold Streamer (主播); the plan has 2" in text
    assert same.cost is not None
    assert amount(same.cost.over, "CNY") in text


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("name,rols\nA,streamer\n", "unknown column 'rols' (did you mean 'roles'?)"),
        ("name,roles\nA,streamr\n", "unknown role 'streamr' (did you mean 'streamer'?)"),
        ("name,roles\nA,streamer,extra\n", "line 2 has 3 cells, more than the header's 2 columns"),
        ("name,roles\n,streamer\n", "line 2: the name is empty"),
        ("name,roles\nA,\n", "no roles in the roles column"),
        ("", "not valid CSV: the file is empty"),
    ],
)
def test_a_bad_team_spreadsheet_is_refused_in_one_line(tmp_path: Path, content: str, words: str) -> None:
    team = tmp_path / "team.csv"
    team.write_text(content, "utf-8")
    line = refused("gap", PROFILE, "--team", team)
    assert str(team) in line
    assert words in line


def test_a_team_spreadsheet_too_large_or_not_utf8_is_refused(tmp_path: Path) -> None:
    team = tmp_path / "team.csv"
    team.write_bytes(b"name,roles\n\xff,streamer\n")
    assert "not UTF-8" in refused("gap", PROFILE, "--team", team)
    team.write_bytes(b"name,roles\n" + b"A,streamer\n" * 100_000)
    assert "larger than 1 MiB" in refused("gap", PROFILE, "--team", team)


@pytest.mark.parametrize(
    ("pay", "words"),
    [
        ('currency = "CNY"\n[roles]\nstreamer = -100\n', "pay.roles.streamer: must be more than 0"),
        ('currency = "CNY"\n[roles]\nstreamer = 5e9\n', "5,000,000,000 a month is more than 1,000,000,000"),
        ('currency = "CNY"\n[roles]\nstreamr = 100\n', "unknown role 'streamr' (did you mean 'streamer'?)"),
        ('currency = "CNY"\non_cost = 7\n', "pay.on_cost: must be from 1"),
        ('currency = "yuan"\n', "pay.currency: must be a three-letter ISO 4217 code"),
        ("[roles]\nstreamer = 100\n", "pay.currency: required"),
    ],
)
def test_bad_pay_is_refused_in_one_line_naming_the_file(tmp_path: Path, pay: str, words: str) -> None:
    path = tmp_path / "pay.toml"
    path.write_text(pay, "utf-8")
    line = refused("plan", PROFILE, "--pay", path)
    assert f"{path}: " in line
    assert words in line


def test_a_monthly_budget_without_pay_and_a_csv_profile_are_refused(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text('stage = "growth"\nsourcing = "own_stock"\nmonthly_budget = 50000\n', "utf-8")
    assert "monthly_budget: a budget in money needs pay" in refused("plan", profile)
    spreadsheet = tmp_path / "p.csv"
    spreadsheet.write_text("stage,sourcing\ngrowth,own_stock\n", "utf-8")
    assert "only a team file may be CSV" in refused("plan", spreadsheet)


def test_pay_from_the_assumptions_file_and_the_pay_file_merge_in_order(tmp_path: Path) -> None:
    assumptions = tmp_path / "assumptions.toml"
    assumptions.write_text('streamer_hours_per_day = 5\n[pay]\ncurrency = "USD"\n[pay.roles]\nowner = 1000\n', "utf-8")
    pay = tmp_path / "pay.toml"
    pay.write_text("on_cost = 1.5\n[roles]\nstreamer = 400\n", "utf-8")
    data = json.loads(ok("plan", PROFILE, "--assumptions", assumptions, "--pay", pay, "--format", "json"))
    roles = {each["role"]: each for each in data["cost"]["roles"]}
    assert data["cost"]["currency"] == "USD"
    assert data["cost"]["on_cost"] == 1.5
    assert roles["owner"]["cost"] == 1500
    assert roles["streamer"]["cost"] == roles["streamer"]["headcount"] * 600
    assert set(data["cost"]["unpriced"]) == set(roles) - {"owner", "streamer"}


def test_assumptions_lists_the_pay_keys() -> None:
    text = ok("assumptions")
    assert "| `pay.currency` | none |" in text
    assert "| `pay.on_cost` | 1 |" in text
    rows = json.loads(ok("assumptions", "--format", "json"))
    keys = {row["id"] for row in rows}
    assert {f"pay.roles.{role}" for role in load_rulebook().roles} <= keys
    assert {"pay.currency", "pay.on_cost"} <= keys


def test_a_roadmap_over_growing_orders_names_what_calls_for_each_hire(tmp_path: Path) -> None:
    text = ok("roadmap", PROFILE, "--orders-per-day", "100,300,800", "--pay", PAY_FILE)
    assert "## At 100 → 300 orders a day" in text
    assert "the 2nd once orders a day pass 250" in text
    assert "the 4th once orders a day pass 750" in text
    levels = tmp_path / "levels.toml"
    levels.write_text(
        "[[level]]\norders_per_day = 100\n[[level]]\norders_per_day = 300\n[[level]]\norders_per_day = 800\n"
    )
    assert ok("roadmap", PROFILE, "--workloads", levels, "--pay", PAY_FILE) == text
    rows = table(ok("roadmap", PROFILE, "--orders-per-day", "100,300,800", "--format", "csv"))
    found = roadmap(FACTS, workloads=[{"orders_per_day": n} for n in (100, 300, 800)])
    assert [(int(r["step"]), r["role"], int(r["total"])) for r in rows] == [
        (n, h.role, h.total) for n, step in enumerate(found.steps, start=1) for h in step.hires
    ]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--orders-per-day", "100,x"), "must be whole numbers separated by commas"),
        (("--orders-per-day", "100,300", "--live-rooms", "1,2,3"), "the same number of levels"),
        (("--orders-per-day", "100"), "at least two levels"),
        (("--orders-per-day", "100,-3"), "workloads[1]"),
    ],
)
def test_bad_workload_levels_are_refused(args: tuple[str, ...], words: str) -> None:
    assert words in refused("roadmap", PROFILE, *args)


def test_the_installed_command_refuses_as_its_main_does(tmp_path: Path) -> None:
    """One refusal of each kind above (a team file, a pay file, a profile, an argument, workload levels), run as a
    user runs it: the installed command exits 2 with the line the command run in this process gives."""
    team, pay, profile = tmp_path / "team.csv", tmp_path / "pay.toml", tmp_path / "p.toml"
    team.write_text("name,roles\nA,streamr\n", "utf-8")
    pay.write_text('currency = "yuan"\n', "utf-8")
    profile.write_text('stage = "growth"\nsourcing = "own_stock"\nmonthly_budget = 50000\n', "utf-8")
    cases: dict[str, tuple[str | Path, ...]] = {
        "team": ("gap", PROFILE, "--team", team),
        "pay": ("plan", PROFILE, "--pay", pay),
        "profile": ("plan", profile),
        "argument": ("roadmap", PROFILE, "--orders-per-day", "100,x"),
        "levels": ("roadmap", PROFILE, "--orders-per-day", "100,-3"),
    }
    done = at_once({name: partial(run, *args, process=True) for name, args in cases.items()})
    for name, args in cases.items():
        assert refusal(done[name]) == refused(*args), name
