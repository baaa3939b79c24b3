"""The planner page on a phone, a tablet and a laptop, and its views beside the plan, driven in headless Chromium.

At 360, 768 and 1366 px wide nothing overlaps (the header, the form, the views, the reasons and the footer, compared
box by box at several scroll positions), nothing sticks out sideways, the org chart's role names are drawn at least
10 px high (or its zoom makes them so), tapping a role brings its reasons into view, and the form's last field can be
reached. Printed, the plan comes first and the form is left out. The views show what the service answers: the
budget's staffing, the duties, two scenarios compared, the roadmap, the what-if table with Apply and Compare, the
gap to a team edited on the page, and cost only where the plan carries it. Every word is in English and Chinese, and
nothing is fetched from anywhere but the server.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, Route

from helpers import EXAMPLES, GROWTH_BRAND, ROOT, serving
from planner_screenshot import SHOTS, Watch, browser, looks_unlike, wait_for_plan, width_shot

pytestmark = pytest.mark.browser
STATIC = ROOT / "src" / "tiktok_team" / "serve" / "static"
WIDTHS = [(360, 780), (768, 1024), (1366, 700)]
READABLE = 10  # px: the least height of the org chart's role names, as drawn
STARTUP = {"stage": "startup", "sourcing": "own_stock", "formats": ["livestream"]}
BUDGET = (
    "?stage=growth&sourcing=own_stock&formats=livestream,short_video&paid_ads=true&influencers=true&headcount_budget=6"
)


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    with serving("--profile", str(EXAMPLES / "growth-brand.toml")) as running:
        yield running


@pytest.fixture(scope="module")
def chrome() -> Iterator[BrowserContext]:
    """One browser, and one context of it for every test's tabs (a context of its own per tab cost a quarter of a
    second each): the page keeps nothing in the browser (no cookie, no storage), and what the shared HTTP cache
    holds is asked for again with its tag (the service answers ``no-cache``), so every request is still made."""
    with browser() as started:
        context = started.new_context()
        yield context
        context.close()


@pytest.fixture(scope="module")
def _tab(chrome: BrowserContext) -> Watch:
    return Watch(chrome.new_page())


@pytest.fixture
def window(_tab: Watch) -> Iterator[Watch]:
    """The one tab every test opens the page in, each on an address of its own, left as a new tab when the test
    ends (:meth:`Watch.leave_as_new`)."""
    yield _tab
    _tab.leave_as_new()


def tab(chrome: BrowserContext, width: int, height: int) -> Page:
    """A new tab with a window of ``width`` x ``height``."""
    page = chrome.new_page()
    page.set_viewport_size({"width": width, "height": height})
    return page


def open_page(window: Watch, address: str, width: int, height: int, query: str = "") -> tuple[Page, Watch]:
    """Open the page at ``address`` with ``query`` in the shared tab, sized ``width`` x ``height``, once it shows
    its plan."""
    page = window.page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{address}/{query}")
    wait_for_plan(page)
    return page, window


def post(address: str, path: str, body: object) -> Any:
    request = urllib.request.Request(
        f"{address}{path}", json.dumps(body).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def overlaps(page: Page) -> list[str]:
    """The pairs of the page's regions whose boxes overlap, as the window shows them now."""
    found: list[str] = page.evaluate(
        """() => {
        const regions = [...document.querySelectorAll("header, main > form, #views, main > aside, footer")]
          .filter((region) => region.getClientRects().length)
          .map((region) => [region.id || region.tagName.toLowerCase(), region.getBoundingClientRect()]);
        const found = [];
        regions.forEach(([name, a], index) => regions.slice(index + 1).forEach(([other, b]) => {
          const wide = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const high = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (wide > 1 && high > 1) found.push(`${name} over ${other}`);
        }));
        return found;
      }"""
    )
    return found


def in_view(page: Page, selector: str) -> bool:
    """Whether the element is wholly inside the window and nothing covers its middle."""
    shown: bool = page.locator(selector).first.evaluate(
        """(element) => {
        const box = element.getBoundingClientRect();
        const top = document.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 8));
        const inside = (low, high, limit) => low >= -0.5 && high <= limit + 0.5;  // to the half pixel
        return box.width > 0 && inside(box.top, box.bottom, innerHeight) && inside(box.left, box.right, innerWidth)
          && top !== null && (element.contains(top) || top.contains(element));
      }"""
    )
    return shown


def name_height(page: Page) -> float:
    """The height, in CSS pixels, at which the org chart draws its role names."""
    height: float = page.evaluate(
        """() => {
        const svg = document.querySelector("#chart svg");
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const sizes = [...svg.querySelectorAll("g.node text")].map((text) => Number(text.getAttribute("font-size")));
        return Math.round(Math.max(...sizes) * scale * 100) / 100;
      }"""
    )
    return height


def open_facts(page: Page) -> None:
    """Unfold the form of the facts (folded to a line on a phone)."""
    if page.locator("#facts-box").get_attribute("open") is None:
        page.locator("#facts-box > summary").click()


# --- the layout at each width -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_nothing_overlaps_and_nothing_sticks_out(window: Watch, address: str, width: int, height: int) -> None:
    page, watch = open_page(window, address, width, height, f"?a={json.dumps(STARTUP)}")  # A pinned: a startup
    for view in ("plan", "compare", "roadmap", "whatif", "team"):
        page.locator(f"[data-view={view}]").click()
        page.wait_for_selector(f"#{view}:not([aria-busy=true])")
        if view == "compare":
            page.wait_for_selector("#compare-out svg")
        for where in ("top", "middle", "bottom"):
            page.evaluate(f"scrollTo(0, {{top: 0, middle: document.body.scrollHeight / 2, bottom: 1e6}}['{where}'])")
            assert overlaps(page) == [], f"{view} at {width} px, scrolled to the {where}"
        sideways = page.evaluate("document.scrollingElement.scrollWidth - innerWidth")
        assert sideways <= 0, f"the {view} view sticks out {sideways} px sideways at {width} px"
    watch.assert_clean(address)


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_the_chart_is_readable_and_zooms(window: Watch, address: str, width: int, height: int) -> None:
    page, watch = open_page(window, address, width, height)
    assert name_height(page) >= READABLE
    figure = page.locator("#chart")
    page.get_by_role("button", name="Whole chart").click()
    whole = page.evaluate("document.querySelector('#chart svg').getBoundingClientRect().width")
    assert whole <= figure.evaluate("figure => figure.clientWidth")  # the whole chart in the width it has
    assert not page.locator("#pan-hint").is_visible()
    page.get_by_role("button", name="Zoom in").click()
    assert page.evaluate("document.querySelector('#chart svg').getBoundingClientRect().width") > whole
    page.get_by_role("button", name="Readable size").click()
    assert name_height(page) >= READABLE
    pans = figure.evaluate("figure => figure.scrollWidth > figure.clientWidth")
    assert page.locator("#pan-hint").is_visible() == pans  # says so where the chart is wider than its frame
    if pans:  # dragging pans it
        box = figure.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] - 20, box["y"] + 40)
        page.mouse.down()
        page.mouse.move(box["x"] + 20, box["y"] + 40, steps=4)
        page.mouse.up()
        assert figure.evaluate("figure => figure.scrollLeft") > 0
    watch.assert_clean(address)


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_a_tapped_role_shows_its_reasons_in_view(window: Watch, address: str, width: int, height: int) -> None:
    page, watch = open_page(window, address, width, height)
    for chosen, role, said in (
        ("#roles button[data-role=streamer]", "streamer", "Streamer (主播) is in the plan"),
        ("#excluded button[data-role=pr]", "pr", "Public relations (公关) is not in the plan"),
        ("#chart g.node[data-role=ad_buyer]", "ad_buyer", "Ad buyer (投手) is in the plan"),
    ):
        page.evaluate("scrollTo(0, 0)")
        page.locator(chosen).click()
        page.locator("#explanation h3", has_text=said).wait_for()
        page.wait_for_timeout(100)
        assert in_view(page, "#explanation h3"), f"the reasons of {role} are out of view at {width} px"
        if width < 1500 and role == "streamer":  # no column of their own: in a row under the role's, closed by ×
            following = page.evaluate("document.querySelector('#roles tr[data-role=streamer]').nextElementSibling.id")
            assert following == "why-row"
            page.get_by_role("button", name="Close the reasons").click()
            assert not page.locator("#explanation").is_visible()
            assert page.locator("#why-row").count() == 0
    watch.assert_clean(address)


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_every_field_of_the_form_can_be_reached(window: Watch, address: str, width: int, height: int) -> None:
    page, watch = open_page(window, address, width, height)
    folded = page.locator("#facts-box").get_attribute("open") is None
    assert folded == (width <= 760)  # on a phone the plan comes first, the facts folded to a line
    open_facts(page)
    for field in ("input[name=stage][value=startup]", "#headcount_budget", "input[name=backward]"):
        page.locator(field).scroll_into_view_if_needed()
        assert in_view(page, field), f"{field} cannot be brought into view at {width} px"
    page.get_by_label("Also going back to an earlier stage").check()
    page.wait_for_url(re.compile("backward=true"))
    watch.assert_clean(address)


def test_printed_the_plan_comes_first_without_the_form(window: Watch, address: str) -> None:
    page, watch = open_page(window, address, 1366, 700, "?view=roadmap")
    page.wait_for_selector("#roadmap-out .step")
    page.emulate_media(media="print")
    for hidden in ("#profile", ".tabs", ".downloads", ".chart-tools", "#explanation"):
        assert not page.locator(hidden).is_visible(), hidden
    assert page.locator("#plan").is_visible()
    assert page.locator("#roadmap").is_visible()
    tops = page.evaluate(
        """() => [...document.querySelectorAll("main > *, #views > *")].filter((each) => each.getClientRects().length)
          .map((each) => [each.id || each.className, each.getBoundingClientRect().top])"""
    )
    assert min(tops, key=lambda each: each[1])[0] in ("views", "plan")
    assert page.locator("#plan").bounding_box()["y"] < page.locator("#roadmap").bounding_box()["y"]  # type: ignore[index]
    assert page.locator("#plan-facts").inner_text().startswith("Growth · Own stock")  # which business it is for
    svg = page.evaluate("document.querySelector('#chart svg').getBoundingClientRect().width")
    assert svg <= page.evaluate("document.querySelector('#plan').getBoundingClientRect().width") + 1
    page.emulate_media(media="screen")
    assert page.locator("#profile").is_visible()
    watch.assert_clean(address)


# --- the words -----------------------------------------------------------------------------------------------------


def test_every_word_is_in_english_and_chinese(window: Watch, address: str) -> None:
    page, watch = open_page(window, address, 1366, 700)
    words: dict[str, dict[str, str]] = page.evaluate("import('/static/words.js').then((module) => module.WORDS)")
    assert set(words) == {"en", "zh"}
    assert set(words["en"]) == set(words["zh"])
    for key, english in words["en"].items():
        chinese = words["zh"][key]
        assert english.strip(), key
        assert chinese.strip(), key
        assert set(re.findall(r"\{(\w+)\}", english)) == set(re.findall(r"\{(\w+)\}", chinese)), key
    html = (STATIC / "index.html").read_text()
    scripts = "\n".join(path.read_text() for path in STATIC.glob("*.js") if path.name != "words.js")
    used = set(re.findall(r'data-(?:text|label)="(\w+)"', html))
    used |= set(re.findall(r'\bsay(?:With)?\("(\w+)"', scripts))
    assert used - set(words["en"]) == set(), "words the page uses but does not have"
    # each key is used: named in the page or a script, or a value the page says (a stage, a hire's kind...)
    quoted = set(re.findall(r'"(\w+)"', scripts)) | used
    kinds = {f"kind_{kind}" for kind in ("new", "split", "more")}  # a roadmap hire's kind
    measures = {f"measure_{measure}" for measure in ("live_hours", "videos_per_week", "orders_per_day", "ad_campaigns")}
    assert set(words["en"]) - quoted - kinds - measures == set(), "words nothing uses"
    watch.assert_clean(address)


def test_the_views_turn_chinese(window: Watch, address: str) -> None:
    page, watch = open_page(window, address, 1366, 700, "?stage=startup&sourcing=own_stock&view=roadmap&lang=zh")
    page.locator("#roadmap-out h3", has_text="起步期 → 发展期").wait_for()
    assert page.locator("[data-view=roadmap]").inner_text() == "发展路线"
    assert (
        "新岗位" in page.locator("#roadmap-out").inner_text() or "拆分出来" in page.locator("#roadmap-out").inner_text()
    )
    page.get_by_role("button", name="English").click()
    page.locator("#roadmap-out h3", has_text="Startup → Growth").wait_for()
    watch.assert_clean(address)


# --- the plan: staffing under a budget, duties, cost -------------------------------------------------------------


def test_the_budget_shows_who_holds_what_and_what_waits(window: Watch, address: str) -> None:
    page, watch = open_page(window, address, 1366, 700, BUDGET)
    profile = {**GROWTH_BRAND, "own_brand": False, "headcount_budget": 6}
    staffing = post(address, "/v1/plan", {"profile": profile})["staffing"]
    assert not staffing["feasible"]
    assert "downloads" not in page.locator("#summary").inner_text()
    rows = page.locator("#seats tbody tr")
    assert rows.count() == len(staffing["within_budget"]) == 6
    for index, person in enumerate(staffing["within_budget"]):
        held = rows.nth(index).locator("button[data-role]")
        assert [held.nth(i).get_attribute("data-role") for i in range(held.count())] == person["roles"]
    waiting = sorted(staffing["deferred"], key=lambda seat: seat["staffed_from"])
    shown = page.locator("#deferred li")
    assert [shown.nth(i).get_attribute("data-deferred") for i in range(shown.count())] == [s["role"] for s in waiting]
    for index, seat in enumerate(waiting):
        assert f"a budget of {seat['staffed_from']} staffs it in full" in shown.nth(index).inner_text()
    shown.first.locator("button").click()
    page.locator("#explanation", has_text="is deferred").wait_for()
    page.get_by_label("Headcount budget").fill("")
    page.wait_for_selector("#staffing", state="hidden")  # no budget, no staffing
    watch.assert_clean(address)


def test_each_role_shows_its_duties(window: Watch, address: str) -> None:
    page, watch = open_page(window, address, 768, 1024)
    plan = post(address, "/v1/plan", {"profile": GROWTH_BRAND})
    for role in plan["roles"]:
        duties = page.locator(f"#roles tr[data-role={role['id']}] ul.duties li")
        assert duties.all_inner_texts() == [duty["en"] for duty in role["duties"]], role["id"]
    page.get_by_role("button", name="中文").click()
    page.locator("#roles tr[data-role=owner] ul.duties li", has_text=plan["roles"][0]["duties"][0]["zh"]).wait_for()
    watch.assert_clean(address)


def with_cost(route: Route) -> None:
    """Answer a plan's JSON as the service answers it, with the ``cost`` a profile with pay gives."""
    answer = route.fetch()
    plan = answer.json()
    roles = [
        {"role": r["id"], "headcount": r["headcount"], "pay": 1000.0, "cost": 1300.0 * r["headcount"]}
        for r in plan["roles"]
    ]
    roles[-1].update(pay=None, cost=None)
    plan["cost"] = {
        "currency": "XTS", "on_cost": 1.3, "roles": roles, "shared": 0.0, "complete": False,
        "departments": [{"department": "owner", "cost": 1300.0, "unpriced": []}],
        "total": sum(role["cost"] or 0 for role in roles), "unpriced": [roles[-1]["role"]],
    }  # fmt: skip
    route.fulfill(response=answer, json=plan)


def test_cost_shows_only_where_the_plan_carries_it(window: Watch, address: str) -> None:
    page, watch = open_page(window, address, 1366, 700)
    assert not page.locator("#cost-summary").is_visible()
    assert not page.locator("#roles th.cost").is_visible()
    page.route(re.compile(r".*/v1/plan\?format=json.*"), with_cost)
    page.get_by_label("Own brand").uncheck()
    page.locator("#cost-summary", has_text="XTS").wait_for()
    summary = page.locator("#cost-summary").inner_text()
    assert "Monthly cost of the team:" in summary
    assert "Leadership 1,300 XTS" in summary
    assert "left out of the costs" in summary  # the role without pay is named, not counted as free
    assert page.locator("#roles th.cost").is_visible()
    assert page.locator("#roles tr[data-role=owner] td.cost").inner_text() == "1,300 XTS"
    assert page.locator("#roles tbody tr").last.locator("td.cost").inner_text() == "–"
    page.unroute(re.compile(r".*/v1/plan\?format=json.*"))
    page.get_by_label("Own brand").check()
    page.wait_for_selector("#cost-summary", state="hidden")
    assert not page.locator("#roles th.cost").is_visible()
    watch.assert_clean(address)


def priced_roadmap(route: Route) -> None:
    """The roadmap as the service answers it, with the costs and a trigger a profile with pay and workload gives."""
    answer = route.fetch()
    roadmap = answer.json()
    roadmap["currency"] = "XTS"
    step = roadmap["steps"][0]
    step.update(cost_before=1000.0, cost_after=2500.0, cost_added=1500.0)
    step["hires"][0].update(cost=700.0, trigger={"measure": "orders_per_day", "past": 250, "per": "orders_per_packer",
                                                  "capacity": 250, "unit": "orders a day", "seat": 2})  # fmt: skip
    route.fulfill(response=answer, json=roadmap)


def priced_whatif(route: Route) -> None:
    """The what-if table as the service answers it, with each row's change of cost."""
    answer = route.fetch()
    table = answer.json()
    for row in table["rows"]:
        row["diff"]["cost"] = {"currency": "XTS", "before": 1000.0, "after": 1250.5, "delta": 250.5, "complete": True}
    route.fulfill(response=answer, json=table)


def test_the_roadmap_and_what_if_show_cost_where_given(window: Watch, address: str) -> None:
    page, watch = open_page(window, address, 1366, 700, "?stage=startup&sourcing=own_stock&view=roadmap")
    page.wait_for_selector("#roadmap-out .step")
    assert "XTS" not in page.locator("#roadmap-out").inner_text()
    page.route(re.compile(r".*/v1/roadmap.*"), priced_roadmap)
    page.route(re.compile(r".*/v1/whatif.*"), priced_whatif)
    page.get_by_label("Short videos", exact=True).check()
    page.locator("#roadmap-out", has_text="Monthly cost: 1,000 XTS → 2,500 XTS (+1,500 XTS).").wait_for()
    first = page.locator("#roadmap-out ol.hires li").first.inner_text()
    assert first.endswith("· +700 XTS · seat 2 once orders a day pass 250")
    page.locator("[data-view=whatif]").click()
    page.locator("#whatif-out table.changes td", has_text="· +250.5 XTS").first.wait_for()
    watch.assert_clean(address)


# --- the views beside the plan -----------------------------------------------------------------------------------


def test_compare_pins_a_and_shows_what_changes_to_b(window: Watch, address: str) -> None:
    page, watch = open_page(window, address, 1366, 700)
    page.locator("[data-view=compare]").click()
    assert page.locator("#a-facts").inner_text() == "Nothing is pinned yet."
    page.get_by_role("button", name="Pin these facts as A").click()
    page.wait_for_url(re.compile("a=%7B"))
    page.get_by_label("Paid ads").uncheck()
    page.locator("#compare-out h2", has_text="Roles removed").wait_for()
    assert page.locator("#compare-out svg").count() == 2  # A's chart and B's, as the service draws them
    assert "Ad buyer (投手)" in page.locator("#compare-out").inner_text()
    assert "Paid ads" in page.locator("#a-facts").inner_text()
    assert "Paid ads" not in page.locator("#b-facts").inner_text()
    page.get_by_role("button", name="Swap A and B").click()
    page.locator("#compare-out h2", has_text="Roles added").wait_for()
    assert page.get_by_label("Paid ads").is_checked()
    assert "Paid ads" not in page.locator("#a-facts").inner_text()
    shared = tab(window.page.context, 1366, 700)  # the address keeps A and the view
    shared.goto(page.url)
    shared.locator("#compare-out h2", has_text="Roles added").wait_for()
    shared.close()
    page.get_by_role("button", name="Unpin A").click()
    page.locator("#compare-out > *").first.wait_for(state="detached")
    watch.assert_clean(address)


def test_the_roadmap_lists_each_steps_hires_in_order(window: Watch, address: str) -> None:
    page, watch = open_page(window, address, 768, 1024, "?stage=startup&sourcing=own_stock&formats=livestream")
    page.locator("[data-view=roadmap]").click()
    page.wait_for_selector("#roadmap-out .step")
    answer = post(address, "/v1/roadmap", {"profile": STARTUP})
    steps = page.locator("#roadmap-out .step")
    assert steps.count() == len(answer["steps"]) == 2
    for index, step in enumerate(answer["steps"]):
        shown = steps.nth(index)
        assert shown.locator("h3").inner_text().startswith(f"{step['from_stage'].title()} → {step['to_stage'].title()}")
        hires = shown.locator("ol.hires button[data-role]")
        assert [hires.nth(i).get_attribute("data-role") for i in range(hires.count())] == [
            hire["role"] for hire in step["hires"]
        ]
    assert "Customer service splits:" in steps.first.inner_text()
    page.goto(f"{address}/?stage=mature&sourcing=own_stock&view=roadmap")
    page.locator("#roadmap-out", has_text="A mature business has no later stage").wait_for()
    watch.assert_clean(address)


def test_what_if_applies_a_change_or_compares_with_it(window: Watch, address: str) -> None:
    page, watch = open_page(window, address, 1366, 700, "?view=whatif")
    page.wait_for_selector("#whatif-out table.changes")
    table = post(address, "/v1/whatif", {"profile": GROWTH_BRAND})
    rows = page.locator("#whatif-out table.changes tbody tr")
    assert rows.count() == len(table["rows"])
    assert rows.first.locator("td").first.inner_text() == "Stage → Mature"  # most change first
    ads = rows.filter(has_text="Paid ads → no")
    ads.get_by_role("button", name="Apply").click()
    page.wait_for_selector("#plan:not([hidden])")
    assert not page.get_by_label("Paid ads").is_checked()
    page.locator("#roles tr[data-role=ad_buyer]").wait_for(state="detached")
    assert "paid_ads" not in page.url
    page.locator("[data-view=whatif]").click()
    page.locator("#whatif-out tbody tr", has_text="Paid ads → yes").get_by_role("button", name="Compare").click()
    page.locator("#compare-out h2", has_text="Roles added").wait_for()  # A is the facts before, B with the change
    assert "Paid ads" not in page.locator("#a-facts").inner_text()
    assert "Paid ads" in page.locator("#b-facts").inner_text()
    assert "Ad buyer (投手)" in page.locator("#compare-out").inner_text()
    watch.assert_clean(address)


def test_my_team_is_edited_on_the_page_and_shows_the_gap(window: Watch, address: str) -> None:
    page, watch = open_page(window, address, 360, 780, "?view=team")
    page.locator("#gap-out", has_text="Add the people you have").wait_for()
    page.get_by_role("button", name="Add a person").click()
    person = page.locator("#people li.person").first
    person.get_by_role("textbox").fill("Mei")
    person.get_by_role("combobox").select_option("owner")
    page.locator("#people li.person").first.get_by_role("combobox").select_option("shop_operator")
    page.locator("#gap-out", has_text="On the team now: 1").wait_for()
    team = {"person": [{"name": "Mei", "roles": ["owner", "shop_operator"]}]}
    gap = post(address, "/v1/gap", {"profile": GROWTH_BRAND, "team": team})
    missing = page.locator("#gap-out ul.missing button[data-role]")
    assert [missing.nth(i).get_attribute("data-role") for i in range(missing.count())] == gap["missing"]
    assert "Mei: Owner / operator, Shop operator" in page.locator("#gap-out ul.conflicts").inner_text()
    page.get_by_role("button", name="Remove Shop operator").click()
    page.locator("#gap-out ul.conflicts").wait_for(state="detached")
    assert "team=" in page.url
    shared = tab(window.page.context, 360, 780)  # the address keeps the team
    shared.goto(page.url)
    shared.locator("#gap-out", has_text="On the team now: 1").wait_for()
    assert shared.locator("#people input").input_value() == "Mei"
    shared.close()
    page.get_by_role("button", name="Start from the plan's people").click()
    page.locator("#gap-out", has_text="The team holds every role of the plan").wait_for()
    plan = post(address, "/v1/plan", {"profile": GROWTH_BRAND})
    assert page.locator("#people li.person").count() == sum(role["headcount"] for role in plan["roles"])
    watch.assert_clean(address)


@pytest.mark.parametrize("name", SHOTS)
def test_each_width_looks_like_its_committed_screenshot(window: Watch, address: str, tmp_path: Path, name: str) -> None:
    shot = SHOTS[name]
    taken = width_shot(window.page, address, shot, tmp_path / name)
    committed = ROOT / "docs" / "images" / name
    assert looks_unlike(committed, taken, (shot.width, shot.height)) < 6, (
        f"the page looks unlike {name} (run `make docs`)"
    )
