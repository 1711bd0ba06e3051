package vn.anttmap.api;

import io.javalin.testtools.JavalinTest;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.TestAuth;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Layer;
import vn.anttmap.service.ExportService;
import vn.anttmap.service.ImportService;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A corpus of malformed requests and files. Each is refused with a 4xx and a message naming what and where, the
 * server stays up, and the stored data is byte for byte the same before and after.
 */
class BadInputTest {
    static App.Services services;
    static String admin;

    @BeforeAll
    static void load() throws IOException {
        services = vn.anttmap.DemoFixture.services("bad");
        admin = TestAuth.admin(services);
    }

    @AfterAll
    static void close() {
        services.close();
    }

    /** Every stored layer, exported: the fingerprint compared before and after. */
    static byte[] snapshot() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Layer layer : Layer.values()) {
            services.exports().export(List.of(layer.apiName()), ExportService.Format.GEOJSON, out);
        }
        return out.toByteArray();
    }

    record Case(String name, String method, String path, byte[] body, int status, String detail) {
    }

    static Case json(String name, String path, String body, int status, String detail) {
        return new Case(name, "POST", path, body.getBytes(StandardCharsets.UTF_8), status, detail);
    }

    static String point(String coords, String props) {
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":" + coords + "},\"properties\":" + props + "}";
    }

    static final String INCIDENT = "{\"occurred_at\":\"2023-10-20T21:00:00+07:00\",\"category\":\"other\",\"channel\":\"patrol\"}";

    @Test
    void everyMalformedRequestIsRefusedAndNothingChanges() throws Exception {
        byte[] before = snapshot();
        String deep = "[".repeat(5000) + "]".repeat(5000);
        byte[] huge = new byte[11_000_000];
        Arrays.fill(huge, (byte) ' ');
        List<Case> cases = List.of(
                json("invalid JSON", "/api/v1/incidents", "{\"type\":\"Feature\",", 400, "not valid JSON"),
                json("NaN", "/api/v1/incidents", point("[NaN, 19.45]", INCIDENT), 400, "not valid JSON"),
                json("out of range", "/api/v1/incidents", point("[205.79, 19.45]", INCIDENT), 400, "outside longitude"),
                json("swapped", "/api/v1/incidents", point("[19.451, 105.795]", INCIDENT), 400, "latitude and longitude swapped"),
                json("outside every ward", "/api/v1/incidents", point("[105.5, 19.45]", INCIDENT), 400, "outside every ward"),
                json("self-intersecting area", "/api/v1/areas", "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                        + "[[[105.785,19.445],[105.795,19.455],[105.795,19.445],[105.785,19.455],[105.785,19.445]]]},\"properties\":"
                        + "{\"code\":\"X\",\"name\":\"X\",\"valid_from\":\"2020-06-01\"}}", 400, "self-intersection"),
                json("deep nesting", "/api/v1/incidents", deep, 400, "not valid JSON"),
                json("script in a name", "/api/v1/cameras", point("[105.795, 19.451]", "{\"name\":\"<script>alert(1)</script>\","
                        + "\"bearing_deg\":0,\"fov_deg\":90,\"range_m\":30,\"kind\":\"fixed\",\"owner\":\"community\",\"status\":\"active\"}"),
                        400, "markup is not allowed"),
                json("injection in an id", "/api/v1/incidents", "{\"type\":\"Feature\",\"id\":\"x'; DROP TABLE incident;--\",\"geometry\":"
                        + "{\"type\":\"Point\",\"coordinates\":[105.795,19.451]},\"properties\":" + INCIDENT + "}", 400, "is not a valid id"),
                json("unknown category", "/api/v1/incidents", point("[105.795, 19.451]", INCIDENT.replace("other", "theft")), 400, "unknown category"),
                json("bad date", "/api/v1/incidents", point("[105.795, 19.451]", INCIDENT.replace("2023-10-20T21:00:00+07:00", "31-02-2023")),
                        400, "cannot read date and time '31-02-2023'"),
                // Issue 18: a mistyped year is refused, naming the field and the value, not stored to move everyone's view;
                // an impossible day is refused, not moved to 28/02 or 03/03.
                json("future date", "/api/v1/incidents", point("[105.795, 19.451]", INCIDENT.replace("2023-10-20T21:00:00+07:00",
                        "2999-10-20T21:00:00+07:00")), 400, "occurred_at is in the future (20/10/2999 21:00; today is "),
                json("camera last seen in the future", "/api/v1/cameras", point("[105.795, 19.451]", "{\"bearing_deg\":0,\"fov_deg\":90,"
                        + "\"range_m\":30,\"kind\":\"fixed\",\"owner\":\"community\",\"status\":\"active\",\"last_seen_on\":\"2999-01-01\"}"),
                        400, "last_seen_on is in the future (01/01/2999; today is "),
                json("recognised in the future", "/api/v1/organisations", point("[105.795, 19.451]", "{\"name\":\"Trường X\","
                        + "\"kind\":\"school\",\"assessment_year\":2024,\"recognised\":true,\"recognition_decided_on\":\"01/01/2999\"}"),
                        400, "recognition_decided_on is in the future (01/01/2999; today is "),
                json("impossible day", "/api/v1/incidents", point("[105.795, 19.451]", INCIDENT.replace("2023-10-20T21:00:00+07:00",
                        "31/02/2023 21:00")), 400, "field occurred_at: cannot read date and time '31/02/2023 21:00'"),
                json("impossible leap day", "/api/v1/incidents", point("[105.795, 19.451]", INCIDENT.replace("2023-10-20T21:00:00+07:00",
                        "2023-02-29")), 400, "cannot read date and time '2023-02-29'"),
                new Case("huge payload", "POST", "/api/v1/incidents", huge, 413, null),
                new Case("injection in a query", "GET", "/api/v1/incidents?bbox=1,2,3,4';DROP%20TABLE%20incident;--", null, 400, "bbox"),
                // Regression: a non-numeric audit limit was a 500 (NumberFormatException).
                new Case("non-numeric limit", "GET", "/api/v1/audit?limit=abc", null, 400, "'abc' is not a whole number"),
                new Case("unknown parameter", "GET", "/api/v1/incidents?ward=hai-hoa'%20OR%20'1'='1&x=1", null, 400, "unknown query parameter"),
                // Regression: offset + limit overflowed (500 from subList).
                new Case("huge offset", "GET", "/ogc/collections/incidents/items?offset=2147483647", null, 400, "offset"),
                // Regression: NaN passed every comparison and reached the database (503); -Infinity too on OGC (500).
                new Case("NaN in a bbox", "GET", "/api/v1/incidents?bbox=NaN,19,106,20", null, 400, "bbox: 'NaN'"),
                new Case("-Infinity in a bbox", "GET", "/api/v1/incidents?bbox=-Infinity,19,106,20", null, 400, "bbox: '-Infinity'"),
                new Case("NaN in an OGC bbox", "GET", "/ogc/collections/incidents/items?bbox=NaN,19,106,20", null, 400, "bbox: 'NaN'"),
                new Case("-Infinity in an OGC bbox", "GET", "/ogc/collections/incidents/items?bbox=-Infinity,19,106,20", null, 400,
                        "bbox: '-Infinity'"),
                // Regression: a reversed box was swapped silently and answered with every feature.
                new Case("reversed OGC bbox", "GET", "/ogc/collections/incidents/items?bbox=106,20,105,19", null, 400, "bbox"),
                // Regression: a key given twice was read as its last value.
                json("duplicate key in properties", "/api/v1/incidents", point("[105.795, 19.451]",
                        INCIDENT.replace("\"category\":\"other\"", "\"category\":\"other\",\"category\":\"crime\"")), 400,
                        "Duplicate field 'category'"),
                json("duplicate geometry", "/api/v1/incidents", "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                        + "\"coordinates\":[105.795,19.451]},\"geometry\":null,\"properties\":" + INCIDENT + "}", 400,
                        "Duplicate field 'geometry'"),
                json("duplicate key in an attestation", "/api/v1/attestations", "{\"subject_kind\":\"ward\",\"subject_kind\":\"area\"}",
                        400, "Duplicate field 'subject_kind'"),
                json("duplicate key in a sign-in", "/api/v1/login", "{\"username\":\"a\",\"username\":\"b\",\"password\":\"x\"}",
                        400, "Duplicate field 'username'"),
                // Regression: half of a UTF-16 pair was accepted into a text field.
                json("lone high surrogate", "/api/v1/incidents", point("[105.795, 19.451]",
                        INCIDENT.replace("}", ",\"description\":\"Trộm \\ud800 xe\"}")), 400, "unpaired surrogate"),
                json("lone low surrogate", "/api/v1/incidents", point("[105.795, 19.451]",
                        INCIDENT.replace("}", ",\"description\":\"\\udc00\"}")), 400, "description"),
                // Regression: a one-number position was read as latitude 0 and refused for that.
                json("one-element position", "/api/v1/incidents", point("[105.795]", INCIDENT), 400, "the position [105.795] needs"),
                json("empty position in a ring", "/api/v1/areas", "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                        + "[[[105.785,19.445],[105.795,19.455],[],[105.785,19.445]]]},\"properties\":"
                        + "{\"code\":\"X\",\"name\":\"X\",\"valid_from\":\"2020-06-01\"}}", 400, "the position [] needs"),
                // Regression: 'layers=,' split into no layer and exported nothing with 200.
                new Case("empty layer list", "GET", "/api/v1/export?layers=,", null, 400, "layers: "),
                new Case("empty layer in a list", "GET", "/api/v1/export?layers=incidents,,cameras", null, 400, "layers: "),
                new Case("reversed OGC bbox, other path", "GET", "/ogc/collections/residential_areas/items?bbox=106,20,105,19", null, 400,
                        "minimum greater than maximum"));
        vn.anttmap.TestHttp.test(HttpServer.create(services, new HttpServer.PageConfig("t", "t")), (server, client) -> {
            for (Case c : cases) {
                Request.Builder b = new Request.Builder().url(client.getOrigin() + c.path()).header("Authorization", "Bearer " + admin);
                b.method(c.method(), c.body() == null ? null : RequestBody.create(c.body(), MediaType.get("application/json")));
                Response r = client.getOkHttp().newCall(b.build()).execute();
                String text = r.body().string();
                assertThat(r.code()).as(c.name() + ": " + text).isEqualTo(c.status());
                if (c.detail() != null) {
                    assertThat(text).as(c.name()).contains(c.detail());
                }
            }
            assertThat(client.get("/healthz").code()).isEqualTo(200);
        });
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void malformedFilesAreRefusedWithTheLineAndNothingChanges() throws Exception {
        byte[] before = snapshot();
        // Windows-1258 writes Vietnamese with combining tone marks: decompose first, as Excel's "CSV" export does.
        byte[] windows1258 = java.text.Normalizer.normalize("id,lon,lat,occurred_at,category,channel,description\n"
                + "x1,105.795,19.451,2023-01-01,other,patrol,Hòa Hải\n", java.text.Normalizer.Form.NFD)
                .getBytes(Charset.forName("windows-1258"));
        assertThat(new String(windows1258, StandardCharsets.ISO_8859_1)).doesNotContain("?");
        assertThatThrownBy(() -> services.importer().importFile(Layer.INCIDENTS, "cp1258.csv", new ByteArrayInputStream(windows1258),
                ImportService.Format.CSV, null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("cp1258.csv: line 2: tệp không phải mã UTF-8 (hãy lưu lại dưới dạng \"CSV UTF-8\") / "
                        + "the file is not UTF-8 (save it as \"CSV UTF-8\")");
        assertThatThrownBy(() -> services.importer().importFile(Layer.INCIDENTS, "nan.csv", new ByteArrayInputStream(
                "lon,lat,occurred_at,category,channel\nNaN,19.451,2023-01-01,other,patrol\n".getBytes(StandardCharsets.UTF_8)),
                ImportService.Format.CSV, null)).hasMessageContaining("nan.csv: line 2, field geometry: tọa độ không phải số hữu hạn / coordinate is not a finite number");
        assertThatThrownBy(() -> services.importer().importFile(Layer.INCIDENTS, "x.kml", new ByteArrayInputStream(
                "<kml><Document><Placemark><Point><coordinates>1,2".getBytes(StandardCharsets.UTF_8)),
                ImportService.Format.KML, null)).hasMessageContaining("x.kml: line 1")
                .hasMessageContaining("không phải XML hợp lệ (sai cú pháp tại vị trí này) / not valid XML");
        assertThatThrownBy(() -> services.importer().importFile(Layer.INCIDENTS, "x.kml", new ByteArrayInputStream(
                "<!DOCTYPE kml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><kml>&e;</kml>".getBytes(StandardCharsets.UTF_8)),
                ImportService.Format.KML, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> services.importer().importFile(Layer.INCIDENTS, "x.gpkg", new ByteArrayInputStream(
                "not a database".getBytes(StandardCharsets.UTF_8)), ImportService.Format.GPKG, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("x.gpkg");
        assertThat(snapshot()).isEqualTo(before);
    }
}
