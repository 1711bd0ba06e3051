package vn.anttmap.demo;

import org.junit.jupiter.api.Test;
import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated ids are what the reports, the bench and earlier data sets name (zero-padded, fixed width). */
class ScaleGeneratorTest {

    @Test
    void idsAreZeroPaddedAsBefore() {
        assertThat(ScaleGenerator.wardId(7)).isEqualTo("w00007");
        assertThat(ScaleGenerator.wardId(2999)).isEqualTo("w02999");
        assertThat(ScaleGenerator.areaId(12, 3)).isEqualTo("w00012-a03");
        assertThat(ScaleGenerator.areaId(0, 34)).isEqualTo("w00000-a34");
        assertThat(ScaleGenerator.padded(123456, 5)).isEqualTo("123456");
        assertThat(ScaleGenerator.padded(0, 4)).isEqualTo("0000");
    }

    @Test
    void cameraAndIncidentIdsOfAWard() {
        ScaleGenerator gen = new ScaleGenerator(ScaleGenerator.Scale.WARD, 1);
        List<Feature> cameras = new ArrayList<>();
        gen.wardRecords(0, Layer.CAMERAS, cameras::add);
        List<Feature> incidents = new ArrayList<>();
        gen.wardRecords(0, Layer.INCIDENTS, incidents::add);
        assertThat(cameras.get(0).id()).isEqualTo("w00000-c0000");
        assertThat(cameras.get(cameras.size() - 1).id()).isEqualTo("w00000-c0249");
        assertThat(incidents.get(0).id()).isEqualTo("w00000-i00000");
        assertThat(incidents.get(999).id()).isEqualTo("w00000-i00999");
    }
}
