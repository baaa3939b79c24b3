"""Two scenarios compared: a :class:`~tiktok_team._diff.PlanDiff` as markdown or as an HTML page with both org charts.

Both show what differs in the profile, then the roles added, removed and re-sized, the edges new and dropped and
the advice gained and lost, each with the rules responsible (a rule that *starts* to fire in B, or *stops*). The
HTML page draws plan A's chart beside plan B's, what left in red on A's, what arrived in green on B's and re-sized
roles in amber on both. Text is in English (``en``), Chinese (``zh``) or ``both`` (the English, then the Chinese).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .._condition import value_words
from .._diff import EDGE_KINDS, ChangeReason, PlanDiff
from .._lazy import publish
from .._plan import Plan, Reason
from .._profile import FACTS
from . import _money as money
from ._chart import FONT_FAMILIES, Lang, check_lang, kind_words
from ._dot import MARKS, Highlight
from ._formats import COMPARE_FORMATS
from ._json import render_json
from ._markdown import md_text
from ._svg import render_svg

__all__ = ["COMPARE_FORMATS", "compare_command", "render_compare_html", "render_compare_markdown"]


_T = {
    "en": {
        "title": "Comparison",
        "same_profile": "The two profiles are the same, so are their plans.",
        "same_plan": "The plans are the same: what differs in the profile changes no role, headcount, edge or advice.",
        "people": "People: {before} → {after} ({delta})",
        "profile": "What differs in the profile",
        "fact": "Fact",
        "added": "Roles added",
        "removed": "Roles removed",
        "resized": "Headcounts changed",
        "edges": "Edges",
        "advice": "Advice",
        "role": "Role",
        "headcount": "People",
        "why": "Why (rules)",
        "kind": "Kind",
        "edge": "Edge",
        "change": "Change",
        "new": "new",
        "dropped": "dropped",
        "gained": "gained",
        "lost": "lost",
        "text": "Advice",
        "starts": "{rule} starts to fire ({cite})",
        "stops": "{rule} stops firing ({cite})",
        "workload": "the workload",
        "catalog": "the catalog",
        "nothing": "none",
        "marks": "in B only|in A only|another headcount",
    },
    "zh": {
        "title": "方案对比",
        "same_profile": "两份业务资料相同，方案也相同。",
        "same_plan": "两个方案相同：业务资料的差异没有改变任何岗位、人数、关系或建议。",
        "people": "人数：{before} → {after}（{delta}）",
        "profile": "业务资料的差异",
        "fact": "事实",
        "added": "新增的岗位",
        "removed": "去掉的岗位",
        "resized": "人数变化",
        "edges": "关系",
        "advice": "建议",
        "role": "岗位",
        "headcount": "人数",
        "why": "依据（规则）",
        "kind": "类型",
        "edge": "关系",
        "change": "变化",
        "new": "新增",
        "dropped": "去掉",
        "gained": "新增",
        "lost": "不再给出",
        "text": "建议",
        "starts": "{rule} 开始生效（{cite}）",
        "stops": "{rule} 不再生效（{cite}）",
        "workload": "工作量",
        "catalog": "岗位目录",
        "nothing": "无",
        "marks": "仅 B 有|仅 A 有|人数不同",
    },
}


_COLON = {"en": ": ", "zh": "："}


@dataclass(frozen=True)
class _Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _langs(lang: str) -> tuple[str, ...]:
    return ("en", "zh") if check_lang(lang) == "both" else (lang,)


def _cite(reason: Reason) -> str:
    return f"{reason.source} {reason.section}, {reason.guidance}"


def _causes(causes: Iterable[ChangeReason], lang: str, none: str) -> str:
    said = [_T[lang][cause.change].format(rule=cause.rule, cite=_cite(cause)) for cause in causes]
    return "; ".join(said) or _T[lang][none]


def _rules(reasons: Iterable[Reason], lang: str) -> str:
    return "; ".join(f"{reason.rule} ({_cite(reason)})" for reason in reasons) or _T[lang]["catalog"]


def _name(plan: Plan, node: str, lang: str) -> str:
    data = plan.graph.nodes[node]
    return f"{data['en']} ({data['zh']})" if lang == "en" else f"{data['zh']}（{data['en']}）"


def _value(field: str, value: Any, lang: str) -> str:
    if field in FACTS:
        return value_words(frozenset(value) if isinstance(value, list) else value, lang)
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value is not None else value_words(None, lang)


def _summary(diff: PlanDiff, lang: str) -> str:
    t = _T[lang]
    if not diff.profile:
        return t["same_profile"]
    delta = diff.headcount_after - diff.headcount_before
    people = t["people"].format(before=diff.headcount_before, after=diff.headcount_after, delta=f"{delta:+d}")
    cost = money.diff_line(diff, lang)
    people += "" if cost is None else ("; " if lang == "en" else "；") + cost
    return f"{people}. {t['same_plan']}" if diff.unchanged else people


def _tables(diff: PlanDiff, lang: str, labels: Sequence[str]) -> list[_Table]:
    """The comparison as tables of plain text (escaped by each renderer), empty ones left out."""
    t = _T[lang]
    a, b = diff.before, diff.after
    label = {name: (spec.en if lang == "en" else spec.zh) for name, spec in FACTS.items()}
    currency = None if diff.cost is None else diff.cost.currency
    priced = (money.words("monthly", lang),) if currency else ()

    def cost(value: float | None, signed: bool = False) -> tuple[str, ...]:
        if currency is None:
            return ()
        if value is None:
            return (money.words("no_pay", lang),)
        return (money.change(value, currency) if signed else money.amount(value, currency),)

    tables = [
        _Table(
            t["profile"],
            (t["fact"], *labels),
            tuple(
                (label.get(c.field, c.field), _value(c.field, c.before, lang), _value(c.field, c.after, lang))
                for c in diff.profile
            ),
        ),
        _Table(
            t["added"],
            (t["role"], t["headcount"], *priced, t["why"]),
            tuple(
                (_name(b, r.role, lang), str(r.headcount), *cost(r.cost), _causes(r.reasons, lang, "nothing"))
                for r in diff.added
            ),
        ),
        _Table(
            t["removed"],
            (t["role"], t["headcount"], *priced, t["why"]),
            tuple(
                (_name(a, r.role, lang), str(r.headcount), *cost(r.cost), _causes(r.reasons, lang, "nothing"))
                for r in diff.removed
            ),
        ),
        _Table(
            t["resized"],
            (t["role"], *labels, *priced, t["why"]),
            tuple(
                (
                    _name(b, r.role, lang),
                    str(r.before),
                    str(r.after),
                    *cost(r.cost, signed=True),
                    _causes(r.reasons, lang, "workload"),
                )
                for r in diff.resized
            ),
        ),
    ]
    edges = []
    for kind in EDGE_KINDS:
        for change, plan, items in (("new", b, diff.edges[kind].new), ("dropped", a, diff.edges[kind].dropped)):
            for edge in items:
                arrow = " → " if kind not in ("collaborates", "can_cover") else " — "
                shown = _name(plan, edge.source, lang) + arrow + _name(plan, edge.target, lang)
                edges.append((kind_words(kind, check_lang(lang)), shown, t[change], _rules(edge.reasons, lang)))
    tables.append(_Table(t["edges"], (t["kind"], t["edge"], t["change"], t["why"]), tuple(edges)))
    advice = [
        (advice.text.en if lang == "en" else advice.text.zh, t[change], _rules(advice.reasons, lang))
        for change, items in (("gained", diff.advice.gained), ("lost", diff.advice.lost))
        for advice in items
    ]
    tables.append(_Table(t["advice"], (t["text"], t["change"], t["why"]), tuple(advice)))
    return [table for table in tables if table.rows]


def render_compare_markdown(diff: PlanDiff, lang: str = "en", labels: Sequence[str] = ("A", "B")) -> str:
    """Render the comparison of two plans as markdown.

    Parameters
    ----------
    diff : PlanDiff
        From :meth:`Plan.diff`: A is the plan it was asked of, B the other.
    lang : {"en", "zh", "both"}
    labels : pair of str
        What to call A and B (the profile files' names, say).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``lang`` is not ``en``, ``zh`` or ``both``.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> a = recommend({"stage": "growth", "sourcing": "own_stock"})
    >>> b = recommend({"stage": "growth", "sourcing": "own_stock", "paid_ads": True})
    >>> text = render_compare_markdown(a.diff(b))
    >>> print("\\n".join(text.splitlines()[:13]))
    # Comparison: A → B
    <BLANKLINE>
    People: 12 → 13 (+1)
    <BLANKLINE>
    ## What differs in the profile
    <BLANKLINE>
    | Fact | A | B |
    | --- | --- | --- |
    | buys paid traffic | no | yes |
    <BLANKLINE>
    ## Roles added
    <BLANKLINE>
    | Role | People | Why (rules) |
    """
    parts = []
    for each in _langs(lang):
        names = [md_text(name) for name in labels]
        out = [f"# {_T[each]['title']}{_COLON[each]}{names[0]} → {names[1]}", "", md_text(_summary(diff, each)), ""]
        for table in _tables(diff, each, labels):
            out += [f"## {md_text(table.title)}", "", "| " + " | ".join(md_text(h) for h in table.header) + " |"]
            out.append("| " + " | ".join("---" for _ in table.header) + " |")
            out += ["| " + " | ".join(md_text(cell) for cell in row) + " |" for row in table.rows]
            out.append("")
        parts.append("\n".join(out))
    return "\n".join(parts)


_CSS = """
body { font-family: system-ui, FONTS; color: #263238; margin: 0; line-height: 1.45; }
main { max-width: 1600px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.6em; margin: 0 0 6px; } h2 { font-size: 1.25em; margin: 28px 0 8px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
figure { margin: 0; padding: 10px; border: 1px solid #eceff1; border-radius: 8px; overflow-x: auto; }
figcaption { font-weight: bold; margin-bottom: 6px; }
figure svg { display: block; max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.93em; }
th, td { border: 1px solid #e0e4e7; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f5f7f8; }
.key span { display: inline-block; padding: 0 8px; margin-right: 8px; border: 2px solid; border-radius: 4px; }
""".replace("FONTS", ", ".join(f'"{family}"' if " " in family else family for family in FONT_FAMILIES))


def _highlights(diff: PlanDiff) -> tuple[Highlight, Highlight]:
    """What to mark on A's chart (what left, red) and on B's (what arrived, green); re-sized roles on both."""
    a_nodes, b_nodes = set(diff.before.graph.nodes), set(diff.after.graph.nodes)
    resized = dict.fromkeys((r.role for r in diff.resized), "resized")
    dropped = {(e.source, e.target, kind): "removed" for kind in EDGE_KINDS for e in diff.edges[kind].dropped}
    new = {(e.source, e.target, kind): "added" for kind in EDGE_KINDS for e in diff.edges[kind].new}
    return (
        Highlight(nodes={**dict.fromkeys(a_nodes - b_nodes, "removed"), **resized}, edges=dropped),
        Highlight(nodes={**dict.fromkeys(b_nodes - a_nodes, "added"), **resized}, edges=new),
    )


def render_compare_html(diff: PlanDiff, lang: Lang = "en", labels: Sequence[str] = ("A", "B")) -> str:
    """Render the comparison as one self-contained HTML page: both org charts side by side, the differences marked,
    and the tables of :func:`render_compare_markdown`.

    Parameters
    ----------
    diff : PlanDiff
    lang : {"en", "zh", "both"}
        Language of the charts' labels and of the text (``both``: the English tables, then the Chinese).
    labels : pair of str

    Returns
    -------
    str
        An HTML document ending in a newline; it loads nothing from anywhere.

    Raises
    ------
    GraphvizError
        If Graphviz's ``dot``, which lays out the charts, is missing or fails.
    ValueError
        If ``lang`` is not ``en``, ``zh`` or ``both``.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> a = recommend({"stage": "startup", "sourcing": "affiliate_pool"})
    >>> page = render_compare_html(a.diff(recommend({"stage": "growth", "sourcing": "affiliate_pool"})))
    >>> page.count("<svg"), 'class="node added"' in page, "<script" in page
    (2, True, False)
    """
    lang = check_lang(lang)
    e = html.escape
    mark_a, mark_b = _highlights(diff)
    charts = [
        f"<figure><figcaption>{e(label)}</figcaption>{svg[svg.index('<svg') :].strip()}</figure>"
        for label, svg in zip(
            labels, (render_svg(diff.before, lang, mark_a), render_svg(diff.after, lang, mark_b)), strict=True
        )
    ]
    said = [" / ".join(words) for words in zip(*(_T[each]["marks"].split("|") for each in _langs(lang)), strict=True)]
    key = "".join(
        f'<span style="background: {MARKS[mark][0]}; border-color: {MARKS[mark][1]}">{e(words)}</span>'
        for mark, words in zip(("added", "removed", "resized"), said, strict=True)
    )
    title = " / ".join(_T[each]["title"] for each in _langs(lang)) + _COLON["zh" if lang == "zh" else "en"]
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-Hans" if lang == "zh" else "en"}">',
        '<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}{e(labels[0])} → {e(labels[1])}</title>",
        f"<style>{_CSS}</style>\n</head>\n<body>\n<main>",
        f"<h1>{e(title)}{e(labels[0])} → {e(labels[1])}</h1>",
    ]
    out += [f"<p>{e(_summary(diff, each))}</p>" for each in _langs(lang)]
    out += [f'<p class="key">{key}</p>']
    out += ['<div class="pair">', *charts, "</div>"]
    for each in _langs(lang):
        for table in _tables(diff, each, labels):
            out += [f"<h2>{e(table.title)}</h2>", "<table>"]
            out.append("<tr>" + "".join(f"<th>{e(h)}</th>" for h in table.header) + "</tr>")
            out += ["<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>" for row in table.rows]
            out.append("</table>")
    return "\n".join([*out, "</main>\n</body>\n</html>"]) + "\n"


def compare_command(
    before: Plan, after: Plan, fmt: str = "markdown", lang: Lang = "en", labels: Sequence[str] = ("A", "B")
) -> str:
    """The output of ``tiktok-team compare A B [--format json|markdown|html|csv] [--lang en|zh|both]``: the plans of
    the two profiles compared, A (``before``) to B (``after``). Two equal profiles are no error: the output says
    that nothing differs (``"profile": []`` and ``"unchanged": true`` in JSON).

    Raises
    ------
    ValueError
        If ``fmt`` or ``lang`` is not one the command offers.
    GraphvizError
        For ``html``, if Graphviz is missing or fails.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> plan = recommend({"stage": "growth", "sourcing": "dropship"})
    >>> print(compare_command(plan, plan))
    # Comparison: A → B
    <BLANKLINE>
    The two profiles are the same, so are their plans.
    <BLANKLINE>
    """
    diff = before.diff(after)
    if fmt == "json":
        return render_json(diff)
    if fmt == "markdown":
        return render_compare_markdown(diff, lang, labels)
    if fmt == "html":
        return render_compare_html(diff, lang, labels)
    if fmt == "csv":
        from ._csv import render_compare_csv  # noqa: PLC0415 - only a CSV comparison needs it

        return render_compare_csv(diff, lang)
    raise ValueError(f"format must be one of {', '.join(COMPARE_FORMATS)}, not {fmt!r}")


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
