"""docs/api.md, generated from the service's OpenAPI document: ``python -m tiktok_team.serve.apidoc``.

``make docs`` rewrites docs/api.md with it, and a test fails when the file is stale. Every endpoint gets its
method and path, what it does, its query and path parameters, its request body, and its answers by status and media
type; every model gets a table of its fields. Nothing here is written by hand but the short introduction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["api_markdown"]

_INTRODUCTION = """\
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
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            out += _operation(method.upper(), path, operation)
    out += ["## Models", ""]
    for name, schema in sorted(document.get("components", {}).get("schemas", {}).items()):
        out += _model(name, schema)
    return "\n".join(out).rstrip("\n") + "\n"


def _operation(method: str, path: str, operation: Mapping[str, Any]) -> list[str]:
    out = [f"## `{method} {path}`", "", f"**{operation.get('summary', '')}.**", ""]
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
        out.append(f"| {status} | {_cell(response.get('description', ''))} {'; '.join(shapes)} |")
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
