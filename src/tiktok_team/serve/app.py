"""The service as an ASGI application: the endpoints of :mod:`.api`, the planner page, and errors as JSON.

:func:`create_app` builds it around one rulebook, shared by every request (with its pool of compiled engines).
:func:`app_from_environment` builds it as ``tiktok-team serve`` configured it, for each worker process: it is the
application factory to name to any ASGI server, e.g. ``uvicorn --factory tiktok_team.serve.app:app_from_environment``.

Every error is JSON in one shape (:class:`~.models.ErrorBody`): 404 for an unknown path, rule or schema (with a
"did you mean"), 405 for a wrong method, 413 for a body over 1 MiB (or too many profiles), 415 for a body that is not
JSON, 422 for a bad field, 503 when Graphviz is missing for a picture, 500 for anything else, never with a traceback
(that goes to the server's log).

The endpoints are those of :mod:`.api` (planning), :mod:`.batch` (many profiles) and :mod:`.reference` (the
rulebook and the contract), in that order in the OpenAPI document; each has an ``operationId`` of its own, a word or
two (``plan``, ``plan_many``, ``rules``), for the method names of generated clients. Cross-origin calls from browsers
are allowed only from the origins given (:mod:`.cors`).
"""

from __future__ import annotations

import gc
import json
import logging
import os
import re
from collections.abc import Collection, Mapping, Sequence
from importlib import resources
from pathlib import PurePosixPath
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from pydantic.json_schema import models_json_schema
from starlette.exceptions import HTTPException

from .. import __version__
from .._entries import Role, Unit
from .._errors import GraphvizError, PlanError, ProfileError, TeamError, TiktokTeamError, suggest
from .._profile import BusinessProfile
from .._recommend import recommend
from .._rulebook import Rulebook, load_rulebook
from . import api, batch, reference
from .cors import Cors, parse_origin
from .models import REQUESTS
from .requests import Rejected, problems
from .server import CONFIG_VARIABLE

__all__ = ["app_from_environment", "create_app"]

TITLE = "tiktok-team"
DESCRIPTION = (
    "Recommends the team a TikTok Shop / Douyin live-commerce business should build, with every role explained by "
    "cited rules. The JSON of every answer is exactly what the `tiktok-team` command prints with `--format json`."
)
DEFAULT_START: dict[str, Any] = {"stage": "startup", "sourcing": "own_stock"}
# The page loads nothing from anywhere else: scripts, styles and pictures all come from this server.
_PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
# The page's own files, served from serve/static by their kind: its scripts (ES modules that import one another) and
# its style. index.html is served at "/" with the page's data in it.
_STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
_LOG = logging.getLogger("tiktok_team.serve")
_ENDPOINTS = (api, batch, reference)  # the modules of the endpoints, in the order of the OpenAPI document


def create_app(
    rulebook: Rulebook | None = None, start: BusinessProfile | None = None, cors_origins: Collection[str] = ()
) -> FastAPI:
    """Build the service.

    Parameters
    ----------
    rulebook : Rulebook, optional
        The rules every request is planned with; the bundled rulebook by default.
    start : BusinessProfile, optional
        The profile the planner page shows when its address names none (a startup with its own stock by default).
    cors_origins : collection of str, optional
        The origins whose web pages may call the service from a browser (``https://planner.example.com``; ``*``
        for any); none by default.

    Returns
    -------
    fastapi.FastAPI
        An ASGI application.

    Raises
    ------
    ValueError
        For a CORS origin that is not one (see :func:`.cors.parse_origin`).

    Examples
    --------
    >>> app = create_app()
    >>> [path for path in app.openapi()["paths"] if path.startswith("/v1/")]  # doctest: +NORMALIZE_WHITESPACE
    ['/v1/plan', '/v1/explain', '/v1/roadmap', '/v1/gap', '/v1/compare', '/v1/whatif', '/v1/catalog',
     '/v1/plan-many', '/v1/rules', '/v1/rules/{rule_id}', '/v1/assumptions', '/v1/schema/{kind}']
    """
    origins = [parse_origin(origin) for origin in cors_origins]
    app = FastAPI(title=TITLE, version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.rulebook = rulebook if rulebook is not None else load_rulebook()
    for endpoints in _ENDPOINTS:
        app.include_router(endpoints.router)
    if origins:
        app.add_middleware(Cors, origins=origins)
    page = resources.files(__package__) / "static"
    index = (page / "index.html").read_text("utf-8")
    for name, value in _page_data(app.state.rulebook, start).items():
        index = index.replace("{{" + name + "}}", value)
    static = {
        item.name: (item.read_bytes(), _STATIC_TYPES[PurePosixPath(item.name).suffix])
        for item in page.iterdir()
        if PurePosixPath(item.name).suffix in _STATIC_TYPES
    }

    @app.get("/", include_in_schema=False)
    async def get_page() -> Response:
        return Response(index, media_type="text/html; charset=utf-8", headers=_page_headers())

    @app.get("/static/{name}", include_in_schema=False)
    async def get_static(name: str) -> Response:
        if name not in static:
            raise Rejected(404, [("", f"no such file: /static/{name}{suggest(name, static)}")])
        content, media_type = static[name]
        return Response(content, media_type=media_type, headers=_page_headers())

    app.add_exception_handler(Rejected, _rejected)
    app.add_exception_handler(TiktokTeamError, _library_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _page_data(book: Rulebook, start: BusinessProfile | None) -> dict[str, str]:
    """What the page is given as data: the profile it starts from, the names of the catalog's roles, departments
    and teams (a plan names only the roles it has), and each role's department (the page's team editor groups the
    roles by it). "<" is escaped so that no name can end the script element that holds the data."""
    units: dict[str, Mapping[str, Role | Unit]] = {
        "roles": book.roles,
        "departments": book.departments,
        "teams": book.teams,
    }
    catalog: dict[str, dict[str, Any]] = {
        kind: {key: {"en": unit.en, "zh": unit.zh} for key, unit in found.items()} for kind, found in units.items()
    }
    catalog["role_departments"] = {key: role.department for key, role in book.roles.items()}
    profile = start.model_dump(mode="json", exclude_unset=True) if start is not None else DEFAULT_START
    data = {"START": profile, "CATALOG": catalog}
    return {name: json.dumps(value, ensure_ascii=False).replace("<", "\\u003c") for name, value in data.items()}


def app_from_environment() -> FastAPI:
    """Build the service as ``tiktok-team serve`` configured it in :data:`CONFIG_VARIABLE` (the bundled rulebook and
    the default page if it is not set), ready for a server process. Bad rule files raise :class:`RulebookError`.

    The process plans one profile first, which builds its engine, and then freezes everything it holds so far
    (:func:`gc.freeze`): the garbage collector's full passes then no longer walk the rulebook and its engines, which
    cut their pauses from up to 46 ms to under 1 ms (a sweep of the fact space).
    """
    config = json.loads(os.environ.get(CONFIG_VARIABLE) or "{}")
    start = BusinessProfile.parse(config["profile"]) if config.get("profile") else None
    app = create_app(load_rulebook(*config.get("rules", [])), start, config.get("cors_origins", ()))
    recommend(start or DEFAULT_START, app.state.rulebook)
    gc.collect()
    gc.freeze()
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is None:
        document = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        _, defined = models_json_schema(
            [(model, "validation") for model in REQUESTS], ref_template="#/components/schemas/{model}"
        )
        for name, schema in defined.get("$defs", {}).items():
            if schemas.setdefault(name, schema) != schema:
                raise RuntimeError(f"two different schemas are named {name} in the OpenAPI document")
        used = _referenced(document["paths"], schemas)
        document["components"]["schemas"] = {name: schema for name, schema in schemas.items() if name in used}
        app.openapi_schema = document
    return app.openapi_schema


def _referenced(start: object, schemas: Mapping[str, Any]) -> set[str]:
    """The names of the component schemas that ``start`` refers to, directly or through each other. (A result
    model's excluded ``rulebook`` field makes pydantic define schemas that no response uses.)"""
    found: set[str] = set()
    todo = [start]
    while todo:
        refs = re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(todo.pop()))
        for name in set(refs) - found:
            found.add(name)
            todo.append(schemas[name])
    return found


def _page_headers() -> dict[str, str]:
    return {"Content-Security-Policy": _PAGE_POLICY, "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}


def _error(status: int, found: Sequence[tuple[str, str]], headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(Rejected(status, found).body(), status_code=status, headers=dict(headers or {}))


async def _rejected(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Rejected)
    return _error(exc.status, exc.found)


async def _library_error(_request: Request, exc: Exception) -> Response:
    """An error of the library while answering: about the profile, the team or the role asked, or Graphviz."""
    assert isinstance(exc, TiktokTeamError)
    if isinstance(exc, GraphvizError):
        return _error(503, [("", str(exc))])
    field = next((name for kind, name in _FIELDS.items() if isinstance(exc, kind)), "")
    return _error(422, problems(exc, field) if field else [("", str(exc))])


# The request field that each kind of library error is about.
_FIELDS: dict[type[TiktokTeamError], str] = {ProfileError: "profile", TeamError: "team", PlanError: "role"}


async def _invalid(_request: Request, exc: Exception) -> Response:
    """A query or path parameter FastAPI found wrong (the bodies are checked by :func:`.api.read_body`)."""
    assert isinstance(exc, RequestValidationError)
    return _error(422, [_parameter_problem(error) for error in exc.errors()])


def _parameter_problem(error: dict[str, Any]) -> tuple[str, str]:
    where = [str(part) for part in error.get("loc", ())[1:]]
    value = error.get("input")
    if error.get("type") == "literal_error":
        allowed = [
            choice.strip("'")
            for choice in str(error.get("ctx", {}).get("expected", "")).replace(" or ", ", ").split(", ")
        ]
        hint = suggest(value, allowed) if isinstance(value, str) else ""
        return ".".join(where), f"{value!r} is not one of {', '.join(allowed)}{hint}"
    message = str(error.get("msg", "is not valid"))
    return ".".join(where), f"{message[0].lower()}{message[1:]} (got {value!r})"


async def _http_error(request: Request, exc: Exception) -> Response:
    """An unknown path (404, with the endpoint probably meant) or a method the path does not take (405)."""
    assert isinstance(exc, HTTPException)
    where = f"{request.method} {request.url.path}"
    if exc.status_code == 404:
        routes = [route for endpoints in _ENDPOINTS for route in endpoints.router.routes]
        paths = [getattr(route, "path", "") for route in routes] + ["/", "/openapi.json"]
        return _error(404, [("", f"no such endpoint: {where}{suggest(request.url.path, paths)}")])
    if exc.status_code == 405:
        return _error(
            405,
            [("", f"{where} is not allowed; this path takes {exc.headers.get('Allow', '') if exc.headers else ''}")],
            exc.headers,
        )
    return _error(exc.status_code, [("", str(exc.detail))], exc.headers)


async def _internal_error(request: Request, exc: Exception) -> Response:
    _LOG.error("error answering %s %s", request.method, request.url.path, exc_info=exc)
    return _error(500, [("", "the server failed to answer this request; its log says why")])
