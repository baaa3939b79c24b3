"""The parts of plans are made once per rulebook and shared by businesses alike (:mod:`tiktok_team._parts`): a part
taken from the rulebook's memory is the part the business would get made afresh, and businesses alike share one
object while businesses that differ in what a part reads get their own."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from tiktok_team import BusinessProfile, Pay, fact_space, load_rulebook
from tiktok_team._assemble import assemble
from tiktok_team._engine import run_cached
from tiktok_team._plan import Plan
from tiktok_team._recommend import remembered_plan

BOOK = load_rulebook()
PAY = Pay(currency="XTS", roles={"owner": 9, "streamer": 5, "live_controller": 3, "product_selector": 3})

# Every 7th profile of the fact space as planned by the session's sweep, and every 13th under a small headcount
# budget, with a workload, and with pay and a budget in money, so that every kind of part (roles, roles left out,
# advice, staffing, with and without money) is met; each sample holds every value of every fact (checked below).
VARIANTS: dict[str, dict[str, Any]] = {
    "headcount budget 3": {"headcount_budget": 3},
    "workload": {"live_hours_per_day": 12, "videos_per_week": 40, "orders_per_day": 900, "headcount_budget": 5},
    "money": {"pay": PAY, "monthly_budget": 20, "headcount_budget": None},
}


def _parts(plan: Plan) -> tuple[Any, ...]:
    return (
        plan.roles,
        plan.excluded,
        plan.advice,
        plan.assumptions,
        plan.staffing,
        plan.shared,
        plan.overruled,
        plan.cost,
    )


def _made_afresh(profiles: list[BusinessProfile]) -> list[Plan]:
    """The plans of ``profiles`` from a rulebook with the same rules and nothing remembered, made in the reverse
    order: every part it takes from its own memory was made for another business than in the bundled rulebook's, so
    a part remembered by less than all it depends on shows up as a difference (the engine's outcomes are the bundled
    rulebook's, remembered; they are checked against the plain evaluator by tests/test_engine.py)."""
    afresh = dataclasses.replace(BOOK, cache={})
    return [assemble(afresh, profile, run_cached(BOOK, profile.facts())) for profile in reversed(profiles)][::-1]


def _holds_every_value(profiles: list[BusinessProfile]) -> bool:
    space = list(fact_space(BOOK))
    return all(
        {str(p.facts()[fact]) for p in profiles} == {str(p.facts()[fact]) for p in space} for fact in space[0].facts()
    )


def test_a_remembered_part_is_the_part_made_afresh(space_plans: list[Plan]) -> None:
    """The session's sweep of the fact space (the bundled rulebook's memory filled in its order) against the same
    plans made afresh; the plans themselves are checked over the whole fact space by the tests of what they say."""
    remembered = space_plans[::7]
    assert _holds_every_value([plan.profile for plan in remembered])
    made = _made_afresh([plan.profile for plan in remembered])
    assert [_parts(plan) for plan in made] == [_parts(plan) for plan in remembered]


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_remembered_part_is_the_part_made_afresh_under_budgets_and_workloads(variant: str) -> None:
    sample = list(fact_space(BOOK))[::13]
    assert _holds_every_value(sample)
    profiles = [profile.model_copy(update=VARIANTS[variant]) for profile in sample]
    remembered = [remembered_plan(profile, BOOK) for profile in profiles]
    assert [_parts(plan) for plan in _made_afresh(profiles)] == [_parts(plan) for plan in remembered]


def test_businesses_alike_share_parts_and_those_that_differ_do_not() -> None:
    growth = BusinessProfile(stage="growth", sourcing="own_stock", formats={"livestream"})
    plain = remembered_plan(growth, BOOK)
    again = remembered_plan(BusinessProfile(stage="growth", sourcing="own_stock", formats={"livestream"}), BOOK)
    assert all(a is b for a, b in zip(plain.roles, again.roles, strict=True))
    assert all(a is b for a, b in zip(plain.excluded, again.excluded, strict=True))
    roles = {role.id: role for role in plain.roles}
    busy = remembered_plan(growth.model_copy(update={"live_hours_per_day": 24}), BOOK)
    busier = {role.id: role for role in busy.roles}
    assert busier["streamer"].headcount > roles["streamer"].headcount
    assert busier["owner"] is roles["owner"]
