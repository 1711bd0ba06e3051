package vn.anttmap.geo;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutlineSimplifierTest {
    /** A 1 km square near Hải Hòa with a 3 m notch in its southern edge and a 30 m one in its northern edge. */
    static final String SQUARE = "POLYGON ((105.78 19.44, 105.7825 19.44, 105.7826 19.43997, 105.7827 19.44, 105.7895 19.44,"
            + " 105.7895 19.449, 105.7827 19.449, 105.7826 19.4487, 105.7825 19.449, 105.78 19.449, 105.78 19.44))";

    @Test
    void removesVerticesWithinTheToleranceInMetresAndKeepsThoseBeyondIt() throws Exception {
        Geometry square = new WKTReader().read(SQUARE);
        Geometry simplified = OutlineSimplifier.simplify(square, 10);
        // The 3 m notch goes, the 30 m one stays: 11 coordinates become 8.
        assertThat(simplified.getNumPoints()).isEqualTo(8);
        assertThat(simplified.isValid()).isTrue();
        assertThat(simplified.getEnvelopeInternal().getMinY()).isCloseTo(19.44, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(simplified.getEnvelopeInternal().getMaxY()).isCloseTo(19.449, org.assertj.core.data.Offset.offset(1e-7));
    }

    @Test
    void zeroToleranceAndPointsComeBackAsTheyAre() throws Exception {
        Geometry square = new WKTReader().read(SQUARE);
        assertThat(OutlineSimplifier.simplify(square, 0)).isSameAs(square);
        Geometry point = new WKTReader().read("POINT (105.78 19.44)");
        assertThat(OutlineSimplifier.simplify(point, 50)).isSameAs(point);
        assertThatThrownBy(() -> new OutlineSimplifier(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutlineSimplifier(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
