"""The comparison of two plans (markdown, HTML with both org charts, JSON) and the what-if table, in every language."""

from __future__ import annotations

import json
import re

import pytest

from tiktok_team import BusinessProfile, fact_space, load_rulebook, recommend, whatif
from tiktok_team.render._compare import compare_command, render_compare_html, render_compare_markdown
from tiktok_team.render._markdown import md_text
from tiktok_team.render._whatif import render_whatif_markdown, whatif_command

SPACE = list(fact_space(load_rulebook()))
PAIRS = list(zip(SPACE[5::211], SPACE[100::173], strict=False))


@pytest.mark.parametrize(("a", "b"), PAIRS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_lists_every_change_with_its_rules(a: BusinessProfile, b: BusinessProfile, lang: str) -> None:
    diff = recommend(a).diff(recommend(b))
    text = render_compare_markdown(diff, lang, ("a.toml", "b.toml"))
    assert text.startswith("# Comparison: a.toml → b.toml" if lang == "en" else "# 方案对比：a.toml → b.toml")
    book = diff.after.rulebook
    for change in (*diff.added, *diff.removed):
        role = book.roles[change.role]
        name = md_text(f"{role.en} ({role.zh})" if lang == "en" else f"{role.zh}（{role.en}）")
        row = next(line for line in text.splitlines() if line.startswith(f"| {name} | "))
        assert all(cause.rule in row for cause in change.reasons)
    rows = sum(len(c.new) + len(c.dropped) for c in diff.edges.values())
    kinds = (
        ("reports to", "supports", "feeds", "collaborates", "can cover")
        if lang == "en"
        else ("汇报", "协助", "交付", "协作", "可兼任")
    )
    assert sum(1 for line in text.splitlines() if line.startswith(tuple(f"| {k} |" for k in kinds))) == rows
    if lang == "zh":
        assert re.search(r"[A-Za-z]+ starts to fire|stops firing", text) is None


def test_both_languages_give_the_english_then_the_chinese() -> None:
    a, b = (
        recommend({"stage": "startup", "sourcing": "own_stock"}),
        recommend({"stage": "growth", "sourcing": "own_stock"}),
    )
    diff = a.diff(b)
    assert render_compare_markdown(diff, "both") == render_compare_markdown(
        diff, "en"
    ) + "\n" + render_compare_markdown(diff, "zh")
    table = whatif({"stage": "growth", "sourcing": "dropship"})
    assert render_whatif_markdown(table, "both") == render_whatif_markdown(table, "en") + "\n" + render_whatif_markdown(
        table, "zh"
    )


def test_equal_profiles_say_so_in_every_format() -> None:
    plan = recommend({"stage": "mature", "sourcing": "own_stock", "paid_ads": True})
    assert "The two profiles are the same, so are their plans." in compare_command(plan, plan, "markdown")
    assert "两份业务资料相同，方案也相同。" in compare_command(plan, plan, "markdown", "zh")
    data = json.loads(compare_command(plan, plan, "json"))
    assert (data["profile"], data["unchanged"], data["added"], data["removed"]) == ([], True, [], [])
    assert "The two profiles are the same" in compare_command(plan, plan, "html")


def test_json_has_the_contract_keys_and_reasons_on_every_item() -> None:
    a = recommend({"stage": "startup", "sourcing": "own_stock"})
    b = recommend({"stage": "growth", "sourcing": "affiliate_pool", "paid_ads": True})
    data = json.loads(compare_command(a, b, "json"))
    diff_roles = set(a.rulebook.roles)
    keys = {"schema_version", "profile", "unchanged", "headcount", "added", "removed", "resized", "edges", "advice"}
    assert set(data) == {*keys, "names", "cost"}
    assert data["cost"] is None  # without pay: no cost
    assert set(data["edges"]) == {"reports_to", "supports", "feeds", "collaborates", "can_cover"}
    assert set(data["advice"]) == {"gained", "lost"}
    for item in (*data["added"], *data["removed"], *data["resized"]):
        assert item["role"] in diff_roles
        assert item["reasons"]
        assert {reason["change"] for reason in item["reasons"]} <= {"starts", "stops"}
        assert all(reason["sentence"]["en"] and reason["sentence"]["zh"] for reason in item["reasons"])
        assert data["names"][item["role"]]["name"] == item["name"]
    assert compare_command(a, b, "json") == compare_command(a, b, "json")
    # what changed, worked out from the two plans themselves, not from their diff
    before, after = a.profile.model_dump(mode="json"), b.profile.model_dump(mode="json")
    changed = {field: (before[field], after[field]) for field in before if before[field] != after[field]}
    assert {row["field"]: (row["before"], row["after"]) for row in data["profile"]} == changed
    assert (data["unchanged"], data["headcount"]) == (False, {"before": a.headcount, "after": b.headcount})
    seats_a, seats_b = ({role.id: role.headcount for role in plan.roles} for plan in (a, b))
    assert {item["role"]: item["headcount"] for item in data["added"]} == {
        role: n for role, n in seats_b.items() if role not in seats_a
    }
    assert {item["role"]: item["headcount"] for item in data["removed"]} == {
        role: n for role, n in seats_a.items() if role not in seats_b
    }
    assert {item["role"]: (item["before"], item["after"]) for item in data["resized"]} == {
        role: (seats_a[role], seats_b[role])
        for role in seats_a.keys() & seats_b.keys()
        if seats_a[role] != seats_b[role]
    }
    both_ways = {"collaborates", "can_cover"}  # stored both ways in a plan's graph, listed once, from the smaller id
    edges_a, edges_b = (
        {(*(sorted((u, v)) if kind in both_ways else (u, v)), kind) for u, v, kind in plan.graph.edges(keys=True)}
        for plan in (a, b)
    )
    for kind, lists in data["edges"].items():
        assert {(e["source"], e["target"]) for e in lists["new"]} == {
            (u, v) for u, v, k in edges_b - edges_a if k == kind
        }
        assert {(e["source"], e["target"]) for e in lists["dropped"]} == {
            (u, v) for u, v, k in edges_a - edges_b if k == kind
        }
    advice_a, advice_b = ({advice.id for advice in plan.advice} for plan in (a, b))
    assert {advice["id"] for advice in data["advice"]["gained"]} == advice_b - advice_a
    assert {advice["id"] for advice in data["advice"]["lost"]} == advice_a - advice_b


@pytest.mark.parametrize("lang", ["en", "zh", "both"])
def test_html_shows_both_charts_with_what_changed_marked(lang: str) -> None:
    a = recommend({"stage": "startup", "sourcing": "own_stock", "formats": ["livestream", "short_video"]})
    b = recommend(
        {"stage": "growth", "sourcing": "own_stock", "formats": ["livestream", "short_video"], "paid_ads": True}
    )
    diff = a.diff(b)
    page = render_compare_html(diff, lang, ("startup <a>", "growth & ads"))
    assert page.count("<svg") == 2
    assert "<script" not in page
    assert "startup <a>" not in page
    assert "startup &lt;a&gt;" in page
    chart_a, chart_b = page.split("<svg")[1:3]
    marked_b = set(re.findall(r'<g id="node\d+" class="node added">\s*<title>([^<]+)</title>', chart_b))
    marked_a = set(re.findall(r'<g id="node\d+" class="node removed">\s*<title>([^<]+)</title>', chart_a))
    assert {r.role for r in diff.added} <= marked_b
    assert {r.role for r in diff.removed} <= marked_a
    assert marked_b == set(b.graph.nodes) - set(a.graph.nodes)
    assert marked_a == set(a.graph.nodes) - set(b.graph.nodes)
    resized = {r.role for r in diff.resized}
    assert resized == set(re.findall(r'class="node resized">\s*<title>([^<]+)</title>', chart_b))
    new_edges = sum(len(c.new) for c in diff.edges.values())
    assert chart_b.count('class="edge added"') == new_edges
    assert chart_a.count('class="edge removed"') == sum(len(c.dropped) for c in diff.edges.values())
    assert 'class="node added"' not in chart_a
    assert 'class="node removed"' not in chart_b


def test_unknown_format_or_language_is_refused() -> None:
    plan = recommend({"stage": "growth", "sourcing": "dropship"})
    with pytest.raises(ValueError, match="format must be one of json, markdown, html"):
        compare_command(plan, plan, "svg")
    with pytest.raises(ValueError, match="lang must be one of"):
        compare_command(plan, plan, "markdown", "fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="format must be one of json, markdown"):
        whatif_command(whatif({"stage": "growth", "sourcing": "dropship"}), "html")


@pytest.mark.parametrize("profile", SPACE[::331])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_what_if_markdown_has_a_row_per_change_in_the_tables_order(profile: BusinessProfile, lang: str) -> None:
    table = whatif(profile)
    lines = [line for line in render_whatif_markdown(table, lang).splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(lines) == len(table.rows)
    for line, row in zip(lines, table.rows, strict=True):
        cells = line.split(" | ")
        assert cells[2] == str(row.score)
        assert cells[6] == f"{row.diff.headcount_before} → {row.diff.headcount_after}"
    data = json.loads(whatif_command(table, "json"))
    assert [r["score"] for r in data["rows"]] == [row.score for row in table.rows]
    assert data["profile"] == profile.model_dump(mode="json")
