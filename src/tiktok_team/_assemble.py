"""Assembly: from what the engine established (the rules that fired) to a :class:`~tiktok_team._plan.Plan`.

Effects are resolved here, after the run, so the result never depends on firing order:

* a role is **added** by ``include`` and by the ``into`` of a ``split``; it is **removed** by ``exclude`` and by
  the ``from`` of a ``split`` without ``keep``;
* **precedence** (:mod:`tiktok_team._precedence`): when fired rules both add and remove a role, the side with the
  highest ``priority`` wins; at equal priority removal wins. The losing rules are kept and shown by
  :meth:`Plan.why` / :meth:`Plan.why_not`;
* **headcount** comes from the workload where the profile gives the measure a role's ``workload`` entry names
  (ceil(measure / capacity assumption), at least 1); otherwise it is the largest ``scale`` any fired rule gives
  the role, else 1;
* **keep-order**: a role's ``rank`` is the lowest any fired rule gives it (0 is kept longest under a tight budget;
  a role no rule ranks gets 9, which ``tiktok-team rules verify`` reports);
* **staffing** (with a ``headcount_budget`` or a ``monthly_budget``): the fewest people holding every seat (the
  cheapest team under a budget in money alone), and the seats to defer, see :mod:`tiktok_team._staffing`;
* **cost** (with ``pay``): each role's seats at their pay, each department and the total, see
  :mod:`tiktok_team._cost`; a person holding several roles costs the highest seat cost among them;
* **held duties**: a ``hold`` of a fired rule shows on the holding role where it is planned and the duty's own role
  or team is not (see :mod:`tiktok_team._duties`);
* **what it says**: each role's duty lines and each advice's text are those whose condition holds for this plan
  (:mod:`tiktok_team._texts`);
* **shared seats**: two planned roles joined by a ``can_cover`` relation marked ``shared`` count as one seat;
* **reasons in words**: each reason carries its sentence, the line ``why`` or ``why_not`` says for it, made where it
  is attached (:mod:`tiktok_team._sentences`); each role, planned or left out, its department's name
  (:mod:`tiktok_team._names`);
* **order**: roles by department (the catalog's order, the owner first), then team, then keep-order, the id breaking
  ties; advice by relevance (what the stage calls for first, then what the profile's other facts call for, the
  general lines last), then id;
* **relations** are drawn only between roles that are both in the plan; ``collaborates`` and ``can_cover``
  are drawn both ways; ``reports_to`` follows the catalog: role → team → department → ``owner``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from ._budget import staff
from ._condition import tested_facts
from ._cost import price_roles
from ._duties import held_duties
from ._engine import Outcome
from ._entries import DEFAULT_RANK, OWNER, Rule
from ._errors import ProfileError
from ._graph import can_cover_pairs
from ._names import unit_names
from ._plan import (
    Advice,
    AssumptionUsed,
    BilingualText,
    ExcludedRole,
    HeldDuty,
    Plan,
    PlannedRole,
    SharedSeat,
)
from ._precedence import sides, wins
from ._profile import BusinessProfile
from ._rulebook import Rulebook
from ._sentences import (
    advice_reason,
    held_reason,
    left_out_reason,
    ranked_reason,
    role_reason,
    shared_reason,
    would_add_reason,
)
from ._staffing import workload_headcounts
from ._texts import Context

__all__ = ["assemble", "keep_ranks", "role_order"]


class _Index:
    """What every plan of a rulebook shares, built once per rulebook (kept in its ``cache``): the names of each
    role, team and department, the rules that would add each role, and each role's place among the departments and
    teams."""

    def __init__(self, book: Rulebook) -> None:
        self.names = unit_names(book)
        adders: dict[str, list[Rule]] = defaultdict(list)
        for rule in book.rules.values():
            for role_id in dict.fromkeys(rule.roles_added()):
                adders[role_id].append(rule)
        self.adders = {role_id: tuple(rules) for role_id, rules in adders.items()}
        departments = {dep: n for n, dep in enumerate(book.departments)}
        teams = {team: n for n, team in enumerate(book.teams)}
        self.place = {
            role.id: (
                -1 if role.id == OWNER else departments[str(role.department)],
                -1 if role.team is None else teams[role.team],
            )
            for role in book.roles.values()
        }

    @classmethod
    def of(cls, book: Rulebook) -> _Index:
        index: _Index | None = book.cache.get("plan-index")
        if index is None:
            index = book.cache.setdefault("plan-index", cls(book))
        return index


def keep_ranks(fired: Iterable[Rule], roles: Iterable[str]) -> tuple[dict[str, int], dict[str, list[Rule]]]:
    """Each role's place in the keep-order (the lowest ``rank`` any of the ``fired`` rules gives it, else 9), and
    the rules that rank each role.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> ranks, _ = keep_ranks([book.rules["owner-never-deferred"]], ["owner", "pr"])
    >>> ranks
    {'owner': 0, 'pr': 9}
    """
    rankers: dict[str, list[Rule]] = defaultdict(list)
    for rule in fired:
        for role_id in rule.rank:
            rankers[role_id].append(rule)
    ranks = {role_id: min((r.rank[role_id] for r in rankers[role_id]), default=DEFAULT_RANK) for role_id in roles}
    return ranks, rankers


def role_order(book: Rulebook, ranks: Mapping[str, int]) -> dict[str, tuple[Any, ...]]:
    """The sort key of each role of ``ranks``: department (the owner first, then the catalog's order), team, place
    in the keep-order, id.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> keys = role_order(load_rulebook(), {"pr": 3, "streamer": 1, "owner": 0, "live_controller": 2})
    >>> sorted(keys, key=keys.__getitem__)
    ['owner', 'streamer', 'live_controller', 'pr']
    """
    place = _Index.of(book).place
    return {role_id: (*place[role_id], rank, role_id) for role_id, rank in ranks.items()}


def assemble(book: Rulebook, profile: BusinessProfile, outcome: Outcome) -> Plan:
    """Resolve the effects of the rules that fired into a :class:`~tiktok_team._plan.Plan` (see the module's
    docstring)."""
    index = _Index.of(book)
    if profile.pay is not None:
        profile.pay.check_roles(book.roles)
    elif profile.monthly_budget is not None:
        raise ProfileError(
            "a budget in money needs pay: give the monthly pay of each role (pay.currency, pay.roles; see "
            "examples/pay.toml)",
            "monthly_budget",
        )
    fired = [book.rules[rule_id] for rule_id in outcome.fired]
    adders, removers = sides(fired)
    ranks, rankers = keep_ranks(fired, book.roles)
    order = role_order(book, ranks)

    kept: dict[str, tuple[int, list[str]]] = {}
    excluded: list[ExcludedRole] = []
    overruled: dict[str, tuple[str, ...]] = {}
    sized = workload_headcounts(book, profile)
    facts = profile.facts()
    for role_id in sorted(book.roles, key=order.__getitem__):
        add, remove = adders[role_id], removers[role_id]
        wanted = wins(add, remove)
        if add and remove:
            overruled[role_id] = tuple(r.id for r in (remove if wanted else add))
        if wanted:
            scalers = [] if role_id in sized else [r for r in fired if role_id in r.scale]
            headcount = sized[role_id] if role_id in sized else max((r.scale[role_id] for r in scalers), default=1)
            kept[role_id] = (headcount, sorted({r.id for r in [*add, *scalers]}))
        else:
            deciders = remove or index.adders.get(role_id, ())
            reasons = tuple(
                left_out_reason(book, r.id, role_id, outcome.fired[r.id].alternative)
                if r.id in outcome.fired
                else would_add_reason(book, r.id, facts, outcome.derived)
                for r in deciders
            )
            named = index.names[role_id]
            excluded.append(
                ExcludedRole(id=role_id, name=named.name, department_name=named.department_name, reasons=reasons)
            )

    here = Context(facts, outcome.derived, {role_id: count for role_id, (count, _) in kept.items()})
    holds = held_duties(book, fired, set(kept))
    planned = [
        PlannedRole(
            id=role_id,
            name=index.names[role_id].name,
            department=book.roles[role_id].department,
            team=book.roles[role_id].team,
            department_name=index.names[role_id].department_name,
            team_name=_team_name(book, role_id, index),
            headcount=headcount,
            reasons=tuple(role_reason(book, r, role_id, outcome.fired[r].alternative) for r in reasons),
            holds=_held(book, holds.get(role_id, {}), outcome),
            duties=tuple(BilingualText(en=line.en, zh=line.zh) for line in here.duties(book, role_id)),
            rank=ranks[role_id],
        )
        for role_id, (headcount, reasons) in kept.items()
    ]
    staffing = None
    if profile.headcount_budget is not None or profile.monthly_budget is not None:
        pairs = sorted((min(pair), max(pair)) for pair in can_cover_pairs(fired))
        rank = {role.id: role.rank for role in planned}
        ranked_by = {
            role_id: tuple(ranked_reason(book, r.id, rank[role_id], outcome.fired[r.id].alternative) for r in rules)
            for role_id, rules in rankers.items()
            if role_id in rank
        }
        staffing = staff(profile, planned, pairs, (order, index.names), ranked_by)
    shared = _shared(book, set(kept), outcome)
    return Plan(
        profile=profile,
        roles=tuple(planned),
        excluded=tuple(excluded),
        advice=_advice(book, fired, here, outcome),
        assumptions=_assumptions(book, profile, sized, set(kept)),
        staffing=staffing,
        rulebook=book,
        outcome=outcome,
        overruled=overruled,
        shared=shared,
        cost=None
        if profile.pay is None
        else price_roles(
            profile.pay, ((r.id, r.department, r.headcount) for r in planned), (seat.roles for seat in shared)
        ),
    )


def _advice(book: Rulebook, fired: list[Rule], here: Context, outcome: Outcome) -> tuple[Advice, ...]:
    """The advice the fired rules give whose text holds here, by relevance: given for the stage (what the stage
    alone calls for first), for the profile's other facts, or always; then by id."""
    given: dict[str, list[Rule]] = defaultdict(list)
    for rule in fired:
        for advice_id in rule.advise:
            given[advice_id].append(rule)
    shown = []
    for advice_id, rules in given.items():
        text = here.advice(book.advice[advice_id])
        if text is None:
            continue
        tested = set().union(*(tested_facts(rule.when) for rule in rules))
        relevance = (0 if "stage" in tested else 1 if tested else 2, len(tested))
        reasons = tuple(advice_reason(book, r.id, outcome.fired[r.id].alternative) for r in rules)
        shown.append((relevance, Advice(id=advice_id, text=BilingualText(en=text.en, zh=text.zh), reasons=reasons)))
    return tuple(advice for _, advice in sorted(shown, key=lambda item: (item[0], item[1].id)))


def _assumptions(
    book: Rulebook, profile: BusinessProfile, sized: Mapping[str, int], planned: set[str]
) -> tuple[AssumptionUsed, ...]:
    used: dict[str, list[str]] = defaultdict(list)
    for role_id in sized:
        if role_id in planned:
            used[book.workloads[role_id].per].append(role_id)
    return tuple(
        AssumptionUsed(
            id=name,
            value=profile.assumptions.get(name, book.assumptions[name].value),
            unit=book.assumptions[name].unit,
            overridden=name in profile.assumptions,
            roles=tuple(sorted(roles)),
        )
        for name, roles in sorted(used.items())
    )


def _shared(book: Rulebook, planned: set[str], outcome: Outcome) -> tuple[SharedSeat, ...]:
    seats: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for rule in (book.rules[rule_id] for rule_id in outcome.fired):
        for rel in rule.relate:
            if rel.shared:
                for a in rel.sources:
                    for b in rel.targets:
                        if a in planned and b in planned:
                            seats[tuple(sorted((a, b)))].append(rule.id)
    return tuple(
        SharedSeat(
            roles=roles,
            reasons=tuple(shared_reason(book, r, roles, outcome.fired[r].alternative) for r in sorted(set(rules))),
        )
        for roles, rules in sorted(seats.items())
    )


def _held(book: Rulebook, duties: Mapping[str, list[str]], outcome: Outcome) -> tuple[HeldDuty, ...]:
    return tuple(
        HeldDuty(
            duty=duty,
            name=BilingualText(en=book.duties[duty].en, zh=book.duties[duty].zh),
            reasons=tuple(held_reason(book, rule_id, duty, outcome.fired[rule_id].alternative) for rule_id in rules),
        )
        for duty, rules in duties.items()
    )


def _team_name(book: Rulebook, role_id: str, index: _Index) -> BilingualText | None:
    team = book.roles[role_id].team
    return None if team is None else index.names[team].name
