import { t, applyTexts, languageToggle, requireUser, signOut, api, escape, timeTo, follow, liveRows, reference, nameOf, escalationBanner } from "./app.js";
import { ct, stageOf, applyCrewTexts } from "./crews.js";
import { crewBoard } from "./crew-board.js";
// Names and the list load side by side: the officer waits for the slower of the two, not their sum.
const namesLoading = reference();
let names;
const me = requireUser();
escalationBanner();
const params = new URLSearchParams(location.search);
const commune = params.get("commune");
const agency = params.get("agency");
// The provincial triage desk: what routing could not place, and what agencies handed back.
const triage = params.has("triage");
const path = triage ? "/api/triage" : agency ? `/api/agencies/${encodeURIComponent(agency)}/queue` : `/api/communes/${encodeURIComponent(commune)}/inbox`;
const fresh = new Set();
document.getElementById("overview").hidden = !["Supervisor", "Admin"].includes(me.role);
if (triage) document.getElementById("placeColumn").dataset.t = "triageReason";
// An agency's queue shows who is out on each incident, its crews' board, and lets its dispatchers send a crew.
const board = agency && !triage ? crewBoard(agency) : null;
const dispatches = board && ["AgencyStaff", "Supervisor", "Admin"].includes(me.role);
document.getElementById("crewColumn").hidden = !board;
document.getElementById("crewPage").hidden = me.role !== "AgencyStaff";
let list = null;

function render() {
  const started = performance.now();
  document.getElementById("title").textContent = triage ? t("triage")
    : `${t(agency ? "queue" : "inbox")}: ${agency ? nameOf(names.agencies, agency) : nameOf(names.communes, commune)}`;
  document.getElementById("counts").innerHTML = Object.entries(list.countsByStatus).map(([s, n]) => `<li>${escape(t(s))}: <strong>${n}</strong></li>`).join("")
    + `<li>${escape(t("overdue"))}: <strong data-testid="overdue">${list.overdue}</strong></li>`;
  const now = Date.now();
  liveRows(document.getElementById("rows"), list.incidents, "id", i => i.incidentId, i => ({
    className: [i.overdue && "overdue", fresh.has(i.incidentId) && "fresh"].filter(Boolean).join(" "),
    cells: cellsOf(i, now),
  }), t("empty"));
  const rendered = document.getElementById("rendered");
  rendered.textContent = `${list.incidents.length} — ${t("loadedIn")} ${Math.round(performance.now() - started)} ms`;
  // The first rendering is what the officer waits for after navigating: its time from navigation start and its own cost.
  rendered.dataset.ms ??= String(performance.now() - started);
  rendered.dataset.shownAt ??= String(performance.now());
}

function cellsOf(i, now) {
  const deadline = i.ackDeadline ?? i.resolveDeadline;
  const act = !agency && !triage && i.status === "assigned" && me.role !== "AgencyStaff"
    ? `<button type="button" data-ack="${i.incidentId}">${escape(t("acknowledge"))}</button>`
    : dispatches && !i.crew ? `<button type="button" class="secondary" data-assign="${i.incidentId}">${escape(ct("assignCrew"))}</button>` : "";
  return [
    { html: `<a href="incident.html?id=${i.incidentId}">${i.trackingCode}</a>` },
    { html: escape(nameOf(names.categories, i.category)) },
    { html: String(i.priority) },
    { html: escape(t(i.status)) },
    { html: `${i.overdue ? `<strong>${escape(t("overdue"))}</strong> ` : ""}${escape(timeTo(deadline, now))}` },
    { html: escape(triage ? i.triageReason : i.address ?? i.summary), className: "hide-narrow" },
    { html: String(i.reportCount), className: "hide-narrow" },
    { html: String(i.escalationLevel || ""), className: "hide-narrow" },
    ...(board ? [{ html: escape(stageOf(i.crew)), data: { field: "crew" } }] : []),
    { html: act },
  ];
}

let requested = 0;
async function load() {
  // Reloads overlap when events come quickly: only the latest request's answer may be shown.
  const mine = ++requested;
  const [{ status, body }] = await Promise.all([api(path), namesLoading.then(loaded => { names = loaded; })]);
  if (mine !== requested) return;
  const error = document.getElementById("error");
  if (status !== 200) { error.hidden = false; error.textContent = t(status === 403 ? "forbidden" : "notFound"); list = null; return; }
  error.hidden = true;
  list = body;
  render();
}

document.getElementById("rows").addEventListener("click", async e => {
  if (e.target.dataset?.assign) { board.suggest(e.target.dataset.assign); return; }
  const id = e.target.dataset?.ack;
  if (!id) return;
  e.target.disabled = true;
  const { status } = await api(`/api/incidents/${id}/acknowledge`, { method: "POST", body: JSON.stringify({ note: "console" }) });
  if (status !== 200) { e.target.disabled = false; return; }
  await load();
});
document.getElementById("signout").addEventListener("click", signOut);
const texts = () => { applyTexts(); applyCrewTexts(); };
texts();
languageToggle(document.getElementById("lang"), () => { texts(); if (list) render(); board?.render(); });
await Promise.all([load(), board?.load()]);
// Every minute the list is read again: time left moves on, and a live update lost on the way is made good.
setInterval(load, 60_000);
if (!triage) {
  const live = document.getElementById("live");
  live.dataset.events = "0";
  follow(agency ? `/api/live/agencies/${encodeURIComponent(agency)}` : `/api/live/communes/${encodeURIComponent(commune)}`,
    (data, type) => {
      live.dataset.events = String(Number(live.dataset.events) + 1);
      if (type === "crew") { board?.update(data); return; }
      fresh.add(data.incidentId);
      load();
    },
    // Each (re)connection reloads the list and the board: whatever changed while no stream was open is read again.
    async up => { if (up) await Promise.all([load(), board?.load()]); live.textContent = up ? `● ${t("live")}` : t("liveLost"); live.dataset.up = String(up); });
}
