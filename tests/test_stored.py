"""The bundled rulebook is stored in the user's cache directory once loaded, and read back instead of validated:
the same rulebook, never a stale one, never an overlay, and never a failure when the directory is unusable."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tiktok_team import _stored
from tiktok_team._rulebook import Rulebook, _load, bundled_rules_dir, load_rulebook
from tiktok_team._stored import KEEP, cache_dir, stored

BUNDLED = sorted(bundled_rules_dir().glob("*.toml"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("TIKTOK_TEAM_NO_CACHE", raising=False)
    monkeypatch.delenv("TIKTOK_TEAM_CACHE_DIR", raising=False)  # the suite's own (tests/conftest.py)
    return tmp_path / "tiktok-team"


class Counting:
    """A loader of the bundled rulebook that counts its calls."""

    def __init__(self, paths: list[Path] = BUNDLED) -> None:
        self.paths, self.calls = paths, 0

    def __call__(self) -> Rulebook:
        self.calls += 1
        return _load(self.paths)


def test_the_first_load_stores_it_and_the_next_reads_it_back(cache: Path) -> None:
    load = Counting()
    first = stored(BUNDLED, load, Rulebook)
    assert load.calls == 1
    assert [path.suffix for path in cache.iterdir()] == [".pickle"]
    again = stored(BUNDLED, load, Rulebook)
    assert load.calls == 1
    assert again is not first
    assert list(again.rules) == list(first.rules)
    assert again.salience == first.salience
    assert again.cache == {}


def test_a_stored_rulebook_plans_exactly_as_a_validated_one(cache: Path) -> None:
    from tiktok_team import recommend  # noqa: PLC0415

    stored(BUNDLED, Counting(), Rulebook)
    read_back = stored(BUNDLED, Counting(), Rulebook)
    profile = {"stage": "growth", "sourcing": "own_stock", "paid_ads": True, "headcount_budget": 6}
    assert recommend(profile, read_back).to_dict() == recommend(profile, _load(BUNDLED)).to_dict()


def test_a_changed_rule_file_is_a_new_key(cache: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    for path in BUNDLED:
        (rules / path.name).write_bytes(path.read_bytes())
    paths = sorted(rules.glob("*.toml"))
    load = Counting(paths)
    stored(paths, load, Rulebook)
    advice = rules / "advice.toml"
    advice.write_text(advice.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    stored(paths, load, Rulebook)
    assert load.calls == 2
    assert len(list(cache.glob("rulebook-*.pickle"))) == 2


def test_a_broken_stored_file_is_loaded_afresh_and_replaced(cache: Path) -> None:
    stored(BUNDLED, Counting(), Rulebook)
    (path,) = cache.iterdir()
    path.write_bytes(b"not a pickle")
    load = Counting()
    assert list(stored(BUNDLED, load, Rulebook).rules) == list(load_rulebook().rules)
    assert load.calls == 1
    assert isinstance(pickle.loads(path.read_bytes()), Rulebook)


def test_a_stored_object_of_another_type_is_ignored(cache: Path) -> None:
    stored(BUNDLED, Counting(), Rulebook)
    (path,) = cache.iterdir()
    path.write_bytes(pickle.dumps({"not": "a rulebook"}))
    load = Counting()
    assert isinstance(stored(BUNDLED, load, Rulebook), Rulebook)
    assert load.calls == 1


def test_a_stored_file_others_may_write_is_not_read(cache: Path) -> None:
    stored(BUNDLED, Counting(), Rulebook)
    (path,) = cache.iterdir()
    path.chmod(0o666)
    load = Counting()
    stored(BUNDLED, load, Rulebook)
    assert load.calls == 1
    assert path.stat().st_mode & 0o777 == 0o600  # replaced by a private file


def test_an_unusable_cache_directory_only_means_loading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # tiktok-team/ cannot be made inside a file
    monkeypatch.delenv("TIKTOK_TEAM_CACHE_DIR", raising=False)
    load = Counting()
    assert isinstance(stored(BUNDLED, load, Rulebook), Rulebook)
    assert isinstance(stored(BUNDLED, load, Rulebook), Rulebook)
    assert load.calls == 2


def test_a_directory_of_ones_own_choice_is_used_instead(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "elsewhere" / "rulebooks"
    monkeypatch.setenv("TIKTOK_TEAM_CACHE_DIR", str(chosen))
    assert cache_dir() == chosen
    stored(BUNDLED, Counting(), Rulebook)
    assert [path.suffix for path in chosen.iterdir()] == [".pickle"]
    assert chosen.stat().st_mode & 0o777 == 0o700  # made private to the user, as the default directory is
    assert not cache.exists()


def test_the_suite_keeps_out_of_the_users_cache_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    # tests/conftest.py points the cache at a temporary directory of the run, shared by its worker processes
    monkeypatch.delenv("TIKTOK_TEAM_NO_CACHE", raising=False)
    chosen = cache_dir()
    assert chosen is not None
    assert Path(os.environ["TIKTOK_TEAM_CACHE_DIR"]) == chosen
    assert chosen.is_relative_to(tempfile.gettempdir())
    assert not chosen.is_relative_to(Path.home() / ".cache")


def test_storing_can_be_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIKTOK_TEAM_NO_CACHE", "1")
    assert cache_dir() is None
    stored(BUNDLED, Counting(), Rulebook)
    assert not cache.exists()


def test_the_directory_keeps_the_latest_few(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = iter(f"{n:064x}" for n in range(KEEP + 3))
    monkeypatch.setattr(_stored, "_key", lambda files: next(keys))
    for _ in range(KEEP + 3):
        stored(BUNDLED, Counting(), Rulebook)
    assert len(list(cache.glob("rulebook-*.pickle"))) == KEEP


def test_an_overlay_is_never_stored(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.toml"
    overlay.write_text('disable = ["startup-live-team"]\n', encoding="utf-8")
    code = (
        "import sys\n"
        "from tiktok_team._rulebook import load_rulebook\n"
        f"book = load_rulebook({str(overlay)!r})\n"
        "assert 'startup-live-team' not in book.rules\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120, env=env)
    assert not (tmp_path / "cache").exists()
    subprocess.run([sys.executable, "-c", "import tiktok_team._rulebook as r; r.load_rulebook()"], check=True, env=env)
    assert len(list((tmp_path / "cache" / "tiktok-team").glob("rulebook-*.pickle"))) == 1
