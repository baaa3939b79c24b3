"""The planner page as a person uses it: ``tiktok-team serve`` on a free port, driven in headless Chromium.

Turning "paid ads" on brings the ad buyer into the org chart and the role table; a role's reasons show on a click;
中文 turns the labels, the chart and the reasons Chinese; the address keeps the profile, so a link opens the same
plan; the downloads are the plan in each format; nothing is fetched from anywhere but the server; and the page looks
like the committed docs/images/planner.png. Without Graphviz on the server, the page still shows the table and says
why the chart is missing.
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from helpers import ROOT, serving
from planner_screenshot import VIEWPORT, Watch, browser, example_shot, looks_unlike, wait_for_plan

COMMITTED = ROOT / "docs" / "images" / "planner.png"
pytestmark = pytest.mark.browser
NO_ADS = "?stage=growth&sourcing=own_stock&formats=livestream,short_video"


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    with serving("--profile", str(ROOT / "examples" / "growth-brand.toml")) as running:
        yield running


@pytest.fixture(scope="module")
def chrome() -> Iterator[Browser]:
    with browser() as started:
        yield started


@pytest.fixture(scope="module")
def _tab(chrome: Browser) -> Watch:
    return Watch(chrome.new_page(viewport=VIEWPORT))  # type: ignore[arg-type]


@pytest.fixture
def window(_tab: Watch) -> Iterator[Watch]:
    """The one tab the tests open the page in, left as a new tab when each ends (:meth:`Watch.leave_as_new`)."""
    yield _tab
    _tab.leave_as_new()


def post(address: str, path: str, body: object) -> bytes:
    request = urllib.request.Request(
        f"{address}{path}", json.dumps(body).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        return bytes(answer.read())


def test_paid_ads_bring_the_ad_buyer_and_chinese_follows(address: str, chrome: Browser, window: Watch) -> None:
    page = window.page
    page.goto(f"{address}/{NO_ADS}")
    wait_for_plan(page)
    assert "Ad buyer" not in str(page.locator("#chart svg").text_content())
    assert page.locator("#roles tr[data-role=ad_buyer]").count() == 0

    page.get_by_label("Paid ads").check()
    page.locator("#chart svg text", has_text="Ad buyer").wait_for()
    assert page.locator("#roles tr[data-role=ad_buyer]").count() == 1
    assert page.locator("#roles tr[data-role=ad_buyer] td.n").inner_text() == "1"
    assert "paid_ads=true" in page.url

    page.locator("#roles button[data-role=ad_buyer]").click()
    page.wait_for_selector("#explanation h3")
    reasons = page.locator("#explanation").inner_text()
    assert "Ad buyer (投手) is in the plan" in reasons
    assert "because the business buys paid traffic [five-departments §3, G07, stated]" in reasons  # cited

    page.get_by_role("button", name="中文").click()
    page.locator("#chart svg text", has_text="投手").wait_for()
    page.locator("#explanation h3", has_text="投手（Ad buyer）").wait_for()
    assert page.get_by_label("付费投流").is_checked()
    assert page.locator("legend").first.inner_text() == "阶段"
    assert "投手" in page.locator("#roles tr[data-role=ad_buyer]").inner_text()
    assert "【five-departments §3，G07，原文明示】" in page.locator("#explanation").inner_text()  # cited, in Chinese
    assert "lang=zh" in page.url

    # the address is the plan: a new page (of a browser context of its own, as a new window's) opened on it shows
    # the same
    with chrome.new_page(viewport=VIEWPORT) as opened:  # type: ignore[arg-type]
        shared = Watch(opened)
        opened.goto(page.url)
        wait_for_plan(opened)
        assert opened.get_by_label("付费投流").is_checked()
        assert opened.locator("#roles tr[data-role=ad_buyer]").count() == 1
        shared.assert_clean(address)
    window.assert_clean(address)


@pytest.mark.parametrize(("label", "fmt", "start"), [("JSON", "json", b"{\n"), ("Markdown", "markdown", b"# "),
    ("HTML", "html", b"<!DOCTYPE html>"), ("GraphML", "graphml", b"<?xml")])  # fmt: skip
def test_a_download_is_the_plan_in_its_format(address: str, window: Watch, label: str, fmt: str, start: bytes) -> None:
    page = window.page
    page.goto(f"{address}/{NO_ADS}&paid_ads=true")
    wait_for_plan(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=label).click()
    saved = Path(download.value.path()).read_bytes()
    profile = {"stage": "growth", "sourcing": "own_stock", "formats": ["livestream", "short_video"], "paid_ads": True}
    assert saved.startswith(start)
    assert saved == post(address, f"/v1/plan?format={fmt}", {"profile": profile})
    assert download.value.suggested_filename.startswith("team-plan.")


def test_a_bad_number_is_shown_beside_its_field(address: str, window: Watch) -> None:
    page = window.page
    page.goto(f"{address}/{NO_ADS}")
    wait_for_plan(page)
    page.get_by_label("Headcount budget").fill("0")
    page.wait_for_selector("#problem:not([hidden])")
    assert (
        "profile.headcount_budget: input should be greater than or equal to 1" in page.locator("#problem").inner_text()
    )
    assert page.get_by_label("Headcount budget").get_attribute("aria-invalid") == "true"
    page.get_by_label("Headcount budget").fill("4")
    page.wait_for_selector("#problem", state="hidden")
    assert "budget of 4" in page.locator("#summary").inner_text()


def test_without_graphviz_the_page_shows_the_table_and_says_why(window: Watch) -> None:
    no_dot = {**os.environ, "PATH": ""}  # the server finds no `dot`
    with serving(env=no_dot) as bare:
        page = window.page
        page.goto(f"{bare}/{NO_ADS}")
        page.wait_for_selector("#chart-note:not([hidden])")
        assert "Graphviz's 'dot' program is not installed" in page.locator("#chart-note").inner_text()
        assert page.locator("#roles tr[data-role=streamer]").count() == 1
        assert page.locator("#chart svg").count() == 0


def test_the_page_looks_like_the_committed_screenshot(address: str, window: Watch, tmp_path: Path) -> None:
    # loosely: the layout and colours, not each anti-aliased pixel; `make docs` writes a new one
    shot = example_shot(window.page, address, tmp_path / "planner.png")
    assert looks_unlike(COMMITTED, shot, (VIEWPORT["width"], VIEWPORT["height"])) < 6, (
        f"the page looks different from {COMMITTED.name} (run `make docs`)"
    )
