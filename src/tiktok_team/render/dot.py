"""Graphviz DOT: the org chart and the roadmap, ready for ``dot -Tsvg`` (see :mod:`tiktok_team.render.svg`).

Departments are clusters, each filled with its own light colour, with their teams as clusters inside. The
``reports_to`` tree is drawn from the superior to the one who reports and alone decides the layout; the other
kinds are laid over it (``constraint=false``), each with its own colour and line: ``supports`` dashed,
``feeds`` bold, ``collaborates`` dotted and ``can_cover`` dashed with a dot at both ends (these two are stored
both ways and drawn once, without arrows). A legend cluster shows the lines.

Every id is a double-quoted DOT string (``"`` and ``\\`` escaped); every label is an HTML-like label with its
text escaped as XML, so quotes, parentheses, ``&``, ``<`` and Chinese in names are safe. The font list names the
CJK fonts the Makefile installs (Noto Sans CJK, WenQuanYi Zen Hei) so that Chinese labels render.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..condition import value_words
from ..entries import OWNER
from ..plan import Plan
from ..roadmap import Roadmap
from ._chart import FONT_FAMILIES, Box, Chart, Group, Lang, chart, check_lang, kind_words, names, phrase

__all__ = ["MARKS", "Highlight", "dot_id", "render_dot", "render_roadmap_dot"]

FONTNAME = ",".join(FONT_FAMILIES)

_EDGE_STYLES = {
    "reports_to": 'color="#78909c", penwidth=1.2, arrowhead=none',
    "supports": 'color="#1e88e5", style=dashed, arrowsize=0.7',
    "feeds": 'color="#43a047", style=bold, penwidth=2, arrowsize=0.8',
    "collaborates": 'color="#fb8c00", style=dotted, penwidth=1.8, dir=none',
    "can_cover": 'color="#8e24aa", style=dashed, dir=both, arrowhead=dot, arrowtail=dot, arrowsize=0.6',
}
_TITLES = {"en": "Legend", "zh": "图例", "both": "Legend 图例"}


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

    def edge(self, tail: str, head: str, kind: str, directed: bool) -> str:
        """Attributes to add to a drawn line from ``tail`` to ``head`` (empty if it is not marked)."""
        mark = self.edges.get((tail, head, kind)) or (None if directed else self.edges.get((head, tail, kind)))
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
    for line in drawing.lines:
        out.append(
            f"    {dot_id(line.tail)} -> {dot_id(line.head)} [{_EDGE_STYLES[line.kind]}"
            f"{'' if line.kind == 'reports_to' else ', constraint=false'}, tooltip={dot_id(line.kind)}"
            f"{highlight.edge(line.tail, line.head, line.kind, line.directed) if highlight else ''}]"
        )
    out += highlight.node_lines() if highlight else []
    out += _legend(lang)
    return "\n".join([*out, "}"]) + "\n"


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


def _legend(lang: Lang) -> list[str]:
    """One node, beside the owner: a table with a sample of each kind's line, in its colour, and its words.

    Its id contains ``:``, which no id of the role graph has.
    """
    rows = [f'<tr><td colspan="2" align="left"><b>{html.escape(_TITLES[lang])}</b></td></tr>']
    for kind, sample in _SAMPLES.items():
        colour = _EDGE_STYLES[kind].split('"')[1]
        rows.append(
            f'<tr><td align="left"><font color="{colour}">{sample}</font></td>'
            f'<td align="left">{html.escape(kind_words(kind, lang))}</td></tr>'
        )
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
    >>> from tiktok_team.roadmap import roadmap
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
