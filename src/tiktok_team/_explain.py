"""Explanations: why a role is in a plan, and why another is not, in sentences that cite the sources."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._condition import Atom, Derived, Planned, Test, derived_names, dnf, value_words, words
from ._dimensions import DIMENSIONS, ChangeScope, dimension, join_words, state_words, value_in
from ._entries import Rule
from ._errors import PlanError
from ._precedence import role_sides
from ._presence import group_of
from ._profile import FACTS
from ._reasons import reason_sentence, role_name
from ._rulebook import Rulebook
from ._verbs import held_verb, left_out_verb, overruled_verb, ranked_verb, role_verb

if TYPE_CHECKING:
    from ._plan import Plan

__all__ = [
    "changes_words",
    "here_words",
    "why",
    "why_not",
    "would_add",
    "would_change",
]


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
        lines.append(_line(plan, rule, role_verb(book, rule, role_id, lang), lang, detail))
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
        verb = held_verb(book, held.duty, lang)
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
    verb = ranked_verb(plan.role(role_id).rank, lang)
    lines.extend(_line(plan, plan.rulebook.rules[reason.rule], verb, lang, detail) for reason in deferral.reasons)
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
    adders, removing = role_sides(plan.rulebook, role_id)
    removers = [rule for rule in removing if rule.id in fired]
    for rule in removers:
        lines.append(_line(plan, rule, left_out_verb(plan.rulebook, rule, role_id, lang), lang, detail))
    lines.extend(_overruled_lines(plan, role_id, lang, detail, won=False))
    if not removers:
        if not adders:
            lines.append(text["no_rule"])
        facts, derived = plan.profile.facts(), plan.outcome.derived
        lines.extend(f"- {would_add(plan.rulebook, rule, facts, derived, lang, detail=detail)}" for rule in adders)
    lines.append(would_change(plan, role_id, lang))
    return "\n".join(lines)


# --- a rule that would add a role left out --------------------------------------------------------------------


def would_add(
    book: Rulebook, rule: Rule, facts: Mapping[str, Any], derived: frozenset[str], lang: str, *, detail: bool = False
) -> str:
    """The sentence of a rule that would add a role left out (it does not fire): its whole condition, then what the
    facts it tests are here (the profile's ``facts`` and the ``derived`` facts).

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> facts = {"stage": "startup", "paid_ads": False}
    >>> print(would_add(book, book.rules["growth-ad-buyer"], facts, frozenset(), "en"))  # doctest: +ELLIPSIS
    From the growth stage on, would be added because the business buys paid traffic [...]. Here: ...
    """
    sentence = reason_sentence(book, rule, _TEXT[lang]["would_add"], lang, detail=detail)
    return sentence + _actual(book, rule, facts, derived, lang)


# --- counterfactuals: what would change whether a role is in the plan ------------------------------------------

_WOULD: dict[str, dict[str, str]] = {
    "en": {
        "in": "It would be in the plan if the business {changes}.",
        "out": "It would leave the plan if the business {changes}.",
        "never_in": "No change of the stage, the sourcing, the formats or the yes/no facts would bring it into the "
        "plan (the headcount budget and the workload are kept as they are).",
        "never_out": "No change of the stage, the sourcing, the formats or the yes/no facts would take it out of the "
        "plan (the headcount budget and the workload are kept as they are).",
        "never_in_held": "No change would bring it into the plan with {held} (the headcount budget and the workload "
        "are kept as they are).",
        "never_out_held": "No change would take it out of the plan with {held} (the headcount budget and the "
        "workload are kept as they are).",
    },
    "zh": {
        "in": "若{changes}，该岗位就会纳入方案。",
        "out": "若{changes}，该岗位就会移出方案。",
        "never_in": "无论怎样改变阶段、货源、内容形式或各项是/否事实，该岗位都不会纳入方案"
        "（人员预算和工作量保持不变）。",
        "never_out": "无论怎样改变阶段、货源、内容形式或各项是/否事实，该岗位都不会移出方案"
        "（人员预算和工作量保持不变）。",
        "never_in_held": "在{held}的前提下，任何改变都不会让该岗位纳入方案（人员预算和工作量保持不变）。",
        "never_out_held": "在{held}的前提下，任何改变都不会让该岗位移出方案（人员预算和工作量保持不变）。",
    },
}
_HELD_JOINER = {"en": " and ", "zh": "、"}


def would_change(plan: Plan, role_id: str, lang: str) -> str:
    """The sentence that ends :meth:`Plan.why` and :meth:`Plan.why_not`: the smallest changes of the profile that
    would take the role out of the plan, or bring it in (:meth:`Plan.would_remove`, :meth:`Plan.would_need`), within
    the plan's scope. When none would, and the plan holds fixed a fact the role depends on (:attr:`Plan.keep`, or a
    stage that only moves forward) without which some change would do, the sentence names what is held.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> plan = recommend({"stage": "growth", "sourcing": "own_stock"})
    >>> print(would_change(plan, "ad_buyer", "en"))
    It would be in the plan if the business bought paid traffic.
    >>> print(would_change(plan, "customer_service", "en"))
    No change would bring it into the plan with the stage moving only forward from growth (the headcount budget
    and the workload are kept as they are).
    >>> print(would_change(plan.keeping(backward=True), "customer_service", "en"))
    It would be in the plan if the business went back to the startup stage.
    """
    found = plan.counterfactuals()
    planned = role_id in found.would_remove
    alternatives = found.would_remove[role_id] if planned else found.would_need[role_id]
    text = _WOULD[lang]
    if alternatives:
        return text["out" if planned else "in"].format(
            changes=join_words([alt.words(lang) for alt in alternatives], lang)
        )
    held = _held(plan, role_id, lang)
    if held:
        return text["never_out_held" if planned else "never_in_held"].format(held=_HELD_JOINER[lang].join(held))
    return text["never_out" if planned else "never_in"]


def changes_words(plan: Plan, role_id: str, lang: str) -> str:
    """The smallest changes that would bring ``role_id`` into the plan (or take it out), as a short phrase: "if it
    bought paid traffic, or were at the growth stage and ran short videos"; when none would within the plan's
    scope, what it holds fixed that the role depends on ("not with sourcing kept as the affiliate pool").

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> changes_words(recommend({"stage": "growth", "sourcing": "own_stock"}), "ad_buyer", "zh")
    '若购买付费流量'
    >>> changes_words(recommend({"stage": "growth", "sourcing": "affiliate_pool"}, keep="sourcing"), "logistics", "en")
    'not with sourcing kept as the affiliate pool'
    """
    found = plan.counterfactuals()
    alternatives = found.would_remove.get(role_id, found.would_need.get(role_id, ()))
    if alternatives:
        return _WORDS[lang]["if"] + join_words([alt.words(lang) for alt in alternatives], lang)
    held = _held(plan, role_id, lang)
    if held:
        return _WORDS[lang]["held"].format(held=_HELD_JOINER[lang].join(held))
    return _WORDS[lang]["no_change"]


def _held(plan: Plan, role_id: str, lang: str) -> list[str]:
    """What the plan's scope holds fixed that would otherwise bring ``role_id`` in or take it out, in words."""
    return ChangeScope(plan.keep, plan.backward).limits(plan.profile.facts(), _held_dims(plan, role_id), lang)


def _held_dims(plan: Plan, role_id: str) -> list[str]:
    """The dimensions whose changes the plan's scope takes away from the smallest changes that would otherwise
    bring ``role_id`` in or take it out (with nothing kept and the stage free to go back): empty when the scope
    takes away none of them, or when no change at all would do."""
    scope = ChangeScope(plan.keep, plan.backward)
    facts = plan.profile.facts()
    if not scope.limited(facts, group_of(plan.rulebook, role_id).dims):
        return []
    free = plan.keeping((), backward=True).counterfactuals()
    alternatives = free.would_remove.get(role_id, free.would_need.get(role_id, ()))
    held = {dim for alt in alternatives for dim, value in alt.changes if value not in scope.options(facts, dim)}
    return [dim for dim in DIMENSIONS if dim in held]


def here_words(plan: Plan, role_id: str, lang: str) -> str:
    """What about this business keeps ``role_id`` out of the plan, in words: the condition of each fired rule that
    removes it, as it holds here ("picks from the affiliate pool"); else the current state of every fact that the
    changes bringing it in would change ("at the startup stage; no paid traffic"), or, when the plan's scope allows
    none, of every fact it depends on that the scope holds.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> plan = recommend({"stage": "startup", "sourcing": "affiliate_pool"})
    >>> here_words(plan, "customer_service", "en"), here_words(plan, "ad_buyer", "en")
    ('picks from the affiliate pool', 'no paid traffic')
    >>> here_words(plan.keeping("paid_ads"), "ad_buyer", "en")
    'no paid traffic'
    """
    book = plan.rulebook
    facts = plan.profile.facts()
    said: list[str] = []
    fired = plan.outcome.fired
    removers = [rule.id for rule in role_sides(book, role_id)[1] if rule.id in fired]
    if len(removers) > 1:
        removers.sort(key=list(fired).index)  # in the order they fired
    for rule_id in removers:
        conjunct = dnf(book.rules[rule_id].when)[fired[rule_id].alternative]
        said += [_literal_here(plan, lit.atom, lit.positive, facts, lang) for lit in conjunct] or [
            _WORDS[lang]["always"]
        ]
    if not said:
        changed = {dim for alt in plan.counterfactuals().would_need.get(role_id, ()) for dim, _ in alt.changes}
        if not changed:
            changed = set(_held_dims(plan, role_id))
        said = [state_words(dim, value_in(facts, dim), lang) for dim in DIMENSIONS if dim in changed]
    if not said:
        return _WORDS[lang]["out_of_scope" if role_sides(book, role_id)[0] else "no_rule"]
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
        "held": "not with {held}",
        "always": "always",
        "no_rule": "no rule adds it",
        "out_of_scope": "only with another headcount budget or workload",
    },
    "zh": {
        "if": "若",
        "no_change": "改变阶段、货源、内容形式或是/否事实均无法做到",
        "held": "在{held}的前提下无法做到",
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


def _actual(book: Rulebook, rule: Rule, facts: Mapping[str, Any], derived: frozenset[str], lang: str) -> str:
    dims, others, derived_tested = _tested(book, rule)
    shown = [state_words(dim, value_in(facts, dim), lang) for dim in dims]
    for name in others:  # the budget: as the test reads
        label = FACTS[name].en if lang == "en" else FACTS[name].zh
        shown.append(f"{label} {'is' if lang == 'en' else '为'} {value_words(facts[name], lang)}")
    for name in derived_tested:
        state = name in derived
        label = _derived_words(book, lang)[name]
        shown.append(label if state else (f"not: {label}" if lang == "en" else f"并非{label}"))
    if not shown:
        return ""
    return _TEXT[lang]["here"].format(facts=("; " if lang == "en" else "；").join(shown))


def _tested(book: Rulebook, rule: Rule) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """What ``rule``'s condition tests, as :func:`_actual` says it: the dimensions of the counterfactuals in their
    order, the other facts and the derived facts by name (kept in the rulebook's cache, by rule)."""
    tested: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = book.cache.setdefault(
        "explain-tested", {}
    )
    found = tested.get(rule.id)
    if found is None:
        atoms = {lit.atom for conjunct in dnf(rule.when) for lit in conjunct if isinstance(lit.atom, Test)}
        dims = {dimension(atom) for atom in atoms}
        found = tested[rule.id] = (
            tuple(dim for dim in DIMENSIONS if dim in dims),
            tuple(sorted({atom.fact for atom in atoms if dimension(atom) is None})),
            tuple(sorted(_derived_in(rule))),
        )
    return found


def _overruled_lines(plan: Plan, role_id: str, lang: str, detail: bool, won: bool) -> list[str]:
    return [
        _line(plan, plan.rulebook.rules[rule_id], overruled_verb(won, lang), lang, detail)
        for rule_id in plan.overruled.get(role_id, ())
    ]


_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "in": "{name} is in the plan: {n} {people}.",
        "out": "{name} is not in the plan.",
        "person": "person",
        "people": "people",
        "would_add": "would be added",
        "no_rule": "- No rule of the rulebook adds it.",
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
        "would_add": "会加入该岗位",
        "no_rule": "- 规则库中没有加入该岗位的规则。",
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
