package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.reprezen.kaizen.oasparser.OpenApi3Parser;
import com.reprezen.kaizen.oasparser.model3.OpenApi3;
import io.javalin.testtools.JavalinTest;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.App;
import vn.anttmap.RequiredTool;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.service.ExportService;
import vn.anttmap.service.ImportService;
import vn.anttmap.service.PublishService;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing checked by GDAL, an independent reader: every OGC collection, paging through next links, every export
 * format, GeoPackage validity; the OpenAPI document by a strict validator; golden OGC documents; tile ETags.
 */
class PublishTest {
    static App.Services services;
    static final List<String> LAYERS = List.of("residential_areas", "cameras", "incidents");

    @BeforeAll
    static void load() throws IOException {
        services = vn.anttmap.DemoFixture.services("publish");
        token = vn.anttmap.TestAuth.admin(services);
    }

    static String token;

    /** GDAL sends the bearer token from a header file. */
    static String headerFile(Path dir) throws IOException {
        Path f = dir.resolve("headers.txt");
        Files.writeString(f, "Authorization: Bearer " + token + "\n");
        return f.toString();
    }

    @AfterAll
    static void close() {
        services.close();
    }

    static io.javalin.Javalin app() {
        return HttpServer.create(services, new HttpServer.PageConfig("t", "t"));
    }

    static String run(Path workDir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }

    static int count(String ogrinfo) {
        var m = java.util.regex.Pattern.compile("Feature Count: (\\d+)").matcher(ogrinfo);
        assertThat(m.find()).as(ogrinfo).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void gdalReadsEveryOgcCollectionAndPagesThroughEachFeatureOnce(@TempDir Path dir) {
        String ogrinfo = RequiredTool.require("ogrinfo", "gdal-bin").toString();
        String ogr2ogr = RequiredTool.require("ogr2ogr", "gdal-bin").toString();
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            String oapif = "OAPIF:" + client.getOrigin() + "/ogc";
            String h = headerFile(dir);
            String list = run(dir, ogrinfo, "--config", "GDAL_HTTP_HEADER_FILE", h, "-ro", oapif);
            for (PublishService.Collection c : services.publish().collections()) {
                assertThat(list).contains(c.id());
                String info = run(dir, ogrinfo, "--config", "GDAL_HTTP_HEADER_FILE", h, "-ro", "-so", oapif, c.id());
                assertThat(count(info)).as(c.id()).isEqualTo(services.publish().features(c.id()).size());
            }
            assertThat(run(dir, ogrinfo, "-ro", "-so", oapif, "residential_areas")).contains("verdict_code: String");
            run(dir, ogr2ogr, "--config", "GDAL_HTTP_HEADER_FILE", h, "-f", "GeoJSON", "harvest.geojson", oapif, "incidents", "-oo", "PAGE_SIZE=7");
            JsonNode harvested = HttpServer.JSON.readTree(dir.resolve("harvest.geojson").toFile());
            List<String> ids = new ArrayList<>();
            harvested.path("features").forEach(f -> ids.add(f.path("properties").path("id").asText()));
            int stored = services.store().query(Layer.INCIDENTS, FeatureQuery.ALL).size();
            assertThat(ids).hasSize(stored);
            assertThat(new HashSet<>(ids)).hasSize(stored);
        });
    }

    @Test
    void pagingFiltersAndErrorsFollowTheStandard() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            // The admin sees every ward's incidents: Hải Hòa's and its demo neighbours'.
            int total = services.store().query(Layer.INCIDENTS, FeatureQuery.ALL).size();
            JsonNode page = json(client.get("/ogc/collections/incidents/items?limit=10&offset=" + (total - 6), vn.anttmap.TestAuth.bearer(token)));
            assertThat(page.path("numberMatched").asInt()).isEqualTo(total);
            assertThat(page.path("numberReturned").asInt()).isEqualTo(6);
            assertThat(page.path("links").toString()).contains("\"prev\"").doesNotContain("\"next\"");
            JsonNode crimes = json(client.get("/ogc/collections/incidents/items?filter=" + enc("category='crime' AND severity='nghiem_trong'"), vn.anttmap.TestAuth.bearer(token)));
            assertThat(crimes.path("numberMatched").asInt()).isEqualTo(services.store().query(Layer.INCIDENTS,
                    FeatureQuery.ALL.withEqual("category", "crime").withEqual("severity", "nghiem_trong")).size());
            JsonNode in2023 = json(client.get("/ogc/collections/incidents/items?datetime=2023-01-01/2023-08-31&filter="
                    + enc("ward_id='hai-hoa'"), vn.anttmap.TestAuth.bearer(token)));
            assertThat(in2023.path("numberMatched").asInt()).isEqualTo(5);
            assertThat(json(client.get("/ogc/collections/incidents/items?datetime=2023-01-01/2023-08-31", vn.anttmap.TestAuth.bearer(token)))
                    .path("numberMatched").asInt()).isEqualTo(services.store().query(Layer.INCIDENTS, FeatureQuery.ALL
                    .withDays(java.time.LocalDate.of(2023, 1, 1), java.time.LocalDate.of(2023, 8, 31))).size()).isGreaterThan(5);
            assertThat(json(client.get("/ogc/collections/incidents/items?filter=" + enc("colour='red'"), vn.anttmap.TestAuth.bearer(token))).path("detail").asText())
                    .startsWith("filter: unknown property 'colour'");
            assertThat(client.get("/ogc/collections/nothing", vn.anttmap.TestAuth.bearer(token)).code()).isEqualTo(404);
            Response one = client.get("/ogc/collections/cameras/items/cam-001", vn.anttmap.TestAuth.bearer(token));
            JsonNode camera = json(one);
            assertThat(camera.path("id").asText()).isEqualTo("cam-001");
            // Issue 19: a single feature links its other encodings (alternate, text/html), as the test suite requires.
            String here = client.getOrigin() + "/ogc/collections/cameras/items/cam-001";
            assertThat(camera.path("links").toString()).contains("{\"href\":\"" + here + "?f=html\",\"rel\":\"alternate\","
                    + "\"type\":\"text/html\"");
            assertThat(client.get("/ogc/collections/cameras/items/cam-001?f=html", vn.anttmap.TestAuth.bearer(token)).code()).isEqualTo(200);
            // A box with heights (six numbers) selects as its footprint does; five numbers are refused.
            String box = "105.78,19.43,105.81,19.47";
            int flat = json(client.get("/ogc/collections/cameras/items?limit=1000&bbox=" + box, vn.anttmap.TestAuth.bearer(token)))
                    .path("numberReturned").asInt();
            assertThat(flat).isPositive();
            assertThat(json(client.get("/ogc/collections/cameras/items?limit=1000&bbox=105.78,19.43,-10,105.81,19.47,50",
                    vn.anttmap.TestAuth.bearer(token))).path("numberReturned").asInt()).isEqualTo(flat);
            assertThat(client.get("/ogc/collections/cameras/items?bbox=105.78,19.43,0,105.81,19.47", vn.anttmap.TestAuth.bearer(token))
                    .code()).isEqualTo(400);
            // 401 says how to authenticate, titled as what it is.
            Response anonymous = client.get("/ogc/collections/incidents/items");
            assertThat(anonymous.code()).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"antt-map\"");
            assertThat(json(anonymous).path("error").asText()).isEqualTo("unauthorized");
            assertThat(client.get("/ogc/collections/cameras/items?f=html", vn.anttmap.TestAuth.bearer(token)).body().string()).contains("<table>");
        });
    }

    @Test
    void theOpenApiDocumentIsValidSelfContainedAndPointsAtTheRealServer(@TempDir Path dir) {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            String doc = client.get("/ogc/api", vn.anttmap.TestAuth.bearer(token)).body().string();
            Path file = dir.resolve("openapi.json");
            Files.writeString(file, doc);
            OpenApi3 model = new OpenApi3Parser().parse(file.toFile(), true);
            assertThat(model.isValid()).as(String.valueOf(model.getValidationItems())).isTrue();
            JsonNode tree = HttpServer.JSON.readTree(doc);
            assertThat(tree.path("servers").get(0).path("url").asText()).isEqualTo(client.getOrigin() + "/ogc");
            assertThat(doc).doesNotContain("\"$ref\":\"http");
            tree.path("paths").fieldNames().forEachRemaining(p -> assertThat(p).startsWith("/"));
            // Issue 19: the query parameters are declared as the standard's fragments declare them.
            for (JsonNode p : tree.path("paths").path("/collections/{collectionId}/items").path("get").path("parameters")) {
                if (List.of("limit", "bbox", "datetime").contains(p.path("name").asText())) {
                    assertThat(p.path("style").asText()).as(p.path("name").asText()).isEqualTo("form");
                    assertThat(p.path("explode").asBoolean(true)).as(p.path("name").asText()).isFalse();
                }
                if (p.path("name").asText().equals("bbox")) {
                    assertThat(p.path("schema").path("minItems").asInt()).isEqualTo(4);
                    assertThat(p.path("schema").path("maxItems").asInt()).isEqualTo(6);
                }
            }
            assertThat(client.get("/ogc/collections/incidents/items?limit=1", vn.anttmap.TestAuth.bearer(token)).code()).isEqualTo(200);
        });
    }

    @Test
    void theOgcDocumentsMatchTheirGoldenFiles() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            for (String[] doc : new String[][]{{"/ogc", "ogc-landing.json"}, {"/ogc/conformance", "ogc-conformance.json"},
                    {"/ogc/collections", "ogc-collections.json"}}) {
                String body = client.get(doc[0]).body().string().replace(client.getOrigin(), "http://localhost:7070");
                String pretty = HttpServer.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(HttpServer.JSON.readTree(body)) + "\n";
                Path golden = Path.of("src/test/resources/golden", doc[1]);
                if (Boolean.getBoolean("bless")) {
                    Files.writeString(golden, pretty);
                }
                // A missing golden file fails: written on the spot, it would pass whatever the document says.
                assertThat(golden).as(golden + " is missing: write it on purpose with -Dbless=true").exists();
                assertThat(pretty).as(doc[1] + " changed: rerun with -Dbless=true if on purpose").isEqualTo(Files.readString(golden));
            }
        });
    }

    @Test
    void everyExportFormatOpensInGdalWithItsLayersCountsAttributesAndCrs(@TempDir Path dir) throws Exception {
        String ogrinfo = RequiredTool.require("ogrinfo", "gdal-bin").toString();
        for (ExportService.Format format : ExportService.Format.values()) {
            for (String layer : LAYERS) {
                Path file = dir.resolve(layer + "." + format.extension);
                try (OutputStream out = Files.newOutputStream(file)) {
                    services.exports().export(List.of(layer), format, out);
                }
                List<String> args = new ArrayList<>(List.of(ogrinfo, "-ro", "-al", "-so"));
                if (format == ExportService.Format.CSV) {
                    args.addAll(List.of("-oo", layer.equals("residential_areas") ? "GEOM_POSSIBLE_NAMES=wkt" : "X_POSSIBLE_NAMES=lon",
                            "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "KEEP_GEOM_COLUMNS=NO"));
                }
                args.add(file.toString());
                String info = run(dir, args.toArray(String[]::new));
                int expected = services.publish().features(layer).size();
                assertThat(info).as(format + " " + layer).contains("Feature Count: " + expected);
                if (format != ExportService.Format.CSV) {
                    assertThat(info).as(format + " " + layer).contains("ID[\"EPSG\",4326]");
                }
                assertThat(info).as(format + " " + layer).contains(layer.equals("incidents") ? "category" : layer.equals("cameras") ? "bearing_deg" : "verdict");
            }
        }
        Path gpkg = dir.resolve("all.gpkg");
        try (OutputStream out = Files.newOutputStream(gpkg)) {
            services.exports().export(LAYERS, ExportService.Format.GPKG, out);
        }
        String info = run(dir, ogrinfo, "-ro", gpkg.toString());
        assertThat(info).contains("residential_areas (Multi Polygon)", "cameras (Point)", "incidents (Point)", "scorecards (None)");
        assertThat(run(dir, ogrinfo, "-ro", "-al", "-so", gpkg.toString(), "scorecards")).contains("standard: String", "period_first");
        Path python = RequiredTool.require("python3", "python3");
        String check = run(dir, "/usr/bin/python3", "-c", "import osgeo_utils.samples.validate_gpkg");
        assertThat(check).isEmpty();
        run(dir, "/usr/bin/python3", "-m", "osgeo_utils.samples.validate_gpkg", gpkg.toString());
        assertThat(python).exists();
        String kml = Files.readString(dir.resolve("residential_areas.kml"));
        assertThat(kml).contains("<styleUrl>#verdict-dat</styleUrl>", "<styleUrl>#verdict-chua_dat</styleUrl>");
    }

    @Test
    void geoPackageAndKmlImportWhatExportWrote(@TempDir Path dir) throws Exception {
        for (ExportService.Format format : List.of(ExportService.Format.GPKG, ExportService.Format.KML)) {
            java.io.ByteArrayOutputStream wards = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream areas = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream incidents = new java.io.ByteArrayOutputStream();
            services.exports().export(List.of("wards"), format, wards);
            services.exports().export(List.of("areas"), format, areas);
            services.exports().export(List.of("incidents"), format, incidents);
            H2gisFeatureStore store = H2gisFeatureStore.inMemory("reimport-" + UUID.randomUUID());
            store.migrate();
            try (App.Services copy = App.services(store, Clock.systemUTC())) {
                ImportService.Format f = ImportService.Format.valueOf(format.name());
                copy.importer().importFile(Layer.WARDS, "wards", new ByteArrayInputStream(wards.toByteArray()), f, null);
                copy.importer().importFile(Layer.AREAS, "areas", new ByteArrayInputStream(areas.toByteArray()), f, null);
                copy.importer().importFile(Layer.INCIDENTS, "incidents", new ByteArrayInputStream(incidents.toByteArray()), f, null);
                var original = services.store().get(Layer.INCIDENTS, "vv-2023-001").orElseThrow();
                var back = store.get(Layer.INCIDENTS, "vv-2023-001").orElseThrow();
                assertThat(store.counts().get(Layer.INCIDENTS)).as(format.name())
                        .isEqualTo(services.store().counts().get(Layer.INCIDENTS)).isEqualTo(129L);
                assertThat(back.properties()).as(format.name()).isEqualTo(original.properties());
                // The scoring evidence issue 16 adds comes back whole too: exception decisions and organisations.
                for (Layer layer : List.of(Layer.EXCEPTION_DECISIONS, Layer.ORGANISATIONS)) {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    services.exports().export(List.of(layer.apiName()), format, out);
                    copy.importer().importFile(layer, layer.apiName(), new ByteArrayInputStream(out.toByteArray()), f, null);
                    assertThat(store.query(layer, vn.anttmap.model.FeatureQuery.ALL)).extracting(vn.anttmap.model.Feature::id)
                            .as(format + " " + layer).containsExactlyInAnyOrderElementsOf(services.store()
                                    .query(layer, vn.anttmap.model.FeatureQuery.ALL).stream().map(vn.anttmap.model.Feature::id).toList());
                    for (var o : services.store().query(layer, vn.anttmap.model.FeatureQuery.ALL)) {
                        assertThat(store.get(layer, o.id()).orElseThrow().properties()).as(format + " " + o.id())
                                .isEqualTo(o.properties());
                    }
                    assertThat(store.counts().get(layer)).as(format + " " + layer).isEqualTo(services.store().counts().get(layer)).isPositive();
                }
            }
        }
    }

    @Test
    void editingAnIncidentChangesTheEtagOfTheTileThatHoldsIt() throws IOException {
        var incident = services.store().get(Layer.INCIDENTS, "vv-2023-002").orElseThrow();
        var p = (org.locationtech.jts.geom.Point) incident.geometry();
        int z = 16;
        int x = (int) Math.floor((p.getX() + 180) / 360 * (1 << z));
        double lat = Math.toRadians(p.getY());
        int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
        String tile = "/tiles/incidents/" + z + "/" + x + "/" + y + ".mvt";
        String far = "/tiles/incidents/" + z + "/" + (x + 40) + "/" + y + ".mvt";
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response first = client.get(tile, vn.anttmap.TestAuth.bearer(token));
            assertThat(first.code()).isEqualTo(200);
            assertThat(first.header("Content-Type")).isEqualTo("application/vnd.mapbox-vector-tile");
            String etag = first.header("ETag");
            String farEtag = client.get(far, vn.anttmap.TestAuth.bearer(token)).header("ETag");
            Response cached = client.getOkHttp().newCall(new Request.Builder().url(client.getOrigin() + tile)
                    .header("If-None-Match", etag).header("Authorization", "Bearer " + token).build()).execute();
            assertThat(cached.code()).isEqualTo(304);

            String csv = "id,lon,lat,occurred_at,category,channel,description\nvv-2023-002," + p.getX() + "," + p.getY() + ","
                    + incident.get("occurred_at") + ",other,patrol,đã sửa\n";
            services.importer().importFile(Layer.INCIDENTS, "edit.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                    ImportService.Format.CSV, null);
            assertThat(client.get(tile, vn.anttmap.TestAuth.bearer(token)).header("ETag")).isNotEqualTo(etag);
            assertThat(client.get(far, vn.anttmap.TestAuth.bearer(token)).header("ETag")).isEqualTo(farEtag);
            JsonNode tj = json(client.get("/tiles/incidents.json", vn.anttmap.TestAuth.bearer(token)));
            assertThat(tj.path("tiles").get(0).asText()).isEqualTo(client.getOrigin() + "/tiles/incidents/{z}/{x}/{y}.mvt");
            // Its description tells a client that low zooms gather points into clusters, and what they carry.
            assertThat(tj.path("vector_layers").get(0).path("fields").path("point_count").asText()).isEqualTo("Number");
            assertThat(tj.path("vector_layers").get(0).path("fields").path("cluster").asText()).isEqualTo("Boolean");
            assertThat(tj.path("vector_layers").get(0).path("description").asText()).startsWith("Below zoom 12, points within");
        });
    }

    /**
     * Issue 19: TileJSON says where the data lies (bounds, center), how deep the tiles go (deeper is not found), and
     * each field's type as the tiles hold it (checked against decoded tiles); tiles the public may see are shareable
     * by caches, the rest stay private.
     */
    @Test
    void tileJsonSaysWhereHowDeepAndOfWhatTypesAndPublicTilesMayBeShared() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            org.locationtech.jts.geom.Envelope wards = new org.locationtech.jts.geom.Envelope();
            services.features().list(Layer.WARDS, FeatureQuery.ALL).forEach(w -> wards.expandToInclude(w.geometry().getEnvelopeInternal()));
            for (String id : List.of("residential_areas", "cameras", "incidents", "camera_coverage")) {
                JsonNode tj = json(client.get("/tiles/" + id + ".json", vn.anttmap.TestAuth.bearer(token)));
                assertThat(tj.path("minzoom").asInt()).isZero();
                assertThat(tj.path("maxzoom").asInt()).isEqualTo(22);
                assertThat(tj.path("bounds").toString()).isEqualTo("[" + wards.getMinX() + "," + wards.getMinY() + ","
                        + wards.getMaxX() + "," + wards.getMaxY() + "]");
                assertThat(wards.contains(tj.path("center").get(0).asDouble(), tj.path("center").get(1).asDouble())).isTrue();
                assertThat(tj.path("center").get(2).asInt()).isBetween(10, 16);
                JsonNode fields = tj.path("vector_layers").get(0).path("fields");
                // Each value in a tile at zoom 14 over the ward has the type its field declares.
                var p = wards.centre();
                int z = 14;
                int x = (int) Math.floor((p.x + 180) / 360 * (1 << z));
                double lat = Math.toRadians(p.y);
                int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int dx = -2; dx <= 2; dx++) {
                    for (int dy = -2; dy <= 2; dy++) {
                        Response tile = client.get("/tiles/" + id + "/" + z + "/" + (x + dx) + "/" + (y + dy) + ".mvt",
                                vn.anttmap.TestAuth.bearer(token));
                        var decoded = io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader.loadMvt(tile.body().byteStream(),
                                new org.locationtech.jts.geom.GeometryFactory(),
                                new io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter());
                        for (var layer : decoded.getLayers()) {
                            for (var g : layer.getGeometries()) {
                                ((java.util.Map<?, ?>) g.getUserData()).forEach((k, v) -> {
                                    String type = v instanceof Number ? "Number" : v instanceof Boolean ? "Boolean" : "String";
                                    assertThat(fields.path(String.valueOf(k)).asText()).as(id + "." + k + " = " + v).isEqualTo(type);
                                    seen.add(type);
                                });
                            }
                        }
                    }
                }
                assertThat(seen).as(id).contains("String");
            }
            assertThat(json(client.get("/tiles/incidents.json", vn.anttmap.TestAuth.bearer(token))).path("vector_layers").get(0)
                    .path("fields").path("serious").asText()).isEqualTo("Boolean");
            assertThat(client.get("/tiles/wards/22/3300000/1900000.mvt").code()).isEqualTo(200);
            assertThat(client.get("/tiles/wards/23/6600000/3800000.mvt").code()).isEqualTo(404);
            Response shared = client.get("/tiles/wards/14/13000/7300.mvt");
            assertThat(shared.header("Cache-Control")).isEqualTo("public, no-cache");
            assertThat(shared.header("Vary")).contains("Authorization").contains("Cookie");
            assertThat(client.get("/tiles/cameras/14/13000/7300.mvt", vn.anttmap.TestAuth.bearer(token)).header("Cache-Control"))
                    .isEqualTo("private, no-cache");
            assertThat(client.get("/tiles/incidents/14/13000/7300.mvt", vn.anttmap.TestAuth.bearer(token)).header("Cache-Control"))
                    .isEqualTo("private, no-cache");
        });
    }

    @Test
    void theExportEndpointNamesItsFilesAndTypes() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response gpkg = client.get("/api/v1/export?layers=incidents,cameras&format=gpkg", vn.anttmap.TestAuth.bearer(token));
            assertThat(gpkg.code()).isEqualTo(200);
            assertThat(gpkg.header("Content-Type")).isEqualTo("application/geopackage+sqlite3");
            assertThat(gpkg.header("Content-Disposition")).isEqualTo("attachment; filename=\"antt-map.gpkg\"");
            byte[] bytes = gpkg.body().bytes();
            assertThat(new String(bytes, 0, 15, StandardCharsets.US_ASCII)).isEqualTo("SQLite format 3");
            Response zip = client.get("/api/v1/export?layers=incidents,cameras&format=geojson", vn.anttmap.TestAuth.bearer(token));
            assertThat(zip.header("Content-Type")).startsWith("application/zip");
            Response bad = client.get("/api/v1/export?layers=incidents&format=shp", vn.anttmap.TestAuth.bearer(token));
            assertThat(bad.code()).isEqualTo(400);
            assertThat(json(bad).path("detail").asText()).isEqualTo("format: unknown format 'shp'; use gpkg, geojson, kml, fgb or csv");
            assertThat(json(client.get("/api/v1/export?layers=roofs", vn.anttmap.TestAuth.bearer(token))).path("detail").asText()).startsWith("layers: unknown layer 'roofs'");
        });
    }

    @Test
    void gdalReadsTheVectorTilesWithTheirCountsAndFieldTypes(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path ogrinfo = RequiredTool.require("ogrinfo", "gdal-bin");
        var incident = services.store().get(Layer.INCIDENTS, "vv-2023-002").orElseThrow();
        var p = (org.locationtech.jts.geom.Point) incident.geometry();
        int z = 14;
        int x = (int) Math.floor((p.getX() + 180) / 360 * (1 << z));
        double lat = Math.toRadians(p.getY());
        int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
        var box = vn.anttmap.io.MvtTiles.lonLatBoundsWithBuffer(z, x, y);
        long inTile = services.store().query(Layer.INCIDENTS, vn.anttmap.model.FeatureQuery.ALL).stream()
                .filter(f -> box.contains(f.geometry().getCoordinate())).count();
        assertThat(inTile).isPositive();
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response tile = client.get("/tiles/incidents/" + z + "/" + x + "/" + y + ".mvt", vn.anttmap.TestAuth.bearer(token));
            assertThat(tile.code()).isEqualTo(200);
            Path f = dir.resolve("incidents.mvt");
            Files.write(f, tile.body().bytes());
            // Placed by its z/x/y; CLIP=NO keeps the points in the tile's buffer, which the count includes.
            String info = run(dir, ogrinfo.toString(), "-ro", "-al", "-so", "-oo", "Z=" + z, "-oo", "X=" + x, "-oo", "Y=" + y,
                    "-oo", "CLIP=NO", f.toString());
            assertThat(info).doesNotContain("Warning", "ERROR").contains("Layer name: incidents", "Geometry: Point",
                    "ID[\"EPSG\",3857]", "category: String", "deaths: Integer", "serious: Integer(Boolean)");
            assertThat(count(info)).isEqualTo(inTile);
        });
    }

    static JsonNode json(Response r) throws IOException {
        return HttpServer.JSON.readTree(r.body().string());
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
