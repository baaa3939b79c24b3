"""Deprecated since 0.2.0, goes in 0.3.0: the markdown renderers are imported from :mod:`tiktok_team.render`.

``from tiktok_team.render.markdown import ...`` still works and warns (:class:`DeprecationWarning`), saying where each
name is imported from now. The module itself is private (``tiktok_team.render._markdown``): its name says that it may
change.
"""

from typing import TYPE_CHECKING

from .._lazy import moved

if TYPE_CHECKING:
    from ._markdown import (
        md_text,
        render_gap_markdown,
        render_markdown,
        render_roadmap_markdown,
        render_verify_markdown,
    )

__all__ = ["md_text", "render_gap_markdown", "render_markdown", "render_roadmap_markdown", "render_verify_markdown"]
__getattr__ = moved(__name__, "tiktok_team.render._markdown", __all__, since="0.2.0", instead="tiktok_team.render")
