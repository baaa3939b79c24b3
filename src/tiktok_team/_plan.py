"""The plan: which roles, how many people, why; what was left out and why; the advice; the role graph.

:func:`assemble` turns what the engine established (the rules that fired) into a :class:`Plan`. Effects are
resolved here, after the run, so the result never depends on firing order:

* a role is **added** by ``include`` and by the ``into`` of a ``split``; it is **removed** by ``exclude`` and by
  the ``from`` of a ``split`` without ``keep``;
* **precedence** (:mod:`tiktok_team._precedence`): when fired rules both add and remove a role, the side with the
  highest ``priority`` wins; at equal priority removal wins. The losing rules are kept and shown by
  :meth:`Plan.why` / :meth:`Plan.why_not`;
* **headcount** comes from the workload where the profile gives the measure a role's ``workload`` entry names
  (ceil(measure / capacity assumption), at least 1); otherwise it is the largest ``scale`` any fired rule gives
  the role, else 1;
* **staffing** (with a ``headcount_budget``): the fewest people holding every seat, see
  :mod:`tiktok_team._staffing`;
* **held duties**: a ``hold`` of a fired rule shows on the holding role where it is planned and the duty's own role
  or team is not (see :mod:`tiktok_team._duties`);
* **relations** are drawn only between roles that are both in the plan; ``collaborates`` and ``can_cover``
  are drawn both ways; ``reports_to`` follows the catalog: role → team → department → ``owner``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_serializer

from . import _explain as explain
from ._duties import held_duties
from ._engine import Outcome
from ._entries import DEFAULT_RANK, Rule
from ._errors import PlanError, suggest
from ._fingerprint import fingerprint
from ._graph import can_cover_pairs, graph_data, role_graph
from ._lazy import publish
from ._precedence import sides, wins
from ._profile import BusinessProfile
from ._rulebook import Rulebook
from ._schema_version import with_schema_version
from ._staffing import consolidate, fit_to_budget, workload_headcounts

if TYPE_CHECKING:
    import networkx as nx

    from ._counterfactual import Counterfactual, Counterfactuals
    from ._diff import PlanDiff

__all__ = [
    "Advice",
    "AssumptionUsed",
    "BilingualText",
    "Deferral",
    "ExcludedRole",
    "HeldDuty",
    "Person",
    "Plan",
    "PlannedRole",
    "Reason",
    "Staffing",
    "assemble",
]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class BilingualText(_Out):
    """A text in English and Chinese."""

    en: str
    zh: str


class Reason(_Out):
    """A rule that decided something: its id, its citation, and the rule file it came from."""

    rule: str
    source: str
    section: str
    guidance: str
    basis: str
    file: str

    @classmethod
    def of(cls, rule: Rule) -> Reason:
        """The citation of ``rule``, with the rule file it came from."""
        return cls(
            rule=rule.id,
            source=rule.source,
            section=rule.section,
            guidance=rule.guidance,
            basis=rule.basis,
            file=rule.file,
        )


class HeldDuty(_Out):
    """A duty a planned role also does here, because no role or team of its own does it (see :mod:`.duties`)."""

    duty: str
    name: BilingualText
    reasons: tuple[Reason, ...]


class PlannedRole(_Out):
    """A role in the plan: the rules that add it and those that set its headcount, and the duties it also holds."""

    id: str
    name: BilingualText
    department: str | None
    team: str | None
    headcount: int
    reasons: tuple[Reason, ...]
    holds: tuple[HeldDuty, ...] = ()


class ExcludedRole(_Out):
    """A catalog role left out: the fired rules that removed it or, if none did, the rules that would add it."""

    id: str
    reasons: tuple[Reason, ...]


class Advice(_Out):
    """Advice given to the business, with the rules that gave it."""

    id: str
    text: BilingualText
    reasons: tuple[Reason, ...]


class AssumptionUsed(_Out):
    """A capacity assumption that sized roles from the workload: its value, and whether the profile overrode it."""

    id: str
    value: float
    unit: str
    overridden: bool
    roles: tuple[str, ...]


class Person(_Out):
    """One person of a staffing and the roles they hold."""

    id: str
    roles: tuple[str, ...]


class Deferral(_Out):
    """Seats of a role to leave unfilled for now, with the rules that rank the role (none: unranked, so first)."""

    role: str
    headcount: int
    reasons: tuple[Reason, ...]


class Staffing(_Out):
    """The team as people under a ``headcount_budget``.

    ``people`` is the fewest people who hold every seat of the plan (``minimum`` of them; ``exact`` says whether
    that is proven optimal, else it is at most ``minimum - lower_bound`` above it). ``feasible`` says whether they fit
    the ``budget``; if not, ``deferred`` lists the seats to leave unfilled, first to last, and ``within_budget`` is
    the staffing of what remains (see :func:`tiktok_team.fit_to_budget`).
    """

    budget: int
    feasible: bool
    minimum: int
    exact: bool
    lower_bound: int
    people: tuple[Person, ...]
    deferred: tuple[Deferral, ...]
    within_budget: tuple[Person, ...]


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
        ``reports_to``, ``supports``, ``feeds``, ``collaborates`` or ``can_cover``. Drawn on first use, then kept.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    profile: BusinessProfile
    roles: tuple[PlannedRole, ...]
    excluded: tuple[ExcludedRole, ...]
    advice: tuple[Advice, ...]
    assumptions: tuple[AssumptionUsed, ...]
    staffing: Staffing | None
    rulebook: Rulebook
    outcome: Outcome
    overruled: Mapping[str, tuple[str, ...]]
    _counterfactuals: Any = PrivateAttr(default=None)

    def role(self, role_id: str) -> PlannedRole:
        """The planned role ``role_id``; raises :class:`PlanError` if it is not in the plan."""
        for role in self.roles:
            if role.id == role_id:
                return role
        self.check_role(role_id)
        raise PlanError(f"'{role_id}' is not in this plan; ask why_not('{role_id}')")

    @cached_property
    def graph(self) -> nx.MultiDiGraph[str]:
        """The role graph of the plan (see :func:`tiktok_team._graph.role_graph`), drawn when first asked for: a
        markdown plan never needs it, and drawing it imports networkx."""
        return role_graph(self.rulebook, *self._graph_inputs())

    def _graph_inputs(self) -> tuple[dict[str, int], list[Rule]]:
        """The headcounts and the fired rules, from which the role graph is drawn."""
        return {role.id: role.headcount for role in self.roles}, [self.rulebook.rules[r] for r in self.outcome.fired]

    @property
    def headcount(self) -> int:
        """People needed when every role is held by its own people (before any consolidation)."""
        return sum(role.headcount for role in self.roles)

    @model_serializer
    def _as_contract(self) -> dict[str, Any]:
        """pydantic's serialisation (``model_dump``, ``model_dump_json``) is :meth:`to_dict`."""
        return self.to_dict()

    @classmethod
    def model_json_schema(cls, *args: Any, **options: Any) -> dict[str, Any]:
        """The JSON Schema of what :meth:`to_dict` and ``model_dump`` give: ``tiktok-team schema --output-of plan``.

        Examples
        --------
        >>> from tiktok_team import Plan, output_schema
        >>> Plan.model_json_schema() == output_schema("plan")
        True
        """
        from ._contract import output_schema  # noqa: PLC0415 - a floor above plan (DESIGN.md)

        return output_schema("plan")

    def __eq__(self, other: object) -> bool:
        """Plans are equal when their fields are; what was worked out from them on demand (the graph, the
        counterfactuals, and how many engine runs those took) is not compared."""
        if not isinstance(other, Plan):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in type(self).model_fields)

    __hash__ = None  # type: ignore[assignment]  # a plan holds mappings: it is not hashable

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], rulebook: Rulebook | None = None) -> Plan:
        """The plan whose JSON is ``data`` (:meth:`to_dict`, or that JSON read back), with ``rulebook``.

        The plan is made again from the profile the JSON carries, with ``rulebook`` (the bundled one by default),
        and must give the same JSON: ``Plan.from_dict(plan.to_dict(), book)`` equals ``plan``. Keys of a later
        minor ``schema_version`` are left out of the comparison.

        Raises
        ------
        PlanError
            If ``data`` is not a plan's JSON of this major ``schema_version``, carries no profile (a plan's JSON before
            1.1), was made with another rulebook (its ``rulebook.fingerprint`` differs), or differs from the plan its
            profile gives (it was edited), naming the first place where it does.
        ProfileError
            If its profile is not a valid profile.

        Examples
        --------
        >>> import json
        >>> from tiktok_team import Plan, recommend
        >>> from tiktok_team.testing import load_overlay
        >>> plan = recommend({"stage": "growth", "sourcing": "dropship", "paid_ads": True})
        >>> text = json.dumps(plan.to_dict())
        >>> Plan.from_dict(json.loads(text)) == plan
        True
        >>> Plan.from_dict(json.loads(text), load_overlay('disable = ["adapt-not-copy"]'))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        tiktok_team.PlanError: the plan was made with another rulebook (fingerprint ...), not with this one (...)...
        """
        from ._rebuild import plan_from_dict  # noqa: PLC0415 - a floor above plan (DESIGN.md)

        return plan_from_dict(data, rulebook)

    def to_dict(self) -> dict[str, Any]:
        """The plan as plain data: exactly what ``tiktok-team plan --format json`` prints, with the
        ``schema_version`` of the output contract (its JSON Schema: ``tiktok-team schema --output-of plan``).

        Each role carries ``would_remove`` and each excluded role ``would_need``: the smallest changes of the
        profile that would take it out of the plan or bring it in (:meth:`would_remove`, :meth:`would_need`), each
        a mapping of the profile fields it changes to their new values. Only the stage, the sourcing, the formats
        and the yes/no facts change; the headcount budget and the workload are kept as the profile gives them.

        ``profile`` is the profile planned (every field), and ``rulebook`` the rulebook that planned it: its
        ``fingerprint`` (:func:`~tiktok_team._fingerprint.fingerprint`) and its ``files``. :meth:`from_dict` reads
        the plan back. ``model_dump()`` gives the same data, and ``model_dump_json()`` it as JSON.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> data = recommend({"stage": "startup", "sourcing": "affiliate_pool"}).to_dict()
        >>> sorted(data)
        ['advice', 'assumptions', 'excluded', 'graph', 'profile', 'roles', 'rulebook', 'schema_version', 'staffing']
        >>> [role["id"] for role in data["roles"]]
        ['assistant_streamer', 'live_controller', 'owner', 'product_selector', 'streamer']
        >>> next(left["would_need"] for left in data["excluded"] if left["id"] == "shop_operator")
        [{'sourcing': 'own_stock'}, {'sourcing': 'dropship'}]
        """
        found, facts = self.counterfactuals(), self.profile.facts()
        return with_schema_version(
            {
                "roles": [
                    {**role.model_dump(mode="json"), "would_remove": _fields(found.would_remove[role.id], facts)}
                    for role in self.roles
                ],
                "excluded": [
                    {**role.model_dump(mode="json"), "would_need": _fields(found.would_need[role.id], facts)}
                    for role in self.excluded
                ],
                "advice": [advice.model_dump(mode="json") for advice in self.advice],
                "graph": graph_data(self.rulebook, *self._graph_inputs()),
                "staffing": None if self.staffing is None else self.staffing.model_dump(mode="json"),
                "assumptions": [used.model_dump(mode="json") for used in self.assumptions],
                "profile": self.profile.model_dump(mode="json"),
                "rulebook": {"fingerprint": fingerprint(self.rulebook), "files": list(self.rulebook.files)},
            }
        )

    def why(self, role_id: str, lang: str = "en") -> str:
        """Explain in sentences, citing the sources, why ``role_id`` is in the plan and with that headcount, and
        end with the smallest changes of the profile that would take it out (:meth:`would_remove`). ``lang`` is
        ``en``, ``zh`` or ``both`` (the English, a blank line, the Chinese).

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
        - Rule operator-selects-until-split gives it product selection too (there is no Product selector / product
          manager in this plan), because it runs a shop of its own [three-stages §2, G22, inferred: At growth the
          product selector is split off from the operator's job, so until then the operator is the one who selects
          the products].
        It would leave the plan if the business picked from the affiliate pool.
        """
        return explain.why(self, role_id, lang)

    def why_not(self, role_id: str, lang: str = "en") -> str:
        """Explain in sentences, citing the sources, why ``role_id`` is not in the plan, and end with the smallest
        changes of the profile that would bring it in (:meth:`would_need`). ``lang`` is ``en``, ``zh`` or ``both``.

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
        It would be in the plan if the business held and shipped its own stock, or had a supplier ship its goods.
        """
        return explain.why_not(self, role_id, lang)

    def counterfactuals(self) -> Counterfactuals:
        """For every role, the smallest changes of the profile that would change whether it is in the plan:
        computed by the engine on first use, then kept.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> found = recommend({"stage": "startup", "sourcing": "own_stock"}).counterfactuals()
        >>> found.would_need["ad_buyer"][0].words("en")
        ['bought paid traffic']
        """
        found: Counterfactuals | None = self._counterfactuals
        if found is None:
            from ._counterfactual import counterfactuals  # noqa: PLC0415 - a floor above plan (DESIGN.md)

            found = self._counterfactuals = counterfactuals(self)
        return found

    def would_need(self, role_id: str) -> list[dict[str, Any]]:
        """The smallest changes of the profile that would bring ``role_id``, left out, into the plan.

        Each is a mapping of the profile fields it changes to their new values (the formats as a sorted list). None
        holds another (no alternative has all the changes of another and more); fewer changes come first. Only the
        stage, the sourcing, the formats and the yes/no facts change: the headcount budget and the workload are kept.

        Raises
        ------
        PlanError
            If ``role_id`` is in the plan (ask :meth:`would_remove`) or not a role of the catalog.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> plan = recommend({"stage": "startup", "sourcing": "own_stock"})
        >>> plan.would_need("ad_analyst")
        [{'stage': 'mature', 'paid_ads': True}]
        """
        if any(role.id == role_id for role in self.roles):
            raise PlanError(f"'{role_id}' is in this plan; ask would_remove('{role_id}')")
        self.check_role(role_id)
        return _fields(self.counterfactuals().would_need[role_id], self.profile.facts())

    def would_remove(self, role_id: str) -> list[dict[str, Any]]:
        """The smallest changes of the profile that would take ``role_id`` out of the plan, as :meth:`would_need`.

        Raises
        ------
        PlanError
            If ``role_id`` is not in the plan (ask :meth:`would_need`) or not a role of the catalog.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> recommend({"stage": "startup", "sourcing": "own_stock"}).would_remove("logistics")
        [{'sourcing': 'dropship'}, {'sourcing': 'affiliate_pool'}]
        """
        return _fields(self.counterfactuals().would_remove[self.role(role_id).id], self.profile.facts())

    def diff(self, other: Plan) -> PlanDiff:
        """What changes from this plan to ``other``: roles, headcounts, edges and advice, with the rules responsible.

        Raises
        ------
        PlanError
            If the two plans come from different rulebooks.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> startup = recommend({"stage": "startup", "sourcing": "own_stock"})
        >>> change = startup.diff(recommend({"stage": "growth", "sourcing": "own_stock"}))
        >>> [role.role for role in change.removed], [(r.role, r.before, r.after) for r in change.resized]
        (['customer_service'], [('live_controller', 1, 2), ('streamer', 1, 2)])
        """
        from ._diff import plan_diff  # noqa: PLC0415 - a floor above plan (DESIGN.md)

        return plan_diff(self, other)

    def check_role(self, role_id: str) -> None:
        """Raise :class:`PlanError`, with a "did you mean", if ``role_id`` is not a role of the catalog."""
        if role_id not in self.rulebook.roles:
            raise PlanError(f"unknown role '{role_id}'{suggest(role_id, self.rulebook.roles)}")


def _fields(alternatives: Iterable[Counterfactual], facts: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Alternatives as :meth:`Plan.would_need` gives them: the profile fields each changes, with their new values."""
    return [alternative.as_facts(facts) for alternative in alternatives]


class _Index:
    """What every plan of a rulebook shares, built once per rulebook (kept in its ``cache``): the reason that
    cites each rule, each role's names, and the rules that would add each role."""

    def __init__(self, book: Rulebook) -> None:
        self.reasons = {rule_id: Reason.of(rule) for rule_id, rule in book.rules.items()}
        self.names = {role_id: BilingualText(en=role.en, zh=role.zh) for role_id, role in book.roles.items()}
        adders: dict[str, list[Rule]] = defaultdict(list)
        for rule in book.rules.values():
            for role_id in dict.fromkeys(rule.roles_added()):
                adders[role_id].append(rule)
        self.adders = {role_id: tuple(rules) for role_id, rules in adders.items()}

    @classmethod
    def of(cls, book: Rulebook) -> _Index:
        index: _Index | None = book.cache.get("plan-index")
        if index is None:
            index = book.cache.setdefault("plan-index", cls(book))
        return index


def assemble(book: Rulebook, profile: BusinessProfile, outcome: Outcome) -> Plan:
    """Resolve the effects of the rules that fired into a :class:`Plan` (see the module's docstring)."""
    index = _Index.of(book)
    fired = [book.rules[rule_id] for rule_id in outcome.fired]
    adders, removers = sides(fired)

    planned: list[PlannedRole] = []
    excluded: list[ExcludedRole] = []
    overruled: dict[str, tuple[str, ...]] = {}
    sized = workload_headcounts(book, profile)
    for role_id, role in book.roles.items():
        add, remove = adders[role_id], removers[role_id]
        kept = wins(add, remove)
        if add and remove:
            overruled[role_id] = tuple(r.id for r in (remove if kept else add))
        if kept:
            scalers = [] if role_id in sized else [r for r in fired if role_id in r.scale]
            headcount = sized[role_id] if role_id in sized else max((r.scale[role_id] for r in scalers), default=1)
            reasons = sorted({r.id for r in [*add, *scalers]})
            planned.append(
                PlannedRole(
                    id=role_id,
                    name=index.names[role_id],
                    department=role.department,
                    team=role.team,
                    headcount=headcount,
                    reasons=tuple(index.reasons[r] for r in reasons),
                )
            )
        else:
            deciders = remove or index.adders.get(role_id, ())
            excluded.append(ExcludedRole(id=role_id, reasons=tuple(index.reasons[r.id] for r in deciders)))

    holds = held_duties(book, fired, {role.id for role in planned})
    planned = [
        role.model_copy(update={"holds": _held(book, holds[role.id], index)}) if role.id in holds else role
        for role in planned
    ]
    given: dict[str, list[Rule]] = defaultdict(list)
    for rule in fired:
        for advice_id in rule.advise:
            given[advice_id].append(rule)
    advice = tuple(
        Advice(
            id=advice_id,
            text=BilingualText(en=book.advice[advice_id].en, zh=book.advice[advice_id].zh),
            reasons=tuple(index.reasons[r.id] for r in given[advice_id]),
        )
        for advice_id in sorted(given)
    )
    ids = {role.id for role in planned}
    used: dict[str, list[str]] = defaultdict(list)
    for role_id in sized:
        if role_id in ids:
            used[book.workloads[role_id].per].append(role_id)
    assumptions = tuple(
        AssumptionUsed(
            id=name,
            value=profile.assumptions.get(name, book.assumptions[name].value),
            unit=book.assumptions[name].unit,
            overridden=name in profile.assumptions,
            roles=tuple(sorted(roles)),
        )
        for name, roles in sorted(used.items())
    )
    staffing = None if profile.headcount_budget is None else _staff(profile.headcount_budget, planned, fired, index)
    return Plan(
        profile=profile,
        roles=tuple(planned),
        excluded=tuple(excluded),
        advice=advice,
        assumptions=assumptions,
        staffing=staffing,
        rulebook=book,
        outcome=outcome,
        overruled=overruled,
    )


def _staff(budget: int, planned: list[PlannedRole], fired: list[Rule], index: _Index) -> Staffing:
    seats = {role.id: role.headcount for role in planned}
    pairs = sorted((min(pair), max(pair)) for pair in can_cover_pairs(fired))
    rankers: dict[str, list[Rule]] = defaultdict(list)
    for rule in fired:
        for role_id in rule.rank:
            rankers[role_id].append(rule)
    rank = {role_id: min((r.rank[role_id] for r in rankers[role_id]), default=DEFAULT_RANK) for role_id in seats}
    full = consolidate(seats, pairs)
    deferred = fit_to_budget(seats, pairs, rank, budget) if full.size > budget else {}
    fitted = consolidate({role_id: count - deferred.get(role_id, 0) for role_id, count in seats.items()}, pairs)

    def people(groups: Iterable[tuple[str, ...]]) -> tuple[Person, ...]:
        return tuple(Person(id=f"person-{n}", roles=roles) for n, roles in enumerate(groups, start=1))

    return Staffing(
        budget=budget,
        feasible=full.size <= budget,
        minimum=full.size,
        exact=full.exact,
        lower_bound=full.lower_bound,
        people=people(full.people),
        deferred=tuple(
            Deferral(role=role_id, headcount=count, reasons=tuple(index.reasons[r.id] for r in rankers[role_id]))
            for role_id, count in deferred.items()
        ),
        within_budget=people(fitted.people),
    )


def _held(book: Rulebook, duties: Mapping[str, list[str]], index: _Index) -> tuple[HeldDuty, ...]:
    return tuple(
        HeldDuty(
            duty=duty,
            name=BilingualText(en=book.duties[duty].en, zh=book.duties[duty].zh),
            reasons=tuple(index.reasons[rule_id] for rule_id in rules),
        )
        for duty, rules in duties.items()
    )


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
