"""The planner page with pay (issue 18), in headless Chromium: ``tiktok-team serve --profile FILE --pay FILE`` prices
the plan, each role's monthly cost shows in the table and the team's with its departments under the summary; a
monthly budget shows what the team within it costs; the CSV download is the plan's CSV; pay never goes into the page's
address (a link to a plan does not carry anyone's pay)."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomllib
from playwright.sync_api import Browser

from helpers import ROOT, serving
from planner_screenshot import VIEWPORT, browser, wait_for_plan
from tiktok_team import recommend
from tiktok_team.render._money import amount

pytestmark = pytest.mark.browser
PROFILE = ROOT / "examples" / "growth-brand.toml"
PAY_FILE = ROOT / "examples" / "pay.toml"
FACTS = tomllib.loads(PROFILE.read_text("utf-8"))
PAY = tomllib.loads(PAY_FILE.read_text("utf-8"))


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    with serving("--profile", str(PROFILE), "--pay", str(PAY_FILE)) as running:
        yield running


@pytest.fixture(scope="module")
def chrome() -> Iterator[Browser]:
    with browser() as started:
        yield started


def test_the_page_shows_what_each_role_and_the_team_cost(address: str, chrome: Browser, tmp_path: Path) -> None:
    page = chrome.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{address}/")
    wait_for_plan(page)
    plan = recommend({**FACTS, "pay": PAY})
    assert plan.cost is not None
    total = page.locator("#cost-summary").inner_text()
    assert f"Monthly cost of the team: {amount(plan.cost.total, 'CNY')}." in total
    assert "By department:" in total
    for each in plan.cost.roles:
        cell = page.locator(f"#roles tr[data-role={each.role}] td.cost").inner_text()
        assert cell == amount(each.cost or 0, "CNY")
    assert "pay" not in page.url

    page.locator("#monthly_budget").fill("100000")
    budgeted = recommend({**FACTS, "pay": PAY, "monthly_budget": 100000})
    assert budgeted.staffing is not None
    within = amount(budgeted.staffing.within_budget_cost or 0, "CNY")
    page.locator("#seats-caption", has_text=f"{within} a month").wait_for()
    for n, person in enumerate(budgeted.staffing.within_budget, 1):
        assert page.locator("#seats tbody tr").nth(n - 1).locator("td.cost").inner_text() == amount(
            person.cost or 0, "CNY"
        )
    assert "monthly_budget=100000" in page.url
    assert "pay" not in page.url

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    saved = Path(download.value.path()).read_bytes()
    body = json.dumps({"profile": {**FACTS, "monthly_budget": 100000, "pay": PAY}}).encode()
    request = urllib.request.Request(
        f"{address}/v1/plan?format=csv", body, {"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        assert saved == answer.read()
    assert saved.startswith(b"\xef\xbb\xbforder,id,")
    assert download.value.suggested_filename == "team-plan.csv"
    assert errors == []
