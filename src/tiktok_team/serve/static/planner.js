// The planner page: the profile's facts in a form; the plan, its org chart and the reasons beside it.
// Everything comes from this server's API (/v1/plan, /v1/explain); nothing is loaded from anywhere else.
// The profile and the language are kept in the page's address, so that a plan can be shared as a link.
"use strict";

(() => {
  const WORDS = {
    en: {
      page_title: "Team planner · tiktok-team",
      title: "Team planner",
      tagline: "Change the facts about the business; the team follows.",
      facts: "The business",
      stage: "Stage", startup: "Startup", growth: "Growth", mature: "Mature",
      sourcing: "Goods", own_stock: "Own stock", dropship: "Dropship (own shop, a supplier ships)",
      affiliate_pool: "Affiliate pool (no shop)",
      formats: "Content", livestream: "Livestreams", short_video: "Short videos",
      channels: "Traffic and brand", paid_ads: "Paid ads", influencers: "Influencers / KOCs",
      private_domain: "Private-domain traffic", loyalty_program: "Loyalty programme", own_brand: "Own brand",
      people: "People and workload", headcount_budget: "Headcount budget", monthly_budget: "Monthly budget (pay's currency)",
      live_hours_per_day: "Live hours a day (each room)", live_rooms: "Live rooms",
      videos_per_week: "Short videos a week", orders_per_day: "Orders a day", ad_campaigns: "Ad campaigns at once",
      empty_hint: "Leave a number empty if it does not apply.",
      download: "Download the plan:", chart: "Org chart", roles: "Roles",
      click_hint: "Click a role to see why it is in the plan, or why not.",
      role: "Role", department: "Department", headcount: "People", left_out: "Left out",
      why: "Why", why_hint: "Choose a role in the table, the list or the chart.", advice: "Advice",
      footer: "Made by tiktok-team: every role is explained by rules that cite their sources.",
      summary: "{roles} roles, {people} people when every role has its own people.",
      cost: "Monthly cost", no_pay: "no pay",
      total: " Monthly cost: {total} with every role its own people{partial}.", partial: " (roles without pay left out)",
      within: " The team within the budget costs {cost} a month.",
      fits: " Within the budget of {budget}, {minimum} people hold every seat.",
      over: " A budget of {budget} is short: every seat takes {minimum} people (the downloads say which to defer).",
      owner: "Leadership", planning: "Planning…", no_chart: "No org chart: ", failed: "The server did not answer: ",
    },
    zh: {
      page_title: "团队规划 · tiktok-team",
      title: "团队规划",
      tagline: "修改业务情况，团队随之变化。",
      facts: "业务情况",
      stage: "阶段", startup: "起步期", growth: "发展期", mature: "成熟期",
      sourcing: "货源", own_stock: "自有货源", dropship: "一件代发（自有店铺，供应商发货）",
      affiliate_pool: "精选联盟选品（无店铺）",
      formats: "内容形式", livestream: "直播", short_video: "短视频",
      channels: "流量与品牌", paid_ads: "付费投流", influencers: "达人合作",
      private_domain: "私域运营", loyalty_program: "会员计划", own_brand: "自有品牌",
      people: "人员与工作量", headcount_budget: "人员预算", monthly_budget: "每月预算（薪资币种）",
      live_hours_per_day: "每日直播时长（每个直播间）", live_rooms: "直播间数",
      videos_per_week: "每周短视频数", orders_per_day: "每日订单数", ad_campaigns: "同时运行的投放计划数",
      empty_hint: "不适用的数字请留空。",
      download: "下载方案：", chart: "组织架构图", roles: "岗位",
      click_hint: "点击岗位，查看它纳入或未纳入方案的原因。",
      role: "岗位", department: "部门", headcount: "人数", left_out: "未纳入的岗位",
      why: "原因", why_hint: "在表格、列表或架构图中选择一个岗位。", advice: "建议",
      footer: "由 tiktok-team 生成：每个岗位都由引用来源的规则说明。",
      summary: "共 {roles} 个岗位，{people} 人（每个岗位单独配人时）。",
      cost: "每月成本", no_pay: "无薪资",
      total: "每月成本：{total}（每个岗位单独配人{partial}）。", partial: "，未计入没有薪资的岗位",
      within: "预算内的团队每月成本 {cost}。",
      fits: "预算 {budget} 人内，{minimum} 人即可承担全部编制。",
      over: "预算 {budget} 人不足：承担全部编制需要 {minimum} 人（下载的方案列出应暂缓的编制）。",
      owner: "决策层", planning: "正在规划…", no_chart: "没有组织架构图：", failed: "服务器没有响应：",
    },
  };
  const FLAGS = ["paid_ads", "influencers", "private_domain", "loyalty_program", "own_brand"];
  const NUMBERS = [
    "headcount_budget", "monthly_budget", "live_hours_per_day", "live_rooms", "videos_per_week", "orders_per_day", "ad_campaigns",
  ];
  const FILES = {
    json: "team-plan.json", markdown: "team-plan.md", html: "team-plan.html", graphml: "team-plan.graphml", csv: "team-plan.csv",
  };
  const WAIT = 150; // ms after the last change before asking for a new plan

  const $ = (id) => document.getElementById(id);
  const form = $("profile");
  const data = (id) => JSON.parse($(id).textContent);
  const catalog = data("catalog");
  const pay = data("start-profile").pay; // the pay of the profile the page started from, if any: it prices the plan
  let lang = "en";
  let plan = null; // the latest plan (its JSON) and the profile it is for
  let planned = null;
  let chosen = null; // the role whose reasons are shown
  let asked = 0; // numbers the requests, so that a late answer never overwrites a newer one
  let pending = null; // aborts the requests of an older profile
  let timer = 0;

  const money = (amount, currency) =>
    `${amount.toLocaleString("en-US", { maximumFractionDigits: Number.isInteger(amount) ? 0 : 2 })} ${currency}`;
  const say = (key, values = {}) => WORDS[lang][key].replace(/\{(\w+)\}/g, (_, name) => values[name]);
  const named = (names) => (names ? names[lang] : "");
  const element = (tag, text, attributes = {}) => {
    const made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
    return made;
  };

  // --- the profile: form <-> data <-> address -----------------------------------------------------------------

  function readForm() {
    const profile = {
      stage: form.elements.stage.value,
      sourcing: form.elements.sourcing.value,
      formats: [...form.querySelectorAll("input[name=formats]:checked")].map((box) => box.value),
    };
    for (const flag of FLAGS) if (form.elements[flag].checked) profile[flag] = true;
    for (const name of NUMBERS) {
      const text = form.elements[name].value.trim();
      if (text !== "") profile[name] = Number(text);
    }
    if (pay) profile.pay = pay;
    return profile;
  }

  function fillForm(profile) {
    form.elements.stage.value = profile.stage || "startup";
    form.elements.sourcing.value = profile.sourcing || "own_stock";
    const formats = profile.formats || ["livestream"];
    for (const box of form.querySelectorAll("input[name=formats]")) box.checked = formats.includes(box.value);
    for (const flag of FLAGS) form.elements[flag].checked = profile[flag] === true;
    for (const name of NUMBERS) form.elements[name].value = profile[name] ?? "";
  }

  function toAddress(profile) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(profile)) {
      if (name !== "pay") query.set(name, Array.isArray(value) ? value.join(",") : String(value)); // pay stays out of links
    }
    if (lang !== "en") query.set("lang", lang);
    return `?${query}`;
  }

  function fromAddress(query) {
    if (!query.has("stage")) return null;
    const profile = { stage: query.get("stage"), sourcing: query.get("sourcing") };
    if (query.has("formats")) profile.formats = query.get("formats").split(",").filter(Boolean);
    for (const flag of FLAGS) if (query.get(flag) === "true") profile[flag] = true;
    for (const name of NUMBERS) if (query.has(name)) profile[name] = Number(query.get(name));
    return profile;
  }

  // --- talking to the server ----------------------------------------------------------------------------------

  async function post(path, body, query, signal) {
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

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(update, WAIT);
  }

  function update() {
    const profile = readForm();
    history.replaceState(null, "", toAddress(profile));
    const mine = ++asked;
    if (pending) pending.abort();
    pending = new AbortController();
    const { signal } = pending;
    $("plan").setAttribute("aria-busy", "true");
    post("/v1/plan", { profile }, { format: "json" }, signal)
      .then((response) => response.json())
      .then((answer) => {
        if (mine !== asked) return;
        plan = answer;
        planned = profile;
        showProblem(null);
        showPlan();
        if (chosen) explain(chosen);
      })
      .catch((error) => mine === asked && error.name !== "AbortError" && showProblem(error))
      .finally(() => mine === asked && $("plan").setAttribute("aria-busy", "false"));
    drawChart(profile, mine, signal);
  }

  function drawChart(profile, mine, signal) {
    post("/v1/plan", { profile }, { format: "svg", lang }, signal)
      .then((response) => response.text())
      .then((svg) => {
        if (mine !== asked) return;
        $("chart").innerHTML = svg.slice(svg.indexOf("<svg"));
        $("chart-note").hidden = true;
        markChart();
      })
      .catch((error) => {
        if (mine !== asked || error.name === "AbortError") return;
        $("chart").replaceChildren();
        $("chart-note").textContent = say("no_chart") + error.message;
        $("chart-note").hidden = false;
      });
  }

  function showProblem(error) {
    const shown = $("problem");
    for (const field of form.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
    shown.hidden = !error;
    if (!error) return;
    shown.textContent = error.problem ? error.problem.error : say("failed") + error.message;
    for (const { path } of error.problem ? error.problem.errors : []) {
      const name = path.split(".")[1];
      for (const field of form.querySelectorAll(`[name="${name}"]`)) field.setAttribute("aria-invalid", "true");
    }
  }

  // --- the plan -----------------------------------------------------------------------------------------------

  function roleButton(id) {
    const button = element("button", named(catalog.roles[id]), { type: "button", "data-role": id });
    button.className = id === chosen ? "role-link chosen" : "role-link";
    return button;
  }

  function showPlan() {
    if (!plan) return;
    const people = plan.roles.reduce((sum, role) => sum + role.headcount, 0);
    let summary = say("summary", { roles: plan.roles.length, people });
    const staffing = plan.staffing;
    if (staffing) summary += say(staffing.feasible ? "fits" : "over", staffing);
    const cost = plan.cost;
    if (cost) summary += say("total", { total: money(cost.total, cost.currency), partial: cost.complete ? "" : say("partial") });
    if (cost && staffing && staffing.within_budget_cost !== null) {
      summary += say("within", { cost: money(staffing.within_budget_cost, cost.currency) });
    }
    $("summary").textContent = summary;
    const costs = new Map((cost ? cost.roles : []).map((each) => [each.role, each.cost]));
    for (const shown of document.querySelectorAll(".cost")) shown.hidden = !cost;
    const rows = plan.roles.map((role) => {
      const row = element("tr", undefined, { "data-role": role.id });
      const name = element("td");
      name.append(roleButton(role.id), element("code", role.id));
      const unit = catalog.departments[role.department];
      const team = catalog.teams[role.team];
      const place = unit ? named(unit) + (team ? ` · ${named(team)}` : "") : say("owner");
      row.append(name, element("td", place), element("td", String(role.headcount), { class: "n" }));
      if (cost) {
        const each = costs.get(role.id);
        row.append(element("td", each === null || each === undefined ? say("no_pay") : money(each, cost.currency), { class: "n cost" }));
      }
      return row;
    });
    $("roles").tBodies[0].replaceChildren(...rows);
    $("excluded").replaceChildren(...plan.excluded.map((role) => {
      const item = element("li");
      item.append(roleButton(role.id));
      return item;
    }));
    $("advice").replaceChildren(...plan.advice.map((advice) => element("li", named(advice.text))));
    markChart();
  }

  function markChart() {
    if (!plan) return;
    const ids = new Set(plan.roles.map((role) => role.id));
    for (const node of $("chart").querySelectorAll("g.node")) {
      const id = node.querySelector("title")?.textContent;
      if (!ids.has(id)) continue;
      node.dataset.role = id;
      node.setAttribute("role", "button");
      node.setAttribute("tabindex", "0");
      node.setAttribute("aria-label", named(catalog.roles[id]));
      node.classList.toggle("chosen", id === chosen);
    }
  }

  function explain(id) {
    if (!planned) return;
    chosen = id;
    for (const shown of document.querySelectorAll("[data-role]")) {
      shown.classList.toggle("chosen", shown.dataset.role === id && shown.tagName !== "TR");
    }
    const mine = asked;
    const textLang = lang;
    post("/v1/explain", { profile: planned, role: id }, { lang: textLang })
      .then((response) => response.json())
      .then((answer) => {
        if (mine !== asked || id !== chosen || textLang !== lang) return;
        const [headline, ...reasons] = answer.text.split("\n");
        const list = element("ul");
        list.append(...reasons.map((line) => element("li", line.replace(/^- /, ""))));
        $("explanation").replaceChildren(element("h2", say("why")), element("h3", headline), list);
        $("explanation").classList.toggle("out", !answer.in_plan);
      })
      .catch((error) => {
        if (mine === asked) $("explanation").replaceChildren(element("h2", say("why")), element("p", error.message));
      });
  }

  // --- language and downloads ---------------------------------------------------------------------------------

  function setLanguage(chosenLang) {
    lang = chosenLang;
    document.documentElement.lang = lang === "zh" ? "zh-Hans" : "en";
    document.title = say("page_title");
    for (const shown of document.querySelectorAll("[data-text]")) shown.textContent = say(shown.dataset.text);
    for (const button of document.querySelectorAll("[data-lang]")) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
    }
  }

  async function download(event) {
    event.preventDefault();
    const format = event.currentTarget.dataset.format;
    try {
      const response = await post("/v1/plan", { profile: readForm() }, { format, lang });
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

  // --- start ----------------------------------------------------------------------------------------------------

  const query = new URLSearchParams(location.search);
  setLanguage(query.get("lang") === "zh" ? "zh" : "en");
  fillForm(fromAddress(query) || data("start-profile"));
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.addEventListener("click", () => {
      if (button.dataset.lang === lang) return;
      setLanguage(button.dataset.lang);
      showPlan();
      update();
    });
  }
  for (const link of document.querySelectorAll(".downloads a")) link.addEventListener("click", download);
  document.addEventListener("click", (event) => {
    const target = event.target.closest("[data-role]");
    if (target && target.tagName !== "TR") explain(target.dataset.role);
  });
  $("chart").addEventListener("keydown", (event) => {
    const target = event.target.closest("[data-role]");
    if (target && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      explain(target.dataset.role);
    }
  });
  update();
})();
