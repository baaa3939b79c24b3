"""A plan read back from its JSON (:meth:`Plan.from_dict`): planned again from the profile it carries, with the
rulebook that made it, and checked against the JSON it was read from.

A plan's JSON holds its answers but not the engine's run that produced them, so it is not turned back into a plan
field by field: the profile is planned again with the rulebook the JSON names (by fingerprint), and the result must
give the same JSON. What comes back is then a plan like any other, with its graph, explanations and counterfactuals,
and a JSON that was edited, or made by other rules, is refused rather than believed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ._errors import PlanError
from ._fingerprint import fingerprint
from ._plan import Plan
from ._profile import BusinessProfile
from ._recommend import remembered_plan
from ._rulebook import Rulebook, load_rulebook
from ._schema_version import SCHEMA_VERSION

__all__ = ["plan_from_dict"]


def plan_from_dict(data: Mapping[str, Any], rulebook: Rulebook | None = None) -> Plan:
    """The plan whose JSON is ``data``, planned again with ``rulebook`` (see :meth:`Plan.from_dict`).

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> plan = recommend({"stage": "mature", "sourcing": "own_stock", "headcount_budget": 6})
    >>> plan_from_dict(plan.to_dict()).staffing == plan.staffing
    True
    >>> plan_from_dict({**plan.to_dict(), "schema_version": "2.0"})
    Traceback (most recent call last):
    ...
    tiktok_team.PlanError: a plan's JSON of schema_version '2.0' cannot be read by this version of ..., which reads 1.x
    """
    text = _json_text(data)
    given: Mapping[str, Any] = data
    version = given.get("schema_version")
    major = SCHEMA_VERSION.partition(".")[0]
    if not isinstance(version, str) or version.partition(".")[0] != major:
        raise PlanError(
            f"a plan's JSON of schema_version {version!r} cannot be read by this version of tiktok-team, "
            f"which reads {major}.x"
        )
    made_with = given.get("rulebook")
    if "profile" not in given or not isinstance(made_with, dict):
        raise PlanError(
            f"the plan's JSON carries no profile and rulebook (those of schema_version {version} do not): plan its "
            "profile again with recommend()"
        )
    book = rulebook if rulebook is not None else load_rulebook()
    if made_with.get("fingerprint") != fingerprint(book):
        raise PlanError(
            f"the plan was made with another rulebook (fingerprint {str(made_with.get('fingerprint'))[:12]}..., "
            f"files {', '.join(map(str, made_with.get('files') or []))}), not with this one "
            f"({fingerprint(book)[:12]}..., files {', '.join(book.files)}): pass the rulebook it was made with"
        )
    # the same plan as recommend() gives, field for field, from the engine's run if it is remembered
    plan = remembered_plan(BusinessProfile.parse(given["profile"], "profile"), book)
    again = plan.to_dict()  # plain JSON data already: lists, not tuples
    del again["schema_version"]  # same major version: checked above
    if {key: given[key] for key in again if key in given} == again:
        return plan
    given = json.loads(text)  # read as its JSON is (lists, not tuples), to say where it differs
    where = _first_difference({key: given[key] for key in again if key in given}, again, "")
    if where is not None:
        path, said, planned = where
        raise PlanError(
            f"the plan's JSON is not the plan of its profile with this rulebook: at {path or 'its top level'} it has "
            f"{_shown(said)}, where planning its profile again gives {_shown(planned)}"
        )
    return plan


def _json_text(data: object) -> str:
    """``data`` as JSON text, or a :class:`PlanError` if it is not a JSON object."""
    if not isinstance(data, Mapping):
        raise PlanError(f"a plan's JSON is an object, not {type(data).__name__}")
    try:
        return json.dumps(data, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise PlanError(f"the plan's data is not JSON: {exc}") from None


def _first_difference(given: object, planned: object, path: str) -> tuple[str, object, object] | None:
    """Where ``given`` first differs from ``planned`` (a path like ``roles[2].headcount``), with both values there."""
    if isinstance(given, dict) and isinstance(planned, dict):
        for key in [*planned, *(key for key in given if key not in planned)]:
            if key not in given or key not in planned:
                return f"{path}.{key}".lstrip("."), given.get(key, "nothing"), planned.get(key, "nothing")
            found = _first_difference(given[key], planned[key], f"{path}.{key}".lstrip("."))
            if found is not None:
                return found
        return None
    if isinstance(given, list) and isinstance(planned, list) and len(given) == len(planned):
        for n, (one, other) in enumerate(zip(given, planned, strict=True)):
            found = _first_difference(one, other, f"{path}[{n}]")
            if found is not None:
                return found
        return None
    return None if given == planned else (path, given, planned)


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else f"{text[:77]}..."
