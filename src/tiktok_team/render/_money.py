"""Money in words: the sentences and figures every report uses to say what a team costs, in English or Chinese.

Each function returns plain text in one language (``en`` or ``zh``); the markdown and HTML renderers escape it and
set it out. They only present what the plan, the staffing or the difference already holds (:mod:`tiktok_team._cost`,
:mod:`tiktok_team._budget`): nothing is priced here.

Examples
--------
>>> amount(15600.0, "CNY"), amount(99.5, "USD"), change(-2400.0, "CNY")
('15,600 CNY', '99.50 USD', '−2,400 CNY')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .._cost import PlanCost
from .._plan import Deferral, Plan, Staffing
from .._rulebook import Rulebook

if TYPE_CHECKING:  # a plan's report never imports the modules of the other answers
    from .._diff import PlanDiff
    from .._gap import Gap
    from .._roadmap import Roadmap, RoadmapStep

__all__ = [
    "amount",
    "change",
    "cost_line",
    "department_rows",
    "diff_line",
    "gap_lines",
    "hire_cost",
    "money_over",
    "next_seat_line",
    "person_cost",
    "profile_lines",
    "role_cost",
    "staffing_money_lines",
    "staffing_title",
    "step_line",
    "wait_cost",
    "within_title",
    "words",
]

_WORDS = {
    "en": {
        "cost": "Monthly cost: {total} with every role its own people ({basis}).",
        "basis_on_cost": "pay times an on-cost of {on_cost:g}",
        "basis_pay": "pay as given",
        "shared": " A shared seat is one person, paid the higher pay of its two roles.",
        "unpriced": " Not counted: {roles}, which have no pay in the table.",
        "departments": "Monthly cost by department",
        "department": "Department",
        "monthly": "Monthly cost",
        "leadership": "Leadership",
        "total": "Total",
        "no_pay": "no pay",
        "title_money": "Staffing within a monthly budget of {money}",
        "within_money": "Who to staff now, within the monthly budget of {money}:",
        "within_both": "Who to staff now, within the budget of {budget} people and {money} a month:",
        "monthly_budget": "monthly budget",
        "pay": "pay",
        "pay_value": "{priced} of the plan's {roles} roles priced, in {currency}",
        "pay_on_cost": ", on-cost {on_cost:g}",
        "title_both": "Staffing within a budget of {budget} people and {money} a month",
        "team_cost": "Holding every seat, these {n} people cost {cost} a month.",
        "within_cost": "The team within the budget costs {cost} a month.",
        "money_over": "Holding every seat costs {cost} a month, more than the monthly budget of {money}. Roles are "
        "first combined onto fewer people where one person can hold them; then these seats wait, first to last:",
        "money_also": "Holding every seat would cost {cost} a month, more than the monthly budget of {money}.",
        "unchecked": "The monthly budget of {money} cannot be checked: no pay is given for {roles}.",
        "next": "The seat to staff next is the {role}'s, adding {cost} a month.",
        "next_unpriced": "The seat to staff next is the {role}'s.",
        "wait_cost": "{cost} a month",
        "wait_reach": "{cost} a month; a monthly budget of {then} staffs it in full",
        "person_cost": "Monthly cost",
        "delta": "Cost",
        "gap_cost": "Cost",
        "gap_missing": "The missing seats would cost {missing} a month; the seats over the plan cost {over} a month.",
        "cost_change": "monthly cost: {before} → {after} ({delta})",
        "cost_change_partial": ", roles without pay left out",
        "step": "Monthly cost: {before} → {after} ({delta}); the hires below cost {hires}.",
    },
    "zh": {
        "cost": "每月成本：{total}（每个岗位单独配人；{basis}）。",
        "basis_on_cost": "薪资乘以用人成本系数 {on_cost:g}",
        "basis_pay": "按所给薪资",
        "shared": "共享编制算一人，按两个岗位中较高的薪资计。",
        "unpriced": "未计入：{roles}（薪资表中没有其薪资）。",
        "departments": "各部门每月成本",
        "department": "部门",
        "monthly": "每月成本",
        "leadership": "决策层",
        "total": "合计",
        "no_pay": "无薪资",
        "title_money": "每月预算 {money} 内的人员安排",
        "within_money": "在每月 {money} 的预算内，现在应配置的人员：",
        "within_both": "在 {budget} 人、每月 {money} 的预算内，现在应配置的人员：",
        "monthly_budget": "每月预算",
        "pay": "薪资",
        "pay_value": "方案 {roles} 个岗位中 {priced} 个有薪资，币种 {currency}",
        "pay_on_cost": "，用人成本系数 {on_cost:g}",
        "title_both": "预算 {budget} 人、每月 {money} 内的人员安排",
        "team_cost": "承担全部编制的这 {n} 人每月成本 {cost}。",
        "within_cost": "预算内的团队每月成本 {cost}。",
        "money_over": "承担全部编制每月需要 {cost}，超出每月 {money} 的预算。先把可由一人兼任的岗位合并，"
        "再按以下顺序暂缓招聘：",
        "money_also": "承担全部编制每月需要 {cost}，超出每月 {money} 的预算。",
        "unchecked": "无法核对每月 {money} 的预算：{roles}没有薪资。",
        "next": "下一个应补上的编制是{role}，每月增加 {cost}。",
        "next_unpriced": "下一个应补上的编制是{role}。",
        "wait_cost": "每月 {cost}",
        "wait_reach": "每月 {cost}；每月预算达到 {then} 即可配齐",
        "person_cost": "每月成本",
        "delta": "成本",
        "gap_cost": "成本",
        "gap_missing": "缺少的编制每月需要 {missing}；超出方案的编制每月花费 {over}。",
        "cost_change": "每月成本：{before} → {after}（{delta}）",
        "cost_change_partial": "，未计入没有薪资的岗位",
        "step": "每月成本：{before} → {after}（{delta}）；以下招聘每月 {hires}。",
    },
}


def words(key: str, lang: str) -> str:
    """A fixed label of the money sections (``monthly``, ``department`` …) in ``lang``.

    Examples
    --------
    >>> words("monthly", "zh")
    '每月成本'
    """
    return _WORDS[lang][key]


def amount(value: float, currency: str) -> str:
    """An amount with thousands separated, whole amounts without cents, then the currency code."""
    shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{shown} {currency}"


def change(value: float, currency: str) -> str:
    """A signed amount: ``+1,200 CNY``, ``−300 CNY``, ``0 CNY``."""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return sign + amount(abs(value), currency)


def _names(book: Rulebook, roles: Iterable[str], lang: str) -> str:
    return (", " if lang == "en" else "、").join(book.roles[r].en if lang == "en" else book.roles[r].zh for r in roles)


def cost_line(plan: Plan, lang: str) -> str | None:
    """The plan's monthly cost in a sentence (with what it leaves out), or None without pay.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> pay = {"currency": "XTS", "on_cost": 1.5, "roles": {"owner": 100, "streamer": 60}}
    >>> print(cost_line(recommend({"stage": "startup", "sourcing": "affiliate_pool"}, pay=pay), "en"))
    Monthly cost: 240 XTS with every role its own people (pay times an on-cost of 1.5). Not counted: Live controller,
    Assistant streamer, Product selector / product manager, which have no pay in the table.
    """
    cost = plan.cost
    if cost is None:
        return None
    t = _WORDS[lang]
    basis = t["basis_on_cost"].format(on_cost=cost.on_cost) if cost.on_cost != 1 else t["basis_pay"]
    said = t["cost"].format(total=amount(cost.total, cost.currency), basis=basis)
    if cost.shared:
        said += t["shared"]
    if cost.unpriced:
        said += t["unpriced"].format(roles=_names(plan.rulebook, cost.unpriced, lang))
    return said


def department_rows(plan: Plan, lang: str) -> list[tuple[str, str]]:
    """Each department's monthly cost (the leadership first, the plan's order), then the total: (label, amount)."""
    cost = plan.cost
    if cost is None:
        return []
    book, t = plan.rulebook, _WORDS[lang]
    rows = []
    for each in cost.departments:
        dep = book.departments.get(each.department)
        label = t["leadership"] if dep is None else dep.en if lang == "en" else dep.zh
        shown = amount(each.cost, cost.currency)
        if each.unpriced:
            shown += f" ({t['unpriced'].format(roles=_names(book, each.unpriced, lang)).strip()})"
        rows.append((label, shown))
    rows.append((t["total"], amount(cost.total, cost.currency)))
    return rows


def role_cost(cost: PlanCost | None, role: str, lang: str) -> str:
    """A role's monthly cost as a table shows it: the amount, or "no pay"; empty without a plan cost."""
    if cost is None:
        return ""
    found = cost.of(role)
    return _WORDS[lang]["no_pay"] if found is None else amount(found, cost.currency)


def person_cost(value: float | None, currency: str, lang: str) -> str:
    """A person's monthly cost, or "no pay" when one of their roles has none."""
    return _WORDS[lang]["no_pay"] if value is None else amount(value, currency)


def staffing_title(plan: Plan, lang: str) -> str | None:
    """The staffing section's title under a budget in money, or None under a headcount budget alone."""
    return _budget_words(plan, lang, "title")


def within_title(plan: Plan, lang: str) -> str | None:
    """The heading of the team within a budget in money, or None under a headcount budget alone."""
    return _budget_words(plan, lang, "within")


def _budget_words(plan: Plan, lang: str, key: str) -> str | None:
    """The words ``key`` (``title``, ``within``) for the plan's budget in money, alone or with a headcount budget."""
    staffing, cost = plan.staffing, plan.cost
    if staffing is None or staffing.monthly_budget is None or cost is None:
        return None
    money = amount(staffing.monthly_budget, cost.currency)
    alone = plan.profile.headcount_budget is None
    return _WORDS[lang][f"{key}_{'money' if alone else 'both'}"].format(budget=staffing.budget, money=money)


def profile_lines(plan: Plan, lang: str) -> list[tuple[str, str]]:
    """The profile's money, as the report's profile section lists it: the monthly budget and the pay, where given.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> pay = {"currency": "XTS", "on_cost": 1.2, "roles": {"owner": 100}}
    >>> profile_lines(recommend({"stage": "startup", "sourcing": "dropship", "monthly_budget": 900}, pay=pay), "en")
    [('monthly budget', '900 XTS'), ('pay', "1 of the plan's 6 roles priced, in XTS, on-cost 1.2")]
    """
    t, profile, cost = _WORDS[lang], plan.profile, plan.cost
    lines = []
    if profile.monthly_budget is not None and profile.pay is not None:
        lines.append((t["monthly_budget"], amount(profile.monthly_budget, profile.pay.currency)))
    if cost is not None:
        said = t["pay_value"].format(
            priced=len(cost.roles) - len(cost.unpriced), roles=len(cost.roles), currency=cost.currency
        )
        lines.append((t["pay"], said + (t["pay_on_cost"].format(on_cost=cost.on_cost) if cost.on_cost != 1 else "")))
    return lines


def money_over(plan: Plan, lang: str) -> tuple[str, bool] | None:
    """Why the team does not fit its money, or None when the money is not short: the sentence, and whether it
    stands alone (the people fit) or comes before the sentence saying that the people do not fit either."""
    staffing, cost = plan.staffing, plan.cost
    if staffing is None or cost is None or staffing.fits_money is not False or staffing.cost is None:
        return None
    assert staffing.monthly_budget is not None  # fits_money is only set under a monthly budget
    alone = plan.profile.headcount_budget is None or staffing.minimum <= staffing.budget
    said = _WORDS[lang]["money_over" if alone else "money_also"].format(
        cost=amount(staffing.cost, cost.currency), money=amount(staffing.monthly_budget, cost.currency)
    )
    return said, alone


def staffing_money_lines(plan: Plan, lang: str, within: bool) -> list[str]:
    """What the people of the staffing cost (every seat held, or with ``within`` the team within the budget), and
    whether the money can be checked; empty without pay."""
    staffing, cost = plan.staffing, plan.cost
    if staffing is None or cost is None:
        return []
    t = _WORDS[lang]
    lines = []
    if staffing.monthly_budget is not None and staffing.fits_money is None:
        money = amount(staffing.monthly_budget, cost.currency)
        lines.append(t["unchecked"].format(money=money, roles=_names(plan.rulebook, cost.unpriced, lang)))
    if within and staffing.within_budget_cost is not None:
        lines.append(t["within_cost"].format(cost=amount(staffing.within_budget_cost, cost.currency)))
    elif not within and staffing.cost is not None:
        lines.append(t["team_cost"].format(n=len(staffing.people), cost=amount(staffing.cost, cost.currency)))
    return lines


def next_seat_line(plan: Plan, staffing: Staffing, lang: str) -> str | None:
    """Which deferred seat is staffed first when the budget grows, and what it adds to the monthly cost."""
    seat = staffing.next_seat
    if seat is None or plan.cost is None:
        return None
    role = plan.rulebook.roles[seat.role]
    name = role.en.lower() if lang == "en" else role.zh
    if seat.cost is None:
        return _WORDS[lang]["next_unpriced"].format(role=name)
    return _WORDS[lang]["next"].format(role=name, cost=amount(seat.cost, plan.cost.currency))


def wait_cost(plan: Plan, deferral: Deferral, lang: str) -> str | None:
    """What a deferred role's waiting seats cost a month and, under a budget in money, what budget staffs it."""
    cost = plan.cost
    if cost is None or deferral.cost is None:
        return None
    t = _WORDS[lang]
    if deferral.staffed_from_cost is None:
        return t["wait_cost"].format(cost=amount(deferral.cost, cost.currency))
    return t["wait_reach"].format(
        cost=amount(deferral.cost, cost.currency), then=amount(deferral.staffed_from_cost, cost.currency)
    )


def hire_cost(roadmap: Roadmap, cost: float | None, lang: str) -> str:
    """A hire's monthly cost as a table shows it: the amount, or "no pay"."""
    if roadmap.currency is None:
        return ""
    return _WORDS[lang]["no_pay"] if cost is None else amount(cost, roadmap.currency)


def step_line(roadmap: Roadmap, step: RoadmapStep, lang: str) -> str | None:
    """A roadmap step's monthly cost before and after (the running total) and what its hires cost; None without pay.

    Examples
    --------
    >>> from tiktok_team import roadmap
    >>> pay = {"currency": "XTS", "roles": {"logistics": 10, "customer_service": 12, "owner": 50, "streamer": 30,
    ...        "live_controller": 15, "product_selector": 20, "shop_operator": 20}}
    >>> busier = roadmap({"stage": "startup", "sourcing": "own_stock", "pay": pay},
    ...                  workloads=[{"orders_per_day": 100}, {"orders_per_day": 600}])
    >>> print(step_line(busier, busier.steps[0], "en"))
    Monthly cost: 137 → 169 XTS (+32 XTS); the hires below cost 32 XTS. Not counted: Assistant streamer, which have
    no pay in the table.
    """
    currency = roadmap.currency
    if currency is None or step.cost_before is None or step.cost_after is None or step.cost_added is None:
        return None
    t = _WORDS[lang]
    hires = sum(h.cost for h in step.hires if h.cost is not None)
    said = t["step"].format(
        before=f"{step.cost_before:,.0f}" if float(step.cost_before).is_integer() else f"{step.cost_before:,.2f}",
        after=amount(step.cost_after, currency),
        delta=change(step.cost_added, currency),
        hires=amount(hires, currency),
    )
    if step.unpriced:
        said += t["unpriced"].format(roles=_names(roadmap.rulebook, step.unpriced, lang))
    return said


def gap_lines(result: Gap, lang: str) -> list[str]:
    """What the missing seats and the seats over the plan cost a month, and which roles have no pay; empty without
    pay.

    Examples
    --------
    >>> from tiktok_team import gap
    >>> team = {"person": [{"name": n, "roles": ["streamer"]} for n in ("Ann", "Bo", "Cy")]}
    >>> profile = {"stage": "startup", "sourcing": "affiliate_pool", "pay": {"currency": "XTS", "roles": {
    ...     "streamer": 50, "owner": 90, "live_controller": 30, "assistant_streamer": 20, "product_selector": 30}}}
    >>> gap_lines(gap(profile, team), "en")
    ['The missing seats would cost 170 XTS a month; the seats over the plan cost 100 XTS a month.']
    """
    cost = result.cost
    if cost is None:
        return []
    t = _WORDS[lang]
    lines = [
        t["gap_missing"].format(missing=amount(cost.missing, cost.currency), over=amount(cost.over, cost.currency))
    ]
    if cost.unpriced:
        lines.append(t["unpriced"].format(roles=_names(result.rulebook, cost.unpriced, lang)).strip())
    return lines


def diff_line(diff: PlanDiff, lang: str) -> str | None:
    """The monthly cost of both plans compared and the difference; None unless both are priced alike.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> pay = {"currency": "XTS", "roles": {"owner": 90, "streamer": 50, "ad_buyer": 40}}
    >>> a = recommend({"stage": "growth", "sourcing": "affiliate_pool"}, pay=pay)
    >>> print(diff_line(a.diff(recommend({"stage": "growth", "sourcing": "affiliate_pool", "paid_ads": True},
    ...                                  pay=pay)), "en"))
    monthly cost: 190 → 230 XTS (+40 XTS), roles without pay left out
    """
    cost = diff.cost
    if cost is None:
        return None
    said = _WORDS[lang]["cost_change"].format(
        before=f"{cost.before:,.0f}" if float(cost.before).is_integer() else f"{cost.before:,.2f}",
        after=amount(cost.after, cost.currency),
        delta=change(cost.delta, cost.currency),
    )
    return said + ("" if cost.complete else _WORDS[lang]["cost_change_partial"])
