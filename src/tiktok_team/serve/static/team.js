// "My team": an editor of the people the business has and the roles each holds, and the gap to the plan
// (/v1/gap): the roles missing, those short of people, those the plan does not have, and the pairs one person should
// not hold together. The team is kept in the page's address with the facts (planner.js).
import { $, element, named, post, roleButton, roleList, roleName, say, sayWith, state } from "./common.js";

let team = []; // [{name, roles: [role ids]}], as the form shows it
let changed = () => {};

/** The team as the page holds it. */
export const currentTeam = () => team.map((person) => ({ name: person.name, roles: [...person.roles] }));

/** Start the editor: ``people`` from the address, ``onChange`` called after each edit. */
export function startTeam(people, onChange) {
  team = people.map((person) => ({ name: String(person.name || ""), roles: [...(person.roles || [])] }));
  changed = onChange;
  showEditor();
  $("add-person").addEventListener("click", () => {
    team.push({ name: "", roles: [] });
    edited(true);
  });
}

/** Replace the team with one person per seat of ``plan`` (who holds what under a budget, else a seat each). */
export function teamFromPlan(plan) {
  const seats = plan.staffing
    ? (plan.staffing.within_budget || plan.staffing.people).map((person) => person.roles)
    : plan.roles.flatMap((role) => Array.from({ length: role.headcount }, () => [role.id]));
  team = seats.map((roles, index) => ({ name: say("person", { n: index + 1 }), roles: [...roles] }));
  edited(false);
}

function edited(focusLast) {
  showEditor();
  if (focusLast) $("people").querySelector(".person:last-child input")?.focus();
  changed();
}

/** Draw the editor: a row a person, with a name, the roles held (each removable) and a choice to add one. */
export function showEditor() {
  const rows = team.map((person, index) => {
    const row = element("li", undefined, { class: "person", "data-person": String(index) });
    const placeholder = say("person", { n: index + 1 });
    const name = element("input", undefined, { type: "text", "aria-label": say("name"), placeholder });
    name.value = person.name;
    name.addEventListener("input", () => {
      person.name = name.value;
      changed();
    });
    const held = element("ul", undefined, { class: "chips held" });
    held.append(...person.roles.map((id) => {
      const item = element("li");
      const label = say("remove_role", { role: roleName(id) });
      const drop = element("button", "×", { type: "button", class: "drop", "aria-label": label });
      drop.addEventListener("click", () => {
        person.roles = person.roles.filter((role) => role !== id);
        edited(false);
      });
      item.append(roleButton(id), drop);
      return item;
    }));
    const add = roleChoice(person.roles);
    add.addEventListener("change", () => {
      person.roles.push(add.value);
      edited(false);
    });
    const remove = element("button", say("remove"), { type: "button", class: "remove" });
    remove.addEventListener("click", () => {
      team.splice(index, 1);
      edited(false);
    });
    row.append(name, held, add, remove);
    return row;
  });
  $("people").replaceChildren(...rows);
}

/** A choice of the catalog's roles, by department in their order, those already held left out. */
function roleChoice(held) {
  const choice = element("select", undefined, { "aria-label": say("add_role") });
  choice.append(element("option", say("add_role"), { value: "", selected: "" }));
  const { roles, departments, role_departments: home } = state.catalog;
  for (const department of [null, ...Object.keys(departments)]) {
    const ids = Object.keys(roles).filter((id) => (home[id] ?? null) === department && !held.includes(id));
    if (!ids.length) continue;
    const group = element("optgroup", undefined, { label: department ? named(departments[department]) : say("owner") });
    group.append(...ids.map((id) => element("option", roleName(id), { value: id })));
    choice.append(group);
  }
  return choice;
}

/** The people with at least one role, as /v1/gap takes them (an unnamed person gets the name shown). */
function teamBody() {
  return team
    .map((person, index) => ({ name: person.name.trim() || say("person", { n: index + 1 }), roles: person.roles }))
    .filter((person) => person.roles.length);
}

/** Ask for the gap of the team to the plan of ``profile`` and show it if ``latest()`` says it is still wanted. */
export async function showGap(profile, chosen, signal, latest) {
  const person = teamBody();
  if (!person.length) {
    $("gap-out").replaceChildren(element("p", say("team_empty"), { class: "note" }));
    return;
  }
  const answer = await (await post("/v1/gap", { profile, team: { person } }, {}, signal)).json();
  if (!latest()) return;
  const size = say("team_size", { team: answer.team_size, plan: answer.plan_headcount });
  const parts = [element("p", size, { class: "summary" })];
  const shown = (key, items, draw) => {
    if (!items.length) return;
    const list = element("ul", undefined, { class: `gap ${key}` });
    list.append(...items.map(draw));
    parts.push(element("h3", say(key)), list);
  };
  const chip = (id) => {
    const item = element("li");
    item.append(roleButton(id, chosen));
    return item;
  };
  shown("missing", answer.missing, chip);
  shown("short", answer.short, (short) => {
    const role = roleButton(short.role, chosen);
    return line("short_row", { role, held: short.held, planned: short.planned });
  });
  shown("surplus", answer.surplus, chip);
  shown("conflicts", answer.conflicts, (conflict) =>
    line("conflict_row", { person: conflict.person, roles: roleList(conflict.roles, chosen) }));
  if (parts.length === 1) parts.push(element("p", say("gap_none"), { class: "note" }));
  $("gap-out").replaceChildren(...parts);
}

/** A list item of the words of ``key`` with ``values`` in place. */
function line(key, values) {
  const item = element("li");
  item.append(...sayWith(key, values));
  return item;
}
