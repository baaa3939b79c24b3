"""A self-contained HTML report: one file that opens offline, with no script, stylesheet, font or image fetched.

It holds a one-sentence headline (:func:`tiktok_team.headline`), the org chart (the SVG of
:func:`tiktok_team.render._svg.render_svg`, inline; if Graphviz fails to lay it out, a one-line note naming Graphviz's
error, and a :class:`TiktokTeamWarning`), each role's duties (with those it also holds where no role of their own is
planned), headcount and reasons (the rules with their citations, as :meth:`Plan.why` words them), the roles left out
and why (:meth:`Plan.why_not`), the staffing under a ``headcount_budget``, the workload assumptions used, the advice
and the sources. Text is in English (``en``), Chinese (``zh``) or ``both`` (the Chinese after the English).
"""

from __future__ import annotations

import warnings
from functools import partial

from .._entries import OWNER
from .._errors import GraphvizError, TiktokTeamWarning
from .._headline import headline
from .._lazy import publish
from .._plan import Plan, PlannedRole
from .._profile import FACTS
from . import _money as money
from ._chart import FONT_FAMILIES, Lang, check_lang, phrase
from ._html_staffing import departments as _departments
from ._html_staffing import money_said as _money_said
from ._html_staffing import money_words as _money_words
from ._html_staffing import staffing as _staffing
from ._html_text import WORDS as _WORDS
from ._html_text import both as _both
from ._html_text import cite as _cite
from ._html_text import e as _e
from ._html_text import items as _items
from ._html_text import langs as _langs
from ._html_text import say as _say
from ._html_text import two as _two
from ._html_text import value as _value
from ._svg import dot_program, render_svg

__all__ = ["render_html"]

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
        f'<p class="summary">{_summary(plan, lang)}{_money_said(money.cost_line, plan, lang, " ")}</p>',
        '<ul class="profile">',
    ]
    for fact, spec in FACTS.items():  # as given (a budget in money alone is not a headcount budget)
        out.append(f"<li>{_two(spec.en, spec.zh, lang)}: <b>{_e(_value(getattr(plan.profile, fact), lang))}</b></li>")
    lines = [money.profile_lines(plan, each) for each in ("en", "zh")]
    for (label_en, value_en), (label_zh, value_zh) in zip(*lines, strict=True):
        out.append(f"<li>{_two(label_en, label_zh, lang)}: <b>{_e(phrase(value_en, value_zh, lang))}</b></li>")
    out += [
        "</ul>",
        f"<h2>{_say('chart', lang)}</h2>",
        figure,
        f"<h2>{_say('roles', lang)}</h2>",
    ]
    out += _roles(plan, lang, detail) + _departments(plan, lang)
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
    priced_header = f"<th>{_money_words('monthly', lang)}</th>" if plan.cost else ""
    for group, roles in groups.items():
        dep = book.departments.get(group)
        heading = _say("leadership", lang) if dep is None else _two(dep.en, dep.zh, lang)
        out += [
            f"<h3>{heading}</h3>",
            '<table class="roles">',
            f"<tr><th>{_say('role', lang)}</th><th>{_say('people', lang)}</th>{priced_header}"
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
            priced = f'<td class="n">{_both(partial(money.role_cost, plan.cost, role.id), lang)}</td>'
            priced = priced if plan.cost else ""
            out.append(
                f'<tr><td>{name}<br><code>{_e(role.id)}</code></td><td class="n">{role.headcount}</td>{priced}'
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
