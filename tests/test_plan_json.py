"""A plan's JSON: pydantic's serialisation is to_dict(), and Plan.from_dict() reads it back with the rulebook that
made it, over the whole fact space; a JSON from another rulebook, another version or edited by hand is refused."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from typing import Any

import pytest

from tiktok_team import (
    SCHEMA_VERSION,
    BusinessProfile,
    Plan,
    PlanError,
    ProfileError,
    fact_space,
    load_rulebook,
    output_schema,
    recommend,
)
from tiktok_team._fingerprint import fingerprint
from tiktok_team.testing import load_overlay

BOOK = load_rulebook()
GROWTH = {"stage": "growth", "sourcing": "own_stock", "formats": ["livestream", "short_video"], "paid_ads": True}


def _json(plan: Plan) -> dict[str, Any]:
    """The plan's JSON as a reader of it gets it: printed, then read back."""
    data: dict[str, Any] = json.loads(json.dumps(plan.to_dict(), ensure_ascii=False))
    return data


def test_every_plan_of_the_fact_space_round_trips_through_its_json_text(
    space_plans: list[Plan], space_json: list[dict[str, Any]]
) -> None:
    """Read back, every plan is the plan it was: equal field for field (what the JSON derives from the fields, the
    graph and the counterfactuals, is the same for equal plans: tests/test_properties.py, same profile same bytes).
    The plans are recommend's (remembered_plan), and from_dict plans each again from the same engine run."""
    assert [plan.profile for plan in space_plans] == list(fact_space(BOOK))
    for plan, data in zip(space_plans, space_json, strict=True):
        again = Plan.from_dict(data, BOOK)
        assert again.profile == plan.profile
        assert again == plan


def test_plans_with_workloads_assumptions_and_budgets_round_trip() -> None:
    profile = BusinessProfile(
        stage="mature",
        sourcing="own_stock",
        formats=frozenset({"livestream", "short_video"}),
        headcount_budget=5,
        live_hours_per_day=10.5,
        live_rooms=2,
        orders_per_day=900,
        assumptions={"aftersales_orders_per_day": 150},
    )
    plan = recommend(profile, BOOK)
    again = Plan.from_dict(_json(plan), BOOK)
    assert again.profile == profile
    assert again.staffing == plan.staffing
    assert again == plan


def test_the_json_names_its_profile_and_rulebook() -> None:
    data = recommend(GROWTH, BOOK).to_dict()
    assert data["profile"] == BusinessProfile(**GROWTH).model_dump(mode="json")  # type: ignore[arg-type]
    assert data["profile"]["formats"] == ["livestream", "short_video"]
    assert data["rulebook"] == {"fingerprint": fingerprint(BOOK), "files": list(BOOK.files)}
    assert data["schema_version"] == SCHEMA_VERSION


def test_pydantic_serialisation_is_to_dict_and_the_schema_is_the_contracts() -> None:
    plan = recommend(GROWTH, BOOK)
    assert plan.model_dump() == plan.to_dict()
    assert plan.model_dump(mode="json") == plan.to_dict()
    assert json.loads(plan.model_dump_json()) == _json(plan)
    assert Plan.model_json_schema() == output_schema("plan")
    assert Plan.model_json_schema(mode="serialization") == output_schema("plan")


def test_copies_of_a_plan_are_equal_plans() -> None:
    plan = recommend(GROWTH, BOOK)
    for copied in (copy.copy(plan), copy.deepcopy(plan), plan.model_copy(deep=True)):
        assert copied == plan
        assert copied.to_dict() == plan.to_dict()
    assert plan.model_copy(update={"roles": ()}, deep=True).roles == ()
    assert plan.roles  # the original is untouched


def test_the_fingerprint_is_the_same_in_any_process_and_differs_for_another_rulebook() -> None:
    code = "from tiktok_team import load_rulebook\nfrom tiktok_team._fingerprint import fingerprint\n"
    code += "print(fingerprint(load_rulebook()))"
    for seed, cache in (("0", "1"), ("12345", "")):
        done = subprocess.run(
            [sys.executable, "-c", code],
            env={"PYTHONHASHSEED": seed, "TIKTOK_TEAM_NO_CACHE": cache, "PATH": ""},
            capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        assert done.stdout.strip() == fingerprint(BOOK)
    assert fingerprint(load_overlay('disable = ["adapt-not-copy"]')) != fingerprint(BOOK)


def test_a_json_made_with_another_rulebook_is_refused_naming_both() -> None:
    overlay = load_overlay('disable = ["adapt-not-copy"]')
    data = _json(recommend(GROWTH, overlay))
    with pytest.raises(PlanError, match=r"^the plan was made with another rulebook \(fingerprint ") as info:
        Plan.from_dict(data, BOOK)
    assert fingerprint(overlay)[:12] in str(info.value)
    assert fingerprint(BOOK)[:12] in str(info.value)
    assert "overlay.toml" in str(info.value)
    assert _json(Plan.from_dict(data, overlay)) == data


@pytest.mark.parametrize(
    ("path", "value", "said"),
    [
        (("roles", 0, "headcount"), 9, r"at roles\[0\]\.headcount it has 9, where planning its profile again gives 1"),
        (("advice",), [], r"at advice it has \[\], where"),
        (("graph", "nodes", 0, "en"), "Boss", r"at graph\.nodes\[0\]\.en it has \"Boss\", where"),
    ],
)
def test_an_edited_json_is_refused_naming_the_first_place_it_differs(
    path: tuple[str | int, ...], value: object, said: str
) -> None:
    data = _json(recommend(GROWTH, BOOK))
    edited = copy.deepcopy(data)
    part: Any = edited
    for step in path[:-1]:
        part = part[step]
    part[path[-1]] = value
    with pytest.raises(PlanError, match=r"^the plan's JSON is not the plan of its profile with this rulebook: " + said):
        Plan.from_dict(edited, BOOK)


def test_keys_of_a_later_minor_version_are_left_aside_and_older_ones_without_a_profile_are_refused() -> None:
    data = _json(recommend(GROWTH, BOOK))
    major, minor = SCHEMA_VERSION.split(".")
    later = {**data, "schema_version": f"{major}.{int(minor) + 1}", "forecast": {"total": 1}}
    assert _json(Plan.from_dict(later, BOOK)) == data
    older = {key: value for key, value in data.items() if key not in ("profile", "rulebook")}
    with pytest.raises(PlanError, match="carries no profile and rulebook"):
        Plan.from_dict({**older, "schema_version": f"{major}.0"}, BOOK)
    with pytest.raises(PlanError, match=rf"^a plan's JSON of schema_version '{int(major) + 1}\.0' cannot be read"):
        Plan.from_dict({**data, "schema_version": f"{int(major) + 1}.0"}, BOOK)


@pytest.mark.parametrize(
    ("data", "error", "said"),
    [
        ([], PlanError, "^a plan's JSON is an object, not list$"),
        ({"schema_version": SCHEMA_VERSION, "x": {1, 2}}, PlanError, "^the plan's data is not JSON: "),
        ({"schema_version": SCHEMA_VERSION, "x": float("nan")}, PlanError, "^the plan's data is not JSON: "),
        ({}, PlanError, "^a plan's JSON of schema_version None cannot be read"),
    ],
)
def test_what_is_not_a_plans_json_is_refused_in_one_line(data: Any, error: type[Exception], said: str) -> None:
    with pytest.raises(error, match=said) as info:
        Plan.from_dict(data, BOOK)
    assert "\n" not in str(info.value)


def test_a_bad_profile_in_the_json_is_a_profile_error_naming_it() -> None:
    data = _json(recommend(GROWTH, BOOK))
    with pytest.raises(ProfileError, match=r"^profile: stage: 'big' is not one of"):
        Plan.from_dict({**data, "profile": {**data["profile"], "stage": "big"}}, BOOK)
