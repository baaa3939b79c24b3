"""The shapes of the service's requests, responses and errors, as pydantic models: they document the API.

The request models describe the bodies the endpoints accept; :mod:`tiktok_team.serve.requests` checks a body
field by field against them (so that every error names the field, with a "did you mean", in the command line's own
words). The response models describe the JSON the endpoints return, which is exactly what the command line prints
(a result's ``to_dict()`` as :func:`tiktok_team.render.render_json` writes it): those of the results are the models of
the output contract (:mod:`tiktok_team._contract`), re-exported here; they are used for the OpenAPI document, not to
re-validate every response.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .._contract import CompareData, GapData, PlanData, RoadmapData, WhatIfData
from .._gap import CurrentTeam
from .._profile import BusinessProfile

__all__ = [
    "REQUESTS",
    "AssumptionRow",
    "CompareData",
    "CompareRequest",
    "ErrorBody",
    "Explanation",
    "GapData",
    "GapRequest",
    "Health",
    "ItemError",
    "PlanData",
    "PlanRequest",
    "Problem",
    "ProfileRequest",
    "ProfilesRequest",
    "RoadmapData",
    "RoadmapRequest",
    "RoleRequest",
    "RuleDetail",
    "RuleSummary",
    "WhatIfData",
    "WorkloadLevels",
]

# The levels of a roadmap over workloads: each a table of workload fields and their figures.
MAX_PROFILES = 100  # profiles in one request to /v1/plan-many: an answer of about 2 MB, under 0.3 s of CPU
WorkloadLevels = list[dict[str, float]]


class _Request(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ProfileRequest(_Request):
    """The body of ``POST /v1/plan`` and ``/v1/whatif``: a business profile. Its ``pay`` (monthly pay per seat of
    each role, currency, on-cost) puts costs in every answer; its ``monthly_budget`` fits the staffing to the money,
    beside or instead of its ``headcount_budget``."""

    profile: BusinessProfile = Field(
        description="The business's facts, as in a profile file; with pay and a monthly_budget where wanted."
    )


class RoadmapRequest(ProfileRequest):
    """The body of ``POST /v1/roadmap``: a profile, and optionally ``workloads``, at least two levels of workload
    (each a table of the profile's workload fields: ``orders_per_day``, ``live_hours_per_day`` …) to step between at
    the profile's stage instead of stepping through the stages."""

    workloads: WorkloadLevels | None = Field(
        default=None,
        description='Levels of workload, e.g. [{"orders_per_day": 100}, {"orders_per_day": 300}]: the hires '
        "each growth calls for, one a seat, in the order the workload calls for them.",
    )


class PlanRequest(ProfileRequest):
    """The body of ``POST /v1/plan`` and ``/v1/whatif``: a profile and, optionally, what the answer's
    counterfactuals (``would_need``, ``would_remove``; the what-if rows) may change."""

    keep: list[str] = Field(
        default=[],
        description="Facts to hold fixed: no counterfactual or what-if row changes them (stage, sourcing, formats, "
        "paid_ads, influencers, private_domain, loyalty_program, own_brand).",
    )
    backward: bool = Field(
        default=False,
        description="Also consider taking the business back to an earlier stage (by default the stage only moves "
        "forward); such changes say so in their words.",
    )


class RoleRequest(PlanRequest):
    """The body of ``POST /v1/explain``: a profile and the role to explain (``keep`` and ``backward`` shape its last
    sentence, what would change it)."""

    role: str = Field(description="A role id of the catalog, e.g. streamer (see the plan's role ids).")


class GapRequest(ProfileRequest):
    """The body of ``POST /v1/gap``: a profile and the team the business has now."""

    team: CurrentTeam = Field(description="The current team, as in a team file: a list of people and their roles.")


class CompareRequest(_Request):
    """The body of ``POST /v1/compare``: the two profiles of ``tiktok-team compare A B``, ``before`` (A) and
    ``after`` (B); the answer is what changes from A's plan to B's."""

    before: BusinessProfile = Field(description="Profile A: the plan compared from, as in a profile file.")
    after: BusinessProfile = Field(description="Profile B: the plan compared to, as in a profile file.")


class ProfilesRequest(_Request):
    """The body of ``POST /v1/plan-many``: the profiles to plan, each as in a profile file (one line of
    ``tiktok-team plan-many``'s input)."""

    profiles: list[BusinessProfile] = Field(
        max_length=MAX_PROFILES,
        description=f"The businesses' facts, at most {MAX_PROFILES}; a bad one is an error in its place of the answer.",
    )


# Every request model, for the OpenAPI document.
REQUESTS: tuple[type[BaseModel], ...] = (
    ProfileRequest,
    PlanRequest,
    RoadmapRequest,
    RoleRequest,
    GapRequest,
    CompareRequest,
    ProfilesRequest,
)


class Explanation(BaseModel):
    """Why a role is in the plan (``in_plan``) or not: the text of ``tiktok-team explain``, one reason a line, each
    citing its rule and source."""

    model_config = ConfigDict(frozen=True)

    role: str
    in_plan: bool
    lang: Literal["en", "zh", "both"]
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The explanation as plain data."""
        return self.model_dump(mode="json")


class RuleSummary(BaseModel):
    """A rule's id and citation: a row of ``tiktok-team rules list --format json``."""

    id: str
    source: str
    section: str
    guidance: str
    basis: Literal["stated", "inferred"]
    file: str


class RuleDetail(RuleSummary):
    """A rule in full: its citation, what it is inferred from, its priority, and in words (``tiktok-team rules
    show``) its condition, effects and the guidance it encodes."""

    because: str | None
    priority: int
    text: str


class AssumptionRow(BaseModel):
    """A capacity assumption behind workload headcounts, or a key of a pay table (``pay.currency``, ``pay.on_cost``,
    ``pay.roles.ROLE``): a row of ``tiktok-team assumptions --format json``. A profile's ``assumptions`` override a
    capacity assumption's ``value``; its ``pay`` gives the pay keys."""

    id: str
    value: float | None = Field(description="The default, in ``unit``; null for a pay key, which has none.")
    unit: str
    en: str = Field(description="What it measures, in English.")
    zh: str = Field(description="What it measures, in Chinese.")
    because: str = Field(description="Why this default: its source, or that it is assumed.")
    sizes: list[str] = Field(description="The roles it sizes, each with the workload measure: 'streamer (by ...)'.")


class Health(BaseModel):
    """The server is up: its version, its rulebook, and whether Graphviz is there to draw the pictures."""

    status: Literal["ok"]
    version: str
    rules: int
    files: list[str]
    graphviz: bool


class Problem(BaseModel):
    """One thing wrong with a request: where (``profile.stage``, ``team``, ``role``, ``format``; empty for the
    request as a whole) and what, in the words of the command line's message."""

    path: str
    message: str


class ErrorBody(BaseModel):
    """The body of every error response: one line saying what is wrong (with a "did you mean" where one fits), and
    each problem with its place."""

    error: str
    errors: list[Problem]


class ItemError(ErrorBody):
    """A profile of ``POST /v1/plan-many`` that could not be planned, in its place in the answer: its ``index`` in
    the request (from 0) and, as in every error, the line and each problem with its path (``profiles.2.stage``)."""

    index: int = Field(description="The profile's place in the request's `profiles`, from 0.")
