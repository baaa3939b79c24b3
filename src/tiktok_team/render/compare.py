"""Deprecated since 0.2.0, goes in 0.3.0: the comparison renderers are imported from :mod:`tiktok_team.render`.

``from tiktok_team.render.compare import ...`` still works and warns (:class:`DeprecationWarning`), saying where each
name is imported from now. The module itself is private (``tiktok_team.render._compare``): its name says that it may
change.
"""

from typing import TYPE_CHECKING

from .._lazy import moved

if TYPE_CHECKING:
    from ._compare import COMPARE_FORMATS, compare_command, render_compare_html, render_compare_markdown

__all__ = ["COMPARE_FORMATS", "compare_command", "render_compare_html", "render_compare_markdown"]
__getattr__ = moved(__name__, "tiktok_team.render._compare", __all__, since="0.2.0", instead="tiktok_team.render")
