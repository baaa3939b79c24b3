"""The parts of plans (planned roles, roles left out, advice, staffings), each made once per rulebook.

A part is made from a *recipe*, what the rules decided about it (the rule behind each of its reasons with the
alternative of its condition that held, a role's held duties and place in the keep-order), and from the values it
reads of a business (a headcount, the duty lines that hold, the facts a reason quotes, the budgets). The same recipe
and values make the same part, so the plans of businesses alike share one part, made once and kept in the
rulebook's ``cache`` (at most :data:`PARTS_KEPT` of each kind): the plans of the bundled fact space show some
eighty thousand roles, roles left out and advice, made of a few hundred parts. Parts are frozen, as every part of a
plan is.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

from ._names import unit_names
from ._plan import Advice, BilingualText, ExcludedRole, Explained, HeldDuty, PlannedRole, Staffing
from ._rulebook import Rulebook
from ._sentences import advice_reason, held_reason, left_out_reason, ranked_reason, role_reason, would_add_reason

__all__ = ["PARTS_KEPT", "AdviceRecipe", "Because", "LeftOutRecipe", "Parts", "RoleRecipe", "StaffingRecipe"]

PARTS_KEPT = 4096  # parts of each kind a rulebook keeps (headcounts and budgets are numbers without end)

Because = tuple[tuple[str, int], ...]  # the rules behind a part's reasons: (rule id, alternative)
RoleRecipe = tuple[str, Because, tuple[tuple[str, Because], ...], int]  # role, reasons, held duties, rank
LeftOutRecipe = tuple[str, tuple[tuple[str, int | None], ...]]  # role, deciders (alternative None: did not fire)
AdviceRecipe = tuple[str, Because]
Ranked = tuple[tuple[str, int, Because], ...]  # each ranked role, its rank and the rules that rank it
StaffingRecipe = tuple[tuple[tuple[str, str], ...], Ranked]  # the pairs one person may hold, the ranked roles

_Part = TypeVar("_Part")


class Parts:
    """The parts of plans a rulebook has made, by recipe and values (see the module)."""

    def __init__(self) -> None:
        self.roles: dict[Hashable, PlannedRole] = {}
        self.excluded: dict[Hashable, ExcludedRole] = {}
        self.given: dict[Hashable, Advice] = {}
        self.staffings: dict[Hashable, Staffing] = {}

    @classmethod
    def of(cls, book: Rulebook) -> Parts:
        """The parts ``book`` has made."""
        found: Parts | None = book.cache.get("plan-parts")
        if found is None:
            found = book.cache.setdefault("plan-parts", cls())
        return found

    def planned(self, book: Rulebook, recipe: RoleRecipe, headcount: int, duty_lines: tuple[int, ...]) -> PlannedRole:
        """The planned role of ``recipe`` with ``headcount`` people and the duty lines at ``duty_lines``.

        Examples
        --------
        >>> from tiktok_team import load_rulebook
        >>> book, parts = load_rulebook(), Parts()
        >>> streamer = parts.planned(book, ("streamer", (("startup-live-team", 0),), (), 1), 2, (0,))
        >>> streamer.headcount, streamer.reasons[0].rule, len(streamer.duties)
        (2, 'startup-live-team', 1)
        >>> parts.planned(book, ("streamer", (("startup-live-team", 0),), (), 1), 2, (0,)) is streamer
        True
        """

        def make() -> PlannedRole:
            role_id, reasons, held, rank = recipe
            role, names = book.roles[role_id], unit_names(book)
            return PlannedRole(
                id=role_id,
                name=names[role_id].name,
                department=role.department,
                team=role.team,
                department_name=names[role_id].department_name,
                team_name=None if role.team is None else names[role.team].name,
                headcount=headcount,
                reasons=tuple(role_reason(book, rule_id, role_id, alternative) for rule_id, alternative in reasons),
                holds=tuple(
                    HeldDuty(
                        duty=duty,
                        name=BilingualText(en=book.duties[duty].en, zh=book.duties[duty].zh),
                        reasons=tuple(held_reason(book, rule_id, duty, alternative) for rule_id, alternative in rules),
                    )
                    for duty, rules in held
                ),
                duties=tuple(BilingualText(en=role.duties[n].en, zh=role.duties[n].zh) for n in duty_lines),
                rank=rank,
            )

        return _made(self.roles, (recipe, headcount, duty_lines), make)

    def left_out(
        self,
        book: Rulebook,
        recipe: tuple[LeftOutRecipe, tuple[bool, ...]],
        reads: tuple[str, ...],
        facts: Mapping[str, Any],
        derived: frozenset[str],
    ) -> ExcludedRole:
        """The role left out of ``recipe`` (with whether each derived fact its reasons quote holds), whose reasons
        quote ``facts`` (those of ``reads``: every fact a rule that would add it and did not fire tests) and the
        ``derived`` facts."""

        def make() -> ExcludedRole:
            (role_id, deciders), _ = recipe
            reasons = tuple(
                would_add_reason(book, rule_id, facts, derived)
                if alternative is None
                else left_out_reason(book, rule_id, role_id, alternative)
                for rule_id, alternative in deciders
            )
            named = unit_names(book)[role_id]
            return ExcludedRole(id=role_id, name=named.name, department_name=named.department_name, reasons=reasons)

        return _made(self.excluded, (recipe, *map(facts.__getitem__, reads)), make)

    def advice(self, book: Rulebook, recipe: AdviceRecipe, shown: int) -> Advice:
        """The advice of ``recipe`` showing its text at ``shown`` (see
        :meth:`~tiktok_team._texts.Context.advice_text`)."""

        def make() -> Advice:
            advice_id, reasons = recipe
            text = book.advice[advice_id].texts()[shown]
            return Advice(
                id=advice_id,
                text=BilingualText(en=text.en, zh=text.zh),
                reasons=tuple(advice_reason(book, rule_id, alternative) for rule_id, alternative in reasons),
            )

        return _made(self.given, (recipe, shown), make)

    def staffing(self, key: Hashable, make: Callable[[], Staffing]) -> Staffing:
        """The staffing ``make()`` gives, made once for ``key``: a :data:`StaffingRecipe`, the seats (role,
        headcount, rank) and every budget and seat cost the staffing reads."""
        return _made(self.staffings, key, make)

    @staticmethod
    def ranked_by(book: Rulebook, ranked: Ranked) -> dict[str, tuple[Explained, ...]]:
        """The reasons of each ranked role's place in the keep-order."""
        return {
            role_id: tuple(ranked_reason(book, rule_id, rank, alternative) for rule_id, alternative in rules)
            for role_id, rank, rules in ranked
        }


def _made(parts: dict[Hashable, _Part], key: Hashable, make: Callable[[], _Part]) -> _Part:
    """``parts[key]``, made by ``make()`` the first time (all forgotten once :data:`PARTS_KEPT` are kept)."""
    found = parts.get(key)
    if found is None:
        if len(parts) >= PARTS_KEPT:
            parts.clear()
        found = parts.setdefault(key, make())
    return found
