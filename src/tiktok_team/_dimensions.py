"""The dimensions of a profile, which counterfactuals and what-if tables change, and how they read in a sentence.

The dimensions are ``stage`` and ``sourcing`` (one value each), each format on its own (``formats:livestream``,
``formats:short_video``: true when the business runs it) and the five yes/no facts. Changing one dimension is one
*atomic change*. The headcount budget and the workload are not dimensions: counterfactuals keep them as they are.

Which changes a question allows is its :class:`ChangeScope`: the facts the user holds fixed (``keep``) change not at
all, and the stage moves only forward (startup → growth → mature) unless going back is asked for (``backward``).

Each value of each dimension has a phrase for the state ("no paid traffic", "picks from the affiliate pool") and one
for the change to it ("bought paid traffic", "were at the growth stage"; "went back to the startup stage" for a stage
that goes back), in English (``en``) and Chinese (``zh``). The change phrases complete "if the business …" (English)
and follow "若" (Chinese). Each fact held fixed has a phrase too ("sourcing kept as the affiliate pool"), and so has
the stage that only moves forward, for the sentences that say no allowed change would do.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ._condition import Test, value_words
from ._errors import ProfileError, suggest
from ._profile import FACTS, STAGES

__all__ = [
    "DIMENSIONS",
    "ChangeScope",
    "apply_changes",
    "change_scope",
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

# The stage a change goes back to, as it reads after "if the business" / "若".
_BACK: dict[str, tuple[str, str]] = {
    "startup": ("went back to the startup stage", "退回起步期"),
    "growth": ("went back to the growth stage", "退回发展期"),
}

# A fact held fixed, as it reads after "with" / before "的前提下": by fact, the English and Chinese, each with the
# place of the fact's value (its words, see _condition.value_words). A yes/no fact reads by its value instead.
_KEPT: dict[str, tuple[str, str]] = {
    "stage": ("the stage kept at {value}", "阶段保持在{value}"),
    "sourcing": ("sourcing kept as {value}", "货源保持为{value}"),
    "formats": ("the formats kept as {value}", "内容形式保持为{value}"),
}
_KEPT_FLAG: dict[str, str] = {
    "paid_ads": "paid traffic",
    "influencers": "influencer work",
    "private_domain": "private-domain traffic",
    "loyalty_program": "the loyalty programme",
    "own_brand": "own-brand selling",
}
_FORWARD = ("the stage moving only forward from {value}", "阶段只进不退（现为{value}）")

_JOINERS = {"en": (" and ", ", or "), "zh": ("并", "，或")}


@dataclass(frozen=True)
class ChangeScope:
    """Which changes a counterfactual question allows: none of the facts in ``keep`` (profile field names, see
    :func:`change_scope`), and a stage earlier than the profile's only when ``backward``.

    Examples
    --------
    >>> from tiktok_team import BusinessProfile
    >>> facts = BusinessProfile(stage="growth", sourcing="own_stock").facts()
    >>> scope = ChangeScope(keep=frozenset({"sourcing"}))
    >>> scope.options(facts, "stage"), scope.options(facts, "sourcing"), scope.options(facts, "paid_ads")
    (('mature',), (), (True,))
    >>> ChangeScope(backward=True).options(facts, "stage")
    ('startup', 'mature')
    """

    keep: frozenset[str] = frozenset()
    backward: bool = False

    def options(self, facts: Mapping[str, Any], dim: str) -> tuple[Any, ...]:
        """The new values dimension ``dim`` may take from a profile's ``facts``, in their declared order."""
        if dim.partition(":")[0] in self.keep:
            return ()
        here = value_in(facts, dim)
        values = dimension_values(dim)
        if dim == "stage" and not self.backward:
            values = values[values.index(here) + 1 :]
        return tuple(value for value in values if value != here)

    def limits(self, facts: Mapping[str, Any], dims: Iterable[str], lang: str) -> list[str]:
        """What this scope holds fixed among ``dims`` (the dimensions a role depends on), in words: each fact kept
        ("sourcing kept as the affiliate pool"), then a stage that may not go back; empty when nothing is held.

        Examples
        --------
        >>> from tiktok_team import BusinessProfile
        >>> facts = BusinessProfile(stage="growth", sourcing="affiliate_pool").facts()
        >>> ChangeScope(keep=frozenset({"sourcing"})).limits(facts, ["stage", "sourcing"], "en")
        ['sourcing kept as the affiliate pool', 'the stage moving only forward from growth']
        >>> ChangeScope(keep=frozenset({"paid_ads"})).limits(facts, ["paid_ads"], "zh")
        ['保持没有付费投流']
        """
        held = self.limited(facts, dims)
        names = {dim.partition(":")[0] for dim in held if dim in DIMENSIONS}
        said = [_kept_words(name, facts[name], lang) for name in FACTS if name in names and name in self.keep]
        if "stage" in held and "stage" not in self.keep:
            said.append(_FORWARD[lang == "zh"].format(value=value_words(facts["stage"], lang)))
        return said

    def limited(self, facts: Mapping[str, Any], dims: Iterable[str]) -> list[str]:
        """The dimensions of ``dims`` this scope holds back at ``facts``: those of a fact kept, and the stage when
        an earlier one exists and may not be gone back to.

        Examples
        --------
        >>> from tiktok_team import BusinessProfile
        >>> facts = BusinessProfile(stage="startup", sourcing="own_stock").facts()
        >>> ChangeScope(keep=frozenset({"formats"})).limited(facts, ["stage", "formats:livestream", "paid_ads"])
        ['formats:livestream']
        """
        return [
            dim
            for dim in dims
            if dim.partition(":")[0] in self.keep
            or (dim == "stage" and not self.backward and facts["stage"] != STAGES[0])
        ]

    def as_dict(self) -> dict[str, Any]:
        """The scope as an output shows it: ``keep`` (the facts held fixed, in the profile's order) and
        ``backward``."""
        return {"keep": [name for name in FACTS if name in self.keep], "backward": self.backward}


def change_scope(keep: str | Collection[str] = (), backward: bool = False, where: str = "keep") -> ChangeScope:
    """The :class:`ChangeScope` of a question, its fact names checked: ``keep`` is one name or several, each a field of
    the profile that rules test (stage, sourcing, formats, paid_ads, influencers, private_domain, loyalty_program,
    own_brand; headcount_budget too, which no counterfactual changes anyway).

    Raises
    ------
    ProfileError
        If a name is not such a fact; ``where`` (the option or field that held it) starts the message, with a "did
        you mean".

    Examples
    --------
    >>> change_scope(["sourcing", "formats"]).keep == {"sourcing", "formats"}
    True
    >>> change_scope("sourcign")
    Traceback (most recent call last):
    ...
    tiktok_team.ProfileError: keep: unknown fact 'sourcign' (did you mean 'sourcing'?); the facts are ...
    """
    names = [keep] if isinstance(keep, str) else list(keep)
    for name in names:
        if not isinstance(name, str) or name not in FACTS:
            shown = f"'{name}'" if isinstance(name, str) else repr(name)
            hint = suggest(name, FACTS) if isinstance(name, str) else ""
            raise ProfileError(f"unknown fact {shown}{hint}; the facts are {', '.join(FACTS)}", where)
    return ChangeScope(frozenset(names), bool(backward))


def _kept_words(name: str, value: Any, lang: str) -> str:
    """A fact held at ``value``, in words ("sourcing kept as the affiliate pool", "paid traffic kept off")."""
    if name in _KEPT_FLAG:
        if lang == "zh":
            return "保持" + state_words(name, value, "zh")
        return f"{_KEPT_FLAG[name]} kept {'on' if value else 'off'}"
    return _KEPT[name][lang == "zh"].format(value=value_words(value, lang))


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


def change_words(dimension: str, value: Any, lang: str, back: bool = False) -> str:
    """How the change to this value reads after "if the business" (English) or "若" (Chinese).

    Parameters
    ----------
    dimension : str
        One of :data:`DIMENSIONS`.
    value : str or bool
        The new value.
    lang : {"en", "zh"}
    back : bool
        The change takes the stage back to an earlier one: it says so ("went back to the startup stage").

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
    >>> change_words("paid_ads", True, "zh"), change_words("stage", "startup", "en", back=True)
    ('购买付费流量', 'went back to the startup stage')
    """
    if back:
        return _BACK[value][lang == "zh"]
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
