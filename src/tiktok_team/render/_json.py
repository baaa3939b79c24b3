"""JSON output: a result's ``to_dict()`` as indented UTF-8 JSON, byte-for-byte deterministic."""

from __future__ import annotations

import json
from typing import Any, Protocol

from .._lazy import publish

__all__ = ["HasDict", "render_json"]


class HasDict(Protocol):
    """A result that JSON can carry: a plan, roadmap, gap, comparison, what-if table or report."""

    def to_dict(self) -> dict[str, Any]: ...


def render_json(result: HasDict) -> str:
    """Render a plan, roadmap or gap (anything with ``to_dict()``) as JSON text ending in a newline.

    Examples
    --------
    >>> import json
    >>> from tiktok_team import recommend
    >>> data = json.loads(render_json(recommend({"stage": "startup", "sourcing": "dropship"})))
    >>> data["staffing"] is None
    True
    """
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
