"""One function per command: from the parsed arguments to the command's output (its text).

Each function imports what its command needs when it runs, so a command pays only for its own work: ``schema``
never loads the engine, ``plan`` never loads the HTTP service. A command that finds failures (``rules verify``,
``rules test``) raises :class:`~tiktok_team.cli.outputs.Failures` with its report.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .inputs import add_pay, load_profile, load_team, load_workloads
from .outputs import Failures

if TYPE_CHECKING:
    from .._plan import Plan
    from .._profile import BusinessProfile
    from .._rulebook import Rulebook
    from ..render._json import HasDict

__all__ = [
    "assumptions",
    "catalog",
    "compare",
    "explain",
    "gap",
    "plan",
    "roadmap",
    "rules_coverage",
    "rules_lint",
    "rules_list",
    "rules_show",
    "rules_test",
    "rules_verify",
    "schema",
    "serve",
    "whatif",
]


def _rulebook(args: argparse.Namespace) -> Rulebook:
    from .._rulebook import load_rulebook

    return load_rulebook(*args.rules)


def _profile(args: argparse.Namespace, file: str | None = None) -> BusinessProfile:
    roles = _rulebook(args).roles if args.pay or args.assumptions else ()
    return load_profile(file or args.file, args.input_format, args.assumptions, args.pay, roles)


def _workloads(args: argparse.Namespace) -> list[Any] | None:
    """The levels of workload of ``roadmap``'s options (each a list, one figure a level) or ``--workloads`` file;
    None when none is given."""
    from .._errors import ProfileError
    from .parser import WORKLOAD_OPTIONS

    given = {field: getattr(args, field) for field in WORKLOAD_OPTIONS if getattr(args, field) is not None}
    if args.workloads:
        if given:
            raise ProfileError("give the levels of workload either in --workloads or as options, not both")
        return load_workloads(args.workloads)
    if not given:
        return None
    sizes = {len(figures) for figures in given.values()}
    if len(sizes) > 1:
        shown = ", ".join(f"--{field.replace('_', '-')} {len(figures)}" for field, figures in given.items())
        raise ProfileError(f"each workload option needs one figure a level, the same number of levels: {shown}")
    return [{field: figures[n] for field, figures in given.items()} for n in range(sizes.pop())]


def _plan(args: argparse.Namespace, file: str | None = None) -> Plan:
    from .._recommend import recommend

    keep, backward = _scope(args)
    return recommend(_profile(args, file), _rulebook(args), keep=keep, backward=backward)


def _scope(args: argparse.Namespace) -> tuple[frozenset[str], bool]:
    """``--keep`` and ``--backward`` of the commands that take them (nothing kept for the others), the fact names
    checked: a bad one is an error naming ``--keep``."""
    if not hasattr(args, "keep"):
        return frozenset(), False
    from .._dimensions import change_scope

    scope = change_scope(args.keep, args.backward, where="--keep")
    return scope.keep, scope.backward


def _in_format(result: HasDict, fmt: str, lang: str, renderers: Mapping[str, str]) -> str:
    """``result`` as JSON, or drawn by its renderer for ``fmt``: the name of a function of :mod:`tiktok_team.render`
    that takes the result and the language. Only that renderer is imported (a markdown plan never loads the
    pictures' modules, nor networkx)."""
    from .. import render

    if fmt == "json":
        return render.render_json(result)
    draw: Callable[[Any, Any], str] = getattr(render, renderers[fmt])
    return draw(result, lang)


def plan(args: argparse.Namespace) -> str:
    """``tiktok-team plan FILE``: the plan in any of its formats; the markdown and HTML reports name the rules
    behind each reason with ``--detail``."""
    from .. import render

    result = _plan(args)
    if args.format in ("markdown", "html"):
        draw = render.render_markdown if args.format == "markdown" else render.render_html
        return draw(result, args.lang, detail=args.detail)
    pictures = {fmt: f"render_{fmt}" for fmt in ("mermaid", "dot", "graphml", "svg")}
    return _in_format(result, args.format, args.lang, {**pictures, "csv": "render_plan_csv"})


def explain(args: argparse.Namespace) -> str:
    """``tiktok-team explain FILE ROLE``: why the role is, or is not, in the plan."""
    result = _plan(args)
    result.check_role(args.role)
    in_plan = any(role.id == args.role for role in result.roles)
    explained = result.why if in_plan else result.why_not
    return explained(args.role, args.lang, args.detail) + "\n"


def roadmap(args: argparse.Namespace) -> str:
    """``tiktok-team roadmap FILE``: the hiring plan to the next stage and to maturity."""
    from .._roadmap import roadmap as hiring_plan

    pictures = {fmt: f"render_roadmap_{fmt}" for fmt in ("markdown", "mermaid", "dot", "svg", "csv")}
    workloads = _workloads(args)
    result = hiring_plan(_profile(args), _rulebook(args), workloads=workloads)
    return _in_format(result, args.format, args.lang, pictures)


def gap(args: argparse.Namespace) -> str:
    """``tiktok-team gap FILE --team TEAM_FILE``: the current team against the plan."""
    from .._errors import TeamError
    from .._gap import gap as team_gap

    profile = _profile(args)
    team, where = load_team(args.team)
    try:
        result = team_gap(profile, team, _rulebook(args))
    except TeamError as exc:
        raise TeamError(str(exc), where) from None
    return _in_format(result, args.format, args.lang, {"markdown": "render_gap_markdown", "csv": "render_gap_csv"})


def compare(args: argparse.Namespace) -> str:
    """``tiktok-team compare A B``: what changes from the plan of A to the plan of B, and why."""
    from .._errors import ProfileError
    from ..render import compare_command

    if args.a == "-" and args.b == "-":
        raise ProfileError("only one of the two profiles can come from standard input", "<stdin>")
    labels = [("stdin" if path == "-" else Path(path).stem) for path in (args.a, args.b)]
    if labels[0] == labels[1]:
        labels = ["A", "B"]
    return compare_command(_plan(args, args.a), _plan(args, args.b), args.format, args.lang, labels)


def whatif(args: argparse.Namespace) -> str:
    """``tiktok-team whatif FILE``: the sensitivity table of the profile's plan."""
    from .._whatif import whatif as sweep
    from ..render import whatif_command

    keep, backward = _scope(args)
    return whatif_command(sweep(_profile(args), _rulebook(args), keep=keep, backward=backward), args.format, args.lang)


def schema(args: argparse.Namespace) -> str:
    """``tiktok-team schema [--output-of KIND]``: the JSON Schema of a business profile, or of a JSON output. The
    profile's comes from the file generated from its model (so that the command never builds the model, see
    :mod:`tiktok_team._schemas`)."""
    if args.output_of:
        from .._contract import output_schema

        return json.dumps(output_schema(args.output_of), ensure_ascii=False, indent=2) + "\n"
    from .._schemas import read_schema

    return read_schema("profile")


def serve(args: argparse.Namespace) -> str | int:
    """``tiktok-team serve``: the HTTP API and the planner page, until interrupted; status 1 if a worker stops."""
    from .._profile import BusinessProfile
    from ..serve.server import WorkerStopped
    from ..serve.server import serve as run_server  # the serve extra: only this command imports it

    start = load_profile(args.profile, pay=args.pay) if args.profile else None
    if start is None and args.pay:  # pay alone: the page starts from its usual business, priced
        from ..serve.app import DEFAULT_START

        start = add_pay(BusinessProfile.parse(DEFAULT_START), args.pay)
    try:
        run_server(
            host=args.host,
            port=args.port,
            rules=args.rules,
            workers=args.workers,
            start=start,
            cors_origins=args.cors_origins,
        )
    except WorkerStopped as exc:
        print(f"tiktok-team: error: {exc}", file=sys.stderr)
        return 1
    return ""


def catalog(args: argparse.Namespace) -> str:
    """``tiktok-team catalog``: the catalog of the rulebook (roles, duties, advice, facts ...) as JSON or markdown."""
    from .._catalog import catalog as view

    return _in_format(view(_rulebook(args)), args.format, args.lang, {"markdown": "render_catalog_markdown"})


def assumptions(args: argparse.Namespace) -> str:
    """``tiktok-team assumptions``: the capacity assumptions behind workload headcounts, then the pay keys (which
    have no defaults: the sources give no pay)."""
    from .._browse import assumption_rows, assumptions_data, pay_key_rows

    book = _rulebook(args)
    if args.format == "json":
        return json.dumps(assumptions_data(book), ensure_ascii=False, indent=2) + "\n"
    rows = assumption_rows(book)
    pay = pay_key_rows(book)
    lines = ["| Assumption | Default | Sizes | Meaning | Why this default |", "| --- | --- | --- | --- | --- |"]
    for row in rows:
        lines.append(
            f"| `{row['id']}` | {row['value']:g} {row['unit']} | {', '.join(row['sizes'])} | {row['en']} | "
            f"{row['because']} |"
        )
    lines += [
        "",
        "Pay (in a profile's [pay] table, an assumptions file's [pay] table, or --pay FILE; see examples/pay.toml):",
        "",
        "| Key | Default | Meaning |",
        "| --- | --- | --- |",
    ]
    for key in pay:
        default = "none" if key["value"] is None else f"{key['value']:g}"
        lines.append(f"| `{key['id']}` | {default} | {key['en']} |")
    return "\n".join(lines) + "\n"


def rules_coverage(args: argparse.Namespace) -> str:
    """``tiktok-team rules coverage``: guidance id -> the rules that encode it."""
    from .._browse import coverage_markdown

    return coverage_markdown(_rulebook(args))


def rules_list(args: argparse.Namespace) -> str:
    """``tiktok-team rules list``: the rules, sorted by id."""
    from .._browse import list_rules, rule_summary

    rules = list_rules(_rulebook(args), args.source, args.guidance)
    if args.format == "json":
        return json.dumps([rule_summary(rule) for rule in rules], ensure_ascii=False, indent=2) + "\n"
    lines = ["| Rule | Cites | Basis | File |", "| --- | --- | --- | --- |"]
    lines += [f"| `{r.id}` | {r.source} {r.section}, {r.guidance} | {r.basis} | {r.file} |" for r in rules]
    return "\n".join(lines) + "\n"


def rules_lint(args: argparse.Namespace) -> str:
    """``tiktok-team rules lint FILE...``: load the rule files, reporting the first authoring error."""
    from .._rulebook import load_rulebook

    book = load_rulebook(*args.rules, *args.files)
    return f"ok: {len(book.rules)} rules, {len(book.roles)} roles in {len(book.files)} files\n"


def rules_show(args: argparse.Namespace) -> str:
    """``tiktok-team rules show ID``: one rule in words."""
    from .._browse import describe_rule

    return describe_rule(_rulebook(args), args.rule) + "\n"


def rules_verify(args: argparse.Namespace) -> str:
    """``tiktok-team rules verify``: the rulebook checked over its whole fact space."""
    from .. import render
    from .._verify import verify

    book = _rulebook(args)
    started = time.perf_counter()
    report = verify(book)
    elapsed = time.perf_counter() - started
    print(f"tiktok-team: checked {report.profiles} profiles in {elapsed:.1f} s", file=sys.stderr)
    text = render.render_json(report) if args.format == "json" else render.render_verify_markdown(report)
    if not report.clean:
        raise Failures(text)
    return text


def rules_test(args: argparse.Namespace) -> str:
    """``tiktok-team rules test FILE...``: the scenario files run against the rulebook; with ``--coverage``, which
    rules they fire (and, with ``--min``, whether enough)."""
    from .._errors import TiktokTeamError

    if not args.coverage:
        for given, name in ((args.format == "csv", "--format csv"), (args.min is not None, "--min")):
            if given:
                raise TiktokTeamError(f"rules test: {name} is for the coverage report: add --coverage")
        from ..render import rules_test_command as run_scenarios

        text, status = run_scenarios(args.scenario_files, args.rules, args.format)
        if status:
            raise Failures(text)
        return text
    from .._scenario_coverage import coverage_of_scenario_files
    from ..render import render_coverage

    coverage = coverage_of_scenario_files(args.scenario_files, args.rules)
    text = render_coverage(coverage, args.format)
    problems = coverage.problems(args.min)
    for problem in problems:
        print(f"tiktok-team: {problem}", file=sys.stderr)
    if problems:
        raise Failures(text)
    return text
