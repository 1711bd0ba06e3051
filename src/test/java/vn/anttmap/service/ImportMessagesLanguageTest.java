package vn.anttmap.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.api.Messages;
import vn.anttmap.io.ReportText.Lang;
import vn.anttmap.model.Bilingual;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Layer;
import vn.anttmap.model.Problem;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem the importers and the record checks find is worded in Vietnamese first and in English, in one
 * {@code "vi / en"} string that {@link Messages.Text#split} takes apart: the Vietnamese side holds the meaning in
 * Vietnamese (no English sentence, no parser's English text), the English side holds no Vietnamese letters (a value
 * it repeats is written without marks), and the place of each problem reads in Vietnamese too ("dòng 7, cột 2").
 * Bad input of each kind is fed through {@link ImportService} in each format: GeoJSON, CSV, KML and GeoPackage.
 */
class ImportMessagesLanguageTest {
    /** English words that have no business on the Vietnamese side. */
    private static final Pattern ENGLISH = Pattern.compile(
            "\\b(the|is|are|not|no|only|unknown|expected|got|must|may|cannot|with|for|of|in|to|has|there|needs|lies|outside)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    /** The English words of the places the readers write. */
    private static final Pattern PLACE_WORDS = Pattern.compile("\\b(line|column|feature|placemark|table|row|option|id|file)\\b",
            Pattern.UNICODE_CHARACTER_CLASS);

    private App.Services services;
    private final Set<String> violations = new LinkedHashSet<>();

    @BeforeEach
    void setUp() throws IOException {
        H2gisFeatureStore store = H2gisFeatureStore.inMemory("import-messages-" + UUID.randomUUID());
        store.migrate();
        services = App.services(store, ImportServiceTest.CLOCK);
        for (String fixture : List.of("wards.geojson", "areas.geojson")) {
            try (InputStream in = getClass().getResourceAsStream("/fixtures/import/" + fixture)) {
                services.importer().importFile(fixture.startsWith("wards") ? Layer.WARDS : Layer.AREAS, fixture, in,
                        ImportService.Format.GEOJSON, null);
            }
        }
        services.importer().importFile(Layer.CAMERAS, "c.csv", bytes("""
                id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status
                cam1,105.785,19.445,90,60,40,fixed,community,active
                """), ImportService.Format.CSV, null);
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    @Test
    void geoJsonProblemsAreInBothLanguages() {
        Layer i = Layer.INCIDENTS;
        refuse(i, "a.geojson", "{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": \"Feature\" \"id\": 1}]}",
                "không phải JSON hợp lệ");
        refuse(i, "a.geojson", "{\"type\": \"Feature\", \"type\": \"Feature\"}", "không phải JSON hợp lệ");
        refuse(i, "a.geojson", "[1, 2]", "không phải một đối tượng GeoJSON");
        refuse(i, "a.geojson", "{\"type\": \"Điểm\"}", "type phải là FeatureCollection hoặc Feature");
        refuse(i, "a.geojson", "{\"type\": \"FeatureCollection\"}", "thiếu mảng features");
        refuse(i, "a.geojson", "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": "
                + "\"urn:ogc:def:crs:EPSG::3405\"}}, \"features\": []}", "tệp khai báo hệ tọa độ");
        refuse(i, "a.geojson", """
                {"type": "FeatureCollection", "features": [
                 {"type": "Vụ việc"},
                 {"type": "Feature", "id": "g1", "geometry": {"type": "Point", "coordinates": "x"}, "properties": {}},
                 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [105.79]}, "properties": {}}]}""",
                "đối tượng phải có type là Feature", "không đọc được hình học", "cần kinh độ và vĩ độ");
        refuse(i, "a.geojson", "{}".getBytes(StandardCharsets.UTF_8), ImportService.Format.GEOJSON, "EPSG:4326", "tự mang hệ tọa độ");
        // The record checks, through GeoJSON.
        refuse(i, "b.geojson", """
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "id": "i1", "geometry": {"type": "Point", "coordinates": [105.785, 19.445]},
                  "properties": {"occurred_at": "2023-01-01T08:00:00+07:00", "category": "other", "channel": "patrol",
                   "description": "a\\u0001b", "colour": "đỏ"}},
                 {"type": "Feature", "id": "i2", "geometry": {"type": "LineString", "coordinates": [[105.785, 19.445], [105.786, 19.445]]},
                  "properties": {"occurred_at": "2023-01-01T08:00:00+07:00", "category": "other", "channel": "patrol"}},
                 {"type": "Feature", "id": "i3", "geometry": {"type": "Point", "coordinates": [105.785, 19.445]},
                  "properties": {"occurred_at": "2023-01-01T08:00:00+07:00", "category": "other", "channel": "patrol",
                   "description": "\\ud800"}}]}""",
                "không được chứa ký tự điều khiển", "trường lạ của lớp incidents", "cần điểm (Point)", "nửa cặp ký tự UTF-16");
        refuse(Layer.AREAS, "c.geojson", """
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "id": "c", "properties": {"code": "C", "name": "C", "valid_from": "2021-01-01"},
                  "geometry": {"type": "Polygon", "coordinates": [[[105.78, 19.44], [105.79, 19.45], [105.79, 19.44], [105.78, 19.45], [105.78, 19.44]]]}}]}""",
                "ranh giới tự cắt nhau");
        refuse(Layer.TEAMS, "t.geojson", """
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [105.785, 19.445]},
                 "properties": {"area_id": "a", "kind": "street_guard", "member_count": 5, "rating_year": 2023}}""",
                "không có vị trí trên bản đồ");
        refuse(Layer.ROADS, "r.geojson", """
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [105.785, 19.445]}, "properties": {"kind": "local"}}""",
                "cần đường (LineString hoặc MultiLineString)");
        done();
    }

    @Test
    void csvProblemsAreInBothLanguages() {
        Layer i = Layer.INCIDENTS;
        refuse(i, "a.csv", "", "tệp rỗng");
        refuse(i, "a.csv", "x,y,occurred_at\n1,2,2023-01-01\n", "cột x/y cần hệ tọa độ");
        refuse(i, "a.csv", "lon,occurred_at\n1,2023-01-01\n", "có cột kinh độ (lon) thì phải có cột vĩ độ (lat)");
        refuse(i, "a.csv", "id,lon,lat,wkt\na,105.78\nb,abc,19.4,\nc,,19.4,\nd,,,POINT (1\n",
                "dòng có 2 ô nhưng dòng tiêu đề có 4 cột", "'abc' không phải là số", "thiếu tọa độ", "không đọc được hình học dạng WKT");
        refuse(i, "a.csv", "id,description\na,\"không đóng\n", "không đóng lại");
        refuse(i, "a.csv", new byte[] {'i', 'd', '\n', 'a', (byte) 0xE0, '\n'}, ImportService.Format.CSV, null, "không phải mã UTF-8");
        for (String crs : List.of("EPSG:abc", "EPSG:999999", "VN2000:Đà Lạt", "VN2000-TM3:20", "Hà Nội")) {
            refuse(i, "a.csv", "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8), ImportService.Format.CSV, crs, "hệ tọa độ|múi VN-2000|kinh tuyến trục");
        }
        // The record checks, through CSV: each value's conversion and each rule.
        refuse(i, "b.csv", """
                id,lon,lat,occurred_at,category,severity,channel,force_majeure,deaths,description
                i1,105.785,19.445,31-02-2023,other,,patrol,,,
                i2,105.785,19.445,2023-01-01,trộm cắp,,patrol,,,
                i3,105.785,19.445,2023-01-01,crime,,patrol,,,
                i4,105.785,19.445,2023-01-01,other,nghiem_trong,patrol,,,
                i5,105.785,19.445,2023-01-01,other,,fax,,,
                i6,105.785,19.445,2023-01-01,other,,patrol,chắc chắn,,
                i7,105.785,19.445,2023-01-01,other,,patrol,,hai,
                i8,105.785,19.445,2023-01-01,other,,patrol,,-1,
                i9,105.785,19.445,2023-01-01,other,,patrol,,,<b>đậm</b>
                i10,105.785,19.445,2030-01-01T08:00,other,,patrol,,,
                i11,,,2023-01-01,other,,patrol,,,
                i12,105.785,19.445,2023-01-01,other,,,,,
                i13,19.445,105.785,2023-01-01,other,,patrol,,,
                i14,NaN,19.445,2023-01-01,other,,patrol,,,
                """,
                "không đọc được ngày giờ", "không có loại vụ việc 'trộm cắp'", "phải ghi mức độ tội phạm", "không ghi mức độ tội phạm",
                "không thuộc các giá trị", "không phải có/không", "không phải số nguyên", "nằm ngoài khoảng", "không được chứa mã HTML",
                "sau hiện tại", "thiếu vị trí trên bản đồ", "bắt buộc, chưa nhập", "ghi nhầm chỗ vĩ độ và kinh độ",
                "không phải số hữu hạn");
        refuse(i, "c.csv", """
                id,lon,lat,occurred_at,category,channel
                đặc biệt,105.785,19.445,2023-01-01,other,patrol
                """, "mã 'đặc biệt' không hợp lệ");
        refuse(i, "d.csv", """
                id,lon,lat,occurred_at,category,channel
                i1,105.785,19.445,2023-01-01,other,patrol
                i1,105.786,19.445,2023-01-01,other,patrol
                i2,105.5,19.445,2023-01-01,other,patrol
                """, "xuất hiện nhiều lần trong tệp", "nằm ngoài mọi phường, xã");
        refuse(Layer.CAMERAS, "e.csv", """
                lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status,installed_on,footage_sharing,name
                105.785,19.445,400,60,40,fixed,community,active,2023-02-30,có lẽ,
                105.785,19.445,90,sáu,40,fixed,community,active,,,%s
                """.formatted("x".repeat(201)),
                "nằm ngoài khoảng", "không đọc được ngày", "không phải có/không", "không phải là số", "dài quá 200 ký tự");
        refuse(Layer.AREAS, "f.csv", """
                id,wkt,code,name,households,registered_households,valid_from,valid_to
                c,"POLYGON ((105.78 19.44, 105.785 19.44, 105.785 19.445, 105.78 19.44))",C,C,10,20,2021-01-01,
                d,"POLYGON ((105.78 19.44, 105.785 19.44, 105.785 19.445, 105.78 19.44))",D,D,,,2021-01-01,2020-01-01
                e,"POLYGON ((100 10, 100.1 10, 100.1 10.1, 100 10))",E,E,,,2021-01-01,
                g,POLYGON EMPTY,G,G,,,2021-01-01,
                """, "số hộ đăng ký 20 nhiều hơn số hộ của khu dân cư", "phải sau ngày hiệu lực từ",
                "khu dân cư nằm ngoài mọi phường, xã", "hình học rỗng");
        refuse(Layer.TEAMS, "g.csv", """
                area_id,kind,member_count,rating_year,disciplined_members
                a,street_guard,5,2023,9
                zz,street_guard,5,2023,
                """, "số thành viên bị kỷ luật 9 nhiều hơn", "không có khu dân cư mã 'zz'");
        refuse(Layer.DISPUTES, "h.csv", """
                lon,lat,mediated_on,area_id
                ,,2023-01-01,
                105.785,19.445,2023-01-01,b
                ,,2023-01-01,zz
                """, "vụ tranh chấp cần vị trí", "vị trí nằm trong khu dân cư a, không phải b", "không có khu dân cư mã 'zz'");
        refuse(Layer.EXTRACTIONS, "j.csv", """
                camera_id,extracted_on,incident_id
                zz,2023-01-01,
                cam1,2023-01-01,vv
                """, "không có camera mã 'zz'", "không có vụ việc mã 'vv'");
        refuse(Layer.ATTESTATIONS, "k.csv", """
                subject_kind,subject_id,check_id,period_year,attested,attested_by,attested_at
                area,a,K4b,2023,có,cán bộ,2023-11-01T08:00:00+07:00
                area,zz,K2,2023,có,cán bộ,2023-11-01T08:00:00+07:00
                area,a,K2,2001,có,cán bộ,2023-11-01T08:00:00+07:00
                area,b,registration,2023,có,cán bộ,2023-11-01T08:00:00+07:00
                """, "không phải tiêu chí cán bộ xác nhận", "không có khu dân cư mã 'zz'", "kỳ đánh giá năm 2001", "bắt buộc với registration");
        done();
    }

    @Test
    void kmlProblemsAreInBothLanguages() {
        Layer i = Layer.INCIDENTS;
        refuse(i, "a.kml", "<kml><Document>\n<Placemark></Document></kml>", "không phải XML hợp lệ");
        refuse(i, "b.kml", """
                <kml><Document>
                 <Placemark><Polygon><innerBoundaryIs><LinearRing><coordinates>1,1 2,1 2,2 1,1</coordinates></LinearRing></innerBoundaryIs></Polygon></Placemark>
                 <Placemark><Point><coordinates></coordinates></Point></Placemark>
                 <Placemark><Point><coordinates>kinh độ</coordinates></Point></Placemark>
                 <Placemark><LineString><coordinates>105.78,19.44</coordinates></LineString></Placemark>
                 <Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>1,1 2,1 2,2 1,2</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
                </Document></kml>""",
                "thiếu vòng bao ngoài", "thẻ coordinates trống", "không đọc được tọa độ 'kinh'", "hình học không hợp lệ");
        refuse(i, "c.kml", """
                <kml><Document><Placemark id="p1"><ExtendedData><Data name="category"><value>other</value></Data></ExtendedData>
                 <Point><coordinates>105.785,19.445</coordinates></Point></Placemark></Document></kml>""",
                "bắt buộc, chưa nhập");
        done();
    }

    @Test
    void geoPackageProblemsAreInBothLanguages() throws IOException {
        refuse(Layer.INCIDENTS, "a.gpkg", "không phải cơ sở dữ liệu".getBytes(StandardCharsets.UTF_8), ImportService.Format.GPKG, null,
                "không phải tệp GeoPackage");
        ByteArrayOutputStream areas = new ByteArrayOutputStream();
        services.exports().export(List.of("areas"), ExportService.Format.of("gpkg"), areas);
        // The areas' table read as incidents: every column is a field incidents do not have.
        refuse(Layer.INCIDENTS, "b.gpkg", areas.toByteArray(), ImportService.Format.GPKG, null, "trường lạ của lớp incidents");
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        services.exports().export(List.of("wards", "areas"), ExportService.Format.of("gpkg"), two);
        refuse(Layer.INCIDENTS, "c.gpkg", two.toByteArray(), ImportService.Format.GPKG, null, "không có bảng tên 'incidents'");
        done();
    }

    @Test
    void refusalsOutsideARecordAreInBothLanguages() {
        for (Runnable r : List.<Runnable>of(() -> ImportService.Format.of("shp", null),
                () -> services.importer().bulkLoad(Layer.WARDS, "w.csv"))) {
            try {
                r.run();
                violations.add("not refused");
            } catch (IllegalArgumentException e) {
                check("refusal", null, e.getMessage());
            }
        }
        done();
    }

    private void done() {
        assertThat(violations).isEmpty();
    }

    private void refuse(Layer layer, String name, String text, String... expected) {
        refuse(layer, name, text.getBytes(StandardCharsets.UTF_8), ImportService.Format.of(null, name), null, expected);
    }

    /** Imports the bytes, which must be refused, and checks every problem and that each expected text was among them. */
    private void refuse(Layer layer, String name, byte[] content, ImportService.Format format, String crs, String... expected) {
        List<Problem> problems;
        try {
            services.importer().importFile(layer, name, new ByteArrayInputStream(content), format, crs);
            violations.add(name + ": not refused");
            return;
        } catch (InvalidInputException e) {
            problems = e.problems();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> messages = new ArrayList<>();
        for (Problem p : problems) {
            check(name, p.location(), p.reason());
            messages.add(p.reason());
        }
        for (String e : expected) {
            Pattern wanted = Pattern.compile(e.contains("|") ? e : Pattern.quote(e));
            if (messages.stream().noneMatch(m -> wanted.matcher(Messages.Text.split(m).vi()).find())) {
                violations.add(name + ": no problem says \"" + e + "\" in Vietnamese; the problems: " + messages);
            }
        }
    }

    private void check(String name, String location, String message) {
        Messages.Text t = Messages.Text.split(message);
        String at = name + " " + location + ": " + message;
        if (!Bilingual.hasVietnamese(t.vi())) {
            violations.add(at + " -> no Vietnamese side");
        }
        var english = ENGLISH.matcher(t.vi());
        if (english.find()) {
            violations.add(at + " -> English word '" + english.group() + "' on the Vietnamese side");
        }
        if (t.en() == null || t.en().equals(t.vi()) || t.en().isBlank()) {
            violations.add(at + " -> no English side");
        } else if (Bilingual.hasVietnamese(t.en())
                || java.text.Normalizer.normalize(t.en(), java.text.Normalizer.Form.NFD).matches("(?s).*\\p{M}.*")) {
            violations.add(at + " -> Vietnamese letters on the English side");
        }
        if (location != null) {
            String place = Messages.place(location, Lang.VI);
            var word = PLACE_WORDS.matcher(place);
            if (word.find()) {
                violations.add(at + " -> place '" + place + "' keeps the English word '" + word.group() + "'");
            }
            assertThat(Messages.place(location, Lang.EN)).isEqualTo(location);
        }
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
