// The officers' map. Everything comes from this app's own API; only basemap tiles come from the configured URL,
// and when they cannot load the data layers still show on a plain background.
import { TEXTS, fill, isoToVn, vnToIso, yearBefore, instantToVn, vnDates, vnInstantMs, vnToday, vnNow } from "/i18n.js";
import { vectorTileLayer } from "/mvt.js";

let lang = localStorage.getItem("antt.lang") === "en" ? "en" : "vi";
const t = (key) => TEXTS[lang][key] ?? key;
/** A text with its {slots} filled: tf("hsWindow", {months: 24, …}). */
const tf = (key, values) => fill(t(key), values);
const $ = (id) => document.getElementById(id);
const status = $("status");
/** What the next click on the map places: "incident" after "Thêm vụ việc", "organisation" after "Thêm cơ quan…". */
let picking = null;

let session = { role: "public", csrf: null };

/** A refusal from the API: its status and its body ({error, detail}, and whatever else it says). */
class ApiError extends Error {
  constructor(status, body) {
    super(`${body.error}: ${body.detail}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * The API's refusal as the forms read it: answers come in the page's language (Accept-Language); when the body lists
 * its problems, each becomes a line "<where>, field <code>: <message>" so that a form places it next to its field by
 * the code (the API's own detail names the field in words and stays in detailText).
 */
function refusal(status, body) {
  if (Array.isArray(body.problems)) {
    body.detailText = body.detail;
    body.detail = body.problems.map((p) => `${p.location}${p.field ? `, field ${p.field}` : ""}: ${p.message}`).join("\n");
  }
  return new ApiError(status, body);
}

async function getJson(url) {
  const r = await fetch(url, { credentials: "same-origin", headers: { "Accept-Language": lang } });
  const body = await r.json();
  if (!r.ok) throw refusal(r.status, body);
  return body;
}

/** One record of an editable layer with its version (the ETag that a PUT or DELETE sends as If-Match). */
async function getVersioned(url) {
  const r = await fetch(url, { credentials: "same-origin", headers: { "Accept-Language": lang } });
  const body = await r.json();
  if (!r.ok) throw refusal(r.status, body);
  return { feature: body, etag: r.headers.get("ETag") };
}

// Asked side by side: one round trip before the map can start, not three.
const [config, sessionNow, standard] = await Promise.all([getJson("/api/v1/config"), getJson("/api/v1/session"),
  getJson("/api/v1/standard")]);
session = sessionNow;
const signedIn = session.role !== "public";
// The dashboard's "sign in" link (/?login=dashboard) goes back to it once signed in.
if (signedIn && new URLSearchParams(location.search).get("login") === "dashboard") location.replace("/dashboard.html");

/** What the panel showed when the last write was sent (its first element): {@link afterWrite} leaves a panel the user has since moved on from. */
let writtenFrom = null;

/** A write with the session's CSRF token (and If-Match when editing a version). */
async function send(method, url, body, etag) {
  writtenFrom = $("panel-body").firstElementChild;
  const r = await fetch(url, { method, credentials: "same-origin", headers: { "Content-Type": "application/json",
    "Accept-Language": lang, ...(session.csrf ? { "X-CSRF-Token": session.csrf } : {}), ...(etag ? { "If-Match": etag } : {}) },
  body: body == null ? undefined : JSON.stringify(body) });
  const text = await r.text();
  const json = text ? JSON.parse(text) : {};
  if (!r.ok) throw refusal(r.status, json);
  return json;
}
const categories = new Map(config.categories.map((c) => [c.code, c]));
const catName = (code) => { const c = categories.get(code); return c ? (lang === "vi" ? c.nameVi : c.nameEn) : code; };
const CATEGORY_COLOURS = {
  political_security: "#6b21a8", crime: "#c53030", social_evil: "#b7791f", administrative_violation: "#2b6cb0",
  fire_explosion: "#dd6b20", work_accident: "#805ad5", serious_incident: "#742a2a", dispute: "#319795", other: "#718096",
  complex_dispute: "#0b7285", mass_complaint_incitement: "#d53f8c",
};
// The map opens on the signed-in user's own ward (an officer's, or a planner's when the account names one); the public's
// and the others' on the ward the server proposes.
const state = { ward: session.ward ?? config.ward, from: config.period.from, to: config.period.to, category: "", area: null,
  year: config.scoringYear };
// A link may open the map on a ward and period (the dashboard's drill-down: /?ward=<id>&year=&from=&to=, ISO days); what
// the ward shows follows the access policy, as for any ward.
{
  const asked = new URLSearchParams(location.search);
  const day = (k) => (/^\d{4}-\d{2}-\d{2}$/.test(asked.get(k) ?? "") ? asked.get(k) : null);
  if (asked.get("ward")) state.ward = asked.get("ward");
  if (/^\d{4}$/.test(asked.get("year") ?? "")) state.year = Number(asked.get("year"));
  if (day("from") && day("to") && day("from") <= day("to")) Object.assign(state, { from: day("from"), to: day("to") });
}
const checkTexts = new Map(standard.criteria.flatMap((c) => c.checks.map((k) => [k.id, k])));
const VERDICT_COLOURS = { dat: "#2f855a", chua_dat: "#c53030", chua_du_can_cu: "#d69e2e" };
let verdicts = new Map();
const incidentMarkers = new Map();
const layers = {};
const areaLabels = L.layerGroup();
let wardName = "";

// ---------------------------------------------------------------- map and basemap
const map = L.map("map", { zoomControl: true, zoomSnap: 0.25 }).setView([19.4515, 105.7954], 14);
L.control.scale({ imperial: false, metric: true }).addTo(map);
window.anttMap = map; // for scripted checks and the browser tests
const tiles = L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: config.tileAttribution });
let tileErrors = 0;
tiles.on("tileerror", () => { tileErrors += 1; if (tileErrors === 1) status.textContent = t("tilesFailed"); });
tiles.addTo(map);

// ---------------------------------------------------------------- layers
function areaStyle(feature) {
  const selected = feature.id === state.area;
  const verdict = verdicts.get(feature.id);
  return { className: `antt-area antt-area-${cssId(feature.id)}`, color: selected ? "#8b1a1a" : "#2b6cb0",
    weight: selected ? 3 : 1.2, fillColor: VERDICT_COLOURS[verdict] ?? "#2b6cb0", fillOpacity: selected ? 0.35 : 0.2 };
}

async function loadScores() {
  if (!state.ward) return;
  const body = await getJson(`/api/v1/scores/areas?${new URLSearchParams({ ward: state.ward, year: state.year })}`);
  verdicts = new Map(body.areas.map((a) => [a.subjectId, a.verdict.code]));
  layers.areas?.setStyle(areaStyle);
  $("ward-report").href = `/report.html?${new URLSearchParams({ ward: state.ward, year: state.year, lang })}`;
}

/**
 * The tolerance the outlines are asked for at a zoom: one pixel's width on the ground, in metres, rounded down to a
 * power of two (at least 1), so that the server keeps few versions of each outline and other wards' outlines come
 * simplified for the zoom instead of with every vertex.
 */
function pixelMeters(zoom) {
  const lat = map.getCenter().lat * Math.PI / 180;
  const metres = 40075016.686 * Math.cos(lat) / (256 * 2 ** zoom);
  return Math.min(8192, 2 ** Math.max(0, Math.floor(Math.log2(metres))));
}
/** The outlines drawn: the box they were asked for and their tolerance (null before the first). */
let wardView = null;
let wardAsked = 0;

function showWardName(wards) {
  const own = wards.features.find((f) => f.id === state.ward);
  if (!own) return;
  wardName = own.properties.name;
  $("ward-name").textContent = wardName;
}

/**
 * The outlines of the wards in and around the view (half the view again on each side), simplified for the zoom; asked
 * again when the map leaves that box or is zoomed in to where they would be off by more than two pixels. An answer
 * overtaken by a later view's is dropped.
 */
async function loadWards() {
  const tolerance = pixelMeters(map.getZoom());
  const view = map.getBounds();
  if (wardView && wardView.bounds.contains(view) && 2 * tolerance > wardView.tolerance) return;
  const box = view.pad(0.5);
  const bbox = [Math.max(-180, box.getWest()), Math.max(-90, box.getSouth()), Math.min(180, box.getEast()),
    Math.min(90, box.getNorth())].map((v) => v.toFixed(6)).join(",");
  const asked = ++wardAsked;
  const wards = await getJson(`/api/v1/wards?${new URLSearchParams({ bbox, simplify: tolerance })}`);
  if (asked !== wardAsked) return;
  wardView = { bounds: box, tolerance };
  layers.wards.clearLayers().addData(wards);
  showWardName(wards);
}

/**
 * What the page draws first: the ward outlines (simplified) and the ward's residential areas with their verdicts.
 * Cameras, sectors, roads and the coastline follow ({@link loadContextLayers}) and never hold these back.
 */
async function loadAreaLayers() {
  const q = state.ward ? `?ward=${encodeURIComponent(state.ward)}` : "";
  layers.wards = L.geoJSON(null, { interactive: false, style: (f) => ({ className: "antt-ward",
    color: f.id === state.ward ? "#8b1a1a" : "#888", weight: f.id === state.ward ? 3 : 1, dashArray: f.id === state.ward ? null : "4 4",
    fill: false }) });
  layers.roads = L.geoJSON(null, { interactive: false, style: (f) => ({ className: "antt-road", color: "#a0a0a0",
    weight: f.properties.kind === "main" ? 5 : f.properties.kind === "beach_road" ? 4 : 2.5, opacity: 0.9 }) });
  layers.coastline = L.geoJSON(null, { interactive: false, style: { className: "antt-coast", color: "#1e6fb8", weight: 3 } });
  layers.sectors = L.geoJSON(null, { interactive: false, style: (f) => ({ className: "antt-sector",
    color: f.properties.status === "active" ? "#2f855a" : "#a0aec0", weight: 0.6, fillOpacity: 0.15 }) });
  layers.cameras = L.geoJSON(null, { pointToLayer: (f, ll) => L.circleMarker(ll, { className: "antt-camera",
    radius: 4, color: "#fff", weight: 1, fillColor: f.properties.status === "active" ? "#2f855a" : "#a0aec0", fillOpacity: 1 }),
    onEachFeature: (f, l) => l.bindPopup(() => cameraPopup(f)) });
  // The ward's own outline first (the view opens on it); its neighbours' once the figures show ({@link loadWards}).
  const [areas, own] = await Promise.all([getJson(`/api/v1/areas${q}`),
    state.ward ? getJson(`/api/v1/wards?${new URLSearchParams({ ward: state.ward, simplify: pixelMeters(14) })}`) : null,
    loadScores()]);
  if (own) {
    layers.wards.addData(own);
    showWardName(own);
  }
  layers.areas = L.geoJSON(areas, { style: areaStyle, onEachFeature: (f, l) => l.on("click", () => {
    // While placing a new incident or organisation the click belongs to the map (the form), not to the area's panel.
    if (!picking) openArea(f);
  }).on("mouseover", () => hoverLabel(f.id, "area", true)).on("mouseout", () => hoverLabel(f.id, "area", false)) });
  areaLabels.clearLayers();
  labelMarkers.clear();
  for (const f of areas.features) {
    const shape = layers.areas.getLayers().find((l) => l.feature.id === f.id);
    const at = f.label ? [f.label[1], f.label[0]] : shape.getBounds().getCenter();
    const marker = L.marker(at, { icon: L.divIcon({ className: "antt-area-label", html: `<span data-area-id="${escapeHtml(f.id)}">${escapeHtml(f.properties.name)}</span>`, iconSize: null }),
      keyboard: true, title: f.properties.name, zIndexOffset: 1000 }).on("click", (e) => picking ? map.fire("click", { latlng: clickedAt(e) }) : openArea(f))
      .on("mouseover", () => hoverLabel(f.id, "label", true)).on("mouseout", () => hoverLabel(f.id, "label", false)).addTo(areaLabels);
    const b = shape.getBounds();
    labelMarkers.set(f.id, { marker, size: (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest()) });
  }
  layers.areaGroup = L.layerGroup([layers.areas, areaLabels]);
  // The view moves to the ward before anything is on the map, so that the layers are drawn once, in place.
  fitWard();
  for (const name of ["wards", "areaGroup", "roads", "coastline", "sectors", "cameras"]) layers[name].addTo(map);
}

/** Cameras, their field-of-view sectors, roads and the coastline, drawn into the layers made by {@link loadAreaLayers}. */
async function loadContextLayers() {
  const q = state.ward ? `?ward=${encodeURIComponent(state.ward)}` : "";
  await Promise.all([[`/api/v1/cameras${q}`, "cameras"], [`/api/v1/cameras/sectors${q}`, "sectors"],
    ["/api/v1/roads", "roads"], ["/api/v1/coastline", "coastline"]].map(async ([url, name]) => layers[name].addData(await getJson(url))));
}

/** After a camera is written: its point and sector again (the same layers, so the switcher keeps them), and the figures. */
async function reloadCameras() {
  const q = state.ward ? `?ward=${encodeURIComponent(state.ward)}` : "";
  const [cameras, sectors] = await Promise.all([getJson(`/api/v1/cameras${q}`), getJson(`/api/v1/cameras/sectors${q}`)]);
  layers.cameras.clearLayers();
  layers.cameras.addData(cameras);
  layers.sectors.clearLayers();
  layers.sectors.addData(sectors);
  await loadFigures();
}

// ---------------------------------------------------------------- area labels that do not pile up
// Larger areas keep their full label; a label that would overlap one already placed first shrinks, and if it still
// overlaps it is hidden until its area is hovered. Placed again after every zoom and move.
const labelMarkers = new Map();
const cssId = (id) => String(id).replace(/[^A-Za-z0-9_-]/g, "_");
const overlap = (a, b) => a.left < b.right + 2 && b.left < a.right + 2 && a.top < b.bottom + 2 && b.top < a.bottom + 2;

function declutterLabels() {
  if (!map.hasLayer(areaLabels)) return;
  const placed = [];
  for (const { marker } of [...labelMarkers.values()].sort((a, b) => b.size - a.size)) {
    const el = marker.getElement();
    if (!el) continue;
    // Measured as it shows without the pointer on it: a pass while a label is shown for the pointer (larger, in
    // front) must not keep it shown, and hide another, once the pointer leaves.
    const hovered = el.classList.contains("antt-label-hover");
    el.classList.remove("antt-label-small", "antt-label-hidden", "antt-label-hover");
    placeLabel(el, placed);
    if (hovered) el.classList.add("antt-label-hover");
  }
}

/** Places one label among those already placed: in full, else smaller, else hidden (shown on hover). */
function placeLabel(el, placed) {
  const span = el.firstElementChild;
  let r = span.getBoundingClientRect();
  if (placed.some((q) => overlap(r, q))) {
    el.classList.add("antt-label-small");
    r = span.getBoundingClientRect();
    if (placed.some((q) => overlap(r, q))) {
      el.classList.replace("antt-label-small", "antt-label-hidden");
      return;
    }
  }
  placed.push(r);
}
map.on("zoomend moveend resize overlayadd", declutterLabels);

/** A hidden or shrunk label shows in full, over the others, while its area is under the pointer. */
function hoverLabel(areaId, over, on) {
  const entry = labelMarkers.get(areaId);
  const el = entry?.marker.getElement();
  if (!el) return;
  // Shown while the pointer is over the area or over the label itself: a label that appears under the pointer takes
  // it off the area, and must not then hide (and flicker) or stay shown once the pointer has left both.
  entry.over = { ...entry.over, [over]: on };
  const shown = !!(entry.over.area || entry.over.label);
  el.classList.toggle("antt-label-hover", shown);
  entry.marker.setZIndexOffset(shown ? 2500 : 1000);
}

function fitWard() {
  map.invalidateSize();
  const target = layers.wards.getLayers().find((l) => l.feature.id === state.ward) ?? layers.areas;
  // A ward with neither an outline nor areas keeps the map's view.
  // Not animated: the first view is where the page opens, not a move (a zoom still animating would undo the next one).
  if (target.getBounds().isValid()) map.fitBounds(target.getBounds(), { padding: [10, 10], animate: false });
}

async function loadIncidents() {
  if (!signedIn || session.role === "planner") {
    layers.incidents = layers.incidents ?? L.layerGroup();
    return;
  }
  const q = new URLSearchParams({ from: state.from, to: state.to });
  if (state.ward) q.set("ward", state.ward);
  const data = await getJson(`/api/v1/incidents?${q}`);
  if (layers.incidents) map.removeLayer(layers.incidents);
  const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
  incidentMarkers.clear();
  for (const f of data.features) {
    if (state.category && f.properties.category !== state.category) continue;
    const [lon, lat] = f.geometry.coordinates;
    const colour = CATEGORY_COLOURS[f.properties.category] ?? "#718096";
    const marker = L.marker([lat, lon], { incidentId: f.id, icon: L.divIcon({ className: "antt-incident",
      html: `<div class="incident-icon" style="background:${colour};width:14px;height:14px"></div>`, iconSize: [18, 18] }) })
      // On a phone the popup (with its step form) opens below the map's controls, which would otherwise cover it.
      .bindPopup(() => incidentPopup(f), { autoPanPaddingTopLeft: [10, window.innerWidth < 700 ? 100 : 10] });
    incidentMarkers.set(f.id, marker);
    cluster.addLayer(marker);
  }
  layers.incidents = cluster;
  cluster.addTo(map);
}

// ---------------------------------------------------------------- hotspots: computed on the server, in metres
// Each layer is a grid of cells with fixed values; zooming only redraws them, so what a cell shows never depends on
// the zoom (unlike screen-space heatmaps). The legend says how each was computed.
const DENSITY_COLOURS = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];
const GI_COLOURS = { hot_99: "#b2182b", hot_95: "#ef8a62", hot_90: "#fddbc7", cold_90: "#d1e5f0", cold_95: "#67a9cf",
  cold_99: "#2166ac" };
const EMERGING_COLOURS = { new: "#7f0000", consecutive: "#d7301f", intensifying: "#ef6548", persistent: "#fc8d59",
  diminishing: "#fdbb84", sporadic: "#fdd49e", oscillating: "#c994c7", historical: "#bdbdbd" };
const hotspots = { density: null, gistar: null, emerging: null };
const seesHotspots = () => session.role === "admin" || session.role === "planner"
  || (session.role === "officer" && session.ward === state.ward)
  || (session.role === "leader" && (session.wards ?? []).includes(state.ward));

function hotspotStyle(kind, p) {
  if (kind === "density") {
    return { className: `antt-hs antt-density c${p.class}`, stroke: false, fillColor: DENSITY_COLOURS[p.class - 1], fillOpacity: 0.55 };
  }
  const colour = kind === "gistar" ? GI_COLOURS[p.class] : EMERGING_COLOURS[p.pattern];
  return { className: `antt-hs antt-${kind} ${kind === "gistar" ? p.class : p.pattern}`, stroke: !!colour, weight: 0.5,
    color: "#fff", fillColor: colour ?? "#000", fillOpacity: colour ? 0.6 : 0 };
}

/**
 * The hotspot analyses' own window: the {months} months ending at the filter's last day (the API's default), not the
 * filtered period, so that the legend and the figures bar can say which it is.
 */
const HOTSPOT = { months: config.hotspots?.months ?? 24, minIncidents: config.hotspots?.minIncidents ?? 30 };
function hotspotWindow() {
  const [y, m, d] = state.to.split("-").map(Number);
  const months = y * 12 + (m - 1) - HOTSPOT.months;
  const [yy, mm] = [Math.floor(months / 12), months % 12];
  const day = Math.min(d, new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate());
  return { from: new Date(Date.UTC(yy, mm, day + 1)).toISOString().slice(0, 10), to: state.to };
}
/** The fewest incidents each analysis can work with: density needs two for its bandwidth; Gi* and emerging need more. */
const hotspotMinimum = (kind) => (kind === "density" ? 2 : HOTSPOT.minIncidents);

async function loadHotspots() {
  if (!state.ward || !seesHotspots()) return;
  const win = hotspotWindow();
  const q = new URLSearchParams({ ward: state.ward, from: win.from, to: win.to });
  if (state.category) q.set("categories", state.category);
  // Counted first: an analysis with too few incidents is not asked for (its refusal would be an error in the console
  // on every filter change); the legend says why, once.
  const counted = await getJson(`/api/v1/stats?${new URLSearchParams({ ward: state.ward, from: win.from, to: win.to })}`);
  const n = state.category ? (counted.incidents.byCategory[state.category] ?? 0) : counted.incidents.total;
  await Promise.all(Object.keys(hotspots).map(async (kind) => {
    const label = t({ density: "hsDensity", gistar: "hsGistar", emerging: "hsEmerging" }[kind]);
    const group = hotspots[kind]?.layer ?? L.layerGroup();
    group.clearLayers();
    if (n < hotspotMinimum(kind)) {
      hotspots[kind] = { layer: group, label, body: null, error: null, tooFew: { n, min: hotspotMinimum(kind) } };
      return;
    }
    try {
      const body = await getJson(`/api/v1/hotspots/${kind}?${q}`);
      L.geoJSON(body, { interactive: false, style: (f) => hotspotStyle(kind, f.properties) }).addTo(group);
      hotspots[kind] = { layer: group, label, body, error: null };
    } catch (e) {
      hotspots[kind] = { layer: group, label, body: null, error: e.message.replace(/^[^:]*: /, "") };
    }
  }));
  updateHotspotLegend();
}

/** Numbers as the page's language writes them: 3.993 in Vietnamese, 3,993 in English. */
const locale = () => (lang === "vi" ? "vi-VN" : "en-GB");
const num = (x, d = 1) => Number(x).toLocaleString(locale(), { maximumFractionDigits: d });

function hotspotParameters(p) {
  const cats = p.categories === "all" ? t("hsAllCats") : p.categories.split(",").map(catName).join(", ");
  const parts = [];
  if (p.analysis === "density") {
    parts.push(`${t("hsKernel")}, ${t("hsBandwidth")} ${num(p.bandwidth_m)} m (${p.bandwidth_rule === "given" ? t("hsGiven") : t("hsRule")})`);
  }
  parts.push(`${t("hsCell")} ${num(p.cell_m)} m`);
  if (p.band_m) parts.push(`${t("hsBand")} ${num(p.band_m)} m`);
  if (p.correction) parts.push("FDR Benjamini–Hochberg");
  if (p.step_months) parts.push(`${t("hsStep")} ${p.step_months} ${t("hsMonths")} × ${p.steps}`);
  parts.push(`n = ${p.n}`, `${isoToVn(p.period_first)}–${isoToVn(p.period_last)}`, cats, p.crs);
  return parts.join(" · ");
}

let hotspotLegend;
const HOTSPOT_TITLES = { density: "hsDensityTitle", gistar: "hsGistarTitle", emerging: "hsEmergingTitle" };
function updateHotspotLegend() {
  const wasOpen = hotspotLegend?.getContainer()?.querySelector("details")?.open;
  hotspotLegend?.remove();
  hotspotLegend = null;
  const shown = Object.entries(hotspots).filter(([, h]) => h && map.hasLayer(h.layer));
  if (!shown.length) return;
  // Under the zoom buttons, clear of the status line at the bottom: it scrolls within the room left (fitHotspotLegend).
  hotspotLegend = L.control({ position: "topleft" });
  hotspotLegend.onAdd = () => {
    const div = L.DomUtil.create("div", "legend hotspot-legend");
    const sw = (c) => `<i style="background:${c};opacity:.75"></i>`;
    const win = hotspotWindow();
    const windowNote = `<p class="note" data-hotspot-window>${escapeHtml(tf("hsWindow", { months: HOTSPOT.months,
      from: isoToVn(win.from), to: isoToVn(win.to) }))}${win.from !== state.from ? `, ${escapeHtml(tf("hsWindowDiffers",
      { from: isoToVn(state.from), to: isoToVn(state.to) }))}` : ""}</p>`;
    // Analyses that could not run: each reason once, naming the layers it holds for.
    const reasons = new Map();
    for (const [kind, h] of shown.filter(([, x]) => !x.body)) {
      const why = h.tooFew ? tf("hsTooFew", { min: h.tooFew.min, months: HOTSPOT.months, from: isoToVn(win.from),
        to: isoToVn(win.to), n: h.tooFew.n }) + (state.category ? ` (${catName(state.category)})` : "") : h.error;
      reasons.set(why, [...(reasons.get(why) ?? []), kind]);
    }
    // The reasons first, where they are seen without scrolling.
    const entries = [...reasons].map(([why, kinds]) => `<div data-hotspot-reason="${kinds.join(" ")}"><b>${kinds.map((k) =>
      escapeHtml(t(HOTSPOT_TITLES[k]))).join(", ")}</b><br><span class="up">${t("hsNotPossible")}: ${escapeHtml(why)}</span></div>`).join("")
      + shown.filter(([, h]) => h.body).map(([kind, h]) => {
      const title = t(HOTSPOT_TITLES[kind]);
      const p = h.body.parameters;
      let classes;
      if (kind === "density") {
        const b = h.body.summary.breaks_per_km2;
        classes = b.map((v, i) => `<span data-class="c${i + 1}">${sw(DENSITY_COLOURS[i])}${num(i ? b[i - 1] : 0, 2)}–${num(v, 2)}</span>`).join("<br>");
      } else if (kind === "gistar") {
        const counts = h.body.summary.classes;
        classes = Object.keys(GI_COLOURS).map((c) => `<span data-class="${c}">${sw(GI_COLOURS[c])}${t(c)} (${counts[c] ?? 0})</span>`).join("<br>")
          + `<br><span data-class="not_significant"><i style="border:1px solid #999;box-sizing:border-box"></i>${t("not_significant")} (${counts.not_significant ?? 0})</span>`;
      } else {
        const counts = h.body.summary.patterns;
        classes = Object.keys(EMERGING_COLOURS).map((c) => `<span data-class="${c}">${sw(EMERGING_COLOURS[c])}${t(c)} (${counts[c] ?? 0})</span>`).join("<br>");
      }
      return `<div data-hotspot="${kind}"><b>${title}</b><br>${classes}<p class="note params">${escapeHtml(hotspotParameters(p))}</p></div>`;
    }).join("");
    const open = wasOpen ?? (window.innerWidth >= 700);
    div.innerHTML = `<details${open ? " open" : ""}><summary><b>${t("hsLegend")}</b></summary><div class="hs-body">${windowNote}${entries}</div></details>`;
    div.querySelector("details").addEventListener("toggle", fitHotspotLegend);
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  hotspotLegend.addTo(map);
  fitHotspotLegend();
}

/** The hotspot legend's body scrolls within the room between its top and the status line (or the scale bar). */
function fitHotspotLegend() {
  const body = hotspotLegend?.getContainer()?.querySelector(".hs-body");
  if (!body) return;
  const box = map.getContainer().getBoundingClientRect();
  let bottom = box.bottom - 36;
  const statusBox = status.getBoundingClientRect();
  if (status.textContent && statusBox.height) bottom = Math.min(bottom, statusBox.top - 6);
  const [inner, outer] = [body.getBoundingClientRect(), hotspotLegend.getContainer().getBoundingClientRect()];
  body.style.maxHeight = `${Math.max(bottom - inner.top - (outer.bottom - inner.bottom), 48)}px`;
}
map.on("resize", fitHotspotLegend);
new MutationObserver(fitHotspotLegend).observe(status, { childList: true, characterData: true, subtree: true });
map.on("overlayadd overlayremove", updateHotspotLegend);

// ---------------------------------------------------------------- figures bar, panel, popups
async function loadCoverage() {
  if (!state.ward) return null;
  const c = await getJson(`/api/v1/coverage?${new URLSearchParams({ ward: state.ward, from: state.from, to: state.to })}`);
  if (layers.coverage) layers.coverage.redraw();
  // The coverage tiles are for those who may read camera_coverage (not the public): no request that would be refused.
  if (!layers.coverage && signedIn) {
    // The coverage polygons come as vector tiles (the collection camera_coverage), drawn on canvas.
    layers.coverage = vectorTileLayer("camera_coverage", { fill: "rgba(56,161,105,0.35)", stroke: "#276749" }).addTo(map);
  }
  return c;
}

const askStats = () => getJson(`/api/v1/stats?${new URLSearchParams({ ward: state.ward, from: state.from, to: state.to })}`);

const pct = (share) => share == null ? "–" : `${(100 * share).toLocaleString(locale(), { maximumFractionDigits: 1 })}%`;

/**
 * The figures bar: the ward's counts as soon as they come, then camera coverage (computed per area, it may take
 * longer) in its place; {@code shown} is called once the counts are on screen.
 */
async function loadFigures(shown = () => {}, asked = null) {
  if (!state.ward) return;
  const s = await (asked ?? askStats());
  showFigures(s, null);
  shown();
  showFigures(s, await loadCoverage());
}

function showFigures(s, c) {
  const incidents = state.category ? (s.incidents.byCategory[state.category] ?? 0) : s.incidents.total;
  const team = (k) => s.teams.byKind[k] ?? { teams: 0, members: 0 };
  $("figures").innerHTML = [
    [t("figIncidents") + (state.category ? ` (${catName(state.category)})` : ""), incidents, "incidents"],
    [t("figDisputes"), s.mediatedDisputes, "disputes"], [t("figExtractions"), s.videoExtractions, "extractions"],
    [t("figCameras"), `${s.cameras.active}/${s.cameras.total}`, "cameras"],
    [t("figRegistered"), s.registeredHouseholds.toLocaleString(locale()), "registered"],
    [t("figGuards"), `${team("street_guard").teams} (${team("street_guard").members} ${t("members")})`, "guards"],
    [t("figTeams"), `${team("social_security").teams} (${team("social_security").members.toLocaleString(locale())} ${t("members")})`, "teams"],
    [t("figCoverage"), c == null ? "…" : `${pct(c.areaShare)} ${t("coverageArea")} · ${pct(c.roadShare)} ${t("coverageRoads")} · `
      + `${c.incidentsCovered}/${c.incidents} ${t("coverageIncidents")}`, "coverage"],
    ...handlingFigures(s.handling),
  ].map(([label, value, key]) => `<span data-figure="${key}">${escapeHtml(label)}: <b>${value}</b></span>`).join("")
    + figuresPeriodsHtml(s);
}

/**
 * The period's handling, for who may see it (the API sends none to others): received (every incident of the period,
 * whatever the category filter, with how many have no handling recorded), handled, in progress, and the median time
 * to handle, "no data" when nothing was handled.
 */
function handlingFigures(h) {
  if (!h) return [];
  const all = state.category ? ` (${t("figAllCategories")})` : "";
  return [
    [t("figReceived") + all, `${h.received}${h.unknown ? ` <span class="note">(${escapeHtml(tf("figUnknown", { n: h.unknown }))})</span>` : ""}`, "received"],
    [t("figHandled") + all, h.handled, "handled"], [t("figOpen") + all, h.open, "open"],
    [t("figMedian") + all, h.medianHoursToHandle == null ? escapeHtml(t("noData")) : `${num(h.medianHoursToHandle)} ${t("hours")}`, "median"],
  ];
}

/**
 * Which period each figure of the bar covers: the filtered period for counts, the period's last day for cameras and
 * households, the teams' rating year, and the hotspots' own window when the user may see them.
 */
function figuresPeriodsHtml(s) {
  const [from, to] = [isoToVn(state.from), isoToVn(state.to)];
  const win = hotspotWindow();
  return `<span class="note" data-period="counts">${escapeHtml(tf("figPeriod", { from, to }))}</span>`
    + `<span class="note" data-period="as-of">${escapeHtml(tf("figAsOf", { to }))}${s.teams.year ? `; ${escapeHtml(tf("figTeamsYear", { year: s.teams.year }))}` : ""}</span>`
    + (seesHotspots() ? `<span class="note" data-period="hotspots">${escapeHtml(tf("figHotspots", { months: HOTSPOT.months,
      from: isoToVn(win.from), to }))}</span>` : "");
}

async function openArea(feature) {
  loadChartJs().catch(() => {}); // in flight while the panel's figures load; drawTrends reports a failure
  state.area = feature.id;
  layers.areas.setStyle(areaStyle);
  const base = { ward: state.ward, area: feature.id };
  const [now, before] = await Promise.all([
    getJson(`/api/v1/stats?${new URLSearchParams({ ...base, from: state.from, to: state.to })}`),
    getJson(`/api/v1/stats?${new URLSearchParams({ ...base, from: yearBefore(state.from), to: yearBefore(state.to) })}`)]);
  const p = feature.properties;
  const pick = (s) => state.category ? (s.incidents.byCategory[state.category] ?? 0) : s.incidents.total;
  const n = pick(now);
  const b = pick(before);
  const diff = n - b;
  const share = now.households ? (100 * now.registeredHouseholds / now.households) : 0;
  const team = (k) => now.teams.byKind[k] ?? { teams: 0, members: 0 };
  const [from, to] = [isoToVn(state.from), isoToVn(state.to)];
  // Rows are [label, value]; a row of one text heads the group under it with the period its figures cover.
  const rows = [
    [tf("panelRecord", { to })],
    [t("kind"), t(p.kind)],
    [t("households"), now.households.toLocaleString(locale())],
    [t("registeredShare"), `${now.registeredHouseholds.toLocaleString(locale())} (${share.toLocaleString(locale(), { maximumFractionDigits: 1 })}%)`],
    [t("teamsStreet") + (now.teams.year ? ` (${tf("teamsYear", { year: now.teams.year })})` : ""),
      `${team("street_guard").teams} (${team("street_guard").members} ${t("members")})`],
    [t("teamsSocial") + (now.teams.year ? ` (${tf("teamsYear", { year: now.teams.year })})` : ""), `${team("social_security").teams} (${team("social_security").members} ${t("members")})`],
    [t("camerasActive"), `${now.cameras.active}/${now.cameras.total}`],
    [t("panelIncidents")],
    [`${t("incidentsNow")} (${isoToVn(state.from)}–${isoToVn(state.to)})`, n],
    [`${t("incidentsBefore")} (${isoToVn(yearBefore(state.from))}–${isoToVn(yearBefore(state.to))})`, b],
    [t("change"), `<span class="${diff > 0 ? "up" : diff < 0 ? "down" : ""}">${diff > 0 ? "+" : ""}${diff}</span>`],
  ];
  // The year's declarations (the area's and the ward's), for those who may write them; others see none.
  const declared = canEdit() ? Promise.all([["area", feature.id], ["ward", state.ward]].map(([kind, id]) =>
    getJson(`/api/v1/attestations?${new URLSearchParams({ subject_kind: kind, subject_id: id, year: state.year })}`)
      .then((b) => ({ kind, items: b.attestations })).catch(() => ({ kind, items: [] })))) : null;
  const teamsListed = canEdit() ? getJson(`/api/v1/teams?${new URLSearchParams({ area: feature.id })}`)
    .then((b) => b.features).catch((err) => ({ error: err.message })) : null;
  const [card, cov, trends, listed, teams] = await Promise.all([
    getJson(`/api/v1/scores/areas/${encodeURIComponent(feature.id)}?year=${state.year}`),
    getJson(`/api/v1/coverage?${new URLSearchParams({ ...base, from: state.from, to: state.to })}`),
    getJson(`/api/v1/trends?${new URLSearchParams({ ...base, to: state.to })}`), declared, teamsListed]);
  rows.push([tf("panelCoverage", { from, to })],
    [t("workingShare"), `${cov.camerasWorking}/${cov.camerasTotal}`], [t("coveredArea"), pct(cov.areaShare)],
    [t("coveredRoads"), pct(cov.roadShare)], [t("coveredIncidents"), `${cov.incidentsCovered}/${cov.incidents}`]);
  let i = 0;
  $("panel-body").innerHTML = `<h2>${escapeHtml(p.name)}</h2><table>${rows.map(([k, v]) => v === undefined
    ? `<tr class="period-head"><th colspan="2">${escapeHtml(k)}</th></tr>`
    : `<tr data-row="${i++}"><th>${escapeHtml(String(k))}</th><td>${v}</td></tr>`).join("")}</table>`
    + (String(p.source ?? "").startsWith("synthetic") ? `<p class="note">${t("synthetic")}</p>` : "")
    + scorecardHtml(card)
    + (listed ? declarationsHtml(listed) : "")
    + (teams ? teamsHtml(teams) : "")
    + trendsHtml(trends)
    + `<p class="actions"><a href="/report.html?${new URLSearchParams({ ward: state.ward, area: feature.id, year: state.year, lang })}"
         target="_blank" rel="noopener">${t("areaReport")}</a></p>`;
  $("panel-body").querySelectorAll("button[data-incident]").forEach((b) =>
    b.addEventListener("click", () => showIncident(b.dataset.incident, card.period)));
  $("panel-body").querySelectorAll("button[data-confirm-hint]").forEach((b) =>
    b.addEventListener("click", () => confirmHotspot(feature, card, b)));
  const back = () => openArea(feature);
  const on = (selector, handler) => $("panel-body").querySelectorAll(selector).forEach((b) => b.addEventListener("click", () => handler(b)));
  on("button[data-declare]", (b) => openAttestationForm({ area: feature, back,
    preset: { checkId: b.dataset.declare, year: b.dataset.year ? Number(b.dataset.year) : card.year } }));
  on("button[data-edit-attestation]", (b) => openAttestationForm({ area: feature, attestationId: b.dataset.editAttestation, back }));
  on("button[data-delete-attestation]", (b) => deleteAttestation(b.dataset.deleteAttestation, back));
  on("#add-declaration", () => openAttestationForm({ area: feature, back }));
  on("#add-team", () => openTeamForm({ area: feature, back }));
  on("button[data-edit-team]", (b) => openTeamForm({ area: feature, id: b.dataset.editTeam, back }));
  on("button[data-edit-incident]", (b) => openIncidentForm(null, b.dataset.editIncident, back));
  on("button[data-edit-decision]", (b) => openExceptionForm({ decisionId: b.dataset.editDecision, back }));
  on("button[data-decide]", (b) => {
    const k = card.criteria.flatMap((c) => c.checks).find((x) => x.checkId === b.dataset.decide);
    openExceptionForm({ check: k.checkId, back, incidents: k.evidence.filter((e) => e.layer === "incidents")
      .map((e) => [e.id, vnDates(e.label ?? "")]) });
  });
  const panel = $("panel");
  panel.dataset.areaId = feature.id;
  panel.hidden = false;
  await drawTrends(trends);
}

// ---------------------------------------------------------------- trend charts (Chart.js, served by the app)
let charts = [];
function trendsHtml(tr) {
  const y = tr.yearOnYear;
  const change = y.changePercent == null ? "–" : `${y.changePercent > 0 ? "+" : ""}${num(y.changePercent)}%`;
  return `<h3>${t("trendsTitle")}</h3>
    <figure class="chart"><figcaption>${t("trendMonths")} (${isoToVn(tr.from)}–${isoToVn(tr.to)})</figcaption>
      <canvas id="trend-months" role="img" aria-label="${t("trendMonths")}"></canvas></figure>
    <figure class="chart"><figcaption>${t("trendPeriods")}</figcaption>
      <canvas id="trend-periods" role="img" aria-label="${t("trendPeriods")}"></canvas></figure>
    <p class="note" id="trend-yoy">${t("yoyToDate")}: ${isoToVn(y.first)}–${isoToVn(y.last)} <b>${y.count}</b>;
      ${isoToVn(y.previousFirst)}–${isoToVn(y.previousLast)} <b>${y.previousCount}</b> (<span class="${y.count > y.previousCount ? "up" : y.count < y.previousCount ? "down" : ""}">${change}</span>)</p>`;
}

/** Chart.js (served by the app), loaded the first time a panel draws a chart: the map's first paint does not wait for it. */
let chartJs = null;
function loadChartJs() {
  chartJs ??= new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement("script"), { src: "/webjars/chart.js/4.5.1/dist/chart.umd.min.js" });
    script.onload = () => resolve(window.Chart);
    script.onerror = () => { chartJs = null; script.remove(); reject(new Error(t("chartsFailed"))); };
    document.head.append(script);
  });
  return chartJs;
}

async function drawTrends(tr) {
  charts.forEach((c) => c.destroy());
  charts = [];
  const months = $("trend-months");
  try { await loadChartJs(); } catch (e) { status.textContent = e.message; return; }
  // The panel may have been redrawn (another area) while the script loaded: draw only into the canvas it was for.
  if (!months.isConnected) return;
  const cats = [...new Set(tr.months.flatMap((m) => Object.keys(m.byCategory)))];
  const stacked = { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } };
  const options = { animation: false, responsive: true, maintainAspectRatio: false, scales: stacked,
    plugins: { legend: { position: "bottom", labels: { boxWidth: 10, font: { size: 10 } } } } };
  charts.push(new Chart($("trend-months"), { type: "bar", options, data: {
    labels: tr.months.map((m) => `${m.month.slice(5)}/${m.month.slice(0, 4)}`),
    datasets: cats.map((c) => ({ label: catName(c), backgroundColor: CATEGORY_COLOURS[c] ?? "#718096",
      data: tr.months.map((m) => m.byCategory[c] ?? 0) })) } }));
  charts.push(new Chart($("trend-periods"), { type: "bar", options, data: {
    labels: tr.periods.map((p) => `${isoToVn(p.first)}–${isoToVn(p.last)}${p.whole ? "" : ` (${t("partialPeriod")})`}`),
    datasets: cats.map((c) => ({ label: catName(c), backgroundColor: CATEGORY_COLOURS[c] ?? "#718096",
      data: tr.periods.map((p) => p.byCategory[c] ?? 0) })) } }));
}

/** The officer confirms a hotspot hint: a K4c record (a new social-order hotspot) dated in the scored period. */
async function confirmHotspot(feature, card, button) {
  const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Ho_Chi_Minh" });
  const hint = card.hints.find((h) => h.checkId === button.dataset.confirmHint);
  button.disabled = true;
  try {
    await send("POST", "/api/v1/social_records", { type: "Feature", geometry: null, properties: {
      area_id: feature.id, kind: "new_hotspot", record_count: 1,
      recorded_on: today > card.period.last ? card.period.last : today,
      description: `${t("confirmedFrom")}: ${hint.evidence.map((e) => e.id).join(", ")}` } });
    await openArea(feature);
    await loadScores();
  } catch (err) { button.disabled = false; status.textContent = err.message; }
}

const canConfirm = () => session.role === "admin" || (session.role === "officer" && session.ward === state.ward);

function hintsHtml(card) {
  return (card.hints ?? []).map((h) => `<div class="hint" data-hint="${escapeHtml(h.checkId)}"><b>${escapeHtml(h.checkId)}</b>
    ${escapeHtml(lang === "vi" ? h.textVi : h.textEn)}<br><span class="note">${h.evidence.map((e) => escapeHtml(`${e.id} (${e.label})`)).join(", ")}</span>
    ${canConfirm() ? `<br><button type="button" data-confirm-hint="${escapeHtml(h.checkId)}">${t("confirmHotspot")}</button>` : ""}</div>`).join("");
}

/** The scorer's notes that a declaration is missing (its Vietnamese half, which never changes with the language). */
const REGISTER_NOT_DECLARED = "chưa xác nhận sổ theo dõi vụ việc đầy đủ";
const PREVIOUS_NOT_DECLARED = "chưa xác nhận sổ theo dõi vụ việc kỳ trước đầy đủ";

function scorecardHtml(card) {
  const rows = card.criteria.flatMap((c) => c.checks.map((k) => {
    const text = checkTexts.get(k.checkId);
    const label = lang === "vi" ? text?.textVi : text?.glossEn;
    const measured = k.measured == null ? "" : (k.checkId.endsWith("households") || k.checkId.startsWith("X4"))
      ? `${(100 * k.measured).toLocaleString(locale(), { maximumFractionDigits: 1 })}%`
      : typeof k.measured === "number" ? num(k.measured, 2) : String(k.measured);
    const evidence = k.evidence.filter((e) => e.layer !== "attestations").map((e) => e.layer === "incidents"
      ? `<button type="button" data-incident="${escapeHtml(e.id)}" title="${escapeHtml(vnDates(e.label))}">${escapeHtml(e.id)}</button>`
      : escapeHtml(vnDates(e.label ?? e.id))).join(" ");
    const excepted = k.exceptions.length ? `<div class="exceptions"><b>${t("excepted")}</b>: ${k.exceptions.map((e) =>
      `<span class="exception" data-decision="${escapeHtml(e.decisionId)}"><button type="button" data-incident="${escapeHtml(e.id)}">${escapeHtml(e.id)}</button>
      ${escapeHtml(TEXTS[lang][`exc_${e.exception}`] ?? (lang === "vi" ? e.exceptionVi : e.exceptionEn))}: ${escapeHtml(e.decidedBy)}, ${e.decidedOn ? isoToVn(e.decidedOn) : ""}, `
      + `${escapeHtml(e.documentRef ?? "")}${canEdit() ? ` <button type="button" data-edit-decision="${escapeHtml(e.decisionId)}">${t("edit")}</button>` : ""}</span>`).join("; ")}</div>` : "";
    // An incident missing its deciding field opens the incident's form; an unrated team is named (teams are imported).
    const missing = k.missing?.length ? `<div class="missing"><b>${t("needsDetails")}</b>: ${k.missing.map((e) => e.layer === "incidents"
      ? `<button type="button" data-edit-incident="${escapeHtml(e.id)}" title="${escapeHtml(vnDates(e.label ?? ""))}">${escapeHtml(e.id)}</button>`
      : escapeHtml(vnDates(e.label ?? e.id))).join("; ")}</div>` : "";
    const actions = [];
    if (canEdit()) {
      if (String(k.note ?? "").includes(REGISTER_NOT_DECLARED)) {
        actions.push(`<button type="button" class="act" data-declare="register_complete">${t("declareRegister")}</button>`);
      }
      if (String(k.note ?? "").includes(PREVIOUS_NOT_DECLARED)) {
        actions.push(`<button type="button" class="act" data-declare="register_complete" data-year="${card.year - 1}">${t("declarePreviousRegister")}</button>`);
      }
      if (String(k.kind).toLowerCase() === "attested") {
        actions.push(k.attestation?.id ? `<button type="button" class="act" data-edit-attestation="${escapeHtml(k.attestation.id)}">${t("editAttestation")}</button>`
          : `<button type="button" class="act" data-declare="${escapeHtml(k.checkId)}">${t("attest")}</button>`);
      }
      if (EXCEPTIONS_FOR[k.checkId] && k.evidence.some((e) => e.layer === "incidents")) {
        actions.push(`<button type="button" class="act" data-decide="${escapeHtml(k.checkId)}">${t("newDecision")}</button>`);
      }
    }
    const attestation = k.attestation ? `${t("attestedBy")}: ${escapeHtml(k.attestation.attestedBy)}`
      + (k.attestation.signedFor ? ` (${escapeHtml(k.attestation.signedFor)})` : "")
      + (k.attestation.attestedAt ? `, ${instantToVn(k.attestation.attestedAt)}` : "")
      + (k.attestation.documentRef ? ` (${escapeHtml(k.attestation.documentRef)})` : "") : "";
    return `<tr data-check="${escapeHtml(k.checkId)}"><td><b>${escapeHtml(k.checkId)}</b> ${escapeHtml(label ?? "")}
      <div class="ev">${evidence}${excepted}${missing}${attestation}${noteOf(k) && !k.attestation ? `<br><span class="check-note">${escapeHtml(vnDates(noteOf(k)))}</span>` : ""}</div>
      ${actions.length ? `<div class="check-actions">${actions.join("")}</div>` : ""}</td>
      <td class="m"><span class="st ${k.status}" title="${t(k.status)}">${t(k.status)}</span><br>${measured}</td></tr>`;
  })).join("");
  const a = card.advisory;
  return `<h3>${t("standardTitle")} ${card.year} <span class="verdict ${card.verdict.code}" data-verdict="${card.verdict.code}">${t(card.verdict.code)}</span></h3>
    <p class="note" data-period="scoring">${escapeHtml(tf("scorePeriod", { year: card.year, from: isoToVn(card.period.first),
      to: isoToVn(card.period.last) }))}${card.period.first !== state.from || card.period.last !== state.to
      ? `, ${escapeHtml(tf("scorePeriodDiffers", { from: isoToVn(state.from), to: isoToVn(state.to) }))}` : ""}</p>
    <table class="scorecard">${rows}</table>${hintsHtml(card)}
    <p class="note" data-advisory>${t("advisory")}: ${a.incidentsPer1000 == null ? "" : `${t("per1000")} ${num(a.incidentsPer1000)}; `}`
    + `${t("yoy")}${card.previousPeriod ? ` (${isoToVn(card.previousPeriod.first)}–${isoToVn(card.previousPeriod.last)})` : ""}: `
    + `${a.incidentsNow} / ${a.incidentsBefore}</p>`;
}

/** Shows an incident that is evidence of a criterion: widens the filters to its period if needed, then opens it. */
async function showIncident(id, period) {
  if (!incidentMarkers.has(id)) {
    const before = { from: state.from, to: state.to, category: state.category };
    setPeriod(period.first, period.last, "");
    await refresh();
    // The period changed under the user: say so, with a way back to the one they had.
    status.innerHTML = `<span id="period-moved">${escapeHtml(tf("periodMoved", { id, from: isoToVn(state.from), to: isoToVn(state.to) }))}</span> `
      + `<button type="button" id="period-back" class="act">${escapeHtml(tf("periodBack", { from: isoToVn(before.from), to: isoToVn(before.to) }))}</button>`;
    $("period-back").addEventListener("click", async () => {
      status.textContent = "";
      setPeriod(before.from, before.to, before.category);
      await refresh();
    });
  }
  const marker = incidentMarkers.get(id);
  if (marker) layers.incidents.zoomToShowLayer(marker, () => marker.openPopup());
}

/** Sets the filtered period (ISO days) and category, in the state and in the filter fields. */
function setPeriod(from, to, category) {
  Object.assign(state, { from, to, category });
  $("from").value = isoToVn(from);
  $("to").value = isoToVn(to);
  $("category").value = category;
}

/** Says that a saved incident lies outside the filters, and widens them to its day when asked. */
function offerToShow(id, day) {
  status.innerHTML = `<span id="saved-hidden">${escapeHtml(t("outsidePeriod"))}</span> `
    + `<button type="button" id="show-saved" class="act">${escapeHtml(t("showIt"))}</button>`;
  $("show-saved").addEventListener("click", async () => {
    status.textContent = "";
    Object.assign(state, { from: day < state.from ? day : state.from, to: day > state.to ? day : state.to, category: "" });
    $("from").value = isoToVn(state.from);
    $("to").value = isoToVn(state.to);
    $("category").value = "";
    await refresh();
    const marker = incidentMarkers.get(id);
    if (marker) layers.incidents.zoomToShowLayer(marker, () => marker.openPopup());
  });
}

function closePanel() {
  dropPin();
  $("panel").hidden = true;
  delete $("panel").dataset.mode;
  delete $("panel").dataset.areaId;
  state.area = null;
  layers.areas?.setStyle(areaStyle);
}

function cameraPopup(f) {
  const p = f.properties;
  return `<div data-camera-popup="${escapeHtml(f.id)}"><b>${escapeHtml(p.name ?? f.id)}</b><br>${t("bearing")}: ${num(p.bearing_deg)}° · `
    + `${t("fov")}: ${num(p.fov_deg)}° · ${t("range")}: ${num(p.range_m)} m<br>${t("status")}: ${t(p.status)}`
    + (p.installed_on ? `<br>${t("installedOn")}: ${isoToVn(p.installed_on)}` : "")
    + (canEditWard(p.ward_id) ? `<br><button type="button" class="act" data-edit-camera="${escapeHtml(f.id)}">${t("editCamera")}</button>` : "")
    + "</div>";
}

function incidentPopup(f) {
  const p = f.properties;
  return `<div data-incident-popup="${escapeHtml(f.id)}"><b>${escapeHtml(catName(p.category))}</b> <span class="note">${escapeHtml(f.id)}</span><br>`
    + `${t("occurredAt")}: ${instantToVn(p.occurred_at)}<br>${escapeHtml(p.description ?? "")}`
    + `<div class="incident-life" data-life="${escapeHtml(f.id)}">${lifeHtml(f)}</div>`
    + (canEdit() ? `<button type="button" class="act" data-edit-incident="${escapeHtml(f.id)}">${t("editIncident")}</button>`
      + ` <button type="button" class="act" data-decide-incident="${escapeHtml(f.id)}">${t("newDecision")}</button>` : "")
    + "</div>";
}

// ---------------------------------------------------------------- an incident's handling, step by step
/** The steps of an incident's handling, in order (IncidentLifecycle on the server). */
const STEPS = ["received", "assigned", "verified", "handled", "closed"];
/** What each step names besides its time and author. */
const STEP_DETAIL = { assigned: "assigned_to", handled: "handling" };
const HANDLING_OUTCOMES = ["mediated", "fined", "warned", "transferred", "referred", "no_violation"];
/** The record's handling fields: an edit of the rest keeps them as they were (the server refuses a step undone). */
const LIFE_FIELDS = STEPS.flatMap((s) => [`${s}_at`, `${s}_by`, ...(STEP_DETAIL[s] ? [STEP_DETAIL[s]] : [])]).concat("status");

/**
 * The status in words, each step taken with its time (dd/MM/yyyy HH:mm) and by whom, and for who may write the
 * incident's ward, a form for the next step (whom it is assigned to, or how it was handled; its time, now if left empty).
 */
function lifeHtml(f) {
  const p = f.properties;
  const done = p.status ? STEPS.slice(0, STEPS.indexOf(p.status) + 1) : [];
  const rows = done.map((s) => {
    const detail = s === "assigned" ? ` → ${escapeHtml(p.assigned_to ?? "")}` : s === "handled" && p.handling ? ` (${escapeHtml(t(`ho_${p.handling}`))})` : "";
    return `<li data-step="${s}">${escapeHtml(t(`st_${s}`))}: ${p[`${s}_at`] ? instantToVn(p[`${s}_at`]) : "–"}`
      + `${p[`${s}_by`] ? ` · ${escapeHtml(p[`${s}_by`])}` : ""}${detail}</li>`;
  }).join("");
  const next = p.status === "closed" ? null : STEPS[p.status ? STEPS.indexOf(p.status) + 1 : 0];
  let form = "";
  if (next && canEditWard(p.ward_id)) {
    const id = escapeHtml(f.id);
    const field = (name, label, control) => `<label for="step-${name}">${escapeHtml(label)}</label>${control}`
      + `<span class="field-error" data-for="${name}" id="step-${name}-error"></span>`;
    form = `<form class="step-form" data-step-form="${id}" data-next="${next}" novalidate>`
      + (next === "assigned" ? field("assigned_to", t("assignedTo"), `<input id="step-assigned_to" name="assigned_to" maxlength="200" required>`) : "")
      + (next === "handled" ? field("handling", t("handlingField"), `<select id="step-handling" name="handling" required>`
        + `<option value="">${escapeHtml(t("choose"))}</option>${HANDLING_OUTCOMES.map((o) =>
          `<option value="${o}">${escapeHtml(t(`ho_${o}`))}</option>`).join("")}</select>`) : "")
      + field("at", t("stepAt"), `<input id="step-at" name="at" inputmode="numeric" autocomplete="off">`)
      + `<button type="submit" class="act" data-step-button="${next}">${escapeHtml(t(`step_${next}`))}</button>`
      + `<span class="form-error" aria-live="polite"></span></form>`;
  }
  return `<b>${escapeHtml(t("lifeTitle"))}:</b> <span data-status="${escapeHtml(p.status ?? "")}">${escapeHtml(t(`st_${p.status ?? "none"}`))}</span>`
    + (rows ? `<ol class="steps">${rows}</ol>` : "<br>") + form;
}

/**
 * Wires the next-step form of an incident's popup: the record is read again with its version (a colleague may have
 * moved it since the map loaded), and the step is sent with that version (If-Match) and the CSRF token. Then the map is
 * reloaded and the popup opened again on the new status; a refusal shows in the form, in the page's language.
 */
async function wireLife(box) {
  const id = box.dataset.life;
  let current;
  try {
    current = await getVersioned(`/api/v1/incidents/${encodeURIComponent(id)}`);
  } catch (err) {
    return; // the popup keeps what the map loaded; the server refuses a step on a stale version anyway
  }
  if (!box.isConnected) return;
  box.innerHTML = lifeHtml(current.feature);
  const form = box.querySelector("form[data-step-form]");
  if (!form) return;
  const reopen = async () => {
    await refresh();
    const marker = incidentMarkers.get(id);
    if (marker) layers.incidents.zoomToShowLayer(marker, () => marker.openPopup());
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors(form);
    const next = form.dataset.next;
    const body = { status: next };
    const detail = STEP_DETAIL[next];
    if (detail) {
      const v = form.elements[detail].value.trim();
      if (!v) { fieldError(form, detail, t("errRequired")); return; }
      body[detail] = v;
    }
    const at = form.elements.at.value.trim();
    if (at) {
      const ms = vnInstantMs(at);
      if (ms === null) { fieldError(form, "at", t("badInstant")); return; }
      if (ms > Date.now() + 5 * 60 * 1000) { fieldError(form, "at", tf("futureDate", { value: at, today: vnToday() })); return; }
      body.at = new Date(ms).toISOString();
    }
    form.querySelector("button[type=submit]").disabled = true;
    try {
      await send("POST", `/api/v1/incidents/${encodeURIComponent(id)}/status`, body, current.etag);
      await reopen();
    } catch (err) {
      form.querySelector("button[type=submit]").disabled = false;
      // A field the server names (the time of a step, whom, how) is shown beside it when the form has it.
      if (err instanceof ApiError && err.body.field === "status") {
        clearErrors(form);
        form.querySelector(".form-error").textContent = reasonText(String(err.body.detail ?? ""));
        return;
      }
      // The step's time is refused under its field's name (assigned_at, …): the form shows it by the time it asked.
      if (err instanceof ApiError && typeof err.body.detail === "string") {
        err.body.detail = err.body.detail.replace(new RegExp(`field ${next}_at: `, "g"), "field at: ");
      }
      showApiError(form, err, reopen);
    }
  });
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// ---------------------------------------------------------------- controls: layers, legend, filters, language
let layerControl;
let legend;
function buildControls() {
  layerControl?.remove();
  legend?.remove();
  layerControl = L.control.layers(null, {
    [t("wards")]: layers.wards, [t("areas")]: layers.areaGroup, [t("roads")]: layers.roads,
    [t("coastline")]: layers.coastline, [t("sectors")]: layers.sectors, [t("cameras")]: layers.cameras,
    [t("incidents")]: layers.incidents, ...(layers.coverage ? { [t("coverage")]: layers.coverage } : {}),
    ...(layers.organisations ? { [t("organisations")]: layers.organisations } : {}),
    ...(layers.plan ? { [t("proposals")]: layers.plan } : {}),
    ...Object.fromEntries(Object.entries(hotspots).filter(([, h]) => h).map(([kind, h]) =>
      [t({ density: "hsDensity", gistar: "hsGistar", emerging: "hsEmerging" }[kind]), h.layer])) },
  // Open only where there is room for it and the legend under it; elsewhere an icon that opens on hover or a tap.
  { collapsed: window.innerWidth < 900 || map.getSize().y < 700 }).addTo(map);
  updateHotspotLegend();
  // The legend sits under the layer switcher in the same corner, so that Leaflet stacks them and neither covers the other.
  legend = L.control({ position: "topright" });
  legend.onAdd = () => {
    const div = L.DomUtil.create("div", "legend");
    const sw = (style) => `<i style="${style}"></i>`;
    div.innerHTML = `<details${window.innerWidth >= 900 && window.innerHeight >= 1000 ? " open" : ""}><summary><b>${t("legendTitle")}</b></summary>`
      + `${sw("border:3px solid #8b1a1a")}${t("legendWard")}<br>${sw("border:1px solid #2b6cb0;background:rgba(43,108,176,.15)")}${t("legendArea")}<br>`
      + `${sw("background:#a0a0a0;height:4px")}${t("legendRoad")}<br>${sw("background:#1e6fb8;height:3px")}${t("legendCoast")}<br>`
      + Object.entries(VERDICT_COLOURS).map(([code, c]) => `${sw(`background:${c};opacity:.6`)}${t(code)}<br>`).join("")
      + `${sw("background:#2f855a;border-radius:50%;width:10px")}${t("legendCamera")}<br>${sw("background:rgba(47,133,90,.3)")}${t("legendSector")}<br>`
      + [...categories.keys()].map((c) => `${sw(`background:${CATEGORY_COLOURS[c]};border-radius:50%;width:10px`)}${escapeHtml(catName(c))}`).join("<br>")
      + "</details>";
    return div;
  };
  legend.addTo(map);
  legend.getContainer().querySelector("details").addEventListener("toggle", fitLegend);
  // The switcher grows and shrinks (hover, a new overlay): the legend under it keeps to the room that is left.
  new ResizeObserver(fitLegend).observe(layerControl.getContainer());
  fitLegend();
}

/**
 * The legend's height is the room under the layer switcher, above the attribution line: it scrolls, never covers. When
 * the switcher's open list leaves too little room even for its title (a short map), the legend steps aside until the
 * list closes.
 */
function fitLegend() {
  const box = legend?.getContainer();
  const details = box?.querySelector("details");
  if (!details) return;
  const foot = map.getContainer().getBoundingClientRect().bottom;
  box.style.display = layerControl && foot - layerControl.getContainer().getBoundingClientRect().bottom < 90 ? "none" : "";
  if (box.style.display === "none") return;
  const room = foot - details.getBoundingClientRect().top - 40;
  details.style.maxHeight = `${Math.max(room, 36)}px`;
}
map.on("resize", fitLegend);

function fillCategorySelect() {
  const select = $("category");
  select.innerHTML = `<option value="">${t("allCategories")}</option>` + [...categories.keys()]
    .map((c) => `<option value="${c}"${c === state.category ? " selected" : ""}>${escapeHtml(catName(c))}</option>`).join("");
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t("title");
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  $("lang").textContent = t("switchTo");
  $("lang").setAttribute("aria-label", t("switchLabel"));
  $("panel-close").setAttribute("aria-label", t("close"));
  $("ward-name").textContent = wardName;
  // The sign-in button says what it does for this session: a signed-in officer stays signed in after the switch.
  $("login").textContent = signedIn ? `${t("logout")} (${session.username})` : t("login");
  $("map").setAttribute("aria-label", t("mapLabel"));
  if (tileErrors > 0) status.textContent = t("tilesFailed");
  fillCategorySelect();
}

$("filters").addEventListener("submit", async (e) => {
  e.preventDefault();
  const from = vnToIso($("from").value);
  const to = vnToIso($("to").value);
  const error = $("filter-error");
  if (!from || !to) { error.textContent = t("badDate"); return; }
  if (to < from) { error.textContent = t("badRange"); return; }
  const year = Number($("year").value);
  if (!/^\d{4}$/.test($("year").value) || year < 2000 || year > 2100) { error.textContent = t("badYear"); return; }
  error.textContent = "";
  Object.assign(state, { from, to, category: $("category").value, year });
  try {
    await refresh();
  } catch (err) {
    // A refusal (a year before the circular came into force: 422) is said next to the filters, in the page's language.
    error.textContent = err instanceof ApiError ? reasonText(String(err.body.detail ?? err.message)) : err.message;
  }
});

$("lang").addEventListener("click", async () => {
  lang = lang === "vi" ? "en" : "vi";
  localStorage.setItem("antt.lang", lang);
  applyLanguage();
  buildControls();
  await loadFigures();
  const open = $("panel").dataset.areaId;
  if (open) await openArea(layers.areas.getLayers().find((l) => l.feature.id === open).feature);
});
$("panel-close").addEventListener("click", closePanel);
$("planner").addEventListener("click", openPlanner);
$("planner").hidden = !signedIn;
$("new-incident").hidden = !(session.role === "officer" || session.role === "admin");
$("new-organisation").hidden = !(session.role === "officer" || session.role === "admin");
$("new-camera").hidden = $("new-organisation").hidden;
$("login").addEventListener("click", () => (signedIn ? logout() : openLogin()));
$("dashboard-link").hidden = !["leader", "admin", "officer"].includes(session.role);
if (!signedIn && new URLSearchParams(location.search).has("login")) openLogin();

function openLogin() {
  $("panel-body").innerHTML = `<h2>${t("login")}</h2><form class="plan" id="login-form">
    <label>${t("username")} <input id="login-user" autocomplete="username" required></label>
    <label>${t("password")} <input id="login-password" type="password" autocomplete="current-password" required></label>
    <button type="submit">${t("signIn")}</button></form><p id="login-error" class="up"></p>`;
  $("panel").hidden = false;
  $("login-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await send("POST", "/api/v1/login", { username: $("login-user").value, password: $("login-password").value });
      location.reload();
    } catch (err) { $("login-error").textContent = err.message; }
  });
}

async function logout() {
  await send("POST", "/api/v1/logout");
  location.reload();
}

/** Where a click on a marker (an area's name label) was made: the pointer's spot, not the marker's anchor. */
function clickedAt(e) {
  const m = e.originalEvent;
  return m && typeof m.clientX === "number" && (m.clientX || m.clientY) ? map.mouseEventToLatLng(m) : e.latlng;
}

/** The spot chosen for a new record, shown as a pin before saving; it can be dragged, and Esc removes it. */
let pin = null;
function dropPin() {
  if (pin) map.removeLayer(pin);
  pin = null;
  map.pendingPin = null;
}
function placePin(latlng, moved) {
  dropPin();
  pin = L.marker(latlng, { draggable: true, autoPan: true, zIndexOffset: 3000, title: t("pinHint"), alt: t("pinHint"),
    icon: L.divIcon({ className: "antt-pin", html: "<div></div>", iconSize: [26, 26], iconAnchor: [13, 31] }) }).addTo(map);
  pin.on("dragend", () => moved(pin.getLatLng()));
  map.pendingPin = pin; // for the browser tests
}
/** "19.451500, 105.795400" with the pin's hint under the form's title. */
const spotHtml = (id, at, isNew) => `<p class="note" id="${id}">${at[1].toFixed(6)}, ${at[0].toFixed(6)}</p>`
  + (isNew ? `<p class="note">${t("pinHint")}</p>` : "");

function cancelPicking() {
  const wasPicking = !!picking;
  picking = null;
  if (pin) { dropPin(); closePanel(); }
  else if (!wasPicking) return;
  status.textContent = t("cancelled");
}
document.addEventListener("keydown", (e) => { if (e.key === "Escape") cancelPicking(); });

$("new-incident").addEventListener("click", () => {
  picking = "incident";
  status.textContent = t("clickMap");
});
$("new-camera").addEventListener("click", () => {
  picking = "camera";
  status.textContent = t("clickMapCamera");
});
$("new-organisation").addEventListener("click", () => {
  picking = "organisation";
  status.textContent = t("clickMapOrg");
});
map.on("click", (e) => {
  if (!picking) return;
  const what = picking;
  picking = null;
  status.textContent = "";
  if (what === "incident") openIncidentForm(e.latlng);
  else if (what === "camera") openCameraForm(e.latlng);
  else openOrganisationForm(e.latlng);
});

// ---------------------------------------------------------------- record forms: one builder, errors next to fields
// A form is a list of fields: {name, label (a text key), kind: text | number | date | datetime | select | bool,
// options: [[value, text key], …], value, required, hint}. Nothing is validated by the browser (no `required`
// attribute): the API decides, and its refusal is shown next to each field it names, in the page's language.
const today = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Ho_Chi_Minh" });

/** An option's text: a text key, "raw:" a text shown as it is, "cat:" an incident category's name. */
const optionText = (key) => key.startsWith("raw:") ? key.slice(4) : key.startsWith("cat:") ? catName(key.slice(4)) : t(key);

function fieldHtml(prefix, f) {
  const id = `${prefix}-${f.name}`;
  const v = f.value ?? "";
  const aria = `${f.required ? ' aria-required="true"' : ""} aria-describedby="${id}-error"`;
  let control;
  if (f.kind === "select" || f.kind === "bool") {
    const options = f.kind === "bool" ? [["", f.unknown ?? "boolUnknown"], ["true", "yes"], ["false", "no"]] : f.options;
    const current = f.kind === "bool" ? (v === true ? "true" : v === false ? "false" : "") : String(v);
    control = `<select id="${id}" name="${f.name}"${aria}>${options.map(([o, key]) =>
      `<option value="${escapeHtml(o)}"${o === current ? " selected" : ""}>${escapeHtml(optionText(key))}</option>`).join("")}</select>`;
  } else {
    const shown = f.kind === "date" && v ? isoToVn(v) : f.kind === "decimal" && v !== "" ? Number(v).toLocaleString(locale(),
      { useGrouping: false, maximumFractionDigits: 6 }) : v;
    const extra = f.kind === "decimal" ? ' inputmode="decimal"' : f.kind === "number" ? ' inputmode="numeric"' : f.kind === "date" ? ' inputmode="numeric" placeholder="dd/mm/yyyy"' : "";
    control = `<input id="${id}" name="${f.name}" value="${escapeHtml(shown)}"${extra}${f.readonly ? " readonly" : ""}${aria}>`;
  }
  return `<div class="field" data-field="${f.name}"><label for="${id}">${t(f.label)}${f.required ? " *" : ""}</label>${control}
    <span class="field-error" id="${id}-error" data-for="${f.name}" role="alert"></span></div>`;
}

function formHtml(prefix, formId, fields, submitKey = "save", extra = "") {
  return `<form class="plan record" id="${formId}" novalidate>${fields.map((f) => fieldHtml(prefix, f)).join("")}
    <p class="form-buttons"><button type="submit">${t(submitKey)}</button>${extra}</p>
    <p class="form-error" role="alert"></p></form>`;
}

/** The form's values as the API takes them (dates ISO, yes/no as booleans, empty as null), or null after marking bad dates. */
function readForm(prefix, form, fields) {
  clearErrors(form);
  const out = {};
  let ok = true;
  for (const f of fields) {
    if (f.readonly) continue; // shown, not sent: the server decides it
    const raw = $(`${prefix}-${f.name}`).value.trim();
    if (raw === "") { out[f.name] = null; continue; }
    if (f.kind === "bool") out[f.name] = raw === "true";
    else if (f.kind === "number") {
      if (!/^-?\d+$/.test(raw)) { fieldError(form, f.name, t("badNumber")); ok = false; } else out[f.name] = Number(raw);
    } else if (f.kind === "decimal") {
      // The page's decimal mark (a comma in Vietnamese, a point in English); no thousands separators.
      const mark = lang === "vi" ? "," : ".";
      const plain = raw.replace(mark, ".");
      if (!/^-?\d+(\.\d+)?$/.test(plain) || (mark === "," && raw.includes("."))) {
        fieldError(form, f.name, t("badDecimal")); ok = false;
      } else out[f.name] = Number(plain);
    } else if (f.kind === "date") {
      const iso = vnToIso(raw);
      if (!iso) { fieldError(form, f.name, t("badDate")); ok = false; } else out[f.name] = iso;
    } else out[f.name] = raw;
  }
  if (!ok) form.querySelector(".form-error").textContent = t("fixFields");
  return ok ? out : null;
}

function clearErrors(form) {
  form.querySelectorAll(".field-error, .form-error").forEach((e) => { e.textContent = ""; });
  form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
}

/** Marks a field and says what is wrong with it, naming it as its label does. */
function fieldError(form, name, text) {
  const slot = form.querySelector(`.field-error[data-for="${name}"]`);
  const input = form.querySelector(`[name="${name}"]`);
  if (!slot || !input) return false;
  const label = form.querySelector(`label[for="${input.id}"]`)?.textContent.replace(/ \*$/, "") ?? name;
  slot.textContent = `${label}: ${text}`;
  input.setAttribute("aria-invalid", "true");
  return true;
}

/** A check's note in the page's language (the scorer writes both). */
const noteOf = (k) => (lang === "vi" ? k.note : (k.noteEn ?? k.note)) ?? "";

/** A reason from the API in the page's language: "vi / en" texts are split, the common ones translated. */
function reasonText(reason) {
  const r = reason.trim();
  if (r === "required value is missing" || r === "bắt buộc, chưa nhập / required value is missing") return t("errRequired");
  const both = r.indexOf(" / ");
  if (both > 0 && /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(r.slice(0, both))) {
    return lang === "vi" ? r.slice(0, both) : r.slice(both + 3);
  }
  return r;
}

/**
 * Shows an API refusal on a form: each problem next to the field it names, the rest at the form's foot. Nothing was
 * saved. A record someone else changed meanwhile (409) names who and when, and `reload` (when given) opens it again.
 */
function showApiError(form, err, reload) {
  clearErrors(form);
  // A result line from an earlier save ("Saved: …") no longer describes what is on the form.
  const result = form.nextElementSibling;
  if (result?.matches("p[aria-live]")) result.textContent = "";
  const foot = form.querySelector(".form-error");
  if (!(err instanceof ApiError)) { foot.textContent = `${t("notSaved")}: ${err.message}`; return; }
  const detail = String((lang === "vi" ? err.body.detailVi ?? err.body.detail_vi : err.body.detailEn ?? err.body.detail_en)
    ?? err.body.detail ?? "");
  const rest = [];
  for (const line of detail.split("\n")) {
    const m = /field (\w+): (.*)$/.exec(line);
    if (m && fieldError(form, m[1], reasonText(m[2]))) continue;
    if (line.trim()) rest.push(m ? `${m[1]}: ${reasonText(m[2])}` : line);
  }
  const why = { 401: "errSignIn", 403: "errForbidden", 409: "errConflict", 428: "errConflict", 404: "errNotFound" }[err.status];
  if (err.status === 409 && err.body.currentVersion) {
    foot.textContent = err.body.changedAt
      ? t("changedBy").replace("{who}", err.body.changedBy ?? t("operatorAtServer")).replace("{at}", instantToVn(err.body.changedAt))
      : rest.join(" · ") || t("errConflict");
    if (reload) {
      const again = document.createElement("button");
      again.type = "button";
      again.className = "act";
      again.id = "reload-record";
      again.textContent = t("reloadLatest");
      again.addEventListener("click", reload);
      foot.append(" ", again);
    }
    return;
  }
  foot.textContent = [why ? t(why) : t("notSaved"), ...rest].join(" · ");
}

/**
 * The record a form edits, with its version: null for a new record (no id), undefined when it could not be read
 * (the status line says why, and the form does not open).
 */
async function editing(layer, id) {
  if (!id) return null;
  try {
    return await getVersioned(`/api/v1/${layer}/${encodeURIComponent(id)}`);
  } catch (err) {
    status.textContent = err.message;
    return undefined;
  }
}

/** Wires a form's delete button: asks why (kept in the audit log), deletes the version shown, then `done`. */
function wireDelete(buttonId, form, url, etag, done, reload) {
  $(buttonId)?.addEventListener("click", async () => {
    const reason = askReason();
    if (reason == null) return;
    try {
      await send("DELETE", withReason(url, reason), null, etag);
      map.closePopup();
      await done();
    } catch (err) { showApiError(form, err, reload); }
  });
}

/** Opens a form in the panel; `back` returns to what was shown before (the area's panel). */
function openForm(title, html, back) {
  const panel = $("panel");
  // The area's panel gives way to the form (a refresh must not redraw the panel over it); `back` returns to it.
  delete panel.dataset.mode;
  delete panel.dataset.areaId;
  $("panel-body").innerHTML = `<h2>${escapeHtml(title)}</h2>${html}`
    + (back ? `<p class="actions"><button type="button" class="link" id="form-back">${t("back")}</button></p>` : "");
  if (back) $("form-back").addEventListener("click", back);
  panel.hidden = false;
  $("panel").scrollTop = 0;
}

/**
 * After a write: the area's panel again if the form came from it (its card re-scored); else the record's form opened
 * again at its new version (`reopen`, then `text` in its result line `resultId`), or after a delete only `text`.
 */
async function afterWrite(back, reopen, resultId, text) {
  await Promise.all([loadScores(), loadOrganisations()]);
  buildControls();
  // The user opened something else while the layers were reloaded (an area's panel, another record): that stays, and
  // the write is said in the status line.
  if (writtenFrom && !writtenFrom.isConnected) {
    status.textContent = text;
    return;
  }
  if (back) { await back(); return; }
  if (reopen) await reopen();
  else openForm(text, "");
  if ($(resultId)) $(resultId).textContent = text;
}

/** Asks why a record is deleted (the reason goes into the audit log); null when cancelled or left empty. */
function askReason() {
  const r = prompt(`${t("confirmDelete")} ${t("deleteReason")}`);
  return r && r.trim() ? r.trim() : null;
}
const withReason = (url, reason) => `${url}?${new URLSearchParams({ reason })}`;

const canEdit = () => canEditWard(state.ward);
/** Whether the signed-in user may write records of the ward (the server decides; this only hides what it would refuse). */
function canEditWard(ward) { return session.role === "admin" || (session.role === "officer" && session.ward === ward); }
// No option is chosen for the officer: a new incident starts with an empty category, severity and channel.
const SEVERITY_OPTIONS = [["", "choose"], ...["it_nghiem_trong", "nghiem_trong", "rat_nghiem_trong", "dac_biet_nghiem_trong"].map((c) => [c, `sev_${c}`])];
const CHANNEL_OPTIONS = [["", "choose"], ...["in_person", "hotline_113", "vneid", "app", "patrol"].map((c) => [c, `ch_${c}`])];

function incidentFields(p) {
  return [
    { name: "category", label: "category", kind: "select", required: true, value: p.category ?? "",
      options: [["", "choose"], ...[...categories.keys()].map((c) => [c, `cat:${c}`])] },
    { name: "occurred_at", label: "occurredLocal", kind: "text", required: true, value: p.occurred_at ? instantToVn(p.occurred_at)
      : vnNow() },
    { name: "severity", label: "severity", kind: "select", value: p.severity ?? "", options: SEVERITY_OPTIONS },
    { name: "serious", label: "seriousField", kind: "bool", value: p.serious ?? null },
    { name: "deaths", label: "deathsField", kind: "number", value: p.deaths ?? "" },
    { name: "channel", label: "channel", kind: "select", required: true, value: p.channel ?? "", options: CHANNEL_OPTIONS },
    { name: "description", label: "description", kind: "text", value: p.description ?? "" },
  ];
}

/** A new incident at a clicked point, or (with `id`) an existing one to edit: severity, seriousness and deaths decide K4b/K4d. */
async function openIncidentForm(latlng, id, back) {
  const current = await editing("incidents", id);
  if (current === undefined) return;
  const p = current?.feature.properties ?? {};
  const fields = incidentFields(p);
  let at = current ? current.feature.geometry.coordinates : [latlng.lng, latlng.lat];
  openForm(current ? `${t("editIncident")} ${id}` : t("newIncident"),
    spotHtml("inc-at", at, true) + formHtml("inc", "incident-form", fields, "save",
      current ? `<button type="button" class="danger" id="inc-delete">${t("deleteIncident")}</button>` : "")
    + `<p id="incident-result" aria-live="polite"></p>`, back);
  // The pin shows the spot, new or stored; dragging it moves the record when saved.
  placePin(L.latLng(at[1], at[0]), (ll) => { at = [ll.lng, ll.lat]; $("inc-at").textContent = `${ll.lat.toFixed(6)}, ${ll.lng.toFixed(6)}`; });
  const form = $("incident-form");
  const reload = () => openIncidentForm(null, id, back);
  if (current) {
    wireDelete("inc-delete", form, `/api/v1/incidents/${encodeURIComponent(id)}`, current.etag, async () => {
      dropPin();
      await refresh();
      await afterWrite(back, null, "incident-result", `${t("deleted")}: ${id}`);
    }, reload);
  }
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = readForm("inc", form, fields);
    if (!v) return;
    // An incident has happened: a time after now (beyond 5 minutes of clock skew) is a typo. The server checks too.
    const when = vnInstantMs(v.occurred_at);
    if (when !== null && when > Date.now() + 5 * 60 * 1000) {
      fieldError(form, "occurred_at", t("futureDate").replace("{value}", v.occurred_at.trim()).replace("{today}", vnToday()));
      form.querySelector(".form-error").textContent = t("fixFields");
      return;
    }
    // Fields this form does not show are kept as they were (a bare flag excepts nothing, but it is not ours to drop; the
    // handling moves on from the popup, step by step).
    const keep = current ? { force_majeure: p.force_majeure ?? null, promptly_handled: p.promptly_handled ?? null,
      ...Object.fromEntries(LIFE_FIELDS.map((k) => [k, p[k] ?? null])) } : {};
    const feature = { type: "Feature", geometry: { type: "Point", coordinates: at }, properties: { ...keep, ...v } };
    try {
      const saved = current ? await send("PUT", `/api/v1/incidents/${encodeURIComponent(id)}`, feature, current.etag)
        : await send("POST", "/api/v1/incidents", feature);
      dropPin();
      await refresh();
      await afterWrite(back, () => openIncidentForm(null, saved.id), "incident-result", `${t("saved")}: ${saved.id}`);
      // A record the filters hide is said to be saved all the same, with a way to show it.
      const day = vnToIso(String(v.occurred_at ?? "").slice(0, 10));
      if (!incidentMarkers.has(saved.id) && day) offerToShow(saved.id, day);
    } catch (err) { showApiError(form, err, current ? reload : null); }
  });
}

// ---------------------------------------------------------------- exception decisions (K4b, K4d)
/** K4d excepts force majeure only; K4b also prompt detection, mitigation and reporting. */
const EXCEPTIONS_FOR = { K4b: ["force_majeure", "prompt_handling"], K4d: ["force_majeure"] };

/**
 * Records (or with `decisionId` edits) a decision that an incident is excepted from K4b or K4d. `incidents` are the
 * incidents to choose from ([id, label]); `check` fixes the check when opened from its row of the scorecard.
 */
async function openExceptionForm({ incidents, check, decisionId, back }) {
  const current = await editing("exception_decisions", decisionId);
  if (current === undefined) return;
  const p = current?.feature.properties ?? {};
  const checkNow = p.check_id ?? check ?? "K4b";
  const choices = current ? [[p.incident_id, p.incident_id]] : incidents;
  const fields = [
    { name: "incident_id", label: "incident", kind: "select", required: true, value: p.incident_id ?? choices[0]?.[0] ?? "",
      options: choices.map(([id, label]) => [id, `raw:${id}${label && label !== id ? ` (${label})` : ""}`]) },
    { name: "check_id", label: "check", kind: "select", required: true, value: checkNow,
      options: (check && !current ? [check] : ["K4b", "K4d"]).map((c) => [c, `chk_${c}`]) },
    { name: "exception", label: "exceptionField", kind: "select", required: true, value: p.exception ?? "force_majeure",
      options: EXCEPTIONS_FOR[checkNow].map((x) => [x, `exc_${x}`]) },
    { name: "decided_by", label: "decidedBy", kind: "text", required: true, value: p.decided_by ?? session.username ?? "" },
    { name: "decided_on", label: "decidedOn", kind: "date", required: true, value: p.decided_on ?? today() },
    { name: "document_ref", label: "documentRef", kind: "text", required: true, value: p.document_ref ?? "" },
    { name: "note", label: "note", kind: "text", value: p.note ?? "" },
  ];
  openForm(current ? t("editDecision") : t("newDecision"), formHtml("exc", "exception-form", fields, "save",
    current ? `<button type="button" class="danger" id="exc-delete">${t("delete")}</button>` : "")
    + `<p id="exception-result" aria-live="polite"></p>`, back);
  const form = $("exception-form");
  // The exceptions offered follow the check: K4d never offers prompt handling.
  $("exc-check_id").addEventListener("change", () => {
    const allowed = EXCEPTIONS_FOR[$("exc-check_id").value];
    const was = $("exc-exception").value;
    $("exc-exception").innerHTML = allowed.map((x) => `<option value="${x}"${x === was ? " selected" : ""}>${escapeHtml(t(`exc_${x}`))}</option>`).join("");
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = readForm("exc", form, fields);
    if (!v) return;
    const feature = { type: "Feature", geometry: null, properties: v };
    try {
      const saved = current ? await send("PUT", `/api/v1/exception_decisions/${encodeURIComponent(decisionId)}`, feature, current.etag)
        : await send("POST", "/api/v1/exception_decisions", feature);
      await afterWrite(back, () => openExceptionForm({ decisionId: saved.id }), "exception-result", `${t("saved")}: ${saved.id}`);
    } catch (err) { showApiError(form, err); }
  });
  if (current) {
    wireDelete("exc-delete", form, `/api/v1/exception_decisions/${encodeURIComponent(decisionId)}`, current.etag,
      () => afterWrite(back, null, null, t("deleted")));
  }
}

// ---------------------------------------------------------------- declarations and attestations
const declarations = new Map((standard.declarations ?? []).map((d) => [d.id, d]));
/** What an officer may declare or attest for an area or the ward: the standard's declarations, then its attested checks. */
function attestable(level) {
  const decl = [...declarations.values()].filter((d) => d.levels.map((l) => l.toLowerCase()).includes(level)).map((d) => d.id);
  const checks = standard.criteria.filter((c) => String(c.level).toLowerCase() === level)
    .flatMap((c) => c.checks.filter((k) => String(k.kind).toLowerCase() === "attested").map((k) => k.id));
  return [...decl, ...checks];
}
const attestText = (id) => {
  const d = declarations.get(id) ?? checkTexts.get(id);
  return d ? (lang === "vi" ? d.textVi : d.glossEn) : id;
};

/**
 * Records (or with `attestationId` edits) a declaration or attestation for an area or the ward and a period year.
 * `preset` fills the check, subject and year (from the button that opened it).
 */
async function openAttestationForm({ area, preset = {}, attestationId, back }) {
  const current = await editing("attestations", attestationId);
  if (current === undefined) return;
  const p = current?.feature.properties ?? {};
  const subjectKind = p.subject_kind ?? preset.subjectKind ?? "area";
  const subjects = [["area", `raw:${area.properties.name}`], ["ward", `raw:${wardName || state.ward}`]];
  const checkOptions = (kind) => attestable(kind).map((id) => [id, `raw:${attestText(id)}`]);
  const fields = [
    { name: "subject_kind", label: "subject", kind: "select", required: true, value: subjectKind,
      options: current ? subjects.filter(([k]) => k === subjectKind) : subjects },
    { name: "check_id", label: "declaration", kind: "select", required: true, value: p.check_id ?? preset.checkId ?? "register_complete",
      options: checkOptions(subjectKind) },
    { name: "period_year", label: "periodYear", kind: "number", required: true, value: p.period_year ?? preset.year ?? state.year },
    { name: "attested", label: "attestedField", kind: "select", required: true, value: String(p.attested ?? true),
      options: [["true", "yes"], ["false", "no"]] },
    // The signed-in user signs (the server records their account whatever is sent); the free text may say more.
    { name: "attested_by", label: "attestedByField", kind: "text", required: true, readonly: true, value: session.username ?? "" },
    { name: "signed_for", label: "signedForField", kind: "text", value: p.signed_for ?? "" },
    { name: "document_ref", label: "documentRef", kind: "text", value: p.document_ref ?? "" },
    { name: "note", label: "note", kind: "text", value: p.note ?? "" },
  ];
  openForm(current ? t("editDeclaration") : t("newDeclaration"), formHtml("att", "attestation-form", fields, "save",
    current ? `<button type="button" class="danger" id="att-delete">${t("delete")}</button>` : "")
    + `<p id="attestation-result" aria-live="polite"></p>`, back);
  const form = $("attestation-form");
  $("att-subject_kind").addEventListener("change", () => {
    const was = $("att-check_id").value;
    $("att-check_id").innerHTML = checkOptions($("att-subject_kind").value).map(([id, key]) =>
      `<option value="${escapeHtml(id)}"${id === was ? " selected" : ""}>${escapeHtml(optionText(key))}</option>`).join("");
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = readForm("att", form, fields);
    if (!v) return;
    v.attested = v.attested == null ? null : v.attested === "true";
    v.subject_id = v.subject_kind === "ward" ? state.ward : area.id;
    try {
      let saved;
      if (current) {
        const props = { ...v, attested_at: new Date().toISOString() };
        saved = await send("PUT", `/api/v1/attestations/${encodeURIComponent(attestationId)}`, { type: "Feature", geometry: null, properties: props }, current.etag);
      } else {
        const { period_year: year, ...rest } = v;
        saved = await send("POST", "/api/v1/attestations", { ...rest, year });
      }
      await afterWrite(back, () => openAttestationForm({ area, attestationId: saved.id }), "attestation-result", `${t("saved")}: ${saved.id}`);
    } catch (err) {
      // POST /attestations names the year "year"; the form's field is the record's period_year.
      if (err instanceof ApiError && err.body.detail) err.body.detail = err.body.detail.replace(/field year:/g, "field period_year:");
      showApiError(form, err);
    }
  });
  if (current) {
    wireDelete("att-delete", form, `/api/v1/attestations/${encodeURIComponent(attestationId)}`, current.etag,
      () => afterWrite(back, null, null, t("deleted")));
  }
}

/** The year's declarations and attestations for the area and its ward, each with edit and delete ("Hồ sơ"). */
function declarationsHtml(lists) {
  const rows = lists.flatMap(({ kind, items }) => items.map((a) => `<li data-attestation="${escapeHtml(a.id)}" data-subject-kind="${kind}" data-check-id="${escapeHtml(a.check_id)}">
    <b>${escapeHtml(attestText(a.check_id))}</b> <span class="st ${a.attested ? "met" : "not_met"}">${t(a.attested ? "yes" : "no")}</span>
    <br><span class="note">${t(kind === "ward" ? "subjectWard" : "subjectArea")} · ${escapeHtml(a.attested_by)}${a.signed_for ? ` (${escapeHtml(a.signed_for)})` : ""}, ${instantToVn(a.attested_at)}`
    + `${a.document_ref ? ` · ${escapeHtml(a.document_ref)}` : ""}${a.note ? ` · ${escapeHtml(a.note)}` : ""}</span>
    <span class="row-buttons"><button type="button" data-edit-attestation="${escapeHtml(a.id)}">${t("edit")}</button>
    <button type="button" class="danger" data-delete-attestation="${escapeHtml(a.id)}">${t("delete")}</button></span></li>`)).join("");
  return `<section id="declarations" class="records"><h3>${t("declarationsTitle")} ${state.year}</h3>
    ${rows ? `<ul>${rows}</ul>` : `<p class="note">${t("noDeclarations")}</p>`}
    <button type="button" class="act" id="add-declaration">${t("newDeclaration")}</button></section>`;
}

async function deleteAttestation(id, back) {
  const reason = askReason();
  if (reason == null) return;
  try {
    const { etag } = await getVersioned(`/api/v1/attestations/${encodeURIComponent(id)}`);
    await send("DELETE", withReason(`/api/v1/attestations/${encodeURIComponent(id)}`, reason), null, etag);
    await afterWrite(back, null, null, t("deleted"));
  } catch (err) { status.textContent = err.message; }
}

// ---------------------------------------------------------------- organisations (X4: agencies, enterprises, schools)
const ORG_COLOURS = { agency: "#2c5282", enterprise: "#975a16", school: "#276749" };
const ORG_KINDS = ["agency", "enterprise", "school"];

async function loadOrganisations() {
  if (!signedIn || !state.ward) return;
  let data;
  try {
    data = await getJson(`/api/v1/organisations?${new URLSearchParams({ ward: state.ward })}`);
  } catch (err) {
    // Those who may not read them (401, 403) simply have no such layer.
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return;
    throw err;
  }
  const group = layers.organisations ?? L.layerGroup();
  group.clearLayers();
  for (const f of data.features) {
    const [lon, lat] = f.geometry.coordinates;
    // The id in a class too, so that one marker can be found among many (ids are letters, digits, - and _ mostly).
    L.circleMarker([lat, lon], { className: `antt-organisation ${f.properties.kind} antt-org-${String(f.id).replace(/[^A-Za-z0-9_-]/g, "_")}`, radius: 7, color: "#fff", weight: 2,
      fillColor: ORG_COLOURS[f.properties.kind] ?? "#4a5568", fillOpacity: 1 })
      .bindPopup(() => organisationPopup(f)).addTo(group);
  }
  if (!layers.organisations) group.addTo(map);
  layers.organisations = group;
}

const yesNo = (v) => t(v === true ? "yes" : v === false ? "no" : "boolUnknown");

function organisationPopup(f) {
  const p = f.properties;
  const dated = (day, ref) => [day ? isoToVn(day) : "", ref ? escapeHtml(ref) : ""].filter(Boolean).join(", ");
  return `<div data-organisation="${escapeHtml(f.id)}"><b>${escapeHtml(p.name)}</b><br>${t(`org_${p.kind}`)} · ${t("assessmentYear")} ${p.assessment_year}
    <br>${t("registeredField")}: ${yesNo(p.registered)}${p.registered ? ` (${dated(p.registered_on, p.registration_ref)})` : ""}
    <br>${t("recognisedField")}: ${p.recognised == null ? t("noResult") : yesNo(p.recognised)}${p.recognised != null ? ` (${dated(p.recognition_decided_on, p.recognition_ref)})` : ""}`
    + (canEdit() ? `<br><button type="button" class="act" data-edit-organisation="${escapeHtml(f.id)}">${t("edit")}</button>` : "") + "</div>";
}

/** A new organisation at a clicked point, or (with `id`) an existing one to edit or delete. */
async function openOrganisationForm(latlng, id) {
  const current = await editing("organisations", id);
  if (current === undefined) return;
  const p = current?.feature.properties ?? {};
  let at = current ? current.feature.geometry.coordinates : [latlng.lng, latlng.lat];
  const fields = [
    { name: "name", label: "orgName", kind: "text", required: true, value: p.name ?? "" },
    { name: "kind", label: "orgKind", kind: "select", required: true, value: p.kind ?? "agency", options: ORG_KINDS.map((k) => [k, `org_${k}`]) },
    { name: "assessment_year", label: "assessmentYear", kind: "number", required: true, value: p.assessment_year ?? state.year },
    { name: "registered", label: "registeredField", kind: "bool", value: p.registered ?? null },
    { name: "registered_on", label: "registeredOn", kind: "date", value: p.registered_on ?? "" },
    { name: "registration_ref", label: "registrationRef", kind: "text", value: p.registration_ref ?? "" },
    { name: "recognised", label: "recognisedField", kind: "bool", unknown: "noResult", value: p.recognised ?? null },
    { name: "recognition_decided_on", label: "recognitionOn", kind: "date", value: p.recognition_decided_on ?? "" },
    { name: "recognition_ref", label: "recognitionRef", kind: "text", value: p.recognition_ref ?? "" },
    { name: "source", label: "source", kind: "text", value: p.source ?? "" },
  ];
  openForm(current ? t("editOrganisation") : t("newOrganisation"), spotHtml("org-at", at, !current)
    + formHtml("org", "organisation-form", fields, "save",
      current ? `<button type="button" class="danger" id="org-delete">${t("delete")}</button>` : "")
    + `<p id="organisation-result" aria-live="polite"></p>`);
  placePin(L.latLng(at[1], at[0]), (ll) => { at = [ll.lng, ll.lat]; $("org-at").textContent = `${ll.lat.toFixed(6)}, ${ll.lng.toFixed(6)}`; });
  const form = $("organisation-form");
  const reload = () => openOrganisationForm(null, id);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = readForm("org", form, fields);
    if (!v) return;
    const feature = { type: "Feature", geometry: { type: "Point", coordinates: at }, properties: v };
    try {
      const saved = current ? await send("PUT", `/api/v1/organisations/${encodeURIComponent(id)}`, feature, current.etag)
        : await send("POST", "/api/v1/organisations", feature);
      dropPin();
      await afterWrite(null, () => openOrganisationForm(null, saved.id), "organisation-result", `${t("saved")}: ${saved.id}`);
    } catch (err) { showApiError(form, err, current ? reload : null); }
  });
  if (current) {
    wireDelete("org-delete", form, `/api/v1/organisations/${encodeURIComponent(id)}`, current.etag, async () => {
      dropPin();
      await afterWrite(null, null, null, t("deleted"));
    }, reload);
  }
}

// ---------------------------------------------------------------- cameras: add, edit, move, delete
const CAMERA_KINDS = ["fixed", "dome", "ptz"];
const CAMERA_OWNERS = ["community", "household", "business", "police"];
const CAMERA_STATUSES = ["active", "inactive", "maintenance"];
const CAMERA_FUNDING = ["community_fund", "state_budget", "household", "business", "other"];

/** A camera at a clicked point, or (with `id`) a stored one to edit, move (drag the pin) or delete. */
async function openCameraForm(latlng, id) {
  const current = await editing("cameras", id);
  if (current === undefined) return;
  const p = current?.feature.properties ?? {};
  let at = current ? current.feature.geometry.coordinates : [latlng.lng, latlng.lat];
  const choose = (codes, prefix) => [["", "choose"], ...codes.map((c) => [c, `${prefix}${c}`])];
  const fields = [
    { name: "name", label: "camName", kind: "text", value: p.name ?? "" },
    { name: "kind", label: "camKind", kind: "select", required: true, value: p.kind ?? "", options: choose(CAMERA_KINDS, "cam_") },
    { name: "owner", label: "owner", kind: "select", required: true, value: p.owner ?? "", options: choose(CAMERA_OWNERS, "own_") },
    { name: "status", label: "camStatus", kind: "select", required: true, value: p.status ?? "", options: choose(CAMERA_STATUSES, "") },
    { name: "bearing_deg", label: "bearingField", kind: "decimal", required: true, value: p.bearing_deg ?? "" },
    { name: "fov_deg", label: "fovField", kind: "decimal", required: true, value: p.fov_deg ?? "" },
    { name: "range_m", label: "rangeField", kind: "decimal", required: true, value: p.range_m ?? "" },
    { name: "installed_on", label: "installedOnField", kind: "date", value: p.installed_on ?? "" },
    { name: "last_seen_on", label: "lastSeenOn", kind: "date", value: p.last_seen_on ?? "" },
    { name: "funding", label: "fundingField", kind: "select", value: p.funding ?? "", options: choose(CAMERA_FUNDING, "fund_") },
    { name: "footage_sharing", label: "footageSharing", kind: "bool", value: p.footage_sharing ?? null },
    { name: "resolution_px", label: "resolutionField", kind: "number", value: p.resolution_px ?? "" },
  ];
  openForm(current ? `${t("editCamera")} ${id}` : t("newCamera"), spotHtml("cam-at", at, true)
    + formHtml("cam", "camera-form", fields, "save",
      current ? `<button type="button" class="danger" id="cam-delete">${t("delete")}</button>` : "")
    + `<p id="camera-result" aria-live="polite"></p>`);
  placePin(L.latLng(at[1], at[0]), (ll) => { at = [ll.lng, ll.lat]; $("cam-at").textContent = `${ll.lat.toFixed(6)}, ${ll.lng.toFixed(6)}`; });
  const form = $("camera-form");
  const reload = () => openCameraForm(null, id);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = readForm("cam", form, fields);
    if (!v) return;
    const feature = { type: "Feature", geometry: { type: "Point", coordinates: at }, properties: v };
    try {
      const saved = current ? await send("PUT", `/api/v1/cameras/${encodeURIComponent(id)}`, feature, current.etag)
        : await send("POST", "/api/v1/cameras", feature);
      dropPin();
      await reloadCameras();
      await afterWrite(null, () => openCameraForm(null, saved.id), "camera-result", `${t("saved")}: ${saved.id}`);
    } catch (err) { showApiError(form, err, current ? reload : null); }
  });
  if (current) {
    wireDelete("cam-delete", form, `/api/v1/cameras/${encodeURIComponent(id)}`, current.etag, async () => {
      dropPin();
      await reloadCameras();
      await afterWrite(null, null, null, `${t("deleted")}: ${id}`);
    }, reload);
  }
}

// ---------------------------------------------------------------- teams of an area (K5): add, edit, delete
const TEAM_KINDS = ["street_guard", "social_security", "eid_support", "other"];
const TEAM_RATINGS = ["completed_excellently", "completed_well", "completed", "not_completed"];

function teamsHtml(teams) {
  // The list could not be read: say so (an empty list would read as "no team").
  if (teams.error) return `<section id="teams" class="records"><h3>${t("teamsTitle")}</h3><p class="note">${t("loadFailed")}: ${escapeHtml(teams.error)}</p></section>`;
  const rows = teams.map((f) => {
    const p = f.properties;
    return `<li data-team="${escapeHtml(f.id)}"><b>${escapeHtml(p.name || t(`tk_${p.kind}`))}</b> · ${t(`tk_${p.kind}`)}
      · ${Number(p.member_count).toLocaleString(locale())} ${t("members")}<br><span class="note">${t("ratingField")} ${p.rating_year}:
      ${p.rating ? t(`rt_${p.rating}`) : t("unrated")}</span>
      <span class="row-buttons"><button type="button" data-edit-team="${escapeHtml(f.id)}">${t("edit")}</button></span></li>`;
  }).join("");
  return `<section id="teams" class="records"><h3>${t("teamsTitle")}</h3>
    ${rows ? `<ul>${rows}</ul>` : `<p class="note">${t("noTeams")}</p>`}
    <button type="button" class="act" id="add-team">${t("newTeam")}</button></section>`;
}

/** A new team of the area, or (with `id`) a stored one to edit or delete; `back` returns to the area's panel. */
async function openTeamForm({ area, id, back }) {
  const current = await editing("teams", id);
  if (current === undefined) return;
  const p = current?.feature.properties ?? {};
  const fields = [
    { name: "kind", label: "teamKind", kind: "select", required: true, value: p.kind ?? "",
      options: [["", "choose"], ...TEAM_KINDS.map((k) => [k, `tk_${k}`])] },
    { name: "name", label: "teamName", kind: "text", value: p.name ?? "" },
    { name: "member_count", label: "memberCount", kind: "number", required: true, value: p.member_count ?? "" },
    { name: "rating_year", label: "ratingYear", kind: "number", required: true, value: p.rating_year ?? state.year },
    { name: "rating", label: "ratingField", kind: "select", value: p.rating ?? "",
      options: [["", "unrated"], ...TEAM_RATINGS.map((r) => [r, `rt_${r}`])] },
    { name: "disciplined_members", label: "disciplinedField", kind: "number", value: p.disciplined_members ?? "" },
  ];
  openForm(current ? `${t("editTeam")} ${id}` : `${t("newTeam")}: ${area.properties.name}`, formHtml("team", "team-form", fields, "save",
    current ? `<button type="button" class="danger" id="team-delete">${t("delete")}</button>` : ""), back);
  const form = $("team-form");
  const reload = () => openTeamForm({ area, id, back });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = readForm("team", form, fields);
    if (!v) return;
    const feature = { type: "Feature", geometry: null, properties: { ...v, area_id: p.area_id ?? area.id } };
    try {
      if (current) await send("PUT", `/api/v1/teams/${encodeURIComponent(id)}`, feature, current.etag);
      else await send("POST", "/api/v1/teams", feature);
      await afterWrite(back, null, null, t("saved"));
    } catch (err) { showApiError(form, err, current ? reload : null); }
  });
  if (current) {
    wireDelete("team-delete", form, `/api/v1/teams/${encodeURIComponent(id)}`, current.etag,
      () => afterWrite(back, null, null, t("deleted")), reload);
  }
}

// Buttons inside popups (incidents, organisations) open their forms.
map.on("popupopen", (e) => {
  const el = e.popup.getElement();
  el.querySelectorAll("[data-edit-organisation]").forEach((b) => b.addEventListener("click", () =>
    openOrganisationForm(null, b.dataset.editOrganisation)));
  el.querySelectorAll("[data-edit-camera]").forEach((b) => b.addEventListener("click", () =>
    openCameraForm(null, b.dataset.editCamera)));
  el.querySelectorAll("[data-edit-incident]").forEach((b) => b.addEventListener("click", () =>
    openIncidentForm(null, b.dataset.editIncident, reopenArea())));
  el.querySelectorAll("[data-decide-incident]").forEach((b) => b.addEventListener("click", () =>
    openExceptionForm({ incidents: [[b.dataset.decideIncident, ""]], back: reopenArea() })));
  el.querySelectorAll("[data-life]").forEach((box) => { wireLife(box).catch((err) => { status.textContent = err.message; }); });
});

/** A way back to the area panel that is open now, if any. */
function reopenArea() {
  const open = $("panel").dataset.areaId;
  if (!open || $("panel").hidden) return null;
  return () => openArea(layers.areas.getLayers().find((l) => l.feature.id === open).feature);
}

function openPlanner() {
  state.area = null;
  layers.areas?.setStyle(areaStyle);
  const panel = $("panel");
  delete panel.dataset.areaId;
  panel.dataset.mode = "plan";
  $("panel-body").innerHTML = `<h2>${t("planner")}</h2><form class="plan" id="plan-form">
    <label>${t("count")} <input id="plan-count" type="number" min="1" max="100" value="10" required></label>
    <label>${t("candidates")} <select id="plan-candidates"><option value="crossings,along-roads">${t("crossingsRoads")}</option>
      <option value="crossings">${t("crossings")}</option><option value="along-roads">${t("alongRoads")}</option></select></label>
    <label>${t("method")} <select id="plan-method"><option value="auto">${t("auto")}</option>
      <option value="greedy">${t("greedy")}</option><option value="exact">${t("exact")}</option></select></label>
    <button type="submit">${t("run")}</button></form><div id="plan-result" aria-live="polite"></div>`;
  panel.hidden = false;
  $("plan-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    $("plan-result").textContent = t("planning");
    const body = { ward: state.ward, count: Number($("plan-count").value), candidates: $("plan-candidates").value,
      method: $("plan-method").value, to: state.to };
    try {
      showPlan(await send("POST", "/api/v1/camera-plans", body));
    } catch (err) { $("plan-result").textContent = err.message; }
  });
}

/** The planner's method in words (the API's own text, in English and technical, stays in the cell's title). */
function planMethod(plan) {
  const m = String(plan.method);
  return [t(/^(exact|CP-SAT)/.test(m) ? "exact" : "greedy"), plan.optimal ? t("provenOptimal") : "",
    m.includes("time limit") ? t("planTimeLimit") : ""].filter(Boolean).join(", ");
}

function showPlan(plan) {
  if (layers.plan) map.removeLayer(layers.plan);
  const group = L.layerGroup();
  for (const f of plan.proposals.features) {
    L.geoJSON(f.sector, { interactive: false, style: { className: "antt-proposal-sector", color: "#6b21a8", weight: 1,
      fillOpacity: 0.25, dashArray: "3 3" } }).addTo(group);
    const [lon, lat] = f.geometry.coordinates;
    L.marker([lat, lon], { zIndexOffset: 2000, icon: L.divIcon({ className: "antt-proposal",
      html: `<div class="proposal-icon">${f.properties.rank}</div>`, iconSize: [24, 24] }) })
      .bindPopup(() => `${escapeHtml(tf("proposalAt", { rank: f.properties.rank }))} · ${t("bearing")}: ${num(f.properties.bearing_deg)}° · `
        + `${t("gain")} ${num(f.properties.gain)} ${t("demandUnit")}`).addTo(group);
  }
  layers.plan = group.addTo(map);
  buildControls();
  const blob = new Blob([JSON.stringify({ type: "FeatureCollection", method: plan.method, gap: plan.gap,
    features: plan.proposals.features.flatMap((f) => [{ type: "Feature", id: f.id, geometry: f.geometry, properties: f.properties },
      { type: "Feature", id: `sector-${f.properties.rank}`, geometry: f.sector, properties: { ...f.properties, role: "sector" } }]) })],
    { type: "application/geo+json" });
  // Demand is a weighted sum (see demandNote): rounded to one decimal, with its unit.
  const unit = t("demandUnit");
  $("plan-result").innerHTML = `<table data-plan-method="${escapeHtml(plan.method)}">
    <tr><th>${t("method")}</th><td data-method title="${escapeHtml(plan.method)}">${escapeHtml(planMethod(plan))}</td></tr>
    <tr><th>${t("coveredBefore")}</th><td data-covered-before>${num(plan.coveredBefore)} / ${num(plan.totalDemand)} ${unit}</td></tr>
    <tr><th>${t("coveredAfter")}</th><td data-covered-after>${num(plan.coveredAfter)} ${unit}</td></tr>
    <tr><th>${t("bound")}</th><td data-bound>${num(plan.upperBound)} ${unit}</td></tr>
    <tr><th>${t("gap")}</th><td data-gap>${pct(plan.gap)}</td></tr></table>
    <p class="note" data-demand-note>${escapeHtml(t("demandNote"))}</p>
    <h3>${t("proposals")}</h3><ol class="proposals">${plan.proposals.features.map((f) =>
      `<li>${f.geometry.coordinates[1].toFixed(5)}, ${f.geometry.coordinates[0].toFixed(5)} · ${t("bearing")} ${num(f.properties.bearing_deg)}° · `
      + `${t("gain")} ${num(f.properties.gain)} ${unit}</li>`).join("")}</ol>
    <p class="actions"><a id="plan-download" download="camera-plan.geojson" href="${URL.createObjectURL(blob)}">${t("download")}</a></p>`;
}

// ---------------------------------------------------------------- dates to check (issue 18)
/**
 * The ward's incidents dated after today or before the ward existed, for an officer to check: a small notice under the
 * status line with a link to each. The default period never follows them.
 */
async function loadReview() {
  let box = $("date-review");
  const reviewer = session.role === "admin" || session.role === "officer";
  let r = { count: 0, incidents: [] };
  if (reviewer && state.ward) {
    try { r = await getJson(`/api/v1/review?ward=${encodeURIComponent(state.ward)}`); } catch { /* a notice, not a failure */ }
  }
  if (!box) {
    box = Object.assign(document.createElement("div"), { id: "date-review", className: "note" });
    box.setAttribute("role", "status");
    status.after(box);
  }
  box.hidden = r.count === 0;
  box.innerHTML = r.count === 0 ? "" : `${escapeHtml(t("reviewNotice").replace("{n}", r.count))} ${r.incidents.map((i) =>
    `<a href="#" data-id="${escapeHtml(i.id)}" data-day="${escapeHtml(i.occurred_on)}">${escapeHtml(i.id)} (${isoToVn(i.occurred_on)})</a>`).join(", ")}`;
  box.querySelectorAll("a").forEach((a) => a.addEventListener("click", (e) => {
    e.preventDefault();
    showIncident(a.dataset.id, { first: a.dataset.day, last: a.dataset.day });
  }));
}

async function refresh() {
  await Promise.all([loadIncidents(), loadFigures(), loadScores(), loadHotspots(), loadOrganisations(), loadReview()]);
  buildControls();
  const open = $("panel").dataset.areaId;
  if (open) await openArea(layers.areas.getLayers().find((l) => l.feature.id === open).feature);
}

// ---------------------------------------------------------------- start
status.textContent = t("loading");
try {
  $("from").value = isoToVn(state.from);
  $("to").value = isoToVn(state.to);
  $("year").value = state.year;
  // First the ward's areas with their verdicts and the figures' counts (data-ready); then, without holding them back,
  // coverage, cameras, sectors, roads, incidents, hotspots and the rest (data-layers).
  document.body.dataset.layers = "loading";
  // The figures' counts are asked beside the areas, not after them (their failure is reported by loadFigures).
  const statsAsked = state.ward ? askStats() : null;
  statsAsked?.catch(() => {});
  await loadAreaLayers();
  applyLanguage();
  if (!signedIn) status.dataset.public = t("publicNote");
  // The rest is asked for once the figures show: on a busy server it would otherwise compete with them.
  let rest = null;
  const more = () => {
    if (rest) return;
    rest = Promise.all([loadWards(), loadContextLayers(), loadIncidents(), loadHotspots(), loadOrganisations(), loadReview()]);
    map.on("moveend", () => loadWards().catch((e) => { status.textContent = e.message; }));
  };
  const shown = () => {
    if (document.body.dataset.ready === "true") return;
    document.body.dataset.ready = "true";
    performance.mark("antt-ready");
    more();
  };
  await loadFigures(shown, statsAsked);
  shown(); // a store without wards has no figures to wait for
  await rest;
  buildControls();
  if (tileErrors === 0) status.textContent = "";
  document.body.dataset.layers = "true";
  performance.mark("antt-layers");
} catch (e) {
  status.textContent = e.message;
  document.body.dataset.ready = "error";
  document.body.dataset.layers = "error";
}
