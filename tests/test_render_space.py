"""Every profile of the fact space draws, in every picture format and language (issue 9).

Graphviz 2.43, the version Debian and Ubuntu ship, aborted on the org chart of every mature business with lives
and short videos; the tests had drawn only the example. Here all 2,304 profiles of the bundled rulebook's fact
space are drawn in svg and html (en, zh, both), and written in dot, mermaid and graphml, each checked for what it
must hold.

The pictures (dot, svg, mermaid, graphml) depend only on the plan's role graph and the language: their renderers
read the plan through :attr:`Plan.graph` alone, and through its nodes with their attributes and its edges with their
keys and attributes, in order (:func:`tiktok_team.render._chart.chart`, :func:`~tiktok_team.render.render_graphml`).
So the profiles are grouped by that content (:func:`graph_key`: every node with all its attributes and every edge
with its key and all its attributes, in the graph's order; :func:`tiktok_team._graph.role_graph` builds every plan's
graph by adding these in this order, so two plans with the same key have graphs that no reading tells apart), each
distinct graph is drawn and checked once in each language, and every profile is asserted to belong to a checked
group. Each distinct DOT text is laid out by Graphviz once, two at a time while the other formats are checked, and
each profile's HTML report, which depends on the whole plan, is made and checked for every profile with the SVG of
its graph's DOT text.
"""

from __future__ import annotations

import io
import os
import re
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


def graph_key(plan: Plan) -> tuple[Any, ...]:
    """The whole content of the plan's role graph, in its order: what the picture renderers read of a plan."""
    graph = plan.graph
    nodes = tuple((node, tuple(data.items())) for node, data in graph.nodes(data=True))
    return nodes, tuple((a, b, key, tuple(data.items())) for a, b, key, data in graph.edges(keys=True, data=True))


@dataclass(frozen=True, repr=False)  # its repr would fill a failing test's report
class Drawings:
    """The plans of the fact space; for each, the position of the first plan with the same role graph (its group's
    representative); the DOT text of each representative in each language; and each distinct DOT text being laid
    out by Graphviz (two at a time, in the background, while the pure-text formats are checked)."""

    plans: list[Plan]
    keys: list[tuple[Any, ...]]  # by the plan's position: its graph_key
    first: list[int]  # by the plan's position: the position of the first plan with the same graph
    dots: dict[tuple[int, Lang], str]  # by the representative's position and the language
    layouts: dict[str, Future[str]]

    def representatives(self) -> list[Plan]:
        return [self.plans[n] for n in sorted(set(self.first))]


@pytest.fixture(scope="module")
def drawings(space_plans: list[Plan]) -> Iterator[Drawings]:
    plans = space_plans
    assert len(plans) == 2304
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        groups: dict[tuple[Any, ...], int] = {}
        keys = [graph_key(plan) for plan in plans]
        first = [groups.setdefault(key, n) for n, key in enumerate(keys)]
        dots: dict[tuple[int, Lang], str] = {}
        layouts: dict[str, Future[str]] = {}
        for n in groups.values():
            for lang in LANGS:
                text = dots[n, lang] = render_dot(plans[n], lang)
                if text not in layouts:
                    layouts[text] = pool.submit(dot_to_svg, text)
        yield Drawings(plans, keys, first, dots, layouts)


pytestmark = pytest.mark.usefixtures("drawings")  # the first test starts Graphviz, which works while the next run


def labels(plan: Plan, lang: Lang) -> dict[str, tuple[str, ...]]:
    return {box.id: box.lines for box in chart(plan, lang).boxes.values()}


def test_every_profile_belongs_to_a_group_of_the_same_role_graph(drawings: Drawings) -> None:
    """What the other tests rely on: each profile's graph has the content of its group's representative (so every
    picture of it is the representative's), and the representatives' graphs differ. The keys were read once, each
    plan's graph being drawn once and kept (:attr:`Plan.graph`)."""
    for key, n in zip(drawings.keys, drawings.first, strict=True):
        assert drawings.first[n] == n
        assert key == drawings.keys[n]
    keys = [drawings.keys[n] for n in sorted(set(drawings.first))]
    assert len(set(keys)) == len(keys) > 1


def test_every_profile_has_its_mermaid_chart(drawings: Drawings) -> None:
    for plan in drawings.representatives():
        want = drawn_edges(plan)
        for lang in LANGS:
            where, shown, edges = parse_mermaid(render_mermaid(plan, lang))  # every line read, each node defined once
            assert edges == want
            boxes = labels(plan, lang)
            assert set(where) == set(boxes)
            for node, lines in boxes.items():
                assert unescape_mermaid(shown[node]).startswith("<br/>".join(lines)), node


def canonical(graph: Any) -> tuple[list[Any], list[Any]]:
    nodes = [(node, sorted((k, v) for k, v in data.items() if v is not None)) for node, data in graph.nodes(data=True)]
    return nodes, sorted((a, b, data["kind"], data.get("rules")) for a, b, data in graph.edges(data=True))


def test_every_profile_has_its_graphml(drawings: Drawings) -> None:
    for plan in drawings.representatives():
        want = canonical(plan.graph)
        for lang in LANGS:
            graph = nx.read_graphml(io.BytesIO(render_graphml(plan, lang).encode("utf-8")), force_multigraph=True)
            for _, data in graph.nodes(data=True):
                data.pop("label")
            assert canonical(graph) == want


def test_every_profile_has_its_html_report(drawings: Drawings, monkeypatch: pytest.MonkeyPatch) -> None:
    position = {id(plan): n for n, plan in enumerate(drawings.plans)}

    def laid_out(plan: Plan, lang: Lang) -> str:
        return drawings.layouts[drawings.dots[drawings.first[position[id(plan)]], lang]].result()

    monkeypatch.setattr(html_module, "render_svg", laid_out)
    balanced: set[tuple[tuple[str, str], ...]] = set()
    for plan in drawings.plans:
        for lang in LANGS:
            svg = laid_out(plan, lang)
            inline = svg[svg.index("<svg") :].strip()
            page = render_html(plan, lang)
            assert page.count(inline) == 1
            assert 'class="no-chart"' not in page
            check_tags(page.replace(inline, "<svg></svg>"), balanced)  # the SVG itself is checked above


def test_every_distinct_org_chart_is_laid_out(drawings: Drawings) -> None:
    """Last, as by then Graphviz has laid out every chart, in the background while the others ran."""
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


def check_tags(page: str, balanced: set[tuple[tuple[str, str], ...]]) -> None:
    """Every element of the page is closed, in order, and no text holds a stray tag. That depends on the page's
    sequence of tags alone, so a sequence found ``balanced`` before is not walked again (many pages share one)."""
    tags = tuple(TAG.findall(page))
    if tags in balanced:
        return
    still_open: list[str] = []
    for closing, tag in tags:
        if closing:
            assert still_open.pop() == tag, f"</{tag}>"
        elif tag not in VOID:
            still_open.append(tag)
    assert still_open == []
    balanced.add(tags)
