package vn.anttmap.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import vn.anttmap.App;
import vn.anttmap.model.Feature;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Layer;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ImportServiceTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2023-11-20T03:00:00Z"), ZoneOffset.UTC);

    App.Services services;

    @BeforeEach
    void setUp() throws IOException {
        H2gisFeatureStore store = H2gisFeatureStore.inMemory("import-" + UUID.randomUUID());
        store.migrate();
        services = App.services(store, CLOCK);
        load(Layer.WARDS, "wards.geojson");
        load(Layer.AREAS, "areas.geojson");
    }

    @AfterEach
    void tearDown() {
        services.close();
    }

    ImportResult load(Layer layer, String fixture) throws IOException {
        return load(layer, fixture, null);
    }

    ImportResult load(Layer layer, String fixture, String crs) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/import/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            return services.importer().importFile(layer, fixture, in, ImportService.Format.of(null, fixture), crs);
        }
    }

    ImportResult loadText(Layer layer, String name, String text) throws IOException {
        return services.importer().importFile(layer, name,
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ImportService.Format.of(null, name), null);
    }

    Feature get(Layer layer, String id) {
        return services.store().get(layer, id).orElseThrow();
    }

    /** Refuses the fixture, changes nothing, and returns the message. */
    String refused(Layer layer, String fixture) {
        Map<Layer, Long> before = services.store().counts();
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> load(layer, fixture));
        assertThat(t).isInstanceOf(InvalidInputException.class);
        assertThat(services.store().counts()).isEqualTo(before);
        return t.getMessage();
    }

    @Test
    void areasAreAssignedToTheirWard() {
        assertThat(get(Layer.AREAS, "a").get("ward_id")).isEqualTo("w");
        assertThat(get(Layer.AREAS, "b").get("ward_id")).isEqualTo("w");
    }

    @Test
    void incidentsAreAssignedToAreaAndWardAndDayInVietnam() throws IOException {
        assertThat(load(Layer.INCIDENTS, "incidents-good.csv").written()).isEqualTo(3);
        Feature i1 = get(Layer.INCIDENTS, "i1");
        assertThat(i1.get("area_id")).isEqualTo("a");
        assertThat(i1.get("ward_id")).isEqualTo("w");
        assertThat(i1.get("occurred_at")).isEqualTo(OffsetDateTime.of(2023, 3, 6, 3, 0, 0, 0, ZoneOffset.ofHours(7)));
        assertThat(i1.get("occurred_on")).isEqualTo(LocalDate.of(2023, 3, 6));
        assertThat(i1.get("description")).isEqualTo("Trộm cắp xe máy, bãi biển");
        Feature i2 = get(Layer.INCIDENTS, "i2");
        assertThat(i2.get("occurred_at")).isEqualTo(OffsetDateTime.of(2023, 4, 5, 22, 10, 0, 0, ZoneOffset.ofHours(7)));
        assertThat(i2.get("promptly_handled")).isEqualTo(true);
        assertThat(get(Layer.INCIDENTS, "i3").get("area_id")).isEqualTo("b");
    }

    /** Issue 22: a 113 call log with each call's handling (Vietnamese times), every row written with its steps. */
    @Test
    void aCallLogWithItsHandlingImportsEveryRowWithItsSteps() throws IOException {
        assertThat(load(Layer.INCIDENTS, "incidents-113-handling.csv").written()).isEqualTo(4);
        Feature closed = get(Layer.INCIDENTS, "c113-001");
        assertThat(closed.get("status")).isEqualTo("closed");
        assertThat(closed.get("assigned_to")).isEqualTo("Tổ tuần tra 1");
        assertThat(closed.get("handling")).isEqualTo("mediated");
        assertThat(closed.get("closed_by")).isEqualTo("đội trưởng");
        // Received 21:12, handled 22:30.
        assertThat(closed.get("handle_minutes")).isEqualTo(78);
        assertThat(get(Layer.INCIDENTS, "c113-002").get("handle_minutes")).isEqualTo(120);
        assertThat(get(Layer.INCIDENTS, "c113-003").get("handle_minutes")).isNull();
        assertThat(get(Layer.INCIDENTS, "c113-004").get("status")).isNull();
    }

    /**
     * Issue 22: a call log with a call closed before it was received and one handled without its time is refused
     * whole, each row named with its field; not even its good row is written.
     */
    @Test
    void aCallLogWithStepsOutOfOrderOrMissingIsRefusedWholeNamingRowAndField() {
        Map<Layer, Long> before = services.store().counts();
        InvalidInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> load(Layer.INCIDENTS, "incidents-113-bad.csv"), InvalidInputException.class);
        assertThat(e.source()).isEqualTo("incidents-113-bad.csv");
        assertThat(e.problems()).extracting(Object::toString).containsExactly(
                "line 3, field closed_at: thời điểm kết thúc (07/04/2023 22:00) trước thời điểm xử lý (08/04/2023 01:06)"
                        + " / closed_at 07/04/2023 22:00 is before handled_at 08/04/2023 01:06",
                "line 4, field handled_at: trạng thái 'xử lý' cần handled_at (bước xử lý) / status 'handled' needs handled_at"
                        + " (the handled step)");
        assertThat(services.store().counts()).isEqualTo(before);
        assertThat(services.store().get(Layer.INCIDENTS, "c113-101")).isEmpty();
    }

    @Test
    void aPointOnTheSharedBoundaryGoesToExactlyOneArea() throws IOException {
        load(Layer.INCIDENTS, "incidents-good.csv");
        assertThat(get(Layer.INCIDENTS, "i2").get("area_id")).isEqualTo("a");
        assertThat(services.store().query(Layer.INCIDENTS, vn.anttmap.model.FeatureQuery.ALL)).hasSize(3);
    }

    @Test
    void unparseableDateIsRefusedNamingLineAndField() {
        assertThat(refused(Layer.INCIDENTS, "incidents-bad-date.csv")).isEqualTo(
                "incidents-bad-date.csv: line 3, field occurred_at: không đọc được ngày giờ '31-02-2023' (cần dd/MM/yyyy HH:mm "
                        + "hoặc ISO 8601) / cannot read date and time '31-02-2023' "
                        + "(expected ISO 8601 such as 2023-03-05T21:30:00+07:00, or dd/MM/yyyy HH:mm)");
    }

    @Test
    void aFutureOrImpossibleDateRefusesTheWholeFileAndWritesNothing() {
        String header = "id,lon,lat,occurred_at,category,severity,channel\n";
        String good = "i1,105.785,19.445,2023-03-05T20:00:00Z,other,,patrol\n";
        Map<Layer, Long> before = services.store().counts();
        // The clock is 20/11/2023 10:00 in Vietnam: 2030 is a typo, and so is 10:06 the same morning (beyond 5 minutes).
        assertThatThrownBy(() -> loadText(Layer.INCIDENTS, "future.csv", header + good
                + "i2,105.79,19.445,15/09/2030 20:00,other,,patrol\n"
                + "i3,105.79,19.445,2023-11-20T10:06+07:00,other,,patrol\n"
                + "i4,105.79,19.445,2023-11-20T10:04+07:00,other,,patrol\n"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).extracting(Object::toString).containsExactly(
                        "line 3, field occurred_at: thời điểm xảy ra sau hiện tại (15/09/2030 20:00, hôm nay là "
                                + "20/11/2023) / occurred_at is in the future (15/09/2030 20:00; today is 20/11/2023)",
                        "line 4, field occurred_at: thời điểm xảy ra sau hiện tại (20/11/2023 10:06, hôm nay là "
                                + "20/11/2023) / occurred_at is in the future (20/11/2023 10:06; today is 20/11/2023)"));
        assertThatThrownBy(() -> loadText(Layer.INCIDENTS, "impossible.csv", header + good
                + "i2,105.79,19.445,31/02/2023,other,,patrol\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 3, field occurred_at: không đọc được ngày giờ '31/02/2023'");
        assertThat(services.store().counts()).isEqualTo(before);
        assertThat(services.store().get(Layer.INCIDENTS, "i1")).isEmpty();
    }

    @Test
    void unknownCategoryIsRefused() {
        assertThat(refused(Layer.INCIDENTS, "incidents-unknown-category.csv")).startsWith(
                "incidents-unknown-category.csv: line 2, field category: không có loại vụ việc 'theft'; các loại đã biết: political_security, crime,")
                .contains(" / unknown category 'theft'; known: political_security, crime,");
    }

    @Test
    void pointOutsideEveryWardIsRefusedAndTheGoodRowIsNotWritten() {
        assertThat(refused(Layer.INCIDENTS, "incidents-outside.csv")).isEqualTo(
                "incidents-outside.csv: line 3, field geometry: điểm (kinh độ 105.5, vĩ độ 19.445) nằm ngoài mọi phường, xã có hiệu lực ngày "
                        + "05/03/2023 / point (lon 105.5, lat 19.445) lies outside every ward valid on 2023-03-05");
        assertThat(services.store().get(Layer.INCIDENTS, "i1")).isEmpty();
    }

    @Test
    void swappedLatitudeAndLongitudeAreNamed() {
        assertThat(refused(Layer.INCIDENTS, "incidents-swapped.csv")).isEqualTo(
                "incidents-swapped.csv: line 2, field geometry: tọa độ (19.445 105.785) nằm ngoài kinh độ -180..180, vĩ độ -90..90 "
                        + "(có phải ghi nhầm chỗ vĩ độ và kinh độ?) / coordinate (19.445 105.785) is outside longitude "
                        + "-180..180, latitude -90..90 (latitude and longitude swapped?)");
    }

    @Test
    void swappedPointThatStaysInRangeIsStillDetected() throws IOException {
        loadText(Layer.WARDS, "equator.geojson", """
                {"type":"FeatureCollection","features":[{"type":"Feature","id":"z","properties":{"code":"Z","name":"Z",
                "valid_from":"2020-01-01"},"geometry":{"type":"Polygon","coordinates":[[[10,20],[11,20],[11,21],[10,21],[10,20]]]}}]}""");
        assertThatThrownBy(() -> loadText(Layer.INCIDENTS, "swap.csv",
                "lon,lat,occurred_at,category,channel\n20.5,10.5,2023-01-01,other,patrol\n"))
                .hasMessage("swap.csv: line 2, field geometry: ghi nhầm chỗ vĩ độ và kinh độ: (20.5, 10.5) nằm ngoài mọi phường, xã, "
                        + "còn (10.5, 20.5) nằm trong một phường, xã / "
                        + "latitude and longitude swapped: (20.5, 10.5) lies outside every ward, (10.5, 20.5) lies inside one");
    }

    @Test
    void malformedGeoJsonIsRefusedWithLineAndColumn() {
        assertThat(refused(Layer.INCIDENTS, "incidents-malformed.geojson"))
                .startsWith("incidents-malformed.geojson: line 4, column 92: ")
                .contains("không phải JSON hợp lệ (sai cú pháp tại vị trí này) / not valid JSON: Unexpected character ('\"'");
    }

    @Test
    void selfIntersectingPolygonIsRefusedNamingTheFeature() {
        assertThat(refused(Layer.AREAS, "areas-self-intersecting.geojson")).isEqualTo(
                "areas-self-intersecting.geojson: feature 1 (id c), field geometry: hình học không hợp lệ: ranh giới tự cắt nhau tại hoặc gần "
                        + "(105.785 19.445) / invalid geometry: self-intersection at or near (105.785 19.445)");
    }

    @Test
    void everyProblemOfEveryRecordIsListed() {
        assertThatThrownBy(() -> loadText(Layer.CAMERAS, "cams.csv", """
                id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status,colour
                c1,105.785,19.445,400,60,40,fixed,community,active,red
                c2,105.785,19.445,90,60,40,bullet,community,active,
                c2,105.785,19.445,90,60,40,fixed,community,active,
                """))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).extracting(Object::toString).containsExactly(
                        "line 2, field colour: trường lạ của lớp cameras; các trường của lớp này là " + CAMERA_FIELDS
                                + " / unknown field for layer cameras; its fields are " + CAMERA_FIELDS,
                        "line 2, field bearing_deg: 400 nằm ngoài khoảng 0–360 / 400 is outside 0–360",
                        "line 3, field colour: trường lạ của lớp cameras; các trường của lớp này là " + CAMERA_FIELDS
                                + " / unknown field for layer cameras; its fields are " + CAMERA_FIELDS,
                        "line 3, field kind: 'bullet' không thuộc các giá trị fixed, dome, ptz / 'bullet' is not one of fixed, dome, ptz",
                        "line 4, field colour: trường lạ của lớp cameras; các trường của lớp này là " + CAMERA_FIELDS
                                + " / unknown field for layer cameras; its fields are " + CAMERA_FIELDS));
    }

    private static final String CAMERA_FIELDS = "name, bearing_deg, fov_deg, range_m, kind, owner, status, installed_on, funding, footage_sharing, last_seen_on, resolution_px";

    @Test
    void duplicateIdsInOneFileAreRefused() {
        assertThatThrownBy(() -> loadText(Layer.CAMERAS, "cams.csv", """
                id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status
                c2,105.785,19.445,90,60,40,fixed,community,active
                c2,105.786,19.445,90,60,40,fixed,community,active
                """)).hasMessage("cams.csv: line 3, field id: mã 'c2' xuất hiện nhiều lần trong tệp / id 'c2' occurs more than once in the file");
    }

    @Test
    void crimesNeedASeverityAndOtherCategoriesHaveNone() {
        assertThatThrownBy(() -> loadText(Layer.INCIDENTS, "i.csv", """
                lon,lat,occurred_at,category,severity,channel
                105.785,19.445,2023-01-01,crime,,patrol
                105.785,19.445,2023-01-01,other,nghiem_trong,patrol
                """)).hasMessage("i.csv: line 2, field severity: vụ việc loại crime phải ghi mức độ tội phạm theo Bộ luật Hình sự "
                + "/ a crime incident needs its Penal Code severity class\n"
                + "i.csv: line 3, field severity: vụ việc loại other không ghi mức độ tội phạm; hãy để trống "
                + "/ a other incident carries no severity class");
    }

    @Test
    void vn2000ThanhHoaCoordinatesLandWherePROJPutsThem() throws IOException {
        load(Layer.CAMERAS, "cameras-vn2000.csv", "VN2000:thanh-hoa");
        Feature cam = get(Layer.CAMERAS, "cam-1");
        Point p = (Point) cam.geometry();
        assertThat(p.getX()).isCloseTo(105.795, within(1e-7));
        assertThat(p.getY()).isCloseTo(19.451, within(1e-7));
        assertThat(cam.get("ward_id")).isEqualTo("w");
        assertThat(cam.get("area_id")).isNull();
        assertThat(cam.get("installed_on")).isEqualTo(LocalDate.of(2022, 5, 15));
    }

    @Test
    void xyWithoutACrsIsRefused() {
        assertThat(refused(Layer.CAMERAS, "cameras-vn2000.csv")).isEqualTo(
                "cameras-vn2000.csv: line 1, field x: cột x/y cần hệ tọa độ của chúng: hãy chọn --crs (ví dụ EPSG:3405 hoặc VN2000:thanh-hoa) / "
                        + "x/y columns need their coordinate system: give --crs (e.g. EPSG:3405 or VN2000:thanh-hoa)");
    }

    @Test
    void changingAnAreasBoundaryReassignsWhatItTouches() throws IOException {
        load(Layer.INCIDENTS, "incidents-good.csv");
        loadText(Layer.CAMERAS, "c.csv", "id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status\nc1,105.787,19.445,0,90,30,dome,police,active\n");
        loadText(Layer.EXTRACTIONS, "x.csv", "id,camera_id,extracted_on,incident_id\nx1,c1,2023-03-07,i1\n");
        assertThat(get(Layer.EXTRACTIONS, "x1").get("area_id")).isEqualTo("a");

        ImportResult r = load(Layer.AREAS, "areas-moved.geojson");

        assertThat(get(Layer.CAMERAS, "c1").get("area_id")).isEqualTo("b");
        assertThat(get(Layer.EXTRACTIONS, "x1").get("area_id")).isEqualTo("b");
        assertThat(get(Layer.INCIDENTS, "i1").get("area_id")).isEqualTo("a");
        assertThat(get(Layer.INCIDENTS, "i2").get("area_id")).isEqualTo("b");
        assertThat(r.reassigned()).isEqualTo(3);
    }

    @Test
    void reimportingTheSameUnidentifiedRowsDoesNotDuplicateThem() throws IOException {
        String csv = "lon,lat,occurred_at,category,channel\n105.785,19.445,2023-01-01T08:00:00+07:00,other,patrol\n";
        loadText(Layer.INCIDENTS, "i.csv", csv);
        loadText(Layer.INCIDENTS, "i.csv", csv);
        assertThat(services.store().counts().get(Layer.INCIDENTS)).isEqualTo(1L);
    }

    @Test
    void recordsBeforeTheBoundariesExistedAreOutsideEveryWard() {
        assertThatThrownBy(() -> loadText(Layer.INCIDENTS, "i.csv",
                "lon,lat,occurred_at,category,channel\n105.785,19.445,2019-01-01T08:00:00+07:00,other,patrol\n"))
                .hasMessage("i.csv: line 2, field geometry: điểm (kinh độ 105.785, vĩ độ 19.445) nằm ngoài mọi phường, xã có hiệu lực ngày "
                        + "01/01/2019 / point (lon 105.785, lat 19.445) lies outside every ward valid on 2019-01-01");
    }

    @Test
    void teamsTakeTheirWardFromTheirAreaAndUnknownAreasAreRefused() throws IOException {
        loadText(Layer.TEAMS, "t.csv", "id,area_id,kind,member_count,rating_year\nt1,b,social_security,25,2023\n");
        assertThat(get(Layer.TEAMS, "t1").get("ward_id")).isEqualTo("w");
        assertThatThrownBy(() -> loadText(Layer.TEAMS, "t.csv", "id,area_id,kind,member_count,rating_year\nt2,zz,street_guard,2,2023\n"))
                .hasMessage("t.csv: line 2, field area_id: không có khu dân cư mã 'zz' / no residential area has id 'zz'");
    }

    @Test
    void extractionsNeedAKnownCamera() {
        assertThatThrownBy(() -> loadText(Layer.EXTRACTIONS, "x.csv", "camera_id,extracted_on\nnope,2023-01-02\n"))
                .hasMessage("x.csv: line 2, field camera_id: không có camera mã 'nope' / no camera has id 'nope'");
    }

    @Test
    void validToMustFollowValidFrom() {
        assertThatThrownBy(() -> loadText(Layer.WARDS, "w.csv",
                "id,wkt,code,name,valid_from,valid_to\nw2,\"POLYGON ((0 0, 1 0, 1 1, 0 0))\",X,X,2020-01-01,2020-01-01\n"))
                .hasMessage("w.csv: line 2, field valid_to: hiệu lực đến ngày 01/01/2020 phải sau ngày hiệu lực từ 01/01/2020 "
                        + "/ valid_to 2020-01-01 must be after valid_from 2020-01-01");
    }

    @Test
    void geoJsonInAnotherCrsIsRefused() {
        assertThatThrownBy(() -> loadText(Layer.WARDS, "w.geojson",
                "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3405\"}},\"features\":[]}"))
                .hasMessageStartingWith("w.geojson: file, field crs: GeoJSON phải dùng kinh độ/vĩ độ WGS 84 (RFC 7946), nhưng tệp khai báo "
                        + "hệ tọa độ EPSG:3405")
                .hasMessageContaining(" / GeoJSON must be lon/lat WGS 84 (RFC 7946), but the file declares EPSG:3405");
    }

    @Test
    void aMultiFileImportWritesNothingWhenALaterFileIsRefused() throws IOException {
        Map<Layer, Long> before = services.store().counts();
        List<ImportService.Input> inputs = List.of(
                new ImportService.Input(Layer.CAMERAS, "c.csv", ImportService.read("c.csv", new ByteArrayInputStream(
                        "id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status\nc9,105.787,19.445,0,90,30,dome,police,active\n"
                                .getBytes(StandardCharsets.UTF_8)), ImportService.Format.CSV, null)),
                new ImportService.Input(Layer.EXTRACTIONS, "x.csv", ImportService.read("x.csv", new ByteArrayInputStream(
                        "id,camera_id,extracted_on\nx1,c9,2023-01-02\nx2,c10,2023-01-02\n".getBytes(StandardCharsets.UTF_8)),
                        ImportService.Format.CSV, null)));
        assertThatThrownBy(() -> services.importer().importAll(inputs))
                .hasMessage("x.csv: line 3, field camera_id: không có camera mã 'c10' / no camera has id 'c10'");
        assertThat(services.store().counts()).isEqualTo(before);
        List<ImportService.Input> good = List.of(inputs.get(0), new ImportService.Input(Layer.EXTRACTIONS, "x.csv",
                List.of(inputs.get(1).records().get(0))));
        assertThat(services.importer().importAll(good)).extracting(ImportResult::written).containsExactly(1, 1);
        assertThat(get(Layer.EXTRACTIONS, "x1").get("area_id")).isEqualTo("a");
    }

    @Test
    void demoDataLoadsTheRealWardAndItsNeighbours() throws IOException {
        H2gisFeatureStore store = H2gisFeatureStore.inMemory("demo-" + UUID.randomUUID());
        store.migrate();
        try (App.Services demo = App.services(store, CLOCK)) {
            assertThat(DemoData.isEmpty(store)).isTrue();
            DemoData.load(demo.importer());
            Feature haiHoa = store.get(Layer.WARDS, "hai-hoa").orElseThrow();
            assertThat(haiHoa.get("name")).isEqualTo("Phường Hải Hòa");
            assertThat(haiHoa.text("source")).contains("MIT");
            double areaKm2 = vn.anttmap.geo.MetricProjection.forGeometry(haiHoa.geometry()).areaM2(haiHoa.geometry()) / 1e6;
            assertThat(areaKm2).isCloseTo(6.325, within(0.03));
            assertThat(store.counts().get(Layer.WARDS)).isEqualTo(4L);
            assertThat(DemoData.isEmpty(store)).isFalse();
        }
    }

    static List<vn.anttmap.io.RawRecord> incidentRecords(int from, int to, double lon) {
        List<vn.anttmap.io.RawRecord> out = new java.util.ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<String, Object> v = new java.util.LinkedHashMap<>();
            v.put("occurred_at", "2023-0" + (1 + i % 8) + "-15T10:00:00+07:00");
            v.put("category", "crime");
            v.put("severity", "it_nghiem_trong");
            v.put("channel", "hotline_113");
            out.add(new vn.anttmap.io.RawRecord("bulk.csv row " + (i + 2), "b" + i,
                    new org.locationtech.jts.geom.GeometryFactory().createPoint(new org.locationtech.jts.geom.Coordinate(lon, 19.445)), v));
        }
        return out;
    }

    /** A bulk load (next batch checked while the last is written) stores what one import per batch would. */
    @Test
    void aBulkLoadWritesEveryBatchAssignedAsAnImportWould() {
        ImportResult last;
        try (BulkLoad load = services.importer().bulkLoad(Layer.INCIDENTS, "bulk.csv")) {
            load.add(incidentRecords(0, 40, 105.785));
            load.add(incidentRecords(40, 80, 105.795));
            last = load.add(incidentRecords(80, 90, 105.785));
            load.close();
            assertThat(load.written()).isEqualTo(90);
        }
        assertThat(last.written()).isEqualTo(10);
        assertThat(services.store().counts().get(Layer.INCIDENTS)).isEqualTo(90);
        services.importer().importRecords(Layer.INCIDENTS, "one.csv", incidentRecords(1000, 1001, 105.795));
        for (String id : List.of("b0", "b45", "b89", "b1000")) {
            Feature f = get(Layer.INCIDENTS, id);
            assertThat(f.text("ward_id")).as(id).isNotNull();
            assertThat(f.text("area_id")).as(id).isEqualTo(
                    services.store().query(Layer.AREAS, vn.anttmap.model.FeatureQuery.ALL).stream()
                            .filter(a -> a.geometry().contains(f.geometry())).map(Feature::id).findFirst().orElse(null));
        }
        assertThat(get(Layer.INCIDENTS, "b0").text("area_id")).isNotEqualTo(get(Layer.INCIDENTS, "b45").text("area_id"));
        assertThat(services.store().audit(null, "incidents", null, null, 10)).hasSize(4);
    }

    /** A refused batch stops the load, names the record and field, writes nothing of itself; earlier batches stay. */
    @Test
    void aRefusedBatchStopsTheBulkLoadAndWritesNothingOfItself() {
        List<vn.anttmap.io.RawRecord> bad = incidentRecords(40, 80, 105.785);
        bad.set(7, incidentRecords(47, 48, 5.0).get(0));
        BulkLoad load = services.importer().bulkLoad(Layer.INCIDENTS, "bulk.csv");
        load.add(incidentRecords(0, 40, 105.785));
        assertThatThrownBy(() -> load.add(bad)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bulk.csv row 49").hasMessageContaining("geometry");
        load.close();
        assertThat(services.store().counts().get(Layer.INCIDENTS)).isEqualTo(40);
        assertThatThrownBy(() -> services.importer().bulkLoad(Layer.AREAS, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not areas");
    }

    /** A batch the database fails to write stops the load at the next batch, with the store's error; nothing is lost quietly. */
    @Test
    void aFailedWriteStopsTheBulkLoadWithTheStoresError() {
        vn.anttmap.store.FeatureStore real = services.store();
        int[] writes = {0};
        vn.anttmap.store.FeatureStore failing = (vn.anttmap.store.FeatureStore) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[]{vn.anttmap.store.FeatureStore.class}, (proxy, m, args) -> {
                    if (m.getName().equals("write") && ++writes[0] == 2) {
                        throw new vn.anttmap.model.StoreException("disk full while writing incidents");
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        App.Services over = App.services(failing, CLOCK);
        BulkLoad load = over.importer().bulkLoad(Layer.INCIDENTS, "bulk.csv");
        load.add(incidentRecords(0, 40, 105.785));
        load.add(incidentRecords(40, 80, 105.785));
        assertThatThrownBy(() -> load.add(incidentRecords(80, 120, 105.785)))
                .isInstanceOf(vn.anttmap.model.StoreException.class).hasMessage("disk full while writing incidents");
        load.close();
        assertThat(load.written()).isEqualTo(40);
        assertThat(real.counts().get(Layer.INCIDENTS)).isEqualTo(40);
    }
}
