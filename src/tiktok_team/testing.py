"""Tools for testing a rulebook, the bundled one or your own: hypothesis strategies, invariant checks, and helpers
that run scenario files (:mod:`tiktok_team._scenario`) from pytest.

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

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from ._entries import OWNER as _OWNER
from ._errors import suggest as _suggest
from ._gap import CurrentTeam
from ._invariants import (
    FORMAT_TEAMS,
    INVARIANTS,
    SHOP_SIDE_DEPARTMENTS,
    check_plan,
    check_stage_growth,
    register_invariant,
)
from ._profile import FACTS as _FACTS
from ._profile import BusinessProfile
from ._rulebook import Rulebook, load_rulebook
from ._scenario import Scenario, load_scenarios
from ._scenario_report import run_scenario, run_scenarios

__all__ = [
    "FORMAT_TEAMS",
    "INVARIANTS",
    "SHOP_SIDE_DEPARTMENTS",
    "assert_scenario",
    "assert_scenarios",
    "check_plan",
    "check_stage_growth",
    "load_overlay",
    "overlays",
    "profiles",
    "register_invariant",
    "scenario_cases",
    "teams",
]
# The functions re-exported here report this module as theirs, as the names of the package root report it.
check_plan.__module__ = check_stage_growth.__module__ = register_invariant.__module__ = __name__


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
            raise TypeError(f"profiles() got an unknown field '{name}'{_suggest(name, BusinessProfile.model_fields)}")
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for name, spec in _FACTS.items():
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


def teams(role_ids: Sequence[str] | None = None, max_people: int = 8) -> st.SearchStrategy[CurrentTeam]:
    """A strategy of current teams (for :func:`tiktok_team.gap`): 0 to ``max_people`` people, each holding 1 to
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
    roles = sorted(r for r in book.roles if r != _OWNER)
    guidance = sorted(book.guidance.values(), key=lambda g: g.id)
    chunks = []
    for n in range(draw(st.integers(1, max_rules))):
        cited = draw(st.sampled_from(guidance))
        tests: list[dict[str, Any]] = []
        for fact in draw(st.lists(st.sampled_from(["stage", "sourcing", "formats", "paid_ads"]), unique=True)):
            spec = _FACTS[fact]
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


def scenario_cases(*paths: str | Path, rulebook: Rulebook | None = None) -> list[Scenario]:
    """The scenarios of the files ``paths``, validated against ``rulebook`` (default: the bundled one), to
    parametrize a test with: ``@pytest.mark.parametrize("scenario", scenario_cases(path), ids=lambda s: s.name)``.

    Raises
    ------
    ScenarioError
        If a file is bad (at collection time, so pytest reports it before running anything).

    Examples
    --------
    >>> from tiktok_team._scenario import bundled_scenarios
    >>> cases = scenario_cases(*bundled_scenarios())
    >>> cases[0].name
    'startup live team with its own shop and stock'
    """
    book = rulebook if rulebook is not None else load_rulebook()
    return [scenario for path in paths for scenario in load_scenarios(path, book)]


def assert_scenario(scenario: Scenario, rulebook: Rulebook | None = None) -> None:
    """Plan ``scenario`` with ``rulebook`` (default: the bundled one); fail with each failed expectation, the rules
    that decided it and why, if any does not hold.

    Raises
    ------
    AssertionError
        Listing the failed expectations.

    Examples
    --------
    >>> from tiktok_team._scenario import bundled_scenarios
    >>> scenario = scenario_cases(*bundled_scenarios())[0]
    >>> assert_scenario(scenario)
    >>> assert_scenario(scenario.model_copy(update={"expect_not": ("streamer",)}))
    Traceback (most recent call last):
    ...
    AssertionError: scenario 'startup live team with its own shop and stock' (rules/scenarios/sources.toml, ...) failed:
    - expect_not: expected streamer not in the plan, but it is: added by live-team-for-lives ...
    ...
    """
    result = run_scenario(scenario, rulebook)
    if not result.passed:
        raise AssertionError(result.text())


def assert_scenarios(*paths: str | Path, rulebook: Rulebook | None = None) -> None:
    """Run every scenario of the files ``paths`` with ``rulebook`` (default: the bundled one); fail with the failures
    of all the scenarios that failed, if any did.

    Raises
    ------
    AssertionError
        Listing each failed scenario and its failed expectations.
    ScenarioError
        If a file is bad.

    Examples
    --------
    >>> from tiktok_team._scenario import bundled_scenarios
    >>> assert_scenarios(*bundled_scenarios())
    """
    book = rulebook if rulebook is not None else load_rulebook()
    report = run_scenarios(scenario_cases(*paths, rulebook=book), book)
    failed = [result.text() for result in report.results if not result.passed]
    if failed:
        raise AssertionError(f"{len(failed)} of {len(report.results)} scenarios failed\n\n" + "\n\n".join(failed))
