"""What the whole suite shares: one hypothesis settings profile, a cache directory of its own, the garbage
collector's pace, and the sweeps of the fact space that several modules check, each computed once per run.

The suite runs on several processes (pytest-xdist, ``--dist loadfile``: each module on one worker). A session
fixture is computed once per worker process; :func:`once_per_run` makes a costly one once per run instead: the first
worker to ask computes it and leaves it, pickled, in the run's temporary directory, and the others read it back.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from filelock import FileLock
from hypothesis import settings

from helpers import USER_CHECKS
from tiktok_team import Plan, VerifyReport, fact_space, load_rulebook, verify
from tiktok_team._recommend import remembered_plan

T = TypeVar("T")

# Property tests: enough examples to find what the domain invariants rule out, and no deadline (a plan's first
# example builds the engine, and workers share the cores).
settings.register_profile("tiktok-team", deadline=None, max_examples=150)
settings.load_profile("tiktok-team")

# A sweep of the fact space makes millions of small objects, many of which live on (plans, their graphs, pydantic
# models). At Python's default pace, a collection every 700 new objects, the collector's own passes took 22-24% of
# the CPU of planning, rendering and verifying the whole space, which took 1.4x the CPU it takes with a collection
# every 10,000 (11-12% in the collector). Garbage is still collected, only less often; the processes of the library
# that the tests start (the command, the service) keep the default.
gc.set_threshold(10_000, 10, 10)

_CACHE_DIR = pytest.StashKey[str]()


def pytest_collection_finish() -> None:
    """The modules and the tests collected live to the end of the run: the collector need not walk them again."""
    gc.freeze()


def pytest_configure(config: pytest.Config) -> None:
    """Point the stored-rulebook cache at a directory of this run (never the user's own cache directory): made by
    the main process, which the worker processes and every command a test starts inherit it from.

    Where the environment says not to write bytecode (``PYTHONDONTWRITEBYTECODE``), the processes of the run write
    it beside that directory instead (``PYTHONPYCACHEPREFIX``), never into the source tree or the virtual
    environment: else every worker, command and server a test starts compiled each module it imports anew (a server
    took 1.1 s of CPU to start instead of 0.5)."""
    if "PYTEST_XDIST_WORKER" in os.environ:
        return
    directory = tempfile.mkdtemp(prefix="tiktok-team-tests-cache-")
    os.environ["TIKTOK_TEAM_CACHE_DIR"] = directory
    config.stash[_CACHE_DIR] = directory
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and not os.environ.get("PYTHONPYCACHEPREFIX"):
        del os.environ["PYTHONDONTWRITEBYTECODE"]
        os.environ["PYTHONPYCACHEPREFIX"] = f"{directory}-bytecode"


# The modules that take longest (`--durations`), in that order: `make test` hands them out first (xdist's
# `--no-loadscope-reorder`: modules go to the workers in the order collected), so that no long module starts last while
# the other workers have nothing left to do. The rest keep their order.
SLOWEST_FIRST = (
    "test_render_space.py",
    "test_install.py",
    "test_contract.py",
    "test_money_formats.py",
    "test_plan_json.py",
    "test_texts.py",
    "test_counterfactual.py",
    "test_planner_views.py",
    "test_plan.py",
    "test_render_hostile.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    first = {name: n for n, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: first.get(item.path.name, len(first)))


def pytest_unconfigure(config: pytest.Config) -> None:
    directory = config.stash.get(_CACHE_DIR, None)
    if directory is not None:
        shutil.rmtree(directory, ignore_errors=True)
        shutil.rmtree(f"{directory}-bytecode", ignore_errors=True)


def once_per_run(factory: pytest.TempPathFactory, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, computed by one process of the run and read back by the others (pytest-xdist's documented
    pattern: the workers' temporary directories share a parent that is the run's own, and a file lock makes the
    others wait for the first). Without workers it is simply computed."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return compute()
    path = factory.getbasetemp().parent / f"{name}.pickle"
    with FileLock(f"{path}.lock"):
        if path.is_file():
            value: T = pickle.loads(path.read_bytes())
            return value
        value = compute()
        path.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        return value


@pytest.fixture(scope="session")
def space_plans() -> list[Plan]:
    """The plan of every profile of the bundled rulebook's fact space, in the order of :func:`fact_space`
    (businesses the rules do not tell apart share an engine run: :func:`~tiktok_team._recommend.remembered_plan`)."""
    book = load_rulebook()
    plans = [remembered_plan(profile, book) for profile in fact_space(book)]
    gc.freeze()  # they live to the end of the run: the collector need not walk them again (see gc.set_threshold)
    return plans


@pytest.fixture(scope="session")
def space_json(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The JSON of each plan of :func:`space_plans`, as a reader of it gets it: :meth:`Plan.to_dict` printed with
    :func:`json.dumps`, then read back (made once per run: a plan's JSON is the same in every process,
    tests/test_properties.py)."""

    def printed() -> list[dict[str, Any]]:
        plans: list[Plan] = request.getfixturevalue("space_plans")
        return [json.loads(json.dumps(plan.to_dict(), ensure_ascii=False)) for plan in plans]

    return once_per_run(tmp_path_factory, "space-json", printed)


@pytest.fixture(scope="session")
def bundled_report(tmp_path_factory: pytest.TempPathFactory) -> VerifyReport:
    """The verify report of the bundled rulebook, with the user checks of :data:`helpers.USER_CHECKS` run too."""
    return once_per_run(tmp_path_factory, "bundled-report", lambda: verify(load_rulebook(), USER_CHECKS))
