"""The command's picture formats, ``--lang both`` and ``--output``, run as a user runs them (:func:`helpers.run`).

As in tests/test_cli.py, every invocation starts at once in the module fixture ``runs``; the tests then look at
the results and at the files left in each run's own directory.
"""

from __future__ import annotations

import functools
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from helpers import GROWTH_BRAND, SCRIPT, at_once, run
from tiktok_team import BusinessProfile, recommend, roadmap
from tiktok_team.render import render_graphml, render_html, render_markdown, render_mermaid, render_svg

PROFILE = """stage = "growth"
sourcing = "own_stock"
formats = ["livestream", "short_video"]
paid_ads = true
influencers = true
own_brand = true
"""
PROFILE_DATA = GROWTH_BRAND
OLD = "the file as it was before\n"


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    files: dict[str, str] = field(default_factory=dict)  # written into the run's directory first
    env: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    status: int
    stdout: str
    stderr: str
    files: dict[str, bytes]  # the run's directory afterwards, profile.toml left out


CASES = {
    **{f"plan-{fmt}": Case(("plan", "profile.toml", "--format", fmt, "--lang", "both")) for fmt in ("mermaid", "svg")},
    "plan-svg-again": Case(("plan", "profile.toml", "--format", "svg", "--lang", "both"), env={"PYTHONHASHSEED": "7"}),
    "plan-html-out": Case(("plan", "profile.toml", "--format", "html", "--output", "report.html")),
    "plan-graphml-out": Case(("plan", "profile.toml", "--format", "graphml", "--output", "plan.graphml")),
    "plan-json-out": Case(("plan", "profile.toml", "--format", "json", "--output", "plan.json")),
    "plan-json": Case(("plan", "profile.toml", "--format", "json")),
    "replace": Case(("plan", "profile.toml", "--output", "plan.md"), files={"plan.md": OLD}),
    "markdown-both": Case(("plan", "profile.toml", "--lang", "both")),
    "explain-both": Case(("explain", "profile.toml", "streamer", "--lang", "both")),
    "roadmap-mermaid": Case(("roadmap", "profile.toml", "--format", "mermaid", "--lang", "zh")),
    "roadmap-svg-out": Case(("roadmap", "profile.toml", "--format", "svg", "--output", "roadmap.svg")),
    "schema-out": Case(("schema", "--output", "schema.json")),
    # errors: exit status 2, one line, and nothing written (no output file, no temporary file)
    "bad-profile-out": Case(
        ("plan", "bad.toml", "--format", "html", "--output", "report.html"),
        files={"bad.toml": "stage = 'seed'\nsourcing = 'own_stock'\n"},
    ),
    "bad-profile-keeps-old": Case(
        ("plan", "bad.toml", "--output", "plan.md"), files={"bad.toml": "stage = 1\n", "plan.md": OLD}
    ),
    "no-graphviz": Case(
        ("plan", "profile.toml", "--format", "svg", "--output", "plan.svg"), env={"PATH": "/nonexistent"}
    ),
    "no-graphviz-stdout": Case(("plan", "profile.toml", "--format", "html"), env={"PATH": "/nonexistent"}),
    "no-directory": Case(("plan", "profile.toml", "--output", "missing/plan.md")),
    "gap-svg": Case(
        ("gap", "profile.toml", "--team", "team.toml", "--format", "svg"),
        files={"team.toml": "[[person]]\nname = 'A'\nroles = ['owner']\n"},
    ),
    "help-plan": Case(
        (
            "plan",
            "--help",
        )
    ),
}


def _run(case: Case, cwd: Path) -> Result:
    cwd.mkdir()
    (cwd / "profile.toml").write_text(PROFILE, encoding="utf-8")
    for name, text in case.files.items():
        (cwd / name).write_text(text, encoding="utf-8")
    done = run(*case.args, cwd=cwd, env=case.env)
    files = {
        str(path.relative_to(cwd)): path.read_bytes()
        for path in sorted(cwd.rglob("*"))
        if path.is_file() and path.name != "profile.toml" and path.name not in case.files
    }
    files.update({name: (cwd / name).read_bytes() for name in case.files if (cwd / name).exists()})
    return Result(done.returncode, done.stdout, done.stderr, files)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    assert SCRIPT.is_file(), f"the console script is not installed at {SCRIPT}"
    base = tmp_path_factory.mktemp("formats")
    return at_once({name: functools.partial(_run, case, base / name) for name, case in CASES.items()})


def ok(runs: dict[str, Result], name: str) -> Result:
    result = runs[name]
    assert result.status == 0, result.stderr
    assert result.stderr == ""
    return result


def error_line(result: Result) -> str:
    assert result.status == 2
    assert result.stdout == ""
    assert result.stderr.startswith("tiktok-team: error: ")
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


@pytest.fixture(scope="module")
def profile() -> BusinessProfile:
    return BusinessProfile.parse(PROFILE_DATA)


def test_pictures_on_stdout_are_the_renderers_output(runs: dict[str, Result], profile: BusinessProfile) -> None:
    plan = recommend(profile)
    assert ok(runs, "plan-mermaid").stdout == render_mermaid(plan, "both")
    assert ok(runs, "plan-svg").stdout == render_svg(plan, "both")
    assert ok(runs, "plan-svg-again").stdout == ok(runs, "plan-svg").stdout  # another hash seed, same bytes


def test_output_writes_the_file_and_nothing_else(runs: dict[str, Result], profile: BusinessProfile) -> None:
    plan = recommend(profile)
    result = ok(runs, "plan-html-out")
    assert result.stdout == ""
    assert result.files == {"report.html": render_html(plan, "en").encode("utf-8")}
    assert ok(runs, "plan-graphml-out").files == {"plan.graphml": render_graphml(plan, "en").encode("utf-8")}
    assert ok(runs, "plan-json-out").files == {"plan.json": ok(runs, "plan-json").stdout.encode("utf-8")}
    assert json.loads(ok(runs, "schema-out").files["schema.json"])["type"] == "object"


def test_output_replaces_an_existing_file(runs: dict[str, Result], profile: BusinessProfile) -> None:
    result = ok(runs, "replace")
    assert result.files == {"plan.md": render_markdown(recommend(profile), "en").encode("utf-8")}


def test_roadmap_pictures(runs: dict[str, Result], profile: BusinessProfile) -> None:
    out = ok(runs, "roadmap-mermaid").stdout
    assert out.startswith("flowchart LR\n")
    assert "发展期" in out
    assert "成熟期" in out
    svg = ok(runs, "roadmap-svg-out").files["roadmap.svg"].decode("utf-8")
    assert svg.startswith("<?xml")
    texts = {element.text for element in ET.fromstring(svg.encode()).iter("{http://www.w3.org/2000/svg}text")}
    result = roadmap(profile)
    for hire in result.steps[0].hires:  # every hire of the step is in the picture
        assert result.rulebook.roles[hire.role].en in texts
    assert "Mature" in texts


def test_lang_both_gives_the_english_text_then_the_chinese(runs: dict[str, Result], profile: BusinessProfile) -> None:
    english, chinese = render_markdown(recommend(profile), "en"), render_markdown(recommend(profile), "zh")
    assert ok(runs, "markdown-both").stdout == f"{english}\n---\n\n{chinese}"
    explained = ok(runs, "explain-both").stdout
    assert explained.startswith("Streamer (主播) is in the plan")
    assert "主播（Streamer）在方案中" in explained


def test_help_lists_the_formats_and_options(runs: dict[str, Result]) -> None:
    out = ok(runs, "help-plan").stdout
    for word in ("mermaid", "dot", "graphml", "svg", "html", "both", "--output"):
        assert word in out, word


@pytest.mark.parametrize("name", ["bad-profile-out", "bad-profile-keeps-old"])
def test_on_bad_input_nothing_is_written(runs: dict[str, Result], name: str) -> None:
    result = runs[name]
    assert "bad.toml" in error_line(result)
    expected = {"bad.toml": CASES[name].files["bad.toml"].encode()}
    if "plan.md" in CASES[name].files:
        expected["plan.md"] = OLD.encode()  # the old file is untouched
    assert result.files == expected  # and no temporary file is left behind


def test_missing_graphviz_is_one_line_saying_how_to_install_it(runs: dict[str, Result]) -> None:
    for name in ("no-graphviz", "no-graphviz-stdout"):
        line = error_line(runs[name])
        assert "Graphviz's 'dot' program is not installed" in line
        assert "apt-get install graphviz" in line
        assert runs[name].files == {}


def test_unwritable_output_is_one_line(runs: dict[str, Result]) -> None:
    line = error_line(runs["no-directory"])
    assert "cannot write missing/plan.md" in line
    assert runs["no-directory"].files == {}


def test_gap_has_no_picture(runs: dict[str, Result]) -> None:
    result = runs["gap-svg"]
    assert result.status == 2
    assert "invalid choice: 'svg'" in result.stderr
