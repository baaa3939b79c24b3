"""The cost of ``rules verify``, level 2, measured: ``make bench`` (or ``.venv/bin/python benchmarks/verify.py``).

``verify`` plans every profile of the fact space once (the sweep); level 2 (tiktok_team._analysis: redundant,
subsumed, contradicting and always-true rules) then compares the rules over those plans, without running the engine
again. Both are timed here, for the bundled rulebook and with the hostile overlay of the tests
(tests/data/level2-hostile.toml), the analysis as the median of ``--repeat`` runs. The last line printed is the
summary::

    verify level 2: bundled <A> ms (<R>% of a <S> s sweep), hostile overlay <B> ms (<Q>%)

Target: the analysis within 5% of the sweep.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from tiktok_team import fact_space, load_rulebook, recommend
from tiktok_team._analysis import analyse
from tiktok_team._plan import Plan
from tiktok_team._rulebook import Rulebook

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "data" / "level2-hostile.toml"
TARGET = 0.05


def sweep(book: Rulebook) -> tuple[list[Plan], float]:
    """The plans of the fact space, and the seconds they took."""
    started = time.perf_counter()
    plans = [recommend(profile, book) for profile in fact_space(book)]
    return plans, time.perf_counter() - started


def analysis_ms(book: Rulebook, plans: list[Plan], repeat: int) -> float:
    """The median milliseconds of the level-2 analysis over ``plans``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        analyse(book, plans)
        times.append(1000 * (time.perf_counter() - started))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="runs of the analysis per rulebook (default: 5)")
    args = parser.parse_args()
    figures = []
    for label, book in (("bundled", load_rulebook()), ("hostile overlay", load_rulebook(HOSTILE))):
        plans, seconds = sweep(book)
        took = analysis_ms(book, plans, args.repeat)
        share = took / (1000 * seconds)
        verdict = "ok" if share <= TARGET else f"over the target of {TARGET:.0%}"
        print(
            f"{label}: {len(plans)} plans in {seconds:.1f} s; analysis {took:.0f} ms, "
            f"{share:.1%} of the sweep ({verdict})"
        )
        figures.append((label, took, share, seconds))
    (_, bundled, bundled_share, bundled_sweep), (_, hostile, hostile_share, _) = figures
    print(
        f"verify level 2: bundled {bundled:.0f} ms ({bundled_share:.1%} of a {bundled_sweep:.1f} s sweep), "
        f"hostile overlay {hostile:.0f} ms ({hostile_share:.1%})"
    )


if __name__ == "__main__":
    main()
