"""``rules verify``, level 2 (tiktok_team._analysis, tiktok_team._effects): redundant, subsumed, contradicting and
always-true rules, and the ``corroborates`` marker, on the bundled rulebook (the session's report, tests/conftest.py,
and the command's markdown), and on the hostile overlay of tests/data/level2-hostile.toml and the edge cases
of tests/data/level2-edges.toml, verified together by one run of the command (tests/verified.py).

What a finding claims is checked against the plans themselves (the example profiles are replanned), so a test fails
if the analysis names the wrong rules or shows a profile that does not show the finding.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import ROOT, USER_CHECKS, ok, refused
from tiktok_team import BusinessProfile, RulebookError, VerifyReport, load_rulebook, recommend
from tiktok_team._effects import Effect, effects, provided, unprovided
from tiktok_team._rulebook import Rulebook
from tiktok_team.render import render_verify_markdown
from verified import DEFECTS, EDGES, HOSTILE, OVERLAYS, bundled_run, overlaid_run

CITE = 'source = "three-stages"\nsection = "§2"\nguidance = "G20"\nbasis = "inferred"\nbecause = "a test"\n'
LEVEL2 = {"redundant", "subsumed", "overlap-conflict", "always-true", "unfounded-corroboration"}


def overlay(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def fired(book: Rulebook, profile: dict[str, Any], rule_id: str) -> bool:
    return rule_id in recommend(BusinessProfile.model_validate(profile), book).outcome.fired


# --- the bundled rulebook --------------------------------------------------------------------------------------


def test_the_bundled_rulebook_is_clean_and_each_restatement_is_marked(bundled_report: VerifyReport) -> None:
    # the session's report ran the user checks of helpers.USER_CHECKS too (tests/test_verify.py): nothing else is found
    assert all(
        found.kind == "invariant" and found.message.split(":")[0] in USER_CHECKS for found in bundled_report.findings
    )
    book = load_rulebook()
    marked = {(rule.id, rule.corroborates) for rule in book.rules.values() if rule.corroborates}
    assert len(marked) == 7
    assert {note.rules for note in bundled_report.notes} == marked
    for note in bundled_report.notes:
        assert note.kind == "corroborates"
        marker, other = (book.rules[rule_id] for rule_id in note.rules)
        assert marker.source != other.source  # a corroboration restates another source
        assert note.entry == marker.id
        assert note.file == marker.file
        # what the note claims: the other rule provides every effect of the subsumed one, which it holds for
        assert not unprovided(effects(marker), effects(other)) or not unprovided(effects(other), effects(marker))


def test_every_marked_restatement_is_explained_in_its_rule_file() -> None:
    """A marking is a rule-file change: the comment above the rule (or its because) says why."""
    for path in (ROOT / "rules").glob("*.toml"):
        text = path.read_text("utf-8")
        for block in text.split("[[rule]]")[1:]:
            if "\ncorroborates = " in block:
                rule_id = block.split('id = "', 1)[1].split('"', 1)[0]
                target = block.split('corroborates = "', 1)[1].split('"', 1)[0]
                before = text.split(f'[[rule]]\nid = "{rule_id}"', 1)[0].rsplit("\n\n", 1)[-1]
                assert f"Corroborates {target}" in before or target in block.split("because", 1)[-1], rule_id


def test_the_verify_markdown_lists_the_notes_apart_from_the_defects(tmp_path_factory: pytest.TempPathFactory) -> None:
    text = bundled_run(tmp_path_factory).stdout  # what the command prints (tests/verified.py)
    clean, notes = text.split("Deliberate, not defects:")
    assert "Clean: checked 2304 profiles, no defects found." in clean
    assert notes.count("- **corroborates**") == 7


# --- the hostile overlay and the edge cases, through the command line ------------------------------------------


@pytest.fixture(scope="module")
def overlaid(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The report of the bundled rulebook with the overlays of tests/verified.py (status 1: not clean)."""
    done = overlaid_run(tmp_path_factory)
    assert done.returncode == 1, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


@pytest.fixture(scope="module")
def book() -> Rulebook:
    """The rulebook the overlays' report is about, to replan its example profiles."""
    return load_rulebook(*OVERLAYS)


def _of(report: dict[str, Any], kind: str, file: Path = HOSTILE) -> list[dict[str, Any]]:
    """The findings of ``kind`` at fault in ``file``."""
    return [found for found in report["findings"] if found["kind"] == kind and found["file"] == str(file)]


def test_the_overlays_show_every_new_kind_and_nothing_else(overlaid: dict[str, Any], book: Rulebook) -> None:
    assert overlaid["clean"] is False
    # x-any-stage-brand advises a short-video brand to keep one streamer: the plan's claims catch that advice too,
    # on the advice's own entry, wherever the plan has no streamer
    [absent] = [found for found in overlaid["findings"] if found["entry"] == "consistent-streamer"]
    assert (absent["kind"], absent["file"]) == ("text-speaks-of-absent", "rules/advice.toml")
    for profile in absent["profiles"]:
        assert fired(book, profile, "x-any-stage-brand")
        assert "streamer" not in {role.id for role in recommend(BusinessProfile.model_validate(profile), book).roles}
    hostile = [found for found in overlaid["findings"] if found["file"] == str(HOSTILE)]
    assert {found["kind"] for found in hostile} == LEVEL2
    assert {found["entry"] for found in hostile} == {
        "x-mature-live-planner",
        "x-branded-growth-streamer",
        "x-streamer-serves-controller",
        "x-assistant-makes-videos",
        "x-service-into-one",
        "x-loyalty-splits-off-service",
        "x-any-stage-brand",
        "x-mature-shop-trim",
    }
    assert len(hostile) == 10
    # the edge cases: all of them are stated by the tests below; the private-domain operator x-private-domain adds
    # before maturity has effects on bundled entries (see tests/data/level2-edges.toml)
    edges = sorted((found["kind"], found["entry"]) for found in overlaid["findings"] if found["file"] == str(EDGES))
    assert edges == sorted(
        [
            ("relation-never-drawn", "x-never-together"),
            ("rank-wrong-stage", "x-selector-ranked-high"),  # at the startup stage
            ("rank-wrong-stage", "x-selector-ranked-high"),  # at the mature stage
            ("rank-wrong-stage", "x-empty-all"),
            ("rank-wrong-stage", "x-tautology"),
            ("subsumed", "x-empty-all"),
            ("subsumed", "x-growth-controller"),
            ("subsumed", "x-one-streamer"),
            ("subsumed", "x-owner-ranked-low"),
            ("subsumed", "x-tautology"),
            ("unfounded-corroboration", "x-private-domain"),
            ("overlap-conflict", "x-both-ways"),
            ("always-true", "x-tautology"),
        ]
    )
    bundled = sorted(
        (found["kind"], found["entry"], found["rules"])
        for found in overlaid["findings"]
        if found["file"] not in (str(HOSTILE), str(EDGES), str(DEFECTS))
        and found is not absent
        and found["kind"] != "budget-breaks-chain"  # verify-defects.toml's (tests/test_verify.py)
    )
    assert bundled == [
        ("duty-never-held", "private_domain", []),
        ("subsumed", "growth-private-domain", ["growth-private-domain", "x-private-domain"]),
        ("text-proposes-present", "private-domain-early", []),  # its text
        ("text-proposes-present", "private-domain-early", []),  # and its variant
    ]
    # tests/test_verify.py states what is found in tests/data/verify-defects.toml


def test_redundant_names_both_rules_and_profiles_where_both_fire(overlaid: dict[str, Any], book: Rulebook) -> None:
    [found] = _of(overlaid, "redundant")
    assert found["rules"] == ["mature-live-planner", "x-mature-live-planner"]
    assert 'mark it corroborates = "mature-live-planner"' in found["message"]
    assert found["profiles"]
    for profile in found["profiles"]:
        assert fired(book, profile, "mature-live-planner")
        assert fired(book, profile, "x-mature-live-planner")


def test_subsumed_names_each_implying_rule(overlaid: dict[str, Any], book: Rulebook) -> None:
    found = _of(overlaid, "subsumed")
    assert sorted(tuple(f["rules"]) for f in found) == [
        ("x-branded-growth-streamer", "growth-live-team"),
        ("x-branded-growth-streamer", "live-team-for-lives"),
        ("x-mature-shop-trim", "specialists-wait"),  # besides its unfounded marker: it ranks as the bundled rule does
    ]
    for finding in found:
        weaker, stronger = finding["rules"]
        assert f"is subsumed by '{stronger}'" in finding["message"]
        for profile in finding["profiles"]:
            assert fired(book, profile, weaker)
            assert fired(book, profile, stronger)


def test_overlap_conflicts_show_in_the_plans_of_their_profiles(overlaid: dict[str, Any], book: Rulebook) -> None:
    found = {tuple(f["rules"]): f for f in _of(overlaid, "overlap-conflict")}
    assert set(found) == {
        ("live-roles-serve-streamer", "x-streamer-serves-controller"),
        ("startup-streamer-makes-videos", "x-assistant-makes-videos"),
        ("growth-service-splits", "x-service-into-one"),
        ("x-loyalty-splits-off-service", "growth-service-splits"),
    }

    def plans(rules: tuple[str, ...]) -> list[Any]:
        shown = [recommend(BusinessProfile.model_validate(p), book) for p in found[rules]["profiles"]]
        assert shown
        assert all(set(rules) <= set(plan.outcome.fired) for plan in shown)
        return shown

    for plan in plans(("live-roles-serve-streamer", "x-streamer-serves-controller")):
        assert plan.graph.has_edge("streamer", "live_controller", key="supports")
        assert plan.graph.has_edge("live_controller", "streamer", key="supports")
    for plan in plans(("startup-streamer-makes-videos", "x-assistant-makes-videos")):
        holders = {role.id for role in plan.roles if any(held.duty == "short_video" for held in role.holds)}
        assert holders == {"streamer", "assistant_streamer"}
    for plan in plans(("x-loyalty-splits-off-service", "growth-service-splits")):
        assert "customer_service" not in {role.id for role in plan.roles}  # the split said it stays
    plans(("growth-service-splits", "x-service-into-one"))
    assert "supports goes one way" in found["live-roles-serve-streamer", "x-streamer-serves-controller"]["message"]


def test_always_true_names_the_part_and_shows_no_profile(overlaid: dict[str, Any]) -> None:
    [found] = _of(overlaid, "always-true")
    assert found["rules"] == ["x-any-stage-brand"]
    assert found["message"].startswith("when.all[0] of rule 'x-any-stage-brand' holds on every profile")
    assert "stage is growth or mature or startup" in found["message"]
    assert found["profiles"] == []


def test_an_unfounded_marker_is_a_defect_and_a_founded_one_a_note(overlaid: dict[str, Any]) -> None:
    [found] = _of(overlaid, "unfounded-corroboration")
    assert found["rules"] == ["x-mature-shop-trim", "mature-shop-specialists"]
    assert "it never ranks shop_designer to 5" in found["message"]
    notes = {tuple(note["rules"]) for note in overlaid["notes"]}
    assert ("x-mature-loyalty", "loyalty-programme") in notes
    assert not any("x-mature-loyalty" in found["rules"] for found in overlaid["findings"])


def _report(data: dict[str, Any]) -> VerifyReport:
    """The report again from its JSON (the schema_version and the computed clean left out)."""
    return VerifyReport.model_validate({k: v for k, v in data.items() if k not in ("schema_version", "clean")})


def test_the_overlaid_markdown_report_names_each_kind(overlaid: dict[str, Any]) -> None:
    text = render_verify_markdown(_report(overlaid))
    assert f"**{len(overlaid['findings'])} defects** in 2304 profiles checked." in text
    assert len(overlaid["findings"]) == 41  # 11 of the hostile overlay, 17 of the edge cases, 13 of verify-defects.toml
    for kind in LEVEL2:
        assert f"- **{kind}** `{HOSTILE}:" in text
        assert (f"- **{kind}** `{EDGES}:" in text) is (kind != "redundant")  # the edge cases have no redundant pair


# --- edge cases of the definitions (tests/data/level2-edges.toml) -----------------------------------------------


@pytest.fixture(scope="module")
def edges(overlaid: dict[str, Any]) -> VerifyReport:
    return _report(overlaid)


def _rules_of(report: VerifyReport, kind: str) -> set[tuple[str, ...]]:
    return {found.rules for found in report.findings if found.kind == kind}


def test_a_higher_priority_or_a_larger_scale_is_not_subsumed_a_smaller_one_is(edges: VerifyReport) -> None:
    subsumed = _rules_of(edges, "subsumed")
    assert not any(rules[0] == "x-first-streamer" for rules in subsumed)  # priority 1 beats every adder's 0
    assert ("x-one-streamer", "growth-live-more-people") in subsumed  # 2 >= 1: it never sets the figure
    assert not any(rules[0] == "x-five-streamers" for rules in subsumed)
    assert ("x-owner-ranked-low", "owner-never-deferred") in subsumed  # rank 0 <= 3: the lower wins
    assert not any(rules[0] == "x-selector-ranked-high" for rules in subsumed)


def test_a_rule_that_contradicts_itself_and_conflicts_that_never_show(edges: VerifyReport) -> None:
    conflicts = _rules_of(edges, "overlap-conflict")
    assert ("x-both-ways",) in conflicts
    [found] = [f for f in edges.findings if f.rules == ("x-both-ways",)]
    assert found.message.startswith("rule 'x-both-ways' (three-stages §2 G20) contradicts itself")
    assert not any("x-never-together" in rules for rules in conflicts)  # never planned together
    # growth has a short-video team wherever it runs short videos, so two stand-ins never show in a plan
    assert not any("x-growth-streamer-videos" in rules for rules in conflicts)


def test_a_whole_condition_always_true_and_a_rule_without_one(edges: VerifyReport) -> None:
    always = [found for found in edges.findings if found.kind == "always-true" and found.file == str(EDGES)]
    assert [found.rules for found in always] == [("x-tautology",)]
    assert always[0].message.startswith("the condition of rule 'x-tautology' holds on every profile")
    assert "leave out `when`" in always[0].message


def test_a_marker_on_the_broader_rule_and_a_marker_whose_rule_fires_elsewhere(edges: VerifyReport) -> None:
    assert ("x-all-lives", "x-growth-controller") in {note.rules for note in edges.notes}
    [found] = [f for f in edges.findings if f.kind == "unfounded-corroboration" and f.file == str(EDGES)]
    assert found.rules == ("x-private-domain", "mature-private-domain")
    assert "'mature-private-domain' does not fire wherever 'x-private-domain' does" in found.message
    for profile in found.profiles:
        assert profile.get("stage") != "mature"
        assert profile["private_domain"] is True


# --- effects and the loader -------------------------------------------------------------------------------------


def test_effects_of_a_split_with_and_without_keep() -> None:
    book = load_rulebook()
    kept = effects(book.rules["growth-selector-splits-off"])
    assert Effect("remove", ("shop_operator",)) not in kept
    assert Effect("split", ("shop_operator", "keep", "product_selector")) in kept
    moved = effects(book.rules["growth-service-splits"])
    assert Effect("remove", ("customer_service",)) in moved
    # an include is provided by a split into the role, a split only by the same split
    assert provided(Effect("add", ("product_selector",)), kept)
    assert not provided(Effect("split", ("shop_operator", "move", "product_selector")), kept)
    # collaborates is one edge both ways
    assert effects(book.rules["influencer-bd-with-pr"]) == {Effect("relate", ("collaborates", "influencer_bd", "pr"))}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            f'[[rule]]\nid = "x"\n{CITE}advise = ["adapt-not-copy"]\ncorroborates = "adapt-not-cpy"\n',
            "corroborates unknown rule 'adapt-not-cpy' (did you mean 'adapt-not-copy'?)",
        ),
        (
            f'[[rule]]\nid = "x"\n{CITE}advise = ["adapt-not-copy"]\ncorroborates = "adapt-not-copy"\n',
            "corroborates 'adapt-not-copy', which cites the same source 'three-stages'",
        ),
        (
            f'[[rule]]\nid = "x"\n{CITE}advise = ["adapt-not-copy"]\ncorroborates = "x"\n',
            "a rule cannot corroborate itself",
        ),
        (
            f'[[rule]]\nid = "x"\n{CITE}advise = ["adapt-not-copy"]\ncorroborates = "Not An Id"\n',
            "corroborates: String should match pattern",
        ),
    ],
)
def test_a_bad_marker_is_a_load_error_naming_file_and_rule(tmp_path: Path, text: str, message: str) -> None:
    path = overlay(tmp_path, text)
    with pytest.raises(RulebookError) as caught:
        load_rulebook(path)
    assert f"{path}:x: " in str(caught.value)
    assert message in str(caught.value)
    line = refused("rules", "lint", path)
    assert message in line


def test_a_marker_of_a_rule_an_overlay_disables_is_void(tmp_path: Path) -> None:
    path = overlay(tmp_path, 'disable = ["goods-management"]\n')
    book = load_rulebook(path)
    assert book.rules["startup-shipping"].corroborates == "goods-management"
    assert "goods-management" not in book.rules


def test_the_marker_is_shown_by_rules_show() -> None:
    assert "Corroborates: goods-management" in ok("rules", "show", "startup-shipping")
