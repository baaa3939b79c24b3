"""The catalog: a view of the rulebook for a program that shows its answers, in English and Chinese.

Departments and teams, the roles with every duty line and the condition under which a plan shows it (in words),
the duties a rule may give to another role, the advice with its variants and their conditions, the facts of a
profile with their allowed values, and the sources and guidance items that reasons cite. ``tiktok-team catalog``
prints it, ``GET /v1/catalog`` serves it, :func:`catalog` returns it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ._assemble import keep_ranks, role_order
from ._condition import ALWAYS, Condition, value_words, words
from ._entries import Text
from ._lazy import publish
from ._names import DECISION_LAYER, unit_names
from ._plan import BilingualText
from ._profile import FACTS
from ._reasons import role_name
from ._rulebook import Rulebook, load_rulebook
from ._schema_version import with_schema_version

__all__ = [
    "Catalog",
    "CatalogAdvice",
    "CatalogDuty",
    "CatalogFact",
    "CatalogRole",
    "CatalogSource",
    "CatalogText",
    "CatalogUnit",
    "FactValue",
    "catalog",
]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class CatalogText(_Out):
    """A duty line of a role, or an advice's text or variant: its words and ``condition``, when a plan shows it, in
    words (None: always)."""

    text: BilingualText
    condition: BilingualText | None


class CatalogUnit(_Out):
    """A department or a team, with the name of its department (a department's is its own)."""

    id: str
    name: BilingualText
    department: str | None
    department_name: BilingualText


class CatalogRole(_Out):
    """A role: its names, its department and team (none for the owner, whose department name is the decision
    layer), and every duty line a plan may show for it."""

    id: str
    name: BilingualText
    department: str | None
    team: str | None
    department_name: BilingualText
    team_name: BilingualText | None
    duties: tuple[CatalogText, ...]


class CatalogDuty(_Out):
    """Work a rule may give to another role (a plan's ``holds``) where its own role or team, ``belongs_to``, is not
    in the plan."""

    id: str
    name: BilingualText
    belongs_to: str | None


class CatalogAdvice(_Out):
    """Advice a rule may give: its own text and the ``condition`` under which a plan shows it (None: always), and the
    variants a plan shows instead, the first whose condition holds."""

    id: str
    text: BilingualText
    condition: BilingualText | None
    variants: tuple[CatalogText, ...]


class FactValue(_Out):
    """A value a fact may take, and how it reads."""

    value: str | bool
    name: BilingualText


class CatalogFact(_Out):
    """A fact of a profile that rules test: ``choice`` (one of ``values``), ``set`` (any of them), ``bool`` or
    ``int`` (a whole number of at least ``minimum``, or not given)."""

    id: str
    name: BilingualText
    kind: Literal["choice", "set", "bool", "int"]
    values: tuple[FactValue, ...]
    minimum: int | None


class CatalogSource(_Out):
    """A source article the reasons cite (their ``source``), and the text of each of its guidance items that they
    cite (their ``guidance``), by id."""

    key: str
    title: str
    author: str
    date: str
    guidance: dict[str, str]


class Catalog(_Out):
    """The catalog of a rulebook (see :func:`catalog`). Roles come in the order of the departments (the owner
    first) and teams, then by the highest place in the keep-order any rule gives them, as in a plan."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    decision_layer: BilingualText
    departments: tuple[CatalogUnit, ...]
    teams: tuple[CatalogUnit, ...]
    roles: tuple[CatalogRole, ...]
    duties: tuple[CatalogDuty, ...]
    advice: tuple[CatalogAdvice, ...]
    facts: tuple[CatalogFact, ...]
    sources: tuple[CatalogSource, ...]
    rulebook: Rulebook = Field(exclude=True, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The catalog as plain data (what ``tiktok-team catalog --format json`` prints), with its
        ``schema_version``."""
        return with_schema_version(self.model_dump(mode="json"))


def catalog(rulebook: Rulebook | None = None) -> Catalog:
    """The catalog of ``rulebook`` (the bundled one by default): roles, departments, teams, duties, advice, facts
    and sources, in English and Chinese.

    Parameters
    ----------
    rulebook : Rulebook, optional

    Returns
    -------
    Catalog

    Examples
    --------
    >>> found = catalog()
    >>> [(role.id, role.department_name.en) for role in found.roles[:2]]
    [('owner', 'Decision layer'), ('streamer', 'Content')]
    >>> line = found.roles[0].duties[1]
    >>> line.text.en[:40], line.condition.en
    ('Puts most effort into getting the team w', 'stage is startup')
    >>> [value.name.zh for value in next(f for f in found.facts if f.id == "sourcing").values]
    ['自有货源', '一件代发', '精选联盟选品']
    """
    book = rulebook if rulebook is not None else load_rulebook()
    named = unit_names(book)
    derived = {lang: {fid: getattr(fact, lang) for fid, fact in book.derived.items()} for lang in ("en", "zh")}
    role_words = {lang: {role_id: role_name(book, role_id, lang) for role_id in book.roles} for lang in ("en", "zh")}

    def said(cond: Condition) -> BilingualText | None:
        if cond == ALWAYS:
            return None
        return BilingualText(**{lang: words(cond, lang, derived[lang], role_words[lang]) for lang in ("en", "zh")})

    def text(entry: Text) -> CatalogText:
        return CatalogText(text=BilingualText(en=entry.en, zh=entry.zh), condition=said(entry.when))

    def unit(unit_id: str, department: str | None) -> CatalogUnit:
        found = named[unit_id]
        return CatalogUnit(id=unit_id, name=found.name, department=department, department_name=found.department_name)

    keys = role_order(book, keep_ranks(book.rules.values(), book.roles)[0])
    roles = sorted(book.roles.values(), key=lambda role: keys[role.id])
    return Catalog(
        decision_layer=DECISION_LAYER,
        departments=tuple(unit(dep_id, None) for dep_id in book.departments),
        teams=tuple(unit(team_id, team.department) for team_id, team in book.teams.items()),
        roles=tuple(
            CatalogRole(
                id=role.id,
                name=named[role.id].name,
                department=role.department,
                team=role.team,
                department_name=named[role.id].department_name,
                team_name=None if role.team is None else named[role.team].name,
                duties=tuple(text(line) for line in role.duties),
            )
            for role in roles
        ),
        duties=tuple(
            CatalogDuty(id=duty.id, name=BilingualText(en=duty.en, zh=duty.zh), belongs_to=duty.belongs_to)
            for duty in book.duties.values()
        ),
        advice=tuple(
            CatalogAdvice(
                id=advice.id,
                text=BilingualText(en=advice.en, zh=advice.zh),
                condition=said(advice.when),
                variants=tuple(text(variant) for variant in advice.variants),
            )
            for advice in book.advice.values()
        ),
        facts=tuple(_fact(name) for name in FACTS),
        sources=tuple(
            CatalogSource(
                key=source.key,
                title=source.title,
                author=source.author,
                date=source.date,
                guidance={g.id: g.text for g in book.guidance.values() if g.source == source.key},
            )
            for source in book.sources.values()
        ),
        rulebook=book,
    )


def _fact(name: str) -> CatalogFact:
    spec = FACTS[name]
    values: tuple[str | bool, ...] = (True, False) if spec.kind == "bool" else spec.values
    return CatalogFact(
        id=name,
        name=BilingualText(en=spec.en, zh=spec.zh),
        kind=spec.kind,
        values=tuple(
            FactValue(value=value, name=BilingualText(en=value_words(value, "en"), zh=value_words(value, "zh")))
            for value in values
        ),
        minimum=1 if spec.kind == "int" else None,
    )


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
