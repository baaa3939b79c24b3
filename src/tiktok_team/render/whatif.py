"""Deprecated since 0.2.0, goes in 0.3.0: the what-if renderers are imported from :mod:`tiktok_team.render`.

``from tiktok_team.render.whatif import ...`` still works and warns (:class:`DeprecationWarning`), saying where each
name is imported from now. The module itself is private (``tiktok_team.render._whatif``): its name says that it may
change.
"""

from typing import TYPE_CHECKING

from .._lazy import moved

if TYPE_CHECKING:
    from ._whatif import WHATIF_FORMATS, render_whatif_markdown, whatif_command

__all__ = ["WHATIF_FORMATS", "render_whatif_markdown", "whatif_command"]
__getattr__ = moved(__name__, "tiktok_team.render._whatif", __all__, since="0.2.0", instead="tiktok_team.render")
