"""Gap analysis: a business's current team against the plan the rulebook recommends for it.

A current team is a list of people, each holding one or more role ids::

    [[person]]
    name = "Li Na"
    roles = ["streamer", "videographer_editor"]

A gap names what it holds: each shortfall carries the role's names and its department's, and :attr:`Gap.names`
names every role id of the gap (missing, surplus, combined or short).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from itertools import combinations
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._errors import TeamError, suggest
from ._graph import can_cover_pairs
from ._lazy import publish
from ._names import names_data, names_of, unit_names
from ._plan import BilingualText, UnitNames
from ._profile import BusinessProfile
from ._recommend import recommend
from ._rulebook import Rulebook
from ._schema_version import with_schema_version

__all__ = ["CurrentTeam", "Gap", "RoleConflict", "Shortfall", "TeamMember", "gap"]


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


class Gap(_Out):
    """The current team against the plan: what is missing, surplus, wrongly combined or short."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    missing: tuple[str, ...]
    surplus: tuple[str, ...]
    conflicts: tuple[RoleConflict, ...]
    short: tuple[Shortfall, ...]
    team_size: int
    plan_headcount: int
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
    """
    if not isinstance(profile, BusinessProfile):
        profile = BusinessProfile.parse(profile)
    if not isinstance(team, CurrentTeam):
        team = CurrentTeam.parse(team)
    plan = recommend(profile, rulebook)
    book = plan.rulebook
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
    return Gap(
        missing=tuple(sorted(set(planned) - set(held))),
        surplus=tuple(sorted(set(held) - set(planned))),
        conflicts=tuple(conflicts),
        short=tuple(short),
        team_size=len(team.people),
        plan_headcount=plan.headcount,
        rulebook=book,
    )


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
