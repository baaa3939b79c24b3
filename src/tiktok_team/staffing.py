"""Deprecated since 0.2.0, goes in 0.3.0: staffing under a budget are imported from :mod:`tiktok_team`.

``from tiktok_team.staffing import ...`` still works and warns (:class:`DeprecationWarning`), saying where each name is
imported from now. The module itself is private (``tiktok_team._staffing``): its name says that it may change.
"""

from typing import TYPE_CHECKING

from ._lazy import moved

if TYPE_CHECKING:
    from ._staffing import MAX_HEADCOUNT, Consolidation, consolidate, deferral_order, fit_to_budget, workload_headcounts

__all__ = ["MAX_HEADCOUNT", "Consolidation", "consolidate", "deferral_order", "fit_to_budget", "workload_headcounts"]
__getattr__ = moved(__name__, "tiktok_team._staffing", __all__, since="0.2.0", instead="tiktok_team")
