"""The inference engine: the rulebook compiled once into experta, then run per profile.

This is the only module that imports experta. Each rule's condition is normalised (see
:func:`tiktok_team._condition.dnf`) and every alternative becomes one experta rule whose patterns are: the
``Profile`` fact with a predicate per tested field, the derived facts it needs, and ``NOT`` patterns for the
derived facts it denies. Every compiled rule thus has a positive pattern (rules made only of ``NOT`` are
unreliable in experta, its issue #10). Rule actions never retract or modify a fact: they record that the rule
fired and declare the facts it derives. Salience tiers (see :class:`tiktok_team._rulebook.Rulebook`) make every
derivation happen before any rule that tests it, so the set of rules that fire does not depend on firing order.

Engines are expensive to build (experta builds its network per instance) and cheap to reset, so each rulebook
keeps a pool of built engines; a run borrows one, so concurrent runs never share an engine.

Some of experta's habits make a run cost more than it needs, and the engine class here changes only those: after
every firing experta asks *every* rule's conflict-set node for new activations (so a run costs rules × firings;
:class:`_Matcher` asks only the nodes that have news); its agenda strategy keys every activation through an
``lru_cache`` whose lookups hash and compare activations, rules and facts by content, and then bisects with those
comparisons (:class:`_Strategy` computes the same keys and the same positions directly); compiled rules hash and
compare by their patterns, which every activation does many times (:class:`_CompiledRule` uses identity, which
tells the compiled rules apart just as well: no two share an action); its run loop formats a log line for every
firing even when nothing logs (:meth:`_Engine.run` is the same loop without it); and every reset looks its deffacts
up again by introspection (:class:`_Engine` looks them up once). What fires, and in which order, is experta's own,
with one exception where experta is wrong (see :class:`_Strategy`).

:func:`run_cached` remembers the outcomes of recent runs per rulebook, for the callers that ask about many
neighbouring profiles at once (what-if sweeps, the service); :func:`run` always runs.
"""

from __future__ import annotations

import bisect
import collections
import collections.abc
import queue
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial, update_wrapper
from typing import Any, Generic, TypeVar

from ._condition import Derived, Literal_, Test, dnf, tested_facts
from ._entries import Rule
from ._profile import FACTS
from ._rulebook import Rulebook

# experta 1.9.4 pins frozendict 1.2, which subclasses ``collections.Mapping``; that alias was removed in
# Python 3.10. Lend it for the duration of the import only, so that a plain install works on 3.10-3.13.
_LENT = not hasattr(collections, "Mapping")
if _LENT:
    collections.Mapping = collections.abc.Mapping  # type: ignore[attr-defined]
try:
    from experta import NOT, Fact, KnowledgeEngine, P
    from experta import Rule as ExpertaRule
    from experta.matchers import ReteMatcher
    from experta.matchers.rete.nodes import ConflictSetNode
    from experta.strategies import DepthStrategy
finally:
    if _LENT:
        del collections.Mapping  # type: ignore[attr-defined]

__all__ = ["MEMO_SIZE", "Firing", "Outcome", "outcome_facts", "remembered", "remembered_by", "run", "run_cached"]


class ProfileFact(Fact):  # type: ignore[misc]
    """The business profile: one fact per run, one field per profile fact."""


class DerivedFact(Fact):  # type: ignore[misc]
    """A fact derived by a rule: ``DerivedFact(name=...)``."""


class _ConflictSet(ConflictSetNode):  # type: ignore[misc]
    """experta's conflict-set node (one per compiled rule), which also tells its matcher when it has news."""

    position: int  # in experta's order of the conflict-set nodes
    news: list[Any]  # the matcher's list of nodes with news

    def _activate(self, token: Any) -> None:
        super()._activate(token)
        self.news.append(self)


class _Matcher(ReteMatcher):  # type: ignore[misc]
    """experta's RETE matcher, asking only the conflict-set nodes that have news for their activations.

    experta's ``changes`` asks every rule's node after every firing, so a run costs rules × firings and grows with
    the square of the rulebook. Here each node says when it has news (:class:`_ConflictSet`), and ``changes`` asks
    those, in experta's order, so the agenda receives the same activations in the same order.
    """

    def __init__(self, engine: Any) -> None:
        super().__init__(engine)
        nodes: dict[int, Any] = {}
        stack = [self.root_node]
        while stack:  # every node once, in the order of a depth-first walk (the network is a DAG)
            node = stack.pop()
            if id(node) not in nodes:
                nodes[id(node)] = node
                stack.extend(child.node for child in reversed(node.children))
        self._all_nodes = tuple(nodes.values())
        self._news: list[Any] = []
        conflict_sets = [node for node in self._all_nodes if isinstance(node, ConflictSetNode)]
        for position, node in enumerate(conflict_sets):
            node.__class__ = _ConflictSet
            node.position = position
            node.news = self._news

    def changes(self, adding: Any = None, deleting: Any = None) -> tuple[list[Any], list[Any]]:
        """experta's ``changes``: pass the facts through the network, then collect the new (de)activations."""
        for fact in deleting or ():
            self.root_node.remove(fact)
        for fact in adding or ():
            self.root_node.add(fact)
        added: list[Any] = []
        removed: list[Any] = []
        if self._news:
            nodes = sorted(set(self._news), key=_position)
            self._news.clear()
            for node in nodes:
                node_added, node_removed = node.get_activations()
                added.extend(node_added)
                removed.extend(node_removed)
        return added, removed

    def reset(self) -> None:
        """Wipe every node's memory: experta's recursive reset, without its walk (and log call) per path."""
        for node in self._all_nodes:
            node._reset()
        self._news.clear()


def _position(node: _ConflictSet) -> int:
    return node.position


class _Strategy(DepthStrategy):  # type: ignore[misc]
    """experta's depth strategy, giving the same agenda without its cache and its comparisons of activations.

    experta keys an activation by its rule's salience and its facts' ids, highest first, keeps the agenda sorted by
    key with a new activation placed after those of an equal key, and fires from the end (so the highest salience
    first and, at equal keys, the latest activation first). It looks keys up in an ``lru_cache``, which hashes and
    compares activations (their rules, facts and contexts by content), and bisects by comparing activations. Here
    the key is computed directly and the bisection compares keys: the same positions, hence the same order.

    The one difference: to remove a deactivated activation, experta looks at three places around the first
    activation of an equal key and misses it when three or more share that key, leaving it on the agenda to fire
    although its condition no longer holds (one way to get experta's reported firings on facts that are gone, its
    #3 and pyknow #41). Here every activation of that key is looked at; in a run, an activation is the same as
    another exactly when both have the same key (the same facts) and the same rule.
    """

    def _update_agenda(self, agenda: Any, added: Any, removed: Any) -> None:
        activations: list[Any] = agenda.activations
        for activation in removed:
            key = activation.key = _agenda_key(activation)
            for index in range(bisect.bisect_left(activations, key, key=_key), len(activations)):
                held = activations[index]
                if held.key != key:
                    break
                if held.rule is activation.rule:
                    del activations[index]
                    break
        for activation in added:
            activation.key = _agenda_key(activation)
            bisect.insort_right(activations, activation, key=_key)


def _agenda_key(activation: Any) -> tuple[int, list[int]]:
    """experta's key of an activation (its ``DepthStrategy.get_key``): salience, then fact ids from the highest."""
    return activation.rule.salience, sorted((fact["__factid__"] for fact in activation.facts), reverse=True)


def _key(activation: Any) -> Any:
    return activation.key


class _CompiledRule(ExpertaRule):  # type: ignore[misc]
    """An experta rule that hashes and compares by identity: each compiled rule has an action of its own, so two are
    never equal by content either, and experta hashes and compares rules at every activation.

    It also wraps its action without reading the action's signature: experta does that for every copy of the rule
    it makes while building the network (a tenth of an engine's build), to pass an action only the names it takes,
    and every action here takes them all (``**context``)."""

    __hash__ = object.__hash__
    _wrapped: Any  # experta's: the action, None until wrapped

    def __eq__(self, other: object) -> bool:
        return self is other

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._wrapped is None and args:  # wrapping the action (see above): experta's own, but for the signature
            action = self._wrapped = args[0]
            return update_wrapper(self, action)
        return super().__call__(*args, **kwargs)


class _Engine(KnowledgeEngine):  # type: ignore[misc]
    """A knowledge engine that uses :class:`_Matcher` and :class:`_Strategy`, runs without formatting a log line per
    firing, and finds its deffacts once rather than at every reset."""

    __matcher__ = _Matcher
    __strategy__ = _Strategy

    def run(self, steps: float = float("inf")) -> None:
        """experta's ``run``: fire the agenda's next activation until none is left (or ``steps`` have fired), taking
        in the new activations before each firing; without its logging, which formats every firing's facts."""
        self.running = True
        while steps > 0 and self.running:
            added, removed = self.get_activations()
            self.strategy.update_agenda(self.agenda, added, removed)
            activation = self.agenda.get_next()
            if activation is None:
                break
            steps -= 1
            activation.rule(self, **{k: v for k, v in activation.context.items() if not k.startswith("__")})
        self.running = False

    def get_deffacts(self) -> list[Any]:
        deffacts: list[Any] | None = self.__dict__.get("_deffacts")
        if deffacts is None:
            deffacts = self._deffacts = super().get_deffacts()
        return deffacts


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

    def fire(engine: Any, *_args: Any, **_context: Any) -> None:
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


def _accepts_all(tests: tuple[tuple[Test, bool], ...], value: Any) -> bool:
    return all(test.accepts(value) == positive for test, positive in tests)


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
            predicates[key] = P(partial(_accepts_all, key))
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
        engine.declare(ProfileFact(**facts))
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
