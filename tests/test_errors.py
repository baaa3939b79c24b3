"""The exception hierarchy drawn in the errors module's docstring is the hierarchy of the classes."""

from __future__ import annotations

import builtins
import importlib
import pkgutil
import re

import tiktok_team
from tiktok_team import TiktokTeamError, TiktokTeamWarning, _errors

TREE_LINE = re.compile(r"^(?P<indent>[ │├└─]*)(?P<name>\w+)(?: \((?P<bases>[\w, ]+)\))?")


def _drawn() -> set[tuple[str, str, tuple[str, ...]]]:
    """Each class of the drawn tree: its name, the class above it, and the other bases in its brackets."""
    block = (_errors.__doc__ or "").split("::\n\n", 1)[1]
    parents: list[str] = []
    found = set()
    for line in block.splitlines():
        if not line.strip():
            break
        match = TREE_LINE.match(line.removeprefix("    "))
        assert match, line
        depth = len(match["indent"]) // 4
        del parents[depth:]
        bases = tuple(b.strip() for b in (match["bases"] or "").split(",") if b.strip())
        found.add((match["name"], parents[-1] if parents else "", bases))
        parents.append(match["name"])
    return found


def _real() -> set[tuple[str, str, tuple[str, ...]]]:
    """The same, from the classes: every subclass of the root error and warning in any module of the package."""
    for module in pkgutil.walk_packages(tiktok_team.__path__, "tiktok_team."):
        importlib.import_module(module.name)
    found = {("Exception", "", ()), ("Warning", "Exception", ()), ("UserWarning", "Warning", ())}
    todo: list[type] = [TiktokTeamError, TiktokTeamWarning]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        above, *others = cls.__bases__
        found.add((cls.__name__, above.__name__, tuple(other.__name__ for other in others)))
    return found


def test_the_drawn_hierarchy_is_the_real_one() -> None:
    drawn = _drawn()
    assert {name for name, _, _ in drawn} >= {"TiktokTeamError", "ProfileError", "TiktokTeamWarning"}
    assert drawn == _real()


def test_every_error_is_caught_by_the_root_and_by_the_builtin_of_its_kind() -> None:
    for name, above, others in _real():
        cls = getattr(tiktok_team, name, None)
        if cls is not None and above == "TiktokTeamError":
            assert issubclass(cls, TiktokTeamError)
            assert all(issubclass(cls, getattr(builtins, other)) for other in others)
