"""Rule conditions as data: parsed from a rule file, evaluated, normalised, and put into words.

A condition is one of these tables (TOML shown)::

    { fact = "stage", equals = "growth" }          # a choice, bool or number fact has this value
    { fact = "stage", in = ["growth", "mature"] }  # a choice fact is one of these values
    { fact = "formats", contains = "livestream" }  # a set fact holds this value
    { fact = "headcount_budget", at_most = 3 }     # a number fact is given and at most / at_least this
    { derived = "has_shop" }                       # a fact derived by another rule holds
    { role = "streamer" }                          # the plan has the role (duty and advice texts only)
    { role = "streamer", at_least = 2 }            # ... with at least (at_most) this many people
    { not = <condition> }
    { all = [<condition>, ...] }                   # all = [] always holds
    { any = [<condition>, ...] }                   # any = [] never holds

Nothing in a condition is executed: the engine compiles it to experta patterns, and :func:`holds` evaluates it
directly (the reference the engine is tested against). A ``role`` test reads the plan the rules decided, so only the
conditions of duty lines and advice texts, evaluated once the plan is made, may use it (:mod:`tiktok_team._texts`);
the rulebook loader refuses it in a rule's ``when``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, product
from typing import Any, Literal

from ._errors import suggest
from ._profile import FACTS, VALUE_WORDS

__all__ = [
    "All",
    "Any_",
    "Atom",
    "Condition",
    "ConditionSyntaxError",
    "Derived",
    "Literal_",
    "Not",
    "Planned",
    "Test",
    "derived_names",
    "dnf",
    "fact_values",
    "holds",
    "parse_condition",
    "planned_roles",
    "satisfiable",
    "tested_facts",
    "words",
]

Op = Literal["equals", "in", "contains", "at_least", "at_most"]
OPS: tuple[Op, ...] = ("equals", "in", "contains", "at_least", "at_most")
OPS_BY_KIND: dict[str, tuple[Op, ...]] = {
    "choice": ("equals", "in"),
    "set": ("contains",),
    "bool": ("equals",),
    "int": ("at_least", "at_most"),
}
MAX_CONJUNCTS = 256


class ConditionSyntaxError(ValueError):
    """A condition table is malformed; the message says where inside the condition."""


@dataclass(frozen=True)
class Test:
    """An atomic test of one profile fact."""

    fact: str
    op: Op
    value: Any

    def evaluate(self, facts: Mapping[str, Any]) -> bool:
        """Whether the test holds for the given fact values."""
        return self.accepts(facts[self.fact])

    @property
    def breakpoint(self) -> int:
        """For a number test, the least value at which its truth changes: ``at_least n`` holds from n on, ``at_most
        n`` stops holding at n + 1."""
        return int(self.value) if self.op == "at_least" else int(self.value) + 1

    def accepts(self, actual: Any) -> bool:
        """Whether the test holds when its fact has the value ``actual``."""
        if self.op == "equals":
            return bool(actual == self.value)
        if self.op == "in":
            return actual in self.value
        if self.op == "contains":
            return self.value in actual
        if actual is None:
            return False
        if self.op == "at_least":
            return bool(actual >= self.value)
        return bool(actual <= self.value)


@dataclass(frozen=True)
class Derived:
    """A fact derived by a rule (``derive = [...]``) holds."""

    name: str


@dataclass(frozen=True)
class Planned:
    """The plan has ``role`` with a headcount that is ``at_least`` (``op``) or ``at_most`` ``value`` (0 when the role
    is not planned); ``{ role = "x" }`` alone means at least 1."""

    role: str
    op: Literal["at_least", "at_most"] = "at_least"
    value: int = 1

    def accepts(self, headcount: int) -> bool:
        """Whether the test holds when the role has ``headcount`` people (0: not planned)."""
        return headcount >= self.value if self.op == "at_least" else headcount <= self.value


@dataclass(frozen=True)
class Not:
    operand: Condition


@dataclass(frozen=True)
class All:
    operands: tuple[Condition, ...]


@dataclass(frozen=True)
class Any_:
    operands: tuple[Condition, ...]


Condition = Test | Derived | Planned | Not | All | Any_
Atom = Test | Derived | Planned


@dataclass(frozen=True)
class Literal_:
    """A test, derived fact or planned role, asserted (``positive``) or denied: the unit of a normalised condition."""

    atom: Atom
    positive: bool


ALWAYS: Condition = All(())


def parse_condition(raw: object, path: str = "when") -> Condition:
    """Build a :class:`Condition` from its table form, checking facts, operators and values.

    Raises
    ------
    ConditionSyntaxError
        Naming the position inside the condition (``when.all[1]``) and what is wrong.

    Examples
    --------
    >>> parse_condition({"fact": "stage", "equals": "growth"})
    Test(fact='stage', op='equals', value='growth')
    >>> parse_condition({"fact": "stge", "equals": "growth"})
    Traceback (most recent call last):
    ...
    tiktok_team._condition.ConditionSyntaxError: when: unknown fact 'stge' (did you mean 'stage'?)
    """
    if not isinstance(raw, Mapping):
        raise ConditionSyntaxError(f"{path}: a condition must be a table, not {type(raw).__name__}")
    keys = set(raw)
    if keys == {"not"}:
        return Not(parse_condition(raw["not"], f"{path}.not"))
    for key, make in (("all", All), ("any", Any_)):
        if keys == {key}:
            items = raw[key]
            if not isinstance(items, list):
                raise ConditionSyntaxError(f"{path}.{key}: must be a list of conditions")
            return make(tuple(parse_condition(item, f"{path}.{key}[{i}]") for i, item in enumerate(items)))
    if keys == {"derived"}:
        if not isinstance(raw["derived"], str) or not raw["derived"]:
            raise ConditionSyntaxError(f"{path}.derived: must be the id of a derived fact")
        return Derived(raw["derived"])
    if "fact" in keys:
        return _parse_test(raw, path)
    if "role" in keys:
        return _parse_planned(raw, path)
    known = ("fact", "derived", "role", "not", "all", "any")
    unknown = sorted(keys - set(known)) or sorted(keys)
    hint = next((h for key in unknown if (h := suggest(key, known))), "")
    raise ConditionSyntaxError(
        f"{path}: expected one of the keys fact, derived, not, all, any; got {', '.join(unknown) or 'nothing'}{hint}"
    )


def _parse_test(raw: Mapping[str, Any], path: str) -> Test:
    fact = raw["fact"]
    spec = FACTS.get(fact) if isinstance(fact, str) else None
    if spec is None:
        raise ConditionSyntaxError(f"{path}: unknown fact '{fact}'{suggest(str(fact), FACTS)}")
    ops = [key for key in raw if key != "fact"]
    if len(ops) != 1 or ops[0] not in OPS:
        got = ", ".join(ops) or "none"
        raise ConditionSyntaxError(
            f"{path}: a test on '{fact}' needs exactly one of {', '.join(OPS_BY_KIND[spec.kind])}; got {got}"
        )
    op: Op = ops[0]
    if op not in OPS_BY_KIND[spec.kind]:
        raise ConditionSyntaxError(
            f"{path}: '{op}' does not apply to {spec.kind} fact '{fact}'; use {' or '.join(OPS_BY_KIND[spec.kind])}"
        )
    value = raw[op]
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise ConditionSyntaxError(f"{path}: '{fact}' is true or false, not {value!r}")
        return Test(fact, op, value)
    if spec.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConditionSyntaxError(f"{path}: '{fact}' is compared with a whole number >= 1, not {value!r}")
        return Test(fact, op, value)
    values = value if op == "in" else [value]
    if op == "in" and (not isinstance(value, list) or not value):
        raise ConditionSyntaxError(f"{path}: 'in' takes a non-empty list of values of '{fact}'")
    for item in values:
        if item not in spec.values:
            hint = suggest(item, spec.values) if isinstance(item, str) else ""
            raise ConditionSyntaxError(f"{path}: '{fact}' cannot be {item!r}; it takes {', '.join(spec.values)}{hint}")
    return Test(fact, op, frozenset(values) if op == "in" else value)


def _parse_planned(raw: Mapping[str, Any], path: str) -> Planned:
    role = raw["role"]
    if not isinstance(role, str) or not role:
        raise ConditionSyntaxError(f"{path}.role: must be the id of a role")
    ops = [key for key in raw if key != "role"]
    if not ops:
        return Planned(role)
    if len(ops) != 1 or ops[0] not in ("at_least", "at_most"):
        raise ConditionSyntaxError(
            f"{path}: a test on role '{role}' takes at most one of at_least, at_most; got {', '.join(ops)}"
        )
    value = raw[ops[0]]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConditionSyntaxError(f"{path}: role '{role}' is compared with a whole number >= 0, not {value!r}")
    return Planned(role, "at_least" if ops[0] == "at_least" else "at_most", value)


def holds(
    cond: Condition, facts: Mapping[str, Any], derived: Set[str], planned: Mapping[str, int] | None = None
) -> bool:
    """Evaluate a condition directly against fact values, the set of derived facts that hold and, for ``role``
    tests, the ``planned`` headcount of each role of the plan (a role test never holds without one).

    Examples
    --------
    >>> cond = parse_condition({"all": [{"fact": "stage", "equals": "growth"}, {"not": {"derived": "x"}}]})
    >>> holds(cond, {"stage": "growth"}, set()), holds(cond, {"stage": "growth"}, {"x"})
    (True, False)
    >>> holds(parse_condition({"role": "streamer", "at_least": 2}), {}, set(), {"streamer": 3})
    True
    """
    if isinstance(cond, Test):
        return cond.accepts(facts[cond.fact])
    # All and Any by loops: all() and any() of a generator take 1.7x the time (a sweep evaluates millions)
    if isinstance(cond, All):
        for operand in cond.operands:  # noqa: SIM110 - see above
            if not holds(operand, facts, derived, planned):
                return False
        return True
    if isinstance(cond, Derived):
        return cond.name in derived
    if isinstance(cond, Planned):
        return planned is not None and cond.accepts(planned.get(cond.role, 0))
    if isinstance(cond, Not):
        return not holds(cond.operand, facts, derived, planned)
    for operand in cond.operands:  # noqa: SIM110 - see above
        if holds(operand, facts, derived, planned):
            return True
    return False


def planned_roles(cond: Condition) -> set[str]:
    """The roles a condition tests with ``role`` (the plan has them, or has that many of them).

    Examples
    --------
    >>> sorted(planned_roles(parse_condition({"any": [{"role": "streamer"}, {"not": {"role": "pr"}}]})))
    ['pr', 'streamer']
    """
    if isinstance(cond, Planned):
        return {cond.role}
    if isinstance(cond, Not):
        return planned_roles(cond.operand)
    if isinstance(cond, (All, Any_)):
        return {role for operand in cond.operands for role in planned_roles(operand)}
    return set()


@lru_cache(maxsize=4096)
def dnf(cond: Condition) -> tuple[tuple[Literal_, ...], ...]:
    """Normalise a condition to a disjunction of conjunctions of literals (negations pushed to the atoms); the
    normal forms of the conditions last asked for are remembered.

    Raises
    ------
    ConditionSyntaxError
        If the normal form would have more than 256 conjunctions.

    Examples
    --------
    >>> cond = parse_condition({"not": {"any": [{"derived": "a"}, {"derived": "b"}]}})
    >>> [[(lit.atom.name, lit.positive) for lit in conj] for conj in dnf(cond)]
    [[('a', False), ('b', False)]]
    """
    return tuple(_dnf(cond, positive=True))


def _dnf(cond: Condition, positive: bool) -> list[tuple[Literal_, ...]]:
    if isinstance(cond, (Test, Derived, Planned)):
        return [(Literal_(cond, positive),)]
    if isinstance(cond, Not):
        return _dnf(cond.operand, not positive)
    conjunctive = isinstance(cond, All) == positive
    parts = [_dnf(c, positive) for c in cond.operands]
    if not conjunctive:
        return [conj for part in parts for conj in part]
    size = 1
    for part in parts:
        size *= len(part)
        if size > MAX_CONJUNCTS:
            raise ConditionSyntaxError(f"condition too complex: more than {MAX_CONJUNCTS} alternatives")
    return [tuple(lit for conj in combo for lit in conj) for combo in product(*parts)]


def fact_values(fact: str, breakpoints: Iterable[int] = ()) -> list[Any]:
    """Every value of ``fact`` that a condition can tell apart: all values of a choice, set or bool fact; for a
    number fact, "not given", 1, and the values on either side of each breakpoint of the tests that compare it (the
    least value at which a test's truth changes: :attr:`Test.breakpoint`).

    Examples
    --------
    >>> [sorted(value) for value in fact_values("formats")]
    [[], ['livestream'], ['short_video'], ['livestream', 'short_video']]
    >>> fact_values("headcount_budget", [Test("headcount_budget", "at_most", 3).breakpoint])
    [None, 1, 3, 4]
    >>> fact_values("headcount_budget", [Test("headcount_budget", "at_least", 1).breakpoint])
    [None, 1]
    """
    spec = FACTS[fact]
    if spec.kind == "choice":
        return list(spec.values)
    if spec.kind == "bool":
        return [False, True]
    if spec.kind == "set":
        return [frozenset(c) for n in range(len(spec.values) + 1) for c in combinations(spec.values, n)]
    numbers = {1} | {n for b in breakpoints for n in (b - 1, b) if n >= 1}
    return [None, *sorted(numbers)]


def satisfiable(conjunct: Iterable[Literal_]) -> bool:
    """Whether some profile and set of derived facts make every literal of ``conjunct`` true.

    Examples
    --------
    >>> [satisfiable(c) for c in dnf(parse_condition({"all": [
    ...     {"fact": "stage", "equals": "growth"}, {"fact": "stage", "in": ["startup", "mature"]}]}))]
    [False]
    """
    literals = list(conjunct)
    derived = {(lit.atom.name, lit.positive) for lit in literals if isinstance(lit.atom, Derived)}
    if any((name, not positive) in derived for name, positive in derived):
        return False
    tests: dict[str, list[tuple[Test, bool]]] = {}
    roles: dict[str, list[tuple[Planned, bool]]] = {}
    for lit in literals:
        if isinstance(lit.atom, Test):
            tests.setdefault(lit.atom.fact, []).append((lit.atom, lit.positive))
        elif isinstance(lit.atom, Planned):
            roles.setdefault(lit.atom.role, []).append((lit.atom, lit.positive))
    for fact, checks in tests.items():
        breakpoints = [t.breakpoint for t, _ in checks if t.op in ("at_least", "at_most")]
        if not any(all(t.accepts(v) == positive for t, positive in checks) for v in fact_values(fact, breakpoints)):
            return False
    for planned in roles.values():
        counts = range(max(p.value for p, _ in planned) + 2)
        if not any(all(p.accepts(n) == positive for p, positive in planned) for n in counts):
            return False
    return True


def tested_facts(cond: Condition) -> set[str]:
    """The names of the profile facts the condition tests itself (not through derived facts).

    Examples
    --------
    >>> sorted(tested_facts(parse_condition({"any": [{"fact": "paid_ads", "equals": True}, {"derived": "has_shop"}]})))
    ['paid_ads']
    """
    return {lit.atom.fact for conjunct in dnf(cond) for lit in conjunct if isinstance(lit.atom, Test)}


def derived_names(cond: Condition) -> Iterator[tuple[str, bool]]:
    """Yield each derived fact the condition refers to, with whether it is referred to under a negation."""
    yield from _derived(cond, negated=False)


def _derived(cond: Condition, negated: bool) -> Iterator[tuple[str, bool]]:
    if isinstance(cond, Derived):
        yield cond.name, negated
    elif isinstance(cond, Not):
        yield from _derived(cond.operand, not negated)
    elif isinstance(cond, (All, Any_)):
        for operand in cond.operands:
            yield from _derived(operand, negated)


_CONNECTIVES = {"en": (" and ", " or ", "not ", "always"), "zh": ("且", "或", "非", "总是")}


def words(
    cond: Condition, lang: str, derived_words: Mapping[str, str], role_words: Mapping[str, str] | None = None
) -> str:
    """Say a condition in English (``en``) or Chinese (``zh``); a role test names the role by ``role_words`` (its
    id where none is given).

    Examples
    --------
    >>> cond = parse_condition({"all": [{"fact": "stage", "in": ["growth", "mature"]},
    ...                                 {"fact": "formats", "contains": "livestream"}]})
    >>> words(cond, "en", {})
    'stage is growth or mature and formats include livestream'
    >>> words(cond, "zh", {})
    '阶段为发展期或成熟期且内容形式包含直播'
    >>> words(parse_condition({"not": {"role": "pr"}}), "en", {}, {"pr": "Public relations"})
    'the plan has no Public relations'
    """
    conj, disj, neg, always = _CONNECTIVES[lang]
    if isinstance(cond, Test):
        return _test_words(cond, lang)
    if isinstance(cond, Derived):
        return derived_words.get(cond.name, cond.name)
    roles = role_words or {}
    if isinstance(cond, Planned):
        return _planned_words(cond, lang, roles)
    if (
        isinstance(cond, Not)
        and isinstance(cond.operand, Planned)
        and (cond.operand.op, cond.operand.value)
        == (
            "at_least",
            1,
        )
    ):  # the plan has no such role
        name = roles.get(cond.operand.role, cond.operand.role)
        return f"the plan has no {name}" if lang == "en" else f"方案中没有{name}"
    if isinstance(cond, Not):
        inner = words(cond.operand, lang, derived_words, roles)
        return f"{neg}({inner})" if isinstance(cond.operand, (All, Any_)) else f"{neg}{inner}"
    if not cond.operands:
        return always if isinstance(cond, All) else ("never" if lang == "en" else "从不")
    joiner = conj if isinstance(cond, All) else disj
    parts = [words(c, lang, derived_words, roles) for c in cond.operands]
    return joiner.join(
        f"({p})" if isinstance(c, (All, Any_)) and len(parts) > 1 else p
        for c, p in zip(cond.operands, parts, strict=True)
    )


def value_words(value: Any, lang: str) -> str:
    """How one fact value reads in ``lang``."""
    index = 0 if lang == "en" else 1
    if isinstance(value, bool):
        return ("yes", "是")[index] if value else ("no", "否")[index]
    if isinstance(value, (set, frozenset)):
        if not value:
            return ("none", "无")[index]
        return ("、" if index else ", ").join(value_words(v, lang) for v in sorted(value))
    if value is None:
        return ("not given", "未提供")[index]
    return VALUE_WORDS.get(str(value), (str(value), str(value)))[index]


def _planned_words(test: Planned, lang: str, roles: Mapping[str, str]) -> str:
    name = roles.get(test.role, test.role)
    if (test.op, test.value) == ("at_least", 1):
        return f"the plan has {name}" if lang == "en" else f"方案中有{name}"
    if lang == "en":
        return f"the plan has {'at least' if test.op == 'at_least' else 'at most'} {test.value} {name}"
    return f"方案中{name}{'至少' if test.op == 'at_least' else '至多'}{test.value}人"


def _test_words(test: Test, lang: str) -> str:
    spec = FACTS[test.fact]
    label = spec.en if lang == "en" else spec.zh
    if spec.kind == "bool":
        if lang == "en":
            return label if test.value else f"not {label}"
        return label if test.value else f"无{label}"
    if test.op == "in":
        sep = " or " if lang == "en" else "或"
        shown = sep.join(value_words(v, lang) for v in sorted(test.value))
    else:
        shown = value_words(test.value, lang)
    verbs = {
        "en": {
            "equals": "is",
            "in": "is",
            "contains": "include",
            "at_least": "is at least",
            "at_most": "is at most",
        },
        "zh": {"equals": "为", "in": "为", "contains": "包含", "at_least": "至少为", "at_most": "至多为"},
    }
    space = " " if lang == "en" else ""
    return f"{label}{space}{verbs[lang][test.op]}{space}{shown}"
