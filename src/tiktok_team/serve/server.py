"""Running the service: what ``tiktok-team serve`` does, checked before anything listens.

It needs the ``serve`` extra (``pip install "tiktok-team[serve]"``: FastAPI, uvicorn and httptools, uvicorn's C
parser of HTTP; and uvloop, which uvicorn runs on where it is installed). This module imports none of them until it
has checked that they are there, so that a missing extra is one clear error. The rulebook, with any overlays, is
loaded once to check it before the port is bound, and then by each worker process for itself.
"""

from __future__ import annotations

import importlib
import itertools
import json
import multiprocessing
import os
import selectors
import signal
import socket
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._errors import TiktokTeamError
from .._profile import BusinessProfile
from .._rulebook import load_rulebook
from .cors import parse_origin

__all__ = ["APP", "CONFIG_VARIABLE", "EXTRA", "OPTIONS", "WorkerStopped", "serve"]

# The environment variable through which :func:`serve` configures each worker process (read by
# :func:`tiktok_team.serve.app.app_from_environment`): JSON with the overlay rule files (``rules``, a list of paths),
# the page's starting profile (``profile``, or null) and the origins allowed to call from a browser (``cors_origins``).
CONFIG_VARIABLE = "TIKTOK_TEAM_SERVE"
EXTRA = "pip install 'tiktok-team[serve]'"
_NEEDS = ("fastapi", "uvicorn", "httptools")


class WorkerStopped(TiktokTeamError):
    """A worker process of ``serve(workers=N)`` stopped by itself (it crashed, or was killed): the server has stopped
    the others. Not bad input: the command line exits with status 1."""


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    rules: Sequence[str | Path] = (),
    workers: int = 1,
    start: BusinessProfile | None = None,
    cors_origins: Sequence[str] = (),
) -> None:
    """Serve the API and the planner page until interrupted.

    Parameters
    ----------
    host, port : str, int
        Where to listen (loopback, port 8000 by default).
    rules : sequence of paths
        Overlay rule files, loaded once per worker process over the bundled rulebook.
    workers : int, default 1
        Worker processes, each with its own rulebook and engines; one per core serves the most requests a second.
    start : BusinessProfile, optional
        The profile the planner page starts from when its address names none.
    cors_origins : sequence of str
        The origins whose web pages may call the API from a browser (``https://planner.example.com``; ``*`` for
        any); none by default (see :mod:`.cors`).

    Raises
    ------
    TiktokTeamError
        If FastAPI, uvicorn or httptools is missing, the address cannot be listened on, or a CORS origin is not
        one.
    WorkerStopped
        If a worker process stops by itself.
    RulebookError
        If an overlay is bad; nothing has listened yet.

    Examples
    --------
    >>> serve(port=8000, rules=["no-such-overlay.toml"])
    Traceback (most recent call last):
    ...
    tiktok_team.RulebookError: no-such-overlay.toml: no such rule file
    """
    missing = [name for name in _NEEDS if not _importable(name)]
    if missing:
        names = " and ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing)
        raise TiktokTeamError(f"the serve command needs {names}, which are not installed: {EXTRA}")
    try:
        origins = [parse_origin(origin) for origin in cors_origins]
    except ValueError as exc:
        raise TiktokTeamError(f"a CORS origin {exc}") from None
    load_rulebook(*rules)
    _check_address(host, port)
    profile = None if start is None else start.model_dump(mode="json", exclude_unset=True)
    config = {"rules": [str(Path(path).resolve()) for path in rules], "profile": profile, "cors_origins": origins}
    os.environ[CONFIG_VARIABLE] = json.dumps(config)
    shown = f"[{host}]" if ":" in host else host
    page = f"http://{shown}:{port}/"
    print(f"tiktok-team: the planner page is at {page} and the API at {page}v1/", flush=True)
    if workers > 1 and hasattr(socket, "send_fds"):  # Unix: our own hand-out, else uvicorn's workers
        _run_workers(host, port, workers)
    else:
        importlib.import_module("uvicorn").run(APP, factory=True, host=host, port=port, workers=workers, **OPTIONS)


APP = "tiktok_team.serve.app:app_from_environment"  # the application factory, by its import path
OPTIONS: dict[str, Any] = {  # what uvicorn is told, besides where to listen
    "http": "tiktok_team.serve.protocol:NoDelayProtocol",
    "access_log": False,
    "server_header": False,
}


def _run_workers(host: str, port: int, workers: int) -> None:
    """Run ``workers`` processes and hand them the connections this process accepts, in turn (see
    :mod:`.workers`), until one stops or this process is told to stop (Ctrl-C, SIGTERM); then stop them all.

    Handed out in turn, connections are split evenly, however the clients' addresses hash. With one socket that all
    the workers accept from (uvicorn's ``--workers``), whichever wakes first took every connection waiting: 64
    clients connecting at once were split 55 to 9. With a socket of each bound with ``SO_REUSEPORT``, the kernel's
    hash of the addresses split them 24 to 40 as often as 32 to 32; either way the busier worker's clients waited
    longer.
    """
    from .workers import serve_handed  # noqa: PLC0415 - uvicorn, once serve() has checked it is there

    listener = _listen(host, port)
    spawn = multiprocessing.get_context("spawn")
    channels = [socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM) for _ in range(workers)]
    processes = [
        spawn.Process(target=serve_handed, args=(theirs,), name=f"tiktok-team-{n + 1}")
        for n, (_, theirs) in enumerate(channels)
    ]
    for process in processes:
        process.start()
    for _, theirs in channels:
        theirs.close()
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a SIGTERM stops the workers as Ctrl-C does
    try:
        _hand_out(listener, [ours for ours, _ in channels], [process.sentinel for process in processes])
    except KeyboardInterrupt:
        pass
    finally:
        listener.close()
        for process in processes:
            process.terminate()
        for process in processes:
            process.join()
        for ours, _ in channels:
            ours.close()
    failed = [process for process in processes if process.exitcode not in (0, -signal.SIGTERM)]
    if failed:
        raise WorkerStopped(f"worker process {failed[0].name} stopped with status {failed[0].exitcode}")


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket of :func:`_run_workers`, not blocking; :class:`TiktokTeamError` if it cannot be had."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        listener = socket.create_server((host, port), family=family, backlog=2048)
    except OSError as exc:  # taken since serve() checked it
        raise TiktokTeamError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    listener.setblocking(False)
    return listener


def _hand_out(listener: socket.socket, channels: Sequence[socket.socket], sentinels: Sequence[int]) -> None:
    """Accept connections on ``listener`` and send each through the next of ``channels``, until a worker stops
    (its ``sentinel`` is ready)."""
    turn = itertools.cycle(channels)
    with selectors.DefaultSelector() as selector:
        selector.register(listener, selectors.EVENT_READ)
        for sentinel in sentinels:
            selector.register(sentinel, selectors.EVENT_READ)
        while True:
            for key, _ in selector.select():
                if key.fileobj is not listener:
                    return
                while True:
                    try:
                        connection, _ = listener.accept()
                    except (BlockingIOError, InterruptedError):
                        break
                    except ConnectionAbortedError:  # the client gave up before it was accepted
                        continue
                    with connection:
                        try:
                            socket.send_fds(next(turn), [b"c"], [connection.fileno()])
                        except OSError:  # that worker has stopped: its sentinel says so next
                            return


def _importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def _check_address(host: str, port: int) -> None:
    """Raise :class:`TiktokTeamError` if nothing can listen on ``host:port`` (taken, or no such address)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise TiktokTeamError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
