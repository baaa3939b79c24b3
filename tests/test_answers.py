"""Self-describing answers: every role id of every answer comes with its names and its department's name, and every
reason with its sentence, the very line ``why`` or ``why_not`` says for it (tiktok_team._names, _sentences).

The plans are checked over the whole fact space (as models: the JSON's ``names`` is :attr:`Plan.names`, its roles
the models' dump; the JSON itself over a sample); comparisons over neighbouring profiles of it; roadmaps from every
startup profile of it without a budget (their steps are every step of the space); gaps and what-ifs over a sample.
Every distinct reason of the fact space is checked against ``why``/``why_not`` in a plan that carries it, and every
reason of the sample's plans in each of them.

The plans of the fact space are tests/conftest.py's ``space_plans`` (the plans ``recommend`` makes, from remembered
engine runs): these tests are about what the answers say, not about the engine.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pytest

from tiktok_team import (
    BusinessProfile,
    Explained,
    Plan,
    PlanDiff,
    fact_space,
    gap,
    load_rulebook,
    recommend,
    roadmap,
    whatif,
)
from tiktok_team._names import DECISION_LAYER

BOOK = load_rulebook()
SPACE = list(fact_space(BOOK))
SAMPLE = SPACE[::29]  # stages, sourcings, formats, flags and budgets all vary
SAMPLED = frozenset(SAMPLE)  # whether a profile is one of them, without comparing it with each
UNITS = {**BOOK.roles, **BOOK.teams, **BOOK.departments}
BUDGETED = BusinessProfile(stage="growth", sourcing="own_stock", headcount_budget=6)  # deferrals, outside the space
LANGS = ("en", "zh")


def names_of(unit: str) -> dict[str, Any]:
    """What the rulebook says the names of a role, team or department are, and those of its department."""
    found = UNITS[unit]
    department = unit if unit in BOOK.departments else getattr(found, "department", None)
    dep = BOOK.departments[department] if department else None
    return {
        "name": {"en": found.en, "zh": found.zh},
        "department_name": DECISION_LAYER.model_dump() if dep is None else {"en": dep.en, "zh": dep.zh},
    }


def check_names(data: Mapping[str, Any], held: Iterable[str], inline: Iterable[Mapping[str, Any]]) -> None:
    """``held`` (every id the answer holds) is exactly what its ``names`` table names, each rightly; each object of
    ``inline`` (one per role, its id under ``id`` or ``role``) carries the role's names and its department's."""
    ids = set(held)
    assert ids <= set(UNITS), ids - set(UNITS)
    assert set(data["names"]) == ids
    assert list(data["names"]) == sorted(ids)
    for unit, found in data["names"].items():
        assert found == names_of(unit), unit
    for item in inline:
        expected = names_of(item.get("role") or item["id"])
        assert item["name"] == expected["name"]
        assert item["department_name"] == expected["department_name"]


def plan_ids(data: Mapping[str, Any]) -> Iterator[str]:
    """Every role, team or department id of a plan's JSON."""
    yield from (role["id"] for role in (*data["roles"], *data["excluded"]))
    staffing = data["staffing"] or {"people": [], "within_budget": [], "deferred": []}
    yield from (role for person in (*staffing["people"], *staffing["within_budget"]) for role in person["roles"])
    yield from (deferral["role"] for deferral in staffing["deferred"])
    yield from (role for item in (*data["assumptions"], *data["shared"]) for role in item["roles"])
    yield from (node["id"] for node in data["graph"]["nodes"])
    yield from (end for link in data["graph"]["links"] for end in (link["source"], link["target"]))


def diff_ids(data: Mapping[str, Any]) -> Iterator[str]:
    """Every role, team or department id of a comparison's JSON (or of a what-if row's difference)."""
    yield from (change["role"] for change in (*data["added"], *data["removed"], *data["resized"]))
    for changes in data["edges"].values():
        yield from (end for edge in (*changes["new"], *changes["dropped"]) for end in (edge["source"], edge["target"]))


def diff_roles(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [*data["added"], *data["removed"], *data["resized"]]


def plan_data(plan: Plan) -> dict[str, Any]:
    """What of a plan's JSON names ids, from its models (``to_dict`` without the counterfactuals it adds)."""
    return {
        "roles": [role.model_dump(mode="json") for role in plan.roles],
        "excluded": [role.model_dump(mode="json") for role in plan.excluded],
        "staffing": None if plan.staffing is None else plan.staffing.model_dump(mode="json"),
        "assumptions": [used.model_dump(mode="json") for used in plan.assumptions],
        "shared": [seat.model_dump(mode="json") for seat in plan.shared],
        "graph": plan.to_dict()["graph"] if plan.profile in SAMPLED else _graph(plan),
        "names": {unit: names.model_dump(mode="json") for unit, names in plan.names.items()},
    }


def _graph(plan: Plan) -> dict[str, Any]:
    from tiktok_team._graph import graph_data  # noqa: PLC0415 - the graph of the JSON, without the rest of it

    return graph_data(plan.rulebook, *plan._graph_inputs())


@pytest.fixture(scope="module")
def plans(space_plans: list[Plan]) -> dict[BusinessProfile, Plan]:
    """The plan of every profile of the fact space, by profile."""
    return {plan.profile: plan for plan in space_plans}


def test_the_json_of_a_plan_is_its_models_with_names(plans: dict[BusinessProfile, Plan]) -> None:
    for profile in SAMPLE:
        plan = plans[profile]
        data, expected = plan.to_dict(), plan_data(plan)
        found = {key: data[key] for key in expected}
        found["roles"] = [{k: v for k, v in role.items() if k != "would_remove"} for role in data["roles"]]
        found["excluded"] = [{k: v for k, v in role.items() if k != "would_need"} for role in data["excluded"]]
        assert found == expected


def test_every_plan_of_the_fact_space_names_every_id_it_holds(space_plans: list[Plan]) -> None:
    for plan in space_plans:
        data = plan_data(plan)
        check_names(
            data,
            plan_ids(data),
            [*data["roles"], *data["excluded"], *(data["staffing"] or {"deferred": []})["deferred"]],
        )
        owner = data["roles"][0]
        assert (owner["id"], owner["department"], owner["department_name"]) == (
            "owner",
            None,
            DECISION_LAYER.model_dump(),
        )
        for role in data["roles"]:
            team = BOOK.teams[role["team"]] if role["team"] else None
            assert role["team_name"] == (None if team is None else {"en": team.en, "zh": team.zh})


def test_comparisons_over_the_fact_space_name_every_id_they_hold(space_plans: list[Plan]) -> None:
    for before, after in itertools.pairwise(space_plans[::5]):
        data = before.diff(after).to_dict()
        check_names(data, diff_ids(data), diff_roles(data))


def test_roadmaps_from_every_startup_profile_name_every_id_they_hold() -> None:
    hires = 0
    for profile in SPACE:
        if profile.stage != "startup" or profile.headcount_budget is not None:
            continue
        data = roadmap(profile, BOOK).to_dict()
        held = [
            role
            for step in data["steps"]
            for role in (
                *(hire["role"] for hire in step["hires"]),
                *(split["role"] for split in step["splits"]),
                *(role for split in step["splits"] for role in split["into"]),
                *step["removed"],
            )
        ]
        inline = [item for step in data["steps"] for item in (*step["hires"], *step["splits"])]
        check_names(data, held, inline)
        hires += sum(len(step["hires"]) for step in data["steps"])
    assert hires > 1000


def test_gaps_and_what_ifs_of_the_sample_name_every_id_they_hold(plans: dict[BusinessProfile, Plan]) -> None:
    for profile in SAMPLE:
        plan = plans[profile]
        seats = [role.id for role in plan.roles]
        for team in (
            {"person": [{"name": "Ann", "roles": ["owner", "streamer"]}, {"name": "Bo", "roles": ["pr"]}]},
            {"person": [{"name": "All", "roles": seats}]},
            {"person": [{"name": f"p{n}", "roles": [seat]} for n, seat in enumerate(seats)]},
        ):
            data = gap(profile, team, BOOK).to_dict()
            held = [*data["missing"], *data["surplus"], *(r for c in data["conflicts"] for r in c["roles"])]
            check_names(data, [*held, *(short["role"] for short in data["short"])], data["short"])
        table = whatif(profile, BOOK).to_dict()
        check_names(
            table,
            [unit for row in table["rows"] for unit in diff_ids(row["diff"])],
            [role for row in table["rows"] for role in diff_roles(row["diff"])],
        )
        assert all("names" not in row["diff"] for row in table["rows"])


# --- reasons in words --------------------------------------------------------------------------------------------


def said(plan: Plan, role_id: str, lang: str) -> list[str]:
    """The lines of ``why`` (a planned role) or ``why_not`` (a role left out), in ``lang``."""
    planned = any(role.id == role_id for role in plan.roles)
    return (plan.why if planned else plan.why_not)(role_id, lang).splitlines()


def attached(plan: Plan) -> Iterator[tuple[str, Explained]]:
    """Every reason the plan attaches to a role (planned: its own, its held duties', its deferral's; left out: its
    own), with the role."""
    for role in plan.roles:
        yield from ((role.id, reason) for reason in role.reasons)
        yield from ((role.id, reason) for held in role.holds for reason in held.reasons)
    for left in plan.excluded:
        yield from ((left.id, reason) for reason in left.reasons)
    for deferral in plan.staffing.deferred if plan.staffing else ():
        yield from ((deferral.role, reason) for reason in deferral.reasons)


def check_said(plan: Plan, pairs: Iterable[tuple[str, Explained]]) -> None:
    """Each reason's sentence is, in each language, a line ``why``/``why_not`` says of its role."""
    by_role: dict[str, list[Explained]] = {}
    for role_id, reason in pairs:
        by_role.setdefault(role_id, []).append(reason)
    for role_id, reasons in by_role.items():
        for lang in LANGS:
            lines = said(plan, role_id, lang)
            for reason in reasons:
                line = f"- {getattr(reason.sentence, lang)}"
                assert line in lines, (plan.profile, role_id, reason.rule, lang, line, lines)


def test_every_reason_of_the_sample_says_what_why_and_why_not_say(plans: dict[BusinessProfile, Plan]) -> None:
    for plan in [*(plans[profile] for profile in SAMPLE), recommend(BUDGETED, BOOK)]:
        check_said(plan, attached(plan))


def test_every_distinct_reason_of_the_fact_space_says_what_why_and_why_not_say(space_plans: list[Plan]) -> None:
    checked: set[tuple[str, str, str]] = set()
    for plan in space_plans:
        new = [(role, r) for role, r in attached(plan) if (role, r.rule, r.sentence.en) not in checked]
        check_said(plan, new)
        checked.update((role, r.rule, r.sentence.en) for role, r in new)
    assert len(checked) > 250  # the sweep meets the sentences of many rules on many roles, not a few


def test_a_reason_is_said_for_what_its_rule_does_to_each_role() -> None:
    plan = recommend({"stage": "growth", "sourcing": "own_stock", "formats": ["livestream"]}, BOOK)
    streamer = {r.rule: r.sentence for r in plan.role("streamer").reasons}
    assert streamer["growth-live-more-people"].en.startswith("At the growth stage, sized at 2 people because")
    assert streamer["growth-live-more-people"].zh.startswith("发展期，人数定为2人，因为")
    presales = {r.rule: r.sentence.en for r in plan.role("presales_cs").reasons}
    assert "split off from Customer service (客服)" in presales["growth-service-splits"]
    service = next(left for left in plan.excluded if left.id == "customer_service")
    assert [r.sentence.en.split(" because")[0] for r in service.reasons] == [
        "From the growth stage on, split into Pre-sale service (售前客服), After-sale service (售后客服)"
    ]
    ad_buyer = next(left for left in plan.excluded if left.id == "ad_buyer")
    assert all("would be added" in r.sentence.en.lower() and " Here: " in r.sentence.en for r in ad_buyer.reasons)
    assert all(r.sentence.zh.endswith("。") for _, r in attached(plan))


def test_a_budget_s_deferrals_shared_seats_and_advice_carry_their_sentences() -> None:
    plan = recommend({"stage": "growth", "sourcing": "own_stock", "formats": ["livestream"], "headcount_budget": 6})
    assert plan.staffing is not None
    assert plan.staffing.deferred
    for deferral in plan.staffing.deferred:
        assert deferral.name.en == BOOK.roles[deferral.role].en
        assert all("in the keep-order" in reason.sentence.en for reason in deferral.reasons)
    mature = recommend({"stage": "mature", "sourcing": "own_stock", "formats": ["livestream", "short_video"]})
    [seat] = mature.shared
    assert all("are held by one person, counted once" in r.sentence.en for r in seat.reasons)
    assert all("Live set designer (直播场景装修)" in r.sentence.en for r in seat.reasons)
    for advice in mature.advice:
        for reason in advice.reasons:
            assert "this advice is given" in reason.sentence.en.lower()
            assert f"[{reason.source} {reason.section}, {reason.guidance}, " in reason.sentence.en
            assert "给出这条建议" in reason.sentence.zh


def check_causes(diff: PlanDiff) -> None:
    """Each cause of a change says what ``why``/``why_not`` of the role says in the plan where its rule fires."""
    for change in (*diff.added, *diff.removed, *diff.resized):
        for cause in change.reasons:
            plan = diff.after if cause.change == "starts" else diff.before
            for lang in LANGS:
                assert f"- {getattr(cause.sentence, lang)}" in said(plan, change.role, lang), (change.role, cause)


def test_the_causes_of_a_comparison_say_what_the_plan_where_they_fire_says(plans: dict[BusinessProfile, Plan]) -> None:
    sample = [plans[profile] for profile in SAMPLE]
    for before, after in itertools.pairwise(sample):
        check_causes(before.diff(after))
        check_causes(after.diff(before))
    change = sample[0].diff(plans[sample[0].profile.model_copy(update={"stage": "mature", "paid_ads": True})])
    edges = [edge for changes in change.edges.values() for edge in changes.new]
    assert edges
    for edge in edges:
        for reason in edge.reasons:
            assert BOOK.roles[edge.source].en in reason.sentence.en
            assert BOOK.roles[edge.target].zh in reason.sentence.zh


def test_a_roadmap_s_hires_and_splits_say_what_the_later_plan_says() -> None:
    profile = BusinessProfile(stage="startup", sourcing="own_stock", formats=frozenset({"livestream"}))
    step = roadmap(profile, BOOK).steps[0]
    growth = recommend(profile.model_copy(update={"stage": "growth"}), BOOK)
    for hire in step.hires:
        assert hire.reasons == growth.role(hire.role).reasons
    assert {split.role: split.kept for split in step.splits} == {"shop_operator": True, "customer_service": False}
    for split in step.splits:
        for reason in split.reasons:
            if split.kept:  # the role stays: its work is split, as no explanation of it says
                assert "part of its work split off into Product selector" in reason.sentence.en
                assert "将其部分工作拆分给选品" in reason.sentence.zh
                continue
            for lang in LANGS:
                assert f"- {getattr(reason.sentence, lang)}" in said(growth, split.role, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_why_says_the_reasons_in_their_order_with_the_rule_named_only_in_detail(lang: str) -> None:
    plan = recommend({"stage": "startup", "sourcing": "own_stock"}, BOOK)
    detail = plan.why("shop_operator", lang, detail=True)
    plain = plan.why("shop_operator", lang)
    for reason in plan.role("shop_operator").reasons:
        assert f"- {getattr(reason.sentence, lang)}" in plain.splitlines()
        assert reason.rule in detail
        assert reason.rule not in plain
