package vn.anttmap.store;

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
        int x = (int) Math.floor((lon + 180) / 360 * (1 << z));
        double rad = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * (1 << z));
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
            byte[] mvt = pg.tile(z, x, y).value();
            var layer = io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader.loadMvt(new ByteArrayInputStream(mvt),
                    new org.locationtech.jts.geom.GeometryFactory(),
                    new io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter()).getLayer("incidents");
            Set<Object> ids = new HashSet<>();
            layer.getGeometries().forEach(g -> ids.add(((java.util.Map<?, ?>) g.getUserData()).get("id")));
            assertThat(ids).containsExactlyInAnyOrder("inside", "buffer");
        }
    }
}
