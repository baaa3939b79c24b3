"""The experta engine against the plain-Python reference, and against experta's known defects."""

from __future__ import annotations

import dataclasses
import itertools
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tiktok_team import BusinessProfile, load_rulebook, recommend
from tiktok_team.engine import run
from tiktok_team.profile import FACTS
from tiktok_team.reference import evaluate


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


def test_engine_matches_reference_over_the_whole_fact_space() -> None:
    # Guards experta's reported skipped last activation (#7) and spurious firings: any missing or extra firing
    # anywhere in the fact space shows up as a difference from the direct evaluation.
    book = load_rulebook()
    mismatches = [p for p in SPACE if run(book, p.facts()) != evaluate(book, p.facts())]
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


def test_concurrent_recommendations_equal_serial_ones() -> None:
    sample = SPACE[::3]
    serial = [recommend(p).to_dict() for p in sample]
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
        assert "no-streamer would remove it but is overruled" in plan.why("streamer")
    else:
        assert "streamer" not in planned
        assert "streamer-again" in plan.overruled["streamer"]
        assert "Rule no-streamer removes it" in plan.why_not("streamer")
        assert "streamer-again would add it but is overruled" in plan.why_not("streamer")
