"""Every profile of the fact space plans with examples/pay.toml in every format (issue 18), and the JSON of every
answer with pay is what its published schema says.

The pictures (mermaid, dot, graphml, and svg, which is Graphviz's layout of the dot text) do not change with pay: each
is checked equal to the picture of the same plan without pay, which tests/test_render_space.py draws and checks for
the whole space. The HTML report is made with its org chart stubbed (test_render_space lays the real ones out).

The plans come from remembered engine runs (:func:`~tiktok_team._recommend.remembered_plan`, the same plans as
``recommend``'s): this module is about what the answers say of money, not about the engine. Those with pay are
tests/priced.py's, which tests/test_money.py checks the figures of.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import tomllib
from jsonschema import Draft202012Validator

from helpers import EXAMPLES
from priced import PAY, priced_plans
from tiktok_team import (
    BusinessProfile,
    CurrentTeam,
    Plan,
    fact_space,
    gap,
    load_rulebook,
    output_schema,
    recommend,
    roadmap,
    whatif,
)
from tiktok_team._graph import graph_data
from tiktok_team._profile import FACTS
from tiktok_team.cli.inputs import load_team
from tiktok_team.render import (
    LANGS,
    render_compare_csv,
    render_dot,
    render_gap_csv,
    render_graphml,
    render_html,
    render_json,
    render_markdown,
    render_mermaid,
    render_plan_csv,
    render_roadmap_csv,
    render_roadmap_markdown,
)
from tiktok_team.render import _html as html_module
from tiktok_team.render._money import amount

BOOK = load_rulebook()
SPACE = list(fact_space(BOOK))
BOM = "\ufeff"


@pytest.fixture(scope="module")
def plans(space_plans: list[Plan]) -> list[tuple[Plan, Plan]]:
    """Each profile's plan with the example pay (tests/priced.py's, whose figures tests/test_money.py checks), and
    without (tests/conftest.py's ``space_plans``): both in the order of the fact space."""
    pairs = list(zip(priced_plans(), space_plans, strict=True))
    assert all(plan.profile == plain.profile.model_copy(update={"pay": PAY}) for plan, plain in pairs)
    return pairs


def covers_every_fact(profiles: Sequence[BusinessProfile]) -> bool:
    """Whether ``profiles`` take every value that each fact takes in the fact space."""
    return all({getattr(p, name) for p in profiles} == {getattr(p, name) for p in SPACE} for name in FACTS)


def rows(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM), newline="")))


def test_every_profile_plans_with_pay_in_json_markdown_and_csv(plans: list[tuple[Plan, Plan]]) -> None:
    """The markdown (both languages) and the CSV of every profile's plan show its costs. The JSON's ``cost`` is the
    plan's :class:`PlanCost` dumped, one line of :meth:`Plan.to_dict` that is the same for every profile: it is
    read back and validated on every 97th profile (24, which hold every value of every fact; validating one plan
    takes some 15 ms), while the figures it dumps are checked for every profile by tests/test_money.py
    (``test_every_plan_costs_its_seats_at_their_pay``) and here through the markdown and the CSV (the whole space is
    validated without pay by tests/test_contract.py)."""
    schema = Draft202012Validator(output_schema("plan"))
    sample = [plan for plan, _ in plans[::97]]
    assert covers_every_fact([plan.profile for plan in sample])
    for plan in sample:
        assert plan.cost is not None
        data = json.loads(render_json(plan))
        schema.validate(data)
        assert data["cost"]["total"] == plan.cost.total
        assert data["cost"] == plan.cost.model_dump(mode="json")
    for plan, _ in plans:
        cost = plan.cost
        assert cost is not None
        for lang in ("en", "zh"):
            text = render_markdown(plan, lang)
            assert amount(cost.total, "CNY") in text
            for each in cost.roles:
                assert f"| {amount(each.cost or 0, 'CNY')} |" in text
        table = rows(render_plan_csv(plan))
        assert [row["id"] for row in table] == [role.id for role in plan.roles]
        assert [float(row["monthly_cost"]) for row in table] == [each.cost for each in cost.roles]
        assert sum(float(row["monthly_cost"]) for row in table) - cost.shared == pytest.approx(cost.total)


def test_every_distinct_cost_is_shown_by_the_html_report(
    plans: list[tuple[Plan, Plan]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The HTML report shows the money with the same code for every plan and language, from its :class:`PlanCost`
    (the figures are the same in every language): every 97th profile (every value of every fact, a budget among
    them) is shown in every language, and the first plan of each distinct cost of the fact space (some 340: a
    team, its shared seats and the pay) in one, taken in turn. What the figures are is checked for every profile by
    the markdown and CSV test above and by tests/test_money.py."""
    monkeypatch.setattr(html_module, "render_svg", lambda plan, lang: "<svg></svg>")
    sample = [plan for plan, _ in plans[::97]]
    assert covers_every_fact([plan.profile for plan in sample])
    shown: dict[Any, Plan] = {}
    for plan, _ in plans:
        shown.setdefault(plan.cost, plan)
    pages = [(plan, lang) for plan in sample for lang in LANGS]
    pages += [(plan, LANGS[n % len(LANGS)]) for n, plan in enumerate(shown.values())]
    for plan, lang in pages:
        assert plan.cost is not None
        page = render_html(plan, lang)
        assert page.count(amount(plan.cost.total, "CNY")) >= 2  # the summary and the departments' total
        body = page[page.index("<body>") :]
        assert len(re.findall(r'<td class="n">[0-9,]+ CNY</td>', body)) >= len(plan.roles)


def test_pay_changes_no_picture(plans: list[tuple[Plan, Plan]]) -> None:
    """Every picture is drawn from the plan's role graph alone (``render._chart.chart``, which the dot and mermaid
    renderers draw, and ``render_graphml`` read nothing else of a plan), which is its node-link data
    (:func:`~tiktok_team._graph.graph_data`) drawn from its headcounts and fired rules. For every profile the plan
    with pay has the headcounts and fired rules of the plan without. Pay could reach a picture only through the
    plan's cost besides (its profile's pay is the same in every plan here), so the pictures are drawn, with and
    without pay, once for each distinct graph and cost (some 600 of the 2,304 profiles): the key holds all that a
    picture of these plans could differ by."""
    drawn = set()
    for plan, plain in plans:
        inputs = plan._graph_inputs()
        assert inputs == plain._graph_inputs()  # the headcounts and the rules fired, from which the graph is drawn
        graph = json.dumps(graph_data(BOOK, *inputs))
        if (graph, plan.cost) in drawn:
            continue
        drawn.add((graph, plan.cost))
        for lang in LANGS:
            assert render_dot(plan, lang) == render_dot(plain, lang)  # and so the svg Graphviz lays out
            assert render_mermaid(plan, lang) == render_mermaid(plain, lang)
        assert render_graphml(plan) == render_graphml(plain)
    assert len(drawn) > 300


def test_a_plan_and_a_roadmap_in_csv_round_trip_with_the_chinese_intact() -> None:
    profile = tomllib.loads((EXAMPLES / "growth-brand.toml").read_text("utf-8"))
    plan = recommend(profile, pay=PAY)
    table = rows(render_plan_csv(plan))
    for row, role in zip(table, plan.roles, strict=True):
        assert (row["name_en"], row["name_zh"]) == (role.name.en, role.name.zh)
        assert row["duties_zh"].splitlines()[: len(role.duties)] == [line.zh for line in role.duties]
        assert int(row["headcount"]) == role.headcount
        assert row["reports_to"] == (role.team or role.department or "")
    found = roadmap({**profile, "pay": PAY}, workloads=[{"orders_per_day": 100}, {"orders_per_day": 800}])
    hires = rows(render_roadmap_csv(found))
    assert [(row["role"], int(row["total"])) for row in hires] == [(h.role, h.total) for h in found.steps[0].hires]
    assert all("每日订单数超过" in row["trigger_zh"] for row in hires)


# An overlay whose new role's names and duty would each run as a formula in a spreadsheet.
FORMULA_OVERLAY = """
[[role]]
id = "x_formula"
en = "=HYPERLINK(\\"http://example.invalid\\")"
zh = "@主播"
department = "support"
duties = ["+1 a duty"]
duties_zh = ["-1 职责"]

[[rule]]
id = "x-formula"
source = "three-stages"
section = "§1"
guidance = "G12"
basis = "inferred"
because = "A test overlay: text a spreadsheet would take for a formula."
when = { fact = "stage", equals = "startup" }
include = ["x_formula"]
rank = { x_formula = 5 }
"""


def test_text_that_a_spreadsheet_would_run_is_made_inert(tmp_path: Path) -> None:
    path = tmp_path / "formula.toml"
    path.write_text(FORMULA_OVERLAY, "utf-8")
    book = load_rulebook(path)
    plan = recommend({"stage": "startup", "sourcing": "own_stock"}, book, pay=PAY)
    row = next(row for row in rows(render_plan_csv(plan)) if row["id"] == "x_formula")
    assert row["name_en"] == '\'=HYPERLINK("http://example.invalid")'
    assert row["name_zh"] == "'@主播"
    assert row["duties_en"] == "'+1 a duty"
    assert row["duties_zh"] == "'-1 职责"
    assert row["monthly_cost"] == ""  # the overlay's role has no pay: an empty cell, never 0
    team = tmp_path / "team.csv"
    team.write_text("name,roles\n=cmd|' /C calc'!A0,owner\n=cmd|' /C calc'!A0,streamer\n", "utf-8")
    found = gap({"stage": "startup", "sourcing": "own_stock", "pay": PAY}, read_team(team))
    twice = next(row for row in rows(render_gap_csv(found)) if row["finding"] == "named_twice")
    assert twice["person"] == "'=cmd|' /C calc'!A0"
    # a negative amount is a number, not text: it stays as it is
    a = recommend({"stage": "growth", "sourcing": "own_stock"}, pay=PAY)
    b = recommend({"stage": "startup", "sourcing": "own_stock"}, pay=PAY)
    changes = rows(render_compare_csv(a.diff(b)))
    assert any(float(row["cost_change"]) < 0 and row["cost_change"].startswith("-") for row in changes)


def read_team(path: Path) -> CurrentTeam:
    """A team file read as the command line reads it (CSV through the bounded reader)."""
    return load_team(str(path))[0]


@pytest.mark.parametrize(
    "profile",
    [
        {"stage": "startup", "sourcing": "own_stock", "formats": ["livestream", "short_video"], "paid_ads": True},
        {"stage": "growth", "sourcing": "dropship", "influencers": True, "headcount_budget": 5},
        {"stage": "mature", "sourcing": "affiliate_pool", "monthly_budget": 90000},
    ],
)
def test_every_answer_with_pay_is_what_its_schema_says(profile: dict[str, Any]) -> None:
    priced = {**profile, "pay": PAY}
    team = {"person": [{"name": "A", "roles": ["owner", "streamer"]}, {"name": "A", "roles": ["pr"]}]}
    answers = {
        "plan": recommend(priced),
        "roadmap": roadmap(priced),
        "gap": gap(priced, team),
        "compare": recommend(priced).diff(recommend({**priced, "paid_ads": not profile.get("paid_ads", False)})),
        "whatif": whatif(priced),
    }
    answers_by_workload = roadmap(priced, workloads=[{"live_hours_per_day": 2}, {"live_hours_per_day": 13}])
    for kind, answer in [*answers.items(), ("roadmap", answers_by_workload)]:
        Draft202012Validator(output_schema(kind)).validate(json.loads(render_json(answer)))  # type: ignore[arg-type]


def test_a_roadmap_over_workloads_hires_in_the_order_the_workload_calls() -> None:
    levels = [{"orders_per_day": 100, "live_hours_per_day": 3}, {"orders_per_day": 900, "live_hours_per_day": 14}]
    found = roadmap({"stage": "growth", "sourcing": "own_stock", "pay": PAY}, workloads=levels)
    [step] = found.steps
    assert found.by == "workload"
    assert step.from_stage == step.to_stage == "growth"
    assert step.workload_before == {"live_hours": 3.0, "orders_per_day": 100.0}
    plans = [recommend({"stage": "growth", "sourcing": "own_stock", **level}) for level in levels]
    seats = [{role.id: role.headcount for role in plan.roles} for plan in plans]
    assert step.apply(seats[0]) == dict(sorted(seats[1].items()))  # every seat the workload calls for, once
    used = {role: a for a in plans[1].assumptions for role in a.roles}
    fractions = []
    for hire in step.hires:
        assert hire.headcount == 1
        trigger = hire.trigger
        assert trigger is not None
        assert trigger.seat == hire.total
        assert trigger.past == (hire.total - 1) * used[hire.role].value
        assert trigger.per == used[hire.role].id
        low, high = step.workload_before[trigger.measure], step.workload_after[trigger.measure]  # type: ignore[index]
        fractions.append((trigger.past - low) / (high - low))
    assert fractions == sorted(fractions)
    text = render_roadmap_markdown(found)
    assert "the 2nd once live hours a day pass 4" in text
    assert "the 2nd once orders a day pass 250" in text
