// Page texts: Vietnamese by default, English on request. Dates on screen are dd/MM/yyyy.
export const TEXTS = {
  vi: {
    hsDensity: "Mật độ vụ việc (KDE)", hsGistar: "Điểm nóng Gi*", hsEmerging: "Điểm nóng mới nổi",
    hsDensityTitle: "Mật độ vụ việc (vụ/km²)", hsGistarTitle: "Điểm nóng Gi* (độ tin cậy, sau FDR)",
    hsEmergingTitle: "Điểm nóng mới nổi", hsBandwidth: "băng thông", hsCell: "ô", hsBand: "khoảng cách lân cận",
    hsStep: "bước", hsMonths: "tháng", hsAllCats: "tất cả loại", hsRule: "theo quy tắc Silverman không gian",
    hsGiven: "do người dùng chọn", hsNotPossible: "Không phân tích được", hsKernel: "nhân bậc bốn",
    hot_99: "Điểm nóng 99%", hot_95: "Điểm nóng 95%", hot_90: "Điểm nóng 90%", not_significant: "Không có ý nghĩa thống kê",
    cold_90: "Điểm lạnh 90%", cold_95: "Điểm lạnh 95%", cold_99: "Điểm lạnh 99%",
    new: "Mới", consecutive: "Liên tiếp", intensifying: "Gia tăng", persistent: "Kéo dài", diminishing: "Giảm dần",
    sporadic: "Rải rác", oscillating: "Dao động", historical: "Trước đây",
    trendsTitle: "Xu hướng vụ việc", trendMonths: "Vụ việc theo tháng", trendPeriods: "Vụ việc theo kỳ đánh giá",
    yoyToDate: "So với cùng kỳ năm trước", partialPeriod: "chưa hết kỳ",
    confirmHotspot: "Xác nhận: ghi nhận tụ điểm mới (K4c)", confirmedFrom: "Xác nhận từ gợi ý điểm nóng mới nổi, ô",
    title: "Bản đồ an ninh, trật tự", from: "Từ ngày", to: "Đến ngày", category: "Loại vụ việc",
    allCategories: "Tất cả", apply: "Áp dụng", close: "Đóng",
    wards: "Ranh giới phường, xã", areas: "Khu dân cư", cameras: "Camera", sectors: "Vùng quan sát camera",
    incidents: "Vụ việc ANTT", roads: "Đường", coastline: "Bờ biển",
    loading: "Đang tải dữ liệu…", loadFailed: "Không tải được lớp",
    tilesFailed: "Không tải được bản đồ nền; các lớp dữ liệu vẫn hiển thị.",
    badDate: "Ngày phải theo dạng dd/mm/yyyy", badRange: "Ngày bắt đầu phải trước ngày kết thúc",
    figIncidents: "Vụ việc ANTT", figDisputes: "Hòa giải thành", figExtractions: "Trích xuất camera",
    figCameras: "Camera (hoạt động)", figRegistered: "Hộ đăng ký", figTeams: "Tổ an ninh xã hội",
    figGuards: "Tổ bảo vệ dân phố", members: "thành viên",
    households: "Hộ gia đình", registeredShare: "Hộ đăng ký tham gia", teamsStreet: "Tổ bảo vệ dân phố",
    teamsSocial: "Tổ an ninh xã hội", camerasActive: "Camera (đang hoạt động)",
    incidentsNow: "Vụ việc kỳ này", incidentsBefore: "Cùng kỳ năm trước", change: "Thay đổi",
    period: "Kỳ", sameLastYear: "cùng kỳ", population: "Nhân khẩu", kind: "Loại",
    to_dan_pho: "Tổ dân phố", tieu_khu: "Tiểu khu", thon: "Thôn",
    synthetic: "Dữ liệu minh họa (tổng hợp), không phải số liệu thật.",
    camera: "Camera", bearing: "Hướng", fov: "Góc nhìn", range: "Tầm xa", status: "Trạng thái", owner: "Chủ sở hữu",
    active: "hoạt động", inactive: "ngừng hoạt động", maintenance: "bảo trì",
    occurredAt: "Thời điểm", severity: "Mức độ", channel: "Nguồn tiếp nhận",
    legendTitle: "Chú giải", legendWard: "Phường", legendArea: "Khu dân cư", legendCamera: "Camera",
    legendSector: "Vùng quan sát", legendRoad: "Đường", legendCoast: "Bờ biển",
    scoringYear: "Năm đánh giá", wardReport: "Báo cáo phường", areaReport: "In báo cáo khu dân cư",
    standardTitle: "Tiêu chuẩn “An toàn về an ninh, trật tự”", check: "Tiêu chí", status: "Kết quả",
    measured: "Giá trị", evidence: "Căn cứ", excepted: "Loại trừ", attestedBy: "Xác nhận", badYear: "Năm không hợp lệ",
    met: "đạt", not_met: "chưa đạt", needs_attestation: "cần xác nhận", no_data: "thiếu dữ liệu",
    dat: "Đạt", chua_dat: "Chưa đạt", chua_du_can_cu: "Chưa đủ căn cứ", advisory: "Chỉ số tham khảo (không thuộc Thông tư)",
    per1000: "Vụ việc/1.000 dân", yoy: "So với kỳ trước",
    coverage: "Vùng camera đang hoạt động quan sát", figCoverage: "Camera quan sát", coverageArea: "diện tích",
    coverageRoads: "đường", coverageIncidents: "vụ việc", coveredArea: "Diện tích camera quan sát",
    coveredRoads: "Chiều dài đường camera quan sát", coveredIncidents: "Vụ việc trong vùng quan sát",
    workingShare: "Camera đang hoạt động", planner: "Đề xuất vị trí camera", count: "Số camera mới",
    candidates: "Vị trí ứng viên", crossingsRoads: "Ngã tư và dọc đường", crossings: "Ngã tư", alongRoads: "Dọc đường",
    method: "Phương pháp", auto: "Tự động", greedy: "Tham lam (nhanh)", exact: "Tối ưu chính xác", run: "Tính",
    proposals: "Vị trí đề xuất", coveredBefore: "Nhu cầu được che phủ hiện nay", coveredAfter: "Sau khi lắp thêm",
    bound: "Cận trên", gap: "Khoảng cách tới cận trên", download: "Tải GeoJSON", gain: "mức tăng", planning: "Đang tính…",
    login: "Đăng nhập", logout: "Đăng xuất", username: "Tên đăng nhập", password: "Mật khẩu", signIn: "Đăng nhập",
    newIncident: "Thêm vụ việc", clickMap: "Bấm vào bản đồ tại nơi xảy ra vụ việc", occurredLocal: "Thời điểm (dd/mm/yyyy hh:mm)",
    save: "Lưu", saved: "Đã lưu", publicNote: "Bạn đang xem dữ liệu công khai: không hiển thị vụ việc và camera hộ gia đình.",
    switchTo: "EN", switchLabel: "English",
  },
  en: {
    hsDensity: "Incident density (KDE)", hsGistar: "Gi* hot spots", hsEmerging: "Emerging hot spots",
    hsDensityTitle: "Incident density (per km²)", hsGistarTitle: "Gi* hot spots (confidence, after FDR)",
    hsEmergingTitle: "Emerging hot spots", hsBandwidth: "bandwidth", hsCell: "cell", hsBand: "distance band",
    hsStep: "step", hsMonths: "months", hsAllCats: "all categories", hsRule: "by the spatial Silverman rule",
    hsGiven: "chosen by the user", hsNotPossible: "Analysis not possible", hsKernel: "quartic kernel",
    hot_99: "Hot spot 99%", hot_95: "Hot spot 95%", hot_90: "Hot spot 90%", not_significant: "Not significant",
    cold_90: "Cold spot 90%", cold_95: "Cold spot 95%", cold_99: "Cold spot 99%",
    new: "New", consecutive: "Consecutive", intensifying: "Intensifying", persistent: "Persistent", diminishing: "Diminishing",
    sporadic: "Sporadic", oscillating: "Oscillating", historical: "Historical",
    trendsTitle: "Incident trends", trendMonths: "Incidents per month", trendPeriods: "Incidents per scoring period",
    yoyToDate: "Against the same days a year before", partialPeriod: "period not over",
    confirmHotspot: "Confirm: record a new hotspot (K4c)", confirmedFrom: "Confirmed from an emerging hot-spot hint, cells",
    title: "Security and order map", from: "From", to: "To", category: "Incident category",
    allCategories: "All", apply: "Apply", close: "Close",
    wards: "Ward boundaries", areas: "Residential areas", cameras: "Cameras", sectors: "Camera fields of view",
    incidents: "Incidents", roads: "Roads", coastline: "Coastline",
    loading: "Loading data…", loadFailed: "Could not load layer",
    tilesFailed: "Basemap tiles could not load; the data layers still show.",
    badDate: "Dates are dd/mm/yyyy", badRange: "The start must be before the end",
    figIncidents: "Incidents", figDisputes: "Disputes mediated", figExtractions: "Video extractions",
    figCameras: "Cameras (active)", figRegistered: "Registered households", figTeams: "Social-security teams",
    figGuards: "Street-guard teams", members: "members",
    households: "Households", registeredShare: "Households registered", teamsStreet: "Street-guard teams",
    teamsSocial: "Social-security teams", camerasActive: "Cameras (active)",
    incidentsNow: "Incidents this period", incidentsBefore: "Same period last year", change: "Change",
    period: "Period", sameLastYear: "same period", population: "Residents", kind: "Kind",
    to_dan_pho: "Street block (tổ dân phố)", tieu_khu: "Sub-quarter (tiểu khu)", thon: "Village",
    synthetic: "Illustrative (synthetic) data, not real figures.",
    camera: "Camera", bearing: "Bearing", fov: "Field of view", range: "Range", status: "Status", owner: "Owner",
    active: "active", inactive: "inactive", maintenance: "maintenance",
    occurredAt: "Time", severity: "Severity", channel: "Channel",
    legendTitle: "Legend", legendWard: "Ward", legendArea: "Residential area", legendCamera: "Camera",
    legendSector: "Field of view", legendRoad: "Road", legendCoast: "Coastline",
    scoringYear: "Scoring year", wardReport: "Ward report", areaReport: "Print the area report",
    standardTitle: "\"Safe for security and order\" standard", check: "Criterion", status: "Result",
    measured: "Value", evidence: "Evidence", excepted: "Excepted", attestedBy: "Attested", badYear: "Not a valid year",
    met: "met", not_met: "not met", needs_attestation: "needs attestation", no_data: "no data",
    dat: "Met", chua_dat: "Not met", chua_du_can_cu: "Not yet decidable", advisory: "Advisory indicators (not part of the circular)",
    per1000: "Incidents per 1,000 residents", yoy: "Against the previous period",
    coverage: "Seen by working cameras", figCoverage: "Cameras see", coverageArea: "of the area",
    coverageRoads: "of roads", coverageIncidents: "incidents", coveredArea: "Area seen by cameras",
    coveredRoads: "Road length seen by cameras", coveredIncidents: "Incidents inside camera view",
    workingShare: "Cameras working", planner: "Propose camera sites", count: "New cameras",
    candidates: "Candidate sites", crossingsRoads: "Crossings and along roads", crossings: "Crossings", alongRoads: "Along roads",
    method: "Method", auto: "Automatic", greedy: "Greedy (fast)", exact: "Exact optimum", run: "Plan",
    proposals: "Proposed sites", coveredBefore: "Demand covered now", coveredAfter: "With the new cameras",
    bound: "Upper bound", gap: "Gap to the bound", download: "Download GeoJSON", gain: "gain", planning: "Planning…",
    login: "Sign in", logout: "Sign out", username: "User name", password: "Password", signIn: "Sign in",
    newIncident: "New incident", clickMap: "Click the map where the incident happened", occurredLocal: "Time (dd/mm/yyyy hh:mm)",
    save: "Save", saved: "Saved", publicNote: "Public view: incidents and household cameras are not shown.",
    switchTo: "VI", switchLabel: "Tiếng Việt",
  },
};

/** Every ISO day (2023-08-31) in a text written as on screen (31/08/2023). */
export function vnDates(text) {
  return String(text ?? "").replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, "$3/$2/$1");
}

/** "2023-08-31" → "31/08/2023" */
export function isoToVn(iso) {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** "31/8/2023" → "2023-08-31", or null when it is not a real date. */
export function vnToIso(text) {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The same day one year earlier (29/02 becomes 28/02). */
export function yearBefore(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** "2023-03-05T21:30:00+07:00" → "05/03/2023 21:30" (the instant is already in Vietnam's offset). */
export function instantToVn(iso) {
  return `${isoToVn(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}
