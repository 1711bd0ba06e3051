package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import vn.anttmap.App;
import vn.anttmap.geo.MetricProjection;
import vn.anttmap.service.DemoFiles;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/wards?simplify=M}: the outlines a page draws around the user's ward come with fewer vertices,
 * each removed vertex within M metres of the simplified outline, so that a province's wards load for the zoom rather
 * than every vertex of every ward.
 */
class SimplifiedOutlinesTest {
    static App.Services services;

    @BeforeAll
    static void load() throws Exception {
        services = vn.anttmap.DemoFixture.services("outlines");
    }

    @AfterAll
    static void close() {
        services.close();
    }

    @Test
    void wardOutlinesComeSimplifiedWithinTheToleranceInMetres() {
        vn.anttmap.TestHttp.test(HttpServer.create(services, new HttpServer.PageConfig("t", "t")), (server, client) -> {
            Geometry full = ward(client.get("/api/v1/wards"), DemoFiles.WARD_ID);
            MetricProjection utm = MetricProjection.forGeometry(full);
            int vertices = full.getNumPoints();
            for (int toleranceM : new int[]{20, 200}) {
                Geometry simplified = ward(client.get("/api/v1/wards?simplify=" + toleranceM), DemoFiles.WARD_ID);
                assertThat(simplified.getNumPoints()).as("%d m", toleranceM).isLessThan(vertices);
                vertices = simplified.getNumPoints();
                assertThat(simplified.isValid()).isTrue();
                // Every vertex of the real outline lies within the tolerance of the simplified one (metres in the
                // local UTM zone; 1 cm more for the outline written to 7 decimals of a degree).
                Geometry simplifiedM = utm.toMeters(simplified).getBoundary();
                GeometryFactory gf = new GeometryFactory();
                double farthestM = 0;
                for (Coordinate c : utm.toMeters(full).getCoordinates()) {
                    farthestM = Math.max(farthestM, simplifiedM.distance(gf.createPoint(c)));
                }
                assertThat(farthestM).as("%d m", toleranceM).isLessThanOrEqualTo(toleranceM + 0.01);
            }
        });
    }

    @Test
    void aBoxAsksOnlyTheWardsAroundTheViewSimplified() {
        vn.anttmap.TestHttp.test(HttpServer.create(services, new HttpServer.PageConfig("t", "t")), (server, client) -> {
            Geometry full = ward(client.get("/api/v1/wards"), DemoFiles.WARD_ID);
            org.locationtech.jts.geom.Point inside = full.getInteriorPoint();
            String bbox = (inside.getX() - 0.0005) + "," + (inside.getY() - 0.0005) + "," + (inside.getX() + 0.0005) + ","
                    + (inside.getY() + 0.0005);
            try (Response r = client.get("/api/v1/wards?bbox=" + bbox + "&simplify=16")) {
                assertThat(r.code()).isEqualTo(200);
                JsonNode fc = HttpServerTest.JSON.readTree(r.body().string());
                assertThat(fc.path("features")).extracting(f -> f.path("id").asText()).containsExactly(DemoFiles.WARD_ID);
            }
            // The page's first request: the ward's own outline, asked by id.
            Geometry own = ward(client.get("/api/v1/wards?ward=" + DemoFiles.WARD_ID + "&simplify=16"), DemoFiles.WARD_ID);
            assertThat(own.getNumPoints()).isLessThan(full.getNumPoints());
            assertThat(ward(client.get("/api/v1/wards?simplify=16"), DemoFiles.WARD_ID)).as("the same outline, asked again")
                    .isEqualTo(own);
        });
    }

    @Test
    void withoutSimplifyEveryVertexComesAndABadToleranceIsRefused() {
        vn.anttmap.TestHttp.test(HttpServer.create(services, new HttpServer.PageConfig("t", "t")), (server, client) -> {
            Geometry full = ward(client.get("/api/v1/wards"), DemoFiles.WARD_ID);
            Geometry zero = ward(client.get("/api/v1/wards?simplify=0"), DemoFiles.WARD_ID);
            assertThat(zero.getNumPoints()).isEqualTo(full.getNumPoints());
            try (Response r = client.get("/api/v1/wards?simplify=-5")) {
                assertThat(r.code()).isEqualTo(400);
            }
            try (Response r = client.get("/api/v1/wards?simplify=0.5deg")) {
                assertThat(r.code()).isEqualTo(400);
            }
            // Points are not outlines: the incidents endpoint does not take it.
            try (Response r = client.get("/api/v1/cameras?simplify=10")) {
                assertThat(r.code()).isEqualTo(400);
            }
        });
    }

    private static Geometry ward(Response r, String id) {
        try (r) {
            assertThat(r.code()).isEqualTo(200);
            JsonNode fc = HttpServerTest.JSON.readTree(r.body().string());
            for (JsonNode f : fc.path("features")) {
                if (f.path("id").asText().equals(id)) {
                    return new GeoJsonReader().read(f.path("geometry").toString());
                }
            }
            throw new AssertionError("no ward " + id);
        } catch (java.io.IOException | org.locationtech.jts.io.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
