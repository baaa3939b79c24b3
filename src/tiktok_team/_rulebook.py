"""The rulebook: the role catalog, the sources, the advice and the rules, loaded from TOML and validated.

The bundled rulebook lives in ``rules/`` (shipped inside the wheel). Every file may hold arrays of tables of the
entries of :mod:`tiktok_team._entries`, and an overlay may also ``disable = [rule ids]`` or replace a rule by giving
its id again with ``replace = true``. The format is described in ``docs/rule-format.md``. The loader is the only
path from a file to the engine, and every error it raises names the file and the entry.
"""

from __future__ import annotations

import graphlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ._condition import ConditionSyntaxError, derived_names, dnf, planned_roles, satisfiable, words
from ._documents import parse_document, read_text
from ._entries import (
    OWNER,
    Advice,
    Assumption,
    DerivedFact,
    Duty,
    Entry,
    Guidance,
    Mentions,
    Role,
    Rule,
    Source,
    Text,
    Unit,
    Workload,
)
from ._errors import RulebookError, suggest
from ._lazy import publish
from ._profile import MEASURES
from ._stored import stored

__all__ = ["Rulebook", "bundled_rules_dir", "load_rulebook"]


@dataclass(frozen=True, eq=False)
class Rulebook:
    """A validated rulebook. Build it with :func:`load_rulebook`; treat it as immutable.

    ``origins`` maps ``(kind, id)`` (e.g. ``("role", "pr")``) to the file that defined the entry;
    ``disabled`` maps each rule id an overlay disabled to that overlay. ``salience`` gives each rule's firing
    tier: a rule fires only after every rule deriving a fact its condition tests, so that results never depend
    on the order in which experta fires rules.
    """

    sources: Mapping[str, Source]
    guidance: Mapping[str, Guidance]
    departments: Mapping[str, Unit]
    teams: Mapping[str, Unit]
    roles: Mapping[str, Role]
    advice: Mapping[str, Advice]
    derived: Mapping[str, DerivedFact]
    assumptions: Mapping[str, Assumption]
    workloads: Mapping[str, Workload]
    rules: Mapping[str, Rule]
    salience: Mapping[str, int]
    files: tuple[str, ...]
    duties: Mapping[str, Duty] = field(default_factory=dict)
    disabled: Mapping[str, str] = field(default_factory=dict)
    origins: Mapping[tuple[str, str], str] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle everything but the cache: its built engines cannot cross a process boundary (see
        :func:`tiktok_team.recommend_many`), and the receiving process builds its own."""
        return {**self.__dict__, "cache": {}}

    def __deepcopy__(self, memo: dict[int, Any]) -> Rulebook:
        """The rulebook itself: it is immutable, and its compiled engines cannot be copied (a deep copy of a plan
        shares its rulebook)."""
        return self

    def rules_for_role(self, role_id: str) -> list[Rule]:
        """Every rule that mentions ``role_id``, sorted by id."""
        return [rule for rule in self.rules.values() if role_id in rule.roles_named()]

    def rules_for_guidance(self, guidance: str) -> list[Rule]:
        """Every rule that cites guidance item ``guidance`` (e.g. ``"G17"``), sorted by id."""
        return [rule for rule in self.rules.values() if rule.guidance == guidance]


@cache
def bundled_rules_dir() -> Path:
    """The directory of the bundled rule files, in an installed wheel or in a source checkout (resolved)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent.parent / "rules"):
        if (candidate / "catalog.toml").is_file():
            return candidate.resolve()
    raise RulebookError("the bundled rules/ directory is missing from this installation")


def load_rulebook(*extra_paths: str | Path) -> Rulebook:
    """Load the bundled rulebook, plus any extra rule files, and validate everything.

    Parameters
    ----------
    *extra_paths : str or Path
        Further rule files (TOML) whose entries are added to the bundled ones.

    Returns
    -------
    Rulebook

    Raises
    ------
    RulebookError
        Naming the file and the entry (rule id, role id …) of the first problem found.

    Examples
    --------
    >>> book = load_rulebook()
    >>> sorted(book.sources)
    ['five-departments', 'three-stages']
    >>> book.rules["startup-live-team"].guidance
    'G13'
    """
    if not extra_paths:
        return _bundled()
    return _load([*sorted(bundled_rules_dir().glob("*.toml")), *map(Path, extra_paths)])


@cache
def _bundled() -> Rulebook:
    paths = sorted(bundled_rules_dir().glob("*.toml"))
    return stored(paths, lambda: _load(paths), Rulebook)  # loaded once per installation (see tiktok_team._stored)


_KINDS: dict[str, tuple[str, type[Entry]]] = {
    "source": ("key", Source),
    "guidance": ("id", Guidance),
    "department": ("id", Unit),
    "team": ("id", Unit),
    "role": ("id", Role),
    "duty": ("id", Duty),
    "advice": ("id", Advice),
    "derived": ("id", DerivedFact),
    "assumption": ("id", Assumption),
    "workload": ("role", Workload),
    "rule": ("id", Rule),
}


def _disable_list(data: Mapping[str, Any], file: str) -> list[str]:
    ids = data.get("disable", [])
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise RulebookError("'disable' must be a list of rule ids", file)
    return ids


def _read(path: Path) -> dict[str, Any]:
    """The TOML document of a rule file (never changed by its readers). A bundled file's is read once per process
    and state of the file: loading an overlay reads the bundled files again, and their parse was three quarters of
    what that costs."""
    if path.resolve().parent == bundled_rules_dir():
        state = path.stat()
        return _read_bundled(path, state.st_mtime_ns, state.st_size)
    return _parse(path)


@lru_cache(maxsize=32)
def _read_bundled(path: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    """:func:`_parse` of the bundled rule file ``path`` as it is at ``mtime_ns`` and ``size``."""
    return _parse(path)


def _parse(path: Path) -> dict[str, Any]:
    name = _display(path)
    data = parse_document(read_text(path, name, kind="rule", error=RulebookError), "toml", name, RulebookError)
    assert isinstance(data, dict)  # a TOML document is a table
    for key in data:
        if key not in _KINDS and key != "disable":
            known = [*_KINDS, "disable"]
            raise RulebookError(f"unknown table '{key}'{suggest(key, known)}; expected one of {', '.join(known)}", name)
    return data


def _display(path: Path) -> str:
    return f"rules/{path.name}" if path.resolve().parent == bundled_rules_dir() else str(path)


def _load(paths: Iterable[Path]) -> Rulebook:
    entries: dict[str, dict[str, Any]] = {kind: {} for kind in _KINDS}
    origin: dict[tuple[str, str], str] = {}
    files = []
    disabled: dict[str, str] = {}
    for path in paths:
        name = _display(path)
        files.append(name)
        data = _read(path)
        for kind, items in data.items():
            if kind == "disable":
                continue
            key_field, model = _KINDS[kind]
            if not isinstance(items, list):
                raise RulebookError(f"'{kind}' must be an array of tables ([[{kind}]])", name)
            for index, raw in enumerate(items):
                entry = _validate(model, raw, kind=kind, index=index, key_field=key_field, file=name)
                key = getattr(entry, key_field)
                replacing = isinstance(entry, Rule) and entry.replace
                if key in entries[kind] and not replacing:
                    hint = "; to replace it, give the new rule replace = true" if kind == "rule" else ""
                    raise RulebookError(f"duplicate {kind} id, first defined in {origin[kind, key]}{hint}", name, key)
                if replacing and key not in entries[kind]:
                    raise RulebookError(
                        f"replace = true, but there is no earlier rule '{key}'{suggest(key, entries[kind])}", name, key
                    )
                entries[kind][key] = entry
                origin[kind, key] = name
        for rule_id in _disable_list(data, name):
            if rule_id not in entries["rule"]:
                raise RulebookError(
                    f"cannot disable rule '{rule_id}': no such rule{suggest(rule_id, entries['rule'])}", name, rule_id
                )
            del entries["rule"][rule_id]
            disabled[rule_id] = name
    book = Rulebook(
        sources=_sorted(entries["source"]),
        guidance=_sorted(entries["guidance"]),
        departments=entries["department"],
        teams=entries["team"],
        roles=_sorted(entries["role"]),
        advice=_sorted(entries["advice"]),
        derived=_sorted(entries["derived"]),
        assumptions=_sorted(entries["assumption"]),
        workloads=_sorted(entries["workload"]),
        rules=_sorted(entries["rule"]),
        salience={},
        files=tuple(files),
        duties=_sorted(entries["duty"]),
        disabled=disabled,
        origins=origin,
    )
    _check_catalog(book, origin)
    for load in book.workloads.values():
        where = (origin["workload", load.role], load.role)
        if load.role not in book.roles:
            raise RulebookError(_unknown("role", load.role, book.roles), *where)
        if load.measure not in MEASURES:
            raise RulebookError(_unknown("workload measure", load.measure, MEASURES), *where)
        if load.per not in book.assumptions:
            raise RulebookError(_unknown("assumption", load.per, book.assumptions), *where)
    for item in book.guidance.values():
        if item.source not in book.sources:
            raise RulebookError(_unknown("source", item.source, book.sources), origin["guidance", item.id], item.id)
    for rule in book.rules.values():
        _check_rule(book, rule)
    _check_texts(book, origin)
    return Rulebook(**{**book.__dict__, "salience": _salience(book), "cache": {}})


def _sorted(items: dict[str, Any]) -> dict[str, Any]:
    return dict(sorted(items.items()))


def _validate(model: type[Entry], raw: object, *, kind: str, index: int, key_field: str, file: str) -> Entry:
    if not isinstance(raw, dict):
        raise RulebookError(f"{kind} #{index + 1} must be a table", file)
    entry_id = str(raw.get(key_field, f"{kind} #{index + 1}"))
    data = {**raw, "file": file} if model is Rule else raw
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RulebookError(_first_error(exc, model), file, entry_id) from None


def _first_error(exc: ValidationError, model: type[Entry]) -> str:
    err = min(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")  # a misspelling explains most
    loc = ".".join(str(part) for part in err["loc"])
    if err["type"] == "extra_forbidden":
        name = str(err["loc"][-1])
        return f"unknown key '{name}'{suggest(name, model.model_fields)}"
    if err["type"] == "missing":
        return f"missing required key '{loc}'"
    msg = str(err["msg"]).removeprefix("Value error, ")
    return msg if loc == "when" else f"{loc}: {msg}"


def _check_catalog(book: Rulebook, origin: Mapping[tuple[str, str], str]) -> None:
    seen: dict[str, str] = {OWNER: "role"}
    for kind, items in (("department", book.departments), ("team", book.teams), ("role", book.roles)):
        for key in items:
            if key in seen and not (kind == "role" and key == OWNER):
                raise RulebookError(
                    f"id already used by a {seen[key]}; graph node ids must be unique", origin[kind, key], key
                )
            seen[key] = kind
    if OWNER not in book.roles:
        raise RulebookError(f"the catalog has no '{OWNER}' role, the root of every plan")
    for team in book.teams.values():
        if team.department not in book.departments:
            raise RulebookError(
                _unknown("department", team.department, book.departments), origin["team", team.id], team.id
            )
    for department in book.departments.values():
        if department.department is not None:
            raise RulebookError(
                "a department has no parent department", origin["department", department.id], department.id
            )
    for duty in book.duties.values():
        owners = [*book.roles, *book.teams]
        if duty.belongs_to is not None and duty.belongs_to not in owners:
            raise RulebookError(_unknown("role or team", duty.belongs_to, owners), origin["duty", duty.id], duty.id)
    for role in book.roles.values():
        where = (origin["role", role.id], role.id)
        if role.id == OWNER:
            if role.department or role.team:
                raise RulebookError("the owner is the root and belongs to no department", *where)
            continue
        if role.department is None:
            raise RulebookError("missing required key 'department'", *where)
        if role.department not in book.departments:
            raise RulebookError(_unknown("department", role.department, book.departments), *where)
        if role.team is not None:
            unit = book.teams.get(role.team)
            if unit is None:
                raise RulebookError(_unknown("team", role.team, book.teams), *where)
            if unit.department != role.department:
                raise RulebookError(
                    f"team '{role.team}' belongs to department '{unit.department}', not '{role.department}'",
                    *where,
                )


def _unknown(kind: str, name: object, known: Iterable[str]) -> str:
    return f"unknown {kind} '{name}'{suggest(str(name), known)}"


def _check_rule(book: Rulebook, rule: Rule) -> None:
    def fail(message: str) -> RulebookError:
        return RulebookError(message, rule.file, rule.id)

    if rule.source not in book.sources:
        raise fail(_unknown("source", rule.source, book.sources))
    guidance = book.guidance.get(rule.guidance)
    if guidance is None:
        raise fail(_unknown("guidance id", rule.guidance, book.guidance))
    if guidance.source != rule.source:
        raise fail(f"guidance {rule.guidance} comes from source '{guidance.source}', not '{rule.source}'")
    if rule.basis == "inferred" and not (rule.because or "").strip():
        raise fail('an inferred rule must say what it is inferred from (because = "...")')
    effects = (
        rule.derive,
        rule.include,
        rule.exclude,
        rule.split,
        rule.relate,
        rule.scale,
        rule.rank,
        rule.advise,
        rule.hold,
    )
    if not any(effects):
        raise fail("the rule has no effect: give derive, include, exclude, split, relate, scale, rank, advise or hold")
    for role in sorted(rule.roles_named()):
        if role not in book.roles:
            raise fail(_unknown("role", role, book.roles))
    for advice in rule.advise:
        if advice not in book.advice:
            raise fail(_unknown("advice", advice, book.advice))
    for held in rule.hold:
        duty = book.duties.get(held.duty)
        if duty is None:
            raise fail(_unknown("duty", held.duty, book.duties))
        if duty.belongs_to == held.role:
            raise fail(f"hold: duty '{held.duty}' already belongs to '{held.role}'; hold gives a duty to another role")
    if planned_roles(rule.when):
        raise fail(
            "when: a rule's condition cannot test which roles the plan has (the rules decide that); "
            "role tests belong in the conditions of duty lines and advice texts"
        )
    for rel in rule.relate:
        if rel.shared and rel.kind != "can_cover":
            raise fail(f"relate: shared applies to can_cover relations, not {rel.kind}")
    names = [*rule.derive, *(name for name, _ in derived_names(rule.when))]
    for name in names:
        if name not in book.derived:
            raise fail(_unknown("derived fact", name, book.derived))
    _check_corroborates(book, rule, fail)
    for rel in rule.relate:
        for a in rel.sources:
            if a in rel.targets:
                raise fail(f"a {rel.kind} relation from '{a}' to itself")
    if OWNER in rule.roles_removed():
        raise fail("the owner is the root of every plan and cannot be excluded or split")
    try:
        alternatives = dnf(rule.when)
    except ConditionSyntaxError as exc:
        raise fail(str(exc)) from None
    if not any(satisfiable(conjunct) for conjunct in alternatives):
        said = words(rule.when, "en", {name: name for name in book.derived})
        raise fail(f"the condition can never hold, it contradicts itself: {said}")


def _check_texts(book: Rulebook, origin: Mapping[tuple[str, str], str]) -> None:
    """Every duty line and advice text: a condition over known roles and derived facts that can hold, mentions of
    known roles, and a citation of a known guidance item (an inferred one saying why)."""
    places: list[tuple[str, str, str, Text | Mentions]] = []
    for role in book.roles.values():
        places += [("role", role.id, f"duties[{n}]", line) for n, line in enumerate(role.duties)]
    for advice in book.advice.values():
        places.append(("advice", advice.id, "mentions", advice.mentions))
        places.append(("advice", advice.id, "proposes", advice.proposes))
        places.append(("advice", advice.id, "when", Text(en=advice.en, zh=advice.zh, when=advice.when)))
        places += [("advice", advice.id, f"variants[{n}]", text) for n, text in enumerate(advice.variants)]
    places += [("duty", duty.id, "mentions", duty.mentions) for duty in book.duties.values()]
    for kind, entry, where, item in places:

        def fail(message: str, kind: str = kind, entry: str = entry, where: str = where) -> RulebookError:
            return RulebookError(f"{where}: {message}", origin[kind, entry], entry)

        declared = [item] if isinstance(item, Mentions) else [item.mentions, item.proposes]
        for role_id in (role_id for mentions in declared for role_id in mentions.roles):
            if role_id not in book.roles:
                raise fail(_unknown("role", role_id, book.roles))
        if isinstance(item, Mentions):
            continue
        for role_id in sorted(planned_roles(item.when)):
            if role_id not in book.roles:
                raise fail(_unknown("role", role_id, book.roles))
        for name, _ in derived_names(item.when):
            if name not in book.derived:
                raise fail(_unknown("derived fact", name, book.derived))
        try:
            alternatives = dnf(item.when)
        except ConditionSyntaxError as exc:
            raise fail(str(exc)) from None
        if not any(satisfiable(conjunct) for conjunct in alternatives):
            raise fail("the condition can never hold, it contradicts itself")
        if item.guidance is not None and item.guidance not in book.guidance:
            raise fail(_unknown("guidance id", item.guidance, book.guidance))
        if (item.basis is None) != (item.guidance is None):
            raise fail("a text that cites gives both guidance and basis")
        if item.basis == "inferred" and not (item.because or "").strip():
            raise fail('an inferred text must say what it is inferred from (because = "...")')


def _check_corroborates(book: Rulebook, rule: Rule, fail: Callable[[str], RulebookError]) -> None:
    """``corroborates`` names another rule, of another source (see tiktok_team._analysis); a rule an overlay disabled
    leaves the marker with nothing to mark."""
    other_id = rule.corroborates
    if other_id is None or (other_id in book.disabled and other_id not in book.rules):
        return
    other = book.rules.get(other_id)
    if other is None:
        raise fail(f"corroborates {_unknown('rule', other_id, book.rules)}")
    if other.id == rule.id:
        raise fail("a rule cannot corroborate itself; corroborates names a rule of another source")
    if other.source == rule.source:
        raise fail(
            f"corroborates '{other.id}', which cites the same source '{rule.source}': a rule corroborates one that "
            "encodes another source's guidance"
        )


def _salience(book: Rulebook) -> dict[str, int]:
    """Stratify rules: tier = longest chain of derivations (a negated use counts one more) below the rule.

    The graph of rules and facts is small, so the standard library's :mod:`graphlib` orders it: loading a rulebook
    never imports networkx (``tiktok-team plan`` starts faster, docs/performance.md).
    """
    Node = tuple[str, str]
    weights: dict[Node, dict[Node, int]] = {}  # node -> its predecessors, with the weight of each edge
    derivers: dict[str, list[str]] = defaultdict(list)
    for rule in book.rules.values():
        weights.setdefault(("rule", rule.id), {})
        for name in rule.derive:
            weights.setdefault(("fact", name), {})[("rule", rule.id)] = 0
            derivers[name].append(rule.id)
        for name, negated in derived_names(rule.when):
            if not derivers.get(name) and not any(name in r.derive for r in book.rules.values()):
                raise RulebookError(f"condition tests derived fact '{name}', which no rule derives", rule.file, rule.id)
            before = weights["rule", rule.id]
            before["fact", name] = max(before.get(("fact", name), 0), int(negated))
    try:
        order = list(graphlib.TopologicalSorter(weights).static_order())
    except graphlib.CycleError as exc:
        cycle: list[Node] = exc.args[1]  # each node before the next, the first again at the end
        start = next(i for i, node in enumerate(cycle[:-1]) if node[0] == "rule")
        cycle = cycle[start:-1] + cycle[:start] + [cycle[start]]
        first = book.rules[cycle[0][1]]
        chain = " -> ".join(f"{kind} {name}" for kind, name in cycle[:-1])
        raise RulebookError(f"cyclic derivation: {chain} -> rule {first.id}", first.file, first.id) from None
    tier: dict[Node, int] = {}
    for node in order:
        tier[node] = max((tier[p] + weight for p, weight in weights.get(node, {}).items()), default=0)
    return {rule_id: -tier["rule", rule_id] for rule_id in book.rules}


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
