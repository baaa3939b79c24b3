"""Counterfactuals: the smallest changes of a profile that change whether a role is in its plan, held to brute force
over the whole counterfactual space, and put into words in English and Chinese."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tiktok_team import BusinessProfile, PlanError, Rulebook, fact_space, load_rulebook, recommend
from tiktok_team._condition import Test as ConditionTest
from tiktok_team._condition import dnf
from tiktok_team._counterfactual import Counterfactual, _search, counterfactuals
from tiktok_team._dimensions import (
    DIMENSIONS,
    apply_changes,
    change_words,
    dimension,
    dimension_values,
    join_words,
    state_words,
    value_in,
)
from tiktok_team._precedence import planned_roles
from tiktok_team._reference import evaluate
from tiktok_team.render._markdown import _left_out, md_text, render_markdown

BOOK = load_rulebook()
SPACE = list(fact_space(BOOK))


# The atomic changes, and the roles, as bits: a set of changes is an int, and "a holds b" is b & a == b.
ATOMS = {atom: 1 << n for n, atom in enumerate((dim, v) for dim in DIMENSIONS for v in dimension_values(dim))}


def bits(changes: Iterable[tuple[str, Any]]) -> int:
    return sum(ATOMS[atom] for atom in changes)


@cache
def grid(book: Rulebook, budget: int | None) -> tuple[tuple[int, frozenset[str]], ...]:
    """Every profile of the counterfactual space with this budget, as (its dimension values as bits, the roles
    planned for it by the plain-Python evaluator, the oracle)."""
    facts = BusinessProfile(stage="startup", sourcing="own_stock", headcount_budget=budget).facts()
    found = []
    for values in itertools.product(*(dimension_values(dim) for dim in DIMENSIONS)):
        point = list(zip(DIMENSIONS, values, strict=True))
        found.append((bits(point), planned_roles(book, evaluate(book, apply_changes(facts, point)))))
    return tuple(found)


def brute_force(book: Rulebook, profile: BusinessProfile) -> dict[str, set[int]]:
    """For every role, the minimal change sets (as bits) that flip it, found by trying all 1,152 profiles around
    ``profile``: a profile's change set is its dimension values that differ from those of ``profile``."""
    facts = profile.facts()
    here_bits = bits((dim, value_in(facts, dim)) for dim in DIMENSIONS)
    points = grid(book, profile.headcount_budget)
    here = next(roles for point, roles in points if point == here_bits)
    flips: dict[str, list[int]] = {role: [] for role in book.roles}
    for point, roles in points:
        for role in roles ^ here:
            flips[role].append(point & ~here_bits)
    minimal: dict[str, set[int]] = {}
    for role, found in flips.items():
        found.sort(key=int.bit_count)
        kept: list[int] = []
        for change in found:
            if not any(small & change == small for small in kept):
                kept.append(change)
        minimal[role] = set(kept)
    return minimal


def listed(profile: BusinessProfile, book: Rulebook = BOOK) -> dict[str, tuple[Counterfactual, ...]]:
    found = counterfactuals(recommend(profile, book))
    return {**found.would_need, **found.would_remove}


def test_the_search_finds_exactly_the_minimal_changes_over_the_whole_fact_space() -> None:
    # Every alternative flips its role, no proper subset of one does, and every minimal flip is listed: the
    # alternatives are the minimal elements found by trying all 1,152 profiles around each profile of the space.
    # The budget is a fact no bundled rule tests, so its half of the space gives the same sets (checked below).
    for profile in SPACE:
        if profile.headcount_budget is not None and profile.stage != "growth":
            continue
        got = listed(profile)
        assert {role: {bits(a.changes) for a in alts} for role, alts in got.items()} == brute_force(BOOK, profile)


def test_every_alternative_really_changes_the_plan_that_recommend_gives() -> None:
    for profile in SPACE[::29]:
        plan = recommend(profile)
        here = {role.id for role in plan.roles}
        for role, alternatives in listed(profile).items():
            for alternative in alternatives:
                fields = {**profile.model_dump(), **alternative.as_facts(profile.facts())}
                changed = recommend(BusinessProfile.model_validate(fields))
                assert (role in {r.id for r in changed.roles}) != (role in here), (profile, role, alternative)
                assert changed.profile.headcount_budget == profile.headcount_budget


def test_alternatives_are_minimal_and_ordered_by_size_then_dimension_and_value() -> None:
    order = {dim: n for n, dim in enumerate(DIMENSIONS)}
    for profile in SPACE[::5]:
        for alternatives in listed(profile).values():
            sets = [frozenset(a.changes) for a in alternatives]
            assert not any(a < b for a in sets for b in sets), profile
            keys = [(a.size, [(order[d], dimension_values(d).index(v)) for d, v in a.changes]) for a in alternatives]
            assert keys == sorted(keys)
            for alternative in alternatives:
                dims = [dim for dim, _ in alternative.changes]
                assert dims == sorted(dims, key=order.__getitem__)
                assert all(v != value_in(profile.facts(), d) for d, v in alternative.changes)


BUDGET_OVERLAY = """
[[rule]]
id = "x-small-team-pr"
source = "three-stages"
section = "§3"
guidance = "G31"
basis = "inferred"
because = "A test overlay: a small brand team gets PR."
when = { all = [{ fact = "headcount_budget", at_most = 3 }, { fact = "own_brand", equals = true }] }
include = ["pr"]

[[rule]]
id = "x-no-pr-without-videos"
source = "three-stages"
section = "§3"
guidance = "G31"
basis = "inferred"
because = "A test overlay: removal at a higher priority, through a derived fact."
priority = 1
when = { all = [{ derived = "has_shop" }, { not = { fact = "formats", contains = "short_video" } }] }
exclude = ["pr"]
"""


def test_the_search_is_exact_with_an_overlay_that_tests_the_budget_and_uses_precedence(tmp_path: Path) -> None:
    # The budget is out of scope: it is kept, so the same rule is reachable with one budget and not another.
    path = tmp_path / "overlay.toml"
    path.write_text(BUDGET_OVERLAY, encoding="utf-8")
    book = load_rulebook(path)
    space = list(fact_space(book))
    assert {p.headcount_budget for p in space} == {None, 1, 2, 3, 4}
    for profile in space[::41]:
        got = listed(profile, book)
        assert {role: {bits(a.changes) for a in alts} for role, alts in got.items()} == brute_force(book, profile)
        assert all(dim in DIMENSIONS for alts in got.values() for a in alts for dim, _ in a.changes)


def test_runs_are_shared_between_roles_and_remembered_between_plans() -> None:
    book = dataclasses.replace(load_rulebook(), cache={})
    profile = BusinessProfile(stage="startup", sourcing="own_stock", formats={"livestream", "short_video"})
    first = counterfactuals(recommend(profile, book))
    # Far fewer profiles than the 1,152 of the space, and fewer than the roles' subspaces added up.
    assert 1 < first.runs < 60
    memo = book.cache["memo:outcomes"]
    assert len(memo.kept) == first.runs
    counterfactuals(recommend(profile, book))
    assert len(memo.kept) == first.runs


def test_would_need_and_would_remove_in_the_plan_and_its_dict() -> None:
    plan = recommend({"stage": "startup", "sourcing": "affiliate_pool"})
    data = plan.to_dict()
    assert {left["id"]: left["would_need"] for left in data["excluded"]} == {
        left.id: plan.would_need(left.id) for left in plan.excluded
    }
    assert {role["id"]: role["would_remove"] for role in data["roles"]} == {
        role.id: plan.would_remove(role.id) for role in plan.roles
    }
    assert plan.would_need("shop_operator") == [{"sourcing": "own_stock"}, {"sourcing": "dropship"}]
    assert plan.would_remove("owner") == []
    assert {"formats": []} in plan.would_remove("streamer")
    with pytest.raises(PlanError, match="ask would_remove"):
        plan.would_need("streamer")
    with pytest.raises(PlanError, match="ask why_not"):
        plan.would_remove("shop_operator")
    with pytest.raises(PlanError, match="did you mean 'streamer'"):
        plan.would_need("streamr")


def test_recommend_does_not_compute_counterfactuals_until_asked() -> None:
    book = dataclasses.replace(load_rulebook(), cache={})
    plan = recommend({"stage": "growth", "sourcing": "dropship"}, book)
    assert "memo:outcomes" not in book.cache
    plan.why_not("logistics")
    assert len(book.cache["memo:outcomes"].kept) == plan.counterfactuals().runs


def test_every_phrase_exists_in_both_languages() -> None:
    for dim in DIMENSIONS:
        for value in dimension_values(dim):
            for lang in ("en", "zh"):
                assert state_words(dim, value, lang)
                assert change_words(dim, value, lang)
            assert state_words(dim, value, "en") != change_words(dim, value, "en")


def test_why_not_ends_with_the_changes_that_would_bring_the_role_in() -> None:
    plan = recommend({"stage": "startup", "sourcing": "own_stock"})
    assert plan.why_not("ad_analyst").splitlines()[-1] == (
        "It would be in the plan if the business were at the mature stage and bought paid traffic."
    )
    assert plan.why_not("ad_analyst", "zh").splitlines()[-1] == "若处于成熟期并购买付费流量，该岗位就会纳入方案。"
    assert plan.why_not("video_scriptwriter").splitlines()[-1] == (
        "It would be in the plan if the business were at the growth stage and ran short videos, "
        "or were at the mature stage and ran short videos."
    )


def test_why_ends_with_the_changes_that_would_take_the_role_out() -> None:
    plan = recommend({"stage": "startup", "sourcing": "own_stock"})
    assert plan.why("logistics").splitlines()[-1] == (
        "It would leave the plan if the business had a supplier ship its goods, or picked from the affiliate pool."
    )
    assert (
        plan.why("logistics", "zh").splitlines()[-1]
        == "若改为供应商一件代发，或改为从精选联盟选品，该岗位就会移出方案。"
    )
    assert plan.why("owner").splitlines()[-1] == (
        "No change of the stage, the sourcing, the formats or the yes/no facts would take it out of the plan "
        "(the headcount budget and the workload are kept as they are)."
    )


def test_both_languages_give_the_english_then_the_chinese() -> None:
    plan = recommend({"stage": "growth", "sourcing": "own_stock"})
    for ask, role in ((plan.why, "streamer"), (plan.why_not, "pr")):
        assert ask(role, "both") == ask(role, "en") + "\n\n" + ask(role, "zh")


@pytest.mark.parametrize("profile", SPACE[::101])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_left_out_table_says_in_words_why_here_and_what_would_change_it(
    profile: BusinessProfile, lang: str
) -> None:
    plan = recommend(profile)
    text = render_markdown(plan, lang)
    heading = "## Left out" if lang == "en" else "## 未纳入的岗位"
    section = text[text.index(heading) :].split("\n## ")[0]
    rows = [line.split(" | ") for line in section.splitlines()[4:] if line.startswith("| ")]
    assert len(rows) == len(plan.excluded)
    assert not any(f"`{rule_id}`" in section or f"{rule_id} " in section for rule_id in BOOK.rules)
    facts = profile.facts()
    found = plan.counterfactuals()
    for left, (_, here, would) in zip(plan.excluded, rows, strict=True):
        alternatives = found.would_need[left.id]
        for alternative in alternatives:
            assert md_text(join_words([alternative.words(lang)], lang)) in would
        removers = [r for r in plan.outcome.fired if left.id in BOOK.rules[r].roles_removed()]
        dims = {dim for alt in alternatives for dim, _ in alt.changes}
        if removers:
            dims = {
                dim
                for r in removers
                for lit in dnf(BOOK.rules[r].when)[plan.outcome.fired[r].alternative]
                if isinstance(lit.atom, ConditionTest) and (dim := dimension(lit.atom))
            }
        for dim in dims:
            assert md_text(state_words(dim, value_in(facts, dim), lang)) in here, (left.id, dim)


def test_the_left_out_table_in_both_languages_has_the_english_above_the_chinese() -> None:
    plan = recommend({"stage": "startup", "sourcing": "affiliate_pool"})
    both = _left_out(plan, "both")
    english, chinese = _left_out(plan, "en"), _left_out(plan, "zh")
    assert len(both) == len(english) == len(chinese)
    assert both[:2] == ["## Left out / 未纳入的岗位", ""]
    for line, en, zh in zip(both[2:-1], english[2:-1], chinese[2:-1], strict=True):
        if line.startswith("| ---"):
            continue
        for cell, en_cell, zh_cell in zip(line.split(" | "), en.split(" | "), zh.split(" | "), strict=True):
            assert cell.strip("| ") == f"{en_cell.strip('| ')}<br>{zh_cell.strip('| ')}"


def test_counterfactuals_are_remembered_by_fact_values_and_equal_a_fresh_search() -> None:
    book = load_rulebook()
    facts = {"stage": "growth", "sourcing": "own_stock", "formats": ["livestream"], "paid_ads": True}
    first = recommend(facts, book).counterfactuals()
    again = recommend({**facts, "orders_per_day": 900}, book).counterfactuals()  # the workload is no fact of a run
    assert again is first
    fresh = _search(recommend(facts, book), recommend(facts, book).profile.facts())
    assert fresh == first
    other = recommend({**facts, "paid_ads": False}, book).counterfactuals()
    assert other is not first
    assert "ad_buyer" in other.would_need
    assert "ad_buyer" in first.would_remove
