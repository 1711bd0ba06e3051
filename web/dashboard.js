// The leaders' dashboard (/dashboard.html): the wards of a scope side by side, from GET /api/v1/dashboard. A choropleth
// of the wards by a chosen figure, a sortable table with the totals pinned, the change against the year before, a
// drill-down into each ward's map, exports (CSV, XLSX) and an A4 print. Everything from this app's own API; no basemap.
import { fill, isoToVn, vnToIso, vnToday } from "/i18n.js";
import { TEXTS } from "/dashboard-i18n.js";

let lang = localStorage.getItem("antt.lang") === "en" ? "en" : "vi";
const t = (key) => TEXTS[lang][key] ?? key;
const tf = (key, values) => fill(t(key), values);
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

class ApiError extends Error {
  constructor(status, body) {
    // The API answers in the language asked for (Accept-Language): its detail says what was wrong.
    super(String(body.detail ?? body.error ?? status));
    this.status = status;
    this.body = body;
  }
}

async function getJson(url) {
  const r = await fetch(url, { credentials: "same-origin", headers: { "Accept-Language": lang } });
  const text = await r.text();
  let body;
  try { body = text ? JSON.parse(text) : {}; } catch { body = { detail: text }; }
  if (!r.ok) throw new ApiError(r.status, body);
  return body;
}

// ---------------------------------------------------------------- numbers as the page writes them
const locale = () => (lang === "vi" ? "vi-VN" : "en-GB");
const num = (v, digits = 1) => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);
const count = (v) => num(v, 0);
const pct = (v) => `${num(v * 100, 1)}\u00a0%`;
const hours = (v) => `${num(v, 1)}`;
const noData = () => `<span class="nodata">${esc(t("noData"))}</span>`;
/** A figure, or "no data" when the API has none (null): never 0 for a missing figure. */
const show = (v, format) => (v == null ? noData() : esc(format(v)));
const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);

/**
 * A change against the year before, with its sign: ▲ up, ▼ down, = none. `better` says which way is good for the
 * figure (+1 up, -1 down, 0 neither), for its colour only; `format` writes its size.
 */
function change(v, format, better) {
  if (v === undefined) return "";
  if (v == null) return `<span class="chg nodata" data-change="">${esc(t("noData"))}</span>`;
  const sign = v > 0 ? 1 : v < 0 ? -1 : 0;
  const mark = sign > 0 ? "▲" : sign < 0 ? "▼" : "=";
  const judged = sign === 0 || better === 0 ? "" : sign === better ? " better" : " worse";
  return `<span class="chg${judged}" data-change="${v}">${mark}\u00a0${esc(format(Math.abs(v)))}</span>`;
}
const points = (v) => `${num(v * 100, 1)}\u00a0${t("points")}`;
const hoursChange = (v) => `${num(v, 1)}\u00a0${t("hours")}`;

// ---------------------------------------------------------------- what the map can be coloured by
// share: a fraction 0–1 (fixed classes of 20 points); integer: a count (classes of whole numbers); else equal classes.
const FIGURES = {
  share_dat: { get: (w) => w.areas?.share_dat, share: true },
  share_handled: { get: (w) => w.incidents?.share_handled, share: true },
  median_hours: { get: (w) => w.incidents?.median_hours_to_handle, unit: "hours" },
  cameras_working: { get: (w) => ratio(w.cameras?.working, w.cameras?.registered), share: true },
  received: { get: (w) => w.incidents?.received, integer: true },
};
const PALETTE = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];

/** The classes of a figure over its values: [{min, max, colour}], lowest first (max inclusive in the last only). */
function classesOf(figure, values) {
  const vals = values.filter((v) => v != null && Number.isFinite(v));
  if (figure.share) return PALETTE.map((colour, i) => ({ min: i / 5, max: (i + 1) / 5, colour }));
  if (!vals.length) return [];
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  if (figure.integer) {
    const span = hi - lo + 1;
    const n = Math.min(5, span);
    return Array.from({ length: n }, (_, i) => ({ min: lo + Math.floor(i * span / n),
      max: lo + Math.floor((i + 1) * span / n) - 1, colour: PALETTE[n === 1 ? 2 : Math.round(i * 4 / (n - 1))] }));
  }
  if (hi === lo) return [{ min: lo, max: hi, colour: PALETTE[2] }];
  const step = (hi - lo) / 5;
  return PALETTE.map((colour, i) => ({ min: lo + i * step, max: i === 4 ? hi : lo + (i + 1) * step, colour }));
}

/** The class a value falls in: the last whose lower bound it reaches. */
function classOf(classes, v) {
  if (v == null || !classes.length) return null;
  let found = classes[0];
  for (const c of classes) if (v >= c.min - 1e-9) found = c;
  return found;
}

function classLabel(figure, c) {
  if (figure.share) return `${num(c.min * 100, 0)}–${num(c.max * 100, 0)} %`;
  if (figure.integer) return c.min === c.max ? count(c.min) : `${count(c.min)}–${count(c.max)}`;
  const unit = figure.unit === "hours" ? ` ${t("hours")}` : "";
  return c.min === c.max ? `${num(c.min)}${unit}` : `${num(c.min)}–${num(c.max)}${unit}`;
}

function figureValueText(key, v) {
  if (v == null) return t("noData");
  const f = FIGURES[key];
  if (f.share) return pct(v);
  if (f.integer) return count(v);
  return `${num(v)} ${t("hours")}`;
}

// ---------------------------------------------------------------- the table's columns
// value: the number sorted by (null last either way); cell: how it reads; change: the change against the year before.
const COLUMNS = [
  { key: "ward", group: null, label: "colWard" },
  { key: "areas_total", group: "areas", label: "colAreasTotal", value: (w) => w.areas?.total, fmt: count },
  { key: "share_dat", group: "areas", label: "colDat", value: (w) => w.areas?.share_dat, fmt: pct, sub: (w) => w.areas?.dat },
  { key: "share_chua_dat", group: "areas", label: "colChuaDat", value: (w) => w.areas?.share_chua_dat, fmt: pct,
    sub: (w) => w.areas?.chua_dat },
  { key: "share_chua_du_can_cu", group: "areas", label: "colChuaDuCanCu", value: (w) => w.areas?.share_chua_du_can_cu, fmt: pct,
    sub: (w) => w.areas?.chua_du_can_cu },
  { key: "registered", group: "cameras", label: "colRegistered", value: (w) => w.cameras?.registered, fmt: count },
  { key: "working", group: "cameras", label: "colWorking", value: (w) => w.cameras?.working, fmt: count,
    subText: (w) => { const r = ratio(w.cameras?.working, w.cameras?.registered); return r == null ? null : pct(r); } },
  { key: "sharing", group: "cameras", label: "colSharing", value: (w) => w.cameras?.sharing, fmt: count },
  { key: "received", group: "incidents", label: "colReceived", value: (w) => w.incidents?.received, fmt: count,
    change: (w) => w.change?.received, changeFmt: count, better: 0 },
  { key: "handled", group: "incidents", label: "colHandled", value: (w) => w.incidents?.handled, fmt: count,
    change: (w) => w.change?.handled, changeFmt: count, better: 0 },
  { key: "open", group: "incidents", label: "colOpen", value: (w) => w.incidents?.open, fmt: count },
  { key: "unknown", group: "incidents", label: "colUnknown", value: (w) => w.incidents?.unknown, fmt: count },
  { key: "share_handled", group: "incidents", label: "colShareHandled", value: (w) => w.incidents?.share_handled, fmt: pct,
    change: (w) => w.change?.share_handled, changeFmt: points, better: 1 },
  { key: "median_hours", group: "incidents", label: "colMedian", value: (w) => w.incidents?.median_hours_to_handle, fmt: hours,
    change: (w) => w.change?.median_hours_to_handle, changeFmt: hoursChange, better: -1 },
  { key: "p90_hours", group: "incidents", label: "colP90", value: (w) => w.incidents?.p90_hours_to_handle, fmt: hours,
    change: (w) => w.change?.p90_hours_to_handle, changeFmt: hoursChange, better: -1 },
];

// ---------------------------------------------------------------- state
const asked = new URLSearchParams(location.search);
const isoDay = (s) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null);
const state = {
  scope: asked.get("scope") || null,
  year: /^\d{4}$/.test(asked.get("year") ?? "") ? Number(asked.get("year")) : null,
  from: isoDay(asked.get("from")),
  to: isoDay(asked.get("to")),
  figure: FIGURES[asked.get("fig")] ? asked.get("fig") : "share_handled",
  sort: { key: "ward", dir: "ascending" },
};
let session = null;
let data = null;
const outlines = new Map(); // ward id → GeoJSON feature
let wardLayer = null;
let bounds = null;
let map = null;

// ---------------------------------------------------------------- texts
function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t("title");
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
  $("lang").textContent = t("switchTo");
  $("lang").setAttribute("aria-label", t("switchLabel"));
  $("scope").placeholder = t("scopeHint");
  $("scope").title = t("scopeHint");
  $("kpis").setAttribute("aria-label", t("kpiTitle"));
  if (session && session.role !== "public") $("who").textContent = `${session.username} (${t(`role_${session.role}`)})`;
  fillFigureSelect();
}

function fillFigureSelect() {
  $("figure").innerHTML = Object.keys(FIGURES).map((k) => `<option value="${k}"${k === state.figure ? " selected" : ""}>${
    esc(t(`fig_${k}`))}</option>`).join("");
}

/** Says why the dashboard is not shown, with a way on: sign in on the map page, or back to it. */
function gate(text, linkText, href) {
  $("gate-text").textContent = text;
  $("gate-link").textContent = linkText;
  $("gate-link").href = href;
  $("gate").hidden = false;
  $("controls").hidden = true;
  $("dashboard").hidden = true;
  $("status").textContent = "";
  document.body.dataset.ready = "gate";
}
const gateSignIn = () => gate(t("signInNeeded"), t("signInLink"), "/?login=dashboard");
const gateRefused = (detail) => gate(`${tf("notAllowed", { user: session.username })}${detail ? ` ${detail}` : ""}`, t("backToMap"), "/");

// ---------------------------------------------------------------- the answer drawn
function query(extra = {}) {
  const q = new URLSearchParams();
  if (state.scope) q.set("scope", state.scope);
  if (state.year) q.set("year", state.year);
  if (state.from) q.set("from", state.from);
  if (state.to) q.set("to", state.to);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q;
}

async function load() {
  $("status").textContent = t("loading");
  document.body.dataset.ready = "loading";
  try {
    data = await getJson(`/api/v1/dashboard?${query()}`);
  } catch (e) {
    if (e.status === 401) { gateSignIn(); return; }
    if (e.status === 403) { gateRefused(e.message); return; }
    $("control-error").textContent = e.message;
    $("status").textContent = "";
    document.body.dataset.ready = "error";
    return;
  }
  $("control-error").textContent = "";
  Object.assign(state, { year: data.year, from: data.from, to: data.to });
  $("year").value = data.year ?? "";
  $("from").value = data.from ? isoToVn(data.from) : "";
  $("to").value = data.to ? isoToVn(data.to) : "";
  if (session.role === "admin" && !$("scope").value) $("scope").value = scopeText(data.scope);
  history.replaceState(null, "", `/dashboard.html?${query(state.figure !== "share_handled" ? { fig: state.figure } : {})}`);
  $("gate").hidden = true;
  $("controls").hidden = false;
  $("dashboard").hidden = false;
  render();
  try {
    await drawMap();
    $("status").textContent = "";
  } catch (e) {
    $("status").textContent = `${t("outlinesFailed")}: ${e.message}`;
  }
  document.body.dataset.ready = "true";
}

const scopeText = (s) => (s.kind === "province" ? `province:${s.name}` : s.wards.join(","));

function render() {
  if (!data) return;
  const period = { from: isoToVn(data.from), to: isoToVn(data.to), pfrom: isoToVn(data.previous.from), pto: isoToVn(data.previous.to) };
  $("scope-line").textContent = data.scope.kind === "province"
    ? tf("scopeProvince", { name: data.scope.name, n: data.wards.length })
    : tf("scopeWards", { n: data.wards.length, names: data.wards.map((w) => w.name).join(", ") });
  $("period-line").textContent = tf("period", period);
  $("printed").textContent = tf("printed", { date: vnToday() });
  $("change-note").textContent = tf("changeNote", { from: period.pfrom, to: period.pto });
  $("data-note").textContent = tf("dataNote", { year: data.year });
  const synthetic = data.totals.areas.synthetic ?? 0;
  $("synthetic-note").hidden = synthetic === 0;
  $("synthetic-note").textContent = synthetic ? tf("syntheticNote", { n: synthetic, total: data.totals.areas.total }) : "";
  const exportQuery = (f) => `/api/v1/dashboard?${query({ f, lang })}`;
  $("export-csv").href = exportQuery("csv");
  $("export-xlsx").href = exportQuery("xlsx");
  renderKpis();
  renderTable();
  styleMap();
}

function renderKpis() {
  const x = data.totals;
  const card = (key, value, sub, chg) => `<div class="kpi" data-kpi="${key}"><span class="kpi-label">${esc(t(`fig_${key}`))}</span>
    <b>${value}</b><span class="kpi-sub">${sub}</span>${chg ? `<span class="kpi-chg">${chg} <span class="vs">${esc(t("vsYearBefore"))}</span></span>` : ""}</div>`;
  const inc = x.incidents ?? {};
  const cam = x.cameras ?? {};
  const areas = x.areas ?? {};
  const of = (key, values) => (Object.values(values).some((v) => v == null) ? "" : esc(tf(key, Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, count(v)])))));
  $("kpis").innerHTML = [
    card("share_handled", show(inc.share_handled, pct), handlingText(inc),
      change(x.change?.share_handled, points, 1)),
    card("median_hours", show(inc.median_hours_to_handle, (v) => `${num(v)} ${t("hours")}`),
      inc.p90_hours_to_handle == null ? "" : esc(tf("p90Within", { hours: num(inc.p90_hours_to_handle) })),
      change(x.change?.median_hours_to_handle, hoursChange, -1)),
    card("received", show(inc.received, count), "", change(x.change?.received, count, 0)),
    card("cameras_working", show(ratio(cam.working, cam.registered), pct),
      of("ofRegistered", { working: cam.working, registered: cam.registered })),
    card("share_dat", show(areas.share_dat, pct), of("areasOf", { dat: areas.dat, total: areas.total })),
  ].join("");
}

/** What the share handled is of: handled and open (those with no status recorded are left out, and said). */
function handlingText(inc) {
  if (inc.handled == null || inc.open == null) return "";
  const parts = [tf("handledOpen", { handled: count(inc.handled), open: count(inc.open) })];
  if (inc.unknown) parts.push(tf("unknownCount", { unknown: count(inc.unknown) }));
  return esc(parts.join("; "));
}

function cell(col, w) {
  const v = col.value(w);
  const sub = col.sub ? col.sub(w) : null;
  const subText = col.subText ? col.subText(w) : sub == null ? null : count(sub);
  return `<td data-col="${col.key}" data-value="${v ?? ""}">${show(v, col.fmt)}${v != null && subText != null
    ? ` <span class="sub">(${esc(subText)})</span>` : ""}${col.change && v != null ? `<br>${change(col.change(w), col.changeFmt, col.better)}` : ""}</td>`;
}

function wardHref(w) {
  const q = new URLSearchParams({ ward: w.ward });
  if (data.year) q.set("year", data.year);
  if (data.from) q.set("from", data.from);
  if (data.to) q.set("to", data.to);
  return `/?${q}`;
}

function renderTable() {
  const groups = [["areas", tf("grpAreas", { year: data.year })], ["cameras", tf("grpCameras", { to: isoToVn(data.to) })],
    ["incidents", tf("grpIncidents", { from: isoToVn(data.from), to: isoToVn(data.to) })]];
  const head = (col) => {
    const sorted = state.sort.key === col.key;
    return `<th scope="col" data-col="${col.key}"${sorted ? ` aria-sort="${state.sort.dir}"` : ""}${col.group ? ` class="g-${col.group}"` : ""}
      ${col.key === "ward" ? ' rowspan="2"' : ""}><button type="button" data-sort="${col.key}" title="${esc(tf("sortBy", { column: t(col.label) }))}">${
      esc(t(col.label))}<span class="arrow" aria-hidden="true">${sorted ? (state.sort.dir === "ascending" ? "▲" : "▼") : "↕"}</span></button></th>`;
  };
  $("dash-table").querySelector("thead").innerHTML = `<tr>${head(COLUMNS[0])}${groups.map(([g, label]) =>
    `<th scope="colgroup" class="group g-${g}" colspan="${COLUMNS.filter((c) => c.group === g).length}">${esc(label)}</th>`).join("")}</tr>
    <tr>${COLUMNS.slice(1).map(head).join("")}</tr>`;
  $("dash-table").querySelectorAll("button[data-sort]").forEach((b) => b.addEventListener("click", () => {
    const key = b.dataset.sort;
    state.sort = { key, dir: state.sort.key === key && state.sort.dir === "ascending" ? "descending" : "ascending" };
    renderTable();
    $("dash-table").querySelector(`button[data-sort="${key}"]`).focus();
  }));
  const rows = sortedWards();
  $("dash-table").querySelector("tbody").innerHTML = rows.map((w) => `<tr data-ward="${esc(w.ward)}">
    <th scope="row" data-col="ward"><a href="${esc(wardHref(w))}" title="${esc(tf("openWard", { name: w.name }))}">${esc(w.name)}</a></th>
    ${COLUMNS.slice(1).map((c) => cell(c, w)).join("")}</tr>`).join("");
  $("dash-table").querySelector("tfoot").innerHTML = `<tr class="totals"><th scope="row" data-col="ward">${esc(t("totals"))}</th>${
    COLUMNS.slice(1).map((c) => cell(c, data.totals)).join("")}</tr>`;
}

function sortedWards() {
  const col = COLUMNS.find((c) => c.key === state.sort.key) ?? COLUMNS[0];
  const dir = state.sort.dir === "ascending" ? 1 : -1;
  const collator = new Intl.Collator(locale());
  return [...data.wards].sort((a, b) => {
    if (col.key === "ward") return dir * collator.compare(a.name, b.name);
    const va = col.value(a);
    const vb = col.value(b);
    if (va == null || vb == null) return va == null && vb == null ? collator.compare(a.name, b.name) : va == null ? 1 : -1;
    return dir * (va - vb) || collator.compare(a.name, b.name);
  });
}

// ---------------------------------------------------------------- the map
function makeMap() {
  map = L.map("dmap", { zoomSnap: 0.25, attributionControl: false, renderer: L.svg({ padding: 0.2 }) });
  window.dashMap = map; // for scripted checks and the browser tests
  map.setView([16, 106], 5);
  const refit = () => {
    map.invalidateSize({ animate: false });
    if (bounds?.isValid()) map.fitBounds(bounds, { padding: [8, 8], animate: false });
  };
  // The printed page's map has its own size (dashboard.css): fitted to it before printing, and back after.
  window.addEventListener("beforeprint", refit);
  window.addEventListener("afterprint", refit);
  window.matchMedia("print").addEventListener("change", refit);
  window.addEventListener("resize", refit);
}

/** The wards' outlines, each asked once (simplified for a whole scope's view), a hundred to a request. */
async function fetchOutlines(ids) {
  const missing = ids.filter((id) => !outlines.has(id));
  const simplify = ids.length <= 20 ? 8 : ids.length <= 300 ? 64 : 512;
  const batches = [];
  for (let i = 0; i < missing.length; i += 100) batches.push(missing.slice(i, i + 100));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      const fc = await getJson(`/api/v1/wards?${new URLSearchParams({ ward: batch.join(","), simplify })}`);
      for (const f of fc.features) if (batch.includes(f.id)) outlines.set(f.id, f);
    }
  };
  await Promise.all(Array.from({ length: Math.min(3, batches.length) }, worker));
}

/** An SVG pattern for "no data": grey hatching, in the map's own SVG. */
function ensureHatch() {
  const svg = $("dmap").querySelector(".leaflet-overlay-pane svg");
  if (!svg || svg.querySelector("#dash-nodata")) return;
  const ns = "http://www.w3.org/2000/svg";
  const defs = document.createElementNS(ns, "defs");
  defs.innerHTML = `<pattern id="dash-nodata" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
    <rect width="8" height="8" fill="#e2e2e2"></rect><line x1="0" y1="0" x2="0" y2="8" stroke="#9a9a9a" stroke-width="3"></line></pattern>`;
  svg.insertBefore(defs, svg.firstChild);
}

async function drawMap() {
  if (!map) makeMap();
  const ids = data.wards.map((w) => w.ward);
  await fetchOutlines(ids);
  if (wardLayer) wardLayer.remove();
  const features = ids.map((id) => outlines.get(id)).filter(Boolean);
  wardLayer = L.geoJSON({ type: "FeatureCollection", features }, {
    style: () => ({ className: "dash-ward", color: "#444", weight: 1.2, fillOpacity: 0.85 }),
    onEachFeature: (f, layer) => {
      layer.on("click", () => {
        const w = data.wards.find((x) => x.ward === f.id);
        if (w) layer.bindPopup(`<b>${esc(w.name)}</b><br>${esc(t(`fig_${state.figure}`))}: ${
          esc(figureValueText(state.figure, FIGURES[state.figure].get(w)))}<br><a href="${esc(wardHref(w))}">${
          esc(tf("openWard", { name: w.name }))}</a>`).openPopup();
      });
    },
  }).addTo(map);
  ensureHatch();
  wardLayer.eachLayer((l) => { l.getElement()?.setAttribute("data-ward", l.feature.id); });
  bounds = wardLayer.getBounds();
  map.invalidateSize({ animate: false });
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8], animate: false });
  styleMap();
}

function styleMap() {
  const figure = FIGURES[state.figure];
  const values = data.wards.map((w) => figure.get(w));
  const classes = classesOf(figure, values);
  $("dmap").setAttribute("aria-label", tf("mapLabel", { figure: t(`fig_${state.figure}`) }));
  const anyMissing = values.some((v) => v == null);
  $("legend").innerHTML = `<b>${esc(t(`fig_${state.figure}`))}</b><ul>${classes.map((c) => `<li data-min="${c.min}" data-max="${c.max}"
    data-colour="${c.colour}"><i style="background:${c.colour}"></i>${esc(classLabel(figure, c))}</li>`).join("")}${anyMissing || !classes.length
    ? `<li data-nodata><i class="hatch"></i>${esc(t("legendNoData"))}</li>` : ""}</ul>`;
  if (!wardLayer) return;
  const many = data.wards.length > 12;
  wardLayer.eachLayer((l) => {
    const w = data.wards.find((x) => x.ward === l.feature.id);
    const v = w ? figure.get(w) : null;
    const c = classOf(classes, v);
    l.setStyle({ fillColor: c ? c.colour : "url(#dash-nodata)" });
    const el = l.getElement();
    if (el) el.dataset.value = v ?? "";
    l.unbindTooltip();
    if (w) {
      l.bindTooltip(`${esc(w.name)}<br><b>${esc(figureValueText(state.figure, v))}</b>`, { permanent: !many,
        direction: "center", className: "dash-label", sticky: many });
    }
  });
}

// ---------------------------------------------------------------- controls
$("figure").addEventListener("change", () => {
  state.figure = $("figure").value;
  history.replaceState(null, "", `/dashboard.html?${query(state.figure !== "share_handled" ? { fig: state.figure } : {})}`);
  styleMap();
});

$("year").addEventListener("change", () => {
  // A new year: its whole calendar year, which the dates can then narrow.
  if (/^\d{4}$/.test($("year").value)) {
    $("from").value = `01/01/${$("year").value}`;
    $("to").value = `31/12/${$("year").value}`;
  }
});

$("controls").addEventListener("submit", async (e) => {
  e.preventDefault();
  const error = $("control-error");
  const from = vnToIso($("from").value);
  const to = vnToIso($("to").value);
  const year = Number($("year").value);
  if (!/^\d{4}$/.test($("year").value) || year < 2000 || year > 2100) {
    error.textContent = tf("badYear", { field: t("year"), value: $("year").value });
    $("year").focus();
    return;
  }
  const bad = !from ? "from" : !to ? "to" : null;
  if (bad) {
    error.textContent = tf("badDateIn", { field: t(bad), value: $(bad).value });
    $(bad).focus();
    return;
  }
  if (to < from) { error.textContent = t("badRange"); return; }
  error.textContent = "";
  Object.assign(state, { year, from, to });
  if (session.role === "admin") state.scope = $("scope").value.trim() || null;
  await load();
});

$("print").addEventListener("click", () => window.print());

$("lang").addEventListener("click", () => {
  lang = lang === "vi" ? "en" : "vi";
  localStorage.setItem("antt.lang", lang);
  applyLanguage();
  if (session.role === "public") gateSignIn();
  else if (!["leader", "admin", "officer"].includes(session.role)) gateRefused("");
  else render();
});

/** An administrator's choices of scope: every province, then every ward (asked once, when the field is first used). */
async function fillScopeChoices() {
  const all = await getJson(`/api/v1/wards?${new URLSearchParams({ simplify: 10000 })}`);
  const provinces = [...new Set(all.features.map((f) => f.properties.province).filter(Boolean))].sort();
  $("scope-choices").innerHTML = provinces.map((p) => `<option value="province:${esc(p)}">`).join("")
    + all.features.map((f) => `<option value="${esc(f.id)}">${esc(f.properties.name)}</option>`).join("");
}

/** An administrator has no scope of their own: the page opens on the province of the ward the map page opens on. */
async function adminDefaultScope() {
  const config = await getJson("/api/v1/config");
  if (!config.ward) return null;
  const fc = await getJson(`/api/v1/wards?${new URLSearchParams({ ward: config.ward, simplify: 10000 })}`);
  const province = fc.features.find((f) => f.id === config.ward)?.properties.province;
  return province ? `province:${province}` : config.ward;
}

// ---------------------------------------------------------------- start
applyLanguage();
try {
  session = await getJson("/api/v1/session");
  applyLanguage();
  if (session.role === "public") {
    gateSignIn();
  } else if (!["leader", "admin", "officer"].includes(session.role)) {
    gateRefused("");
  } else {
    if (session.role === "admin") {
      $("scope-field").hidden = false;
      $("scope").addEventListener("focus", () => fillScopeChoices().catch(() => {}), { once: true });
      if (!state.scope) state.scope = await adminDefaultScope();
      $("scope").value = state.scope ?? "";
    }
    await load();
  }
} catch (e) {
  $("status").textContent = `${t("failed")}: ${e.message}`;
  document.body.dataset.ready = "error";
}
