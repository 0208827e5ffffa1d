import { t, applyTexts, languageToggle, requireUser, signOut, api, escape, localTime, reference, nameOf, user, onMap, escalationBanner } from "./app.js";
import { crewsMap, applyCrewTexts } from "./crews.js";
requireUser();
escalationBanner();
// Admins open the Orleans dashboard: the console hands its token to a cookie only /dashboard receives, then goes there.
const orleansDashboard = document.getElementById("orleansDashboard");
if (user()?.role === "Admin") {
  orleansDashboard.hidden = false;
  orleansDashboard.addEventListener("click", async () => {
    if ((await api("/api/auth/dashboard-session", { method: "POST" })).status === 204) location.href = "/dashboard/";
  });
}
const names = await reference();
const extra = {
  vi: { orleansDashboard: "Bảng điều khiển Orleans", province: "Toàn tỉnh: sự cố đang mở", open: "Đang mở", escalated: "Đã leo thang", sla: "Tuân thủ SLA", audit: "Nhật ký leo thang", from: "Từ ngày", to: "Đến ngày", groupBy: "Nhóm theo", show: "Xem", all: "Tất cả",
        kind: "Thang", kindAck: "tiếp nhận", kindResolve: "xử lý", filter: "Lọc", csv: "Tải CSV", firedAt: "Kích hoạt lúc", lateness: "Trễ (giây)",
        answeredAfter: "Xử lý sau (giây)", incidents: "Sự cố", ackInSla: "Tiếp nhận đúng hạn", resolveInSla: "Khắc phục xong đúng hạn", escalations: "Lượt leo thang",
        outcomes: "Kết quả: xong / không được / chuyển", satisfaction: "Mức hài lòng của người dân", satisfactionWindow: "Đánh giá 1–5 sao trong 30 ngày qua.",
        ratings: "Số đánh giá", averageStars: "Sao trung bình", satisfied: "4–5 sao",
        medianAck: "Trung vị tiếp nhận (phút)", gaps: "Cảnh báo không có người nhận đúng vai trò", target: "Vai trò cần báo", fellBackTo: "Đã báo thay cho",
        holidaysShort: "Dữ liệu ngày nghỉ lễ (data/holidays.csv) chỉ có đến hết ngày {through}. Sau ngày đó, hạn xử lý tính theo giờ hành chính sẽ coi ngày lễ, kể cả Tết, là ngày làm việc. Cần bổ sung lịch nghỉ của năm tới." },
  en: { orleansDashboard: "Orleans dashboard", province: "Province: open incidents", open: "Open", escalated: "Escalated", sla: "SLA compliance", audit: "Escalation audit", from: "From", to: "To", groupBy: "Group by", show: "Show", all: "All",
        kind: "Ladder", kindAck: "acknowledge", kindResolve: "resolve", filter: "Filter", csv: "Download CSV", firedAt: "Fired at", lateness: "Late (s)",
        answeredAfter: "Answered after (s)", incidents: "Incidents", ackInSla: "Acknowledged in time", resolveInSla: "Fixed in time", escalations: "Escalations",
        outcomes: "Outcome: fixed / not fixed / referred", satisfaction: "Citizen satisfaction", satisfactionWindow: "Ratings of 1–5 stars in the last 30 days.",
        ratings: "Ratings", averageStars: "Average stars", satisfied: "4–5 stars",
        medianAck: "Median to acknowledge (min)", gaps: "Escalation targets nobody held", target: "Target", fellBackTo: "Went instead to",
        holidaysShort: "Holiday data (data/holidays.csv) only runs until {through}. After that, office-hours deadlines would count holidays, Tết included, as working days. Add the coming year's schedule." },
};
const tt = k => extra[document.documentElement.lang === "en" ? "en" : "vi"][k] ?? t(k);
function texts() { applyTexts(); applyCrewTexts(); for (const el of document.querySelectorAll("[data-t]")) if (tt(el.dataset.t) !== el.dataset.t) el.textContent = tt(el.dataset.t); }
for (const [id, list] of [["commune", names.communes], ["agency", names.agencies], ["category", names.categories]])
  document.getElementById(id).innerHTML += list.map(c => `<option value="${c.code}">${escape(c.name)}</option>`).join("");
// This month so far, by Vietnam's calendar whatever the browser's own zone.
const today = new Date().toLocaleDateString("sv", { timeZone: "Asia/Ho_Chi_Minh" });
document.getElementById("from").value = today.slice(0, 8) + "01";
document.getElementById("to").value = today;

// Widths are set through the style object after rendering: the content security policy refuses style attributes.
const bar = pct => pct == null ? "—" : `<span class="bar" data-width="${Math.round(pct)}" aria-hidden="true"></span>${pct}%`;
const sizeBars = root => root.querySelectorAll(".bar").forEach(b => { b.style.width = `${b.dataset.width}px`; });
async function sla() {
  const q = new URLSearchParams({ groupBy: document.getElementById("groupBy").value, from: document.getElementById("from").value, to: document.getElementById("to").value });
  const { status, body } = await api(`/api/reports/sla?${q}`);
  if (status !== 200) { console.warn("SLA report", status, JSON.stringify(body)); return; }
  document.getElementById("sla").innerHTML = `<thead><tr><th>${escape(tt(body.groupBy))}</th><th>${tt("incidents")}</th><th>${tt("ackInSla")}</th><th>${tt("resolveInSla")}</th><th>${tt("outcomes")}</th><th>${tt("medianAck")}</th><th>${tt("escalations")}</th><th>${tt("averageStars")}</th><th>${tt("satisfied")}</th></tr></thead><tbody>`
    + body.rows.map(r => `<tr><td>${escape(r.name ?? r.key ?? "—")}</td><td>${r.incidents}</td><td>${bar(r.acknowledgedWithinSlaPercent)}</td>
        <td>${bar(r.resolvedWithinSlaPercent)}</td><td>${r.resolvedByOutcome.fixed} / ${r.resolvedByOutcome.notFixed} / ${r.resolvedByOutcome.notResponsible}</td>
        <td>${r.timeToAcknowledge.medianWallSeconds == null ? "—" : Math.round(r.timeToAcknowledge.medianWallSeconds / 60)}</td><td>${r.escalations}</td>
        <td>${r.satisfaction.averageStars ?? "—"} (${r.satisfaction.ratings})</td><td>${bar(r.satisfaction.satisfiedPercent)}</td></tr>`).join("") + "</tbody>";
  sizeBars(document.getElementById("sla"));
}
function filters(format) {
  const q = new URLSearchParams({ from: document.getElementById("from").value, to: document.getElementById("to").value, sort: "lateness" });
  for (const id of ["commune", "agency", "category", "level", "kind"]) if (document.getElementById(id).value) q.set(id, document.getElementById(id).value);
  if (format) q.set("format", format);
  return q;
}
async function audit() {
  const { status, body } = await api(`/api/audit/escalations?${filters()}`);
  const error = document.getElementById("error");
  if (status !== 200) { error.hidden = false; error.textContent = body?.detail ?? status; return; }
  error.hidden = true;
  document.getElementById("audit").innerHTML = body.map(r => `<tr data-id="${r.incidentId}"><td><a href="incident.html?id=${r.incidentId}">${r.incidentId}</a></td>
    <td>${escape(nameOf(names.communes, r.commune))}</td><td>${escape(tt(r.kind === "ack" ? "kindAck" : "kindResolve"))}</td><td>${r.level}</td>
    <td>${escape(localTime(r.firedAt))}</td><td>${(r.latenessMs / 1000).toFixed(1)}</td><td>${r.ackAfterMs == null ? "" : (r.ackAfterMs / 1000).toFixed(0)}</td></tr>`).join("");
}
// The map needs no tiles (none can be fetched offline): the province's frame and a dot per open incident, red when overdue.
function dots(points) {
  const dot = p => { const { x, y } = onMap(p.lat, p.lon); return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="2.5" fill="${p.overdue ? "#b3261e" : "#0b5cad"}"><title>${p.incidentId}</title></circle>`; };
  return `<svg class="map" viewBox="0 0 400 240" role="img" aria-label="${points.length} ${escape(tt("open"))}"><rect x="1" y="1" width="398" height="238" fill="none" stroke="#4a5560"/>${points.map(dot).join("")}</svg>`;
}
const groupTable = (rows, head, name) => `<thead><tr><th>${escape(tt(head))}</th><th>${escape(tt("open"))}</th><th>${escape(tt("overdue"))}</th><th>${escape(tt("escalated"))}</th></tr></thead><tbody>`
  + rows.slice(0, 12).map(r => `<tr><td>${escape(name(r.key))}</td><td>${r.open}</td><td>${r.overdue}</td><td>${r.escalated}</td></tr>`).join("") + "</tbody>";
const satisfactionTable = (rows, head, name) => `<thead><tr><th>${escape(tt(head))}</th><th>${escape(tt("ratings"))}</th><th>${escape(tt("averageStars"))}</th><th>${escape(tt("satisfied"))}</th></tr></thead><tbody>`
  + (rows.length === 0 ? `<tr><td colspan="4">—</td></tr>` : rows.slice(0, 12).map(r => `<tr><td>${escape(name(r.key))}</td><td>${r.ratings}</td><td>${r.averageStars ?? "—"}</td><td>${bar(r.satisfiedPercent)}</td></tr>`).join("")) + "</tbody>";
/** Ladder targets nobody held when a step fired: a roster to fix before the next escalation finds the same hole. */
async function gaps() {
  const { status, body } = await api("/api/audit/escalation-gaps?limit=50");
  if (status !== 200) return;
  document.getElementById("gaps").innerHTML = body.length === 0 ? `<tr><td colspan="5">—</td></tr>` : body.map(g => `<tr>
      <td><a href="incident.html?id=${encodeURIComponent(g.incidentId)}">${escape(g.incidentId)}</a></td><td>${escape(localTime(g.firedAt))}</td>
      <td>${escape(g.target)} ${escape(g.unit)}</td><td>${escape(g.reason)}</td><td>${escape(g.fellBackTo)}</td></tr>`).join("");
}

/** The readiness check knows when holiday data runs out (less than a year ahead): someone must add the next year. */
async function holidays() {
  const check = await fetch("/health/ready").then(r => r.json()).then(b => b?.checks?.holidays, () => null);
  const box = document.getElementById("holidays");
  box.hidden = !check || check.status === "Healthy";
  if (box.hidden) return;
  const through = check.data?.coveredThrough
    ? new Date(check.data.coveredThrough).toLocaleDateString(document.documentElement.lang === "en" ? "en-GB" : "vi-VN", { timeZone: "UTC" }) : "—";
  box.textContent = tt("holidaysShort").replace("{through}", through);
}

async function dashboard() {
  const { status, body } = await api("/api/dashboard");
  if (status !== 200) return;
  document.getElementById("totals").innerHTML = [["open", body.open], ["overdue", body.overdue], ["escalated", body.escalated]]
    .map(([k, n]) => `<li>${escape(tt(k))}: <strong data-testid="${k}">${n}</strong></li>`).join("");
  document.getElementById("mapOpen").innerHTML = dots(body.points);
  document.getElementById("byCommune").innerHTML = groupTable(body.byCommune, "commune", c => c ? nameOf(names.communes, c) : "—");
  document.getElementById("byCategory").innerHTML = groupTable(body.byCategory, "category", c => nameOf(names.categories, c));
  const satisfaction = body.satisfaction;
  document.getElementById("satisfactionByCommune").innerHTML = satisfactionTable(satisfaction.byCommune, "commune", c => c ? nameOf(names.communes, c) : "—");
  document.getElementById("satisfactionByAgency").innerHTML = satisfactionTable(satisfaction.byAgency, "agency", c => c ? nameOf(names.agencies, c) : "—");
  document.getElementById("satisfactionByCategory").innerHTML = satisfactionTable(satisfaction.byCategory, "category", c => nameOf(names.categories, c));
  for (const id of ["satisfactionByCommune", "satisfactionByAgency", "satisfactionByCategory"]) sizeBars(document.getElementById(id));
}
/** Every agency's crews where they last reported (the API narrows an agency's own staff to its crews). */
async function crews() {
  const { status, body } = await api("/api/crews");
  if (status === 200) document.getElementById("crews").innerHTML = crewsMap(body);
}
document.getElementById("period").addEventListener("submit", e => { e.preventDefault(); sla(); audit(); });
document.getElementById("filters").addEventListener("submit", e => { e.preventDefault(); audit(); });
// A plain link cannot carry the bearer token: fetch the file, then hand it to the browser as a download.
document.getElementById("csv").addEventListener("click", async () => {
  const response = await fetch(`/api/audit/escalations?${filters("csv")}`, { headers: { Authorization: `Bearer ${user().token}` } });
  const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(await response.blob()), download: "escalations.csv" });
  link.click();
  URL.revokeObjectURL(link.href);
});
document.getElementById("signout").addEventListener("click", signOut);
texts();
languageToggle(document.getElementById("lang"), () => { texts(); dashboard(); sla(); audit(); holidays(); crews(); });
await Promise.all([dashboard(), sla(), audit(), gaps(), holidays(), crews()]);
// Crews move: their map is read again every half minute.
setInterval(crews, 30_000);
