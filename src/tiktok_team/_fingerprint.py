"""The fingerprint of a rulebook: a digest of what it holds, so that a plan's JSON names the rules that made it.

Two rulebooks with the same entries (rules, catalog, sources, advice, assumptions ...) and the same rule files
have the same fingerprint, wherever and whenever they were loaded; any change to an entry gives another one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

from ._rulebook import Rulebook

__all__ = ["fingerprint"]

# What a rulebook holds besides its entries: where they came from is in each entry already (a rule's ``file``).
_NOT_HASHED = frozenset({"files", "origins", "cache"})


def fingerprint(book: Rulebook) -> str:
    """The SHA-256 of ``book``'s entries as JSON (hex), computed once per rulebook and kept in its cache.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> digest = fingerprint(book)
    >>> len(digest), digest == fingerprint(load_rulebook())
    (64, True)
    >>> from tiktok_team.testing import load_overlay
    >>> fingerprint(load_overlay('disable = ["adapt-not-copy"]')) != digest
    True
    """
    found: str | None = book.cache.get("fingerprint")
    if found is None:
        held = {
            field.name: getattr(book, field.name) for field in dataclasses.fields(book) if field.name not in _NOT_HASHED
        }
        text = json.dumps(held, sort_keys=True, ensure_ascii=False, default=_plain)
        found = book.cache.setdefault("fingerprint", hashlib.sha256(text.encode()).hexdigest())
    return found


def _plain(value: object) -> object:
    """An entry as plain data for JSON, a set as a sorted list (its order would follow the hash seed)."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    dump = getattr(value, "model_dump", None)
    if dump is None:
        raise TypeError(f"{type(value).__name__} is not part of a rulebook's entries")
    found: object = dump()
    return found
