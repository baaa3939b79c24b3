"""What each command imports, so that it starts fast (docs/performance.md, "Start-up"): a command imports what it
uses and nothing else. Speed itself is measured by ``benchmarks/startup.py`` (``make bench``), never asserted here:
which modules a command imports is deterministic, its timings are not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLES

# Neither pydantic's models nor the engine: the libraries these commands must not touch, and our modules that would
# pull them in.
HEAVY = ("pydantic", "pydantic_core", "networkx", "experta", "yaml", "importlib.metadata")
MODELS = ("tiktok_team._profile", "tiktok_team._entries", "tiktok_team._rulebook", "tiktok_team._engine")
# A markdown plan draws no picture, serves nothing, plans no batch and builds no other report.
NOT_FOR_A_PLAN = (
    "networkx",
    "yaml",
    "fastapi",
    "uvicorn",
    "orjson",
    "multiprocessing",
    "concurrent.futures.process",
    "tiktok_team._batch",
    "tiktok_team.serve",
    "tiktok_team._diff",
    "tiktok_team._whatif",
    "tiktok_team._gap",
    "tiktok_team._roadmap",
    "tiktok_team._verify",
    "tiktok_team._schemas",
    "tiktok_team.render._svg",
    "tiktok_team.render._html",
    "tiktok_team.render._dot",
    "tiktok_team.render._mermaid",
    "tiktok_team.render._graphml",
    "tiktok_team.render._json",
)


def imported_by(*argv: str) -> set[str]:
    """The modules imported in a fresh interpreter by running ``tiktok-team ARGV`` (its output thrown away), which
    must succeed."""
    code = (
        "import contextlib, io, json, sys\n"
        "from tiktok_team.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        status = main({list(argv)!r})\n"
        "    except SystemExit as stop:  # --help and --version: argparse's own exit\n"
        "        status = stop.code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def within(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The ``modules`` that are one of ``names`` or inside one of them."""
    return sorted(m for m in modules if any(m == name or m.startswith(f"{name}.") for name in names))


@pytest.mark.parametrize("argv", [("--help",), ("--version",), ("schema",), ("plan", "--help")], ids=" ".join)
def test_help_version_and_schema_import_no_model_nor_engine(argv: tuple[str, ...]) -> None:
    modules = imported_by(*argv)
    heavy = HEAVY if argv != ("--version",) else tuple(n for n in HEAVY if n != "importlib.metadata")
    assert within(modules, heavy) == []
    assert within(modules, MODELS) == []


def test_a_markdown_plan_imports_only_what_it_uses() -> None:
    modules = imported_by("plan", str(EXAMPLES / "growth-brand.toml"))
    assert {"experta", "pydantic", "tiktok_team._engine", "tiktok_team.render._markdown"} <= modules  # it did plan
    assert within(modules, NOT_FOR_A_PLAN) == []


def test_a_yaml_profile_imports_yaml_and_only_a_drawing_imports_networkx(tmp_path: Path) -> None:
    profile = tmp_path / "shop.yaml"
    profile.write_text("stage: growth\nsourcing: dropship\n", encoding="utf-8")
    assert "yaml" in imported_by("plan", str(profile))
    # the JSON's graph is node-link data made without networkx; a GraphML file is written from the plan's networkx graph
    json_plan = imported_by("plan", str(EXAMPLES / "growth-brand.toml"), "--format", "json")
    assert "tiktok_team._graph" in json_plan
    assert within(json_plan, ("networkx",)) == []
    assert "networkx" in imported_by("plan", str(EXAMPLES / "growth-brand.toml"), "--format", "graphml")
