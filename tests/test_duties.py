"""Held duties: the catalog's duties and the rules' ``hold``, validated at load, shown on the planned role only while
the duty's own role or team is missing, explained, drawn in the reports, and the invariant that every format the
profile runs is owned by someone, checked over the whole fact space."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiktok_team import Plan, RulebookError, load_rulebook, recommend
from tiktok_team._invariants import FORMAT_TEAMS, INVARIANTS, check_plan
from tiktok_team.render import render_html, render_markdown

CITE = 'source = "three-stages"\nsection = "§1"\nguidance = "G15"\nbasis = "inferred"\nbecause = "a test overlay"\n'
BOTH = {"stage": "startup", "sourcing": "own_stock", "formats": ["livestream", "short_video"]}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "overlay.toml"
    path.write_text(text, encoding="utf-8")
    return path


def held(profile: dict[str, object], book: object = None) -> dict[str, list[str]]:
    plan = recommend(profile, book)  # type: ignore[arg-type]
    return {role.id: [duty.duty for duty in role.holds] for role in plan.roles if role.holds}


def test_at_startup_the_streamer_makes_the_short_videos_with_its_citation() -> None:
    plan = recommend(BOTH)
    streamer = plan.role("streamer")
    assert [(d.duty, d.name.en, d.name.zh) for d in streamer.holds] == [
        ("short_video", "short-video production", "短视频制作")
    ]
    [reason] = streamer.holds[0].reasons
    assert (reason.rule, reason.source, reason.section, reason.guidance, reason.basis) == (
        "startup-streamer-makes-videos",
        "three-stages",
        "§1",
        "G15",
        "stated",
    )
    assert "also given short-video production (there is no Short-video team in this plan)" in plan.why("streamer")
    assert "让其兼管短视频制作（本方案没有短视频组）" in plan.why("streamer", "zh")
    data = plan.to_dict()
    [row] = [role for role in data["roles"] if role["id"] == "streamer"]
    assert row["holds"][0]["duty"] == "short_video"
    assert row["holds"][0]["reasons"][0]["rule"] == "startup-streamer-makes-videos"


def test_a_held_duty_goes_once_its_own_team_or_role_is_planned(tmp_path: Path) -> None:
    assert held(BOTH)["streamer"] == ["short_video"]
    assert "streamer" not in held({**BOTH, "stage": "growth"})  # the short-video group makes them now
    assert held({**BOTH, "stage": "growth"})["video_scriptwriter"] == ["live_scripts"]
    assert "video_scriptwriter" not in held({**BOTH, "stage": "mature"})  # a livestream planner writes them
    overlay = write(
        tmp_path,
        f'[[rule]]\nid = "x-early-editor"\n{CITE}when = {{ fact = "stage", equals = "startup" }}\n'
        'include = ["videographer_editor"]\n',
    )
    assert "streamer" not in held(BOTH, load_rulebook(overlay))


def test_a_duty_is_held_only_by_a_planned_role() -> None:
    # the owner runs the groups of a startup with owned traffic; nobody holds the duty while no rule gives it
    assert held({"stage": "startup", "sourcing": "affiliate_pool", "private_domain": True}) == {
        "owner": ["private_domain"]
    }
    assert held({"stage": "startup", "sourcing": "affiliate_pool"}) == {}


def test_every_bundled_duty_is_held_somewhere_and_every_hold_names_a_real_gap(space_plans: list[Plan]) -> None:
    book = load_rulebook()
    seen: set[str] = set()
    for plan in space_plans:
        planned = {role.id for role in plan.roles}
        for role in plan.roles:
            for duty in role.holds:
                seen.add(duty.duty)
                owner = book.duties[duty.duty].belongs_to
                assert owner not in planned
                assert all(r.team != owner for r in plan.roles)
                assert all(reason.rule in plan.outcome.fired for reason in duty.reasons)
    assert seen == set(book.duties)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'hold = [{ duty = "short_vido", role = "streamer" }]',
            "unknown duty 'short_vido' (did you mean 'short_video'?)",
        ),
        ('hold = [{ duty = "short_video", role = "streamr" }]', "unknown role 'streamr' (did you mean 'streamer'?)"),
        ('hold = [{ duty = "live_scripts", role = "live_planner" }]', "duty 'live_scripts' already belongs to"),
        ('hold = [{ duty = "short_video", rol = "streamer" }]', "unknown key 'rol'"),
    ],
)
def test_a_bad_hold_is_a_load_error_naming_the_rule(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(RulebookError) as raised:
        load_rulebook(write(tmp_path, f'[[rule]]\nid = "x-hold"\n{CITE}{text}\n'))
    assert "overlay.toml:x-hold: " in str(raised.value)
    assert message in str(raised.value)


def test_a_duty_must_belong_to_a_known_role_or_team(tmp_path: Path) -> None:
    with pytest.raises(RulebookError, match=r"overlay.toml:x_duty: unknown role or team 'shortvideo' \(did you mean"):
        load_rulebook(write(tmp_path, '[[duty]]\nid = "x_duty"\nen = "x"\nzh = "x"\nbelongs_to = "shortvideo"\n'))


def test_every_format_is_owned_over_the_whole_fact_space(space_plans: list[Plan]) -> None:
    owned = INVARIANTS["every format the profile runs is owned by a planned team or a role holding its duty"]
    book = load_rulebook()
    for plan in space_plans:
        profile = plan.profile
        assert owned(plan) == [], profile
        teams = {role.team for role in plan.roles}
        for fmt in profile.formats:
            holders = [r for r in plan.roles for d in r.holds if book.duties[d.duty].belongs_to == FORMAT_TEAMS[fmt]]
            assert FORMAT_TEAMS[fmt] in teams or holders


def test_without_the_streamer_hold_a_startup_runs_short_videos_nobody_makes(tmp_path: Path) -> None:
    overlay = write(
        tmp_path,
        '[[rule]]\nid = "startup-streamer-makes-videos"\nreplace = true\nsource = "three-stages"\nsection = "§1"\n'
        'guidance = "G15"\nbasis = "stated"\nwhen = { fact = "stage", equals = "startup" }\n'
        'advise = ["streamer-makes-videos"]\n',
    )
    problems = check_plan(recommend(BOTH, load_rulebook(overlay)))
    assert problems == [
        "every format the profile runs is owned by a planned team or a role holding its duty: the profile runs "
        "short_video, but no role of team 'short_video' is planned and no role holds its duty"
    ]


def test_the_reports_show_a_held_duty_on_its_role_with_its_citation() -> None:
    plan = recommend(BOTH)
    [row] = [line for line in render_markdown(plan).splitlines() if line.startswith("| Streamer (主播)")]
    assert "<br>**Also:** short-video production (three-stages §1, G15) |" in row
    assert row.count(" | ") == 3  # four cells: the table stays whole
    detailed = render_markdown(plan, detail=True)
    assert "<br>**Also:** short-video production (`startup-streamer-makes-videos` three-stages §1, G15) |" in detailed
    [row] = [line for line in render_markdown(plan, "zh").splitlines() if line.startswith("| 主播（Streamer）")]
    assert "**兼管：** 短视频制作（three-stages §1, G15）" in row
    page = render_html(plan, "both")
    assert (
        '<li class="held"><b>Also / 兼管:</b> short-video production <span class="zh" lang="zh-Hans">短视频制作</span> '
        "(three-stages §1, G15)</li>"
    ) in page
    assert "(<code>startup-streamer-makes-videos</code> three-stages §1, G15)</li>" in render_html(plan, detail=True)


def test_a_duty_name_from_an_overlay_is_escaped_in_the_reports(tmp_path: Path) -> None:
    overlay = write(
        tmp_path,
        '[[duty]]\nid = "x_duty"\nen = "stunts | <b>*bold*</b>"\nzh = "特技"\n\n'
        f'[[rule]]\nid = "x-hold"\n{CITE}hold = [{{ duty = "x_duty", role = "streamer" }}]\n',
    )
    plan = recommend(BOTH, load_rulebook(overlay))
    [row] = [line for line in render_markdown(plan).splitlines() if line.startswith("| Streamer (主播)")]
    assert "stunts \\| &lt;b&gt;\\*bold\\*&lt;/b&gt; (three-stages" in row
    assert row.count(" | ") == 3
    page = render_html(plan)
    assert "stunts | &lt;b&gt;*bold*&lt;/b&gt;" in page
    assert "<b>*bold*</b>" not in page
