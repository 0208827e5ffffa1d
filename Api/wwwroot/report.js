// The citizen's report: built for a cheap phone on a weak connection. Photos are downscaled here before upload; a
// report sent without a connection waits in this browser (localStorage) with its Idempotency-Key, and is sent once
// the connection returns: the key makes any resend land on the same incident, so it arrives exactly once.
import { t, applyTexts, languageToggle, categoryName, escape, problemText, toMap, fromMap, renderMyReports, rememberReport } from "./citizen.js";

const MaxPhotos = 3, LongSide = 1280, Quality = 0.8;
const form = document.getElementById("report");
const chosen = { category: null, lat: null, lon: null, photos: [] };
let reference = { communes: [], categories: [] };

// Emergencies first, as data/categories.csv lists them; "other" last.
const Order = ["fire", "flood", "traffic_accident", "electricity_outage", "water_supply", "road_damage", "street_light", "garbage_dumping",
  "environment_pollution", "illegal_parking", "illegal_construction", "crowd_disorder", "other"];
const rank = code => (Order.indexOf(code) + Order.length + 1) % (Order.length + 1);

function renderCategories() {
  document.getElementById("categories").innerHTML = [...reference.categories].sort((a, b) => rank(a.code) - rank(b.code)).map(c =>
    `<button type="button" class="category" data-code="${escape(c.code)}" aria-pressed="${c.code === chosen.category}">
       <svg aria-hidden="true"><use href="icons.svg#${escape(c.code)}"></use></svg><span>${escape(categoryName(c))}</span></button>`).join("");
}

function renderPhotos() {
  document.getElementById("previews").innerHTML = chosen.photos.map((p, i) =>
    `<li><img src="${p}" alt="${i + 1}" width="96" height="72"><button type="button" class="secondary" data-remove="${i}">${escape(t("removePhoto"))}</button></li>`).join("");
  document.getElementById("photo").disabled = chosen.photos.length >= MaxPhotos;
}

const renderMine = () => renderMyReports(queue().map(p => p.report.description));

function pin(lat, lon) {
  chosen.lat = lat; chosen.lon = lon;
  const { x, y } = toMap(lat, lon);
  const dot = document.getElementById("pin");
  dot.setAttribute("cx", x); dot.setAttribute("cy", y); dot.hidden = false;
}

/** A photo as a JPEG data URL no longer than LongSide: a few hundred kilobytes instead of several megabytes, and no EXIF. */
async function downscale(file) {
  const image = await createImageBitmap(file);
  const scale = Math.min(1, LongSide / Math.max(image.width, image.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(image.width * scale);
  canvas.height = Math.round(image.height * scale);
  canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL("image/jpeg", Quality);
}

/** The bytes of a data URL (fetching it would be refused: the page may only connect to its own site). */
function blobOf(dataUrl) {
  const [head, base64] = dataUrl.split(",");
  const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
  return new Blob([bytes], { type: head.slice(5, head.indexOf(";")) });
}

/** The communes and categories, kept from the last visit so the form opens without a connection. */
async function loadReference() {
  try {
    const loaded = await (await fetch("/api/reference")).json();
    localStorage.setItem("reference", JSON.stringify(loaded));
    return loaded;
  } catch {
    return JSON.parse(localStorage.getItem("reference") ?? '{"communes":[],"categories":[]}');
  }
}

// The reports waiting to be sent, kept across reloads and closed tabs.
const queue = () => JSON.parse(localStorage.getItem("pendingReports") ?? "[]");
const saveQueue = items => localStorage.setItem("pendingReports", JSON.stringify(items));
const update = (key, change) => saveQueue(queue().map(p => p.key === key ? { ...p, ...change } : p));

let sending = false;
/** Sends every waiting report, oldest first; stops at the first that cannot get through the network. */
async function sendWaiting() {
  if (sending) return;
  sending = true;
  try {
    for (const item of queue()) {
      const result = await send(item);
      if (result === "offline") { show("queued"); break; }
      saveQueue(queue().filter(p => p.key !== item.key));
      if (result.code) { rememberReport(result.code); showDone(result.code); }
      else showError(`${t("failed")} ${result.error}`);
    }
  } finally {
    sending = false;
    renderMine();
  }
}

async function send(item) {
  try {
    // Photos first, each once: their addresses are kept with the report, so a resend does not upload them again.
    const urls = item.photoUrls ?? [];
    for (const photo of item.photos.slice(urls.length)) {
      const body = new FormData();
      body.append("photo", blobOf(photo), "photo.jpg");
      const uploaded = await fetch("/api/photos", { method: "POST", body });
      if (!uploaded.ok) return { error: await problemText(uploaded) };
      urls.push((await uploaded.json()).url);
      update(item.key, { photoUrls: urls });
    }
    const response = await fetch("/api/reports", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": item.key },
      body: JSON.stringify({ ...item.report, photos: urls }),
    });
    if (response.ok) return { code: (await response.json()).trackingCode };
    return { error: await problemText(response) };
  } catch {
    return "offline";
  }
}

function show(id) {
  for (const section of ["queued", "done"]) document.getElementById(section).hidden = section !== id;
  form.hidden = id === "done";
}

function showDone(code) {
  document.getElementById("code").textContent = code;
  document.getElementById("follow").href = `track.html?code=${encodeURIComponent(code)}`;
  show("done");
}

function showError(text) {
  const error = document.getElementById("error");
  error.textContent = text;
  error.hidden = !text;
}

function reset() {
  form.reset();
  Object.assign(chosen, { category: null, lat: null, lon: null, photos: [] });
  document.getElementById("pin").hidden = true;
  document.getElementById("located").textContent = "";
  renderCategories();
  renderPhotos();
  showError("");
  show(null);
}

document.getElementById("categories").addEventListener("click", e => {
  const button = e.target.closest("button[data-code]");
  if (!button) return;
  chosen.category = button.dataset.code;
  renderCategories();
});

document.getElementById("locate").addEventListener("click", () => {
  const status = document.getElementById("located");
  status.textContent = t("locating");
  navigator.geolocation.getCurrentPosition(
    position => { pin(position.coords.latitude, position.coords.longitude); status.textContent = t("located"); },
    () => { status.textContent = t("locationFailed"); },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
});

document.getElementById("map").addEventListener("click", e => {
  const svg = e.currentTarget;
  const point = new DOMPoint(e.clientX, e.clientY).matrixTransform(svg.getScreenCTM().inverse());
  const { lat, lon } = fromMap(point.x, point.y);
  pin(lat, lon);
});

document.getElementById("photo").addEventListener("change", async e => {
  for (const file of [...e.target.files].slice(0, MaxPhotos - chosen.photos.length)) chosen.photos.push(await downscale(file));
  e.target.value = "";
  renderPhotos();
});

document.getElementById("previews").addEventListener("click", e => {
  const button = e.target.closest("button[data-remove]");
  if (!button) return;
  chosen.photos.splice(Number(button.dataset.remove), 1);
  renderPhotos();
});

form.addEventListener("submit", async e => {
  e.preventDefault();
  const description = document.getElementById("description").value.trim();
  const communeCode = document.getElementById("commune").value || null;
  const missing = !chosen.category ? "needCategory" : !description ? "needDescription" : chosen.lat === null && !communeCode ? "needPlace" : null;
  if (missing) { showError(t(missing)); return; }
  showError("");
  const name = document.getElementById("name").value.trim(), phone = document.getElementById("phone").value.trim();
  const report = {
    category: chosen.category, description, communeCode,
    lat: chosen.lat === null ? null : Math.round(chosen.lat * 1e6) / 1e6,
    lon: chosen.lon === null ? null : Math.round(chosen.lon * 1e6) / 1e6,
    address: document.getElementById("address").value.trim() || null,
    reporter: name || phone ? { name: name || null, phone: phone || null } : null,
  };
  // Queued before the first try: a phone that loses the page mid-send still has it.
  saveQueue([...queue(), { key: crypto.randomUUID(), report, photos: chosen.photos }]);
  document.getElementById("send").disabled = true;
  document.getElementById("send").textContent = t("sending");
  await sendWaiting();
  document.getElementById("send").disabled = false;
  document.getElementById("send").textContent = t("send");
});

document.getElementById("another").addEventListener("click", reset);
window.addEventListener("online", sendWaiting);

applyTexts();
languageToggle(document.getElementById("lang"), () => { renderCategories(); renderPhotos(); renderMine(); });
reference = await loadReference();
document.getElementById("commune").innerHTML += reference.communes.map(c => `<option value="${escape(c.code)}">${escape(c.name)}</option>`).join("");
renderCategories();
renderPhotos();
renderMine();
sendWaiting();
