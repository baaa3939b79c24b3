"""Spreadsheets: a plan, a roadmap, a comparison and a gap as CSV that Excel and LibreOffice open as they are.

The text is UTF-8 and begins with a byte order mark (U+FEFF): without it Excel reads a CSV file in the machine's
legacy code page and garbles the Chinese; LibreOffice and Python (``encoding="utf-8-sig"``) skip it. Rows end in
CRLF and cells are quoted where they must be (RFC 4180, Python's :mod:`csv`). The header is a row of fixed English
column names (so that a formula or a script can find a column whatever the language); names and duties come in both
languages, each in its own column, so ``lang`` does not change a CSV.

A cell of text that would start with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) gets a leading
apostrophe (:func:`safe_cell`): a spreadsheet would take it for a formula, and the text of a rule file, an overlay or
a team file is not to be trusted. Numbers (headcounts, amounts, a negative change of cost) stay numbers.

Examples
--------
>>> safe_cell("=HYPERLINK(1)"), safe_cell("@sum"), safe_cell(-2400.0), safe_cell(3), safe_cell("streamer")
("'=HYPERLINK(1)", "'@sum", -2400, 3, 'streamer')
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .._lazy import publish
from .._plan import Plan
from ._hiring import step_workload, trigger_words

if TYPE_CHECKING:  # each answer's module is imported only by its own renderer's caller
    from .._diff import ChangeReason, PlanDiff
    from .._gap import Gap
    from .._roadmap import Roadmap

__all__ = ["BOM", "render_compare_csv", "render_gap_csv", "render_plan_csv", "render_roadmap_csv", "safe_cell"]

BOM = "\ufeff"
"""The byte order mark every CSV output starts with, so that Excel reads it as UTF-8."""

_FORMULA = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


def safe_cell(value: Cell) -> Cell:
    """A cell as written: text that a spreadsheet would run as a formula gets a leading apostrophe; a whole number
    held as a float becomes an int (``15600.0`` is written ``15600``); None stays an empty cell."""
    if isinstance(value, str):
        return f"'{value}" if value.startswith(_FORMULA) else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return BOM + out.getvalue()


def render_plan_csv(plan: Plan, lang: str = "en") -> str:
    """A plan as CSV: a row per role, in the plan's order (departments, teams, keep-order).

    Columns: ``order``, ``id``, ``name_en``, ``name_zh``, ``department``, ``team``, ``reports_to`` (the team,
    department or owner above it), ``headcount``, ``pay`` (of one seat, as given), ``monthly_cost`` (its seats, with
    the on-cost), ``currency``, ``duties_en``, ``duties_zh`` (one duty a line, the duties it also holds after them).
    Without pay, ``pay``, ``monthly_cost`` and ``currency`` are empty, as they are for a role without pay. ``lang`` is
    accepted for the command line's sake: both languages are always there.

    Examples
    --------
    >>> import csv, io
    >>> from tiktok_team import recommend
    >>> plan = recommend({"stage": "startup", "sourcing": "affiliate_pool"}, pay={"currency": "XTS", "roles": {
    ...     "owner": 100}})
    >>> rows = list(csv.DictReader(io.StringIO(render_plan_csv(plan).removeprefix(BOM))))
    >>> [(row["order"], row["id"], row["reports_to"], row["monthly_cost"]) for row in rows][:3]
    [('1', 'owner', '', '100'), ('2', 'streamer', 'live', ''), ('3', 'live_controller', 'live', '')]
    """
    cost = plan.cost
    header = [
        "order",
        "id",
        "name_en",
        "name_zh",
        "department",
        "team",
        "reports_to",
        "headcount",
        "pay",
        "monthly_cost",
        "currency",
        "duties_en",
        "duties_zh",
    ]
    rows: list[list[Cell]] = []
    for n, role in enumerate(plan.roles, start=1):
        held = [("Also: " + h.name.en, "兼管：" + h.name.zh) for h in role.holds]
        rows.append(
            [
                n,
                role.id,
                role.name.en,
                role.name.zh,
                role.department or "",
                role.team or "",
                role.team or role.department or "",
                role.headcount,
                None if cost is None else cost.roles[n - 1].pay,
                None if cost is None else cost.roles[n - 1].cost,
                None if cost is None else cost.currency,
                "\n".join([*(line.en for line in role.duties), *(en for en, _ in held)]),
                "\n".join([*(line.zh for line in role.duties), *(zh for _, zh in held)]),
            ]
        )
    return _csv(header, rows)


def render_roadmap_csv(roadmap: Roadmap, lang: str = "en") -> str:
    """A roadmap as CSV: a row per hire, step by step, in the order to hire.

    Columns: ``step`` (from 1), ``from``, ``to`` (the stages), ``workload`` (a roadmap over workloads: what the
    step goes between), ``order`` (within the step), ``role``, ``name_en``, ``name_zh``, ``kind`` (``new``,
    ``split``, ``more``), ``seats`` (added), ``total`` (after), ``trigger_en``, ``trigger_zh`` (what calls for the
    last seat, where the workload sizes the role), ``monthly_cost`` (of the seats added), ``currency``.

    Examples
    --------
    >>> import csv, io
    >>> from tiktok_team import roadmap
    >>> busier = roadmap({"stage": "growth", "sourcing": "own_stock"},
    ...                  workloads=[{"orders_per_day": 100}, {"orders_per_day": 300}])
    >>> rows = list(csv.DictReader(io.StringIO(render_roadmap_csv(busier).removeprefix(BOM))))
    >>> [(row["role"], row["seats"], row["trigger_en"]) for row in rows]
    [('logistics', '1', 'the 2nd once orders a day pass 250')]
    """
    book = roadmap.rulebook
    header = [
        "step",
        "from",
        "to",
        "workload",
        "order",
        "role",
        "name_en",
        "name_zh",
        "kind",
        "seats",
        "total",
        "trigger_en",
        "trigger_zh",
        "monthly_cost",
        "currency",
    ]
    rows = [
        [
            n,
            step.from_stage,
            step.to_stage,
            step_workload(step, "en") or "",
            m,
            hire.role,
            book.roles[hire.role].en,
            book.roles[hire.role].zh,
            hire.kind,
            hire.headcount,
            hire.total,
            trigger_words(hire.trigger, "en"),
            trigger_words(hire.trigger, "zh"),
            hire.cost,
            roadmap.currency if hire.cost is not None else None,
        ]
        for n, step in enumerate(roadmap.steps, start=1)
        for m, hire in enumerate(step.hires, start=1)
    ]
    return _csv(header, rows)


def _rules(causes: Iterable[ChangeReason]) -> str:
    return "; ".join(f"{cause.rule} {cause.change}" for cause in causes)


def render_compare_csv(diff: PlanDiff, lang: str = "en") -> str:
    """The roles that change between two plans as CSV: a row per role added, removed or re-sized.

    Columns: ``change`` (``added``, ``removed``, ``resized``), ``role``, ``name_en``, ``name_zh``, ``before``,
    ``after`` (its people in A and in B), ``cost_change`` (the change in monthly cost, signed: what an added role
    costs, minus what a removed one did), ``currency``, ``rules`` (the rules that start or stop firing).

    Examples
    --------
    >>> import csv, io
    >>> from tiktok_team import recommend
    >>> a = recommend({"stage": "growth", "sourcing": "own_stock"})
    >>> b = recommend({"stage": "growth", "sourcing": "own_stock", "paid_ads": True})
    >>> rows = list(csv.DictReader(io.StringIO(render_compare_csv(a.diff(b)).removeprefix(BOM))))
    >>> [(row["change"], row["role"], row["before"], row["after"]) for row in rows]
    [('added', 'ad_buyer', '0', '1')]
    """
    book = diff.after.rulebook
    currency = None if diff.cost is None else diff.cost.currency
    header = ["change", "role", "name_en", "name_zh", "before", "after", "cost_change", "currency", "rules"]
    rows: list[list[Cell]] = []
    for change, items in (("added", diff.added), ("removed", diff.removed)):
        for role in items:
            counts = (0, role.headcount) if change == "added" else (role.headcount, 0)
            delta = None if role.cost is None else (role.cost if change == "added" else -role.cost)
            names = book.roles[role.role]
            shown = None if delta is None else currency
            rows.append([change, role.role, names.en, names.zh, *counts, delta, shown, _rules(role.reasons)])
    for resize in diff.resized:
        names = book.roles[resize.role]
        rows.append(
            [
                "resized",
                resize.role,
                names.en,
                names.zh,
                resize.before,
                resize.after,
                resize.cost,
                currency if resize.cost is not None else None,
                _rules(resize.reasons),
            ]
        )
    return _csv(header, rows)


def render_gap_csv(result: Gap, lang: str = "en") -> str:
    """A gap as CSV: a row per finding.

    Columns: ``finding`` (``missing``, ``short``, ``over``, ``surplus``, ``conflict``, ``named_twice``), ``role``
    (two roles joined by ``+`` for a conflict), ``name_en``, ``name_zh``, ``person`` (for a conflict or a name given
    twice), ``planned``, ``held`` (people), ``seats`` (missing or over), ``monthly_cost`` (of those seats, with
    pay), ``currency``.

    Examples
    --------
    >>> import csv, io
    >>> from tiktok_team import gap
    >>> team = {"person": [{"name": n, "roles": ["streamer"]} for n in ("Ann", "Bo", "Cy", "Bo")]}
    >>> rows = list(csv.DictReader(io.StringIO(render_gap_csv(gap(
    ...     {"stage": "growth", "sourcing": "affiliate_pool"}, team)).removeprefix(BOM))))
    >>> [(row["finding"], row["role"], row["person"], row["seats"]) for row in rows if row["finding"] != "missing"]
    [('over', 'streamer', '', '2'), ('named_twice', '', 'Bo', '')]
    """
    book, cost = result.rulebook, result.cost
    header = ["finding", "role", "name_en", "name_zh", "person", "planned", "held", "seats", "monthly_cost", "currency"]

    def priced(role: str, seats: int) -> tuple[Cell, Cell]:
        seat = None if cost is None else cost.seats.get(role)
        return (None, None) if seat is None or cost is None else (round(seat * seats, 2), cost.currency)

    rows: list[list[Cell]] = []
    for finding, role, held, seats in (
        *(("missing", r, 0, result.planned[r]) for r in result.missing),
        *(("short", s.role, s.held, s.short) for s in result.short),
        *(("over", o.role, o.held, o.over) for o in result.over),
        *(("surplus", r, result.held[r], result.held[r]) for r in result.surplus),
    ):
        names = book.roles[role]
        rows.append(
            [finding, role, names.en, names.zh, "", result.planned.get(role, 0), held, seats, *priced(role, seats)]
        )
    for conflict in result.conflicts:
        a, b = (book.roles[r] for r in conflict.roles)
        joined = "+".join(conflict.roles)
        rows.append(
            ["conflict", joined, f"{a.en} + {b.en}", f"{a.zh} + {b.zh}", conflict.person, None, None, None, None, None]
        )
    rows += [["named_twice", "", "", "", name, None, None, None, None, None] for name in result.named_twice]
    return _csv(header, rows)


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
