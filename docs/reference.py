"""Write the API reference of the public API as markdown: ``python docs/reference.py > docs/reference.md``
(``make docs``; a test fails when the committed file is stale).

The public API is the names in ``__all__`` of :mod:`tiktok_team`, :mod:`tiktok_team.render` and
:mod:`tiktok_team.testing`: each gets a section, in that order, with its signature and its docstring (numpy style,
turned into markdown by pdoc's converter, the examples as ``pycon`` blocks); a class also lists its fields and the
methods and properties it defines. Nothing else is documented: every other module is internal.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import re
import sys
import types
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from pdoc.docstrings import convert

PUBLIC = ("tiktok_team", "tiktok_team.render", "tiktok_team.testing")
HEADER = """# API reference

Every public name of tiktok-team, with its docstring: what `tiktok_team`, `tiktok_team.render` and
`tiktok_team.testing` list in `__all__` (the README's Compatibility section says what that promises). Generated from
the docstrings by `python docs/reference.py` (`make docs`): do not edit it by hand.
"""
# Type names shown without the module a type checker or typing would print before them.
QUALIFIED = re.compile(r"\b(?:tiktok_team(?:\.[a-z_]+)*|typing|collections\.abc|networkx\.classes\.\w+)\.(?=[A-Za-z_])")
PROMPT = re.compile(r"^(>>>|\.\.\.)( |$)")


def reference() -> str:
    """The whole reference, as markdown."""
    out = [HEADER]
    for name in PUBLIC:
        module = importlib.import_module(name)
        out += [f"- [`{name}`](#{_anchor(name)}): {_first_line(module)}" for _ in [0]]
    for name in PUBLIC:
        module = importlib.import_module(name)
        out += ["", f"## {name}", "", _markdown(inspect.getdoc(module) or "")]
        out += ["", " · ".join(f"[`{export}`](#{_anchor(f'{name}.{export}')})" for export in module.__all__)]
        for export in module.__all__:
            out += ["", *_section(name, export, getattr(module, export))]
    return "\n".join(out).rstrip() + "\n"


def _section(module: str, name: str, value: object) -> Iterator[str]:
    yield f"### {module}.{name}"
    yield ""
    if inspect.isclass(value):
        bases = ", ".join(_shown_type(b) for b in value.__bases__ if b is not object and not b.__name__.startswith("_"))
        yield f"```python\nclass {name}{f'({bases})' if bases else ''}\n```"
        yield ""
        yield _markdown(inspect.getdoc(value) or "")
        fields = list(_fields(value))
        if fields:
            yield ""
            yield "Fields: " + ", ".join(f"`{field}: {hint}`" for field, hint in fields) + "."
        for attribute, member in _members(value):
            yield ""
            yield f"#### {name}.{attribute}"
            yield ""
            yield from _callable(attribute, member)
    elif callable(value):
        yield from _callable(name, value)
    else:
        yield f"```python\n{name} = {_shown_value(value)}\n```"


def _shown_value(value: object) -> str:
    """A constant as the same text in every run: sets sorted, functions by name (not by address)."""
    if isinstance(value, (set, frozenset)):
        inner = ", ".join(sorted(map(_shown_value, value)))
        return f"{type(value).__name__}({{{inner}}})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_shown_value(k)}: {_shown_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (tuple, list)):
        inner = ", ".join(map(_shown_value, value)) + ("," if isinstance(value, tuple) and len(value) == 1 else "")
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    if isinstance(value, types.FunctionType):
        return value.__name__
    return repr(value)


def _callable(name: str, value: Any) -> Iterator[str]:
    if isinstance(value, (property, cached_property)):
        function = value.fget if isinstance(value, property) else value.func
        returned = inspect.signature(function).return_annotation
        yield f"```python\n{name}: {_shown_type(returned)}  # property\n```"
    else:
        function = value.__func__ if isinstance(value, (classmethod, staticmethod)) else value
        kind = "classmethod " if isinstance(value, classmethod) else ""
        yield f"```python\n{kind}{name}{_signature(function)}\n```"
    yield ""
    yield _markdown(inspect.getdoc(function) or "")


class _Written:
    """An annotation as the source writes it (a signature shows a text annotation in quotes)."""

    def __init__(self, hint: object) -> None:
        self.text = _shown_type(hint)

    def __repr__(self) -> str:
        return self.text


def _signature(function: Any) -> str:
    signature = inspect.signature(function)
    parameters = [
        p if p.annotation is p.empty else p.replace(annotation=_Written(p.annotation))
        for p in signature.parameters.values()
        if p.name not in ("self", "cls")
    ]
    returned = signature.return_annotation
    shown = signature.replace(
        parameters=parameters, return_annotation=returned if returned is signature.empty else _Written(returned)
    )
    return QUALIFIED.sub("", str(shown))


def _fields(cls: type) -> Iterator[tuple[str, str]]:
    """The fields of a pydantic model or a dataclass, with their types, in the order they are declared."""
    model_fields = getattr(cls, "model_fields", None)
    if isinstance(model_fields, dict):
        for field, info in model_fields.items():
            if not info.exclude:
                yield field, _shown_type(info.annotation)
    elif dataclasses.is_dataclass(cls):
        for field in dataclasses.fields(cls):
            if not field.name.startswith("_") and field.repr:
                yield field.name, _shown_type(field.type)


def _members(cls: type) -> Iterator[tuple[str, Any]]:
    """The public methods and properties ``cls`` defines itself (not those it inherits from pydantic or Exception)."""
    for attribute, member in vars(cls).items():
        function = member.__func__ if isinstance(member, (classmethod, staticmethod)) else member
        if attribute.startswith("_") or not isinstance(function, (types.FunctionType, property, cached_property)):
            continue
        yield attribute, member


def _shown_type(hint: object) -> str:
    text = hint if isinstance(hint, str) else getattr(hint, "__name__", None) if isinstance(hint, type) else None
    return QUALIFIED.sub("", text if text is not None else repr(hint)).replace("NoneType", "None")


def _markdown(docstring: str) -> str:
    """A numpy docstring as markdown: pdoc's conversion, cross-references as code, examples in ``pycon`` blocks."""
    text = convert(docstring, "numpy", None).replace("`~", "`")
    out: list[str] = []
    in_example = False
    for line in text.splitlines():
        starts = bool(PROMPT.match(line))
        if starts and not in_example:
            out += ["```pycon"]
            in_example = True
        elif in_example and not line.strip():
            out += ["```"]
            in_example = False
        out.append(line)
    if in_example:
        out.append("```")
    return "\n".join(out).strip()


def _first_line(module: types.ModuleType) -> str:
    return (inspect.getdoc(module) or "").split("\n\n")[0].replace("\n", " ")


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, dots and other punctuation dropped."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


if __name__ == "__main__":
    sys.stdout.write(reference())
