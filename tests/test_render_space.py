"""Every profile of the fact space draws, in every picture format and language (issue 9).

Graphviz 2.43, the version Debian and Ubuntu ship, aborted on the org chart of every mature business with lives
and short videos; the tests had drawn only the example. Here all 2,304 profiles of the bundled rulebook's fact
space are drawn in svg and html (en, zh, both), and written in dot, mermaid and graphml, each checked for what it
must hold. The picture depends only on the plan's graph and the language, so each distinct DOT text is laid out
once, two at a time while the other formats are checked, and each profile's HTML report gets the SVG of its DOT
text; every profile is still checked against its own plan.
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pytest

from pictures import check_dot_edges, drawn_edges, parse_mermaid, svg_tree, texts, unescape_mermaid
from tiktok_team import Plan
from tiktok_team.render import _html as html_module
from tiktok_team.render import dot_to_svg, render_dot, render_graphml, render_html, render_mermaid
from tiktok_team.render._chart import LANGS, Lang, chart

# An HTML tag, opening or closing (a declaration such as <!DOCTYPE html> is not one).
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
VOID = {"meta", "br"}


@dataclass(frozen=True, repr=False)  # its repr would fill a failing test's report
class Drawings:
    """The plans of the fact space, the DOT text of each in each language, and each distinct DOT text being laid
    out by Graphviz (two at a time, in the background, while the pure-text formats are checked)."""

    plans: list[Plan]
    dots: dict[tuple[int, Lang], str]  # by the plan's position and the language
    layouts: dict[str, Future[str]]


@pytest.fixture(scope="module")
def drawings(space_plans: list[Plan]) -> Iterator[Drawings]:
    plans = space_plans
    assert len(plans) == 2304
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        dots: dict[tuple[int, Lang], str] = {}
        layouts: dict[str, Future[str]] = {}
        for n, plan in enumerate(plans):
            for lang in LANGS:
                text = dots[n, lang] = render_dot(plan, lang)
                if text not in layouts:
                    layouts[text] = pool.submit(dot_to_svg, text)
        yield Drawings(plans, dots, layouts)


pytestmark = pytest.mark.usefixtures("drawings")  # the first test starts Graphviz, which works while the next run


def labels(plan: Plan, lang: Lang) -> dict[str, tuple[str, ...]]:
    return {box.id: box.lines for box in chart(plan, lang).boxes.values()}


def test_every_profile_has_its_mermaid_chart(drawings: Drawings) -> None:
    read: dict[str, tuple[dict[str, list[str]], dict[str, str], Counter[tuple[str, str, str]]]] = {}
    for plan in drawings.plans:
        for lang in LANGS:
            text = render_mermaid(plan, lang)
            if text not in read:
                read[text] = parse_mermaid(text)  # every line read, subgraphs closed, each node defined once
            where, shown, edges = read[text]
            assert edges == drawn_edges(plan)
            boxes = labels(plan, lang)
            assert set(where) == set(boxes)
            for node, lines in boxes.items():
                assert unescape_mermaid(shown[node]).startswith("<br/>".join(lines)), node


def canonical(graph: Any) -> tuple[list[Any], list[Any]]:
    nodes = [(node, sorted((k, v) for k, v in data.items() if v is not None)) for node, data in graph.nodes(data=True)]
    return nodes, sorted((a, b, data["kind"], data.get("rules")) for a, b, data in graph.edges(data=True))


def test_every_profile_has_its_graphml(drawings: Drawings) -> None:
    read: dict[str, tuple[list[Any], list[Any]]] = {}
    for plan in drawings.plans:
        want = canonical(plan.graph)
        for lang in LANGS:
            text = render_graphml(plan, lang)
            if text not in read:
                graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
                for _, data in graph.nodes(data=True):
                    data.pop("label")
                read[text] = canonical(graph)
            assert read[text] == want


def test_every_distinct_org_chart_is_laid_out(drawings: Drawings) -> None:
    first: dict[str, tuple[Plan, Lang]] = {}
    for (n, lang), text in drawings.dots.items():
        plan = drawings.plans[n]
        seen, seen_lang = first.setdefault(text, (plan, lang))
        if seen is not plan:  # the same DOT text draws the same graph with the same labels
            assert drawn_edges(plan) == drawn_edges(seen)
            assert labels(plan, lang) == labels(seen, seen_lang)
    assert len(drawings.layouts) == len(first)
    for text, (plan, lang) in first.items():
        shown = texts(svg_tree(drawings.layouts[text].result()))  # Graphviz did not fail; its SVG is well-formed XML
        for node, lines in labels(plan, lang).items():
            for line in lines:
                assert line in shown, (node, line)
    for text, (plan, _) in first.items():
        check_dot_edges(plan, text)  # one DOT edge per pair of boxes, carrying every line between them


def test_every_profile_has_its_html_report(drawings: Drawings, monkeypatch: pytest.MonkeyPatch) -> None:
    position = {id(plan): n for n, plan in enumerate(drawings.plans)}

    def laid_out(plan: Plan, lang: Lang) -> str:
        return drawings.layouts[drawings.dots[position[id(plan)], lang]].result()

    monkeypatch.setattr(html_module, "render_svg", laid_out)
    for plan in drawings.plans:
        for lang in LANGS:
            svg = laid_out(plan, lang)
            inline = svg[svg.index("<svg") :].strip()
            page = render_html(plan, lang)
            assert page.count(inline) == 1
            assert 'class="no-chart"' not in page
            check_tags(page.replace(inline, "<svg></svg>"))  # the SVG itself is checked above


def check_tags(page: str) -> None:
    """Every element of the page is closed, in order, and no text holds a stray tag."""
    still_open: list[str] = []
    for match in TAG.finditer(page):
        closing, tag = match.groups()
        if closing:
            assert still_open.pop() == tag, match.group(0)
        elif tag not in VOID:
            still_open.append(tag)
    assert still_open == []
