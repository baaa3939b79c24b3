"""Planning a sweep beyond one process: ``make bench`` (or ``.venv/bin/python benchmarks/cluster.py``).

``recommend_many`` over the fact space, twice over (``--repeat``), one profile after another in this process, on a
``ProcessPoolExecutor`` of W processes (``workers=W``), and on a dask.distributed ``LocalCluster`` of W worker
processes with one thread each (``executor=client.get_executor()``): profiles a second, and per core (W cores; the
process pool and the cluster are timed after their processes have started and planned one chunk each, as a cluster
that plans a million profiles would be), and profiles a CPU-second of the processes that plan (psutil): on this
machine the client, the scheduler and the pool's parent share the cores with the workers, so the CPU figure is the one
that carries to a cluster, where each worker has its core. The last line is the summary.

Needs the cluster extra (``pip install "tiktok-team[cluster]"``; ``make bench`` has it).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psutil
from bench import parallel_capacity
from distributed import Client, LocalCluster

from tiktok_team import BusinessProfile, fact_space, load_rulebook, recommend_many


def rate(profiles: Sequence[BusinessProfile], executor: Executor | None, workers: Sequence[int]) -> tuple[float, float]:
    """Profiles a second of ``recommend_many`` on ``executor`` (None: here), after a warm-up of one chunk a worker,
    and profiles a CPU-second of the processes ``workers`` (those that plan: this one, or the executor's)."""
    count = max(1, len(workers))
    recommend_many(profiles[: 32 * count], executor=executor, workers=count)
    processes = [psutil.Process(pid) for pid in workers]
    cpu = sum(sum(process.cpu_times()[:2]) for process in processes)
    started = time.perf_counter()
    results = recommend_many(profiles, executor=executor, workers=count)
    elapsed = time.perf_counter() - started
    cpu = sum(sum(process.cpu_times()[:2]) for process in processes) - cpu
    assert all(result.ok for result in results)
    return len(profiles) / elapsed, len(profiles) / cpu


def main(argv: Sequence[str] | None = None) -> None:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=cores, help="worker processes (default: the cores)")
    parser.add_argument("--repeat", type=int, default=2, help="times over the fact space (default: 2)")
    args = parser.parse_args(argv)
    profiles = list(fact_space(load_rulebook())) * args.repeat
    workers = args.workers
    print(f"\nbeyond one process: {len(profiles)} profiles, {workers} workers, {cores} cores")
    print(f"  two busy processes get {parallel_capacity():.2f} cores' worth of CPU on this machine now")
    here, _ = rate(profiles, None, [os.getpid()])
    print(f"  in this process:       {here:6.0f} profiles/s")
    with ProcessPoolExecutor(workers) as pool:
        pids = sorted(set(pool.map(_pid, range(workers * 8))))
        pooled, pooled_cpu = rate(profiles, pool, pids)
    print(f"  ProcessPoolExecutor({workers}): {pooled:6.0f} profiles/s, {pooled_cpu:.0f} a CPU-second of workers")
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        pids = sorted(client.run(os.getpid).values())
        clustered, clustered_cpu = rate(profiles, client.get_executor(), pids)
    print(
        f"  dask LocalCluster({workers}):  {clustered:6.0f} profiles/s, {clustered_cpu:.0f} a CPU-second of its workers"
    )
    print(
        f"\ncluster: {clustered_cpu:.0f} profiles a second per worker core on dask ({pooled_cpu:.0f} on a process "
        f"pool, {here:.0f} in one process); a million profiles: {1e6 / clustered_cpu / 3600:.2f} core-hours"
    )


def _pid(_: int) -> int:
    time.sleep(0.05)  # long enough that every worker of the pool takes some
    return os.getpid()


if __name__ == "__main__":
    main()
