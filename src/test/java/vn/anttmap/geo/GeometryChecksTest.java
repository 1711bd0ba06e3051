package vn.anttmap.geo;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.anttmap.TestFeatures.wkt;

class GeometryChecksTest {

    private static String out(org.locationtech.jts.geom.Geometry g) {
        return new WKTWriter().write(g);
    }

    @Test
    void clockwisePolygonBecomesCounterClockwiseMultiPolygonWithClockwiseHole() {
        String cw = "POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))";
        assertThat(out(GeometryChecks.toMultiPolygon(wkt(cw))))
                .isEqualTo("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2)))");
    }

    @Test
    void alreadyOrientedPolygonIsUnchanged() {
        String ccw = "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)))";
        assertThat(out(GeometryChecks.toMultiPolygon(wkt(ccw)))).isEqualTo(ccw);
    }

    @Test
    void pointsAndLinesAreNotPolygons() {
        assertThatThrownBy(() -> GeometryChecks.toMultiPolygon(wkt("LINESTRING (0 0, 1 1)")))
                .hasMessage("cần vùng (Polygon hoặc MultiPolygon), nhận được LineString / expected a Polygon or MultiPolygon, got LineString");
    }

    @Test
    void selfIntersectionIsNamedWithWhere() {
        assertThat(GeometryChecks.problem(wkt("POLYGON ((105.78 19.44, 105.80 19.46, 105.80 19.44, 105.78 19.46, 105.78 19.44))")))
                .hasValue("hình học không hợp lệ: ranh giới tự cắt nhau tại hoặc gần (105.79 19.45) / "
                        + "invalid geometry: self-intersection at or near (105.79 19.45)");
    }

    @Test
    void swappedCoordinatesOutOfRangeAreSuspectedAsSwapped() {
        assertThat(GeometryChecks.problem(wkt("POINT (19.451 105.795)")))
                .hasValue("tọa độ (19.451 105.795) nằm ngoài kinh độ -180..180, vĩ độ -90..90 (có phải ghi nhầm chỗ vĩ độ và kinh độ?) / "
                        + "coordinate (19.451 105.795) is outside longitude -180..180, latitude -90..90 (latitude and longitude swapped?)");
    }

    @Test
    void validGeometryHasNoProblem() {
        assertThat(GeometryChecks.problem(wkt("POINT (105.795 19.451)"))).isEmpty();
        assertThat(GeometryChecks.problem(wkt("POLYGON ((0 0, 1 0, 1 1, 0 0))"))).isEmpty();
    }

    @Test
    void swappedExchangesXAndY() {
        assertThat(out(GeometryChecks.swapped((org.locationtech.jts.geom.Point) wkt("POINT (19.451 105.795)"))))
                .isEqualTo("POINT (105.795 19.451)");
    }
}
