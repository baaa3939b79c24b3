"""The reports and pictures of a plan, measured: ``make bench`` (or ``.venv/bin/python benchmarks/render.py``).

Every 24th profile of the fact space, in each language (en, zh, both), in CPU time (``time.process_time_ns``, so
that other work on a shared machine does not count), medians per call. The plans are made and their counterfactuals
and graphs computed first: what is timed is the renderer alone.

* **graphml**, **markdown**, **dot**, **mermaid**: ``render_graphml``, ``render_markdown``, ``render_dot``,
  ``render_mermaid``.
* **html**: ``render_html`` with its chart already laid out (Graphviz's layout of each chart is remembered by
  ``dot_to_svg``; the first one is timed apart): the report without Graphviz.
* **layout**: ``dot_to_svg`` of a chart laid out before (remembered) against its first layout, which runs Graphviz
  (the CPU of the ``dot`` process counted).

Run on an older tree (its ``src`` first on ``PYTHONPATH``), it gives the figures to compare with (where layouts were
not remembered yet, its html and remembered layout figures include a run of Graphviz). The last line printed is the
summary::

    render: graphml <g> ms, markdown <m> ms, html <h> ms, dot <d> ms, mermaid <x> ms; a layout remembered <l> ms
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from tiktok_team import Plan, fact_space, load_rulebook, recommend
from tiktok_team.render import (
    dot_to_svg,
    render_dot,
    render_graphml,
    render_html,
    render_json,
    render_markdown,
    render_mermaid,
)
from tiktok_team.render._chart import LANGS, Lang

EVERY = 24


def cpu(call: Callable[[], Any]) -> int:
    """The CPU time of ``call``: this process's, and that of the processes it waited for (Graphviz)."""
    started = time.process_time_ns() + _children()
    call()
    return time.process_time_ns() + _children() - started


def _children() -> int:
    times = os.times()
    return int((times.children_user + times.children_system) * 1e9)


def median_ms(plans: Sequence[Plan], render: Callable[[Plan, Lang], str]) -> float:
    """The median CPU time of ``render(plan, lang)`` over the plans and languages, in ms."""
    times = [cpu(lambda plan=plan, lang=lang: render(plan, lang)) for plan in plans for lang in LANGS]
    return statistics.median(times) / 1e6


def main() -> None:
    book = load_rulebook()
    plans = [recommend(profile, book) for profile in list(fact_space(book))[::EVERY]]
    for plan in plans:
        render_json(plan)  # computes and keeps the plan's counterfactuals and draws its graph
    print(f"the reports and pictures of {len(plans)} plans (every {EVERY}th of the fact space), each language:")
    figures = {
        "graphml": median_ms(plans, render_graphml),
        "markdown": median_ms(plans, render_markdown),
        "dot": median_ms(plans, render_dot),
        "mermaid": median_ms(plans, render_mermaid),
    }
    first, html, again = [], [], []
    for plan in plans:  # each chart laid out, then its report made and the chart asked for again (both remembered)
        for lang in LANGS:
            text = render_dot(plan, lang)
            first.append(cpu(lambda text=text: dot_to_svg(text)))
            html.append(cpu(lambda plan=plan, lang=lang: render_html(plan, lang)))
            again.append(cpu(lambda text=text: dot_to_svg(text)))
    figures["html"] = statistics.median(html) / 1e6
    for name, value in figures.items():
        print(f"  {'render_' + name:<34} {value:.3f} ms")
    layout, remembered = statistics.median(first) / 1e6, statistics.median(again) / 1e6
    print(f"  {'dot_to_svg, first layout':<34} {layout:.3f} ms   remembered {remembered:.3f} ms")
    print(
        f"\nrender: graphml {figures['graphml']:.2f} ms, markdown {figures['markdown']:.2f} ms, html "
        f"{figures['html']:.2f} ms, dot {figures['dot']:.2f} ms, mermaid {figures['mermaid']:.2f} ms; a layout "
        f"remembered {remembered:.2f} ms"
    )


if __name__ == "__main__":
    main()
