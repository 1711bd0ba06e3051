// The officers' map: boundaries and layers from the app's own API; basemap tiles from the configured URL.
import { TEXTS } from "/i18n.js";

let lang = localStorage.getItem("antt.lang") === "en" ? "en" : "vi";
const t = (key) => TEXTS[lang][key] ?? key;
const status = document.getElementById("status");

const map = L.map("map", { zoomControl: true }).setView([19.4515, 105.7954], 14);
L.control.scale({ imperial: false }).addTo(map);

const config = await fetch("/api/v1/config").then((r) => r.json());
const tiles = L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: config.tileAttribution });
let tileErrors = 0;
tiles.on("tileerror", () => {
  tileErrors += 1;
  if (tileErrors === 1) status.textContent = t("tilesFailed");
});
tiles.addTo(map);

const styles = {
  wards: (f) => ({ color: f.id === "hai-hoa" ? "#8b1a1a" : "#777", weight: f.id === "hai-hoa" ? 3 : 1, fill: false }),
  areas: () => ({ color: "#2b6cb0", weight: 1, fillOpacity: 0.08 }),
};
const layers = {};
const control = L.control.layers(null, null, { collapsed: window.innerWidth < 800 }).addTo(map);

async function load(name) {
  const response = await fetch(`/api/v1/${name}`);
  if (!response.ok) throw new Error(`${t("loadFailed")} ${name}`);
  const data = await response.json();
  const layer = L.geoJSON(data, {
    style: styles[name],
    pointToLayer: (f, latlng) => L.circleMarker(latlng, {
      radius: name === "cameras" ? 4 : 6, color: name === "cameras" ? "#2f855a" : "#c53030", weight: 1, fillOpacity: 0.8,
    }),
    onEachFeature: (f, l) => l.bindTooltip(f.properties.name ?? f.properties.category ?? f.id),
  });
  layers[name] = layer;
  layer.addTo(map);
  control.addOverlay(layer, t(name));
  return layer;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  const button = document.getElementById("lang");
  button.textContent = t("switchTo");
  button.setAttribute("aria-label", t("switchLabel"));
  document.title = t("title");
}

document.getElementById("lang").addEventListener("click", () => {
  lang = lang === "vi" ? "en" : "vi";
  localStorage.setItem("antt.lang", lang);
  location.reload();
});

applyLanguage();
status.textContent = t("loading");
try {
  const wards = await load("wards");
  for (const name of ["areas", "cameras", "incidents"]) await load(name);
  const target = wards.getLayers().find((l) => l.feature.id === "hai-hoa") ?? wards;
  if (target.getBounds().isValid()) map.fitBounds(target.getBounds(), { padding: [20, 20] });
  if (tileErrors === 0) status.textContent = "";
} catch (e) {
  status.textContent = e.message;
}
