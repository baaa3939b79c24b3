// A planning tool's client of the tiktok-team service, in Node.js (18 or later) with nothing but its standard library.
//
// It shows a plan, the roles it leaves out, a comparison of two businesses and a roadmap, each from ONE request:
// every answer carries the names of the roles it holds (and of their departments), each role's duties, and each
// reason as a sentence beside its citation, so no second lookup is needed.
//
//   tiktok-team serve --port 8000 &
//   node examples/planner-client.mjs http://127.0.0.1:8000 [--lang zh]

const args = process.argv.slice(2);
const base = (args.find((arg) => !arg.startsWith("--")) ?? "http://127.0.0.1:8000").replace(/\/$/, "");
const lang = args.includes("--lang") ? args[args.indexOf("--lang") + 1] : "en";
if (!["en", "zh"].includes(lang)) {
  console.error(`planner-client: --lang must be en or zh, not ${lang}`);
  process.exit(2);
}

const seller = { stage: "growth", sourcing: "own_stock", formats: ["livestream"], headcount_budget: 6 };
const withAds = { ...seller, paid_ads: true, formats: ["livestream", "short_video"] };

// One request, one answer: the JSON the service returns, or an exit naming what went wrong.
async function ask(path, body) {
  let response;
  try {
    response = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch (error) {
    console.error(`planner-client: cannot reach ${base}: ${error.cause?.code ?? error.message}`);
    process.exit(1);
  }
  if (!response.ok) {
    console.error(`planner-client: ${path} answered ${response.status}: ${await response.text()}`);
    process.exit(1);
  }
  return response.json();
}

// A text of an answer ({en, zh}) in the language asked for.
const say = (text) => text[lang];
// A role (or anything named) with its department, from the answer's own names.
const named = (names, id) => `${say(names[id].name)} [${say(names[id].department_name)}]`;

function showPlan(plan) {
  console.log(`# Plan: ${plan.people} people, ${plan.roles.length} roles`);
  for (const role of plan.roles) {
    const team = role.team_name ? ` / ${say(role.team_name)}` : "";
    console.log(`\n${say(role.name)} x${role.headcount} (${say(role.department_name)}${team})`);
    for (const duty of role.duties) console.log(`  duty: ${say(duty)}`);
    for (const held of role.holds) console.log(`  also holds: ${say(held.name)}`);
    for (const reason of role.reasons) console.log(`  why: ${say(reason.sentence)}`);
  }
  if (plan.staffing) {
    console.log(`\n## Under a budget of ${plan.staffing.budget}`);
    plan.staffing.within_budget.forEach((person, n) => {
      console.log(`  person ${n + 1}: ${person.roles.map((id) => named(plan.names, id)).join(", ")}`);
    });
    for (const deferral of plan.staffing.deferred) {
      console.log(`  deferred: ${deferral.headcount} x ${say(deferral.name)}, staffed from ${deferral.staffed_from}`);
      for (const reason of deferral.reasons) console.log(`    because: ${say(reason.sentence)}`);
    }
  }
  console.log("\n## Left out");
  for (const left of plan.excluded) {
    console.log(`\n${say(left.name)} (${say(left.department_name)})`);
    for (const reason of left.reasons) console.log(`  why not: ${say(reason.sentence)}`);
  }
}

function showCompare(diff) {
  const people = `${diff.headcount.before} -> ${diff.headcount.after}`;
  console.log(`\n# Compare: ${diff.profile.map((fact) => fact.field).join(", ")} changed; seats ${people}`);
  for (const [mark, changes] of [["+", diff.added], ["-", diff.removed]]) {
    for (const change of changes) {
      console.log(`${mark} ${say(change.name)} (${say(change.department_name)}) x${change.headcount}`);
      for (const cause of change.reasons) console.log(`    ${cause.change}: ${say(cause.sentence)}`);
    }
  }
  for (const change of diff.resized) {
    console.log(`~ ${say(change.name)}: ${change.before} -> ${change.after}`);
  }
  for (const [kind, edges] of Object.entries(diff.edges)) {
    for (const edge of edges.new) {
      console.log(`  new ${kind}: ${named(diff.names, edge.source)} -> ${named(diff.names, edge.target)}`);
      for (const reason of edge.reasons) console.log(`    because: ${say(reason.sentence)}`);
    }
  }
}

function showRoadmap(roadmap) {
  console.log(`\n# Roadmap from the ${roadmap.stage} stage`);
  for (const step of roadmap.steps) {
    console.log(`\n${step.from_stage} -> ${step.to_stage}: ${step.headcount_before} -> ${step.headcount_after} seats`);
    for (const hire of step.hires) {
      console.log(`  hire ${hire.headcount} ${say(hire.name)} (${hire.kind}, ${say(hire.department_name)})`);
      for (const reason of hire.reasons) console.log(`    because: ${say(reason.sentence)}`);
    }
    for (const id of step.removed) console.log(`  no longer: ${named(roadmap.names, id)}`);
    for (const advice of step.advice) console.log(`  advice: ${say(advice.text)}`);
  }
}

showPlan(await ask("/v1/plan", { profile: seller }));
showCompare(await ask("/v1/compare", { before: seller, after: withAds }));
showRoadmap(await ask("/v1/roadmap", { profile: { ...seller, stage: "startup" } }));
