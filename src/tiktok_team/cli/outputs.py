"""Writing a command's output: to standard output, or atomically to a file, so that nothing is half-written."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

__all__ = ["Failures", "open_atomically", "write_atomically", "write_output"]


class Failures(Exception):
    """A command found failures (``rules verify``, ``rules test``): its ``report`` is still its output, written as
    any other, and the exit status is 1."""

    def __init__(self, report: str) -> None:
        super().__init__(report)
        self.report = report


def write_output(text: str, path: str | None) -> str | None:
    """Write a command's ``text`` to ``path`` (atomically), or to standard output when ``path`` is None.

    Returns
    -------
    str or None
        None when written; otherwise the one-line reason the file could not be written.
    """
    if path is not None:
        try:
            write_atomically(path, text)
        except OSError as exc:
            return f"cannot write {path}: {exc.strerror or exc}"
        return None
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return None


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` all at once (see :func:`open_atomically`)."""
    with open_atomically(path) as stream:
        stream.write(text)


@contextlib.contextmanager
def open_atomically(path: str) -> Iterator[TextIO]:
    """A text stream (UTF-8) onto ``path`` that appears all at once: written into a temporary file in the same
    directory, renamed over ``path`` when the ``with`` block ends. A reader never sees half a file, and on any error
    the temporary file is removed and ``path`` is as it was. A new file gets the permissions the umask allows; a
    replaced file keeps its own.
    """
    target = Path(path)
    if target.exists():
        mode = stat.S_IMODE(target.stat().st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
