"""Running the service: what ``tiktok-team serve`` does, checked before anything listens.

It needs the ``serve`` extra (``pip install "tiktok-team[serve]"``: FastAPI and uvicorn); this module imports
neither until it has checked that both are there, so that a missing extra is one clear error. The rulebook, with
any overlays, is loaded once to check it before the port is bound, and then by each worker process for itself.
"""

from __future__ import annotations

import importlib
import json
import os
import socket
from collections.abc import Sequence
from pathlib import Path

from ..errors import TiktokTeamError
from ..profile import BusinessProfile
from ..rulebook import load_rulebook

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
    print(
        f"tiktok-team: the planner page is at http://{shown}:{port}/ and the API at http://{shown}:{port}/v1/",
        flush=True,
    )
    uvicorn = importlib.import_module("uvicorn")
    uvicorn.run(
        "tiktok_team.serve.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        server_header=False,
    )


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
