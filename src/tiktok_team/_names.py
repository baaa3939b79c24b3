"""Names in answers: every role, team or department id an answer holds comes with its names and its department's.

An answer is self-describing: a program shows it without a second lookup. Each object of an answer about one role
carries that role's ``name`` and ``department_name`` (en, zh), and each answer has a ``names`` table from every id of
a role, team or department it holds (in lists too, such as a staffing's people or a gap's missing roles) to a
:class:`UnitNames`. The owner belongs to no department (its ``department`` stays null): its department name is the
decision layer, :data:`DECISION_LAYER`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._entries import OWNER, Role, Unit
from ._plan import BilingualText, UnitNames
from ._rulebook import Rulebook

__all__ = ["DECISION_LAYER", "department_name", "names_data", "names_of", "unit_names"]

DECISION_LAYER = BilingualText(en="Decision layer", zh="决策层")


def unit_names(book: Rulebook) -> Mapping[str, UnitNames]:
    """The names of every role, team and department of ``book``, with those of its department; made once per
    rulebook (kept in its ``cache``).

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> names = unit_names(load_rulebook())
    >>> names["streamer"].name.zh, names["live"].department_name.en, names["owner"].department_name.zh
    ('主播', 'Content', '决策层')
    """
    found: Mapping[str, UnitNames] | None = book.cache.get("unit-names")
    if found is None:
        departments = {dep_id: BilingualText(en=dep.en, zh=dep.zh) for dep_id, dep in book.departments.items()}
        table = {dep_id: UnitNames(name=name, department_name=name) for dep_id, name in departments.items()}
        for team_id, team in book.teams.items():
            table[team_id] = UnitNames(
                name=BilingualText(en=team.en, zh=team.zh), department_name=_of(departments, team)
            )
        for role_id, role in book.roles.items():
            table[role_id] = UnitNames(
                name=BilingualText(en=role.en, zh=role.zh), department_name=_of(departments, role)
            )
        found = book.cache.setdefault("unit-names", table)
    return found


def _of(departments: Mapping[str, BilingualText], unit: Role | Unit) -> BilingualText:
    """The name of the department of a role or team (the decision layer for the owner)."""
    if unit.id == OWNER or unit.department is None:
        return DECISION_LAYER
    return departments[unit.department]


def department_name(book: Rulebook, role_id: str) -> BilingualText:
    """The name of the department of ``role_id`` (the decision layer for the owner).

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> department_name(load_rulebook(), "ad_buyer").en
    'Advertising'
    """
    return unit_names(book)[role_id].department_name


def names_of(book: Rulebook, ids: Iterable[str]) -> dict[str, UnitNames]:
    """The ``names`` table of an answer holding ``ids`` (repeats allowed), sorted by id.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> table = names_of(load_rulebook(), ["streamer", "owner", "streamer"])
    >>> list(table), table["owner"].name.en
    (['owner', 'streamer'], 'Owner / operator')
    """
    known = unit_names(book)
    return {unit: known[unit] for unit in sorted(set(ids))}


def names_data(book: Rulebook, ids: Iterable[str]) -> dict[str, Any]:
    """The ``names`` table of an answer holding ``ids`` as plain data, for its ``to_dict``: each entry a fresh copy
    of data made once per rulebook (dumping the models anew for every answer took a third of a plan's ``to_dict``).

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> names_data(load_rulebook(), ["owner"])
    {'owner': {'name': {'en': 'Owner / operator', 'zh': '老板 / 操盘手'}, 'department_name': {'en': 'Decision layer', \
'zh': '决策层'}}}
    """
    plain: Mapping[str, dict[str, dict[str, str]]] | None = book.cache.get("unit-names-data")
    if plain is None:
        dumped = {unit: names.model_dump() for unit, names in unit_names(book).items()}
        plain = book.cache.setdefault("unit-names-data", dumped)
    return {unit: {part: dict(text) for part, text in plain[unit].items()} for unit in sorted(set(ids))}
