// What the citizen pages (report, track, public figures) share: their texts, language, and a few helpers.
// Kept apart from the staff console's app.js so a phone on a weak connection loads only what it needs.
import { lang, translator, applyTexts as applyWith, languageToggle as toggle, escape, localTime } from "./lang.js";

const texts = {
  vi: {
    appName: "Phản ánh sự cố Bắc Giang", report: "Gửi phản ánh", track: "Tra cứu", publicFigures: "Kết quả xử lý",
    whatHappened: "Sự cố gì?", describe: "Mô tả", describeHint: "Ví dụ: cây đổ chắn đường trước chợ", where: "Ở đâu?",
    useMyLocation: "Dùng vị trí của tôi", locating: "Đang lấy vị trí…", located: "Đã lấy vị trí", locationFailed: "Không lấy được vị trí; hãy chạm vào bản đồ hoặc chọn xã/phường.",
    tapMap: "Hoặc chạm vào bản đồ để chọn vị trí", commune: "Xã/phường", chooseCommune: "— Chọn xã/phường —", address: "Địa chỉ (không bắt buộc)",
    photos: "Ảnh (tối đa 3)", addPhoto: "Thêm ảnh", removePhoto: "Bỏ ảnh", you: "Liên hệ (không bắt buộc, chỉ cán bộ xử lý thấy)", name: "Họ tên", phone: "Số điện thoại",
    send: "Gửi phản ánh", sending: "Đang gửi…", queued: "Chưa có mạng: phản ánh được giữ trên máy và sẽ tự gửi khi có mạng lại.",
    sent: "Đã gửi. Mã theo dõi của bạn:", keepCode: "Giữ mã này để tra cứu kết quả.", followIt: "Xem tiến độ", another: "Gửi phản ánh khác",
    needCategory: "Hãy chọn loại sự cố.", needDescription: "Hãy mô tả sự cố.", needPlace: "Hãy cho biết vị trí hoặc chọn xã/phường.",
    failed: "Không gửi được:", myReports: "Phản ánh của tôi trên máy này", pending: "đang chờ gửi",
    code: "Mã theo dõi", lookUp: "Tra cứu", notFound: "Không tìm thấy phản ánh với mã này.", status: "Trạng thái", steps: "Các bước",
    outcome: "Kết quả", fixed: "Đã khắc phục", not_fixed: "Chưa khắc phục được", not_responsible: "Không thuộc thẩm quyền, đã chuyển cho",
    note: "Ghi chú của cơ quan xử lý", photoAfter: "Ảnh sau xử lý", rate: "Đánh giá kết quả", stars: "Số sao", comment: "Nhận xét (không bắt buộc)",
    sendRating: "Gửi đánh giá", rated: "Bạn đã đánh giá", thanks: "Cảm ơn bạn đã đánh giá.", reopen: "Chưa được khắc phục? Mở lại", reason: "Lý do",
    sendReopen: "Mở lại phản ánh", reopened: "Đã mở lại phản ánh.", tooMany: "Bạn đã thử quá nhiều lần; hãy thử lại sau.",
    received: "Đã nhận, chờ phân loại", assigned: "Đã chuyển xã và cơ quan xử lý", acknowledged: "Xã đã tiếp nhận", in_progress: "Đang xử lý",
    waiting: "Chờ thêm thông tin từ bạn", resolved: "Đã có kết quả xử lý", closed: "Đã đóng", rejected: "Không phải sự cố, đã từ chối", merged: "Đã gộp vào phản ánh khác",
    ev_Reported: "Nhận phản ánh", ev_Assigned: "Chuyển xã và cơ quan", ev_Triaged: "Chờ phân loại", ev_Acknowledged: "Xã tiếp nhận",
    ev_Dispatched: "Điều phối lại", ev_Started: "Bắt đầu xử lý", ev_Resolved: "Có kết quả", ev_Closed: "Đóng", ev_Rejected: "Từ chối",
    ev_Reopened: "Mở lại", ev_Waiting: "Chờ thông tin", ev_Resumed: "Tiếp tục xử lý", ev_ReportAttached: "Thêm phản ánh trùng",
    ev_Merged: "Gộp", ev_ReportsMergedIn: "Nhận phản ánh gộp", ev_ReportSplitOut: "Tách phản ánh", ev_ReturnedToTriage: "Phân loại lại",
    ev_AlertsCorrelated: "Camera ghi nhận", ev_Rated: "Người dân đánh giá", ev_PersonalDataRedacted: "Xoá thông tin cá nhân theo quy định",
    ev_CrewAssigned: "Đã cử tổ xử lý", ev_CrewAccepted: "Tổ xử lý nhận việc", ev_CrewEnRoute: "Tổ xử lý đang đến", ev_CrewArrived: "Tổ xử lý đã đến nơi",
    ev_CrewReleased: "Đổi tổ xử lý",
    publicIntro: "Số liệu công khai về tiếp nhận và xử lý phản ánh của người dân, cập nhật vài phút một lần. Không có thông tin cá nhân.",
    period: "Khoảng thời gian", days: "ngày", byCommune: "Theo xã/phường", byAgency: "Theo cơ quan", byCategory: "Theo loại sự cố",
    agency: "Cơ quan", category: "Loại sự cố", incidentsCount: "Số phản ánh", ackOnTime: "Tiếp nhận đúng hạn", resolvedOnTime: "Xử lý đúng hạn",
    satisfaction: "Hài lòng", openMap: "Sự cố đang xử lý trên bản đồ", cellNote: "Mỗi chấm là một ô khoảng 500 m; chấm càng lớn càng nhiều sự cố.", asOf: "Cập nhật",
  },
  en: {
    appName: "Bac Giang incident reports", report: "Report", track: "Track", publicFigures: "Results",
    whatHappened: "What happened?", describe: "Description", describeHint: "E.g. a fallen tree blocks the road by the market", where: "Where?",
    useMyLocation: "Use my location", locating: "Finding you…", located: "Location found", locationFailed: "Could not get your location; tap the map or choose a commune.",
    tapMap: "Or tap the map to choose the place", commune: "Commune", chooseCommune: "— Choose a commune —", address: "Address (optional)",
    photos: "Photos (up to 3)", addPhoto: "Add photo", removePhoto: "Remove photo", you: "Contact (optional, seen only by the staff handling it)", name: "Name", phone: "Phone",
    send: "Send report", sending: "Sending…", queued: "No connection: the report is kept on this phone and will be sent when the connection returns.",
    sent: "Sent. Your tracking code:", keepCode: "Keep it to follow the outcome.", followIt: "Follow it", another: "Report something else",
    needCategory: "Choose what kind of problem it is.", needDescription: "Describe the problem.", needPlace: "Give the place or choose a commune.",
    failed: "Could not send:", myReports: "My reports on this phone", pending: "waiting to be sent",
    code: "Tracking code", lookUp: "Look up", notFound: "No report has this code.", status: "Status", steps: "Steps",
    outcome: "Outcome", fixed: "Fixed", not_fixed: "Could not be fixed", not_responsible: "Not ours; referred to",
    note: "Note from the agency", photoAfter: "Photo after the work", rate: "Rate the outcome", stars: "Stars", comment: "Comment (optional)",
    sendRating: "Send rating", rated: "You rated it", thanks: "Thank you for your rating.", reopen: "Not fixed? Reopen", reason: "Reason",
    sendReopen: "Reopen the report", reopened: "The report was reopened.", tooMany: "Too many tries; try again later.",
    received: "Received, awaiting triage", assigned: "Sent to the commune and agency", acknowledged: "Acknowledged by the commune", in_progress: "In progress",
    waiting: "Waiting for more information from you", resolved: "Outcome given", closed: "Closed", rejected: "Not an incident; rejected", merged: "Merged into another report",
    ev_Reported: "Received", ev_Assigned: "Sent to commune and agency", ev_Triaged: "Awaiting triage", ev_Acknowledged: "Acknowledged",
    ev_Dispatched: "Re-dispatched", ev_Started: "Work started", ev_Resolved: "Outcome given", ev_Closed: "Closed", ev_Rejected: "Rejected",
    ev_Reopened: "Reopened", ev_Waiting: "Waiting for information", ev_Resumed: "Work resumed", ev_ReportAttached: "Same report from someone else",
    ev_Merged: "Merged", ev_ReportsMergedIn: "Reports merged in", ev_ReportSplitOut: "Report split out", ev_ReturnedToTriage: "Triaged again",
    ev_AlertsCorrelated: "Seen by camera", ev_Rated: "Rated by the citizen", ev_PersonalDataRedacted: "Personal data erased as the law requires",
    ev_CrewAssigned: "Crew sent", ev_CrewAccepted: "Crew took the job", ev_CrewEnRoute: "Crew on the way", ev_CrewArrived: "Crew arrived",
    ev_CrewReleased: "Crew changed",
    cat_fire: "Fire", cat_flood: "Flood", cat_traffic_accident: "Traffic accident", cat_road_damage: "Road damage", cat_street_light: "Street light out",
    cat_electricity_outage: "Power cut", cat_water_supply: "Water supply", cat_garbage_dumping: "Dumped garbage", cat_illegal_parking: "Illegal parking",
    cat_crowd_disorder: "Crowd disorder", cat_environment_pollution: "Pollution", cat_illegal_construction: "Illegal construction", cat_other: "Other",
    publicIntro: "Public figures on how citizens' reports are received and handled, updated every few minutes. No personal data.",
    period: "Period", days: "days", byCommune: "By commune", byAgency: "By agency", byCategory: "By category",
    agency: "Agency", category: "Category", incidentsCount: "Reports", ackOnTime: "Acknowledged on time", resolvedOnTime: "Resolved on time",
    satisfaction: "Satisfaction", openMap: "Open incidents on the map", cellNote: "Each dot is a cell of about 500 m; the larger, the more incidents.", asOf: "As of",
  },
};

export { lang, escape, localTime };
export const t = translator(texts);
export const applyTexts = (root = document) => applyWith(t, root);
export const languageToggle = (button, rerender) => toggle(button, () => { applyTexts(); rerender?.(); });

/** A category's name: the reference data's Vietnamese one, or our English one. */
export const categoryName = category => lang() === "en" ? t(`cat_${category.code}`) : category.name;



/** The problem+json an answer carried, as one line for the citizen. */
export async function problemText(response) {
  try {
    const problem = await response.json();
    const fields = problem.errors ? Object.values(problem.errors).flat() : [];
    return [problem.detail ?? problem.title, ...fields].filter(Boolean).join(" ");
  } catch { return `HTTP ${response.status}`; }
}

/** The province's bounding box (data/province-bbox.csv) as the tile-free map's frame: no map tiles over a weak connection. */
export const frame = { minLon: 105.88, minLat: 20.97, maxLon: 107.04, maxLat: 21.63, width: 400, height: 240 };
export const toMap = (lat, lon) => ({ x: (lon - frame.minLon) / (frame.maxLon - frame.minLon) * frame.width, y: (frame.maxLat - lat) / (frame.maxLat - frame.minLat) * frame.height });
export const fromMap = (x, y) => ({ lat: frame.maxLat - y / frame.height * (frame.maxLat - frame.minLat), lon: frame.minLon + x / frame.width * (frame.maxLon - frame.minLon) });

/** Reports this phone has sent (code and when), newest first: a citizen without an account finds them again here. */
export const myReports = () => JSON.parse(localStorage.getItem("myReports") ?? "[]");
/** Fills the page's "my reports" section (#mine, #mineList): the waiting ones' first words, then links to the sent ones. */
export function renderMyReports(waiting = []) {
  const mine = myReports();
  document.getElementById("mine").hidden = mine.length + waiting.length === 0;
  document.getElementById("mineList").innerHTML =
    waiting.map(description => `<li>${escape(description.slice(0, 60))} — <em>${escape(t("pending"))}</em></li>`).join("")
    + mine.map(r => `<li><a href="track.html?code=${encodeURIComponent(r.code)}">${escape(r.code)}</a></li>`).join("");
}

export function rememberReport(code) {
  localStorage.setItem("myReports", JSON.stringify([{ code, at: new Date().toISOString() }, ...myReports().filter(r => r.code !== code)].slice(0, 20)));
}
