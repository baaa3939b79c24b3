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
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._condition import holds
from ._entries import Advice, Mentions, Text
from ._rulebook import Rulebook

__all__ = ["Context", "mention_problems", "proposal_problems"]


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
        return tuple(line for line in book.roles[role_id].duties if self.holds(line))

    def advice(self, advice: Advice) -> Text | None:
        """The text of ``advice`` to show here: its first variant that holds, else its own text if that holds,
        else None (the advice is not shown)."""
        return next((text for text in advice.texts() if self.holds(text)), None)


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
