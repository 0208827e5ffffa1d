// The province's public figures: how each commune and agency keeps its deadlines, what is reported, where things are
// open. Nothing here names or locates a person: figures are counts and rates, the map counts per 500 m cell.
import { t, applyTexts, languageToggle, escape, localTime, toMap } from "./citizen.js";

let data = null, days = 30;

const percent = p => p == null ? "—" : `${p}%`;
const satisfaction = s => s.ratings === 0 ? "—" : `${s.averageStars} ★ (${percent(s.satisfiedPercent)}, ${s.ratings})`;
const figures = rows => rows.map(r => `<tr><td>${escape(r.name ?? r.code ?? "—")}</td><td>${r.incidents}</td>
  <td>${percent(r.acknowledgedOnTimePercent)}</td><td>${percent(r.resolvedOnTimePercent)}</td><td>${satisfaction(r.satisfaction)}</td></tr>`).join("")
  || `<tr><td colspan="5">—</td></tr>`;

function render() {
  if (!data) return;
  const period = data.periods.find(p => p.days === days);
  document.getElementById("communes").innerHTML = figures(period.byCommune);
  document.getElementById("agencies").innerHTML = figures(period.byAgency);
  document.getElementById("categories").innerHTML = period.byCategory.map(r => `<tr><td>${escape(r.name ?? r.code)}</td><td>${r.incidents}</td></tr>`).join("")
    || `<tr><td colspan="2">—</td></tr>`;
  const largest = Math.max(1, ...data.openCells.map(c => c.open));
  document.getElementById("cells").innerHTML = data.openCells.map(c => {
    const { x, y } = toMap(c.lat, c.lon);
    return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${(3 + 7 * Math.sqrt(c.open / largest)).toFixed(1)}" fill="#b3261e" fill-opacity=".6"><title>${c.open}</title></circle>`;
  }).join("");
  document.getElementById("map").setAttribute("aria-label", `${data.openCells.reduce((n, c) => n + c.open, 0)} ${t("openMap")}`);
  document.getElementById("asOf").textContent = localTime(data.asOf);
  for (const button of document.querySelectorAll("button[data-days]")) button.setAttribute("aria-pressed", String(Number(button.dataset.days) === days));
}

for (const button of document.querySelectorAll("button[data-days]"))
  button.addEventListener("click", () => { days = Number(button.dataset.days); render(); });

applyTexts();
languageToggle(document.getElementById("lang"), render);
data = await (await fetch("/api/public/transparency")).json();
render();
