"""Planning on a cluster: recommend_many and ``plan-many --executor`` on a dask.distributed LocalCluster of two
worker processes (the cluster extra), through nothing but its ``concurrent.futures`` executor; and any other executor.

The results must equal planning here, one profile after another, in input order, bad profiles included; a rulebook
of one's own must reach the workers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from helpers import BRAND_PR_OVERLAY, run
from tiktok_team import BusinessProfile, fact_space, load_rulebook, recommend, recommend_many
from tiktok_team._batch import _ShippedRulebook, plan_jsonl

if TYPE_CHECKING:
    from distributed import Client

SPACE = list(fact_space(load_rulebook()))
BRAND = BusinessProfile(stage="growth", sourcing="own_stock", own_brand=True, influencers=True)

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    # imported here, not at the top: every test process collects this module, only the one that runs it needs dask
    from distributed import Client, LocalCluster  # noqa: PLC0415

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


def test_the_fact_space_on_a_dask_cluster_equals_serial(client: Client) -> None:
    """Every 7th profile of the fact space (7 is prime to the number of values of every fact: each value of each fact
    is in the sample), in chunks over two dask workers, comes back in order and equal to the plan made here; the plan
    of every profile is checked in tests/test_plan_json.py and tests/test_contract.py."""
    sample = SPACE[::7]
    items: list[object] = list(sample)
    items.insert(100, {"stage": "seed", "sourcing": "own_stock"})  # a bad profile is an error for its own item
    results = recommend_many(items, executor=client.get_executor(), workers=2)
    assert [result.index for result in results] == list(range(len(items)))
    assert results[100].error == "stage: 'seed' is not one of startup, growth, mature"
    good = [result.plan for result in results if result.ok]
    assert good == [recommend(profile).to_dict() for profile in sample]


def test_an_own_rulebook_reaches_the_cluster_workers(client: Client, tmp_path: Path) -> None:
    overlay = tmp_path / "brand.toml"
    overlay.write_text(BRAND_PR_OVERLAY, encoding="utf-8")
    book = load_rulebook(overlay)
    profiles = [BRAND, *SPACE[:: len(SPACE) // 40]]
    results = recommend_many(profiles, book, executor=client.get_executor(), workers=2)
    assert [result.plan for result in results] == [recommend(p, book).to_dict() for p in profiles]
    assert "pr" in {role["id"] for role in results[0].plan["roles"]}  # type: ignore[index]


def test_plan_many_on_a_dask_scheduler(client: Client, tmp_path: Path) -> None:
    lines = tmp_path / "profiles.jsonl"
    sample = SPACE[::97]
    lines.write_text("".join(p.model_dump_json() + "\n" for p in sample) + '{"stage": "grwth"}\n', encoding="utf-8")
    address = client.scheduler.address  # type: ignore[union-attr]
    done = run("plan-many", lines, "--executor", f"dask:{address}", timeout=300, process=True)
    assert done.returncode == 2  # the last line is bad
    out = done.stdout.splitlines()
    assert [json.loads(line) for line in out[:-1]] == [recommend(p).to_dict() for p in sample]
    assert json.loads(out[-1])["line"] == len(sample) + 1
    assert done.stderr.startswith(f"tiktok-team: error: {lines}:{len(sample) + 1}: stage: 'grwth' is not one of")


@pytest.mark.parametrize("pool", [ThreadPoolExecutor, ProcessPoolExecutor])
def test_any_executor_of_ones_own(pool: type[ThreadPoolExecutor] | type[ProcessPoolExecutor]) -> None:
    lines = [p.model_dump_json() for p in SPACE[::50]]
    with pool(2) as executor:
        planned = list(plan_jsonl(lines, executor=executor, workers=2))
        assert executor.submit(int, "7").result() == 7  # used, not shut down
    assert [json.loads(line.text) for line in planned] == [recommend(p).to_dict() for p in SPACE[::50]]


def test_a_worker_unpacks_a_shipped_rulebook_once(tmp_path: Path) -> None:
    overlay = tmp_path / "brand.toml"
    overlay.write_text(BRAND_PR_OVERLAY, encoding="utf-8")
    shipped = _ShippedRulebook.of(load_rulebook(overlay))
    assert shipped.digest is not None
    assert shipped.load() is shipped.load()  # the second task finds it, with the engines it built
    assert _ShippedRulebook.of(None).load() is load_rulebook()  # the bundled one is never shipped
    assert _ShippedRulebook.of(load_rulebook()).data == b""
