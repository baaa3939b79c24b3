"""Held duties: work a plan needs done that no dedicated role does, given by the rules' ``hold`` to a planned role.

A rule's ``hold = [{ duty = "short_video", role = "streamer" }]`` says: where this rule fires, the streamer also does
the duty ``short_video``. The hold shows in a plan only where the holding role is planned and the duty's own role or
team (its ``belongs_to`` in the catalog) is not: once a short-video team is hired, the videos are theirs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Set

from ._entries import Rule
from ._rulebook import Rulebook

__all__ = ["held_duties", "is_staffed"]


def is_staffed(book: Rulebook, unit: str, planned: Set[str]) -> bool:
    """Whether ``unit`` (a role id, or a team id) has someone in a plan whose roles are ``planned``.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> is_staffed(book, "short_video", {"owner", "streamer"}), is_staffed(book, "live", {"owner", "streamer"})
    (False, True)
    """
    if unit in book.roles:
        return unit in planned
    return any(book.roles[role_id].team == unit for role_id in planned)


def held_duties(book: Rulebook, fired: Iterable[Rule], planned: Set[str]) -> dict[str, dict[str, list[str]]]:
    """The duties each planned role holds: role id → duty id → the ids of the fired rules that give it, all sorted.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> rule = book.rules["startup-streamer-makes-videos"]
    >>> held_duties(book, [rule], {"owner", "streamer"})
    {'streamer': {'short_video': ['startup-streamer-makes-videos']}}
    >>> held_duties(book, [rule], {"owner", "streamer", "videographer_editor"})
    {}
    """
    holds: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for rule in fired:
        for held in rule.hold:
            belongs_to = book.duties[held.duty].belongs_to
            if held.role in planned and not (belongs_to and is_staffed(book, belongs_to, planned)):
                holds[held.role][held.duty].append(rule.id)
    return {
        role_id: {duty: sorted(set(rules)) for duty, rules in sorted(duties.items())}
        for role_id, duties in sorted(holds.items())
    }
