package vn.anttmap.geo;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static vn.anttmap.TestFeatures.wkt;

class CameraSectorBuilderTest {
    static final Point CAMERA = (Point) wkt("POINT (105.795 19.451)");
    static final MetricProjection UTM = MetricProjection.forLongitude(105.795);

    @Test
    void aNinetyDegreeSectorHasAQuarterOfTheDiscsArea() {
        Polygon sector = CameraSectorBuilder.sector(CAMERA, 45, 90, 40);
        double quarterDisc = Math.PI * 40 * 40 / 4;
        assertThat(UTM.areaM2(sector)).isCloseTo(quarterDisc, within(quarterDisc * 0.01));
        assertThat(sector.isValid()).isTrue();
    }

    @Test
    void theSectorLooksAlongItsBearing() {
        Polygon east = CameraSectorBuilder.sector(CAMERA, 90, 30, 50);
        Point centroid = east.getCentroid();
        assertThat(centroid.getX()).isGreaterThan(CAMERA.getX());
        assertThat(centroid.getY()).isCloseTo(CAMERA.getY(), within(1e-5));
        double farthest = 0;
        for (var c : east.getCoordinates()) {
            farthest = Math.max(farthest, UTM.distanceM(CAMERA, CAMERA.getFactory().createPoint(c)));
        }
        assertThat(farthest).isCloseTo(50, within(0.01));
    }

    @Test
    void a360DegreeDomeSeesAWholeDisc() {
        Polygon disc = CameraSectorBuilder.sector(CAMERA, 0, 360, 25);
        assertThat(UTM.areaM2(disc)).isCloseTo(Math.PI * 25 * 25, within(Math.PI * 25 * 25 * 0.01));
        assertThat(disc.covers(CAMERA)).isTrue();
    }

    @Test
    void impossibleCamerasAreRefused() {
        assertThatThrownBy(() -> CameraSectorBuilder.sector(CAMERA, 0, 0, 25)).hasMessage("field of view must be in (0, 360], got 0.0°");
        assertThatThrownBy(() -> CameraSectorBuilder.sector(CAMERA, 0, 90, -1)).hasMessage("range must be positive, got -1.0 m");
    }
}
