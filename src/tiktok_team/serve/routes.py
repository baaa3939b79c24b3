"""What every endpoint is made of: its router, its OpenAPI description, reading its body, and its answer's bytes.

An endpoint module (:mod:`.api`, :mod:`.batch`, :mod:`.reference`) makes its router with :func:`new_router`, so that
its answers are negotiated (:mod:`.negotiation`: ETag, 304, gzip), describes each endpoint with :func:`describe`,
reads a body with :func:`read_body` and answers with :func:`answer`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from .._rulebook import Rulebook
from ..render import render_json
from ..render._json import HasDict
from .models import ErrorBody
from .negotiation import CACHE_CONTROL, GZIP_MIN, NOT_MODIFIED, NegotiatedRoute
from .requests import check_size, parse_body

__all__ = [
    "ERRORS",
    "MEDIA_TYPES",
    "answer",
    "compact_json",
    "describe",
    "dumps",
    "json_bytes",
    "new_router",
    "read_body",
    "rulebook",
]

MEDIA_TYPES = {
    "json": "application/json",
    "markdown": "text/markdown; charset=utf-8",
    "mermaid": "text/plain; charset=utf-8",
    "dot": "text/vnd.graphviz; charset=utf-8",
    "graphml": "application/graphml+xml; charset=utf-8",
    "svg": "image/svg+xml; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "text": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
ERRORS = {
    404: "No such rule or schema; the error names the id probably meant.",
    413: "The body is over 1 MiB.",
    415: "The body is not JSON.",
    422: "A field of the request is wrong: each problem names its path.",
    503: "Graphviz, which lays out the svg and html pictures, is missing or failed.",
}
_STRING = {"type": "string"}
_ANSWER_HEADERS = {
    "ETag": {
        "description": "The answer's tag, a digest of its exact bytes (`-gzip` added when gzipped): send it back in "
        "`If-None-Match` to be told 304 while the answer is the same.",
        "schema": _STRING,
    },
    "Cache-Control": {
        "description": f"`{CACHE_CONTROL}`: keep the answer, but ask again before using it.",
        "schema": _STRING,
    },
}
_GZIP_HEADERS = {
    "Content-Encoding": {
        "description": f"`gzip` when the request's `Accept-Encoding` takes it and the answer is {GZIP_MIN} bytes or "
        "more; else absent.",
        "schema": _STRING,
    },
    "Vary": {"description": "`Accept-Encoding` when the answer is large enough to be gzipped.", "schema": _STRING},
}
_IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "The ETag of an answer you have: a 304 with no body if this request's answer is still that one.",
    "schema": _STRING,
}


def new_router() -> APIRouter:
    """A router of endpoints whose answers are negotiated (:class:`.negotiation.NegotiatedRoute`)."""
    return APIRouter(route_class=NegotiatedRoute)


def describe(
    request: type[BaseModel] | None,
    response: Any,
    formats: tuple[str, ...] = ("json",),
    errors: tuple[int, ...] = (),
    *,
    cached: bool = True,
    said: Mapping[int, str] | None = None,
) -> dict[str, Any]:
    """The OpenAPI description of an endpoint, as keyword arguments of the router's decorator.

    Parameters
    ----------
    request : type of BaseModel, optional
        The model of its JSON body (checked by :func:`read_body`, not by FastAPI).
    response : type
        The model of its JSON answer.
    formats : tuple of str
        Its formats (``format=``): json, and the media types of the others, each a string.
    errors : tuple of int
        Its error statuses, each an :class:`~.models.ErrorBody` described by :data:`ERRORS` or by ``said``.
    cached : bool, default True
        Whether only the request decides its answer: then it is negotiated (ETag, ``Cache-Control``, 304 on
        ``If-None-Match``, gzip), and described so; else the endpoint answers with ``Cache-Control: no-store``.
    said : mapping of int to str, optional
        What an error status means for this endpoint, where :data:`ERRORS` does not say it.

    Returns
    -------
    dict
        ``response_class``, ``responses`` and, for a body or a negotiated answer, ``openapi_extra``.

    Examples
    --------
    >>> from tiktok_team.serve.models import PlanData, ProfileRequest
    >>> doc = describe(ProfileRequest, PlanData, ("json", "markdown"), (422,))
    >>> sorted(doc["responses"]), doc["responses"][200]["content"]
    ([200, 304, 422], {'text/markdown': {'schema': {'type': 'string'}}})
    >>> [parameter["name"] for parameter in doc["openapi_extra"]["parameters"]]
    ['If-None-Match']
    """
    content: dict[str, Any] = {MEDIA_TYPES[f].split(";")[0]: {"schema": _STRING} for f in formats if f != "json"}
    kinds = ", ".join(f"{f} as {MEDIA_TYPES[f].split(';')[0]}" for f in formats)
    text = f"The answer by `format`: {kinds}." if len(formats) > 1 else "The answer, as JSON."
    descriptions = {**ERRORS, **(said or {})}
    failures = {status: {"model": ErrorBody, "description": descriptions[status]} for status in errors}
    ok: dict[str, Any] = {"model": response, "content": content, "description": text}
    responses: dict[int, Any] = {200: ok}
    extra: dict[str, Any] = {}
    if not cached:
        ok["headers"] = {
            "Cache-Control": {"description": "`no-store`: how the server is now; never keep it.", "schema": _STRING}
        }
    else:
        ok["headers"] = {**_ANSWER_HEADERS, **_GZIP_HEADERS}
        responses[NOT_MODIFIED] = {
            "description": "Not modified: the answer is still the one whose ETag `If-None-Match` names; no body.",
            "headers": _ANSWER_HEADERS,
        }
        extra["parameters"] = [_IF_NONE_MATCH]
    if request is not None:
        schema = {"$ref": f"#/components/schemas/{request.__name__}"}
        extra["requestBody"] = {"required": True, "content": {"application/json": {"schema": schema}}}
    doc: dict[str, Any] = {"response_class": Response, "responses": {**responses, **failures}}
    if extra:
        doc["openapi_extra"] = extra
    return doc


async def read_body(request: Request, model: type[BaseModel]) -> dict[str, Any]:
    """Read the request's body (at most 1 MiB) and parse it against ``model`` (see :func:`.requests.parse_body`)."""
    check_size(request.headers.get("content-length"), 0)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        check_size(None, size)
        chunks.append(chunk)
    return parse_body(request.headers.get("content-type"), b"".join(chunks), model)


def rulebook(request: Request) -> Rulebook:
    """The rulebook the service plans with."""
    found: Rulebook = request.app.state.rulebook
    return found


def json_bytes(result: HasDict) -> bytes:
    """``render_json(result)`` as UTF-8: the same bytes, about 20 times faster where orjson can write them.

    orjson writes JSON with the same indentation, separators, escapes and numbers as the json module, except a float
    under 1e-4 (Python writes ``1e-05``, orjson ``0.00001`` or ``1e-5``); it refuses lone surrogates and integers
    over 64 bits. Where its text may show such a float (a digit, ``e-`` and a digit, or ``0.0000``: in a string too,
    which costs only time) or it refuses, the json module writes the answer.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> plan = recommend({"stage": "growth", "sourcing": "dropship"})
    >>> json_bytes(plan) == render_json(plan).encode()
    True
    >>> tiny = _Data({"share": 1e-05, "name": "主播"})
    >>> json_bytes(tiny) == render_json(tiny).encode()
    True
    >>> print(json_bytes(tiny).decode(), end="")
    {
      "share": 1e-05,
      "name": "主播"
    }
    """
    data = result.to_dict()
    fast = _orjson(data, orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    return render_json(_Data(data)).encode() if fast is None else fast


def compact_json(data: object) -> bytes:
    """``data`` as one line of JSON, as ``tiktok-team plan-many`` writes each line (without the newline): orjson's
    where it writes what the json module would (see :func:`json_bytes`).

    Examples
    --------
    >>> compact_json({"share": 1e-05, "name": "主播", "roles": [1, 2]}).decode()
    '{"share":1e-05,"name":"主播","roles":[1,2]}'
    """
    fast = _orjson(data, 0)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode() if fast is None else fast


def _orjson(data: object, option: int) -> bytes | None:
    """orjson's JSON of ``data``, or None where it would differ from the json module's or refuses."""
    try:
        fast = orjson.dumps(data, option=option)
    except TypeError:  # a lone surrogate, or an integer over 64 bits
        return None
    return None if _unlike_python(fast) else fast


def _unlike_python(text: bytes) -> bool:
    """Whether ``text`` may hold a float that orjson writes unlike the json module (``0.0000`` or a digit, ``e-``, a
    digit). Searched for as plain bytes first: a regular expression starting with a digit class takes ten times
    as long over an answer."""
    return b"0.0000" in text or any(text[m.start() - 1 : m.start()].isdigit() for m in _EXPONENT.finditer(text))


_EXPONENT = re.compile(rb"e-[0-9]")


@dataclass(frozen=True)
class _Data:
    """Data already made, for :func:`render_json` (which asks for ``to_dict()``)."""

    data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return self.data


async def answer(work: Callable[[], str | bytes], fmt: str) -> Response:
    """Do the work of a request; answer with its text in the media type of ``fmt``.

    Planning is CPU work, done here on the event loop: a thread would only add the cost of handing the GIL back and
    forth (0.3 to 0.5 ms of CPU a request, a quarter of the whole, measured), and a process is as busy either way.
    The pictures (``svg``, ``html``) wait on Graphviz, a program of its own, so they are drawn in the thread pool
    and the loop goes on answering meanwhile.
    """
    text = await run_in_threadpool(work) if fmt in _WAITING else work()
    return Response(text, media_type=MEDIA_TYPES[fmt])


_WAITING = {"svg", "html"}  # formats whose work waits on Graphviz


def dumps(data: object) -> str:
    """``data`` as the command line prints JSON that is not a result: indented, not ASCII-escaped."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
