"""The README's commands name files that ship, the ones on the examples run, and every document that states how many
rules the bundled rulebook has states the number it has."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from helpers import ROOT, run
from tiktok_team import load_rulebook

README = ROOT / "README.md"
# A file a command reads: a path into the repository, or a name with the extension of a profile, team or rule file.
READ = re.compile(r"^(?:examples|rules|docs)/|\.(?:toml|json|jsonl|ya?ml)$")
WRITTEN_AFTER = {"--output", ">"}
FENCE = re.compile(r"^```.*?^```$", re.M | re.S)


def _shell_lines(text: str) -> list[str]:
    """The commands of the ``sh`` blocks of a markdown text, one a line."""
    blocks = re.findall(r"^```sh\n(.*?)^```$", text, re.M | re.S)
    return [line for block in blocks for line in block.replace("\\\n", " ").splitlines() if line.strip()]


def _files_read(line: str) -> list[str]:
    words = shlex.split(line, comments=True)
    return [
        word
        for before, word in zip(["", *words], words, strict=False)
        if before not in WRITTEN_AFTER and "://" not in word and READ.search(word)
    ]


COMMANDS = _shell_lines(README.read_text(encoding="utf-8"))
ON_EXAMPLES = [
    line for line in COMMANDS if line.startswith("tiktok-team ") and "dask:" not in line and "serve" not in line
]


def test_every_file_a_readme_command_reads_ships() -> None:
    named = {word for line in COMMANDS for word in _files_read(line)}
    assert {"examples/growth-brand.toml", "examples/startup.toml", "examples/my-rules.toml"} <= named
    # a pattern the shell expands (rules/scenarios/*.toml) names the files it matches
    assert sorted(word for word in named if not [path for path in ROOT.glob(word) if path.is_file()]) == []


@pytest.mark.parametrize("line", [line for line in ON_EXAMPLES if "examples/" in line and "--output" not in line])
def test_each_readme_command_on_the_examples_runs(line: str) -> None:
    words = shlex.split(line, comments=True)[1:]
    stdin = None
    if "<" in words:
        at = words.index("<")
        stdin, words = (ROOT / words[at + 1]).read_bytes(), words[:at] + words[at + 2 :]
    if ">" in words:
        words = words[: words.index(">")]  # what it writes is checked below, not left in the checkout
    done = run(*words, stdin=stdin, cwd=ROOT, binary=True)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.strip()


def _rule_counts(text: str) -> list[int]:
    """Every "N rules" a document states in its prose (a quoted run of a program is what that run printed)."""
    prose = FENCE.sub("", text)
    return [int(number.replace(",", "")) for number in re.findall(r"\b(\d[\d,]*) (?:bundled )?rules\b", prose)]


def _documents() -> list[Path]:
    return [README, ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("document", _documents(), ids=lambda path: path.name)
def test_a_document_that_counts_the_rules_counts_those_of_the_rulebook(document: Path) -> None:
    counted = len(load_rulebook().rules)
    assert [n for n in _rule_counts(document.read_text(encoding="utf-8")) if n != counted] == []


def test_the_count_is_stated_where_it_is_generated() -> None:
    # docs/coverage.md is written by `tiktok-team rules coverage` (make docs; tests/test_coverage.py keeps it current)
    assert _rule_counts((ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")) == [len(load_rulebook().rules)]
    assert _rule_counts("86 rules, not\n```\n12 rules\n```\n1,328 rules") == [86, 1328]
