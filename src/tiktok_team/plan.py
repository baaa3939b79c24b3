"""The plan: which roles, how many people, why; what was left out and why; the advice; the role graph.

:func:`assemble` turns what the engine established (the rules that fired) into a :class:`Plan`. Effects are
resolved here, after the run, so the result never depends on firing order:

* a role is **added** by ``include`` and by the ``into`` of a ``split``; it is **removed** by ``exclude`` and by
  the ``from`` of a ``split`` without ``keep``;
* **precedence**: when fired rules both add and remove a role, the side with the highest ``priority`` wins;
  at equal priority removal wins. The losing rules are kept and shown by :meth:`Plan.why` / :meth:`Plan.why_not`;
* **headcount** is the largest ``scale`` any fired rule gives the role, else 1;
* **relations** are drawn only between roles that are both in the plan; ``collaborates`` and ``can_cover``
  are drawn both ways; ``reports_to`` follows the catalog: role → team → department → ``owner``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict

from .condition import Test, derived_names, dnf, value_words, words
from .engine import Outcome
from .errors import PlanError, suggest
from .profile import FACTS, BusinessProfile
from .rulebook import OWNER, SYMMETRIC_KINDS, Rule, Rulebook

__all__ = ["Advice", "ExcludedRole", "Names", "Plan", "PlannedRole", "Reason", "assemble"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Names(_Out):
    """A text in English and Chinese."""

    en: str
    zh: str


class Reason(_Out):
    """A rule that decided something, with its citation."""

    rule: str
    source: str
    section: str
    guidance: str
    basis: str

    @classmethod
    def of(cls, rule: Rule) -> Reason:
        return cls(rule=rule.id, source=rule.source, section=rule.section, guidance=rule.guidance, basis=rule.basis)


class PlannedRole(_Out):
    """A role in the plan: the rules that add it and those that set its headcount."""

    id: str
    name: Names
    department: str | None
    team: str | None
    headcount: int
    reasons: tuple[Reason, ...]


class ExcludedRole(_Out):
    """A catalog role left out: the fired rules that removed it or, if none did, the rules that would add it."""

    id: str
    reasons: tuple[Reason, ...]


class Advice(_Out):
    """Advice given to the business, with the rules that gave it."""

    id: str
    text: Names
    reasons: tuple[Reason, ...]


class Plan(BaseModel):
    """A recommended team. Build one with :func:`tiktok_team.recommend`.

    Attributes
    ----------
    profile : BusinessProfile
    roles : tuple of PlannedRole, sorted by id
    excluded : tuple of ExcludedRole, every other catalog role, sorted by id
    advice : tuple of Advice, sorted by id
    graph : networkx.MultiDiGraph
        Nodes are ``owner``, the departments and teams in use, and the roles; edge attribute ``kind`` is
        ``reports_to``, ``supports``, ``feeds``, ``collaborates`` or ``can_cover``.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    profile: BusinessProfile
    roles: tuple[PlannedRole, ...]
    excluded: tuple[ExcludedRole, ...]
    advice: tuple[Advice, ...]
    graph: Any
    rulebook: Rulebook
    outcome: Outcome
    overruled: Mapping[str, tuple[str, ...]]

    def role(self, role_id: str) -> PlannedRole:
        """The planned role ``role_id``; raises :class:`PlanError` if it is not in the plan."""
        for role in self.roles:
            if role.id == role_id:
                return role
        self._check_known(role_id)
        raise PlanError(f"'{role_id}' is not in this plan; ask why_not('{role_id}')")

    @property
    def headcount(self) -> int:
        """People needed when every role is held by its own people (before any consolidation)."""
        return sum(role.headcount for role in self.roles)

    def to_dict(self) -> dict[str, Any]:
        """The plan as plain data: exactly what ``tiktok-team plan --format json`` prints.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> data = recommend({"stage": "startup", "sourcing": "affiliate_pool"}).to_dict()
        >>> sorted(data)
        ['advice', 'excluded', 'graph', 'roles', 'staffing']
        >>> [role["id"] for role in data["roles"]]
        ['assistant_streamer', 'live_controller', 'owner', 'product_selector', 'streamer']
        """
        return {
            "roles": [role.model_dump(mode="json") for role in self.roles],
            "excluded": [role.model_dump(mode="json") for role in self.excluded],
            "advice": [advice.model_dump(mode="json") for advice in self.advice],
            "graph": nx.node_link_data(self.graph, edges="links"),
            "staffing": None,
        }

    def why(self, role_id: str, lang: str = "en") -> str:
        """Explain in sentences, citing the sources, why ``role_id`` is in the plan and with that headcount.

        Raises
        ------
        PlanError
            If ``role_id`` is not in the plan (ask :meth:`why_not`) or not a role of the catalog.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> plan = recommend({"stage": "startup", "sourcing": "own_stock"})
        >>> print(plan.why("shop_operator"))  # doctest: +NORMALIZE_WHITESPACE
        Shop operator (店铺运营) is in the plan: 1 person.
        - Rule startup-shop-side adds it, because stage is startup and it runs a shop of its own
          [three-stages §1, G16, stated].
        """
        role = self.role(role_id)
        text = _TEXT[lang]
        lines = [
            text["in"].format(
                name=self._name(role_id, lang),
                n=role.headcount,
                people=text["person" if role.headcount == 1 else "people"],
            )
        ]
        rules = [self.rulebook.rules[reason.rule] for reason in role.reasons]
        for rule in sorted(rules, key=lambda r: (role_id in r.scale, r.id)):
            if role_id in rule.scale:
                verb = text["scales"].format(n=rule.scale[role_id])
            elif rule.split and role_id in rule.split.into:
                verb = text["splits_off"].format(other=self._name(rule.split.source_role, lang))
            else:
                verb = text["adds"]
            lines.append(self._line(rule, verb, lang))
        lines.extend(self._overruled_lines(role_id, lang, won=True))
        return "\n".join(lines)

    def why_not(self, role_id: str, lang: str = "en") -> str:
        """Explain in sentences, citing the sources, why ``role_id`` is not in the plan.

        Raises
        ------
        PlanError
            If ``role_id`` is in the plan (ask :meth:`why`) or not a role of the catalog.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> plan = recommend({"stage": "startup", "sourcing": "affiliate_pool"})
        >>> print(plan.why_not("customer_service"))  # doctest: +NORMALIZE_WHITESPACE
        Customer service (客服) is not in the plan.
        - Rule affiliate-no-shop-side removes it, because sourcing is the affiliate pool
          [three-stages §1, G17, stated].
        """
        self._check_known(role_id)
        if any(role.id == role_id for role in self.roles):
            raise PlanError(f"'{role_id}' is in this plan; ask why('{role_id}')")
        text = _TEXT[lang]
        lines = [text["out"].format(name=self._name(role_id, lang))]
        fired = self.outcome.fired
        removers = [r for r in self.rulebook.rules.values() if r.id in fired and role_id in r.roles_removed()]
        for rule in removers:
            split = rule.split if rule.split and rule.split.source_role == role_id else None
            into = ", ".join(self._name(r, lang) for r in split.into) if split else ""
            lines.append(self._line(rule, text["splits"].format(others=into) if split else text["removes"], lang))
        lines.extend(self._overruled_lines(role_id, lang, won=False))
        if not removers:
            adders = [r for r in self.rulebook.rules.values() if role_id in r.roles_added()]
            if not adders:
                lines.append(text["no_rule"])
            for rule in adders:
                lines.append(self._line(rule, text["would_add"], lang, when=True) + self._actual(rule, lang))
        return "\n".join(lines)

    def _check_known(self, role_id: str) -> None:
        if role_id not in self.rulebook.roles:
            raise PlanError(f"unknown role '{role_id}'{suggest(role_id, self.rulebook.roles)}")

    def _name(self, role_id: str, lang: str) -> str:
        role = self.rulebook.roles[role_id]
        return f"{role.en} ({role.zh})" if lang == "en" else f"{role.zh}（{role.en}）"

    def _line(self, rule: Rule, verb: str, lang: str, when: bool = False) -> str:
        text = _TEXT[lang]
        condition = words(rule.when, lang, _derived_words(self.rulebook, lang))
        link = text["when" if when else "because"]
        basis = text[rule.basis]
        if rule.because and lang == "en":
            basis = f"{basis}: {rule.because.rstrip('.')}"
        return text["line"].format(
            rule=rule.id,
            verb=verb,
            link=link,
            condition=condition,
            source=rule.source,
            section=rule.section,
            guidance=rule.guidance,
            basis=basis,
        )

    def _actual(self, rule: Rule, lang: str) -> str:
        facts = self.profile.facts()
        shown = []
        for name in _tested_facts(rule):
            label = FACTS[name].en if lang == "en" else FACTS[name].zh
            shown.append(f"{label} {'is' if lang == 'en' else '为'} {value_words(facts[name], lang)}")
        for name in sorted(_derived_in(rule)):
            state = name in self.outcome.derived
            label = _derived_words(self.rulebook, lang)[name]
            shown.append(label if state else (f"not: {label}" if lang == "en" else f"并非{label}"))
        if not shown:
            return ""
        return _TEXT[lang]["here"].format(facts=("; " if lang == "en" else "；").join(shown))

    def _overruled_lines(self, role_id: str, lang: str, won: bool) -> list[str]:
        text = _TEXT[lang]
        return [
            self._line(self.rulebook.rules[rule_id], text["lost_remove" if won else "lost_add"], lang)
            for rule_id in self.overruled.get(role_id, ())
        ]


_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "in": "{name} is in the plan: {n} {people}.",
        "out": "{name} is not in the plan.",
        "person": "person",
        "people": "people",
        "adds": "adds it",
        "removes": "removes it",
        "scales": "sets its headcount to {n}",
        "splits": "splits it into {others}",
        "splits_off": "splits it off from {other}",
        "would_add": "would add it",
        "lost_remove": "would remove it but is overruled by precedence",
        "lost_add": "would add it but is overruled by precedence",
        "no_rule": "- No rule of the rulebook adds it.",
        "because": "because",
        "when": "when",
        "stated": "stated",
        "inferred": "inferred",
        "line": "- Rule {rule} {verb}, {link} {condition} [{source} {section}, {guidance}, {basis}].",
        "here": " Here: {facts}.",
    },
    "zh": {
        "in": "{name}在方案中：{n}人。",
        "out": "{name}不在方案中。",
        "person": "人",
        "people": "人",
        "adds": "加入该岗位",
        "removes": "去掉该岗位",
        "scales": "将人数设为{n}",
        "splits": "将其拆分为{others}",
        "splits_off": "将其从{other}中拆分出来",
        "would_add": "可加入该岗位",
        "lost_remove": "本应去掉该岗位，但按优先级被否决",
        "lost_add": "本应加入该岗位，但按优先级被否决",
        "no_rule": "- 规则库中没有加入该岗位的规则。",
        "because": "因为",
        "when": "条件是",
        "stated": "原文明示",
        "inferred": "推断",
        "line": "- 规则 {rule} {verb}，{link}{condition}【{source} {section}，{guidance}，{basis}】。",
        "here": "当前：{facts}。",
    },
}


def _derived_words(book: Rulebook, lang: str) -> dict[str, str]:
    return {name: (fact.en if lang == "en" else fact.zh) for name, fact in book.derived.items()}


def _tested_facts(rule: Rule) -> list[str]:
    return sorted({lit.atom.fact for conj in dnf(rule.when) for lit in conj if isinstance(lit.atom, Test)})


def _derived_in(rule: Rule) -> set[str]:
    return {name for name, _ in derived_names(rule.when)}


def assemble(book: Rulebook, profile: BusinessProfile, outcome: Outcome) -> Plan:
    """Resolve the effects of the rules that fired into a :class:`Plan` (see the module's docstring)."""
    fired = [book.rules[rule_id] for rule_id in outcome.fired]
    adders: dict[str, list[Rule]] = defaultdict(list)
    removers: dict[str, list[Rule]] = defaultdict(list)
    for rule in fired:
        for role_id in rule.roles_added():
            adders[role_id].append(rule)
        for role_id in rule.roles_removed():
            removers[role_id].append(rule)

    planned: list[PlannedRole] = []
    excluded: list[ExcludedRole] = []
    overruled: dict[str, tuple[str, ...]] = {}
    for role_id, role in book.roles.items():
        add, remove = adders[role_id], removers[role_id]
        kept = bool(add) and (not remove or _top(add) > _top(remove))
        if add and remove:
            overruled[role_id] = tuple(r.id for r in (remove if kept else add))
        if kept:
            scalers = [r for r in fired if role_id in r.scale]
            headcount = max((r.scale[role_id] for r in scalers), default=1)
            reasons = sorted({r.id: r for r in [*add, *scalers]}.values(), key=lambda r: r.id)
            planned.append(
                PlannedRole(
                    id=role_id,
                    name=Names(en=role.en, zh=role.zh),
                    department=role.department,
                    team=role.team,
                    headcount=headcount,
                    reasons=tuple(Reason.of(r) for r in reasons),
                )
            )
        else:
            deciders = remove or [r for r in book.rules.values() if role_id in r.roles_added()]
            excluded.append(ExcludedRole(id=role_id, reasons=tuple(Reason.of(r) for r in deciders)))

    given: dict[str, list[Rule]] = defaultdict(list)
    for rule in fired:
        for advice_id in rule.advise:
            given[advice_id].append(rule)
    advice = tuple(
        Advice(
            id=advice_id,
            text=Names(en=book.advice[advice_id].en, zh=book.advice[advice_id].zh),
            reasons=tuple(Reason.of(r) for r in given[advice_id]),
        )
        for advice_id in sorted(given)
    )
    graph = _graph(book, planned, fired)
    return Plan(
        profile=profile,
        roles=tuple(planned),
        excluded=tuple(excluded),
        advice=advice,
        graph=graph,
        rulebook=book,
        outcome=outcome,
        overruled=overruled,
    )


def _top(rules: Iterable[Rule]) -> int:
    return max(rule.priority for rule in rules)


def _graph(book: Rulebook, planned: list[PlannedRole], fired: list[Rule]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    ids = {role.id for role in planned}
    departments = sorted({role.department for role in planned if role.department})
    teams = sorted({role.team for role in planned if role.team})
    owner = book.roles[OWNER]
    graph.add_node(OWNER, type="role", en=owner.en, zh=owner.zh, headcount=1)
    for dep in departments:
        graph.add_node(dep, type="department", en=book.departments[dep].en, zh=book.departments[dep].zh)
    for team in teams:
        graph.add_node(
            team,
            type="team",
            en=book.teams[team].en,
            zh=book.teams[team].zh,
            department=book.teams[team].department,
        )
    for role in planned:
        if role.id != OWNER:
            graph.add_node(
                role.id,
                type="role",
                en=role.name.en,
                zh=role.name.zh,
                headcount=role.headcount,
                department=role.department,
                team=role.team,
            )
        else:
            graph.nodes[OWNER]["headcount"] = role.headcount

    edges: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for dep in departments:
        edges[dep, OWNER, "reports_to"] = []
    for team in teams:
        edges[team, str(book.teams[team].department), "reports_to"] = []
    for role in planned:
        if role.id != OWNER:
            edges[role.id, str(role.team or role.department), "reports_to"] = []
    for rule in fired:
        for rel in rule.relate:
            for a in rel.sources:
                for b in rel.targets:
                    if a in ids and b in ids:
                        edges[a, b, rel.kind].append(rule.id)
                        if rel.kind in SYMMETRIC_KINDS:
                            edges[b, a, rel.kind].append(rule.id)
    for (a, b, kind), rules in sorted(edges.items()):
        attrs = {"kind": kind, "rules": ",".join(sorted(set(rules)))} if rules else {"kind": kind}
        graph.add_edge(a, b, key=kind, **attrs)
    return graph
