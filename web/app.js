// The officers' map. Everything comes from this app's own API; only basemap tiles come from the configured URL,
// and when they cannot load the data layers still show on a plain background.
import { TEXTS, isoToVn, vnToIso, yearBefore, instantToVn, vnDates } from "/i18n.js";
import { vectorTileLayer } from "/mvt.js";

let lang = localStorage.getItem("antt.lang") === "en" ? "en" : "vi";
const t = (key) => TEXTS[lang][key] ?? key;
const $ = (id) => document.getElementById(id);
const status = $("status");
/** True between "Thêm vụ việc" and the click on the map that places the incident. */
let pickingIncident = false;

let session = { role: "public", csrf: null };

async function getJson(url) {
  const r = await fetch(url, { credentials: "same-origin" });
  const body = await r.json();
  if (!r.ok) throw new Error(`${body.error}: ${body.detail}`);
  return body;
}

const config = await getJson("/api/v1/config");
session = await getJson("/api/v1/session");
const signedIn = session.role !== "public";

/** A write with the session's CSRF token. */
async function send(method, url, body) {
  const r = await fetch(url, { method, credentials: "same-origin", headers: { "Content-Type": "application/json",
    ...(session.csrf ? { "X-CSRF-Token": session.csrf } : {}) }, body: body == null ? undefined : JSON.stringify(body) });
  const text = await r.text();
  const json = text ? JSON.parse(text) : {};
  if (!r.ok) throw new Error(`${json.error}: ${json.detail}`);
  return json;
}
const categories = new Map(config.categories.map((c) => [c.code, c]));
const catName = (code) => { const c = categories.get(code); return c ? (lang === "vi" ? c.nameVi : c.nameEn) : code; };
const CATEGORY_COLOURS = {
  political_security: "#6b21a8", crime: "#c53030", social_evil: "#b7791f", administrative_violation: "#2b6cb0",
  fire_explosion: "#dd6b20", work_accident: "#805ad5", serious_incident: "#742a2a", dispute: "#319795", other: "#718096",
};
const state = { ward: config.ward, from: config.period.from, to: config.period.to, category: "", area: null,
  year: config.scoringYear };
const standard = await getJson("/api/v1/standard");
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
  return { className: "antt-area", color: selected ? "#8b1a1a" : "#2b6cb0",
    weight: selected ? 3 : 1.2, fillColor: VERDICT_COLOURS[verdict] ?? "#2b6cb0", fillOpacity: selected ? 0.35 : 0.2 };
}

async function loadScores() {
  if (!state.ward) return;
  const body = await getJson(`/api/v1/scores/areas?${new URLSearchParams({ ward: state.ward, year: state.year })}`);
  verdicts = new Map(body.areas.map((a) => [a.subjectId, a.verdict.code]));
  layers.areas?.setStyle(areaStyle);
  $("ward-report").href = `/report.html?${new URLSearchParams({ ward: state.ward, year: state.year, lang })}`;
}

async function loadStaticLayers() {
  const q = state.ward ? `?ward=${encodeURIComponent(state.ward)}` : "";
  const [wards, areas, cameras, sectors, roads, coast] = await Promise.all([
    getJson("/api/v1/wards"), getJson(`/api/v1/areas${q}`), getJson(`/api/v1/cameras${q}`),
    getJson(`/api/v1/cameras/sectors${q}`), getJson("/api/v1/roads"), getJson("/api/v1/coastline")]);
  layers.wards = L.geoJSON(wards, { interactive: false, style: (f) => ({ className: "antt-ward",
    color: f.id === state.ward ? "#8b1a1a" : "#888", weight: f.id === state.ward ? 3 : 1, dashArray: f.id === state.ward ? null : "4 4",
    fill: false }) });
  wardName = wards.features.find((f) => f.id === state.ward)?.properties.name ?? "";
  layers.roads = L.geoJSON(roads, { interactive: false, style: (f) => ({ className: "antt-road", color: "#a0a0a0",
    weight: f.properties.kind === "main" ? 5 : f.properties.kind === "beach_road" ? 4 : 2.5, opacity: 0.9 }) });
  layers.coastline = L.geoJSON(coast, { interactive: false, style: { className: "antt-coast", color: "#1e6fb8", weight: 3 } });
  layers.areas = L.geoJSON(areas, { style: areaStyle, onEachFeature: (f, l) => l.on("click", () => {
    // While placing a new incident the click belongs to the map (the form), not to the area's panel.
    if (!pickingIncident) openArea(f);
  }) });
  areaLabels.clearLayers();
  for (const f of areas.features) {
    const at = f.label ? [f.label[1], f.label[0]] : layers.areas.getLayers().find((l) => l.feature.id === f.id).getBounds().getCenter();
    L.marker(at, { icon: L.divIcon({ className: "antt-area-label", html: `<span>${escapeHtml(f.properties.name)}</span>`, iconSize: null }),
      keyboard: true, title: f.properties.name, zIndexOffset: 1000 }).on("click", (e) => pickingIncident ? map.fire("click", { latlng: e.latlng }) : openArea(f)).addTo(areaLabels);
  }
  layers.sectors = L.geoJSON(sectors, { interactive: false, style: (f) => ({ className: "antt-sector",
    color: f.properties.status === "active" ? "#2f855a" : "#a0aec0", weight: 0.6, fillOpacity: 0.15 }) });
  layers.cameras = L.geoJSON(cameras, { pointToLayer: (f, ll) => L.circleMarker(ll, { className: "antt-camera",
    radius: 4, color: "#fff", weight: 1, fillColor: f.properties.status === "active" ? "#2f855a" : "#a0aec0", fillOpacity: 1 }),
    onEachFeature: (f, l) => l.bindPopup(() => cameraPopup(f)) });
  layers.areaGroup = L.layerGroup([layers.areas, areaLabels]);
  for (const name of ["wards", "areaGroup", "roads", "coastline", "sectors", "cameras"]) layers[name].addTo(map);
}

function fitWard() {
  map.invalidateSize();
  const target = layers.wards.getLayers().find((l) => l.feature.id === state.ward);
  map.fitBounds((target ?? layers.areas).getBounds(), { padding: [10, 10] });
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
    const marker = L.marker([lat, lon], { icon: L.divIcon({ className: "antt-incident",
      html: `<div class="incident-icon" style="background:${colour};width:14px;height:14px"></div>`, iconSize: [18, 18] }) })
      .bindPopup(() => incidentPopup(f));
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
  || (session.role === "officer" && session.ward === state.ward);

function hotspotStyle(kind, p) {
  if (kind === "density") {
    return { className: `antt-hs antt-density c${p.class}`, stroke: false, fillColor: DENSITY_COLOURS[p.class - 1], fillOpacity: 0.55 };
  }
  const colour = kind === "gistar" ? GI_COLOURS[p.class] : EMERGING_COLOURS[p.pattern];
  return { className: `antt-hs antt-${kind} ${kind === "gistar" ? p.class : p.pattern}`, stroke: !!colour, weight: 0.5,
    color: "#fff", fillColor: colour ?? "#000", fillOpacity: colour ? 0.6 : 0 };
}

async function loadHotspots() {
  if (!state.ward || !seesHotspots()) return;
  const q = new URLSearchParams({ ward: state.ward, to: state.to });
  if (state.category) q.set("categories", state.category);
  await Promise.all(Object.keys(hotspots).map(async (kind) => {
    const label = t({ density: "hsDensity", gistar: "hsGistar", emerging: "hsEmerging" }[kind]);
    const group = hotspots[kind]?.layer ?? L.layerGroup();
    group.clearLayers();
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

const num = (x, d = 1) => Number(x).toLocaleString(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: d });

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
function updateHotspotLegend() {
  hotspotLegend?.remove();
  const shown = Object.entries(hotspots).filter(([, h]) => h && map.hasLayer(h.layer));
  if (!shown.length) return;
  hotspotLegend = L.control({ position: "bottomleft" });
  hotspotLegend.onAdd = () => {
    const div = L.DomUtil.create("div", "legend hotspot-legend");
    const sw = (c) => `<i style="background:${c};opacity:.75"></i>`;
    div.innerHTML = shown.map(([kind, h]) => {
      const title = t({ density: "hsDensityTitle", gistar: "hsGistarTitle", emerging: "hsEmergingTitle" }[kind]);
      if (!h.body) return `<div data-hotspot="${kind}"><b>${title}</b><br><span class="up">${t("hsNotPossible")}: ${escapeHtml(h.error)}</span></div>`;
      const p = h.body.parameters;
      let classes;
      if (kind === "density") {
        const b = h.body.summary.breaks_per_km2;
        classes = b.map((v, i) => `${sw(DENSITY_COLOURS[i])}${num(i ? b[i - 1] : 0, 2)}–${num(v, 2)}`).join("<br>");
      } else if (kind === "gistar") {
        const counts = h.body.summary.classes;
        classes = Object.keys(GI_COLOURS).map((c) => `<span data-class="${c}">${sw(GI_COLOURS[c])}${t(c)} (${counts[c] ?? 0})</span>`).join("<br>")
          + `<br><span data-class="not_significant"><i style="border:1px solid #999"></i>${t("not_significant")} (${counts.not_significant ?? 0})</span>`;
      } else {
        const counts = h.body.summary.patterns;
        classes = Object.keys(EMERGING_COLOURS).map((c) => `<span data-class="${c}">${sw(EMERGING_COLOURS[c])}${t(c)} (${counts[c] ?? 0})</span>`).join("<br>");
      }
      return `<div data-hotspot="${kind}"><b>${title}</b><br>${classes}<p class="note params">${escapeHtml(hotspotParameters(p))}</p></div>`;
    }).join("");
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  hotspotLegend.addTo(map);
}
map.on("overlayadd overlayremove", updateHotspotLegend);

// ---------------------------------------------------------------- figures bar, panel, popups
async function loadCoverage() {
  if (!state.ward) return null;
  const c = await getJson(`/api/v1/coverage?${new URLSearchParams({ ward: state.ward, from: state.from, to: state.to })}`);
  if (layers.coverage) layers.coverage.redraw();
  if (!layers.coverage) {
    // The coverage polygons come as vector tiles (the collection camera_coverage), drawn on canvas.
    layers.coverage = vectorTileLayer("camera_coverage", { fill: "rgba(56,161,105,0.35)", stroke: "#276749" }).addTo(map);
  }
  return c;
}

const pct = (share) => share == null ? "–" : `${(100 * share).toLocaleString("vi-VN", { maximumFractionDigits: 1 })}%`;

async function loadFigures() {
  if (!state.ward) return;
  const [s, c] = await Promise.all([
    getJson(`/api/v1/stats?${new URLSearchParams({ ward: state.ward, from: state.from, to: state.to })}`), loadCoverage()]);
  const incidents = state.category ? (s.incidents.byCategory[state.category] ?? 0) : s.incidents.total;
  const team = (k) => s.teams.byKind[k] ?? { teams: 0, members: 0 };
  $("figures").innerHTML = [
    [t("figIncidents") + (state.category ? ` (${catName(state.category)})` : ""), incidents, "incidents"],
    [t("figDisputes"), s.mediatedDisputes, "disputes"], [t("figExtractions"), s.videoExtractions, "extractions"],
    [t("figCameras"), `${s.cameras.active}/${s.cameras.total}`, "cameras"],
    [t("figRegistered"), s.registeredHouseholds.toLocaleString("vi-VN"), "registered"],
    [t("figGuards"), `${team("street_guard").teams} (${team("street_guard").members} ${t("members")})`, "guards"],
    [t("figTeams"), `${team("social_security").teams} (${team("social_security").members.toLocaleString("vi-VN")} ${t("members")})`, "teams"],
    [t("figCoverage"), `${pct(c.areaShare)} ${t("coverageArea")} · ${pct(c.roadShare)} ${t("coverageRoads")} · `
      + `${c.incidentsCovered}/${c.incidents} ${t("coverageIncidents")}`, "coverage"],
  ].map(([label, value, key]) => `<span data-figure="${key}">${escapeHtml(label)}: <b>${value}</b></span>`).join("")
    + `<span class="note">${t("period")} ${isoToVn(state.from)}–${isoToVn(state.to)}</span>`;
}

async function openArea(feature) {
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
  const rows = [
    [t("kind"), t(p.kind)],
    [t("households"), now.households.toLocaleString("vi-VN")],
    [t("registeredShare"), `${now.registeredHouseholds.toLocaleString("vi-VN")} (${share.toLocaleString("vi-VN", { maximumFractionDigits: 1 })}%)`],
    [t("teamsStreet"), `${team("street_guard").teams} (${team("street_guard").members} ${t("members")})`],
    [t("teamsSocial"), `${team("social_security").teams} (${team("social_security").members} ${t("members")})`],
    [t("camerasActive"), `${now.cameras.active}/${now.cameras.total}`],
    [`${t("incidentsNow")} (${isoToVn(state.from)}–${isoToVn(state.to)})`, n],
    [`${t("incidentsBefore")} (${isoToVn(yearBefore(state.from))}–${isoToVn(yearBefore(state.to))})`, b],
    [t("change"), `<span class="${diff > 0 ? "up" : diff < 0 ? "down" : ""}">${diff > 0 ? "+" : ""}${diff}</span>`],
  ];
  const [card, cov, trends] = await Promise.all([
    getJson(`/api/v1/scores/areas/${encodeURIComponent(feature.id)}?year=${state.year}`),
    getJson(`/api/v1/coverage?${new URLSearchParams({ ...base, from: state.from, to: state.to })}`),
    getJson(`/api/v1/trends?${new URLSearchParams({ ...base, to: state.to })}`)]);
  rows.push([t("workingShare"), `${cov.camerasWorking}/${cov.camerasTotal}`], [t("coveredArea"), pct(cov.areaShare)],
    [t("coveredRoads"), pct(cov.roadShare)], [t("coveredIncidents"), `${cov.incidentsCovered}/${cov.incidents}`]);
  $("panel-body").innerHTML = `<h2>${escapeHtml(p.name)}</h2><table>${rows.map(([k, v], i) =>
    `<tr data-row="${i}"><th>${escapeHtml(String(k))}</th><td>${v}</td></tr>`).join("")}</table>`
    + (String(p.source ?? "").startsWith("synthetic") ? `<p class="note">${t("synthetic")}</p>` : "")
    + scorecardHtml(card)
    + trendsHtml(trends)
    + `<p class="actions"><a href="/report.html?${new URLSearchParams({ ward: state.ward, area: feature.id, year: state.year, lang })}"
         target="_blank" rel="noopener">${t("areaReport")}</a></p>`;
  $("panel-body").querySelectorAll("button[data-incident]").forEach((b) =>
    b.addEventListener("click", () => showIncident(b.dataset.incident, card.period)));
  $("panel-body").querySelectorAll("button[data-confirm-hint]").forEach((b) =>
    b.addEventListener("click", () => confirmHotspot(feature, card, b)));
  const panel = $("panel");
  panel.dataset.areaId = feature.id;
  panel.hidden = false;
  drawTrends(trends);
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

function drawTrends(tr) {
  charts.forEach((c) => c.destroy());
  charts = [];
  if (!window.Chart) return;
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

function scorecardHtml(card) {
  const rows = card.criteria.flatMap((c) => c.checks.map((k) => {
    const text = checkTexts.get(k.checkId);
    const label = lang === "vi" ? text?.textVi : text?.glossEn;
    const measured = k.measured == null ? "" : (k.checkId.endsWith("households") || k.checkId.startsWith("X4"))
      ? `${(100 * k.measured).toLocaleString("vi-VN", { maximumFractionDigits: 1 })}%` : String(k.measured);
    const evidence = k.evidence.filter((e) => e.layer !== "attestations").map((e) => e.layer === "incidents"
      ? `<button type="button" data-incident="${escapeHtml(e.id)}" title="${escapeHtml(vnDates(e.label))}">${escapeHtml(e.id)}</button>`
      : escapeHtml(vnDates(e.label ?? e.id))).join(" ");
    const excepted = k.exceptions.length ? `<br>${t("excepted")}: ${k.exceptions.map((e) =>
      `<button type="button" data-incident="${escapeHtml(e.id)}">${escapeHtml(e.id)}</button>`).join(" ")}` : "";
    const attestation = k.attestation ? `${t("attestedBy")}: ${escapeHtml(k.attestation.attestedBy)}`
      + (k.attestation.attestedAt ? `, ${instantToVn(k.attestation.attestedAt)}` : "")
      + (k.attestation.documentRef ? ` (${escapeHtml(k.attestation.documentRef)})` : "") : "";
    return `<tr data-check="${escapeHtml(k.checkId)}"><td><b>${escapeHtml(k.checkId)}</b> ${escapeHtml(label ?? "")}
      <div class="ev">${evidence}${excepted}${attestation}${k.note && !k.attestation ? `<br>${escapeHtml(vnDates(k.note))}` : ""}</div></td>
      <td class="m"><span class="st ${k.status}" title="${t(k.status)}">${t(k.status)}</span><br>${measured}</td></tr>`;
  })).join("");
  const a = card.advisory;
  return `<h3>${t("standardTitle")} ${card.year} <span class="verdict ${card.verdict.code}" data-verdict="${card.verdict.code}">${t(card.verdict.code)}</span></h3>
    <p class="note">${t("period")} ${isoToVn(card.period.first)}–${isoToVn(card.period.last)}</p>
    <table class="scorecard">${rows}</table>${hintsHtml(card)}
    <p class="note">${t("advisory")}: ${a.incidentsPer1000 == null ? "" : `${t("per1000")} ${a.incidentsPer1000}; `}`
    + `${t("yoy")} ${a.incidentsNow} / ${a.incidentsBefore}</p>`;
}

/** Shows an incident that is evidence of a criterion: widens the filters to its period if needed, then opens it. */
async function showIncident(id, period) {
  if (!incidentMarkers.has(id)) {
    Object.assign(state, { from: period.first, to: period.last, category: "" });
    $("from").value = isoToVn(state.from);
    $("to").value = isoToVn(state.to);
    await refresh();
  }
  const marker = incidentMarkers.get(id);
  if (marker) layers.incidents.zoomToShowLayer(marker, () => marker.openPopup());
}

function closePanel() {
  $("panel").hidden = true;
  delete $("panel").dataset.mode;
  delete $("panel").dataset.areaId;
  state.area = null;
  layers.areas?.setStyle(areaStyle);
}

function cameraPopup(f) {
  const p = f.properties;
  return `<b>${escapeHtml(p.name ?? f.id)}</b><br>${t("bearing")}: ${p.bearing_deg}° · ${t("fov")}: ${p.fov_deg}° · `
    + `${t("range")}: ${p.range_m} m<br>${t("status")}: ${t(p.status)}`
    + (p.installed_on ? `<br>${isoToVn(p.installed_on)}` : "");
}

function incidentPopup(f) {
  const p = f.properties;
  return `<b>${escapeHtml(catName(p.category))}</b><br>${t("occurredAt")}: ${instantToVn(p.occurred_at)}<br>`
    + `${escapeHtml(p.description ?? "")}`;
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
    [t("incidents")]: layers.incidents, [t("coverage")]: layers.coverage,
    ...(layers.plan ? { [t("proposals")]: layers.plan } : {}),
    ...Object.fromEntries(Object.entries(hotspots).filter(([, h]) => h).map(([kind, h]) =>
      [t({ density: "hsDensity", gistar: "hsGistar", emerging: "hsEmerging" }[kind]), h.layer])) },
  { collapsed: window.innerWidth < 900 }).addTo(map);
  updateHotspotLegend();
  legend = L.control({ position: "bottomright" });
  legend.onAdd = () => {
    const div = L.DomUtil.create("div", "legend");
    const sw = (style) => `<i style="${style}"></i>`;
    div.innerHTML = `<details${window.innerWidth >= 900 ? " open" : ""}><summary><b>${t("legendTitle")}</b></summary>`
      + `${sw("border:3px solid #8b1a1a")}${t("legendWard")}<br>${sw("border:1px solid #2b6cb0;background:rgba(43,108,176,.15)")}${t("legendArea")}<br>`
      + `${sw("background:#a0a0a0;height:4px")}${t("legendRoad")}<br>${sw("background:#1e6fb8;height:3px")}${t("legendCoast")}<br>`
      + Object.entries(VERDICT_COLOURS).map(([code, c]) => `${sw(`background:${c};opacity:.6`)}${t(code)}<br>`).join("")
      + `${sw("background:#2f855a;border-radius:50%;width:10px")}${t("legendCamera")}<br>${sw("background:rgba(47,133,90,.3)")}${t("legendSector")}<br>`
      + [...categories.keys()].map((c) => `${sw(`background:${CATEGORY_COLOURS[c]};border-radius:50%;width:10px`)}${escapeHtml(catName(c))}`).join("<br>")
      + "</details>";
    return div;
  };
  legend.addTo(map);
}

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
  await refresh();
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
$("login").addEventListener("click", () => (signedIn ? logout() : openLogin()));

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

$("new-incident").addEventListener("click", () => {
  pickingIncident = true;
  status.textContent = t("clickMap");
});
map.on("click", (e) => {
  if (!pickingIncident) return;
  pickingIncident = false;
  status.textContent = "";
  openIncidentForm(e.latlng);
});

function openIncidentForm(latlng) {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  $("panel-body").innerHTML = `<h2>${t("newIncident")}</h2><form class="plan" id="incident-form">
    <p class="note">${latlng.lat.toFixed(6)}, ${latlng.lng.toFixed(6)}</p>
    <label>${t("category")} <select id="inc-category">${[...categories.keys()].map((c) =>
      `<option value="${c}">${escapeHtml(catName(c))}</option>`).join("")}</select></label>
    <label>${t("occurredLocal")} <input id="inc-time" value="${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()} ${pad(now.getHours())}:${pad(now.getMinutes())}" required></label>
    <label>${t("severity")} <select id="inc-severity"><option value=""></option><option>it_nghiem_trong</option>
      <option>nghiem_trong</option><option>rat_nghiem_trong</option><option>dac_biet_nghiem_trong</option></select></label>
    <label>${t("channel")} <select id="inc-channel"><option>in_person</option><option>hotline_113</option><option>vneid</option>
      <option>app</option><option>patrol</option></select></label>
    <label>${t("evidence")} <input id="inc-description"></label>
    <button type="submit">${t("save")}</button></form><p id="incident-result" aria-live="polite"></p>`;
  $("panel").hidden = false;
  $("incident-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const feature = { type: "Feature", geometry: { type: "Point", coordinates: [latlng.lng, latlng.lat] }, properties: {
      occurred_at: $("inc-time").value, category: $("inc-category").value, severity: $("inc-severity").value || null,
      channel: $("inc-channel").value, description: $("inc-description").value } };
    try {
      const saved = await send("POST", "/api/v1/incidents", feature);
      $("incident-result").textContent = `${t("saved")}: ${saved.id}`;
      await refresh();
    } catch (err) { $("incident-result").textContent = err.message; }
  });
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

function showPlan(plan) {
  if (layers.plan) map.removeLayer(layers.plan);
  const group = L.layerGroup();
  for (const f of plan.proposals.features) {
    L.geoJSON(f.sector, { interactive: false, style: { className: "antt-proposal-sector", color: "#6b21a8", weight: 1,
      fillOpacity: 0.25, dashArray: "3 3" } }).addTo(group);
    const [lon, lat] = f.geometry.coordinates;
    L.marker([lat, lon], { zIndexOffset: 2000, icon: L.divIcon({ className: "antt-proposal",
      html: `<div class="proposal-icon">${f.properties.rank}</div>`, iconSize: [24, 24] }) })
      .bindPopup(`#${f.properties.rank} · ${t("gain")} ${f.properties.gain} · ${f.properties.bearing_deg}°`).addTo(group);
  }
  layers.plan = group.addTo(map);
  buildControls();
  const blob = new Blob([JSON.stringify({ type: "FeatureCollection", method: plan.method, gap: plan.gap,
    features: plan.proposals.features.flatMap((f) => [{ type: "Feature", id: f.id, geometry: f.geometry, properties: f.properties },
      { type: "Feature", id: `sector-${f.properties.rank}`, geometry: f.sector, properties: { ...f.properties, role: "sector" } }]) })],
    { type: "application/geo+json" });
  const num = (x) => x.toLocaleString("vi-VN", { maximumFractionDigits: 2 });
  $("plan-result").innerHTML = `<table data-plan-method="${escapeHtml(plan.method)}">
    <tr><th>${t("method")}</th><td>${escapeHtml(plan.method)}</td></tr>
    <tr><th>${t("coveredBefore")}</th><td>${num(plan.coveredBefore)} / ${num(plan.totalDemand)}</td></tr>
    <tr><th>${t("coveredAfter")}</th><td data-covered-after>${num(plan.coveredAfter)}</td></tr>
    <tr><th>${t("bound")}</th><td>${num(plan.upperBound)}</td></tr>
    <tr><th>${t("gap")}</th><td data-gap>${pct(plan.gap)}</td></tr></table>
    <h3>${t("proposals")}</h3><ol class="proposals">${plan.proposals.features.map((f) =>
      `<li>${f.geometry.coordinates[1].toFixed(5)}, ${f.geometry.coordinates[0].toFixed(5)} · ${f.properties.bearing_deg}° · `
      + `${t("gain")} ${num(f.properties.gain)}</li>`).join("")}</ol>
    <p class="actions"><a id="plan-download" download="camera-plan.geojson" href="${URL.createObjectURL(blob)}">${t("download")}</a></p>`;
}

async function refresh() {
  await Promise.all([loadIncidents(), loadFigures(), loadScores(), loadHotspots()]);
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
  await loadStaticLayers();
  applyLanguage();
  $("login").textContent = signedIn ? `${t("logout")} (${session.username})` : t("login");
  if (!signedIn) status.dataset.public = t("publicNote");
  await refresh();
  fitWard();
  if (tileErrors === 0) status.textContent = "";
  document.body.dataset.ready = "true";
} catch (e) {
  status.textContent = e.message;
  document.body.dataset.ready = "error";
}
