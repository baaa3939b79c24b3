"""What an answer's bytes are sent as: an ETag and ``Cache-Control`` on every answer that only its request decides,
a 304 when the client already has it, and gzip when the client takes it and the answer is large.

Answers are deterministic (the same request to the same server gives the same bytes), so each carries a strong
``ETag``, a digest of the exact bytes of the answer: whatever changes them (another rulebook, another version of the
package, of Graphviz for a picture) changes the tag, and nothing else does. ``Cache-Control: no-cache`` lets a
client keep an answer and ask again with ``If-None-Match``: if the answer is still the same, the server says
``304 Not Modified`` with no body.

An answer of at least :data:`GZIP_MIN` bytes is compressed when the request's ``Accept-Encoding`` takes gzip, and
then has a tag of its own (the same digest, ``-gzip`` added): the two are different bytes. Such an answer says
``Vary: Accept-Encoding``; a smaller one is never compressed and does not.

The plain request (no ``If-None-Match``, no gzip) pays for the tag only, which every answer needs for a client to use
it: SHA-1 (a fingerprint of the bytes, not for security; the fastest digest of the standard library here) takes about
15 microseconds over a plan's 29 KB, and the negotiation as a whole adds 25 to 40 to the 0.7 ms of the application's
CPU a plan takes (measured in process). gzip is at level 1: a plan's 29 KB become 4.7 KB in about 55 microseconds,
where level 6 makes 3.7 KB in seven times as long; the what-if table's 88 KB become 9.4 KB (6.1 KB at level 6).
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.responses import Response

__all__ = ["CACHE_CONTROL", "GZIP_MIN", "NOT_MODIFIED", "NegotiatedRoute", "accepts_gzip", "matches", "negotiate"]

GZIP_MIN = 4096
"""Bytes from which an answer is gzipped when the client takes it: under a few packets, compressing saves less time
on the wire than it costs."""

CACHE_CONTROL = "no-cache"
"""Keep the answer, but ask with ``If-None-Match`` before using it again: the server's rulebook may change."""

NOT_MODIFIED = 304
_CACHE_CONTROL = CACHE_CONTROL.encode()
_LEVEL = 1  # gzip's compression level
_OFF_LOOP = 256 * 1024  # bytes from which the compression runs in the thread pool (zlib lets go of the GIL)
_TAG = re.compile(r'(?:W/)?("[^"]*")')


class NegotiatedRoute(APIRoute):
    """A route whose answers are negotiated by :func:`negotiate`, if its OpenAPI description has a 304 answer (an
    answer that only the request decides); the other routes' answers go out as they are."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()
        if NOT_MODIFIED not in self.responses:
            return handle

        async def negotiated(request: Request) -> Response:
            return await negotiate(request.headers, await handle(request))

        return negotiated


async def negotiate(asked: Headers, response: Response) -> Response:
    """The ``response`` (a 200 with its whole body) as the request's headers ``asked`` take it: with its ``ETag``
    and ``Cache-Control``; gzipped if it is large and they take gzip; or a 304 with no body if their
    ``If-None-Match`` names its tag. Any other status goes out as it is.

    Examples
    --------
    >>> import asyncio
    >>> from starlette.datastructures import Headers
    >>> answer = lambda: Response(b'{"roles": []}', media_type="application/json")
    >>> plain = asyncio.run(negotiate(Headers({}), answer()))
    >>> plain.status_code, plain.headers["cache-control"], "vary" in plain.headers
    (200, 'no-cache', False)
    >>> plain.headers["etag"] == '"' + hashlib.sha1(b'{"roles": []}').hexdigest() + '"'
    True
    >>> again = asyncio.run(negotiate(Headers({"if-none-match": plain.headers["etag"]}), answer()))
    >>> again.status_code, again.body
    (304, b'')
    """
    if response.status_code != 200:
        return response
    body = bytes(response.body)
    digest = hashlib.sha1(body, usedforsecurity=False).hexdigest()
    large = len(body) >= GZIP_MIN
    gzipped = large and accepts_gzip(asked.get("accept-encoding"))
    tag = f'"{digest}-gzip"' if gzipped else f'"{digest}"'
    headers = [(b"etag", tag.encode()), (b"cache-control", _CACHE_CONTROL)]
    if large:
        headers.append((b"vary", b"Accept-Encoding"))
    if matches(asked.get("if-none-match"), tag):
        unchanged = Response(status_code=NOT_MODIFIED)
        unchanged.raw_headers = headers
        return unchanged
    if gzipped:
        packed = await run_in_threadpool(_gzip, body) if len(body) >= _OFF_LOOP else _gzip(body)
        response.body = packed
        response.raw_headers = [(name, value) for name, value in response.raw_headers if name != b"content-length"]
        headers += [(b"content-length", str(len(packed)).encode()), (b"content-encoding", b"gzip")]
    response.raw_headers += headers  # the answer's headers are new: none of these is there yet
    return response


def _gzip(body: bytes) -> bytes:
    return gzip.compress(body, _LEVEL, mtime=0)  # no time stamp: the same answer, the same bytes


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an ``Accept-Encoding`` header takes gzip: named (or ``*`` is, gzip not refused) with a weight above 0.

    Examples
    --------
    >>> [accepts_gzip(v) for v in ("gzip, deflate, br", "br;q=1.0, gzip;q=0.5", "gzip;q=0", "*", "*, gzip;q=0")]
    [True, True, False, True, False]
    >>> [accepts_gzip(v) for v in (None, "", "identity", "br")]
    [False, False, False, False]
    """
    if not accept_encoding:
        return False
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        coding, _, parameters = item.partition(";")
        weight = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[coding.strip().lower()] = weight
    return weights.get("gzip", weights.get("*", 0.0)) > 0


def matches(if_none_match: str | None, tag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``tag`` (weakly, as the header is compared: ``W/`` aside), or is
    ``*``.

    Examples
    --------
    >>> [matches(v, '"abc"') for v in ('"abc"', 'W/"abc"', '"x", "abc"', "*", '"abc-gzip"', None, "abc")]
    [True, True, True, True, False, False, False]
    """
    if not if_none_match:
        return False
    return if_none_match.strip() == "*" or tag in _TAG.findall(if_none_match)
