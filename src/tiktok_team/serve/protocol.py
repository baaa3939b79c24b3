"""uvicorn's HTTP/1.1 protocol on httptools (the C parser), with Nagle's algorithm off on every connection, whatever
socket it came through.

With ``--workers N`` uvicorn binds the listening socket itself without naming TCP as its protocol, and asyncio turns
``TCP_NODELAY`` on only for sockets that name it; so every answer on a kept-alive connection (headers, then the
body) waited for the client's delayed acknowledgement, about 40 ms on Linux (uvicorn issue #3149). This protocol
turns it on itself. ``tiktok-team serve`` names it to uvicorn by its import path.

httptools rather than h11 (uvicorn's parser in pure Python): a third less server CPU a request under load
(docs/performance.md). Both parse the same HTTP/1.1; the serve extra installs httptools.
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["NoDelayProtocol"]


class NoDelayProtocol(HttpToolsProtocol):
    """:class:`uvicorn.protocols.http.httptools_impl.HttpToolsProtocol` that sends each write at once
    (``TCP_NODELAY``)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
