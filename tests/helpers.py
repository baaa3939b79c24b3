"""What several test modules share: the command and its runs (in this process, or the installed script), the example
profile, a small overlay, user checks for ``verify``, and a running server (``tiktok-team serve``)."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

from tiktok_team import Plan

SCRIPT = Path(sys.executable).parent / "tiktok-team"
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# The facts of examples/growth-brand.toml (its false fields left at their defaults).
GROWTH_BRAND = {
    "stage": "growth",
    "sourcing": "own_stock",
    "formats": ["livestream", "short_video"],
    "paid_ads": True,
    "influencers": True,
    "own_brand": True,
}

# Profiles beyond the fact space's facts: workloads, budgets and overridden assumptions.
WORKLOADS = [
    {
        "stage": "growth",
        "sourcing": "own_stock",
        "live_hours_per_day": 12,
        "live_rooms": 3,
        "orders_per_day": 2500,
        "headcount_budget": 6,
    },
    {"stage": "mature", "sourcing": "dropship", "videos_per_week": 40, "ad_campaigns": 12, "paid_ads": True},
    {
        "stage": "growth",
        "sourcing": "own_stock",
        "live_hours_per_day": 7.5,
        "assumptions": {"streamer_hours_per_day": 2.5},
    },
]

# A valid overlay: a brand that works with influencers gets PR a stage early.
BRAND_PR_OVERLAY = """[[rule]]
id = "x-brand-pr"
source = "three-stages"
section = "§3"
guidance = "G31"
basis = "inferred"
because = "A test overlay: a brand working with influencers gets PR a stage early."
when = { all = [{ fact = "own_brand", equals = true }, { fact = "influencers", equals = true }] }
include = ["pr"]
"""


T = TypeVar("T")


def _live_team_at_most_8(plan: Plan) -> list[str]:
    live = sum(r.headcount for r in plan.roles if r.team == "live")
    return [f"{live} people on the live team"] if live > 8 else []


def _mature_is_suspect(plan: Plan) -> list[str]:
    return ["'streamer' looks wrong"] if plan.profile.stage == "mature" else []


# Checks a user could pass to ``verify``, each failing on some plans of the bundled rulebook: one whose problem names
# no role, and one whose problem quotes a role (so that the finding blames a rule and its file).
USER_CHECKS = {"live team at most 8": _live_team_at_most_8, "a test check": _mature_is_suspect}


@overload
def run(
    *args: str | Path,
    stdin: str | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
    binary: Literal[False] = False,
    process: bool = False,
) -> subprocess.CompletedProcess[str]: ...


@overload
def run(
    *args: str | Path,
    stdin: bytes | int | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
    binary: Literal[True],
    process: bool = False,
) -> subprocess.CompletedProcess[bytes]: ...


def run(
    *args: str | Path,
    stdin: str | bytes | int | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
    binary: bool = False,
    process: bool = False,
) -> subprocess.CompletedProcess[Any]:
    """Run ``tiktok-team`` with ``args`` and return what it did, as :func:`subprocess.run` would.

    ``stdin`` is the text (bytes when ``binary``) fed to it, or an open file descriptor it reads; without it, standard
    input is empty. ``env`` holds variables set on top of this process's environment. Its output is UTF-8 text (line
    ends read as ``\\n``, as a pipe in text mode gives them), or the bytes as written when ``binary``.

    The command runs in this process (:func:`in_process`: the same ``main`` the console script calls, on standard
    streams of its own), which takes a few milliseconds where starting the installed script takes half a second of
    CPU; ``process`` (or a file descriptor for ``stdin``, or a ``PYTHON...`` variable in ``env``, which Python reads as
    it starts) starts the installed script instead, for what only a real process shows (its start, its imports, its
    hash seed, a closed pipe, a real file descriptor). tests/test_cli_process.py runs
    commands of every kind both ways and finds the same bytes."""
    if process or isinstance(stdin, int) or any(name.startswith("PYTHON") for name in env or {}):
        feed: dict[str, Any] = {"stdin": stdin} if isinstance(stdin, int) else {"input": stdin}
        if stdin is None:
            feed = {"input": b"" if binary else ""}
        return subprocess.run(  # type: ignore[call-overload, no-any-return]
            [str(SCRIPT), *map(str, args)],
            **feed,
            capture_output=True,
            text=not binary,
            encoding=None if binary else "utf-8",
            cwd=cwd,
            env=None if env is None else {**os.environ, **env},
            timeout=timeout,
            check=False,
        )
    data = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    status, out, err = in_process([str(arg) for arg in args], data, cwd, env)
    if binary:
        return subprocess.CompletedProcess([str(SCRIPT), *map(str, args)], status, out, err)
    text = [part.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n") for part in (out, err)]
    return subprocess.CompletedProcess([str(SCRIPT), *map(str, args)], status, *text)


_ONE_AT_A_TIME = threading.Lock()  # the working directory, the environment and the standard streams are the process's


def in_process(
    argv: list[str], stdin: bytes, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> tuple[int, bytes, bytes]:
    """Run the command line's ``main`` on ``argv`` in this process, as the console script does, in directory ``cwd``
    with ``env`` set on top of the environment, reading ``stdin``: its exit status, standard output and standard
    error (bytes, UTF-8 as the script writes them). What escapes ``main`` is shown as Python shows it, status 1."""
    from tiktok_team.cli import main  # noqa: PLC0415 - the package under test, imported where it is run

    with _ONE_AT_A_TIME:
        out, err = io.BytesIO(), io.BytesIO()
        streams = (sys.stdin, sys.stdout, sys.stderr, sys.argv)
        saved_env, saved_cwd = dict(os.environ), os.getcwd()
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
        sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
        sys.argv = [str(SCRIPT), *argv]
        try:
            os.environ.update({"COLUMNS": "80", "LINES": "24"})  # a process writing into a pipe has no terminal size
            os.environ.update(env or {})
            if cwd is not None:
                os.chdir(cwd)
            try:
                status = main(argv)
            except SystemExit as done:  # argparse's errors and --help, --version
                status = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
                if isinstance(done.code, str):
                    print(done.code, file=sys.stderr)
            except Exception:  # shown as the interpreter would show it
                traceback.print_exc(file=sys.stderr)
                status = 1
            sys.stdout.flush()
            sys.stderr.flush()
            return status, out.getvalue(), err.getvalue()
        finally:
            os.chdir(saved_cwd)
            os.environ.clear()
            os.environ.update(saved_env)
            sys.stdin, sys.stdout, sys.stderr, sys.argv = streams


def at_once(jobs: Mapping[str, Callable[[], T]]) -> dict[str, T]:
    """Every job's result, by name, the jobs run at the same time (each starts a process that mostly waits)."""
    with ThreadPoolExecutor(max_workers=max(4, (os.cpu_count() or 1) * 2)) as pool:
        futures = {name: pool.submit(job) for name, job in jobs.items()}
        return {name: future.result() for name, future in futures.items()}


def ok(*args: str | Path, stdin: str | None = None, status: int = 0) -> str:
    """The standard output of a command that exits with ``status`` (0: it succeeded), with no traceback."""
    done = run(*args, stdin=stdin)
    assert done.returncode == status, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def refusal(done: subprocess.CompletedProcess[Any]) -> str:
    """The one line on stderr of a run that refused its input: exit status 2, no traceback, nothing on stdout."""
    stderr = done.stderr.decode() if isinstance(done.stderr, bytes) else done.stderr
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert not done.stdout, done.stdout
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("tiktok-team: error: ")
    return lines[0]


def refused(*args: str | Path) -> str:
    """The one line on stderr of a command that exits 2, printing nothing on stdout."""
    return refusal(run(*args))


def free_port() -> int:
    """A TCP port on the loopback address that nothing listens on (as far as one can tell before using it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(*arguments: str, env: Mapping[str, str] | None = None, timeout: float = 60) -> Iterator[str]:
    """Run the installed ``tiktok-team serve`` with ``arguments`` (and environment ``env``) on a free loopback port
    until the block ends; yield its address (``http://127.0.0.1:PORT``) once it answers ``/healthz``."""
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [str(SCRIPT), "serve", "--port", str(port), *arguments], stdout=log, stderr=subprocess.STDOUT, env=env
        )
        try:
            deadline = time.monotonic() + timeout
            while not _answers(f"{address}/healthz"):
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"tiktok-team serve did not start: {log.read().decode(errors='replace')}")
                time.sleep(0.1)
            yield address
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return bool(answer.status == 200)
    except OSError:
        return False
