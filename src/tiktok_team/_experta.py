"""experta, importable on current Python and lean for the rules that :mod:`tiktok_team._engine` compiles.

This is the only module that imports experta; the engine module compiles rulebooks with the names it exports.
experta 1.9.4 pins frozendict 1.2, which subclasses ``collections.Mapping``, an alias that Python 3.10 removed: the
alias is lent for the duration of the import only, so that a plain install works on 3.10-3.13.

What fires, and in which order, is experta's: its RETE network, built by experta from the compiled rules' patterns,
its tokens, activations, agenda and run loop. Some of its habits cost more than they need for these rules, and the
classes here change only those:

- **Building** (:class:`_Matcher`): experta brings every rule into normal form and wires it with a dispatcher of
  eight functions made afresh for each rule; the compiled rules are in normal form already and have one shape.
- **Passing a token** (the node classes): every node copies the token it receives, through a constructor that checks
  its arguments, and calls the logger, before looking at it. Here no node changes a token it was given (the one node
  that adds to a token, :class:`_Capture`, makes a new one), so none copies; a field is tested by the compiled
  predicate itself, not through experta's generic check (which splits the field's name, calls the logger and
  returns through two more calls); a conflict-set node keeps its news by token rather than by hashing activations.
- **Asking for news** (:class:`_Matcher`): after every firing experta asks *every* rule's conflict-set node for new
  activations, so a run costs rules × firings; here the nodes that have news say so, and only they are asked, in
  experta's order of the nodes.
- **Resetting** (:class:`_Matcher`, :class:`_Engine`): experta walks every path of the network to wipe memories,
  and finds its deffacts by introspection and reads their signatures at every reset; here only the nodes that hold
  memory are wiped, and the deffacts are found once.
- **The agenda** (:class:`_Strategy`): experta keys activations through an ``lru_cache`` that hashes and compares
  activations, rules and facts by content, then bisects by comparing activations; here the same keys give the same
  positions directly (and one experta defect is fixed, see the class).
- **The run loop** (:meth:`_Engine.run`): experta formats a log line for every firing even when nothing logs, and
  asks the matcher for news after firings that declared nothing.
"""

from __future__ import annotations

import bisect
import collections
import collections.abc
from collections.abc import Callable
from contextlib import suppress
from functools import partial
from typing import Any

_LENT = not hasattr(collections, "Mapping")
if _LENT:
    collections.Mapping = collections.abc.Mapping  # type: ignore[attr-defined]
try:
    from experta import NOT, Fact, KnowledgeEngine, P
    from experta import Rule as ExpertaRule
    from experta.activation import Activation
    from experta.agenda import Agenda
    from experta.factlist import FactList
    from experta.matchers import ReteMatcher
    from experta.matchers.rete.check import FactCapture, SameContextCheck, TypeCheck
    from experta.matchers.rete.mixins import ChildNode, NoMemory
    from experta.matchers.rete.nodes import ConflictSetNode, FeatureTesterNode, NotNode, OrdinaryMatchNode
    from experta.matchers.rete.token import Token
    from experta.strategies import DepthStrategy
finally:
    if _LENT:
        del collections.Mapping  # type: ignore[attr-defined]

__all__ = ["NOT", "ExpertaRule", "Fact", "P"]

_VALID = Token.TagType.VALID
_INVALID = Token.TagType.INVALID


def _token(tag: Any, data: Any, context: Any) -> Any:
    """An experta token, made without its constructor's checks of what the network itself always passes right."""
    return tuple.__new__(Token, (tag, data, context))


def _info(token: Any) -> tuple[frozenset[Any], frozenset[Any]]:
    """What experta's nodes remember of a token (its ``TokenInfo``): its facts and context, frozen."""
    return frozenset(token.data), frozenset(token.context.items())


class _TypeTest(FeatureTesterNode):  # type: ignore[misc]
    """The first test of a fact: its class."""

    fact_type: type

    def _activate(self, token: Any) -> None:
        for fact in token.data:  # a token of the alpha part holds one fact
            if type(fact) is self.fact_type:
                for child in self.children:
                    child.callback(token)


_ABSENT = object()


class _FieldTest(FeatureTesterNode):  # type: ignore[misc]
    """A test of one field of a fact (a profile fact's predicate, a derived fact's name); a fact without the field
    fails it, as in experta. No compiled pattern binds a variable, so a test only passes a token on or stops it."""

    field: str
    accepts: Callable[[Any], Any]

    def _activate(self, token: Any) -> None:
        for fact in token.data:
            value = fact.get(self.field, _ABSENT)
            if value is not _ABSENT and self.accepts(value):
                for child in self.children:
                    child.callback(token)


class _Capture(FeatureTesterNode):  # type: ignore[misc]
    """The last node of a pattern's branch, which names the matched fact in the context of a new token for the joins
    and the conflict set. experta sorts a capture after every test of its pattern, and tests add nothing to a token,
    so the context it receives is always the bus's empty one."""

    name: str

    def _activate(self, token: Any) -> None:
        for fact in token.data:
            captured = _token(token.tag, token.data, {self.name: fact})
            for child in self.children:
                child.callback(captured)


class _Join(OrdinaryMatchNode):  # type: ignore[misc]
    """experta's join of two inputs: each side's tokens are remembered (a new token added, a withdrawn one removed),
    and a token arriving on one side is joined with every remembered token of the other side that agrees with it."""

    def _activate_left(self, token: Any) -> None:
        self._join(token, self.left_memory, self.right_memory, from_left=True)

    def _activate_right(self, token: Any) -> None:
        self._join(token, self.right_memory, self.left_memory, from_left=False)

    def _join(self, token: Any, own: list[Any], other: list[Any], from_left: bool) -> None:
        info = _info(token)
        if token.tag is _VALID:
            own.append(info)
        else:
            with suppress(ValueError):
                own.remove(info)
        for data, items in other:
            context = dict(items)
            if self.matcher(token.context, context) if from_left else self.matcher(context, token.context):
                joined = {key: value for key, value in token.context.items() if isinstance(key, str)}
                joined.update((key, value) for key, value in items if not isinstance(key, tuple))
                new = _token(token.tag, token.data | data, joined)
                for child in self.children:
                    child.callback(new)


class _ConflictSet(ConflictSetNode):  # type: ignore[misc]
    """experta's conflict-set node (one per compiled rule): a token that arrives is an activation of the rule, or its
    withdrawal. It keeps its news by token (two activations of one rule are equal exactly when their tokens are, as
    no compiled pattern binds or negates a variable), and tells its matcher that it has news."""

    position: int  # in experta's order of the conflict-set nodes
    news: list[Any]  # the matcher's list of nodes with news
    added: dict[Any, Any]
    removed: dict[Any, Any]

    def _reset(self) -> None:
        self.memory: set[Any] = set()
        self.added = {}
        self.removed = {}

    def _activate(self, token: Any) -> None:
        info = _info(token)
        valid = token.tag is _VALID
        if (info in self.memory) == valid:
            return
        if valid:
            self.memory.add(info)
            noted, undone = self.added, self.removed
        else:
            self.memory.remove(info)
            noted, undone = self.removed, self.added
        if undone.pop(info, None) is None:  # news not yet collected cancel out, as in experta
            context = {key: value for key, value in token.context.items() if isinstance(key, str)}
            noted[info] = Activation(self.rule, info[0], context)
        self.news.append(self)

    def get_activations(self) -> tuple[list[Any], list[Any]]:
        found = list(self.added.values()), list(self.removed.values())
        self.added.clear()
        self.removed.clear()
        return found


def _make_lean(node: Any) -> None:
    """Give an alpha or join node built by experta the lean class of its kind (conflict sets are the matcher's)."""
    if isinstance(node, FeatureTesterNode):
        check = node.matcher
        if isinstance(check, TypeCheck):
            node.__class__, node.fact_type = _TypeTest, check.fact_type
        elif isinstance(check, FactCapture):
            node.__class__, node.name = _Capture, check.bind
        else:  # experta's FeatureCheck of a field: a compiled predicate (P, tested itself) or a literal name (L)
            node.__class__, node.field, how = _FieldTest, check.what, check.how
            node.accepts = how.match if isinstance(how, P) else partial(check.check, expected=check.expected)
    elif type(node) is OrdinaryMatchNode:
        node.__class__ = _Join


class _Matcher(ReteMatcher):  # type: ignore[misc]
    """experta's RETE matcher: the network experta builds, with the lean nodes above, asking only the conflict-set
    nodes that have news for their activations and wiping only the nodes that hold memory."""

    def __init__(self, engine: Any) -> None:
        super().__init__(engine)
        nodes: dict[int, Any] = {}
        stack = [self.root_node]
        while stack:  # every node once, in the order of a depth-first walk (the network is a DAG)
            node = stack.pop()
            if id(node) not in nodes:
                nodes[id(node)] = node
                stack.extend(child.node for child in reversed(node.children))
        self._news: list[Any] = []
        self._touched: list[Any] = []  # the conflict sets that had news since the last reset
        conflict_sets = [node for node in nodes.values() if isinstance(node, ConflictSetNode)]
        for position, node in enumerate(conflict_sets):
            node.__class__ = _ConflictSet
            node.position = position
            node.news = self._news
            node._reset()
        for node in nodes.values():
            _make_lean(node)
        for node in nodes.values():  # each child called at its ``_activate…``, not at ``activate…``, which copies
            node.children[:] = [ChildNode(c.node, getattr(c.node, f"_{c.callback.__name__}")) for c in node.children]
        self._joins = tuple(node for node in nodes.values() if not isinstance(node, (NoMemory, ConflictSetNode)))

    @staticmethod
    def prepare_ruleset(engine: Any) -> set[Any]:
        """The compiled rules as they are. experta would bring each into normal form, and put an initial-fact pattern
        before a first pattern that is negated: every compiled rule is a conjunction whose first pattern is positive
        (``tests/test_engine.py`` checks that experta's preparation leaves each as it is)."""
        return set(engine.get_rules())

    @staticmethod
    def build_beta_part(ruleset: set[Any], alpha_terminals: dict[Any, Any]) -> None:
        """experta's wiring of a rule (its ``wire_rule``), for the one shape compiled: the first pattern's branch,
        then each further pattern joined from the left, a negated one by a not-node, then the rule's conflict set."""
        for rule in ruleset:
            first, *rest = rule
            node = alpha_terminals[first]
            for pattern in rest:
                negated = isinstance(pattern, NOT)
                join = (NotNode if negated else OrdinaryMatchNode)(SameContextCheck())
                node.add_child(join, join.activate_left)
                branch = alpha_terminals[pattern[0] if negated else pattern]
                branch.add_child(join, join.activate_right)
                node = join
            conflict_set = ConflictSetNode(rule)
            node.add_child(conflict_set, conflict_set.activate)

    def changes(self, adding: Any = None, deleting: Any = None) -> tuple[list[Any], list[Any]]:
        """experta's ``changes``: pass the facts through the network, then collect the new (de)activations."""
        for tag, facts in ((_INVALID, deleting), (_VALID, adding)):
            for fact in facts or ():
                token = _token(tag, {fact}, {})
                for child in self.root_node.children:
                    child.callback(token)
        added: list[Any] = []
        removed: list[Any] = []
        if self._news:
            nodes = sorted(set(self._news), key=_position)
            self._news.clear()
            self._touched.extend(nodes)
            for node in nodes:
                node_added, node_removed = node.get_activations()
                added.extend(node_added)
                removed.extend(node_removed)
        return added, removed

    def reset(self) -> None:
        """Wipe the memory of the joins and of the conflict sets that had news: experta walks every path instead."""
        for node in (*self._joins, *self._touched, *self._news):
            node._reset()
        self._touched.clear()
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
    ids = [fact["__factid__"] for fact in activation.facts]
    ids.sort(reverse=True)
    return activation.rule.salience, ids


def _key(activation: Any) -> Any:
    return activation.key


class _Engine(KnowledgeEngine):  # type: ignore[misc]
    """A knowledge engine that uses :class:`_Matcher` and :class:`_Strategy`, runs without formatting a log line per
    firing, and finds its deffacts once rather than at every reset."""

    __matcher__ = _Matcher
    __strategy__ = _Strategy

    def run(self, steps: float = float("inf")) -> None:
        """experta's ``run``: fire the agenda's next activation until none is left (or ``steps`` have fired), taking
        in the new activations before each firing; without its logging, which formats every firing's facts, and
        without asking the network for news when the last firing declared and retracted nothing.

        The rule is called with the engine alone: experta passes the activation's context too, less the names that
        begin with two underscores, and a compiled rule's context holds nothing else (the facts it matched, under
        experta's names ``__pattern_…__``)."""
        self.running = True
        facts = self.facts
        while steps > 0 and self.running:
            if facts.added or facts.removed:
                added, removed = self.get_activations()
                self.strategy.update_agenda(self.agenda, added, removed)
            activation = self.agenda.get_next()
            if activation is None:
                break
            steps -= 1
            activation.rule(self)
        self.running = False

    def reset(self) -> None:
        """experta's ``reset`` without arguments: a new agenda and fact list, the network's memories wiped, and the
        deffacts' facts (experta's initial fact) declared."""
        self.agenda = Agenda()
        self.facts = FactList()
        self.matcher.reset()
        for deffacts in self.get_deffacts():
            for fact in deffacts():
                self.facts.declare(fact)
        added, removed = self.get_activations()
        self.strategy.update_agenda(self.agenda, added, removed)
        self.running = False

    def get_deffacts(self) -> list[Any]:
        deffacts: list[Any] | None = self.__dict__.get("_deffacts")
        if deffacts is None:
            deffacts = self._deffacts = super().get_deffacts()
        return deffacts
