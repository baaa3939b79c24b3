"""What a rule does to what a reason is attached to, as the verb of the reason's sentence, in English or Chinese.

The same rule adds one role, sizes another, splits a third off, takes a role out, gives a duty, places a role in the
keep-order, gives advice or draws an edge; :func:`~tiktok_team._reasons.reason_sentence` puts the verb of that deed
between the stage and the facts that made the rule fire. :mod:`tiktok_team._explain` (``why``, ``why_not``) and
:mod:`tiktok_team._sentences` (the reasons of the answers) take their verbs from here, so they say the same.
"""

from __future__ import annotations

from ._entries import Rule
from ._reasons import role_name
from ._rulebook import Rulebook

__all__ = [
    "advice_verb",
    "edge_verb",
    "held_verb",
    "left_out_verb",
    "overruled_verb",
    "ranked_verb",
    "role_verb",
    "shared_verb",
]

_VERBS = {
    "en": {
        "adds": "added",
        "removes": "left out",
        "scales": "sized at {n} people",
        "splits": "split into {others}",
        "splits_kept": "part of its work split off into {others}",
        "splits_off": "split off from {other}",
        "lost_remove": "would be left out, but precedence overrules it",
        "lost_add": "would be added, but precedence overrules it",
        "holds": "also given {duty}",
        "held_because": " (there is no {owner} in this plan)",
        "ranked": "placed {rank} in the keep-order (0 is kept longest)",
        "advice": "this advice is given",
        "shared": "{a} and {b} are held by one person, counted once",
        "supports": "{a} supports {b}",
        "feeds": "{a} passes work or data to {b}",
        "collaborates": "{a} works with {b}",
        "can_cover": "one person can hold both {a} and {b}",
    },
    "zh": {
        "adds": "加入该岗位",
        "removes": "不设该岗位",
        "scales": "人数定为{n}人",
        "splits": "将其拆分为{others}",
        "splits_kept": "将其部分工作拆分给{others}",
        "splits_off": "将其从{other}中拆分出来",
        "lost_remove": "本应不设该岗位，但按优先级被否决",
        "lost_add": "本应加入该岗位，但按优先级被否决",
        "holds": "让其兼管{duty}",
        "held_because": "（本方案没有{owner}）",
        "ranked": "在保留顺序中排第{rank}位（0最后暂缓）",
        "advice": "给出这条建议",
        "shared": "{a}与{b}由一人兼任，只计一人",
        "supports": "{a}协助{b}",
        "feeds": "{a}向{b}传递工作或数据",
        "collaborates": "{a}与{b}协作",
        "can_cover": "{a}与{b}可由一人兼任",
    },
}


def role_verb(book: Rulebook, rule: Rule, role_id: str, lang: str) -> str:
    """What ``rule`` does to ``role_id``, in the plan: sizes it, splits it off another role, or adds it.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> role_verb(book, book.rules["growth-service-splits"], "presales_cs", "en")
    'split off from Customer service (客服)'
    """
    verbs = _VERBS[lang]
    if role_id in rule.scale:
        return verbs["scales"].format(n=rule.scale[role_id])
    if rule.split and role_id in rule.split.into:
        return verbs["splits_off"].format(other=role_name(book, rule.split.source_role, lang))
    return verbs["adds"]


def left_out_verb(book: Rulebook, rule: Rule, role_id: str, lang: str) -> str:
    """What ``rule`` does to ``role_id``, which it takes out of the plan (or, kept, whose work it splits): leaves it
    out, or splits it into other roles.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> left_out_verb(book, book.rules["growth-service-splits"], "customer_service", "zh")
    '将其拆分为售前客服（Pre-sale service）, 售后客服（After-sale service）'
    """
    verbs = _VERBS[lang]
    split = rule.split if rule.split and rule.split.source_role == role_id else None
    if split is None:
        return verbs["removes"]
    into = ", ".join(role_name(book, r, lang) for r in split.into)
    return verbs["splits_kept" if split.keep else "splits"].format(others=into)


def held_verb(book: Rulebook, duty_id: str, lang: str) -> str:
    """What a rule's ``hold`` does: gives the duty to the role, where its own role or team is not in the plan."""
    verbs = _VERBS[lang]
    duty = book.duties[duty_id]
    verb = verbs["holds"].format(duty=duty.en if lang == "en" else duty.zh)
    if duty.belongs_to:
        unit = book.roles.get(duty.belongs_to) or book.teams[duty.belongs_to]
        verb += verbs["held_because"].format(owner=unit.en if lang == "en" else unit.zh)
    return verb


def ranked_verb(rank: int, lang: str) -> str:
    """What a rule's ``rank`` does: places the role in the keep-order."""
    return _VERBS[lang]["ranked"].format(rank=rank)


def overruled_verb(won: bool, lang: str) -> str:
    """What a rule that lost on precedence would have done: left out a role that ``won``, or added one that lost."""
    return _VERBS[lang]["lost_remove" if won else "lost_add"]


def advice_verb(lang: str) -> str:
    """What a rule's ``advise`` does: gives the advice."""
    return _VERBS[lang]["advice"]


def shared_verb(book: Rulebook, pair: tuple[str, ...], lang: str) -> str:
    """What a ``can_cover`` relation marked ``shared`` does to two planned roles: counts them as one person."""
    a, b = (role_name(book, role_id, lang) for role_id in pair)
    return _VERBS[lang]["shared"].format(a=a, b=b)


def edge_verb(book: Rulebook, edge: tuple[str, str, str], lang: str) -> str:
    """What a relation does: draws ``edge`` (source, target, kind) between two planned roles.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> edge_verb(load_rulebook(), ("live_controller", "streamer", "feeds"), "en")
    'Live controller (场控) passes work or data to Streamer (主播)'
    """
    source, target, kind = edge
    return _VERBS[lang][kind].format(a=role_name(book, source, lang), b=role_name(book, target, lang))
