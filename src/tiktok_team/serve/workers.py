"""A worker process of ``tiktok-team serve --workers N``: a uvicorn server for the connections handed to it.

The parent process (:func:`tiktok_team.serve.server.serve`) listens, accepts each connection and hands it to the
workers in turn over a Unix socket of each (``SCM_RIGHTS``), so that N clients keeping their connections open are
split as evenly as they can be: 64 split 32 and 32, where the kernel's ``SO_REUSEPORT`` hashing split them 24 and
40 and the clients of the busier worker waited twice as long. A worker has no listening socket of its own: it
serves what it is handed with uvicorn's HTTP protocol, as uvicorn serves the connections it accepts.

This module imports uvicorn; only a worker process, and the parent once it has checked the extra, import it.
"""

from __future__ import annotations

import asyncio
import socket
from functools import partial

import uvicorn

from .server import APP, OPTIONS

__all__ = ["serve_handed"]


def serve_handed(channel: socket.socket) -> None:
    """Serve the application on the connections that come through ``channel`` until told to stop (SIGINT,
    SIGTERM) or until the parent closes its end."""
    _HandedServer(uvicorn.Config(APP, factory=True, **OPTIONS), channel).run()


class _HandedServer(uvicorn.Server):
    """A uvicorn server that listens on nothing and serves the connections received on ``channel``."""

    def __init__(self, config: uvicorn.Config, channel: socket.socket) -> None:
        super().__init__(config)
        self.channel = channel
        self.handing: set[asyncio.Task[object]] = set()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=[])  # the lifespan and the server's state, with no socket to listen on
        self.channel.setblocking(False)
        asyncio.get_running_loop().add_reader(self.channel.fileno(), self._receive)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        asyncio.get_running_loop().remove_reader(self.channel.fileno())
        await super().shutdown(sockets)

    def _receive(self) -> None:
        """Take every connection waiting on the channel; stop when the parent has closed it."""
        loop = asyncio.get_running_loop()
        while True:
            try:
                message, fds, _, _ = socket.recv_fds(self.channel, 1, 16)
            except (BlockingIOError, InterruptedError):
                return
            if not message and not fds:  # the parent is gone
                self.should_exit = True
                loop.remove_reader(self.channel.fileno())
                return
            for fd in fds:
                task: asyncio.Task[object] = loop.create_task(self._connect(socket.socket(fileno=fd)))
                self.handing.add(task)
                task.add_done_callback(self.handing.discard)

    async def _connect(self, connection: socket.socket) -> object:
        # as uvicorn makes the protocol of each connection it accepts (its constructor is not typed as such)
        protocol = partial(  # type: ignore[call-arg]
            self.config.http_protocol_class,
            config=self.config,
            server_state=self.server_state,
            app_state=self.lifespan.state,
        )
        return await asyncio.get_running_loop().connect_accepted_socket(protocol, connection)
