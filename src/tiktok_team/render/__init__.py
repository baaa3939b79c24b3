"""Renderers: pure functions from a result to text. They decide nothing; they only present.

Each renderer's module is imported on first use of its name, so the command line knows the formats
(:mod:`tiktok_team.render._formats`) without loading a renderer.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports
from ._formats import COMPARE_FORMATS, FORMATS, GAP_FORMATS, LANGS, ROADMAP_FORMATS, TEXT_FORMATS, WHATIF_FORMATS

if TYPE_CHECKING:
    from ._catalog import render_catalog_markdown
    from ._compare import compare_command, render_compare_html, render_compare_markdown
    from ._csv import render_compare_csv, render_gap_csv, render_plan_csv, render_roadmap_csv
    from ._dot import render_dot, render_roadmap_dot
    from ._graphml import render_graphml
    from ._html import render_html
    from ._json import render_json
    from ._markdown import (
        md_text,
        render_gap_markdown,
        render_markdown,
        render_roadmap_markdown,
        render_verify_markdown,
    )
    from ._mermaid import render_mermaid, render_roadmap_mermaid
    from ._scenarios import (
        render_coverage,
        render_coverage_csv,
        render_coverage_markdown,
        render_scenario_markdown,
        rules_test_command,
    )
    from ._svg import dot_to_svg, render_roadmap_svg, render_svg
    from ._whatif import render_whatif_markdown, whatif_command

    # The names of _RENAMED, for programs not yet moved to the new ones (at run time they warn).
    rules_test = rules_test_command

_HOMES = {
    "render_catalog_markdown": "._catalog",
    "compare_command": "._compare",
    "render_compare_html": "._compare",
    "render_compare_markdown": "._compare",
    "render_compare_csv": "._csv",
    "render_gap_csv": "._csv",
    "render_plan_csv": "._csv",
    "render_roadmap_csv": "._csv",
    "render_dot": "._dot",
    "render_roadmap_dot": "._dot",
    "render_graphml": "._graphml",
    "render_html": "._html",
    "render_json": "._json",
    "md_text": "._markdown",
    "render_gap_markdown": "._markdown",
    "render_markdown": "._markdown",
    "render_roadmap_markdown": "._markdown",
    "render_verify_markdown": "._markdown",
    "render_mermaid": "._mermaid",
    "render_roadmap_mermaid": "._mermaid",
    "render_coverage": "._scenarios",
    "render_coverage_csv": "._scenarios",
    "render_coverage_markdown": "._scenarios",
    "render_scenario_markdown": "._scenarios",
    "rules_test_command": "._scenarios",
    "dot_to_svg": "._svg",
    "render_roadmap_svg": "._svg",
    "render_svg": "._svg",
    "render_whatif_markdown": "._whatif",
    "whatif_command": "._whatif",
}
# Names that 0.2.0 replaced by names that say what they are (README, "Compatibility"): they warn until 0.3.0.
_RENAMED = {"rules_test": "rules_test_command"}
__getattr__, __dir__ = lazy_exports(__name__, _HOMES, _RENAMED, since="0.2.0")
del lazy_exports  # the package's machinery, not its API

__all__ = [
    "COMPARE_FORMATS",
    "FORMATS",
    "GAP_FORMATS",
    "LANGS",
    "ROADMAP_FORMATS",
    "TEXT_FORMATS",
    "WHATIF_FORMATS",
    "compare_command",
    "dot_to_svg",
    "md_text",
    "render_catalog_markdown",
    "render_compare_csv",
    "render_compare_html",
    "render_compare_markdown",
    "render_coverage",
    "render_coverage_csv",
    "render_coverage_markdown",
    "render_dot",
    "render_gap_csv",
    "render_gap_markdown",
    "render_graphml",
    "render_html",
    "render_json",
    "render_markdown",
    "render_mermaid",
    "render_plan_csv",
    "render_roadmap_csv",
    "render_roadmap_dot",
    "render_roadmap_markdown",
    "render_roadmap_mermaid",
    "render_roadmap_svg",
    "render_scenario_markdown",
    "render_svg",
    "render_verify_markdown",
    "render_whatif_markdown",
    "rules_test_command",
    "whatif_command",
]
