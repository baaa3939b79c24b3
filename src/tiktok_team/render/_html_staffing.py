"""The people and money sections of the HTML plan report (:mod:`tiktok_team.render._html`): what the plan costs by
department, and the staffing under a budget (who holds which roles, which seats wait, what the people cost)."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from functools import partial

from .._plan import Person, Plan
from . import _money as money
from ._chart import Lang, phrase
from ._html_text import WORDS as _WORDS
from ._html_text import both as _both
from ._html_text import cite as _cite
from ._html_text import e as _e
from ._html_text import say as _say
from ._html_text import two as _two

__all__ = ["departments", "money_said", "money_words", "staffing"]


def _people(plan: Plan, people: Iterable[Person], lang: Lang, within: bool) -> list[str]:
    book, currency = plan.rulebook, plan.cost.currency if plan.cost else ""
    priced = f"<th>{money_words('person_cost', lang)}</th>" if plan.cost else ""
    rows = [f"<tr><th>{_say('person', lang)}</th><th>{_say('holds', lang)}</th>{priced}</tr>"]
    for n, person in enumerate(people, start=1):
        held = ("、" if lang == "zh" else ", ").join(
            _two(book.roles[r].en, book.roles[r].zh, lang) for r in person.roles
        )
        cost = f'<td class="n">{_both(partial(money.person_cost, person.cost, currency), lang)}</td>'
        cost = cost if plan.cost else ""
        rows.append(f"<tr><td>{_say('person_n', lang, n=n)}</td><td>{held}</td>{cost}</tr>")
    said = [money.staffing_money_lines(plan, each, within) for each in ("en", "zh")]
    lines = [f"<p>{_e(phrase(en, zh, lang))}</p>" for en, zh in zip(*said, strict=True)]
    return ["<table>", *rows, "</table>", *lines]


def staffing(plan: Plan, lang: Lang, detail: bool) -> list[str]:
    """The staffing section: whether the people (and the money) fit, the seats that wait, who to staff now."""
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
    title = _both(lambda each: money.staffing_title(plan, each), lang) or _say("staffing", lang, budget=budget)
    said = _say(verdict, lang, minimum=minimum, budget=budget, exact=phrase(*exact, lang))
    short = [money.money_over(plan, each) for each in ("en", "zh")]
    if short[0] is not None and short[1] is not None:
        shown = _e(phrase(short[0][0], short[1][0], lang))
        said = shown if short[0][1] else f"{shown} {said}"
    out = [f"<h2>{title}</h2>", f"<p>{said}</p>"]
    if staffing.feasible:
        return [*out, f"<h3>{_say('everyone', lang)}</h3>", *_people(plan, staffing.people, lang, within=False)]
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
        texts = [
            en.format(
                seats=_WORDS["seat" if deferral.headcount == 1 else "seats"][0],
                why=cite or _WORDS["unranked"][0],
                **values,
            ),
            zh.format(seats="", why=cite or _WORDS["unranked"][1], **values),
        ]
        for n, each in enumerate(("en", "zh")):
            if plan.profile.headcount_budget is not None:
                texts[n] += ("; " if each == "en" else "；") + _WORDS["then"][n].format(**values)
            priced = money.wait_cost(plan, deferral, each)
            texts[n] += "" if priced is None else ("; " if each == "en" else "；") + priced
        out.append(f"<li>{_two(role.en, role.zh, lang)}: {_e(phrase(texts[0], texts[1], lang))}</li>")
    after = _both(lambda each: money.next_seat_line(plan, staffing, each), lang)
    within = _both(lambda each: money.within_title(plan, each), lang) or _say("within", lang, budget=budget)
    return [
        *out,
        "</ol>",
        *([f"<p>{after}</p>"] if after else []),
        f"<h3>{within}</h3>",
        *_people(plan, staffing.within_budget, lang, within=True),
    ]


def money_words(key: str, lang: Lang) -> str:
    """A label of the money sections (:func:`tiktok_team.render._money.words`) in ``lang``, escaped."""
    return _e(phrase(money.words(key, "en"), money.words(key, "zh"), lang))


def money_said(say: Callable[[Plan, str], str | None], plan: Plan, lang: Lang, before: str = "") -> str:
    """A sentence of :mod:`._money` about ``plan`` in ``lang``, escaped, after ``before``; empty where it says
    nothing."""
    said = _both(lambda each: say(plan, each), lang)
    return "" if said is None else before + said


def departments(plan: Plan, lang: Lang) -> list[str]:
    """What each department costs a month, and the total; nothing without pay."""
    if plan.cost is None:
        return []
    header = f"<tr><th>{money_words('department', lang)}</th><th>{money_words('monthly', lang)}</th></tr>"
    rows = zip(money.department_rows(plan, "en"), money.department_rows(plan, "zh"), strict=True)
    cells = [
        f'<tr><td>{_e(phrase(en[0], zh[0], lang))}</td><td class="n">{_e(phrase(en[1], zh[1], lang))}</td></tr>'
        for en, zh in rows
    ]
    return [f"<h3>{money_words('departments', lang)}</h3>", "<table>", header, *cells, "</table>"]
