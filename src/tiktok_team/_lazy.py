"""Names a package exports, imported from their modules only when first used (PEP 562).

The command line starts fast because of this: ``import tiktok_team`` and ``import tiktok_team.render`` import no
module of theirs until one of their names is read, so ``tiktok-team --help`` never loads the engine, pydantic's
models or networkx. Type checkers read the same names from the package's ``if TYPE_CHECKING:`` imports.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Callable, Collection, Mapping
from types import ModuleType

__all__ = ["exports_win", "lazy_exports", "moved"]


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


class _Package(ModuleType):
    """A package whose exported names win over its submodules of the same name (see :func:`exports_win`)."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, ModuleType) and name in self.__dict__.get("_EXPORTS_WIN", ()):
            return
        super().__setattr__(name, value)


def exports_win(package: str, names: Collection[str]) -> None:
    """Keep ``names`` of ``package`` bound to what the package exports, even once a submodule of that name is imported.

    Importing ``package.roadmap`` sets the attribute ``roadmap`` of ``package`` to the module, which would hide the
    function ``roadmap`` that the package exports. For the ``names`` given here the package ignores that assignment:
    the submodule stays importable (``from package.roadmap import Roadmap``) and the package's attribute stays the
    function. The language reference allows this (customizing module attribute access: assign ``__class__``).

    Parameters
    ----------
    package
        The package's ``__name__``.
    names
        The exported names that share their name with a submodule.

    Examples
    --------
    >>> import tiktok_team, tiktok_team.roadmap
    >>> callable(tiktok_team.roadmap)
    True
    """
    module = sys.modules[package]
    module.__dict__["_EXPORTS_WIN"] = frozenset(names)
    module.__class__ = _Package


def moved(old: str, new: str, names: Collection[str], *, since: str, instead: str) -> Callable[[str], object]:
    """A module ``__getattr__`` for a module that moved: each of its ``names`` still works, with a warning.

    Parameters
    ----------
    old
        The old module's ``__name__`` (``"tiktok_team.roadmap"``).
    new
        The module the names now come from (``"tiktok_team._roadmap"``).
    names
        The names the old module had in its ``__all__``.
    since
        The version that deprecated the old module; it goes in the next minor version after it.
    instead
        Where a user imports the names from now (``"tiktok_team"``).

    Returns
    -------
    Callable
        The function to bind as the old module's ``__getattr__``. Each read of a name warns with a
        :class:`DeprecationWarning` that says where to import it from instead.

    Raises
    ------
    AttributeError
        From the returned function, for a name the old module never had.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     from tiktok_team.roadmap import Roadmap
    >>> print(caught[0].message)
    tiktok_team.roadmap is deprecated since 0.2.0 and goes in 0.3.0: import Roadmap from tiktok_team instead
    """
    known = frozenset(names)
    major, minor, *_ = since.split(".")
    gone = f"{major}.{int(minor) + 1}.0"

    def __getattr__(name: str) -> object:
        if name not in known:
            raise AttributeError(f"module {old!r} has no attribute {name!r}")
        where = importlib.import_module(instead)
        hint = f"import {name} from {instead} instead" if name in where.__all__ else f"{name} is private from then on"
        warnings.warn(
            f"{old} is deprecated since {since} and goes in {gone}: {hint}",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module(new), name)

    return __getattr__
