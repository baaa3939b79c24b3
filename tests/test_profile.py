"""The input profile: the model's shape, the errors a user sees for a bad profile, and the document readers."""

from __future__ import annotations

import json
import pickle
import re
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError, create_model

from tiktok_team import BusinessProfile, ProfileError, TiktokTeamError, load_rulebook, recommend
from tiktok_team._profile import FACTS, parse_document
from tiktok_team.testing import profiles

FIELDS = (
    "stage",
    "sourcing",
    "formats",
    "paid_ads",
    "influencers",
    "private_domain",
    "loyalty_program",
    "own_brand",
    "headcount_budget",
)
BASE = {"stage": "growth", "sourcing": "own_stock"}


def parse_error(**fields: object) -> ProfileError:
    """Parse ``fields`` as the profile of ``shop.toml`` and return the error it must raise."""
    with pytest.raises(ProfileError) as info:
        BusinessProfile.parse(fields, "shop.toml")
    return info.value


# --- the model ------------------------------------------------------------------------------------------------


def test_defaults_of_the_optional_fields() -> None:
    profile = BusinessProfile(stage="startup", sourcing="affiliate_pool")
    assert profile.formats == frozenset({"livestream"})
    assert profile.paid_ads is False
    assert profile.influencers is False
    assert profile.private_domain is False
    assert profile.loyalty_program is False
    assert profile.own_brand is False
    assert profile.headcount_budget is None
    # Every other optional field (the workload measures and their assumptions) defaults to nothing.
    for name in set(BusinessProfile.model_fields) - set(FIELDS):
        assert getattr(profile, name) in (None, {}), name


def test_formats_become_a_set_and_may_be_empty() -> None:
    profile = BusinessProfile(stage="mature", sourcing="dropship", formats=["short_video", "livestream", "livestream"])
    assert profile.formats == frozenset({"livestream", "short_video"})
    assert BusinessProfile(stage="mature", sourcing="dropship", formats=[]).formats == frozenset()


def test_formats_serialise_as_a_sorted_list() -> None:
    profile = BusinessProfile(stage="growth", sourcing="own_stock", formats={"short_video", "livestream"})
    assert profile.model_dump(mode="json")["formats"] == ["livestream", "short_video"]


def test_profile_is_frozen() -> None:
    profile = BusinessProfile(stage="growth", sourcing="own_stock")
    with pytest.raises(ValidationError, match="frozen"):
        profile.stage = "mature"  # type: ignore[misc]
    assert profile.stage == "growth"


def test_equal_profiles_are_equal_and_hash_alike() -> None:
    profile = BusinessProfile(stage="growth", sourcing="own_stock")
    same = BusinessProfile(stage="growth", sourcing="own_stock", formats=["livestream"])
    assert profile == same
    assert hash(profile) == hash(same)
    assert len({profile, same}) == 1


def test_nothing_inside_a_profile_can_be_changed_in_place() -> None:
    profile = BusinessProfile(stage="growth", sourcing="own_stock", assumptions={"live_hours_per_streamer": 4.0})
    with pytest.raises(TypeError):
        profile.assumptions["live_hours_per_streamer"] = 8.0  # type: ignore[index]
    assert profile.assumptions == {"live_hours_per_streamer": 4.0}


def test_constructor_rejects_unknown_fields() -> None:
    with pytest.raises(ProfileError, match=r"^unknown field 'colour'$"):
        BusinessProfile(stage="growth", sourcing="own_stock", colour="red")  # type: ignore[call-arg]


def test_constructor_requires_stage_and_sourcing() -> None:
    with pytest.raises(ProfileError, match=r"^sourcing: required field is missing$"):
        BusinessProfile(stage="growth")  # type: ignore[call-arg]


# Bad profiles: misspelt and unknown fields, values of the wrong kind or out of range, beside good fields.
BAD_VALUES = {
    "stage": st.sampled_from(["grwth", "big", 3, None]),
    "sourcing": st.sampled_from(["own_stok", "pool", True]),
    "formats": st.sampled_from([["livestrem"], "short_video", [1]]),
    "paid_ads": st.sampled_from(["yes", 1, None]),
    "headcount_budget": st.sampled_from([0, -2, "five", 2.5, 10**20]),
    "live_rooms": st.sampled_from([0, 101]),
    "assumptions": st.sampled_from([{"x": 0}, {"x": "a"}, []]),
    "paid_add": st.just(True),
    "colour": st.just("red"),
}


@st.composite
def bad_profiles(draw: st.DrawFn) -> dict[str, object]:
    """A profile with at least one bad field (and sometimes a required one missing)."""
    bad = draw(st.dictionaries(st.sampled_from(sorted(BAD_VALUES)), st.none(), min_size=1))
    fields: dict[str, object] = {**draw(st.sampled_from([BASE, {"stage": "mature"}, {}]))}
    fields.update({name: draw(BAD_VALUES[name]) for name in bad})
    return fields


@given(bad_profiles())
def test_every_way_of_building_a_profile_raises_the_same_profile_error(fields: dict[str, object]) -> None:
    ways = {
        "BusinessProfile(...)": lambda: BusinessProfile(**fields),  # type: ignore[arg-type]
        "model_validate": lambda: BusinessProfile.model_validate(fields),
        "model_validate_json": lambda: BusinessProfile.model_validate_json(json.dumps(fields)),
        "parse": lambda: BusinessProfile.parse(fields),
        "recommend": lambda: recommend(fields),
    }
    said = {}
    for way, build in ways.items():
        with pytest.raises(ProfileError) as info:
            build()
        said[way] = (str(info.value), info.value.problems)
    assert len(set(said.values())) == 1, said
    message, problems = said["recommend"]
    assert message == "; ".join(text for _, text in problems)
    assert "\n" not in message


@pytest.mark.parametrize("data", [[], "stage = 'growth'", 3, None])
def test_something_that_is_not_a_table_is_refused_alike_by_every_way(data: object) -> None:
    said = set()
    for build in (BusinessProfile.model_validate, BusinessProfile.parse, recommend):
        with pytest.raises(ProfileError, match=r"^a profile must be a table of fields, not ") as info:
            build(data)  # type: ignore[operator]
        said.add(str(info.value))
    with pytest.raises(ProfileError) as info:
        BusinessProfile.model_validate_json(json.dumps(data))
    assert said == {str(info.value)}


def test_a_profile_error_is_a_value_error_but_not_a_pydantic_validation_error() -> None:
    with pytest.raises(ValueError, match="did you mean 'own_stock'") as info:
        BusinessProfile(stage="growth", sourcing="own_stok")  # type: ignore[arg-type]
    assert isinstance(info.value, TiktokTeamError)
    assert not isinstance(info.value, ValidationError)


def test_a_profile_nested_in_another_model_is_validated_by_pydantic_as_before() -> None:
    # pydantic builds a nested profile without BusinessProfile's own __init__: the outer model reports its errors
    outer = create_model("Request", profile=(BusinessProfile, ...))
    assert outer(profile=BASE).profile == BusinessProfile(**BASE)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"profile\.stage"):
        outer(profile={"stage": "big", "sourcing": "own_stock"})


# --- parse: pydantic errors become one ProfileError -----------------------------------------------------------


def test_parse_accepts_any_mapping() -> None:
    data = MappingProxyType({**BASE, "formats": ["short_video"], "paid_ads": True, "headcount_budget": 4})
    profile = BusinessProfile.parse(data)
    assert profile == BusinessProfile(
        stage="growth", sourcing="own_stock", formats={"short_video"}, paid_ads=True, headcount_budget=4
    )


@pytest.mark.parametrize("data", [["stage", "growth"], "stage = growth", None, 3])
def test_parse_rejects_a_document_that_is_not_a_table(data: object) -> None:
    with pytest.raises(ProfileError, match=r"^shop\.toml: a profile must be a table of fields") as info:
        BusinessProfile.parse(data, "shop.toml")
    assert type(data).__name__ in str(info.value)


def test_profile_error_is_a_library_error_and_a_value_error() -> None:
    err = parse_error(stage="grwth", sourcing="own_stock")
    assert isinstance(err, TiktokTeamError)
    assert isinstance(err, ValueError)
    assert err.where == "shop.toml"
    assert "\n" not in str(err)


def test_misspelt_field_name_gets_a_hint() -> None:
    err = parse_error(stge="growth", sourcing="own_stock")
    message = str(err)
    assert message.startswith("shop.toml: ")
    assert "unknown field 'stge' (did you mean 'stage'?)" in message
    assert "\n" not in message


def test_unknown_field_without_a_near_name_has_no_hint() -> None:
    message = str(parse_error(**BASE, colour="red"))
    assert "unknown field 'colour'" in message
    assert "did you mean" not in message


def test_misspelt_stage_value_gets_a_hint() -> None:
    message = str(parse_error(stage="grwth", sourcing="own_stock"))
    assert message == "shop.toml: stage: 'grwth' is not one of startup, growth, mature (did you mean 'growth'?)"


def test_misspelt_sourcing_value_gets_a_hint() -> None:
    message = str(parse_error(stage="growth", sourcing="dropshp"))
    assert "sourcing: 'dropshp' is not one of own_stock, dropship, affiliate_pool" in message
    assert "(did you mean 'dropship'?)" in message


def test_misspelt_format_gets_a_hint() -> None:
    message = str(parse_error(**BASE, formats=["livestrem"]))
    assert message.startswith("shop.toml: formats: 'livestrem' is not one of livestream, short_video")
    assert message.endswith("(did you mean 'livestream'?)")


def test_unknown_stage_without_a_near_value_lists_the_stages() -> None:
    message = str(parse_error(stage="seed", sourcing="own_stock"))
    assert "stage: 'seed' is not one of startup, growth, mature" in message
    assert "did you mean" not in message


def test_wrong_type_names_the_field_and_the_value() -> None:
    message = str(parse_error(**BASE, paid_ads="maybe"))
    assert message.startswith("shop.toml: paid_ads: ")
    assert "boolean" in message
    assert "'maybe'" in message


def test_formats_given_as_a_single_string_is_rejected() -> None:
    message = str(parse_error(**BASE, formats="livestream"))
    assert message.startswith("shop.toml: formats: ")
    assert "'livestream'" in message


@pytest.mark.parametrize("budget", [0, -1, -30])
def test_headcount_budget_must_be_at_least_one(budget: int) -> None:
    message = str(parse_error(**BASE, headcount_budget=budget))
    assert message.startswith("shop.toml: headcount_budget: ")
    assert "greater than or equal to 1" in message
    assert f"(got {budget})" in message


def test_headcount_budget_of_one_is_accepted() -> None:
    assert BusinessProfile.parse({**BASE, "headcount_budget": 1}).headcount_budget == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("live_hours_per_day", 25), ("live_hours_per_day", 0), ("live_rooms", 0), ("videos_per_week", -1)],
)
def test_workload_out_of_range_names_the_field(field: str, value: int) -> None:
    message = str(parse_error(**BASE, **{field: value}))
    assert message.startswith(f"shop.toml: {field}: ")
    assert f"(got {value})" in message


def test_negative_assumption_names_the_assumption() -> None:
    message = str(parse_error(**BASE, assumptions={"live_hours_per_streamer": -2}))
    assert message.startswith("shop.toml: assumptions: ")
    assert "'live_hours_per_streamer'" in message


@pytest.mark.parametrize(
    ("field", "value"),
    [("headcount_budget", True), ("headcount_budget", "3"), ("paid_ads", "yes"), ("paid_ads", 1)],
)
def test_values_the_published_schema_rejects_are_rejected(field: str, value: object) -> None:
    # `tiktok-team schema` says headcount_budget is an integer and paid_ads a boolean; a profile that breaks
    # the published schema must not be silently coerced (`headcount_budget = true` is not a budget of 1).
    message = str(parse_error(**BASE, **{field: value}))
    assert f"{field}: " in message


def test_missing_stage() -> None:
    assert str(parse_error(sourcing="own_stock")) == "shop.toml: stage: required field is missing"


def test_several_problems_are_reported_in_one_message() -> None:
    message = str(parse_error(stage="grwth", sourcing="own_stock", paid_ads="maybe"))
    assert "stage: 'grwth'" in message
    assert "paid_ads: " in message
    assert "\n" not in message


def test_parse_without_a_location_has_no_prefix() -> None:
    with pytest.raises(ProfileError) as info:
        BusinessProfile.parse({"sourcing": "own_stock"})
    assert str(info.value) == "stage: required field is missing"
    assert info.value.where == ""


# --- parse_document ------------------------------------------------------------------------------------------

TOML_DOC = 'stage = "growth"\nsourcing = "own_stock"\nformats = ["livestream", "short_video"]\npaid_ads = true\n'
JSON_DOC = '{"stage": "growth", "sourcing": "own_stock", "formats": ["livestream", "short_video"], "paid_ads": true}'
YAML_DOC = "stage: growth\nsourcing: own_stock\nformats:\n  - livestream\n  - short_video\npaid_ads: true\n"
DECODED = {"stage": "growth", "sourcing": "own_stock", "formats": ["livestream", "short_video"], "paid_ads": True}


@pytest.mark.parametrize(("text", "fmt"), [(TOML_DOC, "toml"), (JSON_DOC, "json"), (YAML_DOC, "yaml")])
def test_parse_document_decodes_each_format(text: str, fmt: str) -> None:
    data = parse_document(text, fmt, f"shop.{fmt}")
    assert data == DECODED
    assert BusinessProfile.parse(data).formats == frozenset({"livestream", "short_video"})


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ('stage = "growth"\nsourcing = \n', "toml", r"^shop\.toml: not valid TOML: .*line 2"),
        ('{"stage": "growth",\n "sourcing": }', "json", r"^shop\.json: not valid JSON: line 2 column \d+: "),
        ("stage: growth\nsourcing: [own_stock\n", "yaml", r"^shop\.yaml: not valid YAML: line 3 column \d+: "),
        ("stage: growth\n  sourcing: own_stock: x\n", "yaml", r"^shop\.yaml: not valid YAML: line 2 column \d+: "),
    ],
)
def test_broken_documents_name_the_file_and_the_position(text: str, fmt: str, expected: str) -> None:
    with pytest.raises(ProfileError) as info:
        parse_document(text, fmt, f"shop.{fmt}")
    message = str(info.value)
    assert re.search(expected, message), message
    assert "\n" not in message
    assert info.value.where == f"shop.{fmt}"


def test_unknown_document_format_gets_a_hint() -> None:
    with pytest.raises(ProfileError, match=r"^shop\.yml: unknown format 'yml' \(did you mean 'yaml'\?\)$"):
        parse_document("stage: growth", "yml", "shop.yml")


# --- facts and schema ----------------------------------------------------------------------------------------


def test_facts_are_the_declared_fact_vocabulary() -> None:
    assert tuple(FACTS) == FIELDS
    assert set(FACTS) <= set(BusinessProfile.model_fields)


def test_facts_give_every_field_value() -> None:
    profile = BusinessProfile(
        stage="mature",
        sourcing="dropship",
        formats={"short_video"},
        influencers=True,
        own_brand=True,
        headcount_budget=9,
    )
    assert profile.facts() == {
        "stage": "mature",
        "sourcing": "dropship",
        "formats": frozenset({"short_video"}),
        "paid_ads": False,
        "influencers": True,
        "private_domain": False,
        "loyalty_program": False,
        "own_brand": True,
        "headcount_budget": 9,
    }


def test_facts_is_a_fresh_copy() -> None:
    profile = BusinessProfile(stage="growth", sourcing="own_stock")
    facts = profile.facts()
    facts["stage"] = "mature"
    assert profile.facts()["stage"] == "growth"


def test_fact_specs_match_the_model() -> None:
    assert FACTS["stage"].values == ("startup", "growth", "mature")
    assert FACTS["sourcing"].values == ("own_stock", "dropship", "affiliate_pool")
    assert FACTS["formats"].values == ("livestream", "short_video")
    assert {name for name, spec in FACTS.items() if spec.kind == "bool"} == {
        "paid_ads",
        "influencers",
        "private_domain",
        "loyalty_program",
        "own_brand",
    }
    assert FACTS["headcount_budget"].kind == "int"
    assert all(spec.en and spec.zh for spec in FACTS.values())


def test_json_schema_lists_every_field() -> None:
    schema = BusinessProfile.model_json_schema()
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert tuple(schema["properties"]) == tuple(BusinessProfile.model_fields)
    assert set(FIELDS) <= set(schema["properties"])
    assert sorted(schema["required"]) == ["sourcing", "stage"]
    assert all(prop.get("description") for prop in schema["properties"].values())


def test_json_schema_states_the_allowed_values() -> None:
    props = BusinessProfile.model_json_schema()["properties"]
    assert props["stage"]["enum"] == ["startup", "growth", "mature"]
    assert props["sourcing"]["enum"] == ["own_stock", "dropship", "affiliate_pool"]
    assert props["formats"]["type"] == "array"
    assert props["formats"]["items"]["enum"] == ["livestream", "short_video"]
    assert props["paid_ads"]["type"] == "boolean"
    assert {"type": "integer", "minimum": 1} in props["headcount_budget"]["anyOf"]


ASSUMPTION_IDS = sorted(load_rulebook().assumptions)


@given(profiles(assumptions=st.dictionaries(st.sampled_from(ASSUMPTION_IDS), st.floats(0.5, 20), max_size=3)))
def test_a_profile_pickles_and_comes_back_equal_and_read_only(profile: BusinessProfile) -> None:
    back = pickle.loads(pickle.dumps(profile))
    assert back == profile
    assert hash(back) == hash(profile)
    assert back.model_dump() == profile.model_dump()
    assert isinstance(back.assumptions, MappingProxyType)
