"""Deprecated since 0.2.0, goes in 0.3.0: import the hiring roadmap from :mod:`tiktok_team`.

``from tiktok_team.roadmap import roadmap`` still works and warns (:class:`DeprecationWarning`); write
``from tiktok_team import roadmap``. The module itself is private (``tiktok_team._roadmap``): its name was also the
name of the function, and a submodule would hide the function on the package.
"""

from typing import TYPE_CHECKING

from ._lazy import moved

if TYPE_CHECKING:
    from ._roadmap import Hire, Roadmap, SplitStep, Step, roadmap

__all__ = ["Hire", "Roadmap", "SplitStep", "Step", "roadmap"]
__getattr__ = moved(__name__, "tiktok_team._roadmap", __all__, since="0.2.0", instead="tiktok_team")
