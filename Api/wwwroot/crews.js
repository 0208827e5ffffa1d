// What the crew page, the agency console and the dashboard say about crews: status names and colours, how old a
// position is, and the tile-free map of crews with its legend. One place, so the three pages never disagree.
import { translator, escape } from "./lang.js";
import { onMap } from "./app.js";

const texts = {
  vi: {
    crew_available: "Sẵn sàng", crew_assigned: "Được giao việc", crew_en_route: "Đang di chuyển", crew_on_scene: "Tại hiện trường",
    crew_out_of_service: "Ngừng hoạt động",
    stage_assigned: "Đã giao tổ", stage_accepted: "Tổ đã nhận", stage_en_route: "Tổ đang đến", stage_on_scene: "Tổ tại hiện trường",
    myCrew: "Tổ của tôi", crews: "Các tổ xử lý", crew: "Tổ xử lý", job: "Việc", lastPosition: "Vị trí gần nhất", never: "chưa có", ago: "trước",
    crewsMap: "Bản đồ tổ xử lý", assignCrew: "Giao tổ", assignTo: "Giao cho", suggestions: "Tổ gợi ý", rank: "Thứ tự",
    distance: "Khoảng cách", busy: "đang bận", fresh: "vị trí mới", stale: "vị trí cũ", unknown: "chưa rõ vị trí", cancel: "Huỷ",
    noPlace: "Sự cố không có toạ độ: không tính được khoảng cách.", noCrews: "Không có tổ nào.",
  },
  en: {
    crew_available: "Available", crew_assigned: "Assigned", crew_en_route: "En route", crew_on_scene: "On scene",
    crew_out_of_service: "Out of service",
    stage_assigned: "Crew assigned", stage_accepted: "Crew accepted", stage_en_route: "Crew en route", stage_on_scene: "Crew on scene",
    myCrew: "My crew", crews: "Crews", crew: "Crew", job: "Job", lastPosition: "Last position", never: "none yet", ago: "ago",
    crewsMap: "Crews map", assignCrew: "Assign crew", assignTo: "Assign", suggestions: "Suggested crews", rank: "Rank",
    distance: "Distance", busy: "busy", fresh: "fresh position", stale: "old position", unknown: "position unknown", cancel: "Cancel",
    noPlace: "The incident has no map point: no distances.", noCrews: "No crews.",
  },
};

export const ct = translator(texts);

/** Map colours by status: available green, assigned amber, en route blue, on scene red, out of service grey. */
export const statusColour = {
  available: "#1a7f37", assigned: "#b58100", en_route: "#0b5cad", on_scene: "#b3261e", out_of_service: "#6e7781",
};

/** "4 m trước" / "2 h 5 m ago": how long since a position came in; "none yet" when it never did. */
export function age(instant, now = Date.now()) {
  if (!instant) return ct("never");
  const minutes = Math.max(0, Math.round((now - Date.parse(instant)) / 60000));
  const span = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} m` : `${minutes} m`;
  return `${span} ${ct("ago")}`;
}

/** The crew's stage on an incident (assigned, accepted, en route, on scene) in words, or "" when no crew holds it. */
export const stageOf = onIncident => onIncident ? `${onIncident.name}: ${ct(`stage_${onIncident.stage}`)}` : "";

/**
 * The crews as dots on the province's frame (no tiles can be fetched offline), coloured by status, where they last
 * reported or, before any report, at their base; with a legend, since colour alone tells nothing to some readers.
 */
export function crewsMap(crews) {
  const dot = c => {
    const p = c.position ?? c.home;
    const { x, y } = onMap(p.lat, p.lon);
    return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="6" fill="${statusColour[c.status]}" stroke="#fff" data-crew="${escape(c.crewId)}">`
      + `<title>${escape(c.name)}: ${escape(ct(`crew_${c.status}`))}</title></circle>`;
  };
  const legend = Object.entries(statusColour).map(([status, colour]) =>
    `<li><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="6" fill="${colour}"/></svg> ${escape(ct(`crew_${status}`))}`
    + ` (${crews.filter(c => c.status === status).length})</li>`).join("");
  return `<figure class="crews-map"><svg class="map" viewBox="0 0 400 240" role="img" aria-label="${escape(ct("crewsMap"))}: ${crews.length}">
    <rect x="1" y="1" width="398" height="238" fill="none" stroke="#4a5560"/>${crews.map(dot).join("")}</svg>
    <figcaption><ul class="legend" aria-label="${escape(ct("crewsMap"))}">${legend}</ul></figcaption></figure>`;
}

/** Fills every element marked data-ct with its crew text (pages' own data-t texts are filled by their own dictionaries). */
export function applyCrewTexts(root = document) {
  for (const el of root.querySelectorAll("[data-ct]")) el.textContent = ct(el.dataset.ct);
}
