"""The growth roadmap and the gap analysis."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given

from tiktok_team import SCHEMA_VERSION, BusinessProfile, CurrentTeam, TeamError, gap, recommend, roadmap
from tiktok_team._profile import STAGES
from tiktok_team.testing import profiles


def seats(profile: BusinessProfile) -> dict[str, int]:
    return {role.id: role.headcount for role in recommend(profile).roles}


@given(profiles())
def test_each_step_applied_to_a_stage_reaches_the_next_stage(profile: BusinessProfile) -> None:
    result = roadmap(profile)
    stages = STAGES[STAGES.index(profile.stage) :]
    assert [(s.from_stage, s.to_stage) for s in result.steps] == list(itertools.pairwise(stages))
    current = seats(profile)
    for step in result.steps:
        current = step.apply(current)
        assert current == seats(profile.model_copy(update={"stage": step.to_stage}))
        assert step.headcount_after == sum(current.values())


def test_startup_to_growth_hires_in_cited_priority_order() -> None:
    step = roadmap({"stage": "startup", "sourcing": "own_stock", "formats": ["livestream"]}).steps[0]
    assert [h.role for h in step.hires][:3] == ["streamer", "product_selector", "aftersales_cs"]  # the chain first
    kinds = {h.role: h.kind for h in step.hires}
    assert kinds["presales_cs"] == "split"
    assert kinds["streamer"] == "more"
    assert kinds["live_planner"] == "new"
    assert step.removed == ("customer_service",)
    assert {s.role: s.into for s in step.splits}["customer_service"] == ("presales_cs", "aftersales_cs")
    assert {"growth-specialise", "grow-talent-in-house"} <= {a.id for a in step.advice}


def test_growth_to_mature_gives_the_maturity_advice() -> None:
    step = roadmap({"stage": "growth", "sourcing": "own_stock"}).steps[0]
    assert "mature-moat" in {a.id for a in step.advice}


def test_a_mature_business_has_no_further_steps() -> None:
    result = roadmap({"stage": "mature", "sourcing": "dropship"})
    assert result.steps == ()
    assert result.to_dict() == {
        "schema_version": SCHEMA_VERSION,
        "stage": "mature",
        "steps": [],
        "names": {},
        "by": "stage",
        "currency": None,
    }


TEAM = {
    "person": [
        {"name": "Mei", "roles": ["owner", "shop_operator"]},
        {"name": "Jun", "roles": ["streamer", "videographer_editor"]},
        {"name": "Lan", "roles": ["live_controller", "pr"]},
    ]
}


def test_gap_finds_missing_surplus_conflicting_and_short_roles() -> None:
    result = gap({"stage": "growth", "sourcing": "own_stock"}, TEAM)
    assert "presales_cs" in result.missing
    assert result.surplus == ("pr", "videographer_editor")
    assert [(c.person, c.roles) for c in result.conflicts] == [
        ("Mei", ("owner", "shop_operator")),  # the owner holds a role at startup only
        ("Jun", ("streamer", "videographer_editor")),  # the streamer films only where the business runs videos
        ("Lan", ("live_controller", "pr")),
    ]
    assert sorted((s.role, s.planned, s.held) for s in result.short) == [("live_controller", 2, 1), ("streamer", 2, 1)]
    assert result.team_size == 3


def test_gap_allows_the_pairs_the_rules_allow() -> None:
    profile = {"stage": "startup", "sourcing": "own_stock", "formats": ["livestream", "short_video"]}
    team = {"person": [{"name": "Mei", "roles": ["owner", "shop_operator"]}, {"name": "Jun", "roles": ["streamer"]}]}
    assert gap(profile, team).conflicts == ()


@pytest.mark.parametrize(
    ("team", "message"),
    [
        ({"person": [{"name": "A", "roles": ["streamr"]}]}, "did you mean 'streamer'"),
        ({"person": [{"name": "A", "role": ["streamer"]}]}, "unknown field 'person.0.role'.*did you mean 'roles'"),
        ({"persons": []}, "did you mean 'person'"),
        ({"person": [{"name": "A", "roles": []}]}, "person.0.roles"),
        ([1, 2], "a team must be a table"),
        (
            {"stage": "growth", "sourcing": "own_stock"},
            r"unknown field 'stage' \(a team file holds \[\[person\]\] tables\)",
        ),
    ],
)
def test_bad_teams_are_explained(team: object, message: str) -> None:
    with pytest.raises(TeamError, match=message):
        gap({"stage": "startup", "sourcing": "own_stock"}, team)  # type: ignore[arg-type]


def test_team_accepts_people_as_the_list_name() -> None:
    team = CurrentTeam.parse({"people": [{"name": "A", "roles": ["streamer"]}]})
    assert team.people[0].roles == ("streamer",)
