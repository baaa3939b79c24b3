"""The markdown report: the team by department with headcount, why each role is there, what was left out and
why, and the advice. In English (``en``) or Chinese (``zh``)."""

from __future__ import annotations

from collections.abc import Iterable

from ..condition import value_words
from ..plan import Plan, Reason
from ..profile import FACTS
from ..rulebook import OWNER

__all__ = ["render_markdown"]

_T = {
    "en": {
        "title": "Team plan",
        "profile": "Profile",
        "summary": "**{roles} roles, {people} people** when every role has its own people.",
        "leadership": "Leadership",
        "role": "Role",
        "people": "People",
        "duties": "Duties",
        "why": "Why (rules)",
        "left_out": "Left out",
        "removed": "removed by",
        "would": "would be added by",
        "none": "no rule adds it",
        "advice": "Advice",
        "sources": "Sources",
        "explain": "Ask `tiktok-team explain FILE ROLE` for the full reasoning behind any role.",
    },
    "zh": {
        "title": "团队方案",
        "profile": "业务资料",
        "summary": "**共 {roles} 个岗位，{people} 人**（每个岗位单独配人时）。",
        "leadership": "决策层",
        "role": "岗位",
        "people": "人数",
        "duties": "职责",
        "why": "依据（规则）",
        "left_out": "未纳入的岗位",
        "removed": "被以下规则去掉：",
        "would": "可由以下规则加入：",
        "none": "没有规则加入该岗位",
        "advice": "建议",
        "sources": "来源",
        "explain": "运行 `tiktok-team explain FILE ROLE` 查看任一岗位的完整推理。",
    },
}


def render_markdown(plan: Plan, lang: str = "en") -> str:
    """Render a plan as a markdown report a seller can read.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> report = render_markdown(recommend({"stage": "startup", "sourcing": "own_stock"}))
    >>> report.splitlines()[0]
    '# Team plan: startup, own stock'
    """
    t = _T[lang]
    book = plan.rulebook
    facts = plan.profile.facts()

    def name(unit_en: str, unit_zh: str) -> str:
        return f"{unit_en} ({unit_zh})" if lang == "en" else f"{unit_zh}（{unit_en}）"

    def cite(reasons: Iterable[Reason]) -> str:
        return "; ".join(f"`{r.rule}` {r.source} {r.section}, {r.guidance}" for r in reasons)

    sep = ", " if lang == "en" else "，"
    title = sep.join(value_words(facts[f], lang) for f in ("stage", "sourcing"))
    out = [f"# {t['title']}: {title}", "", f"## {t['profile']}", ""]
    for fact, spec in FACTS.items():
        label = spec.en if lang == "en" else spec.zh
        out.append(f"- {label}: {value_words(facts[fact], lang)}")
    out += ["", t["summary"].format(roles=len(plan.roles), people=plan.headcount), ""]

    groups: dict[str, list[str]] = {}
    for role in plan.roles:
        groups.setdefault(role.department or OWNER, []).append(role.id)
    for group in [OWNER, *sorted(g for g in groups if g != OWNER)]:
        if group not in groups:
            continue
        if group == OWNER:
            out.append(f"## {t['leadership']}")
        else:
            dep = book.departments[group]
            out.append(f"## {name(dep.en, dep.zh)}")
        out += [
            "",
            f"| {t['role']} | {t['people']} | {t['duties']} | {t['why']} |",
            "| --- | ---: | --- | --- |",
        ]
        for role_id in sorted(groups[group], key=lambda r: (book.roles[r].team or "", r)):
            role = plan.role(role_id)
            entry = book.roles[role_id]
            duties = entry.duties if lang == "en" or not entry.duties_zh else entry.duties_zh
            team = book.teams[entry.team] if entry.team else None
            label = name(entry.en, entry.zh) + (f" · {team.en if lang == 'en' else team.zh}" if team else "")
            out.append(f"| {label} | {role.headcount} | {'<br>'.join(duties)} | {cite(role.reasons)} |")
        out.append("")

    out += [f"## {t['left_out']}", "", f"| {t['role']} | {t['why']} |", "| --- | --- |"]
    fired = plan.outcome.fired
    for left in plan.excluded:
        entry = book.roles[left.id]
        removed = [r for r in left.reasons if r.rule in fired]
        if removed:
            why = f"{t['removed']} {cite(removed)}"
        elif left.reasons:
            why = f"{t['would']} {cite(left.reasons)}"
        else:
            why = t["none"]
        out.append(f"| {name(entry.en, entry.zh)} | {why} |")
    out += ["", f"## {t['advice']}", ""]
    for advice in plan.advice:
        text = advice.text.en if lang == "en" else advice.text.zh
        out.append(f"- {text} ({cite(advice.reasons)})")
    out += ["", f"## {t['sources']}", ""]
    for source in book.sources.values():
        out.append(f"- `{source.key}`: {source.title}, {source.author}, {source.date}")
    out += ["", t["explain"], ""]
    return "\n".join(out)
