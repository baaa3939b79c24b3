"""tiktok-team: which team should a TikTok Shop / Douyin live-commerce business build, and why."""

from importlib.metadata import PackageNotFoundError, version

from ._schema_version import SCHEMA_VERSION
from .batch import BatchResult, recommend_many
from .errors import (
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
from .plan import Plan
from .profile import BusinessProfile
from .recommend import recommend
from .rulebook import Rulebook, load_rulebook

try:
    __version__ = version("tiktok-team")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
    __version__ = "0+unknown"

__all__ = [
    "SCHEMA_VERSION",
    "BatchResult",
    "BusinessProfile",
    "ContractError",
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
    "load_rulebook",
    "recommend",
    "recommend_many",
]
