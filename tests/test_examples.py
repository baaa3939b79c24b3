"""The example clients under examples/: a Node.js client of the service and a Python program on the library, each
showing a plan, its left-out roles, a comparison and a roadmap with names, duties and reasons, one call per answer.

The Python program is type-checked with ``mypy --strict`` and run; the Node client (run where ``node`` is installed)
talks to a real ``tiktok-team serve`` through a proxy that counts its requests. Each must print every name, duty and
reason sentence that the library's answers hold for the same businesses.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from helpers import EXAMPLES, serving
from tiktok_team import BilingualText, BusinessProfile, recommend, roadmap

SELLER = BusinessProfile.parse(
    {"stage": "growth", "sourcing": "own_stock", "formats": ["livestream"], "headcount_budget": 6}
)
WITH_ADS = SELLER.model_copy(update={"paid_ads": True, "formats": frozenset({"livestream", "short_video"})})
NODE = shutil.which("node")


def shown(lang: str) -> list[str]:
    """What a client must print for the example businesses in ``lang``: the answers' names, duties and reasons."""

    def say(text: BilingualText) -> str:
        return text.en if lang == "en" else text.zh

    plan = recommend(SELLER)
    found = []
    for role in plan.roles:
        found += [say(role.name), say(role.department_name), *map(say, role.duties)]
        found += [say(reason.sentence) for reason in role.reasons]
    assert plan.staffing is not None
    assert plan.staffing.deferred
    for deferral in plan.staffing.deferred:
        found += [say(deferral.name), *(say(reason.sentence) for reason in deferral.reasons)]
    for left in plan.excluded:
        found += [say(left.name), say(left.department_name), *(say(reason.sentence) for reason in left.reasons)]
    diff = plan.diff(recommend(WITH_ADS))
    assert diff.added
    for change in (*diff.added, *diff.removed):
        found += [say(change.name), *(say(cause.sentence) for cause in change.reasons)]
    steps = roadmap(SELLER.model_copy(update={"stage": "startup"}))
    for step in steps.steps:
        for hire in step.hires:
            found += [say(hire.name), *(say(reason.sentence) for reason in hire.reasons)]
        found += [say(steps.names[role].name) for role in step.removed]
    return found


def missing(output: str, lang: str) -> list[str]:
    return [text for text in shown(lang) if text not in output]


def test_the_python_program_passes_mypy_strict() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(EXAMPLES / "planner_program.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_python_program_shows_every_name_duty_and_reason(lang: str) -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "planner_program.py"), lang],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert missing(done.stdout, lang) == []
    assert "# Compare" in done.stdout
    assert "# Roadmap" in done.stdout


class _Counting(BaseHTTPRequestHandler):
    """Forwards each request to ``upstream`` and notes it in ``seen``."""

    upstream: ClassVar[str] = ""
    seen: ClassVar[list[tuple[str, str]]] = []

    def do_POST(self) -> None:
        self.seen.append(("POST", self.path))
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        request = urllib.request.Request(
            self.upstream + self.path, data=body, method="POST", headers={"content-type": "application/json"}
        )
        try:
            answer = urllib.request.urlopen(request, timeout=60)
        except urllib.error.HTTPError as error:  # an answer all the same: pass it on
            answer = error
        with answer:
            data = answer.read()
            self.send_response(answer.status)
            self.send_header("content-type", answer.headers["content-type"])
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    def do_GET(self) -> None:
        self.seen.append(("GET", self.path))
        self.send_error(404)

    def log_message(self, *_: object) -> None:  # quiet
        pass


@contextlib.contextmanager
def counting_proxy(upstream: str) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """A proxy to ``upstream`` on a free loopback port: its address, and the requests it forwarded."""
    handler: type[_Counting] = type("Handler", (_Counting,), {"upstream": upstream, "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_node_client_shows_every_name_duty_and_reason_one_request_per_answer() -> None:
    with serving() as address, counting_proxy(address) as (proxy, seen):
        for lang in ("en", "zh"):
            seen.clear()
            done = subprocess.run(
                [str(NODE), str(EXAMPLES / "planner-client.mjs"), proxy, "--lang", lang],
                capture_output=True,
                text=True,
                check=False,
                timeout=120,
            )
            assert done.returncode == 0, done.stderr
            assert missing(done.stdout, lang) == []
            assert seen == [("POST", "/v1/plan"), ("POST", "/v1/compare"), ("POST", "/v1/roadmap")]


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_node_client_refuses_a_bad_language_and_names_a_failed_answer() -> None:
    bad = subprocess.run(
        [str(NODE), str(EXAMPLES / "planner-client.mjs"), "http://127.0.0.1:9", "--lang", "fr"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert bad.returncode == 2
    assert "--lang must be en or zh, not fr" in bad.stderr
    with serving() as address, counting_proxy(address) as (proxy, _):
        gone = subprocess.run(
            [str(NODE), str(EXAMPLES / "planner-client.mjs"), proxy + "/nowhere"],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    assert gone.returncode == 1
    assert "/v1/plan answered 404" in gone.stderr
