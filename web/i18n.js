// Page texts: Vietnamese by default, English on request.
export const TEXTS = {
  vi: {
    title: "Bản đồ an ninh, trật tự",
    wards: "Ranh giới phường, xã",
    areas: "Khu dân cư",
    cameras: "Camera",
    incidents: "Vụ việc ANTT",
    loading: "Đang tải dữ liệu…",
    loadFailed: "Không tải được lớp",
    tilesFailed: "Không tải được bản đồ nền; các lớp dữ liệu vẫn hiển thị.",
    switchTo: "EN",
    switchLabel: "English",
  },
  en: {
    title: "Security and order map",
    wards: "Ward boundaries",
    areas: "Residential areas",
    cameras: "Cameras",
    incidents: "Incidents",
    loading: "Loading data…",
    loadFailed: "Could not load layer",
    tilesFailed: "Basemap tiles could not load; the data layers still show.",
    switchTo: "VI",
    switchLabel: "Tiếng Việt",
  },
};
