"""The org chart as the picture renderers see it: boxes, groups and lines, read off a plan's role graph.

Private to :mod:`tiktok_team.render`. It decides nothing about the team: it only arranges what the plan's graph
says for drawing. Departments become groups holding their teams (nested groups) and roles; ``reports_to`` edges
are turned to run from the superior down to the one who reports; ``collaborates`` and ``can_cover``, stored as
two directed edges, become one undirected line. Labels are in English (``en``), Chinese (``zh``) or ``both``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._entries import SYMMETRIC_KINDS
from .._plan import Plan
from ._formats import LANGS, Lang

__all__ = [
    "COLOURS",
    "FONT_FAMILIES",
    "KINDS",
    "LANGS",
    "Box",
    "Chart",
    "Group",
    "Lang",
    "Line",
    "chart",
    "check_lang",
    "kind_words",
    "names",
    "phrase",
]

# Fonts named by the DOT output and the HTML report, in order of preference. Noto Sans CJK (Debian's
# fonts-noto-cjk) and WenQuanYi Zen Hei (fonts-wqy-zenhei) cover Latin and Chinese; the generic family is last.
FONT_FAMILIES = ("Noto Sans CJK SC", "WenQuanYi Zen Hei", "sans-serif")

# Edge kinds in drawing order, with their words in English and Chinese.
KINDS: dict[str, tuple[str, str]] = {
    "reports_to": ("reports to", "汇报"),
    "supports": ("supports", "协助"),
    "feeds": ("feeds", "交付"),
    "collaborates": ("collaborates", "协作"),
    "can_cover": ("can cover", "可兼任"),
}
# Each edge kind's colour, the same in every picture.
COLOURS = {
    "reports_to": "#78909c",
    "supports": "#1e88e5",
    "feeds": "#43a047",
    "collaborates": "#fb8c00",
    "can_cover": "#8e24aa",
}

# Light fills for the department groups, taken in the order of the departments' ids; their borders are darker.
PALETTE = (
    ("#e3f2fd", "#1565c0"),
    ("#fff3e0", "#e65100"),
    ("#e8f5e9", "#2e7d32"),
    ("#f3e5f5", "#6a1b9a"),
    ("#fffde7", "#f9a825"),
    ("#e0f7fa", "#00838f"),
    ("#fce4ec", "#ad1457"),
    ("#efebe9", "#4e342e"),
)


def check_lang(lang: str) -> Lang:
    """Return ``lang`` if it is ``en``, ``zh`` or ``both``; raise :class:`ValueError` otherwise.

    Examples
    --------
    >>> check_lang("both")
    'both'
    """
    for known in LANGS:
        if lang == known:
            return known
    raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")


def names(en: str, zh: str, lang: Lang) -> tuple[str, ...]:
    """The lines of a label in ``lang``: one name, or for ``both`` the English above the Chinese. A name is one
    line: its runs of whitespace, newlines included, become one space.

    Examples
    --------
    >>> names("Streamer", "主播", "both")
    ('Streamer', '主播')
    >>> names("Live\\ncontroller", "场控", "en")
    ('Live controller',)
    """
    chosen = (en,) if lang == "en" else (zh,) if lang == "zh" else (en, zh)
    return tuple(" ".join(name.split()) for name in chosen)


def phrase(en: str, zh: str, lang: Lang) -> str:
    """A short text in ``lang`` on one line; ``both`` gives the English, a slash, and the Chinese.

    Examples
    --------
    >>> phrase("2 people", "2 人", "both")
    '2 people / 2 人'
    >>> phrase("3", "3", "both")
    '3'
    """
    return en if en == zh else " / ".join(names(en, zh, lang))


def kind_words(kind: str, lang: Lang) -> str:
    """The words for an edge kind in ``lang``.

    Examples
    --------
    >>> kind_words("can_cover", "both")
    'can cover / 可兼任'
    """
    return phrase(*KINDS[kind], lang)


@dataclass(frozen=True)
class Box:
    """A node of the chart: ``type`` is ``role``, ``department`` or ``team``; ``lines`` is its label."""

    id: str
    type: str
    lines: tuple[str, ...]
    headcount: int


@dataclass(frozen=True)
class Group:
    """A department (``teams`` nested inside) or a team: its own box first in ``members``, then its roles."""

    id: str
    members: tuple[str, ...]
    teams: tuple[Group, ...]
    fill: str
    border: str


@dataclass(frozen=True)
class Line:
    """An edge to draw from ``tail`` to ``head``; ``directed`` is false for the kinds stored both ways."""

    tail: str
    head: str
    kind: str
    directed: bool
    rules: str


@dataclass(frozen=True)
class Chart:
    """Boxes by id, the boxes outside any department (``top``), the department groups, and the lines."""

    boxes: Mapping[str, Box]
    top: tuple[str, ...]
    groups: tuple[Group, ...]
    lines: tuple[Line, ...]


def chart(plan: Plan, lang: Lang) -> Chart:
    """Arrange the plan's graph for drawing.

    Parameters
    ----------
    plan : Plan
    lang : {"en", "zh", "both"}

    Returns
    -------
    Chart
        Boxes in the graph's node order; departments in that order, each with its teams; ``reports_to`` lines
        first (superior to subordinate, in the node order of the subordinate), then the other kinds in the order
        of :data:`KINDS`, each sorted by ids.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> drawing = chart(recommend({"stage": "startup", "sourcing": "affiliate_pool"}), "en")
    >>> drawing.top, [group.id for group in drawing.groups]
    (('owner',), ['content', 'shop_ops'])
    >>> [(line.tail, line.head, line.kind) for line in drawing.lines][:2]
    [('owner', 'content', 'reports_to'), ('owner', 'shop_ops', 'reports_to')]
    """
    graph = plan.graph
    boxes: dict[str, Box] = {}
    for node, data in graph.nodes(data=True):
        text = names(str(data.get("en", node)), str(data.get("zh", node)), lang)
        count = int(data.get("headcount", 1))
        boxes[node] = Box(id=node, type=str(data.get("type", "role")), lines=text, headcount=count)

    departments = [node for node in boxes if boxes[node].type == "department"]
    groups = []
    for n, dep in enumerate(departments):
        fill, border = PALETTE[n % len(PALETTE)]
        teams = tuple(
            Group(id=team, members=(team, *_members(graph, team)), teams=(), fill="#ffffff", border=border)
            for team in boxes
            if boxes[team].type == "team" and graph.nodes[team].get("department") == dep
        )
        direct = tuple(m for m in _members(graph, dep) if boxes[m].type == "role")
        groups.append(Group(id=dep, members=(dep, *direct), teams=teams, fill=fill, border=border))
    grouped = {m for g in groups for m in (*g.members, *(m for t in g.teams for m in t.members))}
    top = tuple(node for node in boxes if node not in grouped)

    order = {kind: n for n, kind in enumerate(KINDS)}
    lines = []
    for tail, head, data in graph.edges(data=True):
        kind = str(data.get("kind", ""))
        rules = str(data.get("rules", ""))
        if kind == "reports_to":
            lines.append(Line(tail=head, head=tail, kind=kind, directed=False, rules=rules))
        elif kind in SYMMETRIC_KINDS:
            if tail < head or not graph.has_edge(head, tail, key=kind):
                lines.append(Line(tail=tail, head=head, kind=kind, directed=False, rules=rules))
        elif kind in order:
            lines.append(Line(tail=tail, head=head, kind=kind, directed=True, rules=rules))
    rank = {node: n for n, node in enumerate(boxes)}
    lines.sort(
        key=lambda line: (order[line.kind], rank[line.head] if line.kind == "reports_to" else 0, line.tail, line.head)
    )
    return Chart(boxes=boxes, top=top, groups=tuple(groups), lines=tuple(lines))


def _members(graph: Any, unit: str) -> tuple[str, ...]:
    """The nodes that report to ``unit`` directly, in the graph's node order."""
    reporting = {tail for tail, head, kind in graph.in_edges(unit, keys=True) if kind == "reports_to"}
    return tuple(node for node in graph.nodes if node in reporting)
