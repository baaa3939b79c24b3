"""The JSON Schemas that ``tiktok-team schema`` prints, generated from the pydantic models into files beside this
module and shipped in the wheel.

The command reads a file instead of building the model, so it answers without importing pydantic (the models take
longer to build than the whole command may take, docs/performance.md). The files are never written by hand:
``python -m tiktok_team._schemas --write`` (part of ``make docs``) generates every kind of :data:`SCHEMAS`, and
``tests/test_schemas.py`` fails when a file differs from its model's schema.
"""

from __future__ import annotations

import argparse
import importlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["SCHEMAS", "model_schema", "read_schema", "schema_path", "write_schemas"]

SCHEMAS: Mapping[str, str] = {
    "profile": "tiktok_team._profile:BusinessProfile",
}
"""Each kind of schema and the pydantic model it is generated from (``module:Class``)."""

_HERE = Path(__file__).resolve().parent


def schema_path(kind: str) -> Path:
    """The file that holds the schema of ``kind``: ``<kind>.json`` beside this module."""
    if kind not in SCHEMAS:
        raise KeyError(f"no JSON Schema of kind {kind!r}; the kinds are {', '.join(SCHEMAS)}")
    return _HERE / f"{kind}.json"


def read_schema(kind: str) -> str:
    """The generated schema of ``kind``, as the command prints it (JSON, indented, ending with a newline).

    Examples
    --------
    >>> import json
    >>> json.loads(read_schema("profile"))["title"]
    'BusinessProfile'
    """
    return schema_path(kind).read_text(encoding="utf-8")


def model_schema(kind: str) -> str:
    """The schema of ``kind`` built from its model now, in the form of :func:`read_schema` (imports the model)."""
    module, name = SCHEMAS[kind].split(":")
    model: Any = getattr(importlib.import_module(module), name)
    return json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schemas(kinds: Iterable[str] | None = None) -> list[Path]:
    """Generate the schema file of each of ``kinds`` (default: every kind of :data:`SCHEMAS`) from its model;
    return the files whose content changed."""
    changed = []
    for kind in SCHEMAS if kinds is None else kinds:
        path, text = schema_path(kind), model_schema(kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tiktok_team._schemas --write | --check [KIND ...]``."""
    parser = argparse.ArgumentParser(prog="python -m tiktok_team._schemas", description=__doc__.split("\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="generate the schema files from the models")
    action.add_argument("--check", action="store_true", help="exit 1 if a schema file differs from its model")
    parser.add_argument("kinds", nargs="*", metavar="KIND", help=f"{', '.join(SCHEMAS)} (default: every kind)")
    args = parser.parse_args(argv)
    kinds = args.kinds or list(SCHEMAS)
    unknown = [kind for kind in kinds if kind not in SCHEMAS]
    if unknown:
        parser.error(f"unknown kind {unknown[0]!r}; the kinds are {', '.join(SCHEMAS)}")
    if args.write:
        for path in write_schemas(kinds):
            print(f"wrote {path}")
        return 0
    stale = [kind for kind in kinds if not schema_path(kind).is_file() or read_schema(kind) != model_schema(kind)]
    for kind in stale:
        print(f"{schema_path(kind)} is not the schema of {SCHEMAS[kind]}: run python -m tiktok_team._schemas --write")
    return 1 if stale else 0
