package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import vn.anttmap.App;
import vn.anttmap.RequiredTool;
import vn.anttmap.TestAuth;
import vn.anttmap.TestHttp;
import vn.anttmap.TestTiles;
import vn.anttmap.auth.AccessPolicy;
import vn.anttmap.auth.Principal;
import vn.anttmap.model.Feature;
import vn.anttmap.service.PublishService;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /tiles/style.json}, the MapLibre style of the vector tiles: its sources are the collections the asker may
 * read, each a TileJSON that answers, its layers name layers the tiles hold, and MapLibre's own validator
 * ({@code gl-style-validate} of {@code @maplibre/maplibre-gl-style-spec}, installed by {@code .ci/run} into
 * {@code .ci/node}) accepts it.
 */
class StyleJsonTest {
    static final String VALIDATOR = ".ci/node/node_modules/.bin/gl-style-validate";
    static final String INSTALL = "npm install --prefix .ci/node @maplibre/maplibre-gl-style-spec@26.11.0, as .ci/run does";
    static App.Services services;
    static String admin;

    @BeforeAll
    static void load() throws IOException {
        services = vn.anttmap.DemoFixture.services("style");
        admin = TestAuth.admin(services);
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
    void theAnonymousStyleHoldsOnlyPublicCollectionsAndEveryPartResolves() {
        TestHttp.test(app(), (server, client) -> {
            Response r = client.get("/tiles/style.json");
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(r.header("Cache-Control")).isEqualTo("public, no-cache");
            JsonNode style = json(r);
            Set<String> sources = names(style.path("sources"));
            assertThat(sources).containsExactlyInAnyOrderElementsOf(ids(Principal.PUBLIC))
                    .contains("wards", "residential_areas", "cameras")
                    .doesNotContain("incidents", "camera_coverage", "camera_proposals", "hotspot_density");
            assertThat(sources).allMatch(id -> AccessPolicy.canRead(Principal.PUBLIC, id));
            resolves(client, style, Principal.PUBLIC, b -> { });
        });
    }

    @Test
    void anAdministratorsStyleHoldsEveryCollectionPrivately() {
        TestHttp.test(app(), (server, client) -> {
            Response r = client.get("/tiles/style.json", TestAuth.bearer(admin));
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Cache-Control")).isEqualTo("private, no-cache");
            JsonNode style = json(r);
            assertThat(names(style.path("sources"))).containsExactlyInAnyOrderElementsOf(
                    services.publish().collections().stream().map(PublishService.Collection::id).toList());
            resolves(client, style, Principal.ADMIN_LOCAL, TestAuth.bearer(admin));
            // Incidents in the page's colours, a match on the category.
            JsonNode incidents = layer(style, "incidents-circle");
            assertThat(incidents.path("paint").path("circle-color").toString())
                    .startsWith("[\"match\",[\"get\",\"category\"],\"political_security\",\"#6b21a8\",\"crime\",\"#c53030\"");
            assertThat(layer(style, "residential_areas-fill").path("paint").path("fill-color").toString()).isEqualTo(
                    "[\"match\",[\"get\",\"verdict_code\"],\"dat\",\"#2f855a\",\"chua_dat\",\"#c53030\",\"chua_du_can_cu\",\"#d69e2e\",\"#2b6cb0\"]");
        });
    }

    @Test
    void maplibresValidatorAcceptsBothStyles(@TempDir Path dir) throws Exception {
        Path validator = RequiredTool.requireLocal(VALIDATOR, INSTALL);
        List<JsonNode> styles = new ArrayList<>();
        TestHttp.test(app(), (server, client) -> {
            styles.add(json(client.get("/tiles/style.json")));
            styles.add(json(client.get("/tiles/style.json", TestAuth.bearer(admin))));
        });
        for (int i = 0; i < styles.size(); i++) {
            Path file = dir.resolve("style-" + i + ".json");
            Files.writeString(file, HttpServer.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(styles.get(i)));
            Validation v = validate(validator, file, dir);
            // On success it exits 0 and prints nothing.
            assertThat(v.exit()).as(v.output()).isZero();
            assertThat(v.output()).isEmpty();
        }
        // The validator does check: a layer whose source is missing is refused, and said so.
        ObjectNode broken = styles.get(1).deepCopy();
        ((ObjectNode) broken.path("sources")).remove("incidents");
        Path file = dir.resolve("broken.json");
        Files.writeString(file, HttpServer.JSON.writeValueAsString(broken));
        Validation v = validate(validator, file, dir);
        assertThat(v.exit()).isNotZero();
        assertThat(v.output()).contains("source \"incidents\" not found");
    }

    record Validation(int exit, String output) {
    }

    static Validation validate(Path validator, Path file, Path dir) throws Exception {
        Path out = dir.resolve(file.getFileName() + ".out");
        Process p = new ProcessBuilder(validator.toString(), file.toString()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("gl-style-validate finished within 120 s").isTrue();
        return new Validation(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip());
    }

    /**
     * Every source's url is its collection's absolute TileJSON, which answers; every layer's source-layer is a layer
     * the TileJSON lists and a tile holding one of the collection's features contains.
     */
    static void resolves(io.javalin.testtools.HttpClient client, JsonNode style, Principal who, Consumer<Request.Builder> auth)
            throws IOException {
        assertThat(style.path("version").asInt()).isEqualTo(8);
        assertThat(style.has("glyphs") || style.has("sprite")).isFalse();
        Set<String> checkedTiles = new HashSet<>();
        for (String id : names(style.path("sources"))) {
            JsonNode source = style.path("sources").path(id);
            assertThat(source.path("type").asText()).isEqualTo("vector");
            assertThat(source.path("url").asText()).isEqualTo(client.getOrigin() + "/tiles/" + id + ".json");
            Response tj = client.get("/tiles/" + id + ".json", auth);
            assertThat(tj.code()).as(id).isEqualTo(200);
            Set<String> vectorLayers = new HashSet<>();
            json(tj).path("vector_layers").forEach(l -> vectorLayers.add(l.path("id").asText()));
            List<JsonNode> layers = new ArrayList<>();
            style.path("layers").forEach(l -> {
                if (l.path("source").asText().equals(id)) {
                    layers.add(l);
                }
            });
            assertThat(layers).as("layers of " + id).isNotEmpty();
            Set<String> inTile = tileLayers(client, who, id, auth);
            for (JsonNode l : layers) {
                String sourceLayer = l.path("source-layer").asText();
                assertThat(vectorLayers).as(id).contains(sourceLayer);
                if (inTile != null) {
                    assertThat(inTile).as("layers of a tile of " + id).contains(sourceLayer);
                    checkedTiles.add(id);
                }
            }
        }
        // Most collections have records where the demo lies; each of those was checked against a real tile.
        assertThat(checkedTiles).contains("wards", "residential_areas", "cameras");
        for (JsonNode l : style.path("layers")) {
            assertThat(names(style.path("sources"))).contains(l.path("source").asText());
        }
    }

    /** The layer names of the zoom-16 tile holding one of the collection's features the principal sees; null if none. */
    static Set<String> tileLayers(io.javalin.testtools.HttpClient client, Principal who, String id, Consumer<Request.Builder> auth)
            throws IOException {
        List<Feature> seen = services.publish().features(who, id, null);
        Feature f = seen.stream().filter(x -> x.geometry() != null && !x.geometry().isEmpty()).findFirst().orElse(null);
        if (f == null) {
            return null;
        }
        Point at = f.geometry().getInteriorPoint();
        int[] xy = TestTiles.at(16, at.getX(), at.getY());
        Response tile = client.get("/tiles/" + id + "/16/" + xy[0] + "/" + xy[1] + ".mvt", auth);
        assertThat(tile.code()).as(id).isEqualTo(200);
        return MvtReader.loadMvt(new ByteArrayInputStream(tile.body().bytes()), new GeometryFactory(),
                new TagKeyValueMapConverter()).getLayersByName().keySet();
    }

    static JsonNode layer(JsonNode style, String id) {
        for (JsonNode l : style.path("layers")) {
            if (l.path("id").asText().equals(id)) {
                return l;
            }
        }
        throw new AssertionError("no layer " + id);
    }

    static Set<String> names(JsonNode object) {
        Set<String> out = new java.util.LinkedHashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static List<String> ids(Principal who) {
        return services.publish().collections(who).stream().map(PublishService.Collection::id).toList();
    }
}
