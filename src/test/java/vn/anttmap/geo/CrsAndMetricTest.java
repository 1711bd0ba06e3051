package vn.anttmap.geo;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static vn.anttmap.TestFeatures.wkt;

/**
 * Reference values are PROJ's (gdaltransform / geod from Debian's gdal-bin and proj-bin), an implementation
 * independent of proj4j, for the point (105.795, 19.451) in phường Hải Hòa.
 */
class CrsAndMetricTest {

    private static double[] fromWgs84(String crs) {
        return new CoordinateTransformer(Crs.wgs84(), Crs.resolve(crs)).apply(105.795, 19.451);
    }

    @Test
    void vn2000ThanhHoaZoneMatchesProj() {
        double[] xy = fromWgs84("VN2000:Thanh Hóa");
        assertThat(xy[0]).isCloseTo(583276.596, within(0.05));
        assertThat(xy[1]).isCloseTo(2151678.035, within(0.05));
    }

    @Test
    void provinceNamesIgnoreCaseDiacriticsAndPrefixes() {
        double[] a = fromWgs84("VN2000:thanh-hoa");
        double[] b = fromWgs84("VN2000:Tỉnh Thanh Hóa");
        double[] c = fromWgs84("VN2000-TM3:105");
        assertThat(a).containsExactly(b);
        assertThat(a).containsExactly(c);
    }

    @Test
    void vn2000Utm48MatchesProj() {
        double[] xy = fromWgs84("EPSG:3405");
        assertThat(xy[0]).isCloseTo(583251.611, within(0.05));
        assertThat(xy[1]).isCloseTo(2151032.467, within(0.05));
    }

    @Test
    void wgs84Utm48MatchesProj() {
        double[] xy = fromWgs84("EPSG:32648");
        assertThat(xy[0]).isCloseTo(583447.755, within(0.01));
        assertThat(xy[1]).isCloseTo(2150923.624, within(0.01));
    }

    @Test
    void unknownNamesAreRefusedWithTheName() {
        assertThatThrownBy(() -> Crs.resolve("VN2000:Atlantis")).hasMessageStartingWith("không biết múi VN-2000 của tỉnh 'Atlantis'")
                .hasMessageContaining(" / unknown VN-2000 province zone 'Atlantis'");
        assertThatThrownBy(() -> Crs.resolve("EPSG:999999")).hasMessageStartingWith("không biết hệ tọa độ 'EPSG:999999' / unknown CRS 'EPSG:999999'");
        assertThatThrownBy(() -> Crs.resolve("WGS84")).hasMessageStartingWith("không biết hệ tọa độ 'WGS84'")
                .hasMessageContaining(" / unknown CRS 'WGS84'");
        assertThatThrownBy(() -> Crs.resolve("VN2000-TM3:20")).hasMessageContaining("nằm ngoài Việt Nam").hasMessageContaining("outside Vietnam");
        // A province the user wrote with its marks stays so on the Vietnamese side only: the English side has none.
        assertThatThrownBy(() -> Crs.resolve("VN2000:Đà Lạt")).hasMessageStartingWith("không biết múi VN-2000 của tỉnh 'Đà Lạt'")
                .hasMessageContaining(" / unknown VN-2000 province zone 'Da Lat'");
    }

    @Test
    void metricProjectionIsTheUtmZoneOfTheLongitude() {
        assertThat(MetricProjection.forLongitude(105.79).epsgCode()).isEqualTo("EPSG:32648");
        assertThat(MetricProjection.forLongitude(108.2).epsgCode()).isEqualTo("EPSG:32649");
    }

    /**
     * Regression: each call made its projection anew (proj4j parsing the zone's definition, about 16 ms), which was
     * nearly all of the camera sectors' 3 s for the demo's 125 cameras. One per zone is shared, and shared across
     * threads gives the same metres.
     */
    @Test
    void theProjectionOfAZoneIsMadeOnceAndSharedAcrossThreads() throws Exception {
        assertThat(MetricProjection.forLongitude(105.79)).isSameAs(MetricProjection.forLongitude(107.9));
        assertThat(MetricProjection.forLongitude(108.2)).isNotSameAs(MetricProjection.forLongitude(105.79));
        Geometry line = wkt("LINESTRING (105.78 19.44, 105.81 19.47)");
        double alone = MetricProjection.forGeometry(line).lengthM(line);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Double>> lengths = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                lengths.add(pool.submit(() -> MetricProjection.forGeometry(line).lengthM(line)));
            }
            for (java.util.concurrent.Future<Double> f : lengths) {
                assertThat(f.get()).isEqualTo(alone);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void lengthInMetresAgreesWithTheGeodesicWithinPointOnePercent() {
        Geometry line = wkt("LINESTRING (105.78 19.44, 105.81 19.47)");
        double geodesicM = 4577.284;
        assertThat(MetricProjection.forGeometry(line).lengthM(line)).isCloseTo(geodesicM, within(geodesicM * 0.001));
    }

    @Test
    void areaOfAOneKilometreSquareBuiltInMetresIsOneSquareKilometre() {
        MetricProjection utm = MetricProjection.forLongitude(105.79);
        Geometry squareM = wkt("POLYGON ((583000 2151000, 584000 2151000, 584000 2152000, 583000 2152000, 583000 2151000))");
        Geometry lonLat = utm.toLonLat(squareM);
        assertThat(utm.areaM2(lonLat)).isCloseTo(1_000_000.0, within(0.5));
    }

    @Test
    void bufferInMetresIsRoundTheMetricPoint() {
        MetricProjection utm = MetricProjection.forLongitude(105.79);
        Geometry buffered = utm.bufferM(wkt("POINT (105.795 19.451)"), 50);
        assertThat(utm.areaM2(buffered)).isCloseTo(Math.PI * 50 * 50, within(Math.PI * 50 * 50 * 0.01));
        assertThat(utm.distanceM(buffered.getCentroid(), wkt("POINT (105.795 19.451)"))).isLessThan(0.5);
    }
}
