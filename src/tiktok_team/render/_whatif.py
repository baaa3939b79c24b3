"""The what-if table (:func:`tiktok_team.whatif`) as markdown, and the output of ``tiktok-team whatif``.

The markdown opens with what each fact matters (the facts whose changes move the most roles first), then gives one
row per single change, most change first. It says what the table holds fixed: the facts kept, and a stage that only
moves forward.
"""

from __future__ import annotations

from .._condition import value_words
from .._dimensions import DIMENSIONS, ChangeScope, join_words
from .._lazy import publish
from .._profile import FACTS
from .._rulebook import Rulebook
from .._whatif import FactImpact, WhatIf, WhatIfRow
from . import _money as money
from ._chart import check_lang
from ._formats import WHATIF_FORMATS
from ._json import render_json
from ._markdown import md_text

__all__ = ["WHATIF_FORMATS", "render_whatif_markdown", "whatif_command"]


_T = {
    "en": {
        "title": "What if: {stage}, {sourcing} ({people} people)",
        "intro": "Each row changes one fact of the profile and keeps the rest (the headcount budget and the workload "
        "too). Rows are sorted by how much changes: roles added and removed plus people gained or lost in the roles "
        "kept, then edges, then advice.",
        "held": "Held fixed: {held}.",
        "backward": "Rows that take the business back to an earlier stage are included, and say so.",
        "matters": "What matters most",
        "matters_intro": "For each fact, the roles its changes bring in or take out, and the most people one of its "
        "changes moves (people in the roles brought in or taken out, and gained or lost in the roles kept).",
        "fact": "Fact",
        "changes": "Changes",
        "roles_moved": "Roles moved",
        "people_moved": "Most people moved",
        "each": "Each change",
        "change": "If the business …",
        "score": "Score",
        "added": "Roles added",
        "removed": "Roles removed",
        "resized": "Headcounts",
        "people": "People",
        "edges": "Edges +/−",
        "advice": "Advice +/−",
        "cost": "Monthly cost +/−",
        "cost_note": " The cost column is each change's difference (* where roles without pay are left out).",
        "none": "–",
    },
    "zh": {
        "title": "假设分析：{stage}，{sourcing}（{people} 人）",
        "intro": "每一行只改变业务资料中的一项事实，其余保持不变（人员预算和工作量也不变）。按变化大小排序："
        "新增与去掉的岗位数加上保留岗位的人数增减，其次是关系的变化，再次是建议的变化。",
        "held": "保持不变：{held}。",
        "backward": "包括退回更早阶段的情况，并在行中注明。",
        "matters": "影响最大的事实",
        "matters_intro": "每项事实：其改变会新增或去掉的岗位，以及其中一项改变最多涉及的人数"
        "（新增或去掉的岗位的人数，加上保留岗位的人数增减）。",
        "fact": "事实",
        "changes": "改变数",
        "roles_moved": "涉及岗位",
        "people_moved": "最多涉及人数",
        "each": "逐项变化",
        "change": "若……",
        "score": "变化量",
        "added": "新增岗位",
        "removed": "去掉岗位",
        "resized": "人数变化",
        "people": "总人数",
        "edges": "关系 +/−",
        "advice": "建议 +/−",
        "cost": "每月成本 +/−",
        "cost_note": "成本一栏是每项变化带来的差额（标 * 处未计入没有薪资的岗位）。",
        "none": "–",
    },
}


def _names(book: Rulebook, roles: list[str], lang: str) -> str:
    return (", " if lang == "en" else "、").join(book.roles[r].en if lang == "en" else book.roles[r].zh for r in roles)


def _row(book: Rulebook, n: int, row: WhatIfRow, lang: str) -> list[str]:
    diff, none = row.diff, _T[lang]["none"]
    sizes = ("; " if lang == "en" else "；").join(
        f"{book.roles[r.role].en if lang == 'en' else book.roles[r.role].zh} {r.before} → {r.after}"
        for r in diff.resized
    )
    edges = sum(len(c.new) for c in diff.edges.values()), sum(len(c.dropped) for c in diff.edges.values())
    return [
        str(n),
        join_words([row.change.words(lang)], lang),
        str(row.score),
        _names(book, [r.role for r in diff.added], lang) or none,
        _names(book, [r.role for r in diff.removed], lang) or none,
        sizes or none,
        f"{diff.headcount_before} → {diff.headcount_after}",
        f"+{edges[0]} / −{edges[1]}",
        f"+{len(diff.advice.gained)} / −{len(diff.advice.lost)}",
        *([] if diff.before.cost is None else [_cost(row, lang)]),
    ]


def _impact(book: Rulebook, impact: FactImpact, lang: str) -> list[str]:
    spec = FACTS[impact.fact]
    named = _names(book, list(impact.roles), lang)
    return [
        spec.en if lang == "en" else spec.zh,
        str(impact.changes),
        f"{len(impact.roles)}: {named}" if impact.roles else "0",
        str(impact.people),
    ]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
        *("| " + " | ".join(md_text(cell) for cell in row) + " |" for row in rows),
    ]


def _cost(row: WhatIfRow, lang: str) -> str:
    """The row's change in monthly cost (the plans' totals, roles without pay left out, marked with *)."""
    cost = row.diff.cost
    if cost is None:
        return _T[lang]["none"]
    return money.change(cost.delta, cost.currency) + ("" if cost.complete else "*")


def render_whatif_markdown(table: WhatIf, lang: str = "en") -> str:
    """Render a what-if table as markdown: what each fact matters, then one row per single change, most change first.

    Parameters
    ----------
    table : WhatIf
    lang : {"en", "zh", "both"}
        ``both`` gives the English table, then the Chinese one.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``lang`` is not ``en``, ``zh`` or ``both``.

    Examples
    --------
    >>> from tiktok_team import whatif
    >>> text = render_whatif_markdown(whatif({"stage": "growth", "sourcing": "own_stock"}, keep="sourcing"))
    >>> print("\\n".join(text.splitlines()[:4]))
    # What if: growth, own stock (12 people)
    <BLANKLINE>
    Each row changes one fact of the profile and keeps the rest (the headcount budget and the workload too). Rows
    are sorted by how much changes: roles added and removed plus people gained or lost in the roles kept, then
    edges, then advice. Held fixed: sourcing kept as own stock; the stage moving only forward from growth.
    >>> next(line for line in text.splitlines() if line.startswith("| formats"))
    '| formats | 3 | 7: Assistant streamer, Live controller, Livestream planner, Streamer, Actor, ... | 9 |'
    >>> next(line for line in text.splitlines() if line.startswith("| 1 |")).split(" | ")[1:3]
    ['were at the mature stage', '13']
    """
    book = table.plan.rulebook
    facts = table.plan.profile.facts()
    scope = ChangeScope(table.keep, table.backward)
    parts = []
    for each in ("en", "zh") if check_lang(lang) == "both" else (lang,):
        t = _T[each]
        title = t["title"].format(
            stage=value_words(facts["stage"], each),
            sourcing=value_words(facts["sourcing"], each),
            people=table.plan.headcount,
        )
        intro = t["intro"]
        held = scope.limits(facts, DIMENSIONS, each)
        if held:
            intro += (" " if each == "en" else "") + t["held"].format(held=("; " if each == "en" else "；").join(held))
        if table.backward:
            intro += (" " if each == "en" else "") + t["backward"]
        out = [f"# {title}", "", md_text(intro), "", f"## {t['matters']}", "", t["matters_intro"], ""]
        header = [t[key] for key in ("fact", "changes", "roles_moved", "people_moved")]
        out += _table(header, [_impact(book, impact, each) for impact in table.facts])
        keys = ("change", "score", "added", "removed", "resized", "people", "edges", "advice")
        said = money.cost_line(table.plan, each)
        if said:
            out[3:3] = [md_text(said + t["cost_note"]), ""]
        header = [t[key] for key in keys] + ([t["cost"]] if table.plan.cost else [])
        out += ["", f"## {t['each']}", ""]
        out += _table(["#", *header], [_row(book, n, row, each) for n, row in enumerate(table.rows, 1)])
        parts.append("\n".join([*out, ""]))
    return "\n".join(parts)


def whatif_command(table: WhatIf, fmt: str = "markdown", lang: str = "en") -> str:
    """The output of ``tiktok-team whatif FILE [--format json|markdown] [--lang en|zh|both] [--keep FACTS]
    [--backward]``, from the table of :func:`tiktok_team.whatif` for the file's profile.

    Raises
    ------
    ValueError
        If ``fmt`` or ``lang`` is not one the command offers.

    Examples
    --------
    >>> import json
    >>> from tiktok_team import whatif
    >>> data = json.loads(whatif_command(whatif({"stage": "mature", "sourcing": "dropship"}, backward=True), "json"))
    >>> [row["change"] for row in data["rows"]][:2], data["scope"]
    ([{'stage': 'startup'}, {'stage': 'growth'}], {'keep': [], 'backward': True})
    """
    if fmt == "json":
        return render_json(table)
    if fmt == "markdown":
        return render_whatif_markdown(table, lang)
    raise ValueError(f"format must be one of {', '.join(WHATIF_FORMATS)}, not {fmt!r}")


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
