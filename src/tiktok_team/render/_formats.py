"""The output formats and languages each command offers: plain constants, so the command line's arguments are
known without importing a renderer.

Examples
--------
>>> "svg" in FORMATS, "svg" in COMPARE_FORMATS
(True, False)
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "COMPARE_FORMATS",
    "FORMATS",
    "GAP_FORMATS",
    "LANGS",
    "ROADMAP_FORMATS",
    "SCENARIO_FORMATS",
    "TEXT_FORMATS",
    "WHATIF_FORMATS",
    "Lang",
]

Lang = Literal["en", "zh", "both"]
# Languages of the outputs: English, Chinese, or both (the English report, then the Chinese one).
LANGS: tuple[Lang, ...] = ("en", "zh", "both")
# A plan (``tiktok-team plan --format``), a roadmap, a comparison of two plans and a what-if table.
FORMATS = ("json", "markdown", "mermaid", "dot", "graphml", "svg", "html", "csv")
ROADMAP_FORMATS = ("json", "markdown", "mermaid", "dot", "svg", "csv")
COMPARE_FORMATS = ("json", "markdown", "html", "csv")
# The gap to a current team (``tiktok-team gap --format``).
GAP_FORMATS = ("json", "markdown", "csv")
WHATIF_FORMATS = ("json", "markdown")
# The outputs without a picture: the gap, the rule listings, verify and scenario reports.
TEXT_FORMATS = ("json", "markdown")
# Scenario tests: their report (json, markdown) or, with --coverage, their coverage of the rulebook (csv too).
SCENARIO_FORMATS = ("json", "markdown", "csv")
