"""What several test modules share: the installed command and its runs, the example profile, a small overlay, and a
running server (``tiktok-team serve``)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

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


def run(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``tiktok-team`` with ``args`` (and ``stdin``), as a user would."""
    return subprocess.run(
        [str(SCRIPT), *map(str, args)], input=stdin, capture_output=True, text=True, timeout=120, check=False
    )


def ok(*args: str | Path, stdin: str | None = None, status: int = 0) -> str:
    """The standard output of a command that exits with ``status`` (0: it succeeded), with no traceback."""
    done = run(*args, stdin=stdin)
    assert done.returncode == status, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def refused(*args: str | Path) -> str:
    """The one line on stderr of a command that exits 2, printing nothing on stdout."""
    done = run(*args)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("tiktok-team: error: ")
    return lines[0]


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
