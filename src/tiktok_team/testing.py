"""Tools for property-testing a rulebook, the bundled one or your own: hypothesis strategies and invariant checks.

Requires hypothesis (``pip install tiktok-team[testing]``).

Examples
--------
>>> from hypothesis import given, settings
>>> from tiktok_team import recommend
>>> from tiktok_team.testing import check_plan, profiles
>>> @settings(max_examples=20)
... @given(profiles(stage="growth"))
... def test_growth_plans_hold_the_invariants(profile):
...     assert check_plan(recommend(profile)) == []
>>> test_growth_plans_hold_the_invariants()
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
from hypothesis import strategies as st

from .entries import OWNER
from .errors import suggest
from .gap import CurrentTeam
from .plan import Plan, can_cover_pairs
from .profile import FACTS, STAGES, BusinessProfile
from .rulebook import Rulebook, load_rulebook

__all__ = [
    "INVARIANTS",
    "SHOP_SIDE_DEPARTMENTS",
    "check_plan",
    "check_stage_growth",
    "load_overlay",
    "overlays",
    "profiles",
    "register_invariant",
    "teams",
]

SHOP_SIDE_DEPARTMENTS = frozenset({"shop_ops", "support"})
FORMAT_TEAMS = {"livestream": "live", "short_video": "short_video"}


def profiles(**fixed: Any) -> st.SearchStrategy[BusinessProfile]:
    """A strategy of valid business profiles; pin any field by passing a value, or a strategy to draw it from.

    Examples
    --------
    >>> from hypothesis import find
    >>> profile = find(profiles(stage="mature"), lambda p: p.paid_ads and "livestream" in p.formats)
    >>> profile.stage, profile.paid_ads
    ('mature', True)
    """
    for name in fixed:
        if name not in BusinessProfile.model_fields:
            raise TypeError(f"profiles() got an unknown field '{name}'{suggest(name, BusinessProfile.model_fields)}")
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for name, spec in FACTS.items():
        if spec.kind == "choice":
            fields[name] = st.sampled_from(spec.values)
        elif spec.kind == "set":
            fields[name] = st.frozensets(st.sampled_from(spec.values))
        elif spec.kind == "bool":
            fields[name] = st.booleans()
        else:
            fields[name] = st.none() | st.integers(min_value=1, max_value=60)
    fields.update(
        {
            "live_hours_per_day": st.none() | st.floats(min_value=0.5, max_value=24),
            "live_rooms": st.none() | st.integers(min_value=1, max_value=4),
            "videos_per_week": st.none() | st.integers(min_value=0, max_value=100),
            "orders_per_day": st.none() | st.integers(min_value=0, max_value=5000),
            "ad_campaigns": st.none() | st.integers(min_value=0, max_value=40),
        }
    )
    fields.update(
        {name: value if isinstance(value, st.SearchStrategy) else st.just(value) for name, value in fixed.items()}
    )
    return st.fixed_dictionaries(fields).map(BusinessProfile.model_validate)


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
    tree = nx.DiGraph()
    tree.add_nodes_from(plan.graph.nodes)
    tree.add_edges_from((b, a) for a, b, kind in plan.graph.edges(data="kind") if kind == "reports_to")
    if not nx.is_arborescence(tree):
        return ["reports_to edges do not form one tree"]
    roots = [node for node, degree in tree.in_degree() if degree == 0]
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
    "every role has a cited reason": _reasons_cited,
    "reports_to is one tree rooted at owner": _reports_to_tree,
    "a staffing holds every seat, only in allowed combinations, within its budget": _staffing_sound,
}


def register_invariant(name: str) -> Callable[[Callable[[Plan], list[str]]], Callable[[Plan], list[str]]]:
    """Register a plan invariant under ``name``: :func:`check_plan` and ``verify`` check it from then on.

    The function takes a :class:`~tiktok_team.plan.Plan` and returns its problems as sentences (empty if none).

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
    """Every violation of :data:`INVARIANTS` by ``plan``, as sentences; empty when the plan is sound."""
    return [f"{name}: {problem}" for name, check in INVARIANTS.items() for problem in check(plan)]


def check_stage_growth(earlier: Plan, later: Plan) -> list[str]:
    """Violations of "a later stage keeps or splits every duty of an earlier one, with no fewer people".

    ``earlier`` and ``later`` are plans for the same facts at two stages, the later one later in
    startup → growth → mature.
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


def teams(role_ids: Sequence[str] | None = None, max_people: int = 8) -> st.SearchStrategy[CurrentTeam]:
    """A strategy of current teams (for :func:`tiktok_team.gap.gap`): 0 to ``max_people`` people, each holding 1 to
    3 roles drawn from ``role_ids`` (default: every role of the bundled catalog).

    Examples
    --------
    >>> from hypothesis import find
    >>> team = find(teams(["streamer", "owner"]), lambda t: len(t.people) == 2)
    >>> sorted(role for person in team.people for role in person.roles)
    ['owner', 'owner']
    """
    pool = sorted(role_ids) if role_ids is not None else list(load_rulebook().roles)
    member = st.builds(
        lambda n, roles: {"name": f"person {n}", "roles": roles},
        st.integers(1, 99),
        st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True),
    )
    return st.lists(member, max_size=max_people).map(lambda people: CurrentTeam.parse({"person": people}))


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, str)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"


@st.composite
def overlays(draw: st.DrawFn, max_rules: int = 4) -> str:
    """A strategy of small synthetic rule overlays (TOML text) over the bundled catalog: 1 to ``max_rules``
    inferred rules, each with a satisfiable condition (a conjunction of tests on different facts) and one or two
    effects (include, exclude, scale, relate or advise). Load one with :func:`load_overlay`.

    Examples
    --------
    >>> from hypothesis import find
    >>> text = find(overlays(), lambda t: "include" in t)
    >>> load_overlay(text).rules["synthetic-0"].basis
    'inferred'
    """
    book = load_rulebook()
    roles = sorted(r for r in book.roles if r != OWNER)
    guidance = sorted(book.guidance.values(), key=lambda g: g.id)
    chunks = []
    for n in range(draw(st.integers(1, max_rules))):
        cited = draw(st.sampled_from(guidance))
        tests: list[dict[str, Any]] = []
        for fact in draw(st.lists(st.sampled_from(["stage", "sourcing", "formats", "paid_ads"]), unique=True)):
            spec = FACTS[fact]
            if spec.kind == "choice":
                tests.append({"fact": fact, "equals": draw(st.sampled_from(spec.values))})
            elif spec.kind == "set":
                tests.append({"fact": fact, "contains": draw(st.sampled_from(spec.values))})
            else:
                tests.append({"fact": fact, "equals": draw(st.booleans())})
        effect = draw(st.sampled_from(["include", "exclude", "scale", "relate", "advise"]))
        role = draw(st.sampled_from(roles))
        other = draw(st.sampled_from([r for r in roles if r != role]))
        effects = {
            "include": f"include = {_toml([role])}",
            "exclude": f"exclude = {_toml([role])}",
            "scale": f"scale = {_toml({role: draw(st.integers(1, 4))})}",
            "relate": f"relate = [{_toml({'kind': 'collaborates', 'from': role, 'to': other})}]",
            "advise": f"advise = {_toml([draw(st.sampled_from(sorted(book.advice)))])}",
        }
        chunks.append(
            "\n".join(
                [
                    "[[rule]]",
                    f'id = "synthetic-{n}"',
                    f'source = "{cited.source}"',
                    f'section = "{cited.section}"',
                    f'guidance = "{cited.id}"',
                    'basis = "inferred"',
                    'because = "a synthetic rule drawn by tiktok_team.testing.overlays"',
                    f"when = {_toml({'all': tests})}",
                    effects[effect],
                ]
            )
        )
    return "\n\n".join(chunks) + "\n"


def load_overlay(text: str) -> Rulebook:
    """The bundled rulebook plus an overlay given as TOML text (written to a temporary file and loaded).

    Examples
    --------
    >>> book = load_overlay('disable = ["adapt-not-copy"]')
    >>> "adapt-not-copy" in book.rules, book.disabled["adapt-not-copy"].endswith("overlay.toml")
    (False, True)
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "overlay.toml"
        path.write_text(text, encoding="utf-8")
        return load_rulebook(path)
