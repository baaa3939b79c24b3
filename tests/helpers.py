"""What several test modules share: the installed command and its runs, the example profile, a small overlay, user
checks for ``verify``, and a running server (``tiktok-team serve``)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
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
) -> subprocess.CompletedProcess[str]: ...


@overload
def run(
    *args: str | Path,
    stdin: bytes | int | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
    binary: Literal[True],
) -> subprocess.CompletedProcess[bytes]: ...


def run(
    *args: str | Path,
    stdin: str | bytes | int | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
    binary: bool = False,
) -> subprocess.CompletedProcess[Any]:
    """Run the installed ``tiktok-team`` with ``args``, as a user would, and return what it did.

    ``stdin`` is the text (bytes when ``binary``) fed to it, or an open file descriptor it reads; without it, standard
    input is empty. ``env`` holds variables set on top of this process's environment. Its output is UTF-8 text, or
    the bytes as written when ``binary``."""
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
