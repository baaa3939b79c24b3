"""Deprecated since 0.2.0, goes in 0.3.0: import the gap between a current team and the plan from :mod:`tiktok_team`.

``from tiktok_team.gap import gap`` still works and warns (:class:`DeprecationWarning`); write
``from tiktok_team import gap``. The module itself is private (``tiktok_team._gap``): its name was also the
name of the function, and a submodule would hide the function on the package.
"""

from typing import TYPE_CHECKING

from ._lazy import moved

if TYPE_CHECKING:
    from ._gap import Conflict, CurrentTeam, Gap, Member, Shortfall, gap

__all__ = ["Conflict", "CurrentTeam", "Gap", "Member", "Shortfall", "gap"]
__getattr__ = moved(__name__, "tiktok_team._gap", __all__, since="0.2.0", instead="tiktok_team")
