"""Headcount from workload, consolidation under a budget, and the deferral order."""

from __future__ import annotations

import itertools
import random
import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tiktok_team import BusinessProfile, ProfileError, recommend
from tiktok_team._graph import can_cover_pairs
from tiktok_team._staffing import _greedy, budget_to_staff, consolidate, deferral_order, fit_to_budget
from tiktok_team.testing import profiles


def fewest_people(seats: dict[str, int], pairs: list[tuple[str, str]]) -> int:
    """The fewest people holding ``seats``, by trying every way of sharing the seats out among people (tiny inputs
    only): people are not told apart, so a way of sharing is a partition of the set of seats, each block one person's.
    A block is allowed when its roles are distinct and every two may be held together; since every part of an allowed
    block is allowed too, a seat joins a block only if the block stays allowed, and no allowed partition is missed."""
    allowed = {frozenset(p) for p in pairs}
    flat = [role for role, count in sorted(seats.items()) for _ in range(count)]
    sizes: list[int] = []
    people: list[list[str]] = []

    def share(seat: int) -> None:
        if seat == len(flat):
            sizes.append(len(people))
            return
        role = flat[seat]
        for held in people:
            if all(other != role and frozenset((other, role)) in allowed for other in held):
                held.append(role)
                share(seat + 1)
                held.pop()
        people.append([role])
        share(seat + 1)
        people.pop()

    share(0)
    return min(sizes)


def every_assignment_minimum(seats: dict[str, int], pairs: list[tuple[str, str]]) -> int:
    """The fewest people by trying every assignment of seats to numbered people (slower: for very few seats)."""
    allowed = {frozenset(p) for p in pairs}
    flat = [role for role, count in sorted(seats.items()) for _ in range(count)]
    for size in range(1, len(flat) + 1):
        for assignment in itertools.product(range(size), repeat=len(flat)):
            people: list[list[str]] = [[] for _ in range(size)]
            for role, person in zip(flat, assignment, strict=True):
                people[person].append(role)
            if all(
                len(set(held)) == len(held) and all(frozenset(p) in allowed for p in itertools.combinations(held, 2))
                for held in people
            ):
                return size
    return 0


def test_the_partition_oracle_counts_people_by_hand() -> None:
    assert fewest_people({"a": 1}, []) == 1
    assert fewest_people({"a": 2, "b": 1}, [("a", "b")]) == 2  # the two seats of a never share a person
    assert fewest_people({"a": 1, "b": 1, "c": 1}, [("a", "b"), ("b", "c")]) == 2  # a and c apart
    assert fewest_people({"a": 1, "b": 1, "c": 1}, [("a", "b"), ("b", "c"), ("a", "c")]) == 1
    assert fewest_people({"a": 2, "b": 2, "c": 1}, [("a", "b"), ("b", "c"), ("a", "c")]) == 2
    assert fewest_people({"a": 2, "b": 1, "c": 1, "d": 2}, [("a", "b"), ("c", "d")]) == 4


@given(
    st.dictionaries(st.sampled_from("abcde"), st.integers(1, 2), min_size=1, max_size=4).filter(
        lambda seats: sum(seats.values()) <= 4
    ),
    st.lists(st.tuples(st.sampled_from("abcde"), st.sampled_from("abcde")), max_size=6),
)
def test_the_partition_oracle_agrees_with_every_assignment_on_few_seats(
    seats: dict[str, int], pairs: list[tuple[str, str]]
) -> None:
    assert fewest_people(seats, pairs) == every_assignment_minimum(seats, pairs)


@settings(max_examples=60)
@given(
    st.dictionaries(st.sampled_from("abcde"), st.integers(1, 2), min_size=1, max_size=4),
    st.lists(st.tuples(st.sampled_from("abcde"), st.sampled_from("abcde")), max_size=6),
)
def test_consolidation_is_exact_on_small_inputs(seats: dict[str, int], pairs: list[tuple[str, str]]) -> None:
    pairs = [(a, b) for a, b in pairs if a != b]
    result = consolidate(seats, pairs)
    assert result.exact
    assert result.size == fewest_people(seats, pairs)
    held = [role for person in result.people for role in person]
    assert sorted(held) == sorted(role for role, count in seats.items() for _ in range(count))


def test_heuristic_reports_a_lower_bound_on_a_large_catalog() -> None:
    rng = random.Random(7)
    roles = [f"r{i:03d}" for i in range(100)]
    seats = {role: rng.randint(1, 3) for role in roles}
    pairs = [(a, b) for a, b in itertools.combinations(roles, 2) if rng.random() < 0.08]
    started = time.perf_counter()
    result = consolidate(seats, pairs)
    assert time.perf_counter() - started < 60  # a guard against a runaway search, not a speed target
    assert not result.exact
    assert max(seats.values()) <= result.lower_bound <= result.size <= sum(seats.values())
    allowed = {frozenset(p) for p in pairs}
    for person in result.people:
        assert all(frozenset(p) in allowed for p in itertools.combinations(person, 2))


def test_deferral_defers_extra_people_before_roles_and_low_ranks_first() -> None:
    order = deferral_order({"streamer": 3, "pr": 1, "shop_operator": 2}, {"streamer": 1, "pr": 9, "shop_operator": 2})
    assert order == ["shop_operator", "streamer", "streamer", "pr", "shop_operator", "streamer"]


@given(profiles(headcount_budget=st.integers(1, 40)))
def test_a_feasible_staffing_covers_every_seat_within_budget_with_allowed_pairs(profile: BusinessProfile) -> None:
    plan = recommend(profile)
    staffing = plan.staffing
    assert staffing is not None
    allowed = can_cover_pairs(plan.rulebook.rules[r] for r in plan.outcome.fired)
    held = sorted(role for person in staffing.people for role in person.roles)
    assert held == sorted(role.id for role in plan.roles for _ in range(role.headcount))
    for person in [*staffing.people, *staffing.within_budget]:
        assert len(set(person.roles)) == len(person.roles)
        assert all(frozenset(pair) in allowed for pair in itertools.combinations(person.roles, 2))
    assert staffing.feasible == (staffing.minimum <= staffing.budget)
    assert len(staffing.within_budget) <= staffing.budget
    assert staffing.exact
    if staffing.feasible:
        assert staffing.deferred == ()
        assert staffing.within_budget == staffing.people


@given(profiles(), st.integers(1, 30), st.integers(1, 10))
def test_more_budget_never_gives_a_worse_staffing(profile: BusinessProfile, budget: int, more: int) -> None:
    tight = recommend(profile.model_copy(update={"headcount_budget": budget})).staffing
    loose = recommend(profile.model_copy(update={"headcount_budget": budget + more})).staffing
    assert tight is not None
    assert loose is not None
    assert loose.feasible >= tight.feasible
    assert sum(d.headcount for d in loose.deferred) <= sum(d.headcount for d in tight.deferred)
    assert len(loose.within_budget) >= len(tight.within_budget)


def test_the_streamer_and_the_goods_are_deferred_last() -> None:
    plan = recommend({"stage": "startup", "sourcing": "affiliate_pool", "headcount_budget": 2})
    assert plan.staffing is not None
    kept = {role for person in plan.staffing.within_budget for role in person.roles}
    assert kept == {"owner", "streamer", "product_selector"}
    assert [d.role for d in plan.staffing.deferred] == ["assistant_streamer", "live_controller"]
    assert plan.staffing.deferred[0].reasons[0].rule == "live-team-order"


def test_the_owner_holds_a_role_at_startup_and_under_a_budget_only() -> None:
    def owner_pairs(profile: dict[str, object]) -> set[str]:
        plan = recommend(profile)
        pairs = can_cover_pairs(plan.rulebook.rules[r] for r in plan.outcome.fired)
        return {other for pair in pairs if "owner" in pair for other in pair - {"owner"}}

    assert "shop_operator" in owner_pairs({"stage": "startup", "sourcing": "own_stock"})
    assert owner_pairs({"stage": "growth", "sourcing": "own_stock"}) == set()
    assert "shop_operator" in owner_pairs({"stage": "growth", "sourcing": "own_stock", "headcount_budget": 20})
    staffing = recommend({"stage": "growth", "sourcing": "own_stock", "headcount_budget": 4}).staffing
    assert staffing is not None
    assert any(p.roles[0] == "owner" and len(p.roles) > 1 for p in staffing.within_budget)


def test_workload_sets_headcount_through_named_assumptions() -> None:
    base = {"stage": "growth", "sourcing": "own_stock", "formats": ["livestream", "short_video"]}
    plan = recommend({**base, "live_hours_per_day": 10, "live_rooms": 2, "orders_per_day": 900, "videos_per_week": 21})
    heads = {r.id: r.headcount for r in plan.roles}
    assert heads["streamer"] == 5  # 20 live hours / 4 per streamer
    assert heads["presales_cs"] == 3  # 900 orders / 400
    assert heads["videographer_editor"] == 3  # 21 videos / 7
    assert heads["shop_operator"] == 1  # no workload entry: stage scaling
    used = {a.id: a for a in plan.assumptions}
    assert used["streamer_hours_per_day"].value == 4
    assert not used["streamer_hours_per_day"].overridden
    assert "20 live hours a day at 4 live hours a day per person" in plan.why("streamer")
    overridden = recommend({**base, "live_hours_per_day": 10, "assumptions": {"streamer_hours_per_day": 5}})
    assert {r.id: r.headcount for r in overridden.roles}["streamer"] == 2
    assert {a.id: a for a in overridden.assumptions}["streamer_hours_per_day"].overridden


def test_without_workload_headcount_follows_the_stage() -> None:
    plan = recommend({"stage": "mature", "sourcing": "own_stock"})
    assert plan.assumptions == ()
    assert {r.id: r.headcount for r in plan.roles}["streamer"] == 3


@given(profiles(live_hours_per_day=st.floats(0.5, 24), orders_per_day=st.integers(0, 5000)))
def test_mature_needs_at_least_as_many_as_growth_and_growth_as_startup(profile: BusinessProfile) -> None:
    totals = [recommend(profile.model_copy(update={"stage": s})).headcount for s in ("startup", "growth", "mature")]
    assert totals == sorted(totals)


def test_unknown_assumption_gets_a_hint() -> None:
    with pytest.raises(ProfileError, match=r"unknown assumption 'streamer_hour_per_day'.*streamer_hours_per_day"):
        recommend({"stage": "growth", "sourcing": "own_stock", "assumptions": {"streamer_hour_per_day": 3}})
    with pytest.raises(ProfileError, match="greater than 0"):
        recommend({"stage": "growth", "sourcing": "own_stock", "assumptions": {"streamer_hours_per_day": 0}})


def test_a_role_with_thousands_of_seats_is_consolidated_exactly() -> None:
    # The exact search goes one person deeper per seat; it must not be limited by Python's recursion limit.
    seats = {"customer_service": 3000, "logistics": 2, "owner": 1}
    result = consolidate(seats, [("customer_service", "logistics"), ("owner", "customer_service")])
    assert (result.exact, result.size, result.lower_bound) == (True, 3000, 3000)
    assert result.people.count(("customer_service", "logistics")) == 2
    assert result.people.count(("customer_service", "owner")) == 1
    assert consolidate(seats, [("customer_service", "logistics"), ("owner", "customer_service")]) == result


def test_an_absurd_workload_is_refused_not_planned() -> None:
    with pytest.raises(ProfileError, match=r"needs 1000000 people as logistics, more than the 10000"):
        recommend(
            {
                "stage": "growth",
                "sourcing": "own_stock",
                "orders_per_day": 1_000_000,
                "assumptions": {"packer_orders_per_day": 1},
            }
        )
    with pytest.raises(ProfileError, match="orders_per_day: input should be less than or equal to 1000000"):
        recommend({"stage": "growth", "sourcing": "own_stock", "orders_per_day": 10_000_000})


def test_a_large_workload_under_a_small_budget_is_planned() -> None:
    plan = recommend({"stage": "startup", "sourcing": "own_stock", "orders_per_day": 1_000_000, "headcount_budget": 5})
    assert plan.staffing is not None
    assert plan.staffing.minimum > 4000
    assert len(plan.staffing.within_budget) == 5
    kept = {role for person in plan.staffing.within_budget for role in person.roles}
    assert {"owner", "streamer"} <= kept


def _stepwise_greedy(adjacent: dict[str, set[str]], roles: list[str], counts: tuple[int, ...]) -> list[tuple[str, ...]]:
    """The greedy heuristic one person at a time, as it was written before it took repeated choices at once."""
    left = dict(zip(roles, counts, strict=True))
    people = []
    while any(left.values()):
        first = max(left, key=lambda r: (left[r], r))
        person = [first]
        for other in sorted(adjacent[first], key=lambda r: (-left[r], r)):
            if left[other] and all(held in adjacent[other] for held in person):
                person.append(other)
        for role in person:
            left[role] -= 1
        people.append(tuple(sorted(person)))
    return people


@given(
    st.lists(st.sampled_from([0, 1, 2, 3, 5, 8, 40, 200]), min_size=1, max_size=7),
    st.sets(st.tuples(st.integers(0, 6), st.integers(0, 6))),
)
def test_the_greedy_takes_repeated_choices_at_once_exactly_as_one_at_a_time(
    counts: list[int], edges: set[tuple[int, int]]
) -> None:
    roles = [f"r{n}" for n in range(len(counts))]
    adjacent: dict[str, set[str]] = {role: set() for role in roles}
    for a, b in edges:
        if a != b and a < len(roles) and b < len(roles):
            adjacent[roles[a]].add(roles[b])
            adjacent[roles[b]].add(roles[a])
    assert sorted(_greedy(adjacent, roles, tuple(counts))) == sorted(_stepwise_greedy(adjacent, roles, tuple(counts)))


@given(
    st.dictionaries(st.sampled_from("abcdef"), st.integers(1, 4), min_size=2, max_size=6),
    st.lists(st.tuples(st.sampled_from("abcdef"), st.sampled_from("abcdef")), max_size=8),
    st.integers(1, 8),
)
@example(  # c is staffed in full at 3 people, loses a seat at 4 and is staffed in full from 5 on
    {"a": 1, "c": 3, "b": 1, "d": 1, "e": 1, "f": 3}, [("a", "c"), ("a", "d"), ("c", "e"), ("c", "f")], 1
)
def test_budget_to_staff_is_the_least_budget_from_which_on_no_seat_of_the_role_is_deferred(
    seats: dict[str, int], pairs: list[tuple[str, str]], budget: int
) -> None:
    pairs = [(a, b) for a, b in pairs if a != b]
    rank = {role: n % 4 for n, role in enumerate(sorted(seats))}
    deferred = fit_to_budget(seats, pairs, rank, budget) if consolidate(seats, pairs).size > budget else {}
    for role in deferred:
        found = budget_to_staff(seats, pairs, rank, role, budget)
        short = [b for b in range(budget, sum(seats.values()) + 1) if role in fit_to_budget(seats, pairs, rank, b)]
        assert found == max(short) + 1
