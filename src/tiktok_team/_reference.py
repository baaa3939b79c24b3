"""A direct evaluation of a rulebook in plain Python, without experta.

It gives the same :class:`~tiktok_team._engine.Outcome` as the engine by a different route: rules are visited in
salience tiers and each tier is repeated until nothing new is derived. The test suite holds the experta engine to it
over the whole fact space, and the benchmarks use it as the floor the engine's speed is compared with.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import groupby
from typing import Any

from ._condition import dnf, holds
from ._engine import Firing, Outcome
from ._rulebook import Rulebook

__all__ = ["evaluate"]


def evaluate(book: Rulebook, facts: Mapping[str, Any]) -> Outcome:
    """Which rules of ``book`` fire for ``facts``, and which facts they derive.

    Examples
    --------
    >>> from tiktok_team import BusinessProfile, load_rulebook
    >>> from tiktok_team._engine import run
    >>> book = load_rulebook()
    >>> facts = BusinessProfile(stage="growth", sourcing="dropship").facts()
    >>> evaluate(book, facts) == run(book, facts)
    True
    """
    derived: set[str] = set()
    fired: dict[str, Firing] = {}
    by_tier = sorted(book.rules.values(), key=lambda rule: -book.salience[rule.id])
    for _, tier in groupby(by_tier, key=lambda rule: book.salience[rule.id]):
        rules = list(tier)
        changed = True
        while changed:
            changed = False
            for rule in rules:
                if rule.id in fired or not holds(rule.when, facts, derived):
                    continue
                alternative = next(
                    index
                    for index, conjunct in enumerate(dnf(rule.when))
                    if all(holds(lit.atom, facts, derived) == lit.positive for lit in conjunct)
                )
                fired[rule.id] = Firing(rule.id, alternative)
                changed = changed or not derived.issuperset(rule.derive)
                derived.update(rule.derive)
    return Outcome(dict(sorted(fired.items())), frozenset(derived))
