"""Settled facts and direction through every face: ``--keep`` and ``--backward`` of the command line, the
``keep`` and ``backward`` fields of the HTTP API, and the planner page's "keep these as they are" control. Each face
answers what the library answers for ``recommend(..., keep=..., backward=...)`` and ``whatif(...)``; a fact name that
is not one is an error naming where it came from (exit status 2, a 422 naming the field)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser

from helpers import EXAMPLES, GROWTH_BRAND, ok, refused, run, serving
from planner_screenshot import VIEWPORT, browser, wait_for_plan
from tiktok_team import recommend, whatif
from tiktok_team.render import render_json, render_markdown, whatif_command
from tiktok_team.serve.app import create_app

BRAND = EXAMPLES / "growth-brand.toml"
AFFILIATE = {"stage": "growth", "sourcing": "affiliate_pool"}


@pytest.fixture(scope="module")
def affiliate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("profiles") / "affiliate.json"
    path.write_text(json.dumps(AFFILIATE), encoding="utf-8")
    return path


# --- the command line -----------------------------------------------------------------------------------------


def test_plan_keep_is_the_library_plan_kept(affiliate: Path) -> None:
    data = json.loads(ok("plan", affiliate, "--keep", "sourcing", "--keep", "paid_ads,formats", "--format", "json"))
    kept = recommend(AFFILIATE, keep=["sourcing", "paid_ads", "formats"])
    assert data == json.loads(render_json(kept))
    assert data["scope"] == {"keep": ["sourcing", "formats", "paid_ads"], "backward": False}
    need = {left["id"]: left["would_need"] for left in data["excluded"]}
    assert need["shop_operator"] == [] != recommend(AFFILIATE).would_need("shop_operator")
    assert all("sourcing" not in change and "paid_ads" not in change for changes in need.values() for change in changes)
    markdown = ok("plan", affiliate, "--keep", "sourcing")
    assert markdown == render_markdown(recommend(AFFILIATE, keep="sourcing"))
    assert "not with sourcing kept as the affiliate pool" in markdown
    assert "在货源保持为精选联盟选品的前提下无法做到" in ok("plan", affiliate, "--keep", "sourcing", "--lang", "zh")


def test_explain_keep_and_backward_change_the_last_sentence(affiliate: Path) -> None:
    last = ok("explain", affiliate, "shop_operator", "--keep", "sourcing").splitlines()[-1]
    assert last == recommend(AFFILIATE, keep="sourcing").why_not("shop_operator").splitlines()[-1]
    assert last.startswith("No change would bring it into the plan with sourcing kept as the affiliate pool")
    assert (
        ok("explain", BRAND, "customer_service")
        .splitlines()[-1]
        .startswith("No change would bring it into the plan with the stage moving only forward from growth")
    )
    back = ok("explain", BRAND, "customer_service", "--backward", "--lang", "zh").splitlines()[-1]
    assert back == "若退回起步期，该岗位就会纳入方案。"


def test_whatif_keep_and_backward_are_the_library_table() -> None:
    data = json.loads(ok("whatif", BRAND, "--keep", "stage,formats", "--backward", "--format", "json"))
    assert data == json.loads(whatif_command(whatif(GROWTH_BRAND, keep=["stage", "formats"], backward=True), "json"))
    assert not {"stage", "formats"} & {fact for row in data["rows"] for fact in row["change"]}
    back = json.loads(ok("whatif", BRAND, "--backward", "--format", "json"))
    assert {"stage": "startup"} in [row["change"] for row in back["rows"]]
    assert "| went back to the startup stage |" in ok("whatif", BRAND, "--backward")
    forward = json.loads(ok("whatif", BRAND, "--format", "json"))
    assert {"stage": "startup"} not in [row["change"] for row in forward["rows"]]
    text = ok("whatif", BRAND, "--keep", "sourcing")
    assert text.index("## What matters most") < text.index("## Each change")
    assert "Held fixed: sourcing kept as own stock; the stage moving only forward from growth." in text
    chinese = ok("whatif", BRAND, "--keep", "sourcing", "--backward", "--lang", "zh")
    assert "保持不变：货源保持为自有货源。包括退回更早阶段的情况，并在行中注明。" in chinese
    assert chinese.index("## 影响最大的事实") < chinese.index("## 逐项变化")
    assert "| 退回起步期 |" in chinese


@pytest.mark.parametrize("command", [("plan",), ("explain", "pr"), ("whatif",)])
def test_an_unknown_fact_to_keep_exits_2_naming_the_option(command: tuple[str, ...], tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    line = refused(command[0], BRAND, *command[1:], "--keep", "sourcing,sourcign", "--output", out)
    assert line.startswith("tiktok-team: error: --keep: unknown fact 'sourcign' (did you mean 'sourcing'?); the facts")
    assert not out.exists()


def test_keep_is_an_option_only_of_the_commands_that_use_it() -> None:
    done = run("roadmap", BRAND, "--keep", "stage")
    assert done.returncode == 2
    assert "unrecognized arguments: --keep stage" in done.stderr


# --- the HTTP API ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return create_app()


def post(app: FastAPI, url: str, body: dict[str, Any], **params: str) -> httpx.Response:
    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://planner.test") as client:
            return await client.post(url, json=body, params=params)

    return asyncio.run(call())


def test_the_plan_request_keeps_what_its_keep_field_says(app: FastAPI) -> None:
    body = {"profile": AFFILIATE, "keep": ["sourcing"], "backward": True}
    answered = post(app, "/v1/plan", body)
    assert answered.status_code == 200
    assert answered.text == render_json(recommend(AFFILIATE, keep="sourcing", backward=True))
    markdown = post(app, "/v1/plan", body, format="markdown")
    assert markdown.text == render_markdown(recommend(AFFILIATE, keep="sourcing", backward=True))
    assert post(app, "/v1/plan", {"profile": AFFILIATE}).text == render_json(recommend(AFFILIATE))


def test_the_explain_request_keeps_and_goes_back_when_asked(app: FastAPI) -> None:
    kept = post(app, "/v1/explain", {"profile": AFFILIATE, "role": "shop_operator", "keep": ["sourcing"]}).json()
    assert kept["text"] == recommend(AFFILIATE, keep="sourcing").why_not("shop_operator")
    back = {"profile": GROWTH_BRAND, "role": "customer_service", "backward": True}
    assert post(app, "/v1/explain", back, lang="zh").json()["text"].endswith("若退回起步期，该岗位就会纳入方案。")


def test_the_whatif_request_leaves_out_the_facts_kept(app: FastAPI) -> None:
    answered = post(app, "/v1/whatif", {"profile": GROWTH_BRAND, "keep": ["paid_ads", "stage"]})
    assert answered.text == whatif_command(whatif(GROWTH_BRAND, keep=["paid_ads", "stage"]), "json")
    assert answered.json()["scope"] == {"keep": ["stage", "paid_ads"], "backward": False}


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        ({"keep": ["sourcign"]}, "keep", "unknown fact 'sourcign' (did you mean 'sourcing'?); the facts are stage,"),
        ({"keep": "sourcing"}, "keep", "must be a list of fact names, not a string"),
        ({"keep": [1]}, "keep", "must be a list of fact names; a number is not one"),
        ({"backward": "yes"}, "backward", "must be true or false, not a string"),
        ({"kep": ["stage"]}, "kep", "unknown field 'kep' (did you mean 'keep'?)"),
    ],
)
def test_a_bad_keep_or_backward_is_a_422_naming_the_field(
    app: FastAPI, body: dict[str, Any], path: str, message: str
) -> None:
    for url, extra in (("/v1/plan", {}), ("/v1/explain", {"role": "pr"}), ("/v1/whatif", {})):
        answered = post(app, url, {"profile": AFFILIATE, **extra, **body})
        assert answered.status_code == 422, url
        [problem] = answered.json()["errors"]
        assert problem["path"] == path
        assert problem["message"].startswith(message)


def test_the_requests_that_keep_nothing_refuse_keep(app: FastAPI) -> None:
    for url in ("/v1/roadmap", "/v1/compare"):
        body = {"profile": AFFILIATE} if url == "/v1/roadmap" else {"before": AFFILIATE, "after": AFFILIATE}
        answered = post(app, url, {**body, "keep": ["stage"]})
        assert answered.status_code == 422
        assert answered.json()["errors"][0]["message"].startswith("unknown field 'keep'")


# --- the planner page -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chrome() -> Iterator[Browser]:
    with browser() as started:
        yield started


@pytest.mark.browser
def test_the_page_keeps_the_facts_ticked_and_says_so_in_both_languages(chrome: Browser) -> None:
    with serving() as address:
        page = chrome.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{address}/?stage=growth&sourcing=affiliate_pool&formats=livestream")
        wait_for_plan(page)
        page.locator("#excluded button[data-role=shop_operator]").click()
        page.locator("#explanation", has_text="It would be in the plan if the business held and shipped").wait_for()

        page.get_by_label("Goods", exact=True).check()  # keep the sourcing as it is
        page.locator("#explanation", has_text="with sourcing kept as the affiliate pool").wait_for()
        assert "keep=sourcing" in page.url
        assert "held and shipped" not in page.locator("#explanation").inner_text()

        page.get_by_role("button", name="中文").click()
        page.locator("#explanation", has_text="在货源保持为精选联盟选品的前提下").wait_for()
        assert page.get_by_label("货源", exact=True).is_checked()

        page.get_by_label("货源", exact=True).uncheck()
        page.get_by_label("也考虑退回更早的阶段").check()
        page.locator("#roles button[data-role=product_selector]").click()
        page.locator("#explanation", has_text="退回起步期").wait_for()  # the selector splits off at growth
        assert "backward=true" in page.url

        shared = chrome.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
        shared.goto(page.url)  # the address keeps the control as it was
        wait_for_plan(shared)
        assert shared.get_by_label("也考虑退回更早的阶段").is_checked()
        assert not shared.get_by_label("货源", exact=True).is_checked()
        assert errors == []
