// The flashpoint dashboard: trend, events, an event's article, quotes, actor network, live coding.
//
// Every piece of text that comes from the store or from an article is put on the page with
// textContent or createTextNode, never innerHTML, so an article containing <script> shows as text.
// Views are chosen by the URL hash: #trend, #events, #event/<id>, #article/<id>, #quotes, #network, #code.
"use strict";

const PAGE_SIZE = 50;
const state = { eventsOffset: 0, eventsTotal: 0, actorsLoaded: false };

// ---- small DOM and HTTP helpers -------------------------------------------------------------

function $(selector) {
  return document.querySelector(selector);
}

// An element with text content and attributes; children are elements or strings (text nodes).
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (name === "text") node.textContent = String(value);
    else if (name === "className") node.className = value;
    else node.setAttribute(name, String(value));
  }
  for (const child of children) {
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function setStatus(message, isError = false) {
  const status = $("#status");
  status.textContent = message || "";
  status.classList.toggle("error", isError);
}

// GET or POST JSON; an error response's message is thrown as an Error.
async function api(path, { method = "GET", body = null, token = null } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== null) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = "Bearer " + token;
  const response = await fetch(path, { method, headers, body: body === null ? null : JSON.stringify(body) });
  let payload = null;
  try {
    payload = await response.json();
  } catch (_) {
    payload = null;
  }
  if (!response.ok) {
    const message = payload && payload.message ? payload.message : response.status + " " + response.statusText;
    throw new Error(message);
  }
  return payload;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && String(value).trim() !== "") search.set(name, String(value).trim());
  }
  const text = search.toString();
  return text ? "?" + text : "";
}

function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}

function actorLabel(code, text) {
  if (code && text) return code + " (" + text + ")";
  return code || text || "-";
}

// ---- highlighting: spans are character offsets (code points, as Python counts them) -------

// Priority when spans overlap: the action wins, then source, target, then the sentence.
const SPAN_ORDER = ["act", "src", "tgt", "sent"];

// Fill `container` with `text`, wrapping each [start, end) of `spans` ({start, end, cls, title})
// in a <mark> (a <span> for the sentence). Built with DOM nodes only.
function highlight(container, text, spans) {
  container.replaceChildren();
  const chars = Array.from(text); // code points, so offsets agree with Python's
  const usable = spans.filter(
    (s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.start >= 0 && s.end <= chars.length,
  );
  const cuts = new Set([0, chars.length]);
  for (const span of usable) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = Array.from(cuts).sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join("");
    const covering = usable.filter((s) => s.start <= a && s.end >= b);
    if (covering.length === 0) {
      container.append(document.createTextNode(piece));
      continue;
    }
    covering.sort((x, y) => SPAN_ORDER.indexOf(x.cls) - SPAN_ORDER.indexOf(y.cls));
    const top = covering[0];
    const node = el(top.cls === "sent" ? "span" : "mark", { className: top.cls, title: top.title || null, text: piece });
    container.append(node);
  }
}

// The spans of one stored event (a row of /api/events) and its sentence.
function eventSpans(row, sentenceSpan) {
  const spans = [];
  if (sentenceSpan) spans.push({ start: sentenceSpan[0], end: sentenceSpan[1], cls: "sent", title: "sentence" });
  if (row.source_start !== null && row.source_start !== undefined) {
    spans.push({ start: row.source_start, end: row.source_end, cls: "src", title: "source: " + actorLabel(row.source_code, null) });
  }
  spans.push({ start: row.action_start, end: row.action_end, cls: "act", title: "action: " + row.cameo + " " + row.cameo_name });
  if (row.target_start !== null && row.target_start !== undefined) {
    spans.push({ start: row.target_start, end: row.target_end, cls: "tgt", title: "target: " + actorLabel(row.target_code, null) });
  }
  return spans;
}

// ---- views ----------------------------------------------------------------------------------

function showView(name) {
  for (const view of document.querySelectorAll(".view")) view.hidden = view.id !== "view-" + name;
  for (const link of document.querySelectorAll("nav a[data-view]")) {
    const current = link.dataset.view === name || (name === "article" && link.dataset.view === "events");
    link.classList.toggle("active", current);
  }
}

async function route() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, "")) || "trend";
  const [name, ...rest] = hash.split("/");
  const id = rest.join("/");
  setStatus("");
  try {
    if (name === "event" && id) {
      showView("article");
      await openEvent(id);
    } else if (name === "article" && id) {
      showView("article");
      await openArticle(id, null);
    } else if (["trend", "events", "quotes", "network", "code"].includes(name)) {
      showView(name);
      await VIEWS[name]();
    } else {
      showView("trend");
      await VIEWS.trend();
    }
  } catch (error) {
    setStatus(error.message, true);
  }
}

const VIEWS = {
  trend: async () => {
    await loadActorPickers();
    if (!$("#trend-chart").dataset.drawn) await drawTrend();
  },
  events: async () => {
    if (!$("#events-table tbody").dataset.loaded) await loadEvents();
  },
  quotes: async () => {
    if (!$("#speakers").dataset.loaded) await loadSpeakers();
  },
  network: async () => {
    if (!$("#network").dataset.drawn) await drawNetwork();
  },
  code: async () => {},
};

// ---- trend ------------------------------------------------------------------------------------

async function loadActorPickers() {
  if (state.actorsLoaded) return;
  const data = await api("/api/actors?level=country&mode=all&limit=1000");
  const source = $("#trend-source");
  const target = $("#trend-target");
  source.replaceChildren();
  for (const node of data.nodes) {
    source.append(el("option", { value: node.code, text: node.code + " (" + node.n + ")" }));
    target.append(el("option", { value: node.code, text: node.code + " (" + node.n + ")" }));
  }
  // Start on the busiest dyad.
  const first = data.edges.find((edge) => edge.source !== edge.target) || data.edges[0];
  if (first) {
    source.value = first.source;
    target.value = first.target;
  }
  state.actorsLoaded = true;
}

async function drawTrend() {
  const params = formValues($("#trend-form"));
  const chart = $("#trend-chart");
  const alerts = $("#trend-alerts");
  alerts.replaceChildren();
  if (!params.source) {
    chart.replaceChildren(el("p", { text: "No events stored yet: ingest some articles first." }));
    return;
  }
  const data = await api("/api/trend" + query(params));
  const x = data.periods.map((p) => p.period);
  const bar = (key, name, color) => ({ type: "bar", x, y: data.periods.map((p) => p[key]), name, marker: { color } });
  const alertPeriods = data.periods.filter((p) => p.alert);
  const traces = [
    bar("q1", "verbal cooperation", "#9ecae1"),
    bar("q2", "material cooperation", "#3182bd"),
    bar("q3", "verbal conflict", "#fdae6b"),
    bar("q4", "material conflict", "#e6550d"),
    { type: "scatter", mode: "lines+markers", x, y: data.periods.map((p) => p.goldstein_mean), name: "mean Goldstein",
      yaxis: "y2", line: { color: "#31a354" }, connectgaps: false },
    { type: "scatter", mode: "lines", x, y: data.periods.map((p) => p.escalation_index), name: "escalation index",
      yaxis: "y2", line: { color: "#756bb1", dash: "dot" } },
    { type: "scatter", mode: "markers", x: alertPeriods.map((p) => p.period), y: alertPeriods.map((p) => p.escalation_index),
      name: "alert", yaxis: "y2", marker: { color: "#de2d26", size: 14, symbol: "triangle-up" } },
  ];
  const title = data.source + " \u2192 " + (data.target || "all") + " per " + data.freq;
  const layout = {
    title: { text: title }, barmode: "stack", margin: { t: 40, r: 60, b: 40, l: 50 },
    yaxis: { title: { text: "events (QuadClass)" } },
    yaxis2: { title: { text: "Goldstein / escalation" }, overlaying: "y", side: "right", zeroline: true },
    legend: { orientation: "h", y: -0.15 },
  };
  if (window.Plotly) {
    if (!chart.classList.contains("js-plotly-plot")) chart.replaceChildren(); // a message, not a chart
    await window.Plotly.react(chart, traces, layout, { displaylogo: false, responsive: true });
  } else {
    chart.replaceChildren(el("p", { text: "Plotly is not available: install the plotly package. " + data.periods.length + " periods." }));
  }
  // Set once drawn: the tests wait for these.
  chart.dataset.drawn = "1";
  chart.dataset.periods = String(data.periods.length);
  for (const period of alertPeriods) {
    alerts.append(el("li", { text: period.period + ": escalation index " + period.escalation_index.toFixed(2) +
      ", " + period.n + " events, mean Goldstein " + (period.goldstein_mean === null ? "-" : period.goldstein_mean.toFixed(2)) }));
  }
  if (alertPeriods.length === 0) alerts.append(el("li", { text: "No alerts in this period." }));
}

// ---- events -----------------------------------------------------------------------------------

async function loadEvents() {
  const params = formValues($("#events-form"));
  const data = await api("/api/events" + query({ ...params, limit: PAGE_SIZE, offset: state.eventsOffset }));
  state.eventsTotal = data.total;
  const body = $("#events-table tbody");
  body.replaceChildren();
  for (const row of data.events) {
    const tr = el(
      "tr",
      { "data-id": row.event_id, tabindex: "0", className: "clickable mode-" + row.mode },
      el("td", { className: "date", text: row.event_date || row.article_date || "-" }),
      el("td", { text: actorLabel(row.source_code, row.source_text) }),
      el("td", { text: row.action_text }),
      el("td", { text: actorLabel(row.target_code, row.target_text) }),
      el("td", { text: row.cameo, title: row.cameo_name }),
      el("td", { text: row.mode }),
      el("td", { className: "sentence", text: row.sentence }),
    );
    body.append(tr);
  }
  body.dataset.loaded = "1";
  const first = data.total === 0 ? 0 : state.eventsOffset + 1;
  const last = state.eventsOffset + data.events.length;
  $("#events-count").textContent = data.total + " events, most recent first";
  $("#events-page").textContent = first + "-" + last + " of " + data.total;
  $("#events-prev").disabled = state.eventsOffset === 0;
  $("#events-next").disabled = last >= data.total;
}

function openEventRow(target) {
  const row = target.closest("tr[data-id]");
  if (row) location.hash = "#event/" + encodeURIComponent(row.dataset.id);
}

// ---- one event in its article ---------------------------------------------------------------

async function openEvent(eventId) {
  const detail = await api("/api/events/" + encodeURIComponent(eventId));
  await openArticle(detail.event.article_id, detail);
}

async function openArticle(articleId, eventDetail) {
  const data = await api("/api/articles/" + encodeURIComponent(articleId));
  const article = data.article;
  $("#article-title").textContent = article.title || article.id;
  const meta = $("#article-meta");
  meta.replaceChildren(
    document.createTextNode([article.source, article.published, "id " + article.id].filter(Boolean).join(" \u00b7 ")),
  );
  if (article.url && /^https?:\/\//i.test(article.url)) {
    meta.append(document.createTextNode(" \u00b7 "), el("a", { href: article.url, rel: "noopener noreferrer", text: article.url }));
  }
  const selected = eventDetail ? eventDetail.event : data.events[0] || null;
  const sentences = new Map(data.sentences.map((s) => [s.sentence_index, [s.start_char, s.end_char]]));
  const facts = $("#event-facts");
  facts.replaceChildren();
  if (selected) {
    const fact = (name, value) => facts.append(el("dt", { text: name }), el("dd", { text: value }));
    fact("Event", selected.cameo + " " + selected.cameo_name);
    fact("Source", actorLabel(selected.source_code, selected.source_text));
    fact("Target", actorLabel(selected.target_code, selected.target_text));
    fact("Mode", selected.mode);
    fact("Date", selected.event_date || "-");
    fact("Place", selected.place ? selected.place + (selected.place_country ? " (" + selected.place_country + ")" : "") : "-");
    fact("Goldstein", String(selected.goldstein));
    fact("Rule", selected.rule);
  }
  const spans = selected ? eventSpans(selected, sentences.get(selected.sentence_index)) : [];
  highlight($("#article-text"), article.text, spans);
  const list = $("#article-events");
  list.replaceChildren();
  for (const row of data.events) {
    const link = el("a", { href: "#event/" + encodeURIComponent(row.event_id) },
      actorLabel(row.source_code, row.source_text) + " \u2192 " + row.cameo + " (" + row.action_text + ") \u2192 " +
      actorLabel(row.target_code, row.target_text) + " [" + row.mode + "]");
    list.append(el("li", { className: selected && row.event_id === selected.event_id ? "selected" : null }, link));
  }
  if (data.events.length === 0) list.append(el("li", { text: "No events were coded from this article." }));
}

// ---- quotes -----------------------------------------------------------------------------------

async function loadSpeakers() {
  const data = await api("/api/quotes/speakers");
  const list = $("#speakers");
  list.replaceChildren();
  list.dataset.loaded = "1";
  for (const speaker of data.speakers) {
    const key = speaker.speaker_code || speaker.speaker_text || "";
    const button = el("button", { type: "button", "data-speaker": key },
      actorLabel(speaker.speaker_code, speaker.speaker_text) + " \u2013 " + speaker.n);
    button.addEventListener("click", () => loadQuotes(key, button.textContent));
    list.append(el("li", {}, button));
  }
  if (data.speakers.length === 0) list.append(el("li", { text: "No quotes stored yet." }));
}

async function loadQuotes(speaker, label) {
  const data = await api("/api/quotes" + query({ speaker, limit: 200 }));
  $("#speaker-name").textContent = label;
  const box = $("#speaker-quotes");
  box.replaceChildren();
  for (const quote of data.quotes) {
    const source = el("a", { href: "#article/" + encodeURIComponent(quote.article_id) }, quote.article_id);
    box.append(
      el("figure", { className: "quote " + quote.kind },
        el("blockquote", { text: quote.text }),
        el("figcaption", {}, actorLabel(quote.speaker_code, quote.speaker_text) + (quote.verb ? ", " + quote.verb : "") +
          " (" + quote.kind + ") in ", source)),
    );
  }
}

// ---- actor network (SVG) ----------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

function goldsteinColor(value) {
  if (value === null || value === undefined) return "#999";
  if (value <= -2) return "#de2d26";
  if (value < 0) return "#fc9272";
  if (value < 2) return "#9ecae1";
  return "#3182bd";
}

async function drawNetwork() {
  const params = formValues($("#network-form"));
  const data = await api("/api/actors" + query({ ...params, limit: 150 }));
  const box = $("#network");
  box.dataset.drawn = "1";
  box.replaceChildren();
  const nodes = data.nodes.slice(0, 30);
  const width = 760, height = 520, cx = width / 2, cy = height / 2, radius = Math.min(cx, cy) - 60;
  const where = new Map();
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(nodes.length, 1) - Math.PI / 2;
    where.set(node.code, [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  });
  const canvas = svg("svg", { viewBox: "0 0 " + width + " " + height, width, height, role: "img" });
  const defs = svg("defs");
  // userSpaceOnUse: the arrowhead keeps its size whatever the edge's width.
  const marker = svg("marker", {
    id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 10, markerHeight: 10,
    markerUnits: "userSpaceOnUse", orient: "auto",
  });
  marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#666" }));
  defs.append(marker);
  canvas.append(defs);
  const heaviest = Math.max(1, ...data.edges.map((e) => e.n));
  const maxNode = Math.max(1, ...nodes.map((n) => n.n));
  const nodeRadius = (node) => 6 + 14 * Math.sqrt(node.n / maxNode);
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  for (const edge of data.edges) {
    const a = where.get(edge.source), b = where.get(edge.target);
    if (!a || !b || edge.source === edge.target) continue;
    // Stop the line at the target's circle, and bend it so A->B and B->A do not overlap.
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const length = Math.hypot(dx, dy) || 1;
    const stop = nodeRadius(byCode.get(edge.target)) + 2;
    const end = [b[0] - (dx / length) * stop, b[1] - (dy / length) * stop];
    const bend = [(a[0] + end[0]) / 2 - (dy / length) * 20, (a[1] + end[1]) / 2 + (dx / length) * 20];
    const path = svg("path", {
      d: "M" + a[0] + "," + a[1] + " Q" + bend[0] + "," + bend[1] + " " + end[0] + "," + end[1],
      fill: "none", stroke: goldsteinColor(edge.goldstein_mean), "stroke-width": 1 + 7 * (edge.n / heaviest),
      "stroke-opacity": 0.75, "marker-end": "url(#arrow)", class: "edge",
      "data-source": edge.source, "data-target": edge.target,
    });
    const title = svg("title");
    title.textContent = edge.source + " \u2192 " + edge.target + ": " + edge.n + " events, mean Goldstein " +
      (edge.goldstein_mean === null ? "-" : edge.goldstein_mean.toFixed(1));
    path.append(title);
    path.addEventListener("click", () => showDyadEvents(edge.source, edge.target));
    canvas.append(path);
  }
  for (const node of nodes) {
    const [x, y] = where.get(node.code);
    const group = svg("g", { class: "node" });
    group.append(svg("circle", { cx: x, cy: y, r: nodeRadius(node), fill: "#fff", stroke: "#333" }));
    const label = svg("text", { x, y: y - nodeRadius(node) - 4, "text-anchor": "middle" });
    label.textContent = node.code;
    const title = svg("title");
    title.textContent = node.code + ": acts in " + node.out + ", acted on in " + node.in + " events";
    group.append(label, title);
    canvas.append(group);
  }
  box.append(canvas);
  const body = $("#network-table tbody");
  body.replaceChildren();
  for (const edge of data.edges) {
    const tr = el("tr", { className: "clickable" },
      el("td", { text: edge.source }), el("td", { text: edge.target }), el("td", { text: edge.n }),
      el("td", { text: edge.goldstein_mean === null ? "-" : edge.goldstein_mean.toFixed(2) }),
      el("td", { text: edge.conflict }), el("td", { text: edge.last_date || "-" }));
    tr.addEventListener("click", () => showDyadEvents(edge.source, edge.target));
    body.append(tr);
  }
}

function showDyadEvents(source, target) {
  const form = $("#events-form");
  form.reset();
  form.elements.source.value = source;
  form.elements.target.value = target;
  state.eventsOffset = 0;
  delete $("#events-table tbody").dataset.loaded;
  location.hash = "#events";
}

// ---- live coding ------------------------------------------------------------------------------

async function codeArticle(store) {
  const text = $("#code-text").value;
  const date = $("#code-date").value || null;
  const status = $("#code-status");
  if (!text.trim()) {
    status.textContent = "Paste an article or choose a file first.";
    return;
  }
  status.textContent = store ? "Coding and storing\u2026" : "Coding\u2026";
  try {
    let events;
    if (store) {
      const body = { text, date, title: $("#code-title").value || null };
      const result = await api("/api/articles", { method: "POST", body, token: $("#code-token").value.trim() });
      status.replaceChildren(
        document.createTextNode((result.stored ? "Stored " : "Already stored: ") + result.events.length + " events. "),
        el("a", { href: "#article/" + encodeURIComponent(result.article_id) }, "Open the stored article"),
      );
      events = result.events.map(rowToRecord);
    } else {
      const result = await api("/api/code", { method: "POST", body: { text, date } });
      status.textContent = result.events.length + " events, " + result.quotes.length + " quotes (not stored).";
      events = result.events;
    }
    showCoded(text, events);
  } catch (error) {
    status.textContent = error.message;
    status.classList.add("error");
    return;
  }
  status.classList.remove("error");
}

// A stored events row as the nested record POST /api/code returns (docs/event-schema.md).
function rowToRecord(row) {
  const actor = (prefix) => row[prefix + "_text"] === null ? null :
    { text: row[prefix + "_text"], code: row[prefix + "_code"], span: [row[prefix + "_start"], row[prefix + "_end"]] };
  return {
    event_id: row.event_id, source: actor("source"), target: actor("target"),
    action: { text: row.action_text, span: [row.action_start, row.action_end] },
    cameo: row.cameo, cameo_name: row.cameo_name, mode: row.mode, rule: row.rule,
  };
}

function recordSpans(record) {
  const spans = [{ start: record.action.span[0], end: record.action.span[1], cls: "act", title: record.cameo + " " + record.cameo_name }];
  if (record.source && record.source.span) spans.push({ start: record.source.span[0], end: record.source.span[1], cls: "src", title: "source" });
  if (record.target && record.target.span) spans.push({ start: record.target.span[0], end: record.target.span[1], cls: "tgt", title: "target" });
  return spans;
}

function showCoded(text, events) {
  const view = $("#code-result");
  // All actions at first; clicking an event shows its source, action and target.
  highlight(view, text, events.map((e) => ({ start: e.action.span[0], end: e.action.span[1], cls: "act", title: e.cameo })));
  const body = $("#code-events tbody");
  body.replaceChildren();
  for (const record of events) {
    const tr = el("tr", { className: "clickable", tabindex: "0" },
      el("td", { text: record.source ? actorLabel(record.source.code, record.source.text) : "-" }),
      el("td", { text: record.action.text }),
      el("td", { text: record.target ? actorLabel(record.target.code, record.target.text) : "-" }),
      el("td", { text: record.cameo, title: record.cameo_name }),
      el("td", { text: record.mode }),
      el("td", { text: record.rule }));
    tr.addEventListener("click", () => {
      for (const other of body.querySelectorAll("tr.selected")) other.classList.remove("selected");
      tr.classList.add("selected");
      highlight(view, text, recordSpans(record));
    });
    body.append(tr);
  }
}

// ---- wiring -----------------------------------------------------------------------------------

function wire() {
  $("#trend-form").addEventListener("submit", (event) => {
    event.preventDefault();
    drawTrend().catch((error) => setStatus(error.message, true));
  });
  $("#events-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.eventsOffset = 0;
    loadEvents().catch((error) => setStatus(error.message, true));
  });
  $("#events-prev").addEventListener("click", () => {
    state.eventsOffset = Math.max(0, state.eventsOffset - PAGE_SIZE);
    loadEvents().catch((error) => setStatus(error.message, true));
  });
  $("#events-next").addEventListener("click", () => {
    state.eventsOffset += PAGE_SIZE;
    loadEvents().catch((error) => setStatus(error.message, true));
  });
  const table = $("#events-table tbody");
  table.addEventListener("click", (event) => openEventRow(event.target));
  table.addEventListener("keydown", (event) => {
    if (event.key === "Enter") openEventRow(event.target);
  });
  $("#network-form").addEventListener("submit", (event) => {
    event.preventDefault();
    drawNetwork().catch((error) => setStatus(error.message, true));
  });
  $("#code-form").addEventListener("submit", (event) => {
    event.preventDefault();
    codeArticle(false);
  });
  $("#code-store").addEventListener("click", () => codeArticle(true));
  $("#code-file").addEventListener("change", (event) => {
    const file = event.target.files[0];
    if (!file) return;
    file.text().then((text) => {
      $("#code-text").value = text;
    });
  });
  window.addEventListener("hashchange", route);
}

wire();
route();
