package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import vn.anttmap.App;
import vn.anttmap.TestAuth;
import vn.anttmap.model.Account;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.anttmap.api.AccessAndEditTest.body;

/** Hotspot and trend endpoints over the demo: who may see them, what they say, and that zoom changes nothing. */
class HotspotApiTest {
    static App.Services services;
    static String officer;
    static String otherOfficer;
    static String planner;
    static String admin;

    @BeforeAll
    static void load() throws IOException {
        services = vn.anttmap.DemoFixture.services("hotspot-api");
        officer = TestAuth.token(services, Account.Role.OFFICER, "hai-hoa");
        otherOfficer = TestAuth.token(services, Account.Role.OFFICER, "binh-minh");
        planner = TestAuth.token(services, Account.Role.PLANNER, null);
        admin = TestAuth.admin(services);
    }

    @AfterAll
    static void close() {
        services.close();
    }

    static io.javalin.Javalin app() {
        return HttpServer.create(services, new HttpServer.PageConfig("t", "t"));
    }

    @Test
    void onlyTheWardsOfficersPlannersAndAdminsSeeHotspots() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            for (String kind : new String[]{"density", "gistar", "emerging"}) {
                String path = "/api/v1/hotspots/" + kind + "?ward=hai-hoa";
                assertThat(client.get(path).code()).as(kind).isEqualTo(401);
                assertThat(client.get(path, TestAuth.bearer(otherOfficer)).code()).as(kind).isEqualTo(403);
                assertThat(client.get(path, TestAuth.bearer(officer)).code()).as(kind).isEqualTo(200);
                assertThat(client.get(path, TestAuth.bearer(planner)).code()).as(kind).isEqualTo(200);
            }
            // The same policy on the OGC collections and the tiles.
            assertThat(client.get("/ogc/collections/hotspot_gistar/items").code()).isEqualTo(401);
            JsonNode other = HttpServer.JSON.readTree(body(client.get("/ogc/collections/hotspot_gistar/items?limit=1000",
                    TestAuth.bearer(otherOfficer))));
            assertThat(other.get("features")).isEmpty();
            assertThat(client.get("/tiles/hotspot_density/14/13008/7232.mvt").code()).isEqualTo(401);
        });
    }

    @Test
    void theDemoHasAHotSpotAtTheBeachAccessWithItsParameters() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            JsonNode gi = HttpServer.JSON.readTree(body(client.get("/api/v1/hotspots/gistar?ward=hai-hoa", TestAuth.bearer(officer))));
            JsonNode p = gi.get("parameters");
            assertThat(p.get("n").asInt()).isGreaterThanOrEqualTo(30);
            assertThat(p.get("band_m").asDouble()).isEqualTo(2 * p.get("cell_m").asDouble());
            assertThat(p.get("correction").asText()).isEqualTo("Benjamini-Hochberg FDR");
            assertThat(p.get("period_first").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            JsonNode classes = gi.get("summary").get("classes");
            long hot = 0;
            for (String c : new String[]{"hot_99", "hot_95", "hot_90"}) {
                hot += classes.has(c) ? classes.get(c).asLong() : 0;
            }
            assertThat(hot).isPositive();
            // The hot cells lie around the demo's market crossing (main road × cross road 5, about 105.7908 E
            // 19.4557 N), where the generator gathers incidents; nowhere else.
            for (JsonNode f : gi.get("features")) {
                if (f.get("properties").get("gi_bin").asInt() > 0) {
                    JsonNode corner = f.get("geometry").get("coordinates").get(0).get(0);
                    assertThat(Math.abs(corner.get(0).asDouble() - 105.7908)).isLessThan(0.006);
                    assertThat(Math.abs(corner.get(1).asDouble() - 19.4557)).isLessThan(0.006);
                }
            }
            // Cells carry only their own values in the API; the parameters are said once.
            assertThat(gi.get("features").get(0).get("properties").has("cell_m")).isFalse();
            assertThat(gi.get("features").get(0).get("properties").has("gi_z")).isTrue();
        });
    }

    @Test
    void densityValuesDoNotChangeWithZoom() throws Exception {
        Map<String, Object> z14 = new HashMap<>();
        Map<String, Object> z16 = new HashMap<>();
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            JsonNode density = HttpServer.JSON.readTree(body(client.get("/api/v1/hotspots/density?ward=hai-hoa", TestAuth.bearer(officer))));
            JsonNode peak = null;
            for (JsonNode f : density.get("features")) {
                if (peak == null || f.get("properties").get("density_per_km2").asDouble() > peak.get("properties").get("density_per_km2").asDouble()) {
                    peak = f;
                }
            }
            JsonNode corner = peak.get("geometry").get("coordinates").get(0).get(0);
            double lon = corner.get(0).asDouble() + 1e-5;
            double lat = corner.get(1).asDouble() + 1e-5;
            collect(client, 14, lon, lat, z14);
            collect(client, 16, lon, lat, z16);
            assertThat(z16).isNotEmpty();
            // Every cell drawn at z16 has the value it has at z14.
            for (Map.Entry<String, Object> e : z16.entrySet()) {
                assertThat(z14).containsEntry(e.getKey(), e.getValue());
            }
            assertThat(z16.get(peak.get("properties").get("cell_id").asText()))
                    .isEqualTo(peak.get("properties").get("density_per_km2").asDouble());
        });
    }

    static void collect(io.javalin.testtools.HttpClient client, int z, double lon, double lat, Map<String, Object> out) throws IOException {
        int x = (int) Math.floor((lon + 180) / 360 * (1 << z));
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z));
        Response res = client.get("/tiles/hotspot_density/" + z + "/" + x + "/" + y + ".mvt", TestAuth.bearer(officer));
        assertThat(res.code()).isEqualTo(200);
        var mvt = MvtReader.loadMvt(new ByteArrayInputStream(res.body().bytes()), new GeometryFactory(), new TagKeyValueMapConverter());
        for (Geometry g : mvt.getLayer("hotspot_density").getGeometries()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) g.getUserData();
            assertThat(props).containsKeys("bandwidth_m", "cell_m", "n", "period_first", "categories");
            out.put((String) props.get("cell_id"), ((Number) props.get("density_per_km2")).doubleValue());
        }
    }

    @Test
    void badParametersAreNamed() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            String base = "/api/v1/hotspots/gistar?ward=hai-hoa";
            Response band = client.get(base + "&cell_m=200&band_m=100", TestAuth.bearer(officer));
            assertThat(band.code()).isEqualTo(422);
            assertThat(body(band)).contains("smaller than the cell (200 m)");
            Response few = client.get(base + "&categories=fire_explosion", TestAuth.bearer(officer));
            assertThat(few.code()).isEqualTo(422);
            assertThat(body(few)).contains("at least 30 incidents");
            Response cat = client.get(base + "&categories=nonsense", TestAuth.bearer(officer));
            assertThat(cat.code()).isEqualTo(400);
            assertThat(body(cat)).contains("categories: unknown category 'nonsense'");
            assertThat(body(client.get(base + "&cell_m=-5", TestAuth.bearer(officer)))).contains("cell_m: '-5' is not a length");
            assertThat(body(client.get("/api/v1/hotspots/emerging?ward=hai-hoa&step_months=99", TestAuth.bearer(officer))))
                    .contains("step_months");
            assertThat(client.get("/api/v1/hotspots/kde?ward=hai-hoa", TestAuth.bearer(officer)).code()).isEqualTo(404);
            assertThat(body(client.get(base + "&zoom=3", TestAuth.bearer(officer)))).contains("zoom");
            assertThat(body(client.get(base + "&from=2023-05-01&to=2023-01-01", TestAuth.bearer(officer)))).contains("before");
        });
    }

    @Test
    void exportsCarryTheParametersOnEveryCell() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response r = client.get("/api/v1/export?layers=hotspot_density&format=geojson", TestAuth.bearer(admin));
            assertThat(r.code()).isEqualTo(200);
            JsonNode fc = HttpServer.JSON.readTree(body(r));
            assertThat(fc.get("features")).isNotEmpty();
            for (JsonNode f : fc.get("features")) {
                assertThat(f.get("properties").get("bandwidth_m").asDouble()).isPositive();
                assertThat(f.get("properties").get("kernel").asText()).isEqualTo("quartic");
            }
            assertThat(client.get("/api/v1/export?layers=hotspot_gistar&format=geojson").code()).isIn(401, 403);
        });
    }

    @Test
    void trendsArePublicCountsThatAgreeWithTheFigures() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            JsonNode t = HttpServer.JSON.readTree(body(client.get("/api/v1/trends?ward=hai-hoa&from=2022-01-01&to=2022-12-31")));
            assertThat(t.get("months")).hasSize(12);
            long sum = 0;
            for (JsonNode m : t.get("months")) {
                sum += m.get("total").asLong();
            }
            JsonNode stats = HttpServer.JSON.readTree(body(client.get("/api/v1/stats?ward=hai-hoa&from=2022-01-01&to=2022-12-31")));
            assertThat(sum).isEqualTo(stats.get("incidents").get("total").asLong());
            assertThat(t.get("yearOnYear").has("changePercent")).isTrue();
            assertThat(client.get("/api/v1/trends?ward=hai-hoa&area=nowhere").code()).isEqualTo(404);
            assertThat(body(client.get("/api/v1/trends"))).contains("ward");
        });
    }
}
