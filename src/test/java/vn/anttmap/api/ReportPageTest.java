package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.App;
import vn.anttmap.TestAuth;
import vn.anttmap.model.Account;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.service.DemoData;
import vn.anttmap.service.ImportService;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /report.html}: the whole report rendered on the server, over HTTP, as the API's reader may see it. */
class ReportPageTest {
    @TempDir
    static Path dataDir;
    static App.Services services;
    static String admin;
    static String officer;
    static String otherOfficer;
    static final DateTimeFormatter VN = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @BeforeAll
    static void load() throws IOException {
        H2gisFeatureStore store = H2gisFeatureStore.open(dataDir);
        store.migrate();
        services = App.services(store, Clock.systemUTC());
        DemoData.load(services.importer());
        admin = TestAuth.admin(services);
        officer = TestAuth.token(services, Account.Role.OFFICER, "hai-hoa");
        otherOfficer = TestAuth.token(services, Account.Role.OFFICER, "binh-minh");
        // A ward whose name holds what HTML reads as markup (the import refuses tags themselves).
        String ward = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"evil\",\"properties\":{"
                + "\"code\":\"EV\",\"name\":\"Phường 'A' <3 > & \\\"Hà\\\"\",\"kind\":\"phuong\","
                + "\"valid_from\":\"2020-01-01\",\"source\":\"test\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[104.00,18.00],[104.01,18.00],[104.01,18.01],[104.00,18.01],[104.00,18.00]]]}}]}";
        services.importer().importFile(Layer.WARDS, "evil.geojson", new ByteArrayInputStream(ward.getBytes(StandardCharsets.UTF_8)),
                ImportService.Format.of(null, "evil.geojson"), null);
    }

    @AfterAll
    static void close() {
        services.close();
    }

    static io.javalin.Javalin app() {
        return HttpServer.create(services, new HttpServer.PageConfig("t", "t"));
    }

    /** A GET that waits for a slow, shared machine (the ward's report scores the ward and each of its areas). */
    static Response get(HttpClient client, String path, String token) throws IOException {
        okhttp3.Request.Builder b = new okhttp3.Request.Builder().url(client.getOrigin() + path);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.getOkHttp().newCall(b.build()).execute();
    }

    static JsonNode json(HttpClient client, String path, String token) throws IOException {
        return HttpServer.JSON.readTree(get(client, path, token).body().string());
    }

    /** The share as the officer reads it: percent, one decimal, cut, decimal comma. */
    static String percent(double share) {
        BigDecimal p = new BigDecimal(Double.toString(share)).movePointRight(2).setScale(1, RoundingMode.DOWN);
        String s = p.stripTrailingZeros().scale() <= 0 ? p.toBigInteger().toString() : p.toPlainString().replace('.', ',');
        return s + " %";
    }

    static String text(String html) {
        return html.replaceAll("(?s)<style>.*?</style>", "").replaceAll("<[^>]+>", " ");
    }

    static List<String> checkIds(JsonNode card) {
        List<String> out = new ArrayList<>();
        card.path("criteria").forEach(c -> c.path("checks").forEach(k -> out.add(k.path("checkId").asText())));
        return out;
    }

    @Test
    void theWardsReportIsOneWholeDocumentWithNamesLabelsAndVietnameseFigures() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response r = get(client, "/report.html?ward=hai-hoa&year=2023", null);
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).matches("text/html; ?charset=utf-8"); // Jetty writes it without the space
            String html = r.body().string();
            assertThat(html).startsWith("<!doctype html>").contains("<html lang=\"vi\">").endsWith("</html>\n");
            assertThat(html).doesNotContain("<script", "report.js", "http://", "https://");
            assertThat(html).contains("@page { size: A4", "thead { display: table-header-group; }");

            JsonNode card = json(client, "/api/v1/scores/wards/hai-hoa?year=2023", null);
            assertThat(html).contains("data-verdict=\"" + card.path("verdict").path("code").asText() + "\"");
            assertThat(text(html)).contains("Kết luận:  " + card.path("verdict").path("vi").asText().toUpperCase(java.util.Locale.forLanguageTag("vi")));
            for (String id : checkIds(card)) {
                assertThat(html).contains("<tr data-check=\"" + id + "\"");
            }
            // names, not ids
            assertThat(text(html)).contains("PHƯỜNG HẢI HÒA", "Phường Hải Hòa — kỳ đánh giá 16/11/2022 – 15/11/2023");
            JsonNode areas = json(client, "/api/v1/scores/areas?ward=hai-hoa&year=2023", null).path("areas");
            List<String> names = new ArrayList<>();
            services.store().query(Layer.AREAS, FeatureQuery.ALL.withWard("hai-hoa").withAt(LocalDate.of(2023, 10, 31)))
                    .forEach(a -> names.add(a.text("name")));
            assertThat(areas).hasSize(names.size());
            for (String name : names) {
                assertThat(html).contains("<td>" + name + "</td>");
            }
            for (JsonNode a : areas) {
                assertThat(text(html)).doesNotContain(" " + a.path("subjectId").asText() + " ");
            }
            // labels, not codes
            String shown = text(html);
            assertThat(shown).doesNotContain("it_nghiem_trong", "not_completed", "street_guard", "NOT_MET", "NO_DATA",
                    "NEEDS_ATTESTATION", "chua_dat", "force_majeure");
            assertThat(shown).contains("chưa đủ căn cứ").containsAnyOf("đạt", "chưa đạt");
            // the decimal comma; shares cut at one decimal
            for (JsonNode c : card.path("criteria")) {
                for (JsonNode k : c.path("checks")) {
                    if (k.path("checkId").asText().startsWith("X4") && k.path("measured").isNumber()) {
                        assertThat(html).contains("<td class=\"c figure\">" + percent(k.path("measured").asDouble()) + "</td>");
                    }
                    if (k.path("checkId").asText().equals("X2.K4a")) {
                        assertThat(html).contains("<td class=\"c figure\">" + k.path("measured").asLong() + " / "
                                + k.path("threshold").asLong() + "</td>");
                    }
                }
            }
            assertThat(shown).doesNotContainPattern("\\d\\.\\d %").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
            // the verbatim words quoted, summaries marked
            assertThat(html).contains("<q class=\"verbatim\">Công an xã, phường, thị trấn chủ động nắm chắc tình hình");
            assertThat(html).contains("Khoản 2 Điều 4, áp dụng cho toàn phường <i>(tóm tắt)</i>");
            assertThat(shown).contains("Thông tư số 124/2021/TT-BCA ngày 28/12/2021", "một số văn bản ghi nhầm là 124/2011/TT-BCA");
            // the period against the map's calendar window
            JsonNode config = json(client, "/api/v1/config", null);
            LocalDate from = LocalDate.parse(config.path("period").path("from").asText());
            LocalDate to = LocalDate.parse(config.path("period").path("to").asText());
            assertThat(shown).contains("khu dân cư từ 01/11/2022 đến 31/10/2023", "xã, phường, thị trấn từ 16/11/2022 đến 15/11/2023",
                    from.format(VN) + " – " + to.format(VN) + " (khoảng thời gian mặc định của bộ lọc trên bản đồ)");
            // the legend says what each figure is
            assertThat(shown).contains("X2.K4a : số vụ kỳ này / số vụ kỳ trước", "X4.recognised : tỷ lệ được công nhận");
            // blank signature lines
            assertThat(shown).contains("Số: ……………………", "……………………, ngày …/…/……", "(Ký, ghi rõ họ tên)");
        });
    }

    @Test
    void thePublicGetsNoIncidentIdsTheWardsOfficerAndAdminGetTheGrounds() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            String pub = get(client, "/report.html?ward=hai-hoa&year=2023", null).body().string();
            String stranger = get(client, "/report.html?ward=hai-hoa&year=2023", otherOfficer).body().string();
            String own = get(client, "/report.html?ward=hai-hoa&year=2023", officer).body().string();
            String adm = get(client, "/report.html?ward=hai-hoa&year=2023", admin).body().string();
            List<String> ids = new ArrayList<>();
            services.store().query(Layer.INCIDENTS, FeatureQuery.ALL.withWard("hai-hoa")).forEach(i -> ids.add(i.id()));
            assertThat(ids).isNotEmpty();
            for (String page : List.of(pub, stranger)) {
                assertThat(page).doesNotContain("Hồ sơ được tính", "Vụ việc được loại trừ", "Cần bổ sung thông tin");
                for (String id : ids) {
                    assertThat(page).doesNotContain(id);
                }
            }
            assertThat(own).isEqualTo(adm).contains("Hồ sơ được tính:");
            assertThat(ids.stream().anyMatch(own::contains)).isTrue();
            assertThat(text(own)).doesNotContain("crime /", "it_nghiem_trong").doesNotContainPattern("(?<![\\w-])\\d{4}-\\d{2}-\\d{2}");
        });
    }

    @Test
    void anAreasReportNamesTheAreaAndItsWardAndFillsTheSignatureFromTheRequest() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            JsonNode areas = json(client, "/api/v1/scores/areas?ward=hai-hoa&year=2023", null).path("areas");
            JsonNode first = areas.get(0);
            String id = first.path("subjectId").asText();
            String name = services.store().get(Layer.AREAS, id).orElseThrow().text("name");
            String q = "/report.html?area=" + id + "&year=2023&so=" + enc("12/BC-CAP") + "&place=" + enc("Hải Hòa")
                    + "&date=2023-11-20&signer=" + enc("Nguyễn Văn An") + "&title=" + enc("Trưởng Công an phường");
            Response r = get(client, q, null);
            assertThat(r.code()).isEqualTo(200);
            String html = r.body().string();
            String shown = text(html);
            assertThat(shown).contains(name + ", Phường Hải Hòa — kỳ đánh giá 01/11/2022 – 31/10/2023",
                    "Số: 12/BC-CAP", "Hải Hòa, ngày 20/11/2023", "TRƯỞNG CÔNG AN PHƯỜNG", "Nguyễn Văn An");
            assertThat(shown).doesNotContain("Số: ……", "……………………, ngày", "ngày …/…/……");
            assertThat(html).contains("data-level=\"area\"").doesNotContain("class=\"areas\"");
            for (String check : checkIds(first)) {
                assertThat(html).contains("<tr data-check=\"" + check + "\"");
            }
            assertThat(get(client, "/report.html?area=" + id + "&year=2023&date=20/11/2023", null).body().string())
                    .contains("ngày 20/11/2023");
            // English
            String en = get(client, "/report.html?area=" + id + "&year=2023&lang=en", null).body().string();
            assertThat(en).contains("<html lang=\"en\">", "Verdict: ", "(summary, in Vietnamese)", "scoring period 01/11/2022 – 31/10/2023");
        });
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void namesAndNotesCannotInjectMarkup() throws IOException {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response r = get(client, "/report.html?ward=evil&year=2023&signer=" + enc("<b>x</b>") + "&title=" + enc("\"><i>"), null);
            assertThat(r.code()).isEqualTo(200);
            String html = r.body().string();
            assertThat(html).doesNotContain("<b>x</b>", "\"><i>", "<3 >")
                    .contains("Phường &#39;A&#39; &lt;3 &gt; &amp; &quot;Hà&quot;", "&lt;b&gt;x&lt;/b&gt;");
            String body = "{\"subject_kind\":\"ward\",\"subject_id\":\"hai-hoa\",\"check_id\":\"X3\",\"year\":2023,"
                    + "\"attested\":true,\"signed_for\":\"Lê \\\"Ba\\\" & con < 3\",\"note\":\"x > y && 'z'\","
                    + "\"document_ref\":\"BB-01/2023\"}";
            assertThat(ScoreApiTest.post(client.getOkHttp(), admin, client.getOrigin() + "/api/v1/attestations", body).code())
                    .isEqualTo(201);
            String adm = get(client, "/report.html?ward=hai-hoa&year=2023", admin).body().string();
            assertThat(adm).contains("Lê &quot;Ba&quot; &amp; con &lt; 3", "x &gt; y &amp;&amp; &#39;z&#39;", "văn bản BB-01/2023");
        });
        // What the import refuses may still reach the store by other means (SQL on PostGIS): the renderer escapes it too.
        var std = services.scoring().standard();
        var card = services.scoring().scoreArea("tdp-quang-trung", 2023);
        var k = card.criteria().get(0).checks().get(0);
        var evil = new vn.anttmap.scoring.Scorecard.CheckResult(k.checkId(), k.kind(), k.status(), k.measured(), k.comparison(),
                k.threshold(), "<img src=x onerror=alert(1)> / <b>en</b>", List.of(new vn.anttmap.scoring.Scorecard.Evidence(
                "incidents", "i-<svg onload=alert(3)>", "<iframe src=//x>")), List.of(), null, List.of());
        var tampered = new vn.anttmap.scoring.Scorecard(card.subjectId(), card.level(), card.year(), card.period(),
                card.previousPeriod(), card.verdict(), List.of(new vn.anttmap.scoring.Scorecard.CriterionResult(
                card.criteria().get(0).criterionId(), k.status(), List.of(evil))), card.advisory());
        String page = new vn.anttmap.io.ReportHtml(new vn.anttmap.io.ReportText(vn.anttmap.io.TaxonomyReader.bundled()))
                .render(new vn.anttmap.io.ReportHtml.Report(vn.anttmap.io.ReportText.Lang.VI, std, tampered,
                        "<script>alert(1)</script>", "</td><script>alert(2)</script>", List.of(), null,
                        new vn.anttmap.io.ReportHtml.Signature("<i>", "<u>", null, "<s>", "<em>"), null));
        assertThat(page).doesNotContain("<script", "<img", "<svg", "<iframe", "<u>", "<s>", "<em>", "</td><script")
                .contains("Số: &lt;i&gt;", "&lt;u&gt;, ngày", "&lt;s&gt;", "&lt;EM&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "i-&lt;svg onload=alert(3)&gt;");
    }

    @Test
    void failuresAnswerAsTheApiDoesInVietnameseByDefault() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response unknown = get(client, "/report.html?ward=nowhere&year=2023", null);
            assertThat(unknown.code()).isEqualTo(json(client, "/api/v1/scores/wards/nowhere?year=2023", null).path("error")
                    .asText().equals("not found") ? 404 : -1);
            assertThat(unknown.header("Content-Type")).matches("text/html; ?charset=utf-8");
            assertThat(unknown.body().string()).contains("Không có phường mã &#39;nowhere&#39;");
            assertThat(get(client, "/report.html?area=nowhere&year=2023", null).code()).isEqualTo(404);

            Response early = get(client, "/report.html?ward=hai-hoa&year=2021", null);
            assertThat(early.code()).isEqualTo(get(client, "/api/v1/scores/wards/hai-hoa?year=2021", null).code()).isEqualTo(422);
            assertThat(early.body().string()).contains("kết thúc trước ngày 10/02/2022").doesNotContain("ended before");
            assertThat(get(client, "/report.html?ward=hai-hoa&year=2021&lang=en", null).body().string())
                    .contains("ended before 10/02/2022").doesNotContain("kết thúc trước");

            Response badYear = get(client, "/report.html?ward=hai-hoa&year=abc", null);
            assertThat(badYear.code()).isEqualTo(get(client, "/api/v1/scores/wards/hai-hoa?year=abc", null).code()).isEqualTo(400);
            assertThat(badYear.body().string()).contains("year: &#39;abc&#39; không phải một năm");
            assertThat(get(client, "/report.html?ward=hai-hoa", null).code()).isEqualTo(400);
            assertThat(get(client, "/report.html?ward=hai-hoa&year=2023&colour=red", null).code()).isEqualTo(400);
            assertThat(get(client, "/report.html?ward=hai-hoa&year=2023&date=tomorrow", null).code()).isEqualTo(400);
        });
    }

    /** The page's links to the report open it. */
    @Test
    void thePagesLinksStillWork() throws IOException {
        String app = new String(ReportPageTest.class.getResourceAsStream("/web/app.js").readAllBytes(), StandardCharsets.UTF_8);
        assertThat(app).contains("/report.html?${new URLSearchParams({ ward: state.ward, year: state.year, lang })}",
                "/report.html?${new URLSearchParams({ ward: state.ward, area: feature.id, year: state.year, lang })}");
        vn.anttmap.TestHttp.test(app(), (server, client) -> assertThat(get(client, "/report.html?ward=hai-hoa&year=2023&lang=vi", null)
                .code()).isEqualTo(200));
    }
}
