"""Domain invariants of the bundled rulebook, stated as hypothesis properties.

The plans are the ones ``recommend`` gives, made from remembered engine runs (:func:`plan_of`): the invariants are
about what the rules plan, and the profiles are the fact space's businesses, whose runs a test process has often made
already (tests/conftest.py's ``space_plans``). tests/test_engine.py holds a remembered run to a fresh one; that the
same profile gives the same bytes is still asked of ``recommend`` itself, each time a fresh run.
"""

from __future__ import annotations

import itertools
import json

from hypothesis import given
from hypothesis import strategies as st

from tiktok_team import BusinessProfile, Plan, load_rulebook, recommend
from tiktok_team._profile import STAGES
from tiktok_team._recommend import remembered_plan
from tiktok_team.render import render_json
from tiktok_team.testing import SHOP_SIDE_DEPARTMENTS, check_plan, check_stage_growth, profiles

BOOK = load_rulebook()


def plan_of(profile: BusinessProfile) -> Plan:
    """The plan ``recommend(profile)`` gives, from a remembered engine run."""
    return remembered_plan(profile, BOOK)


@given(profiles())
def test_every_plan_holds_the_invariants(profile: BusinessProfile) -> None:
    assert check_plan(plan_of(profile)) == []


@given(profiles(sourcing="affiliate_pool"))
def test_affiliate_pool_sellers_have_no_shop_side_but_a_product_selector(profile: BusinessProfile) -> None:
    plan = plan_of(profile)
    shop_side = {r.id for r in plan.roles if r.department in SHOP_SIDE_DEPARTMENTS}
    assert shop_side == {"product_selector"}


@given(profiles(), st.sampled_from(["livestream", "short_video"]))
def test_no_format_no_roles_of_that_format(profile: BusinessProfile, fmt: str) -> None:
    without = profile.model_copy(update={"formats": profile.formats - {fmt}})
    team = {"livestream": "live", "short_video": "short_video"}[fmt]
    assert [r.id for r in plan_of(without).roles if r.team == team] == []


@given(profiles())
def test_every_role_in_and_out_is_explained_with_a_citation(profile: BusinessProfile) -> None:
    plan = plan_of(profile)
    book = plan.rulebook
    for role in plan.roles:
        assert role.reasons
        assert "[" in plan.why(role.id)
    for left in plan.excluded:
        assert left.reasons, left.id
        for reason in left.reasons:
            assert left.id in book.rules[reason.rule].roles_named()
        assert "[" in plan.why_not(left.id)


@given(profiles())
def test_reports_to_is_one_tree_rooted_at_owner(profile: BusinessProfile) -> None:
    graph = plan_of(profile).graph
    for node in graph.nodes:
        bosses = [b for _, b, kind in graph.out_edges(node, data="kind") if kind == "reports_to"]
        assert len(bosses) == (0 if node == "owner" else 1), node


@given(profiles(stage="startup"))
def test_a_later_stage_keeps_or_splits_every_role_of_an_earlier_one(profile: BusinessProfile) -> None:
    plans = [plan_of(profile.model_copy(update={"stage": stage})) for stage in STAGES]
    for earlier, later in itertools.pairwise(plans):
        assert check_stage_growth(earlier, later) == []
    assert plans[0].headcount <= plans[1].headcount <= plans[2].headcount


@given(profiles())
def test_same_profile_same_bytes(profile: BusinessProfile) -> None:
    plan = recommend(profile)
    first = render_json(plan)
    again = render_json(recommend(BusinessProfile.model_validate_json(profile.model_dump_json())))
    assert first == again
    assert json.loads(first) == plan.to_dict()  # the text is the dict (and another plan of the profile the same text)


@given(profiles())
def test_relations_join_planned_roles_only(profile: BusinessProfile) -> None:
    plan = plan_of(profile)
    planned = {r.id for r in plan.roles}
    kinds = {"supports", "feeds", "collaborates", "can_cover"}
    for a, b, kind in plan.graph.edges(data="kind"):
        if kind != "reports_to":
            assert kind in kinds
            assert {a, b} <= planned
            if kind in {"collaborates", "can_cover"}:
                assert plan.graph.has_edge(b, a, key=kind)
