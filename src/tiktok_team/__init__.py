"""tiktok-team: which team should a TikTok Shop / Douyin live-commerce business build, and why.

Everything a user of the library needs is imported from here (and from :mod:`tiktok_team.render` and
:mod:`tiktok_team.testing`); these names, listed in ``__all__``, are the public API and follow semantic versioning
(the README's Compatibility section). Every other module is internal and may change in any release.

Every name below is imported from its module on first use, so ``import tiktok_team`` is nearly free and the
command line starts fast; ``from tiktok_team import recommend`` works as it always has.

Examples
--------
>>> from tiktok_team import BusinessProfile, recommend, roadmap
>>> profile = BusinessProfile(stage="startup", sourcing="own_stock")
>>> recommend(profile).headcount > 0, roadmap(profile).steps[0].to_stage
(True, 'growth')
"""

from typing import TYPE_CHECKING

from ._lazy import exports_win, lazy_exports

if TYPE_CHECKING:
    from ._batch import BatchResult, recommend_each, recommend_many
    from ._contract import output_schema
    from ._cost import CostChange, DepartmentCost, PlanCost, RoleCost
    from ._counterfactual import Alternative, Counterfactuals
    from ._diff import (
        AdviceChanges,
        Cause,
        EdgeChange,
        EdgeChanges,
        FactChange,
        PlanDiff,
        Resize,
        RoleChange,
        plan_diff,
    )
    from ._errors import (
        ContractError,
        GraphvizError,
        PlanError,
        ProfileError,
        RulebookError,
        ScenarioError,
        TeamError,
        TiktokTeamError,
        TiktokTeamWarning,
    )
    from ._gap import Conflict, CurrentTeam, Gap, GapCost, Member, Overage, Shortfall, gap
    from ._headline import headline
    from ._pay import Pay
    from ._plan import (
        Advice,
        AssumptionUsed,
        Deferral,
        ExcludedRole,
        HeldDuty,
        Names,
        NextSeat,
        Person,
        Plan,
        PlannedRole,
        Reason,
        Staffing,
    )
    from ._profile import BusinessProfile
    from ._recommend import recommend
    from ._roadmap import Hire, Roadmap, SplitStep, Step, Trigger, roadmap
    from ._rulebook import Rulebook, load_rulebook
    from ._scenario import Cite, EdgeExpectation, HoldExpectation, Scenario, bundled_scenarios, load_scenarios
    from ._scenario_report import (
        Failure,
        ScenarioReport,
        ScenarioResult,
        run_scenario,
        run_scenario_files,
        run_scenarios,
    )
    from ._schema_version import OUTPUT_KINDS, SCHEMA_VERSION
    from ._staffing import Consolidation, consolidate, fit_to_budget
    from ._verify import Finding, VerifyReport, fact_space, verify
    from ._version import __version__
    from ._whatif import WhatIf, WhatIfRow, whatif

_HOMES = {
    "ContractError": "._errors",
    "OUTPUT_KINDS": "._schema_version",
    "SCHEMA_VERSION": "._schema_version",
    "output_schema": "._contract",
    "Advice": "._plan",
    "AdviceChanges": "._diff",
    "Alternative": "._counterfactual",
    "AssumptionUsed": "._plan",
    "BatchResult": "._batch",
    "BusinessProfile": "._profile",
    "Cause": "._diff",
    "Cite": "._scenario",
    "Conflict": "._gap",
    "Consolidation": "._staffing",
    "Counterfactuals": "._counterfactual",
    "CurrentTeam": "._gap",
    "Deferral": "._plan",
    "EdgeChange": "._diff",
    "EdgeChanges": "._diff",
    "EdgeExpectation": "._scenario",
    "ExcludedRole": "._plan",
    "FactChange": "._diff",
    "Failure": "._scenario_report",
    "Finding": "._verify",
    "Gap": "._gap",
    "GraphvizError": "._errors",
    "HeldDuty": "._plan",
    "Hire": "._roadmap",
    "HoldExpectation": "._scenario",
    "Member": "._gap",
    "Names": "._plan",
    "Person": "._plan",
    "Plan": "._plan",
    "PlanDiff": "._diff",
    "PlanError": "._errors",
    "PlannedRole": "._plan",
    "ProfileError": "._errors",
    "Reason": "._plan",
    "Resize": "._diff",
    "Roadmap": "._roadmap",
    "RoleChange": "._diff",
    "Rulebook": "._rulebook",
    "RulebookError": "._errors",
    "Scenario": "._scenario",
    "ScenarioError": "._errors",
    "ScenarioReport": "._scenario_report",
    "ScenarioResult": "._scenario_report",
    "Shortfall": "._gap",
    "SplitStep": "._roadmap",
    "Staffing": "._plan",
    "Step": "._roadmap",
    "TeamError": "._errors",
    "TiktokTeamError": "._errors",
    "TiktokTeamWarning": "._errors",
    "VerifyReport": "._verify",
    "WhatIf": "._whatif",
    "WhatIfRow": "._whatif",
    "__version__": "._version",
    "bundled_scenarios": "._scenario",
    "consolidate": "._staffing",
    "fact_space": "._verify",
    "fit_to_budget": "._staffing",
    "gap": "._gap",
    "headline": "._headline",
    "load_rulebook": "._rulebook",
    "load_scenarios": "._scenario",
    "plan_diff": "._diff",
    "recommend": "._recommend",
    "recommend_each": "._batch",
    "recommend_many": "._batch",
    "roadmap": "._roadmap",
    "run_scenario": "._scenario_report",
    "run_scenario_files": "._scenario_report",
    "run_scenarios": "._scenario_report",
    "verify": "._verify",
    "whatif": "._whatif",
    "Pay": "._pay",
    "PlanCost": "._cost",
    "RoleCost": "._cost",
    "DepartmentCost": "._cost",
    "CostChange": "._cost",
    "NextSeat": "._plan",
    "Trigger": "._roadmap",
    "Overage": "._gap",
    "GapCost": "._gap",
}
__getattr__ = lazy_exports(__name__, _HOMES)
# The functions named like the deprecated modules they used to live in (tiktok_team.roadmap ...) stay functions.
exports_win(__name__, ("gap", "headline", "roadmap", "verify", "whatif"))
del exports_win, lazy_exports  # the package's machinery, not its API

__all__ = [
    "OUTPUT_KINDS",
    "SCHEMA_VERSION",
    "Advice",
    "AdviceChanges",
    "Alternative",
    "AssumptionUsed",
    "BatchResult",
    "BusinessProfile",
    "Cause",
    "Cite",
    "Conflict",
    "Consolidation",
    "ContractError",
    "CostChange",
    "Counterfactuals",
    "CurrentTeam",
    "Deferral",
    "DepartmentCost",
    "EdgeChange",
    "EdgeChanges",
    "EdgeExpectation",
    "ExcludedRole",
    "FactChange",
    "Failure",
    "Finding",
    "Gap",
    "GapCost",
    "GraphvizError",
    "HeldDuty",
    "Hire",
    "HoldExpectation",
    "Member",
    "Names",
    "NextSeat",
    "Overage",
    "Pay",
    "Person",
    "Plan",
    "PlanCost",
    "PlanDiff",
    "PlanError",
    "PlannedRole",
    "ProfileError",
    "Reason",
    "Resize",
    "Roadmap",
    "RoleChange",
    "RoleCost",
    "Rulebook",
    "RulebookError",
    "Scenario",
    "ScenarioError",
    "ScenarioReport",
    "ScenarioResult",
    "Shortfall",
    "SplitStep",
    "Staffing",
    "Step",
    "TeamError",
    "TiktokTeamError",
    "TiktokTeamWarning",
    "Trigger",
    "VerifyReport",
    "WhatIf",
    "WhatIfRow",
    "__version__",
    "bundled_scenarios",
    "consolidate",
    "fact_space",
    "fit_to_budget",
    "gap",
    "headline",
    "load_rulebook",
    "load_scenarios",
    "output_schema",
    "plan_diff",
    "recommend",
    "recommend_each",
    "recommend_many",
    "roadmap",
    "run_scenario",
    "run_scenario_files",
    "run_scenarios",
    "verify",
    "whatif",
]
