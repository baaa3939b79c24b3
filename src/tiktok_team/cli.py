"""The ``tiktok-team`` command. The only module that reads input files, writes output and exits."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .browse import coverage_markdown, describe_rule, list_rules
from .errors import ProfileError, TeamError, TiktokTeamError
from .gap import CurrentTeam, gap
from .plan import Plan
from .profile import BusinessProfile, parse_document
from .recommend import recommend
from .render import (
    FORMATS,
    render_gap_markdown,
    render_json,
    render_markdown,
    render_roadmap_markdown,
    render_verify_markdown,
)
from .roadmap import roadmap
from .rulebook import Rulebook, load_rulebook
from .verify import verify

__all__ = ["main", "run"]

TEXT_FORMATS = ("json", "markdown")
RULES_HELP = "an extra rule file (TOML) added to the bundled rulebook; repeatable"
_EXTENSIONS = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def read_document(path: str, fmt: str | None, kind: str = "profile") -> tuple[object, str]:
    """Read and decode a TOML / JSON / YAML file (``-`` for stdin); return the data and its display name."""
    where = "<stdin>" if path == "-" else path
    if fmt is None and path != "-":
        fmt = _EXTENSIONS.get(Path(path).suffix.lower())
        if fmt is None:
            hint = ", or pass --input-format" if kind == "profile" else ""
            raise ProfileError(
                f"cannot tell the format of this {kind} file from its extension; use .toml, .json, .yaml or .yml{hint}",
                where,
            )
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProfileError(f"no such {kind} file", where) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"cannot read {kind} file: {getattr(exc, 'strerror', None) or exc}", where) from None
    if fmt is None:  # stdin: JSON if it looks like JSON, else TOML, else YAML (reporting the TOML error)
        if text.lstrip().startswith("{"):
            return parse_document(text, "json", where), where
        try:
            return parse_document(text, "toml", where), where
        except ProfileError as toml_error:
            try:
                data = parse_document(text, "yaml", where)
            except ProfileError:
                raise toml_error from None
            if not isinstance(data, dict):
                raise toml_error from None
            return data, where
    return parse_document(text, fmt, where), where


class DefectsFound(Exception):
    """``rules verify`` found defects: print the report, exit with status 1."""

    def __init__(self, report: str) -> None:
        super().__init__(report)
        self.report = report


def _load_profile(args: argparse.Namespace) -> BusinessProfile:
    data, where = read_document(args.file, args.input_format)
    profile = BusinessProfile.parse(data, where)
    if getattr(args, "assumptions", None):
        overrides, source = read_document(args.assumptions, None, kind="assumptions")
        if not isinstance(overrides, dict):
            raise ProfileError("an assumptions file is a table of assumption id = value", source)
        merged = {**profile.model_dump(exclude_unset=True), "assumptions": {**profile.assumptions, **overrides}}
        profile = BusinessProfile.parse(merged, source)
    return profile


def _rulebook(args: argparse.Namespace) -> Rulebook:
    return load_rulebook(*args.rules)


def _plan(args: argparse.Namespace) -> Plan:
    return recommend(_load_profile(args), _rulebook(args))


def _cmd_plan(args: argparse.Namespace) -> str:
    plan = _plan(args)
    return render_json(plan) if args.format == "json" else render_markdown(plan, args.lang)


def _cmd_explain(args: argparse.Namespace) -> str:
    plan = _plan(args)
    plan.check_role(args.role)
    in_plan = any(role.id == args.role for role in plan.roles)
    return (plan.why(args.role, args.lang) if in_plan else plan.why_not(args.role, args.lang)) + "\n"


def _cmd_roadmap(args: argparse.Namespace) -> str:
    result = roadmap(_load_profile(args), _rulebook(args))
    return render_json(result) if args.format == "json" else render_roadmap_markdown(result, args.lang)


def _cmd_gap(args: argparse.Namespace) -> str:
    profile = _load_profile(args)
    data, where = read_document(args.team, None, kind="team")
    team = CurrentTeam.parse(data, where)
    try:
        result = gap(profile, team, _rulebook(args))
    except TeamError as exc:
        raise TeamError(str(exc), where) from None
    return render_json(result) if args.format == "json" else render_gap_markdown(result, args.lang)


def _cmd_schema(_args: argparse.Namespace) -> str:
    return json.dumps(BusinessProfile.model_json_schema(), ensure_ascii=False, indent=2) + "\n"


def _cmd_coverage(args: argparse.Namespace) -> str:
    return coverage_markdown(_rulebook(args))


def _cmd_rules_list(args: argparse.Namespace) -> str:
    rules = list_rules(_rulebook(args), args.source, args.guidance)
    if args.format == "json":
        rows = [
            rule.model_dump(mode="json", include={"id", "source", "section", "guidance", "basis", "file"})
            for rule in rules
        ]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    lines = ["| Rule | Cites | Basis | File |", "| --- | --- | --- | --- |"]
    lines += [f"| `{r.id}` | {r.source} {r.section}, {r.guidance} | {r.basis} | {r.file} |" for r in rules]
    return "\n".join(lines) + "\n"


def _cmd_rules_lint(args: argparse.Namespace) -> str:
    book = load_rulebook(*args.rules, *args.files)
    return f"ok: {len(book.rules)} rules, {len(book.roles)} roles in {len(book.files)} files\n"


def _cmd_rules_show(args: argparse.Namespace) -> str:
    return describe_rule(_rulebook(args), args.rule) + "\n"


def _cmd_rules_verify(args: argparse.Namespace) -> str:
    book = _rulebook(args)
    started = time.perf_counter()
    report = verify(book)
    elapsed = time.perf_counter() - started
    print(f"tiktok-team: checked {report.profiles} profiles in {elapsed:.1f} s", file=sys.stderr)
    text = render_json(report) if args.format == "json" else render_verify_markdown(report)
    if not report.clean:
        raise DefectsFound(text)
    return text


def _cmd_assumptions(args: argparse.Namespace) -> str:
    book = _rulebook(args)
    sizes: dict[str, list[str]] = {name: [] for name in book.assumptions}
    for load in book.workloads.values():
        sizes[load.per].append(f"{load.role} (by {load.measure})")
    if args.format == "json":
        rows = [{**a.model_dump(mode="json"), "sizes": sizes[a.id]} for a in book.assumptions.values()]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    lines = ["| Assumption | Default | Sizes | Meaning | Why this default |", "| --- | --- | --- | --- | --- |"]
    for a in book.assumptions.values():
        lines.append(f"| `{a.id}` | {a.value:g} {a.unit} | {', '.join(sizes[a.id])} | {a.en} | {a.because} |")
    return "\n".join(lines) + "\n"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tiktok-team",
        description="Recommend the team a TikTok Shop / Douyin live-commerce business should build, "
        "with every role explained by cited rules.",
        epilog="Exit status: 0 on success, 2 on bad input (profile, team, rule file or argument). "
        "See docs/user-guide.md.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, profile: bool = True, formats: bool = True) -> argparse.ArgumentParser:
        cmd = commands.add_parser(name, help=help_text, description=help_text)
        if profile:
            cmd.add_argument("file", metavar="FILE", help="business profile: .toml, .json, .yaml/.yml, or - for stdin")
            cmd.add_argument(
                "--input-format",
                choices=("toml", "json", "yaml"),
                help="format of FILE (default: from its extension; for stdin, detected)",
            )
            cmd.add_argument(
                "--assumptions",
                metavar="ASSUMPTIONS_FILE",
                help="capacity assumptions to override (a table of id = value), over those in the profile",
            )
            cmd.add_argument("--lang", choices=("en", "zh"), default="en", help="output language (default: en)")
        if formats:
            cmd.add_argument("--format", choices=FORMATS, default="markdown", help="output format (default: markdown)")
        cmd.add_argument("--rules", action="append", default=[], metavar="RULE_FILE", help=RULES_HELP)
        return cmd

    command("plan", "print the recommended team for a business profile").set_defaults(run=_cmd_plan)
    explain = command("explain", "explain why a role is, or is not, in the plan", formats=False)
    explain.add_argument("role", metavar="ROLE", help="a role id, e.g. streamer (see the JSON output's role ids)")
    explain.set_defaults(run=_cmd_explain)
    command("roadmap", "print the hiring plan from the profile's stage to maturity").set_defaults(run=_cmd_roadmap)
    gap_cmd = command("gap", "compare a current team with the recommended plan")
    gap_cmd.add_argument("--team", required=True, metavar="TEAM_FILE", help="the current team: TOML, JSON or YAML")
    gap_cmd.set_defaults(run=_cmd_gap)
    command("assumptions", "list the capacity assumptions behind workload headcounts", profile=False).set_defaults(
        run=_cmd_assumptions
    )
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a business profile",
        description="print the JSON Schema of a business profile",
    )
    schema.set_defaults(run=_cmd_schema)

    rules = commands.add_parser("rules", help="inspect the rulebook", description="inspect the rulebook")
    rules_commands = rules.add_subparsers(dest="rules_command", required=True, metavar="RULES_COMMAND")
    coverage = rules_commands.add_parser(
        "coverage",
        help="print the table from guidance id to the rules that encode it (markdown)",
        description="print the table from guidance id to the rules that encode it (markdown)",
    )
    coverage.add_argument("--rules", action="append", default=[], metavar="RULE_FILE", help=RULES_HELP)
    coverage.set_defaults(run=_cmd_coverage)
    listing = rules_commands.add_parser("list", help="list the rules", description="list the rules, sorted by id")
    listing.add_argument("--source", metavar="KEY", help="only rules citing this source (e.g. three-stages)")
    listing.add_argument("--guidance", metavar="GID", help="only rules encoding this guidance item (e.g. G17)")
    listing.add_argument("--format", choices=TEXT_FORMATS, default="markdown", help="output format (default: markdown)")
    listing.add_argument("--rules", action="append", default=[], metavar="RULE_FILE", help=RULES_HELP)
    listing.set_defaults(run=_cmd_rules_list)
    lint = rules_commands.add_parser(
        "lint",
        help="load and validate rule files (fast; no fact-space sweep)",
        description="load rule files over the bundled rulebook and report the first authoring error, if any",
    )
    lint.add_argument("files", nargs="*", metavar="RULE_FILE", help="rule files to check (default: only the bundled)")
    lint.add_argument("--rules", action="append", default=[], metavar="RULE_FILE", help=RULES_HELP)
    lint.set_defaults(run=_cmd_rules_lint)
    show = rules_commands.add_parser(
        "show", help="show one rule in words", description="show a rule: condition, effects, citation, guidance"
    )
    show.add_argument("rule", metavar="ID", help="a rule id (see `tiktok-team rules list`)")
    show.add_argument("--rules", action="append", default=[], metavar="RULE_FILE", help=RULES_HELP)
    show.set_defaults(run=_cmd_rules_show)
    check = rules_commands.add_parser(
        "verify",
        help="check the rulebook over its whole fact space",
        description="check the rulebook over its whole fact space; exit status 1 if a defect is found",
    )
    check.add_argument("--format", choices=TEXT_FORMATS, default="markdown", help="output format (default: markdown)")
    check.add_argument("--rules", action="append", default=[], metavar="RULE_FILE", help=RULES_HELP)
    check.set_defaults(run=_cmd_rules_verify)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input)."""
    args = _parser().parse_args(argv)
    status = 0
    try:
        output = args.run(args)
    except DefectsFound as found:
        output, status = found.report, 1
    except TiktokTeamError as exc:
        print(f"tiktok-team: error: {exc}", file=sys.stderr)
        return 2
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stderr.close()
    return status


def run() -> None:
    """The console script's entry point."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
