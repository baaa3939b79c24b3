"""The entries of a rule file: sources, guidance, departments and teams, roles, duties, advice, assumptions and
workloads, derived facts, and rules. Each is a frozen pydantic model; :mod:`tiktok_team._rulebook` loads and
cross-checks them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SkipValidation, field_validator, model_validator

from ._condition import ALWAYS, Condition, ConditionSyntaxError, parse_condition

__all__ = [
    "DEFAULT_RANK",
    "OWNER",
    "RELATION_KINDS",
    "SYMMETRIC_KINDS",
    "Advice",
    "Assumption",
    "DerivedFact",
    "Duty",
    "Guidance",
    "Hold",
    "Mentions",
    "Relation",
    "Role",
    "Rule",
    "Source",
    "Split",
    "Text",
    "Unit",
    "Workload",
]

OWNER = "owner"
DEFAULT_RANK = 9
RELATION_KINDS = ("supports", "feeds", "collaborates", "can_cover")
SYMMETRIC_KINDS = frozenset({"collaborates", "can_cover"})
_ID = r"^[a-z][a-z0-9_]*$"
_RULE_ID = r"^[a-z0-9][a-z0-9-]*$"


class Entry(BaseModel):
    # Validators are built when first needed: the bundled rulebook is usually unpickled, not validated
    # (tiktok_team._stored), and then its entries never need one.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Source(Entry):
    """A source article the rules cite."""

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    author: str
    date: str
    language: str
    file: str


class Unit(Entry):
    """A department or a team: a grouping node of the role graph."""

    id: str = Field(pattern=_ID)
    en: str
    zh: str
    department: str | None = None


def _condition(value: object) -> object:
    """A condition table parsed into a :data:`Condition` (a parsed one passes as it is)."""
    if isinstance(value, (dict, list, str, int, float)):
        try:
            return parse_condition(value)
        except ConditionSyntaxError as exc:
            raise ValueError(str(exc)) from None
    return value


class Mentions(Entry):
    """What a text speaks of: the roles it names, the content formats and the stages it talks about. A plan shows
    the text only where all of them hold (the roles planned, the formats run, the stage the business's own), and
    ``tiktok-team rules verify`` proves it over the whole fact space."""

    roles: tuple[str, ...] = ()
    formats: tuple[Literal["livestream", "short_video"], ...] = ()
    stages: tuple[Literal["startup", "growth", "mature"], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.roles or self.formats or self.stages)


class Text(Entry):
    """A sentence a plan may show (a duty line of a role, an advice text or a variant of one), in English and Chinese.

    ``when`` is the condition under which it holds, in the rule condition language plus ``role`` tests (which roles
    the plan has); ``mentions`` declares what it speaks of as the business's own, ``proposes`` what it advises the
    business to add (roles it lacks, formats it does not run, a later stage). A text that adds knowledge of its own
    cites it: ``guidance`` (the item it paraphrases), ``basis`` and, when inferred, ``because``.
    """

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)
    when: SkipValidation[Condition] = ALWAYS
    mentions: Mentions = Mentions()
    proposes: Mentions = Mentions()
    guidance: str | None = Field(default=None, pattern=r"^G\d{2}$")
    basis: Literal["stated", "inferred"] | None = None
    because: str | None = None

    @field_validator("when", mode="before")
    @classmethod
    def _parse_when(cls, value: object) -> object:
        return _condition(value)


class Role(Entry):
    """A role of the catalog. Its ``duties`` are lines of :class:`Text`; a line may also be a plain string, whose
    Chinese is the string at the same place of ``duties_zh`` (the format of earlier rule files)."""

    id: str = Field(pattern=_ID)
    en: str
    zh: str
    department: str | None = None
    team: str | None = None
    duties: tuple[Text, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _plain_duties(cls, data: Any) -> Any:
        if not isinstance(data, dict) or (
            "duties_zh" not in data and not any(isinstance(line, str) for line in data.get("duties", ()))
        ):
            return data
        data = dict(data)
        chinese = data.pop("duties_zh", [])
        lines = data.get("duties", [])
        if not isinstance(chinese, list) or not isinstance(lines, list):
            return data
        plain = [line for line in lines if isinstance(line, str)]
        if len(chinese) != len(plain):
            raise ValueError(f"duties_zh has {len(chinese)} lines for the {len(plain)} plain lines of duties")
        said = iter(chinese)
        data["duties"] = [{"en": line, "zh": next(said)} if isinstance(line, str) else line for line in lines]
        return data


class Advice(Entry):
    """A piece of advice a rule can give, in English and Chinese. Where ``variants`` are given, the plan shows the
    first variant whose ``when`` holds; otherwise the advice's own text, if its ``when`` holds; otherwise nothing."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)
    when: SkipValidation[Condition] = ALWAYS
    mentions: Mentions = Mentions()
    proposes: Mentions = Mentions()
    variants: tuple[Text, ...] = ()

    @field_validator("when", mode="before")
    @classmethod
    def _parse_when(cls, value: object) -> object:
        return _condition(value)

    def texts(self) -> tuple[Text, ...]:
        """The variants, then the advice's own text, in the order a plan tries them."""
        own = Text(en=self.en, zh=self.zh, when=self.when, mentions=self.mentions, proposes=self.proposes)
        return (*self.variants, own)


class Guidance(Entry):
    """A guidance item of a source, paraphrased; rules cite it by id."""

    id: str = Field(pattern=r"^G\d{2}$")
    source: str
    section: str = Field(min_length=1)
    text: str = Field(min_length=1)
    advice: bool = False


class Assumption(Entry):
    """A capacity figure behind workload headcounts: a default that a profile may override."""

    id: str = Field(pattern=_ID)
    value: float = Field(gt=0)
    unit: str
    en: str
    zh: str
    because: str = Field(min_length=1)


class Workload(Entry):
    """Headcount of ``role`` = ceil(the profile's ``measure`` / assumption ``per``), where the measure is given."""

    role: str
    measure: str
    per: str


class DerivedFact(Entry):
    """A fact that rules derive (``derive = [...]``) and other rules' conditions test (``{derived = ...}``)."""

    id: str = Field(pattern=_ID)
    en: str
    zh: str


class Duty(Entry):
    """A piece of work a plan may need done even where no dedicated role is planned: a rule's ``hold`` gives it to a
    role that is. ``belongs_to`` names the role or team whose work it normally is; while that role (or any role of that
    team) is in the plan, the duty is theirs and no other role is shown holding it."""

    id: str = Field(pattern=_ID)
    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)
    belongs_to: str | None = None
    mentions: Mentions = Mentions()


class Hold(Entry):
    """``role`` also does ``duty`` in a plan where it is planned and the duty's own role or team is not."""

    duty: str
    role: str


class Split(Entry):
    """Duties of one role move to others: ``into`` enter the plan; ``from`` leaves it unless ``keep``."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)

    source_role: str = Field(alias="from")
    into: tuple[str, ...] = Field(min_length=1)
    keep: bool = False


class Relation(Entry):
    """Edges of one kind from each role of ``from`` to each role of ``to`` (drawn only where both are planned)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)

    kind: Literal["supports", "feeds", "collaborates", "can_cover"]
    sources: tuple[str, ...] = Field(alias="from", min_length=1)
    targets: tuple[str, ...] = Field(alias="to", min_length=1)
    shared: bool = False  # can_cover only: the source says the two roles can be one seat outright (G28)

    @field_validator("sources", "targets", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return (value,) if isinstance(value, str) else value


class Rule(Entry):
    """A rule: a condition, its effects, and its citation."""

    id: str = Field(pattern=_RULE_ID)
    source: str
    section: str = Field(min_length=1)
    guidance: str = Field(pattern=r"^G\d{2}$")
    basis: Literal["stated", "inferred"]
    because: str | None = None
    because_zh: str | None = None
    priority: int = 0
    replace: bool = False
    when: SkipValidation[Condition] = ALWAYS
    derive: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    split: Split | None = None
    relate: tuple[Relation, ...] = ()
    scale: dict[str, int] = Field(default_factory=dict)
    rank: dict[str, int] = Field(default_factory=dict)
    advise: tuple[str, ...] = ()
    hold: tuple[Hold, ...] = ()
    corroborates: str | None = Field(default=None, pattern=_RULE_ID)
    file: str = ""

    @field_validator("when", mode="before")
    @classmethod
    def _parse_when(cls, value: object) -> object:
        return _condition(value)

    @field_validator("scale")
    @classmethod
    def _positive(cls, value: dict[str, int]) -> dict[str, int]:
        for role, count in value.items():
            if count < 1:
                raise ValueError(f"scale.{role} must be at least 1, not {count}")
        return value

    @field_validator("rank")
    @classmethod
    def _rank(cls, value: dict[str, int]) -> dict[str, int]:
        for role, rank in value.items():
            if not 0 <= rank <= DEFAULT_RANK:
                raise ValueError(f"rank.{role} must be between 0 (kept longest) and {DEFAULT_RANK}, not {rank}")
        return value

    def roles_added(self) -> tuple[str, ...]:
        """Roles this rule puts into a plan when it fires."""
        return self.include + (self.split.into if self.split else ())

    def roles_removed(self) -> tuple[str, ...]:
        """Roles this rule takes out of a plan when it fires."""
        return self.exclude + ((self.split.source_role,) if self.split and not self.split.keep else ())

    def roles_named(self) -> set[str]:
        """Every role id the rule mentions."""
        named = set(self.roles_added()) | set(self.roles_removed()) | set(self.scale) | set(self.rank)
        for rel in self.relate:
            named.update(rel.sources + rel.targets)
        named.update(held.role for held in self.hold)
        return named
