"""The service under load: ``make bench`` (or ``.venv/bin/python benchmarks/load.py``).

Starts ``tiktok-team serve --workers W`` (W = the cores, by default) on a free loopback port, and drives it with N
concurrent clients (N = 1, 16, 64), each on its own keep-alive connection, posting plans of the fact space's
profiles one after another (``POST /v1/plan``, the JSON answer read whole; gzipped with ``--gzip``, as a browser
takes it, else plain: the answer's ETag is made either way). For each N it prints the requests a
second, the median and 99th-percentile latency, the errors (any answer but 200, or a broken connection), and the
CPU time the server's processes spent a request. The clients are plain asyncio sockets in this one process, so that
as little of the machine as possible goes to the load itself; their CPU time is printed too.

The yardstick is the in-process rate: ``recommend`` over the same profiles, one after another, in this process (one
core). The service's answer is more work than ``recommend`` (it carries every role's counterfactuals) and less (each
worker remembers the engine's outcomes and the counterfactuals by the facts the rules test, and the profiles come
round again). So the run first gives a fresh server each profile of the space once, at 64 clients: the rate while
nothing is remembered yet. The targets (issue 11):

* throughput >= 0.5 x (cores x the in-process rate), at the best N;
* no errors at 64 clients;
* p99 at 64 clients <= 2 x the queueing bound, 64 / W x the median latency of a single client.

The clients share the machine with the server, and so does anything else running. So the run also says how many
cores' worth of CPU two busy processes get (as ``bench.py`` does), and the throughput ratio is given a second way,
from CPU time: requests per CPU-second of the server against plans per CPU-second in process, which is what the
wall-clock ratio comes to when the server has the cores to itself.

The last line printed is the summary. Every run is bounded: a fixed number of requests a level, and a time limit.
Linux only for the CPU figures (``/proc``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench import parallel_capacity

from helpers import serving
from tiktok_team import fact_space, load_rulebook, recommend

LEVELS = (1, 16, 64)
HOST = "127.0.0.1"
LIMIT = 120.0  # seconds: a level stops when it has run this long, whatever is left
TICK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Level:
    """What N clients measured: requests answered a second, latencies (s), errors, and the CPU seconds the server
    and the clients spent."""

    clients: int
    rate: float
    latencies: list[float]
    errors: int
    server_cpu: float
    client_cpu: float

    @property
    def median(self) -> float:
        return statistics.median(self.latencies)

    @property
    def p99(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def in_process_rate(bodies: Sequence[dict[str, object]], seconds: float = 5.0) -> tuple[float, float]:
    """Plans a second of ``recommend`` on one core, over the profiles in order for about ``seconds``: by the wall
    clock, and by this process's CPU time."""
    book = load_rulebook()
    recommend(bodies[0], book)
    done, started, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        recommend(bodies[done % len(bodies)], book)
        done += 1
    return done / (time.perf_counter() - started), done / (time.process_time() - cpu)


def server_cpu(port: int) -> float:
    """CPU seconds (user and system) spent so far by the ``tiktok-team serve`` process on ``port`` and its workers."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # it ended meanwhile
                continue
            stats[int(entry.name)] = (cmdline, int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK)
    serve = [
        pid for pid, (cmdline, _, _) in stats.items() if b"\0serve\0" in cmdline and f"\0{port}\0".encode() in cmdline
    ]
    return sum(cpu for pid, (_, parent, cpu) in stats.items() if pid in serve or parent in serve)


def request_bytes(body: dict[str, object], port: int, gzip: bool = False) -> bytes:
    """A request for ``body``'s plan; with ``gzip``, one that takes a gzipped answer, as browsers' requests do."""
    payload = json.dumps({"profile": body}).encode()
    accept = "Accept-Encoding: gzip\r\n" if gzip else ""
    head = (
        f"POST /v1/plan HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: application/json\r\n{accept}"
        f"Content-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload


async def client(port: int, requests: Sequence[bytes], count: int, deadline: float) -> tuple[list[float], int]:
    """Send ``count`` requests on one keep-alive connection, one after another; return the latencies and errors."""
    latencies: list[float] = []
    errors = 0
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        for n in range(count):
            if time.monotonic() > deadline:
                break
            started = time.perf_counter()
            try:
                writer.write(requests[n % len(requests)])
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                await reader.readexactly(length)
            except (OSError, asyncio.IncompleteReadError, ValueError, StopIteration):
                errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection(HOST, port)
                continue
            latencies.append(time.perf_counter() - started)
            errors += status != 200
    finally:
        writer.close()
    return latencies, errors


def level(port: int, requests: Sequence[bytes], clients: int, total: int) -> Level:
    each = max(1, total // clients)
    deadline = time.monotonic() + LIMIT
    # each client starts at its own place in the profiles, so that they do not all ask for the same plan at once
    plan = [[*requests[n::clients], *requests[:n:clients]] for n in range(clients)]

    async def drive() -> list[tuple[list[float], int]]:
        return list(await asyncio.gather(*(client(port, plan[n], each, deadline) for n in range(clients))))

    cpu, mine, started = server_cpu(port), time.process_time(), time.perf_counter()
    results = asyncio.run(drive())
    elapsed = time.perf_counter() - started
    latencies = [latency for found, _ in results for latency in found]
    return Level(
        clients,
        len(latencies) / elapsed,
        latencies,
        sum(errors for _, errors in results),
        server_cpu(port) - cpu,
        time.process_time() - mine,
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=cores(), help="server worker processes (default: the cores)")
    parser.add_argument("--requests", type=int, default=3000, help="requests at each level (default: 3000)")
    parser.add_argument(
        "--gzip",
        action="store_true",
        help="the clients take gzipped answers (Accept-Encoding: gzip), as browsers do (default: plain answers)",
    )
    args = parser.parse_args(argv)

    space = [profile.model_dump(mode="json", exclude_defaults=True) for profile in fact_space(load_rulebook())]
    capacity = parallel_capacity()
    alone, alone_cpu = in_process_rate(space)
    taken = ", gzipped answers" if args.gzip else ""
    print(
        f"\nthe service under load (tiktok-team serve --workers {args.workers}; {cores()} cores; POST /v1/plan{taken}):"
    )
    print(f"  two busy processes get {capacity:.2f} cores' worth of CPU on this machine now")
    print(f"  in-process, one core: recommend {alone:.0f} plans/s ({alone_cpu:.0f} a CPU-second)")
    with serving("--workers", str(args.workers)) as address:
        port = int(address.rsplit(":", 1)[1])
        # every worker started (connections are handed out in turn, so each answers one of these), nothing planned
        health = f"GET /healthz HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n".encode()
        level(port, [health], 2 * args.workers, 2 * args.workers)
        fresh = level(port, [request_bytes(body, port, args.gzip) for body in space], LEVELS[-1], len(space))
    with serving("--workers", str(args.workers)) as address:
        port = int(address.rsplit(":", 1)[1])
        requests = [request_bytes(body, port, args.gzip) for body in space]
        level(port, requests, args.workers * 4, args.workers * 40)  # every worker builds its engine first
        levels = [level(port, requests, clients, args.requests) for clients in LEVELS]
    for found in levels:
        answered = len(found.latencies)
        print(
            f"  {found.clients:>2} clients: {found.rate:>5.0f} requests/s, median {found.median * 1e3:6.2f} ms, "
            f"p99 {found.p99 * 1e3:7.2f} ms, {found.errors} errors; CPU a request: server "
            f"{found.server_cpu / answered * 1e3:.2f} ms, clients {found.client_cpu / answered * 1e3:.2f} ms"
        )
    print(
        f"  {fresh.clients} clients, each profile once on a fresh server (nothing remembered yet): {fresh.rate:.0f} "
        f"requests/s, median {fresh.median * 1e3:.2f} ms, p99 {fresh.p99 * 1e3:.2f} ms, {fresh.errors} errors; "
        f"CPU a request: server {fresh.server_cpu / len(fresh.latencies) * 1e3:.2f} ms"
    )
    best = max(levels, key=lambda found: found.rate)
    ratio = best.rate / (cores() * alone)
    ratio_cpu = len(best.latencies) / best.server_cpu / alone_cpu
    last = levels[-1]
    bound = last.clients / args.workers * levels[0].median
    met = [ratio >= 0.5, last.errors == 0, last.p99 <= 2 * bound]
    print(
        f"  throughput at {best.clients} clients: {ratio:.2f}x (cores x the in-process rate; target >= 0.5x); by CPU "
        f"time, {ratio_cpu:.2f}x (the server's requests a CPU-second over recommend's plans a CPU-second)"
    )
    print(
        f"  p99 at {last.clients} clients: {last.p99 / bound:.2f}x the queueing bound of {bound * 1e3:.1f} ms "
        "(target <= 2x)"
    )
    missed = [name for name, ok in zip(("throughput", "errors", "p99"), met, strict=True) if not ok]
    verdict = "targets met" if not missed else "TARGETS MISSED: " + ", ".join(missed)
    print(
        f"\nload: {best.rate:.0f} requests/s ({ratio:.2f}x cores x in-process; {ratio_cpu:.2f}x by CPU time), "
        f"{last.clients} clients p99 {last.p99 * 1e3:.1f} ms ({last.p99 / bound:.2f}x the queueing bound), "
        f"{last.errors} errors; {verdict}"
    )


if __name__ == "__main__":
    main()
