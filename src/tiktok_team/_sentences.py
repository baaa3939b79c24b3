"""Reasons with their sentences: every reason an answer carries is an :class:`~tiktok_team._plan.Explained`, its
rule's citation beside what the rule does there and why, in plain words, in English and Chinese.

A sentence depends on what the rule does to what the reason is attached to: one rule adds a role, splits another off,
gives a duty, places a role in the keep-order, gives advice or draws an edge. So each reason is made where it is
attached, by one function per deed below, from the verb :mod:`tiktok_team._verbs` gives that deed and
:func:`~tiktok_team._reasons.reason_sentence`: the words :meth:`Plan.why` and :meth:`Plan.why_not` say, line for
line (without the rule's id, which ``detail`` adds to those). ``alternative`` is the part of the rule's condition
that held where it fired (the engine records it), None for a rule that did not fire.

A reason depends only on the rulebook and the deed, so each is made once per rulebook and kept in its ``cache``:
a plan's reasons cost a look-up each.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

from ._condition import derived_names, tested_facts
from ._entries import Rule
from ._explain import would_add
from ._plan import BilingualText, Explained
from ._reasons import reason_sentence
from ._rulebook import Rulebook
from ._verbs import (
    advice_verb,
    edge_verb,
    held_verb,
    left_out_verb,
    overruled_verb,
    ranked_verb,
    role_verb,
    shared_verb,
)

__all__ = [
    "advice_reason",
    "edge_reason",
    "held_reason",
    "left_out_reason",
    "overruled_reason",
    "quoted",
    "ranked_reason",
    "role_reason",
    "shared_reason",
    "would_add_reason",
]

LANGS = ("en", "zh")


def role_reason(book: Rulebook, rule_id: str, role_id: str, alternative: int | None) -> Explained:
    """A reason of a planned role: the rule adds it, sizes it or splits it off another role.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> print(role_reason(load_rulebook(), "growth-shop-operator", "shop_operator", 0).sentence.en)
    From the growth stage on, added because the business runs a shop of its own [three-stages §2, G22, stated].
    """
    rule = book.rules[rule_id]
    return _said(
        book,
        ("role", rule_id, role_id, alternative),
        rule,
        alternative,
        lambda lang: role_verb(book, rule, role_id, lang),
    )


def held_reason(book: Rulebook, rule_id: str, duty_id: str, alternative: int | None) -> Explained:
    """A reason of a duty a planned role also holds: the rule gives it the duty."""
    rule = book.rules[rule_id]
    return _said(
        book, ("held", rule_id, duty_id, alternative), rule, alternative, lambda lang: held_verb(book, duty_id, lang)
    )


def left_out_reason(book: Rulebook, rule_id: str, role_id: str, alternative: int | None) -> Explained:
    """A reason of a role left out by a rule that fired: the rule leaves it out or splits it into other roles (or,
    a split that keeps the role, moves part of its work)."""
    rule = book.rules[rule_id]
    return _said(
        book,
        ("out", rule_id, role_id, alternative),
        rule,
        alternative,
        lambda lang: left_out_verb(book, rule, role_id, lang),
    )


def would_add_reason(book: Rulebook, rule_id: str, facts: Mapping[str, Any], derived: frozenset[str]) -> Explained:
    """A reason of a role left out that no fired rule removes: a rule that would add it, its whole condition, and
    what the facts it tests are for this business (``facts``, the profile's; ``derived``, the facts derived).

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> facts = {"stage": "growth", "paid_ads": False}
    >>> print(would_add_reason(load_rulebook(), "growth-ad-buyer", facts, frozenset()).sentence.en)
    ... # doctest: +ELLIPSIS
    From the growth stage on, would be added because the business buys paid traffic [...]. Here: ...
    """
    rule = book.rules[rule_id]
    tested, named = quoted(book, rule)
    here = (tuple(facts[name] for name in tested), tuple(name in derived for name in named))
    memo = _memo(book)
    key = ("would", rule_id, here)
    found: Explained | None = memo.get(key)
    if found is None:
        sentence = BilingualText(**{lang: would_add(book, rule, facts, derived, lang) for lang in LANGS})
        found = memo.setdefault(key, _explained(rule, sentence))
    return found


def ranked_reason(book: Rulebook, rule_id: str, rank: int, alternative: int | None) -> Explained:
    """A reason of seats deferred under a budget: the rule places the role at ``rank`` in the keep-order."""
    rule = book.rules[rule_id]
    return _said(book, ("rank", rule_id, rank, alternative), rule, alternative, lambda lang: ranked_verb(rank, lang))


def overruled_reason(book: Rulebook, rule_id: str, won: bool, alternative: int | None) -> Explained:
    """A rule that fired but lost on precedence: it would have left out a role that is planned (``won``), or
    added one that is not."""
    rule = book.rules[rule_id]
    return _said(
        book, ("overruled", rule_id, won, alternative), rule, alternative, lambda lang: overruled_verb(won, lang)
    )


def advice_reason(book: Rulebook, rule_id: str, alternative: int | None) -> Explained:
    """A reason of advice given: the rule gives it.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> print(advice_reason(book, "owner-is-core", None).sentence.en)  # doctest: +ELLIPSIS
    For every business, this advice is given [three-stages §1, G12, stated].
    """
    rule = book.rules[rule_id]
    return _said(book, ("advice", rule_id, alternative), rule, alternative, advice_verb)


def shared_reason(book: Rulebook, rule_id: str, pair: tuple[str, ...], alternative: int | None) -> Explained:
    """A reason of two planned roles counted as one seat: one person holds both."""
    rule = book.rules[rule_id]
    return _said(
        book, ("shared", rule_id, pair, alternative), rule, alternative, lambda lang: shared_verb(book, pair, lang)
    )


def edge_reason(book: Rulebook, rule_id: str, edge: tuple[str, str, str], alternative: int | None) -> Explained:
    """A reason of an edge of the role graph, ``edge`` as (source, target, kind): the rule draws it.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> edge = ("live_controller", "streamer", "supports")
    >>> print(edge_reason(book, "live-roles-serve-streamer", edge, 0).sentence.en)  # doctest: +ELLIPSIS
    Live controller (场控) supports Streamer (主播)...
    """
    rule = book.rules[rule_id]
    return _said(
        book, ("edge", rule_id, edge, alternative), rule, alternative, lambda lang: edge_verb(book, edge, lang)
    )


def _said(book: Rulebook, key: Hashable, rule: Rule, alternative: int | None, verb: Callable[[str], str]) -> Explained:
    """The reason of ``key``, made once per rulebook: the rule's citation and, in each language, the sentence of
    ``verb`` (what it does) for the part of its condition that held."""
    memo = _memo(book)
    found: Explained | None = memo.get(key)
    if found is None:
        sentence = BilingualText(
            **{lang: reason_sentence(book, rule, verb(lang), lang, alternative=alternative) for lang in LANGS}
        )
        found = memo.setdefault(key, _explained(rule, sentence))
    return found


def _explained(rule: Rule, sentence: BilingualText) -> Explained:
    return Explained(
        rule=rule.id,
        source=rule.source,
        section=rule.section,
        guidance=rule.guidance,
        basis=rule.basis,
        file=rule.file,
        sentence=sentence,
    )


def _memo(book: Rulebook) -> dict[Hashable, Any]:
    memo: dict[Hashable, Any] | None = book.cache.get("sentences")
    if memo is None:
        memo = book.cache.setdefault("sentences", {})
    return memo


def quoted(book: Rulebook, rule: Rule) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The facts the rule's condition tests and the derived facts it names, each sorted (kept per rulebook): what
    :func:`would_add_reason` quotes of a business, all its sentence depends on besides the rule.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> quoted(book, book.rules["growth-ad-buyer"])
    (('paid_ads', 'stage'), ())
    """
    memo = _memo(book)
    key = ("tested", rule.id)
    found: tuple[tuple[str, ...], tuple[str, ...]] | None = memo.get(key)
    if found is None:
        named = tuple(sorted({name for name, _ in derived_names(rule.when)}))
        found = memo.setdefault(key, (tuple(sorted(tested_facts(rule.when))), named))
    return found
