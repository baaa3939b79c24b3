"""The public API is exactly the names in ``__all__`` of the three public modules, each documented and in the
API reference.

The rules, strict but achievable:

- every name of ``__all__`` resolves; a lazy package root lists each name three times (``__all__``, ``_HOMES`` and
  the ``if TYPE_CHECKING:`` imports that type checkers read), and the three agree;
- a public-looking name in a public module (no leading underscore) is in its ``__all__``, unless it is a module, or
  comes from outside tiktok-team (``typing.Any``), or is a public name of ``tiktok_team`` imported under that name;
- every public function and class has a docstring, and so does every public method and property a class defines;
- every public function has an ``Examples`` section (they run as doctests); a public class has one of its own, or is
  what an exemplified function returns, or the type of a field of such a class (a result is shown by the function
  that makes it);
- no public function, method or attribute returns ``Any`` (but a JSON object, ``dict[str, Any]``), apart from a
  short list that says why;
- the API reference (docs/reference.md, written by ``docs/reference.py`` in ``make docs``) is current, and has a
  section for every public name and none for an internal module or name;
- every public class and function says its public module is its own (``tiktok_team.Plan``): in its repr, its
  pickle and a traceback, however it was reached, and its type hints still resolve;
- ``dir()`` of a lazy root lists its names.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import json
import pickle
import re
import subprocess
import sys
import traceback
import types
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest

import tiktok_team

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_MODULES = ("tiktok_team", "tiktok_team.render", "tiktok_team.testing")
NOT_API = {"TYPE_CHECKING", "annotations"}  # ``from typing import TYPE_CHECKING``, ``from __future__ import ...``
EXAMPLES = re.compile(r"^\s*Examples\n\s*-{8,}\n", re.M)


def _public() -> Iterator[tuple[str, str, object]]:
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for export in module.__all__:
            yield name, export, getattr(module, export)


PUBLIC = list(_public())
IDS = [f"{module}.{name}" for module, name, _ in PUBLIC]
DOCUMENTED = [(m, n, v) for m, n, v in PUBLIC if inspect.isclass(v) or inspect.isfunction(v)]
DOC_IDS = [f"{module}.{name}" for module, name, _ in DOCUMENTED]


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_is_sorted_without_repeats(name: str) -> None:
    """In the order ruff keeps ``__all__`` in (RUF022): constants, then classes, then the rest, each by name."""
    exports = importlib.import_module(name).__all__
    assert len(set(exports)) == len(exports)
    assert list(exports) == sorted(exports, key=_ruff_order)


def _ruff_order(name: str) -> tuple[int, str]:
    """Constants (``SCHEMA_VERSION``) first, then classes (``Plan``), then functions and the rest."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


@pytest.mark.parametrize("name", ["tiktok_team", "tiktok_team.render"])
def test_a_lazy_root_lists_each_name_in_all_in_its_homes_and_for_type_checkers(name: str) -> None:
    module = importlib.import_module(name)
    tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
    checked: set[str] = set()
    aliases: dict[str, str] = {}  # the renamed names, for type checkers
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            checked |= {alias.asname or alias.name for stmt in node.body for alias in getattr(stmt, "names", [])}
            aliases |= {
                target.id: stmt.value.id
                for stmt in node.body
                if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Name)
                for target in stmt.targets
                if isinstance(target, ast.Name)
            }
    eager = set(_eager_names(tree))
    assert set(module._HOMES) == set(module.__all__) - eager
    assert checked | eager == set(module.__all__)
    assert aliases == module._RENAMED


RENAMED = [
    (m, old, new)
    for m in ("tiktok_team", "tiktok_team.render")
    for old, new in importlib.import_module(m)._RENAMED.items()
]


@pytest.mark.parametrize(("module", "old", "new"), RENAMED, ids=[f"{m}.{old}" for m, old, _ in RENAMED])
def test_a_renamed_name_still_works_warning_what_to_use_until_the_next_minor_version(
    module: str, old: str, new: str
) -> None:
    package = importlib.import_module(module)
    said = (
        rf"^{re.escape(module)}\.{old} is deprecated since 0\.2\.0 and goes in 0\.3\.0: use {re.escape(module)}\.{new}$"
    )
    with pytest.warns(DeprecationWarning, match=said):
        value = getattr(package, old)
    assert value is getattr(package, new)
    assert new in package.__all__
    assert old not in package.__all__
    assert value.__name__ == new  # reprs, pickles and tracebacks say the new name


def _eager_names(tree: ast.Module) -> list[str]:
    """Names a lazy root imports eagerly at its top level (the render formats), not counting its own machinery."""
    return [
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module not in ("typing", "_lazy")
        for alias in node.names
    ]


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_no_public_looking_name_is_left_out_of_all(name: str) -> None:
    module = importlib.import_module(name)
    for export in module.__all__:  # a lazy root's namespace holds what its names brought in
        getattr(module, export)
    root = set(tiktok_team.__all__)
    stray = []
    for attribute, value in vars(module).items():
        if attribute.startswith("_") or attribute in module.__all__ or attribute in NOT_API:
            continue
        if isinstance(value, types.ModuleType):
            continue
        home = getattr(value, "__module__", None)
        if isinstance(home, str) and home.split(".")[0] != "tiktok_team" and not isinstance(value, str):
            continue
        if name != "tiktok_team" and attribute in root and getattr(tiktok_team, attribute) is value:
            continue
        stray.append(attribute)
    assert stray == [], f"{name}: public-looking names not in __all__ (add them, or import them as _names)"


@pytest.mark.parametrize(("module", "name", "value"), DOCUMENTED, ids=DOC_IDS)
def test_every_public_function_and_class_has_a_docstring(module: str, name: str, value: object) -> None:
    assert inspect.getdoc(value), f"{module}.{name} has no docstring"
    if inspect.isclass(value):
        for attribute, member in vars(value).items():
            if attribute.startswith("_"):
                continue
            function = member.__func__ if isinstance(member, (classmethod, staticmethod)) else member
            if isinstance(function, (property, types.FunctionType)):
                assert inspect.getdoc(function), f"{module}.{name}.{attribute} has no docstring"


def _classes_in(annotation: object) -> Iterator[type]:
    if inspect.isclass(annotation):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _classes_in(argument)


def _hints(value: object) -> dict[str, object]:
    try:
        # Names a module imports only for type checkers are public names of the package root.
        return typing.get_type_hints(value, localns=_public_names())
    except (NameError, TypeError):
        return {}


@functools.cache
def _public_names() -> dict[str, object]:
    """The package root's public names and their values (read once: each read imports the name's module)."""
    return {name: getattr(tiktok_team, name) for name in tiktok_team.__all__}


def _exemplified() -> set[type]:
    """The public classes a runnable example shows: their own, or one of a function that returns them (at any depth
    of fields)."""
    shown: set[type] = set()
    todo: list[type] = []
    for _, _, value in DOCUMENTED:
        if EXAMPLES.search(inspect.getdoc(value) or ""):
            if inspect.isclass(value):
                todo.append(value)
            else:
                todo.extend(_classes_in(_hints(value).get("return")))
    while todo:
        cls = todo.pop()
        if cls in shown:
            continue
        shown.add(cls)
        for attribute, hint in _hints(cls).items():
            if not attribute.startswith("_"):
                todo.extend(_classes_in(hint))
        for member in vars(cls).values():
            if isinstance(member, property) and member.fget is not None:
                todo.extend(_classes_in(_hints(member.fget).get("return")))
            elif isinstance(member, types.FunctionType) and EXAMPLES.search(inspect.getdoc(member) or ""):
                todo.extend(_classes_in(_hints(member).get("return")))
    return shown


@pytest.mark.parametrize(("module", "name", "value"), DOCUMENTED, ids=DOC_IDS)
def test_every_public_name_has_an_example(module: str, name: str, value: object) -> None:
    if inspect.isfunction(value):
        assert EXAMPLES.search(inspect.getdoc(value) or ""), f"{module}.{name} has no Examples section"
    else:
        assert value in _exemplified(), (
            f"{module}.{name}: no Examples section of its own, and no exemplified function returns it"
        )


def _reference_builder() -> types.ModuleType:
    """docs/reference.py, the script ``make docs`` runs to write docs/reference.md."""
    pytest.importorskip("pdoc")
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        import reference as builder  # noqa: PLC0415 - docs/reference.py, a script beside the docs
    finally:
        sys.path.remove(str(ROOT / "docs"))
    return builder


@pytest.fixture(scope="module")
def reference() -> str:
    """The committed API reference, docs/reference.md."""
    return (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")


def test_the_committed_api_reference_is_what_the_docstrings_give(reference: str) -> None:
    assert reference == _reference_builder().reference(), "docs/reference.md is stale: run make docs"


@pytest.mark.parametrize(("module", "name", "value"), PUBLIC, ids=IDS)
def test_the_api_reference_documents_every_public_name(module: str, name: str, value: object, reference: str) -> None:
    assert f"\n### {module}.{name}\n" in reference


def test_the_api_reference_documents_no_internal_module_nor_name(reference: str) -> None:
    reference = re.sub(r"^```.*?^```$", "", reference, flags=re.M | re.S)  # examples print markdown headings too
    modules = re.findall(r"^## (\S+)$", reference, re.M)
    assert modules == list(PUBLIC_MODULES)
    sections = re.findall(r"^### (\S+)$", reference, re.M)
    assert sections == IDS


# ``Any`` where it is the truth: a value of any fact of the profile (str, bool, int or a set of formats). A JSON
# object, ``dict[str, Any]``, is allowed everywhere. (``Plan.graph`` is annotated as a networkx ``MultiDiGraph``.)
ANY_ALLOWED = {"Counterfactual.changes", "FactChange.after", "FactChange.before"}


def _signatures() -> Iterator[tuple[str, str]]:
    for module, name, value in DOCUMENTED:
        if inspect.isfunction(value):
            yield f"{module}.{name}", str(value.__annotations__.get("return"))
            continue
        for attribute, hint in getattr(value, "__annotations__", {}).items():
            if not attribute.startswith("_"):
                yield f"{name}.{attribute}", str(hint).replace("typing.Any", "Any")  # as text, or evaluated
        for attribute, member in vars(value).items():
            function = member.__func__ if isinstance(member, (classmethod, staticmethod)) else member
            function = function.fget if isinstance(function, property) else function
            if not attribute.startswith("_") and isinstance(function, types.FunctionType):
                yield f"{name}.{attribute}", str(function.__annotations__.get("return"))


def test_no_any_leaks_out_of_a_public_result_or_attribute() -> None:
    leaks = sorted(where for where, hint in _signatures() if re.search(r"\bAny\b", hint.replace("dict[str, Any]", "")))
    assert leaks == sorted(ANY_ALLOWED)


def _homes() -> Iterator[tuple[str, str, str]]:
    """Each exported class and function: its public module, its name, and the private module that defines it."""
    for module, name, value in DOCUMENTED:
        home = vars(importlib.import_module(module)).get("_HOMES", {}).get(name)
        yield module, name, f"{module}{home}" if home else inspect.getmodule(value).__name__  # type: ignore[union-attr]


def test_every_public_class_and_function_names_its_public_module_however_it_was_reached() -> None:
    # In a fresh interpreter, each private module imported directly, before any name is read from the package: a
    # plan made inside the library, or an error raised there, must already say where the user imports it from.
    script = (
        "import importlib, json\n"
        f"pairs = {[(home, name) for _, name, home in _homes()]!r}\n"
        "print(json.dumps({n: getattr(importlib.import_module(h), n).__module__ for h, n in pairs}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    said = json.loads(done.stdout)
    assert said == {name: module for module, name, _ in _homes()}


# hypothesis' ``@composite`` makes a strategy a function local to its decorator: a strategy is not pickled
BY_REFERENCE = [(m, n, v) for m, n, v in DOCUMENTED if getattr(v, "__qualname__", None) == n]


def test_only_composite_strategies_have_a_qualified_name_other_than_their_public_one() -> None:
    assert {f"{m}.{n}" for m, n, _ in DOCUMENTED} - {f"{m}.{n}" for m, n, _ in BY_REFERENCE} == {
        "tiktok_team.testing.overlays"
    }


@pytest.mark.parametrize(("module", "name", "value"), BY_REFERENCE, ids=[f"{m}.{n}" for m, n, _ in BY_REFERENCE])
def test_every_public_class_and_function_pickles_by_its_public_name(module: str, name: str, value: object) -> None:
    assert pickle.loads(pickle.dumps(value)) is value
    assert f"{module}\n{name}\n".encode() in pickle.dumps(value, protocol=0)


def test_results_reprs_and_tracebacks_say_the_public_names() -> None:
    plan = tiktok_team.recommend({"stage": "growth", "sourcing": "own_stock"})
    assert repr(type(plan)) == "<class 'tiktok_team.Plan'>"
    copy = pickle.loads(pickle.dumps(plan))
    assert type(copy) is tiktok_team.Plan
    assert copy.to_dict() == plan.to_dict()
    with pytest.raises(tiktok_team.ProfileError) as info:
        tiktok_team.recommend({"stage": "grwth", "sourcing": "own_stock"})
    assert "".join(traceback.format_exception_only(info.type, info.value)).startswith("tiktok_team.ProfileError: ")
    assert repr(tiktok_team.render.render_markdown).startswith("<function render_markdown at ")
    assert tiktok_team.render.render_markdown.__module__ == "tiktok_team.render"


@pytest.mark.parametrize(("module", "name", "value"), DOCUMENTED, ids=DOC_IDS)
def test_the_type_hints_of_every_public_class_resolve_where_it_says_it_lives(
    module: str, name: str, value: object
) -> None:
    # pydantic, dataclasses and typing.get_type_hints look annotation names up in the module the class names
    if inspect.isclass(value):
        assert isinstance(typing.get_type_hints(value), dict)
        assert getattr(value, "__pydantic_complete__", True)


@pytest.mark.parametrize("name", ["tiktok_team", "tiktok_team.render"])
def test_dir_lists_every_exported_name_before_it_is_read(name: str) -> None:
    script = f"import {name} as m, json\nprint(json.dumps([dir(m), sorted(vars(m))]))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    listed, held = json.loads(done.stdout)
    module = importlib.import_module(name)
    assert set(module.__all__) <= set(listed)
    assert not set(module.__all__) <= set(held)  # the names really are lazy: dir() is what lists them
    assert listed == sorted(listed)
    assert set(module._RENAMED).isdisjoint(listed)


@pytest.mark.parametrize("module", ["batch", "gap", "headline", "roadmap", "scenario", "staffing", "verify", "whatif"])
def test_the_module_paths_of_the_development_versions_are_gone(module: str) -> None:
    # They were never published (0.1.0 never was): the names are imported from the package root.
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(f"tiktok_team.{module}")
    if module in tiktok_team.__all__:
        assert callable(getattr(tiktok_team, module))
