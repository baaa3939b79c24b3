"""Build the API reference (HTML, with pdoc) of the public API: ``python docs/reference.py OUTDIR`` (``make docs``).

The public API is the names in ``__all__`` of :mod:`tiktok_team`, :mod:`tiktok_team.render` and
:mod:`tiktok_team.testing`; pdoc documents exactly those three modules, each of their names where the user imports
it, with the numpy-style docstrings rendered. The package roots import their names lazily, so each name is read once
first: pdoc then finds it on the package (rather than taking ``roadmap`` for the deprecated module of that name).
"""

from __future__ import annotations

import importlib
import sys
import warnings
from pathlib import Path

import pdoc
import pdoc.render

PUBLIC = ("tiktok_team", "tiktok_team.render", "tiktok_team.testing")


def build(outdir: Path) -> None:
    """Write the reference into ``outdir``: ``index.html`` and one page per public module."""
    for name in PUBLIC:
        module = importlib.import_module(name)
        for export in module.__all__:
            getattr(module, export)
    pdoc.render.configure(docformat="numpy", footer_text="tiktok-team", show_source=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a name that does not resolve, or a docstring pdoc cannot read, fails
        # Each public module without its submodules: an ``!`` (a regular expression) drops what earlier specs added.
        pdoc.pdoc(*PUBLIC, r"!tiktok_team\.(?!(render|testing)$)", r"!tiktok_team\.render\.", output_directory=outdir)


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "build/reference"))
