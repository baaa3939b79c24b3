"""Running the service: what ``tiktok-team serve`` does, checked before anything listens.

It needs the ``serve`` extra (``pip install "tiktok-team[serve]"``: FastAPI and uvicorn); this module imports
neither until it has checked that both are there, so that a missing extra is one clear error. The rulebook, with
any overlays, is loaded once to check it before the port is bound, and then by each worker process for itself.
"""

from __future__ import annotations

import importlib
import json
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._errors import TiktokTeamError
from .._profile import BusinessProfile
from .._rulebook import load_rulebook

__all__ = ["CONFIG_VARIABLE", "EXTRA", "serve"]

# The environment variable through which :func:`serve` configures each worker process (read by
# :func:`tiktok_team.serve.app.app_from_environment`): JSON with the overlay rule files (``rules``, a list of paths)
# and the page's starting profile (``profile``, or null).
CONFIG_VARIABLE = "TIKTOK_TEAM_SERVE"
EXTRA = "pip install 'tiktok-team[serve]'"
_NEEDS = ("fastapi", "uvicorn")


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    rules: Sequence[str | Path] = (),
    workers: int = 1,
    start: BusinessProfile | None = None,
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

    Raises
    ------
    TiktokTeamError
        If FastAPI or uvicorn is missing, or the address cannot be listened on.
    RulebookError
        If an overlay is bad; nothing has listened yet.

    Examples
    --------
    >>> serve(port=8000, rules=["no-such-overlay.toml"])
    Traceback (most recent call last):
    ...
    tiktok_team._errors.RulebookError: no-such-overlay.toml: no such rule file
    """
    missing = [name for name in _NEEDS if not _importable(name)]
    if missing:
        raise TiktokTeamError(f"the serve command needs {' and '.join(missing)}, which are not installed: {EXTRA}")
    load_rulebook(*rules)
    _check_address(host, port)
    profile = None if start is None else start.model_dump(mode="json", exclude_unset=True)
    config = {"rules": [str(Path(path).resolve()) for path in rules], "profile": profile}
    os.environ[CONFIG_VARIABLE] = json.dumps(config)
    shown = f"[{host}]" if ":" in host else host
    page = f"http://{shown}:{port}/"
    print(f"tiktok-team: the planner page is at {page} and the API at {page}v1/", flush=True)
    if workers > 1 and hasattr(socket, "SO_REUSEPORT"):
        _run_workers(host, port, workers)
    else:
        importlib.import_module("uvicorn").run(_APP, factory=True, host=host, port=port, workers=workers, **_OPTIONS)


_APP = "tiktok_team.serve.app:app_from_environment"
_OPTIONS: dict[str, Any] = {
    "http": "tiktok_team.serve.protocol:NoDelayProtocol",
    "access_log": False,
    "server_header": False,
}


def _run_workers(host: str, port: int, workers: int) -> None:
    """Run ``workers`` processes, each listening on a socket of its own bound with ``SO_REUSEPORT``, until one stops
    or this process is told to stop (Ctrl-C, SIGTERM); then stop them all.

    The kernel spreads new connections evenly among such sockets. With one shared socket (uvicorn's ``--workers``)
    whichever process wakes first accepts every connection waiting: 64 clients connecting at once were split 55 to
    9, and the clients of the busier process waited six times as long.
    """
    spawn = multiprocessing.get_context("spawn")
    processes = [spawn.Process(target=_worker, args=(host, port), name=f"tiktok-team-{n + 1}") for n in range(workers)]
    for process in processes:
        process.start()
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a SIGTERM stops the workers as Ctrl-C does
    try:
        multiprocessing.connection.wait([process.sentinel for process in processes])
    except KeyboardInterrupt:
        pass
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.join()
    failed = [process for process in processes if process.exitcode not in (0, -signal.SIGTERM)]
    if failed:
        raise TiktokTeamError(f"worker process {failed[0].name} stopped with status {failed[0].exitcode}")


def _worker(host: str, port: int) -> None:
    """One worker process of :func:`_run_workers`: its own socket (TCP, ``SO_REUSEPORT``) and a uvicorn server."""
    uvicorn = importlib.import_module("uvicorn")
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        listener.bind((host, port))
    except OSError as exc:  # taken since serve() checked it
        sys.exit(f"tiktok-team: error: cannot listen on {host}:{port}: {exc.strerror or exc}")
    config = uvicorn.Config(_APP, factory=True, host=host, port=port, **_OPTIONS)
    uvicorn.Server(config).run(sockets=[listener])


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
