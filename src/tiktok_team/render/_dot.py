"""Graphviz DOT: the org chart and the roadmap, ready for ``dot -Tsvg`` (see :mod:`tiktok_team.render._svg`).

Departments are clusters, each filled with its own light colour, with their teams as clusters inside. The
``reports_to`` tree is drawn from the superior to the one who reports and alone decides the layout; the other
kinds are laid over it (``constraint=false``), each with its own colour and line: ``supports`` dashed,
``feeds`` bold, ``collaborates`` dotted and ``can_cover`` dashed with a dot at both ends (these two are stored
both ways and drawn once, without arrows). A legend beside the owner shows the lines.

Two boxes are joined by at most one DOT edge. Where the graph relates them in several kinds (a live controller
both supports and feeds the streamer), the edge carries them all: one strand in each kind's colour, each
kind's arrowhead or dot at its end, and the legend gains a row for such lines. Graphviz 2.43 (Debian's and
Ubuntu's) aborts on two edges with the same tail and head that cross a cluster's border on one rank
(``merge_chain: Assertion `ED_to_virt(e) == NULL' failed``, from ``interclexp`` in ``lib/dotgen/cluster.c``);
with one edge per pair of boxes that code is never reached.

Every id is a double-quoted DOT string (``"`` and ``\\`` escaped); every label is an HTML-like label with its
text escaped as XML, so quotes, parentheses, ``&``, ``<`` and Chinese in names are safe. The font list names the
CJK fonts the Makefile installs (Noto Sans CJK, WenQuanYi Zen Hei) so that Chinese labels render.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .._condition import value_words
from .._entries import OWNER
from .._lazy import publish
from .._plan import Plan
from .._roadmap import Roadmap
from ._chart import COLOURS, FONT_FAMILIES, Box, Chart, Group, Lang, Line, chart, check_lang, kind_words, names, phrase

__all__ = ["MARKS", "Highlight", "dot_id", "render_dot", "render_roadmap_dot"]

FONTNAME = ",".join(FONT_FAMILIES)

# How a line of one kind is drawn, after its colour.
_EDGE_STYLES = {
    "reports_to": "penwidth=1.2, arrowhead=none",
    "supports": "style=dashed, arrowsize=0.7",
    "feeds": "style=bold, penwidth=2, arrowsize=0.8",
    "collaborates": "style=dotted, penwidth=1.8, dir=none",
    "can_cover": "style=dashed, dir=both, arrowhead=dot, arrowtail=dot, arrowsize=0.6",
}
# The mark each kind puts at the tail and at the head of its line ("" for none), for lines of several kinds.
_MARKS = {"supports": ("", "normal"), "feeds": ("", "normal"), "can_cover": ("dot", "dot")}
_TITLES = {"en": "Legend", "zh": "图例", "both": "Legend 图例"}
_SEVERAL = ("several kinds", "多种关系")
_STRANDS = ("supports", "feeds")  # the kinds whose colours the sample of a line of several kinds shows


def dot_id(text: str) -> str:
    """Quote ``text`` as a DOT id.

    Examples
    --------
    >>> print(dot_id('say "hi" \\\\ (主播)'))
    "say \\"hi\\" \\\\ (主播)"
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _html(lines: tuple[str, ...], bold: bool = False, small: tuple[str, ...] = ()) -> str:
    """An HTML-like DOT label: the lines, escaped, one a row; ``small`` lines in a smaller font."""
    rows = [f"<b>{html.escape(line)}</b>" if bold else html.escape(line) for line in lines]
    rows += [f'<font point-size="9">{html.escape(line)}</font>' for line in small]
    return "<" + "<br/>".join(rows) + ">"


def _header(name: str, rankdir: str) -> list[str]:
    return [
        f"digraph {dot_id(name)} {{",
        f'    graph [rankdir={rankdir}, newrank=true, nodesep=0.25, ranksep=0.45, fontname="{FONTNAME}", '
        'fontsize=11, bgcolor="#ffffff", pad=0.2]',
        f'    node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#90a4ae", fontname="{FONTNAME}", '
        'fontsize=11, margin="0.12,0.05"]',
        f'    edge [fontname="{FONTNAME}", fontsize=9]',
    ]


# How a highlighted node or edge is drawn, by mark: (fill, line colour). The mark is also its SVG class.
MARKS = {"added": ("#c8e6c9", "#2e7d32"), "removed": ("#ffcdd2", "#c62828"), "resized": ("#fff3c4", "#f9a825")}


@dataclass(frozen=True)
class Highlight:
    """Nodes and edges to mark in a chart, each with a mark of :data:`MARKS` (``added``, ``removed``, ``resized``):
    drawn in the mark's colours with a heavier line, and given the mark as SVG class. Edges are keyed as in the
    plan's graph, ``(source, target, kind)``; the kinds drawn without direction match either way round."""

    nodes: Mapping[str, str] = field(default_factory=dict)
    edges: Mapping[tuple[str, str, str], str] = field(default_factory=dict)

    def edge(self, lines: Sequence[Line]) -> str:
        """Attributes to add to the DOT edge drawing ``lines`` (those between two boxes): the mark of the first of
        them that is marked, in place of their own colours; empty if none is."""
        marks = (
            self.edges.get((line.tail, line.head, line.kind))
            or (None if line.directed else self.edges.get((line.head, line.tail, line.kind)))
            for line in lines
        )
        mark = next((found for found in marks if found), None)
        return f', color="{MARKS[mark][1]}", penwidth=3, class="{mark}"' if mark else ""

    def node_lines(self) -> list[str]:
        """A statement per marked node, which Graphviz merges into the node's own (its cluster stays)."""
        return [
            f'    {dot_id(node)} [fillcolor="{MARKS[mark][0]}", color="{MARKS[mark][1]}", penwidth=2.5, class="{mark}"]'
            for node, mark in sorted(self.nodes.items())
        ]


def render_dot(plan: Plan, lang: Lang = "en", highlight: Highlight | None = None) -> str:
    """Render the plan's org chart as a Graphviz DOT digraph.

    Parameters
    ----------
    plan : Plan
    lang : {"en", "zh", "both"}
        Language of the labels; ``both`` puts the English name above the Chinese one.
    highlight : Highlight, optional
        Nodes and edges to mark (what differs from another plan).

    Returns
    -------
    str
        DOT source ending in a newline; ``dot -Tsvg`` lays it out.

    Raises
    ------
    ValueError
        If ``lang`` is not ``en``, ``zh`` or ``both``.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> text = render_dot(recommend({"stage": "startup", "sourcing": "affiliate_pool"}), lang="zh")
    >>> print(text.splitlines()[0])
    digraph "plan" {
    >>> print(next(line for line in text.splitlines() if line.strip().startswith('"streamer" [')).strip())
    "streamer" [label=<主播>]
    >>> print(next(line for line in text.splitlines() if "->" in line and "supports" in line).strip())
    "assistant_streamer" -> "streamer" [color="#1e88e5", style=dashed, arrowsize=0.7, constraint=false, ...]
    """
    drawing = chart(plan, check_lang(lang))
    out = _header("plan", "LR")
    out += [f"    {_node(drawing.boxes[node])}" for node in drawing.top]
    for group in drawing.groups:
        out += _cluster(drawing, group, "    ")
    edges = _pairs(drawing.lines)
    out += [f"    {_edge(lines, highlight)}" for lines in edges]
    out += highlight.node_lines() if highlight else []
    out += _legend(lang, several=any(len(lines) > 1 for lines in edges))
    return "\n".join([*out, "}"]) + "\n"


def _pairs(lines: tuple[Line, ...]) -> list[tuple[Line, ...]]:
    """The lines grouped by the two boxes they join, whichever way they run, in the order of each pair's first."""
    pairs: dict[frozenset[str], list[Line]] = {}
    for line in lines:
        pairs.setdefault(frozenset((line.tail, line.head)), []).append(line)
    return [tuple(group) for group in pairs.values()]


def _edge(lines: tuple[Line, ...], highlight: Highlight | None) -> str:
    """One DOT edge for all the lines between two boxes, running as the first of them runs, marked as ``highlight``
    says.

    The pair's first line is its ``reports_to`` line if it has one (:func:`chart` puts those first), so the edge
    keeps the tree's direction, and it alone constrains the layout.
    """
    tail, head = lines[0].tail, lines[0].head
    kinds = [line.kind for line in lines]
    colours = ":".join(COLOURS[kind] for kind in kinds)
    if len(lines) == 1:
        style = _EDGE_STYLES[kinds[0]]
    else:
        ends = (_marks(lines, tail), _marks(lines, head))
        style = f"penwidth=1.4, dir=both, arrowtail={ends[0]}, arrowhead={ends[1]}, arrowsize=0.7"
    constraint = "" if "reports_to" in kinds else ", constraint=false"
    tooltip = dot_id(" ".join(kinds))
    marked = highlight.edge(lines) if highlight else ""
    return f"{dot_id(tail)} -> {dot_id(head)} [color={dot_id(colours)}, {style}{constraint}, tooltip={tooltip}{marked}]"


def _marks(lines: tuple[Line, ...], end: str) -> str:
    """The arrow shapes the lines put at the box ``end``, nearest the box first; ``none`` if they put none."""
    marks = [_MARKS.get(line.kind, ("", ""))[line.head == end] for line in lines]
    return "".join(dict.fromkeys(mark for mark in marks if mark)) or "none"


def _node(box: Box) -> str:
    if box.id == OWNER:
        style = ', fillcolor="#37474f", color="#263238", fontcolor="#ffffff"'
        return f"{dot_id(box.id)} [label={_html(box.lines, bold=True)}{style}]"
    if box.type != "role":
        return f'{dot_id(box.id)} [label={_html(box.lines, bold=True)}, shape=tab, color="#546e7a"]'
    count = (f"× {box.headcount}",) if box.headcount > 1 else ()
    return f"{dot_id(box.id)} [label={_html(box.lines, small=count)}]"


def _cluster(drawing: Chart, group: Group, indent: str) -> list[str]:
    style = "rounded,filled" if drawing.boxes[group.id].type == "department" else "rounded,filled,dashed"
    out = [
        f"{indent}subgraph {dot_id('cluster_' + group.id)} {{",
        f'{indent}    graph [label="", style="{style}", fillcolor="{group.fill}", color="{group.border}"]',
    ]
    out += [f"{indent}    {_node(drawing.boxes[node])}" for node in group.members]
    for team in group.teams:
        out += _cluster(drawing, team, indent + "    ")
    return [*out, f"{indent}}}"]


def _legend(lang: Lang, several: bool) -> list[str]:
    """One node, beside the owner: a table with a sample of each kind's line, in its colour, and its words; and,
    if the chart has lines of ``several`` kinds, a sample of such a line.

    Its id contains ``:``, which no id of the role graph has.
    """
    rows = [f'<tr><td colspan="2" align="left"><b>{html.escape(_TITLES[lang])}</b></td></tr>']
    samples = [
        (f'<font color="{COLOURS[kind]}">{sample}</font>', kind_words(kind, lang)) for kind, sample in _SAMPLES.items()
    ]
    if several:
        strands = "".join(
            f'<tr><td><font color="{COLOURS[kind]}" point-size="5">━━━━━━</font></td></tr>' for kind in _STRANDS
        )
        strands = f'<table border="0" cellborder="0" cellspacing="0" cellpadding="0">{strands}</table>'
        samples.append((strands, phrase(*_SEVERAL, lang)))
    for sample, words in samples:
        rows.append(f'<tr><td align="left">{sample}</td><td align="left">{html.escape(words)}</td></tr>')
    table = f'<table border="0" cellborder="0" cellspacing="1">{"".join(rows)}</table>'
    return [
        f'    {dot_id("legend:")} [label=<{table}>, shape=box, style="rounded", color="#b0bec5", fontsize=9]',
        f"    {{rank=same; {dot_id(OWNER)}; {dot_id('legend:')}}}",
    ]


# Each kind's line drawn in text (box-drawing characters, which the CJK fonts cover).
_SAMPLES = {
    "reports_to": "────",
    "supports": "╌╌╌▶",
    "feeds": "<b>━━━▶</b>",
    "collaborates": "┈┈┈┈",
    "can_cover": "●╌╌●",
}


def render_roadmap_dot(roadmap: Roadmap, lang: Lang = "en") -> str:
    """Render a roadmap as a Graphviz DOT digraph: the stages left to right, with a table of each step's hires,
    in order, between them.

    Parameters
    ----------
    roadmap : Roadmap
    lang : {"en", "zh", "both"}

    Returns
    -------
    str
        DOT source ending in a newline.

    Raises
    ------
    ValueError
        If ``lang`` is not ``en``, ``zh`` or ``both``.

    Examples
    --------
    >>> from tiktok_team import roadmap
    >>> text = render_roadmap_dot(roadmap({"stage": "growth", "sourcing": "dropship"}))
    >>> print(next(line for line in text.splitlines() if line.strip().startswith('"stage:growth" [')).strip())
    "stage:growth" [label=<<b>Growth</b><br/><font point-size="9">11 people</font>>, shape=ellipse]
    >>> print(text.splitlines()[-2].strip())
    "stage:growth" -> "hires:mature" -> "stage:mature"
    """
    lang = check_lang(lang)
    book = roadmap.rulebook
    out = _header("roadmap", "LR")
    out.append('    edge [color="#78909c"]')
    stages = [(step.from_stage, step.headcount_before) for step in roadmap.steps[:1]]
    stages += [(step.to_stage, step.headcount_after) for step in roadmap.steps]
    for stage, people in stages or [(roadmap.stage, 0)]:
        words = names(value_words(stage, "en").capitalize(), value_words(stage, "zh"), lang)
        count = (phrase(f"{people} people", f"{people} 人", lang),) if people else ()
        out.append(f"    {dot_id('stage:' + stage)} [label={_html(words, bold=True, small=count)}, shape=ellipse]")
    for step in roadmap.steps:
        rows = []
        for n, hire in enumerate(step.hires, start=1):
            role = book.roles[hire.role]
            what = phrase(*_HIRE_WORDS[hire.kind], lang)
            name = "<br/>".join(html.escape(line) for line in names(role.en, role.zh, lang))
            rows.append(
                f'<tr><td align="right" valign="top">{n}.</td><td align="left" balign="left">{name}</td>'
                f'<td align="left" valign="top">+{hire.headcount} {html.escape(what)}</td></tr>'
            )
        table = f'<table border="0" cellborder="0" cellspacing="2">{"".join(rows)}</table>'
        out.append(f'    {dot_id("hires:" + step.to_stage)} [label=<{table}>, shape=box, style="rounded"]')
    for step in roadmap.steps:
        chain = (dot_id("stage:" + step.from_stage), dot_id("hires:" + step.to_stage), dot_id("stage:" + step.to_stage))
        out.append("    " + " -> ".join(chain))
    return "\n".join([*out, "}"]) + "\n"


_HIRE_WORDS = {"new": ("new role", "新岗位"), "split": ("split off", "拆分新设"), "more": ("more people", "增加人手")}

publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
