// The org chart: the server's SVG of the plan, its roles made buttons, and a zoom that keeps it readable.
// By default a chart fits the width it has when its role names stay at least READABLE pixels high; on a narrow
// screen it is drawn at that size instead and pans (drag it, or scroll it sideways). The buttons zoom the org chart
// in and out, show the whole of it, or go back to the readable size. The compared charts (views.js) are sized the
// same way.
import { $, named, say, state } from "./common.js";

export const READABLE = 10; // px: the smallest the role names are drawn unless the reader zooms out
const STEP = 1.25; // each zoom button's factor
const POINT = 4 / 3; // CSS pixels in a point: Graphviz measures the SVG in points
let zoom = null; // null: the default size; else the scale against the chart's own size

/** Put the server's ``svg`` text in the figure (the part from "<svg" on) and size it. */
export function showChart(svg) {
  $("chart").innerHTML = svg.slice(svg.indexOf("<svg"));
  $("chart-note").hidden = true;
  $("chart-tools").hidden = false;
  fitChart();
}

/** Say why there is no chart (Graphviz missing, say). */
export function noChart(message) {
  $("chart").replaceChildren();
  $("chart-tools").hidden = true;
  $("chart-note").textContent = say("no_chart") + message;
  $("chart-note").hidden = false;
}

/** Make each planned role's node a button (its name read out), the chosen one marked. */
export function markChart(roleIds, chosen) {
  const ids = new Set(roleIds);
  for (const node of $("chart").querySelectorAll("g.node")) {
    const id = node.querySelector("title")?.textContent;
    if (!ids.has(id)) continue;
    node.dataset.role = id;
    node.setAttribute("role", "button");
    node.setAttribute("tabindex", "0");
    node.setAttribute("aria-label", named(state.catalog.roles[id]));
    node.classList.toggle("chosen", id === chosen);
  }
}

function measures(svg) {
  const box = svg.viewBox.baseVal;
  const sizes = [...svg.querySelectorAll("g.node text")].map((text) => Number(text.getAttribute("font-size")) || 0);
  return { width: box.width * POINT, height: box.height * POINT, names: Math.max(0, ...sizes) * POINT };
}

/** The width inside ``figure``, and the scales of its chart that show the whole of it and keep its names readable. */
function scales(figure, natural) {
  const room = figure.clientWidth - 2 * parseFloat(getComputedStyle(figure).paddingLeft);
  const whole = Math.min(1, room / natural.width);
  return { whole, readable: Math.min(1, Math.max(whole, natural.names ? READABLE / natural.names : 0)) };
}

/** Size the chart of ``figure`` at ``scale`` (the readable size when null); say whether it pans. */
function sizeChart(figure, scale) {
  const svg = figure.querySelector("svg");
  if (!svg || !figure.clientWidth) return;
  const natural = measures(svg);
  const shown = scale ?? scales(figure, natural).readable;
  svg.style.width = `${natural.width * shown}px`;
  svg.style.height = `${natural.height * shown}px`;
  figure.classList.toggle("pans", figure.scrollWidth > figure.clientWidth + 1);
}

/** Size the org chart for the zoom chosen (or the readable size), and the compared charts, and say whether the org
 * chart pans. */
export function fitChart() {
  sizeChart($("chart"), zoom);
  for (const figure of document.querySelectorAll(".compare-out figure")) sizeChart(figure, null);
  $("pan-hint").hidden = !$("chart").classList.contains("pans");
}

function zoomTo(how) {
  const svg = $("chart").querySelector("svg");
  if (!svg) return;
  const natural = measures(svg);
  const { whole, readable } = scales($("chart"), natural);
  const scale = zoom ?? readable;
  zoom = { in: Math.min(3, scale * STEP), out: Math.max(whole, scale / STEP), fit: whole, read: null }[how];
  fitChart();
}

/** Wire the zoom buttons, dragging to pan, and refitting when the window changes size. */
export function startChart() {
  for (const button of document.querySelectorAll("[data-zoom]")) {
    button.addEventListener("click", () => zoomTo(button.dataset.zoom));
  }
  const figure = $("chart");
  let drag = null;
  figure.addEventListener("pointerdown", (event) => {
    if (event.pointerType !== "mouse" || event.button !== 0 || event.target.closest("[data-role]")) return;
    if (!figure.classList.contains("pans")) return;
    drag = { x: event.clientX, y: event.clientY, left: figure.scrollLeft };
    figure.classList.add("dragging");
    figure.setPointerCapture(event.pointerId);
  });
  figure.addEventListener("pointermove", (event) => {
    if (!drag) return;
    figure.scrollLeft = drag.left - (event.clientX - drag.x);
    window.scrollBy(0, drag.y - event.clientY);
    drag.y = event.clientY;
  });
  const stop = () => {
    drag = null;
    figure.classList.remove("dragging");
  };
  figure.addEventListener("pointerup", stop);
  figure.addEventListener("pointercancel", stop);
  let waiting = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(waiting);
    waiting = requestAnimationFrame(fitChart);
  });
}
