"""The garbage collector's pace during a sweep of the fact space.

A sweep (:func:`tiktok_team.verify`) makes millions of small objects, and keeps most of them to the end: the plans of
every profile, with their roles, reasons and graphs. At Python's default pace (a collection of the youngest objects
every 700 new ones, of the middle generation every 10 of those) each collection walks what the last ones left alive,
and the collector took about a quarter of the CPU of ``rules verify``: 2.4 s of 9.3 s for the bundled rulebook,
counted with :data:`gc.callbacks`. At :data:`SWEEP_THRESHOLDS` it takes 0.3 s. :func:`fewer_collections` sets that
pace for the length of a sweep and puts the caller's back afterwards. Garbage is still collected, only less often.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["SWEEP_THRESHOLDS", "fewer_collections"]

SWEEP_THRESHOLDS = (100_000, 20)
"""During a sweep, new objects between two collections of the youngest generation, and collections of it between two
of the middle one (:func:`gc.set_threshold`'s first two; the oldest generation keeps its own)."""


class _Sweeps:
    """The sweeps under way, in all threads, and the thresholds from before the first began."""

    lock = threading.Lock()
    under_way = 0
    saved: tuple[int, int, int] = gc.get_threshold()


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect garbage at most at the pace of :data:`SWEEP_THRESHOLDS` until the block ends, then put the thresholds
    back as they were before the first of the blocks under way (in any thread) began.

    Examples
    --------
    >>> before = gc.get_threshold()
    >>> with fewer_collections():
    ...     gc.get_threshold()[:2]
    (100000, 20)
    >>> gc.get_threshold() == before
    True
    """
    with _Sweeps.lock:
        if not _Sweeps.under_way:
            _Sweeps.saved = gc.get_threshold()
            young, middle, old = _Sweeps.saved
            gc.set_threshold(max(young, SWEEP_THRESHOLDS[0]), max(middle, SWEEP_THRESHOLDS[1]), old)
        _Sweeps.under_way += 1
    try:
        yield
    finally:
        with _Sweeps.lock:
            _Sweeps.under_way -= 1
            if not _Sweeps.under_way:
                gc.set_threshold(*_Sweeps.saved)
