"""``tiktok-team plan-many``: one JSON profile a line in, one plan (or error) a line out, written as it goes."""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from typing import IO

from .._batch import named_executor, plan_jsonl, progress_text
from .._documents import open_input
from .._rulebook import load_rulebook
from .outputs import open_atomically

__all__ = ["plan_many"]


def plan_many(args: argparse.Namespace) -> int:
    """Plan each line of a JSON Lines file, writing one JSON line per input line as results come in (in order).
    Writes its own output, so it returns the exit status: 2 if any line was bad, each also reported on stderr."""
    book = load_rulebook(*args.rules)
    where = "<stdin>" if args.file == "-" else args.file
    source = sys.stdin.buffer if args.file == "-" else open_input(args.file, where, kind="JSON Lines")
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


def _count_lines(stream: IO[bytes]) -> int | None:
    """The number of lines in a regular file (then rewound), for the progress bar; None for a pipe or a device
    (``/dev/zero`` is seekable, and endless)."""
    try:
        regular = stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError):
        regular = False
    if not regular:
        return None
    lines, last = 0, b"\n"
    for block in iter(lambda: stream.read(1 << 20), b""):
        lines, last = lines + block.count(b"\n"), block[-1:]
    stream.seek(0)
    return lines + (last != b"\n")
