"""Reasons in words a seller reads: a rule's condition and its citation as one sentence, plain words first.

:func:`reason_sentence` says what a rule does to a role and why, in English or Chinese: "From the growth stage on,
added because the business runs a shop of its own [three-stages §2, G22, stated]." The stage comes first, as the
stage of the business ("At the startup stage") or, for a rule that carries earlier guidance forward, as "From the
growth stage on"; the other facts follow as what the business does; the citation comes last, and the rule's id only
with ``detail``. :func:`role_name` gives a role's two names without doubled brackets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._condition import Derived, Literal_, Planned, Test, dnf, words
from ._entries import Rule
from ._profile import STAGES
from ._rulebook import Rulebook

__all__ = ["name_pair", "reason_sentence", "role_name", "stage_words"]

# How each value of a fact reads as what the business does (positive, negative), en and zh.
_CLAUSES: dict[tuple[str, Any], tuple[str, str, str, str]] = {
    ("sourcing", "own_stock"): (
        "holds and ships its own stock",
        "does not hold its own stock",
        "自有货源并自行发货",
        "不是自有货源",
    ),
    ("sourcing", "dropship"): (
        "has a supplier ship its goods",
        "does not dropship",
        "由供应商一件代发",
        "不是一件代发",
    ),
    ("sourcing", "affiliate_pool"): (
        "picks its products from the affiliate pool",
        "does not pick from the affiliate pool",
        "从精选联盟选品",
        "不从精选联盟选品",
    ),
    ("formats", "livestream"): ("runs livestreams", "runs no livestreams", "做直播", "不做直播"),
    ("formats", "short_video"): ("runs short videos", "runs no short videos", "做短视频", "不做短视频"),
    ("paid_ads", True): ("buys paid traffic", "buys no paid traffic", "付费投流", "没有付费投流"),
    ("influencers", True): ("works with influencers", "works with no influencers", "与达人合作", "没有达人合作"),
    ("private_domain", True): (
        "runs private-domain traffic",
        "runs no private-domain traffic",
        "运营私域",
        "没有私域运营",
    ),
    ("loyalty_program", True): ("runs a loyalty programme", "runs no loyalty programme", "有会员计划", "没有会员计划"),
    ("own_brand", True): ("sells its own brand", "sells no brand of its own", "经营自有品牌", "没有自有品牌"),
}

_STAGE_NAMES = {"startup": ("startup", "起步期"), "growth": ("growth", "发展期"), "mature": ("mature", "成熟期")}

_T = {
    "en": {
        "because": " because the business {clauses}",
        "and": " and ",
        "last_and": " and ",
        "list": ", ",
        "or": "; or, ",
        "cite": " [{rule}{source} {section}, {guidance}, {basis}]",
        "rule": "rule {rule}: ",
        "stated": "stated",
        "inferred": "inferred",
        "basis_because": "{basis}: {because}",
        "end": ".",
        "at": "At the {stage} stage",
        "from": "From the {stage} stage on",
        "among": "At the {stages} stage",
        "stage_or": " or ",
        "budget": "has a headcount budget {op} {n}",
        "always": "For every business, {verb}",
        "at_least": "of at least",
        "at_most": "of at most",
    },
    "zh": {
        "because": "，因为{clauses}",
        "and": "、",
        "last_and": "、",
        "list": "、",
        "or": "；或者",
        "cite": "【{rule}{source} {section}，{guidance}，{basis}】",
        "rule": "规则 {rule}：",
        "stated": "原文明示",
        "inferred": "推断",
        "basis_because": "{basis}：{because}",
        "basis_english": "{basis}（仅有英文说明）：{because}",
        "end": "。",
        "at": "{stage}",
        "from": "自{stage}起",
        "among": "{stages}",
        "stage_or": "或",
        "budget": "人员预算{op}{n}人",
        "always": "对所有业务，{verb}",
        "at_least": "至少",
        "at_most": "至多",
    },
}


def name_pair(first: str, second: str) -> str:
    """Two names of one thing, the second in brackets, or after a slash where it has brackets of its own.

    Examples
    --------
    >>> name_pair("Streamer", "主播"), name_pair("Assistant streamer", "副播（二播）")
    ('Streamer (主播)', 'Assistant streamer / 副播（二播）')
    >>> name_pair("副播（二播）", "Assistant streamer")
    '副播（二播） / Assistant streamer'
    """
    if any(mark in first + second for mark in "()（）"):
        return f"{first} / {second}"
    return f"{first} ({second})" if first.isascii() else f"{first}（{second}）"


def role_name(book: Rulebook, role_id: str, lang: str) -> str:
    """A role's name in ``lang`` with its name in the other language after it.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> role_name(load_rulebook(), "streamer", "zh")
    '主播（Streamer）'
    """
    role = book.roles[role_id]
    return name_pair(role.en, role.zh) if lang == "en" else name_pair(role.zh, role.en)


def stage_words(stages: Iterable[str], lang: str) -> str:
    """A set of stages as the time a sentence speaks of: "At the startup stage", "From the growth stage on".

    Examples
    --------
    >>> stage_words({"growth", "mature"}, "en"), stage_words({"mature"}, "zh"), stage_words({"growth", "mature"}, "zh")
    ('From the growth stage on', '成熟期', '自发展期起')
    """
    t = _T[lang]
    chosen = [stage for stage in STAGES if stage in set(stages)]
    name = 0 if lang == "en" else 1
    if len(chosen) == 1:
        return t["at"].format(stage=_STAGE_NAMES[chosen[0]][name])
    if len(chosen) > 1 and chosen == list(STAGES[STAGES.index(chosen[0]) :]):
        return t["from"].format(stage=_STAGE_NAMES[chosen[0]][name])
    return t["among"].format(stages=t["stage_or"].join(_STAGE_NAMES[stage][name] for stage in chosen))


def _clause(lit: Literal_, lang: str, derived: Mapping[str, str]) -> str:
    """One literal of a condition as what the business does (its stage is said apart, see :func:`stage_words`)."""
    atom = lit.atom
    column = (0 if lit.positive else 1) + (0 if lang == "en" else 2)
    if isinstance(atom, Derived):
        said = derived.get(atom.name, atom.name).removeprefix("it ")
        if lit.positive:
            return said
        return f"does not: {said}" if lang == "en" else f"并非{said}"
    if isinstance(atom, Planned):
        said = words(atom, lang, {})
        return said if lit.positive else (f"not: {said}" if lang == "en" else f"并非{said}")
    if atom.op in ("at_least", "at_most"):
        said = _T[lang]["budget"].format(op=_T[lang][atom.op], n=atom.value)
        return said if lit.positive else (f"not: {said}" if lang == "en" else f"并非{said}")
    values = sorted(atom.value) if atom.op == "in" else [atom.value]
    if isinstance(atom.value, bool):
        column = (0 if lit.positive == atom.value else 1) + (0 if lang == "en" else 2)
        return _CLAUSES[atom.fact, True][column]
    joiner = " or " if lang == "en" else "或"
    return joiner.join(_CLAUSES[atom.fact, value][column] for value in values)


def _conjunct(conjunct: Iterable[Literal_], lang: str, derived: Mapping[str, str]) -> tuple[str | None, str]:
    """A conjunction as (its stage, or None; what the business does)."""
    t = _T[lang]
    stages = set(STAGES)
    clauses: list[str] = []
    for lit in conjunct:
        if isinstance(lit.atom, Test) and lit.atom.fact == "stage":
            allowed = set(lit.atom.value) if lit.atom.op == "in" else {lit.atom.value}
            stages &= allowed if lit.positive else set(STAGES) - allowed
        else:
            clauses.append(_clause(lit, lang, derived))
    said = t["list"].join(clauses[:-1]) + t["last_and"] + clauses[-1] if len(clauses) > 1 else "".join(clauses)
    return (None if stages == set(STAGES) else stage_words(stages, lang)), said


def reason_sentence(
    book: Rulebook,
    rule: Rule,
    verb: str,
    lang: str,
    *,
    alternative: int | None = None,
    detail: bool = False,
    because: bool = True,
) -> str:
    """What ``rule`` does (``verb``, e.g. "added") and why, with its citation, as one sentence in ``lang``.

    ``alternative`` picks the part of the rule's condition that held (an index into its normal form, as the engine
    records it); without it the whole condition is said, its parts joined by "or". ``detail`` adds the rule's id;
    ``because`` (the default) adds, to the citation of an inferred rule, what it is inferred from. Each sentence is
    made once per rulebook (kept in its cache).

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> print(reason_sentence(book, book.rules["growth-shop-operator"], "added", "en"))
    From the growth stage on, added because the business runs a shop of its own [three-stages §2, G22, stated].
    >>> print(reason_sentence(book, book.rules["startup-shop-side"], "加入该岗位", "zh", detail=True))
    起步期，加入该岗位，因为有自己的店铺【规则 startup-shop-side：three-stages §1，G16，原文明示】。
    >>> print(reason_sentence(book, book.rules["owner-is-core"], "added", "en"))
    For every business, added [three-stages §1, G12, stated].
    """
    if book.rules.get(rule.id) is not rule:  # a rule of another rulebook: said, not remembered
        return _reason_sentence(book, rule, verb, lang, alternative=alternative, detail=detail, because=because)
    memo: dict[tuple[str, str, str, int | None, bool, bool], str] = book.cache.setdefault("reason-sentences", {})
    key = (rule.id, verb, lang, alternative, detail, because)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _reason_sentence(
            book, rule, verb, lang, alternative=alternative, detail=detail, because=because
        )
    return found


def _reason_sentence(
    book: Rulebook, rule: Rule, verb: str, lang: str, *, alternative: int | None, detail: bool, because: bool
) -> str:
    """The sentence of :func:`reason_sentence`, made anew."""
    t = _T[lang]
    derived = {name: (fact.en if lang == "en" else fact.zh) for name, fact in book.derived.items()}
    parts = dnf(rule.when)
    chosen = [parts[alternative]] if alternative is not None and alternative < len(parts) else list(parts)
    said = []
    for conjunct in chosen:
        stage, clauses = _conjunct(conjunct, lang, derived)
        why = t["because"].format(clauses=clauses) if clauses else ""
        if not stage and not why:  # a rule that holds for every business
            said.append(t["always"].format(verb=verb))
        elif lang == "en":
            said.append(f"{stage}, {verb}{why}" if stage else f"{verb[:1].upper()}{verb[1:]}{why}")
        else:
            said.append(f"{stage}，{verb}{why}" if stage else f"{verb}{why}")
    basis = t[rule.basis]
    because_text = (rule.because if lang == "en" else (rule.because_zh or rule.because)) if because else None
    if because_text:
        english_only = lang == "zh" and not rule.because_zh  # an overlay may give its reason in English only
        template = t["basis_english" if english_only else "basis_because"]
        basis = template.format(basis=basis, because=because_text.rstrip(".。"))
    named = t["rule"].format(rule=rule.id) if detail else ""
    cite = t["cite"].format(rule=named, source=rule.source, section=rule.section, guidance=rule.guidance, basis=basis)
    return t["or"].join(said) + cite + t["end"]
