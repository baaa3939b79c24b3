"""Renderers: pure functions from a result to text. They decide nothing; they only present."""

from .json import render_json
from .markdown import render_gap_markdown, render_markdown, render_roadmap_markdown, render_verify_markdown

__all__ = [
    "FORMATS",
    "render_gap_markdown",
    "render_json",
    "render_markdown",
    "render_roadmap_markdown",
    "render_verify_markdown",
]

FORMATS = ("json", "markdown")
