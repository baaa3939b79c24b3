"""The headline: one sentence, in English and Chinese, that says the stage, the sourcing and each format the plan
runs, and nothing the plan does not have; checked over the whole fact space."""

from __future__ import annotations

import re

from tiktok_team import Plan, headline, load_rulebook, recommend
from tiktok_team._condition import value_words
from tiktok_team.render import render_html, render_markdown
from tiktok_team.render._markdown import md_text

FORMATS = {"livestream": ("livestreams", "直播"), "short_video": ("short videos", "短视频")}
SHOP_SIDE = {"shop_ops", "support"}


def test_the_headline_is_true_of_every_plan_of_the_fact_space(space_plans: list[Plan]) -> None:
    book = load_rulebook()
    for plan in space_plans:
        profile = plan.profile
        said = headline(plan)
        en, zh = said.en, said.zh
        planned = {role.id: role for role in plan.roles}
        people = "person" if plan.people == 1 else "people"
        assert en.startswith(f"A {profile.stage} team of {plan.people} {people} around the owner: "), en
        assert zh.startswith(f"{value_words(profile.stage, 'zh')}团队，共{plan.people}人，以老板为核心："), zh
        assert value_words(profile.sourcing, "en") in en
        assert value_words(profile.sourcing, "zh") in zh
        for fmt, (en_word, zh_word) in FORMATS.items():
            assert (en_word in en) == (fmt in profile.formats), (fmt, en)
            assert (zh_word in zh) == (fmt in profile.formats), (fmt, zh)
        assert ("with shipping" in en) == ("logistics" in planned), en
        assert ("自行发货" in zh) == ("logistics" in planned), zh
        shop = [role for role in plan.roles if role.department in SHOP_SIDE]
        if len(shop) > 1:
            assert f"a shop side of {len(shop)} roles" in en
        elif shop:
            assert f"keeps only the {shop[0].name.en.lower()} on the shop side" in en
        else:
            assert "no shop side" in en
        # who makes a format's content where no team of it is planned: only planned roles that hold that duty
        clauses = re.findall(r"with the (.+?) also doing (.+?)[,.]", en)
        held = [
            (role.name.en.lower(), duty.name.en)
            for role in plan.roles
            for duty in role.holds
            if book.duties[duty.duty].belongs_to in ("live", "short_video")
        ]
        assert clauses == held, en
        assert en.endswith(".")
        assert zh.endswith("。")


def test_a_startup_running_both_formats_says_the_streamer_makes_the_videos() -> None:
    said = headline(recommend({"stage": "startup", "sourcing": "own_stock", "formats": ["livestream", "short_video"]}))
    assert said.en.endswith(
        "and it runs livestreams and short videos, with the streamer also doing short-video production."
    )
    assert said.zh.endswith("做直播和短视频，由主播兼管短视频制作。")


def test_the_reports_put_the_headline_under_the_title() -> None:
    plan = recommend({"stage": "growth", "sourcing": "affiliate_pool", "formats": []})
    said = headline(plan)
    assert said.en == (
        f"A growth team of {plan.people} people around the owner: it sells from the affiliate pool, so it keeps "
        "only the product selector / product manager on the shop side, and it runs no content yet."
    )
    lines = render_markdown(plan).splitlines()
    assert lines[0].startswith("# Team plan")
    assert lines[1] == ""
    assert lines[2] == md_text(said.en)
    assert render_markdown(plan, "zh").splitlines()[2] == said.zh
    page = render_html(plan, "both")
    title_end = page.index("</h1>")
    assert page.index(f'<p class="headline">{said.en} <span class="zh" lang="zh-Hans">{said.zh}</span></p>') > title_end
