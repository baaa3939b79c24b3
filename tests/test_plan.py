"""The plan: what the sources say each business gets, the public dict contract, the graph, why and why_not."""

from __future__ import annotations

import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiktok_team import BusinessProfile, Plan, PlanError, fact_space, load_rulebook, recommend
from tiktok_team._graph import graph_data, role_graph

BOOK = load_rulebook()


def roles(**facts: object) -> set[str]:
    return {role.id for role in recommend(facts).roles}


def test_startup_with_own_stock_runs_the_whole_chain_small() -> None:
    # three-stages §1: live side (streamer, second streamer, controller) and shop side (operator, service, shipping).
    assert roles(stage="startup", sourcing="own_stock") == {
        "owner",
        "streamer",
        "assistant_streamer",
        "live_controller",
        "shop_operator",
        "customer_service",
        "logistics",
    }


def test_growth_splits_service_and_the_product_selector() -> None:
    growth = roles(stage="growth", sourcing="own_stock")
    assert {"presales_cs", "aftersales_cs", "product_selector", "shop_operator"} <= growth
    assert "customer_service" not in growth


def test_mature_adds_presentation_roles_and_scene_builder() -> None:
    mature = roles(stage="mature", sourcing="own_stock", formats=["livestream", "short_video"])
    assert {"live_technician", "live_set_designer", "video_set_builder", "live_planner"} <= mature


def test_dropship_has_a_shop_but_no_shipping() -> None:
    plan = recommend({"stage": "startup", "sourcing": "dropship"})
    planned = {r.id for r in plan.roles}
    assert {"shop_operator", "customer_service"} <= planned
    assert "logistics" not in planned
    assert "inferred" in plan.why_not("logistics")


def test_influencer_and_ads_roles_follow_the_facts() -> None:
    assert "ad_buyer" not in roles(stage="growth", sourcing="own_stock")
    assert "ad_buyer" in roles(stage="growth", sourcing="own_stock", paid_ads=True)
    mature = roles(stage="mature", sourcing="own_stock", influencers=True, paid_ads=True)
    assert {"influencer_scout", "influencer_bd", "pr", "ad_creative_producer", "ad_analyst"} <= mature
    assert not {"influencer_bd", "pr"} & roles(stage="mature", sourcing="affiliate_pool", influencers=True)


def test_headcount_grows_by_stage() -> None:
    counts = {
        stage: {r.id: r.headcount for r in recommend({"stage": stage, "sourcing": "own_stock"}).roles}
        for stage in ("startup", "growth", "mature")
    }
    assert counts["startup"]["streamer"] < counts["growth"]["streamer"] < counts["mature"]["streamer"]


def test_advice_depends_on_the_facts() -> None:
    mature = recommend({"stage": "mature", "sourcing": "own_stock"})
    ids = {a.id for a in mature.advice}
    assert {"consider-private-domain", "mature-moat", "adapt-not-copy", "consider-paid-ads"} <= ids
    with_private = recommend({"stage": "mature", "sourcing": "own_stock", "private_domain": True, "paid_ads": True})
    assert not {"consider-private-domain", "consider-paid-ads"} & {a.id for a in with_private.advice}
    for advice in mature.advice:
        assert advice.text.en
        assert advice.text.zh
        assert advice.reasons


def test_to_dict_has_exactly_the_contract_keys() -> None:
    data = recommend({"stage": "growth", "sourcing": "own_stock", "formats": ["livestream", "short_video"]}).to_dict()
    assert set(data) == {
        *("schema_version", "roles", "excluded", "advice", "graph", "staffing", "assumptions", "profile", "rulebook"),
        *("scope", "people", "shared", "names", "cost"),
    }
    role = data["roles"][0]
    assert set(role) == {
        *("id", "name", "department", "team", "department_name", "team_name", "headcount", "reasons", "holds"),
        *("would_remove", "duties", "rank"),
    }
    assert set(role["name"]) == {"en", "zh"}
    writer = next(r for r in data["roles"] if r["id"] == "video_scriptwriter")
    assert [set(held) for held in writer["holds"]] == [{"duty", "name", "reasons"}]
    assert set(writer["holds"][0]["name"]) == {"en", "zh"}
    assert set(role["reasons"][0]) == {"rule", "source", "section", "guidance", "basis", "file", "sentence"}
    assert role["reasons"][0]["file"].startswith("rules/")
    assert set(data["excluded"][0]) == {"id", "name", "department_name", "reasons", "would_need"}
    assert set(data["advice"][0]) == {"id", "text", "reasons"}
    assert data["staffing"] is None
    ids = [r["id"] for r in data["roles"]]  # in order of importance (tests/test_keep_order.py: every profile)
    assert ids[:3] == ["owner", "streamer", "live_controller"]
    assert ids.index("video_actor") < ids.index("video_scriptwriter") < ids.index("product_selector")


def test_graph_node_link_data_reads_back_into_networkx() -> None:
    plan = recommend({"stage": "mature", "sourcing": "own_stock", "formats": ["livestream", "short_video"]})
    graph = nx.node_link_graph(plan.to_dict()["graph"], edges="links")
    assert isinstance(graph, nx.MultiDiGraph)
    assert set(graph.nodes) == set(plan.graph.nodes)
    assert sorted(graph.edges(keys=True, data=True)) == sorted(plan.graph.edges(keys=True, data=True))
    assert graph.nodes["content"]["type"] == "department"
    assert graph.nodes["live"]["type"] == "team"
    kinds = {kind for _, _, kind in graph.edges(data="kind")}
    assert kinds == {"reports_to", "supports", "feeds", "collaborates", "can_cover"}
    assert graph.has_edge("live_controller", "streamer", key="feeds")
    assert graph.has_edge("aftersales_cs", "logistics", key="collaborates")
    assert graph.has_edge("logistics", "aftersales_cs", key="collaborates")


def same_data(found: object, expected: object) -> bool:
    """Equal, and with every mapping's keys in the same order (the JSON is the same text)."""
    return json.dumps(found, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)


def test_the_graph_of_every_plan_of_the_fact_space_is_networkx_node_link_data(space_plans: list[Plan]) -> None:
    # A plan's JSON builds its graph's node-link data without networkx: it must be exactly what networkx writes.
    for plan in space_plans:
        assert same_data(plan.to_dict()["graph"], nx.node_link_data(plan.graph, edges="links")), plan.profile


@given(
    roles=st.dictionaries(st.sampled_from(sorted(BOOK.roles)), st.integers(1, 5), max_size=len(BOOK.roles)),
    fired=st.lists(st.sampled_from(sorted(BOOK.rules)), unique=True),
)
def test_graph_data_is_node_link_data_for_any_roles_and_rules(roles: dict[str, int], fired: list[str]) -> None:
    rules = [BOOK.rules[rule_id] for rule_id in fired]
    expected = nx.node_link_data(role_graph(BOOK, roles, rules), edges="links")
    assert same_data(graph_data(BOOK, roles, rules), expected)


def test_why_cites_source_section_guidance_and_basis() -> None:
    plan = recommend({"stage": "growth", "sourcing": "own_stock"})
    text = plan.why("streamer")
    assert text.startswith("Streamer (主播) is in the plan: 2 people.")
    assert "[three-stages §2, G20, stated]" in text
    assert "At the growth stage, sized at 2 people because the business runs livestreams" in text
    assert "inferred: The article says only" in text
    assert "From the growth stage on, split off from Customer service (客服)" in plan.why("presales_cs")
    assert "split into Pre-sale service (售前客服), After-sale service (售后客服)" in plan.why_not("customer_service")
    detailed = plan.why("streamer", detail=True)
    assert "[rule growth-live-team: three-stages §2, G20, stated]" in detailed
    assert "growth-live-team" not in text


def test_why_not_names_the_rule_that_would_add_it_and_the_facts_that_differ() -> None:
    plan = recommend({"stage": "growth", "sourcing": "own_stock"})
    text = plan.why_not("live_technician")
    assert "At the mature stage, would be added because the business runs livestreams" in text
    assert "Here: at the growth stage; runs livestreams." in text


def test_why_in_chinese() -> None:
    plan = recommend({"stage": "startup", "sourcing": "affiliate_pool"})
    assert plan.why("product_selector", lang="zh").startswith(
        "选品（Product selector / product manager）在方案中：1人。"
    )
    assert "精选联盟选品" in plan.why_not("shop_operator", lang="zh")


def test_why_and_why_not_refuse_wrong_questions() -> None:
    plan = recommend(BusinessProfile(stage="startup", sourcing="own_stock"))
    with pytest.raises(PlanError, match="did you mean 'streamer'"):
        plan.why("streamr")
    with pytest.raises(PlanError, match="ask why_not"):
        plan.why("pr")
    with pytest.raises(PlanError, match="ask why"):
        plan.why_not("streamer")


def _plan_in_another_process(profile: BusinessProfile) -> Plan:
    return recommend(profile)


def test_a_plan_crosses_to_another_process_and_back_whole() -> None:
    # Profiles and plans pickle (a profile's assumptions are a read-only mapping, pickled as a plain dict); the
    # rulebook travels without its cache of engines and memories.
    sample = [
        *list(fact_space(BOOK))[::97],
        BusinessProfile(
            stage="growth", sourcing="own_stock", live_hours_per_day=12, assumptions={"streamer_hours_per_day": 6}
        ),
    ]
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        plans = list(pool.map(_plan_in_another_process, sample))
    for profile, plan in zip(sample, plans, strict=True):
        assert plan.profile == profile
        assert plan.to_dict() == recommend(profile, BOOK).to_dict()
        assert plan.why("owner") == recommend(profile, BOOK).why("owner")
