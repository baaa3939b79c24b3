"""Many profiles at once: a plan for each, in input order, on worker processes or a cluster for large sweeps.

:func:`recommend_many` (a list) and :func:`recommend_each` (lazily, one result at a time) run :func:`recommend`
over many profiles. With ``workers=1`` they run in this process; with more they run on that many worker processes;
with an ``executor`` (any :class:`concurrent.futures.Executor`, such as a dask.distributed ``Client.get_executor()``)
they run wherever that executor runs its tasks. Each task is a chunk of profiles; each worker process loads the
rulebook once and reuses its compiled engines for every chunk it is given. Results come back in input order
whatever runs them, and are equal to those of :func:`recommend` one by one. A bad profile gives an error for its own
item and does not stop the others.

:func:`plan_jsonl` is the same over lines of JSON text (the ``tiktok-team plan-many`` command): each line is decoded
in the workers too, and each result is a line of JSON text.

Results are plain data (``Plan.to_dict()``), not :class:`~tiktok_team._plan.Plan` objects: they cross process
boundaries cheaply and are the same whatever the number of workers. For ``why`` / ``why_not`` or the live graph,
call :func:`recommend` (it is safe to call from several threads at once).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import pickle
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import IO, Any, TypeVar, cast

from ._documents import LIMIT, parse_document, read_lines, too_large
from ._errors import ProfileError, TiktokTeamError
from ._lazy import publish
from ._profile import BusinessProfile
from ._recommend import recommend
from ._rulebook import Rulebook, load_rulebook

__all__ = [
    "EXECUTORS",
    "BatchResult",
    "JsonLine",
    "named_executor",
    "plan_jsonl",
    "progress_text",
    "recommend_each",
    "recommend_many",
]

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")
_MAX_CHUNK = 32  # profiles sent to a worker at once: large enough to hide the cost of a round trip (~0.1 ms)
_AHEAD = 4  # chunks in flight per worker: enough to keep every worker busy, few enough to stream in bounded memory
_KEPT_RULEBOOKS = 8  # rulebooks other than the bundled one that a worker process keeps, newest first
_CONNECT_TIMEOUT = 10  # seconds to reach a dask scheduler


@dataclass(frozen=True)
class BatchResult:
    """The result for one profile of a batch: its plan as data, or why there is none.

    Attributes
    ----------
    index : int
        The profile's position in the input, from 0.
    plan : dict or None
        ``Plan.to_dict()`` of its plan (exactly what ``tiktok-team plan --format json`` prints); None if the
        profile was bad.
    error : str or None
        Why the profile was bad (the message of the :class:`~tiktok_team.ProfileError`, naming the field);
        None if it was good.
    """

    index: int
    plan: dict[str, Any] | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the profile was good (``plan`` is set, ``error`` is None)."""
        return self.error is None


@dataclass(frozen=True)
class JsonLine:
    """One line of :func:`plan_jsonl`'s output: its input line ``number`` (from 1), the JSON ``text`` to write
    (without a newline) and, for a bad line, the ``error`` that ``text`` reports as ``{"line": n, "error": ...}``."""

    number: int
    text: str
    error: str | None = None


def recommend_many(
    profiles: Iterable[BusinessProfile | Mapping[str, Any]],
    rulebook: Rulebook | None = None,
    *,
    workers: int = 1,
    executor: Executor | None = None,
) -> list[BatchResult]:
    """Recommend a team for each of many profiles; one result per profile, in input order.

    Parameters
    ----------
    profiles : iterable of BusinessProfile or mapping
        The businesses; a mapping is validated into a :class:`BusinessProfile` (by the worker that plans it).
    rulebook : Rulebook, optional
        The rules to apply; the bundled rulebook by default, which each worker process loads from its own
        installation. Any other is sent with each chunk of profiles (without its engines), and each worker process
        unpacks it and builds its engines once, then keeps it for the chunks that follow.
    workers : int, default 1
        Without ``executor``: how many processes plan the profiles; 1 plans them here, in this process, and more
        start that many worker processes, which pays off for sweeps of a few hundred profiles or more. With
        ``executor``: how many tasks it runs at once (its cores), which sizes the chunks and keeps ``4 * workers``
        chunks in flight.
    executor : concurrent.futures.Executor, optional
        Where to plan the chunks instead: any executor, e.g. a ``ProcessPoolExecutor`` of your own, or a cluster's
        (dask.distributed ``Client.get_executor()``). Its workers need tiktok-team installed, of the same version.
        It is used, not shut down.

    Returns
    -------
    list of BatchResult
        ``results[i]`` is for ``profiles[i]``: its plan as data, or the error that made the profile bad.

    Raises
    ------
    ValueError
        If ``workers`` is less than 1.

    Examples
    --------
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> from tiktok_team import recommend_many
    >>> results = recommend_many([{"stage": "startup", "sourcing": "own_stock"}, {"stage": "seed"}])
    >>> [(r.index, r.ok) for r in results]
    [(0, True), (1, False)]
    >>> [role["id"] for role in results[0].plan["roles"]][:3]
    ['owner', 'streamer', 'live_controller']
    >>> print(results[1].error)
    stage: 'seed' is not one of startup, growth, mature; sourcing: required field is missing
    >>> with ThreadPoolExecutor(2) as pool:
    ...     on_pool = recommend_many([{"stage": "startup", "sourcing": "own_stock"}], executor=pool, workers=2)
    >>> on_pool == results[:1]
    True
    """
    return list(recommend_each(profiles, rulebook, workers=workers, executor=executor))


def recommend_each(
    profiles: Iterable[BusinessProfile | Mapping[str, Any]],
    rulebook: Rulebook | None = None,
    *,
    workers: int = 1,
    executor: Executor | None = None,
) -> Iterator[BatchResult]:
    """Like :func:`recommend_many`, but yield each result as soon as it and those before it are ready.

    Profiles are read from ``profiles`` only a few chunks ahead of the results, so a stream of any length is
    planned in bounded memory.

    Examples
    --------
    >>> from tiktok_team._batch import recommend_each
    >>> profiles = ({"stage": stage, "sourcing": "dropship"} for stage in ("startup", "growth", "mature"))
    >>> [len(result.plan["roles"]) for result in recommend_each(profiles)]
    [6, 9, 14]
    """
    _check(workers)
    here = workers == 1 and executor is None
    items = profiles if here else (_portable(p) for p in profiles)
    return _ordered(
        items, rulebook, _plan_chunk, workers=workers, executor=executor, chunk=_chunk_size(profiles, workers)
    )


def plan_jsonl(
    lines: Iterable[bytes | str],
    rulebook: Rulebook | None = None,
    *,
    workers: int = 1,
    executor: Executor | None = None,
) -> Iterator[JsonLine]:
    """Plan each line of JSON Lines text (one JSON profile a line); yield one :class:`JsonLine` per input line.

    A good line gives the plan as one line of JSON (``Plan.to_dict()``); a bad one (not UTF-8, not JSON, empty,
    longer than 1 MiB, beyond the bounds of :mod:`tiktok_team._documents`, or not a valid profile) gives
    ``{"line": n, "error": "..."}`` and its ``error``. A file is read a line at a time, at most 1 MiB of a line
    held in memory. Lines are decoded and planned by the workers (or the ``executor``, as in
    :func:`recommend_many`); the output is in input order.

    Examples
    --------
    >>> from tiktok_team._batch import plan_jsonl
    >>> lines = ['{"stage": "growth", "sourcing": "own_stock"}', '{"stage": "growth"', '[]']
    >>> for line in plan_jsonl(lines):
    ...     print(line.number, line.text[:24] if line.error is None else line.text)
    1 {"schema_version":"1.1",
    2 {"line":2,"error":"not valid JSON: line 1 column 19: expecting ',' delimiter"}
    3 {"line":3,"error":"a profile must be a table of fields, not list"}
    """
    _check(workers)
    if hasattr(lines, "readline"):  # a file: each line read at most 1 MiB (documents.LIMIT) into memory
        lines = read_lines(cast("IO[Any]", lines))
    return _ordered(lines, rulebook, _json_chunk, workers=workers, executor=executor, chunk=_chunk_size(lines, workers))


# What ``tiktok-team plan-many --executor`` accepts, in words.
EXECUTORS = "'process' (worker processes on this machine) or 'dask:ADDRESS' (a dask.distributed scheduler)"


@contextlib.contextmanager
def named_executor(spec: str, workers: int | None = None) -> Iterator[tuple[Executor | None, int]]:
    """The executor that ``spec`` names, open for the ``with`` block, and how many tasks it runs at once.

    Parameters
    ----------
    spec : str
        ``process``: worker processes on this machine, ``workers`` of them (the executor is None: the batch
        functions start and stop the processes themselves). ``dask:ADDRESS``: the dask.distributed scheduler at
        ``ADDRESS`` (e.g. ``dask:tcp://10.0.0.5:8786``), through ``Client.get_executor()``; needs the ``cluster``
        extra (``pip install "tiktok-team[cluster]"``).
    workers : int, optional
        How many tasks run at once: for ``process`` the processes (default 1); for ``dask`` the cluster's threads,
        which is also the default.

    Yields
    ------
    tuple of (Executor or None, int)
        The executor and ``workers``, for :func:`recommend_many` or :func:`plan_jsonl`.

    Raises
    ------
    TiktokTeamError
        For a spec that names no executor, a missing extra, or a scheduler that cannot be reached.

    Examples
    --------
    >>> with named_executor("process", 2) as (executor, workers):
    ...     print(executor, workers)
    None 2
    >>> with named_executor("threads"):
    ...     pass
    Traceback (most recent call last):
    ...
    tiktok_team.TiktokTeamError: unknown executor 'threads': use 'process' (worker processes on this machine)...
    """
    if spec == "process":
        yield None, workers or 1
        return
    address = spec.removeprefix("dask:")
    if address == spec or not address:
        raise TiktokTeamError(f"unknown executor '{spec}': use {EXECUTORS}")
    try:
        client_class = importlib.import_module("distributed").Client
    except ImportError:
        raise TiktokTeamError("--executor dask: needs dask.distributed: pip install 'tiktok-team[cluster]'") from None
    try:
        client = client_class(address, timeout=_CONNECT_TIMEOUT)
    except (OSError, ValueError) as exc:
        raise TiktokTeamError(f"cannot reach the dask scheduler at {address}: {exc}") from None
    with client:
        yield client.get_executor(), workers or max(1, sum(client.nthreads().values()))


def progress_text(done: int, total: int | None, elapsed: float, width: int = 30) -> str:
    """One line of progress: a bar when the total is known, the count and the rate.

    Examples
    --------
    >>> progress_text(250, 1000, 2.0, width=20)
    '[#####...............]  250/1000 lines  25%  125 lines/s'
    >>> progress_text(250, None, 2.0)
    '250 lines  125 lines/s'
    """
    rate = f"{done / elapsed:.0f} lines/s" if elapsed > 0 else ""
    if not total:
        return f"{done} lines  {rate}".rstrip()
    filled = width * done // total
    bar = "#" * filled + "." * (width - filled)
    return f"[{bar}] {done:>{len(str(total))}}/{total} lines {100 * done // total:>3}%  {rate}".rstrip()


def _ordered(
    items: Iterable[_Item],
    rulebook: Rulebook | None,
    work: Callable[[Rulebook, int, list[_Item]], list[_Result]],
    *,
    workers: int,
    executor: Executor | None,
    chunk: int,
) -> Iterator[_Result]:
    if executor is not None:
        return _on_executor(executor, items, rulebook, work, workers=workers, chunk=chunk)
    if workers == 1:
        return _in_process(items, rulebook, work)
    return _on_processes(items, rulebook, work, workers=workers, chunk=chunk)


def _in_process(
    items: Iterable[_Item], rulebook: Rulebook | None, work: Callable[[Rulebook, int, list[_Item]], list[_Result]]
) -> Iterator[_Result]:
    book = rulebook if rulebook is not None else load_rulebook()
    for index, item in enumerate(items):
        yield from work(book, index, [item])


def _on_processes(
    items: Iterable[_Item],
    rulebook: Rulebook | None,
    work: Callable[[Rulebook, int, list[_Item]], list[_Result]],
    *,
    workers: int,
    chunk: int,
) -> Iterator[_Result]:
    with ProcessPoolExecutor(workers) as pool:
        try:
            yield from _on_executor(pool, items, rulebook, work, workers=workers, chunk=chunk)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _on_executor(
    executor: Executor,
    items: Iterable[_Item],
    rulebook: Rulebook | None,
    work: Callable[[Rulebook, int, list[_Item]], list[_Result]],
    *,
    workers: int,
    chunk: int,
) -> Iterator[_Result]:
    """Submit the items in chunks, at most ``workers * _AHEAD`` at a time; yield the results in input order."""
    book = _ShippedRulebook.of(rulebook)
    source = iter(items)
    pending: deque[Future[list[_Result]]] = deque()
    try:
        start = 0
        while batch := list(islice(source, chunk)):
            pending.append(executor.submit(_in_worker, work, book, start, batch))
            start += len(batch)
            if len(pending) >= workers * _AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _check(workers: int) -> None:
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")


def _chunk_size(items: object, workers: int) -> int:
    if isinstance(items, Sized):
        return max(1, min(_MAX_CHUNK, len(items) // (workers * _AHEAD)))
    return _MAX_CHUNK


def _portable(profile: BusinessProfile | Mapping[str, Any]) -> object:
    """A profile as data that can be sent to another process (a profile's assumptions are a read-only proxy)."""
    return profile.model_dump() if isinstance(profile, BusinessProfile) else profile


@dataclass(frozen=True)
class _ShippedRulebook:
    """A rulebook as a task carries it to a worker process: nothing for the bundled one (each worker loads its own),
    else its pickle and a digest of it, by which each worker process keeps the rulebook it unpacked, with its engines,
    for the tasks that follow (executors in general have no per-worker set-up to send it once)."""

    digest: str | None = None
    data: bytes = b""

    @classmethod
    def of(cls, rulebook: Rulebook | None) -> _ShippedRulebook:
        if rulebook is None or rulebook is load_rulebook():
            return cls()
        data = pickle.dumps(rulebook, protocol=pickle.HIGHEST_PROTOCOL)
        return cls(hashlib.sha256(data).hexdigest(), data)

    def load(self) -> Rulebook:
        if self.digest is None:
            return load_rulebook()
        with _KEPT_LOCK:
            book = _KEPT.pop(self.digest, None)
            if book is None:
                book = pickle.loads(self.data)  # our own pickle, made by _ShippedRulebook.of
            _KEPT[self.digest] = book  # newest last
            while len(_KEPT) > _KEPT_RULEBOOKS:
                del _KEPT[next(iter(_KEPT))]
        return book


# The rulebooks this worker process has unpacked, by digest, oldest first (a worker of a cluster may run tasks in
# several threads, hence the lock).
_KEPT: dict[str, Rulebook] = {}
_KEPT_LOCK = threading.Lock()


def _in_worker(
    work: Callable[[Rulebook, int, list[_Item]], list[_Result]], book: _ShippedRulebook, start: int, items: list[_Item]
) -> list[_Result]:
    return work(book.load(), start, items)


def _plan_chunk(book: Rulebook, start: int, profiles: list[Any]) -> list[BatchResult]:
    results = []
    for index, profile in enumerate(profiles, start):
        try:
            results.append(BatchResult(index, plan=recommend(profile, book).to_dict()))
        except TiktokTeamError as exc:
            results.append(BatchResult(index, error=str(exc)))
    return results


def _json_chunk(book: Rulebook, start: int, lines: list[bytes | str]) -> list[JsonLine]:
    results = []
    for number, line in enumerate(lines, start + 1):
        try:
            plan = recommend(_decode(line), book)
        except TiktokTeamError as exc:
            error = str(exc)
            results.append(JsonLine(number, _dumps({"line": number, "error": error}), error))
        else:
            results.append(JsonLine(number, _dumps(plan.to_dict())))
    return results


def _decode(line: bytes | str) -> Any:
    if not line.strip():
        raise ProfileError("an empty line; expected one JSON profile per line")
    if len(line.rstrip(b"\r\n") if isinstance(line, bytes) else line.rstrip("\r\n")) > LIMIT:
        raise ProfileError(too_large("line"))
    return parse_document(line, "json", "")


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
