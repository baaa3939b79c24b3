"""A plain ``pip install`` of the built wheel works on every supported Python found on this machine.

experta 1.9.4 pins frozendict 1.2, which breaks on Python >= 3.10; :mod:`tiktok_team._engine` works around it.
This test proves the workaround holds for what a user actually gets: it builds the wheel once, installs it with
plain pip (dependencies from the package index) into a fresh virtual environment per interpreter, and runs the
installed command, the installed import, and the rule lookup from outside the source tree. The pip that installs is
this suite's own, run for the venv's interpreter (``pip --python``): a venv seeded with a pip of its own would only
make the install slower.
"""

from __future__ import annotations

import functools
import glob
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUPPORTED = ((3, 10), (3, 11), (3, 12), (3, 13))
TIMEOUT = 600
PROFILE = 'stage = "startup"\nsourcing = "own_stock"\n'


def _version_of(python: str) -> tuple[int, int] | None:
    """The (major, minor) of an interpreter, or None if it does not run (e.g. a pyenv shim with no version)."""
    try:
        done = subprocess.run(
            [python, "-c", "import sys; print(*sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    try:
        major, minor = map(int, done.stdout.split())
    except ValueError:
        return None
    return major, minor


def _interpreters() -> list[tuple[tuple[int, int], str]]:
    """One working interpreter per supported version, the current one always included."""
    found: dict[tuple[int, int], str] = {sys.version_info[:2]: sys.executable}
    for major, minor in SUPPORTED:
        name = f"python{major}.{minor}"
        candidates = [shutil.which(name), *sorted(glob.glob(f"/root/.pyenv/versions/{major}.{minor}*/bin/{name}"))]
        for candidate in candidates:
            if (major, minor) in found:
                break
            if candidate and _version_of(candidate) == (major, minor):
                found[(major, minor)] = candidate
    return sorted(found.items())


INTERPRETERS = _interpreters()


def _clean_env() -> dict[str, str]:
    """The environment without anything that would leak the source tree or the test venv into the child."""
    env = dict(os.environ)
    for name in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "PYTHONUSERBASE", "__PYVENV_LAUNCHER__"):
        env.pop(name, None)
    env["PYTHONNOUSERSITE"] = "1"
    return env


def _run(args: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command and fail the test, showing its output, if it exits non-zero."""
    command = [str(arg) for arg in args]
    done = subprocess.run(
        command, cwd=cwd, env=_clean_env(), capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert done.returncode == 0, (
        f"{' '.join(command)} exited {done.returncode}\n--- stdout ---\n{done.stdout}\n--- stderr ---\n{done.stderr}"
    )
    return done


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built once per session."""
    outdir = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", outdir, ROOT], cwd=ROOT)
    wheels = list(outdir.glob("tiktok_team-*.whl"))
    assert len(wheels) == 1, f"expected one wheel in {outdir}, found {wheels}"
    return wheels[0]


def _bindir(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


def _python_of(venv: Path) -> Path:
    return _bindir(venv) / ("python.exe" if os.name == "nt" else "python")


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The virtual environment of an interpreter, made fresh and given the wheel by plain pip when first asked for
    (outside the source tree); the tests of one interpreter share it."""

    @functools.cache
    def venv_of(python: str) -> Path:
        outside = tmp_path_factory.mktemp("elsewhere")
        venv = tmp_path_factory.mktemp("venv") / "venv"
        # --no-compile: Python compiles the modules the tests import as it imports them, not every module of every
        # dependency ahead of use
        _run([python, "-m", "venv", "--without-pip", venv], cwd=outside)
        install = ["install", "--disable-pip-version-check", "-q", "--no-compile", wheel]
        _run([sys.executable, "-m", "pip", "--python", _python_of(venv), *install], cwd=outside)
        return venv

    return venv_of


@pytest.mark.install
@pytest.mark.parametrize(
    "python", [python for _, python in INTERPRETERS], ids=[f"py{major}.{minor}" for (major, minor), _ in INTERPRETERS]
)
def test_plain_install_of_the_wheel_works(
    python: str, wheel: Path, installed: Callable[[str], Path], tmp_path: Path
) -> None:
    """Install the wheel with plain pip into a fresh venv, then run the command and import experta."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    venv = installed(python)
    bindir, venv_python = _bindir(venv), _python_of(venv)

    profile = outside / "profile.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    done = _run([bindir / "tiktok-team", "plan", profile, "--format", "json"], cwd=outside)
    try:
        plan = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        pytest.fail(f"tiktok-team plan did not print JSON ({error}):\n{done.stdout}\n--- stderr ---\n{done.stderr}")
    roles = {role["id"] for role in plan["roles"]}
    assert {"streamer", "owner"} <= roles, f"roles: {sorted(roles)}"

    # one interpreter run for what the installed import says: experta imports after the engine (its workaround);
    # where the package and its rules come from; and the profile's model schema, which `tiktok-team schema` must print
    script = (
        "import json, sysconfig, tiktok_team, tiktok_team._engine, experta, tiktok_team._rulebook as r; "
        "print(json.dumps({'purelib': sysconfig.get_paths()['purelib'], 'package': tiktok_team.__file__, "
        "'rules': str(r.bundled_rules_dir()), 'schema': tiktok_team.BusinessProfile.model_json_schema()}))"
    )
    where = json.loads(_run([venv_python, "-c", script], cwd=outside).stdout)
    model_schema = where.pop("schema")
    purelib = Path(where["purelib"]).resolve()
    assert purelib.is_relative_to(venv.resolve()), where
    for key in ("package", "rules"):
        assert Path(where[key]).resolve().is_relative_to(purelib), f"{key} not from the installed wheel: {where}"
    assert not Path(where["rules"]).resolve().is_relative_to(ROOT), where
    assert (Path(where["rules"]) / "catalog.toml").is_file(), where
    assert (Path(where["rules"]) / "scenarios" / "sources.toml").is_file(), where

    # schema prints the generated file shipped in the wheel, which is its model's schema; --version is the wheel's
    schema = json.loads(_run([bindir / "tiktok-team", "schema"], cwd=outside).stdout)
    assert schema == model_schema
    version = _run([bindir / "tiktok-team", "--version"], cwd=outside).stdout.split()
    assert version == ["tiktok-team", wheel.name.split("-")[1]]


# A program as a user who type-checks their code writes it: only the package root's names, every result annotated.
TYPED_USER = """\
from tiktok_team import (
    BusinessProfile,
    CurrentTeam,
    Gap,
    BilingualText,
    Plan,
    PlanDiff,
    PlannedRole,
    Reason,
    Roadmap,
    Rulebook,
    TiktokTeamError,
    VerifyReport,
    WhatIf,
    gap,
    headline,
    load_rulebook,
    recommend,
    roadmap,
    whatif,
)
from tiktok_team.render import render_markdown


def team_size(profile: BusinessProfile, book: Rulebook) -> int:
    plan: Plan = recommend(profile, book)
    first: PlannedRole = plan.roles[0]
    reasons: list[Reason] = [reason for role in plan.roles for reason in role.reasons]
    assert first.name.en and reasons[0].rule and not plan.excluded[0].id.startswith(" ")
    return plan.headcount


book: Rulebook = load_rulebook()
profile = BusinessProfile(stage="startup", sourcing="own_stock")
growth: dict[str, object] = {"stage": "growth", "sourcing": "own_stock"}
bad: dict[str, object] = {"stage": "huge", "sourcing": "own_stock"}
members: dict[str, object] = {"person": [{"name": "Ana", "roles": ["owner", "streamer"]}]}
size: int = team_size(profile, book)
steps: Roadmap = roadmap(profile, book)
team = CurrentTeam.parse(members)
missing: Gap = gap(profile, team, book)
table: WhatIf = whatif(profile, book)
change: PlanDiff = recommend(profile, book).diff(recommend(growth, book))
said: BilingualText = headline(recommend(profile, book))
text: str = render_markdown(recommend(profile, book))
try:
    recommend(bad)
except TiktokTeamError as error:
    problem: str = str(error)
report: VerifyReport | None = None
print(size, len(steps.steps), len(missing.missing), len(table.rows), change.headcount_after, said.en[:1], len(text))
"""


@pytest.mark.install
def test_a_typed_user_program_checks_strictly_against_the_installed_wheel(
    installed: Callable[[str], Path], tmp_path: Path
) -> None:
    """``mypy --strict`` passes on a user's program that imports the installed wheel, outside the source tree.

    mypy treats a package without the ``py.typed`` marker (PEP 561) as untyped and fails the import; and
    ``--disallow-any-expr`` fails on any expression of the program whose type is ``Any``, so an ``Any`` leaking out
    of a public signature fails too.
    """
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    venv_python = _python_of(installed(sys.executable))  # this interpreter's, shared with its plain install test
    program = outside / "user_program.py"
    program.write_text(TYPED_USER, encoding="utf-8")
    checked = [
        sys.executable, "-m", "mypy", "--strict", "--disallow-any-expr", "--no-incremental",
        "--python-executable", venv_python, "--cache-dir", tmp_path / "mypy-cache", "--config-file", os.devnull,
        program,
    ]  # fmt: skip
    _run(checked, cwd=outside)
    done = _run([venv_python, program], cwd=outside)
    assert done.stdout.split()[0].isdigit(), done.stdout
