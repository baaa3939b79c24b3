"""The entry point: a profile in, a plan out."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from ._assemble import assemble
from ._engine import run, run_cached
from ._lazy import publish
from ._pay import Pay
from ._plan import Plan
from ._profile import BusinessProfile
from ._rulebook import Rulebook, load_rulebook

__all__ = ["recommend", "remembered_plan"]


def recommend(
    profile: BusinessProfile | Mapping[str, Any],
    rulebook: Rulebook | None = None,
    *,
    keep: str | Collection[str] = (),
    backward: bool = False,
    pay: Pay | Mapping[str, Any] | None = None,
) -> Plan:
    """Recommend the team for a business.

    Parameters
    ----------
    profile : BusinessProfile or mapping
        The business's facts; a mapping is validated into a :class:`BusinessProfile`.
    rulebook : Rulebook, optional
        The rules to apply; the bundled rulebook by default (see :func:`load_rulebook`).
    keep : str or collection of str, optional
        Facts the plan's counterfactuals hold fixed (:meth:`Plan.keeping`): its ``would_need`` and ``would_remove``
        never change them. The plan itself does not depend on it.
    backward : bool, optional
        Let the counterfactuals take the stage back to an earlier one (by default it only moves forward).
    pay : Pay or mapping, optional
        Monthly pay per seat of each role (``currency``, ``roles``, ``on_cost``), over the profile's own ``pay``:
        the plan then says what it costs (:attr:`Plan.cost`). The same as giving the profile this ``pay``, which
        is how :func:`roadmap`, :func:`whatif`, :func:`gap` and a comparison get it.

    Returns
    -------
    Plan

    Raises
    ------
    ProfileError
        If ``profile`` is a mapping that is not a valid profile, ``keep`` names no fact, ``pay`` is not valid pay or
        names a role the rulebook does not have, or the profile has a ``monthly_budget`` and no pay.

    Examples
    --------
    >>> from tiktok_team import recommend
    >>> plan = recommend({"stage": "growth", "sourcing": "own_stock", "formats": ["livestream"]})
    >>> [(role.id, role.headcount) for role in plan.roles if role.department == "support"]
    [('aftersales_cs', 1), ('logistics', 1), ('presales_cs', 1)]
    >>> recommend({"stage": "growth", "sourcing": "own_stock"}, keep=["paid_ads"]).would_need("ad_buyer")
    []
    >>> plan = recommend({"stage": "startup", "sourcing": "affiliate_pool"}, pay={"currency": "XTS", "roles": {
    ...     "owner": 100, "streamer": 60, "live_controller": 40, "product_selector": 40}})
    >>> plan.cost.total, plan.cost.unpriced
    (240.0, ('assistant_streamer',))
    """
    if not isinstance(profile, BusinessProfile):
        profile = BusinessProfile.parse(profile)
    if pay is not None:
        profile = profile.model_copy(update={"pay": Pay.parse(pay)})
    book = rulebook if rulebook is not None else load_rulebook()
    plan = assemble(book, profile, run(book, profile.facts()))
    return plan.keeping(keep, backward) if keep or backward else plan


def remembered_plan(profile: BusinessProfile, rulebook: Rulebook) -> Plan:
    """The plan :func:`recommend` makes, from a remembered engine run (:func:`tiktok_team._engine.run_cached`): for
    the service, the what-if table and others that see the same businesses again. The same plan, field for field.

    Examples
    --------
    >>> from tiktok_team import BusinessProfile, load_rulebook, recommend
    >>> profile, book = BusinessProfile(stage="growth", sourcing="dropship"), load_rulebook()
    >>> remembered_plan(profile, book).to_dict() == recommend(profile, book).to_dict()
    True
    """
    return assemble(rulebook, profile, run_cached(rulebook, profile.facts()))


publish(__name__)  # its exported names report the package as their module (tiktok_team._lazy)
