"""``POST /v1/plan-many``: the plans of many profiles in one request, each in its place; a bad profile is an error in
its place, and the others are planned.

The answer is a JSON list, one item a line: the plan of each profile exactly as ``tiktok-team plan-many`` writes its
line (``Plan.to_dict()`` as one line of JSON), or for a profile that cannot be planned an :class:`~.models.ItemError`:
its ``index`` in the request (from 0), the ``error`` line and the ``errors`` with their paths
(``profiles.2.stage``), as every error of the service has them. A request holds at most
:data:`~.requests.MAX_PROFILES` profiles (more is a 413): a sweep of thousands is ``tiktok-team plan-many``'s work,
on worker processes. A profile with a number JSON does not allow (``NaN``) makes the whole body something other than
JSON: that is the request's 422, not an item's.

The profiles are planned in the server's thread pool, so that the event loop goes on answering other requests
between them (a hundred take up to a few tenths of a second).
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from .._contract import PlanData
from .._errors import TiktokTeamError
from .._profile import BusinessProfile
from .._recommend import remembered_plan
from .._rulebook import Rulebook
from .models import ItemError, ProfilesRequest
from .requests import MAX_PROFILES, Rejected, problems
from .routes import MEDIA_TYPES, compact_json, describe, new_router, read_body, rulebook

__all__ = ["plan_items", "router"]

router = new_router()


@router.post(
    "/v1/plan-many",
    summary="The plans of many profiles at once",
    operation_id="plan_many",
    **describe(
        ProfilesRequest,
        list[PlanData | ItemError],
        errors=(413, 415, 422),
        said={413: f"The body is over 1 MiB, or has more than {MAX_PROFILES} profiles."},
    ),
)
async def post_plan_many(request: Request) -> Response:
    """A plan for each profile, in the order of the profiles: each as ``POST /v1/plan`` answers it (here on one
    line), or for a bad profile an error in its place with its ``index`` and the path of each field at fault. What
    ``tiktok-team plan-many`` writes, a line an item, as one JSON list."""
    body, book = await read_body(request, ProfilesRequest), rulebook(request)
    return Response(await run_in_threadpool(plan_items, body["profiles"], book), media_type=MEDIA_TYPES["json"])


def plan_items(profiles: Sequence[object], book: Rulebook) -> bytes:
    """The answer to ``profiles`` (each as sent): a JSON list with one item a line.

    Examples
    --------
    >>> import json
    >>> from tiktok_team import load_rulebook
    >>> text = plan_items([{"stage": "growth", "sourcing": "own_stock"}, {"stage": "seed"}], load_rulebook())
    >>> lines = text.decode().splitlines()
    >>> lines[0], lines[1].startswith('{"schema_version":'), lines[-1]
    ('[', True, ']')
    >>> error = json.loads(lines[2])
    >>> error["index"], [problem["path"] for problem in error["errors"]]
    (1, ['profiles.1.stage', 'profiles.1.sourcing'])
    >>> print(error["error"])
    profiles.1.stage: 'seed' is not one of startup, growth, mature; profiles.1.sourcing: required field is missing
    >>> plan_items([], load_rulebook())
    b'[]\\n'
    """
    items = [_item(index, profile, book) for index, profile in enumerate(profiles)]
    return b"[\n" + b",\n".join(items) + b"\n]\n" if items else b"[]\n"


def _item(index: int, profile: object, book: Rulebook) -> bytes:
    try:
        plan = remembered_plan(BusinessProfile.parse(profile), book)
    except TiktokTeamError as exc:
        return compact_json({"index": index, **Rejected(422, problems(exc, f"profiles.{index}")).body()})
    return compact_json(plan.to_dict())
