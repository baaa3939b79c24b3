"""The runs of ``tiktok-team rules verify`` that several test modules check, made once per run of the suite: each
walks the whole fact space, which is most of what those modules cost.

* the bundled rulebook, in markdown: tests/test_cli_commands.py (the command prints the library's report and exits
  0) and tests/test_verify_level2.py (the notes of its markdown);
* the bundled rulebook with three overlays, in JSON: tests/data/level2-hostile.toml and tests/data/level2-edges.toml
  (tests/test_verify_level2.py), tests/data/verify-defects.toml (tests/test_verify.py, tests/test_texts.py); the
  command exits 1. Each finding is one its own overlay shows alone (the same kind, entry, rules and message: the
  three were verified apart and together to make sure), and the tests of each overlay state exactly what it shows.
  Only the example profiles of a finding can differ, where another overlay changes the plans (those of the budget
  findings of verify-defects.toml), and the tests check each example against the rulebook of all three.

The two runs are made at the same time, as a user would make them, by the installed command.
"""

from __future__ import annotations

import functools
import subprocess
from dataclasses import dataclass

import pytest

from conftest import once_per_run
from helpers import ROOT, at_once, run

DATA = ROOT / "tests" / "data"
HOSTILE = DATA / "level2-hostile.toml"
EDGES = DATA / "level2-edges.toml"
DEFECTS = DATA / "verify-defects.toml"
OVERLAYS = (HOSTILE, EDGES, DEFECTS)


@dataclass(frozen=True)
class Runs:
    """What the two runs did: ``bundled`` (markdown) and ``overlaid`` (with :data:`OVERLAYS`, JSON)."""

    bundled: subprocess.CompletedProcess[str]
    overlaid: subprocess.CompletedProcess[str]


_MADE: list[Runs] = []


def verify_runs(factory: pytest.TempPathFactory) -> Runs:
    """The two runs, made by the first process of the suite's run to ask (see ``once_per_run`` in tests/conftest.py),
    and kept by each process for the modules it runs."""
    if not _MADE:
        _MADE.append(once_per_run(factory, "verify-runs", _both))
    return _MADE[0]


def _both() -> Runs:
    rules = [argument for path in OVERLAYS for argument in ("--rules", path)]
    done = at_once(
        {
            "bundled": functools.partial(run, "rules", "verify"),
            "overlaid": functools.partial(run, "rules", "verify", *rules, "--format", "json"),
        }
    )
    return Runs(bundled=done["bundled"], overlaid=done["overlaid"])
