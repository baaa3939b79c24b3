"""The ``tiktok-team`` command. The only module that reads input files, writes output and exits."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import stat
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import BinaryIO, TextIO

from . import __version__
from ._schema_version import OUTPUT_KINDS
from .batch import EXECUTORS, named_executor, plan_jsonl, progress_text
from .browse import coverage_markdown, describe_rule, list_rules, rule_summary
from .contract import output_schema
from .errors import ProfileError, TeamError, TiktokTeamError, TiktokTeamWarning
from .gap import CurrentTeam, gap
from .plan import Plan
from .profile import BusinessProfile, parse_document
from .recommend import recommend
from .render import (
    FORMATS,
    LANGS,
    ROADMAP_FORMATS,
    render_dot,
    render_gap_markdown,
    render_graphml,
    render_html,
    render_json,
    render_markdown,
    render_mermaid,
    render_roadmap_dot,
    render_roadmap_markdown,
    render_roadmap_mermaid,
    render_roadmap_svg,
    render_svg,
    render_verify_markdown,
)
from .roadmap import roadmap
from .rulebook import Rulebook, load_rulebook
from .verify import verify

__all__ = ["main", "run"]

TEXT_FORMATS = ("json", "markdown")
RULES_HELP = "an extra rule file (TOML) added to the bundled rulebook; repeatable"
LANG_HELP = "output language (default: en); both = English and Chinese, for pictures and html (text falls back to en)"
SERVE_HELP = "serve the API and the planner page over HTTP (needs the serve extra: pip install 'tiktok-team[serve]')"
OUTPUT_HELP = "write the output to PATH (atomically: all of it or, on error, nothing) instead of standard output"
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


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` all at once (see :func:`open_atomically`)."""
    with open_atomically(path) as stream:
        stream.write(text)


@contextlib.contextmanager
def open_atomically(path: str) -> Iterator[TextIO]:
    """A text stream (UTF-8) onto ``path`` that appears all at once: written into a temporary file in the same
    directory, renamed over ``path`` when the ``with`` block ends. A reader never sees half a file, and on any error
    the temporary file is removed and ``path`` is as it was. A new file gets the permissions the umask allows; a
    replaced file keeps its own.
    """
    target = Path(path)
    if target.exists():
        mode = stat.S_IMODE(target.stat().st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


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


def _text_lang(args: argparse.Namespace) -> str:
    """The language of the text outputs (markdown, explain): ``--lang both`` is for pictures and HTML; text is en."""
    return "en" if args.lang == "both" else str(args.lang)


_PLAN_PICTURES = {
    "mermaid": render_mermaid,
    "dot": render_dot,
    "graphml": render_graphml,
    "svg": render_svg,
    "html": render_html,
}
_ROADMAP_PICTURES = {"mermaid": render_roadmap_mermaid, "dot": render_roadmap_dot, "svg": render_roadmap_svg}


def _cmd_plan(args: argparse.Namespace) -> str:
    plan = _plan(args)
    if args.format in _PLAN_PICTURES:
        return _PLAN_PICTURES[args.format](plan, args.lang)
    return render_json(plan) if args.format == "json" else render_markdown(plan, _text_lang(args))


def _cmd_plan_many(args: argparse.Namespace) -> int:
    """Plan each line of a JSON Lines file, writing one JSON line per input line as results come in (in order).
    Writes its own output, so it returns the exit status: 2 if any line was bad, each also reported on stderr."""
    book = _rulebook(args)
    where = "<stdin>" if args.file == "-" else args.file
    try:
        source = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        message = "no such file" if isinstance(exc, FileNotFoundError) else f"cannot read file: {exc.strerror or exc}"
        raise ProfileError(message, where) from None
    progress = _Progress(_count_lines(source)) if sys.stderr.isatty() else None
    bad = 0
    opened = False
    try:
        with (
            named_executor(args.executor, args.workers) as (executor, workers),
            source,
            open_atomically(args.output) if args.output else contextlib.nullcontext(sys.stdout) as out,
        ):
            opened = True
            for line in plan_jsonl(source, book, workers=workers, executor=executor):
                out.write(line.text + "\n")
                if line.error is not None:
                    bad += 1
                    if progress:
                        progress.clear()
                    print(f"tiktok-team: error: {where}:{line.number}: {line.error}", file=sys.stderr)
                if progress:
                    progress.step()
            out.flush()
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, BrokenProcessPool) as exc:  # nothing is left half-written at --output PATH
        what = f"cannot write {args.output}: " if args.output and not opened else ""
        print(f"tiktok-team: error: {what}{getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 2
    if progress:
        progress.draw(end="\n")
    return 2 if bad else 0


class _Progress:
    """A progress line on standard error (a terminal), redrawn at most ten times a second."""

    def __init__(self, total: int | None) -> None:
        self.total, self.done, self.started, self.shown = total, 0, time.monotonic(), 0.0

    def step(self) -> None:
        self.done += 1
        if time.monotonic() - self.shown >= 0.1:
            self.shown = time.monotonic()
            self.draw()

    def draw(self, end: str = "") -> None:
        text = progress_text(self.done, self.total, time.monotonic() - self.started)
        sys.stderr.write(f"\r{text}\033[K{end}")
        sys.stderr.flush()

    def clear(self) -> None:
        sys.stderr.write("\r\033[K")


def _count_lines(stream: BinaryIO) -> int | None:
    """The number of lines in a seekable stream (then rewound), for the progress bar; None for a pipe."""
    if not stream.seekable():
        return None
    lines, last = 0, b"\n"
    for block in iter(lambda: stream.read(1 << 20), b""):
        lines, last = lines + block.count(b"\n"), block[-1:]
    stream.seek(0)
    return lines + (last != b"\n")


def _workers(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return int(text)


def _executor(text: str) -> str:
    if text != "process" and not (text.startswith("dask:") and len(text) > len("dask:")):
        raise argparse.ArgumentTypeError(f"must be {EXECUTORS}, not {text!r}")
    return text


def _plan_many_arguments(many: argparse.ArgumentParser) -> None:
    many.add_argument("file", metavar="FILE.jsonl", help="one JSON profile a line, or - for stdin")
    many.add_argument(
        "--workers",
        type=_workers,
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
    many.set_defaults(run=_cmd_plan_many)


def _cmd_explain(args: argparse.Namespace) -> str:
    plan = _plan(args)
    plan.check_role(args.role)
    in_plan = any(role.id == args.role for role in plan.roles)
    lang = _text_lang(args)
    return (plan.why(args.role, lang) if in_plan else plan.why_not(args.role, lang)) + "\n"


def _cmd_roadmap(args: argparse.Namespace) -> str:
    result = roadmap(_load_profile(args), _rulebook(args))
    if args.format in _ROADMAP_PICTURES:
        return _ROADMAP_PICTURES[args.format](result, args.lang)
    return render_json(result) if args.format == "json" else render_roadmap_markdown(result, _text_lang(args))


def _cmd_gap(args: argparse.Namespace) -> str:
    profile = _load_profile(args)
    data, where = read_document(args.team, None, kind="team")
    team = CurrentTeam.parse(data, where)
    try:
        result = gap(profile, team, _rulebook(args))
    except TeamError as exc:
        raise TeamError(str(exc), where) from None
    return render_json(result) if args.format == "json" else render_gap_markdown(result, _text_lang(args))


def _cmd_schema(args: argparse.Namespace) -> str:
    schema = output_schema(args.output_of) if args.output_of else BusinessProfile.model_json_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _schema_arguments(schema: argparse.ArgumentParser) -> None:
    schema.add_argument("--output-of", choices=OUTPUT_KINDS, help="print the JSON Schema of this JSON output instead")
    schema.set_defaults(run=_cmd_schema)


def _cmd_serve(args: argparse.Namespace) -> str:
    from .serve.server import serve  # noqa: PLC0415 - the serve extra: only this command imports it

    start = BusinessProfile.parse(*read_document(args.profile, None)) if args.profile else None
    serve(host=args.host, port=args.port, rules=args.rules, workers=args.workers, start=start)
    return ""


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number from 1 to 65535, not {text!r}")
    return int(text)


def _serve_arguments(serve: argparse.ArgumentParser) -> None:
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument(
        "--workers",
        type=_workers,
        default=1,
        metavar="N",
        help="worker processes (default: 1; one per core serves most)",
    )
    serve.add_argument("--rules", action="append", default=[], metavar="RULE_FILE", help=RULES_HELP)
    serve.add_argument(
        "--profile", metavar="FILE", help="the profile the planner page starts from (TOML, JSON or YAML)"
    )
    serve.set_defaults(run=_cmd_serve)


def _cmd_coverage(args: argparse.Namespace) -> str:
    return coverage_markdown(_rulebook(args))


def _cmd_rules_list(args: argparse.Namespace) -> str:
    rules = list_rules(_rulebook(args), args.source, args.guidance)
    if args.format == "json":
        return json.dumps([rule_summary(rule) for rule in rules], ensure_ascii=False, indent=2) + "\n"
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

    def command(
        name: str, help_text: str, profile: bool = True, formats: tuple[str, ...] = TEXT_FORMATS
    ) -> argparse.ArgumentParser:
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
            cmd.add_argument("--lang", choices=LANGS, default="en", help=LANG_HELP)
        if formats:
            cmd.add_argument("--format", choices=formats, default="markdown", help="output format (default: markdown)")
        cmd.add_argument("--rules", action="append", default=[], metavar="RULE_FILE", help=RULES_HELP)
        return cmd

    command("plan", "print the recommended team for a business profile", formats=FORMATS).set_defaults(run=_cmd_plan)
    _plan_many_arguments(
        command(
            "plan-many",
            "plan every profile of a JSON Lines file (one JSON profile a line), writing one JSON line per input line; "
            "exit status 2 if any line was bad",
            profile=False,
            formats=(),
        )
    )
    explain = command("explain", "explain why a role is, or is not, in the plan", formats=())
    explain.add_argument("role", metavar="ROLE", help="a role id, e.g. streamer (see the JSON output's role ids)")
    explain.set_defaults(run=_cmd_explain)
    command(
        "roadmap", "print the hiring plan from the profile's stage to maturity", formats=ROADMAP_FORMATS
    ).set_defaults(run=_cmd_roadmap)
    gap_cmd = command("gap", "compare a current team with the recommended plan")
    gap_cmd.add_argument("--team", required=True, metavar="TEAM_FILE", help="the current team: TOML, JSON or YAML")
    gap_cmd.set_defaults(run=_cmd_gap)
    command("assumptions", "list the capacity assumptions behind workload headcounts", profile=False).set_defaults(
        run=_cmd_assumptions
    )
    _schema_arguments(
        commands.add_parser(
            "schema",
            help="print the JSON Schema of a business profile, or of a JSON output",
            description="print the JSON Schema of a business profile, or of a JSON output",
        )
    )
    _serve_arguments(commands.add_parser("serve", help=SERVE_HELP, description=SERVE_HELP))

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
    for name, sub in [*commands.choices.items(), *rules_commands.choices.items()]:
        if sub is not rules and name not in {"plan-many", "serve"}:  # every command that returns its output
            sub.add_argument("--output", metavar="PATH", help=OUTPUT_HELP)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input)."""
    args = _parser().parse_args(argv)
    status = 0
    with warnings.catch_warnings(record=True) as caught:  # each printed as one line; the result is still written
        warnings.simplefilter("always", TiktokTeamWarning)
        try:
            output = args.run(args)
        except DefectsFound as found:
            output, status = found.report, 1
        except TiktokTeamError as exc:
            print(f"tiktok-team: error: {exc}", file=sys.stderr)
            return 2
    for warning in caught:
        print(f"tiktok-team: warning: {warning.message}", file=sys.stderr)
    if isinstance(output, int):  # the command wrote its own output (plan-many streams it) and gives its status
        return output
    if getattr(args, "output", None) is not None:
        try:
            write_atomically(args.output, output)
        except OSError as exc:
            print(f"tiktok-team: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        return status
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
