"""Precedence: which roles the rules that fired leave in a plan, when some add a role and others remove it.

A role is **added** by ``include`` and by the ``into`` of a ``split``, and **removed** by ``exclude`` and by the
``from`` of a ``split`` without ``keep``. When fired rules both add and remove a role, the side with the highest
``priority`` wins; at equal priority removal wins. :func:`tiktok_team._assemble.assemble` builds plans with this, and
the counterfactual search (:mod:`tiktok_team._counterfactual`) asks it about many outcomes without building plans.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ._engine import Outcome
from ._entries import Rule
from ._rulebook import Rulebook

__all__ = ["is_planned", "planned_roles", "role_sides", "sides", "wins"]


def sides(fired: Iterable[Rule]) -> tuple[defaultdict[str, list[Rule]], defaultdict[str, list[Rule]]]:
    """The rules of ``fired`` that add each role, and those that remove it, by role id.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> adders, removers = sides([book.rules["growth-service-splits"]])
    >>> sorted(adders), sorted(removers)
    (['aftersales_cs', 'presales_cs'], ['customer_service'])
    """
    adders: defaultdict[str, list[Rule]] = defaultdict(list)
    removers: defaultdict[str, list[Rule]] = defaultdict(list)
    for rule in fired:
        for role_id in rule.roles_added():
            adders[role_id].append(rule)
        for role_id in rule.roles_removed():
            removers[role_id].append(rule)
    return adders, removers


def wins(add: Iterable[Rule], remove: Iterable[Rule]) -> bool:
    """Whether a role that the fired rules ``add`` add and those in ``remove`` remove is in the plan: some rule adds
    it, and every rule that removes it has a lower priority than the highest of those that add it.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> rule = load_rulebook().rules["startup-live-team"]
    >>> wins([rule], []), wins([rule], [rule]), wins([], [])
    (True, False, False)
    """
    adding = [rule.priority for rule in add]
    removing = [rule.priority for rule in remove]
    return bool(adding) and (not removing or max(adding) > max(removing))


def planned_roles(book: Rulebook, outcome: Outcome) -> frozenset[str]:
    """The ids of the roles in the plan when the rules of ``outcome`` fired (what :func:`tiktok_team._assemble.assemble`
    decides, without building the plan).

    Examples
    --------
    >>> from tiktok_team import BusinessProfile, load_rulebook
    >>> from tiktok_team._engine import run
    >>> book = load_rulebook()
    >>> sorted(planned_roles(book, run(book, BusinessProfile(stage="startup", sourcing="affiliate_pool").facts())))
    ['assistant_streamer', 'live_controller', 'owner', 'product_selector', 'streamer']
    """
    adders, removers = sides(book.rules[rule_id] for rule_id in outcome.fired)
    return frozenset(role_id for role_id, add in adders.items() if wins(add, removers[role_id]))


def is_planned(book: Rulebook, outcome: Outcome, role_id: str) -> bool:
    """Whether ``role_id`` is in the plan when the rules of ``outcome`` fired: :func:`planned_roles` for one role,
    looking only at the rules that add or remove it.

    Examples
    --------
    >>> from tiktok_team import BusinessProfile, load_rulebook
    >>> from tiktok_team._engine import run
    >>> book = load_rulebook()
    >>> outcome = run(book, BusinessProfile(stage="startup", sourcing="affiliate_pool").facts())
    >>> is_planned(book, outcome, "product_selector"), is_planned(book, outcome, "shop_operator")
    (True, False)
    """
    add, remove = role_sides(book, role_id)
    fired = outcome.fired
    return wins([rule for rule in add if rule.id in fired], [rule for rule in remove if rule.id in fired])


def role_sides(book: Rulebook, role_id: str) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """The rules of ``book`` that add ``role_id``, and those that remove it, each once, in the rulebook's order
    (kept in the rulebook's cache).

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> add, remove = role_sides(load_rulebook(), "customer_service")
    >>> "startup-shop-side" in [rule.id for rule in add], "growth-service-splits" in [rule.id for rule in remove]
    (True, True)
    """
    touching: dict[str, tuple[tuple[Rule, ...], tuple[Rule, ...]]] | None = book.cache.get("role-sides")
    if touching is None:
        adders, removers = sides(book.rules.values())
        touching = book.cache.setdefault(
            "role-sides",
            {r: (_once(adders[r]), _once(removers[r])) for r in book.roles},
        )
    return touching[role_id]


def _once(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """``rules`` without repeats (a rule that adds a role twice), in their order."""
    return tuple({rule.id: rule for rule in rules}.values())
