"""Renderers: pure functions from a plan to text. They decide nothing; they only present."""

from .json import render_json
from .markdown import render_markdown

__all__ = ["FORMATS", "render_json", "render_markdown"]

FORMATS = ("json", "markdown")
