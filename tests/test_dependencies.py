"""The library runs on its runtime dependencies alone: test-only packages are imported by tiktok_team.testing only."""

from __future__ import annotations

import subprocess
import sys

BLOCK = "import sys\nfor name in ('hypothesis', 'pytest', 'PIL', 'markdown_it'):\n    sys.modules[name] = None\n"


def test_every_module_but_testing_imports_without_the_test_packages() -> None:
    code = BLOCK + (
        "import pkgutil, importlib, tiktok_team\n"
        "for info in pkgutil.walk_packages(tiktok_team.__path__, 'tiktok_team.'):\n"
        "    if info.name != 'tiktok_team.testing':\n"
        "        importlib.import_module(info.name)\n"
        "from tiktok_team.cli import main\n"
        "sys.exit(main(['rules', 'lint']))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: ")
