// The agency console's crews: the board (status, job, how old the last position is) with its map, kept current by
// the agency's live feed, and the "assign crew" dialog that lists the API's suggestions for an incident.
import { api, escape, liveRows } from "./app.js";
import { ct, age, crewsMap } from "./crews.js";

const el = id => document.getElementById(id);

export function crewBoard(agency) {
  const crews = new Map();
  let incidentId = null;

  function render() {
    el("crewBoard").hidden = false;
    const list = [...crews.values()].sort((a, b) => a.crewId.localeCompare(b.crewId));
    el("crewsMap").innerHTML = crewsMap(list);
    const now = Date.now();
    liveRows(el("crewRows"), list, "crew", c => c.crewId, c => ({ cells: [
      { html: escape(c.name) },
      { html: `${escape(ct(`crew_${c.status}`))}${c.accepted && c.status === "assigned" ? ` (${escape(ct("stage_accepted"))})` : ""}`,
        data: { field: "status", status: c.status } },
      { html: c.job ? `<a href="incident.html?id=${encodeURIComponent(c.job)}">${escape(c.job)}</a>`
          : c.reason ? `<span class="muted">${escape(c.reason)}</span>` : "—" },
      { html: escape(age(c.positionAt, now)), data: { field: "position" } },
    ] }), ct("noCrews"));
  }

  /** A crew from the live feed: kept only if newer than the one shown (two updates may cross on the way). */
  function update(crew) {
    const held = crews.get(crew.crewId);
    if (held && held.version > crew.version) return;
    crews.set(crew.crewId, crew);
    render();
  }

  async function load() {
    const { status, body } = await api(`/api/crews?agency=${encodeURIComponent(agency)}`);
    if (status !== 200) return;
    for (const crew of body) update(crew);
    render();
  }

  async function suggest(id) {
    incidentId = id;
    const dialog = el("assignDialog");
    el("assignTitle").textContent = `${ct("assignCrew")}: ${id}`;
    el("assignError").hidden = true;
    el("assignList").innerHTML = "";
    if (!dialog.open) dialog.showModal();
    const { status, body } = await api(`/api/incidents/${encodeURIComponent(id)}/crew-suggestions`);
    if (status !== 200) { fail(body, status); return; }
    el("assignNote").hidden = body.located;
    el("assignList").innerHTML = body.items.length === 0 ? `<li>${escape(ct("noCrews"))}</li>` : body.items.map(s => `<li data-crew="${escape(s.crew.crewId)}">
        <span class="rank">${s.rank}.</span> <strong>${escape(s.crew.name)}</strong> — ${escape(ct(`crew_${s.crew.status}`))}
        · ${s.distanceMetres == null ? "—" : `${(s.distanceMetres / 1000).toFixed(1)} km`} · ${escape(ct(s.position))}${s.busy ? ` · <strong>${escape(ct("busy"))}</strong>` : ""}
        <button type="button" data-assign="${escape(s.crew.crewId)}">${escape(ct("assignTo"))}</button></li>`).join("");
  }

  function fail(problem, status) {
    el("assignError").hidden = false;
    el("assignError").textContent = problem?.detail ?? problem?.title ?? String(status);
  }

  el("assignList").addEventListener("click", async e => {
    const button = e.target.closest("button[data-assign]");
    if (!button || button.disabled) return;
    button.disabled = true;
    const { status, body } = await api(`/api/incidents/${encodeURIComponent(incidentId)}/assign-crew`,
      { method: "POST", body: JSON.stringify({ crewId: button.dataset.assign }) }).finally(() => { button.disabled = false; });
    // A 409 names the crew's job and status: another dispatcher was quicker, or the crew is busy. Said, not hidden.
    if (status !== 200) { fail(body, status); return; }
    update(body.crew);
    el("assignDialog").close();
  });
  el("assignClose").addEventListener("click", () => el("assignDialog").close());
  // Ages move on without any event: the board is redrawn every half minute.
  setInterval(() => crews.size && render(), 30_000);
  return { load, update, suggest, render };
}
