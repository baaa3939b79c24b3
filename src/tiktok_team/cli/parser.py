"""The arguments of every ``tiktok-team`` command, and one form for every argument error.

Building the parser imports no renderer and no model, so ``tiktok-team --help`` and ``--version`` answer at once.
Each command names its function in :mod:`tiktok_team.cli.commands` (``handler``), imported only when it runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from .._schema_version import OUTPUT_KINDS
from ..render._formats import (
    COMPARE_FORMATS,
    FORMATS,
    GAP_FORMATS,
    LANGS,
    ROADMAP_FORMATS,
    SCENARIO_FORMATS,
    TEXT_FORMATS,
    WHATIF_FORMATS,
)

__all__ = ["build_parser"]

RULES_HELP = "an extra rule file (TOML) added to the bundled rulebook; repeatable"
LANG_HELP = "output language (default: en); both = the English output, then the Chinese one"
SERVE_HELP = "serve the API and the planner page over HTTP (needs the serve extra: pip install 'tiktok-team[serve]')"
OUTPUT_HELP = "write the output to PATH (atomically: all of it or, on error, nothing) instead of standard output"
PROFILE_HELP = "business profile: .toml, .json, .yaml/.yml, or - for stdin"
KEEP_HELP = (
    "facts to hold fixed in what would change the plan (comma-separated, repeatable): stage, sourcing, formats, "
    "paid_ads, influencers, private_domain, loyalty_program, own_brand"
)
BACKWARD_HELP = "also consider taking the business back to an earlier stage (by default the stage only moves forward)"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, in the form of every other error of the command."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"tiktok-team: error: {message} (see '{self.prog} --help')\n")


class _Version(argparse.Action):
    """``--version``: reads the installed version only when asked (package metadata is slow to import)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: Any) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0)
        self.help = "print the version and exit"

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> NoReturn:
        from .._version import __version__

        sys.stdout.write(f"{parser.prog} {__version__}\n")
        parser.exit(0)


def _whole(low: int, high: int | None, what: str) -> Any:
    def parse(text: str) -> int:
        if not text.isdigit() or int(text) < low or (high is not None and int(text) > high):
            raise argparse.ArgumentTypeError(f"must be {what}, not {text!r}")
        return int(text)

    return parse


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 100:  # NaN fails both comparisons
        raise argparse.ArgumentTypeError(f"must be a percentage from 0 to 100, not {text!r}")
    return value


def _names(text: str) -> list[str]:
    """A comma-separated list of names (checked by the command: the parser loads no model)."""
    return [name.strip() for name in text.split(",") if name.strip()]


def _scope_arguments(cmd: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """``--keep FACTS`` and ``--backward``: what the counterfactuals of a plan, or the what-if rows, may change."""
    cmd.add_argument("--keep", type=_names, action="extend", default=[], metavar="FACTS", help=KEEP_HELP)
    cmd.add_argument("--backward", action="store_true", help=BACKWARD_HELP)
    return cmd


def _executor(text: str) -> str:
    if text != "process" and not (text.startswith("dask:") and len(text) > len("dask:")):
        raise argparse.ArgumentTypeError(f"must be 'process' or 'dask:ADDRESS', not {text!r}")
    return text


_WORKERS = _whole(1, None, "a whole number of at least 1")


def build_parser() -> argparse.ArgumentParser:
    """The parser of the ``tiktok-team`` command line."""
    parser = _Parser(
        prog="tiktok-team",
        description="Recommend the team a TikTok Shop / Douyin live-commerce business should build, "
        "with every role explained by cited rules.",
        epilog="Exit status: 0 on success, 1 when rules verify or rules test finds a failure, 2 on bad input "
        "(profile, team, rule file or argument). See docs/user-guide.md.",
    )
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    def command(
        name: str,
        help_text: str,
        handler: str,
        *,
        files: Sequence[tuple[str, str]] = (("file", PROFILE_HELP),),
        formats: Sequence[str] = TEXT_FORMATS,
        lang: bool = True,
        output: bool = True,
        rules: bool = True,
        group: Any = commands,
    ) -> argparse.ArgumentParser:
        cmd: argparse.ArgumentParser = group.add_parser(name, help=help_text, description=help_text)
        for dest, file_help in files:
            cmd.add_argument(dest, metavar=dest.upper(), help=file_help)
        if files:  # every command that reads files reads profiles
            cmd.add_argument(
                "--input-format",
                choices=("toml", "json", "yaml"),
                help="format of the profile (default: from its extension; for stdin, detected)",
            )
            cmd.add_argument(
                "--assumptions",
                metavar="ASSUMPTIONS_FILE",
                help="capacity assumptions to override (a table of id = value), over those in the profile; its "
                "[pay] table, if any, over the profile's pay",
            )
            cmd.add_argument(
                "--pay",
                metavar="PAY_FILE",
                help="monthly pay per seat of each role (currency, on_cost, [roles]; see examples/pay.toml), over "
                "the profile's and the assumptions file's: every answer then gives costs",
            )
        if lang:
            cmd.add_argument("--lang", choices=LANGS, default="en", help=LANG_HELP)
        if formats:
            cmd.add_argument("--format", choices=formats, default="markdown", help="output format (default: markdown)")
        if rules:
            cmd.add_argument("--rules", action="append", default=[], metavar="RULE_FILE", help=RULES_HELP)
        if output:
            cmd.add_argument("--output", metavar="PATH", help=OUTPUT_HELP)
        cmd.set_defaults(handler=handler)
        return cmd

    detail_help = "name the rule behind each reason (the reasons read in plain words, cited, either way)"
    plan = command("plan", "print the recommended team for a business profile", "plan", formats=FORMATS)
    plan.add_argument("--detail", action="store_true", help=f"markdown and html: {detail_help}")
    _scope_arguments(plan)
    _plan_many_arguments(
        command(
            "plan-many",
            "plan every profile of a JSON Lines file (one JSON profile a line), writing one JSON line per input line; "
            "exit status 2 if any line was bad",
            "plan_many",
            files=(),
            formats=(),
            lang=False,
            output=False,
        )
    )
    explain = _scope_arguments(
        command("explain", "explain why a role is, or is not, in the plan", "explain", formats=())
    )
    explain.add_argument("role", metavar="ROLE", help="a role id, e.g. streamer (see the JSON output's role ids)")
    explain.add_argument("--detail", action="store_true", help=detail_help)
    _workload_arguments(
        command(
            "roadmap",
            "print the hiring plan from the profile's stage to maturity; with growing workload figures, the hires "
            "the workload calls for at the profile's stage",
            "roadmap",
            formats=ROADMAP_FORMATS,
        )
    )
    command(
        "gap", "compare a current team with the recommended plan, both ways", "gap", formats=GAP_FORMATS
    ).add_argument(
        "--team",
        required=True,
        metavar="TEAM_FILE",
        help="the current team: TOML, JSON or YAML ([[person]] name, roles), or CSV (columns name, roles)",
    )
    command(
        "compare",
        "compare the plans of two business profiles: roles added, removed and re-sized, lines and advice, and the "
        "rules behind each change",
        "compare",
        files=(("a", "the first profile (.toml, .json, .yaml/.yml, or - for stdin)"), ("b", "the second profile")),
        formats=COMPARE_FORMATS,
    )
    _scope_arguments(
        command(
            "whatif",
            "what each single change of one fact (a later stage, sourcing, formats, each yes/no fact) does to the "
            "plan: the facts that matter most, then the biggest changes first",
            "whatif",
            formats=WHATIF_FORMATS,
        )
    )
    command(
        "catalog",
        "print the catalog of the rulebook: departments, teams, roles with their duty lines, advice, the facts of a "
        "profile with their values, and the sources, in English and Chinese",
        "catalog",
        files=(),
    )
    command(
        "assumptions", "list the capacity assumptions behind workload headcounts", "assumptions", files=(), lang=False
    )
    command(
        "schema",
        "print the JSON Schema of a business profile, or of a JSON output",
        "schema",
        files=(),
        formats=(),
        lang=False,
        rules=False,
    ).add_argument("--output-of", choices=OUTPUT_KINDS, help="print the JSON Schema of this JSON output instead")
    _serve_arguments(command("serve", SERVE_HELP, "serve", files=(), formats=(), lang=False, output=False))

    rules = commands.add_parser("rules", help="inspect the rulebook", description="inspect the rulebook")
    group = rules.add_subparsers(dest="rules_command", required=True, metavar="RULES_COMMAND", parser_class=_Parser)
    command(
        "coverage",
        "print the table from guidance id to the rules that encode it (markdown)",
        "rules_coverage",
        files=(),
        formats=(),
        lang=False,
        group=group,
    )
    listing = command("list", "list the rules, sorted by id", "rules_list", files=(), lang=False, group=group)
    listing.add_argument("--source", metavar="KEY", help="only rules citing this source (e.g. three-stages)")
    listing.add_argument("--guidance", metavar="GID", help="only rules encoding this guidance item (e.g. G17)")
    lint = command(
        "lint",
        "load rule files over the bundled rulebook and report the first authoring error, if any (no fact-space sweep)",
        "rules_lint",
        files=(),
        formats=(),
        lang=False,
        group=group,
    )
    lint.add_argument("files", nargs="*", metavar="RULE_FILE", help="rule files to check (default: only the bundled)")
    show = command(
        "show", "show a rule: condition, effects, citation, guidance", "rules_show", files=(), formats=(), group=group
    )
    show.add_argument("rule", metavar="ID", help="a rule id (see `tiktok-team rules list`)")
    command(
        "verify",
        "check the rulebook over its whole fact space; exit status 1 if a defect is found",
        "rules_verify",
        files=(),
        lang=False,
        group=group,
    )
    _scenario_arguments(
        command(
            "test",
            "run scenario files (TOML [[scenario]] tables) against the rulebook; exit status 1 if an expectation fails",
            "rules_test",
            files=(),
            formats=SCENARIO_FORMATS,
            lang=False,
            group=group,
        )
    )
    return parser


def _scenario_arguments(scenarios: argparse.ArgumentParser) -> None:
    scenarios.add_argument("scenario_files", nargs="+", metavar="SCENARIO_FILE", help="scenario files to run")
    scenarios.add_argument(
        "--coverage",
        action="store_true",
        help="print which scenarios fire each rule and which rules each scenario fires, the share of rules fired and "
        "the rules none fires (markdown, json or csv), instead of the test report; exit status 1 if a scenario fails",
    )
    scenarios.add_argument(
        "--min",
        type=_percent,
        metavar="PERCENT",
        help="with --coverage: exit status 1 if fewer than PERCENT of the rules are fired by some scenario",
    )


def _figures(integers: bool) -> Any:
    """An argument type: numbers separated by commas (``100,300,800``), whole numbers where ``integers``."""

    def parse(text: str) -> list[float] | list[int]:
        parts = [part.strip() for part in text.split(",")]
        try:
            return [int(part) for part in parts] if integers else [float(part) for part in parts]
        except ValueError:
            kind = "whole numbers" if integers else "numbers"
            raise argparse.ArgumentTypeError(
                f"must be {kind} separated by commas, such as 100,300,800, not {text!r}"
            ) from None

    return parse


# The workload options of ``roadmap``: each a list of levels, one figure a level (the profile's field).
WORKLOAD_OPTIONS = {
    "live_hours_per_day": False,
    "live_rooms": True,
    "videos_per_week": True,
    "orders_per_day": True,
    "ad_campaigns": True,
}


def _workload_arguments(roadmap: argparse.ArgumentParser) -> None:
    for field, integers in WORKLOAD_OPTIONS.items():
        roadmap.add_argument(
            f"--{field.replace('_', '-')}",
            dest=field,
            type=_figures(integers),
            metavar="N,N,...",
            help=f"{field} at each level of a growing workload (e.g. 100,300,800): the roadmap steps from each level "
            "to the next at the profile's stage, one hire a seat, in the order the workload calls for them",
        )
    roadmap.add_argument(
        "--workloads",
        metavar="WORKLOADS_FILE",
        help="the levels of workload in a file instead: a list of tables of workload fields ([[level]] in TOML)",
    )


def _plan_many_arguments(many: argparse.ArgumentParser) -> None:
    many.add_argument("file", metavar="FILE.jsonl", help="one JSON profile a line, or - for stdin")
    many.add_argument(
        "--workers",
        type=_WORKERS,
        metavar="N",
        help="worker processes (default: 1, plan in this process); with --executor dask:, tasks at once "
        "(default: the cluster's threads)",
    )
    many.add_argument(
        "--executor",
        type=_executor,
        default="process",
        metavar="SPEC",
        help="where to plan: 'process' (default; --workers processes here) or 'dask:ADDRESS', a dask.distributed "
        "scheduler such as dask:tcp://10.0.0.5:8786 (needs pip install 'tiktok-team[cluster]')",
    )
    many.add_argument(
        "--output",
        metavar="PATH",
        help="write the output to PATH instead of standard output: one line per input line, bad lines included; "
        "PATH appears when all lines are done (atomically) and is left as it was if the run fails",
    )


def _serve_arguments(serve: argparse.ArgumentParser) -> None:
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine)")
    serve.add_argument(
        "--port", type=_whole(1, 65535, "a port number from 1 to 65535"), default=8000, help="port (default: 8000)"
    )
    serve.add_argument(
        "--workers",
        type=_WORKERS,
        default=1,
        metavar="N",
        help="worker processes (default: 1; one per core serves most)",
    )
    serve.add_argument(
        "--profile", metavar="FILE", help="the profile the planner page starts from (TOML, JSON or YAML)"
    )
    serve.add_argument(
        "--pay",
        metavar="PAY_FILE",
        help="pay for the planner page (see examples/pay.toml), over the profile's: the page then shows costs",
    )
    serve.add_argument(
        "--cors-origin",
        type=_origin,
        action="append",
        default=[],
        dest="cors_origins",
        metavar="ORIGIN",
        help="let web pages of ORIGIN (e.g. https://planner.example.com; * for any) call the API from a browser; "
        "repeatable (default: none, only the server's own page)",
    )


def _origin(text: str) -> str:
    from ..serve.cors import parse_origin  # the standard library only: no FastAPI

    try:
        return parse_origin(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
