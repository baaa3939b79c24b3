"""Reading a command's input files: profiles, teams, capacity assumptions, pay and workloads, in TOML, JSON or YAML
(a team also as CSV, as a spreadsheet saves it)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import ProfileError, TeamError, TiktokTeamError

if TYPE_CHECKING:
    from .._documents import Failure
    from .._gap import CurrentTeam
    from .._profile import BusinessProfile

__all__ = ["add_pay", "load_profile", "load_team", "load_workloads", "read_document"]

_EXTENSIONS = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}


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
            if fmt == "csv" and kind != "team":
                raise error(f"a {kind} file is TOML, JSON or YAML; only a team file may be CSV", where)
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


def load_profile(
    path: str,
    fmt: str | None = None,
    assumptions: str | None = None,
    pay: str | None = None,
    roles: Collection[str] = (),
) -> BusinessProfile:
    """The validated profile in ``path``, with the capacity assumptions of the file ``assumptions`` over its own
    (and that file's ``[pay]`` table over the profile's pay), then the pay of the file ``pay`` over both. Each
    file's problems name that file; with the rulebook's ``roles``, so does a role of its pay that is not one."""
    from .._profile import BusinessProfile

    data, where = read_document(path, fmt)
    profile = _checked(BusinessProfile.parse(data, where), roles, where)
    if assumptions:
        overrides, source = read_document(assumptions, None, kind="assumptions")
        if not isinstance(overrides, dict):
            raise ProfileError("an assumptions file is a table of assumption id = value", source)
        overrides = dict(overrides)
        paid = overrides.pop("pay", None)
        merged = {**profile.model_dump(exclude_unset=True), "assumptions": {**profile.assumptions, **overrides}}
        profile = _checked(BusinessProfile.parse(_with_pay(merged, paid), source), roles, source)
    return profile if not pay else add_pay(profile, pay, roles)


def add_pay(profile: BusinessProfile, path: str, roles: Collection[str] = ()) -> BusinessProfile:
    """``profile`` with the pay of the pay file ``path`` over its own (the currency and on-cost replaced, the
    roles' pay merged); the file's problems name it."""
    from .._profile import BusinessProfile

    table, source = read_document(path, None, kind="pay")
    merged = _with_pay(profile.model_dump(exclude_unset=True), table)
    return _checked(BusinessProfile.parse(merged, source), roles, source)


def _checked(profile: BusinessProfile, roles: Collection[str], where: str) -> BusinessProfile:
    """``profile``, once every role of its pay is one of ``roles`` (when they are given)."""
    if roles and profile.pay is not None:
        profile.pay.check_roles(roles, where)
    return profile


def _with_pay(profile: dict[str, object], pay: object) -> dict[str, object]:
    """The profile's fields with ``pay`` (a table, as in a pay file) over its own: the currency and on-cost
    replaced, the roles' pay merged."""
    if pay is None:
        return profile
    if not isinstance(pay, dict):
        return {**profile, "pay": pay}  # not a table: the profile's validation says so
    own = profile.get("pay")
    base = dict(own) if isinstance(own, dict) else {}
    roles = base.get("roles")
    merged_roles = {**(roles if isinstance(roles, dict) else {}), **(pay.get("roles") or {})}
    return {**profile, "pay": {**base, **pay, "roles": merged_roles}}


def load_workloads(path: str) -> list[Any]:
    """The levels of workload in the file ``path``: a list of tables (JSON, YAML), or a ``[[level]]`` list (TOML)."""
    data, where = read_document(path, None, kind="workloads")
    if isinstance(data, dict) and set(data) == {"level"}:
        data = data["level"]
    if not isinstance(data, list):
        raise ProfileError("a workloads file is a list of levels: [[level]] tables of workload fields", where)
    return data


def load_team(path: str) -> tuple[CurrentTeam, str]:
    """The validated current team in the team file ``path``, and the file's display name."""
    from .._gap import CurrentTeam

    data, where = read_document(path, None, kind="team")
    if Path(path).suffix.lower() == ".csv" and isinstance(data, list):  # a spreadsheet: a row per person
        return CurrentTeam.from_rows(data, where), where
    return CurrentTeam.parse(data, where), where
