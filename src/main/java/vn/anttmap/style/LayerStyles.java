package vn.anttmap.style;

import vn.anttmap.model.Taxonomy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the map page draws each layer, written once: the page's colours ({@code web/app.js}, exactly as it writes them)
 * and, from them, each layer's {@link LayerStyle}, rendered as a QGIS QML document ({@link #qml}), an OGC SLD 1.1 /
 * SE 1.1 document ({@link #sld}), KML colours ({@link Colour#kml()}) and a MapLibre GL style ({@link MapStyle}).
 *
 * <p>Layers are named as exports and collections name them: {@code residential_areas} (categorised on
 * {@code verdict_code}), {@code areas} (the stored layer, without a verdict: one symbol), {@code wards} (outlines),
 * {@code incidents} (categorised on {@code category}), {@code cameras} (on {@code status}), {@code camera_coverage},
 * {@code camera_proposals}, {@code roads} (on {@code kind}), {@code coastline}, {@code organisations} (on
 * {@code kind}) and the hotspot grids {@code hotspot_density} (on {@code class}), {@code hotspot_gistar} (on
 * {@code class}) and {@code hotspot_emerging} (on {@code pattern}). Any other layer (one without a geometry, or one
 * the page does not draw) has no style.
 *
 * <p>Sizes are the page's CSS pixels. Pure: no I/O.
 */
public final class LayerStyles {
    /** Residential areas' fill by verdict ({@code VERDICT_COLOURS} in web/app.js). */
    public static final Map<String, String> VERDICT_COLOURS = ordered("dat", "#2f855a", "chua_dat", "#c53030",
            "chua_du_can_cu", "#d69e2e");
    /** Residential areas' outline, and their fill without a verdict. */
    public static final String AREA_COLOUR = "#2b6cb0";
    /** Incidents by category ({@code CATEGORY_COLOURS} in web/app.js). */
    public static final Map<String, String> CATEGORY_COLOURS = ordered(
            "political_security", "#6b21a8", "crime", "#c53030", "social_evil", "#b7791f",
            "administrative_violation", "#2b6cb0", "fire_explosion", "#dd6b20", "work_accident", "#805ad5",
            "serious_incident", "#742a2a", "dispute", "#319795", "other", "#718096",
            "complex_dispute", "#0b7285", "mass_complaint_incitement", "#d53f8c");
    /** An incident whose category has no colour of its own. */
    public static final String CATEGORY_OTHER_COLOUR = "#718096";
    /** Cameras by status: the page draws working cameras green, any other grey. */
    public static final Map<String, String> CAMERA_STATUS_COLOURS = ordered("active", "#2f855a", "inactive", "#a0aec0",
            "maintenance", "#a0aec0");
    /** Ward outlines (dashed), as the page draws wards other than the selected one. */
    public static final String WARD_COLOUR = "#888";
    public static final String ROAD_COLOUR = "#a0a0a0";
    public static final String COAST_COLOUR = "#1e6fb8";
    /** Camera coverage ({@code vectorTileLayer("camera_coverage", …)} in web/app.js). */
    public static final String COVERAGE_FILL = "rgba(56,161,105,0.35)";
    public static final String COVERAGE_STROKE = "#276749";
    /** Proposed camera sites ({@code .proposal-icon} in web/style.css). */
    public static final String PROPOSAL_COLOUR = "#6b21a8";
    /** Organisations by kind ({@code ORG_COLOURS} in web/app.js). */
    public static final Map<String, String> ORGANISATION_COLOURS = ordered("agency", "#2c5282", "enterprise", "#975a16",
            "school", "#276749");
    public static final String ORGANISATION_OTHER_COLOUR = "#4a5568";
    /** Incident density classes 1 to 5 ({@code DENSITY_COLOURS} in web/app.js). */
    public static final List<String> DENSITY_COLOURS = List.of("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026");
    /** Gi* classes ({@code GI_COLOURS}); not significant cells are not drawn. */
    public static final Map<String, String> GI_COLOURS = ordered("hot_99", "#b2182b", "hot_95", "#ef8a62", "hot_90", "#fddbc7",
            "cold_90", "#d1e5f0", "cold_95", "#67a9cf", "cold_99", "#2166ac");
    /** Emerging hot-spot patterns ({@code EMERGING_COLOURS}). */
    public static final Map<String, String> EMERGING_COLOURS = ordered("new", "#7f0000", "consecutive", "#d7301f",
            "intensifying", "#ef6548", "persistent", "#fc8d59", "diminishing", "#fdbb84", "sporadic", "#fdd49e",
            "oscillating", "#c994c7", "historical", "#bdbdbd");
    /** Marker outlines and hotspot cell edges. */
    public static final String WHITE = "#fff";

    /** The layers that have a style, bottom to top as a map draws them. */
    public static final List<String> STYLED = List.of("hotspot_density", "hotspot_gistar", "hotspot_emerging", "areas",
            "residential_areas", "camera_coverage", "wards", "roads", "coastline", "organisations", "camera_proposals",
            "cameras", "incidents");

    private static final Map<String, String> VERDICT_LABELS = Map.of("dat", "Đạt / Met", "chua_dat", "Chưa đạt / Not met",
            "chua_du_can_cu", "Chưa đủ căn cứ / Not yet decidable");
    private static final Map<String, String> STATUS_LABELS = Map.of("active", "Hoạt động / Active",
            "inactive", "Ngừng hoạt động / Inactive", "maintenance", "Bảo trì / Maintenance");
    private static final Map<String, String> ORGANISATION_LABELS = Map.of("agency", "Cơ quan / Agency",
            "enterprise", "Doanh nghiệp / Enterprise", "school", "Cơ sở giáo dục / Educational institution");
    /** Road widths by kind (web/app.js: main 5, beach road 4, any other 2.5). */
    private static final Map<String, Double> ROAD_WIDTHS = Map.of("main", 5.0, "beach_road", 4.0);
    private static final Map<String, String> ROAD_LABELS = ordered("main", "Đường chính / Main road",
            "beach_road", "Đường ven biển / Beach road", "street", "Đường phố / Street", "alley", "Ngõ, hẻm / Alley");
    private static final Map<String, String> GI_LABELS = Map.of("hot_99", "Điểm nóng 99% / Hot spot 99%",
            "hot_95", "Điểm nóng 95% / Hot spot 95%", "hot_90", "Điểm nóng 90% / Hot spot 90%",
            "cold_90", "Điểm lạnh 90% / Cold spot 90%", "cold_95", "Điểm lạnh 95% / Cold spot 95%",
            "cold_99", "Điểm lạnh 99% / Cold spot 99%");
    private static final Map<String, String> EMERGING_LABELS = Map.of("new", "Mới / New", "consecutive", "Liên tiếp / Consecutive",
            "intensifying", "Gia tăng / Intensifying", "persistent", "Kéo dài / Persistent", "diminishing", "Giảm dần / Diminishing",
            "sporadic", "Rải rác / Sporadic", "oscillating", "Dao động / Oscillating", "historical", "Trước đây / Historical");

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("residential_areas", "Khu dân cư tô màu theo kết quả đánh giá (xanh: đạt, đỏ: chưa đạt, vàng: chưa đủ căn cứ)"
                    + " / Residential areas coloured by verdict (green met, red not met, amber not yet decidable)"),
            Map.entry("areas", "Khu dân cư, viền và nền xanh lam / Residential areas, blue outline and fill"),
            Map.entry("wards", "Ranh giới phường, xã: đường viền nét đứt / Ward boundaries: dashed outlines"),
            Map.entry("incidents", "Vụ việc ANTT tô màu theo loại vụ việc / Incidents coloured by category"),
            Map.entry("cameras", "Camera: xanh lá khi hoạt động, xám khi ngừng hoặc bảo trì / Cameras: green when active,"
                    + " grey when inactive or under maintenance"),
            Map.entry("camera_coverage", "Vùng camera quan sát, nền xanh lá / Camera coverage, green fill"),
            Map.entry("camera_proposals", "Đề xuất vị trí camera, chấm tím / Proposed camera sites, purple dots"),
            Map.entry("roads", "Đường giao thông, rộng theo loại đường / Roads, wider by kind"),
            Map.entry("coastline", "Bờ biển / Coastline"),
            Map.entry("organisations", "Cơ quan, doanh nghiệp, cơ sở giáo dục tô màu theo loại / Agencies, enterprises"
                    + " and schools coloured by kind"),
            Map.entry("hotspot_density", "Mật độ vụ việc, năm mức từ vàng đến đỏ / Incident density, five classes from yellow"
                    + " to red"),
            Map.entry("hotspot_gistar", "Điểm nóng (đỏ) và điểm lạnh (xanh) Gi* theo độ tin cậy / Gi* hot (red) and cold"
                    + " (blue) spots by confidence"),
            Map.entry("hotspot_emerging", "Điểm nóng mới nổi tô màu theo dạng / Emerging hot spots coloured by pattern"));

    private LayerStyles() {
    }

    /** The layer's style, incident categories labelled with their codes; empty for a layer without one. */
    public static Optional<LayerStyle> style(String layer) {
        return style(layer, null);
    }

    /**
     * The layer's style; empty for a layer without one.
     *
     * @param taxonomy the incident categories, in legend order and with their names, or {@code null}: the page's
     *                 categories labelled with their codes. A category without a colour of its own is drawn in
     *                 {@link #CATEGORY_OTHER_COLOUR}, as on the page.
     */
    public static Optional<LayerStyle> style(String layer, Taxonomy taxonomy) {
        if (layer == null) {
            return Optional.empty();
        }
        Colour white = Colour.parse(WHITE);
        Colour area = Colour.parse(AREA_COLOUR);
        return Optional.ofNullable(switch (layer) {
            case "residential_areas" -> categorised(layer, LayerStyle.Geometry.POLYGON, "verdict_code", VERDICT_COLOURS,
                    VERDICT_LABELS, c -> Symbol.area(Colour.parse(c).withAlpha(0.2), area, 1.2),
                    Symbol.area(area.withAlpha(0.2), area, 1.2), "Chưa có kết quả / No verdict");
            case "areas" -> single(layer, LayerStyle.Geometry.POLYGON, Symbol.area(area.withAlpha(0.2), area, 1.2),
                    "Khu dân cư / Residential area");
            case "wards" -> single(layer, LayerStyle.Geometry.POLYGON, Symbol.line(Colour.parse(WARD_COLOUR), 1, List.of(4.0, 4.0)),
                    "Phường, xã / Ward");
            case "incidents" -> incidents(taxonomy, white);
            case "cameras" -> categorised(layer, LayerStyle.Geometry.POINT, "status", CAMERA_STATUS_COLOURS, STATUS_LABELS,
                    c -> Symbol.circle(Colour.parse(c), white, 1, 8), Symbol.circle(Colour.parse(CAMERA_STATUS_COLOURS.get("inactive")),
                            white, 1, 8), "Khác / Other");
            case "camera_coverage" -> single(layer, LayerStyle.Geometry.POLYGON,
                    Symbol.area(Colour.parse(COVERAGE_FILL), Colour.parse(COVERAGE_STROKE), 1), "Vùng quan sát / Coverage");
            case "camera_proposals" -> single(layer, LayerStyle.Geometry.POINT,
                    Symbol.circle(Colour.parse(PROPOSAL_COLOUR), white, 2, 24), "Vị trí đề xuất / Proposed site");
            case "roads" -> roads();
            case "coastline" -> single(layer, LayerStyle.Geometry.LINE, Symbol.line(Colour.parse(COAST_COLOUR), 3, List.of()),
                    "Bờ biển / Coastline");
            case "organisations" -> categorised(layer, LayerStyle.Geometry.POINT, "kind", ORGANISATION_COLOURS,
                    ORGANISATION_LABELS, c -> Symbol.circle(Colour.parse(c), white, 2, 14),
                    Symbol.circle(Colour.parse(ORGANISATION_OTHER_COLOUR), white, 2, 14), "Khác / Other");
            case "hotspot_density" -> density();
            case "hotspot_gistar" -> categorised(layer, LayerStyle.Geometry.POLYGON, "class", GI_COLOURS, GI_LABELS,
                    c -> Symbol.area(Colour.parse(c).withAlpha(0.6), white, 0.5), null, "Không có ý nghĩa thống kê / Not significant");
            case "hotspot_emerging" -> categorised(layer, LayerStyle.Geometry.POLYGON, "pattern", EMERGING_COLOURS,
                    EMERGING_LABELS, c -> Symbol.area(Colour.parse(c).withAlpha(0.6), white, 0.5), null, "Không có dạng / No pattern");
            default -> null;
        });
    }

    /**
     * The layer's style as a QGIS QML document (QGIS 3.28, categories Symbology and Labeling), incident categories
     * labelled with their codes; empty for a layer without a style.
     */
    public static Optional<String> qml(String layer) {
        return style(layer).map(Qml::document);
    }

    /** {@link #qml(String)} with the incident categories of the taxonomy, named in both languages. */
    public static Optional<String> qml(String layer, Taxonomy taxonomy) {
        return style(layer, taxonomy).map(Qml::document);
    }

    /**
     * The layer's style as an OGC Styled Layer Descriptor 1.1 with Symbology Encoding 1.1 (a rule per category, with
     * an {@code ogc:Filter} {@code PropertyIsEqualTo}; an {@code se:ElseFilter} rule for every other value), incident
     * categories labelled with their codes; empty for a layer without a style.
     */
    public static Optional<String> sld(String layer) {
        return style(layer).map(Sld::document);
    }

    /** {@link #sld(String)} with the incident categories of the taxonomy, named in both languages. */
    public static Optional<String> sld(String layer, Taxonomy taxonomy) {
        return style(layer, taxonomy).map(Sld::document);
    }

    /** A short description of the layer's style, "tiếng Việt / English" (for a style table's description). */
    public static String description(String layer) {
        String d = DESCRIPTIONS.get(layer);
        if (d == null) {
            return "Lớp " + layer + " / Layer " + layer;
        }
        String[] viEn = d.split(" / ", 2);
        return viEn[0] + ", như trên bản đồ ANTT Map / " + viEn[1] + ", as on the ANTT Map page";
    }

    private static LayerStyle incidents(Taxonomy taxonomy, Colour white) {
        List<LayerStyle.Category> cats = new ArrayList<>();
        if (taxonomy == null) {
            CATEGORY_COLOURS.forEach((code, c) -> cats.add(new LayerStyle.Category(code, code, incident(c, white))));
        } else {
            for (Taxonomy.Category c : taxonomy.categories()) {
                cats.add(new LayerStyle.Category(c.code(), c.nameVi() + " / " + c.nameEn(),
                        incident(CATEGORY_COLOURS.getOrDefault(c.code(), CATEGORY_OTHER_COLOUR), white)));
            }
        }
        return new LayerStyle("incidents", LayerStyle.Geometry.POINT, "category", cats, incident(CATEGORY_OTHER_COLOUR, white),
                "Khác / Other");
    }

    /** The page's incident marker: a 14 px dot with a 2 px white border (18 px across). */
    private static Symbol incident(String colour, Colour white) {
        return Symbol.circle(Colour.parse(colour), white, 2, 16);
    }

    private static LayerStyle roads() {
        Colour road = Colour.parse(ROAD_COLOUR).withAlpha(0.9);
        List<LayerStyle.Category> cats = new ArrayList<>();
        ROAD_LABELS.forEach((kind, label) -> cats.add(new LayerStyle.Category(kind, label,
                Symbol.line(road, ROAD_WIDTHS.getOrDefault(kind, 2.5), List.of()))));
        return new LayerStyle("roads", LayerStyle.Geometry.LINE, "kind", cats, Symbol.line(road, 2.5, List.of()), "Khác / Other");
    }

    private static LayerStyle density() {
        List<LayerStyle.Category> cats = new ArrayList<>();
        for (int i = 0; i < DENSITY_COLOURS.size(); i++) {
            cats.add(new LayerStyle.Category(i + 1, "Mức " + (i + 1) + " / Class " + (i + 1),
                    Symbol.area(Colour.parse(DENSITY_COLOURS.get(i)).withAlpha(0.55), null, 0)));
        }
        return new LayerStyle("hotspot_density", LayerStyle.Geometry.POLYGON, "class", cats, null, "Khác / Other");
    }

    private static LayerStyle single(String layer, LayerStyle.Geometry geometry, Symbol symbol, String label) {
        return new LayerStyle(layer, geometry, null, List.of(), symbol, label);
    }

    private static LayerStyle categorised(String layer, LayerStyle.Geometry geometry, String field, Map<String, String> colours,
                                          Map<String, String> labels, java.util.function.Function<String, Symbol> symbol,
                                          Symbol otherwise, String otherLabel) {
        List<LayerStyle.Category> cats = new ArrayList<>();
        colours.forEach((value, colour) -> cats.add(new LayerStyle.Category(value, labels.getOrDefault(value, value),
                symbol.apply(colour))));
        return new LayerStyle(layer, geometry, field, cats, otherwise, otherLabel);
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
