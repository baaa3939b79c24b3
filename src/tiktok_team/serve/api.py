"""The endpoints that plan: ``POST /v1/plan``, ``/v1/explain``, ``/v1/roadmap``, ``/v1/gap``, ``/v1/compare`` and
``/v1/whatif``; and ``GET /v1/catalog``, the catalog of the rulebook (roles, duties, advice, facts ...).

Each takes a JSON body with the profile (and the role or the team; two profiles for a comparison) and answers with
exactly what the command line prints: for ``format=json`` (the default) a result's ``to_dict()`` as
:func:`tiktok_team.render.render_json` writes it, else the text, picture or report of that format. Many profiles at
once are :mod:`.batch`'s; the rulebook, the assumptions and the JSON Schemas are :mod:`.reference`'s.

Planning runs on the event loop (it is CPU work, and a thread would only pass the GIL back and forth); the pictures,
which wait on Graphviz, are drawn in the server's thread pool, so that the loop goes on answering meanwhile.

Each endpoint reads its body with :func:`.routes.read_body` and answers with :func:`.routes.answer`; an endpoint for
another kind of result is a request model in :mod:`.models` and a function of a few lines here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, get_args

from fastapi import Query, Request
from fastapi.responses import Response

from .._catalog import catalog
from .._contract import CatalogData, CompareData, GapData, PlanData, RoadmapData, WhatIfData
from .._errors import ProfileError
from .._gap import gap
from .._plan import Plan
from .._recommend import remembered_plan
from .._roadmap import roadmap
from .._rulebook import Rulebook
from .._whatif import whatif
from ..render import (
    render_catalog_markdown,
    render_compare_csv,
    render_dot,
    render_gap_csv,
    render_gap_markdown,
    render_graphml,
    render_html,
    render_markdown,
    render_mermaid,
    render_plan_csv,
    render_roadmap_csv,
    render_roadmap_dot,
    render_roadmap_markdown,
    render_roadmap_mermaid,
    render_roadmap_svg,
    render_svg,
)
from ..render._compare import render_compare_html, render_compare_markdown
from ..render._json import HasDict
from ..render._whatif import render_whatif_markdown
from .models import CompareRequest, Explanation, GapRequest, PlanRequest, RoadmapRequest, RoleRequest
from .requests import Rejected
from .routes import answer, describe, json_bytes, new_router, read_body
from .routes import rulebook as _book

__all__ = ["in_format", "router"]

Lang = Literal["en", "zh", "both"]
PlanFormat = Literal["json", "markdown", "mermaid", "dot", "graphml", "svg", "html", "csv"]
RoadmapFormat = Literal["json", "markdown", "mermaid", "dot", "svg", "csv"]
GapFormat = Literal["json", "markdown", "csv"]
CompareFormat = Literal["json", "markdown", "html", "csv"]
WhatIfFormat = Literal["json", "markdown"]
ExplainFormat = Literal["json", "text"]
CatalogFormat = Literal["json", "markdown"]
_LANG = Query(description="language: en or zh; both (English and Chinese) for pictures and html, else en")

# Each answer's renderer by format (json aside), each taking the result and ``lang`` as the command line does
# (``both``: the English and the Chinese).
_PLAN_RENDERERS: Mapping[str, Callable[..., str]] = {
    "markdown": render_markdown,
    "mermaid": render_mermaid,
    "dot": render_dot,
    "graphml": render_graphml,
    "svg": render_svg,
    "html": render_html,
    "csv": render_plan_csv,
}
_ROADMAP_RENDERERS: Mapping[str, Callable[..., str]] = {
    "markdown": render_roadmap_markdown,
    "mermaid": render_roadmap_mermaid,
    "dot": render_roadmap_dot,
    "svg": render_roadmap_svg,
    "csv": render_roadmap_csv,
}
_GAP_RENDERERS: Mapping[str, Callable[..., str]] = {"markdown": render_gap_markdown, "csv": render_gap_csv}
_COMPARE_RENDERERS: Mapping[str, Callable[..., str]] = {
    "markdown": render_compare_markdown,
    "html": render_compare_html,
    "csv": render_compare_csv,
}
_WHATIF_RENDERERS: Mapping[str, Callable[..., str]] = {"markdown": render_whatif_markdown}
_CATALOG_RENDERERS: Mapping[str, Callable[..., str]] = {"markdown": render_catalog_markdown}
router = new_router()


def in_format(result: HasDict, fmt: str, lang: str, renderers: Mapping[str, Callable[..., str]]) -> str | bytes:
    """A result in the format asked for: its JSON (:func:`json_bytes`), or the text of its renderer for ``fmt`` in
    ``lang`` (``both``: English and Chinese), as the command line prints it.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> plan = recommend({"stage": "startup", "sourcing": "dropship"})
    >>> in_format(plan, "markdown", "both", _PLAN_RENDERERS) == render_markdown(plan, "both")
    True
    >>> in_format(plan, "mermaid", "zh", _PLAN_RENDERERS) == render_mermaid(plan, "zh")
    True
    """
    return json_bytes(result) if fmt == "json" else renderers[fmt](result, lang)


@router.post(
    "/v1/plan",
    summary="The recommended team for a profile",
    operation_id="plan",
    **describe(PlanRequest, PlanData, get_args(PlanFormat), (413, 415, 422, 503)),
)
async def post_plan(
    request: Request,
    format: Annotated[PlanFormat, Query(description="output format")] = "json",
    lang: Annotated[Lang, _LANG] = "en",
) -> Response:
    """The plan: roles with headcounts and cited reasons, roles left out, advice, the role graph and, with a
    ``headcount_budget``, the staffing. What ``tiktok-team plan FILE --format FORMAT --lang LANG`` prints (with
    ``--keep`` and ``--backward`` from the body's ``keep`` and ``backward``)."""
    body, book = await read_body(request, PlanRequest), _book(request)

    def work() -> str | bytes:
        return in_format(_scoped(body, book), format, lang, _PLAN_RENDERERS)

    return await answer(work, format)


@router.post(
    "/v1/explain",
    summary="Why a role is, or is not, in the plan",
    operation_id="explain",
    **describe(RoleRequest, Explanation, get_args(ExplainFormat), (413, 415, 422)),
)
async def post_explain(
    request: Request,
    format: Annotated[ExplainFormat, Query(description="json, or text as `tiktok-team explain` prints it")] = "json",
    lang: Annotated[Lang, _LANG] = "en",
) -> Response:
    """Why the role is in the plan and with that headcount, or why it is not: each reason a line, citing its rule
    and source, and last what would change it (within ``keep`` and ``backward``). An unknown role is a 422 with a
    "did you mean"."""
    body = await read_body(request, RoleRequest)
    book = _book(request)
    role = body["role"]

    def work() -> str | bytes:
        plan = _scoped(body, book)
        plan.check_role(role)
        in_plan = any(planned.id == role for planned in plan.roles)
        text = plan.why(role, lang) if in_plan else plan.why_not(role, lang)
        if format == "text":
            return text + "\n"
        return json_bytes(Explanation(role=role, in_plan=in_plan, lang=lang, text=text))

    return await answer(work, format)


def _scoped(body: Mapping[str, Any], book: Rulebook) -> Plan:
    """The plan of the body's profile, its counterfactuals within the body's ``keep`` and ``backward``."""
    plan = remembered_plan(body["profile"], book)
    keep, backward = body.get("keep", ()), body.get("backward", False)
    return plan.keeping(keep, backward) if keep or backward else plan


@router.post(
    "/v1/roadmap",
    summary="The hiring plan to maturity",
    operation_id="roadmap",
    **describe(RoadmapRequest, RoadmapData, get_args(RoadmapFormat), (413, 415, 422, 503)),
)
async def post_roadmap(
    request: Request,
    format: Annotated[RoadmapFormat, Query(description="output format")] = "json",
    lang: Annotated[Lang, _LANG] = "en",
) -> Response:
    """The steps from the profile's stage to the next and on to maturity: who to hire, which roles split, what is
    dropped; with ``workloads``, the hires a growing workload calls for at the profile's stage. What
    ``tiktok-team roadmap FILE`` prints."""
    body, book = await read_body(request, RoadmapRequest), _book(request)

    def work() -> str | bytes:
        try:
            found = roadmap(body["profile"], book, workloads=body.get("workloads"))
        except ProfileError as exc:
            if not exc.where.startswith("workloads"):
                raise
            raise Rejected(422, [(exc.where, str(exc).removeprefix(f"{exc.where}: "))]) from None
        return in_format(found, format, lang, _ROADMAP_RENDERERS)

    return await answer(work, format)


@router.post(
    "/v1/gap",
    summary="A current team against the plan",
    operation_id="gap",
    **describe(GapRequest, GapData, get_args(GapFormat), (413, 415, 422)),
)
async def post_gap(
    request: Request,
    format: Annotated[GapFormat, Query(description="output format")] = "json",
    lang: Annotated[Lang, _LANG] = "en",
) -> Response:
    """The roles missing, surplus, wrongly combined or short-staffed in the current team. What
    ``tiktok-team gap FILE --team TEAM_FILE`` prints."""
    body, book = await read_body(request, GapRequest), _book(request)

    def work() -> str | bytes:
        return in_format(gap(body["profile"], body["team"], book), format, lang, _GAP_RENDERERS)

    return await answer(work, format)


@router.post(
    "/v1/compare",
    summary="Two profiles' plans compared",
    operation_id="compare",
    **describe(CompareRequest, CompareData, get_args(CompareFormat), (413, 415, 422, 503)),
)
async def post_compare(
    request: Request,
    format: Annotated[CompareFormat, Query(description="output format")] = "json",
    lang: Annotated[Lang, _LANG] = "en",
) -> Response:
    """What changes from the plan of ``before`` (A) to the plan of ``after`` (B): the profile fields that differ,
    the roles added, removed and re-sized, the edges new and dropped and the advice gained and lost, each with the
    rules responsible. What ``tiktok-team compare A B`` prints (markdown with ``lang=both``: English, then Chinese)."""
    body, book = await read_body(request, CompareRequest), _book(request)

    def work() -> str | bytes:
        diff = remembered_plan(body["before"], book).diff(remembered_plan(body["after"], book))
        return in_format(diff, format, lang, _COMPARE_RENDERERS)

    return await answer(work, format)


@router.post(
    "/v1/whatif",
    summary="What each single change of one fact does to the plan",
    operation_id="whatif",
    **describe(PlanRequest, WhatIfData, get_args(WhatIfFormat), (413, 415, 422)),
)
async def post_whatif(
    request: Request,
    format: Annotated[WhatIfFormat, Query(description="output format")] = "json",
    lang: Annotated[Lang, _LANG] = "en",
) -> Response:
    """The sensitivity table: every change of one fact of the profile (each later stage, each other sourcing and set of
    formats, each yes/no fact flipped), most change first, with what the plan gains and loses; before them, what each
    fact matters. What ``tiktok-team whatif FILE`` prints; ``keep`` leaves out the rows of those facts, and
    ``backward`` adds those that take the stage back."""
    body, book = await read_body(request, PlanRequest), _book(request)

    def work() -> str | bytes:
        table = whatif(body["profile"], book, keep=body.get("keep", ()), backward=body.get("backward", False))
        return in_format(table, format, lang, _WHATIF_RENDERERS)

    return await answer(work, format)


@router.get(
    "/v1/catalog",
    summary="The catalog of the rulebook",
    operation_id="catalog",
    **describe(None, CatalogData, get_args(CatalogFormat), (422,)),
)
async def get_catalog(
    request: Request,
    format: Annotated[CatalogFormat, Query(description="output format")] = "json",
    lang: Annotated[Lang, _LANG] = "en",
) -> Response:
    """The departments, teams and roles with their names, every duty line of each role and when a plan shows it,
    the duties one role may hold for another, the advice and its variants, the facts of a profile with their values,
    and the sources, in English and Chinese: what ``tiktok-team catalog`` prints. Every role id of every answer is
    here, and each answer names its own ids too (its ``names``)."""
    book = _book(request)

    def work() -> str | bytes:
        return in_format(catalog(book), format, lang, _CATALOG_RENDERERS)

    return await answer(work, format)
