package vn.anttmap.geo;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.coverage.CoverageGapFinder;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.anttmap.TestFeatures.wkt;

class AreaPartitionerTest {
    static final Geometry L_SHAPE = wkt("POLYGON ((0 0, 10 0, 10 4, 4 4, 4 10, 0 10, 0 0))");

    static List<Point> seeds(String... wkts) {
        return java.util.Arrays.stream(wkts).map(w -> (Point) wkt(w)).toList();
    }

    @Test
    void twoSeedsSplitASquareAlongTheirBisector() {
        List<Geometry> parts = AreaPartitioner.partition(wkt("POLYGON ((0 0, 2 0, 2 1, 0 1, 0 0))"),
                seeds("POINT (0.5 0.5)", "POINT (1.5 0.5)"), 1e-7);
        assertThat(parts.get(0).norm().toText()).isEqualTo("POLYGON ((0 0, 0 1, 1 1, 1 0, 0 0))");
        assertThat(parts.get(1).norm().toText()).isEqualTo("POLYGON ((1 0, 1 1, 2 1, 2 0, 1 0))");
    }

    @Test
    void partsTileAConcavePolygonExactly() {
        List<Point> s = seeds("POINT (1 1)", "POINT (3 2)", "POINT (8 2)", "POINT (1 8)", "POINT (2 5)", "POINT (6 3)");
        List<Geometry> parts = AreaPartitioner.partition(L_SHAPE, s, 1e-7);
        Geometry[] coverage = parts.toArray(Geometry[]::new);
        assertThat(CoverageValidator.isValid(coverage)).isTrue();
        assertThat(CoverageGapFinder.findGaps(coverage, 0.01).isEmpty()).isTrue();
        assertThat(parts.stream().mapToDouble(Geometry::getArea).sum()).isCloseTo(L_SHAPE.getArea(), within(1e-9));
        for (int i = 0; i < s.size(); i++) {
            assertThat(parts.get(i).covers(s.get(i))).as("part %d holds its seed", i).isTrue();
        }
    }
}
