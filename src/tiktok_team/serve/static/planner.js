// The planner page: the profile's facts in a form; beside it the plan (its org chart, roles, duties, who holds what
// under a budget, the reasons) and the views of the other answers: two scenarios compared, the roadmap, the what-if
// table and the gap to the team the business has. Everything comes from this server's API; nothing is loaded from
// anywhere else. The facts, the facts kept, the view, scenario A, the team and the language are kept in the page's
// address, so that a link shares what the page shows. The facts kept ("keep") and "backward" go with every request
// that takes them: what would change a role never changes a fact kept, and takes the business back a stage only when
// asked.
import { fitChart, markChart, noChart, showChart, startChart } from "./chart.js";
import { $, element, post, say, state } from "./common.js";
import { showFacts, showPlan } from "./plan.js";
import { currentTeam, showEditor, showGap, startTeam, teamFromPlan } from "./team.js";
import { showCompare, showRoadmap, showWhatIf } from "./views.js";
import { WORDS } from "./words.js";

const FLAGS = ["paid_ads", "influencers", "private_domain", "loyalty_program", "own_brand"];
const form = $("profile");
const NUMBERS = [...form.querySelectorAll("fieldset.numbers input")].map((input) => input.name); // as the form has them
const FORM_FIELDS = new Set(["stage", "sourcing", "formats", ...FLAGS, ...NUMBERS]);
const VIEWS = ["plan", "compare", "roadmap", "whatif", "team"];
const FILES = {
  json: "team-plan.json", markdown: "team-plan.md", html: "team-plan.html", graphml: "team-plan.graphml",
  csv: "team-plan.csv",
};
const WAIT = 150; // ms after the last change before asking for a new plan
const WIDE = matchMedia("(min-width: 1500px)"); // the reasons have a column of their own; else they open by the role
const NARROW = matchMedia("(max-width: 760px)"); // one column: the form folds to a line of facts

const reasons = $("explanation"); // moved next to the role chosen where it has no column of its own
let extra = {}; // the profile's fields the form does not show (assumptions, pay...): sent as they came
let plan = null; // the latest plan (its JSON), and the facts it is for
let planned = null;
let chosen = null; // the role whose reasons are shown
let view = "plan"; // the view shown
let pinned = null; // scenario A of the comparison
const fresh = new Set(); // the views drawn for the facts the form has now
const turns = {}; // each view's requests, numbered, so that a late answer never overwrites a newer one
let asked = 0; // numbers the requests, so that a late answer never overwrites a newer one
let pending = null; // aborts the requests of older facts
let timer = 0;

// --- the profile: form <-> data <-> address -----------------------------------------------------------------------

function readForm() {
  const profile = {
    ...extra,
    stage: form.elements.stage.value,
    sourcing: form.elements.sourcing.value,
    formats: [...form.querySelectorAll("input[name=formats]:checked")].map((box) => box.value),
  };
  for (const flag of FLAGS) if (form.elements[flag].checked) profile[flag] = true;
  for (const name of NUMBERS) {
    const text = form.elements[name].value.trim();
    if (text !== "") profile[name] = Number(text);
  }
  return profile;
}

function fillForm(profile) {
  extra = Object.fromEntries(Object.entries(profile).filter(([name]) => !FORM_FIELDS.has(name)));
  form.elements.stage.value = profile.stage || "startup";
  form.elements.sourcing.value = profile.sourcing || "own_stock";
  const formats = profile.formats || ["livestream"];
  for (const box of form.querySelectorAll("input[name=formats]")) box.checked = formats.includes(box.value);
  for (const flag of FLAGS) form.elements[flag].checked = profile[flag] === true;
  for (const name of NUMBERS) form.elements[name].value = profile[name] ?? "";
}

/** The facts kept and the direction, as the requests that take them name them (nothing when none is asked). */
function readScope() {
  const scope = {};
  const keep = [...form.querySelectorAll("input[name=keep]:checked")].map((box) => box.value);
  if (keep.length) scope.keep = keep;
  if (form.elements.backward.checked) scope.backward = true;
  return scope;
}

function fillScope(query) {
  const keep = (query.get("keep") || "").split(",");
  for (const box of form.querySelectorAll("input[name=keep]")) box.checked = keep.includes(box.value);
  form.elements.backward.checked = query.get("backward") === "true";
}

function toAddress(profile, scope) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(profile)) {
    if (FORM_FIELDS.has(name)) query.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  const more = Object.fromEntries(Object.entries(extra).filter(([name]) => name !== "pay")); // pay stays out of links
  if (Object.keys(more).length) query.set("more", JSON.stringify(more));
  if (scope.keep) query.set("keep", scope.keep.join(","));
  if (scope.backward) query.set("backward", "true");
  if (view !== "plan") query.set("view", view);
  if (pinned) query.set("a", JSON.stringify(pinned));
  const team = currentTeam();
  if (team.length) query.set("team", JSON.stringify(team));
  if (state.lang !== "en") query.set("lang", state.lang);
  return `?${query}`;
}

function fromAddress(query) {
  if (!query.has("stage")) return null;
  const profile = { ...readJson(query.get("more"), {}), stage: query.get("stage"), sourcing: query.get("sourcing") };
  if (state.start.pay) profile.pay = state.start.pay; // the server's pay, which a link never carries
  if (query.has("formats")) profile.formats = query.get("formats").split(",").filter(Boolean);
  for (const flag of FLAGS) if (query.get(flag) === "true") profile[flag] = true;
  for (const name of NUMBERS) if (query.has(name)) profile[name] = Number(query.get(name));
  return profile;
}

/** JSON from the address, or ``otherwise`` when it is missing or not JSON (a link cut short, say). */
function readJson(text, otherwise) {
  try {
    return text ? JSON.parse(text) : otherwise;
  } catch {
    return otherwise;
  }
}

const remember = () => history.replaceState(null, "", toAddress(readForm(), readScope()));

// --- asking for the answers ---------------------------------------------------------------------------------------

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(update, WAIT);
}

/** The facts changed (or the language): ask for the plan and its chart, and for the view shown. */
function update() {
  const profile = readForm();
  const scope = readScope();
  remember();
  showFacts(profile);
  const mine = ++asked;
  if (pending) pending.abort();
  pending = new AbortController();
  const { signal } = pending;
  fresh.clear();
  $("plan").setAttribute("aria-busy", "true");
  post("/v1/plan", { profile, ...scope }, { format: "json" }, signal)
    .then((response) => response.json())
    .then((answer) => {
      if (mine !== asked) return;
      plan = answer;
      planned = { profile, scope };
      showProblem(null);
      placeExplanation(null);
      showPlan(plan, chosen);
      markChart(plan.roles.map((role) => role.id), chosen);
      if (chosen) explain(chosen, false);
    })
    .catch((error) => mine === asked && error.name !== "AbortError" && showProblem(error))
    .finally(() => mine === asked && $("plan").setAttribute("aria-busy", "false"));
  post("/v1/plan", { profile }, { format: "svg", lang: state.lang }, signal)
    .then((response) => response.text())
    .then((svg) => {
      if (mine !== asked) return;
      showChart(svg);
      if (plan) markChart(plan.roles.map((role) => role.id), chosen);
    })
    .catch((error) => mine === asked && error.name !== "AbortError" && noChart(error.message));
  refreshView();
}

/** Draw the view shown if it is not drawn for the facts the form has now. */
function refreshView() {
  if (view === "plan" || fresh.has(view)) return;
  fresh.add(view);
  const profile = readForm();
  const scope = readScope();
  const shown = view;
  const turn = (turns[shown] = (turns[shown] || 0) + 1);
  const latest = () => turns[shown] === turn; // no newer request of this view since
  const signal = pending ? pending.signal : undefined;
  const panel = $(view);
  const asks = {
    compare: () => showCompare(pinned, profile, signal, latest),
    roadmap: () => post("/v1/roadmap", { profile }, {}, signal).then((response) => response.json())
      .then((answer) => latest() && showRoadmap(answer, chosen)),
    whatif: () => post("/v1/whatif", { profile, ...scope }, {}, signal).then((response) => response.json())
      .then((answer) => latest() && showWhatIf(answer, chosen, act)),
    team: () => showGap(profile, chosen, signal, latest),
  };
  panel.setAttribute("aria-busy", "true");
  asks[view]()
    .then(() => {
      if (latest()) viewProblem(shown, null);
      keepReasons();
    })
    .catch((error) => {
      if (error.name === "AbortError" || !latest()) return;
      fresh.delete(shown);
      viewProblem(shown, error);
    })
    .finally(() => latest() && panel.setAttribute("aria-busy", "false"));
}

function showProblem(error) {
  const shown = $("problem");
  for (const field of form.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
  shown.hidden = !error;
  if (!error) return;
  $("facts-box").open = true; // the field at fault is in the folded form
  shown.textContent = error.problem ? error.problem.error : say("failed") + error.message;
  for (const { path } of error.problem ? error.problem.errors : []) {
    const name = path.split(".")[1];
    for (const field of form.querySelectorAll(`[name="${name}"]`)) field.setAttribute("aria-invalid", "true");
  }
}

function viewProblem(name, error) {
  const shown = $(name).querySelector(".problem");
  shown.hidden = !error;
  if (error) shown.textContent = error.problem ? error.problem.error : say("failed") + error.message;
}

// --- the views ----------------------------------------------------------------------------------------------------

/** Show the tab of view ``name`` (the plan if there is no such view), and its panel only. */
function selectView(name) {
  view = VIEWS.includes(name) ? name : "plan";
  for (const tab of document.querySelectorAll("[data-view]")) {
    const selected = tab.dataset.view === view;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(tab.dataset.view).hidden = !selected;
  }
}

function showView(name) {
  selectView(name);
  placeExplanation(null);
  fitChart(); // a chart drawn while its view was hidden had no width to fit
  remember();
  refreshView();
}

/** A what-if row's Apply: the form takes the change; its Compare first pins the facts the form has as A. */
function act(change, how) {
  if (how === "compare") pinned = readForm();
  fillForm({ ...readForm(), ...change });
  showView(how === "compare" ? "compare" : "plan");
  update();
}

function pin(profile) {
  pinned = profile;
  fresh.delete("compare");
  remember();
  refreshView();
}

function swap() {
  const b = readForm();
  fillForm(pinned);
  pinned = b;
  update();
}

// --- why: the reasons of a role, beside it ------------------------------------------------------------------------

/** Show why ``id`` is in the plan or not; ``scroll``: bring the reasons into view (a click asked for them). */
function explain(id, scroll = true, from = null) {
  if (!planned) return;
  chosen = id;
  for (const shown of document.querySelectorAll("[data-role]")) {
    shown.classList.toggle("chosen", shown.dataset.role === id && shown.tagName !== "TR");
  }
  if (from) placeExplanation(from);
  else if (!WIDE.matches) placeExplanation($(view).querySelector(`[data-role="${id}"]:not(tr)`));
  const mine = asked;
  const textLang = state.lang;
  post("/v1/explain", { ...planned.scope, profile: planned.profile, role: id }, { lang: textLang })
    .then((response) => response.json())
    .then((answer) => {
      if (mine !== asked || id !== chosen || textLang !== state.lang) return;
      const [headline, ...lines] = answer.text.split("\n");
      const list = element("ul");
      list.append(...lines.map((line) => element("li", line.replace(/^- /, ""))));
      const close = element("button", "×", { type: "button", class: "close", "aria-label": say("close") });
      reasons.replaceChildren(close, element("h2", say("why")), element("h3", headline), list);
      reasons.classList.toggle("out", !answer.in_plan);
      if (scroll) bringIntoView(reasons);
    })
    .catch((error) => {
      if (mine === asked) reasons.replaceChildren(element("h2", say("why")), element("p", error.message));
    });
  if (scroll) bringIntoView(reasons);
}

function bringIntoView(shown) {
  shown.scrollIntoView({ block: shown.offsetHeight > innerHeight ? "start" : "nearest" });
}

/** Put the reasons next to the role ``target`` was chosen from (a row of a table: in a row under it; else after
 * its list, picture or line), where they have no column of their own; ``null`` puts them back in their place. */
function placeExplanation(target) {
  const main = document.querySelector("main");
  const row = $("why-row");
  if (WIDE.matches || !target) {
    if (reasons.parentElement !== main) main.append(reasons);
    row?.remove();
    return;
  }
  const line = target.closest("tr");
  if (line) {
    const holder = element("tr", undefined, { id: "why-row", class: "why-row" });
    const cell = element("td", undefined, { colspan: String(line.cells.length) });
    cell.append(reasons);
    holder.append(cell);
    row?.remove();
    line.after(holder);
    return;
  }
  row?.remove();
  (target.closest("ul, ol, figure, p, dd") || target).after(reasons);
}

/** Put the reasons back in their place if the view they were shown in was drawn anew. */
function keepReasons() {
  if (!reasons.isConnected) placeExplanation(null);
}

// --- language and downloads ---------------------------------------------------------------------------------------

function setLanguage(chosenLang) {
  state.lang = WORDS[chosenLang] ? chosenLang : "en";
  document.documentElement.lang = state.lang === "zh" ? "zh-Hans" : "en";
  document.title = say("page_title");
  for (const shown of document.querySelectorAll("[data-text]")) shown.textContent = say(shown.dataset.text);
  for (const shown of document.querySelectorAll("[data-label]")) {
    shown.setAttribute("aria-label", say(shown.dataset.label));
  }
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
  }
  showEditor();
  keepReasons();
}

async function download(event) {
  event.preventDefault();
  const format = event.currentTarget.dataset.format;
  try {
    const response = await post("/v1/plan", { profile: readForm(), ...readScope() }, { format, lang: state.lang });
    const address = URL.createObjectURL(await response.blob());
    const link = element("a", undefined, { href: address, download: FILES[format] });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(address), 10000);
  } catch (error) {
    showProblem(error);
  }
}

// --- start --------------------------------------------------------------------------------------------------------

const query = new URLSearchParams(location.search);
setLanguage(query.get("lang") === "zh" ? "zh" : "en");
fillForm(fromAddress(query) || state.start);
fillScope(query);
pinned = readJson(query.get("a"), null);
startTeam(readJson(query.get("team"), []), () => {
  keepReasons();
  fresh.delete("team");
  remember();
  refreshView();
});
startChart();
if (NARROW.matches) $("facts-box").open = false; // on a phone the plan comes first; the facts open with a tap
form.addEventListener("input", schedule);
form.addEventListener("change", schedule);
form.addEventListener("submit", (event) => event.preventDefault());
for (const button of document.querySelectorAll("[data-lang]")) {
  button.addEventListener("click", () => {
    if (button.dataset.lang === state.lang) return;
    setLanguage(button.dataset.lang);
    if (plan) showPlan(plan, chosen);
    update();
  });
}
for (const tab of document.querySelectorAll("[data-view]")) {
  tab.addEventListener("click", () => showView(tab.dataset.view));
}
document.querySelector(".tabs").addEventListener("keydown", (event) => { // the arrows move between the tabs
  const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
  if (!step) return;
  const next = VIEWS[(VIEWS.indexOf(view) + step + VIEWS.length) % VIEWS.length];
  showView(next);
  document.querySelector(`[data-view=${next}]`).focus();
});
$("pin").addEventListener("click", () => pin(readForm()));
$("unpin").addEventListener("click", () => pin(null));
$("swap").addEventListener("click", swap);
$("from-plan").addEventListener("click", () => plan && teamFromPlan(plan));
for (const link of document.querySelectorAll(".downloads a")) link.addEventListener("click", download);
document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-role]");
  if (target && target.tagName !== "TR") explain(target.dataset.role, true, target);
});
$("chart").addEventListener("keydown", (event) => {
  const target = event.target.closest("[data-role]");
  if (target && (event.key === "Enter" || event.key === " ")) {
    event.preventDefault();
    explain(target.dataset.role, true, target);
  }
});
reasons.addEventListener("click", (event) => { // the reasons opened next to a role close again
  if (!event.target.closest(".close")) return;
  chosen = null;
  for (const shown of document.querySelectorAll(".chosen")) shown.classList.remove("chosen");
  placeExplanation(null);
});
WIDE.addEventListener("change", () => placeExplanation(null));
selectView(query.get("view"));
update();
