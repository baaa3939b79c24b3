"""Browsing the rulebook: list rules, show one in words, and the coverage table from guidance to rules."""

from __future__ import annotations

from typing import Any

from ._condition import words
from ._entries import Rule
from ._errors import RulebookError, suggest
from ._rulebook import Rulebook

__all__ = [
    "assumption_rows",
    "assumptions_data",
    "coverage_markdown",
    "describe_rule",
    "list_rules",
    "pay_key_rows",
    "rule_summary",
]


def list_rules(book: Rulebook, source: str | None = None, guidance: str | None = None) -> list[Rule]:
    """The rules of ``book``, sorted by id, optionally only those citing ``source`` and/or ``guidance``.

    Raises
    ------
    RulebookError
        For a source key or guidance id that the rulebook does not have.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> [rule.id for rule in list_rules(load_rulebook(), guidance="G17")]
    ['affiliate-no-shop-side', 'affiliate-no-shop-specialists', 'dropship-has-shop']
    """
    if source is not None and source not in book.sources:
        raise RulebookError(f"unknown source '{source}'{suggest(source, book.sources)}")
    if guidance is not None and guidance not in book.guidance:
        raise RulebookError(f"unknown guidance id '{guidance}'{suggest(guidance, book.guidance)}")
    return [
        rule
        for rule in book.rules.values()
        if (source is None or rule.source == source) and (guidance is None or rule.guidance == guidance)
    ]


def rule_summary(rule: Rule) -> dict[str, str]:
    """A rule's id, citation and file: a row of ``tiktok-team rules list --format json``.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> rule_summary(load_rulebook().rules["affiliate-keeps-selector"])["guidance"]
    'G18'
    """
    return rule.model_dump(mode="json", include={"id", "source", "section", "guidance", "basis", "file"})


def describe_rule(book: Rulebook, rule_id: str) -> str:
    """A rule in words: its condition, its effects, its citation, why it is inferred (in English and, where the rule
    gives it, Chinese) and the guidance it encodes.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> print(describe_rule(load_rulebook(), "affiliate-keeps-selector"))
    Rule affiliate-keeps-selector (rules/three-stages.toml)
    When: sourcing is the affiliate pool
    Then: adds Product selector / product manager
    Cites: three-stages §1, G18, stated
    Guidance G18: Even without goods of its own, the team keeps someone who can select products:
    live commerce starts from the goods.
    """
    rule = book.rules.get(rule_id)
    if rule is None:
        raise RulebookError(f"unknown rule '{rule_id}'{suggest(rule_id, book.rules)}")

    def names(role_ids: tuple[str, ...] | list[str]) -> str:
        return ", ".join(book.roles[r].en for r in role_ids)

    effects = []
    if rule.include:
        effects.append(f"adds {names(rule.include)}")
    if rule.exclude:
        effects.append(f"removes {names(rule.exclude)}")
    if rule.split:
        stays = " (which stays)" if rule.split.keep else ""
        effects.append(f"splits {names([rule.split.source_role])}{stays} into {names(rule.split.into)}")
    for rel in rule.relate:
        effects.append(f"draws {rel.kind} from {names(rel.sources)} to {names(rel.targets)}")
    if rule.scale:
        effects.append("sets headcount " + ", ".join(f"{book.roles[r].en} {n}" for r, n in rule.scale.items()))
    if rule.rank:
        effects.append("ranks " + ", ".join(f"{book.roles[r].en} {n}" for r, n in rule.rank.items()))
    effects += [f"advises: {book.advice[a].en}" for a in rule.advise]
    effects += [f"gives {book.roles[h.role].en} the duty: {book.duties[h.duty].en}" for h in rule.hold]
    effects += [f"derives: {book.derived[d].en}" for d in rule.derive]
    lines = [
        f"Rule {rule.id} ({rule.file})",
        f"When: {words(rule.when, 'en', {d: f.en for d, f in book.derived.items()})}",
        f"Then: {'; '.join(effects)}",
        f"Cites: {rule.source} {rule.section}, {rule.guidance}, {rule.basis}",
    ]
    if rule.because:
        lines.append(f"Inferred because: {rule.because}")
    if rule.because_zh:
        lines.append(f"推断依据：{rule.because_zh}")
    if rule.priority:
        lines.append(f"Priority: {rule.priority}")
    if rule.corroborates:
        lines.append(f"Corroborates: {rule.corroborates} (does what that rule does, from another source, on purpose)")
    lines.append(f"Guidance {rule.guidance}: {book.guidance[rule.guidance].text}")
    return "\n".join(lines)


def assumption_rows(book: Rulebook) -> list[dict[str, Any]]:
    """The capacity assumptions of ``book``, each with the roles it sizes: what ``tiktok-team assumptions --format
    json`` prints and ``GET /v1/assumptions`` answers.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> row = next(row for row in assumption_rows(load_rulebook()) if row["id"] == "streamer_hours_per_day")
    >>> row["value"], row["unit"], row["sizes"]
    (4.0, 'live hours a day', ['streamer (by live_hours)'])
    """
    sizes: dict[str, list[str]] = {name: [] for name in book.assumptions}
    for load in book.workloads.values():
        sizes[load.per].append(f"{load.role} (by {load.measure})")
    return [{**a.model_dump(mode="json"), "sizes": sizes[a.id]} for a in book.assumptions.values()]


def assumptions_data(book: Rulebook) -> list[dict[str, Any]]:
    """What ``tiktok-team assumptions --format json`` prints and ``GET /v1/assumptions`` answers: the capacity
    assumptions (:func:`assumption_rows`), then the keys of a pay table (:func:`pay_key_rows`)."""
    return [*assumption_rows(book), *pay_key_rows(book)]


def pay_key_rows(book: Rulebook) -> list[dict[str, Any]]:
    """The keys of a pay table, as rows beside the capacity assumptions: the currency, the on-cost and a monthly pay
    per role, none with a default but the on-cost (the sources give no pay): after :func:`assumption_rows` in what
    ``tiktok-team assumptions --format json`` prints and ``GET /v1/assumptions`` answers.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> [(row["id"], row["value"]) for row in pay_key_rows(load_rulebook())][:3]
    [('pay.currency', None), ('pay.on_cost', 1.0), ('pay.roles.ad_analyst', None)]
    """
    because = "The sources give no pay: give your market's own figures (examples/pay.toml is an example to replace)."
    rows: list[dict[str, Any]] = [
        {
            "id": "pay.currency",
            "value": None,
            "unit": "ISO 4217 code",
            "en": "The currency of every pay and cost, such as CNY or USD (no conversion is made)",
            "zh": "所有薪资与成本的币种，如 CNY、USD（不做换算）",
            "because": because,
            "sizes": [],
        },
        {
            "id": "pay.on_cost",
            "value": 1.0,
            "unit": "multiplier",
            "en": "What a seat costs the employer per unit of pay (taxes, social insurance, benefits), from 1 to 3",
            "zh": "每单位薪资的用人成本（税费、社保、福利），1 到 3",
            "because": "1 counts pay alone; give your own on-costs.",
            "sizes": [],
        },
    ]
    rows += [
        {
            "id": f"pay.roles.{role.id}",
            "value": None,
            "unit": "a month, one seat",
            "en": f"Monthly pay of one {role.en} seat",
            "zh": f"一名{role.zh}的月薪",
            "because": because,
            "sizes": [role.id],
        }
        for role in book.roles.values()
    ]
    return rows


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
