package vn.anttmap.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tiles' one decision table: which encoders make a collection's tile at a zoom, in order. */
class TileEncoderChoiceTest {
    @Test
    void storedPointsGoToTheDatabaseAtLowZoomsAndToThePointEncoderAbove() {
        int java = PublishService.JAVA_TILES_FROM_ZOOM;
        for (String points : List.of("incidents", "cameras")) {
            assertThat(PublishService.encoders(points, 0)).containsExactly(PublishService.TileEncoder.DATABASE, PublishService.TileEncoder.POINTS);
            assertThat(PublishService.encoders(points, java - 1)).containsExactly(PublishService.TileEncoder.DATABASE, PublishService.TileEncoder.POINTS);
            assertThat(PublishService.encoders(points, java)).containsExactly(PublishService.TileEncoder.POINTS);
            assertThat(PublishService.encoders(points, 22)).containsExactly(PublishService.TileEncoder.POINTS);
        }
    }

    @Test
    void computedCollectionsAreEncodedFromTheirFeaturesAtEveryZoom() {
        for (String computed : List.of("wards", "residential_areas", "camera_coverage", "camera_proposals",
                "hotspot_density", "hotspot_gistar", "hotspot_emerging")) {
            for (int z : new int[]{0, PublishService.JAVA_TILES_FROM_ZOOM - 1, PublishService.JAVA_TILES_FROM_ZOOM, 22}) {
                assertThat(PublishService.encoders(computed, z)).as(computed + " z" + z).containsExactly(PublishService.TileEncoder.FEATURES);
            }
        }
    }
}
