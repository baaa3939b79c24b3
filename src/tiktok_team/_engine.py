"""The inference engine: the rulebook compiled once into experta, then run per profile.

Each rule's condition is normalised (see :func:`tiktok_team._condition.dnf`) and every alternative becomes one
experta rule whose patterns are: the ``Profile`` fact with a predicate per tested field, the derived facts it needs,
and ``NOT`` patterns for the derived facts it denies. Every compiled rule thus has a positive pattern (rules made
only of ``NOT`` are unreliable in experta, its issue #10). Rule actions never retract or modify a fact: they record
that the rule fired and declare the facts it derives. Salience tiers (see :class:`tiktok_team._rulebook.Rulebook`)
make every derivation happen before any rule that tests it, so the set of rules that fire does not depend on firing
order.

Engines are built once per rulebook (experta builds its network per instance) and are cheap to reset, so each
rulebook keeps a pool of built engines; a run borrows one, so concurrent runs never share an engine.

experta is imported by :mod:`tiktok_team._experta`, whose engine class keeps experta's network, agenda and run loop
without the habits that cost more than they need here; what fires, and in which order, is experta's own, with one
exception where experta is wrong (see :class:`tiktok_team._experta._Strategy`). The compiled rules also spare
experta some work: they hash and compare by identity (:class:`_CompiledRule`), a field's predicate looks its answer
up (:class:`_Acceptance`), and the profile fact takes the profile's values as they are (:meth:`ProfileFact.of`).

:func:`run_cached` remembers the outcomes of recent runs per rulebook, for the callers that ask about many
neighbouring profiles at once (what-if sweeps, the service); :func:`run` always runs.
"""

from __future__ import annotations

import queue
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import update_wrapper
from typing import Any, Generic, TypeVar

from ._condition import Derived, Literal_, Test, dnf, fact_values, tested_facts
from ._entries import Rule
from ._experta import NOT, ExpertaRule, Fact, P, _Engine
from ._profile import FACTS
from ._rulebook import Rulebook

__all__ = ["MEMO_SIZE", "Firing", "Outcome", "outcome_facts", "remembered", "remembered_by", "run", "run_cached"]


class ProfileFact(Fact):  # type: ignore[misc]
    """The business profile: one fact per run, one field per profile fact."""

    @classmethod
    def of(cls, facts: Mapping[str, Any]) -> ProfileFact:
        """The fact of a profile's values, taken as they are: they are immutable already (text, truth values, numbers,
        ``None`` and frozensets, as :meth:`BusinessProfile.facts` gives them), and experta's constructor would
        freeze each again, rebuilding every frozenset (about 4% of a run)."""
        fact = cls()
        dict.update(fact, facts)
        return fact


class DerivedFact(Fact):  # type: ignore[misc]
    """A fact derived by a rule: ``DerivedFact(name=...)``."""


class _CompiledRule(ExpertaRule):  # type: ignore[misc]
    """An experta rule that hashes and compares by identity: each compiled rule has an action of its own, so two are
    never equal by content either, and experta hashes and compares rules at every activation.

    It also wraps its action without reading the action's signature (experta reads it to pass an action only the
    names it takes, and every action here takes them all: ``**context``), and calls its action directly: experta's
    rule looks again at each firing whether to leave names out and which engine it was last looked up through, to
    pass that engine too (an action here takes the engine it is given and ignores the rest)."""

    __hash__ = object.__hash__
    _wrapped: Any  # experta's: the action, None until wrapped

    def __eq__(self, other: object) -> bool:
        return self is other

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._wrapped is None and args:  # wrapping the action (see above): experta's own, but for the signature
            action = self._wrapped = args[0]
            return update_wrapper(self, action)
        return self._wrapped(*args, **kwargs)


@dataclass(frozen=True)
class Firing:
    """That a rule fired, and which alternative of its condition (index into its normal form) matched first."""

    rule: str
    alternative: int


@dataclass(frozen=True)
class Outcome:
    """What one run of the engine established: the rules that fired and the facts derived."""

    fired: Mapping[str, Firing]
    derived: frozenset[str]


class _Recorder:
    """Per-engine record of a run, reset before each run."""

    def __init__(self) -> None:
        self.fired: dict[str, Firing] = {}
        self.derived: set[str] = set()


def _action(rule: Rule, alternative: int) -> Any:
    """The action of one compiled alternative of ``rule``: record the firing, declare derived facts."""

    firing = Firing(rule.id, alternative)  # one object for every run: outcomes kept by run_cached share it

    def fire(engine: Any, *_args: Any, **_context: Any) -> None:  # called as experta calls it, or by _CompiledRule
        recorder: _Recorder = engine.recorder
        previous = recorder.fired.get(rule.id)
        if previous is None or alternative < previous.alternative:
            recorder.fired[rule.id] = firing
        for name in rule.derive:
            if name not in recorder.derived:
                recorder.derived.add(name)
                engine.declare(DerivedFact(name=name))

    fire.__name__ = fire.__qualname__ = rule.id
    return fire


class _Acceptance(dict[Any, bool]):
    """Whether a field's tests all hold (the negated ones: fail) for each value: worked out ahead for every value that
    conditions can tell apart (:func:`fact_values`), on demand for any other, which is not kept."""

    def __init__(self, tests: tuple[tuple[Test, bool], ...]) -> None:
        self.tests = tests
        super().__init__((value, self.__missing__(value)) for value in fact_values(tests[0][0].fact))

    def __missing__(self, value: Any) -> bool:
        return all(test.accepts(value) == positive for test, positive in self.tests)


def _patterns(conjunct: tuple[Literal_, ...], predicates: dict[Any, Any]) -> list[Any]:
    by_fact: dict[str, list[tuple[Test, bool]]] = defaultdict(list)
    present: list[str] = []
    absent: list[str] = []
    for lit in conjunct:
        if isinstance(lit.atom, Derived):
            (present if lit.positive else absent).append(lit.atom.name)
        elif isinstance(lit.atom, Test):  # a rule's condition tests no planned role (a load-time check)
            by_fact[lit.atom.fact].append((lit.atom, lit.positive))
    fields = {}
    for fact, tests in sorted(by_fact.items()):
        key = tuple(tests)
        if key not in predicates:
            predicates[key] = P(_Acceptance(key).__getitem__)
        fields[fact] = predicates[key]
    return [
        ProfileFact(**fields),
        *(DerivedFact(name=name) for name in sorted(set(present))),
        *(NOT(DerivedFact(name=name)) for name in sorted(set(absent))),
    ]


def _build(book: Rulebook) -> Any:
    """Build one engine instance for ``book``: a fresh class, so no experta rule object is shared between
    instances (experta binds a rule object to the instance that last looked it up)."""
    members: dict[str, Any] = {}
    predicates: dict[Any, Any] = {}
    for rule in book.rules.values():
        for index, conjunct in enumerate(dnf(rule.when)):
            compiled = _CompiledRule(*_patterns(conjunct, predicates), salience=book.salience[rule.id])
            members[f"rule_{len(members)}"] = compiled(_action(rule, index))
    engine = type("CompiledRulebook", (_Engine,), members)()
    engine.recorder = _Recorder()
    return engine


def _pool(book: Rulebook) -> queue.SimpleQueue[Any]:
    pool: queue.SimpleQueue[Any] | None = book.cache.get("engines")
    if pool is None:
        pool = book.cache.setdefault("engines", queue.SimpleQueue())
    return pool


def run(book: Rulebook, facts: Mapping[str, Any]) -> Outcome:
    """Run the compiled rulebook on one profile's facts and return which rules fired.

    Safe to call from several threads at once: each call borrows an engine from the rulebook's pool (building
    one if none is free) and returns it afterwards.

    Examples
    --------
    >>> from tiktok_team import BusinessProfile, load_rulebook
    >>> facts = BusinessProfile(stage="startup", sourcing="affiliate_pool").facts()
    >>> outcome = run(load_rulebook(), facts)
    >>> "affiliate-no-shop-side" in outcome.fired, "has_shop" in outcome.derived
    (True, False)
    """
    pool = _pool(book)
    try:
        engine = pool.get_nowait()
    except queue.Empty:
        engine = _build(book)
    try:
        engine.recorder = _Recorder()
        engine.reset()
        engine.declare(ProfileFact.of(facts))
        engine.run()
        return Outcome(dict(sorted(engine.recorder.fired.items())), frozenset(engine.recorder.derived))
    finally:
        pool.put(engine)


_Kept = TypeVar("_Kept")

MEMO_SIZE = 4096
"""How many results :func:`remembered` keeps per rulebook and kind (the outcomes of :func:`run_cached`, the
counterfactuals of plans, the alternatives of a group of roles). For outcomes: the whole counterfactual space
(stage × sourcing × formats × the five yes/no facts is 1,152 profiles) three times over, about 7 MiB; an overlay
that tests the budget makes each budget value tested a space of its own."""


class _Memo(Generic[_Kept]):
    """What was worked out from recent fact values of one rulebook, least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.lock = threading.Lock()
        self.kept: OrderedDict[tuple[Any, ...], _Kept] = OrderedDict()

    def get(self, key: tuple[Any, ...]) -> _Kept | None:
        with self.lock:
            found = self.kept.get(key)
            if found is not None:
                self.kept.move_to_end(key)
            return found

    def put(self, key: tuple[Any, ...], value: _Kept) -> None:
        with self.lock:
            self.kept[key] = value
            self.kept.move_to_end(key)
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)


def remembered(book: Rulebook, name: str, facts: Mapping[str, Any], work: Callable[[], _Kept]) -> _Kept:
    """What ``work()`` gives for ``facts``, worked out once: the rulebook keeps the last :data:`MEMO_SIZE` results
    of each ``name`` by the values of the facts its conditions test (:func:`outcome_facts`), all that the outcome
    of a run can depend on. ``work`` must depend on nothing but the rulebook and those values. Thread-safe; two
    threads asking at once may both work it out.

    Examples
    --------
    >>> from tiktok_team import BusinessProfile, load_rulebook
    >>> book = load_rulebook()
    >>> facts = BusinessProfile(stage="growth", sourcing="dropship").facts()
    >>> remembered(book, "example", facts, lambda: ["worked out"]) is remembered(book, "example", facts, list)
    True
    """
    return remembered_by(book, name, outcome_key(book, facts), work)


def outcome_key(book: Rulebook, facts: Mapping[str, Any]) -> tuple[Any, ...]:
    """All that the outcome of a run can depend on: the values of the facts some rule tests (:func:`outcome_facts`),
    a number fact by its region between the rules' breakpoints (:func:`breakpoints`), so that budgets the rules do not
    tell apart share a run.

    Examples
    --------
    >>> from tiktok_team import BusinessProfile, load_rulebook
    >>> book = load_rulebook()
    >>> key = outcome_key(book, BusinessProfile(stage="growth", sourcing="dropship", headcount_budget=6).facts())
    >>> key == outcome_key(book, BusinessProfile(stage="growth", sourcing="dropship", headcount_budget=9).facts())
    True
    """
    cuts = breakpoints(book)
    return tuple(
        facts[fact]
        if fact not in cuts or facts[fact] is None
        else max((c for c in cuts[fact] if c <= facts[fact]), default=0)
        for fact in outcome_facts(book)
    )


def breakpoints(book: Rulebook) -> dict[str, set[int]]:
    """For each number fact the rules compare, the least values at which some comparison's truth changes (kept in the
    rulebook's cache).

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> breakpoints(load_rulebook())
    {'headcount_budget': {1}}
    """
    found: dict[str, set[int]] | None = book.cache.get("breakpoints")
    if found is None:
        found = {}
        for rule in book.rules.values():
            for conjunct in dnf(rule.when):
                for lit in conjunct:
                    if isinstance(lit.atom, Test) and lit.atom.op in ("at_least", "at_most"):
                        found.setdefault(lit.atom.fact, set()).add(lit.atom.breakpoint)
        found = book.cache.setdefault("breakpoints", found)
    return found


def outcome_facts(book: Rulebook) -> tuple[str, ...]:
    """The facts of :data:`tiktok_team._profile.FACTS` that some rule's condition tests, in that order (kept in the
    rulebook's cache). The bundled rules test the headcount budget only for whether one is given (the consolidations a
    short budget allows at any stage), so :func:`outcome_key` lets every business with a budget share a run.

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> "headcount_budget" in outcome_facts(load_rulebook()), "stage" in outcome_facts(load_rulebook())
    (True, True)
    """
    found: tuple[str, ...] | None = book.cache.get("tested-facts")
    if found is None:
        names = set().union(*(tested_facts(rule.when) for rule in book.rules.values()))
        found = book.cache.setdefault("tested-facts", tuple(name for name in FACTS if name in names))
    return found


def remembered_by(book: Rulebook, name: str, key: tuple[Any, ...], work: Callable[[], _Kept]) -> _Kept:
    """:func:`remembered` by a ``key`` of the caller's: ``work`` must depend on nothing but the rulebook and what
    ``key`` holds (for counterfactuals, the values of the few dimensions a group of roles depends on).

    Examples
    --------
    >>> from tiktok_team import load_rulebook
    >>> book = load_rulebook()
    >>> remembered_by(book, "example", ("growth",), lambda: ["worked out"])
    ['worked out']
    >>> remembered_by(book, "example", ("growth",), list)
    ['worked out']
    """
    memo: _Memo[_Kept] | None = book.cache.get(f"memo:{name}")
    if memo is None:
        memo = book.cache.setdefault(f"memo:{name}", _Memo(MEMO_SIZE))
    found = memo.get(key)
    if found is None:
        found = work()
        memo.put(key, found)
    return found


def run_cached(book: Rulebook, facts: Mapping[str, Any]) -> Outcome:
    """:func:`run`, remembered: the outcome for the same fact values comes from the rulebook's memory of its last
    :data:`MEMO_SIZE` outcomes instead of a new run. Thread-safe; two threads asking at once may both run.

    Parameters
    ----------
    book : Rulebook
    facts : mapping
        A value for every fact of :data:`tiktok_team._profile.FACTS` (as :meth:`BusinessProfile.facts` gives).

    Returns
    -------
    Outcome

    Examples
    --------
    >>> from tiktok_team import BusinessProfile, load_rulebook
    >>> book = load_rulebook()
    >>> facts = BusinessProfile(stage="growth", sourcing="dropship").facts()
    >>> run_cached(book, facts) is run_cached(book, facts), run_cached(book, facts) == run(book, facts)
    (True, True)
    """
    return remembered(book, "outcomes", facts, lambda: run(book, facts))
