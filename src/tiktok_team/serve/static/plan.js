// The plan view: the summary, the roles with their duties, who holds what under a budget and what waits for a larger
// one, the roles left out, and the advice; and what it all costs a month where the plan carries a cost (its profile
// gives pay), hidden otherwise. The org chart is chart.js.
import { $, describe, element, money, named, roleButton, roleChips, roleName, say, sayWith, state } from "./common.js";

/** Show ``plan`` (the JSON of /v1/plan), ``chosen`` being the role whose reasons are shown. */
export function showPlan(plan, chosen) {
  const people = plan.roles.reduce((sum, role) => sum + role.headcount, 0);
  let summary = say("summary", { roles: plan.roles.length, people });
  if (plan.staffing) summary += say(plan.staffing.feasible ? "fits" : "over", plan.staffing);
  $("summary").textContent = summary;
  const cost = plan.cost || null;
  showCost(cost);
  const costs = new Map((cost ? cost.roles : []).map((each) => [each.role, each.cost]));
  $("roles").classList.toggle("priced", cost !== null);
  const rows = plan.roles.map((role) => roleRow(role, chosen, money(costs.get(role.id), cost?.currency)));
  $("roles").tBodies[0].replaceChildren(...rows);
  $("excluded").replaceChildren(...roleChips(plan.excluded.map((role) => role.id), chosen).children);
  $("advice").replaceChildren(...plan.advice.map((advice) => element("li", named(advice.text))));
  showStaffing(plan.staffing, chosen, cost?.currency);
}

function roleRow(role, chosen, cost) {
  const row = element("tr", undefined, { "data-role": role.id });
  const name = element("td");
  name.append(roleButton(role.id, chosen), element("code", role.id));
  if (role.duties && role.duties.length) {
    const duties = element("ul", undefined, { class: "duties" });
    duties.append(...role.duties.map((duty) => element("li", named(duty))));
    name.append(duties);
  }
  const unit = state.catalog.departments[role.department];
  const team = state.catalog.teams[role.team];
  const place = unit ? named(unit) + (team ? ` · ${named(team)}` : "") : say("owner");
  row.append(name, element("td", place), element("td", String(role.headcount), { class: "n" }));
  row.append(element("td", cost, { class: "money cost" }));
  return row;
}

/** The plan's monthly cost, by department, and the roles without pay (left out of the sums). */
function showCost(cost) {
  const shown = $("cost-summary");
  shown.hidden = cost === null;
  if (cost === null) return;
  const parts = [say("cost_total", { cost: money(cost.total, cost.currency) })];
  const departments = cost.departments.map((each) => {
    const names = state.catalog.departments[each.department];
    const priced = each.cost > 0 || each.unpriced.length === 0; // a department none of whose roles has pay: a dash
    return `${names ? named(names) : say("owner")} ${money(priced ? each.cost : null, cost.currency)}`;
  });
  if (departments.length) parts.push(say("cost_departments", { departments: departments.join(" · ") }));
  if (cost.unpriced.length) parts.push(say("unpriced", { roles: cost.unpriced.map(roleName).join(", ") }));
  shown.textContent = parts.join(" ");
}

/** Who holds which roles within the budget, and each seat that waits with the budget that would staff it. */
function showStaffing(staffing, chosen, currency) {
  const section = $("staffing");
  section.hidden = !staffing;
  if (!staffing) return;
  const people = staffing.feasible ? staffing.people : staffing.within_budget;
  const priced = people.some((person) => typeof person.cost === "number");
  $("seats").classList.toggle("priced", priced);
  $("seats").tBodies[0].replaceChildren(...people.map((person, index) => {
    const row = element("tr", undefined, { "data-person": person.id });
    const held = element("td");
    held.append(roleChips(person.roles, chosen));
    row.append(element("th", say("person", { n: index + 1 }), { scope: "row" }), held);
    row.append(element("td", money(person.cost, currency), { class: "money cost" }));
    return row;
  }));
  const teamCost = staffing.feasible ? staffing.cost : staffing.within_budget_cost;
  let caption = say("within", { budget: staffing.budget });
  if (typeof teamCost === "number") caption += ` · ${say("cost_team", { cost: money(teamCost, currency) })}`;
  $("seats-caption").textContent = caption;
  const waiting = [...staffing.deferred].sort((a, b) => a.staffed_from - b.staffed_from);
  $("deferred-title").hidden = waiting.length === 0;
  $("deferred").replaceChildren(...waiting.map((seat) => {
    const item = element("li", undefined, { "data-deferred": seat.role });
    const role = roleButton(seat.role, chosen);
    item.append(...sayWith("deferred_row", { role, headcount: seat.headcount, budget: seat.staffed_from }));
    if (typeof seat.cost === "number") item.append(say("deferred_cost", { cost: money(seat.cost, currency) }));
    return item;
  }));
}

/** The facts of ``profile`` in a line: the form's heading when it is folded, and the printed plan's first line. */
export function showFacts(profile) {
  $("facts-line").textContent = describe(profile);
  $("plan-facts").textContent = describe(profile);
}
