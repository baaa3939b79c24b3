"""Chinese everywhere: every inferred rule says why in Chinese too, the Chinese explanations use it (and mark an
overlay's English-only reason), and the markdown reports in both languages keep every table whole."""

from __future__ import annotations

import re
from pathlib import Path

from tiktok_team import Plan, gap, load_rulebook, recommend, roadmap
from tiktok_team._browse import describe_rule
from tiktok_team._profile import FACTS
from tiktok_team.render import render_gap_markdown, render_markdown, render_roadmap_markdown

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_bundled_inferred_rule_says_why_in_chinese() -> None:
    inferred = [rule for rule in load_rulebook().rules.values() if rule.basis == "inferred"]
    assert len(inferred) >= 25
    for rule in inferred:
        assert rule.because_zh, rule.id
        assert len(CJK.findall(rule.because_zh)) >= 15, rule.id
        assert rule.because_zh.endswith("。"), rule.id


def test_the_chinese_explanation_gives_the_chinese_reason() -> None:
    plan = recommend({"stage": "growth", "sourcing": "dropship"})
    rule = plan.rulebook.rules["dropship-no-shipping"]
    assert rule.because_zh is not None
    line = plan.why_not("logistics", "zh").splitlines()[1]
    assert line.endswith(f"推断：{rule.because_zh.rstrip('。')}】。")
    assert rule.because is not None
    assert rule.because.rstrip(".") in plan.why_not("logistics")


def test_an_overlay_reason_in_english_only_is_shown_as_such_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[rule]]\nid = "x-brand-pr"\nsource = "three-stages"\nsection = "§3"\nguidance = "G31"\n'
        'basis = "inferred"\nbecause = "Our brand needs PR early."\n'
        'when = { fact = "own_brand", equals = true }\ninclude = ["pr"]\n',
        encoding="utf-8",
    )
    plan = recommend({"stage": "startup", "sourcing": "own_stock", "own_brand": True}, load_rulebook(path))
    assert "【three-stages §3，G31，推断（仅有英文说明）：Our brand needs PR early】。" in plan.why("pr", "zh")


def test_rules_show_prints_the_chinese_reason() -> None:
    book = load_rulebook()
    text = describe_rule(book, "dropship-no-shipping")
    assert f"推断依据：{book.rules['dropship-no-shipping'].because_zh}" in text.splitlines()
    assert "推断依据" not in describe_rule(book, "startup-live-team")


def _tables_whole(text: str) -> None:
    """Every markdown table has as many cells in each row as in its header."""
    width = None
    for line in text.splitlines():
        if line.startswith("| "):
            cells = len(re.split(r"(?<!\\)\|", line)) - 2
            width = cells if width is None else width
            assert cells == width, line
        else:
            width = None


def test_lang_both_gives_the_english_report_then_the_chinese_one_over_the_fact_space(space_plans: list[Plan]) -> None:
    """Every profile's English and Chinese reports have one title each and keep every table whole. ``both`` joins
    them, the English report, a rule, then the Chinese one, by the same wrapper for every profile
    (``_bilingual``): it is checked on every 7th profile of the fact space, which between them hold every value of
    every fact, while the two reports it joins are checked here for every profile."""
    every_7th = space_plans[::7]
    for fact in FACTS:
        values = {repr(plan.profile.facts()[fact]) for plan in every_7th}
        assert values == {repr(plan.profile.facts()[fact]) for plan in space_plans}, fact
    for n, plan in enumerate(space_plans):
        english, chinese = render_markdown(plan, "en"), render_markdown(plan, "zh")
        for text in (english, chinese):
            assert text.startswith("# ")
            assert text.count("\n# ") == 0
            _tables_whole(text)
        if n % 7 == 0:
            assert render_markdown(plan, "both") == f"{english}\n---\n\n{chinese}"


def test_lang_both_for_the_roadmap_and_the_gap() -> None:
    profile = {"stage": "startup", "sourcing": "own_stock", "formats": ["livestream", "short_video"]}
    text = render_roadmap_markdown(roadmap(profile), "both")
    assert text.startswith("# Roadmap\n")
    assert "\n---\n\n# 成长路线图\n" in text
    assert "## 从起步期到发展期" in text
    _tables_whole(text)
    team = {"person": [{"name": "Mei", "roles": ["owner", "shop_operator"]}, {"name": "Jun", "roles": ["streamer"]}]}
    text = render_gap_markdown(gap(profile, team), "both")
    assert text.startswith("# Team gap\n")
    assert "\n---\n\n# 团队差距\n" in text
    _tables_whole(text)
