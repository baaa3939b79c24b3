"""The version of the JSON outputs' schema, and the names of the outputs, on the lowest floor: every result's
``to_dict()`` can carry the version, and the command line can offer the names without loading the models.

The schemas themselves, and what a change of each part of the version means, are in :mod:`tiktok_team._contract`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["OUTPUT_KINDS", "SCHEMA_VERSION", "with_schema_version"]

# MAJOR.MINOR: the minor grows when keys are only added, the major for any key removed, renamed or changed in type
# or meaning (see tiktok_team._contract).
SCHEMA_VERSION = "1.1"
# The JSON outputs, by the names `tiktok-team schema --output-of` takes (each one's model: tiktok_team._contract).
OUTPUT_KINDS: tuple[str, ...] = (
    "plan",
    "roadmap",
    "gap",
    "compare",
    "whatif",
    "verify",
    "scenarios",
    "coverage",
    "catalog",
)


def with_schema_version(data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` as the top level of an output: ``schema_version`` first, then the keys of ``data``.

    Examples
    --------
    >>> with_schema_version({"stage": "mature", "steps": []})
    {'schema_version': '1.1', 'stage': 'mature', 'steps': []}
    """
    return {"schema_version": SCHEMA_VERSION, **data}
