"""The input: the facts about a business, validated at the boundary.

:class:`BusinessProfile` is the one way facts enter the library. :data:`FACTS` declares, once and typed, the
vocabulary that rule conditions may test; the rulebook loader checks every condition against it.
:func:`parse_document` lives in :mod:`tiktok_team._documents`, with the bounds of every reader; it is importable
from here too.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
    field_serializer,
    field_validator,
)

from ._documents import parse_document
from ._errors import ProfileError, suggest
from ._lazy import publish
from ._pay import MAX_BUDGET, Pay, pay_problem

__all__ = ["FACTS", "MEASURES", "STAGES", "BusinessProfile", "FactSpec", "parse_document"]

Stage = Literal["startup", "growth", "mature"]
Sourcing = Literal["own_stock", "dropship", "affiliate_pool"]
Format = Literal["livestream", "short_video"]

_Profile = TypeVar("_Profile", bound="BusinessProfile")

STAGES: tuple[str, ...] = ("startup", "growth", "mature")
MEASURES: tuple[str, ...] = ("live_hours", "videos_per_week", "orders_per_day", "ad_campaigns")


class BusinessProfile(BaseModel):
    """The facts about a live-commerce business that decide its team.

    Parameters
    ----------
    stage : {"startup", "growth", "mature"}
        起步 / 发展 / 成熟, the three stages of the three-stages article.
    sourcing : {"own_stock", "dropship", "affiliate_pool"}
        Holds and ships its own goods; has its own shop but a supplier ships; or has no shop and sells
        products picked from the platform's affiliate selection pool (精选联盟).
    formats : set of {"livestream", "short_video"}, default {"livestream"}
        The content formats the business runs. May be empty.
    paid_ads, influencers, private_domain, loyalty_program, own_brand : bool, default False
        Buys platform traffic; works with influencers / KOCs; runs owned traffic; runs a membership
        programme; sells under a brand of its own.
    headcount_budget : int >= 1, optional
        The most people the business can staff; with it the plan says who holds which roles.
    live_hours_per_day, live_rooms, videos_per_week, orders_per_day, ad_campaigns : optional
        Workload. Where given, they set the headcount of the roles they load, through capacity assumptions.
    assumptions : dict of str to float
        Overrides of those capacity assumptions, by id.
    pay : Pay, optional
        Monthly pay per seat of each role, its currency and the on-cost multiplier: with it every answer says what
        the team costs (see :class:`tiktok_team.Pay`).
    monthly_budget : float > 0, optional
        The most the team may cost a month, in the pay's currency (needs ``pay``); beside or instead of
        ``headcount_budget``. Given alone, the rules read it as a headcount budget of the most people it could pay
        (:meth:`Pay.people_affordable`).

    Raises
    ------
    ProfileError
        However the profile is built (``BusinessProfile(...)``, :meth:`parse`, ``model_validate``,
        ``model_validate_json``, or :func:`~tiktok_team.recommend` of a mapping), with one message naming each field
        at fault and the value probably meant. It is a ``ValueError``, as pydantic's ``ValidationError`` is, so code
        that caught ``ValueError`` still does; it is not a ``ValidationError``: its message is one line and its
        :attr:`~tiktok_team.ProfileError.problems` say which fields are at fault.

    Examples
    --------
    >>> p = BusinessProfile(stage="growth", sourcing="own_stock", formats={"livestream", "short_video"})
    >>> p.stage, sorted(p.formats), p.paid_ads
    ('growth', ['livestream', 'short_video'], False)
    >>> BusinessProfile(stage="growth", sourcing="own_stok")
    Traceback (most recent call last):
    ...
    tiktok_team.ProfileError: sourcing: 'own_stok' is not one of own_stock, dropship, ... (did you mean 'own_stock'?)
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        allow_inf_nan=False,
        json_schema_extra={"description": "The facts about a live-commerce business that decide its team."},
    )

    stage: Stage = Field(description="Business stage: 起步 startup, 发展 growth, 成熟 mature.")
    sourcing: Sourcing = Field(
        description="own_stock: holds and ships its own goods; dropship: own shop, a supplier ships; "
        "affiliate_pool: no shop, sells products from the platform's affiliate pool (精选联盟)."
    )
    formats: frozenset[Format] = Field(
        default=frozenset({"livestream"}), description="Content formats the business runs."
    )
    paid_ads: StrictBool = Field(default=False, description="Buys platform traffic (投放).")
    influencers: StrictBool = Field(
        default=False, description="Works with influencers / KOCs (达人) to sell its goods."
    )
    private_domain: StrictBool = Field(default=False, description="Runs private-domain traffic (私域): groups, CRM.")
    loyalty_program: StrictBool = Field(default=False, description="Runs a membership / loyalty programme.")
    own_brand: StrictBool = Field(default=False, description="Sells under a brand of its own.")
    headcount_budget: StrictInt | None = Field(
        default=None, ge=1, description="The most people the business can staff; triggers consolidation."
    )
    live_hours_per_day: float | None = Field(
        default=None, gt=0, le=24, description="Workload: hours of livestream a day in each live room."
    )
    live_rooms: StrictInt | None = Field(
        default=None, ge=1, le=100, description="Workload: live rooms running in parallel."
    )
    videos_per_week: StrictInt | None = Field(
        default=None, ge=0, description="Workload: short videos published a week."
    )
    orders_per_day: StrictInt | None = Field(default=None, ge=0, le=1_000_000, description="Workload: orders a day.")
    ad_campaigns: StrictInt | None = Field(
        default=None, ge=0, le=10_000, description="Workload: ad campaigns running at once."
    )
    assumptions: Mapping[str, float] = Field(
        default_factory=lambda: MappingProxyType({}),
        description="Overrides of the capacity assumptions behind workload headcounts, by assumption id "
        "(see `tiktok-team assumptions`).",
    )
    pay: Pay | None = Field(
        default=None,
        description="Monthly pay per seat of each role, its currency and on-cost: with it, every answer gives costs.",
    )
    monthly_budget: float | None = Field(
        default=None,
        gt=0,
        le=MAX_BUDGET,
        description="The most the team may cost a month, in the pay's currency (needs pay); beside or instead of "
        "headcount_budget.",
    )

    @field_validator("headcount_budget", "live_rooms", "videos_per_week", "orders_per_day", "ad_campaigns")
    @classmethod
    def _countable(cls, value: int | None) -> int | None:
        if value is not None and abs(value) >= 2**53:  # beyond what a float (the workload arithmetic) counts exactly
            raise ValueError("the number is too large")
        return value

    @field_validator("assumptions")
    @classmethod
    def _positive_assumptions(cls, value: Mapping[str, float]) -> Mapping[str, float]:
        for key, number in value.items():
            if number <= 0:
                raise ValueError(f"assumption '{key}' must be greater than 0, not {number}")
        return MappingProxyType(dict(sorted(value.items())))

    @field_serializer("assumptions")
    def _plain_assumptions(self, value: Mapping[str, float]) -> dict[str, float]:
        return dict(value)

    def __getstate__(self) -> dict[Any, Any]:
        """Pickle the assumptions as a plain dict (a read-only mapping cannot be pickled), so that a profile, and a
        plan, can cross to another process."""
        state = super().__getstate__()
        return {**state, "__dict__": {**state["__dict__"], "assumptions": dict(self.assumptions)}}

    def __setstate__(self, state: dict[Any, Any]) -> None:
        fields = state["__dict__"]
        super().__setstate__({**state, "__dict__": {**fields, "assumptions": MappingProxyType(fields["assumptions"])}})

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> BusinessProfile:
        """A copy sharing the field values, which are all immutable (a read-only mapping cannot be deep-copied)."""
        return self.__copy__()

    def __hash__(self) -> int:
        return hash(tuple(tuple(sorted(v.items())) if isinstance(v, Mapping) else v for v in self.__dict__.values()))

    def workload(self) -> dict[str, float]:
        """The workload measures this profile gives: ``live_hours`` (a day, all rooms), ``videos_per_week``,
        ``orders_per_day`` and ``ad_campaigns``. Measures the profile does not give are absent."""
        measures: dict[str, float | None] = {
            "live_hours": None if self.live_hours_per_day is None else self.live_hours_per_day * (self.live_rooms or 1),
            "videos_per_week": self.videos_per_week,
            "orders_per_day": self.orders_per_day,
            "ad_campaigns": self.ad_campaigns,
        }
        return {name: float(value) for name, value in measures.items() if value is not None}

    @field_serializer("formats")
    def _sorted_formats(self, formats: frozenset[Format]) -> list[Format]:
        return sorted(formats)

    if not TYPE_CHECKING:  # type checkers keep the signature pydantic gives the fields

        def __init__(self, **data: Any) -> None:
            try:
                super().__init__(**data)
            except ValidationError as exc:
                raise _profile_error(exc) from None

        # pydantic's mark of its own __init__: validation (model_validate) builds a profile without calling this one,
        # so that its errors reach model_validate as pydantic's, not wrapped in another ValidationError
        __init__.__pydantic_base_init__ = True

    @classmethod
    def model_validate(cls: type[_Profile], obj: Any, *args: Any, **options: Any) -> _Profile:
        """Validate ``obj`` (a mapping or a profile) as pydantic does, raising :class:`ProfileError` (see the class).

        Examples
        --------
        >>> BusinessProfile.model_validate({"stage": "startup", "sourcing": "dropship"}).sourcing
        'dropship'
        """
        if not isinstance(obj, (Mapping, BusinessProfile)) and not options.get("from_attributes"):
            raise _not_a_table(obj)
        try:
            return super().model_validate(obj, *args, **options)
        except ValidationError as exc:
            raise _profile_error(exc) from None

    @classmethod
    def model_validate_json(
        cls: type[_Profile], json_data: str | bytes | bytearray, *args: Any, **options: Any
    ) -> _Profile:
        """Validate a JSON text, read as a profile file is (bounded, a byte order mark ignored), then as
        :meth:`model_validate` does, raising :class:`ProfileError` (see the class).

        Examples
        --------
        >>> BusinessProfile.model_validate_json('{"stage": "startup", "sourcing": "own_stock", "paid_ads": 1}')
        Traceback (most recent call last):
        ...
        tiktok_team.ProfileError: paid_ads: input should be a valid boolean (got 1)
        """
        data = parse_document(bytes(json_data) if isinstance(json_data, bytearray) else json_data, "json", "")
        return cls.model_validate(data, *args, **options)

    @classmethod
    def parse(cls, data: object, where: str = "") -> BusinessProfile:
        """Validate ``data`` (a mapping) into a profile, raising :class:`ProfileError` with a hint; ``where`` (a
        file name) goes before the message.

        Examples
        --------
        >>> BusinessProfile.parse({"stage": "startup", "sourcing": "own_stock", "paid_add": True}, "shop.toml")
        Traceback (most recent call last):
        ...
        tiktok_team.ProfileError: shop.toml: unknown field 'paid_add' (did you mean 'paid_ads'?)
        """
        if not isinstance(data, Mapping):
            raise _not_a_table(data, where)
        try:
            return super().model_validate(dict(data))
        except ValidationError as exc:
            raise _profile_error(exc, where) from None

    def facts(self) -> dict[str, Any]:
        """The profile as the fact values that rule conditions test.

        A ``monthly_budget`` without a ``headcount_budget`` reads as a headcount budget of the most people it could
        pay (:meth:`Pay.people_affordable`): a budget in money is a budget, and the rules that combine roles under a
        short budget hold for it too.

        Examples
        --------
        >>> pay = {"currency": "XTS", "roles": {"owner": 100, "streamer": 50}}
        >>> profile = BusinessProfile(stage="growth", sourcing="dropship", pay=pay, monthly_budget=420)
        >>> profile.facts()["headcount_budget"]
        8
        """
        found = {name: getattr(self, name) for name in FACTS}
        if self.headcount_budget is None and self.monthly_budget is not None and self.pay is not None:
            found["headcount_budget"] = self.pay.people_affordable(self.monthly_budget)
        return found


def _problem(err: Mapping[str, Any]) -> tuple[str, str]:
    """A validation error as the (path, text) of a :class:`ProfileError` problem; inside the pay table, in its own
    words with the key's path (``pay.roles.streamer``)."""
    if err["loc"][:1] == ("pay",) and len(err["loc"]) > 1:
        return pay_problem({**err, "loc": tuple(err["loc"][1:])})
    return ".".join(str(part) for part in err["loc"]), _explain(err)


def _not_a_table(data: object, where: str = "") -> ProfileError:
    return ProfileError(f"a profile must be a table of fields, not {type(data).__name__}", where)


def _profile_error(exc: ValidationError, where: str = "") -> ProfileError:
    """pydantic's errors as a :class:`ProfileError`: a misspelt field is named once (not also as a missing one)."""
    errors = exc.errors()
    misspelt = {
        close
        for err in errors
        if err["type"] == "extra_forbidden"
        for close in difflib.get_close_matches(str(err["loc"][0]), BusinessProfile.model_fields, n=1, cutoff=0.6)
    }
    shown = [err for err in errors if not (err["type"] == "missing" and err["loc"][0] in misspelt)]
    problems = [_problem(err) for err in shown]
    return ProfileError("; ".join(text for _, text in problems), where, problems)


def _explain(err: Mapping[str, Any]) -> str:
    loc = [str(part) for part in err["loc"]]
    field = loc[0] if loc else "profile"
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        return f"unknown field '{field}'{suggest(field, BusinessProfile.model_fields)}"
    if kind == "missing":
        return f"{field}: required field is missing"
    spec = FACTS.get(field)
    if kind == "literal_error" and spec is not None:
        allowed = ", ".join(spec.values)
        hint = suggest(value, spec.values) if isinstance(value, str) else ""
        return f"{field}: {value!r} is not one of {allowed}{hint}"
    message = str(err["msg"]).removeprefix("Value error, ")
    shown = repr(value)
    return f"{field}: {message[0].lower()}{message[1:]} (got {shown if len(shown) <= 60 else shown[:57] + '...'})"


@dataclass(frozen=True)
class FactSpec:
    """One fact that rule conditions may test.

    ``kind`` is ``choice`` (exactly one of ``values``), ``set`` (any subset of ``values``), ``bool`` or
    ``int`` (an optional number; ``None`` when not given). ``words`` gives, per language, how the fact reads in
    an explanation: the fact's label and a label for each value.
    """

    name: str
    kind: Literal["choice", "set", "bool", "int"]
    values: tuple[str, ...]
    en: str
    zh: str


FACTS: dict[str, FactSpec] = {
    spec.name: spec
    for spec in (
        FactSpec("stage", "choice", STAGES, "stage", "阶段"),
        FactSpec("sourcing", "choice", ("own_stock", "dropship", "affiliate_pool"), "sourcing", "货源"),
        FactSpec("formats", "set", ("livestream", "short_video"), "formats", "内容形式"),
        FactSpec("paid_ads", "bool", (), "buys paid traffic", "付费投流"),
        FactSpec("influencers", "bool", (), "works with influencers", "达人合作"),
        FactSpec("private_domain", "bool", (), "runs private-domain traffic", "私域运营"),
        FactSpec("loyalty_program", "bool", (), "runs a loyalty programme", "会员计划"),
        FactSpec("own_brand", "bool", (), "sells its own brand", "自有品牌"),
        FactSpec("headcount_budget", "int", (), "headcount budget", "人员预算"),
    )
}

VALUE_WORDS: dict[str, tuple[str, str]] = {
    "startup": ("startup", "起步期"),
    "growth": ("growth", "发展期"),
    "mature": ("mature", "成熟期"),
    "own_stock": ("own stock", "自有货源"),
    "dropship": ("dropship", "一件代发"),
    "affiliate_pool": ("the affiliate pool", "精选联盟选品"),
    "livestream": ("livestream", "直播"),
    "short_video": ("short video", "短视频"),
}

publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
