import { t, applyTexts, languageToggle, requireUser, signOut, api, escape, localTime, reference, nameOf, onMap, timeTo, homeOf, escalationBanner } from "./app.js";
import { stageOf } from "./crews.js";
const names = await reference();
const me = requireUser();
escalationBanner();
const id = new URLSearchParams(location.search).get("id");
document.getElementById("title").textContent = id;
document.getElementById("back").href = homeOf(me);
// What each role works on from here; the API decides in the end and says why when it refuses.
const mine = {
  CommuneOfficer: ["acknowledge", "dispatch", "reject", "resume", "add_note"],
  AgencyStaff: ["start", "wait", "resume", "resolve", "close", "return_to_triage", "add_note"],
  Supervisor: ["acknowledge", "dispatch", "start", "resolve", "close", "reject", "resume", "return_to_triage", "add_note"],
};
mine.Admin = mine.Supervisor;
// One click: no more to say than the click itself.
const oneClick = ["acknowledge", "start", "resume", "close"];
// Each needs a reason, typed once in the shared reason field.
const withReason = ["wait", "return_to_triage", "reject"];
const routes = { add_note: "note", return_to_triage: "return-to-triage" };
let incident, timeline, sla, notified = [];

const safeUrl = url => /^https?:\/\//i.test(url ?? "") || systemPhoto(url) ? url : null;
// A photo stored by the system: served to staff only, so fetched with the token and shown from a blob (issue 14).
// Any other address is a third party's: shown as a plain link, never loaded, so opening an incident tells no one.
const systemPhoto = url => /^\/api\/photos\/[0-9a-f]{32}$/.test(url ?? "");
const photoBlobs = new Map();

/** An object URL for a system photo's thumbnail or whole image, fetched once with the staff token. */
function photoBlob(path) {
  if (!photoBlobs.has(path)) {
    photoBlobs.set(path, fetch(path, { headers: { Authorization: `Bearer ${me.token}` } })
      .then(response => response.ok ? response.blob() : Promise.reject(new Error(`${response.status}`)))
      .then(blob => URL.createObjectURL(blob))
      .catch(error => { photoBlobs.delete(path); throw error; }));
  }
  return photoBlobs.get(path);
}

function photoItem(p) {
  if (!systemPhoto(p.url)) {
    return `<li><a href="${escape(p.url)}" target="_blank" rel="noopener noreferrer" referrerpolicy="no-referrer">${escape(p.url)}</a><span>${escape(p.label)}</span></li>`;
  }
  return `<li><button type="button" class="photo" data-photo="${escape(p.url)}"><img data-photo="${escape(p.url)}" alt="${escape(p.label)}" width="160" height="120"></button><span>${escape(p.label)}</span></li>`;
}

function showPhotos(list) {
  for (const img of list.querySelectorAll("img[data-photo]")) {
    photoBlob(`${img.dataset.photo}/thumbnail`).then(src => { img.src = src; }, () => { img.alt = `${img.alt} (${t("unavailable")})`; });
  }
  for (const button of list.querySelectorAll("button[data-photo]")) {
    button.addEventListener("click", () => photoBlob(button.dataset.photo).then(src => window.open(src, "_blank", "noopener")));
  }
}

// Tile-free map: the province's bounding box as a plain frame and the incident as a point (no tiles needed offline).
function map(lat, lon) {
  const { x, y } = onMap(lat, lon);
  return `<svg class="map" viewBox="0 0 400 240" role="img" aria-label="${escape(t("location"))} ${lat}, ${lon}">
    <rect x="1" y="1" width="398" height="238" fill="none" stroke="#4a5560"/>
    <circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="7" fill="#b3261e"/><text x="8" y="230" font-size="12">${lat}, ${lon}</text></svg>`;
}

/** Every report the incident holds, in the order they came: the first, those attached, those merged in. */
function reports() {
  return timeline.flatMap(e =>
    e.type === "Reported" || e.type === "ReportAttached" ? [{ at: e.at, report: e.report, seq: e.seq }]
    : e.type === "ReportsMergedIn" ? e.reports.map(r => ({ at: e.at, report: r, seq: e.seq, from: e.from }))
    : []);
}

function photos() {
  const fromReports = reports().flatMap((r, n) => (r.report.photos ?? []).map(url => ({ url, label: `${t("report")} ${n + 1}` })));
  const afterWork = incident.resolution?.photoUrl ? [{ url: incident.resolution.photoUrl, label: t("resolutionPhoto") }] : [];
  return [...fromReports, ...afterWork].filter(p => safeUrl(p.url));
}

function detail(e) {
  switch (e.type) {
    case "NoteAdded": return e.text;
    case "Dispatched": return `→ ${nameOf(names.communes, e.commune)}, ${nameOf(names.agencies, e.agency)}: ${e.reason}`;
    case "Assigned": return `→ ${nameOf(names.communes, e.commune)}, ${nameOf(names.agencies, e.agency)}`;
    case "Resolved": return [t(e.outcome), e.note, e.reason, e.referredTo].filter(Boolean).join(" — ");
    case "EscalationRaised": return `${t("level")} ${e.level} (${t(e.kind + "Clock")})`;
    case "EscalationAcknowledged": return `${t("level")} ${e.level} (${t(e.kind + "Clock")}) — ${e.actor.id}, ${e.via}`;
    case "ReturnedToTriage": return `${e.fromAgency ? nameOf(names.agencies, e.fromAgency) + ": " : ""}${e.reason}`;
    case "ReportAttached": return e.report.description;
    case "Merged": return `→ ${e.into}`;
    case "Rated": return `${e.stars}/5 (${e.channel})${e.comment ? " — " + e.comment : ""}`;
    case "CrewAssigned": case "CrewAccepted": case "CrewEnRoute": case "CrewArrived": case "CrewReleased":
      return [e.crewName, e.reason].filter(Boolean).join(" — ");
    default: return e.note ?? e.reason ?? "";
  }
}

function clock(c) {
  const late = !c.metAt && c.running && Date.parse(c.deadline) < Date.now();
  const state = c.metAt ? `${t("metAt")} ${localTime(c.metAt)}` : c.paused ? t("paused") : !c.running ? t("stopped") : timeTo(c.deadline);
  return `<li data-clock="${c.kind}" class="${late ? "late" : ""}"><strong>${escape(t(c.kind + "Clock"))}</strong>: ${escape(localTime(c.deadline))} — ${late ? `<strong>${escape(t("overdue"))}</strong> ` : ""}${escape(state)}</li>`;
}

function render() {
  const i = incident;
  const r = i.report;
  document.getElementById("facts").innerHTML = [
    ["status", t(i.status)], ["category", nameOf(names.categories, i.category)], ["priority", i.priority],
    ["commune", i.commune ? nameOf(names.communes, i.commune) : "—"], ["agency", i.agency ? nameOf(names.agencies, i.agency) : "—"],
    ["reportedAt", localTime(i.reportedAt)], ["description", r.description], ["address", r.address ?? "—"], ["reports", i.reportCount],
    ["level", i.escalationLevel || "—"],
    ...(i.crew ? [["crewOnJob", stageOf(i.crew)]] : []),
    ...(i.triageReason ? [["triageReason", i.triageReason]] : []),
    ...(i.resolution ? [["outcome", [t(i.resolution.outcome), i.resolution.note].filter(Boolean).join(" — ")]] : []),
  ].map(([k, v]) => `<dt>${escape(t(k))}</dt><dd data-field="${k}">${escape(v)}</dd>`).join("");
  document.getElementById("clocks").innerHTML = sla ? sla.clocks.map(clock).join("") : `<li class="muted">—</li>`;

  const allowed = i.allowedActions.filter(a => (mine[me.role] ?? []).includes(a));
  document.getElementById("actions").innerHTML = allowed.filter(a => oneClick.includes(a))
    .map(a => `<button type="button" data-action="${a}">${escape(t(a))}</button>`).join("");
  document.getElementById("resolveForm").hidden = !allowed.includes("resolve");
  document.getElementById("dispatchForm").hidden = !allowed.includes("dispatch");
  document.getElementById("noteForm").hidden = !allowed.includes("add_note");
  const reasoned = allowed.filter(a => withReason.includes(a));
  document.getElementById("reasonForm").hidden = reasoned.length === 0;
  // Plain buttons, not submit buttons: Enter in the reason field must not pick one of several actions for the user.
  document.getElementById("reasonActions").innerHTML = reasoned
    .map(a => `<button type="button" class="secondary" data-action="${a}">${escape(t(a))}</button>`).join("");
  const agencies = document.getElementById("dispatchAgency");
  if (!agencies.options.length) {
    agencies.innerHTML = names.agencies.map(a => `<option value="${a.code}">${escape(a.name)}</option>`).join("");
    // Triage may not know the commune yet: then it must be chosen, not defaulted.
    document.getElementById("dispatchCommune").innerHTML = `<option value="">—</option>`
      + names.communes.map(c => `<option value="${c.code}">${escape(c.name)} (${c.code})</option>`).join("");
  }
  if (!agencies.dataset.touched) {
    agencies.value = i.agency ?? agencies.options[0].value;
    document.getElementById("dispatchCommune").value = i.commune ?? "";
  }

  const shown = photos();
  const photoList = document.getElementById("photos");
  photoList.innerHTML = shown.length ? shown.map(photoItem).join("") : `<li class="muted">—</li>`;
  showPhotos(photoList);
  document.getElementById("reports").innerHTML = reports().map(x => `<li data-seq="${x.seq}">
      <span class="muted">${escape(localTime(x.at))} · ${escape(x.report.channel)}${x.from ? ` · ${escape(x.from)}` : ""}</span><br>
      ${escape(x.report.description)}${x.report.address ? `<br><span class="muted">${escape(x.report.address)}</span>` : ""}
      ${x.report.reporter?.name || x.report.reporter?.phone ? `<br><span class="muted">${escape(t("reporter"))}: ${escape([x.report.reporter.name, x.report.reporter.phone].filter(Boolean).join(", "))}</span>` : ""}</li>`).join("");
  document.getElementById("map").innerHTML = r.location ? map(r.location.lat, r.location.lon) : `<p class="muted">—</p>`;
  // Who each escalation reached, why, on which channel, and what became of it.
  document.getElementById("notified").innerHTML = notified.length === 0 ? `<tr><td colspan="8">—</td></tr>` : notified.map(n => `<tr>
      <td>${escape(t(n.kind + "Clock"))} ${n.level}${n.repeat ? ` (+${n.repeat})` : ""}</td><td>${escape(n.staffName)}</td><td>${escape(n.reason)}</td>
      <td>${escape(n.channel)}</td><td>${escape(n.state)}${n.lastError ? ` — ${escape(n.lastError)}` : ""}</td>
      <td>${n.sentAt ? escape(localTime(n.sentAt)) : ""}</td><td>${n.deliveredAt ? escape(localTime(n.deliveredAt)) : ""}</td>
      <td>${n.acknowledgedAt ? `${escape(n.acknowledgedBy)} (${escape(n.acknowledgedVia)}), ${escape(localTime(n.acknowledgedAt))}` : ""}</td></tr>`).join("");
  document.getElementById("timeline").innerHTML = timeline.map(e => `<li data-type="${escape(e.type)}">
      <span class="muted">${escape(localTime(e.at))}</span> — <strong>${escape(t("ev_" + e.type))}</strong>
      <span class="muted">(${escape(t(e.actor.role))})</span> ${escape(detail(e))}</li>`).join("");
}

async function load() {
  const path = `/api/incidents/${encodeURIComponent(id)}`;
  const got = await api(path);
  const error = document.getElementById("error");
  if (got.status !== 200) {
    error.hidden = false;
    error.textContent = t(got.status === 403 ? "forbidden" : "notFound");
    document.getElementById("incident").hidden = true;
    return;
  }
  error.hidden = true;
  const [events, clocks, sent] = await Promise.all([api(`${path}/timeline`), api(`${path}/sla`),
    api(`/api/audit/notifications?incident=${encodeURIComponent(id)}`)]);
  incident = got.body;
  timeline = events.body;
  sla = clocks.status === 200 ? clocks.body : null;
  notified = sent.status === 200 ? sent.body : [];
  document.getElementById("incident").hidden = false;
  render();
}

async function run(action, body, control) {
  const saved = document.getElementById("saved");
  saved.textContent = "";
  // One request per click: a double click would otherwise add the note twice or meet a false conflict.
  if (control?.disabled) return false;
  if (control) control.disabled = true;
  const { status, body: answer } = await api(`/api/incidents/${encodeURIComponent(id)}/${routes[action] ?? action}`,
    { method: "POST", body: JSON.stringify({ ...body, commandId: crypto.randomUUID() }) })
    .finally(() => { if (control) control.disabled = false; });
  if (status !== 200) {
    const error = document.getElementById("error");
    error.hidden = false;
    error.textContent = answer?.detail ?? answer?.title ?? String(status);
    return false;
  }
  // Handed back to triage, the incident has left this agency: back to the queue, where it no longer is.
  if (action === "return_to_triage" && me.role === "AgencyStaff") { location.href = homeOf(me); return true; }
  saved.textContent = `${t("saved")}: ${t(action)}`;
  await load();
  return true;
}

const form = name => document.getElementById(name);
const value = name => document.getElementById(name).value.trim() || undefined;
document.getElementById("actions").addEventListener("click", e => {
  const button = e.target.closest("button");
  if (button?.dataset.action) run(button.dataset.action, {}, button);
});
form("resolveForm").addEventListener("submit", async e => {
  e.preventDefault();
  const body = { outcome: value("outcome"), note: value("resolutionNote"), reason: value("whyNot"), referredTo: value("referredTo"), photoUrl: value("photoUrl") };
  if (await run("resolve", body, e.submitter)) form("resolveForm").reset();
});
// A photo of the work done: uploaded here (stored without its metadata), then referred to by its url on resolve.
form("photoFile").addEventListener("change", async e => {
  const file = e.target.files[0];
  if (!file) return;
  const data = new FormData();
  data.append("photo", file);
  e.target.disabled = true;
  const response = await fetch("/api/photos", { method: "POST", body: data, headers: { Authorization: `Bearer ${me.token}` } })
    .finally(() => { e.target.disabled = false; });
  const answer = await response.json().catch(() => null);
  if (response.status !== 201) {
    const error = document.getElementById("error");
    error.hidden = false;
    error.textContent = answer?.detail ?? answer?.title ?? String(response.status);
    e.target.value = "";
    return;
  }
  form("photoUrl").value = answer.url;
});
form("outcome").addEventListener("change", () => {
  const outcome = form("outcome").value;
  for (const [field, when] of [["whyNot", "not_fixed"], ["referredTo", "not_responsible"]])
    document.querySelector(`[for=${field}]`).hidden = form(field).hidden = outcome !== when;
});
form("dispatchAgency").addEventListener("change", e => { e.target.dataset.touched = "1"; });
form("dispatchForm").addEventListener("submit", async e => {
  e.preventDefault();
  const body = { commune: value("dispatchCommune"), agency: value("dispatchAgency"), reason: value("dispatchReason") };
  if (await run("dispatch", body, e.submitter)) {
    form("dispatchForm").reset();
    delete form("dispatchAgency").dataset.touched;
  }
});
// Enter in the reason field submits the form: ignored, the action is the button the user presses.
form("reasonForm").addEventListener("submit", e => e.preventDefault());
form("reasonActions").addEventListener("click", async e => {
  const button = e.target.closest("button");
  if (!button?.dataset.action) return;
  if (!form("reasonForm").reportValidity()) return;
  if (await run(button.dataset.action, { reason: value("reason") }, button)) form("reasonForm").reset();
});
form("noteForm").addEventListener("submit", async e => {
  e.preventDefault();
  if (await run("add_note", { text: value("noteText") }, e.submitter)) form("noteForm").reset();
});
document.getElementById("signout").addEventListener("click", signOut);
applyTexts();
languageToggle(document.getElementById("lang"), () => incident && render());
await load();
