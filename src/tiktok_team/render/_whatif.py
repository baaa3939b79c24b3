"""The what-if table (:func:`tiktok_team.whatif`) as markdown, and the output of ``tiktok-team whatif``."""

from __future__ import annotations

from .._condition import value_words
from .._dimensions import join_words
from .._rulebook import Rulebook
from .._whatif import WhatIf, WhatIfRow
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


def _cost(row: WhatIfRow, lang: str) -> str:
    """The row's change in monthly cost (the plans' totals, roles without pay left out, marked with *)."""
    cost = row.diff.cost
    if cost is None:
        return _T[lang]["none"]
    return money.change(cost.delta, cost.currency) + ("" if cost.complete else "*")


def render_whatif_markdown(table: WhatIf, lang: str = "en") -> str:
    """Render a what-if table as markdown: one row per single change, most change first.

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
    >>> text = render_whatif_markdown(whatif({"stage": "growth", "sourcing": "own_stock"}))
    >>> print(text.splitlines()[0])
    # What if: growth, own stock (12 people)
    >>> text.splitlines()[6].split(" | ")[1:3]
    ['were at the mature stage', '13']
    """
    book = table.plan.rulebook
    facts = table.plan.profile.facts()
    parts = []
    for each in ("en", "zh") if check_lang(lang) == "both" else (lang,):
        t = _T[each]
        title = t["title"].format(
            stage=value_words(facts["stage"], each),
            sourcing=value_words(facts["sourcing"], each),
            people=table.plan.headcount,
        )
        keys = ("change", "score", "added", "removed", "resized", "people", "edges", "advice")
        header = [t[key] for key in keys] + ([t["cost"]] if table.plan.cost else [])
        said = money.cost_line(table.plan, each)
        intro = [t["intro"], ""] + ([md_text(said + t["cost_note"]), ""] if said else [])
        out = [f"# {title}", "", *intro, "| # | " + " | ".join(header) + " |"]
        out.append("| " + " | ".join("---" for _ in range(len(header) + 1)) + " |")
        for n, row in enumerate(table.rows, start=1):
            out.append("| " + " | ".join(md_text(cell) for cell in _row(book, n, row, each)) + " |")
        parts.append("\n".join([*out, ""]))
    return "\n".join(parts)


def whatif_command(table: WhatIf, fmt: str = "markdown", lang: str = "en") -> str:
    """The output of ``tiktok-team whatif FILE [--format json|markdown] [--lang en|zh|both]``, from the table of
    :func:`tiktok_team.whatif` for the file's profile.

    Raises
    ------
    ValueError
        If ``fmt`` or ``lang`` is not one the command offers.

    Examples
    --------
    >>> import json
    >>> from tiktok_team import whatif
    >>> data = json.loads(whatif_command(whatif({"stage": "mature", "sourcing": "dropship"}), "json"))
    >>> [row["change"] for row in data["rows"]][:2]
    [{'stage': 'startup'}, {'stage': 'growth'}]
    """
    if fmt == "json":
        return render_json(table)
    if fmt == "markdown":
        return render_whatif_markdown(table, lang)
    raise ValueError(f"format must be one of {', '.join(WHATIF_FORMATS)}, not {fmt!r}")
