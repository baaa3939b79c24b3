"""Deprecated since 0.2.0, goes in 0.3.0: import checking a rulebook over its whole fact space from :mod:`tiktok_team`.

``from tiktok_team.verify import verify`` still works and warns (:class:`DeprecationWarning`); write
``from tiktok_team import verify``. The module itself is private (``tiktok_team._verify``): its name was also the
name of the function, and a submodule would hide the function on the package.
"""

from typing import TYPE_CHECKING

from ._lazy import moved

if TYPE_CHECKING:
    from ._verify import Finding, VerifyReport, fact_space, verify

__all__ = ["Finding", "VerifyReport", "fact_space", "verify"]
__getattr__ = moved(__name__, "tiktok_team._verify", __all__, since="0.2.0", instead="tiktok_team")
