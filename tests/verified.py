"""The runs of ``tiktok-team rules verify`` that several test modules check, each made once per run of the suite: a
run walks the whole fact space, which is most of what those modules cost.

* :func:`bundled_run`, the bundled rulebook, in markdown: tests/test_cli_commands.py (the command prints the
  library's report and exits 0) and tests/test_verify_level2.py (the notes of its markdown);
* :func:`overlaid_run`, the bundled rulebook with three overlays, in JSON: tests/data/level2-hostile.toml and
  tests/data/level2-edges.toml (tests/test_verify_level2.py), tests/data/verify-defects.toml (tests/test_verify.py,
  tests/test_texts.py); the command exits 1 (tests/test_cli_commands.py). Each finding is one its own overlay shows
  alone (the same kind, entry, rules and message: the three were verified apart and together to make sure), and the
  tests of each overlay state exactly what it shows. Only the example profiles of a finding can differ, where another
  overlay changes the plans (those of the budget findings of verify-defects.toml), and the tests check each example
  against the rulebook of all three.

Both run the command through :func:`helpers.run` (its ``main``, in the process that asks first).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import pytest

from conftest import once_per_run
from helpers import ROOT, run

DATA = ROOT / "tests" / "data"
HOSTILE = DATA / "level2-hostile.toml"
EDGES = DATA / "level2-edges.toml"
DEFECTS = DATA / "verify-defects.toml"
OVERLAYS = (HOSTILE, EDGES, DEFECTS)

_MADE: dict[str, subprocess.CompletedProcess[str]] = {}


def bundled_run(factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """``tiktok-team rules verify``: what it did."""
    return _once(factory, "verify-bundled", lambda: run("rules", "verify"))


def overlaid_run(factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """``tiktok-team rules verify --rules FILE...`` with :data:`OVERLAYS`, in JSON: what it did."""
    rules = [argument for path in OVERLAYS for argument in ("--rules", path)]
    return _once(factory, "verify-overlaid", lambda: run("rules", "verify", *rules, "--format", "json"))


def _once(
    factory: pytest.TempPathFactory, name: str, make: Callable[[], subprocess.CompletedProcess[str]]
) -> subprocess.CompletedProcess[str]:
    """``make()``, made by the first process of the suite's run to ask (see ``once_per_run`` in tests/conftest.py),
    and kept by each process for the modules it runs."""
    if name not in _MADE:
        _MADE[name] = once_per_run(factory, name, make)
    return _MADE[name]
