"""What the picture tests share: readers of the Mermaid, DOT and SVG the renderers write, and what a plan's
graph says should be drawn."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from tiktok_team import Plan
from tiktok_team.render._chart import COLOURS

SVG_NS = {"svg": "http://www.w3.org/2000/svg"}


def drawn_edges(plan: Plan) -> Counter[tuple[str, str, str]]:
    """What should be drawn: reports_to from the superior down, symmetric kinds once per pair, the rest as stored."""
    want: Counter[tuple[str, str, str]] = Counter()
    for a, b, kind in plan.graph.edges(keys=True):
        if kind == "reports_to":
            want[b, a, kind] += 1
        elif kind in ("collaborates", "can_cover"):
            want[min(a, b), max(a, b), kind] += 1
        else:
            want[a, b, kind] += 1
    return Counter(dict.fromkeys(want, 1))  # a symmetric pair, stored both ways, is drawn once


MERMAID_ARROWS = {"---": "reports_to", "-.->": "supports", "==>": "feeds", "-.-": "collaborates", "o--o": "can_cover"}
MERMAID_EDGE = re.compile(r"^\s*n_(\w+) (---|-\.->|==>|-\.-|o--o)(\|\"[^\"]*\"\|)? n_(\w+)$")
MERMAID_NODE = re.compile(r'^\s*n_(\w+)\["([^"]*)"\]$')


def parse_mermaid(text: str) -> tuple[dict[str, list[str]], dict[str, str], Counter[tuple[str, str, str]]]:
    """Node -> the subgraphs around it (outermost first), node -> label, and the edges (tail, head, kind)."""
    stack: list[str] = []
    where: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    edges: Counter[tuple[str, str, str]] = Counter()
    for line in text.splitlines()[1:]:
        if line.strip().startswith("subgraph "):
            stack.append(line.split()[1])
        elif line.strip() == "end":
            stack.pop()
        elif node := MERMAID_NODE.match(line):
            assert node.group(1) not in where, f"node defined twice: {line}"
            where[node.group(1)] = list(stack)
            labels[node.group(1)] = node.group(2)
        elif edge := MERMAID_EDGE.match(line):
            edges[edge.group(1), edge.group(4), MERMAID_ARROWS[edge.group(2)]] += 1
        else:
            assert line.strip().split()[0] in {"classDef", "class", "style", "linkStyle"}, line
    assert not stack, "a subgraph is not closed"
    return where, labels, edges


def unescape_mermaid(label: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label)


def svg_tree(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{{{SVG_NS['svg']}}}text")]


DOT_EDGE = re.compile(r'^\s*"(\w+)" -> "(\w+)" \[(.*)\]$')
DOT_ATTRIBUTE = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|[^,]+)')
DIRECTED = ("supports", "feeds")


def dot_edges(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """The edges of the DOT text: tail, head and attributes (quotes taken off)."""
    found = []
    for line in text.splitlines():
        if match := DOT_EDGE.match(line):
            attributes = {name: value.strip('"') for name, value in DOT_ATTRIBUTE.findall(match.group(3))}
            found.append((match.group(1), match.group(2), attributes))
    return found


def marks(attributes: dict[str, str], end: str) -> set[str]:
    """The arrow shapes Graphviz draws at the ``head`` or ``tail`` of an edge with these attributes."""
    shown = {"head": ("forward", "both"), "tail": ("back", "both")}[end]
    if attributes.get("dir", "forward") not in shown:
        return set()
    return set(re.findall(r"normal|dot", attributes.get(f"arrow{end}", "normal")))


def check_dot_edges(plan: Plan, text: str) -> int:
    """Every line of the plan's graph is drawn on the one DOT edge between its two boxes, in its kind's colour,
    with its arrowhead at its head (``supports``, ``feeds``) or a dot at both ends (``can_cover``); no pair of
    boxes has two edges (Graphviz 2.43 aborts on some); ``reports_to`` alone constrains the layout.

    Returns the number of DOT edges.
    """
    want = drawn_edges(plan)
    drawn: Counter[tuple[str, str, str]] = Counter()
    pairs: Counter[frozenset[str]] = Counter()
    for tail, head, attributes in dot_edges(text):
        pairs[frozenset((tail, head))] += 1
        kinds = attributes["tooltip"].split()
        assert attributes["color"].split(":") == [COLOURS[kind] for kind in kinds]
        assert ("constraint" not in attributes) == ("reports_to" in kinds), (tail, head)
        expected: dict[str, set[str]] = {"head": set(), "tail": set()}
        for kind in kinds:
            line = next(edge for edge in [(tail, head, kind), (head, tail, kind)] if edge in want and not drawn[edge])
            drawn[line] += 1
            if kind in DIRECTED:
                expected["head" if line[1] == head else "tail"].add("normal")
            if kind == "can_cover":
                expected["head"].add("dot")
                expected["tail"].add("dot")
        if len(kinds) == 1:
            assert (tail, head, kinds[0]) in want  # a line of one kind runs its own way
        assert {end: marks(attributes, end) for end in expected} == expected, (tail, head, kinds)
    assert drawn == want
    assert max(pairs.values()) == 1, [sorted(pair) for pair, n in pairs.items() if n > 1]
    return sum(pairs.values())
