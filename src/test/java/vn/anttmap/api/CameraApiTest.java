package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The coverage endpoint and the planner on the demo data. */
class CameraApiTest {
    static App.Services services;

    @BeforeAll
    static void load() throws IOException {
        services = vn.anttmap.DemoFixture.services("cameras");
        token = vn.anttmap.TestAuth.admin(services);
    }

    static String token;

    static Response get(io.javalin.testtools.HttpClient client, String path) {
        return client.get(path, vn.anttmap.TestAuth.bearer(token));
    }

    @AfterAll
    static void close() {
        services.close();
    }

    static io.javalin.Javalin app() {
        return HttpServer.create(services, new HttpServer.PageConfig("t", "t"));
    }

    static JsonNode json(Response r) throws IOException {
        return HttpServer.JSON.readTree(r.body().string());
    }

    @Test
    void coverageCountsOnlyWorkingCamerasAndNamesTheLargestGaps() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            JsonNode c = json(get(client, "/api/v1/coverage?ward=hai-hoa&from=2022-11-01&to=2023-10-31"));
            assertThat(c.path("camerasTotal").asInt()).isEqualTo(125);
            assertThat(c.path("camerasWorking").asInt()).isEqualTo(117);
            assertThat(c.path("areaShare").asDouble()).isBetween(0.01, 0.2);
            assertThat(c.path("roadShare").asDouble()).isGreaterThan(c.path("areaShare").asDouble());
            assertThat(c.path("incidents").asInt()).isEqualTo(11);
            assertThat(c.path("largestGaps")).hasSize(3);
            assertThat(c.path("largestGaps").get(0).path("radiusM").asDouble())
                    .isGreaterThanOrEqualTo(c.path("largestGaps").get(1).path("radiusM").asDouble());
            assertThat(c.path("coverage").path("type").asText()).isIn("Polygon", "MultiPolygon");
            JsonNode area = json(get(client, "/api/v1/coverage?ward=hai-hoa&area=tk-1&from=2022-11-01&to=2023-10-31"));
            assertThat(area.path("areaM2").asDouble()).isLessThan(c.path("areaM2").asDouble());
            assertThat(json(get(client, "/api/v1/coverage?area=tk-1")).path("detail").asText()).isEqualTo("ward: required: the ward's id");
        });
    }

    @Test
    void thePlannerProposesTenSitesForHaiHoaWithItsGapAndTheSameAnswerTwice() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            String body = "{\"ward\":\"hai-hoa\",\"count\":10}";
            JsonNode first = json(ScoreApiTest.post(client.getOkHttp(), token, client.getOrigin() + "/api/v1/camera-plans", body));
            JsonNode second = json(ScoreApiTest.post(client.getOkHttp(), token, client.getOrigin() + "/api/v1/camera-plans", body));
            assertThat(first.path("proposals").path("features")).hasSize(10);
            assertThat(first.path("coveredAfter").asDouble()).isGreaterThan(first.path("coveredBefore").asDouble());
            assertThat(first.path("upperBound").asDouble()).isGreaterThanOrEqualTo(first.path("coveredAfter").asDouble());
            assertThat(first.path("gap").asDouble()).isBetween(0.0, 1.0);
            assertThat(first.path("method").asText()).isNotEmpty();
            assertThat(second).isEqualTo(first);
            JsonNode p1 = first.path("proposals").path("features").get(0);
            assertThat(p1.path("properties").path("rank").asInt()).isEqualTo(1);
            assertThat(p1.path("sector").path("type").asText()).isEqualTo("Polygon");
        });
    }

    @Test
    void sectorsCanBeCutToAnEn62676Tier() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            JsonNode full = json(get(client, "/api/v1/cameras/sectors?ward=hai-hoa"));
            JsonNode identify = json(get(client, "/api/v1/cameras/sectors?ward=hai-hoa&tier=identify"));
            assertThat(identify.path("numberReturned").asInt()).isEqualTo(125);
            double fullRange = full.path("features").get(0).path("properties").path("range_m").asDouble();
            double idRange = identify.path("features").get(0).path("properties").path("range_m").asDouble();
            assertThat(idRange).isLessThan(fullRange).isLessThan(15);
            assertThat(json(get(client, "/api/v1/cameras/sectors?tier=zoom")).path("detail").asText())
                    .isEqualTo("tier: 'zoom' is not one of detect, observe, recognise, identify");
        });
    }

    @Test
    void badPlanRequestsAreNamed() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response r = ScoreApiTest.post(client.getOkHttp(), token, client.getOrigin() + "/api/v1/camera-plans",
                    "{\"ward\":\"hai-hoa\",\"count\":10,\"candidates\":\"rooftops\"}");
            assertThat(r.code()).isEqualTo(400);
            assertThat(json(r).path("detail").asText()).isEqualTo("candidates must be crossings, along-roads or points, got 'rooftops'");
            Response bad = ScoreApiTest.post(client.getOkHttp(), token, client.getOrigin() + "/api/v1/camera-plans",
                    "{\"ward\":\"hai-hoa\",\"candidates\":[[105.79]]}");
            assertThat(json(bad).path("detail").asText()).isEqualTo("candidates: each point is [lon, lat], got [105.79]");
            Response unknown = ScoreApiTest.post(client.getOkHttp(), token, client.getOrigin() + "/api/v1/camera-plans", "{\"ward\":\"nowhere\"}");
            assertThat(unknown.code()).isEqualTo(404);
        });
    }

    /** A plan weighs a ward's incidents: an officer plans for their own ward only; planners for any, or every one. */
    @Test
    void anOfficerPlansForTheirOwnWardOnly() {
        String officer = vn.anttmap.TestAuth.token(services, vn.anttmap.model.Account.Role.OFFICER, "hai-hoa");
        String planner = vn.anttmap.TestAuth.token(services, vn.anttmap.model.Account.Role.PLANNER, null);
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            String url = client.getOrigin() + "/api/v1/camera-plans";
            assertThat(ScoreApiTest.post(client.getOkHttp(), officer, url, "{\"ward\":\"hai-hoa\",\"count\":2}").code()).isEqualTo(200);
            assertThat(ScoreApiTest.post(client.getOkHttp(), officer, url, "{\"ward\":\"binh-minh\",\"count\":2}").code()).isEqualTo(403);
            assertThat(ScoreApiTest.post(client.getOkHttp(), officer, url, "{\"ward\":\"*\",\"count\":2}").code()).isEqualTo(403);
            assertThat(ScoreApiTest.post(client.getOkHttp(), officer, url, "{\"ward\":\"hai-hoa,binh-minh\",\"count\":2}").code())
                    .isEqualTo(403);
            assertThat(ScoreApiTest.post(client.getOkHttp(), planner, url, "{\"ward\":\"hai-hoa,binh-minh\",\"count\":2}").code())
                    .isEqualTo(200);
        });
    }
}
