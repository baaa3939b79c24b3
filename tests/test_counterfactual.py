"""Counterfactuals: the smallest changes of a profile that change whether a role is in its plan, held to brute force
over the whole counterfactual space (with the reference evaluator, not the search's compiled groups), within the
facts a user keeps and a stage that only moves forward unless asked, and put into words in English and Chinese."""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tiktok_team import BusinessProfile, Plan, PlanError, ProfileError, Rulebook, fact_space, load_rulebook, recommend
from tiktok_team import _presence as presence
from tiktok_team._condition import Test as ConditionTest
from tiktok_team._condition import dnf
from tiktok_team._counterfactual import Counterfactual, _search, counterfactuals
from tiktok_team._dimensions import (
    DIMENSIONS,
    ChangeScope,
    apply_changes,
    change_words,
    dimension,
    dimension_values,
    join_words,
    state_words,
    value_in,
)
from tiktok_team._precedence import planned_roles
from tiktok_team._presence import role_groups
from tiktok_team._profile import FACTS, STAGES
from tiktok_team._recommend import remembered_plan
from tiktok_team._reference import evaluate
from tiktok_team.render._markdown import _left_out, md_text, render_markdown

BOOK = load_rulebook()
SPACE = list(fact_space(BOOK))


# The atomic changes, and the roles, as bits: a set of changes is an int, and "a holds b" is b & a == b.
ATOMS = {atom: 1 << n for n, atom in enumerate((dim, v) for dim in DIMENSIONS for v in dimension_values(dim))}


def bits(changes: Iterable[tuple[str, Any]]) -> int:
    return sum(ATOMS[atom] for atom in changes)


# The 1,152 profiles of the counterfactual space, numbered in the order of itertools.product over the dimensions'
# values (the last dimension varying fastest), and a set of them as an int with bit n for profile n. STRIDES[d] is
# how far apart two profiles are that differ only by one step of dimension d's value; AT[d][k] the profiles whose
# value of d is its k-th.
SIZES = [len(dimension_values(dim)) for dim in DIMENSIONS]
STRIDES = [math.prod(SIZES[n + 1 :]) for n in range(len(DIMENSIONS))]
POINTS = [
    list(zip(DIMENSIONS, values, strict=True))
    for values in itertools.product(*(dimension_values(dim) for dim in DIMENSIONS))
]
POINT_BITS = [bits(point) for point in POINTS]
AT = [
    [sum(1 << n for n, point in enumerate(POINTS) if point[d][1] == value) for value in dimension_values(dim)]
    for d, dim in enumerate(DIMENSIONS)
]
EVERY_POINT = (1 << len(POINTS)) - 1


Grid = tuple[tuple[frozenset[str], ...], dict[str, int]]
GRIDS: dict[tuple[Rulebook, tuple[bool, ...]], Grid] = {}


def grid(book: Rulebook, budget: int | None) -> Grid:
    """Every profile of the counterfactual space with this budget, in order, with the roles planned for it by the
    plain-Python evaluator (the oracle); and for each role, the set of profiles that plan it.

    Worked out once per rulebook and verdict of each of its rules' tests of the budget (:func:`budget_tests`): the
    evaluator reads a fact only by testing it in a rule's condition, and the points differ from one budget to another
    only by the budget, so two budgets that every such test takes alike give the same grid (in a rulebook whose rules
    test ``at_most = 3``, a budget of 1 and one of 3)."""
    key = (book, tuple(test.accepts(budget) for test in budget_tests(book)))
    if key not in GRIDS:
        facts = BusinessProfile(stage="startup", sourcing="own_stock", headcount_budget=budget).facts()
        found = tuple(planned_roles(book, evaluate(book, apply_changes(facts, point))) for point in POINTS)
        planning = {role: sum(1 << n for n, roles in enumerate(found) if role in roles) for role in book.roles}
        GRIDS[key] = found, planning
    return GRIDS[key]


@cache
def budget_tests(book: Rulebook) -> tuple[ConditionTest, ...]:
    """Every test of the headcount budget in the conditions of ``book``'s rules (what :func:`evaluate` holds them to),
    each once, in the rules' order."""
    found = (lit.atom for rule in book.rules.values() for conjunct in dnf(rule.when) for lit in conjunct)
    return tuple(dict.fromkeys(a for a in found if isinstance(a, ConditionTest) and a.fact == "headcount_budget"))


def allowed_bits(profile: BusinessProfile, keep: frozenset[str], backward: bool) -> int:
    """The atomic changes a scope allows, as bits, said here without the library's scope: no dimension of a fact
    kept, and a stage earlier than the profile's only when going back is allowed."""
    here = STAGES.index(profile.stage)
    return sum(
        bit
        for (dim, value), bit in ATOMS.items()
        if dim.partition(":")[0] not in keep and (dim != "stage" or backward or STAGES.index(value) > here)
    )


def brute_force(
    book: Rulebook, profile: BusinessProfile, keep: frozenset[str] = frozenset(), backward: bool = True
) -> dict[str, set[int]]:
    """For every role, the minimal change sets (as bits) that flip it, found by trying all 1,152 profiles around
    ``profile``: a profile's change set is its dimension values that differ from those of ``profile``; only the sets
    of changes the scope allows count (all of them by default).

    Profile q is *below* profile p when q's change set is within p's: each dimension of q has the value of
    ``profile`` or that of p. Which profiles have a flipping profile at or below them is worked out for all 1,152 at
    once, a dimension at a time: a profile with that dimension changed gets what the same profile with it as
    ``profile`` has it got. A flipping profile is minimal when no profile strictly below it (at or below it with one
    of its changes undone) flips. What is minimal depends on nothing but the set of flipping profiles (``profile``
    being fixed), so roles with the same set (most often none) are worked out once."""
    facts = profile.facts()
    here = [dimension_values(dim).index(value_in(facts, dim)) for dim in DIMENSIONS]
    here_bits = bits((dim, value_in(facts, dim)) for dim in DIMENSIONS)
    allowed_atoms = allowed_bits(profile, keep, backward)
    allowed = EVERY_POINT  # the profiles whose every change the scope allows
    for d, dim in enumerate(DIMENSIONS):
        values = dimension_values(dim)
        allowed &= sum(AT[d][k] for k in range(SIZES[d]) if k == here[d] or ATOMS[dim, values[k]] & allowed_atoms)
    found, planning = grid(book, profile.headcount_budget)
    at_here = sum(here[d] * STRIDES[d] for d in range(len(DIMENSIONS)))
    flipping = {
        role: (EVERY_POINT & ~planning[role] if role in found[at_here] else planning[role]) & allowed
        for role in book.roles
    }
    minimal: dict[int, set[int]] = {}
    for flips in set(flipping.values()):
        below = flips  # the profiles with a flipping profile at or below them
        for d in range(len(DIMENSIONS)):
            below |= _changed(below, here, d)
        strictly = 0  # ... and strictly below them
        for d in range(len(DIMENSIONS)):
            strictly |= _changed(below, here, d)
        minimal[flips] = {POINT_BITS[n] & ~here_bits for n in _members(flips & ~strictly)}
    return {role: minimal[flips] for role, flips in flipping.items()}


def _changed(points: int, here: list[int], d: int) -> int:
    """The profiles that are one of ``points`` whose dimension ``d`` has the value of ``here`` with that value
    changed to another."""
    base = points & AT[d][here[d]]
    moved = 0
    for k in range(SIZES[d]):
        step = (k - here[d]) * STRIDES[d]
        moved |= base << step if step > 0 else base >> -step if step < 0 else 0
    return moved


def _members(points: int) -> Iterator[int]:
    """The numbers of the profiles of a set of them."""
    while points:
        lowest = points & -points
        yield lowest.bit_length() - 1
        points ^= lowest


def plan_scoped(plan: Plan, keep: frozenset[str] = frozenset(), backward: bool = False) -> Plan:
    """The plan ``recommend`` gives with ``keep`` and ``backward``, from the plan it gives without."""
    return plan.keeping(keep, backward) if keep or backward else plan


def listed(
    plan: Plan, keep: frozenset[str] = frozenset(), backward: bool = True
) -> dict[str, tuple[Counterfactual, ...]]:
    found = counterfactuals(plan_scoped(plan, keep, backward))
    return {**found.would_need, **found.would_remove}


def as_bits(found: dict[str, tuple[Counterfactual, ...]]) -> dict[str, set[int]]:
    return {role: {bits(a.changes) for a in alts} for role, alts in found.items()}


@pytest.fixture(scope="module")
def plans(space_plans: list[Plan]) -> dict[BusinessProfile, Plan]:
    """The plan of every profile of the fact space, by profile: tests/conftest.py's ``space_plans``, the plans
    ``recommend`` gives, from remembered engine runs (these tests are about the search, not the engine)."""
    return {plan.profile: plan for plan in space_plans}


# One profile for each combination of the facts rules test: no bundled rule tests the budget, so the other half of
# the space gives the same sets (some of its profiles are kept, to check it).
DISTINCT = [p for n, p in enumerate(SPACE) if p.headcount_budget is None or n % 7 == 0]
# Scopes a user may ask for: the default, going back allowed, each fact kept, and a few together.
SCOPES = [
    (frozenset(), False),
    (frozenset(), True),
    *((frozenset({name}), False) for name in FACTS),
    (frozenset({"sourcing", "formats"}), False),
    (frozenset({"stage"}), True),
    (frozenset({"paid_ads", "influencers", "own_brand"}), True),
    (frozenset(FACTS), False),
]


def test_the_search_finds_exactly_the_minimal_changes_over_the_whole_fact_space(
    plans: dict[BusinessProfile, Plan],
) -> None:
    # Every alternative flips its role, no proper subset of one does, and every minimal flip is listed: the
    # alternatives are the minimal elements found by trying all 1,152 profiles around each profile of the space
    # (all changes allowed: the other scopes are these, filtered, as the next tests check).
    for profile in DISTINCT:
        assert as_bits(listed(plans[profile])) == brute_force(BOOK, profile), profile


@pytest.mark.parametrize(
    ("keep", "backward"),
    [SCOPES[0], *SCOPES[2:]],
    ids=[f"{','.join(sorted(k))}-{b}" for k, b in [SCOPES[0], *SCOPES[2:]]],
)
def test_the_search_within_a_scope_is_exact(
    plans: dict[BusinessProfile, Plan], keep: frozenset[str], backward: bool
) -> None:
    for profile in DISTINCT[::13]:
        found = listed(plans[profile], keep=keep, backward=backward)
        assert as_bits(found) == brute_force(BOOK, profile, keep, backward)


def test_over_the_whole_fact_space_no_alternative_changes_a_kept_fact_or_goes_back_unasked(
    plans: dict[BusinessProfile, Plan],
) -> None:
    # ... and each scope's alternatives are exactly the unrestricted ones whose changes it allows: keeping a fact
    # only takes alternatives away.
    # What each unrestricted alternative changes (as bits, the facts it changes, whether it goes back a stage) is
    # worked out once per profile: a scope's alternatives are checked equal to some of them first, so theirs is
    # what each of those changes.
    for profile in DISTINCT:
        plan = plans[profile]
        free = plan.keeping(backward=True).counterfactuals()
        here = STAGES.index(profile.stage)
        changes: dict[Counterfactual, tuple[int, frozenset[str], bool]] = {}
        for alternative in (a for alts in (free.would_need | free.would_remove).values() for a in alts):
            back = any(dim == "stage" and STAGES.index(v) < here for dim, v in alternative.changes)
            assert alternative.backward == back
            facts = frozenset(dim.partition(":")[0] for dim, _ in alternative.changes)
            changes[alternative] = (bits(alternative.changes), facts, back)
        free_lists = {
            role: [(a, changes[a][0]) for a in alts] for role, alts in (free.would_need | free.would_remove).items()
        }
        for keep, backward in SCOPES:
            found = plan.keeping(keep, backward).counterfactuals()
            assert found.would_need.keys() == free.would_need.keys()
            allowed = allowed_bits(profile, keep, backward)
            for role, alternatives in {**found.would_need, **found.would_remove}.items():
                assert alternatives == tuple(a for a, changed in free_lists[role] if changed & ~allowed == 0)
                for alternative in alternatives:
                    _, facts, back = changes[alternative]
                    assert not facts & keep, (profile, keep)
                    assert backward or not back, (profile, role, alternative)


def test_keeping_facts_only_prunes_the_search() -> None:
    # With facts kept, a search (nothing remembered) looks at no more changed profiles than without: the speed
    # itself is measured by benchmarks/bench.py.
    book = dataclasses.replace(BOOK, cache={})
    for profile in SPACE[::37]:
        plan = recommend(profile, book)
        for keep, backward in SCOPES:
            runs = []
            for scope in (ChangeScope(frozenset(), backward), ChangeScope(keep, backward)):
                for name in [name for name in book.cache if name.startswith("memo:")]:
                    del book.cache[name]
                runs.append(_search(plan, profile.facts(), scope).runs)
            assert runs[1] <= runs[0], (profile, keep, backward)
        assert runs[0] > 0


def test_every_alternative_really_changes_the_plan_that_recommend_gives(plans: dict[BusinessProfile, Plan]) -> None:
    # Every changed profile is one of the fact space: its plan is the engine's (space_plans), not the oracle's.
    for profile in SPACE[::29]:
        plan = plans[profile]
        here = {role.id for role in plan.roles}
        for role, alternatives in listed(plan).items():
            for alternative in alternatives:
                fields = {**profile.model_dump(), **alternative.as_facts(profile.facts())}
                changed = plans[BusinessProfile.model_validate(fields)]
                assert (role in {r.id for r in changed.roles}) != (role in here), (profile, role, alternative)
                assert changed.profile.headcount_budget == profile.headcount_budget


def test_alternatives_are_minimal_and_ordered_by_size_then_dimension_and_value(
    plans: dict[BusinessProfile, Plan],
) -> None:
    order = {dim: n for n, dim in enumerate(DIMENSIONS)}
    for profile in SPACE[::5]:
        for alternatives in listed(plans[profile]).values():
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


CHAIN_OVERLAY = """
[[derived]]
id = "x_sells_brand_live"
en = "sells its brand live"
zh = "直播卖自有品牌"

[[derived]]
id = "x_brand_without_live"
en = "has a brand but no live selling of it"
zh = "有品牌但不直播销售"

[[rule]]
id = "x-derive-brand-live"
source = "three-stages"
section = "§3"
guidance = "G31"
basis = "inferred"
because = "A test overlay: a derived fact from another derived fact."
derive = ["x_sells_brand_live"]

[rule.when]
all = [{ derived = "has_shop" }, { fact = "own_brand", equals = true }, { fact = "formats", contains = "livestream" }]

[[rule]]
id = "x-derive-brand-without-live"
source = "three-stages"
section = "§3"
guidance = "G31"
basis = "inferred"
because = "A test overlay: a negated derived fact derives another."
when = { all = [{ fact = "own_brand", equals = true }, { not = { derived = "x_sells_brand_live" } }] }
derive = ["x_brand_without_live"]

[[rule]]
id = "x-pr-for-brand-without-live"
source = "three-stages"
section = "§3"
guidance = "G31"
basis = "inferred"
because = "A test overlay: a role added through a chain of derived facts, or by either of two alternatives."
include = ["pr"]

[rule.when]
any = [
  { derived = "x_brand_without_live" },
  { all = [{ fact = "stage", in = ["mature"] }, { fact = "paid_ads", equals = false }] },
]
"""


@pytest.mark.parametrize("overlay", [BUDGET_OVERLAY, CHAIN_OVERLAY], ids=["budget", "chain"])
def test_the_search_is_exact_with_overlays_that_test_the_budget_derive_in_chains_and_use_precedence(
    tmp_path: Path, overlay: str
) -> None:
    # The budget is out of scope: it is kept, so the same rule is reachable with one budget and not another.
    path = tmp_path / "overlay.toml"
    path.write_text(overlay, encoding="utf-8")
    book = load_rulebook(path)
    space = list(fact_space(book))
    if overlay is BUDGET_OVERLAY:
        # not given, 1, and either side of 4, where `at_most = 3` turns false
        assert {p.headcount_budget for p in space} == {None, 1, 3, 4}
    for profile in space[::41]:
        plan = remembered_plan(profile, book)
        for keep, backward in SCOPES[:3]:
            got = listed(plan, keep, backward)
            assert as_bits(got) == brute_force(book, profile, keep, backward), (profile, keep, backward)
            assert all(dim in DIMENSIONS for alts in got.values() for a in alts for dim, _ in a.changes)


def test_a_group_too_large_for_a_table_works_its_roles_out_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    tabled = role_groups(BOOK)
    assert all(group.table is not None for group in tabled)
    monkeypatch.setattr(presence, "TABLE_LIMIT", 0)
    book = dataclasses.replace(BOOK, cache={})
    assert all(group.table is None for group in role_groups(book))
    for profile in DISTINCT[::29]:
        assert as_bits(listed(remembered_plan(profile, book))) == brute_force(BOOK, profile), profile
    for group in tabled:
        assert all(group.evaluate(values) == roles for values, roles in (group.table or {}).items())


def test_a_search_looks_at_few_profiles_and_a_business_seen_before_needs_none() -> None:
    book = dataclasses.replace(load_rulebook(), cache={})
    profile = BusinessProfile(stage="startup", sourcing="own_stock", formats={"livestream", "short_video"})
    first = counterfactuals(recommend(profile, book))
    # Far fewer profiles than the 1,152 of the space; the engine is not asked about any of them.
    assert 1 < first.runs < 100
    assert "memo:outcomes" not in book.cache
    assert counterfactuals(recommend(profile, book)) is first
    # A business that agrees with it on every group's dimensions but one searches that group's only.
    other = counterfactuals(recommend(profile.model_copy(update={"paid_ads": True}), book))
    assert 0 < other.runs < first.runs


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
    plan = recommend({"stage": "growth", "sourcing": "dropship"}, book, keep=["sourcing"])
    assert "memo:counterfactuals" not in book.cache
    plan.why_not("logistics")
    assert book.cache["memo:counterfactuals"].kept


def test_every_phrase_exists_in_both_languages() -> None:
    for dim in DIMENSIONS:
        for value in dimension_values(dim):
            for lang in ("en", "zh"):
                assert state_words(dim, value, lang)
                assert change_words(dim, value, lang)
            assert state_words(dim, value, "en") != change_words(dim, value, "en")


def test_alternatives_that_go_back_a_stage_say_so_in_both_languages() -> None:
    plan = recommend({"stage": "mature", "sourcing": "own_stock"}, backward=True)
    assert plan.would_need("customer_service") == [{"stage": "startup"}]
    assert plan.why_not("customer_service").splitlines()[-1] == (
        "It would be in the plan if the business went back to the startup stage."
    )
    assert plan.why_not("customer_service", "zh").splitlines()[-1] == "若退回起步期，该岗位就会纳入方案。"
    assert "went back to the growth stage" in plan.why("live_technician")
    assert "退回发展期" in plan.why("live_technician", "zh")
    forward = recommend({"stage": "startup", "sourcing": "own_stock"}, backward=True)
    assert "were at the growth stage" in forward.why_not("presales_cs")
    assert "went back" not in forward.why_not("presales_cs")


def test_by_default_a_later_business_is_offered_no_earlier_stage() -> None:
    # The example: a growth business was told customer service would be in the plan at the startup stage.
    plan = recommend({"stage": "growth", "sourcing": "own_stock"})
    assert plan.would_need("customer_service") == []
    assert plan.why_not("customer_service").splitlines()[-1] == (
        "No change would bring it into the plan with the stage moving only forward from growth (the headcount "
        "budget and the workload are kept as they are)."
    )
    assert plan.why_not("customer_service", "zh").splitlines()[-1] == (
        "在阶段只进不退（现为发展期）的前提下，任何改变都不会让该岗位纳入方案（人员预算和工作量保持不变）。"
    )
    assert plan.to_dict()["scope"] == {"keep": [], "backward": False}


def test_a_role_no_allowed_change_brings_in_names_what_is_kept() -> None:
    plan = recommend({"stage": "growth", "sourcing": "affiliate_pool"}, keep=["sourcing", "paid_ads"])
    assert plan.why_not("shop_operator").splitlines()[-1] == (
        "No change would bring it into the plan with sourcing kept as the affiliate pool (the headcount budget and "
        "the workload are kept as they are)."
    )
    assert plan.why_not("shop_operator", "zh").splitlines()[-1] == (
        "在货源保持为精选联盟选品的前提下，任何改变都不会让该岗位纳入方案（人员预算和工作量保持不变）。"
    )
    # Customer service needs a shop and the startup stage: both held, both named.
    assert (
        plan.why_not("customer_service")
        .splitlines()[-1]
        .startswith(
            "No change would bring it into the plan with sourcing kept as the affiliate pool and the stage moving only "
            "forward from growth"
        )
    )
    # Only what is held and would matter is named: the ad buyer needs paid traffic, not another sourcing.
    assert "paid traffic kept off" in plan.why_not("ad_buyer").splitlines()[-1]
    assert "sourcing" not in plan.why_not("ad_buyer").splitlines()[-1]
    # A role in the plan that nothing allowed takes out.
    kept = recommend({"stage": "startup", "sourcing": "own_stock"}, keep="sourcing")
    assert kept.why("logistics").splitlines()[-1] == (
        "No change would take it out of the plan with sourcing kept as own stock (the headcount budget and the "
        "workload are kept as they are)."
    )
    # Nothing held that matters: the plain sentence, true of every change.
    assert kept.why("owner").splitlines()[-1].startswith("No change of the stage, the sourcing")


def test_every_phrase_of_what_is_held_exists_in_both_languages() -> None:
    for name in FACTS:
        if name == "headcount_budget":
            continue
        dims = [dim for dim in DIMENSIONS if dim.partition(":")[0] == name]
        for values in itertools.product(*(dimension_values(dim) for dim in dims)):
            base = BusinessProfile(stage="growth", sourcing="own_stock").facts()
            facts = apply_changes(base, zip(dims, values, strict=True))
            scope = ChangeScope(frozenset({name}))
            said = {lang: scope.limits(facts, dims, lang) for lang in ("en", "zh")}
            assert len(said["en"]) == len(said["zh"]) == 1, (name, values)
            assert said["en"] != said["zh"]
    for stage in STAGES:
        facts = BusinessProfile(stage=stage, sourcing="own_stock").facts()
        for lang in ("en", "zh"):
            assert len(ChangeScope().limits(facts, ["stage"], lang)) == (stage != "startup")
            assert ChangeScope(backward=True).limits(facts, ["stage"], lang) == []


def test_an_unknown_fact_to_keep_is_a_profile_error_with_a_hint() -> None:
    with pytest.raises(ProfileError, match=r"^keep: unknown fact 'sourcign' \(did you mean 'sourcing'\?\); the facts"):
        recommend({"stage": "growth", "sourcing": "own_stock"}, keep=["sourcign"])
    with pytest.raises(ProfileError, match="unknown fact 'orders_per_day'"):
        recommend({"stage": "growth", "sourcing": "own_stock"}).keeping(["orders_per_day"])
    with pytest.raises(ValueError, match="unknown fact 3"):
        recommend({"stage": "growth", "sourcing": "own_stock"}).keeping([3])  # type: ignore[list-item]
    assert recommend({"stage": "growth", "sourcing": "own_stock"}, keep="stage").keep == {"stage"}


def test_keeping_plans_nothing_again_and_forgets_the_other_scope() -> None:
    plan = recommend({"stage": "growth", "sourcing": "affiliate_pool"})
    assert plan.would_need("shop_operator") == [{"sourcing": "own_stock"}, {"sourcing": "dropship"}]
    kept = plan.keeping("sourcing")
    assert kept.outcome is plan.outcome
    assert kept.roles == plan.roles
    assert kept.would_need("shop_operator") == []
    assert plan.would_need("shop_operator") != []  # the original keeps its own
    assert kept.to_dict()["scope"] == {"keep": ["sourcing"], "backward": False}
    assert {k: v for k, v in kept.to_dict().items() if k not in ("scope", "excluded", "roles")} == {
        k: v for k, v in plan.to_dict().items() if k not in ("scope", "excluded", "roles")
    }


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


def test_counterfactuals_are_remembered_by_fact_values_and_scope_and_equal_a_fresh_search() -> None:
    book = load_rulebook()
    facts = {"stage": "growth", "sourcing": "own_stock", "formats": ["livestream"], "paid_ads": True}
    first = recommend(facts, book).counterfactuals()
    again = recommend({**facts, "orders_per_day": 900}, book).counterfactuals()  # the workload is no fact of a run
    assert again is first
    fresh = _search(recommend(facts, book), recommend(facts, book).profile.facts(), ChangeScope())
    assert (fresh.would_need, fresh.would_remove) == (first.would_need, first.would_remove)
    assert recommend(facts, book, backward=True).counterfactuals() is not first
    assert (
        recommend(facts, book, keep="stage").counterfactuals() is recommend(facts, book, keep="stage").counterfactuals()
    )
    other = recommend({**facts, "paid_ads": False}, book).counterfactuals()
    assert other is not first
    assert "ad_buyer" in other.would_need
    assert "ad_buyer" in first.would_remove
