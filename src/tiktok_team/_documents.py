"""Documents: an input file (a profile, a team, assumptions, a rule or scenario file, standard input, a line of JSON
Lines) read into data, within bounds.

Every reader of the library and of the command line goes through :func:`open_input` / :func:`read_text` and
:func:`parse_document`, so each refuses the same things in the same words, as the error of its kind of file
(:class:`~tiktok_team.ProfileError`, :class:`~tiktok_team.TeamError`,
:class:`~tiktok_team.RulebookError`, :class:`~tiktok_team.ScenarioError`), naming the file:

- a missing file, a directory, a file it may not read;
- more than :data:`LIMIT` bytes (1 MiB). A profile is a few hundred bytes and the largest bundled rule file about
  20 KB, so the limit is fifty times what any real input needs, and small enough that a stream that never ends
  (``/dev/zero``, ``yes |``, a FIFO fed forever) is refused after reading 1 MiB, never read into memory whole. FIFOs,
  process substitution (``<(cat p.toml)``, ``/dev/fd/N``) and standard input are read the same way;
- bytes that are not UTF-8 (saying at which byte);
- text that is not TOML, JSON or YAML (saying where), and YAML tags that would build Python objects
  (``!!python/object``: YAML is read with ``yaml.safe_load``); a CSV file (a team kept in a spreadsheet) that is
  not a header row and rows of no more cells than the header has columns;
- data nested more than :data:`MAX_DEPTH` levels deep, or with more than :data:`MAX_VALUES` values counting each use
  of a YAML alias (an alias bomb, "billion laughs", stops there), a number that is not finite (``nan``, ``inf``,
  JSON's ``NaN`` or ``1e999``), or a key that is not text (YAML's ``1:`` or ``yes:``).

Only the standard library is imported here (YAML's reader when a YAML document is parsed), so the command line
loads it cheaply.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ._compat import tomllib
from ._errors import ProfileError, TiktokTeamError, suggest

__all__ = ["LIMIT", "MAX_DEPTH", "MAX_VALUES", "open_input", "parse_document", "read_lines", "read_text", "too_large"]

LIMIT = 1 << 20
"""The most bytes an input file (or one line of JSON Lines) may hold: 1 MiB."""

MAX_DEPTH = 64
"""The deepest a document may nest tables and lists; the bundled rule files nest 7 levels at the most."""

MAX_VALUES = LIMIT
"""The most values a document may hold, counting a YAML alias each time it is used: a document without aliases
needs at least a byte a value, so only an alias bomb reaches it."""

Failure = Callable[[str, str], TiktokTeamError]
"""How a reader reports a problem: the error type of its kind of file, called with the message and the file."""


def too_large(what: str) -> str:
    """The words for an input (``what``: "profile file", "line" …) over :data:`LIMIT`.

    Examples
    --------
    >>> too_large("profile file")
    'larger than 1 MiB, the most a profile file may be (a profile is a few hundred bytes)'
    """
    return f"larger than 1 MiB, the most a {what} may be (a profile is a few hundred bytes)"


def open_input(path: str | Path, where: str, *, kind: str = "profile", error: Failure = ProfileError) -> IO[bytes]:
    """Open the file ``path`` for reading bytes, raising ``error(message, where)`` if it is missing, a directory or
    unreadable. A FIFO is opened like a file (waiting for its writer, as ``cat`` does).

    Examples
    --------
    >>> open_input("/", "/")
    Traceback (most recent call last):
    ...
    tiktok_team.ProfileError: /: is a directory, not a profile file
    """
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise error(f"no such {kind} file", where) from None
    except IsADirectoryError:
        raise error(f"is a directory, not a {kind} file", where) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        raise error(f"cannot read {kind} file: {getattr(exc, 'strerror', None) or exc}", where) from None


def read_text(
    source: str | Path | IO[bytes], where: str, *, kind: str = "profile", error: Failure = ProfileError
) -> str:
    """The UTF-8 text of the file ``source`` (a path, or a stream of bytes such as ``sys.stdin.buffer``), reading
    at most :data:`LIMIT` + 1 bytes; raise ``error(message, where)`` for anything :mod:`this module
    <tiktok_team._documents>` refuses.

    Examples
    --------
    >>> import io
    >>> read_text(io.BytesIO(b'stage = "growth"'), "p.toml")
    'stage = "growth"'
    >>> read_text(io.BytesIO(b"\\0" * (LIMIT + 1)), "big.toml", kind="team")
    Traceback (most recent call last):
    ...
    tiktok_team.ProfileError: big.toml: larger than 1 MiB, the most a team file may be (a profile is a few ...
    """
    opened = isinstance(source, str | Path)
    stream = open_input(source, where, kind=kind, error=error) if isinstance(source, str | Path) else source
    try:
        with stream if opened else contextlib.nullcontext(stream):
            data = _read_at_most(stream, LIMIT + 1)
    except IsADirectoryError:  # a directory passed as an open stream (`plan - < dir`)
        raise error(f"is a directory, not a {kind} file", where) from None
    except OSError as exc:
        raise error(f"cannot read {kind} file: {exc.strerror or exc}", where) from None
    if len(data) > LIMIT:
        raise error(too_large(f"{kind} file"), where)
    return _utf8(data, where, error)


def read_lines(stream: IO[Any]) -> Iterator[Any]:
    """The lines of ``stream`` (of bytes or text), each cut after :data:`LIMIT` + 1 bytes (and the rest of it
    skipped, never held in memory), so that a line too long is seen to be too long without reading it whole.

    Examples
    --------
    >>> import io
    >>> [len(line) for line in read_lines(io.BytesIO(b"{}\\n" + b"x" * (LIMIT + 5) + b"\\n{}"))]
    [3, 1048577, 2]
    """
    while line := stream.readline(LIMIT + 1):
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > LIMIT and not line.endswith(newline):
            while (rest := stream.readline(LIMIT)) and not rest.endswith(newline):
                pass
        yield line


def parse_document(text: str | bytes, fmt: str, where: str, error: Failure = ProfileError) -> object:
    """Decode a TOML, JSON, YAML or CSV document, raising ``error(message, where)`` (by default
    :class:`ProfileError`) with the position on failure. A CSV document is its rows, each a mapping of the header's
    column names to the cells.

    ``text`` may be bytes, which must be UTF-8; a byte order mark before the text is ignored. The data must be within
    this module's bounds: nested at most :data:`MAX_DEPTH` deep, finite numbers, keys that are text (how large a
    number may be is the field's to say).

    Examples
    --------
    >>> parse_document('stage = "growth"', "toml", "p.toml")
    {'stage': 'growth'}
    >>> parse_document("{", "json", "p.json")
    Traceback (most recent call last):
    ...
    tiktok_team.ProfileError: p.json: not valid JSON: line 1 column 2: expecting property name...
    >>> parse_document(b'{"stage": "\\xff"}', "json", "")
    Traceback (most recent call last):
    ...
    tiktok_team.ProfileError: not UTF-8 text: byte 12 is b'\\xff'
    >>> parse_document(b'\\xef\\xbb\\xbfstage = "growth"', "toml", "saved-by-notepad.toml")
    {'stage': 'growth'}
    >>> parse_document('{"assumptions": {"x": NaN}}', "json", "p.json")
    Traceback (most recent call last):
    ...
    tiktok_team.ProfileError: p.json: assumptions.x: nan is not a finite number
    """
    if isinstance(text, bytes):
        text = _utf8(text, where, error)
    data = _decode(text, fmt, where, error)
    _check_bounds(data, where, error)
    return data


def _decode(text: str, fmt: str, where: str, error: Failure) -> object:
    if fmt not in ("toml", "json", "yaml", "csv"):
        raise error(f"unknown format '{fmt}'{suggest(fmt, ('toml', 'json', 'yaml', 'csv'))}", where)
    # A byte order mark, which Windows editors put before UTF-8 text ("UTF-8 with BOM"), is not part of the document.
    text = text.removeprefix("\ufeff")
    if fmt == "csv":
        return _csv_rows(text, where, error)
    try:
        if fmt == "toml":
            return tomllib.loads(text)
        if fmt == "json":
            return json.loads(text)
        return _yaml(text, where, error)
    except TiktokTeamError:  # _yaml's, a ValueError too
        raise
    except RecursionError:
        raise error(f"not valid {fmt.upper()}: nested too deeply", where) from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"not valid TOML: {exc}", where) from None
    except json.JSONDecodeError as exc:
        raise error(f"not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg.lower()}", where) from None
    except (ValueError, OverflowError) as exc:  # a number too long to convert, a YAML date out of range
        raise error(f"not valid {fmt.upper()}: {exc}", where) from None


def _csv_rows(text: str, where: str, error: Failure) -> list[dict[str, str]]:
    """The rows of a CSV document as mappings of its header's column names (stripped) to the cells; a row shorter
    than the header gets empty cells.

    Examples
    --------
    >>> _csv_rows("name,roles\\r\\nLi Na,streamer\\r\\n", "team.csv", ProfileError)
    [{'name': 'Li Na', 'roles': 'streamer'}]
    >>> _csv_rows("name,roles\\nLi Na,streamer,pr\\n", "team.csv", ProfileError)
    Traceback (most recent call last):
    ...
    tiktok_team.ProfileError: team.csv: not valid CSV: line 2 has 3 cells, more than the header's 2 columns
    """
    import csv  # noqa: PLC0415 - only when a CSV document is read: the command line starts faster

    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise error(f"not valid CSV: line {reader.line_num}: {exc}", where) from None
    if not rows:
        raise error("not valid CSV: the file is empty (a header row names the columns)", where)
    header = [cell.strip() for cell in rows[0]]
    for name in header:
        if header.count(name) > 1:
            raise error(f"not valid CSV: the header names the column '{name}' twice", where)
    found = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) > len(header):
            raise error(
                f"not valid CSV: line {line} has {len(row)} cells, more than the header's {len(header)} columns", where
            )
        found.append(dict(zip(header, [*row, *[""] * (len(header) - len(row))], strict=True)))
    return found


def _yaml(text: str, where: str, error: Failure) -> object:
    import yaml  # noqa: PLC0415 - only when a YAML document is read: the command line starts faster

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"line {mark.line + 1} column {mark.column + 1}: " if mark is not None else ""
        if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow, at a position in the text
            at = f"character {exc.position + 1}: "
        problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc).splitlines()[0]
        raise error(f"not valid YAML: {at}{problem}", where) from None


def _check_bounds(data: object, where: str, error: Failure) -> None:
    """Walk ``data`` without recursion and refuse what no reader should have to handle."""
    stack: list[tuple[object, int, tuple[Any, ...]]] = [(data, 0, ())]
    seen = 0
    while stack:
        value, depth, path = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            raise error(f"more than {MAX_VALUES} values (a YAML alias used too often?)", where)
        if isinstance(value, dict | list | tuple | set | frozenset):
            if depth >= MAX_DEPTH:
                raise _at(error, path, f"nested more than {MAX_DEPTH} levels deep", where)
            children: Iterable[tuple[object, object]]
            if isinstance(value, dict):
                for key in value:
                    if not isinstance(key, str):
                        raise _at(error, path, f"the key {key!r} is not text (quote it: '{key}')", where)
                children = value.items()
            else:
                children = enumerate(value)
            stack.extend((child, depth + 1, (path, key)) for key, child in children)
        elif isinstance(value, float) and not math.isfinite(value):
            raise _at(error, path, f"{value} is not a finite number", where)


def _at(error: Failure, path: tuple[Any, ...], text: str, where: str) -> TiktokTeamError:
    """``error`` saying ``text`` of the value at ``path``. A :class:`ProfileError` also lists it in its
    ``problems``, at the value's dotted path (``assumptions.x``, ``formats.0``), as the profile's own errors do, so
    that the service names the field at fault."""
    found = error(f"{_path(path)}{text}", where)
    if isinstance(found, ProfileError) and path:
        found.problems = ((_dotted(path), text),)
    return found


def _path(path: tuple[Any, ...]) -> str:
    """Where in the document: ``assumptions.x``, ``when.all[1]``; of a path deeper than 8, the first 8 parts."""
    parts: list[str] = []
    while path:
        path, key = path
        parts.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    shown = "".join(reversed(parts[-8:])).removeprefix(".") + ("..." if len(parts) > 8 else "")
    return f"{shown}: " if shown else ""


def _dotted(path: tuple[Any, ...]) -> str:
    parts: list[str] = []
    while path:
        path, key = path
        parts.append(str(key))
    return ".".join(reversed(parts))


def _utf8(data: bytes, where: str, error: Failure) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"not UTF-8 text: byte {exc.start + 1} is {data[exc.start : exc.start + 1]!r}", where) from None


def _read_at_most(stream: IO[bytes], size: int) -> bytes:
    parts: list[bytes] = []
    while size > 0 and (part := stream.read(size)):
        parts.append(part)
        size -= len(part)
    return b"".join(parts)
