"""Text from a stranger's rule file or team file shows as text in every output format, never as markup (issue 9).

Rule files are meant to be safe to load from strangers, and markdown is often rendered to HTML, yet an overlay's
advice ``<script>…</script>`` came out of the markdown report as a live tag. Here an overlay puts HTML and
markdown control characters in every text field a report can show (names, duties, advice, citations' sections,
sources, assumptions, guidance) and a team file in people's names; every format is rendered. Markdown is
rendered by a real CommonMark renderer (markdown-it-py, with GitHub's tables and strikethrough): the hostile
report must have exactly the elements of the same report with plain words in those fields, no script, image or
link, and each hostile text must show as written.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from markdown_it import MarkdownIt

from pictures import parse_mermaid, svg_tree, texts, unescape_mermaid
from tiktok_team import Gap, Plan, Roadmap, Rulebook, VerifyReport, gap, load_rulebook, recommend, roadmap, verify
from tiktok_team.render import _markdown as markdown
from tiktok_team.render import (
    render_dot,
    render_gap_markdown,
    render_graphml,
    render_html,
    render_json,
    render_markdown,
    render_mermaid,
    render_roadmap_markdown,
    render_svg,
    render_verify_markdown,
)

# What a stranger might write: tags, an image that runs script, emphasis, a javascript: link, code, a table's
# pipe, a newline, an entity, strikethrough, a heading and a quote mark, a backslash.
NASTY = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> *a* _b_ [l](javascript:x) `c` | pipe\n"
    "next line &amp; ~~s~~ # h >q \\ end"
)
# Each field starts like a block of its own (a list item, a heading) in turn, since it may land at a line's start.
LEADS = ("1. ", "- ", "+ ", "# ", "2) ", "> ")
FIELDS = [
    "source_title",
    "source_author",
    "source_date",
    "guidance_section",
    "guidance_text",
    "dep_en",
    "dep_zh",
    "team_en",
    "team_zh",
    "role_en",
    "role_zh",
    "duty_en",
    "duty_zh",
    "left_en",
    "left_zh",
    "advice_en",
    "advice_zh",
    "unit",
    "assumption_en",
    "assumption_zh",
    "because",
    "rule_section",
    "person_a",
    "person_b",
    "invariant",
    "problem",
]
OVERLAY = """
[[source]]
key = "hostile-src"
title = {source_title}
author = {source_author}
date = {source_date}
language = "en"
file = "hostile.txt"

[[guidance]]
id = "G99"
source = "hostile-src"
section = {guidance_section}
text = {guidance_text}

[[department]]
id = "hostile_dep"
en = {dep_en}
zh = {dep_zh}

[[team]]
id = "hostile_team"
en = {team_en}
zh = {team_zh}
department = "hostile_dep"

[[role]]
id = "hostile_role"
en = {role_en}
zh = {role_zh}
department = "hostile_dep"
team = "hostile_team"
duties = [{duty_en}]
duties_zh = [{duty_zh}]

[[role]]
id = "hostile_left"
en = {left_en}
zh = {left_zh}
department = "hostile_dep"

[[advice]]
id = "hostile-advice"
en = {advice_en}
zh = {advice_zh}

[[assumption]]
id = "hostile_capacity"
value = 5
unit = {unit}
en = {assumption_en}
zh = {assumption_zh}
because = {because}

[[workload]]
role = "hostile_role"
measure = "videos_per_week"
per = "hostile_capacity"

[[rule]]
id = "x-hostile"
source = "hostile-src"
section = {rule_section}
guidance = "G99"
basis = "inferred"
because = {because}
when = {{ fact = "stage", in = ["growth", "mature"] }}
include = ["hostile_role"]
relate = [
  {{ kind = "feeds", from = "hostile_role", to = "streamer" }},
  {{ kind = "can_cover", from = "hostile_role", to = "streamer" }},
]
advise = ["hostile-advice"]
"""
# The overlay's file name is hostile too: verification names it.
FILE_NAME = "x_*a*_`c`_|p|_<b>.toml"
PROFILE = {
    "stage": "growth",
    "sourcing": "own_stock",
    "formats": ["livestream", "short_video"],
    "videos_per_week": 20,
    "headcount_budget": 8,
}


def hostile(field: str) -> str:
    return f"{LEADS[FIELDS.index(field) % len(LEADS)]}{field.replace('_', '-')} {NASTY}"


def plain(field: str) -> str:
    return field.replace("_", "-")


# How a world gets its verify report: from its rulebook and what the user wrote in each field.
Reporter = Callable[[Rulebook, dict[str, str]], VerifyReport]


@dataclass(frozen=True, repr=False)  # its repr would fill a failing test's report
class World:
    """The rulebook with the overlay, what a user wrote in each field, and the results to render."""

    values: dict[str, str]
    book: Rulebook
    plan: Plan
    roadmap: Roadmap
    gap: Gap
    report: VerifyReport


def make_world(tmp: Path, text: Callable[[str], str], report: Reporter) -> World:
    values = {field: text(field) for field in FIELDS}
    path = tmp / FILE_NAME
    # a JSON string is a TOML basic string: quotes, backslashes and newlines escaped alike
    path.write_text(OVERLAY.format(**{k: json.dumps(v, ensure_ascii=False) for k, v in values.items()}), "utf-8")
    book = load_rulebook(path)
    team = {
        "person": [
            {"name": values["person_a"], "roles": ["owner", "streamer", "shop_designer"]},
            {"name": values["person_b"], "roles": ["shop_operator", "ad_buyer"]},
        ]
    }
    return World(
        values=values,
        book=book,
        plan=recommend(PROFILE, book),
        roadmap=roadmap({**PROFILE, "stage": "startup"}, book),
        gap=gap(PROFILE, team, book),
        report=report(book, values),
    )


def verified(book: Rulebook, values: dict[str, str]) -> VerifyReport:
    """The verify report of ``book``, with a user's check whose name and problem are those of ``values``."""
    problem = values["problem"]
    return verify(book, {values["invariant"]: lambda p: [problem] if p.profile.stage == "mature" else []})


def plain_words(value: Any) -> Any:
    """``value`` (plain data) with each hostile text of a field put back to that field's plain words."""
    if isinstance(value, str):
        for field in FIELDS:
            value = value.replace(hostile(field), plain(field))
        return value
    if isinstance(value, dict):
        return {key: plain_words(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_words(item) for item in value]
    return value


def markdowns(world: World) -> dict[str, str]:
    """Every markdown output of the world, by name."""
    return {
        "plan-en": render_markdown(world.plan, "en"),
        "plan-zh": render_markdown(world.plan, "zh"),
        "roadmap-en": render_roadmap_markdown(world.roadmap, "en"),
        "roadmap-zh": render_roadmap_markdown(world.roadmap, "zh"),
        "gap-en": render_gap_markdown(world.gap, "en"),
        "gap-zh": render_gap_markdown(world.gap, "zh"),
        "verify": render_verify_markdown(world.report),
    }


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return make_world(tmp_path_factory.mktemp("hostile"), hostile, verified)


@pytest.fixture(scope="module")
def tame(tmp_path_factory: pytest.TempPathFactory, world: World) -> World:
    """The world with plain words in the fields. Its verify report is the hostile world's with the plain words put
    back, not a second walk of the fact space: verify decides nothing by these texts (the two rulebooks differ in
    texts alone, and the user's check in its name and problem alone), it only copies them into the report's
    messages and files; that it copies them is checked below, where each field the report shows is found in it."""

    def report(book: Rulebook, values: dict[str, str]) -> VerifyReport:
        tamed = VerifyReport.model_validate(plain_words(world.report.model_dump()))
        assert "<script>" not in tamed.model_dump_json()  # every hostile text of the report put back
        return tamed

    return make_world(tmp_path_factory.mktemp("tame"), plain, report)


# The fields each markdown output shows (as written, bar runs of whitespace).
SHOWN = {
    "plan-en": "source_title source_author source_date dep_en dep_zh team_en role_en role_zh duty_en left_en left_zh "
    "advice_en unit assumption_en rule_section",
    "plan-zh": "source_title source_author source_date dep_en dep_zh team_zh role_en role_zh duty_zh left_en left_zh "
    "advice_zh unit assumption_zh rule_section",
    "roadmap-en": "role_en role_zh rule_section advice_en",
    "roadmap-zh": "role_en role_zh rule_section advice_zh",
    "gap-en": "person_a role_en role_zh",
    "gap-zh": "person_a role_en role_zh",
    "verify": "invariant problem",
}


# The fields the HTML report shows, in each language.
HTML_SHOWN = {
    "en": "source_title source_author source_date dep_en team_en role_en duty_en left_en advice_en unit assumption_en "
    "rule_section",
    "zh": "source_title source_author source_date dep_zh team_zh role_zh duty_zh left_zh advice_zh unit assumption_zh "
    "rule_section",
}
HTML_SHOWN["both"] = HTML_SHOWN["en"] + " " + HTML_SHOWN["zh"]


def one_line(text: str) -> str:
    return " ".join(text.split())


class Reader(HTMLParser):
    """An HTML document's elements (start and end tags, with their attributes' names) and its visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.elements.append("/" + tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read(html: str) -> Reader:
    reader = Reader()
    reader.feed(html)
    reader.close()
    return reader


COMMONMARK = MarkdownIt("commonmark").enable(["table", "strikethrough"])
NEVER = {"script", "img", "a", "em", "s", "del", "blockquote", "h3", "h4", "h5", "h6", "iframe"}


def check_markdown(world: World, outputs: dict[str, str], tame: dict[str, str]) -> None:
    """Each markdown output renders to the elements of the ``tame`` world's, none of them a script, image or link,
    and shows every hostile field it holds as written."""
    for name, text in outputs.items():
        shown, expected = read(COMMONMARK.render(text)), read(COMMONMARK.render(tame[name]))
        assert not NEVER & set(shown.elements), (name, NEVER & set(shown.elements))
        assert shown.elements == expected.elements, name
        visible = one_line("".join(shown.text))
        for field in SHOWN[name].split():
            assert one_line(world.values[field]) in visible, (name, field)


def test_markdown_shows_hostile_text_as_text(world: World, tame: World) -> None:
    outputs = markdowns(world)
    check_markdown(world, outputs, markdowns(tame))
    where = f"{world.book.rules['x-hostile'].file}:hostile_left"  # the role no rule adds
    assert f"``{where}``" in outputs["verify"]  # the file name, backticks and all, in a code span fenced safely


def test_the_markdown_check_catches_unescaped_text(world: World, tame: World, monkeypatch: pytest.MonkeyPatch) -> None:
    tamed = markdowns(tame)
    monkeypatch.setattr(markdown, "md_text", lambda text: text)
    with pytest.raises(AssertionError):
        check_markdown(world, markdowns(world), tamed)


def test_html_report_shows_hostile_text_as_text(world: World) -> None:
    for lang in ("en", "zh", "both"):
        page = read(render_html(world.plan, lang))
        assert not {"script", "img", "iframe", "object", "embed", "image", "foreignobject"} & set(page.elements)
        assert not [(tag, name) for tag, name, _ in page.attributes if name.startswith("on") or "href" in name]
        visible = one_line(" ".join(page.text))
        for field in HTML_SHOWN[lang].split():
            assert one_line(world.values[field]) in visible, (lang, field)


def test_svg_and_dot_show_hostile_names_as_text(world: World) -> None:
    role = world.book.roles["hostile_role"]
    for lang, names in (("en", [role.en]), ("zh", [role.zh]), ("both", [role.en, role.zh])):
        svg = render_svg(world.plan, lang)
        root = svg_tree(svg)  # well-formed XML
        tags = {element.tag.split("}")[-1].lower() for element in root.iter()}
        assert not {"script", "foreignobject", "image"} & tags
        assert not [name for element in root.iter() for name in element.attrib if name.lower().startswith("on")]
        shown = one_line(" ".join(texts(root)))
        for name in names:
            assert one_line(name) in shown, (lang, name)
        label = next(line for line in render_dot(world.plan, lang).splitlines() if '"hostile_role" [' in line)
        assert "<script" not in label
        assert "<img" not in label


def test_mermaid_shows_hostile_names_as_text(world: World) -> None:
    role = world.book.roles["hostile_role"]
    _, labels, _ = parse_mermaid(render_mermaid(world.plan, "both"))  # every line read, subgraphs closed
    assert unescape_mermaid(labels["hostile_role"]).startswith(f"{one_line(role.en)}<br/>{one_line(role.zh)}")
    assert "<" not in labels["hostile_role"].replace("<br/>", "")


def test_graphml_and_json_keep_hostile_text_exactly(world: World) -> None:
    role = world.book.roles["hostile_role"]
    graph = nx.read_graphml(io.BytesIO(render_graphml(world.plan, "both").encode("utf-8")), force_multigraph=True)
    assert (graph.nodes["hostile_role"]["en"], graph.nodes["hostile_role"]["zh"]) == (role.en, role.zh)
    data = json.loads(render_json(world.plan))
    name = next(r["name"] for r in data["roles"] if r["id"] == "hostile_role")
    assert name == {"en": role.en, "zh": role.zh}
    advice = next(a["text"] for a in data["advice"] if a["id"] == "hostile-advice")
    assert advice == {"en": world.values["advice_en"], "zh": world.values["advice_zh"]}


def test_the_overlay_reaches_every_part_of_the_plan(world: World) -> None:
    # the hostile fields are really in the results rendered above, not silently left out by the rulebook
    assert any(role.id == "hostile_role" for role in world.plan.roles)
    assert any(left.id == "hostile_left" for left in world.plan.excluded)
    assert any(used.id == "hostile_capacity" for used in world.plan.assumptions)
    assert any(advice.id == "hostile-advice" for advice in world.plan.advice)
    assert world.plan.staffing is not None
    assert not world.plan.staffing.feasible
    assert world.plan.graph.has_edge("hostile_role", "streamer", key="can_cover")
