"""Names a package exports: imported from their modules only when first used (PEP 562), listed by ``dir()``, and
reported as the package's own.

The command line starts fast because of this: ``import tiktok_team`` and ``import tiktok_team.render`` import no
module of theirs until one of their names is read, so ``tiktok-team --help`` never loads the engine, pydantic's
models or networkx. Type checkers read the same names from the package's ``if TYPE_CHECKING:`` imports.

A class or function a package exports says that package is its module (``tiktok_team.Plan``, not
``tiktok_team._plan.Plan``), as users import it: in reprs, tracebacks, pickles and the API reference. Each module
that defines exported names calls :func:`publish` once, at its end, so this holds from the moment the name exists,
whichever way it was reached. A pickle names ``tiktok_team.Plan``, which the package's ``__getattr__`` resolves.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Callable, Mapping
from types import FunctionType
from typing import Any

__all__ = ["lazy_exports", "publish"]

# Each lazily exporting package, with the module (relative to it) that each of its names comes from.
_EXPORTS: dict[str, Mapping[str, str]] = {}


def lazy_exports(
    package: str, homes: Mapping[str, str], renamed: Mapping[str, str] | None = None, *, since: str = ""
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A module ``__getattr__`` and ``__dir__`` for ``package``, which import each exported name on first use.

    Parameters
    ----------
    package
        The package's ``__name__``.
    homes
        Each exported name and the module it comes from, relative to ``package`` (``"._plan"``).
    renamed
        Deprecated names, each with the exported name that replaces it. Reading one warns with a
        :class:`DeprecationWarning` naming the new name and the version that removes the old one (the minor version
        after ``since``), and gives the new name's value. ``dir()`` does not list them.
    since
        The version that deprecated the ``renamed`` names.

    Returns
    -------
    tuple of two callables
        The functions to bind as the package's ``__getattr__`` and ``__dir__``. The first looks the name up in its
        module each time (the package's namespace never holds it, so that the module stays where the name's
        doctests run); the second lists the package's attributes and every exported name.

    Raises
    ------
    AttributeError
        From ``__getattr__``, for a name the package does not export.

    Examples
    --------
    >>> import tiktok_team
    >>> tiktok_team.recommend.__name__, "recommend" in dir(tiktok_team)
    ('recommend', True)
    """
    _EXPORTS[package] = homes
    old = renamed or {}
    major, _, rest = since.partition(".")
    gone = f"{major}.{int(rest.partition('.')[0]) + 1}.0" if old else ""

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is not None:
            return getattr(importlib.import_module(home, package), name)
        new = old.get(name)
        if new is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        warnings.warn(
            f"{package}.{name} is deprecated since {since} and goes in {gone}: use {package}.{new}",
            DeprecationWarning,
            stacklevel=2,
        )
        return __getattr__(new)

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *homes})

    return __getattr__, __dir__


def publish(module: str) -> None:
    """Make the classes and functions that ``module``'s package exports from ``module`` report the package as their
    module; call it at the end of ``module``.

    Their doctests still run in ``module``, with its names: each is entered in ``module.__test__``, where doctest
    looks whatever an object's ``__module__`` says (doctest otherwise skips an object that says it comes from
    elsewhere).

    Parameters
    ----------
    module
        The ``__name__`` of a module of a package that exports names with :func:`lazy_exports`.

    Examples
    --------
    >>> from tiktok_team._plan import Plan
    >>> Plan.__module__, Plan.__qualname__
    ('tiktok_team', 'Plan')
    >>> import pickle, tiktok_team
    >>> pickle.loads(pickle.dumps(Plan)) is tiktok_team.Plan
    True
    """
    package, _, leaf = module.rpartition(".")
    namespace = vars(sys.modules[module])
    tests: dict[str, object] = namespace.setdefault("__test__", {})
    for name, home in _EXPORTS[package].items():
        value = namespace.get(name) if home == f".{leaf}" else None
        if isinstance(value, type):
            _resolve_annotations(value, namespace)
        if isinstance(value, (type, FunctionType)):
            value.__module__ = package
            tests[name] = value


def _resolve_annotations(cls: type, namespace: dict[str, Any]) -> None:
    """Evaluate the annotations ``cls`` holds as text (``from __future__ import annotations``) in the module that
    defines it, as :func:`typing.get_type_hints` would: once ``cls`` says another module is its own, that module's
    names are where pydantic, dataclasses and ``get_type_hints`` would look them up. A name imported only for type
    checkers stays text. A pydantic model that is not built yet is built first, with the module's names."""
    rebuild = getattr(cls, "model_rebuild", None)
    if rebuild is not None and getattr(cls, "__pydantic_complete__", True) is False:
        rebuild(_types_namespace=namespace)
    annotations: dict[str, Any] = vars(cls).get("__annotations__", {})
    fields: dict[str, Any] = vars(cls).get("__dataclass_fields__", {})
    for name, hint in annotations.items():
        if isinstance(hint, str):
            try:
                annotations[name] = eval(hint, namespace)  # our own annotations, as get_type_hints evaluates them
            except NameError:
                continue
            if name in fields:
                fields[name].type = annotations[name]
