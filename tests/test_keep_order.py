"""The keep-order and the order of importance: every role has a cited place that applies at the business's stage;
roles read by department, team and keep-order in every format; a budget keeps the chain whole (the checks of
tiktok_team._claims, over the whole fact space and every budget); a deferred role is explained as such."""

from __future__ import annotations

import pytest

from tiktok_team import BusinessProfile, load_rulebook, recommend
from tiktok_team._claims import applies_at, budget_claims, chain_gaps, keep_claims
from tiktok_team._engine import breakpoints
from tiktok_team._plan import Plan
from tiktok_team.render import md_text, render_markdown

BOOK = load_rulebook()
DEPARTMENTS = list(BOOK.departments)
TEAMS = list(BOOK.teams)


@pytest.fixture(scope="module")
def plans(space_plans: list[Plan]) -> dict[str, dict[str, Plan]]:
    """The budget-free plans of the fact space, by the rest of the profile, then by stage: tests/conftest.py's
    ``space_plans``, the plans ``recommend`` gives, from remembered engine runs (tests/test_engine.py holds a
    remembered run to a fresh one)."""
    found: dict[str, dict[str, Plan]] = {}
    for plan in space_plans:
        if plan.profile.headcount_budget is None:
            rest = plan.profile.model_dump_json(exclude={"stage"})
            found.setdefault(rest, {})[plan.profile.stage] = plan
    return found


@pytest.fixture(scope="module")
def budgeted(space_plans: list[Plan]) -> dict[BusinessProfile, Plan]:
    """The plans of the fact space under a headcount budget of 1 (its only budget: see the test below), by the
    profile without the budget."""
    return {
        plan.profile.model_copy(update={"headcount_budget": None}): plan
        for plan in space_plans
        if plan.profile.headcount_budget == 1
    }


def _all(plans: dict[str, dict[str, Plan]]) -> list[Plan]:
    return [plan for by_stage in plans.values() for plan in by_stage.values()]


def test_every_role_has_a_cited_place_that_applies_at_its_stage(plans: dict[str, dict[str, Plan]]) -> None:
    assert [claim for plan in _all(plans) for claim in keep_claims(plan)] == []
    for plan in _all(plans):
        assert all(role.rank < 9 for role in plan.roles), plan.profile


def test_roles_read_by_department_team_and_keep_order(plans: dict[str, dict[str, Plan]]) -> None:
    for plan in _all(plans):
        keys = [
            (
                -1 if role.id == "owner" else DEPARTMENTS.index(str(role.department)),
                -1 if role.team is None else TEAMS.index(role.team),
                role.rank,
                role.id,
            )
            for role in plan.roles
        ]
        assert keys == sorted(keys), plan.profile
        assert plan.roles[0].id == "owner"
        live = [role.id for role in plan.roles if role.team == "live"]
        assert not live or live[0] == "streamer", plan.profile
        nodes = [node["id"] for node in plan.to_dict()["graph"]["nodes"] if node["type"] == "role"]
        assert nodes == [role.id for role in plan.roles]


def test_the_markdown_lists_the_roles_in_the_plan_s_order() -> None:
    plan = recommend({"stage": "growth", "sourcing": "own_stock", "formats": ["livestream", "short_video"]})
    text = render_markdown(plan)
    positions = [text.index(f"| {md_text(role.name.en)} ") for role in plan.roles]
    assert positions == sorted(positions)
    assert text.index("| Streamer (主播)") < text.index("| Live controller (场控)")


def test_a_budget_from_the_startup_team_up_keeps_the_chain_and_the_ad_buyer(
    plans: dict[str, dict[str, Plan]], budgeted: dict[BusinessProfile, Plan]
) -> None:
    assert breakpoints(BOOK) == {"headcount_budget": {1}}  # so any budget plans as a budget of 1 does
    assert len(budgeted) == len(_all(plans))  # every budget-free profile of the space has its budgeted twin
    memo: dict[object, list[tuple[str, str]]] = {}
    broken = []
    for by_stage in plans.values():
        for plan in by_stage.values():
            under = budgeted[plan.profile]
            for claim, budget in budget_claims(lambda _, p=under: p, by_stage["startup"], memo):
                broken.append((plan.profile, claim.message, budget))
    assert broken == []
    assert len(memo) > len(plans)  # the sweep ran over many budgets


def test_the_chain_check_sees_each_missing_function() -> None:
    plan = recommend(
        {"stage": "growth", "sourcing": "own_stock", "formats": ["livestream", "short_video"], "paid_ads": True}
    )
    everyone = {role.id: role.headcount for role in plan.roles}
    assert chain_gaps(plan, everyone) == []
    said = dict(chain_gaps(plan, dict.fromkeys(["owner", "streamer"], 1)))
    assert set(said) == {"videographer_editor", "product_selector", "presales_cs", "logistics", "ad_buyer"}
    assert "customer contact (presales_cs, aftersales_cs)" in said.values()


def test_a_rule_applies_at_its_own_stage_and_later_only_when_it_tests_the_stage() -> None:
    growth_ads = BOOK.rules["growth-ad-buyer"]  # §2, stage in [growth, mature]
    startup_owner = BOOK.rules["owner-never-deferred"]  # §1, no stage test
    assert applies_at(BOOK, growth_ads, "mature")
    assert not applies_at(BOOK, growth_ads, "startup")
    assert applies_at(BOOK, startup_owner, "startup")
    assert not applies_at(BOOK, startup_owner, "growth")
    assert applies_at(BOOK, BOOK.rules["chain-kept-whole"], "growth")  # five-departments: no stage


def test_six_people_at_growth_keep_customer_service_and_the_ad_buyer() -> None:
    plan = recommend({"stage": "growth", "sourcing": "own_stock", "paid_ads": True, "headcount_budget": 6})
    assert plan.staffing is not None
    staffed = {role for person in plan.staffing.within_budget for role in person.roles}
    assert {"presales_cs", "aftersales_cs", "logistics", "ad_buyer", "streamer", "owner"} <= staffed
    assert {d.role: d.headcount for d in plan.staffing.deferred} == {"live_controller": 1, "streamer": 1}
    assert plan.staffing.within_budget[0].roles[0] == "owner"


def test_a_deferred_role_says_so_and_what_budget_staffs_it() -> None:
    profile = {"stage": "growth", "sourcing": "own_stock", "paid_ads": True, "headcount_budget": 6}
    plan = recommend(profile)
    assert plan.staffing is not None
    deferral = next(d for d in plan.staffing.deferred if d.role == "live_controller")
    said = plan.why("live_controller")
    assert f"Under the headcount budget of 6, 1 of its 2 seats is deferred; a budget of {deferral.staffed_from}" in said
    assert "在6人的人员预算下" in plan.why("live_controller", "zh")
    at = recommend({**profile, "headcount_budget": deferral.staffed_from})
    below = recommend({**profile, "headcount_budget": deferral.staffed_from - 1})
    assert at.staffing is not None
    assert below.staffing is not None
    assert all(d.role != "live_controller" for d in at.staffing.deferred)
    assert any(d.role == "live_controller" for d in below.staffing.deferred)
    assert "deferred" not in recommend({**profile, "headcount_budget": 20}).why("live_controller")


def test_the_budget_section_speaks_plainly_in_both_languages() -> None:
    plan = recommend({"stage": "mature", "sourcing": "own_stock", "formats": ["livestream"], "headcount_budget": 5})
    english, chinese = render_markdown(plan, "en"), render_markdown(plan, "zh")
    for jargon in ("unranked", "proven fewest", "person-"):
        assert jargon not in english
    for jargon in ("person-", "未排序", "（（", "））"):
        assert jargon not in chinese
    assert "| Person 1 | Owner / operator" in english
    assert "| 第 1 人 | 老板 / 操盘手" in chinese
    assert "a budget of" in english
