package vn.anttmap.io;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import vn.anttmap.io.export.ExportLayer;
import vn.anttmap.io.export.KmlReader;
import vn.anttmap.io.export.KmlWriter;
import vn.anttmap.model.Feature;
import vn.anttmap.style.Colour;
import vn.anttmap.style.LayerStyles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** KML carries the page's colours: incidents by category, cameras by status, areas by verdict; and reads back. */
class KmlStylesTest {
    static final GeometryFactory GF = new GeometryFactory();

    static Feature point(String id, Map<String, Object> props) {
        return new Feature(id, GF.createPoint(new Coordinate(105.79, 19.45)), props);
    }

    @Test
    void incidentsAndCamerasGetTheirIconColours() throws Exception {
        ExportLayer incidents = new ExportLayer("incidents", "Point", List.of("category"), List.of(
                point("vv-1", Map.of("category", "crime")), point("vv-2", Map.of("category", "not_in_the_taxonomy"))));
        ExportLayer cameras = new ExportLayer("cameras", "Point", List.of("status"), List.of(
                point("cam-1", Map.of("status", "active")), point("cam-2", Map.of("status", "maintenance"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KmlWriter.write(List.of(incidents, cameras), out);
        String kml = out.toString(StandardCharsets.UTF_8);
        // aabbggrr: crime is #c53030 on the page.
        assertThat(kml).contains("<Style id=\"category-crime\"><IconStyle><color>ff3030c5</color>",
                "<Style id=\"camera-active\"><IconStyle><color>ff5a852f</color>");
        LayerStyles.CATEGORY_COLOURS.forEach((code, css) -> assertThat(kml).contains("<Style id=\"category-" + code
                + "\"><IconStyle><color>" + Colour.parse(css).kml() + "</color>"));
        LayerStyles.CAMERA_STATUS_COLOURS.forEach((status, css) -> assertThat(kml).contains("<Style id=\"camera-" + status
                + "\"><IconStyle><color>" + Colour.parse(css).kml() + "</color>"));
        assertThat(kml).contains("<Placemark id=\"vv-1\"><name>vv-1</name><styleUrl>#category-crime</styleUrl>",
                "<Placemark id=\"vv-2\"><name>vv-2</name><styleUrl>#category-other</styleUrl>",
                "<Placemark id=\"cam-2\"><name>cam-2</name><styleUrl>#camera-maintenance</styleUrl>");
        List<RawRecord> back = KmlReader.read("x.kml", new ByteArrayInputStream(out.toByteArray()), "incidents");
        assertThat(back).extracting(RawRecord::id).containsExactly("vv-1", "vv-2");
        assertThat(back.get(1).values()).containsEntry("category", "not_in_the_taxonomy");
    }

    @Test
    void areasKeepTheirVerdictStylesAndOnlyLayersPresentAddIconStyles() throws Exception {
        ExportLayer areas = new ExportLayer("residential_areas", "MultiPolygon", List.of("verdict_code"), List.of(
                new Feature("kdc-1", GF.createPolygon(new Coordinate[]{new Coordinate(0, 0), new Coordinate(1, 0),
                        new Coordinate(1, 1), new Coordinate(0, 0)}), Map.of("verdict_code", "chua_dat"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KmlWriter.write(List.of(areas), out);
        String kml = out.toString(StandardCharsets.UTF_8);
        assertThat(kml).contains("<PolyStyle><color>7f3030c5</color></PolyStyle>", "<styleUrl>#verdict-chua_dat</styleUrl>",
                "<LineStyle><color>ffb06c2b</color>").doesNotContain("IconStyle");
    }
}
