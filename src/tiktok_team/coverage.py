"""The coverage table: each guidance item of the sources, and the rules that encode it."""

from __future__ import annotations

from .rulebook import Rulebook

__all__ = ["coverage_markdown"]


def coverage_markdown(book: Rulebook) -> str:
    """A markdown table from guidance id to the rules citing it, with a summary line.

    ``docs/coverage.md`` is this table for the bundled rulebook; a test fails when it is stale
    (regenerate it with ``make docs``).

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> table = coverage_markdown(load_rulebook())
    >>> "| G17 | three-stages §1 |" in table
    True
    """
    rules = list(book.rules.values())
    inferred = sum(rule.basis == "inferred" for rule in rules)
    cited = [g for g in book.guidance if book.rules_for_guidance(g)]
    out = [
        "# Guidance coverage",
        "",
        "Generated from the rulebook by `tiktok-team rules coverage`; do not edit by hand (`make docs` rewrites it).",
        "",
        f"{len(cited)} of {len(book.guidance)} guidance items are encoded by {len(rules)} rules "
        f"({len(rules) - inferred} stated, {inferred} inferred).",
        "",
        "| Guidance | Source | Paraphrase | Rules |",
        "| --- | --- | --- | --- |",
    ]
    for item in book.guidance.values():
        citing = book.rules_for_guidance(item.id)
        listed = "<br>".join(f"`{rule.id}` ({rule.basis})" for rule in citing) or "**none**"
        kind = " *(advice)*" if item.advice else ""
        out.append(f"| {item.id} | {item.source} {item.section} | {item.text}{kind} | {listed} |")
    return "\n".join(out) + "\n"
