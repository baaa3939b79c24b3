"""The output contract (tiktok_team._contract): every JSON output validates against its published JSON Schema, and a
schema cannot change without a new schema_version.

The plans of the whole fact space are validated, the other outputs over a sample of it (a profile of every stage ×
sourcing × formats, the other facts varying). The schemas are stored in tests/schemas/KIND.json, as
``tiktok-team schema --output-of KIND`` prints them; a test fails when one differs from what is stored. After a
change to an output, bump SCHEMA_VERSION in src/tiktok_team/_schema_version.py (the minor when keys are only added,
else the major), then refresh the stored schemas with::

    TIKTOK_TEAM_WRITE_SCHEMAS=1 .venv/bin/python -m pytest tests/test_contract.py -k stored -p no:cacheprovider

which writes only when the version has changed (or a schema is new): a schema that changed under the same version
is still an error.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, get_args

import pytest
from jsonschema import Draft202012Validator, validators
from jsonschema.protocols import Validator
from pydantic import create_model

from helpers import ROOT, WORKLOADS, at_once, run
from tiktok_team import (
    OUTPUT_KINDS,
    SCHEMA_VERSION,
    BusinessProfile,
    ContractError,
    VerifyReport,
    bundled_scenarios,
    fact_space,
    gap,
    load_rulebook,
    load_scenarios,
    output_schema,
    recommend,
    roadmap,
    run_scenarios,
    whatif,
)
from tiktok_team import _contract as contract_module
from tiktok_team._contract import EdgeKind, KeepableFact, PlanData, same_contract, version_problems
from tiktok_team._diff import EDGE_KINDS
from tiktok_team._profile import FACTS

BOOK = load_rulebook()
SPACE = list(fact_space(BOOK))
STORED = ROOT / "tests" / "schemas"
WRITE = "TIKTOK_TEAM_WRITE_SCHEMAS"


def _sample() -> list[BusinessProfile]:
    """A profile of every stage × sourcing × formats, the others facts (and the budget) taken in turn."""
    groups: dict[tuple[Any, ...], list[BusinessProfile]] = defaultdict(list)
    for profile in SPACE:
        groups[profile.stage, profile.sourcing, profile.formats].append(profile)
    return [group[n * 7 % len(group)] for n, group in enumerate(groups.values())]


SAMPLE = _sample()


def _validator(kind: str) -> Validator:
    """A validator of the published schema of ``kind``, made once, checking formats, that validates each distinct
    part of an output only once: a ``$ref`` to a definition is independent of where it stands (the schemas have no
    constraint across items), so a part found valid once is valid wherever it comes again. This takes validating
    the 2,304 plans from about 20 s to under 2."""
    schema = output_schema(kind)
    Draft202012Validator.check_schema(schema)
    follow = Draft202012Validator.VALIDATORS["$ref"]
    valid: set[tuple[str, str]] = set()

    def ref_once(validator: Validator, ref: str, instance: object, schema: Mapping[str, Any]) -> Iterator[Any]:
        key = (ref, json.dumps(instance, sort_keys=True))
        if key not in valid:
            errors = list(follow(validator, ref, instance, schema))
            if not errors:
                valid.add(key)
            yield from errors

    cached = validators.extend(Draft202012Validator, {"$ref": ref_once})
    return cached(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _errors(validator: Validator, data: object) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(data)]


def _through_json(data: dict[str, Any]) -> dict[str, Any]:
    """The data as a reader of the printed JSON gets it (tuples are lists, keys are strings)."""
    loaded: dict[str, Any] = json.loads(json.dumps(data, ensure_ascii=False))
    return loaded


@pytest.mark.parametrize("kind", OUTPUT_KINDS)
def test_every_schema_is_a_json_schema_carrying_the_version(kind: str) -> None:
    schema = output_schema(kind)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:tiktok-team:schema:{kind}:{SCHEMA_VERSION}"
    assert SCHEMA_VERSION in schema["title"]
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert "schema_version" in schema["required"]
    closed = [d for d in [schema, *schema["$defs"].values()] if d.get("type") == "object" and "properties" in d]
    assert all(d["additionalProperties"] is False for d in closed)


def test_every_plan_of_the_fact_space_is_valid(space_json: list[dict[str, Any]]) -> None:
    validator = _validator("plan")
    for data in space_json:
        assert _errors(validator, data) == [], data["profile"]


def test_plans_with_workloads_budgets_held_duties_and_assumptions_are_valid() -> None:
    validator = _validator("plan")
    for profile in [*WORKLOADS, {"stage": "startup", "sourcing": "own_stock", "headcount_budget": 1}]:
        data = _through_json(recommend(profile, BOOK).to_dict())
        assert _errors(validator, data) == [], profile
    startup = _through_json(recommend({"stage": "startup", "sourcing": "own_stock"}, BOOK).to_dict())
    assert any(role["holds"] for role in startup["roles"])
    assert _errors(validator, startup) == []
    kept = recommend({"stage": "growth", "sourcing": "own_stock"}, BOOK, keep=["formats", "stage"], backward=True)
    data = _through_json(kept.to_dict())
    assert data["scope"] == {"keep": ["stage", "formats"], "backward": True}
    assert _errors(validator, data) == []


def test_a_key_the_schema_does_not_name_a_missing_key_or_another_version_is_invalid() -> None:
    validator = _validator("plan")
    data = _through_json(recommend({"stage": "growth", "sourcing": "own_stock", "headcount_budget": 3}).to_dict())
    assert _errors(validator, data) == []
    extra = json.loads(json.dumps(data))
    extra["roles"][0]["reasons"][0]["note"] = "more"
    assert _errors(validator, extra) == [
        "$.roles[0].reasons[0]: Additional properties are not allowed ('note' was unexpected)"
    ]
    extra = json.loads(json.dumps(data))
    extra["graph"]["nodes"][0]["colour"] = "red"
    assert len(_errors(validator, extra)) == 1
    missing = {key: value for key, value in data.items() if key != "schema_version"}
    assert _errors(validator, missing) == ["$: 'schema_version' is a required property"]
    assert _errors(validator, {**data, "schema_version": "0.9"}) == [
        f"$.schema_version: '{SCHEMA_VERSION}' was expected"
    ]
    changed = json.loads(json.dumps(data))
    changed["excluded"][0]["would_need"] = [{"stage": None}]
    assert _errors(validator, changed)


def test_roadmaps_of_the_sample_are_valid() -> None:
    validator = _validator("roadmap")
    for profile in SAMPLE:
        assert _errors(validator, _through_json(roadmap(profile, BOOK).to_dict())) == [], profile


def test_gaps_of_the_sample_with_a_few_teams_are_valid() -> None:
    validator = _validator("gap")
    for profile in SAMPLE:
        plan = recommend(profile, BOOK)
        seats = [role.id for role in plan.roles for _ in range(role.headcount)]
        teams = [
            {"person": [{"name": "Ann", "roles": ["owner", "streamer"]}, {"name": "Bo", "roles": ["pr"]}]},
            {"person": [{"name": f"p{n}", "roles": [seat]} for n, seat in enumerate(seats)]},
            {"person": [{"name": "All", "roles": sorted(set(seats))}]},
        ]
        for team in teams:
            assert _errors(validator, _through_json(gap(profile, team, BOOK).to_dict())) == [], (profile, team)


def test_comparisons_of_the_sample_are_valid() -> None:
    validator = _validator("compare")
    plans = [recommend(profile, BOOK) for profile in SAMPLE]
    for before, after in [*itertools.pairwise(plans), *zip(plans, plans, strict=True)]:
        assert _errors(validator, _through_json(before.diff(after).to_dict())) == [], (before.profile, after.profile)


def test_what_ifs_of_the_sample_are_valid_and_their_diffs_have_no_version_of_their_own() -> None:
    validator = _validator("whatif")
    for n, profile in enumerate(SAMPLE):
        data = _through_json(whatif(profile, BOOK).to_dict())
        assert _errors(validator, data) == [], profile
        assert all("schema_version" not in row["diff"] for row in data["rows"])
        kept = _through_json(whatif(profile, BOOK, keep=list(FACTS)[n % 8 :: 3], backward=n % 2 == 0).to_dict())
        assert _errors(validator, kept) == [], profile


def test_verify_reports_with_and_without_findings_are_valid(bundled_report: VerifyReport) -> None:
    validator = _validator("verify")
    report = _through_json(bundled_report.to_dict())  # with what helpers.USER_CHECKS found
    assert report["findings"]
    assert all(finding["profiles"] for finding in report["findings"])
    assert {finding["entry"] is None for finding in report["findings"]} == {True, False}  # blamed a rule, and none
    assert _errors(validator, report) == []
    clean = {**report, "findings": [], "clean": True}
    assert _errors(validator, clean) == []


def test_scenario_reports_passing_and_failing_are_valid() -> None:
    validator = _validator("scenarios")
    scenarios = [scenario for path in bundled_scenarios() for scenario in load_scenarios(path, BOOK)]
    assert _errors(validator, _through_json(run_scenarios(scenarios, BOOK).to_dict())) == []
    wrong = [
        scenario.model_copy(
            update={"expect_headcount": 99, "expect_not": ("owner",), "expect_advice": ("no-such-advice",)}
        )
        for scenario in scenarios[:5]
    ]
    report = _through_json(run_scenarios(wrong, BOOK).to_dict())
    assert report["failed"] == 5
    assert _errors(validator, report) == []


def test_the_edge_kinds_of_the_contract_are_those_of_a_diff_and_every_output_has_a_model() -> None:
    assert get_args(EdgeKind) == EDGE_KINDS
    assert get_args(KeepableFact) == tuple(FACTS)
    assert tuple(contract_module._MODELS) == OUTPUT_KINDS  # type: ignore[attr-defined]


def test_an_unknown_output_is_an_error_with_a_hint() -> None:
    with pytest.raises(ContractError, match=r"unknown output 'whatiff' \(did you mean 'whatif'\?\); one of plan,"):
        output_schema("whatiff")


@pytest.mark.parametrize("kind", OUTPUT_KINDS)
def test_the_schema_is_the_stored_one_or_has_a_new_version(kind: str) -> None:
    stored_file = STORED / f"{kind}.json"
    current = output_schema(kind)
    stored = json.loads(stored_file.read_text("utf-8")) if stored_file.exists() else None
    if os.environ.get(WRITE):
        version = current["properties"]["schema_version"]
        if (
            stored is not None
            and stored["properties"]["schema_version"] == version
            and not same_contract(stored, current)
        ):
            pytest.fail("\n".join(version_problems(stored, current)))  # a new promise under the old version
        stored_file.parent.mkdir(exist_ok=True)
        stored_file.write_text(json.dumps(current, ensure_ascii=False, indent=2) + "\n", "utf-8")
        return
    assert stored is not None, f"no stored schema {stored_file}: write it with {WRITE}=1 (see this file's docstring)"
    problems = version_problems(stored, current)
    how = f"(see tests/test_contract.py's docstring: {WRITE}=1 ... -k stored)"
    assert not problems, "\n".join([*problems, how])


def test_the_stored_schema_is_what_the_command_prints(tmp_path: Path) -> None:
    printed = at_once(
        {kind: functools.partial(run, "schema", "--output-of", kind, timeout=60) for kind in OUTPUT_KINDS}
    )
    for kind, done in printed.items():
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == output_schema(kind)
        assert done.stdout == (STORED / f"{kind}.json").read_text("utf-8")


def test_a_changed_model_under_the_same_version_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    stored = output_schema("plan")
    assert version_problems(stored, output_schema("plan")) == []
    wider = create_model("PlanData", __base__=PlanData, __doc__=PlanData.__doc__, budget_note=(str, ...))
    monkeypatch.setitem(contract_module._MODELS, "plan", wider)  # type: ignore[attr-defined]
    changed = output_schema("plan")
    assert changed != stored
    [problem] = version_problems(stored, changed)
    assert problem.startswith(
        f"the JSON Schema of the plan output changed, but its schema_version is still {SCHEMA_VERSION}: bump"
    )


def test_a_new_version_asks_for_a_refresh_and_a_minor_one_may_not_remove_a_key() -> None:
    def at(version: str, schema: dict[str, Any]) -> dict[str, Any]:
        changed = json.loads(json.dumps(schema))
        changed["properties"]["schema_version"]["const"] = version
        changed["$id"] = f"urn:tiktok-team:schema:gap:{version}"
        return changed

    stored = output_schema("gap")
    major, minor = map(int, SCHEMA_VERSION.split("."))
    now, minor_up, two_up, major_up = SCHEMA_VERSION, f"{major}.{minor + 1}", f"{major}.{minor + 2}", f"{major + 1}.0"
    added = at(minor_up, stored)
    added["properties"]["team_names"] = {"type": "array", "items": {"type": "string"}}
    assert version_problems(stored, added) == [
        f"the stored JSON Schema of the gap output is of version {now}, now {minor_up}: refresh it"
    ]
    removed = at(minor_up, stored)
    del removed["$defs"]["Shortfall"]["properties"]["held"]
    assert version_problems(stored, removed) == [
        f"short[].held is gone from the gap output, but a minor version ({now} to {minor_up}) only adds keys: bump "
        "the major version"
    ]
    assert version_problems(stored, at(major_up, removed)) == [
        f"the stored JSON Schema of the gap output is of version {now}, now {major_up}: refresh it"
    ]
    assert version_problems(at(two_up, stored), stored) == [
        f"the schema_version of the gap output went down, from {two_up} to {now}"
    ]


def test_schema_without_output_of_prints_the_profile_schema_and_a_bad_kind_exits_2() -> None:
    done = run("schema", timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == BusinessProfile.model_json_schema()
    bad = run("schema", "--output-of", "plann", timeout=60)
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert "invalid choice: 'plann'" in bad.stderr
