"""The picture and graph formats: Mermaid, DOT, GraphML and SVG, for plans and roadmaps.

What a reader relies on: departments grouped, teams inside them, every edge of the graph drawn once in the style
of its kind, names escaped so that no quote, bracket or Chinese character breaks the picture, the chosen
language, and GraphML that networkx reads back into the same graph as the JSON.
"""

from __future__ import annotations

import io
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from helpers import GROWTH_BRAND
from pictures import (
    MERMAID_ARROWS,
    MERMAID_EDGE,
    SVG_NS,
    check_dot_edges,
    dot_edges,
    drawn_edges,
    parse_mermaid,
    svg_tree,
    texts,
    unescape_mermaid,
)
from tiktok_team import BusinessProfile, GraphvizError, Plan, load_rulebook, recommend, roadmap
from tiktok_team._profile import parse_document
from tiktok_team.render import _svg as svg_module
from tiktok_team.render import (
    dot_to_svg,
    render_dot,
    render_graphml,
    render_json,
    render_mermaid,
    render_roadmap_dot,
    render_roadmap_mermaid,
    render_roadmap_svg,
    render_svg,
)
from tiktok_team.render._chart import Lang, phrase
from tiktok_team.render._dot import dot_id
from tiktok_team.render._graphml import graphml_value
from tiktok_team.render._mermaid import mermaid_text
from tiktok_team.testing import profiles

TRICKY_EN = 'A "quoted" (role) [x] {y} <b>&amp; #1 | pipe \\ back`tick; end'
TRICKY_ZH = '引号"角色"（测试）#主播'
TRICKY_RULES = f"""
[[role]]
id = "tricky_role"
en = '{TRICKY_EN}'
zh = '{TRICKY_ZH}'
department = "content"
duties = ["Checks that names are escaped"]
duties_zh = ["检查名称是否转义"]

[[rule]]
id = "x-tricky"
source = "three-stages"
section = "§1"
guidance = "G12"
basis = "inferred"
because = "A test overlay: a role whose names hold every character that could break a picture."
include = ["tricky_role"]
relate = [{{ kind = "feeds", from = "tricky_role", to = "streamer" }}]
"""
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


@pytest.fixture(scope="module")
def plan() -> Plan:
    return recommend(BusinessProfile.parse(GROWTH_BRAND))


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    path = tmp_path_factory.mktemp("rules") / "tricky.toml"
    path.write_text(TRICKY_RULES, encoding="utf-8")
    return recommend(BusinessProfile.parse(GROWTH_BRAND), load_rulebook(path))


def roles_of(plan: Plan) -> dict[str, tuple[str | None, str | None]]:
    return {role.id: (role.department, role.team) for role in plan.roles if role.id != "owner"}


# --- Mermaid -------------------------------------------------------------------------------------------------


def test_mermaid_groups_roles_in_their_department_and_team(plan: Plan) -> None:
    where, _, _ = parse_mermaid(render_mermaid(plan))
    assert where["owner"] == []
    for role, (department, team) in roles_of(plan).items():
        assert where[role] == [f"g_{department}", *([f"g_{team}"] if team else [])], role
    assert where["content"] == ["g_content"]
    assert where["live"] == ["g_content", "g_live"]


def test_mermaid_draws_every_edge_once_in_its_kinds_style(plan: Plan) -> None:
    _, _, edges = parse_mermaid(render_mermaid(plan))
    assert edges == drawn_edges(plan)
    assert {kind for _, _, kind in edges} == set(MERMAID_ARROWS.values())


def test_mermaid_colours_each_kind(plan: Plan) -> None:
    text = render_mermaid(plan)
    edge_lines = [line for line in text.splitlines() if MERMAID_EDGE.match(line)]
    styled: dict[int, str] = {}
    for line in text.splitlines():
        if line.strip().startswith("linkStyle "):
            indexes, style = line.split()[1:3]
            styled.update(dict.fromkeys(map(int, indexes.split(",")), style))
    assert sorted(styled) == list(range(len(edge_lines)))
    colour_of_kind = {}
    for n, line in enumerate(edge_lines):
        match = MERMAID_EDGE.match(line)
        assert match
        kind = MERMAID_ARROWS[match.group(2)]
        assert colour_of_kind.setdefault(kind, styled[n]) == styled[n]
    assert len(set(colour_of_kind.values())) == 5


def test_mermaid_escapes_quotes_brackets_and_keeps_chinese(tricky: Plan) -> None:
    where, labels, _ = parse_mermaid(render_mermaid(tricky, "both"))  # the parser rejects any line it cannot read
    assert where["tricky_role"] == ["g_content"]
    assert unescape_mermaid(labels["tricky_role"]) == f"{TRICKY_EN}<br/>{TRICKY_ZH}"
    assert "<b>" not in labels["tricky_role"]


@pytest.mark.parametrize("render", [render_mermaid, render_dot])
def test_labels_follow_the_language(plan: Plan, render: Callable[[Plan, Lang], str]) -> None:
    english, chinese, both = render(plan, "en"), render(plan, "zh"), render(plan, "both")
    assert not CJK.search(english)
    for word in ("Streamer", "Live controller", "Content"):
        assert word in english
        assert word in both
        assert word not in chinese
    for word in ("主播", "场控", "内容部"):
        assert word in chinese
        assert word in both


def test_unknown_language_is_refused(plan: Plan) -> None:
    with pytest.raises(ValueError, match="lang must be one of en, zh, both"):
        render_mermaid(plan, "fr")  # type: ignore[arg-type]


# --- DOT, laid out by Graphviz ------------------------------------------------------------------------------


def boxes(root: ET.Element, css_class: str) -> dict[str, tuple[float, float, float, float]]:
    """The bounding box of each node or cluster of the laid-out SVG, by its title."""
    found = {}
    for group in root.iter(f"{{{SVG_NS['svg']}}}g"):
        if group.get("class") != css_class:
            continue
        title = group.find("svg:title", SVG_NS)
        assert title is not None
        numbers: list[float] = []
        for shape in group.iter():
            for attribute in ("d", "points"):
                numbers += [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape.get(attribute, ""))]
        xs, ys = numbers[0::2], numbers[1::2]
        found[title.text or ""] = (min(xs), min(ys), max(xs), max(ys))
    return found


def inside(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def test_dot_lays_out_roles_inside_their_department_and_team(plan: Plan) -> None:
    root = svg_tree(dot_to_svg(render_dot(plan)))
    nodes, clusters = boxes(root, "node"), boxes(root, "cluster")
    for role, (department, team) in roles_of(plan).items():
        assert inside(nodes[role], clusters[f"cluster_{department}"]), role
        if team:
            assert inside(nodes[role], clusters[f"cluster_{team}"]), role
    assert not any(inside(nodes["owner"], box) for box in clusters.values())


def test_dot_draws_every_edge_once_with_its_kind(plan: Plan) -> None:
    text = render_dot(plan)
    count = check_dot_edges(plan, text)
    assert any(" " in attributes["tooltip"] for _, _, attributes in dot_edges(text))  # the example has such a pair
    root = svg_tree(dot_to_svg(text))
    laid_out = [g for g in root.iter(f"{{{SVG_NS['svg']}}}g") if g.get("class") == "edge"]
    assert len(laid_out) == count


# Two roles in different teams, on one rank, related in every kind and both ways: what made Graphviz 2.43 abort.
EVERY_KIND_RULES = """
[[rule]]
id = "x-every-kind"
source = "three-stages"
section = "§2"
guidance = "G20"
basis = "inferred"
because = "A test overlay: two roles related in every kind, both ways."
relate = [
  { kind = "supports", from = "live_planner", to = "video_scriptwriter" },
  { kind = "feeds", from = "video_scriptwriter", to = "live_planner" },
  { kind = "feeds", from = "live_planner", to = "video_scriptwriter" },
  { kind = "collaborates", from = "live_planner", to = "video_scriptwriter" },
  { kind = "can_cover", from = "live_planner", to = "video_scriptwriter" },
]
"""


def test_dot_joins_two_roles_related_in_every_kind_with_one_edge(tmp_path: Path) -> None:
    path = tmp_path / "every-kind.toml"
    path.write_text(EVERY_KIND_RULES, encoding="utf-8")
    mature = {"stage": "mature", "sourcing": "own_stock", "formats": ["livestream", "short_video"]}
    plan = recommend(mature, load_rulebook(path))
    text = render_dot(plan, "both")
    check_dot_edges(plan, text)  # one edge, in five colours, with an arrowhead and a dot at each end
    edge = next(attrs for a, b, attrs in dot_edges(text) if {a, b} == {"live_planner", "video_scriptwriter"})
    assert edge["tooltip"] == "supports feeds feeds collaborates can_cover"
    assert (edge["arrowhead"], edge["arrowtail"]) == ("normaldot", "normaldot")
    assert "several kinds / 多种关系" in text
    assert "Short-video planner & scriptwriter" in texts(svg_tree(dot_to_svg(text)))  # Graphviz lays it out


def test_dot_styles_differ_by_kind(plan: Plan) -> None:
    styles = {}
    for line in render_dot(plan).splitlines():
        match = re.match(r'^\s*"\w+" -> "\w+" \[(.*), tooltip="(\w+)"\]$', line)
        if match:
            style = match.group(1).replace(", constraint=false", "")
            assert styles.setdefault(match.group(2), style) == style
    assert len(set(styles.values())) == 5
    assert "dir=none" in styles["collaborates"]  # undirected: no arrowheads
    assert "dir=both" in styles["can_cover"]


def test_dot_escapes_names_through_graphviz(tricky: Plan) -> None:
    root = svg_tree(dot_to_svg(render_dot(tricky, "both")))  # dot parses it; the SVG is well-formed XML
    assert TRICKY_EN in texts(root)
    assert TRICKY_ZH in texts(root)


def test_dot_names_the_cjk_fonts(plan: Plan) -> None:
    text = render_dot(plan, "zh")
    assert 'fontname="Noto Sans CJK SC,WenQuanYi Zen Hei,sans-serif"' in text


# --- SVG -----------------------------------------------------------------------------------------------------


def test_svg_is_repeatable_and_has_no_graphviz_version(plan: Plan) -> None:
    first = render_svg(plan, "both")
    svg_module._laid_out.cache_clear()  # Graphviz lays it out again, not the layout remembered
    second = render_svg(plan, "both")
    assert first == second
    assert "Generated by graphviz" not in first
    root = svg_tree(first)
    assert "Streamer" in texts(root)
    assert "主播" in texts(root)


def test_readme_picture_is_the_example_rendered() -> None:
    # `make docs` writes docs/images/org-chart.svg; the README shows it. It must match the example as it is now.
    root = Path(__file__).resolve().parent.parent
    example = root / "examples" / "growth-brand.toml"
    committed = (root / "docs" / "images" / "org-chart.svg").read_text("utf-8")
    fresh = render_svg(recommend(parse_document(example.read_text("utf-8"), "toml", str(example))), "both")
    assert fresh == committed, "docs/images/org-chart.svg is out of date: run `make docs`"


def test_missing_graphviz_is_a_clear_error(plan: Plan, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot on it
    with pytest.raises(GraphvizError, match=r"'dot' program is not installed: install Graphviz .*apt-get install"):
        render_svg(plan)


def test_where_dot_is_is_remembered_while_the_path_stays_the_same(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    looked: list[str] = []
    which = svg_module.shutil.which
    monkeypatch.setattr(svg_module.shutil, "which", lambda name: looked.append(name) or which(name))
    system = svg_module.dot_program()
    assert svg_module.dot_program() == system
    assert len(looked) <= 1  # looked up at most once (not at all if an earlier test found it on this PATH)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizError, match="not installed"):
        svg_module.dot_program()
    mine = tmp_path / "dot"
    mine.write_text("#!/bin/sh\n", encoding="utf-8")
    mine.chmod(0o755)
    assert svg_module.dot_program() == str(mine)  # a missing dot is not remembered: installed, it is found
    monkeypatch.setenv("PATH", str(Path(system).parent))
    assert svg_module.dot_program() == system


def test_a_layout_is_remembered_and_a_failure_is_not(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ran: list[str] = []
    run = svg_module.subprocess.run
    monkeypatch.setattr(
        svg_module.subprocess, "run", lambda args, **options: ran.append(args[0]) or run(args, **options)
    )
    source = f"digraph {{ {dot_id(str(tmp_path))} -> b }}"  # a source no other test lays out
    assert dot_to_svg(source) == dot_to_svg(source)
    assert len(ran) == 1
    for _ in range(2):
        with pytest.raises(GraphvizError, match="syntax error"):
            dot_to_svg("digraph { a -> }")
    assert len(ran) == 3  # each failure ran dot
    mine = tmp_path / "dot"  # another dot (a wrapper of the system's) on the PATH: run anew
    mine.write_text(f'#!/bin/sh\nexec "{svg_module.dot_program()}" "$@"\n', encoding="utf-8")
    mine.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert dot_to_svg(source) == dot_to_svg(source)
    stamp = mine.stat().st_mtime_ns + 1_000_000_000
    os.utime(mine, ns=(stamp, stamp))  # that dot replaced in place: run anew
    dot_to_svg(source)
    assert ran == [ran[0], ran[0], ran[0], str(mine), str(mine)]


def test_graphviz_failure_is_a_clear_error() -> None:
    with pytest.raises(GraphvizError, match=r"failed with status 1: .*syntax error"):
        dot_to_svg("digraph { a -> }")


# --- GraphML and JSON: the same graph ------------------------------------------------------------------------


def from_json(plan: Plan) -> nx.MultiDiGraph:
    return nx.node_link_graph(json.loads(render_json(plan))["graph"], edges="links")


def from_graphml(plan: Plan) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(render_graphml(plan, "both").encode("utf-8")), force_multigraph=True)


def assert_same_graph(plan: Plan) -> None:
    via_json, via_graphml = from_json(plan), from_graphml(plan)
    assert list(via_graphml.nodes) == list(via_json.nodes) == list(plan.graph.nodes)
    for node, data in via_json.nodes(data=True):
        kept = {name: value for name, value in data.items() if value is not None}
        back = dict(via_graphml.nodes[node])
        assert back.pop("label") == " / ".join(dict.fromkeys((data["en"], data["zh"])))
        assert back == kept, node
    edges_json = sorted((a, b, key, d["kind"], d.get("rules")) for a, b, key, d in via_json.edges(keys=True, data=True))
    edges_graphml = sorted((a, b, d["kind"], d["kind"], d.get("rules")) for a, b, d in via_graphml.edges(data=True))
    assert edges_graphml == edges_json
    assert sorted(edges_json) == sorted(
        (a, b, k, d["kind"], d.get("rules")) for a, b, k, d in plan.graph.edges(keys=True, data=True)
    )


def test_graphml_and_json_read_back_as_the_same_graph(plan: Plan) -> None:
    assert_same_graph(plan)
    assert from_graphml(plan).nodes["streamer"]["headcount"] == 2  # numbers stay numbers
    assert "team" not in from_graphml(plan).nodes["ad_buyer"]  # None is left out, not written as a string


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles())
def test_graphml_and_json_agree_for_any_profile(profile: BusinessProfile) -> None:
    assert_same_graph(recommend(profile))


def test_graphml_edge_ids_are_unique(plan: Plan) -> None:
    root = ET.fromstring(render_graphml(plan).encode("utf-8"))
    ids = [edge.get("id") for edge in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(ids) == len(set(ids)) == plan.graph.number_of_edges()


def networkx_graphml(plan: Plan, lang: Lang) -> str:
    """The GraphML networkx writes (its ElementTree writer, pretty-printed) for the graph render_graphml describes:
    the plan's nodes with their attributes (``None`` left out, lists joined) and a label, its edges keyed
    ``TAIL-KIND-HEAD``. render_graphml writes it without networkx; this is what it must equal."""
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    for node, data in plan.graph.nodes(data=True):
        label = phrase(str(data.get("en", node)), str(data.get("zh", node)), lang)
        graph.add_node(node, **{k: graphml_value(v) for k, v in data.items() if v is not None}, label=label)
    for tail, head, key, data in plan.graph.edges(keys=True, data=True):
        graph.add_edge(tail, head, key=f"{tail}-{key}-{head}", **{k: graphml_value(v) for k, v in data.items()})
    buffer = io.BytesIO()
    nx.write_graphml_xml(graph, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue().decode("utf-8").rstrip("\n") + "\n"


@pytest.mark.parametrize("lang", ["en", "zh", "both"])
def test_graphml_is_what_networkx_writes_even_for_hostile_attributes(lang: Lang) -> None:
    """Byte for byte, for a graph whose names and attributes hold every character XML escapes (in text and in
    attributes), an empty text, booleans, floats, lists, sets, an edge without attributes and a node id with a quote.
    The fact space's graphs are checked by reading them back (tests/test_render_space.py)."""
    plan = recommend({"stage": "growth", "sourcing": "own_stock", "formats": ["livestream", "short_video"]})
    graph = plan.graph  # drawn once and kept by the plan: changed here, it is what render_graphml reads
    hostile = "a & b < c > d \"q\" 's'\ttab\r\nline ]]> 主播"
    graph.nodes["streamer"].update(en=hostile, zh=hostile + "（副）", note="", ok=True, share=0.5, tags=["x", "&y"])
    graph.nodes["owner"].update(since=2, flags={"b", "a"}, missing=None)
    graph.add_node('odd "id" <&>\n', en="Odd", zh="奇")
    graph.add_edge("owner", 'odd "id" <&>\n', key="feeds")
    graph.add_edge("streamer", "owner", key="supports", kind="supports", rules=hostile, weight=1.25)
    assert render_graphml(plan, lang) == networkx_graphml(plan, lang)


# --- roadmap -------------------------------------------------------------------------------------------------


def test_roadmap_pictures_list_the_hires_in_order() -> None:
    result = roadmap({"stage": "startup", "sourcing": "own_stock"})
    book = result.rulebook
    mermaid = render_roadmap_mermaid(result)
    svg_texts = " ".join(texts(svg_tree(render_roadmap_svg(result))))
    for step in result.steps:
        names = [book.roles[hire.role].en for hire in step.hires]
        positions = [mermaid.index(f"{n}. {mermaid_text(name)}<br/>+") for n, name in enumerate(names, start=1)]
        assert positions == sorted(positions)
        for name in names:
            assert name in svg_texts or name.split(" / ")[0] in svg_texts
    assert render_roadmap_dot(result).count('"stage:') >= 3


def test_a_mature_business_has_a_one_stage_roadmap_picture() -> None:
    text = render_roadmap_mermaid(roadmap({"stage": "mature", "sourcing": "own_stock"}), "zh")
    assert text == 'flowchart LR\n    s_mature(["成熟期"])\n'


def test_the_user_guides_mermaid_example_is_current() -> None:
    guide = (Path(__file__).resolve().parent.parent / "docs" / "user-guide.md").read_text("utf-8")
    block = guide.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block == render_mermaid(recommend({"stage": "startup", "sourcing": "affiliate_pool"}))
