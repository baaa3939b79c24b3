"""Explanations: why a role is in a plan, and why another is not, in sentences that cite the sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._condition import Atom, Derived, Planned, derived_names, dnf, tested_facts, value_words, words
from ._dimensions import DIMENSIONS, dimension, join_words, state_words, value_in
from ._entries import Rule
from ._errors import PlanError
from ._profile import FACTS
from ._reasons import reason_sentence, role_name
from ._rulebook import Rulebook

if TYPE_CHECKING:
    from ._plan import Plan

__all__ = ["changes_words", "here_words", "why", "why_not", "would_change"]


def why(plan: Plan, role_id: str, lang: str = "en", detail: bool = False) -> str:
    """The text of :meth:`Plan.why`."""
    if lang == "both":
        return _both(why, plan, role_id, detail)
    role = plan.role(role_id)
    text = _TEXT[lang]
    book = plan.rulebook
    lines = [
        text["in"].format(
            name=_name(plan, role_id, lang),
            n=role.headcount,
            people=text["person" if role.headcount == 1 else "people"],
        )
    ]
    rules = [book.rules[reason.rule] for reason in role.reasons]
    for rule in sorted(rules, key=lambda r: (role_id in r.scale, r.id)):
        if role_id in rule.scale:
            verb = text["scales"].format(n=rule.scale[role_id])
        elif rule.split and role_id in rule.split.into:
            verb = text["splits_off"].format(other=_name(plan, rule.split.source_role, lang))
        else:
            verb = text["adds"]
        lines.append(_line(plan, rule, verb, lang, detail))
    for used in plan.assumptions:
        if role_id in used.roles:
            measure = book.workloads[role_id].measure
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
        belongs_to = book.duties[held.duty].belongs_to
        verb = text["holds"].format(duty=held.name.en if lang == "en" else held.name.zh)
        if belongs_to:
            unit = book.roles.get(belongs_to) or book.teams[belongs_to]
            verb += text["held_because"].format(owner=unit.en if lang == "en" else unit.zh)
        lines.extend(_line(plan, book.rules[reason.rule], verb, lang, detail) for reason in held.reasons)
    lines.extend(_overruled_lines(plan, role_id, lang, detail, won=True))
    lines.extend(_deferral_lines(plan, role_id, lang, detail))
    lines.append(would_change(plan, role_id, lang))
    return "\n".join(lines)


def _amount(value: float, currency: str) -> str:
    """An amount of money as the explanations write it: ``137,800 CNY``."""
    return f"{value:,.0f} {currency}" if float(value).is_integer() else f"{value:,.2f} {currency}"


def _deferral_lines(plan: Plan, role_id: str, lang: str, detail: bool) -> list[str]:
    """Where a budget defers seats of the role: how many, the rules that place it in the keep-order, and the budget
    that would staff it in full."""
    staffing = plan.staffing
    deferral = next((d for d in staffing.deferred if d.role == role_id), None) if staffing else None
    if staffing is None or deferral is None:
        return []
    text = _TEXT[lang]
    total = plan.role(role_id).headcount
    key, money = "deferred", {}
    if plan.cost is not None and staffing.monthly_budget is not None and deferral.staffed_from_cost is not None:
        key = "deferred_money" if plan.profile.headcount_budget is None else "deferred_both"
        money = {
            "money": _amount(staffing.monthly_budget, plan.cost.currency),
            "then_money": _amount(deferral.staffed_from_cost, plan.cost.currency),
        }
    lines = [
        text[key].format(
            **money,
            budget=staffing.budget,
            n=deferral.headcount,
            total=total,
            seats=text["seat" if total == 1 else "seats"],
            verb=text["is" if deferral.headcount == 1 else "are"],
            then=deferral.staffed_from,
        )
    ]
    rank = plan.role(role_id).rank
    for reason in deferral.reasons:
        lines.append(_line(plan, plan.rulebook.rules[reason.rule], text["ranked"].format(rank=rank), lang, detail))
    return lines


_MEASURE_WORDS = {
    "live_hours": ("live hours a day", "每日直播时长"),
    "videos_per_week": ("short videos a week", "每周短视频数"),
    "orders_per_day": ("orders a day", "每日订单数"),
    "ad_campaigns": ("ad campaigns", "投放计划数"),
}


def why_not(plan: Plan, role_id: str, lang: str = "en", detail: bool = False) -> str:
    """The text of :meth:`Plan.why_not`."""
    if lang == "both":
        return _both(why_not, plan, role_id, detail)
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
        verb = text["splits"].format(others=into) if split else text["removes"]
        lines.append(_line(plan, rule, verb, lang, detail))
    lines.extend(_overruled_lines(plan, role_id, lang, detail, won=False))
    if not removers:
        adders = [r for r in plan.rulebook.rules.values() if role_id in r.roles_added()]
        if not adders:
            lines.append(text["no_rule"])
        for rule in adders:
            sentence = reason_sentence(plan.rulebook, rule, text["would_add"], lang, detail=detail)
            lines.append(f"- {sentence}{_actual(plan, rule, lang)}")
    lines.append(would_change(plan, role_id, lang))
    return "\n".join(lines)


# --- counterfactuals: what would change whether a role is in the plan ------------------------------------------

_WOULD: dict[str, dict[str, str]] = {
    "en": {
        "in": "It would be in the plan if the business {changes}.",
        "out": "It would leave the plan if the business {changes}.",
        "never_in": "No change of the stage, the sourcing, the formats or the yes/no facts would bring it into the "
        "plan (the headcount budget and the workload are kept as they are).",
        "never_out": "No change of the stage, the sourcing, the formats or the yes/no facts would take it out of the "
        "plan (the headcount budget and the workload are kept as they are).",
    },
    "zh": {
        "in": "若{changes}，该岗位就会纳入方案。",
        "out": "若{changes}，该岗位就会移出方案。",
        "never_in": "无论怎样改变阶段、货源、内容形式或各项是/否事实，该岗位都不会纳入方案"
        "（人员预算和工作量保持不变）。",
        "never_out": "无论怎样改变阶段、货源、内容形式或各项是/否事实，该岗位都不会移出方案"
        "（人员预算和工作量保持不变）。",
    },
}


def would_change(plan: Plan, role_id: str, lang: str) -> str:
    """The sentence that ends :meth:`Plan.why` and :meth:`Plan.why_not`: the smallest changes of the profile that
    would take the role out of the plan, or bring it in (:meth:`Plan.would_remove`, :meth:`Plan.would_need`).

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> print(would_change(recommend({"stage": "growth", "sourcing": "own_stock"}), "ad_buyer", "en"))
    It would be in the plan if the business bought paid traffic.
    """
    found = plan.counterfactuals()
    planned = role_id in found.would_remove
    alternatives = found.would_remove[role_id] if planned else found.would_need[role_id]
    text = _WOULD[lang]
    if not alternatives:
        return text["never_out" if planned else "never_in"]
    return text["out" if planned else "in"].format(changes=join_words([alt.words(lang) for alt in alternatives], lang))


def changes_words(plan: Plan, role_id: str, lang: str) -> str:
    """The smallest changes that would bring ``role_id`` into the plan (or take it out), as a short phrase: "if it
    bought paid traffic, or were at the growth stage and ran short videos".

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> changes_words(recommend({"stage": "growth", "sourcing": "own_stock"}), "ad_buyer", "zh")
    '若购买付费流量'
    """
    found = plan.counterfactuals()
    alternatives = found.would_remove.get(role_id, found.would_need.get(role_id, ()))
    if not alternatives:
        return _WORDS[lang]["no_change"]
    return _WORDS[lang]["if"] + join_words([alt.words(lang) for alt in alternatives], lang)


def here_words(plan: Plan, role_id: str, lang: str) -> str:
    """What about this business keeps ``role_id`` out of the plan, in words: the condition of each fired rule that
    removes it, as it holds here ("picks from the affiliate pool"); else the current state of every fact that the
    changes bringing it in would change ("at the startup stage; no paid traffic").

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> plan = recommend({"stage": "startup", "sourcing": "affiliate_pool"})
    >>> here_words(plan, "customer_service", "en"), here_words(plan, "ad_buyer", "en")
    ('picks from the affiliate pool', 'no paid traffic')
    """
    book = plan.rulebook
    facts = plan.profile.facts()
    said: list[str] = []
    for rule_id, firing in plan.outcome.fired.items():
        if role_id in book.rules[rule_id].roles_removed():
            conjunct = dnf(book.rules[rule_id].when)[firing.alternative]
            said += [_literal_here(plan, lit.atom, lit.positive, facts, lang) for lit in conjunct] or [
                _WORDS[lang]["always"]
            ]
    if not said:
        changed = {dim for alt in plan.counterfactuals().would_need.get(role_id, ()) for dim, _ in alt.changes}
        said = [state_words(dim, value_in(facts, dim), lang) for dim in DIMENSIONS if dim in changed]
    if not said:
        return _WORDS[lang][
            "out_of_scope" if any(role_id in r.roles_added() for r in book.rules.values()) else "no_rule"
        ]
    return ("; " if lang == "en" else "；").join(dict.fromkeys(said))


def _literal_here(plan: Plan, atom: Atom, positive: bool, facts: dict[str, Any], lang: str) -> str:
    """A literal of a condition that holds here, in words: a fact's current state, or a derived fact."""
    if isinstance(atom, Derived):
        label = _derived_words(plan.rulebook, lang)[atom.name]
        return label if positive else (f"not: {label}" if lang == "en" else f"并非{label}")
    dim = None if isinstance(atom, Planned) else dimension(atom)
    if dim is None:  # a fact out of the counterfactuals' scope (the headcount budget): the test as it reads
        said = words(atom, lang, {})
        return said if positive else (f"not {said}" if lang == "en" else f"非{said}")
    return state_words(dim, value_in(facts, dim), lang)


_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "if": "if it ",
        "no_change": "no change of the stage, sourcing, formats or yes/no facts",
        "always": "always",
        "no_rule": "no rule adds it",
        "out_of_scope": "only with another headcount budget or workload",
    },
    "zh": {
        "if": "若",
        "no_change": "改变阶段、货源、内容形式或是/否事实均无法做到",
        "always": "总是",
        "no_rule": "没有规则加入该岗位",
        "out_of_scope": "只有改变人员预算或工作量才可能",
    },
}


def _both(explain: Any, plan: Plan, role_id: str, detail: bool = False) -> str:
    """An explanation in English, a blank line, then in Chinese."""
    return f"{explain(plan, role_id, 'en', detail)}\n\n{explain(plan, role_id, 'zh', detail)}"


def _name(plan: Plan, role_id: str, lang: str) -> str:
    return role_name(plan.rulebook, role_id, lang)


def _line(plan: Plan, rule: Rule, verb: str, lang: str, detail: bool) -> str:
    """A reason as a list item: what the rule does and why, plain words first, the citation after (the rule's id
    with ``detail``); the part of its condition that held where the rule fired."""
    firing = plan.outcome.fired.get(rule.id)
    alternative = None if firing is None else firing.alternative
    return "- " + reason_sentence(plan.rulebook, rule, verb, lang, alternative=alternative, detail=detail)


def _actual(plan: Plan, rule: Rule, lang: str) -> str:
    facts = plan.profile.facts()
    shown = []
    for name in sorted(tested_facts(rule.when)):
        label = FACTS[name].en if lang == "en" else FACTS[name].zh
        shown.append(f"{label} {'is' if lang == 'en' else '为'} {value_words(facts[name], lang)}")
    for name in sorted(_derived_in(rule)):
        state = name in plan.outcome.derived
        label = _derived_words(plan.rulebook, lang)[name]
        shown.append(label if state else (f"not: {label}" if lang == "en" else f"并非{label}"))
    if not shown:
        return ""
    return _TEXT[lang]["here"].format(facts=("; " if lang == "en" else "；").join(shown))


def _overruled_lines(plan: Plan, role_id: str, lang: str, detail: bool, won: bool) -> list[str]:
    text = _TEXT[lang]
    return [
        _line(plan, plan.rulebook.rules[rule_id], text["lost_remove" if won else "lost_add"], lang, detail)
        for rule_id in plan.overruled.get(role_id, ())
    ]


_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "in": "{name} is in the plan: {n} {people}.",
        "out": "{name} is not in the plan.",
        "person": "person",
        "people": "people",
        "adds": "added",
        "removes": "left out",
        "scales": "sized at {n} people",
        "splits": "split into {others}",
        "splits_off": "split off from {other}",
        "would_add": "would be added",
        "lost_remove": "would be left out, but precedence overrules it",
        "lost_add": "would be added, but precedence overrules it",
        "no_rule": "- No rule of the rulebook adds it.",
        "holds": "also given {duty}",
        "held_because": " (there is no {owner} in this plan)",
        "ranked": "placed {rank} in the keep-order (0 is kept longest)",
        "deferred": "- Under the headcount budget of {budget}, {n} of its {total} {seats} {verb} deferred; a budget of "
        "{then} would staff it in full.",
        "deferred_money": "- Under the monthly budget of {money}, {n} of its {total} {seats} {verb} deferred; a "
        "monthly budget of {then_money} would staff it in full.",
        "deferred_both": "- Under the budget of {budget} people and {money} a month, {n} of its {total} {seats} {verb} "
        "deferred; a budget of {then} people and {then_money} a month would staff it in full.",
        "seat": "seat",
        "seats": "seats",
        "is": "is",
        "are": "are",
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
        "removes": "不设该岗位",
        "scales": "人数定为{n}人",
        "splits": "将其拆分为{others}",
        "splits_off": "将其从{other}中拆分出来",
        "would_add": "会加入该岗位",
        "lost_remove": "本应不设该岗位，但按优先级被否决",
        "lost_add": "本应加入该岗位，但按优先级被否决",
        "no_rule": "- 规则库中没有加入该岗位的规则。",
        "holds": "让其兼管{duty}",
        "held_because": "（本方案没有{owner}）",
        "ranked": "在保留顺序中排第{rank}位（0最后暂缓）",
        "deferred": "- 在{budget}人的人员预算下，其{total}个编制中有{n}个暂缓招聘；预算达到{then}人即可全部配齐。",
        "deferred_money": "- 在每月{money}的预算下，其{total}个编制中有{n}个暂缓招聘；"
        "每月预算达到{then_money}即可全部配齐。",
        "deferred_both": "- 在{budget}人、每月{money}的预算下，其{total}个编制中有{n}个暂缓招聘；预算达到{then}人、每月"
        "{then_money}即可全部配齐。",
        "seat": "",
        "seats": "",
        "is": "",
        "are": "",
        "here": "当前：{facts}。",
        "workload": "- 人数{n}由工作量得出：{measure}{amount}，每人{value}（{unit}；假设 {id}，{origin}）。",
        "yours": "你的设定",
        "default": "默认值",
    },
}


def _derived_words(book: Rulebook, lang: str) -> dict[str, str]:
    return {name: (fact.en if lang == "en" else fact.zh) for name, fact in book.derived.items()}


def _derived_in(rule: Rule) -> set[str]:
    return {name for name, _ in derived_names(rule.when)}
