"""The endpoints of the service under ``/v1``, and ``/healthz``.

``POST /v1/plan``, ``/v1/explain``, ``/v1/roadmap``, ``/v1/gap``, ``/v1/compare`` and ``/v1/whatif`` take a JSON
body with the profile (and the role or the team; two profiles for a comparison) and answer with exactly what the
command line prints: for ``format=json`` (the default) a result's ``to_dict()`` as
:func:`tiktok_team.render.render_json` writes it, else the text, picture or report of that format.
``GET /v1/rules``, ``/v1/rules/{id}`` and ``/v1/schema/{kind}`` browse the rulebook and the JSON Schemas of the
inputs and of the outputs.

Planning runs on the event loop (it is CPU work, and a thread would only pass the GIL back and forth); the pictures,
which wait on Graphviz, are drawn in the server's thread pool, so that the loop goes on answering meanwhile.

Each endpoint reads its body with :func:`read_body` and answers with :func:`answer`; an endpoint for another kind of
result is a request model in :mod:`.models` and a function of a few lines here.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any, Literal, get_args

import orjson
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from .. import __version__
from .._browse import describe_rule, list_rules, rule_summary
from .._contract import OUTPUT_KINDS, CompareData, GapData, PlanData, RoadmapData, WhatIfData, output_schema
from .._errors import ProfileError, RulebookError, suggest
from .._gap import CurrentTeam, gap
from .._profile import BusinessProfile
from .._recommend import remembered_plan
from .._roadmap import roadmap
from .._rulebook import Rulebook
from .._whatif import whatif
from ..render import (
    render_compare_csv,
    render_dot,
    render_gap_csv,
    render_gap_markdown,
    render_graphml,
    render_html,
    render_json,
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
from .models import (
    CompareRequest,
    ErrorBody,
    Explanation,
    GapRequest,
    Health,
    ProfileRequest,
    RoadmapRequest,
    RoleRequest,
    RuleDetail,
    RuleSummary,
)
from .requests import Rejected, check_size, parse_body

__all__ = ["MEDIA_TYPES", "SCHEMAS", "answer", "in_format", "json_bytes", "read_body", "router"]

Lang = Literal["en", "zh", "both"]
PlanFormat = Literal["json", "markdown", "mermaid", "dot", "graphml", "svg", "html", "csv"]
RoadmapFormat = Literal["json", "markdown", "mermaid", "dot", "svg", "csv"]
GapFormat = Literal["json", "markdown", "csv"]
CompareFormat = Literal["json", "markdown", "html", "csv"]
WhatIfFormat = Literal["json", "markdown"]
ExplainFormat = Literal["json", "text"]
_LANG = Query(description="language: en or zh; both (English and Chinese) for pictures and html, else en")

MEDIA_TYPES = {
    "json": "application/json",
    "markdown": "text/markdown; charset=utf-8",
    "mermaid": "text/plain; charset=utf-8",
    "dot": "text/vnd.graphviz; charset=utf-8",
    "graphml": "application/graphml+xml; charset=utf-8",
    "svg": "image/svg+xml; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "text": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
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
_ERRORS = {
    404: "No such rule or schema; the error names the id probably meant.",
    413: "The body is over 1 MiB.",
    415: "The body is not JSON.",
    422: "A field of the request is wrong: each problem names its path.",
    503: "Graphviz, which lays out the svg and html pictures, is missing or failed.",
}
router = APIRouter()


def _doc(
    request: type[BaseModel] | None, response: Any, formats: tuple[str, ...] = ("json",), errors: tuple[int, ...] = ()
) -> dict[str, Any]:
    """The OpenAPI description of an endpoint: its request body (checked by :func:`read_body`, not by FastAPI), its
    response model for JSON and the media types of its other formats, and its ``errors``."""
    content: dict[str, Any] = {MEDIA_TYPES[f].split(";")[0]: {} for f in formats if f != "json"}
    kinds = ", ".join(f"{f} as {MEDIA_TYPES[f].split(';')[0]}" for f in formats)
    answer = f"The answer by `format`: {kinds}." if len(formats) > 1 else "The answer, as JSON."
    failures = {status: {"model": ErrorBody, "description": _ERRORS[status]} for status in errors}
    doc: dict[str, Any] = {
        "response_class": Response,
        "responses": {200: {"model": response, "content": content, "description": answer}, **failures},
    }
    if request is not None:
        schema = {"$ref": f"#/components/schemas/{request.__name__}"}
        body = {"required": True, "content": {"application/json": {"schema": schema}}}
        doc["openapi_extra"] = {"requestBody": body}
    return doc


async def read_body(request: Request, model: type[BaseModel]) -> dict[str, Any]:
    """Read the request's body (at most 1 MiB) and parse it against ``model`` (see :func:`.requests.parse_body`)."""
    check_size(request.headers.get("content-length"), 0)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        check_size(None, size)
        chunks.append(chunk)
    return parse_body(request.headers.get("content-type"), b"".join(chunks), model)


def json_bytes(result: HasDict) -> bytes:
    """``render_json(result)`` as UTF-8: the same bytes, about 20 times faster where orjson can write them.

    orjson writes JSON with the same indentation, separators, escapes and numbers as the json module, except a float
    under 1e-4 (Python writes ``1e-05``, orjson ``0.00001`` or ``1e-5``); it refuses lone surrogates and integers
    over 64 bits. Where its text may show such a float (a digit, ``e-`` and a digit, or ``0.0000``: in a string too,
    which costs only time) or it refuses, the json module writes the answer.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> plan = recommend({"stage": "growth", "sourcing": "dropship"})
    >>> json_bytes(plan) == render_json(plan).encode()
    True
    >>> tiny = _Data({"share": 1e-05, "name": "主播"})
    >>> json_bytes(tiny) == render_json(tiny).encode()
    True
    >>> print(json_bytes(tiny).decode(), end="")
    {
      "share": 1e-05,
      "name": "主播"
    }
    """
    data = result.to_dict()
    try:
        fast: bytes | None = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except TypeError:  # a lone surrogate, or an integer over 64 bits
        fast = None
    return render_json(_Data(data)).encode() if fast is None or _unlike_python(fast) else fast


def _unlike_python(text: bytes) -> bool:
    """Whether ``text`` may hold a float that orjson writes unlike the json module (``0.0000`` or a digit, ``e-``, a
    digit). Searched for as plain bytes first: a regular expression starting with a digit class takes ten times
    as long over an answer."""
    return b"0.0000" in text or any(text[m.start() - 1 : m.start()].isdigit() for m in _EXPONENT.finditer(text))


_EXPONENT = re.compile(rb"e-[0-9]")


@dataclass(frozen=True)
class _Data:
    """Data already made, for :func:`render_json` (which asks for ``to_dict()``)."""

    data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return self.data


async def answer(work: Callable[[], str | bytes], fmt: str) -> Response:
    """Do the work of a request; answer with its text in the media type of ``fmt``.

    Planning is CPU work, done here on the event loop: a thread would only add the cost of handing the GIL back and
    forth (0.3 to 0.5 ms of CPU a request, a quarter of the whole, measured), and a process is as busy either way.
    The pictures (``svg``, ``html``) wait on Graphviz, a program of its own, so they are drawn in the thread pool
    and the loop goes on answering meanwhile.
    """
    text = await run_in_threadpool(work) if fmt in _WAITING else work()
    return Response(text, media_type=MEDIA_TYPES[fmt])


_WAITING = {"svg", "html"}  # formats whose work waits on Graphviz


def _book(request: Request) -> Rulebook:
    book: Rulebook = request.app.state.rulebook
    return book


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
    **_doc(ProfileRequest, PlanData, get_args(PlanFormat), (413, 415, 422, 503)),
)
async def post_plan(
    request: Request,
    format: Annotated[PlanFormat, Query(description="output format")] = "json",
    lang: Annotated[Lang, _LANG] = "en",
) -> Response:
    """The plan: roles with headcounts and cited reasons, roles left out, advice, the role graph and, with a
    ``headcount_budget``, the staffing. What ``tiktok-team plan FILE --format FORMAT --lang LANG`` prints."""
    body, book = await read_body(request, ProfileRequest), _book(request)

    def work() -> str | bytes:
        return in_format(remembered_plan(body["profile"], book), format, lang, _PLAN_RENDERERS)

    return await answer(work, format)


@router.post(
    "/v1/explain",
    summary="Why a role is, or is not, in the plan",
    **_doc(RoleRequest, Explanation, get_args(ExplainFormat), (413, 415, 422)),
)
async def post_explain(
    request: Request,
    format: Annotated[ExplainFormat, Query(description="json, or text as `tiktok-team explain` prints it")] = "json",
    lang: Annotated[Lang, _LANG] = "en",
) -> Response:
    """Why the role is in the plan and with that headcount, or why it is not: each reason a line, citing its rule
    and source. An unknown role is a 422 with a "did you mean"."""
    body = await read_body(request, RoleRequest)
    book = _book(request)
    role = body["role"]

    def work() -> str | bytes:
        plan = remembered_plan(body["profile"], book)
        plan.check_role(role)
        in_plan = any(planned.id == role for planned in plan.roles)
        text = plan.why(role, lang) if in_plan else plan.why_not(role, lang)
        if format == "text":
            return text + "\n"
        return json_bytes(Explanation(role=role, in_plan=in_plan, lang=lang, text=text))

    return await answer(work, format)


@router.post(
    "/v1/roadmap",
    summary="The hiring plan to maturity",
    **_doc(RoadmapRequest, RoadmapData, get_args(RoadmapFormat), (413, 415, 422, 503)),
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
    **_doc(GapRequest, GapData, get_args(GapFormat), (413, 415, 422)),
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
    **_doc(CompareRequest, CompareData, get_args(CompareFormat), (413, 415, 422, 503)),
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
    **_doc(ProfileRequest, WhatIfData, get_args(WhatIfFormat), (413, 415, 422)),
)
async def post_whatif(
    request: Request,
    format: Annotated[WhatIfFormat, Query(description="output format")] = "json",
    lang: Annotated[Lang, _LANG] = "en",
) -> Response:
    """The sensitivity table: every change of one fact of the profile (each other stage, sourcing and set of
    formats, each yes/no fact flipped), most change first, with what the plan gains and loses. What
    ``tiktok-team whatif FILE`` prints."""
    body, book = await read_body(request, ProfileRequest), _book(request)

    def work() -> str | bytes:
        return in_format(whatif(body["profile"], book), format, lang, _WHATIF_RENDERERS)

    return await answer(work, format)


@router.get("/v1/rules", summary="The rules, sorted by id", **_doc(None, list[RuleSummary], errors=(422,)))
async def get_rules(
    request: Request,
    source: Annotated[str | None, Query(description="only rules citing this source, e.g. three-stages")] = None,
    guidance: Annotated[str | None, Query(description="only rules encoding this guidance item, e.g. G17")] = None,
) -> Response:
    """Each rule's id and citation: what ``tiktok-team rules list --format json`` prints."""
    book = _book(request)
    try:
        rules = list_rules(book, source, guidance)
    except RulebookError as exc:
        raise Rejected(422, [("source" if source not in (None, *book.sources) else "guidance", str(exc))]) from None
    return Response(_dumps([rule_summary(rule) for rule in rules]), media_type=MEDIA_TYPES["json"])


@router.get("/v1/rules/{rule_id}", summary="One rule", **_doc(None, RuleDetail, errors=(404, 422)))
async def get_rule(
    request: Request, rule_id: Annotated[str, Path(description="a rule id, e.g. growth-service-splits")]
) -> Response:
    """A rule's citation, and in words (``tiktok-team rules show``) its condition, its effects and the guidance it
    encodes. An unknown id is a 404 with a "did you mean"."""
    book = _book(request)
    rule = book.rules.get(rule_id)
    if rule is None:
        raise Rejected(404, [("rule_id", f"unknown rule '{rule_id}'{suggest(rule_id, book.rules)}")])
    detail = {
        **rule_summary(rule),
        "because": rule.because,
        "priority": rule.priority,
        "text": describe_rule(book, rule_id),
    }
    return Response(_dumps(detail), media_type=MEDIA_TYPES["json"])


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
    **_doc(None, dict[str, Any], errors=(404, 422)),
)
async def get_schema(kind: Annotated[str, Path(description=f"one of {', '.join(SCHEMAS)}")]) -> Response:
    """The JSON Schema of a profile (what ``tiktok-team schema`` prints), of a current team (for ``/v1/gap``), or of
    a JSON answer (what ``tiktok-team schema --output-of KIND`` prints; each answer's ``schema_version`` says which
    version of it the answer follows)."""
    if kind not in SCHEMAS:
        raise Rejected(404, [("kind", f"unknown schema '{kind}'{suggest(kind, SCHEMAS)}; one of {', '.join(SCHEMAS)}")])
    return Response(_dumps(SCHEMAS[kind]()), media_type=MEDIA_TYPES["json"])


@router.get("/healthz", summary="The server is up", **_doc(None, Health))
async def get_health(request: Request) -> Response:
    """The version, the rulebook's size and files, and whether Graphviz (for svg and html) is installed."""
    book = _book(request)
    health = {
        "status": "ok",
        "version": __version__,
        "rules": len(book.rules),
        "files": list(book.files),
        "graphviz": shutil.which("dot") is not None,
    }
    return Response(_dumps(health), media_type=MEDIA_TYPES["json"])


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
