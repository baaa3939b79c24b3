"""The HTTP API, called through httpx against the ASGI application: the answers are the command line's, and every
bad request is a JSON error naming the field, never a 500 or a traceback."""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import re
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from hypothesis import given
from hypothesis import strategies as st

from helpers import BRAND_PR_OVERLAY, EXAMPLES, GROWTH_BRAND, ROOT, WORKLOADS, run
from tiktok_team import (
    OUTPUT_KINDS,
    BusinessProfile,
    CurrentTeam,
    fact_space,
    gap,
    load_rulebook,
    output_schema,
    recommend,
    roadmap,
    whatif,
)
from tiktok_team._browse import describe_rule, rule_summary
from tiktok_team.render import (
    compare_command,
    render_dot,
    render_gap_markdown,
    render_graphml,
    render_html,
    render_json,
    render_markdown,
    render_mermaid,
    render_roadmap_markdown,
    render_roadmap_mermaid,
    render_svg,
    whatif_command,
)
from tiktok_team.serve import api as api_module
from tiktok_team.serve.apidoc import api_markdown
from tiktok_team.serve.app import app_from_environment, create_app
from tiktok_team.serve.models import CompareData, ErrorBody, Explanation, Health, PlanData, RuleDetail, WhatIfData
from tiktok_team.serve.requests import MAX_BODY
from tiktok_team.serve.routes import json_bytes
from tiktok_team.serve.server import CONFIG_VARIABLE

BOOK = load_rulebook()
SPACE = list(fact_space(BOOK))
GROWTH = {"stage": "growth", "sourcing": "own_stock"}
TEAM = {"person": [{"name": "Ann", "roles": ["owner", "streamer"]}, {"name": "Bo", "roles": ["pr"]}]}


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return create_app()


async def _client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://planner.test") as client:
        yield client


def ask(app: FastAPI, method: str, url: str, **options: Any) -> httpx.Response:
    """One request to ``app``, as httpx sends it; an exception the app lets out fails the test."""

    async def call() -> httpx.Response:
        async for client in _client(app):
            return await client.request(method, url, **options)
        raise AssertionError("unreachable")

    return asyncio.run(call())


def ask_many(app: FastAPI, url: str, bodies: Sequence[object], at_once: int = 32) -> list[httpx.Response]:
    """POST each body to ``url``, ``at_once`` requests in flight together."""

    async def call() -> list[httpx.Response]:
        limit = asyncio.Semaphore(at_once)
        async for client in _client(app):

            async def one(body: object, client: httpx.AsyncClient = client) -> httpx.Response:
                async with limit:
                    return await client.post(url, json=body)

            return list(await asyncio.gather(*(one(body) for body in bodies)))
        raise AssertionError("unreachable")

    return asyncio.run(call())


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The error body of ``response``, which must have ``status``, be JSON of the documented shape, and show no
    traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert "Traceback" not in response.text
    body = ErrorBody.model_validate(response.json())
    assert body.error == "; ".join(f"{p.path}: {p.message}" if p.path else p.message for p in body.errors)
    return response.json()  # type: ignore[no-any-return]


# --- the answers are the command line's ----------------------------------------------------------------------


def test_plan_json_is_render_json_over_the_fact_space(app: FastAPI) -> None:
    """The service answers a plan with the bytes the command prints, for every 29th profile of the fact space (80
    profiles; 29 is prime to the number of values of every fact, and the sample holds each value of each fact, as
    asserted). The route is the same code for every profile (a sample of every 7th, 330 profiles, took four times
    the CPU and checked no other code); what the JSON says is checked for every profile by tests/test_plan_json.py
    (read back as the plan it was) and tests/test_contract.py (valid against its schema), and that its bytes are
    the json module's for any data by test_json_bytes_are_render_json_for_any_data."""
    sample = [recommend(profile, BOOK) for profile in SPACE[::29]]
    assert {fact: {plan.profile.facts()[fact] for plan in sample} for fact in SPACE[0].facts()} == {
        fact: {profile.facts()[fact] for profile in SPACE} for fact in SPACE[0].facts()
    }
    bodies = [{"profile": plan.profile.model_dump(mode="json")} for plan in sample]
    for plan, response in zip(sample, ask_many(app, "/v1/plan", bodies), strict=True):
        assert response.status_code == 200
        assert response.text == render_json(plan)


def test_plan_json_with_workloads_budgets_and_assumptions(app: FastAPI) -> None:
    for profile in WORKLOADS:
        response = ask(app, "POST", "/v1/plan", json={"profile": profile})
        assert response.text == render_json(recommend(profile))
        PlanData.model_validate(response.json())  # the documented response model holds


def test_plan_json_is_the_bytes_the_command_prints(app: FastAPI) -> None:
    example = EXAMPLES / "growth-brand.toml"
    printed = run("plan", example, "--format", "json", binary=True).stdout
    response = ask(app, "POST", "/v1/plan", json={"profile": GROWTH_BRAND})
    assert response.content == printed
    assert response.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("fmt", "lang", "media", "render"),
    [
        ("markdown", "zh", "text/markdown", lambda plan: render_markdown(plan, "zh")),
        ("markdown", "both", "text/markdown", lambda plan: render_markdown(plan, "both")),
        ("mermaid", "both", "text/plain", lambda plan: render_mermaid(plan, "both")),
        ("dot", "zh", "text/vnd.graphviz", lambda plan: render_dot(plan, "zh")),
        ("graphml", "en", "application/graphml+xml", lambda plan: render_graphml(plan, "en")),
        ("svg", "zh", "image/svg+xml", lambda plan: render_svg(plan, "zh")),
        ("html", "both", "text/html", lambda plan: render_html(plan, "both")),
    ],
)
def test_every_plan_format_is_its_renderer(app: FastAPI, fmt: str, lang: str, media: str, render: Any) -> None:
    response = ask(app, "POST", f"/v1/plan?format={fmt}&lang={lang}", json={"profile": GROWTH_BRAND})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert response.text == render(recommend(GROWTH_BRAND))


def test_explain_says_why_and_why_not(app: FastAPI) -> None:
    plan = recommend(GROWTH_BRAND)
    inside = ask(app, "POST", "/v1/explain?lang=zh", json={"profile": GROWTH_BRAND, "role": "ad_buyer"})
    assert Explanation.model_validate(inside.json()) == Explanation(
        role="ad_buyer", in_plan=True, lang="zh", text=plan.why("ad_buyer", "zh")
    )
    outside = ask(app, "POST", "/v1/explain?format=text", json={"profile": GROWTH_BRAND, "role": "pr"})
    printed = run("explain", EXAMPLES / "growth-brand.toml", "pr", binary=True).stdout
    assert outside.content == printed
    assert outside.text == plan.why_not("pr") + "\n"
    both = ask(app, "POST", "/v1/explain?format=text&lang=both", json={"profile": GROWTH_BRAND, "role": "pr"})
    printed = run("explain", EXAMPLES / "growth-brand.toml", "pr", "--lang", "both", binary=True).stdout
    assert both.content == printed
    assert both.text == plan.why_not("pr", "both") + "\n"
    assert "\n公关（Public relations）不在方案中。\n" in both.text  # the English, then the Chinese


def test_roadmap_and_gap_are_their_json_and_markdown(app: FastAPI) -> None:
    assert ask(app, "POST", "/v1/roadmap", json={"profile": GROWTH}).text == render_json(roadmap(GROWTH))
    assert ask(app, "POST", "/v1/roadmap?format=mermaid", json={"profile": GROWTH}).text == render_roadmap_mermaid(
        roadmap(GROWTH), "en"
    )
    startup = {"stage": "startup", "sourcing": "affiliate_pool"}
    assert ask(app, "POST", "/v1/roadmap?format=markdown&lang=zh", json={"profile": startup}).text == (
        render_roadmap_markdown(roadmap(startup), "zh")
    )
    body = {"profile": startup, "team": TEAM}
    assert ask(app, "POST", "/v1/gap", json=body).text == render_json(gap(startup, TEAM))
    assert ask(app, "POST", "/v1/gap?format=markdown", json=body).text == render_gap_markdown(gap(startup, TEAM), "en")


def test_compare_is_what_the_command_prints_in_each_format(app: FastAPI) -> None:
    startup = {"stage": "startup", "sourcing": "own_stock"}
    a, b = recommend(startup), recommend(GROWTH_BRAND)
    body = {"before": startup, "after": GROWTH_BRAND}
    answered = ask(app, "POST", "/v1/compare", json=body)
    assert answered.headers["content-type"] == "application/json"
    assert answered.text == compare_command(a, b, "json") == render_json(a.diff(b))
    CompareData.model_validate(answered.json())  # the documented response model holds
    for fmt, lang in [("markdown", "en"), ("markdown", "both"), ("markdown", "zh"), ("html", "both")]:
        answered = ask(app, "POST", f"/v1/compare?format={fmt}&lang={lang}", json=body)
        assert answered.headers["content-type"].split(";")[0] == MEDIA[fmt]
        assert answered.text == compare_command(a, b, fmt, lang)  # type: ignore[arg-type]
    same = ask(app, "POST", "/v1/compare", json={"before": startup, "after": startup}).json()
    assert (same["profile"], same["unchanged"]) == ([], True)


def test_compare_json_over_a_sample_of_the_fact_space(app: FastAPI) -> None:
    sample = SPACE[::97]
    bodies = [
        {"before": a.model_dump(mode="json"), "after": b.model_dump(mode="json")} for a, b in itertools.pairwise(sample)
    ]
    for body, response in zip(bodies, ask_many(app, "/v1/compare", bodies), strict=True):
        before, after = recommend(body["before"], BOOK), recommend(body["after"], BOOK)
        assert response.text == render_json(before.diff(after))


def test_whatif_is_what_the_command_prints_in_each_format(app: FastAPI) -> None:
    table = whatif(GROWTH_BRAND)
    answered = ask(app, "POST", "/v1/whatif", json={"profile": GROWTH_BRAND})
    assert answered.text == whatif_command(table, "json") == render_json(table)
    data = WhatIfData.model_validate(answered.json())
    assert (data.schema_version, len(data.rows)) == (answered.json()["schema_version"], len(table.rows))
    for lang in ("en", "zh", "both"):
        answered = ask(app, "POST", f"/v1/whatif?format=markdown&lang={lang}", json={"profile": GROWTH_BRAND})
        assert answered.headers["content-type"].split(";")[0] == "text/markdown"
        assert answered.text == whatif_command(table, "markdown", lang)


MEDIA = {"markdown": "text/markdown", "html": "text/html"}


def test_rules_are_listed_and_shown(app: FastAPI) -> None:
    listed = ask(app, "GET", "/v1/rules")
    assert listed.json() == [rule_summary(rule) for rule in BOOK.rules.values()]
    printed = run("rules", "list", "--format", "json", "--guidance", "G17", binary=True).stdout
    assert ask(app, "GET", "/v1/rules?guidance=G17").content == printed
    assert {row["source"] for row in ask(app, "GET", "/v1/rules?source=three-stages").json()} == {"three-stages"}
    shown = RuleDetail.model_validate(ask(app, "GET", "/v1/rules/growth-service-splits").json())
    assert shown.text == describe_rule(BOOK, "growth-service-splits")
    assert (shown.guidance, shown.basis, shown.priority) == ("G23", "stated", 0)


def test_the_profile_schema_is_the_one_the_command_prints(app: FastAPI) -> None:
    printed = run("schema", binary=True).stdout
    assert ask(app, "GET", "/v1/schema/profile").content == printed
    assert ask(app, "GET", "/v1/schema/team").json() == CurrentTeam.model_json_schema()


def test_the_output_schemas_are_the_ones_the_command_prints(app: FastAPI) -> None:
    for kind in OUTPUT_KINDS:
        printed = run("schema", "--output-of", kind, binary=True).stdout
        served = ask(app, "GET", f"/v1/schema/{kind}")
        assert served.content == printed
        assert served.json() == output_schema(kind)


def test_health_says_the_rulebook_and_graphviz(app: FastAPI) -> None:
    health = Health.model_validate(ask(app, "GET", "/healthz").json())
    assert (health.status, health.rules, health.files, health.graphviz) == (
        "ok",
        len(BOOK.rules),
        list(BOOK.files),
        True,
    )


def test_requests_at_once_share_one_rulebook_and_get_their_own_plans(app: FastAPI) -> None:
    # 64 different profiles in flight together; then 16 charts, drawn at once by the thread pool's threads, each
    # planning with the one shared rulebook
    sample = SPACE[::36]
    responses = ask_many(app, "/v1/plan", [{"profile": p.model_dump(mode="json")} for p in sample], at_once=64)
    assert [r.text for r in responses] == [render_json(recommend(p, BOOK)) for p in sample]
    charts = ask_many(app, "/v1/plan?format=svg", [{"profile": p.model_dump(mode="json")} for p in sample[:16]])
    assert [r.text for r in charts] == [render_svg(recommend(p, BOOK)) for p in sample[:16]]


def test_overlays_and_the_start_profile_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overlay = tmp_path / "brand.toml"
    overlay.write_text(BRAND_PR_OVERLAY, encoding="utf-8")
    start = {"stage": "mature", "sourcing": "dropship", "paid_ads": True}
    monkeypatch.setenv(CONFIG_VARIABLE, json.dumps({"rules": [str(overlay)], "profile": start}))
    try:
        configured = app_from_environment()
    finally:
        gc.unfreeze()  # a server process freezes what it holds; this test process need not
    brand = {**GROWTH, "own_brand": True, "influencers": True}
    roles = {role["id"] for role in ask(configured, "POST", "/v1/plan", json={"profile": brand}).json()["roles"]}
    assert "pr" in roles
    assert "pr" not in {role.id for role in recommend(brand).roles}
    page = ask(configured, "GET", "/").text
    assert page_data(page, "start-profile") == start
    assert page_data(page, "catalog")["roles"]["pr"] == {"en": "Public relations", "zh": "公关"}


def test_the_page_has_a_field_for_every_fact_and_loads_only_its_own_files(app: FastAPI) -> None:
    response = ask(app, "GET", "/")
    page = response.text
    named = set(re.findall(r'<input [^>]*name="([a-z_]+)"', page))
    # overrides and pay stay for files and the API (the page keeps the fields it does not show, such as pay, as they
    # came); keep and backward are the plan request's own (tests/test_keep.py)
    assert named == set(BusinessProfile.model_fields) - {"assumptions", "pay"} | {"keep", "backward"}
    for value in (
        "startup",
        "growth",
        "mature",
        "own_stock",
        "dropship",
        "affiliate_pool",
        "livestream",
        "short_video",
    ):
        assert f'value="{value}"' in page
    assert set(re.findall(r'(?:src|href)="([^"]+)"', page)) == {
        "/static/planner.js",
        "/static/planner.css",
        "data:,",
        "#",
    }
    assert "default-src 'self'" in response.headers["content-security-policy"]
    # planner.js imports the page's other scripts, each from this server: every file of serve/static is served
    static = ROOT / "src" / "tiktok_team" / "serve" / "static"
    files = sorted(path.name for path in static.iterdir() if path.suffix in (".js", ".css"))
    imported = {
        name for path in static.glob("*.js") for name in re.findall(r'from "\./([\w-]+\.js)"', path.read_text())
    }
    assert {"planner.js", "planner.css", *imported} == set(files)
    for name in files:
        served = ask(app, "GET", f"/static/{name}")
        assert served.status_code == 200, name
        assert served.content == (static / name).read_bytes()
        assert served.headers["content-type"].startswith("text/css" if name.endswith(".css") else "text/javascript")
        assert "default-src 'self'" in served.headers["content-security-policy"]
        outside = [word for word in ("http", "@import", "url(", "import(") if word in served.text]
        assert outside == [], f"{name} names something from elsewhere"


def page_data(page: str, name: str) -> Any:
    """The JSON the page is given in its ``<script id=NAME type="application/json">`` element."""
    found = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', page, re.DOTALL)
    assert found is not None, name
    return json.loads(found.group(1))


# --- bad requests --------------------------------------------------------------------------------------------

JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("body", "paths", "words"),
    [
        ({"profile": {**GROWTH, "stage": "grwth"}}, ["profile.stage"], "(did you mean 'growth'?)"),
        ({"profile": {**GROWTH, "paid_add": True}}, ["profile.paid_add"], "(did you mean 'paid_ads'?)"),
        ({"profile": {**GROWTH, "stage": 3}}, ["profile.stage"], "3 is not one of startup, growth, mature"),
        ({"profile": {**GROWTH, "paid_ads": "yes"}}, ["profile.paid_ads"], "valid boolean"),
        ({"profile": {**GROWTH, "formats": "livestream"}}, ["profile.formats"], "valid"),
        ({"profile": {**GROWTH, "formats": ["live"]}}, ["profile.formats.0"], "not one of livestream, short_video"),
        ({"profile": {**GROWTH, "headcount_budget": 1.5}}, ["profile.headcount_budget"], "valid integer"),
        ({"profile": {**GROWTH, "headcount_budget": True}}, ["profile.headcount_budget"], "valid integer"),
        ({"profile": {**GROWTH, "headcount_budget": 0}}, ["profile.headcount_budget"], "greater than or equal to 1"),
        ({"profile": {**GROWTH, "live_rooms": 10**50}}, ["profile.live_rooms"], "less than or equal to 100"),
        (
            {"profile": {**GROWTH, "assumptions": {"streamer_hours_per_dy": 3}}},
            ["profile.assumptions"],
            "(did you mean",
        ),
        ({"profile": {**GROWTH, "assumptions": {"a": [[[[1]]]]}}}, ["profile.assumptions.a"], "valid number"),
        ({"profile": {"stage": "growth"}}, ["profile.sourcing"], "required field is missing"),
        ({"profile": []}, ["profile"], "a profile must be a table of fields, not list"),
        ({"profile": None}, ["profile"], "not NoneType"),
        ({"profle": GROWTH}, ["profle", "profile"], "unknown field 'profle' (did you mean 'profile'?)"),
        ({}, ["profile"], "required field is missing"),
    ],
)
def test_a_bad_profile_is_422_naming_the_field(
    app: FastAPI, body: dict[str, Any], paths: list[str], words: str
) -> None:
    found = problem(ask(app, "POST", "/v1/plan", json=body), 422)
    assert [p["path"] for p in found["errors"]] == paths
    assert words in found["error"]


@pytest.mark.parametrize(
    ("url", "body", "path", "words"),
    [
        (
            "/v1/explain",
            {"profile": GROWTH, "role": "streamr"},
            "role",
            "unknown role 'streamr' (did you mean 'streamer'?)",
        ),
        ("/v1/explain", {"profile": GROWTH, "role": 3}, "role", "must be a string, not a number"),
        ("/v1/explain", {"profile": GROWTH, "role": ""}, "role", "must not be empty"),
        ("/v1/explain", {"profile": GROWTH}, "role", "required field is missing"),
        ("/v1/explain", {"profile": GROWTH, "roel": "pr"}, "roel", "(did you mean 'role'?)"),
        ("/v1/gap", {"profile": GROWTH, "team": []}, "team", "a team must be a table"),
        ("/v1/gap", {"profile": GROWTH, "team": {"persn": []}}, "team", "(did you mean 'person'?)"),
        (
            "/v1/gap",
            {"profile": GROWTH, "team": {"person": [{"name": "Ann", "roles": ["streamr"]}]}},
            "team",
            "person[0] (Ann): unknown role 'streamr' (did you mean 'streamer'?)",
        ),
        ("/v1/gap", {"profile": GROWTH, "team": {"person": [{"name": "Ann", "roles": []}]}}, "team", "at least 1"),
        ("/v1/plan?format=pdf", {"profile": GROWTH}, "format", "'pdf' is not one of json, markdown"),
        ("/v1/plan?format=grafml", {"profile": GROWTH}, "format", "(did you mean 'graphml'?)"),
        ("/v1/roadmap?lang=fr", {"profile": GROWTH}, "lang", "'fr' is not one of en, zh, both"),
        ("/v1/gap?format=svg", {"profile": GROWTH, "team": TEAM}, "format", "'svg' is not one of json, markdown"),
        ("/v1/compare", {"before": GROWTH, "aftr": GROWTH}, "aftr", "unknown field 'aftr' (did you mean 'after'?)"),
        ("/v1/compare", {"before": GROWTH, "aftr": GROWTH}, "after", "after: required field is missing"),
        ("/v1/compare", {"profile": GROWTH}, "profile", "unknown field 'profile'"),
        (
            "/v1/compare",
            {"before": {**GROWTH, "stage": "grwth"}, "after": GROWTH},
            "before.stage",
            "before.stage: 'grwth' is not one of startup, growth, mature (did you mean 'growth'?)",
        ),
        (
            "/v1/compare",
            {"before": GROWTH, "after": {**GROWTH, "paid_add": True}},
            "after.paid_add",
            "unknown field 'paid_add' (did you mean 'paid_ads'?)",
        ),
        ("/v1/compare", {"before": GROWTH, "after": []}, "after", "a profile must be a table of fields, not list"),
        (
            "/v1/compare?format=svg",
            {"before": GROWTH, "after": GROWTH},
            "format",
            "'svg' is not one of json, markdown, html",
        ),
        ("/v1/whatif", {"profle": GROWTH}, "profle", "(did you mean 'profile'?)"),
        ("/v1/whatif", {"profile": {**GROWTH, "sourcing": "own-stock"}}, "profile.sourcing", "(did you mean"),
        ("/v1/whatif?format=html", {"profile": GROWTH}, "format", "'html' is not one of json, markdown"),
        ("/v1/whatif?lang=de", {"profile": GROWTH}, "lang", "'de' is not one of en, zh, both"),
    ],
)
def test_a_bad_field_is_422_naming_it(app: FastAPI, url: str, body: dict[str, Any], path: str, words: str) -> None:
    found = problem(ask(app, "POST", url, json=body), 422)
    assert path in [p["path"] for p in found["errors"]]
    assert words in found["error"]


@pytest.mark.parametrize(
    ("content", "headers", "status", "words"),
    [
        (b'{"profile": {"stage": "growth", ', JSON, 422, "the body is not valid JSON: line 1 column 33"),
        (b'{"profile": {"stage": "gr\xffwth"}}', JSON, 422, "the body is not UTF-8 text: byte 26 is b'\\xff'"),
        (b"[" * 200_000 + b"]" * 200_000, JSON, 422, "the body is not valid JSON: nested too deeply"),
        (b'{"profile": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001, JSON, 422, "nested too deeply"),
        (b'{"profile": {"stage": "growth", "live_hours_per_day": NaN}}', JSON, 422, "finite number"),
        (b'{"profile": {"stage": "growth", "assumptions": {"x": Infinity}}}', JSON, 422, "finite number"),
        (b'{"profile": {"headcount_budget": ' + b"9" * 5000 + b"}}", JSON, 422, "the body is not valid JSON"),
        (b'{"profile": {"stage": "growth", "assumptions": {"\\ud800": 1}}}', JSON, 422, "half a surrogate pair"),
        (b"", JSON, 422, "the body is empty"),
        (b"  \n", JSON, 422, "the body is empty"),
        (b'"profile"', JSON, 422, "the body must be a JSON object with 'profile', 'keep', 'backward', not a string"),
        (b"null", JSON, 422, "not null"),
        (b'{"profile": {}}', {"content-type": "text/plain"}, 415, "Content-Type: application/json (not text/plain)"),
        (b'{"profile": {}}', {"content-type": "application/x-www-form-urlencoded"}, 415, "application/json"),
        (b'{"profile": {}}', {}, 415, "none was given"),
        (b'{"profile": {}}', {"content-type": "application/json; charset=latin-1"}, 415, "UTF-8 JSON, not latin-1"),
        (b" " * (MAX_BODY + 1), JSON, 413, f"{MAX_BODY + 1} bytes, more than the limit of {MAX_BODY}"),
    ],
)
def test_a_bad_body_is_an_error_of_its_own(
    app: FastAPI, content: bytes, headers: dict[str, str], status: int, words: str
) -> None:
    found = problem(ask(app, "POST", "/v1/plan", content=content, headers=headers), status)
    assert words in found["error"]


def test_a_body_over_the_limit_without_a_length_is_413(app: FastAPI) -> None:
    async def chunks() -> AsyncIterator[bytes]:  # sent chunked: no Content-Length to judge by
        for _ in range(20):
            yield b" " * 100_000

    found = problem(ask(app, "POST", "/v1/plan", content=chunks(), headers=JSON), 413)
    assert "more than the limit" in found["error"]


def test_an_escaped_pair_of_surrogates_is_a_character(app: FastAPI) -> None:
    team = b'{"person": [{"name": "\\ud83d\\ude00 Ann", "roles": ["owner", "streamer"]}]}'
    body = b'{"profile": {"stage": "startup", "sourcing": "affiliate_pool"}, "team": ' + team + b"}"
    response = ask(app, "POST", "/v1/gap", content=body, headers=JSON)
    assert response.json()["conflicts"] == [{"person": "\U0001f600 Ann", "roles": ["owner", "streamer"]}]


def test_a_json_profile_of_the_right_type_is_accepted_with_a_suffix_type(app: FastAPI) -> None:
    headers = {"content-type": "application/vnd.planner+json; charset=UTF-8"}
    response = ask(app, "POST", "/v1/plan", content=json.dumps({"profile": GROWTH}).encode(), headers=headers)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("method", "url", "status", "words"),
    [
        ("POST", "/v1/plans", 404, "no such endpoint: POST /v1/plans (did you mean '/v1/plan'?)"),
        ("GET", "/v1/plan", 405, "GET /v1/plan is not allowed; this path takes POST"),
        ("GET", "/v1/rules/growth-service-split", 404, "unknown rule 'growth-service-split' (did you mean"),
        ("GET", "/v1/rules?guidance=G1", 422, "unknown guidance id 'G1'"),
        ("GET", "/v1/rules?source=three-stage", 422, "(did you mean 'three-stages'?)"),
        ("GET", "/v1/schema/profil", 404, "unknown schema 'profil' (did you mean 'profile'?)"),
        ("GET", "/v1/schema/whatiff", 404, "unknown schema 'whatiff' (did you mean 'whatif'?); one of profile, team,"),
        ("POST", "/v1/compar", 404, "(did you mean '/v1/compare'?)"),
        ("GET", "/static/planner.jss", 404, "(did you mean 'planner.js'?)"),
    ],
)
def test_unknown_paths_and_ids_are_errors_with_a_hint(
    app: FastAPI, method: str, url: str, status: int, words: str
) -> None:
    assert words in problem(ask(app, method, url), status)["error"]


def test_an_unexpected_failure_is_a_500_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> object:
        raise RuntimeError("a secret detail of the failure")

    monkeypatch.setattr(api_module, "remembered_plan", broken)

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(), raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://planner.test") as client:
            return await client.post("/v1/plan", json={"profile": GROWTH})

    found = problem(asyncio.run(call()), 500)
    assert "secret" not in json.dumps(found)
    assert found["error"] == "the server failed to answer this request; its log says why"


def test_without_graphviz_a_picture_is_503_and_json_still_answers(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    found = problem(ask(app, "POST", "/v1/plan?format=svg", json={"profile": GROWTH}), 503)
    assert "Graphviz's 'dot' program is not installed" in found["error"]
    found = problem(ask(app, "POST", "/v1/compare?format=html", json={"before": GROWTH, "after": GROWTH_BRAND}), 503)
    assert "Graphviz's 'dot' program is not installed" in found["error"]
    assert ask(app, "POST", "/v1/plan", json={"profile": GROWTH}).status_code == 200
    assert ask(app, "GET", "/healthz").json()["graphviz"] is False


# --- the OpenAPI document and docs/api.md ---------------------------------------------------------------------


def test_openapi_describes_every_endpoint_with_its_models(app: FastAPI) -> None:
    document = ask(app, "GET", "/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert list(document["paths"]) == [
        "/v1/plan", "/v1/explain", "/v1/roadmap", "/v1/gap", "/v1/compare", "/v1/whatif", "/v1/catalog",
        "/v1/plan-many", "/v1/rules", "/v1/rules/{rule_id}", "/v1/assumptions", "/v1/schema/{kind}", "/healthz",
    ]  # fmt: skip
    bodies = {
        path: operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        for path, methods in document["paths"].items()
        for operation in methods.values()
        if "requestBody" in operation
    }
    assert bodies == {
        "/v1/plan": "PlanRequest",
        "/v1/explain": "RoleRequest",
        "/v1/roadmap": "RoadmapRequest",
        "/v1/gap": "GapRequest",
        "/v1/compare": "CompareRequest",
        "/v1/whatif": "PlanRequest",
        "/v1/plan-many": "ProfilesRequest",
    }
    assert schemas["PlanRequest"]["properties"]["profile"]["$ref"].endswith("/BusinessProfile")
    profile = BusinessProfile.model_json_schema(ref_template="#/components/schemas/{model}")
    nested = profile.pop("$defs", {})  # the profile's own models (its pay) are components of their own
    assert schemas["BusinessProfile"] == profile
    assert all(schemas[name] == schema for name, schema in nested.items())
    text = json.dumps(document)
    answers = [
        *("PlanData", "RoadmapData", "GapData", "CompareData", "WhatIfData", "CatalogData", "Explanation"),
        *("RuleDetail", "ItemError", "AssumptionRow"),
    ]
    for name in [*bodies.values(), *answers, "ErrorBody"]:
        assert f'"#/components/schemas/{name}"' in text
    # every $ref resolves, every error of every endpoint is an ErrorBody, and nothing unused is defined
    refs = {ref.rsplit("/", 1)[1] for ref in _refs(document)}
    assert refs == set(schemas)
    for methods in document["paths"].values():
        for operation in methods.values():
            for status, response in operation["responses"].items():
                if status not in ("200", "304"):  # a 304 has no body
                    assert response["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")


def _refs(node: object) -> list[str]:
    if isinstance(node, dict):
        return [ref for key, value in node.items() for ref in ([value] if key == "$ref" else _refs(value))]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def test_docs_api_md_is_the_openapi_document_today(app: FastAPI) -> None:
    on_disk = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert on_disk == api_markdown(app.openapi()), "docs/api.md is stale: run `make docs`"


def nested(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Lists and objects of ``inner`` values."""
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    nested,
    max_leaves=20,
)


@given(st.dictionaries(st.text(), JSON_VALUES, max_size=5))
def test_json_bytes_are_render_json_for_any_data(data: dict[str, Any]) -> None:
    # orjson writes most answers; wherever its text could differ (small floats, surrogates, huge integers) the json
    # module does: the bytes are always those the command line prints
    result = SimpleNamespace(to_dict=lambda: data)
    assert json_bytes(result) == render_json(result).encode("utf-8", "surrogatepass")
