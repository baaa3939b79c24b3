"""Renderers: pure functions from a result to text. They decide nothing; they only present.

Each renderer's module is imported on first use of its name, so the command line knows the formats
(:mod:`tiktok_team.render.formats`) without loading a renderer.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports
from .formats import COMPARE_FORMATS, FORMATS, LANGS, ROADMAP_FORMATS, TEXT_FORMATS, WHATIF_FORMATS

if TYPE_CHECKING:
    from .compare import compare_command, render_compare_html, render_compare_markdown
    from .dot import render_dot, render_roadmap_dot
    from .graphml import render_graphml
    from .html import render_html
    from .json import render_json
    from .markdown import md_text, render_gap_markdown, render_markdown, render_roadmap_markdown, render_verify_markdown
    from .mermaid import render_mermaid, render_roadmap_mermaid
    from .scenarios import render_scenario_markdown, rules_test
    from .svg import dot_to_svg, render_roadmap_svg, render_svg
    from .whatif import render_whatif_markdown, whatif_command

_HOMES = {
    "compare_command": ".compare",
    "render_compare_html": ".compare",
    "render_compare_markdown": ".compare",
    "render_dot": ".dot",
    "render_roadmap_dot": ".dot",
    "render_graphml": ".graphml",
    "render_html": ".html",
    "render_json": ".json",
    "md_text": ".markdown",
    "render_gap_markdown": ".markdown",
    "render_markdown": ".markdown",
    "render_roadmap_markdown": ".markdown",
    "render_verify_markdown": ".markdown",
    "render_mermaid": ".mermaid",
    "render_roadmap_mermaid": ".mermaid",
    "render_scenario_markdown": ".scenarios",
    "rules_test": ".scenarios",
    "dot_to_svg": ".svg",
    "render_roadmap_svg": ".svg",
    "render_svg": ".svg",
    "render_whatif_markdown": ".whatif",
    "whatif_command": ".whatif",
}
__getattr__ = lazy_exports(__name__, _HOMES)
del lazy_exports  # the package's machinery, not its API

__all__ = [
    "COMPARE_FORMATS",
    "FORMATS",
    "LANGS",
    "ROADMAP_FORMATS",
    "TEXT_FORMATS",
    "WHATIF_FORMATS",
    "compare_command",
    "dot_to_svg",
    "md_text",
    "render_compare_html",
    "render_compare_markdown",
    "render_dot",
    "render_gap_markdown",
    "render_graphml",
    "render_html",
    "render_json",
    "render_markdown",
    "render_mermaid",
    "render_roadmap_dot",
    "render_roadmap_markdown",
    "render_roadmap_mermaid",
    "render_roadmap_svg",
    "render_scenario_markdown",
    "render_svg",
    "render_verify_markdown",
    "render_whatif_markdown",
    "rules_test",
    "whatif_command",
]
