package vn.anttmap.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.model.Layer;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.h2gis.H2gisFeatureStore;
import vn.anttmap.store.PostgisTestDatabase;
import vn.anttmap.store.WriteBatch;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A tile holds the points of its buffer (1/16 of its size in Web Mercator, as ST_AsMVTGeom keeps them) on every side. */
class TileBufferTest {

    @AfterAll
    static void drop() {
        PostgisTestDatabase.dropCreatedSchemas();
    }

    /**
     * Regression: the records of a tile were read within its lon/lat bounds widened by 1/16 of their height in degrees
     * of latitude, less than 1/16 of the tile in Web Mercator on its side towards the equator (about 252 of the 256
     * units at zoom 6 around Vietnam, 189 at zoom 2): points there, which ST_AsMVTGeom and the bench's
     * ST_TileEnvelope query keep, were missing from the tile, by Java and by the database alike.
     */
    @Test
    void regressionTheBufferTowardsTheEquatorHoldsItsPointsOnH2gis() throws Exception {
        try (App.Services s = HttpServerTest.servicesOver(H2gisFeatureStore.inMemory("buffer-" + UUID.randomUUID()))) {
            assertBufferPoints(s);
        }
    }

    @Test
    void regressionTheBufferTowardsTheEquatorHoldsItsPointsOnPostgis() throws Exception {
        PostgisTestDatabase.require();
        try (App.Services s = HttpServerTest.servicesOver(PostgisTestDatabase.freshStore())) {
            assertBufferPoints(s);
        }
    }

    private static void assertBufferPoints(App.Services s) throws Exception {
        OffsetDateTime at = OffsetDateTime.of(2023, 3, 5, 21, 30, 0, 0, ZoneOffset.ofHours(7));
        for (int z : new int[]{6, 13}) {
            int[] t = vn.anttmap.TestTiles.at(z, 105.78, 19.445);
            int x = t[0];
            int y = t[1];
            // Tile units (y down) of tile z/x/y: 254 below its southern edge and 254 above its northern one (both
            // within the buffer of 256, each alone in its cluster cell), 260 below (beyond it).
            String[] ids = {"south-" + z, "north-" + z, "beyond-" + z};
            double[][] units = {{1000.3, 4096 + 254.3}, {3000.3, -254.3}, {2000.3, 4096 + 260.3}};
            FeatureStore store = s.store();
            List<vn.anttmap.model.Feature> rows = new java.util.ArrayList<>();
            for (int k = 0; k < ids.length; k++) {
                double[] ll = vn.anttmap.TestTiles.lonLatOfUnit(z, x, y, units[k][0], units[k][1]);
                rows.add(vn.anttmap.TestFeatures.incident(ids[k], ll[0], ll[1], at, at.toLocalDate(), "a", "w"));
            }
            store.write(new WriteBatch().upsert(Layer.INCIDENTS, rows));
            Set<String> got = AccessAndEditTest.tileIds(s.publish().tile(vn.anttmap.auth.Principal.ADMIN_LOCAL, "incidents", z, x, y));
            assertThat(got).as("zoom %d", z).contains("south-" + z, "north-" + z).doesNotContain("beyond-" + z);
        }
    }
}
