package vn.anttmap.geo;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.anttmap.TestFeatures.AREA_A_WKT;
import static vn.anttmap.TestFeatures.AREA_B_WKT;
import static vn.anttmap.TestFeatures.wkt;

class AreaLocatorTest {
    private final List<AreaLocator.Candidate> areas = List.of(
            new AreaLocator.Candidate("b", wkt(AREA_B_WKT)), new AreaLocator.Candidate("a", wkt(AREA_A_WKT)));

    private static Point p(double lon, double lat) {
        return (Point) wkt("POINT (" + lon + " " + lat + ")");
    }

    @Test
    void interiorPointsBelongToTheirArea() {
        AreaLocator locator = new AreaLocator(areas);
        assertThat(locator.locate(p(105.785, 19.445))).hasValue("a");
        assertThat(locator.locate(p(105.795, 19.445))).hasValue("b");
    }

    @Test
    void pointOnASharedBoundaryBelongsToExactlyOneAreaWhateverTheLoadOrder() {
        List<AreaLocator.Candidate> reversed = new ArrayList<>(areas);
        Collections.reverse(reversed);
        for (List<AreaLocator.Candidate> order : List.of(areas, reversed)) {
            AreaLocator locator = new AreaLocator(order);
            assertThat(locator.locate(p(105.79, 19.445))).hasValue("a");
            assertThat(locator.locate(p(105.79, 19.44))).hasValue("a");
        }
    }

    @Test
    void pointOnAnOuterBoundaryBelongsToItsArea() {
        assertThat(new AreaLocator(areas).locate(p(105.80, 19.445))).hasValue("b");
    }

    @Test
    void pointOutsideEveryAreaBelongsToNone() {
        assertThat(new AreaLocator(areas).locate(p(105.81, 19.445))).isEmpty();
        assertThat(new AreaLocator(List.of()).locate(p(105.785, 19.445))).isEmpty();
    }

    @Test
    void polygonIsLocatedByItsInteriorPoint() {
        assertThat(new AreaLocator(List.of(new AreaLocator.Candidate("w",
                wkt("POLYGON ((105.78 19.44, 105.80 19.44, 105.80 19.45, 105.78 19.45, 105.78 19.44))"))))
                .locateInterior(wkt(AREA_B_WKT))).hasValue("w");
    }
}
