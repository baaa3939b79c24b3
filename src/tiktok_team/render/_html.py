"""A self-contained HTML report: one file that opens offline, with no script, stylesheet, font or image fetched.

It holds a one-sentence headline (:func:`tiktok_team.headline`), the org chart (the SVG of
:func:`tiktok_team.render._svg.render_svg`, inline; if Graphviz fails to lay it out, a one-line note naming Graphviz's
error, and a :class:`TiktokTeamWarning`), each role's duties (with those it also holds where no role of their own is
planned), headcount and reasons (the rules with their citations, as :meth:`Plan.why` words them), the roles left out
and why (:meth:`Plan.why_not`), the staffing under a ``headcount_budget``, the workload assumptions used, the advice
and the sources. Text is in English (``en``), Chinese (``zh``) or ``both`` (the Chinese after the English).
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Iterable

from .._condition import value_words
from .._entries import OWNER
from .._errors import GraphvizError, TiktokTeamWarning
from .._headline import headline
from .._lazy import publish
from .._plan import Person, Plan, PlannedRole, Reason
from .._profile import FACTS
from ._chart import FONT_FAMILIES, Lang, check_lang, phrase
from ._svg import dot_program, render_svg

__all__ = ["render_html"]

_WORDS = {
    "title": ("Team plan", "团队方案"),
    "profile": ("Profile", "业务资料"),
    "summary": (
        "{roles} roles, {people} people when every role has its own people.",
        "共 {roles} 个岗位，{people} 人（每个岗位单独配人时）。",
    ),
    "shared": (
        "{roles} roles, {people} people when every role has its own people: as the source says, {pairs} can be one "
        "person, so {seats} seats take {people} people.",
        "共 {roles} 个岗位，{people} 人（每个岗位单独配人时）：按原文，{pairs}可由一人兼任，"
        "因此 {seats} 个编制只需 {people} 人。",
    ),
    "pair": ("the {a} and the {b}", "{a}与{b}"),
    "chart": ("Org chart", "组织架构图"),
    "no_chart": ("The org chart could not be drawn:", "无法绘制组织架构图："),
    "roles": ("Roles", "岗位"),
    "leadership": ("Leadership", "决策层"),
    "role": ("Role", "岗位"),
    "people": ("People", "人数"),
    "duties": ("Duties", "职责"),
    "also": ("Also", "兼管"),
    "why": ("Why", "依据"),
    "left_out": ("Left out", "未纳入的岗位"),
    "why_not": ("Why not", "原因"),
    "staffing": ("Staffing within a budget of {budget}", "预算 {budget} 人内的人员安排"),
    "fits": (
        "The seats can be held by {minimum} people{exact}, within the budget.",
        "全部编制可由 {minimum} 人承担{exact}，在预算之内。",
    ),
    "over": (
        "Holding every seat takes at least {minimum} people{exact}, more than the budget of {budget}. Roles are first "
        "combined onto fewer people where one person can hold them; then seats wait.",
        "承担全部编制至少需要 {minimum} 人{exact}，超出 {budget} 人的预算。"
        "先把可由一人兼任的岗位合并，再暂缓部分编制。",
    ),
    "exact": ("", ""),
    "heuristic": (
        " (found by a quick search: the fewest possible may be up to {gap} fewer)",
        "（由快速搜索得出：最少人数可能再少 {gap} 人）",
    ),
    "everyone": ("Who holds which roles", "人员与所任岗位"),
    "defer": ("Seats that wait, first to last", "按顺序暂缓招聘的编制"),
    "wait": (
        "{n} {seats} (tier {rank} of the keep-order: {why}); a budget of {then} staffs it in full",
        "{n} 个编制（保留顺序第 {rank} 档：{why}）；预算达到 {then} 人即可配齐",
    ),
    "seat": ("seat", ""),
    "seats": ("seats", ""),
    "within": ("Who to staff now, within the budget of {budget}", "在 {budget} 人的预算内现在应配置的人员"),
    "person": ("Person", "人员"),
    "person_n": ("Person {n}", "第 {n} 人"),
    "holds": ("Roles", "岗位"),
    "unranked": ("no rule ranks it", "没有规则为其排序"),
    "assumptions": ("Workload assumptions used", "使用的工作量假设"),
    "assumption": ("Assumption", "假设"),
    "value": ("Value", "取值"),
    "sizes": ("Sizes", "决定人数的岗位"),
    "yours": ("your value", "你的设定"),
    "advice": ("Advice", "建议"),
    "sources": ("Sources", "来源"),
    "footer": (
        "Made by tiktok-team. For the whole reasoning behind a role, run",
        "由 tiktok-team 生成。查看任一岗位的完整推理，请运行",
    ),
}

_CSS = """
body { font-family: system-ui, FONTS; color: #263238; background: #ffffff; margin: 0; line-height: 1.45; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #eceff1; }
h3 { font-size: 1.08em; margin: 22px 0 8px; }
.headline { font-size: 1.15em; margin: 6px 0 4px; }
.summary { font-size: 1.08em; margin: 4px 0 16px; }
li.held { margin-top: 4px; }
.profile { display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 0; list-style: none; color: #455a64; }
figure.chart { margin: 0; padding: 12px; border: 1px solid #eceff1; border-radius: 8px; overflow-x: auto; }
figure.chart svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.no-chart { color: #b71c1c; }
table { border-collapse: collapse; width: 100%; font-size: 0.93em; }
th, td { border: 1px solid #e0e4e7; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f5f7f8; }
td.n { text-align: right; white-space: nowrap; }
table.roles th:nth-child(1) { width: 19%; } table.roles th:nth-child(3) { width: 30%; }
ul.plain { margin: 0; padding-left: 1.1em; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; color: #37474f; }
.zh { color: #546e7a; }
.team { color: #78909c; font-size: 0.9em; }
footer { margin-top: 36px; color: #78909c; font-size: 0.88em; }
""".replace("FONTS", ", ".join(f'"{family}"' if " " in family else family for family in FONT_FAMILIES))


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _say(key: str, lang: Lang, **values: object) -> str:
    """A phrase of :data:`_WORDS` in ``lang``, filled in and escaped."""
    en, zh = _WORDS[key]
    return _e(phrase(en.format(**values), zh.format(**values), lang))


def _two(en: str, zh: str, lang: Lang) -> str:
    """A text in ``lang``, escaped; for ``both`` the Chinese follows in its own span."""
    if lang == "en" or (lang == "both" and en == zh):
        return _e(en)
    if lang == "zh":
        return _e(zh)
    return f'{_e(en)} <span class="zh" lang="zh-Hans">{_e(zh)}</span>'


def _value(value: object, lang: Lang) -> str:
    return phrase(value_words(value, "en"), value_words(value, "zh"), lang)


def _langs(lang: Lang) -> tuple[str, ...]:
    return ("en", "zh") if lang == "both" else (lang,)


def _cite(reasons: Iterable[Reason], detail: bool = False) -> str:
    """Citations: source, section and guidance id; with ``detail`` the rule's id first."""
    return "; ".join(
        dict.fromkeys(
            f"{f'<code>{_e(r.rule)}</code> ' if detail else ''}{_e(r.source)} {_e(r.section)}, {_e(r.guidance)}"
            for r in reasons
        )
    )


def _items(lines: Iterable[str], zh: bool = False) -> str:
    """A list of the lines; Chinese ones (``zh``) are marked so that they stand apart in a ``both`` report."""
    tag = '<ul class="plain zh" lang="zh-Hans">' if zh else '<ul class="plain">'
    return tag + "".join(f"<li>{_e(line.removeprefix('- '))}</li>" for line in lines) + "</ul>"


def _explained(plan: Plan, role_id: str, lang: Lang, why: bool, detail: bool) -> str:
    """The reasons of :meth:`Plan.why` (or :meth:`Plan.why_not`) as a list: the lines after the verdict."""
    texts = [(plan.why if why else plan.why_not)(role_id, each, detail) for each in _langs(lang)]
    return "".join(_items(text.splitlines()[1:], zh=lang == "both" and n == 1) for n, text in enumerate(texts))


def render_html(plan: Plan, lang: Lang = "en", detail: bool = False) -> str:
    """Render the plan as a self-contained HTML report, with the org chart inline.

    Parameters
    ----------
    plan : Plan
    lang : {"en", "zh", "both"}
        Language of the report; ``both`` gives the Chinese after the English.
    detail : bool
        Name the rule behind each reason and citation (the reasons read in plain words either way).

    Returns
    -------
    str
        An HTML document ending in a newline; it loads nothing from anywhere (no script, link, font or image).

    Raises
    ------
    GraphvizError
        If Graphviz's ``dot``, which lays out the chart, is not installed.
    ValueError
        If ``lang`` is not ``en``, ``zh`` or ``both``.

    Warns
    -----
    TiktokTeamWarning
        If ``dot`` fails on the chart (as Graphviz can on a chart an overlay makes): the report is still made,
        with a one-line note naming Graphviz's error where the chart would be.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> page = render_html(recommend({"stage": "startup", "sourcing": "affiliate_pool"}), lang="both")
    >>> page.startswith("<!DOCTYPE html>"), page.count("<svg"), "<script" in page
    (True, 1, False)
    >>> "<h2>Org chart / 组织架构图</h2>" in page
    True
    """
    lang = check_lang(lang)
    book = plan.rulebook
    facts = plan.profile.facts()
    title = f"{_say('title', lang)}: {_e(_value(facts['stage'], lang))}, {_e(_value(facts['sourcing'], lang))}"
    figure = _figure(plan, lang)
    said = headline(plan)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-Hans" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{title}</h1>",
        f'<p class="headline">{_two(said.en, said.zh, lang)}</p>',
        f'<p class="summary">{_summary(plan, lang)}</p>',
        '<ul class="profile">',
    ]
    for fact, spec in FACTS.items():
        out.append(f"<li>{_two(spec.en, spec.zh, lang)}: <b>{_e(_value(facts[fact], lang))}</b></li>")
    out += [
        "</ul>",
        f"<h2>{_say('chart', lang)}</h2>",
        figure,
        f"<h2>{_say('roles', lang)}</h2>",
    ]
    out += _roles(plan, lang, detail)
    out += [
        f"<h2>{_say('left_out', lang)}</h2>",
        "<table>",
        f"<tr><th>{_say('role', lang)}</th><th>{_say('why_not', lang)}</th></tr>",
    ]
    for left in plan.excluded:
        role = book.roles[left.id]
        why = _explained(plan, left.id, lang, why=False, detail=detail)
        out.append(f"<tr><td>{_two(role.en, role.zh, lang)}<br><code>{_e(left.id)}</code></td><td>{why}</td></tr>")
    out.append("</table>")
    out += _staffing(plan, lang, detail) + _assumptions(plan, lang)
    out += [f"<h2>{_say('advice', lang)}</h2>", "<ul>"]
    out += [f"<li>{_two(a.text.en, a.text.zh, lang)} ({_cite(a.reasons, detail)})</li>" for a in plan.advice]
    out += ["</ul>", f"<h2>{_say('sources', lang)}</h2>", "<ul>"]
    out += [
        f"<li><code>{_e(s.key)}</code>: {_e(s.title)}, {_e(s.author)}, {_e(s.date)}</li>" for s in book.sources.values()
    ]
    out += [
        "</ul>",
        f"<footer>{_say('footer', lang)} <code>tiktok-team explain FILE ROLE</code></footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def _figure(plan: Plan, lang: Lang) -> str:
    """The org chart, inline; if Graphviz is installed but fails to lay it out, a note naming its error instead,
    and a :class:`TiktokTeamWarning` saying the chart is left out."""
    dot_program()  # a missing Graphviz stays an error: installing it gives the report its chart
    try:
        svg = render_svg(plan, lang)
    except GraphvizError as exc:
        warnings.warn(f"the HTML report has no org chart: {exc}", TiktokTeamWarning, stacklevel=3)
        return f'<p class="no-chart">{_say("no_chart", lang)} {_e(str(exc))}</p>'
    return f'<figure class="chart">{svg[svg.index("<svg") :].strip()}</figure>'


def _summary(plan: Plan, lang: Lang) -> str:
    """How many roles and people; where a source says two planned roles share one person, which."""
    if not plan.shared:
        return _say("summary", lang, roles=len(plan.roles), people=plan.people)
    book = plan.rulebook
    pairs = {}
    for each in ("en", "zh"):
        names = [(book.roles[a], book.roles[b]) for a, b in (seat.roles for seat in plan.shared)]
        pair = _WORDS["pair"][0 if each == "en" else 1]
        said = [
            pair.format(a=ra.en.lower(), b=rb.en.lower()) if each == "en" else pair.format(a=ra.zh, b=rb.zh)
            for ra, rb in names
        ]
        pairs[each] = (", " if each == "en" else "、").join(said)
    en, zh = _WORDS["shared"]
    values = {"roles": len(plan.roles), "people": plan.people, "seats": plan.headcount}
    return _e(phrase(en.format(pairs=pairs["en"], **values), zh.format(pairs=pairs["zh"], **values), lang))


def _roles(plan: Plan, lang: Lang, detail: bool) -> list[str]:
    book = plan.rulebook
    groups: dict[str, list[PlannedRole]] = {}
    for role in plan.roles:  # in the plan's order: departments, teams, keep-order
        groups.setdefault(role.department or OWNER, []).append(role)
    out = []
    for group, roles in groups.items():
        dep = book.departments.get(group)
        heading = _say("leadership", lang) if dep is None else _two(dep.en, dep.zh, lang)
        out += [
            f"<h3>{heading}</h3>",
            '<table class="roles">',
            f"<tr><th>{_say('role', lang)}</th><th>{_say('people', lang)}</th>"
            f"<th>{_say('duties', lang)}</th><th>{_say('why', lang)}</th></tr>",
        ]
        for role in roles:
            entry = book.roles[role.id]
            team = book.teams[entry.team] if entry.team else None
            name = _two(entry.en, entry.zh, lang)
            name += f'<br><span class="team">{_two(team.en, team.zh, lang)}</span>' if team else ""
            lists = "".join(
                _items([line.en if each == "en" else line.zh for line in role.duties], zh=lang == "both" and n == 1)
                for n, each in enumerate(_langs(lang))
            )
            lists += _held(role, lang, detail)
            why = _explained(plan, role.id, lang, why=True, detail=detail)
            out.append(
                f'<tr><td>{name}<br><code>{_e(role.id)}</code></td><td class="n">{role.headcount}</td>'
                f"<td>{lists}</td><td>{why}</td></tr>"
            )
        out.append("</table>")
    return out


def _held(role: PlannedRole, lang: Lang, detail: bool) -> str:
    """The duties ``role`` also holds here, each with the rules that give it, as a list."""
    items = [
        f'<li class="held"><b>{_say("also", lang)}:</b> {_two(held.name.en, held.name.zh, lang)} '
        f"({_cite(held.reasons, detail)})</li>"
        for held in role.holds
    ]
    return f'<ul class="plain">{"".join(items)}</ul>' if items else ""


def _people(plan: Plan, people: Iterable[Person], lang: Lang) -> list[str]:
    book = plan.rulebook
    rows = [f"<tr><th>{_say('person', lang)}</th><th>{_say('holds', lang)}</th></tr>"]
    for n, person in enumerate(people, start=1):
        held = ("、" if lang == "zh" else ", ").join(
            _two(book.roles[r].en, book.roles[r].zh, lang) for r in person.roles
        )
        rows.append(f"<tr><td>{_say('person_n', lang, n=n)}</td><td>{held}</td></tr>")
    return ["<table>", *rows, "</table>"]


def _staffing(plan: Plan, lang: Lang, detail: bool) -> list[str]:
    staffing = plan.staffing
    if staffing is None:
        return []
    if staffing.exact:
        exact = _WORDS["exact"]
    else:
        gap = staffing.minimum - staffing.lower_bound
        exact = (_WORDS["heuristic"][0].format(gap=gap), _WORDS["heuristic"][1].format(gap=gap))
    verdict = "fits" if staffing.feasible else "over"
    minimum, budget = staffing.minimum, staffing.budget
    out = [
        f"<h2>{_say('staffing', lang, budget=budget)}</h2>",
        f"<p>{_say(verdict, lang, minimum=minimum, budget=budget, exact=phrase(*exact, lang))}</p>",
    ]
    if staffing.feasible:
        return [*out, f"<h3>{_say('everyone', lang)}</h3>", *_people(plan, staffing.people, lang)]
    book = plan.rulebook
    out += [f"<h3>{_say('defer', lang)}</h3>", "<ol>"]
    for deferral in staffing.deferred:
        role = book.roles[deferral.role]
        en, zh = _WORDS["wait"]
        values = {
            "n": deferral.headcount,
            "rank": plan.role(deferral.role).rank,
            "then": deferral.staffed_from,
        }
        cite = html.unescape(_cite(deferral.reasons, detail)) if deferral.reasons else ""
        said = phrase(
            en.format(
                seats=_WORDS["seat" if deferral.headcount == 1 else "seats"][0],
                why=cite or _WORDS["unranked"][0],
                **values,
            ),
            zh.format(seats="", why=cite or _WORDS["unranked"][1], **values),
            lang,
        )
        out.append(f"<li>{_two(role.en, role.zh, lang)}: {_e(said)}</li>")
    return [
        *out,
        "</ol>",
        f"<h3>{_say('within', lang, budget=budget)}</h3>",
        *_people(plan, staffing.within_budget, lang),
    ]


def _assumptions(plan: Plan, lang: Lang) -> list[str]:
    if not plan.assumptions:
        return []
    book = plan.rulebook
    out = [
        f"<h2>{_say('assumptions', lang)}</h2>",
        "<table>",
        f"<tr><th>{_say('assumption', lang)}</th><th>{_say('value', lang)}</th><th>{_say('sizes', lang)}</th></tr>",
    ]
    for used in plan.assumptions:
        entry = book.assumptions[used.id]
        value = f"{used.value:g} {_e(used.unit)}" + (f" ({_say('yours', lang)})" if used.overridden else "")
        sizes = ("、" if lang == "zh" else ", ").join(
            _two(book.roles[r].en, book.roles[r].zh, lang) for r in used.roles
        )
        label = f"<code>{_e(used.id)}</code> {_two(entry.en, entry.zh, lang)}"
        out.append(f"<tr><td>{label}</td><td>{value}</td><td>{sizes}</td></tr>")
    return [*out, "</table>"]


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
