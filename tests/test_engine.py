"""The experta engine against the plain-Python reference, and against experta's known defects."""

from __future__ import annotations

import dataclasses
import importlib
import itertools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tiktok_team import BusinessProfile, Plan, load_rulebook, recommend
from tiktok_team import _engine as engine_module
from tiktok_team._engine import ProfileFact, _build, _Recorder, run, run_cached
from tiktok_team._experta import _Engine, _Strategy
from tiktok_team._profile import FACTS
from tiktok_team._reference import evaluate

# experta is importable once tiktok_team._experta has made it so (see its module docstring).
Activation = importlib.import_module("experta.activation").Activation
Agenda = importlib.import_module("experta.agenda").Agenda
DepthStrategy = importlib.import_module("experta.strategies").DepthStrategy
KnowledgeEngine = importlib.import_module("experta").KnowledgeEngine
ExpertaRule = importlib.import_module("experta").Rule
prepare_rule = importlib.import_module("experta.matchers.rete.utils").prepare_rule


def fact_space() -> list[BusinessProfile]:
    """Every profile of the enumerable facts (budget left out: no bundled rule tests it)."""
    bools = [name for name, spec in FACTS.items() if spec.kind == "bool"]
    formats = [frozenset(c) for n in range(3) for c in itertools.combinations(FACTS["formats"].values, n)]
    return [
        BusinessProfile(stage=stage, sourcing=sourcing, formats=fmt, **dict(zip(bools, flags, strict=True)))
        for stage in FACTS["stage"].values
        for sourcing in FACTS["sourcing"].values
        for fmt in formats
        for flags in itertools.product([False, True], repeat=len(bools))
    ]


SPACE = fact_space()


def test_fact_space_is_complete() -> None:
    assert len(SPACE) == 3 * 3 * 4 * 2**5
    assert len({p.model_dump_json() for p in SPACE}) == len(SPACE)


def test_engine_matches_reference_over_the_whole_fact_space(space_plans: list[Plan]) -> None:
    """Guards experta's reported skipped last activation (#7) and spurious firings: any missing or extra firing
    anywhere in the fact space shows up as a difference from the direct evaluation.

    The engine's runs are those of tests/conftest.py's ``space_plans``, one for each profile of the bundled fact space
    (``SPACE`` above, and each of its profiles under a headcount budget): each plan holds the outcome that
    :func:`~tiktok_team._engine.run_cached` gave, which is :func:`run`'s for the same values of every fact a rule
    tests (``test_run_cached_gives_what_run_gives_and_keeps_a_bounded_memory``). Were a remembered outcome another
    profile's, it would differ from this profile's evaluation here too."""
    book = load_rulebook()
    assert {plan.profile for plan in space_plans} >= set(SPACE)
    mismatches = [plan.profile for plan in space_plans if plan.outcome != evaluate(book, plan.profile.facts())]
    assert mismatches == []


def test_reused_engine_forgets_the_previous_run() -> None:
    # experta has been reported to fire on retracted facts (#3); a reset engine must carry nothing over.
    book = load_rulebook()
    mature = BusinessProfile(stage="mature", sourcing="own_stock", paid_ads=True, influencers=True).facts()
    startup = BusinessProfile(stage="startup", sourcing="affiliate_pool").facts()
    run(book, mature)
    after_mature = run(book, startup)
    fresh_book = dataclasses.replace(load_rulebook(), cache={})
    assert after_mature == run(fresh_book, startup)
    assert "mature-live-team" not in after_mature.fired


def test_result_does_not_depend_on_rule_order() -> None:
    book = load_rulebook()
    reversed_book = dataclasses.replace(book, rules=dict(reversed(list(book.rules.items()))), cache={})
    sample = SPACE[::7]
    assert [run(book, p.facts()) for p in sample] == [run(reversed_book, p.facts()) for p in sample]


def write_overlay(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "overlay.toml"
    path.write_text(text, encoding="utf-8")
    return path


NEGATION_OVERLAY = """
[[derived]]
id = "sells_live"
en = "it sells live"
zh = "直播带货"

[[rule]]
id = "derive-sells-live"
source = "three-stages"
section = "§1"
guidance = "G13"
basis = "stated"
when = { fact = "formats", contains = "livestream" }
derive = ["sells_live"]

[[rule]]
id = "only-not-derived"
source = "three-stages"
section = "§2"
guidance = "G21"
basis = "inferred"
because = "test rule: fires only when the derived fact is absent"
when = { not = { derived = "sells_live" } }
advise = ["add-short-video"]

[[rule]]
id = "only-not-fact"
source = "three-stages"
section = "§2"
guidance = "G21"
basis = "inferred"
because = "test rule: a condition made of a single negated test"
when = { not = { fact = "stage", equals = "startup" } }
advise = ["growth-specialise"]
"""


def test_rules_made_only_of_negations_fire_exactly_when_they_should(tmp_path: Path) -> None:
    # experta #10: a rule whose conditions are only NOT(...) was reported to fire arbitrarily.
    book = load_rulebook(write_overlay(tmp_path, NEGATION_OVERLAY))
    assert book.salience["only-not-derived"] < book.salience["derive-sells-live"]
    for profile in SPACE[::5]:
        fired = run(book, profile.facts()).fired
        assert ("only-not-derived" in fired) == ("livestream" not in profile.formats)
        assert ("only-not-fact" in fired) == (profile.stage != "startup")
        assert ("derive-sells-live" in fired) == ("livestream" in profile.formats)


def test_or_conditions_fire_once_and_record_the_first_alternative_that_matched(tmp_path: Path) -> None:
    overlay = write_overlay(
        tmp_path,
        """
[[rule]]
id = "either"
source = "three-stages"
section = "§2"
guidance = "G19"
basis = "inferred"
because = "test rule with two alternatives"
when = { any = [{ fact = "paid_ads", equals = true }, { fact = "influencers", equals = true }] }
advise = ["growth-specialise"]
""",
    )
    book = load_rulebook(overlay)
    both = run(book, BusinessProfile(stage="growth", sourcing="own_stock", paid_ads=True, influencers=True).facts())
    second = run(book, BusinessProfile(stage="growth", sourcing="own_stock", influencers=True).facts())
    neither = run(book, BusinessProfile(stage="growth", sourcing="own_stock").facts())
    assert both.fired["either"].alternative == 0
    assert second.fired["either"].alternative == 1
    assert "either" not in neither.fired


def test_budget_comparisons_compile(tmp_path: Path) -> None:
    overlay = write_overlay(
        tmp_path,
        """
[[rule]]
id = "small-team"
source = "five-departments"
section = "closing"
guidance = "G10"
basis = "inferred"
because = "test rule on the budget"
when = { fact = "headcount_budget", at_most = 3 }
advise = ["combine-and-trim"]
""",
    )
    book = load_rulebook(overlay)
    for budget, expected in [(None, False), (1, True), (3, True), (4, False)]:
        facts = BusinessProfile(stage="startup", sourcing="own_stock", headcount_budget=budget).facts()
        assert ("small-team" in run(book, facts).fired) is expected
        assert run(book, facts) == evaluate(book, facts)


def test_concurrent_recommendations_equal_serial_ones(space_plans: list[Plan]) -> None:
    """The serial plans are tests/conftest.py's ``space_plans``, made one after the other in one thread."""
    sample = SPACE[::3]
    by_profile = {plan.profile: plan for plan in space_plans}
    serial = [by_profile[p].to_dict() for p in sample]
    with ThreadPoolExecutor(max_workers=8) as pool:
        concurrent = list(pool.map(lambda p: recommend(p).to_dict(), sample))
    assert concurrent == serial


@pytest.mark.parametrize("kind", ["include", "exclude"])
def test_precedence_removal_wins_at_equal_priority_and_priority_decides_otherwise(tmp_path: Path, kind: str) -> None:
    # The bundled rules add the streamer for lives; an overlay that removes it conflicts with them.
    priority = 5 if kind == "include" else 0
    overlay = write_overlay(
        tmp_path,
        f"""
[[rule]]
id = "no-streamer"
source = "five-departments"
section = "closing"
guidance = "G10"
basis = "inferred"
because = "test rule that conflicts with the bundled ones"
when = {{ fact = "formats", contains = "livestream" }}
exclude = ["streamer"]

[[rule]]
id = "streamer-again"
source = "five-departments"
section = "§1.1"
guidance = "G02"
basis = "inferred"
because = "test rule that outranks the exclusion"
priority = {priority}
when = {{ fact = "formats", contains = "livestream" }}
include = ["streamer"]
""",
    )
    plan = recommend(BusinessProfile(stage="startup", sourcing="own_stock"), load_rulebook(overlay))
    planned = {role.id for role in plan.roles}
    if kind == "include":
        assert "streamer" in planned
        assert plan.overruled["streamer"] == ("no-streamer",)
        said = plan.why("streamer", detail=True)
        assert "precedence overrules it because the business runs livestreams [rule no-streamer:" in said
    else:
        assert "streamer" not in planned
        assert "streamer-again" in plan.overruled["streamer"]
        said = plan.why_not("streamer", detail=True)
        assert "Left out because the business runs livestreams [rule no-streamer:" in said
        assert "precedence overrules it because the business runs livestreams [rule streamer-again:" in said


class _Sequence(dict):  # type: ignore[type-arg]
    """A recorder's ``fired`` that also notes every firing, in order (each firing looks its rule up first)."""

    def __init__(self) -> None:
        super().__init__()
        self.order: list[str] = []

    def get(self, key: str, default: object = None) -> object:
        self.order.append(key)
        return super().get(key, default)


def firing_order(engine: object, facts: dict[str, object], stock: bool) -> list[str]:
    recorder = _Recorder()
    recorder.fired = _Sequence()
    engine.recorder = recorder  # type: ignore[attr-defined]
    engine.strategy = DepthStrategy() if stock else _Strategy()  # type: ignore[attr-defined]
    engine.reset()  # type: ignore[attr-defined]
    engine.declare(ProfileFact(**facts))  # type: ignore[attr-defined]
    (KnowledgeEngine.run if stock else _Engine.run)(engine)
    return recorder.fired.order


def test_the_agenda_and_run_loop_fire_in_experta_s_own_order_over_the_whole_fact_space() -> None:
    # The same engine (the same network), run by experta's DepthStrategy and run loop, and by ours.
    engine = _build(load_rulebook())
    for profile in SPACE:
        facts = profile.facts()
        assert firing_order(engine, facts, stock=False) == firing_order(engine, facts, stock=True), profile


def firings_and_activations(engine: Any, facts: dict[str, object], loop: Callable[[Any], None]) -> list[object]:
    """Every firing of one run (the rule's id), and every activation and withdrawal the network gave the agenda (the
    rule's id, the kinds and names of the facts matched), each list in alphabetical order."""
    recorder = _Recorder()
    recorder.fired = _Sequence()
    engine.recorder = recorder
    changes = engine.matcher.changes
    seen: list[tuple[str, str, list[tuple[str, object]]]] = []

    def noting(*facts: object) -> tuple[list[Any], list[Any]]:
        added, removed = changes(*facts)
        for sign, batch in (("+", added), ("-", removed)):
            matched = [(a.rule.__name__, sorted((type(f).__name__, f.get("name", "")) for f in a.facts)) for a in batch]
            seen.extend((sign, rule, facts) for rule, facts in matched)
        return added, removed

    engine.matcher.changes = noting
    try:
        engine.reset()
        engine.declare(ProfileFact(**facts))
        loop(engine)
    finally:
        del engine.matcher.changes
    return [sorted(recorder.fired.order), sorted(seen)]


def test_the_lean_network_fires_what_experta_s_own_network_fires(tmp_path: Path) -> None:
    """The compiled rules of a rulebook in experta's own network (its matcher and nodes, built by its own preparation
    and wiring, reset and run by its engine) and in this package's lean one give the agenda the same activations and
    withdrawals, of the same facts, and fire the same rules, each as many times; the agenda is ours in both, as
    experta's misses some withdrawals (see the next tests). The rulebook is the bundled one with rules that deny
    derived facts (experta's not-node, and activations withdrawn). On every 7th profile of the fact space, which
    holds every value of every fact: the network is the same code for every profile, and the outcome of every
    profile is held to the reference above."""
    lean = _build(load_rulebook(write_overlay(tmp_path, NEGATION_OVERLAY)))
    rules = {name: value for name, value in vars(type(lean)).items() if isinstance(value, ExpertaRule)}
    stock = type("StockNetwork", (KnowledgeEngine,), {**rules, "__strategy__": _Strategy})()
    assert not isinstance(stock.matcher, type(lean.matcher))
    withdrawn = 0
    for profile in SPACE[::7]:
        facts = profile.facts()
        ours = firings_and_activations(lean, facts, _Engine.run)
        assert ours == firings_and_activations(stock, facts, KnowledgeEngine.run), profile
        withdrawn += sum(sign == "-" for sign, _, _ in ours[1])
    assert withdrawn > 0


def test_experta_s_preparation_leaves_every_compiled_rule_as_it_is(tmp_path: Path) -> None:
    # The lean matcher skips experta's preparation of rules (normal form, an initial fact before a negated first
    # pattern); this is why it may.
    overlays = [write_overlay(tmp_path, NEGATION_OVERLAY), *sorted(Path(__file__).parent.glob("data/*.toml"))]
    for book in (load_rulebook(), *(load_rulebook(path) for path in overlays)):
        for rule in _build(book).get_rules():
            prepared = prepare_rule(rule)
            assert type(prepared) is type(rule)
            assert tuple(prepared) == tuple(rule)
            assert prepared.salience == rule.salience


def test_a_deactivated_activation_leaves_the_agenda_among_any_number_of_equal_keys() -> None:
    # experta's DepthStrategy looks for it at three places only: with four activations of one key, it misses the
    # third and leaves it to fire although its condition no longer holds. Ours finds it.
    engine = _build(load_rulebook())
    rules = engine.get_rules()[:4]
    fact = ProfileFact(stage="growth")
    fact.__factid__ = 1

    def activation(rule: object) -> object:
        return Activation(rule, frozenset([fact]))

    for strategy, left_behind in ((DepthStrategy(), True), (_Strategy(), False)):
        agenda = Agenda()
        strategy.update_agenda(agenda, [activation(rule) for rule in rules], [])
        order = [a.rule for a in agenda.activations]
        strategy.update_agenda(agenda, [], [activation(order[2])])
        assert (order[2] in [a.rule for a in agenda.activations]) is left_behind
        assert len(agenda.activations) == (4 if left_behind else 3)


def test_rules_that_deny_facts_derived_in_their_tier_fire_as_the_reference_says(tmp_path: Path) -> None:
    # Six rules at one salience, each denying a derived fact: when one of them is derived, its rule's activation
    # must leave an agenda where several share its key (see the test above).
    parts = [
        f"""
[[derived]]
id = "y{n}"
en = "y{n}"
zh = "y{n}"

[[rule]]
id = "derive-y{n}"
source = "three-stages"
section = "§1"
guidance = "G13"
basis = "inferred"
because = "test rule"
when = {{ fact = "{"paid_ads" if n % 2 else "loyalty_program"}", equals = true }}
derive = ["y{n}"]

[[rule]]
id = "deny-y{n}"
source = "three-stages"
section = "§1"
guidance = "G13"
basis = "inferred"
because = "test rule"
when = {{ not = {{ derived = "y{n}" }} }}
advise = ["adapt-not-copy"]
"""
        for n in range(6)
    ]
    book = load_rulebook(write_overlay(tmp_path, "".join(parts)))
    assert len({book.salience[f"deny-y{n}"] for n in range(6)}) == 1
    for profile in SPACE[::3]:
        assert run(book, profile.facts()) == evaluate(book, profile.facts())


def test_run_cached_gives_what_run_gives_and_keeps_a_bounded_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    book = dataclasses.replace(load_rulebook(), cache={})
    monkeypatch.setattr(engine_module, "MEMO_SIZE", 50)
    sample = [p.facts() for p in SPACE[::20]]
    first = [run_cached(book, facts) for facts in sample]
    assert first == [run(book, facts) for facts in sample]
    memo = book.cache["memo:outcomes"]
    assert len(memo.kept) == 50
    assert run_cached(book, sample[-1]) is run_cached(book, sample[-1]) is first[-1]
    assert run_cached(book, sample[0]) is not first[0]  # the oldest was dropped, so it ran again


def test_run_cached_is_safe_from_several_threads() -> None:
    book = dataclasses.replace(load_rulebook(), cache={})
    sample = [p.facts() for p in SPACE[::11]] * 3
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(lambda facts: run_cached(book, facts), sample))
    assert outcomes == [evaluate(book, facts) for facts in sample]
