// The crew page: a crew member's phone on a weak connection. Their crew, its job, the next steps the API allows,
// the position while driving there, and the result with a photo once on scene. Small and framework-free on purpose.
import { t as consoleText, requireUser, signOut, api, escape, reference, nameOf } from "./app.js";
import { translator, applyTexts, languageToggle, localTime } from "./lang.js";
import { ct } from "./crews.js";

const own = translator({
  vi: {
    currentJob: "Việc được giao", noJob: "Chưa có việc. Trang tự cập nhật khi có việc mới.", directions: "Chỉ đường (Google Maps)",
    mapPoint: "Toạ độ", accept: "Nhận việc", reasonFor: "Lý do (bắt buộc khi từ chối, quay về hoặc ngừng hoạt động)",
    takePhoto: "Ảnh sau xử lý (chụp hoặc chọn ảnh)", photoUploading: "Đang tải ảnh lên…", photoUploaded: "Đã tải ảnh lên",
    members: "Thành viên", shift: "Ca", positionSent: "Đã gửi vị trí lúc", positionRefused: "Vị trí không được nhận",
    noCrew: "Bạn không thuộc tổ xử lý nào.", jobStatus: "Trạng thái sự cố", offline: "Mất kết nối; trang sẽ thử lại.",
    "assigned>en_route": "Lên đường", "assigned>available": "Từ chối việc", "en_route>on_scene": "Đã đến nơi",
    "en_route>available": "Quay về, bỏ việc", "on_scene>available": "Rời hiện trường, chưa báo kết quả", "out_of_service>available": "Hoạt động trở lại",
    out_of_service: "Ngừng hoạt động",
  },
  en: {
    currentJob: "Current job", noJob: "No job yet. This page updates itself when one comes.", directions: "Directions (Google Maps)",
    mapPoint: "Map point", accept: "Accept the job", reasonFor: "Reason (required to decline, turn back or go out of service)",
    takePhoto: "Photo after the work (take or choose one)", photoUploading: "Uploading the photo…", photoUploaded: "Photo uploaded",
    members: "Members", shift: "Shift", positionSent: "Position sent at", positionRefused: "Position not accepted",
    noCrew: "You ride no crew.", jobStatus: "Incident status", offline: "No connection; the page will try again.",
    "assigned>en_route": "Set off", "assigned>available": "Decline the job", "en_route>on_scene": "Arrived",
    "en_route>available": "Turn back, drop the job", "on_scene>available": "Leave without a result", "out_of_service>available": "Back in service",
    out_of_service: "Go out of service",
  },
});
// The page's own words first, then the crews' shared ones, then the console's.
const t = key => [own, ct, consoleText].map(f => f(key)).find(text => text !== key) ?? key;

requireUser();
const names = await reference();
let mine = null;
// Forward moves are big buttons; moves that leave the job or the board sit under the reason field. Which of them need
// a reason is the API's rule: the page sends what was typed and shows the refusal if one was needed.
const forward = ["en_route", "on_scene"];
const el = id => document.getElementById(id);

function show(message, isError) {
  el("error").hidden = !isError;
  el("error").textContent = isError ? message : "";
  el("saved").textContent = isError ? "" : message;
}

function render() {
  if (!mine) return;
  const { crew, allowedNext, job } = mine;
  el("crew").hidden = false;
  el("crewName").textContent = crew.name;
  el("crewStatus").textContent = ct(`crew_${crew.status}`);
  el("crewStatus").dataset.status = crew.status;
  el("crewMeta").textContent = `${t("members")}: ${crew.members.join(", ")} · ${t("shift")}: ${crew.shift}`;
  el("job").hidden = !job;
  el("noJob").hidden = !!job;
  if (job) {
    const place = job.report.location;
    el("jobFacts").innerHTML = [
      ["code", job.trackingCode], ["category", nameOf(names.categories, job.category)], ["priority", job.priority],
      ["jobStatus", t(job.status)], ["address", job.report.address ?? "—"], ["description", job.report.description],
      ["mapPoint", place ? `${place.lat}, ${place.lon}` : "—"],
    ].map(([k, v]) => `<dt>${escape(t(k))}</dt><dd data-field="${k}">${escape(v)}</dd>`).join("");
    el("directions").hidden = !place;
    if (place) el("directions").href = `https://www.google.com/maps/dir/?api=1&destination=${place.lat},${place.lon}`;
  }
  const accept = crew.status === "assigned" && !crew.accepted
    ? [`<button type="button" class="big" data-accept="1">${escape(t("accept"))}</button>`] : [];
  el("moves").innerHTML = accept.concat(allowedNext.filter(s => forward.includes(s))
    .map(s => `<button type="button" class="big" data-move="${s}">${escape(t(`${crew.status}>${s}`))}</button>`)).join("");
  const leaving = allowedNext.filter(s => !forward.includes(s));
  el("reasonForm").hidden = leaving.length === 0;
  el("reasonMoves").innerHTML = leaving.map(s => `<button type="button" class="secondary" data-move="${s}">${escape(t(s === "out_of_service" ? s : `${crew.status}>${s}`))}</button>`).join("");
  el("resolveForm").hidden = crew.status !== "on_scene";
  track(crew.status === "en_route");
}

// On a weak signal a request fails outright: say so and keep what is shown; the next poll or tap tries again.
const reach = request => request.catch(() => { show(t("offline"), true); return { status: 0, body: null }; });

async function load() {
  const { status, body } = await reach(api("/api/me/crew"));
  if (status === 0) return;
  if (status !== 200) { show(status === 404 ? t("noCrew") : body?.detail ?? String(status), true); return; }
  if (el("error").textContent === t("offline")) el("error").hidden = true;
  // A poll sent before a step but answered after it must not take the crew back: the board's version only grows.
  if (mine && body.crew.version < mine.crew.version) return;
  mine = body;
  render();
}

/** Sends one crew call; on success the answer is the crew as it now is, with its job (none once the job is let go). */
async function send(path, body, control, done) {
  if (control?.disabled) return false;
  if (control) control.disabled = true;
  const { status, body: answer } = await reach(api(`/api/crews/${encodeURIComponent(mine.crew.crewId)}/${path}`, { method: "POST", body: JSON.stringify(body ?? {}) }))
    .finally(() => { if (control) control.disabled = false; });
  if (status === 0) return false;
  if (status !== 200) { show(answer?.detail ?? answer?.title ?? String(status), true); return false; }
  mine = { crew: answer.crew, allowedNext: answer.allowedNext, job: answer.crew.job ? answer.incident : null };
  show(`${t("saved")}: ${done}`, false);
  render();
  return true;
}

// While the crew drives there its position goes to the dispatcher, at most once every 10 s: enough to see it move, and
// little for a phone on a weak signal. A refused fix (outside the province, an old one) is said, not retried.
let watch = null, lastSent = 0;
function track(on) {
  if (on && watch === null && navigator.geolocation) {
    watch = navigator.geolocation.watchPosition(report, () => {}, { enableHighAccuracy: true, maximumAge: 10_000 });
  } else if (!on && watch !== null) {
    navigator.geolocation.clearWatch(watch);
    watch = null;
  }
}
async function report(fix) {
  if (Date.now() - lastSent < 10_000 || !mine) return;
  lastSent = Date.now();
  const at = new Date(fix.timestamp).toISOString();
  const { status, body } = await api(`/api/crews/${encodeURIComponent(mine.crew.crewId)}/position`,
    { method: "POST", body: JSON.stringify({ lat: fix.coords.latitude, lon: fix.coords.longitude, at }) })
    // A fix lost to a weak signal is not resent: the next one, 10 s on, says more.
    .catch(() => ({ status: 0, body: null }));
  if (status === 0) return;
  const line = el("saved");
  line.dataset.position = status === 200 ? "sent" : "refused";
  line.textContent = status === 200 ? `${t("positionSent")} ${localTime(at)}` : `${t("positionRefused")}: ${body?.detail ?? status}`;
}

el("moves").addEventListener("click", e => {
  const button = e.target.closest("button");
  if (button?.dataset.accept) send("accept", {}, button, t("accept"));
  else if (button?.dataset.move) send("status", { status: button.dataset.move }, button, button.textContent);
});
el("reasonForm").addEventListener("submit", e => e.preventDefault());
el("reasonMoves").addEventListener("click", async e => {
  const button = e.target.closest("button");
  if (!button?.dataset.move) return;
  if (await send("status", { status: button.dataset.move, reason: el("reason").value.trim() || undefined }, button, button.textContent)) el("reason").value = "";
});

// The photo goes up as soon as it is chosen (the slow part on a weak signal), then the result refers to it by its url.
let photoUrl = null;
let uploading = null;
el("photo").addEventListener("change", e => {
  const file = e.target.files[0];
  photoUrl = null;
  if (!file) return;
  const data = new FormData();
  data.append("photo", file);
  el("photoState").textContent = t("photoUploading");
  uploading = fetch("/api/photos", { method: "POST", body: data, headers: { Authorization: `Bearer ${requireUser().token}` } })
    .then(async response => {
      const answer = await response.json().catch(() => null);
      if (response.status !== 201) throw new Error(answer?.detail ?? answer?.title ?? String(response.status));
      photoUrl = answer.url;
      el("photoState").textContent = t("photoUploaded");
      el("photoState").dataset.url = answer.url;
    })
    .catch(error => { el("photoState").textContent = ""; e.target.value = ""; show(error.message, true); });
});
el("outcome").addEventListener("change", () => {
  for (const [field, when] of [["whyNot", "not_fixed"], ["referredTo", "not_responsible"]])
    document.querySelector(`[for=${field}]`).hidden = el(field).hidden = el("outcome").value !== when;
});
el("resolveForm").addEventListener("submit", async e => {
  e.preventDefault();
  await uploading;
  const value = id => el(id).value.trim() || undefined;
  const body = { outcome: value("outcome"), note: value("note"), reason: value("whyNot"), referredTo: value("referredTo"), photoUrl: photoUrl ?? undefined };
  if (await send("resolve", body, e.submitter, t("resolve"))) {
    el("resolveForm").reset();
    photoUrl = null;
    uploading = null;
    el("photoState").textContent = "";
  }
});

el("signout").addEventListener("click", signOut);
applyTexts(t);
languageToggle(el("lang"), () => { applyTexts(t); render(); });
await load();
// A new job appears without the crew doing anything: the page asks again every 15 s.
setInterval(load, 15_000);
