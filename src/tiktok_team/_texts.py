"""What a plan says about a business: the duty lines of its roles and the advice texts that hold for it.

A duty line of a role, an advice text and each variant of one is a :class:`~tiktok_team._entries.Text`: a sentence
in English and Chinese with a condition (``when``) in the rule condition language, which may also test which roles
the plan has (``{ role = "live_planner" }``). Once the rules have decided the plan, :class:`Context` holds what a
condition may read (the facts, the derived facts, the planned headcounts) and picks the texts that hold.

Each text also declares what it speaks of (``mentions``: roles, formats, stages) and what it advises adding
(``proposes``). :func:`mention_problems` says where a text that holds speaks of something the business does not have,
:func:`proposal_problems` where it proposes what the business has already; ``tiktok-team rules verify`` runs both over
the whole fact space, so that no plan shows a sentence about a role it lacks, a format the business does not run or
another stage, nor advises adding what is there.

Which texts hold depends only on the values their conditions read, so the rulebook remembers, for each role's duty
lines and each advice's texts, the answer for the values it has met (kept in its ``cache``): a sweep of the fact space
asks the same question of many businesses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from ._condition import All, Any_, Condition, Derived, Not, Planned, Test, holds
from ._entries import Advice, Mentions, Text
from ._rulebook import Rulebook

__all__ = ["Context", "mention_problems", "proposal_problems"]

ANSWERS_KEPT = 1024  # answers a group of texts keeps (values a condition reads may be numbers without end)
_UNKNOWN = object()  # no answer yet
_Answer = TypeVar("_Answer")


@dataclass(frozen=True)
class Context:
    """What the condition of a text reads: the profile's ``facts``, the ``derived`` facts the rules established and
    the ``planned`` headcount of each role of the plan."""

    facts: Mapping[str, Any]
    derived: frozenset[str]
    planned: Mapping[str, int]

    def holds(self, text: Text) -> bool:
        """Whether ``text``'s condition holds for this plan."""
        return holds(text.when, self.facts, self.derived, self.planned)

    def duties(self, book: Rulebook, role_id: str) -> tuple[Text, ...]:
        """The duty lines of ``role_id`` that hold here, in their catalog order.

        Examples
        --------
        >>> from tiktok_team import load_rulebook
        >>> book = load_rulebook()
        >>> here = Context({"formats": frozenset({"short_video"}), "stage": "startup"}, frozenset(), {"ad_buyer": 1})
        >>> any("live" in line.en for line in here.duties(book, "ad_buyer"))
        False
        """
        lines = book.roles[role_id].duties
        return tuple(lines[n] for n in self.duty_lines(book, role_id))

    def duty_lines(self, book: Rulebook, role_id: str) -> tuple[int, ...]:
        """The places among ``role_id``'s duty lines of those that hold here (what :meth:`duties` gives).

        Examples
        --------
        >>> from tiktok_team import load_rulebook
        >>> book = load_rulebook()
        >>> here = Context({"formats": frozenset({"livestream"}), "stage": "startup"}, frozenset(), {"streamer": 1})
        >>> here.duty_lines(book, "streamer") == tuple(range(len(here.duties(book, "streamer"))))
        True
        """
        group = _groups(book).duties[role_id]
        return group.answer(self, lambda: tuple(n for n, line in enumerate(group.texts) if self.holds(line)))

    def advice(self, advice: Advice) -> Text | None:
        """The text of ``advice`` to show here: its first variant that holds, else its own text if that holds,
        else None (the advice is not shown)."""
        texts = advice.texts()
        shown = _first_holding(self, texts)
        return None if shown is None else texts[shown]

    def advice_text(self, book: Rulebook, advice_id: str) -> int | None:
        """The place in ``book.advice[advice_id].texts()`` of the text :meth:`advice` shows here, None for none.

        Examples
        --------
        >>> from tiktok_team import BusinessProfile, load_rulebook
        >>> book = load_rulebook()
        >>> facts = BusinessProfile(stage="startup", sourcing="affiliate_pool", headcount_budget=2).facts()
        >>> here = Context(facts, frozenset(), {"owner": 1})
        >>> advice = book.advice["assess-category-stage-budget"]
        >>> advice.texts()[here.advice_text(book, advice.id)] == here.advice(advice)
        True
        """
        group = _groups(book).advice[advice_id]
        return group.answer(self, lambda: _first_holding(self, group.texts))


def _first_holding(here: Context, texts: Sequence[Text]) -> int | None:
    return next((n for n, text in enumerate(texts) if here.holds(text)), None)


class _Group(Generic[_Answer]):
    """Texts shown together (a role's duty lines, an advice's texts), what their conditions read, and the answers
    found for the values read (see the module)."""

    def __init__(self, texts: tuple[Text, ...]) -> None:
        self.texts = texts
        atoms = [atom for text in texts for atom in _atoms(text.when)]
        self.facts = tuple(sorted({atom.fact for atom in atoms if isinstance(atom, Test)}))
        self.derived = tuple(sorted({atom.name for atom in atoms if isinstance(atom, Derived)}))
        self.roles = tuple(sorted({atom.role for atom in atoms if isinstance(atom, Planned)}))
        self.absent = (0,) * len(self.roles)  # the headcount of a role the plan does not have
        self.answers: dict[tuple[Any, ...], _Answer] = {}

    def answer(self, here: Context, work: Callable[[], _Answer]) -> _Answer:
        """What ``work()`` gives for the values ``here`` has of what the texts read, worked out once."""
        try:
            key = (
                tuple(map(here.facts.__getitem__, self.facts)),
                tuple(map(here.derived.__contains__, self.derived)),
                tuple(map(here.planned.get, self.roles, self.absent)),
            )
            found = self.answers.get(key, _UNKNOWN)
        except (KeyError, TypeError):  # a fact the context lacks, a value that cannot be a key: work it out each time
            return work()
        if found is _UNKNOWN:
            if len(self.answers) >= ANSWERS_KEPT:
                self.answers.clear()
            return self.answers.setdefault(key, work())
        return cast(_Answer, found)


class _Groups:
    """The :class:`_Group` of each role's duty lines and of each advice's texts, per rulebook."""

    def __init__(self, book: Rulebook) -> None:
        self.duties: dict[str, _Group[tuple[int, ...]]] = {role.id: _Group(role.duties) for role in book.roles.values()}
        self.advice: dict[str, _Group[int | None]] = {a.id: _Group(a.texts()) for a in book.advice.values()}


def _groups(book: Rulebook) -> _Groups:
    found: _Groups | None = book.cache.get("text-groups")
    if found is None:
        found = book.cache.setdefault("text-groups", _Groups(book))
    return found


def _atoms(cond: Condition) -> Iterator[Test | Derived | Planned]:
    """The tests, derived facts and role tests of ``cond``: all it reads."""
    if isinstance(cond, Not):
        yield from _atoms(cond.operand)
    elif isinstance(cond, (All, Any_)):
        for operand in cond.operands:
            yield from _atoms(operand)
    else:
        yield cond


def mention_problems(mentions: Mentions, context: Context) -> list[str]:
    """What ``mentions`` speaks of that the plan of ``context`` lacks, as phrases; empty when the text is true here.

    Examples
    --------
    >>> here = Context({"formats": frozenset({"livestream"}), "stage": "growth"}, frozenset(), {"streamer": 2})
    >>> mention_problems(Mentions(roles=("streamer", "pr"), formats=("short_video",), stages=("growth",)), here)
    ["the role 'pr', which the plan does not have", "the format 'short_video', which the business does not run"]
    """
    problems = [
        f"the role '{role}', which the plan does not have" for role in mentions.roles if role not in context.planned
    ]
    problems += [
        f"the format '{fmt}', which the business does not run"
        for fmt in mentions.formats
        if fmt not in context.facts["formats"]
    ]
    problems += [
        f"the {stage} stage, while the business is at the {context.facts['stage']} stage"
        for stage in mentions.stages
        if stage != context.facts["stage"]
    ]
    return problems


def proposal_problems(proposes: Mentions, context: Context) -> list[str]:
    """What ``proposes`` advises the business to add that it already has (or a stage it is past), as phrases; empty
    when the advice is news to the business.

    Examples
    --------
    >>> here = Context({"formats": frozenset({"livestream"}), "stage": "growth"}, frozenset(), {"streamer": 2})
    >>> proposal_problems(Mentions(roles=("streamer",), formats=("short_video",), stages=("startup",)), here)
    ["the role 'streamer', which the plan already has", 'the startup stage, while the business is at the growth stage']
    """
    stages = ("startup", "growth", "mature")
    now = stages.index(context.facts["stage"])
    problems = [f"the role '{role}', which the plan already has" for role in proposes.roles if role in context.planned]
    problems += [
        f"the format '{fmt}', which the business already runs"
        for fmt in proposes.formats
        if fmt in context.facts["formats"]
    ]
    problems += [
        f"the {stage} stage, while the business is at the {context.facts['stage']} stage"
        for stage in proposes.stages
        if stages.index(stage) <= now
    ]
    return problems
