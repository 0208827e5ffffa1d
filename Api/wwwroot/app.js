// The console's shared code: language, the signed-in user, calls to the API, small render helpers.
// No framework and no build step: plain modules the API serves as static files.

const texts = {
  vi: {
    appName: "Sự cố Bắc Giang", signIn: "Đăng nhập", signOut: "Đăng xuất", role: "Vai trò", commune: "Xã/phường", agency: "Cơ quan",
    CommuneOfficer: "Cán bộ xã", AgencyStaff: "Nhân viên cơ quan", Supervisor: "Giám sát tỉnh", Admin: "Quản trị",
    devSignIn: "Đăng nhập thử (môi trường phát triển): chọn một người dùng mẫu theo vai trò.",
    inbox: "Hộp việc của xã", queue: "Hàng việc của cơ quan", code: "Mã", category: "Loại", priority: "Ưu tiên", status: "Trạng thái",
    deadline: "Thời hạn", address: "Địa chỉ", reports: "Báo cáo", level: "Cấp leo thang", action: "Thao tác", open: "Mở",
    acknowledge: "Tiếp nhận", start: "Bắt đầu xử lý", resolve: "Đã xử lý", close: "Đóng", dispatch: "Chuyển tiếp", reject: "Từ chối",
    overdue: "Quá hạn", left: "còn", ago: "trễ", live: "Cập nhật trực tiếp", liveLost: "Mất kết nối trực tiếp, đang thử lại…",
    empty: "Không có sự cố đang mở.", forbidden: "Bạn không có quyền xem nội dung này.", notFound: "Không tìm thấy sự cố.",
    timeline: "Diễn biến", description: "Mô tả", reportedAt: "Thời điểm báo", location: "Vị trí", back: "Quay lại danh sách",
    note: "Ghi chú", outcome: "Kết quả", fixed: "Đã khắc phục", not_fixed: "Chưa khắc phục", not_responsible: "Không thuộc thẩm quyền",
    received: "Chờ phân loại", assigned: "Đã giao", acknowledged: "Đã tiếp nhận", in_progress: "Đang xử lý", waiting: "Chờ người báo",
    resolved: "Đã xử lý", closed: "Đã đóng", rejected: "Từ chối", merged: "Đã gộp", loadedIn: "Hiển thị trong",
  },
  en: {
    appName: "Bac Giang Incidents", signIn: "Sign in", signOut: "Sign out", role: "Role", commune: "Commune", agency: "Agency",
    CommuneOfficer: "Commune officer", AgencyStaff: "Agency staff", Supervisor: "Provincial supervisor", Admin: "Administrator",
    devSignIn: "Development sign-in: pick a demo user by role.",
    inbox: "Commune inbox", queue: "Agency queue", code: "Code", category: "Category", priority: "Priority", status: "Status",
    deadline: "Deadline", address: "Address", reports: "Reports", level: "Escalation", action: "Action", open: "Open",
    acknowledge: "Acknowledge", start: "Start work", resolve: "Resolve", close: "Close", dispatch: "Dispatch", reject: "Reject",
    overdue: "Overdue", left: "left", ago: "late", live: "Live updates", liveLost: "Live updates lost, retrying…",
    empty: "No open incidents.", forbidden: "You may not see this.", notFound: "No such incident.",
    timeline: "Timeline", description: "Description", reportedAt: "Reported at", location: "Location", back: "Back to the list",
    note: "Note", outcome: "Outcome", fixed: "Fixed", not_fixed: "Not fixed", not_responsible: "Not our responsibility",
    received: "Awaiting triage", assigned: "Assigned", acknowledged: "Acknowledged", in_progress: "In progress", waiting: "Waiting for citizen",
    resolved: "Resolved", closed: "Closed", rejected: "Rejected", merged: "Merged", loadedIn: "Rendered in",
  },
};

export const lang = () => localStorage.getItem("lang") === "en" ? "en" : "vi";
export const t = key => texts[lang()][key] ?? key;

export function applyTexts(root = document) {
  document.documentElement.lang = lang();
  for (const el of root.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
}

export function languageToggle(button, rerender) {
  const label = () => { button.textContent = lang() === "vi" ? "English" : "Tiếng Việt"; };
  label();
  button.addEventListener("click", () => {
    localStorage.setItem("lang", lang() === "vi" ? "en" : "vi");
    label();
    applyTexts();
    rerender?.();
  });
}

export const user = () => JSON.parse(sessionStorage.getItem("user") ?? "null");

export function requireUser() {
  const u = user();
  if (!u) location.href = "index.html";
  return u;
}

export function signOut() {
  sessionStorage.removeItem("user");
  location.href = "index.html";
}

/** Calls the API with the user's token; resolves to {status, body}. */
export async function api(path, options = {}) {
  const u = user();
  const headers = { ...(options.body ? { "Content-Type": "application/json" } : {}), ...(u ? { Authorization: `Bearer ${u.token}` } : {}) };
  const response = await fetch(path, { ...options, headers: { ...headers, ...options.headers } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export const escape = s => String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** "còn 3 giờ 5 phút" / "trễ 12 phút": the time to a deadline, in words. */
export function timeTo(deadline, now = Date.now()) {
  if (!deadline) return "";
  const ms = Date.parse(deadline) - now;
  const minutes = Math.round(Math.abs(ms) / 60000);
  const span = minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} m` : `${minutes} m`;
  return ms >= 0 ? `${t("left")} ${span}` : `${t("ago")} ${span}`;
}

export const localTime = instant => new Date(instant).toLocaleString(lang() === "vi" ? "vi-VN" : "en-GB", { timeZone: "Asia/Ho_Chi_Minh" });

/**
 * Follows a server-sent event stream with the user's token (EventSource cannot send one), calling onEvent with
 * each event's parsed data and reconnecting after a drop.
 */
export function follow(path, onEvent, onState) {
  let stopped = false;
  (async function loop() {
    while (!stopped) {
      try {
        const response = await fetch(path, { headers: { Authorization: `Bearer ${user().token}`, Accept: "text/event-stream" } });
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
            const data = block.split("\n").filter(l => l.startsWith("data: ")).map(l => l.slice(6)).join("\n");
            if (data) onEvent(JSON.parse(data));
          }
        }
      } catch { /* reconnect below */ }
      onState(false);
      await new Promise(r => setTimeout(r, 2000));
    }
  })();
  return () => { stopped = true; };
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
