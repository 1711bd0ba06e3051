package vn.anttmap.service;

import org.locationtech.jts.geom.Geometry;
import vn.anttmap.demo.DemoGenerator;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.io.GeoJsonReader;
import vn.anttmap.io.GeoJsonWriter;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Regenerates the synthetic demo files from the real ward boundary (the command {@code generate-demo}). */
public final class DemoFiles {
    /** The ward the demo is built around. */
    public static final String WARD_ID = "hai-hoa";

    private DemoFiles() {
    }

    /**
     * The content of every synthetic demo file ({@code <layer>.geojson}), generated from the wards file.
     *
     * @throws IllegalArgumentException when the wards file has no ward {@value #WARD_ID}
     */
    public static Map<Layer, byte[]> generate(String source, InputStream wardsGeoJson) throws IOException {
        RawRecord raw = GeoJsonReader.read(source, wardsGeoJson).stream().filter(r -> WARD_ID.equals(r.id()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(source + " has no ward with id " + WARD_ID));
        Geometry g = GeometryChecks.toMultiPolygon(raw.geometry());
        Feature ward = new Feature(raw.id(), g, Map.of("valid_from", LocalDate.parse(raw.values().get("valid_from").toString())));
        Map<Layer, byte[]> files = new EnumMap<>(Layer.class);
        for (Map.Entry<Layer, List<Feature>> e : DemoGenerator.generate(ward).entrySet()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            GeoJsonWriter.write(e.getKey(), e.getValue(), Map.of(), out);
            files.put(e.getKey(), out.toByteArray());
        }
        return files;
    }
}
