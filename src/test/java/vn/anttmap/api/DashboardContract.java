package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.anttmap.App;
import vn.anttmap.TestFeatures;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Account;
import vn.anttmap.model.Layer;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.store.FeatureStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The leaders' dashboard on a small hand-made data set, every figure against a count made by hand here: two provinces,
 * Thanh Hóa (wards a1 with two areas, a2 with one) and Nghệ An (b1, and b2 whose name a spreadsheet would run as a
 * formula), a dozen incidents with known minutes to handle, a few cameras. Also who may see which scope over HTTP,
 * the XLSX and CSV read back, and an answer kept until another node writes. One store, one server per class; the
 * subclasses run it on each store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardContract {
    static final String PASSWORD = "correct horse battery";
    static final String THANH_HOA = "Thanh Hóa";

    /** A new store over this class's database (each call another pool, as another node would have). */
    abstract FeatureStore openStore();

    App.Services node;
    Javalin server;
    String base;
    final Map<String, String> tokens = new LinkedHashMap<>();
    final OkHttpClient http = new OkHttpClient.Builder().connectTimeout(java.time.Duration.ZERO)
            .readTimeout(java.time.Duration.ZERO).callTimeout(java.time.Duration.ZERO).build();

    @BeforeAll
    void load() {
        FeatureStore store = openStore();
        store.migrate();
        node = App.services(store, Clock.systemUTC());
        var importer = node.importer();
        importer.importRecords(Layer.WARDS, "test", List.of(
                ward("a1", 105.00, "Phường A Một", THANH_HOA), ward("a2", 105.01, "Xã A Hai", "thanh hóa "),
                ward("b1", 105.02, "Phường B Một", "Nghệ An"), ward("b2", 105.03, "=1+1 Phường B Hai", "Nghệ An")));
        importer.importRecords(Layer.AREAS, "test", List.of(area("a1-x", 105.00, 105.005), area("a1-y", 105.005, 105.01),
                area("a2-x", 105.01, 105.02), area("b1-x", 105.02, 105.03)));
        importer.importRecords(Layer.CAMERAS, "test", List.of(camera("c1", 105.002, "active", true),
                camera("c2", 105.003, "active", false), camera("c3", 105.007, "inactive", true),
                camera("c4", 105.015, "maintenance", null), camera("c5", 105.025, "active", true)));
        List<RawRecord> incidents = new ArrayList<>();
        // a1 in 2025: handled in 60, 120 (closed) and 240 minutes; two open; one whose handling is unknown.
        incidents.add(incident("i1", 105.002, "2025-01-01T08:00:00+07:00", "handled", 60));
        incidents.add(incident("i2", 105.007, "2025-03-10T09:00:00+07:00", "closed", 120));
        incidents.add(incident("i3", 105.002, "2025-04-02T10:00:00+07:00", "handled", 240));
        incidents.add(incident("i4", 105.007, "2025-05-05T11:00:00+07:00", "received", 0));
        incidents.add(incident("i5", 105.002, "2025-05-06T11:00:00+07:00", "assigned", 0));
        incidents.add(incident("i6", 105.007, "2025-06-07T12:00:00+07:00", null, 0));
        // a1 in 2024: handled in 30 and 90 minutes, one verified on the window's last day.
        incidents.add(incident("j1", 105.002, "2024-02-01T08:00:00+07:00", "handled", 30));
        incidents.add(incident("j2", 105.007, "2024-07-01T08:00:00+07:00", "closed", 90));
        incidents.add(incident("j3", 105.002, "2024-12-31T20:00:00+07:00", "verified", 0));
        // a2 in 2025: one handled in 10 hours, one unknown; nothing in 2024.
        incidents.add(incident("k1", 105.015, "2025-02-02T08:00:00+07:00", "handled", 600));
        incidents.add(incident("k2", 105.015, "2025-02-03T08:00:00+07:00", null, 0));
        // b1 in 2025: one handled in three hours, one open.
        incidents.add(incident("m1", 105.025, "2025-03-03T08:00:00+07:00", "closed", 180));
        incidents.add(incident("m2", 105.025, "2025-03-04T08:00:00+07:00", "received", 0));
        importer.importRecords(Layer.INCIDENTS, "test", incidents);
        node.auth().addUser("leader-a", Account.Role.LEADER, "province:" + THANH_HOA, PASSWORD.toCharArray());
        node.auth().addUser("leader-a1", Account.Role.LEADER, "a1", PASSWORD.toCharArray());
        node.auth().addUser("officer-a2", Account.Role.OFFICER, "a2", PASSWORD.toCharArray());
        node.auth().addUser("planner", Account.Role.PLANNER, null, PASSWORD.toCharArray());
        node.auth().addUser("admin", Account.Role.ADMIN, null, PASSWORD.toCharArray());
        for (String u : List.of("leader-a", "leader-a1", "officer-a2", "planner", "admin")) {
            tokens.put(u, node.auth().createToken(u, "test"));
        }
        server = HttpServer.create(node, new HttpServer.PageConfig("t", "t")).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (node != null) {
            node.close();
        }
    }

    // ---------------------------------------------------------------- the figures

    @Test
    void everyFigureOfAProvinceMatchesTheHandCount() throws IOException {
        JsonNode d = json("leader-a", "");
        assertThat(d.path("scope").path("kind").asText()).isEqualTo("province");
        assertThat(d.path("scope").path("name").asText()).isEqualTo(THANH_HOA);
        assertThat(texts(d.path("scope").path("wards"))).containsExactly("a1", "a2");
        // The latest incident (June 2025) makes 2025 the scoring year; the window is its calendar year.
        assertThat(d.path("year").asInt()).isEqualTo(2025);
        assertThat(d.path("from").asText()).isEqualTo("2025-01-01");
        assertThat(d.path("to").asText()).isEqualTo("2025-12-31");
        assertThat(d.path("previous").path("from").asText()).isEqualTo("2024-01-01");
        assertThat(d.path("previous").path("to").asText()).isEqualTo("2024-12-31");
        assertThat(d.path("wards")).hasSize(2);

        JsonNode a1 = d.path("wards").get(0);
        assertThat(a1.path("ward").asText()).isEqualTo("a1");
        assertThat(a1.path("name").asText()).isEqualTo("Phường A Một");
        assertThat(a1.path("province").asText()).isEqualTo(THANH_HOA);
        assertThat(a1.path("areas").path("total").asLong()).isEqualTo(2);
        // 6 received: 3 handled (60, 120, 240 min), 2 open, 1 unknown; 3 of the 5 known handled.
        incidents(a1.path("incidents"), 6, 3, 2, 1, 0.6, 2.0, 3.6); // p90: 120 + 0.8 × (240 − 120) = 216 min
        // 2024: handled in 30 and 90 min, one verified on 31/12/2024 (inside the window).
        incidents(a1.path("previous"), 3, 2, 1, 0, 0.667, 1.0, 1.4); // p90: 30 + 0.9 × 60 = 84 min
        change(a1.path("change"), 3, 1, -0.067, 1.0, 2.2);
        cameras(a1.path("cameras"), 3, 2, 2);

        JsonNode a2 = d.path("wards").get(1);
        assertThat(a2.path("name").asText()).isEqualTo("Xã A Hai");
        assertThat(a2.path("areas").path("total").asLong()).isEqualTo(1);
        incidents(a2.path("incidents"), 2, 1, 0, 1, 1.0, 10.0, 10.0);
        // Nothing the year before: counts 0, no share, no time; so no change of either.
        incidents(a2.path("previous"), 0, 0, 0, 0, null, null, null);
        change(a2.path("change"), 2, 1, null, null, null);
        cameras(a2.path("cameras"), 1, 0, 0);

        // Totals over all of the province's incidents: minutes {60, 120, 240, 600}, not the wards' medians (2 h, 10 h).
        JsonNode t = d.path("totals");
        incidents(t.path("incidents"), 8, 4, 2, 2, 0.667, 3.0, 8.2); // p90: 240 + 0.7 × 360 = 492 min
        incidents(t.path("previous"), 3, 2, 1, 0, 0.667, 1.0, 1.4);
        change(t.path("change"), 5, 2, 0.0, 2.0, 6.8);
        cameras(t.path("cameras"), 4, 2, 2);
        assertThat(t.path("areas").path("total").asLong()).isEqualTo(3);
    }

    @Test
    void areasAreCountedByTheirVerdictAsTheScorecardsGiveIt() throws IOException {
        JsonNode d = json("admin", "scope=a1,a2,b1&year=2025");
        long[] all = new long[4];
        for (JsonNode w : d.path("wards")) {
            long[] byVerdict = new long[3];
            for (Scorecard card : node.cards().scoring().scoreAreas(w.path("ward").asText(), 2025)) {
                byVerdict[card.verdict().ordinal()]++;
            }
            JsonNode a = w.path("areas");
            assertThat(new long[]{a.path("dat").asLong(), a.path("chua_dat").asLong(), a.path("chua_du_can_cu").asLong()})
                    .as(w.path("ward").asText()).containsExactly(byVerdict[Scorecard.Verdict.DAT.ordinal()],
                            byVerdict[Scorecard.Verdict.CHUA_DAT.ordinal()], byVerdict[Scorecard.Verdict.CHUA_DU_CAN_CU.ordinal()]);
            long total = a.path("total").asLong();
            assertThat(byVerdict[0] + byVerdict[1] + byVerdict[2]).isEqualTo(total);
            assertThat(a.path("share_chua_du_can_cu").asDouble()).isCloseTo((double) a.path("chua_du_can_cu").asLong() / total, within(0.0005));
            all[0] += total;
            all[1] += byVerdict[0];
            all[2] += byVerdict[1];
            all[3] += byVerdict[2];
        }
        JsonNode t = d.path("totals").path("areas");
        assertThat(new long[]{t.path("total").asLong(), t.path("dat").asLong(), t.path("chua_dat").asLong(),
                t.path("chua_du_can_cu").asLong()}).containsExactly(all);
        assertThat(all[0]).isEqualTo(4);
        // b2 has no area: no share rather than 0 %.
        JsonNode b2 = json("admin", "scope=b2").path("wards").get(0).path("areas");
        assertThat(b2.path("total").asLong()).isZero();
        assertThat(b2.path("share_dat").isNull()).isTrue();
        assertThat(b2.path("share_chua_du_can_cu").isNull()).isTrue();
    }

    @Test
    void aWindowOfOneDayAndItsYearBefore() throws IOException {
        JsonNode d = json("leader-a", "from=2025-01-01&to=2025-01-01");
        JsonNode a1 = d.path("wards").get(0);
        incidents(a1.path("incidents"), 1, 1, 0, 0, 1.0, 1.0, 1.0);
        incidents(a1.path("previous"), 0, 0, 0, 0, null, null, null);
        assertThat(d.path("previous").path("from").asText()).isEqualTo("2024-01-01");
        // The previous window's last day counts: 31/12/2024 holds j3.
        JsonNode end = json("leader-a", "year=2025&from=2025-12-31&to=2025-12-31").path("wards").get(0);
        incidents(end.path("previous"), 1, 0, 1, 0, 0.0, null, null);
        try (Response r = get("leader-a", "from=2025-02-01&to=2025-01-01", null)) {
            assertThat(r.code()).isEqualTo(400);
        }
    }

    // ---------------------------------------------------------------- who sees what

    @Test
    void aProvincesLeaderSeesItsWardsAndNothingMoreOfAnother() throws IOException {
        for (String scope : List.of("", "scope=province:Thanh%20H%C3%B3a", "scope=province:thanh%20h%C3%B3a", "scope=a1",
                "scope=a2,a1")) {
            try (Response r = get("leader-a", scope, null)) {
                assertThat(r.code()).as(scope).isEqualTo(200);
            }
        }
        for (String scope : List.of("scope=province:Ngh%E1%BB%87%20An", "scope=b1", "scope=a1,b1")) {
            try (Response r = get("leader-a", scope, null)) {
                assertThat(r.code()).as(scope).isEqualTo(403);
                assertThat(r.body().string()).doesNotContain("Phường B Một");
            }
        }
        // Another province's incidents only as the public sees them: none.
        try (Response r = call("leader-a", "/api/v1/incidents", null)) {
            assertThat(r.code()).isEqualTo(200);
            List<String> ids = texts(HttpServer.JSON.readTree(r.body().string()).path("features"), "id");
            assertThat(ids).contains("i1", "k1").doesNotContain("m1", "m2");
        }
        try (Response r = call("leader-a", "/api/v1/incidents?ward=b1", null)) {
            assertThat(HttpServer.JSON.readTree(r.body().string()).path("features")).isEmpty();
        }
        // A leader of one ward: that ward alone.
        assertThat(texts(json("leader-a1", "").path("scope").path("wards"))).containsExactly("a1");
        try (Response r = get("leader-a1", "scope=a2", null)) {
            assertThat(r.code()).isEqualTo(403);
        }
    }

    @Test
    void theOthersByRole() throws IOException {
        try (Response r = get(null, "", null)) {
            assertThat(r.code()).isEqualTo(401);
        }
        // Refused before any parameter is read.
        try (Response r = get(null, "bogus=1", null)) {
            assertThat(r.code()).isEqualTo(401);
        }
        try (Response r = get("planner", "scope=a1", null)) {
            assertThat(r.code()).isEqualTo(403);
        }
        JsonNode own = json("officer-a2", "");
        assertThat(own.path("scope").path("kind").asText()).isEqualTo("wards");
        assertThat(own.path("scope").path("name").isNull()).isTrue();
        assertThat(texts(own.path("scope").path("wards"))).containsExactly("a2");
        for (String scope : List.of("scope=a1", "scope=province:Thanh%20H%C3%B3a", "scope=a1,a2")) {
            try (Response r = get("officer-a2", scope, null)) {
                assertThat(r.code()).as(scope).isEqualTo(403);
            }
        }
        assertThat(texts(json("admin", "").path("scope").path("wards"))).containsExactly("a1", "a2", "b1", "b2");
        try (Response r = get("admin", "scope=nowhere", null)) {
            assertThat(r.code()).isEqualTo(404);
            assertThat(r.body().string()).contains("nowhere");
        }
        try (Response r = get("admin", "scope=province:Atlantis", null)) {
            assertThat(r.code()).isEqualTo(404);
        }
    }

    // ---------------------------------------------------------------- the files

    @Test
    void theXlsxHoldsTheJsonsFigures() throws IOException {
        JsonNode d = json("admin", "scope=province:Thanh%20H%C3%B3a");
        byte[] file;
        try (Response r = get("admin", "scope=province:Thanh%20H%C3%B3a&f=xlsx", null)) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith(DashboardController.XLSX);
            assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"dashboard-thanh-hoa-2025.xlsx\"");
            file = r.body().bytes();
        }
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            Sheet sheet = book.getSheet("Tổng hợp");
            assertThat(sheet).isNotNull();
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertThat(header).startsWith("Phường, xã", "Mã phường, xã", "Tỉnh, thành phố", "Số khu dân cư", "Khu dân cư đạt");
            assertThat(header).contains("Tỷ lệ đã xử lý", "Thời gian xử lý trung vị (giờ)", "Cùng kỳ năm trước: Vụ việc tiếp nhận");
            assertThat(sheet.getLastRowNum()).isEqualTo(3); // header, a1, a2, totals
            Row a1 = sheet.getRow(1);
            JsonNode j = d.path("wards").get(0);
            assertThat(cell(a1, header, "Phường, xã").getStringCellValue()).isEqualTo("Phường A Một");
            assertThat(cell(a1, header, "Số khu dân cư").getNumericCellValue()).isEqualTo(j.path("areas").path("total").asDouble());
            assertThat(cell(a1, header, "Camera đang hoạt động").getNumericCellValue()).isEqualTo(j.path("cameras").path("working").asDouble());
            assertThat(cell(a1, header, "Vụ việc tiếp nhận").getNumericCellValue()).isEqualTo(j.path("incidents").path("received").asDouble());
            Cell share = cell(a1, header, "Tỷ lệ đã xử lý");
            assertThat(share.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(share.getNumericCellValue()).isCloseTo(j.path("incidents").path("share_handled").asDouble(), within(0.0005));
            assertThat(share.getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(cell(a1, header, "Thời gian xử lý phân vị 90 (giờ)").getNumericCellValue())
                    .isEqualTo(j.path("incidents").path("p90_hours_to_handle").asDouble());
            assertThat(cell(a1, header, "Thay đổi: tỷ lệ đã xử lý (điểm phần trăm)").getNumericCellValue()).isEqualTo(-6.7);
            // a2 had nothing the year before: no data, not 0.
            Row a2 = sheet.getRow(2);
            assertThat(cell(a2, header, "Cùng kỳ năm trước: Thời gian xử lý trung vị (giờ)").getStringCellValue()).isEqualTo("không có số liệu");
            Row totals = sheet.getRow(3);
            assertThat(cell(totals, header, "Phường, xã").getStringCellValue()).isEqualTo("Tổng");
            assertThat(cell(totals, header, "Thời gian xử lý trung vị (giờ)").getNumericCellValue())
                    .isEqualTo(d.path("totals").path("incidents").path("median_hours_to_handle").asDouble());
            Sheet about = book.getSheet("Thông tin");
            assertThat(about.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Tỉnh Thanh Hóa (2 phường, xã)");
            assertThat(about.getRow(2).getCell(1).getStringCellValue()).isEqualTo("01/01/2025–31/12/2025");
        }
    }

    @Test
    void theCsvInEitherLanguage() throws IOException {
        String vi;
        try (Response r = get("admin", "scope=province:Ngh%E1%BB%87%20An&f=csv", null)) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("text/csv; charset=utf-8");
            assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"dashboard-nghe-an-2025.csv\"");
            byte[] b = r.body().bytes();
            assertThat(new byte[]{b[0], b[1], b[2]}).containsExactly(0xEF, 0xBB, 0xBF);
            vi = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        }
        String[] lines = vi.split("\r\n");
        assertThat(lines).hasSize(4); // header, b1, b2, totals
        assertThat(lines[0]).startsWith("\"Phường, xã\",\"Mã phường, xã\",\"Tỉnh, thành phố\",Số khu dân cư,Khu dân cư đạt,Tỷ lệ đạt,");
        // b1: 2 received, 1 handled in 180 min, 1 open: 50.0 %, 3.0 h; nothing the year before.
        assertThat(lines[1]).startsWith("Phường B Một,b1,Nghệ An,1,")
                .contains(",2,1,1,0,50.0%,3.0,3.0,0,0,0,0,không có số liệu,không có số liệu,không có số liệu,2,1,");
        // A name a spreadsheet would run as a formula is written as text.
        assertThat(lines[2]).startsWith("'=1+1 Phường B Hai,b2,Nghệ An,0,0,không có số liệu,");
        assertThat(lines[3]).startsWith("Tổng,,Nghệ An,1,");
        try (Response r = get("admin", "scope=b1&lang=en", "text/csv")) {
            assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"dashboard-b1-2025.csv\"");
            byte[] b = r.body().bytes();
            String en = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
            assertThat(en).startsWith("Ward,Ward id,Province,Residential areas,Areas met,Share met,");
            assertThat(en).contains("Year before: Incidents received", "Change: share handled (percentage points)", "no data")
                    .doesNotContain("không có số liệu");
            assertThat(en.split("\r\n")[2]).startsWith("Total,,,1,");
        }
    }

    // ---------------------------------------------------------------- kept until any node writes

    @Test
    void aKeptAnswerGivesWayToAnotherNodesWrite() throws IOException {
        String march2023 = "scope=a1&year=2025&from=2023-03-01&to=2023-03-31";
        assertThat(json("admin", march2023).path("totals").path("incidents").path("received").asLong()).isZero();
        assertThat(json("admin", march2023).path("totals").path("incidents").path("received").asLong()).isZero();
        try (App.Services other = App.services(openStore(), Clock.systemUTC())) {
            other.importer().importRecords(Layer.INCIDENTS, "other node", List.of(
                    incident("n1", 105.002, "2023-03-15T08:00:00+07:00", "handled", 45)));
        }
        JsonNode after = json("admin", march2023).path("totals").path("incidents");
        incidents(after, 1, 1, 0, 0, 1.0, 0.8, 0.8);
    }

    // ---------------------------------------------------------------- helpers

    static void incidents(JsonNode n, long received, long handled, long open, long unknown, Double share, Double median, Double p90) {
        assertThat(new long[]{n.path("received").asLong(), n.path("handled").asLong(), n.path("open").asLong(),
                n.path("unknown").asLong()}).containsExactly(received, handled, open, unknown);
        number(n, "share_handled", share);
        number(n, "median_hours_to_handle", median);
        number(n, "p90_hours_to_handle", p90);
    }

    static void change(JsonNode n, long received, long handled, Double share, Double median, Double p90) {
        assertThat(n.path("received").asLong()).isEqualTo(received);
        assertThat(n.path("handled").asLong()).isEqualTo(handled);
        number(n, "share_handled", share);
        number(n, "median_hours_to_handle", median);
        number(n, "p90_hours_to_handle", p90);
    }

    static void cameras(JsonNode n, long registered, long working, long sharing) {
        assertThat(new long[]{n.path("registered").asLong(), n.path("working").asLong(), n.path("sharing").asLong()})
                .containsExactly(registered, working, sharing);
    }

    static void number(JsonNode n, String key, Double expected) {
        assertThat(n.has(key)).as(key).isTrue();
        if (expected == null) {
            assertThat(n.path(key).isNull()).as(key + " is null").isTrue();
        } else {
            assertThat(n.path(key).asDouble()).as(key).isEqualTo(expected);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    static List<String> texts(JsonNode array, String key) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.path(key).asText()));
        return out;
    }

    static Cell cell(Row row, List<String> header, String label) {
        return row.getCell(header.indexOf(label));
    }

    JsonNode json(String user, String query) throws IOException {
        try (Response r = get(user, query, null)) {
            String body = r.body().string();
            assertThat(r.code()).as(body).isEqualTo(200);
            return HttpServer.JSON.readTree(body);
        }
    }

    Response get(String user, String query, String accept) throws IOException {
        return call(user, "/api/v1/dashboard" + (query.isEmpty() ? "" : "?" + query), accept);
    }

    Response call(String user, String path, String accept) throws IOException {
        Request.Builder b = new Request.Builder().url(base + path);
        if (user != null) {
            b.header("Authorization", "Bearer " + tokens.get(user));
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.newCall(b.build()).execute();
    }

    static RawRecord ward(String id, double west, String name, String province) {
        return new RawRecord("test", id, box(west, west + 0.01), values("code", id.toUpperCase(), "name", name, "kind", "phuong",
                "province", province, "valid_from", "2020-01-01", "source", "synthetic test data"));
    }

    static RawRecord area(String id, double west, double east) {
        return new RawRecord("test", id, box(west, east), values("code", id, "name", "Tổ " + id, "kind", "to_dan_pho",
                "valid_from", "2020-01-01", "source", "synthetic test data"));
    }

    static RawRecord camera(String id, double lon, String status, Boolean sharing) {
        return new RawRecord("test", id, TestFeatures.wkt("POINT (" + lon + " 19.005)"), values("bearing_deg", "90",
                "fov_deg", "60", "range_m", "50", "kind", "fixed", "owner", "community", "status", status,
                "footage_sharing", sharing == null ? null : sharing.toString()));
    }

    /** An incident whose handling reached {@code status} ({@code null}: none recorded), handled {@code minutes} after receiving. */
    static RawRecord incident(String id, double lon, String occurredAt, String status, int minutes) {
        OffsetDateTime at = OffsetDateTime.parse(occurredAt);
        OffsetDateTime received = at.plusMinutes(5);
        Map<String, Object> v = values("occurred_at", occurredAt, "category", "dispute", "channel", "in_person",
                "description", "synthetic test incident");
        List<String> steps = List.of("received", "assigned", "verified", "handled", "closed");
        int reached = status == null ? -1 : steps.indexOf(status);
        if (reached >= 0) {
            v.put("status", status);
            v.put("received_at", received.toString());
            v.put("received_by", "Trực ban");
        }
        if (reached >= 1) {
            v.put("assigned_at", received.plusMinutes(1).toString());
            v.put("assigned_by", "Trưởng công an");
            v.put("assigned_to", "Cán bộ A");
        }
        if (reached >= 2) {
            v.put("verified_at", received.plusMinutes(2).toString());
            v.put("verified_by", "Cán bộ A");
        }
        if (reached >= 3) {
            v.put("handled_at", received.plusMinutes(minutes).toString());
            v.put("handled_by", "Cán bộ A");
            v.put("handling", "mediated");
        }
        if (reached >= 4) {
            v.put("closed_at", received.plusMinutes(minutes + 10).toString());
            v.put("closed_by", "Trưởng công an");
        }
        return new RawRecord("test", id, TestFeatures.wkt("POINT (" + lon + " 19.005)"), v);
    }

    private static org.locationtech.jts.geom.Geometry box(double west, double east) {
        return TestFeatures.wkt("MULTIPOLYGON (((" + west + " 19.0, " + east + " 19.0, " + east + " 19.01, " + west + " 19.01, "
                + west + " 19.0)))");
    }

    private static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
