"""Gap analysis: a business's current team against the plan the rulebook recommends for it, both ways.

A current team is a list of people, each holding one or more role ids::

    [[person]]
    name = "Li Na"
    roles = ["streamer", "videographer_editor"]

or a spreadsheet saved as CSV, a row per person under a header naming the columns ``name`` and ``roles`` (the
roles of a person in one cell, separated by ``;``, ``,``, ``/`` or spaces): :meth:`CurrentTeam.from_rows`.

The gap says what is missing (roles nobody holds, roles short of people) and what is over (roles the plan does not
have, roles held by more people than the plan has: "4 people hold streamer; the plan has 2"), who holds roles one
person should not combine, and who is named twice. With pay in the profile it prices both sides: the seats missing
and the seats over, each at its role's seat cost (roles without pay are named, never counted as free).

A gap names what it holds: each shortfall carries the role's names and its department's, and :attr:`Gap.names`
names every role id of the gap (missing, surplus, combined or short).

The plan comes from a remembered engine run (:func:`tiktok_team._recommend.remembered_plan`, the plan
:func:`~tiktok_team.recommend` makes): several teams of one business, or businesses asked about before, run the engine
once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._errors import TeamError, suggest
from ._graph import can_cover_pairs
from ._lazy import publish
from ._names import names_data, names_of, unit_names
from ._pay import money
from ._plan import BilingualText, UnitNames
from ._profile import BusinessProfile
from ._recommend import remembered_plan
from ._rulebook import Rulebook, load_rulebook
from ._schema_version import with_schema_version

__all__ = ["CurrentTeam", "Gap", "GapCost", "Overage", "RoleConflict", "Shortfall", "TeamMember", "gap"]

# What separates the roles of one person in a spreadsheet's cell.
_ROLE_SEPARATORS = re.compile(r"[\s,;/|，；、]+")


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class TeamMember(BaseModel):
    """One person of the current team."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    roles: tuple[str, ...] = Field(min_length=1)


class CurrentTeam(BaseModel):
    """The team a business has now: ``person`` is the list of its people (``people`` is accepted too)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    people: tuple[TeamMember, ...] = Field(alias="person")

    @classmethod
    def parse(cls, data: object, where: str = "") -> CurrentTeam:
        """Validate ``data`` into a team, raising :class:`TeamError` that names the person and field at fault."""
        if not isinstance(data, Mapping):
            raise TeamError(f"a team must be a table with a list of [[person]], not {type(data).__name__}", where)
        try:
            return cls.model_validate(dict(data))
        except ValidationError as exc:
            err = min(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")  # a misspelling explains most
            loc = ".".join(str(part) for part in err["loc"])
            if err["type"] == "extra_forbidden":
                name = str(err["loc"][-1])
                options = TeamMember.model_fields if len(err["loc"]) > 1 else ("person",)
                hint = suggest(name, options) or (
                    "" if len(err["loc"]) > 1 else " (a team file holds [[person]] tables)"
                )
                raise TeamError(f"unknown field '{loc}'{hint}", where) from None
            raise TeamError(f"{loc}: {str(err['msg']).lower()}", where) from None

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]], where: str = "") -> CurrentTeam:
        """The team of a spreadsheet's rows (a CSV file read as a header and rows: column name → cell): a row per
        person, with the columns ``name`` and ``roles`` (the roles in one cell, separated by ``;``, ``,``, ``/``,
        ``|`` or spaces); rows with every cell empty are skipped. Raises :class:`TeamError` naming the row (by its
        line in the file, the header being line 1) and the column at fault, with a "did you mean".

        Examples
        --------
        >>> team = CurrentTeam.from_rows([{"name": "Li Na", "roles": "streamer; videographer_editor"}])
        >>> team.people[0].roles
        ('streamer', 'videographer_editor')
        >>> CurrentTeam.from_rows([{"name": "Li Na", "rols": "streamer"}], "team.csv")
        Traceback (most recent call last):
        ...
        tiktok_team.TeamError: team.csv: unknown column 'rols' (did you mean 'roles'?); a team's columns are ...
        """
        people = []
        for line, row in enumerate(rows, start=2):
            for column in row:
                if column not in TeamMember.model_fields:
                    hint = suggest(str(column), TeamMember.model_fields)
                    raise TeamError(f"unknown column '{column}'{hint}; a team's columns are name and roles", where)
            if not any((cell or "").strip() for cell in row.values()):
                continue
            roles = [role for role in _ROLE_SEPARATORS.split(row.get("roles") or "") if role]
            people.append({"name": (row.get("name") or "").strip(), "roles": roles})
            if not people[-1]["name"]:
                raise TeamError(f"line {line}: the name is empty", where)
            if not roles:
                raise TeamError(f"line {line} ({people[-1]['name']}): no roles in the roles column", where)
        return cls.parse({"person": people}, where)


class RoleConflict(_Out):
    """A person holding two roles that the rulebook does not let one person combine."""

    person: str
    roles: tuple[str, str]


class Shortfall(_Out):
    """A planned role held by fewer people than the plan's headcount, with its names and its department's."""

    role: str
    name: BilingualText
    department_name: BilingualText
    planned: int
    held: int
    short: int


class Overage(_Out):
    """A planned role held by more people than the plan's headcount."""

    role: str
    planned: int
    held: int
    over: int


class GapCost(_Out):
    """With pay: what the seats ``missing`` (those of missing roles and of roles short of people) and the seats
    ``over`` (those of surplus roles and of roles held by more people than planned) cost a month, each at its role's
    seat cost; ``unpriced`` names the roles of either side without pay, left out of both sums; ``seats`` is what one
    seat of each priced role of either side costs a month."""

    currency: str
    missing: float
    over: float
    unpriced: tuple[str, ...]
    seats: dict[str, float]


class Gap(_Out):
    """The current team against the plan: what is missing, surplus, wrongly combined or short, what is held by more
    people than planned (``over``), the names given to more than one person (``named_twice``), each planned role's
    headcount (``planned``) and how many people of the team hold each role (``held``), and with pay what the missing
    seats and the seats over cost (``cost``)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    missing: tuple[str, ...]
    surplus: tuple[str, ...]
    conflicts: tuple[RoleConflict, ...]
    short: tuple[Shortfall, ...]
    team_size: int
    plan_headcount: int
    over: tuple[Overage, ...] = ()
    named_twice: tuple[str, ...] = ()
    planned: dict[str, int] = Field(default_factory=dict)
    held: dict[str, int] = Field(default_factory=dict)
    cost: GapCost | None = None
    rulebook: Rulebook = Field(exclude=True, repr=False)

    @property
    def names(self) -> dict[str, UnitNames]:
        """The names of every role id of the gap, each with its department's name.

        Examples
        --------
        >>> team = {"person": [{"name": "Bo", "roles": ["pr"]}]}
        >>> result = gap({"stage": "startup", "sourcing": "affiliate_pool"}, team)
        >>> result.names["pr"].name.en, result.names["owner"].department_name.en
        ('Public relations', 'Decision layer')
        """
        pairs = [role for conflict in self.conflicts for role in conflict.roles]
        shorts = [short.role for short in self.short]
        return names_of(self.rulebook, [*self.missing, *self.surplus, *pairs, *shorts])

    def to_dict(self) -> dict[str, Any]:
        """The gap as plain data (what ``tiktok-team gap --format json`` prints), with its ``schema_version`` and
        ``names`` (:attr:`names`)."""
        return with_schema_version({**self.model_dump(mode="json"), "names": names_data(self.rulebook, self.names)})


def gap(
    profile: BusinessProfile | Mapping[str, Any],
    team: CurrentTeam | Mapping[str, Any],
    rulebook: Rulebook | None = None,
) -> Gap:
    """Compare a current team with the recommended plan.

    Raises
    ------
    ProfileError, TeamError
        For an invalid profile or team; an unknown role id in the team gets a "did you mean".

    Examples
    --------
    >>> team = {"person": [{"name": "Ann", "roles": ["owner", "streamer"]}, {"name": "Bo", "roles": ["pr"]}]}
    >>> result = gap({"stage": "startup", "sourcing": "affiliate_pool"}, team)
    >>> result.missing, result.surplus
    (('assistant_streamer', 'live_controller', 'product_selector'), ('pr',))
    >>> [(c.person, c.roles) for c in result.conflicts]
    [('Ann', ('owner', 'streamer'))]
    >>> crowded = {"person": [{"name": n, "roles": ["streamer"]} for n in ("Ann", "Bo", "Cy", "Bo")]}
    >>> result = gap({"stage": "growth", "sourcing": "affiliate_pool"}, crowded)
    >>> [(o.role, o.held, o.planned) for o in result.over], result.named_twice
    ([('streamer', 4, 2)], ('Bo',))
    """
    if not isinstance(profile, BusinessProfile):
        profile = BusinessProfile.parse(profile)
    if not isinstance(team, CurrentTeam):
        team = CurrentTeam.parse(team)
    book = rulebook if rulebook is not None else load_rulebook()
    plan = remembered_plan(profile, book)
    for n, member in enumerate(team.people):
        for role in member.roles:
            if role not in book.roles:
                raise TeamError(f"unknown role '{role}'{suggest(role, book.roles)}", f"person[{n}] ({member.name})")
    planned = {role.id: role.headcount for role in plan.roles}
    held = Counter(role for member in team.people for role in set(member.roles))
    allowed = can_cover_pairs(book.rules[rule_id] for rule_id in plan.outcome.fired)
    conflicts = [
        RoleConflict(person=member.name, roles=pair)
        for member in team.people
        for pair in combinations(sorted(set(member.roles)), 2)
        if frozenset(pair) not in allowed
    ]
    named = unit_names(book)
    short = [
        Shortfall(role=role, **dict(named[role]), planned=count, held=held[role], short=count - held[role])
        for role, count in planned.items()
        if 0 < held[role] < count
    ]
    over = [
        Overage(role=role, planned=count, held=held[role], over=held[role] - count)
        for role, count in planned.items()
        if held[role] > count
    ]
    missing = tuple(sorted(set(planned) - set(held)))
    surplus = tuple(sorted(set(held) - set(planned)))
    names = Counter(member.name for member in team.people)
    lacking = {**{role: planned[role] for role in missing}, **{s.role: s.short for s in short}}
    extra = {**{role: held[role] for role in surplus}, **{o.role: o.over for o in over}}
    return Gap(
        missing=missing,
        surplus=surplus,
        conflicts=tuple(conflicts),
        short=tuple(short),
        team_size=len(team.people),
        plan_headcount=plan.headcount,
        over=tuple(over),
        named_twice=tuple(name for name, count in names.items() if count > 1),
        planned=planned,
        held=dict(sorted(held.items())),
        cost=_priced(profile, lacking, extra),
        rulebook=book,
    )


def _priced(profile: BusinessProfile, lacking: Mapping[str, int], extra: Mapping[str, int]) -> GapCost | None:
    """The :class:`GapCost` of the seats ``lacking`` and ``extra`` (role → seats); None without pay."""
    pay = profile.pay
    if pay is None:
        return None

    def total(seats: Mapping[str, int]) -> float:
        return money(sum(count * (pay.seat(role) or 0.0) for role, count in seats.items()))

    roles = sorted({*lacking, *extra})
    seats = {role: seat for role in roles if (seat := pay.seat(role)) is not None}
    unpriced = tuple(role for role in roles if role not in seats)
    return GapCost(currency=pay.currency, missing=total(lacking), over=total(extra), unpriced=unpriced, seats=seats)


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
