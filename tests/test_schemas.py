"""The JSON Schema files shipped in the package are generated from their models, never written by hand."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tiktok_team._profile import BusinessProfile
from tiktok_team._schemas import SCHEMAS, main, model_schema, read_schema, schema_path


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_schema_file_is_its_model_schema(kind: str) -> None:
    assert read_schema(kind) == model_schema(kind), (
        f"{schema_path(kind)} is stale: python -m tiktok_team._schemas --write"
    )


def test_the_profile_schema_is_the_business_profile_json_schema() -> None:
    assert json.loads(read_schema("profile")) == BusinessProfile.model_json_schema()


def test_check_passes_on_the_generated_files() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tiktok_team._schemas", "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_unknown_kind_is_an_argument_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--check", "profiel"])
    assert info.value.code == 2
    assert "unknown kind 'profiel'; the kinds are profile" in capsys.readouterr().err


def test_reading_a_schema_imports_no_model() -> None:
    code = (
        "import sys\n"
        "from tiktok_team._schemas import read_schema\n"
        "read_schema('profile')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic' or m == 'tiktok_team._profile'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
