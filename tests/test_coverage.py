"""Every guidance item is encoded, and docs/coverage.md is the table the rulebook generates today."""

from __future__ import annotations

from pathlib import Path

from tiktok_team import load_rulebook
from tiktok_team._browse import coverage_markdown

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_every_guidance_item_g01_to_g37_is_cited_by_a_rule() -> None:
    book = load_rulebook()
    expected = [f"G{n:02d}" for n in range(1, 38)]
    assert list(book.guidance) == expected
    assert [g for g in expected if not book.rules_for_guidance(g)] == []


def test_docs_coverage_table_is_current() -> None:
    current = coverage_markdown(load_rulebook())
    on_disk = (DOCS / "coverage.md").read_text(encoding="utf-8")
    assert on_disk == current, "docs/coverage.md is stale: run `make docs`"
