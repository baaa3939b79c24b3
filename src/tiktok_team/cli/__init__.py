"""The ``tiktok-team`` command: the only package that reads input files, writes output and exits.

- :mod:`~tiktok_team.cli.parser`: the arguments of every command, and one form for argument errors;
- :mod:`~tiktok_team.cli.inputs`: reading profiles, teams and capacity assumptions;
- :mod:`~tiktok_team.cli.commands`: one function per command, from its arguments to its output;
- :mod:`~tiktok_team.cli.plan_many`: ``plan-many``, which writes its output line by line as it plans;
- :mod:`~tiktok_team.cli.outputs`: writing an output to standard output, or atomically to a file.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Sequence

from .._errors import TiktokTeamError, TiktokTeamWarning
from .outputs import Failures, write_output
from .parser import build_parser

__all__ = ["main", "run"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 failures found, 2 bad input)."""
    args = build_parser().parse_args(argv)
    home = "plan_many" if args.handler == "plan_many" else "commands"
    handler = getattr(importlib.import_module(f".{home}", __name__), args.handler)
    status = 0
    with warnings.catch_warnings(record=True) as caught:  # each printed as one line; the result is still written
        warnings.simplefilter("always", TiktokTeamWarning)
        try:
            output = handler(args)
        except Failures as found:
            output, status = found.report, 1
        except TiktokTeamError as exc:
            print(f"tiktok-team: error: {exc}", file=sys.stderr)
            return 2
    for warning in caught:
        print(f"tiktok-team: warning: {warning.message}", file=sys.stderr)
    if isinstance(output, int):  # the command wrote its own output (plan-many streams it) and gives its status
        return output
    problem = write_output(output, getattr(args, "output", None))
    if problem is not None:
        print(f"tiktok-team: error: {problem}", file=sys.stderr)
        return 2
    return status


def run() -> None:
    """The console script's entry point."""
    sys.exit(main())
