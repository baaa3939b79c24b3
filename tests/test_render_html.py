"""The HTML report: what it says, that it needs nothing from a network, and what a person sees in a browser.

The browser tests open the report in headless Chromium with no network (see tests/screenshot.py), take a
screenshot, and read its pixels with Pillow: the org chart must be drawn (the department boxes' fill colours and
the owner's dark box are on screen, the page is not blank), Chinese must render as glyphs, not as empty boxes,
and the page must look like the committed docs/images/plan-screenshot.png.
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from helpers import GROWTH_BRAND, at_once, run
from screenshot import WINDOW, report_screenshot, screenshot
from tiktok_team import BusinessProfile, GraphvizError, Plan, TiktokTeamWarning, recommend
from tiktok_team.render import render_html, render_svg
from tiktok_team.render._chart import FONT_FAMILIES, PALETTE

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "docs" / "images" / "plan-screenshot.png"
# Two different Chinese characters, and a private-use character that no font has: it shows the missing glyph.
GLYPHS = ("主", "播", "\ue000")
GLYPH_BOX = 120
# A `dot` that fails as Graphviz 2.43 did on some org charts: it prints the assertion and aborts (status -6).
ABORTING_DOT = """#!/bin/sh
cat > /dev/null
echo "dot: class2.c:148: merge_chain: Assertion \\`ED_to_virt(e) == NULL' failed." >&2
kill -ABRT $$
"""
GRAPHVIZ_ABORTED = "Graphviz's 'dot' failed with status -6: dot: class2.c:148: merge_chain: Assertion"


@pytest.fixture(scope="module")
def plan() -> Plan:
    # a budget below the fewest people: seats wait
    return recommend(BusinessProfile.parse({**GROWTH_BRAND, "headcount_budget": 6}))


@pytest.fixture(scope="module")
def report(plan: Plan) -> str:
    return render_html(plan, "en")


def visible(page: str) -> str:
    """The page's text as a reader gets it: tags dropped, entities decoded."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


# --- what the report says ------------------------------------------------------------------------------------


def test_report_has_every_role_with_duties_headcount_and_cited_reasons(plan: Plan, report: str) -> None:
    text = visible(report)
    for role in plan.roles:
        assert role.name.en in text, role.id
        assert role.duties, role.id
        for duty in role.duties:  # the duty lines that hold for this business, as the plan carries them
            assert " ".join(duty.en.split()) in text, (role.id, duty)
        for reason in role.reasons:
            assert f"[{reason.source} {reason.section}, {reason.guidance}, {reason.basis}" in text, reason.rule
        assert f'<td class="n">{role.headcount}</td>' in report


def test_the_detailed_report_names_each_rule(plan: Plan, report: str) -> None:
    detailed = visible(render_html(plan, detail=True))
    for role in plan.roles:
        for reason in role.reasons:
            assert f"[rule {reason.rule}: {reason.source} {reason.section}, " in detailed, reason.rule
            assert f"rule {reason.rule}:" not in visible(report)


def test_report_says_what_was_left_out_and_why(plan: Plan, report: str) -> None:
    text = visible(report)
    assert "Left out" in text
    for left in plan.excluded:
        assert plan.rulebook.roles[left.id].en in text, left.id
        for line in plan.why_not(left.id).splitlines()[1:]:
            assert " ".join(line.removeprefix("- ").split()) in text


def test_report_has_the_advice_staffing_and_sources(plan: Plan, report: str) -> None:
    text = visible(report)
    for advice in plan.advice:
        assert " ".join(advice.text.en.split()) in text
    staffing = plan.staffing
    assert staffing is not None
    assert not staffing.feasible
    assert "Staffing within a budget of 6" in text
    assert "Seats that wait, first to last" in text
    for deferral in staffing.deferred:
        assert f"a budget of {deferral.staffed_from} staffs it in full" in text
    assert "Who to staff now, within the budget of 6" in text
    assert len(staffing.within_budget) == 6
    for n, person in enumerate(staffing.within_budget, 1):
        names = ", ".join(plan.rulebook.roles[role].en for role in person.roles)
        assert f"Person {n} {names}" in text, names
    for source in plan.rulebook.sources.values():
        assert " ".join(source.title.split()) in text


def test_report_is_in_the_chosen_language(plan: Plan) -> None:
    chinese = render_html(plan, "zh")
    both = render_html(plan, "both")
    assert chinese.startswith('<!DOCTYPE html>\n<html lang="zh-Hans">')
    assert "<h2>组织架构图</h2>" in chinese
    assert "Org chart" not in chinese
    assert "<h2>Org chart / 组织架构图</h2>" in both
    for role in plan.roles:
        assert role.name.zh in visible(chinese)
        assert role.name.en in visible(both)
        assert role.name.zh in visible(both)


def test_report_loads_nothing(report: str) -> None:
    class Fetches(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in {"script", "link", "img", "iframe", "object", "embed", "image", "use", "base"}:
                self.found.append(tag)
            self.found += [f"{tag} {name}" for name, _ in attrs if name in {"src", "href", "xlink:href", "srcset"}]

    parser = Fetches()
    parser.feed(report)
    assert parser.found == []
    assert "url(" not in report
    assert "@import" not in report
    # the only addresses are the XML namespaces of the inline SVG, which are names, never fetched
    rest = report.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
    )
    assert "http" not in rest
    assert "//" not in rest.replace("<!--", "")


def test_report_is_repeatable(plan: Plan, report: str, tmp_path: Path) -> None:
    # The same bytes from other processes, whose string hashes (so the order of sets of ids) differ from this one's.
    profile = tmp_path / "profile.json"
    profile.write_text(plan.profile.model_dump_json(exclude_defaults=True), encoding="utf-8")
    seeds = ("0", "1", "2")
    runs = at_once(
        {
            seed: functools.partial(
                run,
                "plan",
                profile,
                "--format",
                "html",
                "--output",
                tmp_path / f"{seed}.html",
                env={"PYTHONHASHSEED": seed},
            )
            for seed in seeds
        }
    )
    for seed in seeds:
        assert (runs[seed].returncode, runs[seed].stderr) == (0, "")
        assert (tmp_path / f"{seed}.html").read_bytes() == report.encode("utf-8"), seed


# --- when Graphviz fails ---------------------------------------------------------------------------------------


@pytest.fixture
def aborting_dot(tmp_path: Path) -> str:
    """A PATH on which `dot` aborts."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "dot").write_text(ABORTING_DOT, encoding="utf-8")
    (folder / "dot").chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ['PATH']}"


def test_a_graphviz_failure_leaves_a_note_where_the_chart_was(
    plan: Plan, aborting_dot: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", aborting_dot)
    with pytest.raises(GraphvizError, match=GRAPHVIZ_ABORTED) as failed:
        render_svg(plan)
    error = str(failed.value)
    for lang in ("en", "zh", "both"):
        with pytest.warns(TiktokTeamWarning) as caught:
            page = render_html(plan, lang)
        assert [str(w.message) for w in caught] == [f"the HTML report has no org chart: {error}"]
        assert "<svg" not in page
        notes = [line for line in page.splitlines() if 'class="no-chart"' in line]
        assert len(notes) == 1
        assert error in visible(notes[0])
        for role in plan.roles:  # the rest of the report is all there
            assert (role.name.zh if lang == "zh" else role.name.en) in visible(page)


def test_the_command_writes_the_report_without_its_chart_and_warns(tmp_path: Path, aborting_dot: str) -> None:
    profile = tmp_path / "mature.toml"
    profile.write_text('stage = "mature"\nsourcing = "own_stock"\nformats = ["livestream", "short_video"]\n', "utf-8")
    env = {"PATH": aborting_dot}
    report = tmp_path / "report.html"
    html = run("plan", profile, "--format", "html", "--output", report, env=env)
    assert html.returncode == 0, html.stderr
    assert html.stderr.startswith(f"tiktok-team: warning: the HTML report has no org chart: {GRAPHVIZ_ABORTED}")
    assert html.stderr.count("\n") == 1
    page = report.read_text("utf-8")
    assert page.count('class="no-chart"') == 1
    assert "<svg" not in page
    svg = run("plan", profile, "--format", "svg", env=env)
    assert (svg.returncode, svg.stdout) == (2, "")
    assert svg.stderr.startswith(f"tiktok-team: error: {GRAPHVIZ_ABORTED}")
    assert svg.stderr.count("\n") == 1


# --- what a person sees --------------------------------------------------------------------------------------


def glyph_page(path: Path) -> Path:
    """A page showing each of GLYPHS alone in a fixed box, in the fonts the report and its chart ask for."""
    fonts = ", ".join(f"'{family}'" if " " in family else family for family in FONT_FAMILIES)
    cells = "".join(
        f'<div style="position:absolute; left:{n * GLYPH_BOX}px; top:0; width:{GLYPH_BOX}px; height:{GLYPH_BOX}px;'
        f' font: 80px/{GLYPH_BOX}px {fonts}; text-align:center">{glyph}</div>'
        for n, glyph in enumerate(GLYPHS)
    )
    path.write_text(
        f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"></head>'
        f'<body style="margin:0; background:#fff; color:#000">{cells}</body></html>',
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Image.Image]:
    """Both screenshots, taken at once: the example's report, and the glyph page."""
    work = tmp_path_factory.mktemp("browser")
    page = glyph_page(work / "glyphs.html")
    with ThreadPoolExecutor(max_workers=2) as pool:
        report_shot = pool.submit(report_screenshot, work / "report.png", work)
        # a roomy window: Chromium does not honour very small ones exactly; the cells are cut out of its top left
        glyph_shot = pool.submit(screenshot, page, work / "glyphs.png", (480, 300))
        paths = {"report": report_shot.result(), "glyphs": glyph_shot.result()}
    images = {}
    for name, path in paths.items():
        with Image.open(path) as image:
            images[name] = image.convert("RGB")
    return images


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_the_report_shows_the_org_chart(shots: dict[str, Image.Image]) -> None:
    shot = shots["report"]
    assert shot.size == WINDOW
    pixels = Counter(shot.get_flattened_data())
    total = shot.size[0] * shot.size[1]
    white = pixels[255, 255, 255]
    assert total - white > total * 0.10, "the page is (nearly) blank"
    coarse = {(r >> 4, g >> 4, b >> 4) for r, g, b in pixels}
    assert len(coarse) > 40, "too few colours for a page with a coloured chart"
    # the example has five departments: each box is filled with its own colour; the owner's box is dark
    for fill, _border in PALETTE[:5]:
        assert pixels[hex_rgb(fill)] > 2000, f"no department box filled with {fill} on screen"
    assert pixels[hex_rgb("#37474f")] > 1000, "the owner's box is not on screen"


def test_chinese_renders_as_glyphs_not_boxes(shots: dict[str, Image.Image]) -> None:
    shot = shots["glyphs"].convert("L")
    cells = [shot.crop((n * GLYPH_BOX, 0, (n + 1) * GLYPH_BOX, GLYPH_BOX)) for n in range(len(GLYPHS))]
    ink = [sum(1 for value in cell.get_flattened_data() if value < 128) for cell in cells]
    assert ink[0] > 300, "the first Chinese character drew nothing"
    assert ink[1] > 300, "the second Chinese character drew nothing"

    def differ(a: Image.Image, b: Image.Image) -> int:
        return sum(1 for value in ImageChops.difference(a, b).get_flattened_data() if value > 64)

    # without a CJK font, both characters are drawn as the same missing-glyph box as the private-use character
    assert differ(cells[0], cells[1]) > 300, "two different Chinese characters look the same: missing glyphs"
    assert differ(cells[0], cells[2]) > 300, "a Chinese character looks like the missing-glyph box"
    assert differ(cells[1], cells[2]) > 300, "a Chinese character looks like the missing-glyph box"


def test_the_report_looks_like_the_committed_screenshot(shots: dict[str, Image.Image]) -> None:
    # loosely: the layout and colours, not each anti-aliased pixel; `make docs` writes a new one
    assert COMMITTED.stat().st_size < 300_000, "keep the committed screenshot small"
    with Image.open(COMMITTED) as image:
        committed = image.convert("RGB")
    assert committed.size == shots["report"].size
    size = (committed.size[0] // 10, committed.size[1] // 10)
    a = committed.convert("L").resize(size, Image.Resampling.BOX)
    b = shots["report"].convert("L").resize(size, Image.Resampling.BOX)
    mean_difference = ImageStat.Stat(ImageChops.difference(a, b)).mean[0]
    assert mean_difference < 6, f"the report looks different from {COMMITTED.name} (run `make docs` if intended)"
