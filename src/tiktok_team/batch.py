"""Deprecated since 0.2.0, goes in 0.3.0: batch planning are imported from :mod:`tiktok_team`.

``from tiktok_team.batch import ...`` still works and warns (:class:`DeprecationWarning`), saying where each name is
imported from now. The module itself is private (``tiktok_team._batch``): its name says that it may change.
"""

from typing import TYPE_CHECKING

from ._lazy import moved

if TYPE_CHECKING:
    from ._batch import (
        EXECUTORS,
        BatchResult,
        JsonLine,
        named_executor,
        plan_jsonl,
        progress_text,
        recommend_each,
        recommend_many,
    )

__all__ = [
    "EXECUTORS",
    "BatchResult",
    "JsonLine",
    "named_executor",
    "plan_jsonl",
    "progress_text",
    "recommend_each",
    "recommend_many",
]
__getattr__ = moved(__name__, "tiktok_team._batch", __all__, since="0.2.0", instead="tiktok_team")
