"""The library runs on its runtime dependencies alone: test-only packages are imported by tiktok_team.testing only,
and the extras (serve: FastAPI, uvicorn, httptools, uvloop; cluster: dask) only by the code that needs them."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import EXAMPLES

TEST_PACKAGES = ("hypothesis", "pytest", "PIL", "httpx", "playwright", "markdown_it")
EXTRAS = ("fastapi", "uvicorn", "starlette", "httptools", "uvloop", "dask", "distributed")
BLOCK = f"import sys\nfor name in {(*TEST_PACKAGES, *EXTRAS)!r}:\n    sys.modules[name] = None\n"


def test_every_module_but_testing_and_serve_imports_without_the_test_packages_and_extras() -> None:
    code = BLOCK + (
        "import pkgutil, importlib, tiktok_team\n"
        "for info in pkgutil.walk_packages(tiktok_team.__path__, 'tiktok_team.'):\n"
        "    if info.name != 'tiktok_team.testing' and not info.name.startswith('tiktok_team.serve'):\n"
        "        importlib.import_module(info.name)\n"
        "from tiktok_team.cli import main\n"
        "sys.exit(main(['rules', 'lint']))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: ")


def test_no_command_but_serve_imports_an_extra_even_when_installed() -> None:
    # The extras are installed here (make test installs them): each other command must still leave them alone.
    profile, team = EXAMPLES / "growth-brand.toml", EXAMPLES / "team.toml"
    commands = [
        ["plan", str(profile), "--format", "json"],
        ["plan", str(profile), "--format", "svg"],
        ["explain", str(profile), "ad_buyer"],
        ["roadmap", str(profile)],
        ["gap", str(profile), "--team", str(team)],
        ["assumptions"],
        ["schema"],
        ["rules", "list"],
        ["rules", "show", "growth-service-splits"],
        ["rules", "lint"],
        ["rules", "coverage"],
        ["--version"],
    ]
    code = (
        "import contextlib, io, json, sys\n"
        "import tiktok_team\n"
        "from tiktok_team.cli import main\n"
        "statuses = []\n"
        f"for argv in {commands!r}:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        try:\n"
        "            statuses.append(main(argv))\n"
        "        except SystemExit as stop:  # --version: argparse's own exit\n"
        "            statuses.append(stop.code)\n"
        'lines = io.BytesIO(b\'{"stage": "growth", "sourcing": "dropship"}\\n\')\n'
        "sys.stdin = io.TextIOWrapper(lines)\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    statuses.append(main(['plan-many', '-']))\n"
        "print(json.dumps(statuses))\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {(*TEST_PACKAGES, *EXTRAS)!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    *_, statuses, imported = done.stdout.splitlines()
    assert json.loads(statuses) == [0] * (len(commands) + 1), done.stderr  # every command ran, and succeeded
    assert json.loads(imported) == []
