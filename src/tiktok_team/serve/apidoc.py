"""docs/api.md, generated from the service's OpenAPI document: ``python -m tiktok_team.serve.apidoc``.

``make docs`` rewrites docs/api.md with it, and a test fails when the file is stale. Every endpoint gets its
method and path, what it does, its query and path parameters, its request body, and its answers by status and media
type; every model gets a table of its fields. Nothing here is written by hand but the short introduction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .cors import MAX_AGE
from .negotiation import CACHE_CONTROL, GZIP_MIN

__all__ = ["api_markdown"]

_INTRODUCTION = f"""\
# The HTTP API

Generated from the OpenAPI document of `tiktok-team serve` (`/openapi.json`) by `python -m tiktok_team.serve.apidoc`;
do not edit by hand (`make docs` rewrites it). How to run the server and call it from another language is in the
[user guide](user-guide.md#14-the-http-service-and-the-planner-page).

Every request body is JSON (`Content-Type: application/json`, UTF-8, at most 1 MiB). Output options are query
parameters: `format` (as `--format` on the command line) and `lang` (`en`, `zh`, or `both` for pictures and html).
The JSON of an answer is exactly what the command line prints with `--format json`. Every error is JSON of one shape,
`ErrorBody`: `error`, one line saying what is wrong (with a "did you mean" where one fits), and `errors`, each
problem with the `path` of the field at fault (`profile.stage`, `team`, `role`, `format`; empty for the request as a
whole) and its `message`.

Every endpoint has an operation id of a word or two (`plan`, `plan_many`, `rules`), which generated clients take for
the names of their methods.

Every answer that only its request decides (all but `/healthz`) carries an `ETag`, a digest of its exact bytes, and
`Cache-Control: {CACHE_CONTROL}`: keep the answer, send its tag back in `If-None-Match`, and while the answer is the
same the server says `304 Not Modified` with no body (it still works the answer out to compare it: what a 304 saves
is sending it). The planning endpoints are POSTs that change nothing, so they answer a match with 304 as a GET would
(RFC 9110 keeps 304 for GET and HEAD, and 412 for the other methods; a client of this API reads 304 as "what you
have is still the answer"). An answer of {GZIP_MIN} bytes or more comes gzipped when the request's `Accept-Encoding`
takes gzip (`Content-Encoding: gzip`, `Vary: Accept-Encoding`; its tag then ends in `-gzip`); browsers and most HTTP
clients ask for it by themselves.

A web page of another origin may call the API from a browser only if the server was started with
`--cors-origin ORIGIN` (repeatable; `*` for any origin). Then the page's preflight (`OPTIONS` with
`Access-Control-Request-Method`) is answered 204 with `Access-Control-Allow-Origin`,
`Access-Control-Allow-Methods: GET, POST`, the headers it asked for and `Access-Control-Max-Age: {MAX_AGE}`, and every
answer to the page carries `Access-Control-Allow-Origin` and `Access-Control-Expose-Headers: ETag`. Any other origin
gets the answer it would get without the option, with no `Access-Control-*` header (its preflight is a 405, like any
`OPTIONS`), so its browser keeps the answer from the page.
"""


def api_markdown(document: Mapping[str, Any]) -> str:
    """The markdown reference of an OpenAPI document: its endpoints in order, then its models by name.

    Examples
    --------
    >>> from tiktok_team.serve.app import create_app
    >>> text = api_markdown(create_app().openapi())
    >>> "## `POST /v1/plan`" in text and "### `BusinessProfile`" in text
    True
    """
    out = [_INTRODUCTION, f"Version {document['info']['version']}.", "", "## Endpoints", ""]
    operations = [(method, path, op) for path, ops in document["paths"].items() for method, op in ops.items()]
    for method, path, operation in operations:
        out += _operation(method.upper(), path, operation)
    out += _headers([operation for _, _, operation in operations])
    out += ["## Models", ""]
    for name, schema in sorted(document.get("components", {}).get("schemas", {}).items()):
        out += _model(name, schema)
    return "\n".join(out).rstrip("\n") + "\n"


def _operation(method: str, path: str, operation: Mapping[str, Any]) -> list[str]:
    out = [
        f"## `{method} {path}`",
        "",
        f"**{operation.get('summary', '')}.** Operation id: `{operation['operationId']}`.",
        "",
    ]
    if operation.get("description"):
        out += [_prose(operation["description"]), ""]
    parameters = operation.get("parameters", [])
    if parameters:
        out += ["| Parameter | In | Values | Default | Meaning |", "| --- | --- | --- | --- | --- |"]
        for parameter in parameters:
            schema = parameter.get("schema", {})
            default = f"`{schema['default']}`" if schema.get("default") is not None else ""
            meaning = _cell(parameter.get("description", ""))
            out.append(f"| `{parameter['name']}` | {parameter['in']} | {_type(schema)} | {default} | {meaning} |")
        out.append("")
    body = operation.get("requestBody")
    if body:
        out += [f"Request body (JSON): {_type(body['content']['application/json']['schema'])}.", ""]
    out += ["| Status | Answer |", "| --- | --- |"]
    for status, response in operation.get("responses", {}).items():
        shapes = [
            f"`{media}`: {_type(c['schema'])}" for media, c in response.get("content", {}).items() if "schema" in c
        ]
        headers = ", ".join(f"`{name}`" for name in response.get("headers", {}))
        said = [_cell(response.get("description", "")), "; ".join(shapes) + "." if shapes else ""]
        said.append(f"Headers: {headers}." if headers else "")
        out.append(f"| {status} | {' '.join(part for part in said if part)} |")
    return [*out, ""]


def _headers(operations: list[Mapping[str, Any]]) -> list[str]:
    """A table of the headers the endpoints read and answer with, each meaning once, in the order first met."""
    found: dict[tuple[str, str, str], None] = {}
    for operation in operations:
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "header":
                found[parameter["name"], "request", parameter.get("description", "")] = None
        for response in operation.get("responses", {}).values():
            for name, header in response.get("headers", {}).items():
                found[name, "answer", header.get("description", "")] = None
    if not found:
        return []
    out = ["## Headers", "", "| Header | In | Meaning |", "| --- | --- | --- |"]
    out += [f"| `{name}` | {where} | {_cell(meaning)} |" for name, where, meaning in found]
    return [*out, ""]


def _model(name: str, schema: Mapping[str, Any]) -> list[str]:
    out = [f"### `{name}`", ""]
    if schema.get("description"):
        out += [_prose(schema["description"]), ""]
    properties = schema.get("properties", {})
    if not properties:
        return [*out, f"Type: {_type(schema)}.", ""]
    required = set(schema.get("required", []))
    out += ["| Field | Type | Required | Meaning |", "| --- | --- | --- | --- |"]
    for field, spec in properties.items():
        needed = "yes" if field in required else ""
        out.append(f"| `{field}` | {_type(spec)} | {needed} | {_cell(spec.get('description', ''))} |")
    return [*out, ""]


def _type(schema: Mapping[str, Any]) -> str:
    """A JSON Schema in a few words: a model name (linked), ``list of ...``, ``a or b``, or the allowed values."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[`{name}`](#{name.lower()})"
    if "enum" in schema:
        return " \\| ".join(f"`{value}`" for value in schema["enum"])
    if "anyOf" in schema:
        return " or ".join(_type(option) for option in schema["anyOf"])
    kind = schema.get("type", "any")
    if kind == "array":
        words = "set" if schema.get("uniqueItems") else "list"
        return f"{words} of {_type(schema.get('items', {}))}"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"map of string to {_type(schema['additionalProperties'])}"
    limits = [f"{word} {schema[key]}" for key, word in _LIMITS if key in schema]
    return str(kind) + (f" ({', '.join(limits)})" if limits else "")


_LIMITS = (("minimum", ">="), ("exclusiveMinimum", ">"), ("maximum", "<="), ("minLength", "length >="))


def _prose(text: str) -> str:
    """A docstring's text as markdown: rst's double backquotes become single ones."""
    return re.sub(r"``([^`]+)``", r"`\1`", text.strip())


def _cell(text: str) -> str:
    return " ".join(_prose(text).split()).replace("|", "\\|")


if __name__ == "__main__":  # pragma: no cover - run by `make docs`
    from .app import create_app

    print(api_markdown(create_app().openapi()), end="")
