"""Deprecated since 0.2.0, goes in 0.3.0: import the what-if table from :mod:`tiktok_team`.

``from tiktok_team.whatif import whatif`` still works and warns (:class:`DeprecationWarning`); write
``from tiktok_team import whatif``. The module itself is private (``tiktok_team._whatif``): its name was also the
name of the function, and a submodule would hide the function on the package.
"""

from typing import TYPE_CHECKING

from ._lazy import moved

if TYPE_CHECKING:
    from ._whatif import WhatIf, WhatIfRow, single_changes, whatif

__all__ = ["WhatIf", "WhatIfRow", "single_changes", "whatif"]
__getattr__ = moved(__name__, "tiktok_team._whatif", __all__, since="0.2.0", instead="tiktok_team")
