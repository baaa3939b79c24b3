"""The words and the escaping of the HTML plan report (:mod:`tiktok_team.render._html`), shared by its sections:
every text that comes from a rule file, a profile or a team goes through :func:`e`."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from functools import lru_cache

from .._condition import value_words
from .._plan import Reason
from ._chart import Lang, phrase

__all__ = ["WORDS", "both", "cite", "e", "items", "langs", "say", "two", "value"]

WORDS = {
    "title": ("Team plan", "团队方案"),
    "profile": ("Profile", "业务资料"),
    "summary": (
        "{roles} roles, {people} people when every role has its own people.",
        "共 {roles} 个岗位，{people} 人（每个岗位单独配人时）。",
    ),
    "shared": (
        "{roles} roles, {people} people when every role has its own people: as the source says, {pairs} can be one "
        "person, so {seats} seats take {people} people.",
        "共 {roles} 个岗位，{people} 人（每个岗位单独配人时）：按原文，{pairs}可由一人兼任，"
        "因此 {seats} 个编制只需 {people} 人。",
    ),
    "pair": ("the {a} and the {b}", "{a}与{b}"),
    "chart": ("Org chart", "组织架构图"),
    "no_chart": ("The org chart could not be drawn:", "无法绘制组织架构图："),
    "roles": ("Roles", "岗位"),
    "leadership": ("Leadership", "决策层"),
    "role": ("Role", "岗位"),
    "people": ("People", "人数"),
    "duties": ("Duties", "职责"),
    "also": ("Also", "兼管"),
    "why": ("Why", "依据"),
    "left_out": ("Left out", "未纳入的岗位"),
    "why_not": ("Why not", "原因"),
    "staffing": ("Staffing within a budget of {budget}", "预算 {budget} 人内的人员安排"),
    "fits": (
        "The seats can be held by {minimum} people{exact}, within the budget.",
        "全部编制可由 {minimum} 人承担{exact}，在预算之内。",
    ),
    "over": (
        "Holding every seat takes at least {minimum} people{exact}, more than the budget of {budget}. Roles are first "
        "combined onto fewer people where one person can hold them; then seats wait.",
        "承担全部编制至少需要 {minimum} 人{exact}，超出 {budget} 人的预算。"
        "先把可由一人兼任的岗位合并，再暂缓部分编制。",
    ),
    "exact": ("", ""),
    "heuristic": (
        " (found by a quick search: the fewest possible may be up to {gap} fewer)",
        "（由快速搜索得出：最少人数可能再少 {gap} 人）",
    ),
    "everyone": ("Who holds which roles", "人员与所任岗位"),
    "defer": ("Seats that wait, first to last", "按顺序暂缓招聘的编制"),
    "wait": ("{n} {seats} (tier {rank} of the keep-order: {why})", "{n} 个编制（保留顺序第 {rank} 档：{why}）"),
    "then": ("a budget of {then} staffs it in full", "预算达到 {then} 人即可配齐"),
    "seat": ("seat", ""),
    "seats": ("seats", ""),
    "within": ("Who to staff now, within the budget of {budget}", "在 {budget} 人的预算内现在应配置的人员"),
    "person": ("Person", "人员"),
    "person_n": ("Person {n}", "第 {n} 人"),
    "holds": ("Roles", "岗位"),
    "unranked": ("no rule ranks it", "没有规则为其排序"),
    "assumptions": ("Workload assumptions used", "使用的工作量假设"),
    "assumption": ("Assumption", "假设"),
    "value": ("Value", "取值"),
    "sizes": ("Sizes", "决定人数的岗位"),
    "yours": ("your value", "你的设定"),
    "advice": ("Advice", "建议"),
    "sources": ("Sources", "来源"),
    "footer": (
        "Made by tiktok-team. For the whole reasoning behind a role, run",
        "由 tiktok-team 生成。查看任一岗位的完整推理，请运行",
    ),
}


@lru_cache(maxsize=4096)
def e(text: str) -> str:
    """``text`` escaped for HTML, quotes too; remembered for the last few thousand texts, since a report escapes the
    same names, duties and citations many times over."""
    return html.escape(text, quote=True)


def say(key: str, lang: Lang, **values: object) -> str:
    """A phrase of :data:`WORDS` in ``lang``, filled in and escaped."""
    en, zh = WORDS[key]
    return e(phrase(en.format(**values), zh.format(**values), lang))


def two(en: str, zh: str, lang: Lang) -> str:
    """A text in ``lang``, escaped; for ``both`` the Chinese follows in its own span."""
    if lang == "en" or (lang == "both" and en == zh):
        return e(en)
    if lang == "zh":
        return e(zh)
    return f'{e(en)} <span class="zh" lang="zh-Hans">{e(zh)}</span>'


def value(value: object, lang: Lang) -> str:
    return phrase(value_words(value, "en"), value_words(value, "zh"), lang)


def langs(lang: Lang) -> tuple[str, ...]:
    return ("en", "zh") if lang == "both" else (lang,)


def cite(reasons: Iterable[Reason], detail: bool = False) -> str:
    """Citations: source, section and guidance id; with ``detail`` the rule's id first."""
    return "; ".join(
        dict.fromkeys(
            f"{f'<code>{e(r.rule)}</code> ' if detail else ''}{e(r.source)} {e(r.section)}, {e(r.guidance)}"
            for r in reasons
        )
    )


def items(lines: Iterable[str], zh: bool = False) -> str:
    """A list of the lines; Chinese ones (``zh``) are marked so that they stand apart in a ``both`` report."""
    tag = '<ul class="plain zh" lang="zh-Hans">' if zh else '<ul class="plain">'
    return tag + "".join(f"<li>{e(line.removeprefix('- '))}</li>" for line in lines) + "</ul>"


def both(words: Callable[[str], str | None], lang: Lang) -> str | None:
    """The text ``words`` gives for a language (``en``, ``zh``) in ``lang`` (``both``: the English, a slash, the
    Chinese), escaped; None where it says nothing."""
    en, zh = words("en"), words("zh")
    return None if en is None or zh is None else e(phrase(en, zh, lang))
