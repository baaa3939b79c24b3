"""The input: the facts about a business, validated at the boundary.

:class:`BusinessProfile` is the one way facts enter the library. :data:`FACTS` declares, once and typed, the
vocabulary that rule conditions may test; the rulebook loader checks every condition against it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_serializer

from ._compat import tomllib
from .errors import ProfileError, suggest

__all__ = ["FACTS", "BusinessProfile", "FactSpec", "parse_document"]

Stage = Literal["startup", "growth", "mature"]
Sourcing = Literal["own_stock", "dropship", "affiliate_pool"]
Format = Literal["livestream", "short_video"]

STAGES: tuple[str, ...] = ("startup", "growth", "mature")


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
        The most people the business can staff.

    Raises
    ------
    ProfileError
        From :meth:`parse`, naming the field at fault and the value probably meant.

    Examples
    --------
    >>> p = BusinessProfile(stage="growth", sourcing="own_stock", formats={"livestream", "short_video"})
    >>> p.stage, sorted(p.formats), p.paid_ads
    ('growth', ['livestream', 'short_video'], False)
    >>> BusinessProfile.parse({"stage": "grwth", "sourcing": "own_stock"})
    Traceback (most recent call last):
    ...
    tiktok_team.errors.ProfileError: stage: 'grwth' is not one of startup, growth, mature (did you mean 'growth'?)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    stage: Stage = Field(description="Business stage: 起步 startup, 发展 growth, 成熟 mature.")
    sourcing: Sourcing = Field(
        description="own_stock: holds and ships its own goods; dropship: own shop, a supplier ships; "
        "affiliate_pool: no shop, sells products from the platform's affiliate pool (精选联盟)."
    )
    formats: frozenset[Format] = Field(
        default=frozenset({"livestream"}), description="Content formats the business runs."
    )
    paid_ads: bool = Field(default=False, description="Buys platform traffic (投放).")
    influencers: bool = Field(default=False, description="Works with influencers / KOCs (达人) to sell its goods.")
    private_domain: bool = Field(default=False, description="Runs private-domain traffic (私域): groups, CRM.")
    loyalty_program: bool = Field(default=False, description="Runs a membership / loyalty programme.")
    own_brand: bool = Field(default=False, description="Sells under a brand of its own.")
    headcount_budget: int | None = Field(
        default=None, ge=1, description="The most people the business can staff; triggers consolidation."
    )

    @field_serializer("formats")
    def _sorted_formats(self, formats: frozenset[str]) -> list[str]:
        return sorted(formats)

    @classmethod
    def parse(cls, data: object, where: str = "") -> BusinessProfile:
        """Validate ``data`` (a mapping) into a profile, raising :class:`ProfileError` with a hint."""
        if not isinstance(data, Mapping):
            raise ProfileError(f"a profile must be a table of fields, not {type(data).__name__}", where)
        try:
            return cls.model_validate(dict(data))
        except ValidationError as exc:
            raise ProfileError("; ".join(_explain(err) for err in exc.errors()), where) from None

    def facts(self) -> dict[str, Any]:
        """The profile as the fact values that rule conditions test."""
        return {name: getattr(self, name) for name in FACTS}


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
    return f"{field}: {err['msg'].lower()} (got {value!r})"


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


def parse_document(text: str, fmt: str, where: str) -> object:
    """Decode a TOML, JSON or YAML document, raising :class:`ProfileError` with the position on failure.

    Examples
    --------
    >>> parse_document('stage = "growth"', "toml", "p.toml")
    {'stage': 'growth'}
    >>> parse_document("{", "json", "p.json")
    Traceback (most recent call last):
    ...
    tiktok_team.errors.ProfileError: p.json: not valid JSON: line 1 column 2: expecting property name...
    """
    try:
        if fmt == "toml":
            return tomllib.loads(text)
        if fmt == "json":
            return json.loads(text)
        if fmt == "yaml":
            return yaml.safe_load(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"not valid TOML: {exc}", where) from None
    except json.JSONDecodeError as exc:
        raise ProfileError(f"not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg.lower()}", where) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"line {mark.line + 1} column {mark.column + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ProfileError(f"not valid YAML: {at}{problem}", where) from None
    raise ProfileError(f"unknown format '{fmt}'{suggest(fmt, ('toml', 'json', 'yaml'))}", where)
