"""The rulebook: the bundled rules against the vocabulary and the sources, the loader's errors on broken rule
files, and the condition mini-language that rules are written in."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from tiktok_team import RulebookError, TiktokTeamError, load_rulebook, recommend
from tiktok_team._condition import (
    All,
    Any_,
    ConditionSyntaxError,
    Derived,
    Not,
    derived_names,
    holds,
    parse_condition,
)
from tiktok_team._condition import Test as FactTest
from tiktok_team._rulebook import Rulebook

# The role table of VOCABULARY.md: id -> (English, Chinese, department, team).
ROLES = {
    "streamer": ("Streamer", "主播", "content", "live"),
    "assistant_streamer": ("Assistant streamer", "副播（二播）", "content", "live"),
    "live_controller": ("Live controller", "场控", "content", "live"),
    "live_planner": ("Livestream planner", "直播策划", "content", "live"),
    "live_technician": ("Live technician", "直播技术", "content", "live"),
    "live_set_designer": ("Live set designer", "直播场景装修", "content", "live"),
    "video_scriptwriter": ("Short-video planner & scriptwriter", "短视频策划编导", "content", "short_video"),
    "video_actor": ("Actor", "演员", "content", "short_video"),
    "videographer_editor": ("Filming & editing", "拍摄剪辑", "content", "short_video"),
    "video_set_builder": ("Scene builder", "短视频场景搭建", "content", "short_video"),
    "shop_operator": ("Shop operator", "店铺运营", "shop_ops", None),
    "product_selector": ("Product selector / product manager", "选品", "shop_ops", None),
    "shop_designer": ("Shop designer", "店铺美工设计", "shop_ops", None),
    "promotions_planner": ("Promotions planner", "活动策划", "shop_ops", None),
    "shop_analyst": ("Shop data analyst", "店铺数据分析", "shop_ops", None),
    "ad_buyer": ("Ad buyer", "投手", "advertising", None),
    "ad_creative_producer": ("Ad creative producer", "广告素材制作", "advertising", None),
    "ad_analyst": ("Ad analyst", "投放数据分析", "advertising", None),
    "influencer_scout": ("Influencer / KOC scout", "达人筛选", "influencer", None),
    "influencer_bd": ("Influencer business development", "达人商务", "influencer", None),
    "pr": ("Public relations", "公关", "influencer", None),
    "customer_service": ("Customer service", "客服", "support", None),
    "presales_cs": ("Pre-sale service", "售前客服", "support", None),
    "aftersales_cs": ("After-sale service", "售后客服", "support", None),
    "logistics": ("Shipping & logistics", "发货物流", "support", None),
    "loyalty_manager": ("Membership & loyalty", "会员运营", "support", None),
    "private_domain_operator": ("Private-domain operator", "私域运营", "private_domain", None),
}
DEPARTMENTS = {"content", "shop_ops", "advertising", "influencer", "support", "private_domain"}
GUIDANCE_IDS = [f"G{n:02d}" for n in range(1, 38)]


@pytest.fixture(scope="module")
def book() -> Rulebook:
    return load_rulebook()


# --- the bundled rulebook ------------------------------------------------------------------------------------


def test_bundled_rulebook_cites_both_sources(book: Rulebook) -> None:
    assert set(book.sources) == {"five-departments", "three-stages"}
    for source in book.sources.values():
        assert source.title
        assert source.author


@pytest.mark.parametrize("role_id", sorted(ROLES))
def test_every_vocabulary_role_is_in_the_catalog(book: Rulebook, role_id: str) -> None:
    en, zh, department, team = ROLES[role_id]
    role = book.roles[role_id]
    assert (role.en, role.zh, role.department, role.team) == (en, zh, department, team)


def test_catalog_has_the_owner_as_root_and_nothing_unexpected(book: Rulebook) -> None:
    assert set(book.roles) == {*ROLES, "owner"}
    owner = book.roles["owner"]
    assert owner.department is None
    assert owner.team is None
    assert owner.en
    assert owner.zh


def test_departments_and_teams(book: Rulebook) -> None:
    assert set(book.departments) == DEPARTMENTS
    assert {team_id: team.department for team_id, team in book.teams.items()} == {
        "live": "content",
        "short_video": "content",
    }
    for unit in [*book.departments.values(), *book.teams.values()]:
        assert unit.en
        assert unit.zh


def test_graph_node_ids_are_unique(book: Rulebook) -> None:
    ids = [*book.departments, *book.teams, *book.roles]
    assert len(ids) == len(set(ids))


def test_every_rule_is_cited(book: Rulebook) -> None:
    assert len(book.rules) > 30
    for rule in book.rules.values():
        assert rule.source in book.sources, rule.id
        assert rule.section.strip(), rule.id
        assert rule.guidance in GUIDANCE_IDS, rule.id
        assert rule.basis in ("stated", "inferred"), rule.id
        if rule.basis == "inferred":
            assert rule.because is not None, rule.id
            assert len(rule.because.strip()) > 20, rule.id
        assert rule.file.startswith("rules/"), rule.id
        assert rule.file in book.files, rule.id


def test_both_bases_are_used(book: Rulebook) -> None:
    assert {rule.basis for rule in book.rules.values()} == {"stated", "inferred"}


@pytest.mark.parametrize("guidance", GUIDANCE_IDS)
def test_every_guidance_item_is_cited_by_a_rule(book: Rulebook, guidance: str) -> None:
    assert any(rule.guidance == guidance for rule in book.rules.values())


def test_every_catalog_role_can_be_added_by_some_rule(book: Rulebook) -> None:
    added = {role for rule in book.rules.values() for role in rule.roles_added()}
    assert set(book.roles) <= added


def test_rules_deriving_a_fact_are_not_outranked_by_the_rules_testing_it(book: Rulebook) -> None:
    # A rule that tests a derived fact must not fire before the fact can be derived; under a negation it must
    # fire strictly later (salience: higher fires first).
    tested = 0
    for rule in book.rules.values():
        for name, negated in derived_names(rule.when):
            derivers = [r.id for r in book.rules.values() if name in r.derive]
            assert derivers, (rule.id, name)
            tested += 1
            for deriver in derivers:
                if negated:
                    assert book.salience[deriver] > book.salience[rule.id], (deriver, rule.id)
                else:
                    assert book.salience[deriver] >= book.salience[rule.id], (deriver, rule.id)
    assert tested > 0


# --- overlays: a valid one works ---------------------------------------------------------------------------


@cache
def citation() -> str:
    """The citation lines of a real bundled rule, so that overlay rules are valid apart from the fault under test."""
    rule = load_rulebook().rules["startup-live-team"]
    return f'source = "{rule.source}"\nsection = "{rule.section}"\nguidance = "{rule.guidance}"\nbasis = "stated"\n'


def rule_toml(rule_id: str, body: str, cite: str | None = None) -> str:
    return f'[[rule]]\nid = "{rule_id}"\n{citation() if cite is None else cite}{body}\n'


def write(tmp_path: Path, text: str, name: str = "overlay.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_overlay_rule_is_loaded_and_applied(tmp_path: Path) -> None:
    path = write(tmp_path, rule_toml("x-startup-pr", 'when = { fact = "stage", equals = "startup" }\ninclude = ["pr"]'))
    book = load_rulebook(path)
    rule = book.rules["x-startup-pr"]
    assert rule.file == str(path)
    assert book.files[-1] == str(path)
    assert len(book.rules) == len(load_rulebook().rules) + 1
    plan = recommend({"stage": "startup", "sourcing": "own_stock"}, book)
    assert [reason.rule for reason in plan.role("pr").reasons] == ["x-startup-pr"]
    assert "pr" not in {role.id for role in recommend({"stage": "growth", "sourcing": "own_stock"}, book).roles}


def test_overlay_negated_derived_fact_is_stratified(tmp_path: Path) -> None:
    # x-use tests that x_live_shop does NOT hold, so it must fire only after x-derive has had its chance.
    text = "\n".join(
        [
            '[[derived]]\nid = "x_live_shop"\nen = "it streams from its own shop"\nzh = "自有店铺直播"\n',
            rule_toml(
                "x-derive",
                'when = { all = [{ derived = "has_shop" }, { fact = "formats", contains = "livestream" }] }\n'
                'derive = ["x_live_shop"]',
            ),
            rule_toml("x-use", 'when = { not = { derived = "x_live_shop" } }\ninclude = ["pr"]'),
        ]
    )
    book = load_rulebook(write(tmp_path, text))
    deriver = next(r.id for r in book.rules.values() if "has_shop" in r.derive)
    assert book.salience[deriver] >= book.salience["x-derive"] > book.salience["x-use"]

    def planned(**facts: object) -> set[str]:
        return {role.id for role in recommend({"stage": "startup", **facts}, book).roles}

    assert "pr" not in planned(sourcing="dropship")
    assert "pr" not in planned(sourcing="own_stock")
    assert "pr" in planned(sourcing="affiliate_pool")
    assert "pr" in planned(sourcing="own_stock", formats=["short_video"])


# --- overlays: each fault is reported with the file, the entry and a hint ----------------------------------


def load_error(path: Path) -> RulebookError:
    with pytest.raises(RulebookError) as info:
        load_rulebook(path)
    err = info.value
    assert isinstance(err, TiktokTeamError)
    assert path.name in str(err)
    assert "\n" not in str(err)
    return err


def assert_names_rule(err: RulebookError, rule_id: str, *fragments: str) -> None:
    message = str(err)
    assert err.entry == rule_id
    assert f".toml:{rule_id}: " in message
    for fragment in fragments:
        assert fragment in message, message


def test_unknown_role_in_include(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, rule_toml("x-role", 'include = ["streamr"]')))
    assert_names_rule(err, "x-role", "unknown role 'streamr'", "(did you mean 'streamer'?)")


@pytest.mark.parametrize(
    "effect",
    [
        'exclude = ["logistcs"]',
        "scale = { logistcs = 2 }",
        'split = { from = "shop_operator", into = ["logistcs"] }',
        'relate = [{ kind = "feeds", from = "logistcs", to = "streamer" }]',
    ],
)
def test_unknown_role_in_any_effect(tmp_path: Path, effect: str) -> None:
    err = load_error(write(tmp_path, rule_toml("x-role", effect)))
    assert_names_rule(err, "x-role", "unknown role 'logistcs'", "(did you mean 'logistics'?)")


def test_unknown_fact_in_a_condition(tmp_path: Path) -> None:
    body = 'when = { all = [{ fact = "stge", equals = "growth" }] }\ninclude = ["pr"]'
    err = load_error(write(tmp_path, rule_toml("x-fact", body)))
    assert_names_rule(err, "x-fact", "unknown fact 'stge'", "(did you mean 'stage'?)", "when.all[0]")


@pytest.mark.parametrize(
    ("condition", "fragments"),
    [
        ('{ fact = "stage", equals = "grwth" }', ["'stage' cannot be 'grwth'", "(did you mean 'growth'?)"]),
        ('{ fact = "sourcing", in = ["own_stock", "dropshp"] }', ["'dropshp'", "(did you mean 'dropship'?)"]),
        ('{ fact = "formats", contains = "livestrem" }', ["'livestrem'", "(did you mean 'livestream'?)"]),
        ('{ fact = "paid_ads", equals = "yes" }', ["'paid_ads' is true or false"]),
        ('{ fact = "headcount_budget", at_most = 0 }', ["'headcount_budget'", "whole number"]),
        ('{ fact = "stage", contains = "growth" }', ["'contains' does not apply", "'stage'"]),
    ],
)
def test_value_a_fact_cannot_take(tmp_path: Path, condition: str, fragments: list[str]) -> None:
    err = load_error(write(tmp_path, rule_toml("x-value", f'when = {condition}\ninclude = ["pr"]')))
    assert_names_rule(err, "x-value", *fragments)


@pytest.mark.parametrize("key", ["source", "section", "guidance", "basis"])
def test_missing_citation_key(tmp_path: Path, key: str) -> None:
    cite = "".join(line + "\n" for line in citation().splitlines() if not line.startswith(f"{key} ="))
    err = load_error(write(tmp_path, rule_toml("x-cite", 'include = ["pr"]', cite=cite)))
    assert_names_rule(err, "x-cite", f"missing required key '{key}'")


@pytest.mark.parametrize(
    ("line", "fragments"),
    [
        ('source = "three-stage"', ["unknown source 'three-stage'", "(did you mean 'three-stages'?)"]),
        ('guidance = "G99"', ["G99"]),
        ('guidance = "13"', ["guidance"]),
        ('basis = "stated-ish"', ["basis"]),
        ('section = ""', ["section"]),
    ],
)
def test_bad_citation_value(tmp_path: Path, line: str, fragments: list[str]) -> None:
    key = line.split(" =", maxsplit=1)[0]
    cite = "".join((line if old.startswith(f"{key} =") else old) + "\n" for old in citation().splitlines())
    err = load_error(write(tmp_path, rule_toml("x-cite", 'include = ["pr"]', cite=cite)))
    assert_names_rule(err, "x-cite", *fragments)


def test_inferred_rule_without_because(tmp_path: Path) -> None:
    cite = citation().replace('basis = "stated"', 'basis = "inferred"')
    err = load_error(write(tmp_path, rule_toml("x-guess", 'include = ["pr"]', cite=cite)))
    assert_names_rule(err, "x-guess", "inferred", "because")


def test_inferred_rule_with_because_is_accepted(tmp_path: Path) -> None:
    cite = citation().replace('basis = "stated"', 'basis = "inferred"\nbecause = "A test overlay."')
    book = load_rulebook(write(tmp_path, rule_toml("x-guess", 'include = ["pr"]', cite=cite)))
    assert book.rules["x-guess"].because == "A test overlay."


def test_duplicate_of_a_bundled_rule_id(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, rule_toml("startup-live-team", 'include = ["pr"]')))
    assert_names_rule(err, "startup-live-team", "duplicate rule id", "rules/three-stages.toml")
    assert err.file.endswith("overlay.toml")


def test_duplicate_rule_id_within_an_overlay(tmp_path: Path) -> None:
    text = rule_toml("x-twice", 'include = ["pr"]') + rule_toml("x-twice", 'include = ["streamer"]')
    err = load_error(write(tmp_path, text))
    assert_names_rule(err, "x-twice", "duplicate rule id")


def test_duplicate_rule_id_across_two_overlays(tmp_path: Path) -> None:
    first = write(tmp_path, rule_toml("x-twice", 'include = ["pr"]'), "first.toml")
    second = write(tmp_path, rule_toml("x-twice", 'include = ["streamer"]'), "second.toml")
    with pytest.raises(RulebookError) as info:
        load_rulebook(first, second)
    assert info.value.file == str(second)
    assert_names_rule(info.value, "x-twice", "duplicate rule id", "first.toml")


def test_cyclic_derivation(tmp_path: Path) -> None:
    text = "\n".join(
        [
            '[[derived]]\nid = "x_egg"\nen = "egg"\nzh = "蛋"\n',
            '[[derived]]\nid = "x_hen"\nen = "hen"\nzh = "鸡"\n',
            rule_toml("x-egg-from-hen", 'when = { derived = "x_hen" }\nderive = ["x_egg"]'),
            rule_toml("x-hen-from-egg", 'when = { derived = "x_egg" }\nderive = ["x_hen"]'),
        ]
    )
    err = load_error(write(tmp_path, text))
    assert err.entry in {"x-egg-from-hen", "x-hen-from-egg"}
    assert_names_rule(err, err.entry, "cyclic derivation", "x-egg-from-hen", "x-hen-from-egg", "x_egg", "x_hen")


def test_rule_deriving_what_it_tests_is_cyclic(tmp_path: Path) -> None:
    text = '[[derived]]\nid = "x_self"\nen = "self"\nzh = "自"\n\n' + rule_toml(
        "x-self", 'when = { not = { derived = "x_self" } }\nderive = ["x_self"]'
    )
    err = load_error(write(tmp_path, text))
    assert_names_rule(err, "x-self", "cyclic derivation")


def test_condition_on_a_derived_fact_no_rule_derives(tmp_path: Path) -> None:
    text = '[[derived]]\nid = "x_orphan"\nen = "orphan"\nzh = "孤"\n\n' + rule_toml(
        "x-orphan", 'when = { derived = "x_orphan" }\ninclude = ["pr"]'
    )
    err = load_error(write(tmp_path, text))
    assert_names_rule(err, "x-orphan", "'x_orphan'", "no rule derives")


def test_condition_on_an_undeclared_derived_fact(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, rule_toml("x-undeclared", 'when = { derived = "has_shp" }\ninclude = ["pr"]')))
    assert_names_rule(err, "x-undeclared", "unknown derived fact 'has_shp'", "(did you mean 'has_shop'?)")


def test_unknown_advice_id(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, rule_toml("x-advice", 'advise = ["consider-paid-ad"]')))
    assert_names_rule(err, "x-advice", "unknown advice 'consider-paid-ad'", "(did you mean 'consider-paid-ads'?)")


def test_unknown_key_in_a_rule(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, rule_toml("x-key", 'inclde = ["pr"]')))
    assert_names_rule(err, "x-key", "unknown key 'inclde'", "(did you mean 'include'?)")


def test_unknown_top_level_table(tmp_path: Path) -> None:
    path = write(tmp_path, rule_toml("x-table", 'include = ["pr"]').replace("[[rule]]", "[[rules]]"))
    err = load_error(path)
    assert err.file == str(path)
    assert "unknown table 'rules'" in str(err)
    assert "(did you mean 'rule'?)" in str(err)


def test_broken_toml(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, '[[rule]]\nid = "x-broken\ninclude = ["pr"]\n'))
    assert "not valid TOML" in str(err)
    assert re.search(r"line 2", str(err))


def test_missing_rule_file(tmp_path: Path) -> None:
    err = load_error(tmp_path / "absent.toml")
    assert "no such rule file" in str(err)


def test_rule_with_no_effect(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, rule_toml("x-idle", 'when = { fact = "stage", equals = "growth" }')))
    assert_names_rule(err, "x-idle", "no effect")


@pytest.mark.parametrize(
    "effect",
    ['exclude = ["owner"]', 'split = { from = "owner", into = ["shop_operator"] }'],
)
def test_the_owner_cannot_be_removed(tmp_path: Path, effect: str) -> None:
    err = load_error(write(tmp_path, rule_toml("x-coup", effect)))
    assert_names_rule(err, "x-coup", "owner")


def test_relation_from_a_role_to_itself(tmp_path: Path) -> None:
    body = 'relate = [{ kind = "supports", from = "streamer", to = ["pr", "streamer"] }]'
    err = load_error(write(tmp_path, rule_toml("x-loop", body)))
    assert_names_rule(err, "x-loop", "'streamer' to itself")


def test_scale_below_one(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, rule_toml("x-none", "scale = { streamer = 0 }")))
    assert_names_rule(err, "x-none", "scale")


def test_a_broken_overlay_does_not_spoil_the_bundled_rulebook(tmp_path: Path) -> None:
    load_error(write(tmp_path, rule_toml("x-role", 'include = ["streamr"]')))
    assert "x-role" not in load_rulebook().rules


# --- the condition mini-language ---------------------------------------------------------------------------

FACTS = {
    "stage": "growth",
    "sourcing": "own_stock",
    "formats": frozenset({"livestream"}),
    "paid_ads": True,
    "influencers": False,
    "private_domain": False,
    "loyalty_program": False,
    "own_brand": False,
    "headcount_budget": 5,
}


def check(raw: object, facts: dict[str, object] | None = None, derived: frozenset[str] = frozenset()) -> bool:
    return holds(parse_condition(raw), FACTS if facts is None else {**FACTS, **facts}, derived)


def test_parse_builds_the_condition_tree() -> None:
    cond = parse_condition(
        {
            "all": [
                {"fact": "stage", "in": ["growth", "mature"]},
                {"any": [{"derived": "has_shop"}, {"not": {"fact": "paid_ads", "equals": True}}]},
            ]
        }
    )
    assert cond == All(
        (
            FactTest("stage", "in", frozenset({"growth", "mature"})),
            Any_((Derived("has_shop"), Not(FactTest("paid_ads", "equals", True)))),
        )
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"fact": "stage", "equals": "growth"}, True),
        ({"fact": "stage", "equals": "mature"}, False),
        ({"fact": "paid_ads", "equals": True}, True),
        ({"fact": "influencers", "equals": True}, False),
        ({"fact": "influencers", "equals": False}, True),
        ({"fact": "sourcing", "in": ["dropship", "own_stock"]}, True),
        ({"fact": "sourcing", "in": ["dropship", "affiliate_pool"]}, False),
        ({"fact": "formats", "contains": "livestream"}, True),
        ({"fact": "formats", "contains": "short_video"}, False),
        ({"fact": "headcount_budget", "at_least": 5}, True),
        ({"fact": "headcount_budget", "at_least": 6}, False),
        ({"fact": "headcount_budget", "at_most": 5}, True),
        ({"fact": "headcount_budget", "at_most": 4}, False),
    ],
)
def test_tests_evaluate(raw: dict[str, object], expected: bool) -> None:
    assert check(raw) is expected


@pytest.mark.parametrize("op", ["at_least", "at_most"])
def test_number_tests_fail_when_the_number_is_not_given(op: str) -> None:
    assert check({"fact": "headcount_budget", op: 1}, {"headcount_budget": None}) is False
    assert check({"not": {"fact": "headcount_budget", op: 1}}, {"headcount_budget": None}) is True


def test_contains_on_an_empty_set() -> None:
    assert check({"fact": "formats", "contains": "livestream"}, {"formats": frozenset()}) is False


def test_derived_and_not() -> None:
    assert check({"derived": "has_shop"}, derived=frozenset({"has_shop"})) is True
    assert check({"derived": "has_shop"}, derived=frozenset({"ships_own_goods"})) is False
    assert check({"not": {"derived": "has_shop"}}) is True
    assert check({"not": {"not": {"derived": "has_shop"}}}, derived=frozenset({"has_shop"})) is True


def test_all_and_any() -> None:
    yes = {"fact": "stage", "equals": "growth"}
    no = {"fact": "stage", "equals": "startup"}
    assert check({"all": [yes, yes]}) is True
    assert check({"all": [yes, no]}) is False
    assert check({"any": [no, yes]}) is True
    assert check({"any": [no, no]}) is False
    assert check({"all": []}) is True
    assert check({"any": []}) is False


def test_nested_condition() -> None:
    raw = {
        "all": [
            {"fact": "stage", "in": ["growth", "mature"]},
            {"any": [{"fact": "formats", "contains": "short_video"}, {"derived": "has_shop"}]},
            {"not": {"fact": "sourcing", "equals": "affiliate_pool"}},
        ]
    }
    assert check(raw, derived=frozenset({"has_shop"})) is True
    assert check(raw) is False
    assert check(raw, {"formats": frozenset({"short_video"})}) is True
    assert check(raw, {"formats": frozenset({"short_video"}), "sourcing": "affiliate_pool"}) is False
    assert check(raw, {"stage": "startup"}, frozenset({"has_shop"})) is False


@pytest.mark.parametrize(
    ("raw", "pattern"),
    [
        ("stage", r"^when: a condition must be a table"),
        ({}, r"^when: expected one of the keys"),
        ({"fatc": "stage", "equals": "growth"}, r"did you mean 'fact'\?"),
        ({"fact": "stage"}, r"needs exactly one of equals, in"),
        ({"fact": "stage", "equals": "growth", "in": ["growth"]}, r"needs exactly one of"),
        ({"fact": "stage", "in": []}, r"non-empty list"),
        ({"fact": "stage", "in": "growth"}, r"non-empty list"),
        ({"fact": "formats", "equals": "livestream"}, r"'equals' does not apply to set fact 'formats'"),
        ({"fact": "headcount_budget", "at_least": True}, r"whole number"),
        ({"fact": "headcount_budget", "at_least": 2.5}, r"whole number"),
        ({"derived": ""}, r"^when\.derived: "),
        ({"all": {"fact": "stage", "equals": "growth"}}, r"^when\.all: must be a list"),
        ({"any": [{"fact": "stage", "equals": "growth"}, {"fact": "stge", "equals": "x"}]}, r"^when\.any\[1\]: "),
        ({"not": {"all": [{"derived": "a"}, {"fact": "paid_ads", "equals": 1}]}}, r"^when\.not\.all\[1\]: "),
    ],
)
def test_malformed_conditions_say_where(raw: object, pattern: str) -> None:
    with pytest.raises(ConditionSyntaxError, match=pattern):
        parse_condition(raw)
