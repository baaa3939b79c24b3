"""tiktok-team: which team should a TikTok Shop / Douyin live-commerce business build, and why.

Every name below is imported from its module on first use, so ``import tiktok_team`` is nearly free and the
command line starts fast; ``from tiktok_team import recommend`` works as it always has.
"""

from typing import TYPE_CHECKING

from ._lazy import lazy_exports

if TYPE_CHECKING:
    from ._recommend import recommend
    from ._version import __version__
    from .batch import BatchResult, recommend_many
    from .errors import (
        GraphvizError,
        PlanError,
        ProfileError,
        RulebookError,
        ScenarioError,
        TeamError,
        TiktokTeamError,
        TiktokTeamWarning,
    )
    from .plan import Plan
    from .profile import BusinessProfile
    from .rulebook import Rulebook, load_rulebook

_HOMES = {
    "BatchResult": ".batch",
    "BusinessProfile": ".profile",
    "GraphvizError": ".errors",
    "Plan": ".plan",
    "PlanError": ".errors",
    "ProfileError": ".errors",
    "Rulebook": ".rulebook",
    "RulebookError": ".errors",
    "ScenarioError": ".errors",
    "TeamError": ".errors",
    "TiktokTeamError": ".errors",
    "TiktokTeamWarning": ".errors",
    "__version__": "._version",
    "load_rulebook": ".rulebook",
    "recommend": "._recommend",
    "recommend_many": ".batch",
}
__getattr__ = lazy_exports(__name__, _HOMES)

__all__ = [
    "BatchResult",
    "BusinessProfile",
    "GraphvizError",
    "Plan",
    "PlanError",
    "ProfileError",
    "Rulebook",
    "RulebookError",
    "ScenarioError",
    "TeamError",
    "TiktokTeamError",
    "TiktokTeamWarning",
    "__version__",
    "load_rulebook",
    "recommend",
    "recommend_many",
]
