package vn.anttmap.api;

import vn.anttmap.model.Layer;
import vn.anttmap.service.ImportService;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Loads the import fixtures into a store: ward w, areas a and b, incidents i1–i3. */
public final class TestData {
    private TestData() {
    }

    public static void loadFixtures(ImportService importer) throws IOException {
        for (List<String> e : List.of(List.of("wards", "wards.geojson"), List.of("areas", "areas.geojson"),
                List.of("incidents", "incidents-good.csv"))) {
            try (InputStream in = TestData.class.getResourceAsStream("/fixtures/import/" + e.get(1))) {
                importer.importFile(Layer.byName(e.get(0)).orElseThrow(), e.get(1), in,
                        ImportService.Format.of(null, e.get(1)), null);
            }
        }
    }
}
