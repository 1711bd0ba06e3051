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

    /**
     * Points are written straight as protocol buffers; the tile decodes to what the general encoder (the library's,
     * used for lines and polygons) makes of the same points: the same features, properties, types and positions, the
     * tile's buffer kept and anything beyond it left out.
     */
    @Test
    void pointTilesDecodeAsTheGeneralEncodersDo() throws Exception {
        int z = 14;
        int x = (int) Math.floor((105.795 + 180) / 360 * (1 << z));
        double latRad = Math.toRadians(19.451);
        int y = (int) Math.floor((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2 * (1 << z));
        Envelope b = MvtTiles.lonLatBounds(z, x, y);
        java.time.OffsetDateTime at = java.time.OffsetDateTime.of(2023, 3, 5, 21, 30, 0, 0, java.time.ZoneOffset.UTC);
        List<Feature> features = new java.util.ArrayList<>();
        for (int k = 0; k < 40; k++) {
            Map<String, Object> p = new java.util.LinkedHashMap<>();
            p.put("occurred_at", at.plusMinutes(k * 37L));
            p.put("category", k % 3 == 0 ? "crime" : "other");
            p.put("severity", k % 4 == 0 ? null : "it_nghiem_trong");
            p.put("serious", k % 2 == 0);
            p.put("deaths", k % 5 - 1);
            p.put("share", k / 8.0);
            p.put("occurred_on", LocalDate.of(2023, 3, 5).plusDays(k));
            p.put("description", "Vụ việc số " + k);
            // spread over the tile, its buffer and beyond it
            double lon = b.getMinX() - b.getWidth() / 8 + k * b.getWidth() * 1.25 / 39;
            double lat = b.getMinY() - b.getHeight() / 8 + (k * 7 % 40) * b.getHeight() * 1.25 / 39;
            features.add(new Feature("i" + k, new GeometryFactory().createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat)), p));
        }
        Map<Object, Object> points = decode(MvtTiles.encode("incidents", features, z, x, y));
        // The general encoder, through a collection that is not all points (an empty line is left out of the tile).
        List<Feature> withLine = new java.util.ArrayList<>(features);
        withLine.add(new Feature("line", new GeometryFactory().createLineString(), Map.of()));
        Map<Object, Object> general = decode(MvtTiles.encode("incidents", withLine, z, x, y));
        assertThat(points).isNotEmpty().hasSizeLessThan(40).isEqualTo(general);
        assertThat(points.toString()).contains("Vụ việc số", "occurred_at=2023-03-06T10:40:00+07:00");
        assertThat(MvtTiles.encode("incidents", List.of(), z, x, y)).isEmpty();
    }

    /**
     * A point tile is written by feature id, whatever order the points come in (the store reads a tile's records in
     * no particular order): the same records make the same bytes, and so the same ETag; added one at a time, points
     * make the tile the features make.
     */
    @Test
    void pointTilesAreTheSameBytesInAnyOrder() {
        int z = 14;
        int x = (int) Math.floor((105.795 + 180) / 360 * (1 << z));
        double latRad = Math.toRadians(19.451);
        int y = (int) Math.floor((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2 * (1 << z));
        Envelope b = MvtTiles.lonLatBounds(z, x, y);
        List<String> names = List.of("category", "occurred_on", "deaths");
        List<Feature> features = new java.util.ArrayList<>();
        for (int k = 0; k < 30; k++) {
            Map<String, Object> p = new java.util.LinkedHashMap<>();
            p.put("category", k % 3 == 0 ? "crime" : "other");
            p.put("occurred_on", LocalDate.of(2023, 3, 5).plusDays(k % 7));
            p.put("deaths", k % 4 == 0 ? null : k % 3);
            features.add(new Feature(String.format("i%02d", k), new GeometryFactory().createPoint(new org.locationtech.jts.geom.Coordinate(
                    b.getMinX() + (k * 13 % 30) * b.getWidth() / 30, b.getMinY() + (k * 7 % 30) * b.getHeight() / 30)), p));
        }
        byte[] byId = MvtTiles.encode("incidents", features, z, x, y);
        List<Feature> shuffled = new java.util.ArrayList<>(features);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        assertThat(MvtTiles.encode("incidents", shuffled, z, x, y)).isEqualTo(byId);
        PointTile added = MvtTiles.points("incidents", z, x, y);
        for (Feature f : shuffled) {
            added.add(f.id(), f.geometry().getCoordinate().x, f.geometry().getCoordinate().y, names,
                    names.stream().map(f::get).toArray());
        }
        assertThat(added.encode()).isEqualTo(byId);
        assertThat(MvtTiles.points("incidents", z, x, y).encode()).isEmpty();
    }

    /** Feature id → (its properties with numbers as doubles, its tile coordinates). */
    static Map<Object, Object> decode(byte[] tile) throws java.io.IOException {
        JtsMvt mvt = MvtReader.loadMvt(new ByteArrayInputStream(tile), new GeometryFactory(), new TagKeyValueMapConverter());
        Map<Object, Object> out = new java.util.TreeMap<>();
        for (Geometry g : mvt.getLayer("incidents").getGeometries()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> props = new java.util.TreeMap<>((Map<String, Object>) g.getUserData());
            Object id = props.remove("id");
            Map<String, Object> normal = new java.util.TreeMap<>();
            props.forEach((k, v) -> normal.put(k, v instanceof Number n ? (Object) n.doubleValue() : v));
            out.put(id, List.of(normal, g.getCoordinate().x, g.getCoordinate().y));
        }
        return out;
    }

    /** Tile coordinates → properties (numbers as doubles) of each feature, in the order written. */
    static List<Map.Entry<List<Double>, Map<String, Object>>> features(byte[] tile, String layer) throws java.io.IOException {
        JtsMvt mvt = MvtReader.loadMvt(new ByteArrayInputStream(tile), new GeometryFactory(), new TagKeyValueMapConverter());
        List<Map.Entry<List<Double>, Map<String, Object>>> out = new java.util.ArrayList<>();
        for (Geometry g : mvt.getLayer(layer).getGeometries()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> props = new java.util.TreeMap<>((Map<String, Object>) g.getUserData());
            props.replaceAll((k, v) -> v instanceof Number n ? n.doubleValue() : v);
            out.add(Map.entry(List.of(g.getCoordinate().x, g.getCoordinate().y), props));
        }
        return out;
    }

    /**
     * Clustered, points sharing a cell of 64 tile units are one feature at their mean (rounded half up) with cluster
     * and point_count only; a cell's only point keeps its id and fields; features come in the order of their first id.
     */
    @Test
    void clusteredPointTilesGatherEachCellsPoints() throws Exception {
        int z = 10;
        int x = 811;
        int y = 452;
        PointTile tile = MvtTiles.points("incidents", z, x, y).clustered(64);
        List<String> names = List.of("category", "deaths");
        double[][] units = {{10, 10}, {20, 11}, {63, 63}, {64, 10}, {-5, -5}, {-60, -1}, {1000, 2000}};
        String[] ids = {"b", "a", "c", "d", "f", "e", "g"};
        for (int k = 0; k < units.length; k++) {
            double[] ll = vn.anttmap.TestTiles.lonLatOfUnit(z, x, y, units[k][0], units[k][1]);
            tile.add(ids[k], ll[0], ll[1], names, new Object[]{"crime", k});
        }
        var got = features(tile.encode(), "incidents");
        // Cell (0,0): a, b, c (mean 31, 28); cell (1,0): d alone; cell (-1,-1): e, f (mean -32.5 → -32, -3); g alone.
        assertThat(got).extracting(Map.Entry::getKey).containsExactly(
                List.of(31.0, 28.0), List.of(64.0, 10.0), List.of(-32.0, -3.0), List.of(1000.0, 2000.0));
        assertThat(got.get(0).getValue()).isEqualTo(Map.of("cluster", true, "point_count", 3.0));
        assertThat(got.get(1).getValue()).isEqualTo(Map.of("id", "d", "category", "crime", "deaths", 3.0));
        assertThat(got.get(2).getValue()).isEqualTo(Map.of("cluster", true, "point_count", 2.0));
        assertThat(got.get(3).getValue()).isEqualTo(Map.of("id", "g", "category", "crime", "deaths", 6.0));
    }

    /** Instants are written as the ISO formatter writes them, in Vietnam's offset, whether written directly or not. */
    @Test
    void instantsAreWrittenAsIso8601InVietnamTime() {
        java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        java.time.ZoneOffset plus7 = java.time.ZoneOffset.ofHours(7);
        for (java.time.OffsetDateTime t : List.of(
                java.time.OffsetDateTime.of(2023, 3, 5, 21, 30, 0, 0, java.time.ZoneOffset.UTC),
                java.time.OffsetDateTime.of(2024, 12, 31, 23, 59, 59, 0, plus7),
                java.time.OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, plus7),
                java.time.OffsetDateTime.of(2024, 1, 1, 0, 0, 7, 120_000_000, plus7),
                java.time.OffsetDateTime.of(999, 1, 1, 0, 0, 0, 0, plus7))) {
            assertThat(Values.format(t)).isEqualTo(vn.anttmap.model.VietnamTime.inVietnam(t).format(iso));
        }
        assertThat(Values.format(java.time.OffsetDateTime.of(2023, 3, 5, 21, 30, 0, 0, java.time.ZoneOffset.UTC)))
                .isEqualTo("2023-03-06T04:30:00+07:00");
    }

    @Test
    void tileNamesAreChecked() {
        assertThat(MvtTiles.valid(0, 0, 0)).isTrue();
        assertThat(MvtTiles.valid(2, 4, 0)).isFalse();
        assertThat(MvtTiles.valid(-1, 0, 0)).isFalse();
    }
}
