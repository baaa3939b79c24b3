"""Reading a request: the body's size, media type and JSON, then each field of the request model in turn.

Every way a request can be wrong ends in :class:`Rejected`: the HTTP status and the problems, each with the path of
the field at fault and the message the command line would give for it (with a "did you mean" where one fits). The
profile is validated by :meth:`BusinessProfile.parse` and the team by :meth:`CurrentTeam.parse`, so a request gets
the same words as a file. Nothing here imports FastAPI: it works on the body's bytes and headers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from .._dimensions import change_scope
from .._errors import PlanError, ProfileError, TiktokTeamError, suggest
from .._gap import CurrentTeam
from .._profile import BusinessProfile, parse_document
from .models import MAX_PROFILES, WorkloadLevels

__all__ = ["MAX_BODY", "MAX_PROFILES", "Rejected", "check_size", "parse_body", "problems"]

MAX_BODY = 1 << 20  # bytes: a profile is a few hundred; a team of a thousand people is well under this


class Rejected(Exception):
    """A request the service does not answer: ``status`` and the ``problems`` as (path, message) pairs.

    Examples
    --------
    >>> Rejected(422, [("profile.stage", "'grwth' is not one of startup, growth, mature")]).body()["error"]
    "profile.stage: 'grwth' is not one of startup, growth, mature"
    """

    def __init__(self, status: int, found: Iterable[tuple[str, str]]) -> None:
        self.status = status
        self.found = tuple(found)
        super().__init__(self.line())

    def line(self) -> str:
        """All the problems on one line: ``path: message; ...`` (a problem of the whole request has no path)."""
        return "; ".join(f"{path}: {message}" if path else message for path, message in self.found)

    def body(self) -> dict[str, Any]:
        """The error response's JSON (:class:`~tiktok_team.serve.models.ErrorBody`)."""
        return {"error": self.line(), "errors": [{"path": path, "message": message} for path, message in self.found]}


def check_size(declared: str | None, received: int) -> None:
    """Raise a 413 :class:`Rejected` if the declared ``Content-Length`` or the bytes ``received`` pass the limit.

    Examples
    --------
    >>> check_size("512", 0)
    >>> check_size(str(2 * MAX_BODY), 0)
    Traceback (most recent call last):
    ...
    tiktok_team.serve.requests.Rejected: the body is 2097152 bytes, more than the limit of 1048576 (1 MiB)
    """
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY:
        raise Rejected(413, [("", f"the body is {int(declared)} bytes, more than the limit of {MAX_BODY} (1 MiB)")])
    if received > MAX_BODY:
        raise Rejected(413, [("", f"the body is more than the limit of {MAX_BODY} bytes (1 MiB)")])


def parse_body(content_type: str | None, raw: bytes, model: type[BaseModel]) -> dict[str, Any]:
    """Decode a JSON body and check it against ``model``'s fields; return each field's value, parsed.

    Parameters
    ----------
    content_type : str or None
        The request's ``Content-Type``: JSON (``application/json`` or ``application/...+json``), UTF-8 if it names
        a charset.
    raw : bytes
        The body.
    model : type of BaseModel
        The request model: its fields are the body's fields, those without a default required.

    Returns
    -------
    dict
        Field name to value; a ``profile`` is a :class:`BusinessProfile`, a ``team`` a :class:`CurrentTeam`;
        ``profiles`` is the list as sent, each item still to be parsed (a bad item is an error of its own).

    Raises
    ------
    Rejected
        415 for a body that is not JSON by its media type; 422 for one that is not UTF-8, not JSON, not an object,
        or has a field missing, unknown or invalid; 413 for more than :data:`MAX_PROFILES` ``profiles``.

    Examples
    --------
    >>> from tiktok_team.serve.models import RoleRequest
    >>> parse_body("application/json", b'{"profile": {"stage": "growth", "sourcing": "dropship"}, "roel": "pr"}',
    ...            RoleRequest)
    Traceback (most recent call last):
    ...
    tiktok_team.serve.requests.Rejected: roel: unknown field 'roel' (did you mean 'role'?); role: required field...
    >>> parse_body("application/json", b'{"profile": {"stage": "growth", "headcount_budget": NaN}}', RoleRequest)
    Traceback (most recent call last):
    ...
    tiktok_team.serve.requests.Rejected: profile.headcount_budget: nan is not a finite number
    """
    _check_media_type(content_type)
    if not raw.strip():
        raise Rejected(422, [("", 'the body is empty: send a JSON object, e.g. {"profile": {...}}')])
    try:
        data = parse_document(raw, "json", "")
    except ProfileError as exc:  # at a place in the body (a number that is not finite), or of the body as a whole
        raise Rejected(422, exc.problems or [("", f"the body is {exc}")]) from None
    if b"\\u" in raw and not _is_text(data):
        raise Rejected(422, [("", "the body has a \\u escape of half a surrogate pair, which is no character")])
    fields = model.model_fields
    if not isinstance(data, dict):
        names = ", ".join(f"'{name}'" for name in fields)
        raise Rejected(422, [("", f"the body must be a JSON object with {names}, not {_json_type(data)}")])
    found = [(str(key), f"unknown field '{key}'{suggest(str(key), fields)}") for key in data if key not in fields]
    found += [
        (name, "required field is missing") for name, info in fields.items() if info.is_required() and name not in data
    ]
    data = {name: value for name, value in data.items() if value is not None or fields[name].is_required()}
    if found:
        raise Rejected(422, found)
    values: dict[str, Any] = {}
    for name, value in data.items():
        try:
            values[name] = _PARSERS[_parsed_as(fields[name].annotation)](value)
        except TiktokTeamError as exc:
            raise Rejected(422, problems(exc, name)) from None
    return values


def problems(exc: TiktokTeamError, field: str) -> list[tuple[str, str]]:
    """The (path, message) problems of an error about the request's ``field`` (``profile``, ``team``, ``role``).

    A profile error gives one problem per field at fault, at its path in the profile (``profile.stage``).

    Examples
    --------
    >>> try:
    ...     BusinessProfile.parse({"stage": "growth", "sourcing": "own_stock", "paid_add": True})
    ... except ProfileError as exc:
    ...     problems(exc, "profile")
    [('profile.paid_add', "unknown field 'paid_add' (did you mean 'paid_ads'?)")]
    """
    if isinstance(exc, ProfileError) and exc.problems:
        return [
            (f"{field}.{path}", text.removeprefix(f"{path}: ").removeprefix(f"{path.split('.')[0]}: "))
            for path, text in exc.problems
        ]
    if isinstance(exc, ProfileError) and exc.where:
        return [(f"{field}.{exc.where}", str(exc).removeprefix(f"{exc.where}: "))]
    return [(field, str(exc))]


def _check_media_type(content_type: str | None) -> None:
    media, _, parameters = (content_type or "").partition(";")
    media = media.strip().lower()
    if media != "application/json" and not (media.startswith("application/") and media.endswith("+json")):
        shown = f"not {content_type}" if content_type else "none was given"
        raise Rejected(415, [("", f"send the body as JSON with Content-Type: application/json ({shown})")])
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in {"utf-8", "utf8"}:
            raise Rejected(415, [("", f"send the body as UTF-8 JSON, not {value.strip()}")])


def _is_text(data: object) -> bool:
    """Whether every string in the decoded JSON is text that UTF-8 can hold (a lone surrogate is not)."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json_type(data: object) -> str:
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }
    return names.get(type(data), "null")


def _text(value: object) -> str:
    if isinstance(value, str) and value:
        return value
    raise PlanError("must not be empty" if value == "" else f"must be a string, not {_json_type(value)}")


def _profiles(value: object) -> list[object]:
    if not isinstance(value, list):
        raise PlanError(f"must be a list of profiles, not {_json_type(value)}")
    if len(value) > MAX_PROFILES:
        too_many = f"{len(value)} profiles, more than the limit of {MAX_PROFILES} a request"
        raise Rejected(
            413,
            [("profiles", f"{too_many}: send them in several requests (or plan a sweep with tiktok-team plan-many)")],
        )
    return value


def _facts(value: object) -> list[str]:
    """Fact names to keep: a list of them, each checked (with a "did you mean")."""
    if not isinstance(value, list):
        raise PlanError(f"must be a list of fact names, not {_json_type(value)}")
    for name in value:
        if not isinstance(name, str):
            raise PlanError(f"must be a list of fact names; {_json_type(name)} is not one")
    return sorted(change_scope(value, where="").keep)


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise PlanError(f"must be true or false, not {_json_type(value)}")
    return value


def _levels(value: object) -> list[Any]:
    """The levels of workload of a roadmap request, as a list (the roadmap checks each level, naming it)."""
    if not isinstance(value, list):
        raise ProfileError(f"must be an array of objects of workload fields, not {_json_type(value)}")
    return value


def _parsed_as(annotation: Any) -> Any:
    """The type a request field is parsed as: its annotation, less an optional ``| None``."""
    args = [arg for arg in getattr(annotation, "__args__", ()) if arg is not type(None)]
    return args[0] if len(args) == 1 and type(None) in getattr(annotation, "__args__", ()) else annotation


# How each type of request field is parsed (the annotation of the request model's field).
_PARSERS: Mapping[Any, Callable[[object], Any]] = {
    BusinessProfile: BusinessProfile.parse,
    CurrentTeam: CurrentTeam.parse,
    str: _text,
    list[BusinessProfile]: _profiles,
    list[str]: _facts,
    bool: _flag,
    WorkloadLevels: _levels,
}
