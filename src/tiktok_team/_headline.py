"""The headline of a plan: one sentence, in English and Chinese, saying what kind of team it is and why.

It is read off the plan alone: the stage and the sourcing of its profile, its headcount, the shop-side roles the
sourcing led to, the content formats it runs, and who makes a format's content where no team of that format is
planned (a held duty, see :mod:`tiktok_team._duties`). The reports (markdown, HTML) put it under their title.
"""

from __future__ import annotations

from ._condition import value_words
from ._entries import OWNER
from ._invariants import FORMAT_TEAMS, SHOP_SIDE_DEPARTMENTS
from ._lazy import publish
from ._plan import BilingualText, Plan

__all__ = ["FORMAT_WORDS", "headline"]

# How the headline names each content format the profile runs, in English and Chinese.
FORMAT_WORDS: dict[str, tuple[str, str]] = {
    "livestream": ("livestreams", "直播"),
    "short_video": ("short videos", "短视频"),
}

_SHIPPING = "logistics"

_WORDS = {
    "en": {
        "team": "A {stage} team of {n} {people}",
        "person": "person",
        "people": "people",
        "owner": " around the owner",
        "sourcing": ": it sells {how}, ",
        "own_stock": "its own stock",
        "dropship": "by dropship",
        "affiliate_pool": "from the affiliate pool",
        "no_shop": "so it has no shop side",
        "one_shop_role": "so it keeps only the {name} on the shop side",
        "shop": "so it runs a shop side of {k} roles",
        "shipping": " with shipping",
        "formats": ", and it runs {formats}",
        "no_formats": ", and it runs no content yet",
        "and": " and ",
        "held": ", with the {role} also doing {duty}",
        "end": ".",
    },
    "zh": {
        "team": "{stage}团队，共{n}人",
        "person": "",
        "people": "",
        "owner": "，以老板为核心",
        "sourcing": "：采用{how}模式，",
        "own_stock": "自有货源",
        "dropship": "一件代发",
        "affiliate_pool": "精选联盟选品",
        "no_shop": "因此不设店铺端",
        "one_shop_role": "因此店铺端只保留{name}",
        "shop": "因此设店铺端（{k}个岗位）",
        "shipping": "并自行发货",
        "formats": "；做{formats}",
        "no_formats": "；暂不做内容",
        "and": "和",
        "held": "，由{role}兼管{duty}",
        "end": "。",
    },
}


def headline(plan: Plan) -> BilingualText:
    """One sentence in English and Chinese: the kind of team (stage, size), its shop side and why (the sourcing),
    the formats it runs, and who makes a format's content where no team of that format is planned.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> plan = recommend({"stage": "startup", "sourcing": "own_stock", "formats": ["livestream", "short_video"]})
    >>> print(headline(plan).en)  # doctest: +NORMALIZE_WHITESPACE
    A startup team of 7 people around the owner: it sells its own stock, so it runs a shop side of 3 roles with
    shipping, and it runs livestreams and short videos, with the streamer also doing short-video production.
    >>> print(headline(plan).zh)
    起步期团队，共7人，以老板为核心：采用自有货源模式，因此设店铺端（3个岗位）并自行发货；做直播和短视频，由主播兼管短视频制作。
    """
    return BilingualText(en=_sentence(plan, "en"), zh=_sentence(plan, "zh"))


def _sentence(plan: Plan, lang: str) -> str:
    words = _WORDS[lang]
    book = plan.rulebook
    profile = plan.profile
    planned = {role.id for role in plan.roles}
    people = words["person" if plan.people == 1 else "people"]
    out = words["team"].format(stage=value_words(profile.stage, lang), n=plan.people, people=people)
    out += words["owner"] if OWNER in planned else ""
    out += words["sourcing"].format(how=words[profile.sourcing])
    shop = [role for role in plan.roles if role.department in SHOP_SIDE_DEPARTMENTS]
    if not shop:
        out += words["no_shop"]
    elif len(shop) == 1:
        out += words["one_shop_role"].format(name=_role_name(shop[0].name.en, shop[0].name.zh, lang))
    else:
        out += words["shop"].format(k=len(shop)) + (words["shipping"] if _SHIPPING in planned else "")
    formats = [FORMAT_WORDS[fmt][lang == "zh"] for fmt in sorted(profile.formats)]
    out += words["formats"].format(formats=words["and"].join(formats)) if formats else words["no_formats"]
    format_teams = set(FORMAT_TEAMS.values())
    for role in plan.roles:
        for held in role.holds:
            if book.duties[held.duty].belongs_to in format_teams:
                name = _role_name(role.name.en, role.name.zh, lang)
                out += words["held"].format(role=name, duty=held.name.en if lang == "en" else held.name.zh)
    return out + words["end"]


def _role_name(en: str, zh: str, lang: str) -> str:
    """A role's name inside an English sentence (a capital kept only where the next letter is one too: "KOC")."""
    if lang == "zh":
        return zh
    return en[:1].lower() + en[1:] if en[1:2].islower() else en


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
