// The console's shared code: language, the signed-in user, calls to the API, small render helpers.
// No framework and no build step: plain modules the API serves as static files.
import { lang, translator, applyTexts as applyWith, languageToggle as toggle, escape, localTime } from "./lang.js";

const texts = {
  vi: {
    appName: "Sự cố Bắc Giang", signIn: "Đăng nhập", signOut: "Đăng xuất", role: "Vai trò", commune: "Xã/phường", agency: "Cơ quan",
    CommuneOfficer: "Cán bộ xã", AgencyStaff: "Nhân viên cơ quan", Supervisor: "Giám sát tỉnh", Admin: "Quản trị",
    devSignIn: "Đăng nhập thử (môi trường phát triển): chọn một người dùng mẫu theo vai trò.", staffId: "Mã cán bộ (không bắt buộc; thành viên tổ xử lý)",
    inbox: "Hộp việc của xã", queue: "Hàng việc của cơ quan", code: "Mã", category: "Loại", priority: "Ưu tiên", status: "Trạng thái",
    deadline: "Thời hạn", address: "Địa chỉ", reports: "Báo cáo", level: "Cấp leo thang", action: "Thao tác", open: "Mở",
    acknowledge: "Tiếp nhận", start: "Bắt đầu xử lý", resolve: "Báo kết quả xử lý", close: "Đóng", dispatch: "Chuyển tiếp", reject: "Từ chối",
    overdue: "Quá hạn", left: "còn", ago: "trễ", live: "Cập nhật trực tiếp", liveLost: "Mất kết nối trực tiếp, đang thử lại…",
    empty: "Không có sự cố đang mở.", forbidden: "Bạn không có quyền xem nội dung này.", notFound: "Không tìm thấy sự cố.",
    timeline: "Diễn biến", description: "Mô tả", reportedAt: "Thời điểm báo", location: "Vị trí", back: "Quay lại danh sách",
    note: "Ghi chú", outcome: "Kết quả", fixed: "Đã khắc phục", not_fixed: "Chưa khắc phục", not_responsible: "Không thuộc thẩm quyền",
    received: "Chờ phân loại", assigned: "Đã giao", acknowledged: "Đã tiếp nhận", in_progress: "Đang xử lý", waiting: "Chờ người báo",
    resolved: "Đã xử lý", closed: "Đã đóng", rejected: "Từ chối", merged: "Đã gộp", loadedIn: "Hiển thị trong",
    details: "Thông tin", sla: "Thời hạn SLA", ackClock: "Hạn tiếp nhận", resolveClock: "Hạn xử lý", metAt: "đạt lúc",
    paused: "tạm dừng (chờ người báo)", stopped: "đã dừng", photos: "Ảnh", report: "Báo cáo", resolutionPhoto: "Ảnh sau xử lý",
    reportsList: "Các báo cáo", reporter: "Người báo", triageReason: "Lý do chờ phân loại",
    add_note: "Thêm ghi chú", addNote: "Thêm ghi chú", noteText: "Ghi chú nội bộ (không gửi người dân)",
    requestDispatch: "Yêu cầu điều phối", dispatchTo: "Chuyển cho cơ quan", reason: "Lý do", withReason: "Thao tác cần lý do",
    return_to_triage: "Trả về phân loại", wait: "Hỏi thêm người báo", resume: "Tiếp tục xử lý",
    resolutionNote: "Ghi chú kết quả", whyNotFixed: "Vì sao chưa khắc phục", referredTo: "Đã chuyển cho đơn vị",
    photoUrl: "Ảnh sau xử lý (đường dẫn, không bắt buộc)", unavailable: "không tải được", uploadPhoto: "Tải ảnh lên (JPEG, PNG, WebP)", confirmResolve: "Xác nhận kết quả xử lý", saved: "Đã lưu",
    triage: "Hàng chờ phân loại", overview: "Tổng quan tỉnh", commune_officer: "cán bộ xã", agency_staff: "nhân viên cơ quan", supervisor: "giám sát tỉnh",
    admin: "quản trị", citizen: "người dân", system: "hệ thống",
    ev_Reported: "Nhận báo cáo", ev_Assigned: "Tự động giao", ev_Triaged: "Chờ phân loại", ev_Acknowledged: "Đã tiếp nhận",
    ev_Dispatched: "Điều phối", ev_Started: "Bắt đầu xử lý", ev_Resolved: "Đã xử lý", ev_Closed: "Đã đóng", ev_Rejected: "Từ chối",
    ev_Reopened: "Mở lại", ev_EscalationRaised: "Leo thang", ev_Waiting: "Chờ người báo", ev_Resumed: "Tiếp tục xử lý",
    ev_AlertsCorrelated: "Cảnh báo camera", ev_ReportAttached: "Thêm báo cáo trùng", ev_Merged: "Gộp vào sự cố khác",
    ev_ReportsMergedIn: "Nhận báo cáo gộp", ev_ReportSplitOut: "Tách báo cáo", ev_NoteAdded: "Ghi chú", ev_Rated: "Người dân đánh giá", ev_ReturnedToTriage: "Trả về phân loại",
    signInIdp: "Đăng nhập bằng tài khoản của tỉnh", signingIn: "Đang đăng nhập…", signInFailed: "Đăng nhập không thành công",
    ev_EscalationAcknowledged: "Xác nhận cảnh báo", myEscalations: "Cảnh báo gửi tôi", unacknowledged: "cảnh báo chưa xác nhận",
    acknowledgeEscalation: "Xác nhận đã nhận", acknowledgedBy: "Đã xác nhận", noEscalations: "Không có cảnh báo nào.",
    firedAt: "Kích hoạt lúc", why: "Lý do gửi bạn", incident: "Sự cố", people: "Cán bộ và lịch trực",
    chosenBecause: "Lý do chọn", notified: "Người đã được báo", recipient: "Người nhận", channel: "Kênh", sentAt: "Gửi lúc", deliveredAt: "Đến máy lúc",
    ev_CrewAssigned: "Giao tổ xử lý", ev_CrewAccepted: "Tổ nhận việc", ev_CrewEnRoute: "Tổ lên đường", ev_CrewArrived: "Tổ đến hiện trường",
    ev_CrewReleased: "Tổ thôi giữ việc", crewOnJob: "Tổ xử lý",
  },
  en: {
    appName: "Bac Giang Incidents", signIn: "Sign in", signOut: "Sign out", role: "Role", commune: "Commune", agency: "Agency",
    CommuneOfficer: "Commune officer", AgencyStaff: "Agency staff", Supervisor: "Provincial supervisor", Admin: "Administrator",
    devSignIn: "Development sign-in: pick a demo user by role.", staffId: "Staff id (optional; a crew member)",
    inbox: "Commune inbox", queue: "Agency queue", code: "Code", category: "Category", priority: "Priority", status: "Status",
    deadline: "Deadline", address: "Address", reports: "Reports", level: "Escalation", action: "Action", open: "Open",
    acknowledge: "Acknowledge", start: "Start work", resolve: "Resolve", close: "Close", dispatch: "Dispatch", reject: "Reject",
    overdue: "Overdue", left: "left", ago: "late", live: "Live updates", liveLost: "Live updates lost, retrying…",
    empty: "No open incidents.", forbidden: "You may not see this.", notFound: "No such incident.",
    timeline: "Timeline", description: "Description", reportedAt: "Reported at", location: "Location", back: "Back to the list",
    note: "Note", outcome: "Outcome", fixed: "Fixed", not_fixed: "Not fixed", not_responsible: "Not our responsibility",
    received: "Awaiting triage", assigned: "Assigned", acknowledged: "Acknowledged", in_progress: "In progress", waiting: "Waiting for citizen",
    resolved: "Resolved", closed: "Closed", rejected: "Rejected", merged: "Merged", loadedIn: "Rendered in",
    details: "Details", sla: "SLA clocks", ackClock: "Acknowledge by", resolveClock: "Resolve by", metAt: "met at",
    paused: "paused (waiting for the citizen)", stopped: "stopped", photos: "Photos", report: "Report", resolutionPhoto: "Photo after the work",
    reportsList: "Reports", reporter: "Reporter", triageReason: "Why in triage",
    add_note: "Add note", addNote: "Add note", noteText: "Internal note (not sent to the citizen)",
    requestDispatch: "Request dispatch", dispatchTo: "Send to agency", reason: "Reason", withReason: "Actions that need a reason",
    return_to_triage: "Return to triage", wait: "Ask the citizen", resume: "Resume work",
    resolutionNote: "Resolution note", whyNotFixed: "Why not fixed", referredTo: "Referred to",
    photoUrl: "Photo after the work (URL, optional)", unavailable: "could not be loaded", uploadPhoto: "Upload a photo (JPEG, PNG, WebP)", confirmResolve: "Confirm the outcome", saved: "Saved",
    triage: "Triage queue", overview: "Province overview", commune_officer: "commune officer", agency_staff: "agency staff", supervisor: "supervisor",
    admin: "administrator", citizen: "citizen", system: "system",
    ev_Reported: "Reported", ev_Assigned: "Routed", ev_Triaged: "Sent to triage", ev_Acknowledged: "Acknowledged",
    ev_Dispatched: "Dispatched", ev_Started: "Work started", ev_Resolved: "Resolved", ev_Closed: "Closed", ev_Rejected: "Rejected",
    ev_Reopened: "Reopened", ev_EscalationRaised: "Escalated", ev_Waiting: "Waiting for citizen", ev_Resumed: "Resumed",
    ev_AlertsCorrelated: "Camera alerts", ev_ReportAttached: "Duplicate report joined", ev_Merged: "Merged into another incident",
    ev_ReportsMergedIn: "Reports merged in", ev_ReportSplitOut: "Report split out", ev_NoteAdded: "Note", ev_Rated: "Citizen rating", ev_ReturnedToTriage: "Returned to triage",
    signInIdp: "Sign in with your province account", signingIn: "Signing in…", signInFailed: "Sign-in failed",
    ev_EscalationAcknowledged: "Escalation acknowledged", myEscalations: "My escalations", unacknowledged: "unacknowledged escalations",
    acknowledgeEscalation: "Acknowledge", acknowledgedBy: "Acknowledged", noEscalations: "No escalations.",
    firedAt: "Fired at", why: "Why it reached you", incident: "Incident", people: "People and duty rota",
    chosenBecause: "Chosen because", notified: "Who was notified", recipient: "Recipient", channel: "Channel", sentAt: "Sent at", deliveredAt: "Delivered at",
    ev_CrewAssigned: "Crew assigned", ev_CrewAccepted: "Crew accepted", ev_CrewEnRoute: "Crew en route", ev_CrewArrived: "Crew arrived",
    ev_CrewReleased: "Crew released", crewOnJob: "Crew",
  },
};

export { lang, escape, localTime };
export const t = translator(texts);
export const applyTexts = (root = document) => applyWith(t, root);
export const languageToggle = (button, rerender) => toggle(button, () => { applyTexts(); rerender?.(); });

export const user = () => JSON.parse(sessionStorage.getItem("user") ?? "null");

export function requireUser() {
  const u = user();
  if (!u) location.href = "index.html";
  return u;
}

export function signOut() {
  const u = user();
  sessionStorage.removeItem("user");
  const home = new URL("index.html", location.href).href;
  // Signed in at the identity provider: end that session too, or the next sign-in would pass straight through.
  if (u?.endSession && u.idToken) {
    const url = new URL(u.endSession);
    url.search = new URLSearchParams({ id_token_hint: u.idToken, post_logout_redirect_uri: home });
    location.href = url.href;
  } else {
    location.href = home;
  }
}

/** Where each role starts: its commune's inbox, its agency's queue, or the province dashboard. */
export const homeOf = u => u.role === "AgencyStaff" ? `inbox.html?agency=${encodeURIComponent(u.agency)}`
  : u.role === "CommuneOfficer" ? `inbox.html?commune=${encodeURIComponent(u.commune)}` : "supervisor.html";

/** Calls the API with the user's token; resolves to {status, body}. */
export async function api(path, options = {}) {
  const u = user();
  const headers = { ...(options.body ? { "Content-Type": "application/json" } : {}), ...(u ? { Authorization: `Bearer ${u.token}` } : {}) };
  const response = await fetch(path, { ...options, headers: { ...headers, ...options.headers } });
  // An expired or revoked token: sign in again rather than show an empty page.
  if (response.status === 401 && u) signOut();
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}


/** "còn 3 giờ 5 phút" / "trễ 12 phút": the time to a deadline, in words. */
export function timeTo(deadline, now = Date.now()) {
  if (!deadline) return "";
  const ms = Date.parse(deadline) - now;
  const minutes = Math.round(Math.abs(ms) / 60000);
  const span = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} m` : `${minutes} m`;
  return ms >= 0 ? `${t("left")} ${span}` : `${t("ago")} ${span}`;
}


/**
 * Follows a server-sent event stream with the user's token (EventSource cannot send one), calling onEvent with
 * each event's parsed data and its type (an agency's feed carries incidents and crews), reconnecting after a drop.
 */
export function follow(path, onEvent, onState) {
  let stopped = false;
  (async function loop() {
    while (!stopped) {
      try {
        const response = await fetch(path, { headers: { Authorization: `Bearer ${user().token}`, Accept: "text/event-stream" } });
        // The stream ends when the token does; a token past its time is a sign-in, not a retry.
        if (response.status === 401) { signOut(); return; }
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        onState(true);
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const lines = block.split("\n");
            const data = lines.filter(l => l.startsWith("data: ")).map(l => l.slice(6)).join("\n");
            const type = lines.find(l => l.startsWith("event: "))?.slice(7) ?? "message";
            if (data && type !== "expired") onEvent(JSON.parse(data), type);
          }
        }
      } catch { /* reconnect below */ }
      onState(false);
      await new Promise(r => setTimeout(r, 2000));
    }
  })();
  return () => { stopped = true; };
}

/**
 * Shows items as the rows of a live table, updated in place: each row is found again by its key (the row's
 * data-{keyName}), moved only when out of order, and a cell is rewritten only when its content changed. A live
 * update that replaced the rows between mouse-down and mouse-up would swallow the click an officer was making.
 * describe(item) gives { className, cells: [{ html, className, data }] }; data becomes the cell's data- attributes.
 */
export function liveRows(tbody, items, keyName, keyOf, describe, emptyText) {
  if (items.length === 0) { tbody.innerHTML = `<tr><td colspan="10">${escape(emptyText)}</td></tr>`; return; }
  const shown = new Map([...tbody.children].map(tr => [tr.dataset[keyName], tr]));
  const ordered = items.map(item => {
    const tr = shown.get(keyOf(item)) ?? document.createElement("tr");
    const { className = "", cells } = describe(item);
    tr.dataset[keyName] = keyOf(item);
    if (tr.className !== className) tr.className = className;
    while (tr.cells.length > cells.length) tr.deleteCell(-1);
    cells.forEach(({ html, className = "", data = {} }, k) => {
      const td = tr.cells[k] ?? tr.insertCell();
      if (td.className !== className) td.className = className;
      for (const name of Object.keys(td.dataset)) if (!(name in data)) delete td.dataset[name];
      Object.assign(td.dataset, data);
      if (td.source !== html) { td.innerHTML = html; td.source = html; }
    });
    return tr;
  });
  ordered.forEach((tr, k) => { if (tbody.children[k] !== tr) tbody.insertBefore(tr, tbody.children[k] ?? null); });
  while (tbody.children.length > ordered.length) tbody.lastElementChild.remove();
}

/** Names for codes (communes, agencies, categories), fetched once per session. */
export async function reference() {
  const cached = sessionStorage.getItem("reference");
  if (cached) return JSON.parse(cached);
  const loaded = await (await fetch("/api/reference")).json();
  sessionStorage.setItem("reference", JSON.stringify(loaded));
  return loaded;
}

export const nameOf = (list, code) => list.find(x => x.code === code)?.name ?? code;

/**
 * Where a point falls on the tile-free map (400 × 240): the province's bounding box as a plain frame, since no
 * tiles can be fetched offline.
 */
export function onMap(lat, lon) {
  const [minLon, minLat, maxLon, maxLat] = [105.88, 20.97, 107.04, 21.63];
  return { x: (lon - minLon) / (maxLon - minLon) * 400, y: (maxLat - lat) / (maxLat - minLat) * 240 };
}

/**
 * The live banner of escalations waiting for the signed-in person: checked when the page opens and every 15 s,
 * linked to their escalations page. Escalations that reach nobody's eyes are no escalations.
 */
export function escalationBanner() {
  const banner = document.createElement("p");
  banner.id = "escalation-banner";
  banner.className = "alert";
  banner.setAttribute("role", "status");
  banner.hidden = true;
  document.querySelector("main")?.prepend(banner);
  async function check() {
    const { status, body } = await api("/api/me/escalations");
    if (status !== 200) return;
    banner.hidden = body.unacknowledged === 0;
    banner.innerHTML = `<a href="escalations.html"><strong data-testid="unacknowledged">${body.unacknowledged}</strong> ${escape(t("unacknowledged"))}</a>`;
  }
  check();
  setInterval(check, 15000);
}
