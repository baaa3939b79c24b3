"""The checks of a scenario's expectations about what a plan says and whom a budget staffs: ``expect_said``,
``expect_unsaid``, ``expect_no_advice``, ``expect_people``, ``expect_staffed`` and ``expect_deferred`` (see
:mod:`tiktok_team._scenario`). :func:`tiktok_team._scenario_report.run_scenario` turns what they find into failures.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ._plan import BilingualText, Plan, Reason
from ._scenario import SaidExpectation, Scenario

__all__ = ["Found", "said_problems"]

# A failure before it is made one: the expectation, its subject, the message, the rules involved, an explanation.
Found = tuple[str, str, str, tuple[Reason, ...], tuple[str, ...]]


def _texts(plan: Plan, said: SaidExpectation) -> list[BilingualText]:
    """What the plan shows where ``said`` looks: a role's duty lines and held duties, an advice's text, or all."""
    roles = [role for role in plan.roles if said.role in (None, role.id)] if said.advice is None else []
    advice = [a for a in plan.advice if said.advice in (None, a.id)] if said.role is None else []
    texts = [line for role in roles for line in (*role.duties, *(held.name for held in role.holds))]
    return texts + [a.text for a in advice]


def _where(said: SaidExpectation) -> str:
    if said.role is not None:
        return f"the duties of {said.role}"
    return f"advice {said.advice}" if said.advice is not None else "the plan"


def said_problems(scenario: Scenario, plan: Plan) -> Iterator[Found]:
    """Every expectation of ``scenario`` about what ``plan`` says or staffs that does not hold."""
    for said in scenario.expect_said:
        texts = _texts(plan, said)
        wanted = said.text.casefold()
        if not any(wanted in text.en.casefold() or wanted in text.zh.casefold() for text in texts):
            shown = tuple(f"- {text.en}" for text in texts) or ("- (nothing)",)
            message = f"expected {_where(said)} to say '{said.text}', but no line does"
            yield ("expect_said", said.text, message, (), shown)
    for said in scenario.expect_unsaid:
        wanted = said.text.casefold()
        for text in _texts(plan, said):
            if wanted in text.en.casefold() or wanted in text.zh.casefold():
                message = f"expected {_where(said)} not to say '{said.text}', but it does: {text.en}"
                yield ("expect_unsaid", said.text, message, (), (f"- {text.en}", f"- {text.zh}"))
    given = {advice.id: advice for advice in plan.advice}
    for advice_id in scenario.expect_no_advice:
        if advice_id in given:
            message = f"expected no advice {advice_id}, but it is given"
            yield ("expect_no_advice", advice_id, message, given[advice_id].reasons, ())
    if scenario.expect_people is not None and plan.people != scenario.expect_people:
        message = f"expected {scenario.expect_people} people, the plan has {plan.people}"
        shared = tuple(f"- {' + '.join(seat.roles)} share one person" for seat in plan.shared)
        yield ("expect_people", "people", message, (), shared)
    yield from _staffing_problems(scenario, plan)


def _staffing_problems(scenario: Scenario, plan: Plan) -> Iterable[Found]:
    staffing = plan.staffing
    if staffing is None:
        return
    staffed = {role for person in staffing.within_budget for role in person.roles}
    deferred = {deferral.role: deferral for deferral in staffing.deferred}
    people = tuple(f"- {person.id}: {', '.join(person.roles)}" for person in staffing.within_budget)
    for role_id in scenario.expect_staffed:
        if role_id not in staffed:
            reasons = deferred[role_id].reasons if role_id in deferred else ()
            why = "it is not in the plan" if role_id not in {r.id for r in plan.roles} else "every seat of it waits"
            message = f"expected {role_id} staffed within the budget of {staffing.budget}, but {why}"
            yield ("expect_staffed", role_id, message, reasons, people)
    for role_id in scenario.expect_deferred:
        if role_id not in deferred:
            message = f"expected seats of {role_id} to wait under the budget of {staffing.budget}, but none does"
            yield ("expect_deferred", role_id, message, (), people)
