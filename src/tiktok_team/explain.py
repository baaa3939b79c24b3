"""Explanations: why a role is in a plan, and why another is not, in sentences that cite the sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .condition import Test, derived_names, dnf, value_words, words
from .entries import Rule
from .errors import PlanError
from .profile import FACTS
from .rulebook import Rulebook

if TYPE_CHECKING:
    from .plan import Plan

__all__ = ["why", "why_not"]


def why(plan: Plan, role_id: str, lang: str = "en") -> str:
    """The text of :meth:`Plan.why`."""
    role = plan.role(role_id)
    text = _TEXT[lang]
    lines = [
        text["in"].format(
            name=_name(plan, role_id, lang),
            n=role.headcount,
            people=text["person" if role.headcount == 1 else "people"],
        )
    ]
    rules = [plan.rulebook.rules[reason.rule] for reason in role.reasons]
    for rule in sorted(rules, key=lambda r: (role_id in r.scale, r.id)):
        if role_id in rule.scale:
            verb = text["scales"].format(n=rule.scale[role_id])
        elif rule.split and role_id in rule.split.into:
            verb = text["splits_off"].format(other=_name(plan, rule.split.source_role, lang))
        else:
            verb = text["adds"]
        lines.append(_line(plan, rule, verb, lang))
    for used in plan.assumptions:
        if role_id in used.roles:
            measure = plan.rulebook.workloads[role_id].measure
            lines.append(
                text["workload"].format(
                    n=role.headcount,
                    measure=_MEASURE_WORDS[measure][lang == "zh"],
                    amount=f"{plan.profile.workload()[measure]:g}",
                    value=f"{used.value:g}",
                    unit=used.unit,
                    id=used.id,
                    origin=text["yours" if used.overridden else "default"],
                )
            )
    for held in role.holds:
        belongs_to = plan.rulebook.duties[held.duty].belongs_to
        verb = text["holds"].format(duty=held.name.en if lang == "en" else held.name.zh)
        if belongs_to:
            unit = plan.rulebook.roles.get(belongs_to) or plan.rulebook.teams[belongs_to]
            verb += text["held_because"].format(owner=unit.en if lang == "en" else unit.zh)
        lines.extend(_line(plan, plan.rulebook.rules[reason.rule], verb, lang) for reason in held.reasons)
    lines.extend(_overruled_lines(plan, role_id, lang, won=True))
    return "\n".join(lines)


_MEASURE_WORDS = {
    "live_hours": ("live hours a day", "每日直播时长"),
    "videos_per_week": ("short videos a week", "每周短视频数"),
    "orders_per_day": ("orders a day", "每日订单数"),
    "ad_campaigns": ("ad campaigns", "投放计划数"),
}


def why_not(plan: Plan, role_id: str, lang: str = "en") -> str:
    """The text of :meth:`Plan.why_not`."""
    plan.check_role(role_id)
    if any(role.id == role_id for role in plan.roles):
        raise PlanError(f"'{role_id}' is in this plan; ask why('{role_id}')")
    text = _TEXT[lang]
    lines = [text["out"].format(name=_name(plan, role_id, lang))]
    fired = plan.outcome.fired
    removers = [r for r in plan.rulebook.rules.values() if r.id in fired and role_id in r.roles_removed()]
    for rule in removers:
        split = rule.split if rule.split and rule.split.source_role == role_id else None
        into = ", ".join(_name(plan, r, lang) for r in split.into) if split else ""
        lines.append(_line(plan, rule, text["splits"].format(others=into) if split else text["removes"], lang))
    lines.extend(_overruled_lines(plan, role_id, lang, won=False))
    if not removers:
        adders = [r for r in plan.rulebook.rules.values() if role_id in r.roles_added()]
        if not adders:
            lines.append(text["no_rule"])
        for rule in adders:
            lines.append(_line(plan, rule, text["would_add"], lang, when=True) + _actual(plan, rule, lang))
    return "\n".join(lines)


def _name(plan: Plan, role_id: str, lang: str) -> str:
    role = plan.rulebook.roles[role_id]
    return f"{role.en} ({role.zh})" if lang == "en" else f"{role.zh}（{role.en}）"


def _line(plan: Plan, rule: Rule, verb: str, lang: str, when: bool = False) -> str:
    text = _TEXT[lang]
    condition = words(rule.when, lang, _derived_words(plan.rulebook, lang))
    link = text["when" if when else "because"]
    basis = text[rule.basis]
    because = rule.because if lang == "en" else rule.because_zh
    if because:
        basis = text["basis_because"].format(basis=basis, because=because.rstrip(".。"))
    elif rule.because:  # an overlay may give its reason in English only; say so
        basis = text["basis_because_en"].format(basis=basis, because=rule.because.rstrip("."))
    return text["line"].format(
        rule=rule.id,
        verb=verb,
        link=link,
        condition=condition,
        source=rule.source,
        section=rule.section,
        guidance=rule.guidance,
        basis=basis,
    )


def _actual(plan: Plan, rule: Rule, lang: str) -> str:
    facts = plan.profile.facts()
    shown = []
    for name in _tested_facts(rule):
        label = FACTS[name].en if lang == "en" else FACTS[name].zh
        shown.append(f"{label} {'is' if lang == 'en' else '为'} {value_words(facts[name], lang)}")
    for name in sorted(_derived_in(rule)):
        state = name in plan.outcome.derived
        label = _derived_words(plan.rulebook, lang)[name]
        shown.append(label if state else (f"not: {label}" if lang == "en" else f"并非{label}"))
    if not shown:
        return ""
    return _TEXT[lang]["here"].format(facts=("; " if lang == "en" else "；").join(shown))


def _overruled_lines(plan: Plan, role_id: str, lang: str, won: bool) -> list[str]:
    text = _TEXT[lang]
    return [
        _line(plan, plan.rulebook.rules[rule_id], text["lost_remove" if won else "lost_add"], lang)
        for rule_id in plan.overruled.get(role_id, ())
    ]


_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "in": "{name} is in the plan: {n} {people}.",
        "out": "{name} is not in the plan.",
        "person": "person",
        "people": "people",
        "adds": "adds it",
        "removes": "removes it",
        "scales": "sets its headcount to {n}",
        "splits": "splits it into {others}",
        "splits_off": "splits it off from {other}",
        "would_add": "would add it",
        "lost_remove": "would remove it but is overruled by precedence",
        "lost_add": "would add it but is overruled by precedence",
        "no_rule": "- No rule of the rulebook adds it.",
        "holds": "gives it {duty} too",
        "held_because": " (there is no {owner} in this plan)",
        "basis_because": "{basis}: {because}",
        "basis_because_en": "{basis}: {because}",
        "because": "because",
        "when": "when",
        "stated": "stated",
        "inferred": "inferred",
        "line": "- Rule {rule} {verb}, {link} {condition} [{source} {section}, {guidance}, {basis}].",
        "here": " Here: {facts}.",
        "workload": "- Its headcount, {n}, comes from the workload: {amount} {measure} at {value} {unit} per person "
        "(assumption {id}, {origin}).",
        "yours": "your value",
        "default": "the default",
    },
    "zh": {
        "in": "{name}在方案中：{n}人。",
        "out": "{name}不在方案中。",
        "person": "人",
        "people": "人",
        "adds": "加入该岗位",
        "removes": "去掉该岗位",
        "scales": "将人数设为{n}",
        "splits": "将其拆分为{others}",
        "splits_off": "将其从{other}中拆分出来",
        "would_add": "可加入该岗位",
        "lost_remove": "本应去掉该岗位，但按优先级被否决",
        "lost_add": "本应加入该岗位，但按优先级被否决",
        "no_rule": "- 规则库中没有加入该岗位的规则。",
        "holds": "让其兼管{duty}",
        "held_because": "（本方案没有{owner}）",
        "basis_because": "{basis}：{because}",
        "basis_because_en": "{basis}（仅有英文说明）：{because}",
        "because": "因为",
        "when": "条件是",
        "stated": "原文明示",
        "inferred": "推断",
        "line": "- 规则 {rule} {verb}，{link}{condition}【{source} {section}，{guidance}，{basis}】。",
        "here": "当前：{facts}。",
        "workload": "- 人数{n}由工作量得出：{measure}{amount}，每人{value}（{unit}；假设 {id}，{origin}）。",
        "yours": "你的设定",
        "default": "默认值",
    },
}


def _derived_words(book: Rulebook, lang: str) -> dict[str, str]:
    return {name: (fact.en if lang == "en" else fact.zh) for name, fact in book.derived.items()}


def _tested_facts(rule: Rule) -> list[str]:
    return sorted({lit.atom.fact for conj in dnf(rule.when) for lit in conj if isinstance(lit.atom, Test)})


def _derived_in(rule: Rule) -> set[str]:
    return {name for name, _ in derived_names(rule.when)}
