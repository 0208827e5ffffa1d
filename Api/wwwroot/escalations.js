import { t, applyTexts, languageToggle, requireUser, signOut, api, escape, localTime, homeOf } from "./app.js";
const me = requireUser();
document.getElementById("home").href = homeOf(me);
let data = null;

function render() {
  document.getElementById("summary").innerHTML = `<strong data-testid="unacknowledged">${data.unacknowledged}</strong> ${escape(t("unacknowledged"))}`;
  document.getElementById("rows").innerHTML = data.items.length === 0
    ? `<tr><td colspan="6">${escape(t("noEscalations"))}</td></tr>`
    : data.items.map(n => `<tr data-escalation="${escape(n.escalationId)}">
        <td><a href="incident.html?id=${encodeURIComponent(n.incidentId)}">${escape(n.incidentId)}</a></td>
        <td>${escape(n.kind)} ${n.level}${n.repeat > 0 ? ` (+${n.repeat})` : ""}</td>
        <td>${escape(localTime(n.firedAt))}</td>
        <td>${escape(n.body)}</td>
        <td>${escape(n.reason)}</td>
        <td>${n.acknowledgedAt
          ? `${escape(t("acknowledgedBy"))}: ${escape(n.acknowledgedBy)} (${escape(n.acknowledgedVia)}), ${escape(localTime(n.acknowledgedAt))}`
          : `<button type="button" data-ack="${escape(n.escalationId)}">${escape(t("acknowledgeEscalation"))}</button>`}</td>
      </tr>`).join("");
}

async function load() {
  const { status, body } = await api("/api/me/escalations");
  const error = document.getElementById("error");
  error.hidden = status === 200;
  if (status !== 200) { error.textContent = t("forbidden"); return; }
  data = body;
  render();
}

document.getElementById("rows").addEventListener("click", async e => {
  const id = e.target.closest("button[data-ack]")?.dataset.ack;
  if (!id) return;
  e.target.disabled = true;
  const { status } = await api(`/api/escalations/${encodeURIComponent(id)}/acknowledge`, { method: "POST" });
  if (status !== 200) { e.target.disabled = false; return; }
  await load();
});
applyTexts();
languageToggle(document.getElementById("lang"), () => data && render());
document.getElementById("signout").addEventListener("click", signOut);
await load();
setInterval(load, 15000);
