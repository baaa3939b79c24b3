"""The catalog of the rulebook as markdown: departments and teams, roles with every duty line and when a plan shows
it, the duties one role may hold for another, advice, the facts of a profile and the sources."""

from __future__ import annotations

from .._catalog import Catalog, CatalogText
from .._lazy import publish
from .._plan import BilingualText
from ._markdown import _bilingual, _table, md_text
from ._markdown import _unit as _pair

__all__ = ["render_catalog_markdown"]

_T = {
    "en": {
        "title": "Catalog of the rulebook",
        "units": "Departments and teams",
        "department": "Department",
        "teams": "Teams",
        "roles": "Roles",
        "role": "Role",
        "unit": "Department · team",
        "duties": "Duty lines (when a plan shows them)",
        "held": "Duties a role may hold for another",
        "duty": "Duty",
        "belongs_to": "Normally done by",
        "advice": "Advice",
        "text": "Text",
        "when": "When a plan shows it",
        "variants": "Variants",
        "facts": "Facts of a profile",
        "fact": "Fact",
        "kind": "Kind",
        "values": "Values",
        "whole": "a whole number of at least {n}, or not given",
        "sources": "Sources",
        "always": "always",
        "if": "if {condition}",
        "line": "{text} ({when})",
    },
    "zh": {
        "title": "规则库目录",
        "units": "部门与小组",
        "department": "部门",
        "teams": "小组",
        "roles": "岗位",
        "role": "岗位",
        "unit": "部门 · 小组",
        "duties": "职责（方案何时显示）",
        "held": "可由其他岗位兼管的职责",
        "duty": "职责",
        "belongs_to": "通常由谁负责",
        "advice": "建议",
        "text": "内容",
        "when": "方案何时显示",
        "variants": "变体",
        "facts": "业务资料的事实",
        "fact": "事实",
        "kind": "类型",
        "values": "取值",
        "whole": "不小于{n}的整数，或不填",
        "sources": "来源",
        "always": "总是",
        "if": "当{condition}",
        "line": "{text}（{when}）",
    },
}


def render_catalog_markdown(catalog: Catalog, lang: str = "en") -> str:
    """The catalog as markdown (what ``tiktok-team catalog`` prints); ``lang`` is ``en``, ``zh`` or ``both``
    (English, then Chinese).

    Examples
    --------
    >>> from tiktok_team import catalog
    >>> text = render_catalog_markdown(catalog(), "zh")
    >>> text.splitlines()[0], "| 主播（Streamer） | 内容部（Content） · 直播组（Livestream team） |" in text
    ('# 规则库目录', True)
    """
    return _bilingual(_catalog, catalog, lang)


def _catalog(catalog: Catalog, lang: str) -> str:
    t = _T[lang]

    def name(names: BilingualText | None) -> str:
        return "" if names is None else _pair(names.en, names.zh, lang)

    def text(names: BilingualText) -> str:
        return md_text(names.en if lang == "en" else names.zh)

    def when(condition: BilingualText | None) -> str:
        return t["always"] if condition is None else t["if"].format(condition=text(condition))

    def lines(texts: tuple[CatalogText, ...]) -> str:
        return "<br>".join(t["line"].format(text=text(line.text), when=when(line.condition)) for line in texts)

    out = [f"# {t['title']}", "", f"## {t['units']}", ""]
    teams = {
        dep.id: [name(team.name) for team in catalog.teams if team.department == dep.id] for dep in catalog.departments
    }
    out += _table(
        [t["department"], t["teams"]], [[name(dep.name), ", ".join(teams[dep.id])] for dep in catalog.departments]
    )
    out += ["", f"## {t['roles']}", ""]
    rows = [
        [
            name(role.name),
            " · ".join(name(unit) for unit in (role.department_name, role.team_name) if unit),
            lines(role.duties),
        ]
        for role in catalog.roles
    ]
    out += _table([t["role"], t["unit"], t["duties"]], rows)
    out += ["", f"## {t['held']}", ""]
    owners = {role.id: role.name for role in catalog.roles} | {team.id: team.name for team in catalog.teams}
    out += _table(
        [t["duty"], t["belongs_to"]],
        [[name(duty.name), name(owners.get(duty.belongs_to or ""))] for duty in catalog.duties],
    )
    out += ["", f"## {t['advice']}", ""]
    out += _table(
        [t["text"], t["when"], t["variants"]],
        [
            [
                text(advice.text),
                when(advice.condition),
                lines(advice.variants),
            ]
            for advice in catalog.advice
        ],
    )
    out += ["", f"## {t['facts']}", ""]
    out += _table(
        [t["fact"], t["kind"], t["values"]],
        [
            [
                f"`{fact.id}`: {text(fact.name)}",
                fact.kind,
                ", ".join(f"`{str(value.value).lower()}` {text(value.name)}" for value in fact.values)
                or t["whole"].format(n=fact.minimum),
            ]
            for fact in catalog.facts
        ],
    )
    out += ["", f"## {t['sources']}", ""]
    out += [f"- `{s.key}`: {md_text(s.title)}, {md_text(s.author)}, {md_text(s.date)}" for s in catalog.sources]
    return "\n".join([*out, ""])


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
