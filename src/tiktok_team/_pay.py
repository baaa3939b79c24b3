"""Pay: what one seat of each role costs a month, in the user's currency, with the employer's on-costs.

Pay is an input, like the capacity assumptions: the sources give no pay, so the library never assumes any. A
:class:`Pay` holds a monthly amount per role id (the pay of one seat), a currency code and an on-cost multiplier
(the employer's taxes and benefits on top of pay: 1.3 makes a seat of 10,000 cost 13,000). A role the table does not
name has no pay: every cost that needs it says so (:attr:`PlanCost.unpriced <tiktok_team._cost.PlanCost>`), and it is
never counted as free.

One person holding several roles costs the highest seat cost among them: they are paid for the most demanding job
they do, once. That rule holds everywhere a cost meets people (a staffing, a shared seat, a budget in money).

Examples
--------
>>> pay = Pay(currency="XTS", roles={"streamer": 100, "live_controller": 60}, on_cost=1.5)
>>> pay.seat("streamer"), pay.seat("pr"), pay.person(["streamer", "live_controller"])
(150.0, None, 150.0)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_serializer, field_validator

from ._errors import ProfileError, suggest
from ._lazy import publish

__all__ = ["MAX_BUDGET", "MAX_ON_COST", "MAX_PAY", "Pay", "money", "pay_problem"]

MAX_PAY = 1_000_000_000
"""The most a seat may be paid a month: enough for any salary in any currency (those counted in tens of thousands to
the dollar included); a figure past it is a typing error."""

MAX_BUDGET = 1_000_000_000_000
"""The largest monthly budget a profile may give."""

MAX_ON_COST = 3.0
"""The largest on-cost multiplier: an employer's taxes and benefits do not triple the pay."""

_CURRENCY = re.compile(r"^[A-Z]{3}$")


def money(amount: float) -> float:
    """An amount of money as outputs carry it: rounded to the cent, so that 12000 x 1.3 is 15600.0, not
    15600.000000000002.

    Examples
    --------
    >>> money(12000 * 1.3), money(0.125)
    (15600.0, 0.12)
    """
    return round(amount + 0.0, 2)


class Pay(BaseModel):
    """Monthly pay per seat of each role, its currency and the employer's on-cost multiplier.

    Parameters
    ----------
    currency : str
        An ISO 4217 code in capitals (``CNY``, ``USD``, ``VND`` …): it labels every cost; no conversion is made.
    roles : mapping of role id to number
        The monthly pay of one seat of the role, more than 0 and at most :data:`MAX_PAY`. Roles left out have no
        pay (never counted as free).
    on_cost : float, default 1.0
        What a seat costs the employer per unit of pay: from 1 (pay only) to :data:`MAX_ON_COST`.

    Examples
    --------
    >>> Pay.parse({"currency": "XTS", "roles": {"streamer": -5}}, "pay.toml")
    Traceback (most recent call last):
    ...
    tiktok_team.ProfileError: pay.toml: pay.roles.streamer: must be more than 0, not -5 (leave a role out ...
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        allow_inf_nan=False,
        json_schema_extra={"description": "Monthly pay per seat of each role, its currency and the on-cost."},
    )

    currency: str = Field(description="ISO 4217 currency code in capitals (CNY, USD, VND …); labels every cost.")
    roles: Mapping[str, float] = Field(
        default_factory=dict,
        description="Monthly pay of one seat, by role id (see `tiktok-team assumptions`). A role left out has no pay.",
    )
    on_cost: float = Field(
        default=1.0,
        description="Employer's on-cost multiplier (taxes, benefits): a seat costs pay x on_cost. From 1 to 3.",
    )

    @field_validator("currency")
    @classmethod
    def _code(cls, value: str) -> str:
        if not _CURRENCY.match(value):
            raise ValueError(f"must be a three-letter ISO 4217 code in capitals, such as CNY or USD, not {value!r}")
        return value

    @field_validator("roles", mode="before")
    @classmethod
    def _amounts(cls, value: Any) -> Any:
        if not isinstance(value, Mapping):
            return value
        for role, amount in value.items():
            if isinstance(amount, bool) or not isinstance(amount, int | float):
                raise ValueError(f"{role}: must be a number (the monthly pay of one seat), not {amount!r}")
            if not math.isfinite(amount) or amount <= 0:
                raise ValueError(
                    f"{role}: must be more than 0, not {amount:g} (leave a role out of the table when its pay is "
                    "not known)"
                )
            if amount > MAX_PAY:
                raise ValueError(
                    f"{role}: {amount:,.0f} a month is more than {MAX_PAY:,} for one seat; check the figure"
                )
        return dict(sorted((str(role), float(amount)) for role, amount in value.items()))

    @field_validator("on_cost", mode="before")
    @classmethod
    def _multiplier(cls, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be a number, not {value!r}")
        if not 1 <= value <= MAX_ON_COST:
            raise ValueError(
                f"must be from 1 (pay only) to {MAX_ON_COST:g} (taxes and benefits on top of pay), not {value:g}"
            )
        return value

    @field_serializer("roles")
    def _plain_roles(self, value: Mapping[str, float]) -> dict[str, float]:
        return dict(value)

    def __hash__(self) -> int:
        return hash((self.currency, self.on_cost, tuple(self.roles.items())))

    @classmethod
    def parse(cls, data: object, where: str = "", field: str = "pay") -> Pay:
        """Validate ``data`` (a table of ``currency``, ``on_cost`` and ``roles``) into pay, raising
        :class:`ProfileError` that names the key at fault (``pay.roles.streamer``) and the file ``where``."""
        if isinstance(data, Pay):
            return data
        if not isinstance(data, Mapping):
            raise ProfileError(
                f"{field}: must be a table of currency, on_cost and roles, not {type(data).__name__}", where
            )
        try:
            return cls.model_validate(dict(data))
        except ValidationError as exc:
            problems = [pay_problem(err, field) for err in exc.errors()]
            raise ProfileError("; ".join(text for _, text in problems), where, problems) from None

    def seat(self, role: str) -> float | None:
        """What one seat of ``role`` costs a month (its pay times the on-cost), or None without pay for it."""
        pay = self.roles.get(role)
        return None if pay is None else money(pay * self.on_cost)

    def person(self, roles: Iterable[str]) -> float | None:
        """What one person holding ``roles`` costs a month: the highest seat cost among them; None if any of them
        has no pay (a person is never priced below a role nobody priced)."""
        costs = [self.seat(role) for role in roles]
        if not costs or any(cost is None for cost in costs):
            return None
        return max(cost for cost in costs if cost is not None)

    def people_affordable(self, budget: float) -> int:
        """The most people ``budget`` a month could pay, each at the lowest seat cost of the table (at least 1):
        what a budget in money alone tells the rules about the team's size.

        Examples
        --------
        >>> Pay(currency="XTS", roles={"streamer": 100, "pr": 40}).people_affordable(130)
        3
        """
        lowest = min((self.roles[role] * self.on_cost for role in self.roles), default=None)
        if lowest is None:
            return 1
        return max(1, min(int(budget // lowest), 2**31))

    def check_roles(self, known: Iterable[str], where: str = "") -> None:
        """Raise :class:`ProfileError` for a role of the table that is not in ``known`` (the rulebook's roles), with
        a "did you mean".

        Examples
        --------
        >>> Pay(currency="XTS", roles={"streamr": 1}).check_roles(["streamer", "pr"])
        Traceback (most recent call last):
        ...
        tiktok_team.ProfileError: pay.roles: unknown role 'streamr' (did you mean 'streamer'?)
        """
        roles = set(known)
        for role in self.roles:
            if role not in roles:
                hint = f"unknown role '{role}'{suggest(role, roles)}"
                raise ProfileError(f"pay.roles: {hint}", where, [(f"pay.roles.{role}", hint)])


def pay_problem(err: Mapping[str, Any], field: str = "pay") -> tuple[str, str]:
    """A pydantic error of :class:`Pay` as the (path, text) of a :class:`ProfileError` problem."""
    loc = [field, *(str(part) for part in err["loc"])]
    message = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        name = loc[-1]
        return ".".join(loc), f"{'.'.join(loc[:-1])}: unknown key '{name}'{suggest(name, Pay.model_fields)}"
    if err["type"] == "missing":
        return ".".join(loc), f"{'.'.join(loc)}: required (the ISO 4217 code of the pay, such as CNY)"
    if loc[-1] == "roles" and ": " in message:  # a role's amount: name the role in the path
        role, _, message = message.partition(": ")
        loc.append(role)
    return ".".join(loc), f"{'.'.join(loc)}: {message[0].lower()}{message[1:]}"


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
