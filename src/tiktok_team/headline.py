"""Deprecated since 0.2.0, goes in 0.3.0: import a plan's one-sentence headline from :mod:`tiktok_team`.

``from tiktok_team.headline import headline`` still works and warns (:class:`DeprecationWarning`); write
``from tiktok_team import headline``. The module itself is private (``tiktok_team._headline``): its name was also the
name of the function, and a submodule would hide the function on the package.
"""

from typing import TYPE_CHECKING

from ._lazy import moved

if TYPE_CHECKING:
    from ._headline import FORMAT_WORDS, headline

__all__ = ["FORMAT_WORDS", "headline"]
__getattr__ = moved(__name__, "tiktok_team._headline", __all__, since="0.2.0", instead="tiktok_team")
