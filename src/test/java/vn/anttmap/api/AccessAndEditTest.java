package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
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
import vn.anttmap.model.Account;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** One access policy on every way out, editing with optimistic locking, and the audit log. */
class AccessAndEditTest {
    static App.Services services;
    static String officer;
    static String otherOfficer;
    static String admin;
    static List<String> secrets = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        services = vn.anttmap.DemoFixture.services("access");
        officer = TestAuth.token(services, Account.Role.OFFICER, "hai-hoa");
        otherOfficer = TestAuth.token(services, Account.Role.OFFICER, "ninh-hai");
        admin = TestAuth.admin(services);
        for (var i : services.store().query(Layer.INCIDENTS, FeatureQuery.ALL)) {
            secrets.add(i.text("description"));
            secrets.add(i.id());
        }
        for (var c : services.store().query(Layer.CAMERAS, FeatureQuery.ALL)) {
            if ("household".equals(c.get("owner"))) {
                secrets.add(c.id());
            }
        }
    }

    @AfterAll
    static void close() {
        services.close();
    }

    static io.javalin.Javalin app() {
        return HttpServer.create(services, new HttpServer.PageConfig("t", "t"));
    }

    static String body(Response r) throws IOException {
        return r.body().string();
    }

    static final List<String> EVERY_WAY_OUT = List.of("/api/v1/wards", "/api/v1/areas", "/api/v1/cameras", "/api/v1/incidents",
            "/api/v1/cameras/sectors", "/api/v1/roads", "/api/v1/stats?ward=hai-hoa&from=2021-01-01&to=2023-12-31",
            "/api/v1/scores/areas?ward=hai-hoa&year=2023", "/api/v1/scores/wards/hai-hoa?year=2023",
            "/api/v1/scores/areas/tdp-quang-trung?year=2023", "/api/v1/coverage?ward=hai-hoa&from=2022-11-01&to=2023-10-31",
            "/ogc/collections", "/ogc/collections/incidents/items", "/ogc/collections/cameras/items?limit=1000",
            "/ogc/collections/camera_coverage/items", "/ogc/collections/camera_proposals/items", "/ogc/api",
            "/api/v1/export?layers=incidents&format=geojson", "/api/v1/export?layers=cameras&format=geojson",
            "/api/v1/export?layers=residential_areas,cameras&format=kml", "/api/v1/export?layers=cameras&format=csv",
            "/tiles/incidents.json", "/api/v1/incidents/vv-2023-001", "/api/v1/audit", "/api/v1/review?ward=hai-hoa");

    /**
     * Whether {@code text} holds {@code secret} whole, not as the end of a longer id: a neighbouring ward's public
     * camera {@code hai-nhan-cam-001} is not Hải Hòa's household camera {@code cam-001}.
     */
    static boolean holds(String text, String secret) {
        return java.util.regex.Pattern.compile("(?<![A-Za-z0-9_-])" + java.util.regex.Pattern.quote(secret)
                + "(?![A-Za-z0-9_-])").matcher(text).find();
    }

    @Test
    void anonymousRequestsShowNoIncidentNoDescriptionAndNoHouseholdCamera() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            for (String path : EVERY_WAY_OUT) {
                Response r = client.get(path);
                String text = body(r);
                assertThat(r.code()).as(path).isIn(200, 401);
                for (String s : secrets) {
                    assertThat(holds(text, s)).as(path + " leaks " + s).isFalse();
                }
            }
            for (int z = 12; z <= 16; z += 2) {
                int x = (int) Math.floor((105.795 + 180) / 360 * (1 << z));
                double lat = Math.toRadians(19.451);
                int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
                assertThat(client.get("/tiles/incidents/" + z + "/" + x + "/" + y + ".mvt").code()).isEqualTo(401);
                byte[] cams = client.get("/tiles/cameras/" + z + "/" + x + "/" + y + ".mvt").body().bytes();
                String decoded = new String(cams, java.nio.charset.StandardCharsets.ISO_8859_1);
                secrets.stream().filter(s -> s.startsWith("cam-")).forEach(s -> assertThat(holds(decoded, s)).as(s).isFalse());
            }
        });
    }

    /**
     * Incident tiles are encoded in Java from what the access policy lets the asker see: an officer's tile holds
     * their ward's incidents only, another ward's officer gets none of them, an admin every one; each asker's tile is
     * cached under its own ETag and revalidates with 304.
     */
    @Test
    void incidentTilesHoldWhatThePolicyLetsTheAskerSeeAndRevalidate() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            java.util.Set<String> own = new java.util.HashSet<>();
            java.util.Set<String> all = new java.util.HashSet<>();
            for (var i : services.store().query(Layer.INCIDENTS, FeatureQuery.ALL)) {
                all.add(i.id());
                if ("hai-hoa".equals(i.text("ward_id"))) {
                    own.add(i.id());
                }
            }
            int z = 12;
            int x = (int) Math.floor((105.795 + 180) / 360 * (1 << z));
            double lat = Math.toRadians(19.451);
            int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
            String tile = "/tiles/incidents/" + z + "/" + x + "/" + y + ".mvt";
            java.util.Set<String> officers = tileIds(client.get(tile, TestAuth.bearer(officer)).body().bytes());
            java.util.Set<String> admins = tileIds(client.get(tile, TestAuth.bearer(admin)).body().bytes());
            java.util.Set<String> others = tileIds(client.get(tile, TestAuth.bearer(otherOfficer)).body().bytes());
            assertThat(own).isNotEmpty();
            assertThat(officers).isNotEmpty().isSubsetOf(own);
            assertThat(admins).containsAll(officers).isSubsetOf(all);
            assertThat(others).doesNotContainAnyElementsOf(own);
            assertThat(client.get(tile).code()).isEqualTo(401);
            for (String token : List.of(officer, admin)) {
                Response first = client.get(tile, TestAuth.bearer(token));
                assertThat(first.code()).isEqualTo(200);
                assertThat(first.header("Vary")).contains("Authorization");
                Response again = send(client, "GET", tile, null, b -> b.header("Authorization", "Bearer " + token)
                        .header("If-None-Match", first.header("ETag")));
                assertThat(again.code()).isEqualTo(304);
            }
            assertThat(client.get(tile, TestAuth.bearer(otherOfficer)).header("ETag"))
                    .isNotEqualTo(client.get(tile, TestAuth.bearer(officer)).header("ETag"));
            // A map client asking for gzip gets the same tile gzipped once (kept with the tile, not redone per request).
            Response plain = send(client, "GET", tile, null, b -> b.header("Authorization", "Bearer " + admin)
                    .header("Accept-Encoding", "identity"));
            assertThat(plain.header("Content-Encoding")).isNull();
            byte[] identity = plain.body().bytes();
            for (int k = 0; k < 2; k++) {
                Response zipped = send(client, "GET", tile, null, b -> b.header("Authorization", "Bearer " + admin)
                        .header("Accept-Encoding", "gzip, deflate"));
                assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
                assertThat(zipped.header("Vary")).contains("Accept-Encoding");
                byte[] once = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body().bytes())).readAllBytes();
                assertThat(once).isEqualTo(identity);
                assertThat(tileIds(once)).isEqualTo(admins);
                // Regression: both representations carried the same ETag, so a cache could take one for the other.
                assertThat(zipped.header("ETag")).isNotEqualTo(plain.header("ETag")).endsWith("-gzip\"");
                Response revalidated = send(client, "GET", tile, null, b -> b.header("Authorization", "Bearer " + admin)
                        .header("Accept-Encoding", "gzip").header("If-None-Match", zipped.header("ETag")));
                assertThat(revalidated.code()).isEqualTo(304);
                Response otherRepresentation = send(client, "GET", tile, null, b -> b.header("Authorization", "Bearer " + admin)
                        .header("Accept-Encoding", "identity").header("If-None-Match", zipped.header("ETag")));
                assertThat(otherRepresentation.code()).isEqualTo(200);
            }
        });
    }

    /**
     * Regression (tiles of stored points read lean, with the policy applied record by record): for every kind of
     * asker, an incident or camera tile is byte for byte the tile of what the one access policy lets them see
     * ({@code features(who, …)}, the chokepoint of OGC API and exports), at every zoom the Java encoder serves.
     */
    @Test
    void pointTilesAreTheTilesOfWhatThePolicyLetsTheAskerSee() {
        List<vn.anttmap.auth.Principal> askers = List.of(new vn.anttmap.auth.Principal("a", Account.Role.ADMIN, null),
                new vn.anttmap.auth.Principal("o", Account.Role.OFFICER, "hai-hoa"),
                new vn.anttmap.auth.Principal("n", Account.Role.OFFICER, "ninh-hai"),
                new vn.anttmap.auth.Principal("p", Account.Role.PLANNER, null), vn.anttmap.auth.Principal.PUBLIC);
        var incident = services.store().query(Layer.INCIDENTS, FeatureQuery.ALL).get(0).geometry().getCoordinate();
        var camera = services.store().query(Layer.CAMERAS, FeatureQuery.ALL).get(0).geometry().getCoordinate();
        java.util.Map<String, Integer> nonEmpty = new java.util.TreeMap<>();
        java.util.Set<String> clusteredAt = new java.util.TreeSet<>();
        for (String id : List.of("incidents", "cameras")) {
            var at = id.equals("incidents") ? incident : camera;
            for (int z : new int[]{9, 11, 12, 14, 16}) {
                int x = (int) Math.floor((at.x + 180) / 360 * (1 << z));
                double lat = Math.toRadians(at.y);
                int y = (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
                var margin = vn.anttmap.io.MvtTiles.lonLatBoundsWithBuffer(z, x, y);
                for (vn.anttmap.auth.Principal who : askers) {
                    List<vn.anttmap.model.Feature> visible = services.publish().features(who, id, margin);
                    byte[] expected = z < vn.anttmap.service.PublishService.EVERY_POINT_FROM_ZOOM ? clustered(id, visible, z, x, y)
                            : vn.anttmap.io.MvtTiles.encode(id, visible, z, x, y);
                    assertThat(services.publish().tile(who, id, z, x, y)).as(id + " " + z + " " + who).isEqualTo(expected);
                    if (expected.length > 0) {
                        nonEmpty.merge(id + " " + who.role(), 1, Integer::sum);
                    }
                    if (z < vn.anttmap.service.PublishService.EVERY_POINT_FROM_ZOOM && new String(expected, java.nio.charset.StandardCharsets.ISO_8859_1).contains("point_count")) {
                        clusteredAt.add(id + " " + z);
                    }
                }
            }
        }
        // The comparison is not vacuous: admins and the ward's officer see incidents; everyone sees some cameras; below
        // zoom 12 some cells gather several points.
        assertThat(clusteredAt).isNotEmpty();
        assertThat(nonEmpty).containsKeys("incidents ADMIN", "incidents OFFICER", "cameras ADMIN", "cameras PLANNER",
                "cameras PUBLIC").doesNotContainKeys("incidents PLANNER", "incidents PUBLIC");
    }

    /** The tile of these points gathered into cells as below zoom 12 (through the tile's own public API). */
    private static byte[] clustered(String id, List<vn.anttmap.model.Feature> features, int z, int x, int y) {
        vn.anttmap.io.PointTile tile = vn.anttmap.io.MvtTiles.points(id, z, x, y).clustered(vn.anttmap.service.PublishService.CLUSTER_UNITS);
        for (vn.anttmap.model.Feature f : features) {
            List<String> names = List.copyOf(f.properties().keySet());
            tile.add(f.id(), f.geometry().getCoordinate().x, f.geometry().getCoordinate().y, names,
                    names.stream().map(f::get).toArray());
        }
        return tile.encode();
    }

    static java.util.Set<String> tileIds(byte[] tile) throws IOException {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (tile.length == 0) {
            return out;
        }
        var mvt = io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader.loadMvt(new java.io.ByteArrayInputStream(tile),
                new org.locationtech.jts.geom.GeometryFactory(), new io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter());
        for (var g : mvt.getLayer("incidents").getGeometries()) {
            out.add((String) ((java.util.Map<?, ?>) g.getUserData()).get("id"));
        }
        return out;
    }

    @Test
    void anOfficersTokenShowsTheirWardsIncidentsAndCameras() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            JsonNode incidents = HttpServer.JSON.readTree(body(client.get("/api/v1/incidents", TestAuth.bearer(officer))));
            assertThat(incidents.path("features")).hasSize(36);
            assertThat(incidents.path("features").get(0).path("properties").path("description").asText()).isNotEmpty();
            JsonNode cameras = HttpServer.JSON.readTree(body(client.get("/api/v1/cameras", TestAuth.bearer(officer))));
            // Every camera of their ward; of the neighbouring wards' cameras, only those the public sees.
            java.util.Set<String> own = new java.util.HashSet<>();
            java.util.Set<String> elsewhere = new java.util.HashSet<>();
            cameras.path("features").forEach(c -> ("hai-hoa".equals(c.path("properties").path("ward_id").asText()) ? own : elsewhere)
                    .add(c.path("id").asText()));
            assertThat(own).hasSize(125);
            java.util.Set<String> publicElsewhere = new java.util.HashSet<>();
            HttpServer.JSON.readTree(body(client.get("/api/v1/cameras"))).path("features").forEach(c -> {
                if (!"hai-hoa".equals(c.path("properties").path("ward_id").asText())) {
                    publicElsewhere.add(c.path("id").asText());
                }
            });
            assertThat(elsewhere).isNotEmpty().isEqualTo(publicElsewhere);
            JsonNode scores = HttpServer.JSON.readTree(body(client.get("/api/v1/scores/areas/tdp-quang-trung?year=2023", TestAuth.bearer(officer))));
            assertThat(scores.toString()).contains("\"layer\":\"incidents\"");
            JsonNode other = HttpServer.JSON.readTree(body(client.get("/api/v1/incidents", TestAuth.bearer(otherOfficer))));
            // Ninh Hải's officer sees Ninh Hải's incidents (the demo's neighbour has its own), none of Hải Hòa's.
            assertThat(other.path("features")).hasSize(services.store().query(Layer.INCIDENTS, FeatureQuery.ALL.withWard("ninh-hai")).size())
                    .isNotEmpty().allSatisfy(f -> assertThat(f.path("properties").path("ward_id").asText()).isEqualTo("ninh-hai"));
            assertThat(client.get("/api/v1/audit", TestAuth.bearer(officer)).code()).isEqualTo(403);
        });
    }

    static Response send(io.javalin.testtools.HttpClient client, String method, String path, String json, Consumer<Request.Builder> extra)
            throws IOException {
        Request.Builder b = new Request.Builder().url(client.getOrigin() + path)
                .method(method, json == null ? (method.equals("DELETE") ? RequestBody.create(new byte[0]) : null)
                        : RequestBody.create(json, MediaType.get("application/json")));
        extra.accept(b);
        return client.getOkHttp().newCall(b.build()).execute();
    }

    /**
     * The lists the map page reads its evidence records from (organisations, exception decisions, a subject's
     * attestations): the ward's officers see their own ward's, anyone else nothing (401 signed out, 403 signed in).
     */
    @Test
    void evidenceRecordsAreListedToTheWardsOfficersOnly() {
        JavalinTest.test(app(), (server, client) -> {
            String org = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[105.795,19.451]},"
                    + "\"properties\":{\"name\":\"Trường THCS Thử\",\"kind\":\"school\",\"assessment_year\":2024}}";
            Response created = send(client, "POST", "/api/v1/organisations", org, TestAuth.bearer(officer));
            String createdBody = body(created);
            assertThat(created.code()).as(createdBody).isEqualTo(201);
            String orgId = HttpServer.JSON.readTree(createdBody).path("id").asText();
            String att = "{\"subject_kind\":\"area\",\"subject_id\":\"tdp-quang-trung\",\"check_id\":\"register_complete\","
                    + "\"year\":2024,\"attested\":true,\"attested_by\":\"Đại úy A\",\"document_ref\":\"Sổ 01/2024\"}";
            Response attested = send(client, "POST", "/api/v1/attestations", att, TestAuth.bearer(officer));
            String attestedBody = body(attested);
            assertThat(attested.code()).as(attestedBody).isEqualTo(201);
            String attId = HttpServer.JSON.readTree(attestedBody).path("id").asText();
            try {
                JsonNode orgs = HttpServer.JSON.readTree(body(client.get("/api/v1/organisations?ward=hai-hoa", TestAuth.bearer(officer))));
                assertThat(orgs.path("features").toString()).contains(orgId).contains("Trường THCS Thử");
                assertThat(HttpServer.JSON.readTree(body(client.get("/api/v1/organisations?ward=hai-hoa",
                        TestAuth.bearer(otherOfficer)))).path("features")).isEmpty();
                assertThat(client.get("/api/v1/organisations?ward=hai-hoa").code()).isEqualTo(401);
                assertThat(client.get("/api/v1/exception_decisions?ward=hai-hoa").code()).isEqualTo(401);
                // An area's teams (listed in its panel to edit them, issue 18): its ward's officers only.
                JsonNode teams = HttpServer.JSON.readTree(body(client.get("/api/v1/teams?area=tdp-quang-trung", TestAuth.bearer(officer))));
                assertThat(teams.path("numberReturned").asInt()).isEqualTo(services.store().query(Layer.TEAMS,
                        vn.anttmap.model.FeatureQuery.ALL.withArea("tdp-quang-trung")).size()).isPositive();
                assertThat(HttpServer.JSON.readTree(body(client.get("/api/v1/teams?area=tdp-quang-trung",
                        TestAuth.bearer(otherOfficer)))).path("features")).isEmpty();
                assertThat(client.get("/api/v1/teams?area=tdp-quang-trung").code()).isEqualTo(401);
                assertThat(client.get("/api/v1/exception_decisions?ward=hai-hoa&from=2022-11-01&to=2023-10-31",
                        TestAuth.bearer(officer)).code()).isEqualTo(200);

                String q = "/api/v1/attestations?subject_kind=area&subject_id=tdp-quang-trung&year=2024";
                JsonNode list = HttpServer.JSON.readTree(body(client.get(q, TestAuth.bearer(officer))));
                assertThat(list.path("attestations")).hasSize(1);
                assertThat(list.path("attestations").get(0).path("id").asText()).isEqualTo(attId);
                assertThat(list.path("attestations").get(0).path("check_id").asText()).isEqualTo("register_complete");
                assertThat(list.path("attestations").get(0).path("document_ref").asText()).isEqualTo("Sổ 01/2024");
                // The record itself, with its version to edit it: to the area's ward's officers only.
                Response one = client.get("/api/v1/attestations/" + attId, TestAuth.bearer(officer));
                assertThat(one.code()).isEqualTo(200);
                assertThat(one.header("ETag")).isNotBlank();
                assertThat(client.get("/api/v1/attestations/" + attId, TestAuth.bearer(otherOfficer)).code()).isEqualTo(404);
                assertThat(client.get(q).code()).isEqualTo(401);
                assertThat(client.get(q, TestAuth.bearer(otherOfficer)).code()).isEqualTo(403);
                assertThat(client.get("/api/v1/attestations?subject_kind=area&year=2024", TestAuth.bearer(officer)).code())
                        .isEqualTo(400);
            } finally {
                services.store().write(new vn.anttmap.store.WriteBatch().delete(Layer.ORGANISATIONS, List.of(orgId))
                        .delete(Layer.ATTESTATIONS, List.of(attId)));
            }
        });
    }

    /**
     * Regression: an officer of another ward got 403 (PUT, DELETE) or 409 with the current version on a record of
     * ward hai-hoa, which told them it exists; now exactly the 404 of a missing id, and the record is unchanged.
     */
    @Test
    void anotherWardsRecordIsAnsweredAsMissing() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            String feature = "{\"type\":\"Feature\",\"id\":\"vv-hidden-1\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[105.795,19.451]},"
                    + "\"properties\":{\"occurred_at\":\"2023-10-20T21:00:00+07:00\",\"category\":\"crime\",\"severity\":\"it_nghiem_trong\","
                    + "\"channel\":\"hotline_113\",\"description\":\"Trộm xe đạp\"}}";
            Response created = send(client, "POST", "/api/v1/incidents", feature, TestAuth.bearer(officer));
            assertThat(created.code()).as(body(created)).isEqualTo(201);
            String etag = created.header("ETag");
            try {
                // Creating a record of their own ward under the taken id: refused (an id is given once), without the
                // hidden record's version; its own ward's officer gets the version.
                var inside = services.store().get(Layer.WARDS, "ninh-hai").orElseThrow().geometry().getInteriorPoint();
                String theirs = feature.replace("105.795,19.451", inside.getX() + "," + inside.getY());
                Response taken = send(client, "POST", "/api/v1/incidents", theirs, TestAuth.bearer(otherOfficer));
                String takenBody = body(taken);
                assertThat(taken.code()).as(takenBody).isEqualTo(409);
                assertThat(taken.header("ETag")).isNull();
                assertThat(takenBody).doesNotContain("currentVersion").doesNotContain("hai-hoa").doesNotContain("Trộm");
                assertThat(HttpServer.JSON.readTree(takenBody).path("detail").asText()).isEqualTo("the id 'vv-hidden-1' is taken");
                Response ownTaken = send(client, "POST", "/api/v1/incidents", feature, TestAuth.bearer(officer));
                assertThat(ownTaken.code()).isEqualTo(409);
                assertThat(ownTaken.header("ETag")).isEqualTo(etag);
                java.util.Map<String, List<String>> bodies = new java.util.HashMap<>();
                for (String id : List.of("vv-hidden-1", "vv-never-was")) {
                    String changed = feature.replace("vv-hidden-1", id).replace("Trộm xe đạp", "Đã sửa");
                    List<Response> answers = List.of(
                            client.get("/api/v1/incidents/" + id, TestAuth.bearer(otherOfficer)),
                            send(client, "PUT", "/api/v1/incidents/" + id, changed, TestAuth.bearer(otherOfficer)),
                            send(client, "PUT", "/api/v1/incidents/" + id, changed, b -> {
                                TestAuth.bearer(otherOfficer).accept(b);
                                b.header("If-Match", "\"0000\"");
                            }),
                            send(client, "PUT", "/api/v1/incidents/" + id, changed, b -> {
                                TestAuth.bearer(otherOfficer).accept(b);
                                b.header("If-Match", etag);
                            }),
                            send(client, "DELETE", "/api/v1/incidents/" + id, null, b -> {
                                TestAuth.bearer(otherOfficer).accept(b);
                                b.header("If-Match", etag);
                            }));
                    for (Response r : answers) {
                        String text = body(r);
                        assertThat(r.code()).as(id + ": " + text).isEqualTo(404);
                        assertThat(r.header("ETag")).isNull();
                        assertThat(text).doesNotContain("hai-hoa").doesNotContain("currentVersion");
                        bodies.computeIfAbsent(id, k -> new ArrayList<>()).add(text.replace(id, "ID"));
                    }
                }
                assertThat(bodies.get("vv-hidden-1")).isEqualTo(bodies.get("vv-never-was"));
                assertThat(services.store().get(Layer.INCIDENTS, "vv-hidden-1").orElseThrow().get("description")).isEqualTo("Trộm xe đạp");
            } finally {
                services.store().write(new vn.anttmap.store.WriteBatch().delete(Layer.INCIDENTS, List.of("vv-hidden-1")));
            }
        });
    }

    @Test
    void editsAreCheckedLockedAndAudited() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            String feature = "{\"type\":\"Feature\",\"id\":\"vv-new-1\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[105.795,19.451]},"
                    + "\"properties\":{\"occurred_at\":\"2023-10-20T21:00:00+07:00\",\"category\":\"crime\",\"severity\":\"it_nghiem_trong\","
                    + "\"channel\":\"hotline_113\",\"description\":\"Trộm xe đạp\"}}";
            assertThat(send(client, "POST", "/api/v1/incidents", feature, b -> { }).code()).isEqualTo(401);
            assertThat(send(client, "POST", "/api/v1/incidents", feature, TestAuth.bearer(otherOfficer)).code()).isEqualTo(403);
            Response created = send(client, "POST", "/api/v1/incidents", feature, TestAuth.bearer(officer));
            assertThat(created.code()).as(body(created)).isEqualTo(201);
            String etag = created.header("ETag");
            assertThat(services.store().get(Layer.INCIDENTS, "vv-new-1").orElseThrow().get("area_id")).isNotNull();

            String changed = feature.replace("Trộm xe đạp", "Trộm xe máy");
            assertThat(send(client, "PUT", "/api/v1/incidents/vv-new-1", changed, TestAuth.bearer(officer)).code()).isEqualTo(428);
            Response stale = send(client, "PUT", "/api/v1/incidents/vv-new-1", changed, b -> {
                TestAuth.bearer(officer).accept(b);
                b.header("If-Match", "\"0000\"");
            });
            assertThat(stale.code()).isEqualTo(409);
            var staleBody = HttpServer.JSON.readTree(body(stale));
            assertThat(staleBody.path("currentVersion").asText()).isEqualTo(etag.replace("\"", ""));
            // Issue 18: the second writer is told who changed the record and when (from the audit log), in Vietnam's time.
            assertThat(staleBody.path("changedBy").asText()).isEqualTo("test-officer-hai-hoa");
            java.time.OffsetDateTime changedAt = java.time.OffsetDateTime.parse(staleBody.path("changedAt").asText());
            assertThat(changedAt.getOffset()).isEqualTo(java.time.ZoneOffset.ofHours(7));
            assertThat(staleBody.path("detail").asText()).isEqualTo("the record was changed by test-officer-hai-hoa at "
                    + changedAt.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm"))
                    + " after you opened it; reload it and edit again");
            Response staleVi = send(client, "PUT", "/api/v1/incidents/vv-new-1", changed, b -> {
                TestAuth.bearer(officer).accept(b);
                b.header("If-Match", "\"0000\"").header("Accept-Language", "vi");
            });
            assertThat(HttpServer.JSON.readTree(body(staleVi)).path("detail").asText()).isEqualTo("bản ghi đã được "
                    + "test-officer-hai-hoa sửa lúc " + changedAt.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm"))
                    + " sau khi bạn mở nó; hãy tải lại rồi sửa");
            Response updated = send(client, "PUT", "/api/v1/incidents/vv-new-1", changed, b -> {
                TestAuth.bearer(officer).accept(b);
                b.header("If-Match", etag);
            });
            assertThat(updated.code()).isEqualTo(200);
            assertThat(services.store().get(Layer.INCIDENTS, "vv-new-1").orElseThrow().get("description")).isEqualTo("Trộm xe máy");
            Response bad = send(client, "PUT", "/api/v1/incidents/vv-new-1", changed.replace("105.795", "95.795"), b -> {
                TestAuth.bearer(officer).accept(b);
                b.header("If-Match", updated.header("ETag"));
            });
            assertThat(bad.code()).isEqualTo(400);
            // A delete says why (?reason=, kept in the audit entry); a reason too long to keep is refused, nothing deleted.
            assertThat(send(client, "DELETE", "/api/v1/incidents/vv-new-1?reason=" + "x".repeat(501), null, b -> {
                TestAuth.bearer(officer).accept(b);
                b.header("If-Match", updated.header("ETag"));
            }).code()).isEqualTo(400);
            assertThat(services.store().get(Layer.INCIDENTS, "vv-new-1")).isPresent();
            assertThat(send(client, "DELETE", "/api/v1/incidents/vv-new-1?reason="
                    + java.net.URLEncoder.encode("Nhập trùng với vv-12", java.nio.charset.StandardCharsets.UTF_8), null, b -> {
                TestAuth.bearer(officer).accept(b);
                b.header("If-Match", updated.header("ETag"));
            }).code()).isEqualTo(204);
            assertThat(services.store().get(Layer.INCIDENTS, "vv-new-1")).isEmpty();

            JsonNode audit = HttpServer.JSON.readTree(body(client.get("/api/v1/audit?layer=incidents", TestAuth.bearer(admin))));
            List<String> actions = new ArrayList<>();
            audit.path("entries").forEach(e -> {
                if ("vv-new-1".equals(e.path("recordId").asText())) {
                    actions.add(e.path("action").asText());
                }
            });
            assertThat(actions).containsExactly("delete", "update", "create");
            for (JsonNode e : audit.path("entries")) {
                if ("vv-new-1".equals(e.path("recordId").asText()) && e.path("action").asText().equals("delete")) {
                    assertThat(e.path("detail").asText()).isEqualTo("Nhập trùng với vv-12");
                }
            }
            JsonNode update = null;
            for (JsonNode e : audit.path("entries")) {
                if (e.path("action").asText().equals("update")) {
                    update = e;
                }
            }
            assertThat(update.path("beforeJson").asText()).contains("Trộm xe đạp");
            assertThat(update.path("afterJson").asText()).contains("Trộm xe máy");
            assertThat(update.path("username").asText()).isEqualTo("test-officer-hai-hoa");
        });
    }

    @Test
    void signInUsesAnHttpOnlyStrictCookieWritesNeedTheCsrfTokenAndFailuresAreSlowed() {
        services.auth().addUser("sign-in-test", Account.Role.PLANNER, null, "a good long password".toCharArray());
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            Response ok = send(client, "POST", "/api/v1/login", "{\"username\":\"sign-in-test\",\"password\":\"a good long password\"}", b -> { });
            assertThat(ok.code()).isEqualTo(200);
            String cookie = ok.header("Set-Cookie");
            assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
            String session = cookie.substring(0, cookie.indexOf(';'));
            String csrf = HttpServer.JSON.readTree(body(ok)).path("csrf").asText();
            String plan = "{\"ward\":\"hai-hoa\",\"count\":2,\"method\":\"greedy\"}";
            assertThat(send(client, "POST", "/api/v1/camera-plans", plan, b -> b.header("Cookie", session)).code()).isEqualTo(403);
            assertThat(send(client, "POST", "/api/v1/camera-plans", plan, b -> b.header("Cookie", session).header("X-CSRF-Token", csrf))
                    .code()).isEqualTo(200);
            int last = 0;
            for (int i = 0; i < 7; i++) {
                last = send(client, "POST", "/api/v1/login", "{\"username\":\"sign-in-test\",\"password\":\"wrong\"}", b -> { }).code();
            }
            assertThat(last).isEqualTo(429);
            JsonNode audit = HttpServer.JSON.readTree(body(client.get("/api/v1/audit?user=sign-in-test", TestAuth.bearer(admin))));
            assertThat(audit.toString()).contains("login_failed", "\"login\"");
            assertThat(audit.toString()).doesNotContain("a good long password");
        });
    }

    @Test
    void anExportIsAuditedWithWhoAndWhat() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            assertThat(client.get("/api/v1/export?layers=incidents&format=geojson", TestAuth.bearer(officer)).code()).isEqualTo(200);
            JsonNode audit = HttpServer.JSON.readTree(body(client.get("/api/v1/audit?user=test-officer-hai-hoa", TestAuth.bearer(admin))));
            assertThat(audit.path("entries")).anySatisfy(e -> {
                assertThat(e.path("action").asText()).isEqualTo("export");
                assertThat(e.path("detail").asText().toLowerCase(java.util.Locale.ROOT)).contains("incidents", "geojson");
            });
        });
    }

    @Test
    void theSessionCookieIsSecureBehindAnHttpsProxy() {
        services.auth().addUser("proxy-test", Account.Role.PLANNER, null, "another long password".toCharArray());
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            String login = "{\"username\":\"proxy-test\",\"password\":\"another long password\"}";
            String plain = send(client, "POST", "/api/v1/login", login, b -> { }).header("Set-Cookie");
            assertThat(plain).contains("HttpOnly", "SameSite=Strict").doesNotContain("Secure");
            String proxied = send(client, "POST", "/api/v1/login", login, b -> b.header("X-Forwarded-Proto", "https")).header("Set-Cookie");
            assertThat(proxied).contains("HttpOnly", "SameSite=Strict", "; Secure");
        });
    }
}
