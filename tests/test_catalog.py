"""The catalog (tiktok_team._catalog): a view of the rulebook that round-trips against it, in both languages, as the
library, ``tiktok-team catalog`` and ``GET /v1/catalog`` give it."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import httpx
from jsonschema import Draft202012Validator

from helpers import BRAND_PR_OVERLAY, ok, refused
from tiktok_team import catalog, load_rulebook, output_schema
from tiktok_team._condition import ALWAYS, planned_roles
from tiktok_team._names import DECISION_LAYER
from tiktok_team._profile import FACTS
from tiktok_team.render import md_text, render_catalog_markdown
from tiktok_team.serve.app import create_app

BOOK = load_rulebook()
CATALOG = catalog(BOOK)
CJK = re.compile(r"[\u4e00-\u9fff]")

OVERLAY = """[[role]]
id = "livestream_coach"
en = "Livestream coach"
zh = "直播教练"
department = "content"
team = "live"

[[role.duties]]
en = "Coaches the streamer between lives"
zh = "在直播间隙辅导主播"
when = { role = "streamer" }

[[advice]]
id = "coach-the-streamer"
en = "Coach the streamer."
zh = "辅导主播。"

[[rule]]
id = "x-coach"
source = "three-stages"
section = "§3"
guidance = "G27"
basis = "inferred"
because = "A test overlay."
when = { fact = "stage", equals = "mature" }
include = ["livestream_coach"]
advise = ["coach-the-streamer"]
"""


def names(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh": zh}


def test_every_role_and_each_of_its_duty_lines_is_in_the_catalog_in_order() -> None:
    assert sorted(role.id for role in CATALOG.roles) == sorted(BOOK.roles)
    assert CATALOG.roles[0].id == "owner"
    for role in CATALOG.roles:
        entry = BOOK.roles[role.id]
        assert role.name.model_dump() == names(entry.en, entry.zh)
        assert (role.department, role.team) == (entry.department, entry.team)
        dep = BOOK.departments.get(entry.department or "")
        assert role.department_name.model_dump() == (
            DECISION_LAYER.model_dump() if dep is None else names(dep.en, dep.zh)
        )
        team = BOOK.teams.get(entry.team or "")
        assert (role.team_name and role.team_name.model_dump()) == (team and names(team.en, team.zh))
        assert [line.text.model_dump() for line in role.duties] == [names(line.en, line.zh) for line in entry.duties]
        for said, line in zip(role.duties, entry.duties, strict=True):
            assert (said.condition is None) == (line.when == ALWAYS)
            for named in planned_roles(line.when):  # a role test names the role, in both languages
                assert said.condition is not None
                assert BOOK.roles[named].en in said.condition.en
                assert BOOK.roles[named].zh in said.condition.zh


def test_departments_come_in_order_then_teams_then_roles_by_department_team_and_keep_order() -> None:
    assert [dep.id for dep in CATALOG.departments] == list(BOOK.departments)
    assert [(team.id, team.department) for team in CATALOG.teams] == [
        (team_id, team.department) for team_id, team in BOOK.teams.items()
    ]
    for unit in (*CATALOG.departments, *CATALOG.teams):
        entry = BOOK.departments.get(unit.id) or BOOK.teams[unit.id]
        assert unit.name.model_dump() == names(entry.en, entry.zh)
        dep = BOOK.departments[unit.department or unit.id]
        assert unit.department_name.model_dump() == names(dep.en, dep.zh)
    departments = [role.department for role in CATALOG.roles if role.department]
    assert departments == sorted(departments, key=list(BOOK.departments).index)
    live = [role.id for role in CATALOG.roles if role.team == "live"]
    assert live[0] == "streamer"
    assert CATALOG.decision_layer == DECISION_LAYER


def test_some_conditions_read_as_a_seller_would_say_them() -> None:
    roles = {role.id: role for role in CATALOG.roles}
    owner = [line.condition for line in roles["owner"].duties]
    assert owner[0] is None
    assert owner[1] is not None
    assert (owner[1].en, owner[1].zh) == ("stage is startup", "阶段为起步期")
    planner = [line.condition.en for line in roles["live_planner"].duties if line.condition]
    assert "the plan has no Short-video planner & scriptwriter (短视频策划编导)" in planner
    assert "the plan has Ad buyer (投手)" in planner


def test_every_duty_advice_fact_value_and_cited_source_is_in_the_catalog() -> None:
    assert [(d.id, d.name.model_dump(), d.belongs_to) for d in CATALOG.duties] == [
        (d.id, names(d.en, d.zh), d.belongs_to) for d in BOOK.duties.values()
    ]
    assert [advice.id for advice in CATALOG.advice] == list(BOOK.advice)
    for advice in CATALOG.advice:
        entry = BOOK.advice[advice.id]
        assert advice.text.model_dump() == names(entry.en, entry.zh)
        assert (advice.condition is None) == (entry.when == ALWAYS)
        assert [v.text.model_dump() for v in advice.variants] == [names(v.en, v.zh) for v in entry.variants]
        assert [v.condition is None for v in advice.variants] == [v.when == ALWAYS for v in entry.variants]
    assert [fact.id for fact in CATALOG.facts] == list(FACTS)
    for fact in CATALOG.facts:
        spec = FACTS[fact.id]
        assert (fact.kind, fact.name.model_dump()) == (spec.kind, names(spec.en, spec.zh))
        expected: tuple[object, ...] = {"bool": (True, False), "int": ()}.get(spec.kind, spec.values)
        assert tuple(value.value for value in fact.values) == expected
        assert fact.minimum == (1 if spec.kind == "int" else None)
        for value in fact.values:
            assert value.name.en
            assert CJK.search(value.name.zh), value
    cited = {(rule.source, rule.guidance) for rule in BOOK.rules.values()}
    guidance = {(source.key, g) for source in CATALOG.sources for g in source.guidance}
    assert cited <= guidance
    assert [source.key for source in CATALOG.sources] == list(BOOK.sources)


def test_every_name_and_text_is_in_both_languages() -> None:
    def texts(node: object) -> list[dict[str, str]]:
        if isinstance(node, dict):
            here = [node] if set(node) == {"en", "zh"} else []
            return here + [found for value in node.values() for found in texts(value)]
        if isinstance(node, list):
            return [found for value in node for found in texts(value)]
        return []

    found = texts(CATALOG.to_dict())
    lines = sum(len(role.duties) for role in BOOK.roles.values()) + len(BOOK.advice)
    assert len(found) > len(BOOK.roles) + lines
    for text in found:
        assert text["en"].strip()
        assert text["zh"].strip()
        assert CJK.search(text["zh"]), text


def test_the_catalog_json_is_valid_against_its_schema() -> None:
    schema = output_schema("catalog")
    Draft202012Validator.check_schema(schema)
    data = json.loads(json.dumps(CATALOG.to_dict(), ensure_ascii=False))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    data["roles"][0]["colour"] = "red"
    assert len(list(Draft202012Validator(schema).iter_errors(data))) == 1
    assert data["schema_version"] == schema["properties"]["schema_version"]["const"]


def test_an_overlay_s_roles_and_advice_are_in_its_catalog(tmp_path: Path) -> None:
    overlay = tmp_path / "coach.toml"
    overlay.write_text(OVERLAY, encoding="utf-8")
    extended = catalog(load_rulebook(overlay))
    coach = next(role for role in extended.roles if role.id == "livestream_coach")
    assert coach.team_name is not None
    assert coach.team_name.zh == "直播组"
    [line] = coach.duties
    assert line.condition is not None
    assert line.condition.zh == "方案中有主播（Streamer）"
    assert "coach-the-streamer" in {advice.id for advice in extended.advice}
    printed = json.loads(ok("catalog", "--format", "json", "--rules", overlay))
    assert printed == json.loads(json.dumps(extended.to_dict(), ensure_ascii=False))


def test_the_command_prints_the_catalog_as_json_and_as_markdown_in_each_language(tmp_path: Path) -> None:
    assert json.loads(ok("catalog", "--format", "json")) == json.loads(json.dumps(CATALOG.to_dict()))
    for lang in ("en", "zh"):
        text = ok("catalog", "--lang", lang)
        assert text == render_catalog_markdown(CATALOG, lang)
        for role in CATALOG.roles:
            assert md_text(getattr(role.name, lang)) in text
            for line in role.duties:
                assert md_text(getattr(line.text, lang)) in text
        for advice in CATALOG.advice:
            assert md_text(getattr(advice.text, lang)) in text
    both = ok("catalog", "--lang", "both")
    assert both == f"{render_catalog_markdown(CATALOG, 'en')}\n---\n\n{render_catalog_markdown(CATALOG, 'zh')}"
    out = tmp_path / "catalog.json"
    assert ok("catalog", "--format", "json", "--output", out) == ""
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(json.dumps(CATALOG.to_dict()))


def test_bad_arguments_and_rule_files_exit_2_with_one_line(tmp_path: Path) -> None:
    assert "invalid choice: 'yaml'" in refused("catalog", "--format", "yaml")
    assert "invalid choice: 'fr'" in refused("catalog", "--lang", "fr")
    broken = tmp_path / "broken.toml"
    broken.write_text(BRAND_PR_OVERLAY.replace('include = ["pr"]', 'include = ["p_r"]'), encoding="utf-8")
    assert "p_r" in refused("catalog", "--rules", broken)
    out = tmp_path / "never.json"
    refused("catalog", "--rules", broken, "--output", out)
    assert not out.exists()


def get(url: str) -> httpx.Response:
    app = create_app()

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://planner.test") as client:
            return await client.get(url)

    return asyncio.run(call())


def test_the_service_serves_the_catalog() -> None:
    answer = get("/v1/catalog")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    assert answer.json() == json.loads(json.dumps(CATALOG.to_dict()))
    markdown = get("/v1/catalog?format=markdown&lang=zh")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text == render_catalog_markdown(CATALOG, "zh")
    wrong = get("/v1/catalog?format=pdf")
    assert wrong.status_code == 422
    [problem] = wrong.json()["errors"]
    assert problem["path"] == "format"


def test_the_owner_belongs_to_no_department_but_has_a_department_name() -> None:
    data: dict[str, Any] = CATALOG.to_dict()
    by_id = {role["id"]: role for role in data["roles"]}
    assert by_id["owner"]["department"] is None
    assert by_id["owner"]["department_name"] == {"en": "Decision layer", "zh": "决策层"}
    assert data["decision_layer"] == by_id["owner"]["department_name"]
