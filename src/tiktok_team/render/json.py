"""The JSON form of a plan: :meth:`Plan.to_dict` as indented UTF-8 JSON, byte-for-byte deterministic."""

from __future__ import annotations

import json

from ..plan import Plan

__all__ = ["render_json"]


def render_json(plan: Plan) -> str:
    """Render ``plan.to_dict()`` as JSON text ending in a newline.

    Examples
    --------
    >>> import json
    >>> from tiktok_team import recommend
    >>> data = json.loads(render_json(recommend({"stage": "startup", "sourcing": "dropship"})))
    >>> data["staffing"] is None
    True
    """
    return json.dumps(plan.to_dict(), ensure_ascii=False, indent=2) + "\n"
