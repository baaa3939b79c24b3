// What every part of the planner page shares: the language, the catalog's names, the words, the requests to this
// server, and the small makers of elements. Nothing here is loaded from anywhere but this server.
import { WORDS } from "./words.js";

const data = (id) => JSON.parse(document.getElementById(id).textContent);

// The page's state that every view reads: the language, and the catalog of names the server gave the page.
export const state = { lang: "en", catalog: data("catalog"), start: data("start-profile") };

export const $ = (id) => document.getElementById(id);

/** The sentence ``key`` in the page's language, with each "{name}" replaced by ``values[name]``. */
export const say = (key, values = {}) => WORDS[state.lang][key].replace(/\{(\w+)\}/g, (_, name) => values[name]);

/** A {en, zh} pair of names in the page's language. */
export const named = (names) => (names ? names[state.lang] : "");

/** The name of a role of the catalog (its id if the catalog does not have it). */
export const roleName = (id) => named(state.catalog.roles[id]) || id;

/** A new element with its text and attributes. */
export function element(tag, text, attributes = {}) {
  const made = document.createElement(tag);
  if (text !== undefined) made.textContent = text;
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  return made;
}

/** A role's name as a button: a click anywhere on the page explains the role (see planner.js). */
export function roleButton(id, chosen) {
  const button = element("button", roleName(id), { type: "button", "data-role": id });
  button.className = id === chosen ? "role-link chosen" : "role-link";
  return button;
}

/** Role buttons in a list of chips. */
export function roleChips(ids, chosen) {
  const list = element("ul", undefined, { class: "chips" });
  list.append(...ids.map((id) => {
    const item = element("li");
    item.append(roleButton(id, chosen));
    return item;
  }));
  return list;
}

/** Role buttons separated by commas, in one element (a comma stays on the line of the role before it). */
export function roleList(ids, chosen) {
  const list = element("span", undefined, { class: "roles" });
  ids.forEach((id, index) => {
    const item = element("span", undefined, { class: "item" });
    item.append(roleButton(id, chosen), ...(index < ids.length - 1 ? [","] : []));
    list.append(...(index ? [" "] : []), item);
  });
  return list;
}

/** The words of ``key`` with ``parts`` in its "{name}" slots, as pieces to append: text, or elements (a role's
 * button in a sentence). */
export function sayWith(key, parts) {
  const marks = Object.fromEntries(Object.keys(parts).map((name) => [name, `\u0000${name}\u0000`]));
  return say(key, marks).split("\u0000").map((piece, index) => {
    if (index % 2 === 0) return piece;
    const value = parts[piece];
    return value instanceof Node ? value : String(value);
  });
}

/** POST ``body`` as JSON to one of this server's endpoints; an error carries the service's problem. */
export async function post(path, body, query = {}, signal = undefined) {
  const response = await fetch(`${path}?${new URLSearchParams(query)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ error: response.statusText, errors: [] }));
    throw Object.assign(new Error(problem.error), { problem, status: response.status });
  }
  return response;
}

/** A fact's value in words: a stage, a sourcing, a set of formats, yes or no, a number. */
export function valueWords(field, value) {
  if (Array.isArray(value)) return value.length ? value.map((each) => say(each)).join(" + ") : say("none");
  if (typeof value === "boolean") return say(value ? "yes" : "no");
  if (field === "stage" || field === "sourcing") return say(value);
  return String(value);
}

/** The facts of a profile in a line: its stage, goods, content, the yes-facts and the budget. */
export function describe(profile) {
  const parts = [say(profile.stage), say(profile.sourcing), valueWords("formats", profile.formats || [])];
  for (const flag of ["paid_ads", "influencers", "private_domain", "loyalty_program", "own_brand"]) {
    if (profile[flag]) parts.push(say(flag));
  }
  if (profile.headcount_budget) parts.push(say("budget_of", { budget: profile.headcount_budget }));
  if (profile.monthly_budget) parts.push(say("monthly_of", { budget: profile.monthly_budget }));
  return parts.join(" · ");
}

/** An amount of money a month in ``currency`` (a plan carries costs only when its profile gives pay); a dash for
 * none (a role without pay); ``signed``: with its sign, for a change. */
export function money(amount, currency, signed = false) {
  if (typeof amount !== "number") return "–";
  const figure = amount.toLocaleString(state.lang === "zh" ? "zh-CN" : "en", { maximumFractionDigits: 2 });
  return `${signed && amount > 0 ? "+" : ""}${figure}${currency ? ` ${currency}` : ""}`;
}
