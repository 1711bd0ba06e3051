// The yearly report ("báo cáo kết quả") of one residential area, or of the ward with its areas, for the dossier.
import { TEXTS, isoToVn, vnDates } from "/i18n.js";

const params = new URLSearchParams(location.search);
const lang = params.get("lang") === "en" ? "en" : "vi";
const t = (key) => TEXTS[lang][key] ?? key;
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const get = async (url) => { const r = await fetch(url); const b = await r.json(); if (!r.ok) throw new Error(`${b.error}: ${b.detail}`); return b; };
document.getElementById("print").addEventListener("click", () => window.print());

const ward = params.get("ward");
const area = params.get("area");
const year = params.get("year");
const root = document.getElementById("report");
document.documentElement.lang = lang;

try {
  const [standard, wards, areas] = await Promise.all([get("/api/v1/standard"), get("/api/v1/wards"),
    get(`/api/v1/areas?ward=${encodeURIComponent(ward)}`)]);
  const texts = new Map(standard.criteria.flatMap((c) => c.checks.map((k) => [k.id, k])));
  const wardName = wards.features.find((f) => f.id === ward)?.properties.name ?? ward;
  const areaName = (id) => areas.features.find((f) => f.id === id)?.properties.name ?? id;
  const card = await get(area ? `/api/v1/scores/areas/${encodeURIComponent(area)}?year=${year}`
    : `/api/v1/scores/wards/${encodeURIComponent(ward)}?year=${year}`);
  const subject = area ? areaName(area) : wardName;
  const title = lang === "vi"
    ? `Báo cáo kết quả xây dựng ${area ? "khu dân cư" : "xã, phường"} đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm ${year}`
    : `Report on the "safe for security and order" standard, ${year}`;
  const rows = card.criteria.flatMap((c) => c.checks.map((k) => {
    const text = texts.get(k.checkId);
    const value = k.measured == null ? "" : (k.checkId.endsWith("households") || k.checkId.startsWith("X4"))
      ? `${(100 * k.measured).toLocaleString("vi-VN", { maximumFractionDigits: 1 })}%` : String(k.measured);
    const basis = [k.evidence.filter((e) => e.layer !== "attestations").map((e) => vnDates(e.label ?? e.id)).join("; "), k.exceptions.length ? `${t("excepted")}: ${k.exceptions.map((e) => e.id).join(", ")}` : "",
      k.attestation ? `${t("attestedBy")}: ${k.attestation.attestedBy}${k.attestation.documentRef ? ` (${k.attestation.documentRef})` : ""}` : "",
      k.note && !k.attestation ? vnDates(k.note) : ""].filter(Boolean).join(". ");
    return `<tr data-check="${esc(k.checkId)}"><td class="c">${esc(k.checkId)}</td><td>${esc(lang === "vi" ? text?.textVi : text?.glossEn)}</td>
      <td class="c">${esc(t(k.status))}${value ? `<br>${esc(value)}` : ""}</td><td>${esc(basis)}</td></tr>`;
  })).join("");
  let areaTable = "";
  if (!area) {
    const cards = await get(`/api/v1/scores/areas?ward=${encodeURIComponent(ward)}&year=${year}`);
    areaTable = `<h2>${lang === "vi" ? "Kết quả các khu dân cư" : "Residential areas"}</h2><table><tr><th>#</th><th>${t("areas")}</th><th>${t("status")}</th></tr>`
      + cards.areas.map((c, i) => `<tr><td class="c">${i + 1}</td><td>${esc(areaName(c.subjectId))}</td><td class="c">${esc(t(c.verdict.code))}</td></tr>`).join("")
      + "</table>";
  }
  const today = new Date();
  const todayVn = `${String(today.getDate()).padStart(2, "0")}/${String(today.getMonth() + 1).padStart(2, "0")}/${today.getFullYear()}`;
  root.innerHTML = `
    <div class="head"><div><b>${esc(wardName.toUpperCase())}</b><br>${area ? esc(subject) : ""}</div>
      <div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><u>Độc lập - Tự do - Hạnh phúc</u></div></div>
    <h1>${esc(title)}</h1>
    <p class="sub">${esc(subject)} — ${t("period")} ${isoToVn(card.period.first)} – ${isoToVn(card.period.last)}</p>
    <p>${lang === "vi" ? "Căn cứ" : "Under"} ${esc(lang === "vi" ? standard.nameVi : standard.nameEn)}
      <span class="note">(${lang === "vi" ? "một số văn bản ghi nhầm là" : "sometimes cited as"} ${esc(standard.aliases.join(", "))})</span>.</p>
    <table><tr><th>${t("check")}</th><th>${lang === "vi" ? "Nội dung" : "Text"}</th><th>${t("status")}</th><th>${t("evidence")}</th></tr>${rows}</table>
    <p><b>${lang === "vi" ? "Kết luận" : "Verdict"}:</b> <span class="verdict" data-verdict="${card.verdict.code}">${esc(t(card.verdict.code))}</span></p>
    ${areaTable}
    <p class="note">${esc(t("advisory"))}: ${card.advisory.incidentsPer1000 == null ? "" : `${esc(t("per1000"))} ${card.advisory.incidentsPer1000}; `}${esc(t("yoy"))} ${card.advisory.incidentsNow} / ${card.advisory.incidentsBefore}.</p>
    <div class="sign"><div>${lang === "vi" ? "Ngày" : "Date"} ${todayVn}<br><b>${lang === "vi" ? "NGƯỜI LẬP BÁO CÁO" : "PREPARED BY"}</b><br><br><br><br></div></div>`;
  document.title = title;
  document.body.dataset.ready = "true";
} catch (e) {
  root.textContent = e.message;
  document.body.dataset.ready = "error";
}
