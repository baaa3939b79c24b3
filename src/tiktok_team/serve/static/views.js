// The views beside the plan: two scenarios compared (A pinned, B the form), the roadmap to maturity, and the what-if
// table. Each asks this server for its answer when it is shown and the facts have changed since (planner.js decides
// when); each answer replaces the last, and a late one for older facts is dropped.
import { fitChart } from "./chart.js";
import { WORDS } from "./words.js";
import {
  $, describe, element, money, post, roleButton, roleChips, roleList, say, sayWith, state, valueWords,
} from "./common.js";

const FOLDED = 10; // a table of the comparison with more rows opens on a click

// --- compare: the view the service draws (/v1/compare?format=html), both charts and the tables of changes ------------

/** Show what changes from the pinned profile ``a`` to the form's ``b`` (nothing but the hint while none is pinned);
 * ``latest()`` says whether the answer is still wanted when it comes. */
export async function showCompare(a, b, signal, latest) {
  $("a-facts").textContent = a ? describe(a) : say("no_a");
  $("b-facts").textContent = describe(b);
  $("unpin").hidden = $("swap").hidden = !a;
  if (!a) {
    $("compare-out").replaceChildren();
    return;
  }
  const response = await post("/v1/compare", { before: a, after: b }, { format: "html", lang: state.lang }, signal);
  const drawn = new DOMParser().parseFromString(await response.text(), "text/html");
  if (!latest()) return;
  const main = drawn.querySelector("main");
  main.querySelector("h1")?.remove(); // the page's own headings say A and B
  $("compare-out").replaceChildren(...[...main.children].map((child) => document.importNode(child, true)));
  for (const table of $("compare-out").querySelectorAll("table")) foldLong(table);
  fitChart();
}

/** Fold a long table of the comparison (the edges, most often) under its heading, with its number of rows. */
function foldLong(table) {
  const rows = table.rows.length - 1;
  const heading = table.previousElementSibling;
  if (rows <= FOLDED || !heading || heading.tagName !== "H2") return;
  const folded = element("details", undefined, { class: "folded" });
  const summary = element("summary");
  summary.append(element("h2", `${heading.textContent} (${rows})`));
  heading.replaceWith(folded);
  folded.append(summary, table);
}

// --- the roadmap: each step's hires in the order to make them, the splits, what ends, the advice -----------------

/** Show the steps of ``roadmap`` (the JSON of /v1/roadmap). */
export function showRoadmap(roadmap, chosen) {
  if (!roadmap.steps.length) {
    $("roadmap-out").replaceChildren(element("p", say("roadmap_none"), { class: "note" }));
    return;
  }
  const steps = roadmap.steps.map((step) => {
    const from = say(step.from_stage);
    const words = { from, to: say(step.to_stage), before: step.headcount_before, after: step.headcount_after };
    const section = element("section", undefined, { class: "step", "data-step": step.to_stage });
    const hires = element("ol", undefined, { class: "hires" });
    hires.append(...step.hires.map((hire) => {
      const item = element("li");
      const kind = element("span", say(`kind_${hire.kind}`), { class: `kind ${hire.kind}` });
      item.append(roleButton(hire.role, chosen), " ", kind);
      item.append(" ", element("span", say("hire_row", hire), { class: "n" }));
      if (typeof hire.cost === "number") {
        item.append(" · ", element("span", money(hire.cost, roadmap.currency, true), { class: "cost" }));
      }
      if (hire.trigger) item.append(" · ", element("span", triggerWords(hire.trigger), { class: "trigger" }));
      return item;
    }));
    section.append(element("h3", say("step", words)));
    if (typeof step.cost_after === "number") {
      const [before, after] = [step.cost_before, step.cost_after].map((amount) => money(amount, roadmap.currency));
      const added = money(step.cost_added, roadmap.currency, true);
      section.append(element("p", say("step_cost", { before, after, added })));
    }
    section.append(hires);
    for (const split of step.splits) {
      const line = element("p", undefined, { class: "split" });
      line.append(...sayWith("splits", { role: roleButton(split.role, chosen), into: roleList(split.into, chosen) }));
      if (split.kept) line.append(" (", ...sayWith("stays", { role: roleButton(split.role, chosen) }), ")");
      section.append(line);
    }
    if (step.removed.length) {
      const line = element("p", undefined, { class: "ends" });
      line.append(...sayWith("ends", { roles: roleList(step.removed, chosen) }));
      section.append(line);
    }
    const advice = element("ul", undefined, { class: "advice" });
    advice.append(...step.advice.map((item) => element("li", item.text[state.lang])));
    section.append(advice);
    return section;
  });
  $("roadmap-out").replaceChildren(...steps);
}

/** What calls for a hire's last seat, where the workload sizes the role: the measure and the figure it passes. */
function triggerWords(trigger) {
  const measure = `measure_${trigger.measure}`;
  const words = measure in WORDS.en ? say(measure) : trigger.measure;
  return say("trigger", { seat: trigger.seat, measure: words, past: trigger.past });
}

// --- what if: the facts that matter most, and each single change with Apply and Compare ---------------------------

/** Show the what-if table (the JSON of /v1/whatif); ``act(change, how)`` applies a row's change ("apply") or
 * pins the facts as A first ("compare"). */
export function showWhatIf(table, chosen, act) {
  if (!table.rows.length) {
    $("whatif-out").replaceChildren(element("p", say("whatif_none"), { class: "note" }));
    return;
  }
  const facts = tableOf([say("fact"), say("moves"), say("most_people")], table.facts.map((fact) => [
    say(fact.fact),
    fact.roles.length ? roleChips(fact.roles, chosen) : say("none"),
    String(fact.people),
  ]));
  const rows = table.rows.map((row) => {
    const change = Object.entries(row.change).map(([field, value]) => `${say(field)} → ${valueWords(field, value)}`);
    const people = `${row.diff.headcount.before} → ${row.diff.headcount.after}`;
    const actions = element("span", undefined, { class: "actions" });
    for (const how of ["apply", "compare"]) {
      const words = say(how === "apply" ? "apply" : "compare_it");
      const button = element("button", words, { type: "button", "data-act": how });
      button.addEventListener("click", () => act(row.change, how));
      actions.append(button);
    }
    const cost = row.diff.cost ? ` · ${money(row.diff.cost.delta, row.diff.cost.currency, true)}` : "";
    return [
      change.join("; "),
      people + cost,
      row.diff.added.length ? roleList(row.diff.added.map((each) => each.role), chosen) : "–",
      row.diff.removed.length ? roleList(row.diff.removed.map((each) => each.role), chosen) : "–",
      actions,
    ];
  });
  const changes = tableOf([say("change"), say("people_change"), say("gains"), say("loses"), ""], rows);
  changes.className = "cards changes"; // a card a row where the column is narrow
  $("whatif-out").replaceChildren(element("h3", say("matters")), facts, element("h3", say("tab_whatif")), changes);
}

/** A table of ``rows`` under ``header``; each cell carries its column's name (``data-label``), which a row shown as
 * a card (class "cards") prints above the cell. */
function tableOf(header, rows) {
  const table = element("table");
  const head = element("tr");
  head.append(...header.map((words) => element("th", words, { scope: "col" })));
  table.createTHead().append(head);
  const body = table.createTBody();
  for (const cells of rows) {
    const row = element("tr");
    cells.forEach((cell, index) => {
      const td = element("td", undefined, { "data-label": header[index] });
      td.append(cell);
      row.append(td);
    });
    body.append(row);
  }
  return table;
}
