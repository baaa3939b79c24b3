"""Markdown reports a seller can read, in English (``en``) or Chinese (``zh``): the plan, the roadmap, the gap.

Every text that comes from a rule file, a team file or a profile (names, duties, advice, citations' sections,
sources, assumptions, people's names, verification messages) goes through :func:`md_text`, by way of the few
helpers that write such text (:func:`_unit`, :func:`_text`, :func:`_cite`, :func:`_code`), so that it shows as
written and never as markup: rule files are meant to be safe to load from strangers, and markdown is often
rendered to HTML. Ids are safe as they are (the rulebook allows only ``[a-z0-9_-]`` in them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from .._condition import value_words
from .._entries import OWNER
from .._explain import changes_words, here_words
from .._headline import headline
from .._lazy import publish
from .._plan import Person, Plan, PlannedRole, Reason
from .._profile import FACTS
from .._reasons import name_pair, reason_sentence
from . import _money as money
from ._hiring import step_workload, trigger_words

if TYPE_CHECKING:  # a plan's markdown never imports the modules of the other reports
    from .._gap import Gap
    from .._roadmap import Roadmap
    from .._rulebook import Rulebook
    from .._verify import VerifyFinding, VerifyReport

__all__ = ["md_text", "render_gap_markdown", "render_markdown", "render_roadmap_markdown", "render_verify_markdown"]

_Result = TypeVar("_Result")

# What md_text escapes: characters that start markdown constructs (code, emphasis, links, tables, strikethrough,
# headings) get a backslash; those that start HTML become entities, which every markdown renderer leaves as text
# (an & only where it would start an entity: a lone & is text everywhere); and a text that starts like a list item
# (-, +, 1. or 1)) gets a backslash there, since it may land at the start of a line.
_MD_SPECIAL = re.compile(
    r"[\\`*_\[\]|~#<>]|&(?=[A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[Xx][0-9A-Fa-f]+;)|^[-+]|^[0-9]+(?=[.)])"
)
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}

_T = {
    "en": {
        "title": "Team plan",
        "profile": "Profile",
        "summary": "**{roles} roles, {people} people** when every role has its own people.",
        "shared": "**{roles} roles, {people} people** when every role has its own people: {pairs} can be one "
        "person, as the source says ({cites}), so {seats} seats take {people} people.",
        "pair": "the {a} and the {b}",
        "leadership": "Leadership",
        "role": "Role",
        "people": "People",
        "duties": "Duties",
        "also": "Also",
        "why": "Why",
        "left_out": "Left out",
        "why_here": "Why here",
        "would_change": "What would change it",
        "staffing": "Staffing within a budget of {budget}",
        "fits": "The {n} roles' seats can be held by **{minimum} people**{exact}, within the budget:",
        "exact": "",
        "heuristic": " (found by a quick search: the fewest possible may be up to {gap} fewer)",
        "over": "Holding every seat takes at least **{minimum} people**{exact}, more than the budget of {budget}. "
        "Roles are first combined onto fewer people where one person can hold them; then these seats wait, "
        "first to last:",
        "wait": "{name}: {n} {seats} (tier {rank} of the keep-order: {why})",
        "then": "a budget of {then} staffs it in full",
        "seat": "seat",
        "seats": "seats",
        "within": "Who to staff now, within the budget of {budget}:",
        "person": "Person",
        "person_n": "Person {n}",
        "holds": "Roles",
        "unranked": "no rule ranks it",
        "assumptions": "Workload assumptions used",
        "assumption": "Assumption",
        "value": "Value",
        "sizes": "Sizes",
        "yours": " (your value)",
        "advice": "Advice",
        "sources": "Sources",
        "explain": "Ask `tiktok-team explain FILE ROLE` for the full reasoning behind any role.",
        "roadmap": "Roadmap",
        "from_to": "From {a} to {b}: {before} → {after} people",
        "at_workload": "At {level}: {before} → {after} people",
        "trigger": "When",
        "mature_already": "The business is already mature: there is no later stage to grow into.",
        "hire": "Hire",
        "kind": "What",
        "add": "Add",
        "new": "new role",
        "split": "split off",
        "more": "more people",
        "splits": "Split",
        "into": "into",
        "keeps": "which stays",
        "leaves": "which leaves",
        "gap": "Team gap",
        "gap_summary": "**{team} people** now; the plan has **{plan} people**.",
        "missing": "Missing roles (no one holds them)",
        "surplus": "Roles the plan does not have",
        "conflicts": "People holding roles that one person should not combine",
        "short": "Roles short of people",
        "over_plan": "Roles held by more people than the plan has",
        "held_by": "{held} people hold {role}; the plan has {planned}",
        "twice": "People named twice",
        "planned": "Planned",
        "held": "Held",
        "nothing": "none",
    },
    "zh": {
        "title": "团队方案",
        "profile": "业务资料",
        "summary": "**共 {roles} 个岗位，{people} 人**（每个岗位单独配人时）。",
        "shared": "**共 {roles} 个岗位，{people} 人**（每个岗位单独配人时）：按原文（{cites}），{pairs}可由一人兼任，"
        "因此 {seats} 个编制只需 {people} 人。",
        "pair": "{a}与{b}",
        "leadership": "决策层",
        "role": "岗位",
        "people": "人数",
        "duties": "职责",
        "also": "兼管",
        "why": "依据",
        "left_out": "未纳入的岗位",
        "why_here": "原因（本业务的情况）",
        "would_change": "怎样才会纳入",
        "staffing": "预算 {budget} 人内的人员安排",
        "fits": "{n} 个岗位的编制可由 **{minimum} 人** 承担{exact}，在预算之内：",
        "exact": "",
        "heuristic": "（由快速搜索得出：最少人数可能再少 {gap} 人）",
        "over": "承担全部编制至少需要 **{minimum} 人**{exact}，超出 {budget} 人的预算。先把可由一人兼任的岗位合并，"
        "再按以下顺序暂缓招聘：",
        "wait": "{name}：{n} 个编制（保留顺序第 {rank} 档：{why}）",
        "then": "预算达到 {then} 人即可配齐",
        "seat": "",
        "seats": "",
        "within": "在 {budget} 人的预算内，现在应配置的人员：",
        "person": "人员",
        "person_n": "第 {n} 人",
        "holds": "岗位",
        "unranked": "没有规则为其排序",
        "assumptions": "使用的工作量假设",
        "assumption": "假设",
        "value": "取值",
        "sizes": "决定人数的岗位",
        "yours": "（你的设定）",
        "advice": "建议",
        "sources": "来源",
        "explain": "运行 `tiktok-team explain FILE ROLE` 查看任一岗位的完整推理。",
        "roadmap": "成长路线图",
        "from_to": "从{a}到{b}：{before} → {after} 人",
        "at_workload": "{level}：{before} → {after} 人",
        "trigger": "何时招聘",
        "mature_already": "该业务已处于成熟期，没有下一阶段。",
        "hire": "招聘",
        "kind": "类型",
        "add": "增加",
        "new": "新岗位",
        "split": "拆分新设",
        "more": "增加人手",
        "splits": "拆分",
        "into": "拆分为",
        "keeps": "原岗位保留",
        "leaves": "原岗位取消",
        "gap": "团队差距",
        "gap_summary": "现有 **{team} 人**；方案需要 **{plan} 人**。",
        "missing": "缺少的岗位（无人承担）",
        "surplus": "方案中没有的岗位",
        "conflicts": "不宜由一人兼任的岗位组合",
        "short": "人手不足的岗位",
        "over_plan": "人数超出方案的岗位",
        "held_by": "{role}：现有 {held} 人，方案为 {planned} 人",
        "twice": "名字重复的人员",
        "planned": "方案人数",
        "held": "现有人数",
        "nothing": "无",
    },
}


def md_text(text: str) -> str:
    """Escape ``text`` from a rule file, team file or profile for markdown: it shows as the same text, never as
    markup or HTML. Runs of whitespace (newlines included) become one space, so a table row or list item stays one.

    Examples
    --------
    >>> print(md_text("<script>alert(1)</script> *bold* [x](y) | a_b & `c` &amp;"))
    &lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\* \\[x\\](y) \\| a\\_b & \\`c\\` &amp;amp;
    >>> print(md_text("1. first"), md_text("- not a list"))
    1\\. first \\- not a list
    """
    return _md_text(text)


@lru_cache(maxsize=4096)
def _md_text(text: str) -> str:
    """The work of :func:`md_text`, remembered for the last few thousand texts: a report escapes the same names,
    duties and citations many times over (a fifth of the time of a markdown plan went to escaping them again)."""
    return _MD_SPECIAL.sub(_md_escape, " ".join(text.split()))


def _md_escape(match: re.Match[str]) -> str:
    found = match.group()
    if found[0].isdigit():
        return found + "\\"  # 1. -> 1\.: the backslash goes before the dot that follows
    return _MD_ENTITIES.get(found, "\\" + found)


@lru_cache(maxsize=4096)
def _unit(en: str, zh: str, lang: str) -> str:
    """A name in both languages, ``lang``'s first, escaped (see :func:`tiktok_team._reasons.name_pair`); remembered,
    as every report names the same roles many times."""
    return md_text(name_pair(en, zh) if lang == "en" else name_pair(zh, en))


def _name(book: Rulebook, role_id: str, lang: str) -> str:
    role = book.roles[role_id]
    return _unit(role.en, role.zh, lang)


def _text(en: str, zh: str, lang: str) -> str:
    """A text in ``lang``, escaped."""
    return md_text(en if lang == "en" else zh)


def _cite(reasons: Iterable[Reason], detail: bool = False) -> str:
    """Citations, in brackets-free form: source, section and guidance id, each once; with ``detail`` the rule's id
    first."""
    return "; ".join(
        dict.fromkeys(
            f"{f'`{r.rule}` ' if detail else ''}{r.source} {md_text(r.section)}, {r.guidance}" for r in reasons
        )
    )


def _code(text: str) -> str:
    """A code span showing ``text`` as it is: fenced by more backticks than any run of them inside it.

    Examples
    --------
    >>> print(_code("a `b` c"), _code("`x"))
    ``a `b` c`` `` `x ``
    """
    text = " ".join(text.split())
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _table(header: list[str], rows: Iterable[Iterable[object]]) -> list[str]:
    rule = " | ".join("---" for _ in header)
    return [f"| {' | '.join(header)} |", f"| {rule} |", *(f"| {' | '.join(map(str, row))} |" for row in rows)]


def _bilingual(render: Callable[[_Result, str], str], result: _Result, lang: str) -> str:
    """``render(result, lang)``; for ``both``, the English report, a rule, then the Chinese one (tables stay whole)."""
    if lang == "both":
        return f"{render(result, 'en')}\n---\n\n{render(result, 'zh')}"
    return render(result, lang)


def render_markdown(plan: Plan, lang: str = "en", detail: bool = False) -> str:
    """Render a plan as a markdown report a seller can read: under the title, a one-sentence headline (see
    :func:`tiktok_team.headline`); ``lang`` is ``en``, ``zh`` or ``both`` (English, then Chinese). Reasons read in
    plain words with their citations after; ``detail`` adds the ids of the rules.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> report = render_markdown(recommend({"stage": "startup", "sourcing": "own_stock"}))
    >>> report.splitlines()[0]
    '# Team plan: startup, own stock'
    >>> print(report.splitlines()[2])  # doctest: +NORMALIZE_WHITESPACE
    A startup team of 7 people around the owner: it sells its own stock, so it runs a shop side of 3 roles with
    shipping, and it runs livestreams.
    """
    return _bilingual(lambda result, each: _plan_markdown(result, each, detail), plan, lang)


def _plan_markdown(plan: Plan, lang: str, detail: bool = False) -> str:
    t = _T[lang]
    book = plan.rulebook
    facts = plan.profile.facts()
    title = (", " if lang == "en" else "，").join(value_words(facts[f], lang) for f in ("stage", "sourcing"))
    said = headline(plan)
    out = [f"# {t['title']}: {title}", "", md_text(said.en if lang == "en" else said.zh), "", f"## {t['profile']}", ""]
    for fact, spec in FACTS.items():  # as given (a budget in money alone is not a headcount budget)
        out.append(f"- {_text(spec.en, spec.zh, lang)}: {md_text(value_words(getattr(plan.profile, fact), lang))}")
    out += [f"- {md_text(label)}: {md_text(value)}" for label, value in money.profile_lines(plan, lang)]
    cost = money.cost_line(plan, lang)
    out += ["", _summary(plan, lang) + ("" if cost is None else f" {md_text(cost)}"), ""]

    groups: dict[str, list[PlannedRole]] = {}
    for role in plan.roles:  # in the plan's order: departments, teams, keep-order
        groups.setdefault(role.department or OWNER, []).append(role)
    for group, roles in groups.items():
        dep = book.departments.get(group)
        out += [f"## {t['leadership'] if dep is None else _unit(dep.en, dep.zh, lang)}", ""]
        rows = []
        for role in roles:
            team = book.teams[role.team] if role.team else None
            label = _name(book, role.id, lang) + (f" · {_text(team.en, team.zh, lang)}" if team else "")
            duties = [_text(line.en, line.zh, lang) for line in role.duties]
            priced = [md_text(money.role_cost(plan.cost, role.id, lang))] if plan.cost else []
            rows.append(
                [
                    label,
                    role.headcount,
                    *priced,
                    "<br>".join([*duties, *_held(role, lang, detail)]),
                    _why(plan, role, lang, detail),
                ]
            )
        priced_header = [money.words("monthly", lang)] if plan.cost else []
        out += [*_table([t["role"], t["people"], *priced_header, t["duties"], t["why"]], rows), ""]

    if plan.cost is not None:
        header = [money.words("department", lang), money.words("monthly", lang)]
        rows = [[md_text(label), md_text(value)] for label, value in money.department_rows(plan, lang)]
        out += [f"## {money.words('departments', lang)}", "", *_table(header, rows), ""]
    out += _left_out(plan, lang)
    out += _staffing(plan, lang, detail) + _assumptions(plan, lang)
    out += [f"## {t['advice']}", ""]
    left, right = (" (", ")") if lang == "en" else ("（", "）")
    out += [f"- {_text(a.text.en, a.text.zh, lang)}{left}{_cite(a.reasons, detail)}{right}" for a in plan.advice]
    out += ["", f"## {t['sources']}", ""]
    out += [f"- `{s.key}`: {md_text(s.title)}, {md_text(s.author)}, {md_text(s.date)}" for s in book.sources.values()]
    return "\n".join([*out, "", t["explain"], ""])


def _summary(plan: Plan, lang: str) -> str:
    """How many roles and people; where a source says two planned roles share one person, which and why."""
    t = _T[lang]
    if not plan.shared:
        return t["summary"].format(roles=len(plan.roles), people=plan.people)
    pairs = [
        t["pair"].format(a=_role_words(plan, a, lang), b=_role_words(plan, b, lang))
        for a, b in (s.roles for s in plan.shared)
    ]
    return t["shared"].format(
        roles=len(plan.roles),
        people=plan.people,
        seats=plan.headcount,
        pairs=(", " if lang == "en" else "、").join(pairs),
        cites=_cite(reason for seat in plan.shared for reason in seat.reasons),
    )


def _role_words(plan: Plan, role_id: str, lang: str) -> str:
    role = plan.rulebook.roles[role_id]
    return md_text(role.en.lower() if lang == "en" else role.zh)


def _why(plan: Plan, role: PlannedRole, lang: str, detail: bool) -> str:
    """Why a role is in the plan, in plain words, one reason a line, each cited (without the inferred rules' own
    explanations, which ``explain`` gives)."""
    book = plan.rulebook
    said = []
    for rule in sorted((book.rules[r.rule] for r in role.reasons), key=lambda r: (role.id in r.scale, r.id)):
        verb = _VERBS[lang]["scales"].format(n=rule.scale[role.id]) if role.id in rule.scale else _VERBS[lang]["adds"]
        firing = plan.outcome.fired.get(rule.id)
        alternative = None if firing is None else firing.alternative
        sentence = reason_sentence(book, rule, verb, lang, alternative=alternative, detail=detail, because=False)
        said.append(md_text(sentence))
    return "<br>".join(said)


_VERBS = {
    "en": {"adds": "added", "scales": "sized at {n} people"},
    "zh": {"adds": "设此岗位", "scales": "人数定为{n}人"},
}


def _held(role: PlannedRole, lang: str, detail: bool = False) -> list[str]:
    """The duties ``role`` also holds here, each with the rules that give it."""
    also = _T[lang]["also"]
    colon, left, right = (":", " (", ")") if lang == "en" else ("：", "（", "）")
    return [
        f"**{also}{colon}** {md_text(h.name.en if lang == 'en' else h.name.zh)}{left}{_cite(h.reasons, detail)}{right}"
        for h in role.holds
    ]


def _left_out(plan: Plan, lang: str) -> list[str]:
    """The "Left out" section: each role left out, what about this business keeps it out, and the smallest changes
    that would bring it in (:func:`tiktok_team._explain.here_words`, :func:`tiktok_team._explain.changes_words`);
    the rules are cited by ``explain`` and the JSON. ``both`` puts the English above the Chinese in each cell."""
    langs = ("en", "zh") if lang == "both" else (lang,)
    book = plan.rulebook
    header = [_cell([_T[each][key] for each in langs]) for key in ("role", "why_here", "would_change")]
    rows = [
        [
            "<br>".join(_name(book, left.id, each) for each in langs),
            _cell([here_words(plan, left.id, each) for each in langs]),
            _cell([changes_words(plan, left.id, each) for each in langs]),
        ]
        for left in plan.excluded
    ]
    return [f"## {' / '.join(_T[each]['left_out'] for each in langs)}", "", *_table(header, rows), ""]


def _cell(texts: Iterable[str]) -> str:
    """A table cell holding each text, escaped, one a line."""
    return "<br>".join(md_text(text) for text in texts)


def _staffing(plan: Plan, lang: str, detail: bool = False) -> list[str]:
    staffing = plan.staffing
    if staffing is None:
        return []
    t = _T[lang]
    book = plan.rulebook
    exact = t["exact"] if staffing.exact else t["heuristic"].format(gap=staffing.minimum - staffing.lower_bound)
    joiner = ", " if lang == "en" else "、"

    def people_table(people: Iterable[Person], within: bool) -> list[str]:
        currency = plan.cost.currency if plan.cost else ""
        rows = [
            [
                t["person_n"].format(n=n),
                joiner.join(_name(book, r, lang) for r in p.roles),
                *([md_text(money.person_cost(p.cost, currency, lang))] if plan.cost else []),
            ]
            for n, p in enumerate(people, start=1)
        ]
        header = [t["person"], t["holds"], *([money.words("person_cost", lang)] if plan.cost else [])]
        said = [md_text(line) for line in money.staffing_money_lines(plan, lang, within)]
        return [*_table(header, rows), *(["", *said] if said else [])]

    title = money.staffing_title(plan, lang) or t["staffing"].format(budget=staffing.budget)
    out = [f"## {md_text(title)}", ""]
    if staffing.feasible:
        return [
            *out,
            t["fits"].format(n=len(plan.roles), minimum=staffing.minimum, exact=exact),
            "",
            *people_table(staffing.people, within=False),
            "",
        ]
    in_money = plan.profile.headcount_budget is None  # a budget in money alone: no budget of people to name
    short = money.money_over(plan, lang)
    said = t["over"].format(minimum=staffing.minimum, exact=exact, budget=staffing.budget)
    if short is not None:
        said = md_text(short[0]) if short[1] else f"{md_text(short[0])} {said}"
    out += [said, ""]
    for n, deferral in enumerate(staffing.deferred, start=1):
        wait = t["wait"].format(
            name=_name(book, deferral.role, lang),
            n=deferral.headcount,
            seats=t["seat" if deferral.headcount == 1 else "seats"],
            rank=plan.role(deferral.role).rank,
            why=_cite(deferral.reasons, detail) or t["unranked"],
        )
        parts = [] if in_money else [t["then"].format(then=deferral.staffed_from)]
        priced = money.wait_cost(plan, deferral, lang)
        parts += [] if priced is None else [md_text(priced)]
        out.append(f"{n}. " + ("; " if lang == "en" else "；").join([wait, *parts]))
    after = money.next_seat_line(plan, staffing, lang)
    out += ["", *([md_text(after), ""] if after else [])]
    within = money.within_title(plan, lang)
    heading = t["within"].format(budget=staffing.budget) if within is None else md_text(within)
    return [*out, heading, "", *people_table(staffing.within_budget, within=True), ""]


def _assumptions(plan: Plan, lang: str) -> list[str]:
    if not plan.assumptions:
        return []
    t = _T[lang]
    book = plan.rulebook
    rows = []
    for used in plan.assumptions:
        entry = book.assumptions[used.id]
        label = f"`{used.id}`: {_text(entry.en, entry.zh, lang)}"
        value = f"{used.value:g} {md_text(used.unit)}{t['yours'] if used.overridden else ''}"
        rows.append([label, value, ", ".join(_name(book, r, lang) for r in used.roles)])
    return [f"## {t['assumptions']}", "", *_table([t["assumption"], t["value"], t["sizes"]], rows), ""]


def render_roadmap_markdown(roadmap: Roadmap, lang: str = "en") -> str:
    """Render a roadmap as an ordered hiring plan, stage by stage; ``lang`` ``both`` gives English, then Chinese.

    Examples
    --------
    >>> from tiktok_team import roadmap
    >>> text = render_roadmap_markdown(roadmap({"stage": "growth", "sourcing": "dropship"}))
    >>> text.splitlines()[2]
    '## From growth to mature: 11 → 23 people'
    """
    return _bilingual(_roadmap_markdown, roadmap, lang)


def _roadmap_markdown(roadmap: Roadmap, lang: str) -> str:
    t = _T[lang]
    book = roadmap.rulebook
    out = [f"# {t['roadmap']}", ""]
    if not roadmap.steps:
        return "\n".join([*out, t["mature_already"], ""])
    priced = roadmap.currency is not None
    triggered = any(h.trigger for step in roadmap.steps for h in step.hires)
    for step in roadmap.steps:
        a, b = (value_words(s, lang) for s in (step.from_stage, step.to_stage))
        level = step_workload(step, lang)
        heading = t["from_to"].format(a=a, b=b, before=step.headcount_before, after=step.headcount_after)
        if level is not None:
            heading = t["at_workload"].format(level=level, before=step.headcount_before, after=step.headcount_after)
        out += [f"## {md_text(heading)}", ""]
        said = money.step_line(roadmap, step, lang)
        out += [md_text(said), ""] if said else []
        rows = [
            [
                n,
                _name(book, h.role, lang),
                t[h.kind],
                f"+{h.headcount} → {h.total}",
                *([md_text(money.hire_cost(roadmap, h.cost, lang))] if priced else []),
                *([md_text(trigger_words(h.trigger, lang)) or "–"] if triggered else []),
                _cite(h.reasons),
            ]
            for n, h in enumerate(step.hires, start=1)
        ]
        extra = [*([money.words("monthly", lang)] if priced else []), *([t["trigger"]] if triggered else [])]
        out += [*_table(["#", t["role"], t["kind"], t["add"], *extra, t["why"]], rows), ""]
        for split in step.splits:
            into = ", ".join(_name(book, r, lang) for r in split.into)
            stays = t["keeps"] if split.kept else t["leaves"]
            out.append(
                f"- {t['splits']} {_name(book, split.role, lang)} {t['into']} {into}, {stays} ({_cite(split.reasons)})"
            )
        out += [""] if step.splits else []
        out += [f"- {_text(a.text.en, a.text.zh, lang)} ({_cite(a.reasons)})" for a in step.advice]
        out += [""] if step.advice else []
    return "\n".join(out)


def render_gap_markdown(result: Gap, lang: str = "en") -> str:
    """Render a gap analysis; ``lang`` ``both`` gives English, then Chinese.

    Examples
    --------
    >>> from tiktok_team import gap
    >>> team = {"person": [{"name": "Ann", "roles": ["owner", "streamer"]}]}
    >>> render_gap_markdown(gap({"stage": "startup", "sourcing": "affiliate_pool"}, team)).splitlines()[0]
    '# Team gap'
    """
    return _bilingual(_gap_markdown, result, lang)


def _gap_markdown(result: Gap, lang: str) -> str:
    t = _T[lang]
    book = result.rulebook
    out = [f"# {t['gap']}", "", t["gap_summary"].format(team=result.team_size, plan=result.plan_headcount), ""]
    for key, roles in (("missing", result.missing), ("surplus", result.surplus)):
        out += [f"## {t[key]}", "", *([f"- {_name(book, r, lang)}" for r in roles] or [t["nothing"]]), ""]
    out += [f"## {t['conflicts']}", ""]
    held = [(md_text(c.person), " + ".join(_name(book, r, lang) for r in c.roles)) for c in result.conflicts]
    out += [f"- {person}: {roles}" for person, roles in held] or [t["nothing"]]
    out += ["", f"## {t['short']}", ""]
    rows = [[_name(book, s.role, lang), s.planned, s.held, s.short] for s in result.short]
    out += _table([t["role"], t["planned"], t["held"], "−"], rows) if rows else [t["nothing"]]
    out += ["", f"## {t['over_plan']}", ""]
    out += [
        f"- {t['held_by'].format(role=_name(book, o.role, lang), held=o.held, planned=o.planned)}" for o in result.over
    ]
    out += [] if result.over else [t["nothing"]]
    out += ["", f"## {t['twice']}", ""]
    out += [f"- {md_text(name)}" for name in result.named_twice] or [t["nothing"]]
    priced = money.gap_lines(result, lang)
    out += ["", f"## {money.words('gap_cost', lang)}", "", *(md_text(line) for line in priced)] if priced else []
    return "\n".join([*out, ""])


def render_verify_markdown(report: VerifyReport) -> str:
    """Render a verification report: a summary line, then each finding with its entry, file and example profiles.

    Examples
    --------
    >>> from tiktok_team import VerifyFinding, VerifyReport
    >>> found = VerifyFinding(kind="advice-never-given", message="advice 'x' is given in no plan",
    ...                 entry="x", file="mine.toml")
    >>> print(render_verify_markdown(VerifyReport(profiles=2304, findings=(found,))))
    # Rulebook verification
    <BLANKLINE>
    **1 defect** in 2304 profiles checked.
    <BLANKLINE>
    - **advice-never-given** `mine.toml:x` advice 'x' is given in no plan
    <BLANKLINE>
    """
    out = ["# Rulebook verification", ""]
    if report.clean:
        out += [f"Clean: checked {report.profiles} profiles, no defects found.", ""]
    else:
        count = len(report.findings)
        out += [f"**{count} {'defect' if count == 1 else 'defects'}** in {report.profiles} profiles checked.", ""]
    for finding in report.findings:
        out.append(_finding_line(finding))
        out += [f"  - e.g. {_code(json.dumps(p, ensure_ascii=False, sort_keys=True))}" for p in finding.profiles]
    if report.notes:
        out += [*([""] if report.findings else []), "Deliberate, not defects:", "", *map(_finding_line, report.notes)]
    return "\n".join([*out, ""])


def _finding_line(finding: VerifyFinding) -> str:
    where = ":".join(part for part in (finding.file, finding.entry) if part)
    return f"- **{finding.kind}** {f'{_code(where)} ' if where else ''}{md_text(finding.message)}"


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
