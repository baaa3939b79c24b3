"""Bad input to every reader of the installed ``tiktok-team`` is exit status 2 and one line on stderr naming the file,
nothing on stdout, never a traceback (issue 2): a directory, a FIFO fed forever, binary data, a file over 1 MiB and
nesting too deep, as a profile, a team (``gap --team``), ``--assumptions``, a ``--rules`` overlay, a scenario file
(``rules test``) and standard input; a bad line of ``plan-many`` names FILE:LINE. FIFOs and process substitution
still plan.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers import BRAND_PR_OVERLAY, EXAMPLES, SCRIPT, refusal, run

LIMIT = 1 << 20
PROFILE = EXAMPLES / "growth-brand.toml"
SCENARIOS = EXAMPLES.parent / "rules" / "scenarios" / "sources.toml"

# Each reader: how to run the command so that it reads the file NAME.
READERS: dict[str, Callable[[str], list[str]]] = {
    "profile": lambda name: ["plan", name],
    "team": lambda name: ["gap", str(PROFILE), "--team", name],
    "assumptions": lambda name: ["plan", str(PROFILE), "--assumptions", name],
    "overlay": lambda name: ["plan", str(PROFILE), "--rules", name],
    "scenario": lambda name: ["rules", "test", name],
}

# Each bad input: how to make it at PATH (None: a file of these bytes), and what the error says.
BAD: dict[str, tuple[bytes | None, str]] = {
    "directory": (None, "is a directory, not a"),
    "fifo": (None, "larger than 1 MiB, the most a"),
    "binary": (b"stage = \x00\xff\xfe\x00", "not UTF-8 text: byte 10 is b'\\xff'"),
    "huge": (b"#" * (LIMIT + 1), "larger than 1 MiB, the most a"),
    "deep": (b"a = " + b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
}


@pytest.fixture
def endless(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Make a FIFO at a path, fed by ``yes`` for as long as anyone reads it."""
    writers: list[subprocess.Popen[bytes]] = []

    def make(path: Path) -> None:
        os.mkfifo(path)
        writers.append(subprocess.Popen(["sh", "-c", 'exec yes > "$0"', str(path)], stderr=subprocess.DEVNULL))

    yield make
    for writer in writers:
        writer.kill()
        writer.wait()


@pytest.mark.parametrize("bad", sorted(BAD))
@pytest.mark.parametrize("reader", sorted(READERS))
def test_bad_input_is_one_line_naming_the_file(
    tmp_path: Path, endless: Callable[[Path], None], reader: str, bad: str
) -> None:
    content, said = BAD[bad]
    path = tmp_path / f"{bad}.toml"
    if bad == "directory":
        path.mkdir()
    elif bad == "fifo":
        endless(path)
    else:
        assert content is not None
        path.write_bytes(content)
    line = refusal(run(*READERS[reader](path.name), cwd=tmp_path, binary=True))
    assert line.startswith(f"tiktok-team: error: {path.name}: "), line
    assert said in line, line


@pytest.mark.parametrize("bad", ["endless", "binary", "huge", "deep"])
def test_bad_standard_input_is_one_line_naming_stdin(tmp_path: Path, bad: str) -> None:
    # (a directory as standard input, `< dir`, never reaches the command: Python itself refuses to start)
    if bad == "endless":
        with subprocess.Popen(["yes"], stdout=subprocess.PIPE) as feed:
            assert feed.stdout is not None
            line = refusal(run("plan", "-", cwd=tmp_path, stdin=feed.stdout.fileno(), binary=True))
            feed.kill()
        said = "larger than 1 MiB"
    else:
        content, said = BAD[bad]
        assert content is not None
        line = refusal(run("plan", "-", cwd=tmp_path, stdin=content, binary=True))
    assert line.startswith("tiktok-team: error: <stdin>: "), line
    assert said in line, line


def test_bad_lines_of_plan_many_name_the_file_and_the_line(tmp_path: Path) -> None:
    good = json.dumps({"stage": "growth", "sourcing": "own_stock"}).encode()
    lines = [good, b'{"x": "\xff"}', b"[" * 200_000, b'"' + b"x" * (LIMIT + 10) + b'"', good]
    (tmp_path / "in.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    done = run("plan-many", "in.jsonl", cwd=tmp_path, binary=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr.decode()
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(out) == 5
    assert "roles" in out[0]
    assert "roles" in out[4]
    errors = done.stderr.decode().splitlines()
    assert [line.split(": ")[2] for line in errors] == ["in.jsonl:2", "in.jsonl:3", "in.jsonl:4"]
    assert [entry.get("line") for entry in out] == [None, 2, 3, 4, None]
    assert "not UTF-8 text: byte 8" in errors[0]
    assert "nested too deeply" in errors[1]
    assert "larger than 1 MiB, the most a line may be" in errors[2]


def test_a_directory_is_a_directory_whatever_its_name(tmp_path: Path) -> None:
    line = refusal(run("plan-many", ".", cwd=tmp_path, binary=True))
    assert line == "tiktok-team: error: .: is a directory, not a JSON Lines file"
    line = refusal(run("plan", ".", cwd=tmp_path, binary=True))
    assert line == "tiktok-team: error: .: is a directory, not a profile file"


def test_a_fifo_and_process_substitution_still_plan(tmp_path: Path) -> None:
    expected = run("plan", str(PROFILE), "--format", "json", cwd=tmp_path, binary=True)
    assert expected.returncode == 0
    fifo = tmp_path / "profile.toml"
    os.mkfifo(fifo)
    with subprocess.Popen(["sh", "-c", 'exec cat "$1" > "$0"', str(fifo), str(PROFILE)]) as writer:
        done = run("plan", fifo.name, "--format", "json", cwd=tmp_path, binary=True)
        writer.wait(timeout=60)
    assert (done.returncode, done.stdout) == (0, expected.stdout), done.stderr
    substituted = subprocess.run(
        ["bash", "-c", f'"{SCRIPT}" plan <(cat "{PROFILE}") --input-format toml --format json'],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert (substituted.returncode, substituted.stdout) == (0, expected.stdout), substituted.stderr


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_byte_order_mark_before_the_text_is_ignored_by_every_reader(tmp_path: Path, reader: str) -> None:
    # Windows editors save "UTF-8 with BOM"; the mark is not part of the document, in a file or on stdin.
    name, text = {
        "profile": (PROFILE.name, PROFILE.read_bytes()),
        "team": ("team.toml", (EXAMPLES / "team.toml").read_bytes()),
        "assumptions": ("assumptions.yaml", b"streamer_hours_per_day: 6\n"),
        "overlay": ("brand.toml", BRAND_PR_OVERLAY.encode()),
        "scenario": (SCENARIOS.name, SCENARIOS.read_bytes()),
    }[reader]
    answers = []
    for folder, content in (("plain", text), ("marked", b"\xef\xbb\xbf" + text)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_bytes(content)
        answers.append(run(*READERS[reader](name), cwd=tmp_path / folder, binary=True))
    plain, marked = answers
    assert plain.returncode == 0, plain.stderr
    assert (marked.returncode, marked.stdout) == (0, plain.stdout), marked.stderr
    if reader == "profile":
        piped = run("plan", "-", "--input-format", "toml", cwd=tmp_path, stdin=b"\xef\xbb\xbf" + text, binary=True)
        assert (piped.returncode, piped.stdout) == (0, plain.stdout), piped.stderr
