"""``rules verify``, level 2 (tiktok_team._analysis, tiktok_team._effects): redundant, subsumed, contradicting and
always-true rules, and the ``corroborates`` marker, on the bundled rulebook, on the hostile overlay of
tests/data/level2-hostile.toml (through the installed command) and on an overlay of edge cases.

Each sweep of the fact space is made once per module (three in all: the bundled rulebook, the hostile overlay, the edge
cases). What a finding claims is checked against the plans themselves (the example profiles are replanned), so a test
fails if the analysis names the wrong rules or shows a profile that does not show the finding.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import ROOT, ok, refused
from tiktok_team import BusinessProfile, RulebookError, VerifyReport, load_rulebook, recommend, verify
from tiktok_team._effects import Effect, effects, provided, unprovided
from tiktok_team._rulebook import Rulebook
from tiktok_team.render import render_verify_markdown

HOSTILE = ROOT / "tests" / "data" / "level2-hostile.toml"
CITE = 'source = "three-stages"\nsection = "§2"\nguidance = "G20"\nbasis = "inferred"\nbecause = "a test"\n'
LEVEL2 = {"redundant", "subsumed", "overlap-conflict", "always-true", "unfounded-corroboration"}


def overlay(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def fired(book: Rulebook, profile: dict[str, Any], rule_id: str) -> bool:
    return rule_id in recommend(BusinessProfile.model_validate(profile), book).outcome.fired


# --- the bundled rulebook --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> dict[str, Any]:
    """The bundled rulebook's report, as ``tiktok-team rules verify --format json`` prints it (status 0: clean)."""
    data: dict[str, Any] = json.loads(ok("rules", "verify", "--format", "json"))
    return data


def test_the_bundled_rulebook_is_clean_and_each_restatement_is_marked(bundled: dict[str, Any]) -> None:
    assert bundled["clean"] is True
    assert bundled["findings"] == []
    book = load_rulebook()
    marked = {(rule.id, rule.corroborates) for rule in book.rules.values() if rule.corroborates}
    assert len(marked) == 7
    assert {tuple(note["rules"]) for note in bundled["notes"]} == marked
    for note in bundled["notes"]:
        assert note["kind"] == "corroborates"
        marker, other = (book.rules[rule_id] for rule_id in note["rules"])
        assert marker.source != other.source  # a corroboration restates another source
        assert note["entry"] == marker.id
        assert note["file"] == marker.file
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


def _report(data: dict[str, Any]) -> VerifyReport:
    """The report again from its JSON (the schema_version and the computed clean left out)."""
    return VerifyReport.model_validate({k: v for k, v in data.items() if k not in ("schema_version", "clean")})


def test_the_verify_markdown_lists_the_notes_apart_from_the_defects(bundled: dict[str, Any]) -> None:
    text = render_verify_markdown(_report(bundled))
    clean, notes = text.split("Deliberate, not defects:")
    assert "Clean: checked 2304 profiles, no defects found." in clean
    assert notes.count("- **corroborates**") == 7


# --- the hostile overlay, through the installed command ---------------------------------------------------------


@pytest.fixture(scope="module")
def hostile() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok("rules", "verify", "--rules", HOSTILE, "--format", "json", status=1))
    return data


def _of(report: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [found for found in report["findings"] if found["kind"] == kind]


def test_the_hostile_overlay_shows_every_new_kind_and_nothing_else(hostile: dict[str, Any]) -> None:
    assert hostile["clean"] is False
    # x-any-stage-brand advises a short-video brand to keep one streamer: the plan's claims catch that advice too,
    # on the advice's own entry, wherever the plan has no streamer
    [absent] = _of(hostile, "text-speaks-of-absent")
    assert (absent["entry"], absent["file"]) == ("consistent-streamer", "rules/advice.toml")
    book = load_rulebook(HOSTILE)
    for profile in absent["profiles"]:
        assert fired(book, profile, "x-any-stage-brand")
        assert "streamer" not in {role.id for role in recommend(BusinessProfile.model_validate(profile), book).roles}
    findings = [found for found in hostile["findings"] if found is not absent]
    assert {found["kind"] for found in findings} == LEVEL2
    assert all(found["file"] == str(HOSTILE) for found in findings)
    assert {found["entry"] for found in findings} == {
        "x-mature-live-planner",
        "x-branded-growth-streamer",
        "x-streamer-serves-controller",
        "x-assistant-makes-videos",
        "x-service-into-one",
        "x-loyalty-splits-off-service",
        "x-any-stage-brand",
        "x-mature-shop-trim",
    }


def test_redundant_names_both_rules_and_profiles_where_both_fire(hostile: dict[str, Any]) -> None:
    [found] = _of(hostile, "redundant")
    assert found["rules"] == ["mature-live-planner", "x-mature-live-planner"]
    assert 'mark it corroborates = "mature-live-planner"' in found["message"]
    book = load_rulebook(HOSTILE)
    assert found["profiles"]
    for profile in found["profiles"]:
        assert fired(book, profile, "mature-live-planner")
        assert fired(book, profile, "x-mature-live-planner")


def test_subsumed_names_each_implying_rule(hostile: dict[str, Any]) -> None:
    found = _of(hostile, "subsumed")
    assert sorted(tuple(f["rules"]) for f in found) == [
        ("x-branded-growth-streamer", "growth-live-team"),
        ("x-branded-growth-streamer", "live-team-for-lives"),
        ("x-mature-shop-trim", "specialists-wait"),  # besides its unfounded marker: it ranks as the bundled rule does
    ]
    book = load_rulebook(HOSTILE)
    for finding in found:
        weaker, stronger = finding["rules"]
        assert f"is subsumed by '{stronger}'" in finding["message"]
        for profile in finding["profiles"]:
            assert fired(book, profile, weaker)
            assert fired(book, profile, stronger)


def test_overlap_conflicts_show_in_the_plans_of_their_profiles(hostile: dict[str, Any]) -> None:
    found = {tuple(f["rules"]): f for f in _of(hostile, "overlap-conflict")}
    assert set(found) == {
        ("live-roles-serve-streamer", "x-streamer-serves-controller"),
        ("startup-streamer-makes-videos", "x-assistant-makes-videos"),
        ("growth-service-splits", "x-service-into-one"),
        ("x-loyalty-splits-off-service", "growth-service-splits"),
    }
    book = load_rulebook(HOSTILE)

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


def test_always_true_names_the_part_and_shows_no_profile(hostile: dict[str, Any]) -> None:
    [found] = _of(hostile, "always-true")
    assert found["rules"] == ["x-any-stage-brand"]
    assert found["message"].startswith("when.all[0] of rule 'x-any-stage-brand' holds on every profile")
    assert "stage is growth or mature or startup" in found["message"]
    assert found["profiles"] == []


def test_an_unfounded_marker_is_a_defect_and_a_founded_one_a_note(hostile: dict[str, Any]) -> None:
    [found] = _of(hostile, "unfounded-corroboration")
    assert found["rules"] == ["x-mature-shop-trim", "mature-shop-specialists"]
    assert "it never ranks shop_designer to 5" in found["message"]
    notes = {tuple(note["rules"]) for note in hostile["notes"]}
    assert ("x-mature-loyalty", "loyalty-programme") in notes
    assert not any("x-mature-loyalty" in found["rules"] for found in hostile["findings"])


def test_the_hostile_markdown_report_names_each_kind(hostile: dict[str, Any]) -> None:
    text = render_verify_markdown(_report(hostile))
    assert f"**{len(hostile['findings'])} defects** in 2304 profiles checked." in text
    assert len(hostile["findings"]) == 11
    for kind in LEVEL2:
        assert f"- **{kind}** `{HOSTILE}:" in text


# --- edge cases of the definitions, on one overlay --------------------------------------------------------------

EDGES = f"""
[[rule]]
id = "x-first-streamer"
{CITE}priority = 1
when = {{ all = [{{ fact = "stage", equals = "growth" }}, {{ fact = "formats", contains = "livestream" }}] }}
include = ["streamer"]

[[rule]]
id = "x-one-streamer"
{CITE}when = {{ all = [{{ fact = "stage", equals = "growth" }}, {{ fact = "formats", contains = "livestream" }}] }}
scale = {{ streamer = 1 }}

[[rule]]
id = "x-five-streamers"
{CITE}when = {{ all = [{{ fact = "stage", equals = "mature" }}, {{ fact = "formats", contains = "livestream" }}] }}
scale = {{ streamer = 5 }}

[[rule]]
id = "x-owner-ranked-low"
{CITE}rank = {{ owner = 3 }}

[[rule]]
id = "x-selector-ranked-high"
{CITE}rank = {{ product_selector = 0 }}

[[rule]]
id = "x-both-ways"
{CITE}when = {{ fact = "formats", contains = "short_video" }}
relate = [{{ kind = "supports", from = "video_actor", to = "videographer_editor" }},
          {{ kind = "supports", from = "videographer_editor", to = "video_actor" }}]

[[rule]]
id = "x-never-together"
{CITE}relate = [{{ kind = "supports", from = "customer_service", to = "presales_cs" }},
                {{ kind = "supports", from = "presales_cs", to = "customer_service" }}]

[[rule]]
id = "x-growth-streamer-videos"
{CITE}when = {{ all = [{{ fact = "stage", equals = "growth" }}, {{ fact = "formats", contains = "short_video" }}] }}
hold = [{{ duty = "short_video", role = "streamer" }}]

[[rule]]
id = "x-growth-assistant-videos"
{CITE}when = {{ all = [{{ fact = "stage", equals = "growth" }}, {{ fact = "formats", contains = "short_video" }}] }}
hold = [{{ duty = "short_video", role = "assistant_streamer" }}]

[[rule]]
id = "x-tautology"
{CITE}when = {{ any = [{{ fact = "paid_ads", equals = true }}, {{ fact = "paid_ads", equals = false }}] }}
rank = {{ live_planner = 5 }}

[[rule]]
id = "x-empty-all"
{CITE}when = {{ all = [] }}
rank = {{ pr = 6 }}

[[rule]]
id = "x-all-lives"
source = "five-departments"
section = "§1"
guidance = "G01"
basis = "inferred"
because = "a test: the broader rule carries the marker"
when = {{ fact = "formats", contains = "livestream" }}
include = ["live_controller"]
corroborates = "x-growth-controller"

[[rule]]
id = "x-growth-controller"
{CITE}when = {{ all = [{{ fact = "stage", equals = "growth" }}, {{ fact = "formats", contains = "livestream" }}] }}
include = ["live_controller"]

[[rule]]
id = "x-private-domain"
source = "five-departments"
section = "closing"
guidance = "G10"
basis = "inferred"
because = "a test: a marker whose rule fires where the other does not"
when = {{ all = [{{ fact = "private_domain", equals = true }}, {{ fact = "stage", in = ["startup", "growth"] }}] }}
include = ["private_domain_operator"]
corroborates = "mature-private-domain"
"""


@pytest.fixture(scope="module")
def edges(tmp_path_factory: pytest.TempPathFactory) -> VerifyReport:
    return verify(load_rulebook(overlay(tmp_path_factory.mktemp("edges"), EDGES)))


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
    always = [found for found in edges.findings if found.kind == "always-true"]
    assert [found.rules for found in always] == [("x-tautology",)]
    assert always[0].message.startswith("the condition of rule 'x-tautology' holds on every profile")
    assert "leave out `when`" in always[0].message


def test_a_marker_on_the_broader_rule_and_a_marker_whose_rule_fires_elsewhere(edges: VerifyReport) -> None:
    assert ("x-all-lives", "x-growth-controller") in {note.rules for note in edges.notes}
    [found] = [f for f in edges.findings if f.kind == "unfounded-corroboration"]
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
