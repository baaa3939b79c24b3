"""The command run in the test process (:func:`helpers.in_process`, how most tests run it) does what the installed
script does: for each kind of outcome (an answer, failures found, input refused, an argument error, help and version)
and each way in and out (a file, standard input, --output, English and Chinese text, JSON, a CSV's own line ends,
an overlay), the exit status, standard output, standard error and files written are the same bytes both ways."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from helpers import BRAND_PR_OVERLAY, EXAMPLES, at_once, in_process, run

GROWTH = str(EXAMPLES / "growth-brand.toml")
STARTUP = str(EXAMPLES / "startup.toml")

# A scenario that fails: a startup that streams has a streamer.
WRONG = """[[scenario]]
name = "no streamer at startup"
cites = { source = "three-stages", section = "§1", guidance = "G12" }
profile = { stage = "startup", sourcing = "own_stock" }
expect_not = ["streamer"]
"""

# name -> (arguments, standard input)
COMMANDS: dict[str, tuple[tuple[str, ...], bytes]] = {
    "help": (("--help",), b""),
    "version": (("--version",), b""),
    "plan-zh": (("plan", GROWTH, "--lang", "zh"), b""),
    "plan-json": (("plan", GROWTH, "--format", "json"), b""),
    "plan-csv": (("plan", GROWTH, "--format", "csv", "--pay", str(EXAMPLES / "pay.toml")), b""),
    "plan-stdin": (("plan", "-", "--format", "json"), b'{"stage": "mature", "sourcing": "dropship"}'),
    "plan-file": (("plan", GROWTH, "--format", "json", "--output", "out.json"), b""),
    "explain": (("explain", GROWTH, "pr", "--lang", "both"), b""),
    "compare": (("compare", STARTUP, GROWTH, "--format", "json"), b""),
    "rules-test-failing": (("rules", "test", "wrong.toml"), b""),
    "overlay": (("plan", GROWTH, "--rules", "overlay.toml"), b""),
    "bad-profile": (("plan", "-"), b'stage = "seed"\nsourcing = "own_stock"\n'),
    "bad-argument": (("plan", GROWTH, "--format", "pdf"), b""),
    "missing-file": (("plan", "nowhere.toml"), b""),
}


GIVEN = ("overlay.toml", "wrong.toml")


def _both(name: str, base: Path) -> dict[str, Any]:
    """The command ``name`` run as a process and in this process, each in a directory of its own: what each did."""
    args, stdin = COMMANDS[name]
    found = {}
    for way in ("process", "in-process"):
        cwd = base / name / way
        cwd.mkdir(parents=True)
        (cwd / "overlay.toml").write_text(BRAND_PR_OVERLAY, encoding="utf-8")
        (cwd / "wrong.toml").write_text(WRONG, encoding="utf-8")
        done = run(*args, stdin=stdin, cwd=cwd, binary=True, process=way == "process")
        files = {path.name: path.read_bytes() for path in cwd.iterdir() if path.name not in GIVEN}
        found[way] = (done.returncode, done.stdout, done.stderr, files)
    return found


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    base = tmp_path_factory.mktemp("both-ways")
    return at_once({name: functools.partial(_both, name, base) for name in COMMANDS})


@pytest.mark.parametrize("name", COMMANDS)
def test_the_same_bytes_both_ways(results: dict[str, dict[str, Any]], name: str) -> None:
    assert results[name]["in-process"] == results[name]["process"]


def test_the_kinds_of_outcome_are_all_there(results: dict[str, dict[str, Any]]) -> None:
    statuses = {results[name]["process"][0] for name in COMMANDS}
    assert statuses == {0, 1, 2}  # succeeded, failures found, refused
    assert results["plan-file"]["process"][3]["out.json"].startswith(b"{")
    assert b"\r\n" in results["plan-csv"]["process"][1]  # the spreadsheet's line ends, kept as bytes


def test_an_exception_that_escapes_is_shown_as_python_shows_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from tiktok_team import cli  # noqa: PLC0415

    def broken(argv: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "main", broken)
    status, out, err = in_process(["plan"], b"")
    assert (status, out) == (1, b"")
    assert err.startswith(b"Traceback (most recent call last):")
    assert err.endswith(b"RuntimeError: boom\n")
