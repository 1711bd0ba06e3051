package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.TestAuth;
import vn.anttmap.model.Account;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.service.ImportService;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A leader's scope under the one access policy: the leader of a province reads every ward of it as its officers do, on
 * every way out (JSON, OGC API, tiles, exports, single records), and nothing more of another province than the public;
 * a leader writes nothing, and is refused before the body is read.
 */
class LeaderScopeTest {
    static final String OTHER_WARD = "xa-thu-nghe-an";
    static final String OTHER_INCIDENT = "vv-nghe-an-1";
    static final String OTHER_SECRET = "Mô tả mật của Nghệ An";
    static final String OTHER_CAMERA = "cam-nghe-an-ho-dan";
    static App.Services services;
    static String thanhHoa;
    static String ngheAn;
    static String twoWards;
    static Set<String> thanhHoaIncidents;
    static List<String> thanhHoaDescriptions;

    @BeforeAll
    static void load() throws IOException {
        services = vn.anttmap.DemoFixture.services("leader-scope");
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[105.60,19.00],[105.62,19.00],[105.62,19.02],[105.60,19.02],[105.60,19.00]]]}";
        importJson(Layer.WARDS, "{\"type\":\"Feature\",\"id\":\"" + OTHER_WARD + "\",\"properties\":{\"code\":\"NA-1\",\"name\":\"Xã Thử\","
                + "\"kind\":\"xa\",\"province\":\"Nghệ An\",\"valid_from\":\"2020-01-01\",\"source\":\"test\"},\"geometry\":" + square + "}");
        importJson(Layer.INCIDENTS, "{\"type\":\"Feature\",\"id\":\"" + OTHER_INCIDENT + "\",\"properties\":{\"occurred_at\":"
                + "\"2023-05-01T10:00:00+07:00\",\"category\":\"dispute\",\"channel\":\"patrol\",\"description\":\"" + OTHER_SECRET
                + "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[105.61,19.01]}}");
        importJson(Layer.CAMERAS, "{\"type\":\"Feature\",\"id\":\"" + OTHER_CAMERA + "\",\"properties\":{\"bearing_deg\":90,\"fov_deg\":60,"
                + "\"range_m\":30,\"kind\":\"fixed\",\"owner\":\"household\",\"status\":\"active\"},\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[105.611,19.011]}}");
        thanhHoa = leader("leader-th", "province:Thanh Hóa");
        ngheAn = leader("leader-na", "province:nghệ an ");
        twoWards = leader("leader-two", "hai-hoa,binh-minh");
        Set<String> thWards = services.store().query(Layer.WARDS, FeatureQuery.ALL).stream()
                .filter(w -> "Thanh Hóa".equals(w.get("province"))).map(Feature::id).collect(Collectors.toSet());
        List<Feature> th = services.store().query(Layer.INCIDENTS, FeatureQuery.ALL).stream()
                .filter(i -> thWards.contains(i.text("ward_id"))).toList();
        thanhHoaIncidents = th.stream().map(Feature::id).collect(Collectors.toCollection(TreeSet::new));
        thanhHoaDescriptions = th.stream().map(i -> i.text("description")).distinct().toList();
    }

    static String leader(String name, String scope) {
        services.auth().addUser(name, Account.Role.LEADER, scope, TestAuth.PASSWORD.toCharArray());
        return services.auth().createToken(name, "test");
    }

    static void importJson(Layer layer, String feature) throws IOException {
        String name = layer.apiName() + ".geojson";
        services.importer().importFile(layer, name, new ByteArrayInputStream(("{\"type\":\"FeatureCollection\",\"features\":["
                + feature + "]}").getBytes(StandardCharsets.UTF_8)), ImportService.Format.of(null, name), null);
    }

    @AfterAll
    static void close() {
        services.close();
    }

    static io.javalin.Javalin app() {
        return HttpServer.create(services, new HttpServer.PageConfig("t", "t"));
    }

    static Set<String> ids(JsonNode collection) {
        Set<String> out = new TreeSet<>();
        collection.path("features").forEach(f -> out.add(f.path("id").asText()));
        return out;
    }

    @Test
    void theLeaderOfAProvinceReadsItsWardsAsTheirOfficersDoAndNothingOfAnotherProvince() {
        assertThat(services.store().get(Layer.INCIDENTS, OTHER_INCIDENT).orElseThrow().text("ward_id")).isEqualTo(OTHER_WARD);
        assertThat(thanhHoaIncidents).isNotEmpty();
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            JsonNode session = HttpServer.JSON.readTree(client.get("/api/v1/session", TestAuth.bearer(thanhHoa)).body().string());
            assertThat(session.path("role").asText()).isEqualTo("leader");
            assertThat(session.path("wards").toString()).contains("hai-hoa", "ninh-hai").doesNotContain(OTHER_WARD);

            JsonNode json = HttpServer.JSON.readTree(client.get("/api/v1/incidents", TestAuth.bearer(thanhHoa)).body().string());
            assertThat(ids(json)).isEqualTo(thanhHoaIncidents);
            JsonNode ogc = HttpServer.JSON.readTree(client.get("/ogc/collections/incidents/items?limit=10000",
                    TestAuth.bearer(thanhHoa)).body().string());
            assertThat(ids(ogc)).isEqualTo(thanhHoaIncidents);
            JsonNode export = HttpServer.JSON.readTree(client.get("/api/v1/export?layers=incidents&format=geojson",
                    TestAuth.bearer(thanhHoa)).body().string());
            assertThat(export.toString()).contains(thanhHoaIncidents.iterator().next()).doesNotContain(OTHER_INCIDENT, OTHER_SECRET);
            assertThat(client.get("/api/v1/incidents/" + OTHER_INCIDENT, TestAuth.bearer(thanhHoa)).code()).isEqualTo(404);
            String first = thanhHoaIncidents.iterator().next();
            assertThat(client.get("/api/v1/incidents/" + first, TestAuth.bearer(thanhHoa)).code()).isEqualTo(200);
            JsonNode cams = HttpServer.JSON.readTree(client.get("/api/v1/cameras", TestAuth.bearer(thanhHoa)).body().string());
            assertThat(ids(cams)).doesNotContain(OTHER_CAMERA);
            // The other province's tile holds none of its incidents for this leader; its own leader's holds it.
            int z = 14;
            int x = (int) Math.floor((105.61 + 180) / 360 * (1 << z));
            double lat = Math.toRadians(19.01);
            int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
            String tile = "/tiles/incidents/" + z + "/" + x + "/" + y + ".mvt";
            String thTile = new String(client.get(tile, TestAuth.bearer(thanhHoa)).body().bytes(), StandardCharsets.ISO_8859_1);
            String naTile = new String(client.get(tile, TestAuth.bearer(ngheAn)).body().bytes(), StandardCharsets.ISO_8859_1);
            assertThat(thTile).doesNotContain(OTHER_INCIDENT);
            assertThat(naTile).contains(OTHER_INCIDENT);
            // Scorecards of another province's ward carry no evidence for this leader.
            String card = client.get("/api/v1/scores/wards/" + OTHER_WARD + "?year=2023", TestAuth.bearer(thanhHoa)).body().string();
            assertThat(card).doesNotContain(OTHER_INCIDENT);

            // Nghệ An's leader: its incident, camera and description; nothing of Thanh Hóa's on any way out.
            JsonNode na = HttpServer.JSON.readTree(client.get("/api/v1/incidents", TestAuth.bearer(ngheAn)).body().string());
            assertThat(ids(na)).containsExactly(OTHER_INCIDENT);
            assertThat(ids(HttpServer.JSON.readTree(client.get("/api/v1/cameras", TestAuth.bearer(ngheAn)).body().string())))
                    .contains(OTHER_CAMERA);
            for (String path : AccessAndEditTest.EVERY_WAY_OUT) {
                Response r = client.get(path, TestAuth.bearer(ngheAn));
                String text = r.body().string();
                assertThat(r.code()).as(path).isIn(200, 403, 404);
                for (String id : thanhHoaIncidents) {
                    assertThat(text).as(path + " leaks " + id).doesNotContain("\"" + id + "\"");
                }
                for (String d : thanhHoaDescriptions) {
                    assertThat(text).as(path + " leaks a description").doesNotContain(d);
                }
            }
        });
    }

    @Test
    void aLeaderOfSomeWardsReadsThoseWardsOnly() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            JsonNode json = HttpServer.JSON.readTree(client.get("/api/v1/incidents", TestAuth.bearer(twoWards)).body().string());
            Set<String> expected = services.store().query(Layer.INCIDENTS, FeatureQuery.ALL).stream()
                    .filter(i -> Set.of("hai-hoa", "binh-minh").contains(i.text("ward_id"))).map(Feature::id)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(expected).isNotEmpty();
            assertThat(ids(json)).isEqualTo(expected);
        });
    }

    @Test
    void leadersWriteNothingAndAreRefusedBeforeTheBodyIsRead() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response post = AccessAndEditTest.send(client, "POST", "/api/v1/incidents", "{not json", TestAuth.bearer(thanhHoa));
            assertThat(post.code()).isEqualTo(403);
            String first = thanhHoaIncidents.iterator().next();
            Response put = AccessAndEditTest.send(client, "PUT", "/api/v1/incidents/" + first, "{not json",
                    b -> b.header("Authorization", "Bearer " + thanhHoa).header("If-Match", "\"x\""));
            assertThat(put.code()).isEqualTo(403);
            assertThat(put.body().string()).contains("\"error\":\"forbidden\"");
        });
    }

    @Test
    void aScopeMustNameWardsThatExistOrAProvinceThatHasWards() {
        assertThatThrownBy(() -> services.auth().addUser("leader-nowhere", Account.Role.LEADER, "province:Atlantis",
                TestAuth.PASSWORD.toCharArray())).hasMessageContaining("Atlantis").hasMessageContaining("Thanh Hóa");
        assertThatThrownBy(() -> services.auth().addUser("leader-ghost", Account.Role.LEADER, "hai-hoa,no-such-ward",
                TestAuth.PASSWORD.toCharArray())).hasMessageContaining("no-such-ward");
        assertThatThrownBy(() -> services.auth().addUser("leader-none", Account.Role.LEADER, null,
                TestAuth.PASSWORD.toCharArray())).hasMessageContaining("--scope");
        assertThat(services.store().account("leader-nowhere")).isEmpty();
    }

    @Test
    void theDashboardOfTheProvinceSaysItsDemoAreasAreSyntheticAndTheOutlinesComeInOneRequest() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response r = client.get("/api/v1/dashboard?scope=province:Thanh%20H%C3%B3a&year=2023", TestAuth.bearer(thanhHoa));
            JsonNode d = HttpServer.JSON.readTree(r.body().string());
            assertThat(r.code()).isEqualTo(200);
            long areas = services.store().query(Layer.AREAS, FeatureQuery.ALL).stream()
                    .filter(a -> String.valueOf(a.get("source")).startsWith("synthetic")).count();
            assertThat(areas).isPositive();
            assertThat(d.path("totals").path("areas").path("synthetic").asLong()).isEqualTo(areas);
            assertThat(client.get("/api/v1/dashboard?scope=province:Thanh%20H%C3%B3a", TestAuth.bearer(ngheAn)).code()).isEqualTo(403);
            // The dashboard's map asks for a scope's outlines a hundred at a time.
            JsonNode outlines = HttpServer.JSON.readTree(client.get("/api/v1/wards?ward=hai-hoa,%20" + OTHER_WARD + ",no-such&simplify=64")
                    .body().string());
            assertThat(ids(outlines)).containsExactly("hai-hoa", OTHER_WARD);
            String many = String.join(",", java.util.stream.IntStream.rangeClosed(0, FeatureController.MAX_WARDS_ASKED)
                    .mapToObj(i -> "w" + i).toList());
            assertThat(client.get("/api/v1/wards?ward=" + many).code()).isEqualTo(400);
        });
    }
}
