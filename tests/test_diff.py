"""Two plans compared (PlanDiff) and the what-if sweep: the properties a difference must have, over the fact space;
the what-if rows within the facts kept and a stage that only moves forward, and the facts that matter most."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest

from tiktok_team import BusinessProfile, Plan, PlanError, ProfileError, fact_space, load_rulebook, recommend
from tiktok_team._diff import EDGE_KINDS, PlanDiff, RoleChange
from tiktok_team._dimensions import ChangeScope
from tiktok_team._entries import SYMMETRIC_KINDS
from tiktok_team._profile import FACTS, STAGES
from tiktok_team._recommend import remembered_plan
from tiktok_team._whatif import single_changes, whatif

BOOK = load_rulebook()
SPACE = list(fact_space(BOOK))
PAIRS = list(zip(SPACE[::23], SPACE[7::31], strict=False))


def seats(plan: Plan) -> dict[str, int]:
    return {role.id: role.headcount for role in plan.roles}


def edges(plan: Plan) -> set[tuple[str, str, str]]:
    return {
        (min(a, b), max(a, b), kind) if kind in SYMMETRIC_KINDS else (a, b, kind)
        for a, b, kind in plan.graph.edges(keys=True)
    }


def listed(diff: PlanDiff, side: str) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, kind) for kind in EDGE_KINDS for e in getattr(diff.edges[kind], side)}


def mirrored(changes: tuple[RoleChange, ...]) -> tuple[RoleChange, ...]:
    """The role changes seen the other way round: a rule that starts to fire one way stops the other."""
    flip = {"starts": "stops", "stops": "starts"}
    return tuple(
        change.model_copy(
            update={"reasons": tuple(c.model_copy(update={"change": flip[c.change]}) for c in change.reasons)}
        )
        for change in changes
    )


@pytest.fixture(scope="module")
def plans(space_plans: list[Plan]) -> dict[BusinessProfile, Plan]:
    """The plan of every profile of the fact space, by profile: tests/conftest.py's ``space_plans``, the plans
    ``recommend`` gives, from remembered engine runs (tests/test_engine.py holds a remembered run to a fresh one).
    The comparisons and the what-if rows are about the plans, not about the engine."""
    return {plan.profile: plan for plan in space_plans}


def test_a_plan_compared_with_itself_has_no_difference(plans: dict[BusinessProfile, Plan]) -> None:
    for profile in SPACE[::13]:
        plan = plans[profile]
        diff = plan.diff(remembered_plan(profile, BOOK))  # another plan object, made again from the same run
        assert diff.unchanged
        assert diff.profile == ()
        assert diff.to_dict()["unchanged"] is True


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_a_difference_turns_a_into_b_and_mirrors_the_other_way(
    plans: dict[BusinessProfile, Plan], a: BusinessProfile, b: BusinessProfile
) -> None:
    plan_a, plan_b = plans[a], plans[b]
    forward, backward = plan_a.diff(plan_b), plan_b.diff(plan_a)
    assert forward.apply(seats(plan_a)) == seats(plan_b)
    assert backward.apply(seats(plan_b)) == seats(plan_a)
    assert forward.added == mirrored(backward.removed)
    assert forward.removed == mirrored(backward.added)
    assert sorted((r.role, r.before, r.after) for r in forward.resized) == sorted(
        (r.role, r.after, r.before) for r in backward.resized
    )
    for kind in EDGE_KINDS:
        assert forward.edges[kind].new == backward.edges[kind].dropped
    assert (forward.advice.gained, forward.advice.lost) == (backward.advice.lost, backward.advice.gained)
    assert [(c.field, c.before, c.after) for c in forward.profile] == [
        (c.field, c.after, c.before) for c in backward.profile
    ]
    # The edge changes are exactly the graphs' differences; the advice changes the advice's.
    assert listed(forward, "new") == edges(plan_b) - edges(plan_a)
    assert listed(forward, "dropped") == edges(plan_a) - edges(plan_b)
    a_advice, b_advice = {x.id for x in plan_a.advice}, {x.id for x in plan_b.advice}
    assert {x.id for x in forward.advice.gained} == b_advice - a_advice
    assert {x.id for x in forward.advice.lost} == a_advice - b_advice
    assert forward.unchanged == (
        seats(plan_a) == seats(plan_b) and edges(plan_a) == edges(plan_b) and a_advice == b_advice
    )


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_every_role_change_cites_rules_that_start_or_stop_firing_and_name_it(
    plans: dict[BusinessProfile, Plan], a: BusinessProfile, b: BusinessProfile
) -> None:
    plan_a, plan_b = plans[a], plans[b]
    diff = plan_a.diff(plan_b)
    for change in (*diff.added, *diff.removed):
        assert change.reasons, change  # a role changes only when a rule that adds or removes it changes
        for cause in change.reasons:
            rule = BOOK.rules[cause.rule]
            assert change.role in (*rule.roles_added(), *rule.roles_removed())
            assert (cause.change == "starts") == (cause.rule in plan_b.outcome.fired)
            assert (cause.rule in plan_a.outcome.fired) != (cause.rule in plan_b.outcome.fired)
    for resize in diff.resized:
        assert all(resize.role in BOOK.rules[cause.rule].scale for cause in resize.reasons)
    for kind in EDGE_KINDS:
        for edge in (*diff.edges[kind].new, *diff.edges[kind].dropped):
            assert bool(edge.reasons) == (kind != "reports_to")


def test_the_profile_changes_name_every_field_that_differs() -> None:
    a = BusinessProfile(stage="startup", sourcing="own_stock", orders_per_day=100)
    b = BusinessProfile(stage="growth", sourcing="own_stock", formats={"short_video"}, orders_per_day=900)
    diff = recommend(a).diff(recommend(b))
    assert [(c.field, c.before, c.after) for c in diff.profile] == [
        ("stage", "startup", "growth"),
        ("formats", ["livestream"], ["short_video"]),
        ("orders_per_day", 100, 900),
    ]
    sized = {r.role: r for r in diff.resized}
    assert sized["logistics"].reasons == ()  # the workload sized it, in both plans


def test_equal_profiles_with_different_plans_are_impossible_but_different_profiles_may_plan_alike() -> None:
    a = recommend({"stage": "growth", "sourcing": "own_stock"})
    b = recommend({"stage": "growth", "sourcing": "own_stock", "own_brand": True})
    diff = a.diff(b)
    assert [c.field for c in diff.profile] == ["own_brand"]
    assert (diff.added, diff.removed, diff.resized) == ((), (), ())


def test_plans_of_different_rule_files_are_not_compared(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.toml"
    overlay.write_text('disable = ["adapt-not-copy"]\n', encoding="utf-8")
    profile = {"stage": "growth", "sourcing": "own_stock"}
    with pytest.raises(PlanError, match="different rule files"):
        recommend(profile).diff(recommend(profile, load_rulebook(overlay)))


# --- what-if --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", SPACE[::97])
def test_each_what_if_row_is_the_difference_to_what_recommend_plans_for_the_changed_profile(
    plans: dict[BusinessProfile, Plan], profile: BusinessProfile
) -> None:
    """The plans ``recommend`` gives are ``plans`` (a profile of the space with one fact changed is in the space)."""
    table = whatif(profile)
    base = plans[profile]
    assert table.plan.to_dict() == base.to_dict()
    facts = profile.facts()
    later = 2 - STAGES.index(profile.stage)
    assert len(table.rows) == later + 2 + 3 + 5  # later stages, other sourcings, other format sets, flipped flags
    changed_fields = set()
    for row in table.rows:
        fields = row.change.as_facts(facts)
        assert len(fields) == 1  # one fact changes
        changed_fields.add(repr(fields))
        other = plans[BusinessProfile.model_validate({**profile.model_dump(), **fields})]
        assert other.profile.headcount_budget == profile.headcount_budget
        assert row.diff.after.to_dict() == other.to_dict()
        assert row.diff.apply(seats(base)) == seats(other)
        assert row.score == len(row.diff.added) + len(row.diff.removed) + sum(
            abs(r.after - r.before) for r in row.diff.resized
        )
    assert len(changed_fields) == len(table.rows)
    keys = [(-row.score, -row.diff.edge_count()) for row in table.rows]
    assert keys == sorted(keys)


def test_single_changes_are_every_other_value_of_each_fact() -> None:
    profile = BusinessProfile(stage="mature", sourcing="dropship", formats=set(), paid_ads=True)
    facts = profile.facts()
    expected = [
        {name: value}
        for name, values in (
            ("sourcing", ["own_stock", "affiliate_pool"]),
            ("formats", [["livestream"], ["short_video"], ["livestream", "short_video"]]),
            ("paid_ads", [False]),
            *((flag, [True]) for flag in ("influencers", "private_domain", "loyalty_program", "own_brand")),
        )
        for value in values
    ]
    seen = [change.as_facts(facts) for change in single_changes(profile)]
    assert sorted(map(repr, seen)) == sorted(map(repr, expected))  # nothing after mature: no stage row
    back = single_changes(profile, ChangeScope(backward=True))
    assert sorted(repr(change.as_facts(facts)) for change in back) == sorted(
        map(repr, [{"stage": "startup"}, {"stage": "growth"}, *expected])
    )
    assert [change.backward for change in back[:2]] == [True, True]
    assert not any(change.backward for change in back[2:])


def test_over_the_whole_fact_space_no_what_if_row_changes_a_kept_fact_or_goes_back_unasked() -> None:
    scopes = [ChangeScope(frozenset({name}), backward) for name in FACTS for backward in (False, True)]
    for profile in SPACE:
        if profile.headcount_budget is not None:  # the changes are of the other facts: the same as without it
            continue
        facts = profile.facts()
        wide = {change: change.as_facts(facts) for change in single_changes(profile, ChangeScope(backward=True))}
        assert len(wide) == 2 + 2 + 3 + 5
        for scope in [ChangeScope(), *scopes]:
            changes = single_changes(profile, scope)
            for change in changes:
                changed = wide[change] if change in wide else change.as_facts(facts)  # the fields, worked out once
                assert not scope.keep & changed.keys(), (profile, scope, change)
                back = "stage" in changed and STAGES.index(changed["stage"]) < STAGES.index(profile.stage)
                assert back == change.backward
                assert scope.backward or not back
            # Every allowed change of one fact is there: those of the wider table that the scope allows.
            allowed = [c for c, f in wide.items() if not scope.keep & f.keys() and (scope.backward or not c.backward)]
            assert changes == allowed


@pytest.mark.parametrize("profile", SPACE[::173])
def test_what_matters_most_sums_the_rows_of_each_fact(profile: BusinessProfile) -> None:
    for keep, backward in ((frozenset(), False), (frozenset({"formats"}), True)):
        data = whatif(profile, keep=keep, backward=backward).to_dict()
        roles: dict[str, set[str]] = {}
        people: dict[str, list[int]] = {}
        for row in data["rows"]:
            [fact] = row["change"]
            diff = row["diff"]
            moved = [*diff["added"], *diff["removed"]]
            roles.setdefault(fact, set()).update(role["role"] for role in moved)
            seats = sum(role["headcount"] for role in moved) + sum(
                abs(r["after"] - r["before"]) for r in diff["resized"]
            )
            people.setdefault(fact, []).append(seats)
        expected = [
            {"fact": fact, "changes": len(people[fact]), "roles": sorted(roles[fact]), "people": max(people[fact])}
            for fact in FACTS
            if fact in roles
        ]
        expected.sort(key=lambda item: (-len(item["roles"]), -item["people"]))  # stable: the profile's order next
        assert data["facts"] == expected
        assert data["scope"] == {"keep": sorted(keep), "backward": backward}
        assert not keep & {item["fact"] for item in data["facts"]}


def test_an_unknown_fact_to_keep_in_a_what_if_is_a_profile_error() -> None:
    with pytest.raises(ProfileError, match=r"keep: unknown fact 'stag' \(did you mean 'stage'\?\)"):
        whatif({"stage": "growth", "sourcing": "own_stock"}, keep=["stag"])


def test_what_if_runs_the_engine_only_for_businesses_not_seen_before() -> None:
    book = dataclasses.replace(load_rulebook(), cache={})
    profile = BusinessProfile(stage="growth", sourcing="own_stock", paid_ads=True)
    whatif(profile, book, keep=["sourcing"])
    narrow = len(book.cache["memo:outcomes"].kept)
    assert narrow == 1 + len(single_changes(profile, ChangeScope(frozenset({"sourcing"}))))
    whatif(profile, book)  # the rows kept before are remembered: only the sourcing rows run
    assert len(book.cache["memo:outcomes"].kept) == narrow + 2
    whatif(profile, book)
    assert len(book.cache["memo:outcomes"].kept) == narrow + 2


def test_what_if_rows_are_unique_and_cover_the_facts() -> None:
    for profile in SPACE[::151]:
        changes = [row.change.changes for row in whatif(profile).rows]
        assert len(set(changes)) == len(changes)
        touched = {dim.split(":")[0] for change in changes for dim, _ in change}
        later = {"stage"} if profile.stage != "mature" else set()
        assert touched == {*later, "sourcing", "formats", *itertools.islice(profile.facts(), 3, 8)}
