"""Cross-origin requests (CORS): which web pages of other origins may call the service from a browser.

Off by default: a browser lets a page call the service only from the service's own origin (its planner page).
``tiktok-team serve --cors-origin https://planner.example.com`` (repeatable; ``*`` for any origin) lets pages of
those origins call it: their preflight (``OPTIONS`` with ``Access-Control-Request-Method``) is answered 204 with the
methods and headers they may use, and every answer to them says ``Access-Control-Allow-Origin`` and lets them read
its ``ETag``. A request from any other origin gets exactly the answer it would get with CORS off, with no
``Access-Control-*`` header, so its browser keeps the answer from the page (a preflight of it is a 405, as any
``OPTIONS``). No credentials: the service has no cookies and no log-in.

The middleware is installed only when origins are given, so the service without them does no work for CORS.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from typing import Any
from urllib.parse import urlsplit

__all__ = ["ANY_ORIGIN", "MAX_AGE", "Cors", "parse_origin"]

ANY_ORIGIN = "*"
MAX_AGE = 600  # seconds a browser may keep a preflight's answer
_METHODS = b"GET, POST"
_EXPOSED = b"ETag"
_DEFAULT_PORTS = {"http": 80, "https": 443}
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?")  # a name (in ASCII, as browsers send it) or an IPv4 address

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def parse_origin(text: str) -> str:
    """An origin as a browser sends it in ``Origin``: ``scheme://host[:port]``, lower case, without the scheme's
    default port; or ``*`` (any origin).

    Raises
    ------
    ValueError
        For anything else (a path, a query, a user name, another scheme, no host, a bad port), saying what to give.

    Examples
    --------
    >>> parse_origin("https://Planner.Example.com:443")
    'https://planner.example.com'
    >>> parse_origin("http://localhost:5173")
    'http://localhost:5173'
    >>> parse_origin("planner.example.com")
    Traceback (most recent call last):
    ...
    ValueError: must be an origin such as https://planner.example.com or http://localhost:5173 (a scheme, a host...
    """
    if text == ANY_ORIGIN:
        return text
    try:
        parts = urlsplit(text)
        port = parts.port  # a ValueError for a port that is not a number from 0 to 65535
    except ValueError:
        parts, port = None, None
    scheme, host = (parts.scheme.lower(), parts.hostname or "") if parts is not None else ("", "")
    more = parts is None or any((parts.path, parts.query, parts.fragment, parts.username, parts.password))
    bad_host = not (_HOST.fullmatch(host) or (":" in host and _is_ipv6(host)))
    if scheme not in _DEFAULT_PORTS or bad_host or more or port == 0 or text.endswith(("?", "#", ":")):
        raise ValueError(
            "must be an origin such as https://planner.example.com or http://localhost:5173 (a scheme, a host and a "
            f"port if not the default, nothing after), or * for any, not {text!r}"
        )
    shown = f"[{host}]" if ":" in host else host
    return f"{scheme}://{shown}" + (f":{port}" if port is not None and port != _DEFAULT_PORTS[scheme] else "")


def _is_ipv6(host: str) -> bool:
    try:
        ipaddress.IPv6Address(host)
    except ValueError:
        return False
    return True


class Cors:
    """ASGI middleware: answer the preflights of the allowed ``origins`` and mark every answer to them.

    Parameters
    ----------
    app : ASGI application
        The service.
    origins : collection of str
        Origins as :func:`parse_origin` gives them; ``*`` allows any.
    """

    def __init__(self, app: ASGIApp, origins: Collection[str]) -> None:
        self.app = app
        self.any = ANY_ORIGIN in origins
        self.origins = frozenset(origin.encode("latin-1") for origin in origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked: dict[bytes, bytes] = dict(scope["headers"])  # header names come in lower case
        origin = asked.get(b"origin", b"")
        allowed = bool(origin) and (self.any or origin in self.origins)
        if allowed and scope["method"] == "OPTIONS" and b"access-control-request-method" in asked:
            await self._preflight(asked, send)
            return
        if not allowed and self.any:  # the answers do not depend on the origin
            await self.app(scope, receive, send)
            return
        added = []
        if allowed:
            added = [
                (b"access-control-allow-origin", b"*" if self.any else origin),
                (b"access-control-expose-headers", _EXPOSED),
            ]

        async def marked(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _with(list(message.get("headers", [])), added, vary=not self.any)
            await send(message)

        await self.app(scope, receive, marked)

    async def _preflight(self, asked: dict[bytes, bytes], send: Send) -> None:
        headers = [
            (b"access-control-allow-origin", b"*" if self.any else asked[b"origin"]),
            (b"access-control-allow-methods", _METHODS),
            (b"access-control-max-age", str(MAX_AGE).encode()),
        ]  # no Content-Length: a 204 has none
        if asked.get(b"access-control-request-headers"):  # the service reads no header it need refuse
            headers.append((b"access-control-allow-headers", asked[b"access-control-request-headers"]))
        await send({"type": "http.response.start", "status": 204, "headers": _with(headers, [], vary=not self.any)})
        await send({"type": "http.response.body", "body": b""})


def _with(headers: list[tuple[bytes, bytes]], added: list[tuple[bytes, bytes]], *, vary: bool) -> list[Any]:
    """``headers`` and ``added``, with ``Origin`` added to their ``Vary`` if ``vary`` (the answer depends on the
    origin, so a cache must not give one origin's answer to another)."""
    if not vary:
        return [*headers, *added]
    kept = [(name, value) for name, value in headers if name.lower() != b"vary"]
    varied = [value for name, value in headers if name.lower() == b"vary"]
    return [*kept, *added, (b"vary", b", ".join([*varied, b"Origin"]))]
