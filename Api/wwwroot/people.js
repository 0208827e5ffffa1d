import { applyTexts, languageToggle, requireUser, signOut, api, escape, localTime } from "./app.js";
requireUser();
const params = new URLSearchParams(location.search);
const kind = document.getElementById("kind");
const code = document.getElementById("code");
kind.value = params.get("kind") ?? "commune";
code.value = params.get("code") ?? (kind.value === "province" ? "province" : "07627");
const base = () => `/api/units/${encodeURIComponent(kind.value)}/${encodeURIComponent(code.value)}`;
const error = document.getElementById("error");
let people = [];
const show = body => {
  error.hidden = !body;
  error.textContent = body ? (body.detail ?? body.title ?? "") : "";
};
const duty = d => d.kind === "office_hours" ? "office" : d.kind === "always" ? "always"
  : d.kind === "off_hours" ? `off-hours:${d.days.map(x => x.slice(0, 1).toUpperCase() + x.slice(1, 3)).join(" ")}` : "";

async function load() {
  const [roster, changes, onDuty] = await Promise.all([api(`${base()}/roster`), api(`${base()}/changes`), api(`${base()}/on-duty`)]);
  if (roster.status !== 200) { show(roster.body); return; }
  show(null);
  document.getElementById("unit").textContent = roster.body.unit.kind + " " + roster.body.unit.code;
  // Rota roles show who is on duty now; a chairman, a head or a director holds the role whatever the hour.
  document.getElementById("duty").textContent = Object.entries(onDuty.body?.onDuty ?? {})
    .map(([role, now]) => `${role}: ${(now.length ? now : onDuty.body.holders[role]).map(p => p.name).join(", ") || "—"}`).join(" · ");
  document.getElementById("people").innerHTML = roster.body.people.map(p => `<tr>
      <td>${escape(p.staffId)}</td><td>${escape(p.name)}</td><td>${escape(p.role)}${p.department ? ` (${escape(p.department)})` : ""}</td>
      <td>${escape(duty(p.duty))}</td><td>${escape(p.zaloUserId)}</td><td>${escape(p.phone)}</td><td>${escape(p.email)}</td>
      <td><button type="button" class="secondary" data-edit="${escape(p.staffId)}">Sửa / Edit</button>
          <button type="button" class="secondary" data-remove="${escape(p.staffId)}">Xoá / Remove</button></td></tr>`).join("");
  document.getElementById("overrides").innerHTML = roster.body.overrides.map(o => `<li>${escape(o.staffId)} ${escape(o.from)} – ${escape(o.to)}
      ${o.substituteId ? `→ ${escape(o.substituteId)}` : ""} ${escape(o.note)} <button type="button" class="secondary" data-override="${escape(o.id)}">Xoá / Remove</button></li>`).join("");
  document.getElementById("changes").innerHTML = changes.body.slice().reverse().map(c =>
    `<li>${escape(localTime(c.at))}: ${escape(c.type)} — ${escape(c.actor.id)}</li>`).join("");
  people = roster.body.people;
}

document.getElementById("pick").addEventListener("submit", e => { e.preventDefault(); load(); });
document.getElementById("people").addEventListener("click", async e => {
  const edit = e.target.dataset.edit, remove = e.target.dataset.remove;
  if (edit) {
    const p = people.find(x => x.staffId === edit);
    for (const [field, value] of Object.entries({ staffId: p.staffId, name: p.name, role: p.role, duty: duty(p.duty), zaloUserId: p.zaloUserId,
      phone: p.phone, email: p.email, department: p.department })) document.querySelector(`#person [name=${field}]`).value = value ?? "";
  }
  if (remove) { const r = await api(`${base()}/people/${encodeURIComponent(remove)}`, { method: "DELETE" }); show(r.status === 200 ? null : r.body); load(); }
});
document.getElementById("overrides").addEventListener("click", async e => {
  const id = e.target.dataset.override;
  if (id) { await api(`${base()}/overrides/${encodeURIComponent(id)}`, { method: "DELETE" }); load(); }
});
document.getElementById("person").addEventListener("submit", async e => {
  e.preventDefault();
  const body = Object.fromEntries(new FormData(e.target));
  const exists = people.some(p => p.staffId === body.staffId);
  const r = await api(exists ? `${base()}/people/${encodeURIComponent(body.staffId)}` : `${base()}/people`,
    { method: exists ? "PUT" : "POST", body: JSON.stringify(body) });
  show(r.status === 200 ? null : r.body);
  if (r.status === 200) load();
});
document.getElementById("override").addEventListener("submit", async e => {
  e.preventDefault();
  const r = await api(`${base()}/overrides`, { method: "POST", body: JSON.stringify(Object.fromEntries(new FormData(e.target))) });
  show(r.status === 200 ? null : r.body);
  if (r.status === 200) load();
});
applyTexts();
languageToggle(document.getElementById("lang"));
document.getElementById("signout").addEventListener("click", signOut);
load();
