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

from collections.abc import Callable
from typing import Any

import networkx as nx
from hypothesis import strategies as st

from .errors import suggest
from .plan import Plan
from .profile import FACTS, STAGES, BusinessProfile
from .rulebook import OWNER

__all__ = [
    "INVARIANTS",
    "SHOP_SIDE_DEPARTMENTS",
    "check_plan",
    "check_stage_growth",
    "profiles",
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


INVARIANTS: dict[str, Callable[[Plan], list[str]]] = {
    "affiliate-pool sellers keep only the product selector on the shop side": _affiliate_keeps_selector_only,
    "no format, no roles of that format": _formats_respected,
    "every role has a cited reason": _reasons_cited,
    "reports_to is one tree rooted at owner": _reports_to_tree,
}


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
