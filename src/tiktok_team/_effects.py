"""What a rule does, as effects one rule's can be compared with another's: the unit of "same effect" in the
verification of a rulebook (:mod:`tiktok_team._analysis`).

An :class:`Effect` is one thing a fired rule does to a plan. Another rule **provides** it when, firing too, it makes
the plan come out the same whether or not the first rule fires:

* ``add`` a role (``include``, or the ``into`` of a ``split``) and ``remove`` one (``exclude``, or the ``from`` of a
  ``split`` without ``keep``): the other rule adds (removes) the role at the same or a higher ``priority``, so the
  precedence of :mod:`tiktok_team._precedence` weighs the same;
* ``split``: the other rule has the same split (the same ``from``, ``into`` and ``keep``) at the same or a higher
  priority, since a split says more than its adds and removes (a roadmap shows it, the stage-growth check reads it);
* ``scale``: the other rule scales the role to as many people or more (the largest scale wins);
* ``rank``: the other rule ranks the role as low or lower (the lowest rank wins);
* ``derive``, ``advise``, ``hold`` and ``relate`` (one effect per edge; ``collaborates`` and ``can_cover`` are the
  same edge both ways): the other rule has the very same effect.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ._entries import SYMMETRIC_KINDS, Rule

__all__ = ["Effect", "effects", "provided", "unprovided"]


@dataclass(frozen=True, order=True)
class Effect:
    """One thing a rule does when it fires: its ``kind`` (``add``, ``remove``, ``split``, ``derive``, ``advise``,
    ``hold``, ``relate``, ``scale`` or ``rank``), what it is about (``subject``: a role; a fact or advice id;
    ``(duty, role)`` for a hold; ``(kind, from, to)`` for an edge; ``(from, "keep" or "move", *into)`` for a split) and
    its ``amount`` (the rule's priority for add, remove and split; the people of a scale; the rank of a rank)."""

    kind: str
    subject: tuple[str, ...]
    amount: int = 0

    def words(self) -> str:
        """The effect in a few words.

        Examples
        --------
        >>> Effect("relate", ("feeds", "live_controller", "streamer")).words()
        'draws feeds from live_controller to streamer'
        >>> Effect("split", ("customer_service", "move", "aftersales_cs", "presales_cs")).words()
        'splits customer_service into aftersales_cs, presales_cs'
        """
        subject = self.subject
        if self.kind == "relate":
            return f"draws {subject[0]} from {subject[1]} to {subject[2]}"
        if self.kind == "split":
            kept = " (which stays)" if subject[1] == "keep" else ""
            return f"splits {subject[0]}{kept} into {', '.join(subject[2:])}"
        if self.kind == "hold":
            return f"gives duty {subject[0]} to {subject[1]}"
        if self.kind in ("scale", "rank"):
            return f"{self.kind}s {subject[0]} to {self.amount}"
        verb = {"add": "adds", "remove": "removes", "derive": "derives", "advise": "gives advice"}[self.kind]
        at = f" at priority {self.amount}" if self.kind in ("add", "remove") and self.amount else ""
        return f"{verb} {subject[0]}{at}"


def effects(rule: Rule) -> frozenset[Effect]:
    """Every effect of ``rule``.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> sorted(effect.words() for effect in effects(load_rulebook().rules["growth-service-splits"]))
    ['adds aftersales_cs', 'adds presales_cs', 'removes customer_service',
     'splits customer_service into aftersales_cs, presales_cs']
    """
    priority = rule.priority
    found = {Effect("add", (role,), priority) for role in rule.roles_added()}
    found |= {Effect("remove", (role,), priority) for role in rule.roles_removed()}
    if rule.split:
        split = rule.split
        how = "keep" if split.keep else "move"
        found.add(Effect("split", (split.source_role, how, *sorted(set(split.into))), priority))
    found |= {Effect("derive", (name,)) for name in rule.derive}
    found |= {Effect("advise", (advice,)) for advice in rule.advise}
    found |= {Effect("hold", (held.duty, held.role)) for held in rule.hold}
    for rel in rule.relate:
        for a in rel.sources:
            for b in rel.targets:
                ends = sorted((a, b)) if rel.kind in SYMMETRIC_KINDS else [a, b]
                found.add(Effect("relate", (rel.kind, *ends)))
    found |= {Effect("scale", (role,), count) for role, count in rule.scale.items()}
    found |= {Effect("rank", (role,), rank) for role, rank in rule.rank.items()}
    return frozenset(found)


def provided(effect: Effect, by: Iterable[Effect]) -> bool:
    """Whether one of the effects ``by`` (another rule's) provides ``effect`` (see the module's docstring).

    Examples
    --------
    >>> provided(Effect("scale", ("streamer",), 2), [Effect("scale", ("streamer",), 3)])
    True
    >>> provided(Effect("add", ("pr",), 5), [Effect("add", ("pr",), 0)])
    False
    """
    for other in by:
        if other.kind != effect.kind or other.subject != effect.subject:
            continue
        if effect.kind == "rank":
            if other.amount <= effect.amount:
                return True
        elif other.amount >= effect.amount:
            return True
    return False


def unprovided(effects_of: Iterable[Effect], by: Iterable[Effect]) -> list[Effect]:
    """The effects of ``effects_of`` that none of ``by`` provides, sorted (empty: ``by`` does all they do)."""
    others = list(by)
    return sorted(effect for effect in effects_of if not provided(effect, others))
