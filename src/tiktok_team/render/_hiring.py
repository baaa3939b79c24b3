"""Hiring in words: what calls for a seat (a roadmap hire's :class:`~tiktok_team._roadmap.Trigger`) and the workload
of a roadmap's step, in English or Chinese, as plain text for the markdown and CSV renderers to set out.

Examples
--------
>>> from tiktok_team import Trigger
>>> seat = Trigger(measure="orders_per_day", past=250, per="packer_orders_per_day", capacity=250, unit="orders a day",
...                seat=2)
>>> trigger_words(seat, "en"), trigger_words(seat, "zh")
('the 2nd once orders a day pass 250', '每日订单数超过 250 时增加第 2 人')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a plan's markdown imports this module and never the roadmap's
    from .._roadmap import RoadmapStep, Trigger

__all__ = ["ordinal", "step_workload", "trigger_words"]

MEASURES = {
    "live_hours": ("live hours a day", "每日直播时长（小时）"),
    "videos_per_week": ("videos a week", "每周短视频数"),
    "orders_per_day": ("orders a day", "每日订单数"),
    "ad_campaigns": ("ad campaigns at once", "同时运行的投放计划数"),
}


def ordinal(n: int) -> str:
    """``n`` as an English ordinal.

    Examples
    --------
    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _measure(name: str, lang: str) -> str:
    words = MEASURES.get(name, (name, name))
    return words[0] if lang == "en" else words[1]


def trigger_words(trigger: Trigger | None, lang: str) -> str:
    """When the workload calls for the seat, in ``lang``; empty for a hire no workload calls for."""
    if trigger is None:
        return ""
    measure = _measure(trigger.measure, lang)
    if lang == "en":
        return f"the {ordinal(trigger.seat)} once {measure} pass {trigger.past:g}"
    return f"{measure}超过 {trigger.past:g} 时增加第 {trigger.seat} 人"


def _figure(workload: Mapping[str, float], name: str) -> str:
    return f"{workload[name]:g}" if name in workload else "–"


def _level(workload: Mapping[str, float], names: list[str], lang: str) -> str:
    return (", " if lang == "en" else "，").join(
        f"{_figure(workload, name)} {_measure(name, lang)}"
        if lang == "en"
        else f"{_measure(name, lang)} {_figure(workload, name)}"
        for name in names
    )


def step_workload(step: RoadmapStep, lang: str) -> str | None:
    """The workload a step goes between (the measures that change; all those given if none does), or None for a
    step between stages.

    Examples
    --------
    >>> from tiktok_team import roadmap
    >>> step = roadmap({"stage": "growth", "sourcing": "own_stock"},
    ...                workloads=[{"orders_per_day": 100}, {"orders_per_day": 300}]).steps[0]
    >>> step_workload(step, "en"), step_workload(step, "zh")
    ('100 → 300 orders a day', '每日订单数 100 → 300')
    """
    before, after = step.workload_before, step.workload_after
    if before is None or after is None:
        return None
    names = [name for name in MEASURES if before.get(name) != after.get(name)]
    names = names or [name for name in MEASURES if name in before]
    if len(names) == 1:
        name = names[0]
        figures = f"{_figure(before, name)} → {_figure(after, name)}"
        return f"{figures} {_measure(name, lang)}" if lang == "en" else f"{_measure(name, lang)} {figures}"
    return f"{_level(before, names, lang)} → {_level(after, names, lang)}"
