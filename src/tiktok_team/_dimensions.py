"""The dimensions of a profile, which counterfactuals and what-if tables change, and how they read in a sentence.

The dimensions are ``stage`` and ``sourcing`` (one value each), each format on its own (``formats:livestream``,
``formats:short_video``: true when the business runs it) and the five yes/no facts. Changing one dimension is one
*atomic change*. The headcount budget and the workload are not dimensions: counterfactuals keep them as they are.

Each value of each dimension has a phrase for the state ("no paid traffic", "picks from the affiliate pool") and one
for the change to it ("bought paid traffic", "were at the growth stage"), in English (``en``) and Chinese (``zh``).
The change phrases complete "if the business …" (English) and follow "若" (Chinese).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._condition import Test
from ._profile import FACTS

__all__ = [
    "DIMENSIONS",
    "apply_changes",
    "change_words",
    "dimension",
    "dimension_values",
    "join_words",
    "state_words",
    "value_in",
]

DIMENSIONS: tuple[str, ...] = tuple(
    dimension
    for name, spec in FACTS.items()
    for dimension in (
        (name,)
        if spec.kind in ("choice", "bool")
        else tuple(f"{name}:{v}" for v in spec.values)
        if spec.kind == "set"
        else ()
    )
)

# (dimension, value) -> (state en, change en, state zh, change zh)
_PHRASES: dict[tuple[str, Any], tuple[str, str, str, str]] = {
    ("stage", "startup"): ("at the startup stage", "were at the startup stage", "处于起步期", "处于起步期"),
    ("stage", "growth"): ("at the growth stage", "were at the growth stage", "处于发展期", "处于发展期"),
    ("stage", "mature"): ("at the mature stage", "were at the mature stage", "处于成熟期", "处于成熟期"),
    ("sourcing", "own_stock"): (
        "holds and ships its own stock",
        "held and shipped its own stock",
        "自有货源并自行发货",
        "改为自有货源并自行发货",
    ),
    ("sourcing", "dropship"): (
        "has a supplier ship its goods",
        "had a supplier ship its goods",
        "由供应商一件代发",
        "改为供应商一件代发",
    ),
    ("sourcing", "affiliate_pool"): (
        "picks from the affiliate pool",
        "picked from the affiliate pool",
        "从精选联盟选品",
        "改为从精选联盟选品",
    ),
    ("formats:livestream", True): ("runs livestreams", "ran livestreams", "做直播", "开始做直播"),
    ("formats:livestream", False): ("runs no livestreams", "stopped livestreams", "不做直播", "停止直播"),
    ("formats:short_video", True): ("runs short videos", "ran short videos", "做短视频", "开始做短视频"),
    ("formats:short_video", False): ("runs no short videos", "stopped short videos", "不做短视频", "停止短视频"),
    ("paid_ads", True): ("buys paid traffic", "bought paid traffic", "付费投流", "购买付费流量"),
    ("paid_ads", False): ("no paid traffic", "stopped buying paid traffic", "没有付费投流", "停止付费投流"),
    ("influencers", True): ("works with influencers", "worked with influencers", "与达人合作", "开始与达人合作"),
    ("influencers", False): ("no influencers", "stopped working with influencers", "没有达人合作", "停止达人合作"),
    ("private_domain", True): ("runs private-domain traffic", "ran private-domain traffic", "运营私域", "开始运营私域"),
    ("private_domain", False): (
        "no private-domain traffic",
        "stopped its private-domain traffic",
        "没有私域运营",
        "停止私域运营",
    ),
    ("loyalty_program", True): ("runs a loyalty programme", "ran a loyalty programme", "有会员计划", "推出会员计划"),
    ("loyalty_program", False): (
        "no loyalty programme",
        "dropped its loyalty programme",
        "没有会员计划",
        "取消会员计划",
    ),
    ("own_brand", True): ("sells its own brand", "sold its own brand", "经营自有品牌", "开始经营自有品牌"),
    ("own_brand", False): ("no brand of its own", "stopped selling its own brand", "没有自有品牌", "不再经营自有品牌"),
}

_JOINERS = {"en": (" and ", ", or "), "zh": ("并", "，或")}


def dimension_values(dimension: str) -> tuple[Any, ...]:
    """The values a dimension takes, in their declared order.

    Examples
    --------
    >>> dimension_values("stage"), dimension_values("formats:livestream")
    (('startup', 'growth', 'mature'), (False, True))
    """
    spec = FACTS[dimension.split(":", 1)[0]]
    return spec.values if spec.kind == "choice" else (False, True)


def dimension(test: Test) -> str | None:
    """The dimension a test of a condition reads, or None for a fact out of scope (the headcount budget).

    Examples
    --------
    >>> dimension(Test("formats", "contains", "livestream")), dimension(Test("headcount_budget", "at_most", 3))
    ('formats:livestream', None)
    """
    kind = FACTS[test.fact].kind
    if kind == "set":
        return f"{test.fact}:{test.value}"
    return test.fact if kind in ("choice", "bool") else None


def value_in(facts: Mapping[str, Any], dim: str) -> Any:
    """The value of dimension ``dim`` in a profile's ``facts`` (for a format: whether it is run).

    Examples
    --------
    >>> from tiktok_team import BusinessProfile
    >>> facts = BusinessProfile(stage="growth", sourcing="own_stock").facts()
    >>> value_in(facts, "stage"), value_in(facts, "formats:short_video")
    ('growth', False)
    """
    name, _, member = dim.partition(":")
    return member in facts[name] if member else facts[name]


def apply_changes(facts: Mapping[str, Any], changes: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """A profile's ``facts`` with the atomic ``changes``, ``(dimension, new value)`` pairs, made.

    Examples
    --------
    >>> from tiktok_team import BusinessProfile
    >>> facts = BusinessProfile(stage="growth", sourcing="own_stock").facts()
    >>> changed = apply_changes(facts, [("formats:livestream", False), ("paid_ads", True)])
    >>> sorted(changed["formats"]), changed["paid_ads"]
    ([], True)
    """
    changed = dict(facts)
    for dim, value in changes:
        name, _, member = dim.partition(":")
        if member:
            changed[name] = changed[name] | {member} if value else changed[name] - {member}
        else:
            changed[name] = value
    return changed


def state_words(dimension: str, value: Any, lang: str) -> str:
    """How a business in this state reads: "no paid traffic", "picks from the affiliate pool".

    Parameters
    ----------
    dimension : str
        One of :data:`DIMENSIONS`.
    value : str or bool
        A value of that dimension (for a format: whether the business runs it).
    lang : {"en", "zh"}

    Returns
    -------
    str

    Raises
    ------
    KeyError
        If ``dimension`` has no such value.

    Examples
    --------
    >>> state_words("paid_ads", False, "en"), state_words("sourcing", "affiliate_pool", "zh")
    ('no paid traffic', '从精选联盟选品')
    """
    return _PHRASES[dimension, value][0 if lang == "en" else 2]


def change_words(dimension: str, value: Any, lang: str) -> str:
    """How the change to this value reads after "if the business" (English) or "若" (Chinese).

    Parameters
    ----------
    dimension : str
        One of :data:`DIMENSIONS`.
    value : str or bool
        The new value.
    lang : {"en", "zh"}

    Returns
    -------
    str

    Raises
    ------
    KeyError
        If ``dimension`` has no such value.

    Examples
    --------
    >>> change_words("stage", "growth", "en"), change_words("formats:livestream", False, "en")
    ('were at the growth stage', 'stopped livestreams')
    >>> change_words("paid_ads", True, "zh")
    '购买付费流量'
    """
    return _PHRASES[dimension, value][1 if lang == "en" else 3]


def join_words(alternatives: list[list[str]], lang: str) -> str:
    """Alternatives, each a list of phrases that hold together, as one phrase: "a and b, or c".

    Examples
    --------
    >>> join_words([["bought paid traffic"], ["were at the growth stage", "ran short videos"]], "en")
    'bought paid traffic, or were at the growth stage and ran short videos'
    >>> join_words([["购买付费流量"], ["处于发展期", "开始做短视频"]], "zh")
    '购买付费流量，或处于发展期并开始做短视频'
    """
    both, either = _JOINERS[lang]
    return either.join(both.join(phrases) for phrases in alternatives)
