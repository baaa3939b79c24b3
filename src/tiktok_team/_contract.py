"""The output contract: the JSON outputs as pydantic models, their JSON Schemas, and the schema version.

Every JSON the library prints (``tiktok-team plan --format json`` and the others, each a result's ``to_dict()``)
carries ``schema_version`` at its top level: :data:`SCHEMA_VERSION`, ``MAJOR.MINOR``. Within a major version the
outputs only grow: a new minor version adds keys (an output of 1.1 has every key of 1.0, with the same type and
meaning), so a reader written for 1.0 reads any 1.x. A key removed or renamed, or one whose type or meaning changes,
is a new major version. A nested part (the ``diff`` of a what-if row) has no version of its own: the document's top
level speaks for all of it.

:func:`output_schema` gives the JSON Schema of each output of :data:`OUTPUT_KINDS`, generated from the models here
(``tiktok-team schema --output-of KIND`` prints it, ``GET /v1/schema/KIND`` serves it). The models reuse those of
the results (:class:`~tiktok_team.PlannedRole`, :class:`~tiktok_team.HeadcountChange` …) where they are the shape
of the JSON, and add what ``to_dict()`` adds. Every object of a schema is closed (``additionalProperties: false``):
a key the schema does not name fails validation, so the schema is the whole of the output, not a part of it.

A test (tests/test_contract.py) keeps a snapshot of each schema and fails when one changes while the version does
not; :func:`version_problems` says what is wrong between a stored schema and the current one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ._catalog import CatalogAdvice, CatalogDuty, CatalogFact, CatalogRole, CatalogSource, CatalogUnit
from ._cost import CostChange, PlanCost
from ._diff import AdviceChanges, EdgeChanges, FactChange, HeadcountChange, RoleChange
from ._errors import ContractError, suggest
from ._gap import GapCost, Overage, RoleConflict, Shortfall
from ._lazy import publish
from ._plan import (
    Advice,
    AssumptionUsed,
    BilingualText,
    ExcludedRole,
    PlannedRole,
    SharedSeat,
    Staffing,
    UnitNames,
)
from ._profile import FACTS, BusinessProfile, Stage
from ._roadmap import RoadmapStep
from ._scenario import ScenarioCitation
from ._scenario_coverage import RuleFiring, ScenarioFiring
from ._scenario_report import ScenarioFailure
from ._schema_version import OUTPUT_KINDS, SCHEMA_VERSION
from ._verify import VerifyFinding
from ._whatif import FactImpact

__all__ = [
    "OUTPUT_KINDS",
    "SCHEMA_VERSION",
    "CatalogData",
    "ChangeScopeData",
    "CompareData",
    "CoverageData",
    "DiffData",
    "GapData",
    "GraphLink",
    "GraphNode",
    "LeftOutRole",
    "NodeLinkGraph",
    "PlanData",
    "PlanRole",
    "ProfileChange",
    "ProfileData",
    "RoadmapData",
    "RulebookUsed",
    "ScenarioReportData",
    "ScenarioResultData",
    "VerifyData",
    "WhatIfData",
    "WhatIfRowData",
    "output_schema",
    "same_contract",
    "version_problems",
]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# The kinds of edge of the role graph: diff.EDGE_KINDS, as a type.
EdgeKind = Literal["reports_to", "supports", "feeds", "collaborates", "can_cover"]
# The facts a question may hold fixed: profile.FACTS, as a type.
KeepableFact = Literal[
    "stage",
    "sourcing",
    "formats",
    "paid_ads",
    "influencers",
    "private_domain",
    "loyalty_program",
    "own_brand",
    "headcount_budget",
]


def _unset_when_absent(schema: dict[str, Any]) -> None:
    """A key that an output leaves out rather than setting it to null: no ``default`` in its schema."""
    schema.pop("default", None)


def _absent(description: str) -> Any:
    """A field that is not always in the output: when it is there it has its type (never null)."""
    return Field(default=None, description=description, json_schema_extra=_unset_when_absent)


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True)


class _Versioned(_Data):
    schema_version: str = Field(
        json_schema_extra={"const": SCHEMA_VERSION},
        description="The version of the output contract, MAJOR.MINOR: a minor version only adds keys.",
    )


def _names() -> Any:
    return Field(
        description="Every id of a role, team or department the answer holds, with its names and its department's "
        "(the decision layer for the owner)."
    )


if TYPE_CHECKING:
    ProfileChange = dict[str, Any]
else:
    # The fields of the facts that a change of a profile may set (the others stay as the profile gives them).
    ProfileChange = create_model(
        "ProfileChange",
        __config__=ConfigDict(frozen=True),
        __doc__="Changes of a profile's facts: each fact changed and its new value (the formats as a sorted list).",
        **{
            name: (field.annotation, _absent(field.description or name))
            for name, field in BusinessProfile.model_fields.items()
            if name in FACTS and FACTS[name].kind != "int"
        },
    )


class ProfileData(BusinessProfile):
    """A profile as an output shows it: its fields (those at their defaults too, unless said otherwise), the formats
    as a sorted list."""

    model_config = ConfigDict(json_schema_extra={"description": " ".join(str(__doc__).split())})


class PlanRole(PlannedRole):
    """A role in the plan, with ``would_remove``: the smallest changes of the profile that would take it out."""

    would_remove: list[ProfileChange]


class LeftOutRole(ExcludedRole):
    """A catalog role left out, with ``would_need``: the smallest changes of the profile that would bring it in."""

    would_need: list[ProfileChange]


class GraphNode(_Data):
    """A node of the role graph: the owner, a department, a team or a role, with its names."""

    id: str
    type: Literal["role", "department", "team"]
    en: str
    zh: str
    headcount: int = _absent("A role's people.")
    department: str | None = _absent("The department of a team or a role (none for the owner).")
    team: str | None = _absent("The team of a role, null if it belongs to its department alone.")


class GraphLink(_Data):
    """An edge of the role graph: ``kind`` (its ``key`` too) as in VOCABULARY.md, and the ids of the rules that draw
    it, comma-separated (no ``rules`` for a ``reports_to`` edge, which follows the catalog)."""

    source: str
    target: str
    key: EdgeKind
    kind: EdgeKind
    rules: str = _absent("The ids of the rules that draw the edge, comma-separated.")


class NodeLinkGraph(_Data):
    """The role graph as networkx node-link data: nodes (owner, departments, teams, roles) and edges (``links``),
    each edge with its ``kind``."""

    directed: bool
    multigraph: bool
    graph: dict[str, Any]
    nodes: list[GraphNode]
    links: list[GraphLink]


class ChangeScopeData(_Data):
    """Which changes of the profile the counterfactuals (or the what-if rows) consider: none of the facts in
    ``keep``, and a stage earlier than the profile's only when ``backward``. (Since 1.1.)"""

    keep: list[KeepableFact]
    backward: bool


class RulebookUsed(_Data):
    """The rulebook that made a plan: the fingerprint of its entries, and its rule files, bundled ones first."""

    fingerprint: str = Field(pattern="^[0-9a-f]{64}$", description="SHA-256 of the rulebook's entries, in hex.")
    files: list[str]


class PlanData(_Versioned):
    """A plan as data: ``Plan.to_dict()``, what ``tiktok-team plan --format json`` prints; ``Plan.from_dict()``
    reads it back."""

    roles: list[PlanRole]
    excluded: list[LeftOutRole]
    advice: list[Advice]
    graph: NodeLinkGraph
    staffing: Staffing | None
    assumptions: list[AssumptionUsed]
    people: int = Field(description="People the plan needs: its seats, with each shared pair of roles counted once.")
    shared: list[SharedSeat] = Field(description="Pairs of planned roles that a source says one person holds outright.")
    scope: ChangeScopeData
    profile: ProfileData = Field(description="The profile planned, every field. Added in 1.1.")
    rulebook: RulebookUsed = Field(description="The rulebook that planned it. Added in 1.1.")
    names: dict[str, UnitNames] = _names()
    cost: PlanCost | None = Field(description="With pay in the profile: what the plan costs a month; null without.")


class RoadmapData(_Versioned):
    """A roadmap as data: ``Roadmap.to_dict()``, what ``tiktok-team roadmap --format json`` prints."""

    stage: Stage
    steps: list[RoadmapStep]
    names: dict[str, UnitNames] = _names()
    by: Literal["stage", "workload"] = Field(description="Steps between stages, or between levels of workload.")
    currency: str | None = Field(description="The currency of the costs; null without pay in the profile.")


class GapData(_Versioned):
    """A gap as data: ``Gap.to_dict()``, what ``tiktok-team gap --format json`` prints."""

    missing: list[str]
    surplus: list[str]
    conflicts: list[RoleConflict]
    short: list[Shortfall]
    team_size: int
    plan_headcount: int
    names: dict[str, UnitNames] = _names()
    over: list[Overage]
    named_twice: list[str]
    planned: dict[str, int] = Field(description="Each planned role's headcount.")
    held: dict[str, int] = Field(description="How many people of the current team hold each role.")
    cost: GapCost | None = Field(description="With pay in the profile: what the missing seats and those over cost.")


class Headcounts(_Data):
    """The people of the two plans compared."""

    before: int
    after: int


class DiffData(_Data):
    """The difference of two plans as data, as nested in another output (a what-if row): ``PlanDiff.to_dict()``."""

    profile: list[FactChange]
    unchanged: bool
    headcount: Headcounts
    added: list[RoleChange]
    removed: list[RoleChange]
    resized: list[HeadcountChange]
    edges: dict[EdgeKind, EdgeChanges]
    advice: AdviceChanges
    cost: CostChange | None = Field(description="With pay in both profiles: the monthly costs and their difference.")


class CompareData(DiffData, _Versioned):
    """Two plans compared: ``PlanDiff.to_dict()``, what ``tiktok-team compare A B --format json`` prints."""

    names: dict[str, UnitNames] = _names()


class WhatIfRowData(_Data):
    """One change of one fact, and the difference it makes to the plan."""

    change: ProfileChange
    score: int
    edges: int
    diff: DiffData


class WhatIfData(_Versioned):
    """The what-if table: ``WhatIf.to_dict()``, what ``tiktok-team whatif FILE --format json`` prints. ``scope`` and
    ``facts`` (what each fact changed by some row matters, most first) since 1.1."""

    profile: ProfileData
    headcount: int
    scope: ChangeScopeData
    facts: list[FactImpact]
    rows: list[WhatIfRowData]
    names: dict[str, UnitNames] = _names()


class VerifyData(_Versioned):
    """A verification of the rulebook: ``VerifyReport.to_dict()``, what ``tiktok-team rules verify --format json``
    prints."""

    profiles: int
    findings: list[VerifyFinding]
    notes: list[VerifyFinding] = Field(
        description="What is deliberate, not a defect: rules marked as corroborating a rule of another source."
    )
    clean: bool


class ScenarioResultData(_Data):
    """The outcome of one scenario; its ``profile`` has only the fields that differ from their defaults."""

    name: str
    file: str
    cites: list[ScenarioCitation]
    profile: ProfileData
    expectations: int
    failures: list[ScenarioFailure]
    passed: bool


class ScenarioReportData(_Versioned):
    """The outcome of scenario files: ``ScenarioReport.to_dict()``, what ``tiktok-team rules test --format json``
    prints."""

    files: list[str]
    scenarios: int
    failed: int
    passed: bool
    results: list[ScenarioResultData]


class CoverageData(_Versioned):
    """The coverage of the rulebook by scenario files: ``ScenarioCoverage.to_dict()``, what ``tiktok-team rules test
    --coverage --format json`` prints. ``share`` is ``fired`` / ``rules``, from 0 to 1."""

    files: list[str]
    scenarios: int
    failed: int
    rules: int
    fired: int
    share: float
    unfired: list[str]
    by_rule: list[RuleFiring]
    by_scenario: list[ScenarioFiring]


class CatalogData(_Versioned):
    """The catalog of the rulebook: ``Catalog.to_dict()``, what ``tiktok-team catalog --format json`` prints."""

    decision_layer: BilingualText = Field(description="The name of the owner's layer, which is no department.")
    departments: list[CatalogUnit]
    teams: list[CatalogUnit]
    roles: list[CatalogRole]
    duties: list[CatalogDuty]
    advice: list[CatalogAdvice]
    facts: list[CatalogFact]
    sources: list[CatalogSource]


# The model of each JSON output of OUTPUT_KINDS.
_MODELS: Mapping[str, type[_Versioned]] = {
    "plan": PlanData,
    "roadmap": RoadmapData,
    "gap": GapData,
    "compare": CompareData,
    "whatif": WhatIfData,
    "verify": VerifyData,
    "scenarios": ScenarioReportData,
    "coverage": CoverageData,
    "catalog": CatalogData,
}


class _Closed(GenerateJsonSchema):
    """JSON Schema of outputs: every model's object is closed (``additionalProperties: false``)."""

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        found = super().model_schema(schema)
        if found.get("type") == "object":
            found["additionalProperties"] = False
        return found


def output_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON output ``kind``, one of :data:`OUTPUT_KINDS`.

    Its ``$id`` and ``title`` carry :data:`SCHEMA_VERSION`, and its ``schema_version`` property is that version.

    Parameters
    ----------
    kind : str
        ``plan``, ``roadmap``, ``gap``, ``compare``, ``whatif``, ``verify`` (``rules verify``), ``scenarios``
        (``rules test``), ``coverage`` (``rules test --coverage``) or ``catalog``.

    Returns
    -------
    dict
        The schema, as JSON data.

    Raises
    ------
    ContractError
        If ``kind`` is not an output, with the kind probably meant.

    Examples
    --------
    >>> schema = output_schema("plan")
    >>> schema["$id"] == f"urn:tiktok-team:schema:plan:{SCHEMA_VERSION}" == "urn:tiktok-team:schema:plan:1.1"
    True
    >>> schema["additionalProperties"], sorted(schema["required"])[:3]
    (False, ['advice', 'assumptions', 'cost'])
    >>> output_schema("roadmp")
    Traceback (most recent call last):
    ...
    tiktok_team.ContractError: unknown output 'roadmp' (did you mean 'roadmap'?); one of plan, roadmap, ...
    """
    model = _MODELS.get(kind)
    if model is None:
        raise ContractError(f"unknown output '{kind}'{suggest(kind, OUTPUT_KINDS)}; one of {', '.join(OUTPUT_KINDS)}")
    generated = model.model_json_schema(mode="serialization", schema_generator=_Closed)
    generated.pop("title", None)
    return {
        "$schema": DRAFT,
        "$id": f"urn:tiktok-team:schema:{kind}:{SCHEMA_VERSION}",
        "title": f"tiktok-team {kind} output, schema version {SCHEMA_VERSION}",
        **generated,
    }


def same_contract(stored: Mapping[str, Any], current: Mapping[str, Any]) -> bool:
    """Whether two schemas of one output promise the same to a program: equal but for their descriptions (prose
    that a validator ignores), so that rewording a docstring needs no new version.

    Examples
    --------
    >>> plan = output_schema("plan")
    >>> same_contract(plan, {**plan, "description": "Reworded."}), same_contract(plan, {**plan, "required": []})
    (True, False)
    """
    return _without_prose(stored) == _without_prose(current)


def _without_prose(schema: object) -> object:
    if isinstance(schema, Mapping):
        return {k: _without_prose(v) for k, v in schema.items() if not (k == "description" and isinstance(v, str))}
    if isinstance(schema, list):
        return [_without_prose(v) for v in schema]
    return schema


def version_problems(stored: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """What is wrong between a schema kept from before (``stored``) and the same output's schema now (``current``),
    by the rules of the version (see the module's docstring); empty when they are the same.

    A schema that changed under the same version asks for a new version; a version that went down, or a new minor
    version that removed a key (a breaking change), is wrong; a new version with the stored schema of the old one
    asks for the stored schema to be refreshed.

    Parameters
    ----------
    stored, current : mapping
        Two schemas of one output, as :func:`output_schema` gives them (the version is their ``schema_version``
        property's ``const``).

    Returns
    -------
    list of str
        One sentence per problem, saying what to do.

    Examples
    --------
    >>> plan = output_schema("plan")
    >>> version_problems(plan, plan)
    []
    >>> changed = {**plan, "required": [*plan["required"], "budget"]}
    >>> version_problems(plan, changed)  # doctest: +ELLIPSIS
    ['the JSON Schema of the plan output changed, but its schema_version is still 1.1: bump SCHEMA_VERSION ...']
    """
    if stored == current:
        return []
    old, new = _version(stored), _version(current)
    name = f"the {str(current.get('$id', '::')).split(':')[-2]} output"
    if same_contract(stored, current):
        return [f"only the descriptions of {name} changed: refresh the stored schema (the version stays)"]
    if old == new:
        return [
            f"the JSON Schema of {name} changed, but its schema_version is still {_shown(new)}: bump SCHEMA_VERSION "
            "(tiktok_team/_schema_version.py; the minor when keys are only added, else the major) and refresh the "
            "stored schema"
        ]
    if new < old:
        return [f"the schema_version of {name} went down, from {_shown(old)} to {_shown(new)}"]
    problems = []
    if new[0] == old[0]:
        problems += [
            f"{path} is gone from {name}, but a minor version ({_shown(old)} to {_shown(new)}) only adds keys: "
            "bump the major version"
            for path in sorted(_paths(stored) - _paths(current))
        ]
    return problems or [f"the stored JSON Schema of {name} is of version {_shown(old)}, now {_shown(new)}: refresh it"]


def _version(schema: Mapping[str, Any]) -> tuple[int, ...]:
    const = str(schema.get("properties", {}).get("schema_version", {}).get("const", "0.0"))
    return tuple(int(part) for part in const.split("."))


def _shown(version: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in version)


def _paths(schema: Mapping[str, Any]) -> set[str]:
    """The keys an output may have, as paths (``roles[].reasons[].rule``), through ``$ref``, lists and unions."""
    defs: Mapping[str, Any] = schema.get("$defs", {})
    found: set[str] = set()

    def walk(node: Mapping[str, Any], path: str, seen: frozenset[str]) -> None:
        ref = node.get("$ref")
        if isinstance(ref, str):
            name = ref.rsplit("/", 1)[-1]
            if name not in seen:
                walk(defs.get(name, {}), path, seen | {name})
            return
        for key, spec in node.get("properties", {}).items():
            found.add(f"{path}.{key}".lstrip("."))
            walk(spec, f"{path}.{key}", seen)
        for option in node.get("anyOf", []):
            walk(option, path, seen)
        for part in ("items", "additionalProperties"):
            if isinstance(node.get(part), Mapping):
                walk(node[part], f"{path}[]" if part == "items" else f"{path}.*", seen)

    walk(schema, "", frozenset())
    return found


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
