package vn.anttmap.store;

import vn.anttmap.store.postgis.PostgisFeatureStore;
import vn.anttmap.model.StoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract on PostGIS. Runs when {@code ANTT_TEST_PG_URL} names a PostgreSQL database with PostGIS available
 * (each test gets a schema of its own); skipped visibly otherwise, and failed under {@code CI=true}.
 */
class PostgisFeatureStoreTest extends FeatureStoreContract {

    @AfterAll
    static void dropSchemas() {
        PostgisTestDatabase.dropCreatedSchemas();
    }

    @Override
    protected FeatureStore openFresh() {
        PostgisTestDatabase.require();
        return PostgisTestDatabase.freshStore();
    }

    @Override
    protected StoreKind expectedKind() {
        return StoreKind.POSTGIS;
    }

    /**
     * Regression: a write that does not keep the counts (an older ANTT Map, psql, a GIS tool editing the table) left
     * them as they were. The guard trigger removes them; they are counted again when next asked for.
     */
    @Test
    void aWriteByHandRemovesTheKeptCounts() throws Exception {
        vn.anttmap.model.Tally tally = yearTally("t");
        store.keep(tally);
        java.util.Random r = new java.util.Random(8);
        List<vn.anttmap.model.Feature> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(randomIncident(r, "i" + i));
        }
        store.write(new WriteBatch().upsert(vn.anttmap.model.Layer.INCIDENTS, rows));
        java.util.Map<String, List<Long>> before = new java.util.TreeMap<>();
        store.countKept(tally, 2023, (k, n) -> before.put(k, java.util.Arrays.stream(n).boxed().toList()));
        assertThat(before).containsKey("a");
        try (java.sql.Connection c = ((JdbcFeatureStore) store).dataSourceConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM incident WHERE area_id = 'a'");
        }
        java.util.Map<String, List<Long>> after = new java.util.TreeMap<>();
        store.countKept(tally, 2023, (k, n) -> after.put(k, java.util.Arrays.stream(n).boxed().toList()));
        assertThat(after).doesNotContainKey("a").isNotEmpty();
    }

    /**
     * Any SQL client's write of a layer (psql, a GIS tool: insert, update, delete, truncate) raises its change stamp,
     * by the statement trigger; so does another store object's write.
     */
    @Test
    void aWriteByHandOrByAnotherStoreChangesTheStamp() throws Exception {
        java.util.List<vn.anttmap.model.Layer> incidents = List.of(vn.anttmap.model.Layer.INCIDENTS);
        java.util.Random r = new java.util.Random(5);
        store.write(new WriteBatch().upsert(vn.anttmap.model.Layer.INCIDENTS, List.of(randomIncident(r, "i1"))));
        long cameras = store.changeStamp(List.of(vn.anttmap.model.Layer.CAMERAS));
        for (String sql : List.of("UPDATE incident SET deaths = 3 WHERE id = 'i1'",
                "INSERT INTO incident SELECT * FROM incident WHERE id = 'none'", // a statement that changes no row counts too
                "DELETE FROM incident WHERE id = 'i1'", "TRUNCATE incident")) {
            long before = store.changeStamp(incidents);
            try (java.sql.Connection c = ((JdbcFeatureStore) store).dataSourceConnection(); java.sql.Statement st = c.createStatement()) {
                st.executeUpdate(sql);
            }
            assertThat(store.changeStamp(incidents)).as(sql).isGreaterThan(before);
        }
        assertThat(store.changeStamp(List.of(vn.anttmap.model.Layer.CAMERAS))).isEqualTo(cameras);
        try (java.sql.Connection c = ((JdbcFeatureStore) store).dataSourceConnection()) {
            String schema = c.getSchema();
            try (PostgisFeatureStore other = PostgisFeatureStore.connect(PostgisTestDatabase.withSchema(PostgisTestDatabase.url(), schema), null, null)) {
                long before = store.changeStamp(incidents);
                other.write(new WriteBatch().upsert(vn.anttmap.model.Layer.INCIDENTS, List.of(randomIncident(r, "i2"))));
                assertThat(store.changeStamp(incidents)).isGreaterThan(before);
                // The store's own write raised it once, not once per statement as well (the trigger was told).
                long one = store.changeStamp(incidents);
                List<vn.anttmap.model.Feature> many = new java.util.ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    many.add(randomIncident(r, "m" + i));
                }
                other.write(new WriteBatch().upsert(vn.anttmap.model.Layer.INCIDENTS, many).delete(vn.anttmap.model.Layer.INCIDENTS, List.of("m1", "m2")));
                assertThat(store.changeStamp(incidents)).isEqualTo(one + 1);
            }
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedWithItsPasswordMasked() {
        assertThatThrownBy(() -> PostgisFeatureStore.connect(
                "jdbc:postgresql://127.0.0.1:1/nowhere?user=x&password=hunter2&connectTimeout=2", null, null))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot connect to PostGIS at jdbc:postgresql://127.0.0.1:1/nowhere")
                .hasMessageContaining("password=****")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void describesItselfWithoutThePassword() {
        assertThat(store.describe()).startsWith("PostGIS jdbc:postgresql://");
    }

    static java.util.List<String> indexes(String url, String table) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT indexname FROM pg_indexes WHERE schemaname = "
                     + "current_schema() AND tablename = ? ORDER BY indexname")) {
            ps.setString(1, table);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * A bulk load into an empty layer sets its secondary indexes aside and builds them again at the end; into a layer
     * that holds records it leaves them; an interrupted load gets them back when the store is next migrated.
     */
    @Test
    void indexesSetAsideForABulkLoadAreBuiltAgain() throws Exception {
        String url = PostgisTestDatabase.freshSchemaUrl();
        java.util.List<String> cameras;
        try (PostgisFeatureStore s = PostgisFeatureStore.connect(url, null, null)) {
            s.migrate();
            java.util.List<String> before = indexes(url, "incident");
            assertThat(before).contains("incident_pkey", "incident_geom_idx", "incident_day_idx");
            Runnable build = s.deferIndexes(vn.anttmap.model.Layer.INCIDENTS);
            assertThat(indexes(url, "incident")).containsExactly("incident_pkey");
            java.time.OffsetDateTime at = java.time.OffsetDateTime.of(2023, 3, 5, 21, 30, 15, 0, java.time.ZoneOffset.ofHours(7));
            s.write(new WriteBatch().upsert(vn.anttmap.model.Layer.INCIDENTS, java.util.List.of(
                    vn.anttmap.TestFeatures.incident("i1", 105.785, 19.445, at, at.toLocalDate(), "a", "w"))));
            build.run();
            assertThat(indexes(url, "incident")).isEqualTo(before);
            // A layer with records keeps its indexes.
            s.deferIndexes(vn.anttmap.model.Layer.INCIDENTS).run();
            assertThat(indexes(url, "incident")).isEqualTo(before);
            // Interrupted: set aside, never built; the next migrate builds them.
            cameras = indexes(url, "camera");
            s.deferIndexes(vn.anttmap.model.Layer.CAMERAS);
            assertThat(indexes(url, "camera")).containsExactly("camera_pkey");
        }
        assertThat(cameras).hasSizeGreaterThan(1);
        try (PostgisFeatureStore s = PostgisFeatureStore.connect(url, null, null)) {
            assertThat(s.migrate()).isZero();
            assertThat(indexes(url, "camera")).isEqualTo(cameras);
        }
    }

    /**
     * Regression: a load's end building its indexes while another process starting on the same database built them
     * too failed with a duplicate index name (so a server started during a load did not start). One builder at a time.
     */
    @Test
    void aLoadsEndAndAnotherStartBuildTheSetAsideIndexesOnce() throws Exception {
        String url = PostgisTestDatabase.freshSchemaUrl();
        try (PostgisFeatureStore a = PostgisFeatureStore.connect(url, null, null);
             PostgisFeatureStore b = PostgisFeatureStore.connect(url, null, null)) {
            a.migrate();
            java.util.List<String> before = indexes(url, "incident");
            Runnable build = a.deferIndexes(vn.anttmap.model.Layer.INCIDENTS);
            java.time.OffsetDateTime at = java.time.OffsetDateTime.of(2023, 3, 5, 21, 30, 15, 0, java.time.ZoneOffset.ofHours(7));
            java.util.List<vn.anttmap.model.Feature> rows = new java.util.ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                rows.add(vn.anttmap.TestFeatures.incident("i" + i, 105.785 + i * 1e-6, 19.445, at, at.toLocalDate(), "a", "w"));
            }
            a.write(new WriteBatch().upsert(vn.anttmap.model.Layer.INCIDENTS, rows));
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var first = two.submit(build);
                var second = two.submit(b::migrate);
                first.get();
                assertThat(second.get()).isZero();
            } finally {
                two.shutdown();
            }
            assertThat(indexes(url, "incident")).isEqualTo(before);
        }
    }

    /** A tile encoded by ST_AsMVT carries the same features and attributes as one encoded in Java. */
    @Test
    void databaseTilesMatchJavaTiles() throws Exception {
        java.time.OffsetDateTime at = java.time.OffsetDateTime.of(2023, 3, 5, 21, 30, 15, 0, java.time.ZoneOffset.ofHours(7));
        java.util.List<vn.anttmap.model.Feature> many = new java.util.ArrayList<>();
        for (int k = 0; k < 50; k++) {
            many.add(vn.anttmap.TestFeatures.incident("t" + k, 105.785 + k * 1e-4, 19.445 + k * 5e-5, at.plusHours(k),
                    at.plusHours(k).toLocalDate(), "a", "w"));
        }
        store.write(new WriteBatch().upsert(vn.anttmap.model.Layer.INCIDENTS, many));
        int z = 15;
        int[] t = vn.anttmap.TestTiles.at(z, 105.786, 19.4455);
        int x = t[0];
        int y = t[1];
        var q = vn.anttmap.TestTiles.tileAndBuffer(z, x, y);
        byte[] db = store.mvt(vn.anttmap.model.Layer.INCIDENTS, q, z, x, y, "incidents", 0).orElseThrow();
        byte[] java = vn.anttmap.io.MvtTiles.encode("incidents", store.query(vn.anttmap.model.Layer.INCIDENTS, q), z, x, y);
        java.util.Map<Object, Object> fromDb = decode(db);
        java.util.Map<Object, Object> fromJava = decode(java);
        assertThat(fromDb).isNotEmpty();
        assertThat(fromDb.keySet()).isEqualTo(fromJava.keySet());
        assertThat(fromDb).isEqualTo(fromJava);
    }

    /**
     * Gathered into clusters (low zooms), a tile from the database holds the same features, in the same order, as one
     * from Java: each cell's only point with its fields, several as one at their mean with cluster and point_count.
     * Ids mix case and punctuation, whose order a database collation other than "C" would change.
     */
    @Test
    void databaseClustersMatchJavaClusters() throws Exception {
        java.time.OffsetDateTime at = java.time.OffsetDateTime.of(2023, 3, 5, 21, 30, 15, 0, java.time.ZoneOffset.ofHours(7));
        java.util.Random r = new java.util.Random(3);
        java.util.List<vn.anttmap.model.Feature> many = new java.util.ArrayList<>();
        for (int k = 0; k < 400; k++) {
            double spread = k < 300 ? 0.01 : 0.4; // dense around the ward, sparse around it
            many.add(vn.anttmap.TestFeatures.incident(String.format("%s%03d", new String[]{"c", "C", "c-", "c."}[k % 4], (k * 37) % 400), 105.78 + (r.nextDouble() - 0.5) * spread,
                    19.445 + (r.nextDouble() - 0.5) * spread, at.plusHours(k), at.plusHours(k).toLocalDate(), "a", "w"));
        }
        store.write(new WriteBatch().upsert(vn.anttmap.model.Layer.INCIDENTS, many));
        java.util.List<String> names = vn.anttmap.model.Layer.INCIDENTS.fields().stream().map(vn.anttmap.model.FieldDef::name).toList();
        for (int z : new int[]{9, 11}) {
            int[] t = vn.anttmap.TestTiles.at(z, 105.78, 19.445);
            int x = t[0];
            int y = t[1];
            var q = vn.anttmap.TestTiles.tileAndBuffer(z, x, y);
            byte[] db = store.mvt(vn.anttmap.model.Layer.INCIDENTS, q, z, x, y, "incidents", 64).orElseThrow();
            vn.anttmap.io.PointTile java = vn.anttmap.io.MvtTiles.points("incidents", z, x, y).clustered(64);
            for (var f : store.query(vn.anttmap.model.Layer.INCIDENTS, q)) {
                java.add(f.id(), f.geometry().getCoordinate().x, f.geometry().getCoordinate().y, names,
                        names.stream().map(f::get).toArray());
            }
            var fromDb = inOrder(db);
            var fromJava = inOrder(java.encode());
            assertThat(fromDb).as("zoom %d", z).isEqualTo(fromJava);
            long clusters = fromDb.stream().filter(e -> e.get(1) instanceof java.util.Map<?, ?> m && m.containsKey("cluster")).count();
            long points = fromDb.stream().mapToLong(e -> e.get(1) instanceof java.util.Map<?, ?> m && m.containsKey("point_count")
                    ? ((Number) m.get("point_count")).longValue() : 1).sum();
            assertThat(clusters).as("zoom %d: clusters", z).isPositive();
            assertThat(clusters).as("zoom %d: fewer features than points", z).isLessThan(fromDb.size());
            assertThat(points).as("zoom %d: every point counted once", z).isEqualTo(store.query(vn.anttmap.model.Layer.INCIDENTS, q).size());
        }
    }

    /**
     * Regression: the database took a cell's first id ({@code min(id)}) and ordered the features by the database's
     * collation, Java by the ids' characters; on a database made with a language's collation (en_US.UTF-8, the
     * default of many installs; here the id column is given one) the two tiles came in different orders, and a
     * cluster's first id was another record.
     */
    @Test
    void regressionDatabaseClustersAreInJavasOrderWhateverTheCollation() throws Exception {
        try (java.sql.Connection c = ((JdbcFeatureStore) store).dataSourceConnection()) {
            PostgisTestDatabase.giveIncidentIdsALanguageCollation(c);
        }
        int z = 10;
        int[] t = vn.anttmap.TestTiles.at(z, 105.78, 19.445);
        int x = t[0];
        int y = t[1];
        java.time.OffsetDateTime at = java.time.OffsetDateTime.of(2023, 3, 5, 21, 30, 15, 0, java.time.ZoneOffset.ofHours(7));
        // By characters: N1 < Zed < alpha < m9; by a language's collation: alpha < m9 < N1 < Zed.
        String[] ids = {"Zed", "alpha", "N1", "m9"};
        double[][] units = {{100.3, 100.3}, {300.3, 100.3}, {500.3, 500.3}, {510.3, 505.3}}; // N1 and m9 share a cell
        java.util.List<vn.anttmap.model.Feature> rows = new java.util.ArrayList<>();
        for (int k = 0; k < ids.length; k++) {
            double[] ll = vn.anttmap.TestTiles.lonLatOfUnit(z, x, y, units[k][0], units[k][1]);
            rows.add(vn.anttmap.TestFeatures.incident(ids[k], ll[0], ll[1], at, at.toLocalDate(), "a", "w"));
        }
        store.write(new WriteBatch().upsert(vn.anttmap.model.Layer.INCIDENTS, rows));
        java.util.List<String> names = vn.anttmap.model.Layer.INCIDENTS.fields().stream().map(vn.anttmap.model.FieldDef::name).toList();
        var q = vn.anttmap.TestTiles.tileAndBuffer(z, x, y);
        byte[] db = store.mvt(vn.anttmap.model.Layer.INCIDENTS, q, z, x, y, "incidents", 64).orElseThrow();
        vn.anttmap.io.PointTile java = vn.anttmap.io.MvtTiles.points("incidents", z, x, y).clustered(64);
        for (var f : store.query(vn.anttmap.model.Layer.INCIDENTS, q)) {
            java.add(f.id(), f.geometry().getCoordinate().x, f.geometry().getCoordinate().y, names, names.stream().map(f::get).toArray());
        }
        var fromJava = inOrder(java.encode());
        assertThat(fromJava).hasSize(3);
        assertThat(inOrder(db)).isEqualTo(fromJava);
    }

    /**
     * Regression: COPY wrote instants and days outside the years 1–9999 as Java writes them ({@code +10000-01-02…},
     * {@code 0000-…}, {@code -0001-…}), which PostgreSQL refuses ("time zone displacement out of range", "date/time
     * field value out of range"), so a large batch holding one failed where a small one (bound values) was stored.
     */
    @Test
    void regressionLargeBatchesKeepYearsBeyond9999AndBeforeTheCommonEra() {
        java.time.ZoneOffset plus7 = java.time.ZoneOffset.ofHours(7);
        java.time.OffsetDateTime[] odd = {
                java.time.OffsetDateTime.of(10000, 1, 2, 3, 4, 5, 0, plus7),
                java.time.OffsetDateTime.of(123456, 12, 31, 23, 59, 59, 250_000_000, java.time.ZoneOffset.ofHoursMinutesSeconds(5, 45, 30)),
                java.time.OffsetDateTime.of(0, 6, 7, 8, 9, 10, 0, plus7), // 1 BC
                java.time.OffsetDateTime.of(-1, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC), // 2 BC
                java.time.OffsetDateTime.of(999, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.ofHoursMinutes(-3, -30))};
        java.time.OffsetDateTime at = java.time.OffsetDateTime.of(2023, 3, 5, 21, 30, 15, 0, plus7);
        List<vn.anttmap.model.Feature> many = new java.util.ArrayList<>();
        for (int k = 0; k < JdbcWrites.COPY_THRESHOLD; k++) {
            java.time.OffsetDateTime t = k < odd.length ? odd[k] : at.plusHours(k);
            many.add(vn.anttmap.TestFeatures.incident(String.format("y%04d", k), 105.78, 19.44, t,
                    vn.anttmap.model.VietnamTime.localDay(t), "a", "w"));
        }
        store.write(new WriteBatch().upsert(vn.anttmap.model.Layer.INCIDENTS, many));
        List<vn.anttmap.model.Feature> back = store.query(vn.anttmap.model.Layer.INCIDENTS, vn.anttmap.model.FeatureQuery.ALL);
        assertThat(back).hasSize(many.size());
        for (int k = 0; k < odd.length; k++) {
            assertThat(((java.time.OffsetDateTime) back.get(k).get("occurred_at")).toInstant()).as("y%04d", k)
                    .isEqualTo(odd[k].toInstant());
            assertThat(back.get(k).get("occurred_on")).as("y%04d", k).isEqualTo(many.get(k).get("occurred_on"));
        }
    }

    /** The tile's features in order, each as (tile coordinates, properties with numbers as doubles). */
    static java.util.List<java.util.List<Object>> inOrder(byte[] tile) throws java.io.IOException {
        var mvt = io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader.loadMvt(new java.io.ByteArrayInputStream(tile),
                new org.locationtech.jts.geom.GeometryFactory(), new io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter());
        java.util.List<java.util.List<Object>> out = new java.util.ArrayList<>();
        for (var g : mvt.getLayer("incidents").getGeometries()) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> props = new java.util.TreeMap<>((java.util.Map<String, Object>) g.getUserData());
            props.replaceAll((k, v) -> v instanceof Number n ? n.doubleValue() : v);
            out.add(java.util.List.of(java.util.List.of(g.getCoordinate().x, g.getCoordinate().y), props));
        }
        return out;
    }

    /** Feature id → (its properties without id, its tile coordinates). */
    static java.util.Map<Object, Object> decode(byte[] tile) throws java.io.IOException {
        var mvt = io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader.loadMvt(new java.io.ByteArrayInputStream(tile),
                new org.locationtech.jts.geom.GeometryFactory(), new io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter());
        java.util.Map<Object, Object> out = new java.util.TreeMap<>();
        for (var g : mvt.getLayer("incidents").getGeometries()) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> props = new java.util.TreeMap<>((java.util.Map<String, Object>) g.getUserData());
            Object id = props.remove("id");
            java.util.Map<String, Object> normal = new java.util.TreeMap<>();
            props.forEach((k, v) -> normal.put(k, v instanceof Number n ? (Object) n.doubleValue() : v));
            out.put(id, java.util.List.of(normal, g.getCoordinate().x, g.getCoordinate().y));
        }
        return out;
    }
}
