package vn.anttmap.service;

import vn.anttmap.model.Layer;
import vn.anttmap.store.FeatureStore;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo data set of phường Hải Hòa, shipped in the jar under {@code geodata/demo/} as one GeoJSON file per
 * layer ({@code wards.geojson}, {@code areas.geojson}, …). Loaded into an empty store on first start; layers
 * without a file are skipped. See {@code geodata/README.md} for what is real and what is synthetic.
 */
public final class DemoData {
    /** Class-path folder of the demo files. */
    public static final String FOLDER = "/geodata/demo/";

    private DemoData() {
    }

    /** Whether the store holds no ward yet (a fresh data directory or database). */
    public static boolean isEmpty(FeatureStore store) {
        return store.counts().values().stream().allMatch(n -> n == 0);
    }

    /** Imports every demo file, in layer order, in one transaction; returns what each file wrote. */
    public static List<ImportResult> load(ImportService importer) throws IOException {
        List<ImportService.Input> inputs = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            String name = layer.apiName() + ".geojson";
            try (InputStream in = DemoData.class.getResourceAsStream(FOLDER + name)) {
                if (in != null) {
                    String source = "geodata/demo/" + name;
                    inputs.add(new ImportService.Input(layer, source,
                            ImportService.read(source, in, ImportService.Format.GEOJSON, null)));
                }
            }
        }
        return importer.importAll(inputs);
    }
}
