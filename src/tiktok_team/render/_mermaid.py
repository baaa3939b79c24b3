"""Mermaid flowcharts (they render on GitHub inside a ```` ```mermaid ```` block): the org chart and the roadmap.

Departments are subgraphs, teams subgraphs inside them. Each edge kind has its own line: ``reports_to`` a plain
line from the superior down, ``supports`` a dotted arrow, ``feeds`` a thick arrow, ``collaborates`` a dotted line
and ``can_cover`` a line with a circle at both ends (these two kinds are stored both ways and drawn once); each
kind also has its own colour, and the lines other than ``reports_to`` are labelled with their kind.

Text goes inside double quotes with Mermaid's entity codes for the characters that would end or change it
(``"`` is ``#34;``, ``#`` is ``#35;``, ``<`` and ``>`` are ``#60;`` and ``#62;``), so parentheses, brackets and
Chinese in names are safe. Mermaid ids are the graph's ids (``[a-z][a-z0-9_]*``, checked by the rulebook) behind a
prefix, ``n_`` for a box and ``g_`` for a group, so none is a Mermaid keyword such as ``end``.
"""

from __future__ import annotations

import re

from .._condition import value_words
from .._entries import OWNER
from .._lazy import publish
from .._plan import Plan
from .._roadmap import Roadmap
from ._chart import COLOURS, Chart, Group, Lang, chart, check_lang, kind_words, names, phrase

__all__ = ["mermaid_text", "render_mermaid", "render_roadmap_mermaid"]

_ARROWS = {
    "reports_to": "---",
    "supports": "-.->",
    "feeds": "==>",
    "collaborates": "-.-",
    "can_cover": "o--o",
}
_ESCAPED = {'"': "#34;", "#": "#35;", "<": "#60;", ">": "#62;", "&": "#38;", "`": "#96;", "|": "#124;"}


def mermaid_text(text: str) -> str:
    """Escape ``text`` for a double-quoted Mermaid label (whitespace runs, newlines included, become one space).

    Examples
    --------
    >>> mermaid_text('Say "hi" (#1) <b>主播</b>')
    'Say #34;hi#34; (#35;1) #60;b#62;主播#60;/b#62;'
    """
    return "".join(_ESCAPED.get(ch, ch) for ch in " ".join(text.split()))


def _id(node: str, prefix: str = "n") -> str:
    """A Mermaid id: the prefix, ``_`` and the id, any character other than [A-Za-z0-9_] given as its code."""
    return f"{prefix}_" + re.sub(r"[^A-Za-z0-9_]", lambda m: f"_{ord(m.group()):x}_", node)


def _label(lines: tuple[str, ...]) -> str:
    return '"' + "<br/>".join(mermaid_text(line) for line in lines) + '"'


def render_mermaid(plan: Plan, lang: Lang = "en") -> str:
    """Render the plan's org chart as a Mermaid flowchart.

    Parameters
    ----------
    plan : Plan
    lang : {"en", "zh", "both"}
        Language of the labels; ``both`` puts the English name above the Chinese one.

    Returns
    -------
    str
        Mermaid source ending in a newline: paste it into a ```` ```mermaid ```` block of a GitHub page.

    Raises
    ------
    ValueError
        If ``lang`` is not ``en``, ``zh`` or ``both``.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> text = render_mermaid(recommend({"stage": "startup", "sourcing": "affiliate_pool"}), lang="both")
    >>> print(text.splitlines()[0])
    flowchart TB
    >>> print(next(line for line in text.splitlines() if "n_streamer[" in line).strip())
    n_streamer["Streamer<br/>主播"]
    >>> print(next(line for line in text.splitlines() if "-.->" in line).strip())
    n_assistant_streamer -.->|"supports / 协助"| n_streamer
    """
    drawing = chart(plan, check_lang(lang))
    out = ["flowchart TB"]
    out += [f"    {_node(drawing, node)}" for node in drawing.top]
    for group in drawing.groups:
        out += _subgraph(drawing, group, "    ")
    for line in drawing.lines:
        label = "" if line.kind == "reports_to" else f'|"{mermaid_text(kind_words(line.kind, lang))}"|'
        out.append(f"    {_id(line.tail)} {_ARROWS[line.kind]}{label} {_id(line.head)}")
    out += [
        "    classDef owner fill:#37474f,stroke:#263238,color:#ffffff",
        "    classDef unit fill:#ffffff,stroke:#546e7a,font-weight:bold",
        "    classDef role fill:#ffffff,stroke:#90a4ae",
    ]
    classes: dict[str, list[str]] = {"owner": [], "unit": [], "role": []}
    for box in drawing.boxes.values():
        classes["owner" if box.id == OWNER else "role" if box.type == "role" else "unit"].append(_id(box.id))
    out += [f"    class {','.join(ids)} {name}" for name, ids in classes.items() if ids]
    for group in drawing.groups:
        out.append(f"    style {_id(group.id, 'g')} fill:{group.fill},stroke:{group.border}")
        out += [f"    style {_id(t.id, 'g')} fill:{t.fill},stroke:{t.border}" for t in group.teams]
    for kind, colour in COLOURS.items():
        indexes = [str(n) for n, line in enumerate(drawing.lines) if line.kind == kind]
        width = "3px" if kind == "feeds" else "1.5px"
        if indexes:
            out.append(f"    linkStyle {','.join(indexes)} stroke:{colour},stroke-width:{width}")
    return "\n".join(out) + "\n"


def _node(drawing: Chart, node: str) -> str:
    box = drawing.boxes[node]
    lines = box.lines + ((f"× {box.headcount}",) if box.type == "role" and box.headcount > 1 else ())
    return f"{_id(node)}[{_label(lines)}]"


def _subgraph(drawing: Chart, group: Group, indent: str) -> list[str]:
    # the group's title is a space: the group's own box, its first member, names it
    out = [f'{indent}subgraph {_id(group.id, "g")} [" "]']
    out += [f"{indent}    {_node(drawing, node)}" for node in group.members]
    for team in group.teams:
        out += _subgraph(drawing, team, indent + "    ")
    return [*out, f"{indent}end"]


def render_roadmap_mermaid(roadmap: Roadmap, lang: Lang = "en") -> str:
    """Render a roadmap as a Mermaid flowchart: the stages left to right, each step's hires, in order, between them.

    Parameters
    ----------
    roadmap : Roadmap
    lang : {"en", "zh", "both"}

    Returns
    -------
    str
        Mermaid source ending in a newline.

    Raises
    ------
    ValueError
        If ``lang`` is not ``en``, ``zh`` or ``both``.

    Examples
    --------
    >>> from tiktok_team import roadmap
    >>> text = render_roadmap_mermaid(roadmap({"stage": "growth", "sourcing": "dropship"}))
    >>> print("\\n".join(text.splitlines()[:4]))
    flowchart LR
        s_growth(["Growth<br/>11 people"])
        s_mature(["Mature<br/>23 people"])
        subgraph g_mature [" "]
    >>> print(text.splitlines()[5])
            h_mature_1["1. Streamer<br/>+1 (more people)"]
    """
    lang = check_lang(lang)
    book = roadmap.rulebook
    out = ["flowchart LR"]
    stages = [(step.from_stage, step.headcount_before) for step in roadmap.steps[:1]]
    stages += [(step.to_stage, step.headcount_after) for step in roadmap.steps]
    for stage, people in stages or [(roadmap.stage, 0)]:
        lines = names(value_words(stage, "en").capitalize(), value_words(stage, "zh"), lang)
        if people:
            lines += (phrase(f"{people} people", f"{people} 人", lang),)
        out.append(f"    {_id(stage, 's')}([{_label(lines)}])")
    for step in roadmap.steps:
        hires = [_id(f"{step.to_stage}_{n}", "h") for n in range(1, len(step.hires) + 1)]
        out += [f'    subgraph {_id(step.to_stage, "g")} [" "]', "        direction TB"]
        for n, (hire_id, hire) in enumerate(zip(hires, step.hires, strict=True), start=1):
            role = book.roles[hire.role]
            what = phrase(*_HIRE_WORDS[hire.kind], lang)
            first, *rest = names(role.en, role.zh, lang)
            out.append(f"        {hire_id}[{_label((f'{n}. {first}', *rest, f'+{hire.headcount} ({what})'))}]")
        if len(hires) > 1:
            out.append("        " + " --> ".join(hires))
        out.append("    end")
        out.append(f"    {_id(step.from_stage, 's')} --> {_id(step.to_stage, 'g')} --> {_id(step.to_stage, 's')}")
    return "\n".join(out) + "\n"


_HIRE_WORDS = {"new": ("new role", "新岗位"), "split": ("split off", "拆分新设"), "more": ("more people", "增加人手")}

publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
