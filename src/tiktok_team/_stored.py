"""The bundled rulebook, loaded and validated once per installation and kept in the user's cache directory.

Loading the bundled rule files (TOML, then pydantic validation of every entry, then the cross-checks) is a tenth of
what ``tiktok-team plan`` costs; unpickling the result of an earlier load costs a twentieth of that, and its entries
never build pydantic validators (docs/performance.md, "Start-up"). The stored copy is keyed by everything that
decides the result: the Python and pydantic versions, the library's own modules (their sizes and modification
times, as Python checks its bytecode) and the bundled rule files, byte for byte. So a changed rule file, an upgrade
or an edit of the code is a new key, never a stale rulebook.

Only the bundled rulebook is stored: it ships with the package, so its stored copy holds nothing a stranger wrote.
Rule files passed by the user are always loaded and validated afresh. The directory is
``$XDG_CACHE_HOME/tiktok-team`` (``~/.cache/tiktok-team``), created private to the user, and only a file of the
user's own that no one else may write is read back; where the directory cannot be read or written, the rulebook is
simply loaded, as without it. ``TIKTOK_TEAM_CACHE_DIR`` names another directory (the test suite points it at a
temporary one, so that tests never touch the user's cache); ``TIKTOK_TEAM_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

__all__ = ["cache_dir", "stored"]

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """Where stored rulebooks are kept: ``$TIKTOK_TEAM_CACHE_DIR`` if set, else ``tiktok-team`` in the user's cache
    directory; None when storing is turned off (``TIKTOK_TEAM_NO_CACHE=1``).

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"TIKTOK_TEAM_CACHE_DIR": "/tmp/rulebooks", "TIKTOK_TEAM_NO_CACHE": ""}):
    ...     cache_dir() == Path("/tmp/rulebooks")
    True
    """
    if os.environ.get("TIKTOK_TEAM_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = os.environ.get("TIKTOK_TEAM_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tiktok-team"


def _key(files: Iterable[Path]) -> str:
    import pydantic  # noqa: PLC0415 - already imported by whoever loads a rulebook; only its version is read

    digest = hashlib.sha256(f"{sys.version}\0{pydantic.VERSION}\0".encode())
    for module in sorted(_PACKAGE.glob("*.py")):  # the code, as Python itself tells a stale .pyc: size and time
        found = module.stat()
        digest.update(f"{module.name}\0{found.st_size}\0{found.st_mtime_ns}\0".encode())
    for path in files:  # the rule files, byte for byte
        digest.update(f"{path.name}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def stored(files: Iterable[Path], load: Callable[[], T], kind: type[T]) -> T:
    """The result of ``load()``, which reads ``files``: from the cache directory if an earlier call with the same
    files (and the same code) stored it there, else loaded now and stored for the next call.

    Parameters
    ----------
    files
        Every file ``load`` reads: their bytes are part of the key.
    load
        Loads the value; its errors propagate (and nothing is stored).
    kind
        The type of the value: a stored object of another type is ignored.
    """
    directory = cache_dir()
    if directory is None:
        return load()
    try:
        path = directory / f"rulebook-{_key(files)}.pickle"
    except OSError:
        return load()
    with contextlib.suppress(Exception):  # unreadable, truncated or from elsewhere: load afresh, and replace it
        if _private(path):
            value = pickle.loads(path.read_bytes())
            if isinstance(value, kind):
                return value
    value = load()
    with contextlib.suppress(OSError, pickle.PicklingError):
        _write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        _prune(directory)
    return value


KEEP = 8
"""How many stored rulebooks the cache directory keeps (the latest written): one per installation or version in use."""


def _prune(directory: Path) -> None:
    """Remove all but the :data:`KEEP` latest stored rulebooks (each edit of the code or rules makes a new one)."""
    found = sorted(directory.glob("rulebook-*.pickle"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for old in found[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _private(path: Path) -> bool:
    """Whether ``path`` is this user's own file, which no one else may write: only such a file is unpickled."""
    found = path.stat()
    mine = not hasattr(os, "getuid") or found.st_uid == os.getuid()
    return mine and not found.st_mode & 0o022


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: a reader in another process sees the whole file or none."""
    import tempfile  # noqa: PLC0415 - only a miss writes; a hit, the usual case, never needs it

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
