"""What a program that embeds tiktok-team can expect, per core: ``.venv/bin/python benchmarks/embedder.py``.

The figures of the table at the top of docs/performance.md, counted in this process's CPU time, so that they say
what one core does even on a machine whose other work takes some of it (wall-clock figures, and the service's
requests a second, come from ``make bench``: bench.py and load.py). Over every 12th profile of the fact space:

* **recommend**: ``recommend(profile)``, the plan without its counterfactuals (roles, reasons, staffing, advice);
* **a plan's JSON, cold**: ``recommend(profile).to_dict()``, the plan with every role's counterfactuals, with every
  memory of the rulebook emptied first (a business like none seen before);
* **a plan's JSON, warm**: the same again (a business seen before, or one whose counterfactuals were remembered);
* **read back**: ``Plan.from_dict`` of that JSON, warm.

The last line is the summary.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence

from tiktok_team import BusinessProfile, Plan, fact_space, load_rulebook, recommend


def per_core(
    profiles: Sequence[BusinessProfile], call: Callable[[BusinessProfile], object], before: Callable[[], None]
) -> float:
    """Calls a CPU-second of this process: ``call`` on each profile, ``before`` run (untimed) before each."""
    spent = 0.0
    for profile in profiles:
        before()
        started = time.process_time()
        call(profile)
        spent += time.process_time() - started
    return len(profiles) / spent


def main() -> None:
    book = load_rulebook()
    sample = list(fact_space(book))[::12]
    recommend(sample[0], book)  # the pooled engine, built once

    def forget() -> None:  # every memory of the rulebook: engine outcomes, counterfactuals, alternatives
        for key in [key for key in book.cache if key.startswith("memo:")]:
            del book.cache[key]

    def nothing() -> None:
        pass

    plain = per_core(sample, lambda p: recommend(p, book), nothing)
    cold = per_core(sample, lambda p: recommend(p, book).to_dict(), forget)
    for profile in sample:
        recommend(profile, book).to_dict()
    warm = per_core(sample, lambda p: recommend(p, book).to_dict(), nothing)
    texts = {p: json.dumps(recommend(p, book).to_dict()) for p in sample}
    back = per_core(sample, lambda p: Plan.from_dict(json.loads(texts[p]), book), nothing)
    print(f"{len(sample)} profiles (every 12th of the fact space), plans a CPU-second of one core:")
    for label, rate in (
        ("recommend (no counterfactuals)", plain),
        ("a plan's JSON (to_dict), cold", cold),
        ("a plan's JSON (to_dict), warm", warm),
        ("Plan.from_dict of a plan's JSON, warm", back),
    ):
        print(f"  {label:40} {rate:8.0f} a second")
    print(
        f"embedder: recommend {plain:.0f}/s, JSON cold {cold:.0f}/s, warm {warm:.0f}/s, from_dict {back:.0f}/s a core"
    )


if __name__ == "__main__":
    main()
