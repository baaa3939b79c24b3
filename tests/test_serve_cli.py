"""``tiktok-team serve`` run as a user runs it: it listens and answers, with overlays, worker processes and the page's
starting profile; a bad overlay, a taken port or a missing extra stop it before it listens, with one line."""

from __future__ import annotations

import collections
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from helpers import BRAND_PR_OVERLAY, EXAMPLES, SCRIPT, free_port, run, serving
from tiktok_team import load_rulebook, recommend
from tiktok_team.render import render_json

BRAND = {"stage": "growth", "sourcing": "own_stock", "own_brand": True, "influencers": True}


def post(url: str, body: object) -> tuple[int, bytes]:
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, bytes(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, bytes(error.read())


ORIGIN = "https://planner.example.com"


@pytest.fixture(scope="module")
def overlay(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("overlay") / "brand.toml"
    path.write_text(BRAND_PR_OVERLAY, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def two_workers(overlay: Path) -> Iterator[str]:
    """A server of two worker processes, given everything the tests below check that each worker has: an overlay,
    the page's starting profile and two CORS origins. (A server of their own for each of those tests cost 3-4 s of
    CPU each: three processes that each import the service and plan a profile before they answer.)"""
    profile = EXAMPLES / "growth-brand.toml"
    origins = ("--cors-origin", ORIGIN, "--cors-origin", "http://localhost:5173")
    with serving("--workers", "2", "--rules", str(overlay), "--profile", str(profile), *origins) as address:
        yield address


def test_serves_plans_with_overlays_on_worker_processes(two_workers: str, overlay: Path) -> None:
    address = two_workers
    # several requests, so that both workers answer some: each has the overlay
    answers = [post(f"{address}/v1/plan", {"profile": BRAND}) for _ in range(8)]
    with urllib.request.urlopen(f"{address}/", timeout=30) as page:
        html = page.read().decode()
    status, bad = post(f"{address}/v1/plan", {"profile": {**BRAND, "stage": "grwth"}})
    expected = render_json(recommend(BRAND, load_rulebook(overlay))).encode()
    assert all(answer == (200, expected) for answer in answers)
    assert '"pr"' in expected.decode()
    assert '"own_brand": true' in html  # the page starts from the profile given
    assert status == 422
    assert json.loads(bad)["errors"] == [
        {"path": "profile.stage", "message": "'grwth' is not one of startup, growth, mature (did you mean 'growth'?)"}
    ]


def test_cors_origins_and_etags_hold_on_every_worker(two_workers: str) -> None:
    # each worker process is configured with the origins, and gives the same answer the same tag
    port = int(two_workers.rsplit(":", 1)[1])
    preflights, tags = [], []
    for _ in range(4):  # connections are handed to the workers in turn: two each
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request(
                "OPTIONS", "/v1/plan", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"}
            )
            answered = connection.getresponse()
            answered.read()
            preflights.append((answered.status, answered.getheader("Access-Control-Allow-Origin")))
            connection.request("POST", "/v1/plan", json.dumps({"profile": BRAND}), {"Content-Type": "application/json"})
            answered = connection.getresponse()
            answered.read()
            tags.append(answered.getheader("ETag"))
        finally:
            connection.close()
    refused = urllib.request.Request(
        f"{two_workers}/v1/plan",
        method="OPTIONS",
        headers={"Origin": "https://elsewhere.example.org", "Access-Control-Request-Method": "POST"},
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(refused, timeout=30)
    assert preflights == [(204, ORIGIN)] * 4
    assert len(set(tags)) == 1
    assert tags[0] is not None
    assert caught.value.code == 405
    assert caught.value.headers.get("Access-Control-Allow-Origin") is None


def held_by_process(port: int) -> dict[int, int]:
    """How many open connections to ``port`` each process on this machine holds on the server's side."""
    held = collections.Counter(
        found.pid
        for found in psutil.net_connections(kind="tcp")
        if found.laddr and found.laddr.port == port and found.status == psutil.CONN_ESTABLISHED and found.pid
    )
    return dict(held)


def split(address: str, workers: int) -> None:
    """Keep 4 connections a worker open to the server at ``address``: each worker holds 4 of them."""
    port = int(address.rsplit(":", 1)[1])
    connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=60) for _ in range(4 * workers)]
    try:
        for connection in connections:
            connection.request("GET", "/healthz")
            assert connection.getresponse().read()
        held = held_by_process(port)
    finally:
        for connection in connections:
            connection.close()
    assert sorted(held.values()) == [4] * workers, held


# The kernel's SO_REUSEPORT hashing split 64 clients 24 to 40; handed out in turn they split 32 to 32.
def test_connections_kept_open_are_split_evenly_among_two_workers(two_workers: str) -> None:
    split(two_workers, 2)


def test_connections_kept_open_are_split_evenly_among_three_workers() -> None:
    with serving("--workers", "3") as address:
        split(address, 3)


def test_a_worker_that_dies_stops_the_server_and_its_other_workers_with_one_line() -> None:
    port = free_port()
    command = [str(SCRIPT), "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        workers: list[psutil.Process] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
            children = psutil.Process(server.pid).children()
            workers = [child for child in children if "spawn_main" in " ".join(child.cmdline())]
        assert len(workers) == 2
        os.kill(workers[0].pid, signal.SIGKILL)
        _, stderr = server.communicate(timeout=60)
    finally:
        server.kill()
        server.wait()
    assert server.returncode == 1  # not bad input: the server ran, and stopped
    last = stderr.splitlines()[-1]
    assert re.fullmatch(r"tiktok-team: error: worker process tiktok-team-[12] stopped with status -9", last), last
    assert "Traceback" not in stderr
    assert not any(worker.is_running() for worker in workers)


def test_a_bad_overlay_stops_it_before_it_listens(tmp_path: Path) -> None:
    overlay = tmp_path / "bad.toml"
    overlay.write_text('[[rule]]\nid = "x-bad"\nsource = "three-stages"\n', encoding="utf-8")
    port = free_port()
    done = run("serve", "--port", str(port), "--rules", overlay, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"tiktok-team: error: {overlay}:x-bad: missing required key")
    assert done.stdout == ""
    with socket.socket() as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.1", port))


def test_a_taken_port_is_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run("serve", "--port", str(port), timeout=60)
    assert done.returncode == 2
    assert done.stderr == f"tiktok-team: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--port", "http"], "argument --port: must be a port number from 1 to 65535, not 'http'"),
        (["--port", "70000"], "must be a port number from 1 to 65535"),
        (["--workers", "0"], "argument --workers: must be a whole number of at least 1"),
        (["--profile", "nowhere.toml"], "nowhere.toml: no such profile file"),
        (["--profile", str(EXAMPLES / "team.toml")], "unknown field 'person'"),
        (["--host", "no-such-host.invalid"], "cannot listen on no-such-host.invalid:"),
        (
            ["--cors-origin", "planner.example.com"],
            "argument --cors-origin: must be an origin such as https://planner.example.com or "
            "http://localhost:5173 (a scheme, a host and a port if not the default, nothing after), or * for any, "
            "not 'planner.example.com'",
        ),
        (
            ["--cors-origin", "*", "--cors-origin", "https://planner.example.com/app"],
            "not 'https://planner.example.com/app'",
        ),
        (["--cors-origin"], "argument --cors-origin: expected one argument"),
    ],
)
def test_bad_arguments_are_one_error(arguments: list[str], words: str) -> None:
    done = run("serve", *arguments, timeout=60)
    assert done.returncode == 2
    assert words in done.stderr
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("hidden", "named"),
    [
        (("fastapi", "uvicorn", "starlette"), "fastapi and uvicorn"),
        (("httptools",), "httptools"),
        (("fastapi", "uvicorn", "httptools"), "fastapi, uvicorn and httptools"),
    ],
)
def test_without_the_serve_extra_it_says_how_to_install_it(hidden: tuple[str, ...], named: str) -> None:
    code = (
        f"import sys\nfor name in {hidden!r}:\n    sys.modules[name] = None\n"
        "from tiktok_team.cli import run\nsys.argv = ['tiktok-team', *sys.argv[1:]]\nrun()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "serve"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert done.stderr == (
        f"tiktok-team: error: the serve command needs {named}, which are not installed: "
        "pip install 'tiktok-team[serve]'\n"
    )
