"""Invariants of a plan: properties every plan of a sound rulebook has, as functions returning the problems found.

They are checked by the property tests, by :func:`tiktok_team.verify` over the whole fact space, and by
users' own tests through :mod:`tiktok_team.testing`, which re-exports them. Register more with
:func:`register_invariant`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from ._entries import OWNER
from ._graph import can_cover_pairs
from ._plan import Plan
from ._profile import STAGES

__all__ = [
    "FORMAT_TEAMS",
    "INVARIANTS",
    "SHOP_SIDE_DEPARTMENTS",
    "check_plan",
    "check_stage_growth",
    "register_invariant",
]

SHOP_SIDE_DEPARTMENTS = frozenset({"shop_ops", "support"})
FORMAT_TEAMS = {"livestream": "live", "short_video": "short_video"}


def _affiliate_keeps_selector_only(plan: Plan) -> list[str]:
    if plan.profile.sourcing != "affiliate_pool":
        return []
    problems = [
        f"affiliate-pool seller has shop-side role '{role.id}'"
        for role in plan.roles
        if role.department in SHOP_SIDE_DEPARTMENTS and role.id != "product_selector"
    ]
    if all(role.id != "product_selector" for role in plan.roles):
        problems.append("affiliate-pool seller has no product_selector")
    return problems


def _formats_respected(plan: Plan) -> list[str]:
    return [
        f"role '{role.id}' of team '{role.team}' without the format '{fmt}'"
        for fmt, team in FORMAT_TEAMS.items()
        if fmt not in plan.profile.formats
        for role in plan.roles
        if role.team == team
    ]


def _formats_owned(plan: Plan) -> list[str]:
    book = plan.rulebook
    held = {book.duties[duty.duty].belongs_to for role in plan.roles for duty in role.holds}
    return [
        f"the profile runs {fmt}, but no role of team '{team}' is planned and no role holds its duty"
        for fmt, team in FORMAT_TEAMS.items()
        if fmt in plan.profile.formats and team not in held and all(role.team != team for role in plan.roles)
    ]


def _reasons_cited(plan: Plan) -> list[str]:
    problems = []
    for role in plan.roles:
        if not role.reasons:
            problems.append(f"role '{role.id}' has no reason")
        for reason in role.reasons:
            rule = plan.rulebook.rules.get(reason.rule)
            if rule is None or reason.source not in plan.rulebook.sources or not reason.section:
                problems.append(f"role '{role.id}' cites an unknown rule or source: {reason.rule}")
    return problems


def _reports_to_tree(plan: Plan) -> list[str]:
    boss: dict[str, str] = {}
    for a, b, kind in plan.graph.edges(keys=True):  # a MultiDiGraph keyed by kind: one reports_to edge per pair
        if kind == "reports_to":
            if a in boss:
                return ["reports_to edges do not form one tree"]  # two bosses
            boss[a] = b
    roots = [node for node in plan.graph.nodes if node not in boss]
    reached = set(roots)
    staff: dict[str, list[str]] = {}
    for a, b in boss.items():
        staff.setdefault(b, []).append(a)
    waiting = list(roots)
    while waiting:
        for member in staff.get(waiting.pop(), []):
            reached.add(member)
            waiting.append(member)
    if len(roots) != 1 or len(reached) != plan.graph.number_of_nodes():  # a cycle is reached from no root
        return ["reports_to edges do not form one tree"]
    return [] if roots == [OWNER] else [f"reports_to tree is rooted at {roots}, not at '{OWNER}'"]


def _staffing_sound(plan: Plan) -> list[str]:
    staffing = plan.staffing
    if staffing is None:
        return []
    problems = []
    seats = sorted(role.id for role in plan.roles for _ in range(role.headcount))
    if sorted(role for person in staffing.people for role in person.roles) != seats:
        problems.append("the staffing does not hold every seat of the plan exactly once")
    allowed = can_cover_pairs(plan.rulebook.rules[rule_id] for rule_id in plan.outcome.fired)
    for person in (*staffing.people, *staffing.within_budget):
        pairs = [frozenset(pair) for pair in itertools.combinations(person.roles, 2)]
        if len(set(person.roles)) != len(person.roles) or not all(pair in allowed for pair in pairs):
            problems.append(f"{person.id} holds roles one person may not combine: {', '.join(person.roles)}")
    if len(staffing.within_budget) > staffing.budget or staffing.feasible != (staffing.minimum <= staffing.budget):
        problems.append("the staffing exceeds its budget or misstates whether it fits")
    return problems


INVARIANTS: dict[str, Callable[[Plan], list[str]]] = {
    "affiliate-pool sellers keep only the product selector on the shop side": _affiliate_keeps_selector_only,
    "no format, no roles of that format": _formats_respected,
    "every format the profile runs is owned by a planned team or a role holding its duty": _formats_owned,
    "every role has a cited reason": _reasons_cited,
    "reports_to is one tree rooted at owner": _reports_to_tree,
    "a staffing holds every seat, only in allowed combinations, within its budget": _staffing_sound,
}


def register_invariant(name: str) -> Callable[[Callable[[Plan], list[str]]], Callable[[Plan], list[str]]]:
    """Register a plan invariant under ``name``: :func:`check_plan` and ``verify`` check it from then on.

    The function takes a :class:`~tiktok_team._plan.Plan` and returns its problems as sentences (empty if none).

    Examples
    --------
    >>> @register_invariant("a plan never has more than 60 people")
    ... def at_most_60(plan):
    ...     return [] if plan.headcount <= 60 else [f"{plan.headcount} people"]
    >>> "a plan never has more than 60 people" in INVARIANTS
    True
    >>> del INVARIANTS["a plan never has more than 60 people"]
    """

    def register(check: Callable[[Plan], list[str]]) -> Callable[[Plan], list[str]]:
        if name in INVARIANTS:
            raise ValueError(f"an invariant named {name!r} is already registered")
        INVARIANTS[name] = check
        return check

    return register


def check_plan(plan: Plan) -> list[str]:
    """Every violation of :data:`INVARIANTS` by ``plan``, as sentences; empty when the plan is sound.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> check_plan(recommend({"stage": "startup", "sourcing": "own_stock"}))
    []
    """
    return [f"{name}: {problem}" for name, check in INVARIANTS.items() for problem in check(plan)]


def check_stage_growth(earlier: Plan, later: Plan) -> list[str]:
    """Violations of "a later stage keeps or splits every duty of an earlier one, with no fewer people".

    ``earlier`` and ``later`` are plans for the same facts at two stages, the later one later in
    startup → growth → mature.

    Raises
    ------
    ValueError
        If ``earlier`` is not of an earlier stage than ``later``.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> startup = recommend({"stage": "startup", "sourcing": "own_stock"})
    >>> check_stage_growth(startup, recommend({"stage": "growth", "sourcing": "own_stock"}))
    []
    """
    if STAGES.index(earlier.profile.stage) >= STAGES.index(later.profile.stage):
        raise ValueError("check_stage_growth needs a plan of an earlier stage first")
    kept = {role.id: role for role in later.roles}
    fired = [later.rulebook.rules[rule_id] for rule_id in later.outcome.fired]
    problems = []
    for role in earlier.roles:
        if role.id in kept:
            if kept[role.id].headcount < role.headcount:
                problems.append(f"'{role.id}' shrinks from {role.headcount} to {kept[role.id].headcount}")
            continue
        splits = [r for r in fired if r.split and r.split.source_role == role.id]
        if not any(all(target in kept for target in r.split.into) for r in splits if r.split):
            problems.append(f"'{role.id}' is dropped at {later.profile.stage} without being split")
    return problems
