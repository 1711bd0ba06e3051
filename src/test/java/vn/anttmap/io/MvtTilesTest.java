package vn.anttmap.io;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import vn.anttmap.model.Feature;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.anttmap.TestFeatures.wkt;

class MvtTilesTest {

    @Test
    void aTileEncodesAndDecodesWithItsFeaturesAndProperties() throws Exception {
        // z 15 tile containing (105.795, 19.451)
        int z = 15;
        int x = (int) Math.floor((105.795 + 180) / 360 * (1 << z));
        double latRad = Math.toRadians(19.451);
        int y = (int) Math.floor((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2 * (1 << z));
        Envelope bounds = MvtTiles.lonLatBounds(z, x, y);
        assertThat(bounds.contains(105.795, 19.451)).isTrue();
        List<Feature> features = List.of(
                new Feature("i1", wkt("POINT (105.795 19.451)"), Map.of("category", "crime", "occurred_on", LocalDate.of(2023, 3, 6), "deaths", 0)),
                new Feature("far", wkt("POINT (100 10)"), Map.of("category", "other")));
        byte[] tile = MvtTiles.encode("incidents", features, z, x, y);
        JtsMvt decoded = MvtReader.loadMvt(new ByteArrayInputStream(tile), new GeometryFactory(), new TagKeyValueMapConverter());
        assertThat(decoded.getLayersByName()).containsKey("incidents");
        List<Geometry> geoms = List.copyOf(decoded.getLayer("incidents").getGeometries());
        assertThat(geoms).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) geoms.get(0).getUserData();
        assertThat(props).containsEntry("id", "i1").containsEntry("category", "crime").containsEntry("occurred_on", "2023-03-06");
        double px = geoms.get(0).getCoordinate().x;
        double expected = ((105.795 + 180) / 360 * (1 << z) - x) * 4096;
        assertThat(px).isCloseTo(expected, within(1.0));
    }

    @Test
    void tileNamesAreChecked() {
        assertThat(MvtTiles.valid(0, 0, 0)).isTrue();
        assertThat(MvtTiles.valid(2, 4, 0)).isFalse();
        assertThat(MvtTiles.valid(-1, 0, 0)).isFalse();
    }
}
