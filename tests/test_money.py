"""Money (issue 18): pay as an input, the cost of every plan of the fact space, a budget in money, the cost of a
change, a roadmap's running total and the cost of a gap.

Every figure is checked against the arithmetic that defines it (a role's seats times its seat cost; a person at the
highest seat cost among their roles; a total that counts a shared seat once), over the whole fact space with the
bundled example pay, never against numbers copied from an output. The sweeps plan from remembered engine runs
(:func:`~tiktok_team._recommend.remembered_plan`, the same plans as ``recommend``'s): money decides nothing the engine
does, and tests/test_engine.py holds a remembered run to a fresh one. The plans of the whole space with the example
pay are tests/priced.py's, which tests/test_money_formats.py shows in every format.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from helpers import EXAMPLES
from priced import PAY, PAY_TABLE, priced_plans
from tiktok_team import (
    BusinessProfile,
    Plan,
    ProfileError,
    fact_space,
    gap,
    load_rulebook,
    recommend,
    roadmap,
    whatif,
)
from tiktok_team._graph import can_cover_pairs
from tiktok_team._recommend import remembered_plan
from tiktok_team._staffing import consolidate, team_cost

BOOK = load_rulebook()
SPACE = list(fact_space(BOOK))


@pytest.fixture(scope="module")
def priced() -> Sequence[Plan]:
    """The plan of every profile of the fact space with the example pay, in the order of ``SPACE`` (tests/priced.py:
    the plans tests/test_money_formats.py shows in every format)."""
    return priced_plans()


def plan_of(profile: BusinessProfile) -> Plan:
    """The plan ``recommend(profile, BOOK)`` gives, from a remembered engine run."""
    return remembered_plan(profile, BOOK)


def seat(role: str) -> float:
    return PAY.roles[role] * PAY.on_cost


# --- pay as an input --------------------------------------------------------------------------------------------


def test_the_example_pay_prices_every_role_of_the_catalog_and_says_it_is_an_example() -> None:
    assert set(PAY.roles) == set(BOOK.roles)
    text = (EXAMPLES / "pay.toml").read_text("utf-8")
    assert "EXAMPLE" in text.splitlines()[0]
    assert "REPLACE" in text.splitlines()[0]


@pytest.mark.parametrize(
    ("pay", "path", "words"),
    [
        ({"currency": "CNY", "roles": {"streamer": -1}}, "pay.roles.streamer", "more than 0"),
        ({"currency": "CNY", "roles": {"streamer": 0}}, "pay.roles.streamer", "more than 0"),
        ({"currency": "CNY", "roles": {"streamer": 2e9}}, "pay.roles.streamer", "2,000,000,000 a month"),
        ({"currency": "CNY", "roles": {"streamer": True}}, "pay.roles.streamer", "must be a number"),
        ({"currency": "CNY", "roles": {"streamer": "lots"}}, "pay.roles.streamer", "must be a number"),
        ({"currency": "cny", "roles": {}}, "pay.currency", "ISO 4217"),
        ({"roles": {"streamer": 1}}, "pay.currency", "required"),
        ({"currency": "CNY", "on_cost": 0.5}, "pay.on_cost", "from 1"),
        ({"currency": "CNY", "on_cost": 4}, "pay.on_cost", "from 1"),
        ({"currency": "CNY", "rols": {}}, "pay.rols", "did you mean 'roles'"),
    ],
)
def test_bad_pay_is_refused_naming_the_key(pay: dict[str, Any], path: str, words: str) -> None:
    with pytest.raises(ProfileError) as found:
        BusinessProfile.parse({"stage": "growth", "sourcing": "own_stock", "pay": pay})
    assert path in [where for where, _ in found.value.problems]
    assert words in str(found.value)
    assert "\n" not in str(found.value)


def test_an_unknown_role_in_the_pay_gets_a_did_you_mean() -> None:
    with pytest.raises(ProfileError, match=r"unknown role 'streamr' \(did you mean 'streamer'\?\)"):
        recommend({"stage": "startup", "sourcing": "own_stock"}, pay={"currency": "CNY", "roles": {"streamr": 1}})


def test_a_budget_in_money_needs_pay_and_must_be_positive() -> None:
    with pytest.raises(ProfileError, match="monthly_budget: a budget in money needs pay"):
        recommend({"stage": "growth", "sourcing": "own_stock", "monthly_budget": 50000})
    with pytest.raises(ProfileError, match="monthly_budget"):
        BusinessProfile.parse({"stage": "growth", "sourcing": "own_stock", "monthly_budget": -5})


def test_recommend_pay_is_the_profile_pay() -> None:
    profile = {"stage": "growth", "sourcing": "dropship", "paid_ads": True}
    assert recommend(profile, pay=PAY_TABLE).to_dict() == recommend({**profile, "pay": PAY_TABLE}).to_dict()
    other = {**PAY_TABLE, "currency": "USD"}
    assert recommend({**profile, "pay": PAY_TABLE}, pay=other).cost.currency == "USD"  # type: ignore[union-attr]


def test_pay_changes_no_decision_of_a_plan() -> None:
    for profile in SPACE[::97]:
        plain, paid = recommend(profile, BOOK).to_dict(), recommend(profile, BOOK, pay=PAY).to_dict()
        assert plain["cost"] is None
        assert paid["cost"] is not None
        assert paid["profile"] == {**plain["profile"], "pay": paid["profile"]["pay"]}  # the profile carries its pay
        assert {k: v for k, v in plain.items() if k not in ("cost", "staffing", "profile")} == {
            k: v for k, v in paid.items() if k not in ("cost", "staffing", "profile")
        }
        if plain["staffing"] is not None:  # pay only breaks ties between teams of the fewest people
            for key in ("budget", "feasible", "minimum"):
                assert plain["staffing"][key] == paid["staffing"][key]
            assert [(d["role"], d["headcount"]) for d in plain["staffing"]["deferred"]] == [
                (d["role"], d["headcount"]) for d in paid["staffing"]["deferred"]
            ]


# --- the cost of every plan of the fact space ---------------------------------------------------------------------


def test_every_plan_costs_its_seats_at_their_pay(priced: Sequence[Plan]) -> None:
    for plan in priced:
        cost = plan.cost
        assert cost is not None
        assert cost.complete
        assert cost.unpriced == ()
        assert [each.role for each in cost.roles] == [role.id for role in plan.roles]
        for each, role in zip(cost.roles, plan.roles, strict=True):
            assert each.headcount == role.headcount
            assert each.pay == PAY.roles[role.id]
            assert each.cost == pytest.approx(role.headcount * seat(role.id))
        by_department: dict[str, float] = {}
        for role in plan.roles:
            key = role.department or "owner"
            by_department[key] = by_department.get(key, 0) + role.headcount * seat(role.id)
        assert {d.department: d.cost for d in cost.departments} == pytest.approx(by_department)
        # a shared seat is one person paid the higher pay: the lower of the two seats is saved, once per pair
        counts = {role.id: role.headcount for role in plan.roles}
        saved = sum(min(counts[r] for r in s.roles) * min(seat(r) for r in s.roles) for s in plan.shared)
        assert cost.shared == pytest.approx(saved)
        assert cost.total == pytest.approx(sum(by_department.values()) - saved)


def test_the_cost_follows_the_on_cost() -> None:
    profile = {"stage": "mature", "sourcing": "own_stock", "formats": ["livestream", "short_video"]}
    base = recommend(profile, pay={**PAY_TABLE, "on_cost": 1})
    doubled = recommend(profile, pay={**PAY_TABLE, "on_cost": 2})
    assert base.cost is not None
    assert doubled.cost is not None
    assert doubled.cost.total == pytest.approx(2 * base.cost.total)
    assert base.cost.total == pytest.approx(
        sum(role.headcount * PAY.roles[role.id] for role in base.roles) - base.cost.shared
    )


def test_roles_without_pay_are_named_never_free() -> None:
    partial = {"currency": "CNY", "roles": {"owner": 30000, "streamer": 15000}}
    plan = recommend({"stage": "growth", "sourcing": "own_stock"}, pay=partial)
    assert plan.cost is not None
    assert not plan.cost.complete
    assert set(plan.cost.unpriced) == {role.id for role in plan.roles} - {"owner", "streamer"}
    assert plan.cost.total == pytest.approx(30000 + 2 * 15000)
    assert all(each.cost is None and each.pay is None for each in plan.cost.roles if each.role in plan.cost.unpriced)


# --- people and budgets -------------------------------------------------------------------------------------------

BUDGETED = [
    profile.model_copy(update={"pay": PAY})
    for profile in SPACE
    if profile.headcount_budget is None and profile.formats and profile.stage != "startup"
][::11]


def _budgets(plan: Plan) -> Iterator[float]:
    """Monthly budgets from nothing to more than the plan: every cut between its people's costs."""
    full = plan.cost.total if plan.cost else 0
    yield from (full * share for share in (0.05, 0.3, 0.5, 0.7, 0.9, 1.1))


@pytest.fixture(scope="module")
def under_budgets(priced: Sequence[Plan]) -> dict[BusinessProfile, list[tuple[float, Plan]]]:
    """For each profile of ``BUDGETED``, each monthly budget of :func:`_budgets` (cut from the cost of its plan
    without one, which is its plan in ``priced``) with the plan under it. The three tests below read them, each its
    own share of ``BUDGETED`` (all, every 2nd, every 3rd), as they planned them before; a plan depends on nothing but
    its profile, so one plan per profile and budget is all of them."""
    full = {plan.profile: plan for plan in priced}
    return {
        profile: [
            (money, plan_of(profile.model_copy(update={"monthly_budget": money}))) for money in _budgets(full[profile])
        ]
        for profile in BUDGETED
    }


def test_a_person_costs_the_highest_seat_among_their_roles_and_a_team_the_sum() -> None:
    for profile in SPACE[::29]:
        plan = plan_of(profile.model_copy(update={"headcount_budget": 3, "pay": PAY}))
        staffing = plan.staffing
        assert staffing is not None
        for person in (*staffing.people, *staffing.within_budget):
            assert person.cost == max(seat(role) for role in person.roles)
        assert staffing.cost == pytest.approx(sum(p.cost or 0 for p in staffing.people))
        assert staffing.within_budget_cost == pytest.approx(sum(p.cost or 0 for p in staffing.within_budget))


def test_a_budget_in_money_is_met_keeps_the_owner_and_defers_in_keep_order(
    under_budgets: dict[BusinessProfile, list[tuple[float, Plan]]],
) -> None:
    for profile in BUDGETED:
        for money, plan in under_budgets[profile]:
            staffing = plan.staffing
            assert staffing is not None
            assert staffing.monthly_budget == money
            assert staffing.cost is not None
            assert staffing.within_budget_cost is not None
            assert staffing.fits_money == (staffing.cost <= money)
            assert staffing.feasible == staffing.fits_money
            if staffing.feasible:
                assert staffing.deferred == ()
                assert staffing.within_budget == staffing.people
                continue
            # what is staffed fits the money, and costs what its people cost
            assert staffing.within_budget_cost <= money + 1e-6
            held = [role for person in staffing.within_budget for role in person.roles]
            deferred = {d.role: d.headcount for d in staffing.deferred}
            seats = {role.id: role.headcount for role in plan.roles}
            assert {r: held.count(r) for r in seats if held.count(r)} == {
                r: n - deferred.get(r, 0) for r, n in seats.items() if n - deferred.get(r, 0)
            }
            for d in staffing.deferred:
                assert d.cost == pytest.approx(d.headcount * seat(d.role))
            # the next seat to staff is the most important one deferred, and adds what the grown team costs more
            assert staffing.next_seat is not None
            assert staffing.next_seat.role == staffing.deferred[-1].role


def test_a_deferred_role_is_staffed_in_full_by_the_monthly_budget_it_names(
    under_budgets: dict[BusinessProfile, list[tuple[float, Plan]]],
) -> None:
    """The plan under each budget a deferral names is made once per profile and budget (a plan depends on nothing
    but its profile): deferrals under several budgets of a business often name the same one."""
    for profile in BUDGETED[::2]:
        named: dict[float, Plan] = {}
        for money, plan in under_budgets[profile]:
            assert plan.staffing is not None
            for deferral in plan.staffing.deferred:
                assert deferral.staffed_from_cost is not None
                assert deferral.staffed_from_cost > money
                if deferral.staffed_from_cost not in named:
                    named[deferral.staffed_from_cost] = plan_of(
                        profile.model_copy(update={"monthly_budget": deferral.staffed_from_cost})
                    )
                then = named[deferral.staffed_from_cost]
                assert then.staffing is not None
                assert deferral.role not in {d.role for d in then.staffing.deferred}, (profile, money, deferral)


def test_the_next_seat_adds_what_the_team_with_it_costs_more(
    under_budgets: dict[BusinessProfile, list[tuple[float, Plan]]],
) -> None:
    for profile in BUDGETED[::3]:
        for _, plan in under_budgets[profile]:
            staffing = plan.staffing
            assert staffing is not None
            if staffing.next_seat is None:
                assert staffing.deferred == ()
                continue
            pairs = sorted(
                (min(pair), max(pair)) for pair in can_cover_pairs(BOOK.rules[r] for r in plan.outcome.fired)
            )
            held = [role for person in staffing.within_budget for role in person.roles]
            seats = {role.id: held.count(role.id) for role in plan.roles}
            seats[staffing.next_seat.role] += 1
            cost = {role: seat(role) for role in seats}
            grown = team_cost(consolidate(seats, pairs, cost, cheapest_first=True).people, cost)
            assert staffing.next_seat.cost == pytest.approx(grown - (staffing.within_budget_cost or 0))
            assert 0 <= staffing.next_seat.cost <= seat(staffing.next_seat.role) + 1e-6


def test_a_money_budget_alone_reads_as_the_people_it_could_pay() -> None:
    profile = BusinessProfile(stage="growth", sourcing="own_stock", pay=PAY, monthly_budget=50000)
    cheapest = min(seat(role) for role in PAY.roles)
    assert profile.facts()["headcount_budget"] == math.floor(50000 / cheapest)
    plan = recommend(profile)
    assert plan.staffing is not None
    assert plan.staffing.budget == math.floor(50000 / cheapest)
    # the owner may hold a hands-on role as under any short budget: the consolidation rules fire
    assert "owner-runs-the-chain" in plan.outcome.fired


def test_roles_without_pay_leave_the_money_unchecked() -> None:
    plan = recommend(
        {"stage": "growth", "sourcing": "own_stock", "monthly_budget": 1000},
        pay={"currency": "CNY", "roles": {"owner": 30000}},
    )
    assert plan.staffing is not None
    assert plan.staffing.fits_money is None
    assert plan.staffing.cost is None
    assert plan.staffing.within_budget_cost is None


# --- the cost of a change, of a roadmap, of a gap ----------------------------------------------------------------


def test_a_difference_prices_each_change_and_the_total(priced: Sequence[Plan]) -> None:
    by_profile = {plan.profile: plan for plan in priced}
    for before in priced[::37]:
        for after in priced[5::211]:
            change = before.diff(after)
            assert change.cost is not None
            assert before.cost is not None
            assert after.cost is not None
            assert (change.cost.before, change.cost.after) == (before.cost.total, after.cost.total)
            assert change.cost.delta == pytest.approx(after.cost.total - before.cost.total)
            parts = (
                sum(r.cost or 0 for r in change.added)
                - sum(r.cost or 0 for r in change.removed)
                + sum(r.cost or 0 for r in change.resized)
            )
            assert parts - after.cost.shared + before.cost.shared == pytest.approx(change.cost.delta)
    assert len(by_profile) == len(priced)


def test_no_difference_in_cost_across_currencies() -> None:
    a = recommend({"stage": "growth", "sourcing": "own_stock"}, pay=PAY)
    b = recommend({"stage": "mature", "sourcing": "own_stock"}, pay={**PAY_TABLE, "currency": "USD"})
    assert a.diff(b).cost is None


def test_whatif_rows_carry_the_cost_of_each_change() -> None:
    table = whatif({"stage": "growth", "sourcing": "own_stock", "paid_ads": True, "pay": PAY_TABLE})
    for row in table.rows:
        assert row.diff.cost is not None
        assert row.diff.after.cost is not None
        base = table.plan.cost
        assert base is not None
        assert row.diff.cost.delta == pytest.approx(row.diff.after.cost.total - base.total)
        assert "cost" in row.to_dict(table.plan.profile.facts())["diff"]


def test_a_roadmap_carries_each_hire_cost_and_a_running_total(priced: Sequence[Plan]) -> None:
    by_profile = {plan.profile: plan for plan in priced}  # a step's later stage keeps the profile in the space
    for profile in SPACE[::53]:
        found = roadmap(profile.model_copy(update={"pay": PAY}), BOOK)
        assert found.currency == "CNY"
        for step, nxt in zip(found.steps, found.steps[1:], strict=False):
            assert step.cost_after == nxt.cost_before
        for step in found.steps:
            plan = by_profile[profile.model_copy(update={"stage": step.to_stage, "pay": PAY})]
            assert step.cost_after == plan.cost.total  # type: ignore[union-attr]
            assert step.cost_added == pytest.approx((step.cost_after or 0) - (step.cost_before or 0))
            for hire in step.hires:
                assert hire.cost == pytest.approx(hire.headcount * seat(hire.role))


def test_a_gap_prices_what_is_missing_and_what_is_over() -> None:
    team = {
        "person": [
            {"name": "Ann", "roles": ["owner"]},
            *({"name": name, "roles": ["streamer"]} for name in ("Bo", "Cy", "Di", "Ed")),
            {"name": "Fay", "roles": ["pr"]},
            {"name": "Bo", "roles": ["logistics"]},
        ]
    }
    profile = {"stage": "growth", "sourcing": "own_stock", "pay": PAY_TABLE}
    result = gap(profile, team)
    plan = recommend(profile)
    planned = {role.id: role.headcount for role in plan.roles}
    assert result.planned == planned
    assert result.held == {"logistics": 1, "owner": 1, "pr": 1, "streamer": 4}
    assert [(o.role, o.held, o.planned, o.over) for o in result.over] == [("streamer", 4, 2, 2)]
    assert result.named_twice == ("Bo",)
    assert result.cost is not None
    missing = sum(planned[r] * seat(r) for r in result.missing) + sum(s.short * seat(s.role) for s in result.short)
    over = sum(seat(r) for r in result.surplus) + 2 * seat("streamer")
    assert result.cost.missing == pytest.approx(missing)
    assert result.cost.over == pytest.approx(over)
