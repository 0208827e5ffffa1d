// Following a report by its tracking code: where it stands, each step's date, the true outcome with the agency's note
// and photo, and, once resolved, a rating (once) or a reopen with a reason. No account: the code is the key.
import { t, applyTexts, languageToggle, escape, localTime, problemText, renderMyReports } from "./citizen.js";

let code = new URLSearchParams(location.search).get("code");
let shown = null;

const stars = n => "★".repeat(n) + "☆".repeat(5 - n);

/** A system photo of this incident, through the tracking code (staff-only addresses are not readable here). */
const photoUrl = url => url?.startsWith("/api/photos/") ? `/api/track/${encodeURIComponent(code)}/photos/${url.slice("/api/photos/".length)}` : null;

function render() {
  const i = shown;
  if (!i) return;
  document.getElementById("incident").hidden = false;
  document.getElementById("title").textContent = `${i.trackingCode} · ${i.categoryName ?? i.category}${i.communeName ? ` · ${i.communeName}` : ""}`;
  document.getElementById("status").textContent = t(i.status);
  document.getElementById("steps").innerHTML = i.history.map(s => `<li>${escape(t(`ev_${s.type}`))} — <time>${escape(localTime(s.at))}</time></li>`).join("");

  document.getElementById("outcome").hidden = !i.outcome;
  if (i.outcome) {
    const text = document.getElementById("outcomeText");
    text.textContent = i.outcome === "not_responsible" ? `${t("not_responsible")} ${i.referredTo ?? ""}` : t(i.outcome);
    text.className = i.outcome === "fixed" ? "outcome-fixed" : "outcome-other";
    const note = document.getElementById("resolutionNote");
    note.hidden = !i.resolutionNote;
    note.textContent = i.resolutionNote ? `${t("note")}: ${i.resolutionNote}` : "";
    const photo = photoUrl(i.resolutionPhotoUrl);
    document.getElementById("resolutionPhoto").hidden = !photo;
    if (photo) document.querySelector("#resolutionPhoto img").src = photo;
  }

  document.getElementById("rated").hidden = !i.rating;
  if (i.rating) {
    document.getElementById("ratedStars").textContent = stars(i.rating.stars);
    document.getElementById("ratedComment").textContent = i.rating.comment ?? "";
  }
  document.getElementById("rate").hidden = !i.canRate;
  document.getElementById("reopen").hidden = !i.canReopen;
}


function showError(text) {
  const error = document.getElementById("error");
  error.textContent = text;
  error.hidden = !text;
}

async function load() {
  if (!code) return;
  document.getElementById("code").value = code;
  const response = await fetch(`/api/track/${encodeURIComponent(code)}`);
  if (!response.ok) {
    shown = null;
    document.getElementById("incident").hidden = true;
    showError(response.status === 404 ? t("notFound") : response.status === 429 ? t("tooMany") : await problemText(response));
    return;
  }
  showError("");
  shown = await response.json();
  code = shown.trackingCode;
  render();
}

async function post(path, body, done) {
  const response = await fetch(`/api/track/${encodeURIComponent(code)}/${path}`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  if (!response.ok) { showError(await problemText(response)); return; }
  showError("");
  document.getElementById("notice").textContent = t(done);
  await load();
}

document.getElementById("stars").insertAdjacentHTML("beforeend", [1, 2, 3, 4, 5].map(n =>
  `<label><input type="radio" name="stars" value="${n}" required> ${stars(n)}</label>`).join(""));

document.getElementById("lookup").addEventListener("submit", e => {
  e.preventDefault();
  code = document.getElementById("code").value.trim();
  history.replaceState(null, "", `track.html?code=${encodeURIComponent(code)}`);
  load();
});

document.getElementById("rate").addEventListener("submit", e => {
  e.preventDefault();
  const picked = document.querySelector("input[name=stars]:checked");
  if (!picked) return;
  post("rating", { stars: Number(picked.value), comment: document.getElementById("comment").value.trim() || null }, "thanks");
});

document.getElementById("reopen").addEventListener("submit", e => {
  e.preventDefault();
  post("reopen", { reason: document.getElementById("reason").value.trim() }, "reopened");
});

applyTexts();
languageToggle(document.getElementById("lang"), () => { render(); renderMyReports(); });
renderMyReports();
load();
