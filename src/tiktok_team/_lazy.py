"""Names a package exports, imported from their modules only when first used (PEP 562).

The command line starts fast because of this: ``import tiktok_team`` and ``import tiktok_team.render`` import no
module of theirs until one of their names is read, so ``tiktok-team --help`` never loads the engine, pydantic's
models or networkx. Type checkers read the same names from the package's ``if TYPE_CHECKING:`` imports.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping

__all__ = ["lazy_exports"]


def lazy_exports(package: str, homes: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``package`` that imports each exported name from its home module on first use.

    Parameters
    ----------
    package
        The package's ``__name__``.
    homes
        Each exported name and the module it comes from, relative to ``package`` (``".plan"``).

    Returns
    -------
    Callable
        The function to bind as the package's ``__getattr__``. It keeps what it imported on the package, so each
        name is looked up once.

    Raises
    ------
    AttributeError
        From the returned function, for a name the package does not export.

    Examples
    --------
    >>> import tiktok_team
    >>> tiktok_team.recommend.__name__
    'recommend'
    """

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home, package), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
