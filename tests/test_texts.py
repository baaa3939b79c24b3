"""What a plan says is knowledge: duty lines and advice hold only where their condition holds, speak only of what the
business has (over the whole fact space), declare honestly what they speak of, and fail to load with a clear message
when an overlay gets them wrong."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tiktok_team import BusinessProfile, RulebookError, _condition, load_rulebook, recommend
from tiktok_team._claims import shown_texts, text_claims
from tiktok_team._entries import Mentions
from tiktok_team._plan import Plan
from tiktok_team._texts import Context, mention_problems, proposal_problems
from verified import DEFECTS, OVERLAYS, overlaid_run

BOOK = load_rulebook()
CITE = 'source = "three-stages"\nsection = "§1"\nguidance = "G12"\nbasis = "stated"\n'


def test_no_shown_text_speaks_of_what_the_business_lacks_over_the_whole_fact_space(space_plans: list[Plan]) -> None:
    problems = {(claim.entry, claim.message) for plan in space_plans for claim in text_claims(plan)}
    assert problems == set()


def test_the_proposal_check_finds_what_the_business_already_has() -> None:
    here = Context({"formats": frozenset({"livestream"}), "stage": "growth"}, frozenset(), {"streamer": 1})
    problems = proposal_problems(Mentions(roles=("streamer",), formats=("livestream",), stages=("growth",)), here)
    assert len(problems) == 3
    assert proposal_problems(Mentions(roles=("pr",), formats=("short_video",), stages=("mature",)), here) == []


def test_the_mention_check_finds_each_kind_of_absence() -> None:
    here = Context({"formats": frozenset({"livestream"}), "stage": "growth"}, frozenset(), {"streamer": 1})
    problems = mention_problems(Mentions(roles=("pr",), formats=("short_video",), stages=("mature",)), here)
    assert len(problems) == 3
    assert "'pr'" in problems[0]
    assert "short_video" in problems[1]
    assert "mature" in problems[2]
    assert mention_problems(Mentions(roles=("streamer",), formats=("livestream",), stages=("growth",)), here) == []


# Words that name a role, a content format or a stage; a bundled text that uses one must declare it in `mentions`.
# Each pattern is matched in the English text, case-insensitive, on word boundaries.
ROLE_WORDS = {
    "streamer": r"(?<!assistant )(?<!second )streamers?\b",
    "assistant_streamer": r"assistant streamer|second streamer",
    "live_planner": r"livestream planner",
    "live_set_designer": r"live set designer",
    "video_scriptwriter": r"scriptwriter|short-video planner",
    "video_actor": r"\bactors?\b",
    "video_set_builder": r"scene builder",
    "shop_analyst": r"shop data analyst",
    "promotions_planner": r"promotions planner",
    "ad_buyer": r"ad buyers?",
    "ad_analyst": r"ad analyst",
    "influencer_scout": r"\bscout\b",
    "influencer_bd": r"influencer business development|business developer",
    "pr": r"\bPR\b",
    "customer_service": r"customer service",
    "aftersales_cs": r"after-sale service",
    "logistics": r"shipping & logistics",
    "private_domain_operator": r"private-domain operator",
}
# "videos" alone is not the short-video format (an ad creative producer makes ad videos): the format is named so.
# Nor is "live commerce", the trade's name, a mention of lives.
FORMAT_WORDS = {
    "livestream": r"\blives\b|\blive\b(?![- ]commerce)|\blive's\b|livestreams?",
    "short_video": r"short[- ]videos?",
}
STAGE_WORDS = {"startup": r"\bstartup\b", "growth": r"\bgrowth\b", "mature": r"\bmatur(e|ity)\b"}


def _texts() -> list[tuple[str, str, set[str], object]]:
    """Each bundled text: where, its English, what it declares (mentions and proposes together), its role."""
    found: list[tuple[str, str, set[str], object]] = []
    for role in BOOK.roles.values():
        for n, line in enumerate(role.duties):
            found.append((f"role {role.id} duties[{n}]", line.en, _declared(line.mentions, line.proposes), role.id))
    for advice in BOOK.advice.values():
        for n, text in enumerate(advice.texts()):
            found.append((f"advice {advice.id} [{n}]", text.en, _declared(text.mentions, text.proposes), None))
    return found


def _declared(*declared: Mentions) -> set[str]:
    return {name for each in declared for name in (*each.roles, *each.formats, *each.stages)}


@pytest.mark.parametrize(("where", "text", "declared", "owner"), _texts(), ids=[t[0] for t in _texts()])
def test_a_bundled_text_declares_every_role_format_and_stage_it_names(
    where: str, text: str, declared: set[str], owner: object
) -> None:
    def named(patterns: dict[str, str]) -> set[str]:
        return {key for key, pattern in patterns.items() if re.search(pattern, text, re.IGNORECASE)}

    own = {owner} if owner else set()  # a role's own duty lines need not declare the role
    # The bundled texts never name a stage other than the one they are shown at (what a business grows into is said
    # as "later" or "as it grows"), so any stage a text names must be declared.
    assert named(ROLE_WORDS) - own <= declared, where
    assert named(FORMAT_WORDS) <= declared, where
    assert named(STAGE_WORDS) <= declared, where


def test_every_duty_line_and_variant_is_shown_in_some_plan(space_plans: list[Plan]) -> None:
    said = {(kind, entry, where) for plan in space_plans for kind, entry, where, *_ in shown_texts(plan)}
    lines = {("role", role.id, f"duties[{n}]") for role in BOOK.roles.values() for n in range(len(role.duties))}
    variants = {("advice", a.id, f"variants[{n}]") for a in BOOK.advice.values() for n in range(len(a.variants))}
    assert lines | variants <= said


def test_a_plan_shows_the_lines_that_hold_and_carries_them_in_its_json() -> None:
    videos = recommend({"stage": "growth", "sourcing": "own_stock", "formats": ["short_video"], "paid_ads": True})
    lives = recommend({"stage": "growth", "sourcing": "own_stock", "formats": ["livestream"], "paid_ads": True})
    assert not any("live" in line.en for line in videos.role("ad_buyer").duties)
    assert any("each live's spend" in line.en for line in lives.role("ad_buyer").duties)
    [row] = [role for role in lives.to_dict()["roles"] if role["id"] == "ad_buyer"]
    assert row["duties"] == [line.model_dump() for line in lives.role("ad_buyer").duties]
    assert all(set(line) == {"en", "zh"} and line["en"] and line["zh"] for line in row["duties"])


def test_advice_shows_its_first_variant_that_holds() -> None:
    one = recommend({"stage": "startup", "sourcing": "own_stock", "own_brand": True})
    three = recommend({"stage": "mature", "sourcing": "own_stock", "own_brand": True})
    text = {
        plan.profile.stage: next(a.text.en for a in plan.advice if a.id == "consistent-streamer")
        for plan in (one, three)
    }
    assert text["startup"].startswith("Keep one consistent")
    assert text["mature"].startswith("Make one of your streamers")
    assert three.role("streamer").headcount == 3


def test_advice_reads_the_stage_s_own_first_and_the_general_lines_last(space_plans: list[Plan]) -> None:
    for plan in space_plans:
        relevance = []
        for advice in plan.advice:
            tested = {name for reason in advice.reasons for name in _tested(reason.rule)}
            relevance.append(0 if "stage" in tested else 1 if tested else 2)
        assert relevance == sorted(relevance), plan.profile


def _tested(rule_id: str) -> set[str]:
    return _condition.tested_facts(BOOK.rules[rule_id].when)


def _overlay(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[advice]]\nid = "x"\nen = "a"\nzh = "b"\nwhen = { role = "streamr" }\n',
            "mine.toml:x: when: unknown role 'streamr' (did you mean 'streamer'?)",
        ),
        (
            '[[advice]]\nid = "x"\nen = "a"\nzh = "b"\nmentions = { roles = ["owenr"] }\n',
            "mine.toml:x: mentions: unknown role 'owenr' (did you mean 'owner'?)",
        ),
        (
            '[[advice]]\nid = "x"\nen = "a"\nzh = "b"\n[[advice.variants]]\nen = "c"\nzh = "d"\n'
            'when = { derived = "has_shp" }\n',
            "mine.toml:x: variants[0]: unknown derived fact 'has_shp' (did you mean 'has_shop'?)",
        ),
        (
            '[[advice]]\nid = "x"\nen = "a"\nzh = "b"\nwhen = { fact = "stage", equals = "grwth" }\n',
            "'stage' cannot be 'grwth'",
        ),
        (
            '[[role]]\nid = "x_role"\nen = "X"\nzh = "X"\ndepartment = "content"\n[[role.duties]]\nen = "a"\nzh = "b"\n'
            'guidance = "G12"\nbasis = "inferred"\n',
            "mine.toml:x_role: duties[0]: an inferred text must say what it is inferred from",
        ),
        (
            f'[[rule]]\nid = "x-rule"\n{CITE}when = {{ role = "streamer" }}\ninclude = ["pr"]\n',
            "mine.toml:x-rule: when: a rule's condition cannot test which roles the plan has",
        ),
        (
            '[[advice]]\nid = "x"\nen = "a"\nzh = "b"\nwhen = { all = [{ role = "pr" }, { not = { role = "pr" } }] }\n',
            "mine.toml:x: when: the condition can never hold",
        ),
    ],
)
def test_a_bad_text_in_an_overlay_is_a_load_error_naming_it(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(RulebookError) as caught:
        load_rulebook(_overlay(tmp_path, text))
    assert message in str(caught.value).replace(str(tmp_path / "mine.toml"), "mine.toml")


def test_plain_string_duties_of_older_rule_files_still_load(tmp_path: Path) -> None:
    path = _overlay(
        tmp_path,
        '[[role]]\nid = "x_role"\nen = "X"\nzh = "X"\ndepartment = "content"\n'
        'duties = ["Does a"]\nduties_zh = ["做甲"]\n'
        f'[[rule]]\nid = "x-add"\n{CITE}include = ["x_role"]\nrank = {{ x_role = 5 }}\n',
    )
    plan = recommend(BusinessProfile(stage="startup", sourcing="own_stock"), load_rulebook(path))
    assert [(line.en, line.zh) for line in plan.role("x_role").duties] == [("Does a", "做甲")]
    bad = _overlay(
        tmp_path,
        '[[role]]\nid = "x_role"\nen = "X"\nzh = "X"\ndepartment = "content"\n'
        'duties = ["a", "b"]\nduties_zh = ["甲"]\n',
    )
    with pytest.raises(RulebookError, match="duties_zh has 1 lines for the 2 plain lines"):
        load_rulebook(bad)


def test_rules_verify_names_an_overlay_text_that_speaks_of_a_missing_role(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """tests/data/verify-defects.toml gives startups advice that mentions PR (x-pr), verified by the command with
    the other overlays of tests/verified.py, which no startup plan gets PR from."""
    report = json.loads(overlaid_run(tmp_path_factory).stdout)
    [finding] = [f for f in report["findings"] if f["kind"] == "text-speaks-of-absent" and f["file"] == str(DEFECTS)]
    assert finding["entry"] == "x-pr"
    assert "the role 'pr'" in finding["message"]
    assert finding["profiles"]
    assert all(profile["stage"] == "startup" for profile in finding["profiles"])
    book = load_rulebook(*OVERLAYS)
    for profile in finding["profiles"]:
        plan = recommend(BusinessProfile.model_validate(profile), book)
        assert "x-pr" in {advice.id for advice in plan.advice}
        assert "pr" not in {role.id for role in plan.roles}
