"""The installed ``tiktok-team`` command, run as a user runs it: in a subprocess, on files and on stdin.

Each process takes a noticeable fraction of a second to start, so the module fixture ``runs`` starts every
invocation the tests need at once, in parallel, and the tests then look at the finished results.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from helpers import BRAND_PR_OVERLAY, GROWTH_BRAND, SCRIPT, at_once, run
from tiktok_team import BusinessProfile, Plan, recommend

PROFILE = GROWTH_BRAND
PROFILE_TOML = """# a growing brand
stage = "growth"
sourcing = "own_stock"
formats = ["livestream", "short_video"]
paid_ads = true
influencers = true
own_brand = true
"""
PROFILE_YAML = """# a growing brand
stage: growth
sourcing: own_stock
formats: [livestream, short_video]
paid_ads: true
influencers: true
own_brand: true
"""
PROFILE_JSON = json.dumps(PROFILE, indent=2)
IN_PLAN = "streamer"
LEFT_OUT = "pr"  # growth stage: public relations joins the influencer group only when mature

GOOD_RULES = BRAND_PR_OVERLAY

# Files written into the working directory of every run: name -> text.
FILES = {
    "profile.toml": PROFILE_TOML,
    "profile.json": PROFILE_JSON,
    "profile.yaml": PROFILE_YAML,
    "bad-stage.toml": PROFILE_TOML.replace('stage = "growth"', 'stage = "seed"'),
    "misspelt.toml": PROFILE_TOML.replace('stage = "growth"', 'stge = "growth"'),
    "wrong-type.json": PROFILE_JSON.replace('"paid_ads": true', '"paid_ads": "maybe"'),
    "negative-budget.yaml": PROFILE_YAML + "headcount_budget: -3\n",
    "broken.toml": PROFILE_TOML.replace('sourcing = "own_stock"', "sourcing = own_stock"),
    "broken.json": PROFILE_JSON.replace('"sourcing": "own_stock",', '"sourcing": own_stock,'),
    "broken.yaml": PROFILE_YAML.replace("formats: [livestream, short_video]", "formats: [livestream, short_video"),
    "profile.ini": PROFILE_TOML,
    "good-rules.toml": GOOD_RULES,
    "rules-unknown-role.toml": GOOD_RULES.replace('include = ["pr"]', 'include = ["streamr"]'),
    "rules-broken.toml": GOOD_RULES.replace('id = "x-brand-pr"', 'id = "x-brand-pr'),
    "rules-no-section.toml": GOOD_RULES.replace('section = "§3"\n', ""),
}


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    stdin: str | None = None
    env: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    status: int
    stdout: str
    stderr: str


def json_plan(path: str, stdin: str | None = None, seed: str = "0") -> Case:
    return Case(("plan", path, "--format", "json"), stdin, {"PYTHONHASHSEED": seed})


GOOD = {
    "toml": json_plan("profile.toml", seed="1"),
    "toml-again": json_plan("profile.toml", seed="2"),
    "json": json_plan("profile.json"),
    "yaml": json_plan("profile.yaml"),
    "stdin-toml": json_plan("-", stdin=PROFILE_TOML),
    "stdin-json": json_plan("-", stdin=PROFILE_JSON),
    "stdin-yaml": json_plan("-", stdin=PROFILE_YAML),
    "markdown": Case(("plan", "profile.toml", "--format", "markdown")),
    "zh": Case(("plan", "profile.yaml", "--format", "markdown", "--lang", "zh")),
    "explain-in": Case(("explain", "profile.toml", IN_PLAN)),
    "explain-out": Case(("explain", "profile.toml", LEFT_OUT)),
    "explain-out-zh": Case(("explain", "profile.toml", LEFT_OUT, "--lang", "zh")),
    "explain-overlay": Case(("explain", "profile.toml", LEFT_OUT, "--rules", "good-rules.toml")),
    "schema": Case(("schema",)),
    "help": Case(("--help",)),
    "help-plan": Case(("plan", "--help")),
    "help-explain": Case(("explain", "--help")),
    "help-schema": Case(("schema", "--help")),
}

# name -> (invocation, fragments the one error line must contain)
BAD: dict[str, tuple[Case, tuple[str, ...]]] = {
    "unknown-stage": (Case(("plan", "bad-stage.toml")), ("bad-stage.toml", "stage", "'seed'", "growth")),
    "misspelt-field": (Case(("plan", "misspelt.toml")), ("misspelt.toml", "'stge'", "did you mean 'stage'")),
    "wrong-type": (Case(("plan", "wrong-type.json")), ("wrong-type.json", "paid_ads", "'maybe'")),
    "negative-budget": (
        Case(("plan", "negative-budget.yaml")),
        ("negative-budget.yaml", "headcount_budget", "-3"),
    ),
    "broken-toml": (Case(("plan", "broken.toml")), ("broken.toml", "TOML", "line 3")),
    "broken-json": (Case(("plan", "broken.json", "--format", "json")), ("broken.json", "JSON", "line 3")),
    "broken-yaml": (Case(("plan", "broken.yaml")), ("broken.yaml", "YAML", "line")),
    "broken-toml-stdin": (Case(("plan", "-"), stdin=FILES["broken.toml"]), ("<stdin>", "TOML", "line 3")),
    # stdin has no extension: the format is detected, but the error must still be the one for the format meant
    "broken-json-stdin": (Case(("plan", "-"), stdin=PROFILE_JSON.rstrip().removesuffix("}")), ("<stdin>", "JSON")),
    "missing-file": (Case(("plan", "absent.toml")), ("absent.toml", "no such")),
    "unknown-extension": (Case(("plan", "profile.ini")), ("profile.ini", ".toml", ".json", ".yaml")),
    "unknown-role": (Case(("explain", "profile.toml", "streamr")), ("'streamr'", "did you mean 'streamer'")),
    "rules-unknown-role": (
        Case(("plan", "profile.toml", "--rules", "rules-unknown-role.toml")),
        ("rules-unknown-role.toml", "x-brand-pr", "'streamr'", "did you mean 'streamer'"),
    ),
    "rules-broken": (
        Case(("plan", "profile.toml", "--format", "json", "--rules", "rules-broken.toml")),
        ("rules-broken.toml", "TOML", "line 2"),
    ),
    "rules-no-section": (
        Case(("explain", "profile.toml", IN_PLAN, "--rules", "rules-no-section.toml")),
        ("rules-no-section.toml", "x-brand-pr", "section"),
    ),
}


def _run(case: Case, cwd: Path) -> Result:
    done = run(*case.args, stdin=case.stdin, cwd=cwd, env=case.env, timeout=60)
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    assert SCRIPT.is_file(), f"the console script is not installed at {SCRIPT}"
    cwd = tmp_path_factory.mktemp("cli")
    for name, text in FILES.items():
        (cwd / name).write_text(text, encoding="utf-8")
    cases = {**GOOD, **{name: case for name, (case, _) in BAD.items()}}
    return at_once({name: functools.partial(_run, case, cwd) for name, case in cases.items()})


@pytest.fixture(scope="module")
def plan() -> Plan:
    return recommend(BusinessProfile.parse(PROFILE))


def ok(runs: dict[str, Result], name: str) -> Result:
    result = runs[name]
    assert result.status == 0, result.stderr
    assert result.stderr == ""
    return result


# --- plan ----------------------------------------------------------------------------------------------------


def test_json_output_is_the_plan_dict(runs: dict[str, Result], plan: Plan) -> None:
    out = ok(runs, "toml").stdout
    assert json.loads(out) == plan.to_dict()
    assert out.endswith("}\n")


def test_json_output_is_byte_identical_across_runs(runs: dict[str, Result]) -> None:
    # the two runs use different hash seeds, so set and dict ordering cannot leak into the output
    assert ok(runs, "toml").stdout == ok(runs, "toml-again").stdout


@pytest.mark.parametrize("name", ["json", "yaml", "stdin-toml", "stdin-json", "stdin-yaml"])
def test_every_input_format_gives_the_same_json(runs: dict[str, Result], name: str) -> None:
    assert ok(runs, name).stdout == ok(runs, "toml").stdout


def test_json_contract_keys(runs: dict[str, Result]) -> None:
    data = json.loads(ok(runs, "toml").stdout)
    assert {"roles", "excluded", "advice", "graph", "staffing"} <= set(data)
    role = next(r for r in data["roles"] if r["id"] == IN_PLAN)
    assert role["name"] == {"en": "Streamer", "zh": "主播"}
    assert (role["department"], role["team"]) == ("content", "live")
    assert role["headcount"] >= 1
    assert {"rule", "source", "section", "guidance", "basis"} <= set(role["reasons"][0])
    assert LEFT_OUT in {r["id"] for r in data["excluded"]}
    assert {link["kind"] for link in data["graph"]["links"]} >= {"reports_to", "supports", "feeds"}


def test_markdown_report(runs: dict[str, Result], plan: Plan) -> None:
    out = ok(runs, "markdown").stdout
    lines = out.splitlines()
    assert lines[0].startswith("# ")
    assert "growth" in lines[0]
    headings = [line for line in lines if line.startswith("## ")]
    assert len(headings) >= 4
    assert "## Content (内容部)" in headings
    for role in plan.roles:
        assert role.name.en in out, role.id
    assert "| --- |" in out
    assert "{" not in lines[0]


def test_markdown_report_in_chinese(runs: dict[str, Result], plan: Plan) -> None:
    out = ok(runs, "zh").stdout
    lines = out.splitlines()
    assert lines[0].startswith("# 团队方案")
    assert "发展期" in lines[0]
    headings = [line for line in lines if line.startswith("## ")]
    assert "## 内容部（Content）" in headings
    for role in plan.roles:
        assert role.name.zh in out, role.id
    assert out != ok(runs, "markdown").stdout


# --- explain -------------------------------------------------------------------------------------------------


def test_explain_a_role_in_the_plan(runs: dict[str, Result], plan: Plan) -> None:
    out = ok(runs, "explain-in").stdout
    assert out == plan.why(IN_PLAN) + "\n"
    assert out.startswith("Streamer (主播) is in the plan")
    assert "\n- At the growth stage, added because the business runs livestreams [three-stages §2, G20, stated]." in out
    assert "rule " not in out  # rule ids only with --detail


def test_explain_a_role_left_out(runs: dict[str, Result], plan: Plan) -> None:
    out = ok(runs, "explain-out").stdout
    assert out == plan.why_not(LEFT_OUT) + "\n"
    assert out.startswith("Public relations (公关) is not in the plan")
    assert "\n- At the mature stage, would be added because the business " in out


def test_explain_in_chinese(runs: dict[str, Result], plan: Plan) -> None:
    out = ok(runs, "explain-out-zh").stdout
    assert out == plan.why_not(LEFT_OUT, "zh") + "\n"
    assert out.startswith("公关（Public relations）不在方案中")


def test_explain_with_an_extra_rule_file(runs: dict[str, Result]) -> None:
    out = ok(runs, "explain-overlay").stdout
    assert out.startswith("Public relations (公关) is in the plan")
    assert "A test overlay: a brand working with influencers gets PR a stage early" in out
    assert "inferred" in out


# --- schema and help -----------------------------------------------------------------------------------------


def test_schema_is_the_profile_json_schema(runs: dict[str, Result]) -> None:
    schema = json.loads(ok(runs, "schema").stdout)
    assert schema == json.loads(json.dumps(BusinessProfile.model_json_schema()))
    assert schema["type"] == "object"
    assert set(schema["required"]) <= set(schema["properties"])
    assert {"stage", "sourcing", "formats", "paid_ads", "headcount_budget"} <= set(schema["properties"])
    assert schema["properties"]["stage"]["enum"] == ["startup", "growth", "mature"]
    for prop in schema["properties"].values():
        assert {"type", "anyOf", "enum", "$ref"} & set(prop)
    # the schema is for users of the file format: no Python docstring sections or doctests in it
    description = schema.get("description", "")
    for python in (">>>", "Traceback", "Parameters\n---", ":meth:"):
        assert python not in description, python


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("help", ("usage: tiktok-team", "plan", "explain", "schema")),
        ("help-plan", ("usage: tiktok-team plan", "FILE", "--format", "--lang", "--rules", "markdown")),
        ("help-explain", ("usage: tiktok-team explain", "FILE", "ROLE", "--lang", "--rules")),
        ("help-schema", ("usage: tiktok-team schema", "JSON Schema")),
    ],
)
def test_help(runs: dict[str, Result], name: str, words: tuple[str, ...]) -> None:
    out = ok(runs, name).stdout
    for word in words:
        assert word in out, word


# --- bad input -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_one_clear_error_line(runs: dict[str, Result], name: str) -> None:
    result = runs[name]
    assert result.status == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("tiktok-team: error: ")
    assert result.stderr.endswith("\n")
    assert result.stderr.count("\n") == 1, result.stderr
    for fragment in BAD[name][1]:
        assert fragment in result.stderr, (fragment, result.stderr)
