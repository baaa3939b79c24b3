"""What several test modules share: the installed command, the example profile and a small overlay."""

from __future__ import annotations

import sys
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "tiktok-team"
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# The facts of examples/growth-brand.toml (its false fields left at their defaults).
GROWTH_BRAND = {
    "stage": "growth",
    "sourcing": "own_stock",
    "formats": ["livestream", "short_video"],
    "paid_ads": True,
    "influencers": True,
    "own_brand": True,
}

# A valid overlay: a brand that works with influencers gets PR a stage early.
BRAND_PR_OVERLAY = """[[rule]]
id = "x-brand-pr"
source = "three-stages"
section = "§3"
guidance = "G31"
basis = "inferred"
because = "A test overlay: a brand working with influencers gets PR a stage early."
when = { all = [{ fact = "own_brand", equals = true }, { fact = "influencers", equals = true }] }
include = ["pr"]
"""
