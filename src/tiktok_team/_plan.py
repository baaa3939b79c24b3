"""The plan: which roles, how many people, why; what was left out and why; the advice; the role graph.

:class:`Plan` is data: :func:`tiktok_team._assemble.assemble` makes one from what the engine established, and its
methods explain it (``why``, ``why_not``), weigh changes of its profile (``would_need``, ``would_remove``) and compare
it with another (``diff``), each by way of the module of a higher floor that does that work.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, model_serializer

from . import _explain as explain
from ._cost import PlanCost
from ._dimensions import ChangeScope, change_scope
from ._engine import Outcome
from ._entries import DEFAULT_RANK, Rule
from ._errors import PlanError, suggest
from ._fingerprint import fingerprint
from ._graph import graph_data, role_graph
from ._lazy import publish
from ._profile import BusinessProfile
from ._rulebook import Rulebook
from ._schema_version import with_schema_version

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
    "Explained",
    "HeldDuty",
    "NextSeat",
    "Person",
    "Plan",
    "PlannedRole",
    "Reason",
    "SharedSeat",
    "Staffing",
    "UnitNames",
]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class BilingualText(_Out):
    """A text in English and Chinese."""

    en: str
    zh: str


class UnitNames(_Out):
    """The names of a role, team or department of an answer, and the name of its department (the decision layer for
    the owner, which belongs to no department)."""

    name: BilingualText
    department_name: BilingualText


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


class Explained(Reason):
    """A reason as an answer carries it: the rule's citation and ``sentence``, what the rule does here and why in
    plain words, in English and Chinese: the line :meth:`Plan.why` or :meth:`Plan.why_not` says for it."""

    sentence: BilingualText


class HeldDuty(_Out):
    """A duty a planned role also does here, because no role or team of its own does it (see :mod:`.duties`)."""

    duty: str
    name: BilingualText
    reasons: tuple[Explained, ...]


class PlannedRole(_Out):
    """A role in the plan: the rules that add it and those that set its headcount, the duties it also holds, its
    duty lines that hold for this business, and its place in the keep-order (``rank``: 0 is kept longest under a
    tight budget). ``department_name`` and ``team_name`` name its department (the decision layer for the owner) and
    its team (None without one)."""

    id: str
    name: BilingualText
    department: str | None
    team: str | None
    department_name: BilingualText
    team_name: BilingualText | None
    headcount: int
    reasons: tuple[Explained, ...]
    holds: tuple[HeldDuty, ...] = ()
    duties: tuple[BilingualText, ...] = ()
    rank: int = DEFAULT_RANK


class ExcludedRole(_Out):
    """A catalog role left out, with its names and its department's: the fired rules that removed it or, if none
    did, the rules that would add it."""

    id: str
    name: BilingualText
    department_name: BilingualText
    reasons: tuple[Explained, ...]


class Advice(_Out):
    """Advice given to the business, with the rules that gave it."""

    id: str
    text: BilingualText
    reasons: tuple[Explained, ...]


class AssumptionUsed(_Out):
    """A capacity assumption that sized roles from the workload: its value, and whether the profile overrode it."""

    id: str
    value: float
    unit: str
    overridden: bool
    roles: tuple[str, ...]


class Person(_Out):
    """One person of a staffing and the roles they hold; with pay, what they cost a month (the highest seat cost
    among their roles; null when one of them has no pay)."""

    id: str
    roles: tuple[str, ...]
    cost: float | None = None


class Deferral(_Out):
    """Seats of a role to leave unfilled for now, with the rules that rank the role (none: unranked, so first), and
    ``staffed_from``: the smallest budget from which on every budget staffs every seat of the role.

    With pay, ``cost`` is what the deferred seats would cost a month (null without pay for the role). Under a
    ``monthly_budget``, ``staffed_from_cost`` is a monthly budget that staffs every seat of the role: the cost of the
    team that keeps it and every role before it in the keep-order (``staffed_from`` is then that team's people)."""

    role: str
    name: BilingualText
    department_name: BilingualText
    headcount: int
    reasons: tuple[Explained, ...]
    staffed_from: int
    cost: float | None = None
    staffed_from_cost: float | None = None


class NextSeat(_Out):
    """The deferred seat to staff first when the budget grows (the most important one), and what staffing it adds to
    the monthly cost of the team within the budget (null without pay for every role)."""

    role: str
    cost: float | None


class SharedSeat(_Out):
    """Two planned roles that a source says one person can hold outright: the plan counts them as one seat."""

    roles: tuple[str, ...]
    reasons: tuple[Explained, ...]


class Staffing(_Out):
    """The team as people under a ``headcount_budget``.

    ``people`` is the fewest people who hold every seat of the plan (``minimum`` of them; ``exact`` says whether
    that is proven optimal, else it is at most ``minimum - lower_bound`` above it). ``feasible`` says whether they fit
    the ``budget``; if not, ``deferred`` lists the seats to leave unfilled, first to last, and ``within_budget`` is
    the staffing of what remains (see :func:`tiktok_team.fit_to_budget`); ``next_seat`` is the one to staff first
    when the budget grows.

    With pay, ``cost`` and ``within_budget_cost`` are what the two teams cost a month (null when a planned role has
    no pay). With a ``monthly_budget`` the team fits the money too (``fits_money``; null when it cannot be checked
    because a planned role has no pay), with the cheapest team first when no headcount budget is given: ``budget``
    is then the most people the money could pay (:meth:`tiktok_team.Pay.people_affordable`), and ``people`` the
    cheapest team.
    """

    budget: int
    feasible: bool
    minimum: int
    exact: bool
    lower_bound: int
    people: tuple[Person, ...]
    deferred: tuple[Deferral, ...]
    within_budget: tuple[Person, ...]
    monthly_budget: float | None = None
    fits_money: bool | None = None
    cost: float | None = None
    within_budget_cost: float | None = None
    next_seat: NextSeat | None = None


class Plan(BaseModel):
    """A recommended team. Build one with :func:`tiktok_team.recommend`.

    Attributes
    ----------
    profile : BusinessProfile
    roles : tuple of PlannedRole
        In the order of importance: by department (the owner first), team, then place in the keep-order.
    excluded : tuple of ExcludedRole
        Every other catalog role, in the same order.
    advice : tuple of Advice
        What the stage calls for first, then what the profile's other facts call for, the general lines last.
    shared : tuple of SharedSeat
        Pairs of planned roles that one person holds outright (``people`` counts each pair once).
    cost : PlanCost or None
        With the profile's ``pay``: what the plan costs a month, per role, per department and in total (see
        :func:`tiktok_team._cost.price_roles`); None without pay.
    graph : networkx.MultiDiGraph
        Nodes are ``owner``, the departments and teams in use, and the roles; edge attribute ``kind`` is
        ``reports_to``, ``supports``, ``feeds``, ``collaborates`` or ``can_cover``. Drawn on first use, then kept.
    keep : frozenset of str
        The facts the counterfactuals (:meth:`would_need`, :meth:`would_remove`, the end of :meth:`why` and
        :meth:`why_not`) hold fixed: none by default (see :meth:`keeping`).
    backward : bool
        Whether the counterfactuals may take the stage back to an earlier one (not by default).
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
    shared: tuple[SharedSeat, ...] = ()
    keep: frozenset[str] = frozenset()
    backward: bool = False
    cost: PlanCost | None = None

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
        """Seats of the plan: people needed when every role is held by its own people (before any consolidation)."""
        return sum(role.headcount for role in self.roles)

    @property
    def people(self) -> int:
        """People the plan needs: its :attr:`headcount`, with each :attr:`shared` pair of roles counted once.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> plan = recommend({"stage": "mature", "sourcing": "own_stock", "formats": ["livestream", "short_video"]})
        >>> plan.headcount - plan.people, [seat.roles for seat in plan.shared]
        (1, [('live_set_designer', 'video_set_builder')])
        """
        counts = {role.id: role.headcount for role in self.roles}
        return self.headcount - sum(min(counts[role] for role in seat.roles) for seat in self.shared)

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

    @property
    def names(self) -> dict[str, UnitNames]:
        """The names of every role, team and department id of the plan (the JSON's ``names``): every catalog role,
        planned or left out, and the departments and teams of the planned roles, each with its department's name.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> names = recommend({"stage": "startup", "sourcing": "affiliate_pool"}).names
        >>> names["live"].name.en, names["owner"].department_name.en
        ('Livestream team', 'Decision layer')
        """
        from ._names import names_of  # noqa: PLC0415 - a floor above plan (DESIGN.md)

        units = [unit for role in self.roles for unit in (role.department, role.team) if unit]
        return names_of(self.rulebook, [*(r.id for r in self.roles), *(r.id for r in self.excluded), *units])

    def to_dict(self) -> dict[str, Any]:
        """The plan as plain data: exactly what ``tiktok-team plan --format json`` prints, with the
        ``schema_version`` of the output contract (its JSON Schema: ``tiktok-team schema --output-of plan``).

        Each role carries ``would_remove`` and each excluded role ``would_need``: the smallest changes of the
        profile that would take it out of the plan or bring it in (:meth:`would_remove`, :meth:`would_need`), each
        a mapping of the profile fields it changes to their new values. Only the stage, the sourcing, the formats
        and the yes/no facts change; the headcount budget and the workload are kept as the profile gives them, and
        so are the facts of :attr:`keep`; the stage only moves forward unless :attr:`backward`. ``scope`` says so:
        ``keep`` (in the profile's order) and ``backward``.

        ``profile`` is the profile planned (every field), and ``rulebook`` the rulebook that planned it: its
        ``fingerprint`` (:func:`~tiktok_team._fingerprint.fingerprint`) and its ``files``. :meth:`from_dict` reads
        the plan back. ``model_dump()`` gives the same data, and ``model_dump_json()`` it as JSON.

        The answer describes itself: each role, planned or left out, has its ``name`` and ``department_name``; each
        reason its ``sentence`` (en, zh), the line :meth:`why` or :meth:`why_not` says for it; and ``names`` names
        every role, team and department id of the plan (:attr:`names`).

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> data = recommend({"stage": "startup", "sourcing": "affiliate_pool"}).to_dict()
        >>> sorted(data)  # doctest: +NORMALIZE_WHITESPACE
        ['advice', 'assumptions', 'cost', 'excluded', 'graph', 'names', 'people', 'profile', 'roles', 'rulebook',
         'schema_version', 'scope', 'shared', 'staffing']
        >>> [role["id"] for role in data["roles"]]
        ['owner', 'streamer', 'live_controller', 'assistant_streamer', 'product_selector']
        >>> left = next(left for left in data["excluded"] if left["id"] == "shop_operator")
        >>> left["name"]["en"], left["department_name"]["zh"], left["would_need"]
        ('Shop operator', '店铺运营部', [{'sourcing': 'own_stock'}, {'sourcing': 'dropship'}])
        >>> print(left["reasons"][0]["sentence"]["en"])
        Left out because the business picks its products from the affiliate pool [three-stages §1, G17, stated].
        """
        from ._names import names_data  # noqa: PLC0415 - a floor above plan (DESIGN.md)

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
                "people": self.people,
                "shared": [seat.model_dump(mode="json") for seat in self.shared],
                "cost": None if self.cost is None else self.cost.model_dump(mode="json"),
                "names": names_data(self.rulebook, self.names),
                "scope": ChangeScope(self.keep, self.backward).as_dict(),
                "profile": self.profile.model_dump(mode="json"),
                "rulebook": {"fingerprint": fingerprint(self.rulebook), "files": list(self.rulebook.files)},
            }
        )

    def why(self, role_id: str, lang: str = "en", detail: bool = False) -> str:
        """Explain in sentences, citing the sources, why ``role_id`` is in the plan and with that headcount (and,
        under a headcount budget, how many of its seats wait), and end with the smallest changes of the profile that
        would take it out (:meth:`would_remove`). ``lang`` is ``en``, ``zh`` or ``both`` (the English, a blank
        line, the Chinese). Each reason reads in plain words, its citation after; ``detail`` names the rule too.

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
        - At the startup stage, added because the business runs a shop of its own [three-stages §1, G16, stated].
        - Also given product selection (there is no Product selector / product manager in this plan) because the
          business runs a shop of its own [three-stages §2, G22, inferred: At growth the product selector is split
          off from the operator's job, so until then the operator is the one who selects the products].
        It would leave the plan if the business picked from the affiliate pool.
        """
        return self._explained(explain.why, role_id, lang, detail)

    def why_not(self, role_id: str, lang: str = "en", detail: bool = False) -> str:
        """Explain in sentences, citing the sources, why ``role_id`` is not in the plan, and end with the smallest
        changes of the profile that would bring it in (:meth:`would_need`). ``lang`` is ``en``, ``zh`` or ``both``;
        ``detail`` names the rule behind each reason.

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
        - Left out because the business picks its products from the affiliate pool [three-stages §1, G17, stated].
        It would be in the plan if the business held and shipped its own stock, or had a supplier ship its goods.
        """
        return self._explained(explain.why_not, role_id, lang, detail)

    def _explained(
        self, explained: Callable[[Plan, str, str, bool], str], role_id: str, lang: str, detail: bool
    ) -> str:
        """The text of :meth:`why` or :meth:`why_not` (``explained``), made once per plan (a report in both languages,
        and a page that shows a role again, ask for it again)."""
        key = (explained, role_id, lang, detail)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = explained(self, role_id, lang, detail)
        return text

    @cached_property
    def _texts(self) -> dict[tuple[Callable[[Plan, str, str, bool], str], str, str, bool], str]:
        """The explanations made so far, by the function that made them, role, language and detail (an attribute
        of the instance, not a private attribute of pydantic's: those are read through a slower path)."""
        return {}

    def keeping(self, keep: str | Collection[str] = (), backward: bool = False) -> Plan:
        """The same plan, its counterfactuals holding the facts ``keep`` fixed (a profile field name, or several:
        stage, sourcing, formats, paid_ads, influencers, private_domain, loyalty_program, own_brand), and allowing
        the stage to go back to an earlier one only if ``backward``. Nothing is planned again.

        Raises
        ------
        ProfileError
            If a name of ``keep`` is not such a fact (with a "did you mean").

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> plan = recommend({"stage": "growth", "sourcing": "affiliate_pool"})
        >>> plan.would_need("shop_operator")
        [{'sourcing': 'own_stock'}, {'sourcing': 'dropship'}]
        >>> plan.keeping("sourcing").would_need("shop_operator")
        []
        >>> print(plan.keeping("sourcing").why_not("shop_operator").splitlines()[-1])
        No change would bring it into the plan with sourcing kept as the affiliate pool (the headcount budget and
        the workload are kept as they are).
        """
        scope = change_scope(keep, backward)
        return self.model_copy(update={"keep": scope.keep, "backward": scope.backward})

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Plan:
        """A copy of the plan (pydantic's), with ``update`` applied, that has forgotten what was worked out from it
        on demand (the graph, the counterfactuals, the explanations): the copy works them out from its own fields."""
        copied = super().model_copy(update=update, deep=deep)
        for remembered in ("graph", "_found", "_texts"):
            copied.__dict__.pop(remembered, None)
        return copied

    def counterfactuals(self) -> Counterfactuals:
        """For every role, the smallest changes of the profile that would change whether it is in the plan, within
        :attr:`keep` and :attr:`backward`: computed on first use, then kept.

        Examples
        --------
        >>> from tiktok_team import recommend
        >>> found = recommend({"stage": "startup", "sourcing": "own_stock"}).counterfactuals()
        >>> found.would_need["ad_buyer"][0].words("en")
        ['bought paid traffic']
        """
        return self._found

    @cached_property
    def _found(self) -> Counterfactuals:
        """:meth:`counterfactuals`, kept in the instance's own attributes (pydantic reads its private attributes
        through a slower path, and the reports ask for them once a role)."""
        from ._counterfactual import counterfactuals  # noqa: PLC0415 - a floor above plan (DESIGN.md)

        return counterfactuals(self)

    def would_need(self, role_id: str) -> list[dict[str, Any]]:
        """The smallest changes of the profile that would bring ``role_id``, left out, into the plan.

        Each is a mapping of the profile fields it changes to their new values (the formats as a sorted list). None
        holds another (no alternative has all the changes of another and more); fewer changes come first. Only the
        stage, the sourcing, the formats and the yes/no facts change: the headcount budget and the workload are kept,
        and so are the facts of :attr:`keep`; the stage only moves forward unless :attr:`backward`.

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
        (['customer_service'], [('streamer', 1, 2), ('live_controller', 1, 2)])
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


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
