"""The endpoints that read the rulebook and the contract: ``GET /v1/rules``, ``/v1/rules/{id}``,
``/v1/assumptions``, ``/v1/schema/{kind}``, and ``/healthz``.

Each answers with what the command line prints for it (``rules list --format json``, ``assumptions --format json``,
``schema``). Only the server's rulebook decides these answers, so they are negotiated as the plans are (ETag, 304,
gzip), except ``/healthz``, which says how the server is now.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from functools import partial
from typing import Annotated, Any

from fastapi import Path, Query, Request
from fastapi.responses import Response

from .. import __version__
from .._browse import assumptions_data, describe_rule, list_rules, rule_summary
from .._contract import OUTPUT_KINDS, output_schema
from .._errors import RulebookError, suggest
from .._gap import CurrentTeam
from .._profile import BusinessProfile
from .models import AssumptionRow, Health, RuleDetail, RuleSummary
from .requests import Rejected
from .routes import MEDIA_TYPES, describe, dumps, new_router, rulebook

__all__ = ["SCHEMAS", "router"]

router = new_router()


@router.get(
    "/v1/rules",
    summary="The rules, sorted by id",
    operation_id="rules",
    **describe(None, list[RuleSummary], errors=(422,)),
)
async def get_rules(
    request: Request,
    source: Annotated[str | None, Query(description="only rules citing this source, e.g. three-stages")] = None,
    guidance: Annotated[str | None, Query(description="only rules encoding this guidance item, e.g. G17")] = None,
) -> Response:
    """Each rule's id and citation: what ``tiktok-team rules list --format json`` prints."""
    book = rulebook(request)
    try:
        rules = list_rules(book, source, guidance)
    except RulebookError as exc:
        raise Rejected(422, [("source" if source not in (None, *book.sources) else "guidance", str(exc))]) from None
    return Response(dumps([rule_summary(rule) for rule in rules]), media_type=MEDIA_TYPES["json"])


@router.get(
    "/v1/rules/{rule_id}", summary="One rule", operation_id="rule", **describe(None, RuleDetail, errors=(404, 422))
)
async def get_rule(
    request: Request, rule_id: Annotated[str, Path(description="a rule id, e.g. growth-service-splits")]
) -> Response:
    """A rule's citation, and in words (``tiktok-team rules show``) its condition, its effects and the guidance it
    encodes. An unknown id is a 404 with a "did you mean"."""
    book = rulebook(request)
    rule = book.rules.get(rule_id)
    if rule is None:
        raise Rejected(404, [("rule_id", f"unknown rule '{rule_id}'{suggest(rule_id, book.rules)}")])
    detail = {
        **rule_summary(rule),
        "because": rule.because,
        "priority": rule.priority,
        "text": describe_rule(book, rule_id),
    }
    return Response(dumps(detail), media_type=MEDIA_TYPES["json"])


@router.get(
    "/v1/assumptions",
    summary="The capacity assumptions behind workload headcounts",
    operation_id="assumptions",
    **describe(None, list[AssumptionRow]),
)
async def get_assumptions(request: Request) -> Response:
    """Each capacity assumption: its default value and unit, what it measures, why that default, and the roles it
    sizes. What ``tiktok-team assumptions --format json`` prints; a profile's ``assumptions`` override the values."""
    return Response(dumps(assumptions_data(rulebook(request))), media_type=MEDIA_TYPES["json"])


# The JSON Schemas served by /v1/schema/{kind}: the inputs (what ``tiktok-team schema`` prints for a profile) and the
# JSON outputs (``tiktok-team schema --output-of KIND``).
SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "profile": BusinessProfile.model_json_schema,
    "team": CurrentTeam.model_json_schema,
    **{kind: partial(output_schema, kind) for kind in OUTPUT_KINDS},
}


@router.get(
    "/v1/schema/{kind}",
    summary="The JSON Schema of an input or an output",
    operation_id="schema",
    **describe(None, dict[str, Any], errors=(404, 422)),
)
async def get_schema(kind: Annotated[str, Path(description=f"one of {', '.join(SCHEMAS)}")]) -> Response:
    """The JSON Schema of a profile (what ``tiktok-team schema`` prints), of a current team (for ``/v1/gap``), or of
    a JSON answer (what ``tiktok-team schema --output-of KIND`` prints; each answer's ``schema_version`` says which
    version of it the answer follows)."""
    if kind not in SCHEMAS:
        raise Rejected(404, [("kind", f"unknown schema '{kind}'{suggest(kind, SCHEMAS)}; one of {', '.join(SCHEMAS)}")])
    return Response(dumps(SCHEMAS[kind]()), media_type=MEDIA_TYPES["json"])


@router.get("/healthz", summary="The server is up", operation_id="health", **describe(None, Health, cached=False))
async def get_health(request: Request) -> Response:
    """The version, the rulebook's size and files, and whether Graphviz (for svg and html) is installed: how the
    server is now, so never to be kept (``Cache-Control: no-store``)."""
    book = rulebook(request)
    health = {
        "status": "ok",
        "version": __version__,
        "rules": len(book.rules),
        "files": list(book.files),
        "graphviz": shutil.which("dot") is not None,
    }
    return Response(dumps(health), media_type=MEDIA_TYPES["json"], headers={"Cache-Control": "no-store"})
