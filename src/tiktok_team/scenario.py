"""Deprecated since 0.2.0, goes in 0.3.0: scenario files are imported from :mod:`tiktok_team`.

``from tiktok_team.scenario import ...`` still works and warns (:class:`DeprecationWarning`), saying where each name is
imported from now. The module itself is private (``tiktok_team._scenario``): its name says that it may change.
"""

from typing import TYPE_CHECKING

from ._lazy import moved

if TYPE_CHECKING:
    from ._scenario import (
        EDGE_KINDS,
        Cite,
        EdgeExpectation,
        HoldExpectation,
        Scenario,
        bundled_scenarios,
        load_scenarios,
    )

__all__ = [
    "EDGE_KINDS",
    "Cite",
    "EdgeExpectation",
    "HoldExpectation",
    "Scenario",
    "bundled_scenarios",
    "load_scenarios",
]
__getattr__ = moved(__name__, "tiktok_team._scenario", __all__, since="0.2.0", instead="tiktok_team")
