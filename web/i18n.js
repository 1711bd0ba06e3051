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
    loading: "Đang tải dữ liệu…", loadFailed: "Không tải được lớp", chartsFailed: "Không tải được biểu đồ",
    tilesFailed: "Không tải được bản đồ nền; các lớp dữ liệu vẫn hiển thị.",
    badDate: "Ngày phải theo dạng dd/mm/yyyy", badRange: "Ngày bắt đầu phải trước ngày kết thúc",
    futureDate: "sau hiện tại ({value}, hôm nay là {today})",
    reviewNotice: "{n} vụ việc có ngày bất thường, cần kiểm tra:",
    figIncidents: "Vụ việc ANTT", figDisputes: "Hòa giải thành", figExtractions: "Trích xuất camera",
    figCameras: "Camera (hoạt động)", figRegistered: "Hộ đăng ký", figTeams: "Tổ an ninh xã hội",
    figGuards: "Tổ bảo vệ dân phố", members: "thành viên",
    figReceived: "Tiếp nhận", figHandled: "Đã xử lý", figOpen: "Đang xử lý", figMedian: "Thời gian xử lý (trung vị)",
    figUnknown: "{n} không rõ tình trạng xử lý", figAllCategories: "mọi loại", noData: "chưa có số liệu", hours: "giờ",
    lifeTitle: "Xử lý", st_none: "Không rõ (chưa ghi tình trạng xử lý)", st_received: "Đã tiếp nhận",
    st_assigned: "Đã phân công", st_verified: "Đã xác minh", st_handled: "Đã xử lý", st_closed: "Đã kết thúc",
    step_received: "Tiếp nhận", step_assigned: "Phân công", step_verified: "Xác minh", step_handled: "Xử lý",
    step_closed: "Kết thúc", assignedTo: "Giao cho", handlingField: "Hình thức xử lý",
    stepAt: "Thời điểm (dd/mm/yyyy hh:mm; để trống: bây giờ)", badInstant: "không đọc được (cần dd/mm/yyyy hh:mm)",
    ho_mediated: "Hòa giải", ho_fined: "Xử phạt vi phạm hành chính", ho_warned: "Nhắc nhở, cảnh cáo",
    ho_transferred: "Chuyển cơ quan điều tra", ho_referred: "Chuyển cơ quan khác", ho_no_violation: "Không có vi phạm",
    households: "Hộ gia đình (số liệu khu dân cư, không ghi ngày; K1 chỉ tính số hộ có ngày)", registeredShare: "Hộ đăng ký tham gia (không ghi ngày)", teamsStreet: "Tổ bảo vệ dân phố",
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
    standardTitle: "Tiêu chuẩn “An toàn về an ninh, trật tự”",
    measured: "Giá trị", evidence: "Căn cứ", excepted: "Loại trừ", attestedBy: "Xác nhận", badYear: "Năm không hợp lệ",
    met: "đạt", not_met: "chưa đạt", needs_attestation: "cần xác nhận", no_data: "chưa đủ căn cứ",
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
    dashboard: "Bảng điều hành",
    login: "Đăng nhập", logout: "Đăng xuất", username: "Tên đăng nhập", password: "Mật khẩu", signIn: "Đăng nhập",
    newIncident: "Thêm vụ việc", clickMap: "Bấm vào bản đồ tại nơi xảy ra vụ việc", occurredLocal: "Thời điểm (dd/mm/yyyy hh:mm)",
    save: "Lưu", saved: "Đã lưu", publicNote: "Bạn đang xem dữ liệu công khai: không hiển thị vụ việc và camera hộ gia đình.",
    newOrganisation: "Thêm cơ quan, doanh nghiệp, trường", editOrganisation: "Sửa cơ quan, doanh nghiệp, trường",
    clickMapOrg: "Bấm vào bản đồ tại vị trí cơ quan, doanh nghiệp hoặc cơ sở giáo dục",
    organisations: "Cơ quan, doanh nghiệp, cơ sở giáo dục", orgName: "Tên", orgKind: "Loại đơn vị",
    org_agency: "Cơ quan", org_enterprise: "Doanh nghiệp", org_school: "Cơ sở giáo dục", assessmentYear: "Năm đánh giá",
    registeredField: "Đăng ký phấn đấu đạt tiêu chuẩn", registeredOn: "Ngày đăng ký (dd/mm/yyyy)", registrationRef: "Số văn bản đăng ký",
    recognisedField: "Được công nhận đạt tiêu chuẩn", recognitionOn: "Ngày quyết định công nhận (dd/mm/yyyy)",
    recognitionRef: "Số quyết định công nhận", source: "Nguồn", noResult: "Chưa có kết quả",
    boolUnknown: "Chưa rõ", yes: "Có", no: "Không", none: "(không)", back: "← Quay lại", edit: "Sửa", delete: "Xóa",
    confirmDelete: "Xóa bản ghi này?", deleted: "Đã xóa", notSaved: "Chưa lưu", fixFields: "Chưa lưu: hãy sửa các ô được đánh dấu",
    errRequired: "bắt buộc, chưa nhập", badNumber: "phải là số nguyên", errSignIn: "Hãy đăng nhập để ghi",
    errForbidden: "Bạn không có quyền ghi bản ghi này", errConflict: "Bản ghi vừa được người khác sửa: hãy mở lại rồi sửa",
    errNotFound: "Không tìm thấy bản ghi",
    sev_it_nghiem_trong: "Ít nghiêm trọng", sev_nghiem_trong: "Nghiêm trọng", sev_rat_nghiem_trong: "Rất nghiêm trọng",
    sev_dac_biet_nghiem_trong: "Đặc biệt nghiêm trọng", ch_in_person: "Trực tiếp", ch_hotline_113: "Đường dây 113",
    ch_vneid: "VNeID", ch_app: "Ứng dụng", ch_patrol: "Tuần tra", description: "Mô tả",
    seriousField: "Gây hậu quả nghiêm trọng (cháy, nổ)", deathsField: "Số người chết (tai nạn lao động)",
    editIncident: "Sửa vụ việc", incident: "Vụ việc",
    chk_K4b: "K4b: tội phạm, vi phạm pháp luật nghiêm trọng", chk_K4d: "K4d: cháy, nổ, tai nạn lao động nghiêm trọng",
    exceptionField: "Trường hợp loại trừ", exc_force_majeure: "Bất khả kháng",
    exc_prompt_handling: "Kịp thời phát hiện, giảm thiểu hậu quả và báo cáo ngay",
    decidedBy: "Người quyết định", decidedOn: "Ngày quyết định (dd/mm/yyyy)", documentRef: "Số văn bản", note: "Ghi chú",
    newDecision: "Ghi quyết định loại trừ", editDecision: "Sửa quyết định loại trừ",
    needsDetails: "Cần bổ sung thông tin",
    declareRegister: "Xác nhận sổ theo dõi vụ việc đầy đủ", declarePreviousRegister: "Xác nhận sổ theo dõi vụ việc kỳ trước đầy đủ",
    attest: "Xác nhận", editAttestation: "Sửa xác nhận",
    declarationsTitle: "Hồ sơ xác nhận năm", noDeclarations: "Chưa có xác nhận nào trong năm.",
    newDeclaration: "Thêm xác nhận", editDeclaration: "Sửa xác nhận", subject: "Đối tượng xác nhận",
    subjectArea: "Khu dân cư", subjectWard: "Phường, xã", declaration: "Nội dung xác nhận", periodYear: "Năm của kỳ đánh giá",
    attestedField: "Kết quả", attestedByField: "Người xác nhận", signedForField: "Chức vụ, thay mặt",
    switchTo: "EN", switchLabel: "English",
    mapLabel: "Bản đồ an ninh, trật tự của phường", choose: "— Chọn —",
    deleteReason: "Lý do xóa (ghi vào nhật ký):",
    pinHint: "Kéo ghim để chỉnh vị trí; Esc để hủy", cancelled: "Đã hủy",
    outsidePeriod: "Vụ việc đã lưu nằm ngoài kỳ đang lọc nên chưa hiện trên bản đồ.", showIt: "Hiện vụ việc này",
    changedBy: "Bản ghi đã được {who} sửa lúc {at} sau khi bạn mở nó; những gì bạn vừa nhập chưa được lưu.",
    operatorAtServer: "quản trị viên tại máy chủ", reloadLatest: "Tải lại bản mới nhất",
    deleteIncident: "Xóa vụ việc", badDecimal: "phải là số (dấu phẩy thập phân, vd 12,5)",
    newCamera: "Thêm camera", editCamera: "Sửa camera", clickMapCamera: "Bấm vào bản đồ tại vị trí đặt camera",
    camName: "Tên camera", camKind: "Loại camera", cam_fixed: "Cố định", cam_dome: "Bán cầu (dome)", cam_ptz: "Quay quét (PTZ)",
    own_community: "Cộng đồng", own_household: "Hộ gia đình", own_business: "Doanh nghiệp", own_police: "Công an",
    camStatus: "Trạng thái", bearingField: "Hướng nhìn (độ, tính từ hướng bắc theo chiều kim đồng hồ)",
    fovField: "Góc nhìn (độ)", rangeField: "Tầm quan sát (m)", installedOnField: "Ngày lắp đặt (dd/mm/yyyy)",
    fundingField: "Nguồn kinh phí", fund_community_fund: "Xã hội hóa (quỹ cộng đồng)", fund_state_budget: "Ngân sách nhà nước",
    fund_household: "Hộ gia đình", fund_business: "Doanh nghiệp", fund_other: "Khác",
    footageSharing: "Chia sẻ hình ảnh với công an", lastSeenOn: "Lần cuối thấy hoạt động (dd/mm/yyyy)",
    resolutionField: "Độ phân giải (số dòng điểm ảnh, vd 1080)",
    teamsTitle: "Tổ an ninh, trật tự của khu", noTeams: "Khu chưa có tổ nào.", newTeam: "Thêm tổ", editTeam: "Sửa tổ",
    teamKind: "Loại tổ", tk_street_guard: "Tổ bảo vệ dân phố", tk_social_security: "Tổ an ninh xã hội",
    tk_eid_support: "Tổ hỗ trợ định danh điện tử (VNeID)", tk_other: "Tổ khác", teamName: "Tên tổ",
    memberCount: "Số thành viên", ratingYear: "Năm xếp loại", ratingField: "Xếp loại",
    rt_completed_excellently: "Hoàn thành xuất sắc nhiệm vụ", rt_completed_well: "Hoàn thành tốt nhiệm vụ",
    rt_completed: "Hoàn thành nhiệm vụ", rt_not_completed: "Không hoàn thành nhiệm vụ", unrated: "Chưa xếp loại",
    disciplinedField: "Số thành viên bị kỷ luật",
    hsLegend: "Điểm nóng", hsWindow: "Điểm nóng tính trên {months} tháng: {from}–{to}",
    hsWindowDiffers: "không theo kỳ đang lọc ({from}–{to})",
    hsTooFew: "cần ít nhất {min} vụ việc trong {months} tháng ({from}–{to}), hiện có {n}",
    figPeriod: "Vụ việc, hòa giải, trích xuất, vùng camera: kỳ {from}–{to}",
    figAsOf: "Camera, hộ đăng ký: tính đến {to}", figTeamsYear: "tổ: xếp loại năm {year}",
    figHotspots: "Điểm nóng: {months} tháng, {from}–{to}",
    panelRecord: "Hồ sơ khu dân cư, tính đến {to}", panelIncidents: "Vụ việc theo kỳ",
    panelCoverage: "Vùng camera quan sát: camera đến {to}, vụ việc {from}–{to}",
    teamsYear: "xếp loại năm {year}",
    scorePeriod: "Kỳ đánh giá năm {year}: {from}–{to}", scorePeriodDiffers: "khác kỳ đang lọc ({from}–{to})",
    periodMoved: "Để hiện vụ việc {id}, kỳ lọc đã chuyển sang {from}–{to}.",
    periodBack: "Quay lại kỳ {from}–{to}",
    demandUnit: "điểm nhu cầu",
    demandNote: "Điểm nhu cầu: mức cần camera của từng nơi, cộng lại — vụ việc năm qua (nặng hơn khi gần đây và nghiêm trọng), đường (mỗi 10 m) và dân cư (theo ô 50 m); phần camera đang hoạt động đã thấy được tính là đã che phủ.",
    proposalAt: "Vị trí {rank}", installedOn: "Lắp đặt",
    provenOptimal: "đã chứng minh là tối ưu", planTimeLimit: "dừng khi hết thời gian",
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
    loading: "Loading data…", loadFailed: "Could not load layer", chartsFailed: "Could not load the charts",
    tilesFailed: "Basemap tiles could not load; the data layers still show.",
    badDate: "Dates are dd/mm/yyyy", badRange: "The start must be before the end",
    futureDate: "is in the future ({value}; today is {today})",
    reviewNotice: "{n} incidents have unusual dates and need checking:",
    figIncidents: "Incidents", figDisputes: "Disputes mediated", figExtractions: "Video extractions",
    figCameras: "Cameras (active)", figRegistered: "Registered households", figTeams: "Social-security teams",
    figGuards: "Street-guard teams", members: "members",
    figReceived: "Received", figHandled: "Handled", figOpen: "In progress", figMedian: "Median time to handle",
    figUnknown: "{n} with unknown handling", figAllCategories: "all categories", noData: "no data", hours: "h",
    lifeTitle: "Handling", st_none: "Unknown (no handling recorded)", st_received: "Received",
    st_assigned: "Assigned", st_verified: "Verified", st_handled: "Handled", st_closed: "Closed",
    step_received: "Receive", step_assigned: "Assign", step_verified: "Verify", step_handled: "Handle",
    step_closed: "Close", assignedTo: "Assigned to", handlingField: "How it was handled",
    stepAt: "Time (dd/mm/yyyy hh:mm; empty: now)", badInstant: "cannot be read (dd/mm/yyyy hh:mm expected)",
    ho_mediated: "Mediated", ho_fined: "Administrative fine", ho_warned: "Reminded, warned",
    ho_transferred: "Transferred to the investigating body", ho_referred: "Referred to another body", ho_no_violation: "No violation",
    households: "Households (area record, undated; K1 counts only dated counts)", registeredShare: "Households registered (undated)", teamsStreet: "Street-guard teams",
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
    standardTitle: "\"Safe for security and order\" standard",
    measured: "Value", evidence: "Evidence", excepted: "Excepted", attestedBy: "Attested", badYear: "Not a valid year",
    met: "met", not_met: "not met", needs_attestation: "needs attestation", no_data: "not decidable",
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
    dashboard: "Dashboard",
    login: "Sign in", logout: "Sign out", username: "User name", password: "Password", signIn: "Sign in",
    newIncident: "New incident", clickMap: "Click the map where the incident happened", occurredLocal: "Time (dd/mm/yyyy hh:mm)",
    save: "Save", saved: "Saved", publicNote: "Public view: incidents and household cameras are not shown.",
    newOrganisation: "Add an agency, enterprise or school", editOrganisation: "Edit the agency, enterprise or school",
    clickMapOrg: "Click the map where the agency, enterprise or school is",
    organisations: "Agencies, enterprises, schools", orgName: "Name", orgKind: "Kind of unit",
    org_agency: "Agency", org_enterprise: "Enterprise", org_school: "Educational institution", assessmentYear: "Assessment year",
    registeredField: "Registered to aim for the standard", registeredOn: "Registered on (dd/mm/yyyy)", registrationRef: "Registration document",
    recognisedField: "Recognised as meeting the standard", recognitionOn: "Recognition decided on (dd/mm/yyyy)",
    recognitionRef: "Recognition decision number", source: "Source", noResult: "No result yet",
    boolUnknown: "Unknown", yes: "Yes", no: "No", none: "(none)", back: "← Back", edit: "Edit", delete: "Delete",
    confirmDelete: "Delete this record?", deleted: "Deleted", notSaved: "Not saved", fixFields: "Not saved: correct the marked fields",
    errRequired: "required, not filled in", badNumber: "must be a whole number", errSignIn: "Sign in to write",
    errForbidden: "You may not write this record", errConflict: "Someone else has just changed the record: open it again and edit",
    errNotFound: "Record not found",
    sev_it_nghiem_trong: "Less serious", sev_nghiem_trong: "Serious", sev_rat_nghiem_trong: "Very serious",
    sev_dac_biet_nghiem_trong: "Particularly serious", ch_in_person: "In person", ch_hotline_113: "Hotline 113",
    ch_vneid: "VNeID", ch_app: "App", ch_patrol: "Patrol", description: "Description",
    seriousField: "Serious consequences (fire, explosion)", deathsField: "Deaths (work accident)",
    editIncident: "Edit incident", incident: "Incident",
    chk_K4b: "K4b: serious crimes and violations", chk_K4d: "K4d: serious fires, explosions, work accidents",
    exceptionField: "Exception", exc_force_majeure: "Force majeure",
    exc_prompt_handling: "Detected promptly, consequences reduced, reported at once",
    decidedBy: "Decided by", decidedOn: "Decided on (dd/mm/yyyy)", documentRef: "Document reference", note: "Note",
    newDecision: "Record an exception decision", editDecision: "Edit the exception decision",
    needsDetails: "Details needed",
    declareRegister: "Declare the incident register complete", declarePreviousRegister: "Declare the previous period's register complete",
    attest: "Attest", editAttestation: "Edit the attestation",
    declarationsTitle: "Declarations for", noDeclarations: "No declaration recorded for the year.",
    newDeclaration: "Add a declaration", editDeclaration: "Edit the declaration", subject: "Declared for",
    subjectArea: "Residential area", subjectWard: "Ward", declaration: "Declaration", periodYear: "Period year",
    attestedField: "Answer", attestedByField: "Declared by", signedForField: "Title, on behalf of",
    switchTo: "VI", switchLabel: "Tiếng Việt",
    mapLabel: "Security and order map of the ward", choose: "— Choose —",
    deleteReason: "Why (kept in the audit log):",
    pinHint: "Drag the pin to adjust the spot; Esc cancels", cancelled: "Cancelled",
    outsidePeriod: "The saved incident lies outside the filtered period, so the map does not show it yet.", showIt: "Show this incident",
    changedBy: "The record was changed by {who} at {at} after you opened it; what you have just entered was not saved.",
    operatorAtServer: "the operator at the server", reloadLatest: "Reload the latest version",
    deleteIncident: "Delete the incident", badDecimal: "must be a number (decimal point, e.g. 12.5)",
    newCamera: "Add a camera", editCamera: "Edit the camera", clickMapCamera: "Click the map where the camera is mounted",
    camName: "Camera name", camKind: "Camera type", cam_fixed: "Fixed", cam_dome: "Dome", cam_ptz: "Pan-tilt-zoom (PTZ)",
    own_community: "Community", own_household: "Household", own_business: "Business", own_police: "Police",
    camStatus: "Status", bearingField: "Bearing (degrees clockwise from north)",
    fovField: "Field of view (degrees)", rangeField: "Range (m)", installedOnField: "Installed on (dd/mm/yyyy)",
    fundingField: "Funding", fund_community_fund: "Community fund", fund_state_budget: "State budget",
    fund_household: "Household", fund_business: "Business", fund_other: "Other",
    footageSharing: "Footage shared with the police", lastSeenOn: "Last seen working (dd/mm/yyyy)",
    resolutionField: "Resolution (lines of pixels, e.g. 1080)",
    teamsTitle: "The area's security teams", noTeams: "The area has no team yet.", newTeam: "Add a team", editTeam: "Edit the team",
    teamKind: "Team type", tk_street_guard: "Street-guard team", tk_social_security: "Social-security team",
    tk_eid_support: "Electronic-ID (VNeID) support team", tk_other: "Other team", teamName: "Team name",
    memberCount: "Members", ratingYear: "Year rated", ratingField: "Rating",
    rt_completed_excellently: "Completed its duties excellently", rt_completed_well: "Completed its duties well",
    rt_completed: "Completed its duties", rt_not_completed: "Did not complete its duties", unrated: "Not rated",
    disciplinedField: "Members disciplined",
    hsLegend: "Hot spots", hsWindow: "Hot spots are computed over {months} months: {from}–{to}",
    hsWindowDiffers: "not the filtered period ({from}–{to})",
    hsTooFew: "needs at least {min} incidents in {months} months ({from}–{to}); there are {n}",
    figPeriod: "Incidents, disputes, extractions, camera view: {from}–{to}",
    figAsOf: "Cameras, registered households: as of {to}", figTeamsYear: "teams: rated in {year}",
    figHotspots: "Hot spots: {months} months, {from}–{to}",
    panelRecord: "Area record as of {to}", panelIncidents: "Incidents by period",
    panelCoverage: "Camera view: cameras as of {to}, incidents {from}–{to}",
    teamsYear: "rated in {year}",
    scorePeriod: "Scoring period {year}: {from}–{to}", scorePeriodDiffers: "not the filtered period ({from}–{to})",
    periodMoved: "To show incident {id}, the filter period moved to {from}–{to}.",
    periodBack: "Back to {from}–{to}",
    demandUnit: "demand points",
    demandNote: "Demand points: how much each place needs a camera, added up — last year's incidents (more when recent and serious), roads (every 10 m) and residents (on a 50 m grid); what working cameras already see counts as covered.",
    proposalAt: "Site {rank}", installedOn: "Installed",
    provenOptimal: "proven optimal", planTimeLimit: "stopped at the time limit",
  },
};

/** A text with its {name} slots filled from `values`. */
export function fill(text, values) {
  return String(text).replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

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

/** Vietnam's offset from UTC (no daylight saving). */
const VN_OFFSET_MS = 7 * 3600 * 1000;

/**
 * "20/11/2023 21:30" (or a bare date: midnight), local time in Vietnam → milliseconds since the epoch, or null when it
 * is not that form or not a real date and time (the server then reads or refuses it).
 */
export function vnInstantMs(text) {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(String(text ?? ""));
  if (!m) return null;
  const [d, mo, y, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  if (h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms - VN_OFFSET_MS;
}

/** Today in Vietnam as dd/mm/yyyy, at `nowMs`. */
export function vnToday(nowMs = Date.now()) {
  const d = new Date(nowMs + VN_OFFSET_MS);
  return `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
}

/** Now in Vietnam as dd/mm/yyyy hh:mm, whatever zone the browser is set to (the server reads the form as Vietnam's time). */
export function vnNow(nowMs = Date.now()) {
  const d = new Date(nowMs + VN_OFFSET_MS);
  return `${vnToday(nowMs)} ${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
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
