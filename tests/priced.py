"""The example pay (examples/pay.toml) and the plan of every profile of the fact space with it, worked out once per
test process: tests/test_money.py checks the figures of these plans and tests/test_money_formats.py how every format
shows them, and on the same worker the second reads the first's plans."""

from __future__ import annotations

from functools import cache
from typing import Any

import tomllib

from helpers import EXAMPLES
from tiktok_team import Pay, Plan, fact_space, load_rulebook
from tiktok_team._recommend import remembered_plan

PAY_TABLE: dict[str, Any] = tomllib.loads((EXAMPLES / "pay.toml").read_text("utf-8"))
PAY = Pay.parse(PAY_TABLE)


@cache
def priced_plans() -> tuple[Plan, ...]:
    """The plan ``recommend(profile, pay=PAY)`` gives for each profile of the bundled rulebook's fact space, in the
    order of :func:`~tiktok_team.fact_space`.

    Each is made as ``recommend`` makes it (the profile with the pay, then
    :func:`~tiktok_team._assemble.assemble`), from a remembered engine run
    (:func:`~tiktok_team._recommend.remembered_plan`; tests/test_engine.py holds a remembered run to a fresh one):
    pay is no fact of a run, so these runs are those of tests/conftest.py's ``space_plans``. Every profile of the
    space is here, so a test that reads them all still checks the whole space. A tuple: no test can change what
    the others read."""
    book = load_rulebook()
    return tuple(remembered_plan(profile.model_copy(update={"pay": PAY}), book) for profile in fact_space(book))
