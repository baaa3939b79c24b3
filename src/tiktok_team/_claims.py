"""The claims a plan makes to its reader, checked: what :func:`tiktok_team.verify` proves over the whole fact space
besides the rules' own soundness.

* **Texts speak only of what the business has**: every duty line, held duty and advice text a plan shows mentions
  (its declared ``mentions``) only roles the plan has, formats the business runs and the business's own stage.
* **Every role has a cited place in the keep-order**, given by a rule that applies at the business's stage: a rule
  whose guidance belongs to no stage (the five-departments article, the stages article's introduction and summary),
  to this stage, or to an earlier one that the rule's condition carries forward by testing the stage.
* **A budget keeps the chain**: for every budget from the fewest people of the business's startup team up to the
  plan's own fewest, the people staffed cover every function of the chain (deciding, the content of each format the
  business runs, the goods, customer contact, shipping), and keep the ad buyer wherever they keep the streamer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ._condition import Test, dnf
from ._entries import OWNER, Mentions, Rule
from ._graph import can_cover_pairs
from ._plan import Plan
from ._profile import STAGES
from ._rulebook import Rulebook
from ._staffing import consolidate, fit_to_budget
from ._texts import Context, mention_problems, proposal_problems

__all__ = [
    "Claim",
    "Shown",
    "applies_at",
    "budget_claims",
    "chain_gaps",
    "guidance_stage",
    "keep_claims",
    "shown_texts",
    "text_claims",
]

# The section of the stages article that speaks of each stage; every other section speaks of none.
_STAGE_SECTIONS = {
    ("three-stages", "§1"): "startup",
    ("three-stages", "§2"): "growth",
    ("three-stages", "§3"): "mature",
}
_SERVICE = ("customer_service", "presales_cs", "aftersales_cs")

Shown = tuple[str, str, str, Mentions, Mentions]
"""A text a plan shows, as :func:`shown_texts` gives it."""


@dataclass(frozen=True)
class Claim:
    """A claim a plan makes that does not hold: its ``kind``, the entry at fault (``kind_of_entry``, ``entry``) and
    a sentence."""

    kind: str
    entry_kind: str
    entry: str
    message: str


def guidance_stage(book: Rulebook, rule: Rule) -> str | None:
    """The stage the guidance a rule cites speaks of, or None for guidance that speaks of no stage.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> guidance_stage(book, book.rules["growth-live-team"]), guidance_stage(book, book.rules["chain-kept-whole"])
    ('growth', None)
    """
    cited = book.guidance[rule.guidance]
    return _STAGE_SECTIONS.get((cited.source, cited.section))


def applies_at(book: Rulebook, rule: Rule, stage: str) -> bool:
    """Whether ``rule`` speaks for a business at ``stage``: its guidance speaks of no stage or of this one, or of an
    earlier one and the rule's condition tests the stage (carrying that guidance forward on purpose)."""
    own = guidance_stage(book, rule)
    if own is None or own == stage:
        return True
    tests_stage = any(
        isinstance(lit.atom, Test) and lit.atom.fact == "stage" for conjunct in dnf(rule.when) for lit in conjunct
    )
    return tests_stage and STAGES.index(own) < STAGES.index(stage)


def shown_texts(plan: Plan) -> Iterator[Shown]:
    """Each text ``plan`` shows, as (the kind of entry, its id, where in it, what it mentions, what it proposes): the
    duty lines of its roles (``duties[n]``), the duties they hold (``duty``), the text of each advice (``variants[n]``
    or ``text``)."""
    book = plan.rulebook
    here = _context(plan)
    for role in plan.roles:
        for n, line in enumerate(book.roles[role.id].duties):
            if here.holds(line):
                yield "role", role.id, f"duties[{n}]", line.mentions, line.proposes
        for held in role.holds:
            yield "duty", held.duty, "duty", book.duties[held.duty].mentions, Mentions()
    for advice in plan.advice:
        entry = book.advice[advice.id]
        text = here.advice(entry)
        if text is not None:
            where = f"variants[{entry.variants.index(text)}]" if text in entry.variants else "text"
            yield "advice", advice.id, where, text.mentions, text.proposes


def text_claims(plan: Plan, shown: Iterable[Shown] | None = None) -> Iterator[Claim]:
    """Each shown text of ``plan`` (``shown``: what :func:`shown_texts` gives, if the caller has it already) that
    speaks of something the business does not have, or proposes what it has."""
    here = _context(plan)
    for kind, entry, where, mentions, proposes in shown_texts(plan) if shown is None else shown:
        for problem in mention_problems(mentions, here):
            yield Claim("text-speaks-of-absent", kind, entry, f"{where} of {kind} '{entry}' speaks of {problem}")
        for problem in proposal_problems(proposes, here):
            yield Claim("text-proposes-present", kind, entry, f"{where} of {kind} '{entry}' proposes {problem}")


def _context(plan: Plan) -> Context:
    """What the conditions of ``plan``'s texts read."""
    return Context(plan.profile.facts(), plan.outcome.derived, {role.id: role.headcount for role in plan.roles})


def keep_claims(plan: Plan) -> Iterator[Claim]:
    """Each role of ``plan`` without a place in the keep-order, and each rule ranking a role (other than the owner,
    who is never deferred) that does not apply at the business's stage."""
    book = plan.rulebook
    stage = plan.profile.stage
    ranked: dict[str, list[Rule]] = {}
    for rule_id in plan.outcome.fired:
        rule = book.rules[rule_id]
        for role_id in rule.rank:
            ranked.setdefault(role_id, []).append(rule)
    for role in plan.roles:
        rules = ranked.get(role.id, [])
        if not rules:
            yield Claim(
                "unranked-role", "role", role.id, f"role '{role.id}' has no place in the keep-order: no rule ranks it"
            )
        if role.id == OWNER:
            continue
        for rule in rules:
            if not applies_at(book, rule, stage):
                yield Claim(
                    "rank-wrong-stage",
                    "rule",
                    rule.id,
                    f"rule '{rule.id}' ranks '{role.id}' citing {rule.guidance} ({guidance_stage(book, rule)} stage) "
                    f"for a business at the {stage} stage",
                )


def chain_gaps(plan: Plan, kept: Mapping[str, int]) -> list[tuple[str, str]]:
    """The functions of the chain that a staffing of ``plan`` keeping ``kept`` seats (role → seats) leaves
    uncovered, each as (a role that would cover it, a phrase); and the ad buyer if the streamer is kept without it.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> plan = recommend({"stage": "startup", "sourcing": "own_stock", "paid_ads": True})
    >>> [said for _, said in chain_gaps(plan, {"owner": 1, "streamer": 1, "shop_operator": 1})]
    ['customer contact (customer_service)', 'shipping (logistics)', 'the ad buyer, though the streamer is kept']
    """
    planned = [role.id for role in plan.roles]
    formats = plan.profile.formats
    held = {held.duty for role in plan.roles if kept.get(role.id) for held in role.holds}
    video = [role.id for role in plan.roles if role.team == "short_video"]
    video_duties = {duty.id for duty in plan.rulebook.duties.values() if duty.belongs_to == "short_video"}
    functions: list[tuple[str, list[str], bool]] = [
        ("deciding", [OWNER], True),
        ("live content", ["streamer"], "livestream" in formats),
        ("short-video content", video, "short_video" in formats and not video_duties & held),
        ("goods", [role for role in ("product_selector", "shop_operator") if role in planned], True),
    ]
    gaps = [
        (roles[0], f"{name} ({' or '.join(roles)})")
        for name, roles, needed in functions
        if needed and roles and all(role in planned for role in roles) and not any(kept.get(role) for role in roles)
    ]
    service = [role for role in _SERVICE if role in planned and not kept.get(role)]
    if service:
        gaps.append((service[0], f"customer contact ({', '.join(service)})"))
    if "logistics" in planned and not kept.get("logistics"):
        gaps.append(("logistics", "shipping (logistics)"))
    if "ad_buyer" in planned and kept.get("streamer") and not kept.get("ad_buyer"):
        gaps.append(("ad_buyer", "the ad buyer, though the streamer is kept"))
    return gaps


@dataclass(frozen=True)
class _Seats:
    """What the staffings of a plan under a budget depend on: its seats (role → headcount), the pairs of roles one
    person may hold, the keep-order's ranks, its fewest people (``fewest``), and as a ``key`` with its formats and
    held duties (what :func:`chain_gaps` reads besides)."""

    seats: dict[str, int]
    pairs: list[tuple[str, str]]
    rank: dict[str, int]
    fewest: int
    key: tuple[Any, ...]

    @classmethod
    def of(cls, plan: Plan) -> _Seats:
        seats = {role.id: role.headcount for role in plan.roles}
        rank = {role.id: role.rank for role in plan.roles}
        fired = [plan.rulebook.rules[rule_id] for rule_id in plan.outcome.fired]
        pairs = sorted((min(pair), max(pair)) for pair in can_cover_pairs(fired))
        held = tuple((role.id, held.duty) for role in plan.roles for held in role.holds)
        key = (tuple(seats.items()), tuple(pairs), tuple(rank.items()), tuple(sorted(plan.profile.formats)), held)
        return cls(seats, pairs, rank, consolidate(seats, pairs).size, key)


def budget_claims(
    plan_at: Callable[[int], Plan], startup: Plan, memo: dict[Any, list[tuple[str, str]]] | None = None
) -> Iterator[tuple[Claim, int]]:
    """For a business whose plan under a headcount budget ``b`` is ``plan_at(b)``, and its plan at the startup stage
    without a budget: each function of the chain that the staffing under some budget, from the startup team's fewest
    people up to the plan's own fewest, leaves out, with the smallest such budget. ``memo`` keeps the gaps found for
    plans alike in seats, pairs, ranks, formats and held duties (a sweep meets many)."""
    budget = _Seats.of(startup).fewest
    first: dict[tuple[str, str], int] = {}
    seen: dict[int, tuple[Plan, _Seats]] = {}  # by the plan's id, the plan kept so that its id is not reused
    while True:
        plan = plan_at(budget)
        if id(plan) not in seen:
            seen[id(plan)] = plan, _Seats.of(plan)
        shape = seen[id(plan)][1]
        key = (*shape.key, budget)
        gaps = None if memo is None else memo.get(key)
        if gaps is None:
            if budget >= shape.fewest:
                gaps = []
            else:
                deferred = fit_to_budget(shape.seats, shape.pairs, shape.rank, budget)
                kept = {role_id: count - deferred.get(role_id, 0) for role_id, count in shape.seats.items()}
                gaps = chain_gaps(plan, kept)
            if memo is not None:
                memo[key] = gaps
        for gap in gaps:
            first.setdefault(gap, budget)
        if budget >= shape.fewest:
            break
        budget += 1
    for (role_id, said), smallest in first.items():
        message = f"a headcount budget that fits the startup team leaves out {said}"
        yield Claim("budget-breaks-chain", "role", role_id, message), smallest
