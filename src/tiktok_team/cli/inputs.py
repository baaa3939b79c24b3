"""Reading a command's input files: profiles, teams and capacity assumptions, in TOML, JSON or YAML."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .._errors import ProfileError, TeamError, TiktokTeamError

if TYPE_CHECKING:
    from .._documents import Failure
    from .._gap import CurrentTeam
    from .._profile import BusinessProfile

__all__ = ["load_profile", "load_team", "read_document"]

_EXTENSIONS = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def read_document(path: str, fmt: str | None, kind: str = "profile") -> tuple[object, str]:
    """Read and decode a TOML / JSON / YAML file (``-`` for stdin); return the data and its display name.

    Reads through :mod:`tiktok_team._documents`, so every file (stdin, a FIFO, ``<(...)``) is read within its bounds;
    a problem is a :class:`ProfileError` (a :class:`TeamError` for a team file) naming the file."""
    from .._documents import open_input, parse_document, read_text

    error: Failure = TeamError if kind == "team" else ProfileError
    where = "<stdin>" if path == "-" else path
    source = sys.stdin.buffer if path == "-" else open_input(path, where, kind=kind, error=error)
    with contextlib.nullcontext(source) if path == "-" else source:  # a directory is that, whatever its name
        if fmt is None and path != "-":
            fmt = _EXTENSIONS.get(Path(path).suffix.lower())
            if fmt is None:
                hint = ", or pass --input-format" if kind == "profile" else ""
                raise error(
                    f"cannot tell the format of this {kind} file from its extension; use .toml, .json, .yaml or "
                    f".yml{hint}",
                    where,
                )
        text = read_text(source, where, kind=kind, error=error)
    if fmt is None:  # stdin: JSON if it looks like JSON, else TOML, else YAML (reporting the TOML error)
        if text.lstrip().startswith("{"):
            return parse_document(text, "json", where, error), where
        try:
            return parse_document(text, "toml", where, error), where
        except TiktokTeamError as toml_error:
            try:
                data = parse_document(text, "yaml", where, error)
            except TiktokTeamError:
                raise toml_error from None
            if not isinstance(data, dict):
                raise toml_error from None
            return data, where
    return parse_document(text, fmt, where, error), where


def load_profile(path: str, fmt: str | None = None, assumptions: str | None = None) -> BusinessProfile:
    """The validated profile in ``path``, with the capacity assumptions of the file ``assumptions`` over its own."""
    from .._profile import BusinessProfile

    data, where = read_document(path, fmt)
    profile = BusinessProfile.parse(data, where)
    if assumptions:
        overrides, source = read_document(assumptions, None, kind="assumptions")
        if not isinstance(overrides, dict):
            raise ProfileError("an assumptions file is a table of assumption id = value", source)
        merged = {**profile.model_dump(exclude_unset=True), "assumptions": {**profile.assumptions, **overrides}}
        profile = BusinessProfile.parse(merged, source)
    return profile


def load_team(path: str) -> tuple[CurrentTeam, str]:
    """The validated current team in the team file ``path``, and the file's display name."""
    from .._gap import CurrentTeam

    data, where = read_document(path, None, kind="team")
    return CurrentTeam.parse(data, where), where
