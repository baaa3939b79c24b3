"""tiktok-team: which team should a TikTok Shop / Douyin live-commerce business build, and why.

Everything a user of the library needs is imported from here (and from :mod:`tiktok_team.render` and
:mod:`tiktok_team.testing`); these names, listed in ``__all__``, are the public API and follow semantic versioning
(the README's Compatibility section). Every other module is internal and may change in any release.

Every name below is imported from its module on first use, so ``import tiktok_team`` is nearly free and the
command line starts fast; ``from tiktok_team import recommend`` works as it always has, and ``dir(tiktok_team)``
lists every name. Each class and function says this package is its module (``tiktok_team.Plan``), as you import
it: in reprs, tracebacks and pickles (see :mod:`tiktok_team._lazy`).

Examples
--------
>>> from tiktok_team import BusinessProfile, recommend, roadmap
>>> profile = BusinessProfile(stage="startup", sourcing="own_stock")
>>> recommend(profile).headcount > 0, roadmap(profile).steps[0].to_stage
(True, 'growth')
"""

from typing import TYPE_CHECKING

from ._lazy import lazy_exports

if TYPE_CHECKING:
    from ._batch import BatchResult, recommend_each, recommend_many
    from ._catalog import (
        Catalog,
        CatalogAdvice,
        CatalogDuty,
        CatalogFact,
        CatalogRole,
        CatalogSource,
        CatalogText,
        CatalogUnit,
        FactValue,
        catalog,
    )
    from ._contract import output_schema
    from ._cost import CostChange, DepartmentCost, PlanCost, RoleCost
    from ._counterfactual import Counterfactual, Counterfactuals
    from ._diff import (
        AdviceChanges,
        ChangeReason,
        EdgeChange,
        EdgeChanges,
        FactChange,
        HeadcountChange,
        PlanDiff,
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
    from ._gap import CurrentTeam, Gap, GapCost, Overage, RoleConflict, Shortfall, TeamMember, gap
    from ._headline import headline
    from ._pay import Pay
    from ._plan import (
        Advice,
        AssumptionUsed,
        BilingualText,
        Deferral,
        ExcludedRole,
        Explained,
        HeldDuty,
        NextSeat,
        Person,
        Plan,
        PlannedRole,
        Reason,
        SharedSeat,
        Staffing,
        UnitNames,
    )
    from ._profile import BusinessProfile
    from ._recommend import recommend
    from ._roadmap import Hire, Roadmap, RoadmapStep, SplitStep, Trigger, roadmap
    from ._rulebook import Rulebook, load_rulebook
    from ._scenario import (
        EdgeExpectation,
        HoldExpectation,
        SaidExpectation,
        Scenario,
        ScenarioCitation,
        bundled_scenarios,
        load_scenarios,
    )
    from ._scenario_coverage import ScenarioCoverage, coverage_of_scenario_files, scenario_coverage
    from ._scenario_report import (
        ScenarioFailure,
        ScenarioReport,
        ScenarioResult,
        run_scenario,
        run_scenario_files,
        run_scenarios,
    )
    from ._schema_version import OUTPUT_KINDS, SCHEMA_VERSION
    from ._staffing import Consolidation, consolidate, fit_to_budget
    from ._verify import VerifyFinding, VerifyReport, fact_space, verify
    from ._version import __version__
    from ._whatif import FactImpact, WhatIf, WhatIfRow, whatif

    # The names of _RENAMED, for programs not yet moved to the new ones (at run time they warn).
    Alternative = Counterfactual
    Cause = ChangeReason
    Cite = ScenarioCitation
    Conflict = RoleConflict
    Failure = ScenarioFailure
    Finding = VerifyFinding
    Member = TeamMember
    Names = BilingualText
    Resize = HeadcountChange
    Step = RoadmapStep

_HOMES = {
    "ContractError": "._errors",
    "OUTPUT_KINDS": "._schema_version",
    "SCHEMA_VERSION": "._schema_version",
    "output_schema": "._contract",
    "Advice": "._plan",
    "AdviceChanges": "._diff",
    "Counterfactual": "._counterfactual",
    "AssumptionUsed": "._plan",
    "BatchResult": "._batch",
    "BusinessProfile": "._profile",
    "Catalog": "._catalog",
    "CatalogAdvice": "._catalog",
    "CatalogDuty": "._catalog",
    "CatalogFact": "._catalog",
    "CatalogRole": "._catalog",
    "CatalogSource": "._catalog",
    "CatalogText": "._catalog",
    "CatalogUnit": "._catalog",
    "ChangeReason": "._diff",
    "RoleConflict": "._gap",
    "ScenarioCitation": "._scenario",
    "Consolidation": "._staffing",
    "Counterfactuals": "._counterfactual",
    "CurrentTeam": "._gap",
    "Deferral": "._plan",
    "EdgeChange": "._diff",
    "EdgeChanges": "._diff",
    "EdgeExpectation": "._scenario",
    "ExcludedRole": "._plan",
    "Explained": "._plan",
    "FactChange": "._diff",
    "FactImpact": "._whatif",
    "FactValue": "._catalog",
    "ScenarioFailure": "._scenario_report",
    "VerifyFinding": "._verify",
    "Gap": "._gap",
    "GraphvizError": "._errors",
    "HeldDuty": "._plan",
    "Hire": "._roadmap",
    "HoldExpectation": "._scenario",
    "TeamMember": "._gap",
    "BilingualText": "._plan",
    "Person": "._plan",
    "Plan": "._plan",
    "PlanDiff": "._diff",
    "PlanError": "._errors",
    "PlannedRole": "._plan",
    "ProfileError": "._errors",
    "Reason": "._plan",
    "SaidExpectation": "._scenario",
    "HeadcountChange": "._diff",
    "Roadmap": "._roadmap",
    "RoleChange": "._diff",
    "Rulebook": "._rulebook",
    "RulebookError": "._errors",
    "Scenario": "._scenario",
    "ScenarioCoverage": "._scenario_coverage",
    "ScenarioError": "._errors",
    "ScenarioReport": "._scenario_report",
    "ScenarioResult": "._scenario_report",
    "Shortfall": "._gap",
    "SplitStep": "._roadmap",
    "SharedSeat": "._plan",
    "Staffing": "._plan",
    "RoadmapStep": "._roadmap",
    "TeamError": "._errors",
    "TiktokTeamError": "._errors",
    "TiktokTeamWarning": "._errors",
    "UnitNames": "._plan",
    "VerifyReport": "._verify",
    "WhatIf": "._whatif",
    "WhatIfRow": "._whatif",
    "__version__": "._version",
    "bundled_scenarios": "._scenario",
    "catalog": "._catalog",
    "consolidate": "._staffing",
    "coverage_of_scenario_files": "._scenario_coverage",
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
    "scenario_coverage": "._scenario_coverage",
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
# BilingualText that 0.2.0 replaced by names that say what they are (README, "Compatibility"): they warn until 0.3.0.
_RENAMED = {
    "Alternative": "Counterfactual",
    "Cause": "ChangeReason",
    "Cite": "ScenarioCitation",
    "Conflict": "RoleConflict",
    "Failure": "ScenarioFailure",
    "Finding": "VerifyFinding",
    "Member": "TeamMember",
    "Names": "BilingualText",
    "Resize": "HeadcountChange",
    "Step": "RoadmapStep",
}
__getattr__, __dir__ = lazy_exports(__name__, _HOMES, _RENAMED, since="0.2.0")
del lazy_exports  # the package's machinery, not its API

__all__ = [
    "OUTPUT_KINDS",
    "SCHEMA_VERSION",
    "Advice",
    "AdviceChanges",
    "AssumptionUsed",
    "BatchResult",
    "BilingualText",
    "BusinessProfile",
    "Catalog",
    "CatalogAdvice",
    "CatalogDuty",
    "CatalogFact",
    "CatalogRole",
    "CatalogSource",
    "CatalogText",
    "CatalogUnit",
    "ChangeReason",
    "Consolidation",
    "ContractError",
    "CostChange",
    "Counterfactual",
    "Counterfactuals",
    "CurrentTeam",
    "Deferral",
    "DepartmentCost",
    "EdgeChange",
    "EdgeChanges",
    "EdgeExpectation",
    "ExcludedRole",
    "Explained",
    "FactChange",
    "FactImpact",
    "FactValue",
    "Gap",
    "GapCost",
    "GraphvizError",
    "HeadcountChange",
    "HeldDuty",
    "Hire",
    "HoldExpectation",
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
    "Roadmap",
    "RoadmapStep",
    "RoleChange",
    "RoleConflict",
    "RoleCost",
    "Rulebook",
    "RulebookError",
    "SaidExpectation",
    "Scenario",
    "ScenarioCitation",
    "ScenarioCoverage",
    "ScenarioError",
    "ScenarioFailure",
    "ScenarioReport",
    "ScenarioResult",
    "SharedSeat",
    "Shortfall",
    "SplitStep",
    "Staffing",
    "TeamError",
    "TeamMember",
    "TiktokTeamError",
    "TiktokTeamWarning",
    "Trigger",
    "UnitNames",
    "VerifyFinding",
    "VerifyReport",
    "WhatIf",
    "WhatIfRow",
    "__version__",
    "bundled_scenarios",
    "catalog",
    "consolidate",
    "coverage_of_scenario_files",
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
    "scenario_coverage",
    "verify",
    "whatif",
]
