package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.TestAuth;
import vn.anttmap.api.Messages.Key;
import vn.anttmap.api.Messages.Text;
import vn.anttmap.io.ReportText.Lang;
import vn.anttmap.model.FieldDef;
import vn.anttmap.model.Layer;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors speak the asker's language: Vietnamese by default and for {@code Accept-Language: vi}, English for {@code en},
 * fields named in the officer's words; both tables complete.
 */
class ErrorLanguageTest {
    static App.Services services;
    static String admin;
    /** A client that sends no Accept-Language unless told (the shared test client asks for English). */
    static final OkHttpClient PLAIN = new OkHttpClient.Builder().connectTimeout(java.time.Duration.ZERO)
            .readTimeout(java.time.Duration.ZERO).writeTimeout(java.time.Duration.ZERO).callTimeout(java.time.Duration.ZERO).build();

    @BeforeAll
    static void load() throws IOException {
        H2gisFeatureStore store = H2gisFeatureStore.inMemory("lang-" + UUID.randomUUID());
        store.migrate();
        services = App.services(store, Clock.systemUTC());
        vn.anttmap.service.DemoData.load(services.importer());
        admin = TestAuth.admin(services);
    }

    @AfterAll
    static void close() {
        services.close();
    }

    @Test
    void everyMessageKeyHasBothLanguagesAndTheSameArguments() {
        for (Key k : Key.values()) {
            assertThat(k.text().vi()).as(k + " vi").isNotBlank();
            assertThat(k.text().en()).as(k + " en").isNotBlank();
            // Every template takes the same arguments in both languages (a missing one would throw here).
            Object[] args = {"a1", "a2", "a3", "a4", "a5"};
            long count = k.text().en().chars().filter(c -> c == '%').count();
            Object[] typed = Arrays.stream(args).map(a -> k.text().vi().contains("%d") ? (Object) 7 : a).toArray();
            Text t = k.format(typed);
            assertThat(t.vi()).as(k + " vi").doesNotContain("%");
            assertThat(t.en()).as(k + " en").doesNotContain("%");
            assertThat(k.text().vi().chars().filter(c -> c == '%').count() > 0).as(k + " arguments").isEqualTo(count > 0);
        }
        // Titles are in Vietnamese on the Vietnamese side (not an English text copied over).
        for (Key k : new Key[] {Key.BAD_PARAMETER, Key.NOT_FOUND, Key.INVALID_INPUT, Key.UNAUTHORIZED, Key.FORBIDDEN,
                Key.CONFLICT, Key.STORE_FAILURE, Key.INTERNAL}) {
            assertThat(k.text().vi()).as(k.name()).isNotEqualTo(k.text().en());
        }
    }

    @Test
    void everyFieldOfEveryLayerHasALabelInBothLanguagesAndNoLabelIsStale() {
        Set<String> fields = Stream.of(Layer.values()).flatMap(l -> l.fields().stream()).map(FieldDef::name)
                .collect(Collectors.toCollection(HashSet::new));
        for (String f : fields) {
            Text label = Messages.FIELD_LABELS.get(f);
            assertThat(label).as(f).isNotNull();
            assertThat(label.vi()).as(f).isNotBlank();
            assertThat(label.en()).as(f).isNotBlank();
        }
        fields.add("id");
        fields.add("geometry");
        assertThat(fields).containsAll(Messages.FIELD_LABELS.keySet());
        assertThat(Messages.fieldLabel("occurred_at", Lang.VI)).isEqualTo("Thời gian xảy ra");
        assertThat(Messages.fieldLabel("occurred_at", Lang.EN)).isEqualTo("Time it occurred");
        assertThat(Messages.fieldLabel("x_unknown", Lang.VI)).isEqualTo("x_unknown");
    }

    @Test
    void theLanguageIsReadFromAcceptLanguage() {
        assertThat(Messages.language(null)).isEqualTo(Lang.VI);
        assertThat(Messages.language("")).isEqualTo(Lang.VI);
        assertThat(Messages.language("vi")).isEqualTo(Lang.VI);
        assertThat(Messages.language("fr-FR")).isEqualTo(Lang.VI);
        assertThat(Messages.language("en")).isEqualTo(Lang.EN);
        assertThat(Messages.language("en-GB,en;q=0.9")).isEqualTo(Lang.EN);
        assertThat(Messages.language("vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7")).isEqualTo(Lang.VI);
        assertThat(Messages.language("vi;q=0.5, en")).isEqualTo(Lang.EN);
        assertThat(Messages.language("en;q=0, vi")).isEqualTo(Lang.VI);
        assertThat(Messages.language("en;q=abc")).isEqualTo(Lang.VI);
    }

    @Test
    void bilingualTextsAreSplitOnlyAfterVietnamese() {
        assertThat(Text.split("bắt buộc, chưa nhập / required value is missing"))
                .isEqualTo(new Text("bắt buộc, chưa nhập", "required value is missing"));
        // The Vietnamese side may hold a slash of its own.
        assertThat(Text.split("ngoài kinh độ -180..180 / vĩ độ -90..90 / outside longitude / latitude"))
                .isEqualTo(new Text("ngoài kinh độ -180..180 / vĩ độ -90..90", "outside longitude / latitude"));
        assertThat(Text.split("minLon / minLat")).isEqualTo(Text.same("minLon / minLat"));
        assertThat(Messages.place("line 7", Lang.VI)).isEqualTo("dòng 7");
        assertThat(Messages.place("feature 3 (id inc-9)", Lang.VI)).isEqualTo("đối tượng 3 (mã inc-9)");
        assertThat(Messages.place("feature 3 (id inc-9)", Lang.EN)).isEqualTo("feature 3 (id inc-9)");
    }

    @Test
    void everyPlaceTheReadersWriteIsTranslated() {
        assertThat(Messages.place("line 7, column 12", Lang.VI)).isEqualTo("dòng 7, cột 12");
        assertThat(Messages.place("line 7, column 12", Lang.EN)).isEqualTo("line 7, column 12");
        assertThat(Messages.place("placemark 2", Lang.VI)).isEqualTo("dấu vị trí 2");
        assertThat(Messages.place("table incidents, row 5", Lang.VI)).isEqualTo("bảng incidents, hàng 5");
        assertThat(Messages.place("table incidents", Lang.VI)).isEqualTo("bảng incidents");
        assertThat(Messages.place("table incidents, row 5", Lang.EN)).isEqualTo("table incidents, row 5");
        assertThat(Messages.place("option --crs", Lang.VI)).isEqualTo("tùy chọn --crs");
        assertThat(Messages.place("feature 12 (id a (b))", Lang.VI)).isEqualTo("đối tượng 12 (mã a (b))");
        assertThat(Messages.place("file", Lang.VI)).isEqualTo("tệp");
        // A place no reader writes is kept as it is.
        assertThat(Messages.place("somewhere else", Lang.VI)).isEqualTo("somewhere else");
    }

    @Test
    void theSameBadRequestIsAnsweredInTheAskedLanguage() {
        String missingTime = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[105.795,19.451]},"
                + "\"properties\":{\"category\":\"other\",\"channel\":\"patrol\"}}";
        vn.anttmap.TestHttp.test(HttpServer.create(services, new HttpServer.PageConfig("t", "t")), (server, client) -> {
            String base = client.getOrigin();
            for (String asked : new String[] {"vi", null, "fr", "vi-VN,vi;q=0.9,en;q=0.8"}) {
                Answer vi = send(base, "POST", "/api/v1/incidents", missingTime, asked, admin);
                assertThat(vi.code).as(asked).isEqualTo(400);
                assertThat(vi.language).as(asked).isEqualTo("vi");
                assertThat(vi.body.path("error").asText()).isEqualTo("dữ liệu nhập không hợp lệ");
                assertThat(vi.body.path("detail").asText()).as(asked)
                        .contains("trường Thời gian xảy ra (occurred_at): bắt buộc, chưa nhập")
                        .doesNotContain("required value is missing");
                JsonNode p = vi.body.path("problems").get(0);
                assertThat(p.path("field").asText()).isEqualTo("occurred_at");
                assertThat(p.path("field_label").asText()).isEqualTo("Thời gian xảy ra");
                assertThat(p.path("message").asText()).isEqualTo("bắt buộc, chưa nhập");
                assertThat(p.path("location").asText()).startsWith("đối tượng");
            }
            Answer en = send(base, "POST", "/api/v1/incidents", missingTime, "en", admin);
            assertThat(en.code).isEqualTo(400);
            assertThat(en.language).isEqualTo("en");
            assertThat(en.body.path("error").asText()).isEqualTo("invalid input");
            assertThat(en.body.path("detail").asText()).contains("field occurred_at: required value is missing")
                    .doesNotContain("bắt buộc");
            assertThat(en.body.path("problems").get(0).path("field_label").asText()).isEqualTo("Time it occurred");

            // Regression: a reversed window of the figures (stats, coverage) was refused in English whatever was asked.
            for (String path : new String[] {"/api/v1/stats?ward=hai-hoa&from=2023-06-01&to=2023-01-01",
                    "/api/v1/coverage?ward=hai-hoa&from=2023-06-01&to=2023-01-01"}) {
                assertThat(send(base, "GET", path, null, "vi", admin).body.path("detail").asText()).as(path)
                        .isEqualTo("tham số to: ngày 2023-01-01 trước ngày bắt đầu 2023-06-01");
                assertThat(send(base, "GET", path, null, "en", admin).body.path("detail").asText()).as(path)
                        .isEqualTo("to: '2023-01-01' is before from '2023-06-01'");
            }
            // Regression: the hot spots and trends refused a reversed window in English whatever was asked.
            for (String path : new String[] {"/api/v1/trends?ward=hai-hoa&from=2023-06-01&to=2023-01-01",
                    "/api/v1/hotspots/density?ward=hai-hoa&from=2023-06-01&to=2023-01-01"}) {
                Answer vi = send(base, "GET", path, null, "vi", admin);
                assertThat(vi.code).as(path).isEqualTo(400);
                assertThat(vi.body.path("detail").asText()).as(path).contains("trước ngày bắt đầu").doesNotContain("is before");
                assertThat(send(base, "GET", path, null, "en", admin).body.path("detail").asText()).as(path)
                        .contains("is before from").doesNotContain("trước");
            }
            // A bad query parameter names the parameter.
            assertThat(send(base, "GET", "/api/v1/incidents?from=abc", null, null, admin).body.path("detail").asText())
                    .isEqualTo("tham số from: 'abc' không phải ngày dạng YYYY-MM-DD");
            assertThat(send(base, "GET", "/api/v1/incidents?from=abc", null, "en", admin).body.path("detail").asText())
                    .isEqualTo("from: 'abc' is not an ISO date (YYYY-MM-DD)");
            Answer unknown = send(base, "GET", "/api/v1/incidents?colour=red", null, "vi", admin);
            assertThat(unknown.body.path("error").asText()).isEqualTo("tham số truy vấn không được biết");
            // Not found, unauthorized.
            Answer missing = send(base, "GET", "/api/v1/nothing-here", null, "vi", null);
            assertThat(missing.code).isEqualTo(404);
            assertThat(missing.body.path("error").asText()).isEqualTo("không tìm thấy");
            assertThat(missing.body.path("detail").asText()).isEqualTo("không có địa chỉ /api/v1/nothing-here");
            Answer anonymous = send(base, "POST", "/api/v1/incidents", missingTime, "vi", null);
            assertThat(anonymous.code).isEqualTo(401);
            assertThat(anonymous.body.path("error").asText()).isEqualTo("chưa đăng nhập");
            assertThat(anonymous.body.path("detail").asText()).isEqualTo("đăng nhập để ghi vụ việc an ninh, trật tự");
            Answer anonymousEn = send(base, "POST", "/api/v1/incidents", missingTime, "en", null);
            assertThat(anonymousEn.body.path("error").asText()).isEqualTo("unauthorized");
            assertThat(anonymousEn.body.path("detail").asText()).isEqualTo("sign in to write incidents");
            // A refused sign-in, and the answer says its language and that it varies by it.
            String login = "{\"username\":\"nobody-here\",\"password\":\"not it\"}";
            Answer wrong = send(base, "POST", "/api/v1/login", login, null, null);
            assertThat(wrong.code).isEqualTo(401);
            assertThat(wrong.body.path("error").asText()).isEqualTo("chưa đăng nhập");
            assertThat(wrong.body.path("detail").asText()).isEqualTo("sai tên đăng nhập hoặc mật khẩu");
            assertThat(send(base, "POST", "/api/v1/login", login, "en", null).body.path("detail").asText())
                    .isEqualTo("wrong user name or password");
            // Edit conflicts: no If-Match (428), a version that is not the record's (409).
            String id = send(base, "GET", "/api/v1/incidents?ward=hai-hoa&from=2023-01-01&to=2023-08-31", null, "en", admin).body.path("features").get(0)
                    .path("id").asText();
            String record = "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"geometry\":{\"type\":\"Point\","
                    + "\"coordinates\":[105.795,19.451]},\"properties\":{\"occurred_at\":\"2023-10-20T21:00:00+07:00\","
                    + "\"category\":\"other\",\"channel\":\"patrol\"}}";
            Answer unversioned = send(base, "PUT", "/api/v1/incidents/" + id, record, "vi", admin);
            assertThat(unversioned.code).isEqualTo(428);
            assertThat(unversioned.body.path("error").asText()).isEqualTo("thiếu phiên bản bản ghi");
            assertThat(unversioned.body.path("detail").asText()).isEqualTo("gửi If-Match với phiên bản bạn đã sửa (ETag của GET)");
            Answer stale = send(base, "PUT", "/api/v1/incidents/" + id, record, null, admin, "\"stale\"");
            assertThat(stale.code).isEqualTo(409);
            assertThat(stale.body.path("error").asText()).isEqualTo("xung đột dữ liệu");
            // The demo's incident was imported (audited as a whole): who made its version is not known, and is not guessed.
            assertThat(stale.body.path("detail").asText()).isEqualTo("bản ghi đã thay đổi từ khi bạn mở nó (không ghi lại ai sửa:"
                    + " có thể do nhập dữ liệu); hãy tải lại rồi sửa");
            assertThat(stale.body.has("changedBy")).isFalse();
            Answer staleEn = send(base, "PUT", "/api/v1/incidents/" + id, record, "en", admin, "\"stale\"");
            assertThat(staleEn.body.path("error").asText()).isEqualTo("conflict");
            assertThat(staleEn.body.path("detail").asText()).isEqualTo("the record changed since you opened it (who changed it is"
                    + " not recorded: an import, perhaps); reload it and edit again");
        });
    }

    /**
     * Issue 18: every refusal, on every way in (API, OGC, tiles, exports), says what is wrong in the asked language:
     * the Vietnamese answer holds Vietnamese words and no English sentence, the English one no Vietnamese. Codes,
     * ids and values the request gave may appear in both.
     */
    @Test
    void everyKindOfRefusalSpeaksTheAskedLanguageOnly() {
        String officer = TestAuth.token(services, vn.anttmap.model.Account.Role.OFFICER, "hai-hoa");
        String[][] cases = {
                // method, path, body, token (a = admin, o = officer, empty = anonymous), expected status
                {"GET", "/ogc/collections/incidents/items", null, "", "401"},
                {"GET", "/ogc/collections/nope/items", null, "", "404"},
                {"GET", "/ogc/collections/wards/items?limit=abc", null, "", "400"},
                {"GET", "/ogc/collections/wards/items?datetime=2023-13-01", null, "", "400"},
                {"GET", "/ogc/collections/wards/items/xyz", null, "", "404"},
                {"GET", "/ogc/collections/wards/items?colour=red", null, "", "400"},
                {"GET", "/ogc/collections/wards/items?bbox=1,2", null, "", "400"},
                {"GET", "/ogc/collections/wards/items?filter-lang=cql2-json&filter=x", null, "", "400"},
                {"GET", "/ogc/collections/wards/items?filter=name%20LIKE", null, "", "400"},
                {"GET", "/ogc/collections/wards/items?cursor=abc", null, "", "400"},
                {"GET", "/api/v1/teams", null, "", "401"},
                {"GET", "/api/v1/audit", null, "o", "403"},
                {"GET", "/api/v1/stats?ward=nope", null, "", "404"},
                {"GET", "/api/v1/stats?ward=hai-hoa&area=nope", null, "", "404"},
                {"GET", "/api/v1/export?layers=wards&format=shp", null, "", "400"},
                {"GET", "/api/v1/export?layers=incidents", null, "", "401"},
                {"GET", "/api/v1/hotspots/foo?ward=hai-hoa", null, "a", "404"},
                {"GET", "/api/v1/scores/areas?ward=hai-hoa&year=abc", null, "", "400"},
                {"GET", "/api/v1/scores/areas/nope?year=2023", null, "", "404"},
                {"GET", "/api/v1/scores/wards/nope?year=2023", null, "", "404"},
                {"GET", "/api/v1/coverage?ward=nope&from=2023-01-01&to=2023-06-30", null, "a", "404"},
                {"GET", "/api/v1/trends?ward=nope", null, "a", "404"},
                {"GET", "/api/v1/incidents/nope", null, "o", "404"},
                {"GET", "/tiles/nope/14/13000/7300.mvt", null, "", "404"},
                {"GET", "/tiles/incidents/14/13000/7300.mvt", null, "", "401"},
                {"POST", "/api/v1/camera-plans", "{}", "", "401"},
                {"POST", "/api/v1/incidents", "{", "o", "400"},
                {"DELETE", "/api/v1/incidents/nope", null, "o", "404"},
        };
        vn.anttmap.TestHttp.test(HttpServer.create(services, new HttpServer.PageConfig("t", "t")), (server, client) -> {
            String base = client.getOrigin();
            org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
            for (String[] c : cases) {
                String token = c[3].equals("a") ? admin : c[3].equals("o") ? officer : null;
                String what = c[0] + " " + c[1];
                Answer vi = send(base, c[0], c[1], c[2], "vi", token);
                Answer en = send(base, c[0], c[1], c[2], "en", token);
                soft.assertThat(vi.code).as(what).isEqualTo(Integer.parseInt(c[4]));
                soft.assertThat(en.code).as(what).isEqualTo(vi.code);
                for (String member : new String[] {"error", "detail"}) {
                    String v = vi.body.path(member).asText();
                    String e = en.body.path(member).asText();
                    soft.assertThat(VIETNAMESE_WORD.matcher(v).find()).as(what + " vi " + member + ": " + v).isTrue();
                    soft.assertThat(ENGLISH_WORD.matcher(v).find()).as(what + " vi " + member + ": " + v).isFalse();
                    soft.assertThat(VIETNAMESE_WORD.matcher(e).find()).as(what + " en " + member + ": " + e).isFalse();
                }
            }
            soft.assertAll();
        });
    }

    /** A word with a Vietnamese letter. */
    static final java.util.regex.Pattern VIETNAMESE_WORD = java.util.regex.Pattern.compile(
            "[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", java.util.regex.Pattern.CASE_INSENSITIVE);
    /** English words that make a sentence (not codes or values): none may appear in a Vietnamese answer. */
    static final java.util.regex.Pattern ENGLISH_WORD = java.util.regex.Pattern.compile(
            "\\b(the|is|are|not|no|sign|only|unknown|expected|got|must|may|cannot|with|for|of|in|to|see|use|has|there)\\b");

    record Answer(int code, String language, JsonNode body) {
    }

    static Answer send(String base, String method, String path, String body, String language, String token) throws IOException {
        return send(base, method, path, body, language, token, null);
    }

    static Answer send(String base, String method, String path, String body, String language, String token, String ifMatch)
            throws IOException {
        Request.Builder b = new Request.Builder().url(base + path);
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        if (language != null) {
            b.header("Accept-Language", language);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
        try (Response r = PLAIN.newCall(b.build()).execute()) {
            if (r.code() >= 400) {
                assertThat(r.header("Vary")).as(path).contains("Accept-Language");
            }
            return new Answer(r.code(), r.header("Content-Language"), HttpServer.JSON.readTree(r.body().string()));
        }
    }
}
