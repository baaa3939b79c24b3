"""``tiktok-team plan-many``, run as a user runs it: the installed command, on a JSON Lines file and on stdin."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import BRAND_PR_OVERLAY, SCRIPT, run
from tiktok_team import load_rulebook, recommend

GOOD = [
    {"stage": "growth", "sourcing": "own_stock", "formats": ["livestream", "short_video"], "paid_ads": True},
    {"stage": "startup", "sourcing": "affiliate_pool"},
    {"stage": "mature", "sourcing": "dropship", "influencers": True, "headcount_budget": 6},
    {"stage": "growth", "sourcing": "own_stock", "own_brand": True, "influencers": True},
]
# The input: good profiles with bad lines among them; line numbers count from 1.
LINES = [
    json.dumps(GOOD[0]),
    json.dumps({"stage": "seed", "sourcing": "own_stock"}),
    json.dumps(GOOD[1]),
    '{"stage": "growth", ',
    json.dumps(GOOD[2]),
    "",
    json.dumps(GOOD[3]),
]
BAD_LINES = {2: "'seed'", 4: "not valid JSON", 6: "empty line"}
OVERLAY = BRAND_PR_OVERLAY


@dataclass(frozen=True)
class Result:
    status: int
    stdout: str
    stderr: str


def plan_many(cwd: Path, *args: str, stdin: str = "") -> Result:
    assert SCRIPT.is_file(), f"the console script is not installed at {SCRIPT}"
    done = run("plan-many", *args, stdin=stdin, cwd=cwd, process=True)  # its worker processes fork from it
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def cwd(tmp_path: Path) -> Path:
    (tmp_path / "profiles.jsonl").write_text("\n".join(LINES) + "\n", encoding="utf-8")
    (tmp_path / "good.jsonl").write_text("".join(json.dumps(p) + "\n" for p in GOOD), encoding="utf-8")
    (tmp_path / "overlay.toml").write_text(OVERLAY, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("workers", ["1", "2"])
def test_good_and_bad_lines(cwd: Path, workers: str) -> None:
    result = plan_many(cwd, "profiles.jsonl", "--workers", workers)
    assert result.status == 2
    assert "Traceback" not in result.stderr
    out = result.stdout.splitlines()
    assert len(out) == len(LINES)
    rows = [json.loads(line) for line in out]
    good = iter(GOOD)
    for number, row in enumerate(rows, start=1):
        if number in BAD_LINES:
            assert set(row) == {"line", "error"}
            assert row["line"] == number
            assert BAD_LINES[number] in row["error"]
        else:
            assert row == recommend(next(good)).to_dict()
    errors = result.stderr.splitlines()
    assert len(errors) == len(BAD_LINES)
    for message, (number, fragment) in zip(errors, BAD_LINES.items(), strict=True):
        assert message.startswith(f"tiktok-team: error: profiles.jsonl:{number}: ")
        assert fragment in message


def test_all_good_lines_from_stdin_exit_zero_quietly(cwd: Path) -> None:
    result = plan_many(cwd, "-", "--workers", "2", stdin=(cwd / "good.jsonl").read_text(encoding="utf-8"))
    assert (result.status, result.stderr) == (0, "")  # stderr is not a terminal: no progress bar
    assert [json.loads(line) for line in result.stdout.splitlines()] == [recommend(p).to_dict() for p in GOOD]


def test_output_file_and_rule_overlay(cwd: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = plan_many(cwd, "good.jsonl", "--rules", "overlay.toml", "--workers", "2", "--output", "plans.jsonl")
    assert (result.status, result.stdout, result.stderr) == (0, "", "")
    monkeypatch.chdir(cwd)  # reasons name the rule file as it was given
    book = load_rulebook("overlay.toml")
    written = (cwd / "plans.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in written] == [recommend(p, book).to_dict() for p in GOOD]
    assert "pr" in {role["id"] for role in json.loads(written[3])["roles"]}


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("absent.jsonl",), ("tiktok-team: error: absent.jsonl: no such JSON Lines file",)),
        (("good.jsonl", "--rules", "absent.toml"), ("absent.toml", "no such rule file")),
        (("good.jsonl", "--workers", "0"), ("--workers", "at least 1")),
    ],
)
def test_unusable_input_is_one_error_and_no_output(
    cwd: Path, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    result = plan_many(cwd, *args)
    assert result.status == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_only_on_a_terminal(cwd: Path) -> None:
    controller, terminal = os.openpty()
    try:
        done = subprocess.run(
            [str(SCRIPT), "plan-many", "good.jsonl"],
            stdout=subprocess.PIPE,
            stderr=terminal,
            cwd=cwd,
            timeout=120,
            check=False,
        )
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal's other end is closed: everything has been read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    assert done.returncode == 0
    assert f"{len(GOOD)}/{len(GOOD)} lines 100%".encode() in shown
    assert len(done.stdout.splitlines()) == len(GOOD)
