package vn.anttmap.store;

import vn.anttmap.store.postgis.PostgisFeatureStore;
import vn.anttmap.store.postgis.PostgisBaseline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import vn.anttmap.model.Layer;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.anttmap.TestFeatures.incident;

/** The bench's hand-written PostGIS tile is the equivalent of ours: the same points (the tile and its 1/16 buffer). */
class PostgisBaselineTest {

    @AfterAll
    static void dropSchemas() {
        PostgisTestDatabase.dropCreatedSchemas();
    }

    /** Regression: the bare ST_AsMVT query left out the points in the tile's buffer that ours (and Martin) keep. */
    @Test
    void theBaselineTileHoldsThePointsOfTheTileAndItsBuffer() throws Exception {
        PostgisTestDatabase.require();
        String url = PostgisTestDatabase.freshSchemaUrl();
        int z = 14;
        double lon = 105.785;
        double lat = 19.445;
        int[] xy = vn.anttmap.TestTiles.at(z, lon, lat);
        int x = xy[0];
        int y = xy[1];
        Envelope tile = vn.anttmap.io.MvtTiles.lonLatBounds(z, x, y);
        double w = tile.getWidth();
        double midY = (tile.getMinY() + tile.getMaxY()) / 2;
        OffsetDateTime t = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(7));
        try (PostgisFeatureStore store = PostgisFeatureStore.connect(url, null, null)) {
            store.migrate();
            store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(
                    incident("inside", tile.centre().x, midY, t, LocalDate.of(2025, 1, 1), "a", "w"),
                    incident("buffer", tile.getMaxX() + 0.03 * w, midY, t, LocalDate.of(2025, 1, 1), "a", "w"),
                    incident("beyond", tile.getMaxX() + 0.10 * w, midY, t, LocalDate.of(2025, 1, 1), "a", "w"))));
        }
        try (PostgisBaseline pg = new PostgisBaseline(url, null, null)) {
            byte[] mvt = pg.tile(z, x, y, 0).value();
            var layer = io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader.loadMvt(new ByteArrayInputStream(mvt),
                    new org.locationtech.jts.geom.GeometryFactory(),
                    new io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter()).getLayer("incidents");
            Set<Object> ids = new HashSet<>();
            layer.getGeometries().forEach(g -> ids.add(((java.util.Map<?, ?>) g.getUserData()).get("id")));
            assertThat(ids).containsExactlyInAnyOrder("inside", "buffer");
        }
    }

    /** Below zoom 12 the hand-written query gathers the same cells as ours: the same features at the same places. */
    @Test
    void theClusteredBaselineTileHoldsOurFeatures() throws Exception {
        clusteredTilesAgree(false, 11, k -> "i" + k);
    }

    /**
     * Regression: ours and the hand-written query ordered cells by the database's collation; ours now orders them by
     * the ids' characters (as Java does), and so does the baseline, on a database with a language's collation too.
     */
    @Test
    void regressionTheClusteredBaselineTileHoldsOurFeaturesInOrderWhateverTheCollation() throws Exception {
        // Upper and lower case mixed: by characters every I… comes before every i…, not by a language's collation.
        clusteredTilesAgree(true, 12, k -> (k % 2 == 0 ? "i" : "I") + (1000 - k));
    }

    /** 300 incidents around a z10 tile: the baseline's clustered tile, ours from the database and ours from Java agree. */
    private static void clusteredTilesAgree(boolean languageCollation, long seed, java.util.function.IntFunction<String> idOf)
            throws Exception {
        PostgisTestDatabase.require();
        String url = PostgisTestDatabase.freshSchemaUrl();
        int z = 10;
        int[] xy = vn.anttmap.TestTiles.at(z, 105.785, 19.445);
        int x = xy[0];
        int y = xy[1];
        OffsetDateTime t = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(7));
        java.util.Random r = new java.util.Random(seed);
        java.util.List<vn.anttmap.model.Feature> many = new java.util.ArrayList<>();
        for (int k = 0; k < 300; k++) {
            double spread = k < 200 ? 0.02 : 0.5;
            many.add(incident(idOf.apply(k), 105.785 + (r.nextDouble() - 0.5) * spread,
                    19.445 + (r.nextDouble() - 0.5) * spread, t, LocalDate.of(2025, 1, 1), "a", "w"));
        }
        var q = vn.anttmap.TestTiles.tileAndBuffer(z, x, y);
        byte[] ours;
        byte[] java;
        try (PostgisFeatureStore store = PostgisFeatureStore.connect(url, null, null)) {
            store.migrate();
            if (languageCollation) {
                try (java.sql.Connection c = store.dataSourceConnection()) {
                    PostgisTestDatabase.giveIncidentIdsALanguageCollation(c);
                }
            }
            store.write(new WriteBatch().upsert(Layer.INCIDENTS, many));
            ours = store.mvt(Layer.INCIDENTS, q, z, x, y, "incidents", 64).orElseThrow();
            List<String> names = Layer.INCIDENTS.fields().stream().map(vn.anttmap.model.FieldDef::name).toList();
            vn.anttmap.io.PointTile tile = vn.anttmap.io.MvtTiles.points("incidents", z, x, y).clustered(64);
            for (var f : store.query(Layer.INCIDENTS, q)) {
                tile.add(f.id(), f.geometry().getCoordinate().x, f.geometry().getCoordinate().y, names,
                        names.stream().map(f::get).toArray());
            }
            java = tile.encode();
        }
        try (PostgisBaseline pg = new PostgisBaseline(url, null, null)) {
            List<String> baseline = placesAndNames(pg.tile(z, x, y, 64).value());
            assertThat(placesAndNames(ours)).isEqualTo(placesAndNames(java));
            assertThat(baseline).isEqualTo(placesAndNames(ours));
            assertThat(baseline).anyMatch(f -> f.contains("cluster")).anyMatch(f -> f.contains("id "));
        }
    }

    /** Each feature in order: its tile coordinates and its id, or its point_count for a cluster. */
    private static List<String> placesAndNames(byte[] tile) throws Exception {
        var layer = io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader.loadMvt(new ByteArrayInputStream(tile),
                new org.locationtech.jts.geom.GeometryFactory(),
                new io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter()).getLayer("incidents");
        List<String> out = new java.util.ArrayList<>();
        for (var g : layer.getGeometries()) {
            java.util.Map<?, ?> p = (java.util.Map<?, ?>) g.getUserData();
            out.add(g.getCoordinate().x + "," + g.getCoordinate().y + (p.containsKey("cluster")
                    ? " cluster of " + ((Number) p.get("point_count")).longValue() : " id " + p.get("id")));
        }
        return out;
    }
}
