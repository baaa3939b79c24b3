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
  are drawn both ways; ``reports_to`` follows the catalog: role → team → department → ``owner``;
* **once**: what the rules that fired decide is worked out once for each set of fired rules and kept with the
  rulebook's engine runs, and each part of a plan (a role, a role left out, an advice, a staffing) is made once per
  rulebook from what it is made from (:mod:`tiktok_team._parts`): businesses alike share them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from ._budget import staff
from ._cost import price_roles
from ._duties import held_duties
from ._engine import Outcome, remembered_by
from ._entries import DEFAULT_RANK, OWNER, Rule
from ._errors import ProfileError
from ._graph import can_cover_pairs
from ._names import unit_names
from ._parts import AdviceRecipe, Because, LeftOutRecipe, Parts, RoleRecipe, StaffingRecipe
from ._plan import AssumptionUsed, Plan, SharedSeat
from ._precedence import sides, wins
from ._profile import BusinessProfile
from ._rulebook import Rulebook
from ._sentences import quoted, shared_reason
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
    if profile.pay is not None:
        profile.pay.check_roles(book.roles)
    elif profile.monthly_budget is not None:
        raise ProfileError(
            "a budget in money needs pay: give the monthly pay of each role (pay.currency, pay.roles; see "
            "examples/pay.toml)",
            "monthly_budget",
        )
    index, parts, decision = _Index.of(book), Parts.of(book), _Decision.of(book, outcome)
    sized = workload_headcounts(book, profile)
    facts = profile.facts()
    kept = {role_id: sized.get(role_id, scaled) for role_id, (scaled, _, _) in decision.wanted.items()}
    here = Context(facts, outcome.derived, kept)
    planned = [
        parts.planned(book, by_workload if role_id in sized else by_rules, count, here.duty_lines(book, role_id))
        for (role_id, (_, by_workload, by_rules)), count in zip(decision.wanted.items(), kept.values(), strict=True)
    ]
    staffing = None
    if profile.headcount_budget is not None or profile.monthly_budget is not None:
        pay = profile.pay
        priced = None if pay is None else tuple(pay.seat(role_id) for role_id in kept)
        budgets = (profile.headcount_budget, profile.monthly_budget, facts["headcount_budget"], priced)
        pairs, ranked = decision.staffing
        staffing = parts.staffing(
            (decision.staffing, tuple((role.id, role.headcount, role.rank) for role in planned), budgets),
            lambda: staff(profile, planned, pairs, (decision.order, index.names), parts.ranked_by(book, ranked)),
        )
    return Plan(
        profile=profile,
        roles=tuple(planned),
        excluded=tuple(
            parts.left_out(book, recipe, reads, facts, outcome.derived) for recipe, reads in decision.left_out
        ),
        advice=tuple(
            parts.advice(book, recipe, shown)
            for recipe in decision.advised
            if (shown := here.advice_text(book, recipe[0])) is not None
        ),
        assumptions=_assumptions(book, profile, sized, set(kept)),
        staffing=staffing,
        rulebook=book,
        outcome=outcome,
        overruled=dict(decision.overruled),
        shared=decision.shared,
        cost=None
        if profile.pay is None
        else price_roles(
            profile.pay, ((r.id, r.department, r.headcount) for r in planned), (seat.roles for seat in decision.shared)
        ),
    )


class _Decision:
    """What the rules that fired decided, shared by every plan whose engine run fired the same rules with the same
    alternatives and derived the same facts (remembered with the rulebook's engine runs): the keep-order, what was
    overruled, the shared seats, and what each part of the plan is made from: each planned role (its headcount by
    the rules, and its recipe with a headcount from the workload or from the rules), each role left out (with the
    facts its reasons quote), the advice given in the order shown (what the stage alone calls for first, then what
    the profile's other facts call for, then the general lines; then id) and the staffing (the pairs one person may
    hold, the rules that rank each role)."""

    def __init__(self, book: Rulebook, outcome: Outcome) -> None:
        index, firings = _Index.of(book), outcome.fired
        fired = [book.rules[rule_id] for rule_id in firings]
        adders, removers = sides(fired)
        ranks, rankers = keep_ranks(fired, book.roles)
        self.order = role_order(book, ranks)
        self.overruled: dict[str, tuple[str, ...]] = {}
        self.left_out: list[tuple[tuple[LeftOutRecipe, tuple[bool, ...]], tuple[str, ...]]] = []

        alternative = {rule_id: (rule_id, firing.alternative) for rule_id, firing in firings.items()}

        def because(rule_ids: Iterable[str]) -> Because:
            return tuple(map(alternative.__getitem__, rule_ids))

        scalers: dict[str, list[Rule]] = defaultdict(list)
        for rule in fired:
            for role_id in rule.scale:
                scalers[role_id].append(rule)
        wanted: dict[str, list[Rule]] = {}
        for role_id in sorted(book.roles, key=self.order.__getitem__):
            add, remove = adders[role_id], removers[role_id]
            if wins(add, remove):
                wanted[role_id] = add
            else:
                deciders = remove or index.adders.get(role_id, ())
                alternatives = tuple((r.id, firings[r.id].alternative if r.id in firings else None) for r in deciders)
                reads = [quoted(book, r) for r in deciders if r.id not in firings]  # what would_add_reason reads
                derived = tuple(name in outcome.derived for _, named in reads for name in named)
                self.left_out.append(
                    (((role_id, alternatives), derived), tuple(sorted({f for t, _ in reads for f in t})))
                )
            if add and remove:
                self.overruled[role_id] = tuple(r.id for r in (remove if role_id in wanted else add))
        holds = held_duties(book, fired, set(wanted))
        self.wanted: dict[str, tuple[int, RoleRecipe, RoleRecipe]] = {}
        for role_id, add in wanted.items():
            held = tuple((duty, because(rules)) for duty, rules in holds.get(role_id, {}).items())
            scaled = scalers.get(role_id, [])
            self.wanted[role_id] = (
                max((r.scale[role_id] for r in scaled), default=1),
                (role_id, because(sorted({r.id for r in add})), held, ranks[role_id]),
                (role_id, because(sorted({r.id for r in [*add, *scaled]})), held, ranks[role_id]),
            )
        self.shared = _shared(book, set(wanted), outcome)
        pairs = tuple(sorted((min(pair), max(pair)) for pair in can_cover_pairs(fired)))
        ranked = tuple(
            (role_id, ranks[role_id], because(r.id for r in rules))
            for role_id, rules in rankers.items()
            if role_id in wanted
        )
        self.staffing: StaffingRecipe = (pairs, ranked)
        given: dict[str, list[Rule]] = defaultdict(list)
        for rule in fired:
            for advice_id in rule.advise:
                given[advice_id].append(rule)
        relevance = {}
        for advice_id, rules in given.items():
            tested = {fact for rule in rules for fact in quoted(book, rule)[0]}
            relevance[advice_id] = (0 if "stage" in tested else 1 if tested else 2, len(tested), advice_id)
        self.advised: list[AdviceRecipe] = [
            (advice_id, because(r.id for r in given[advice_id]))
            for advice_id in sorted(given, key=relevance.__getitem__)
        ]

    @classmethod
    def of(cls, book: Rulebook, outcome: Outcome) -> _Decision:
        """The decision of ``outcome``, made once for the rules it fired and their alternatives."""
        key = (*outcome.fired, *(firing.alternative for firing in outcome.fired.values()), outcome.derived)
        return remembered_by(book, "plan-decisions", key, lambda: cls(book, outcome))


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
