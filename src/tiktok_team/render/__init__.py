"""Renderers: pure functions from a result to text. They decide nothing; they only present."""

from .dot import render_dot, render_roadmap_dot
from .graphml import render_graphml
from .html import render_html
from .json import render_json
from .markdown import render_gap_markdown, render_markdown, render_roadmap_markdown, render_verify_markdown
from .mermaid import render_mermaid, render_roadmap_mermaid
from .scenarios import render_scenario_markdown, rules_test
from .svg import dot_to_svg, render_roadmap_svg, render_svg

__all__ = [
    "FORMATS",
    "LANGS",
    "ROADMAP_FORMATS",
    "dot_to_svg",
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
    "rules_test",
]

# The formats of a plan (``tiktok-team plan --format``) and of a roadmap; a gap is json or markdown.
FORMATS = ("json", "markdown", "mermaid", "dot", "graphml", "svg", "html")
ROADMAP_FORMATS = ("json", "markdown", "mermaid", "dot", "svg")
# Languages of the pictures and the HTML report; json has no language and markdown is en or zh.
LANGS = ("en", "zh", "both")
