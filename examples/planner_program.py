"""A planning tool on the tiktok-team library, type-checked with ``mypy --strict``.

It shows a plan, the roles it leaves out, a comparison of two businesses and a roadmap, each from ONE call: every
answer carries the names of the roles it holds (and of their departments), each role's duties, and each reason as a
sentence beside its citation, so nothing is looked up a second time.

    python examples/planner_program.py [en|zh]
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from tiktok_team import BilingualText, BusinessProfile, Explained, Plan, PlanDiff, Roadmap, recommend, roadmap

SELLER = BusinessProfile.parse(
    {"stage": "growth", "sourcing": "own_stock", "formats": ["livestream"], "headcount_budget": 6}
)
WITH_ADS = SELLER.model_copy(update={"paid_ads": True, "formats": frozenset({"livestream", "short_video"})})


def say(text: BilingualText, lang: str) -> str:
    """A text of an answer in ``lang``."""
    return text.en if lang == "en" else text.zh


def reasons(label: str, found: Iterable[Explained], lang: str) -> list[str]:
    """Each reason as its sentence, under ``label``."""
    return [f"    {label}: {say(reason.sentence, lang)}" for reason in found]


def show_plan(plan: Plan, lang: str) -> list[str]:
    """The plan's roles with their duties and reasons, its staffing under the budget, and the roles it leaves out."""
    lines = [f"# Plan: {plan.people} people, {len(plan.roles)} roles"]
    for role in plan.roles:
        team = f" / {say(role.team_name, lang)}" if role.team_name else ""
        lines.append(f"{say(role.name, lang)} x{role.headcount} ({say(role.department_name, lang)}{team})")
        lines += [f"    duty: {say(duty, lang)}" for duty in role.duties]
        lines += reasons("why", role.reasons, lang)
    if plan.staffing is not None:
        names = plan.names
        for n, person in enumerate(plan.staffing.within_budget, start=1):
            lines.append(f"  person {n}: {', '.join(say(names[role].name, lang) for role in person.roles)}")
        for deferral in plan.staffing.deferred:
            lines.append(f"  deferred: {deferral.headcount} x {say(deferral.name, lang)}")
            lines += reasons("because", deferral.reasons, lang)
    lines.append("## Left out")
    for left in plan.excluded:
        lines.append(f"{say(left.name, lang)} ({say(left.department_name, lang)})")
        lines += reasons("why not", left.reasons, lang)
    return lines


def show_compare(diff: PlanDiff, lang: str) -> list[str]:
    """The roles a change of the business adds, removes and re-sizes, and the rules that start or stop."""
    lines = [f"# Compare: {', '.join(fact.field for fact in diff.profile)} changed"]
    for mark, changes in (("+", diff.added), ("-", diff.removed)):
        for change in changes:
            lines.append(f"{mark} {say(change.name, lang)} ({say(change.department_name, lang)}) x{change.headcount}")
            lines += [f"    {cause.change}: {say(cause.sentence, lang)}" for cause in change.reasons]
    lines += [f"~ {say(r.name, lang)}: {r.before} -> {r.after}" for r in diff.resized]
    names = diff.names
    for kind, edges in diff.edges.items():
        for edge in edges.new:
            lines.append(f"  new {kind}: {say(names[edge.source].name, lang)} -> {say(names[edge.target].name, lang)}")
    return lines


def show_roadmap(steps: Roadmap, lang: str) -> list[str]:
    """Who to hire at each next stage, and why."""
    lines = [f"# Roadmap from the {steps.stage} stage"]
    names = steps.names
    for step in steps.steps:
        lines.append(f"{step.from_stage} -> {step.to_stage}")
        for hire in step.hires:
            lines.append(f"  hire {hire.headcount} {say(hire.name, lang)} ({hire.kind})")
            lines += reasons("because", hire.reasons, lang)
        lines += [f"  no longer: {say(names[role].name, lang)}" for role in step.removed]
    return lines


def main(lang: str) -> None:
    plan = recommend(SELLER)
    print("\n".join(show_plan(plan, lang)))
    print("\n".join(show_compare(plan.diff(recommend(WITH_ADS)), lang)))
    print("\n".join(show_roadmap(roadmap(SELLER.model_copy(update={"stage": "startup"})), lang)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "en")
