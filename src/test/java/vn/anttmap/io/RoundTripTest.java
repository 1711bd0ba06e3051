package vn.anttmap.io;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Geometry;
import vn.anttmap.App;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.service.ExportService;
import vn.anttmap.service.ImportResult;
import vn.anttmap.service.ImportService;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What you export, you can import: every stored layer of the demo, exported in each format import reads, imports
 * into a fresh store with the same records (ids, every value, geometry to 1e-7°); the computed residential_areas
 * imports into areas with its verdict columns left out and named; the wholly computed collections are recognised,
 * store nothing, and the fresh store computes them again to the same records.
 */
class RoundTripTest {
    static App.Services source;

    @BeforeAll
    static void load() throws IOException {
        source = vn.anttmap.DemoFixture.services("roundtrip-src");
    }

    @AfterAll
    static void close() {
        source.close();
    }

    static ImportService.Format importFormat(ExportService.Format f) {
        return ImportService.Format.of(f.extension, null);
    }

    static byte[] export(String layer, ExportService.Format format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        source.exports().export(List.of(layer), format, out);
        return out.toByteArray();
    }

    static List<vn.anttmap.io.RawRecord> read(String layer, ExportService.Format format, Layer target) throws IOException {
        String name = layer + "." + format.extension;
        return ImportService.read(name, new ByteArrayInputStream(export(layer, format)), importFormat(format), null, target);
    }

    @ParameterizedTest
    @EnumSource(ExportService.Format.class)
    void everyStoredLayerComesBackWithTheSameRecords(ExportService.Format format) throws IOException {
        H2gisFeatureStore store = H2gisFeatureStore.inMemory("roundtrip-" + format + "-" + UUID.randomUUID());
        store.migrate();
        try (App.Services fresh = App.services(store, Clock.systemUTC())) {
            List<ImportService.Input> inputs = new ArrayList<>();
            for (Layer layer : Layer.values()) {
                inputs.add(new ImportService.Input(layer, layer.apiName() + "." + format.extension,
                        read(layer.apiName(), format, layer)));
            }
            fresh.importer().importAll(inputs);
            List<String> differences = new ArrayList<>();
            for (Layer layer : Layer.values()) {
                differences.addAll(compare(layer.apiName(), source.store().query(layer, FeatureQuery.ALL),
                        fresh.store().query(layer, FeatureQuery.ALL)));
            }
            assertThat(differences).isEmpty();
            assertThat(fresh.store().query(Layer.INCIDENTS, FeatureQuery.ALL).size()).isPositive();

            // The computed residential areas go back into areas, their verdict columns named and left out.
            ImportResult areas = fresh.importer().importRecords(Layer.AREAS, "residential_areas." + format.extension,
                    read("residential_areas", format, Layer.AREAS));
            assertThat(areas.written()).isEqualTo(source.publish().features("residential_areas").size());
            assertThat(areas.notes()).singleElement().asString().contains("residential_areas", "verdict_code", "verdict_year");
            assertThat(compare("areas", source.store().query(Layer.AREAS, FeatureQuery.ALL),
                    fresh.store().query(Layer.AREAS, FeatureQuery.ALL))).isEmpty();

            // Wholly computed collections: recognised, nothing stored, and computed again to the same records.
            for (String computed : List.of("camera_coverage", "camera_proposals", "hotspot_density")) {
                long before = fresh.store().dataVersion();
                ImportResult r = fresh.importer().importRecords(Layer.CAMERAS, computed + "." + format.extension,
                        read(computed, format, Layer.CAMERAS));
                assertThat(r.written()).as(computed).isZero();
                assertThat(r.notes()).as(computed).singleElement().asString().contains("không lưu", "nothing of it is stored");
                assertThat(fresh.store().dataVersion()).as(computed).isEqualTo(before);
                assertThat(compare(computed, source.publish().features(computed), fresh.publish().features(computed)))
                        .as(computed).isEmpty();
            }
        }
    }

    /**
     * Regression: the exports of one layer went to their stream a byte at a time (FilterOutputStream's way), one system
     * call per byte into a file: a FlatGeobuf of a province's 200,000 incidents took 40 s instead of 4. Every format
     * now hands its output on in blocks.
     */
    @ParameterizedTest
    @EnumSource(ExportService.Format.class)
    void anExportReachesItsStreamInBlocksNotBytes(ExportService.Format format) throws IOException {
        long[] calls = {0, 0};
        java.io.OutputStream counting = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                calls[0]++;
                calls[1]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                calls[0]++;
                calls[1] += len;
            }
        };
        source.exports().export(List.of("incidents"), format, counting);
        assertThat(calls[1]).as("bytes").isGreaterThan(4_000);
        assertThat(calls[0]).as("write calls for " + calls[1] + " bytes").isLessThan(calls[1] / 64);
    }

    /**
     * Regression: a file that is no GeoPackage (text, or a FlatGeobuf named .gpkg) was refused with the SQLite
     * library's words ("Failed to execute SQL statement: PRAGMA foreign_key_check"); it says what it is not, and what
     * to check, in both languages.
     */
    @org.junit.jupiter.api.Test
    void aFileThatIsNoGeoPackageIsRefusedSayingSo() throws IOException {
        for (byte[] bytes : List.of("không phải GeoPackage".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                export("incidents", ExportService.Format.FGB))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImportService.read("x.gpkg",
                            new ByteArrayInputStream(bytes), ImportService.Format.GPKG, null, Layer.INCIDENTS))
                    .isInstanceOf(vn.anttmap.model.InvalidInputException.class)
                    .hasMessageContaining("x.gpkg").hasMessageContaining("không phải tệp GeoPackage")
                    .hasMessageContaining("does not start as an SQLite database").hasMessageNotContaining("PRAGMA");
        }
    }

    /** Regression: the refusal of an unknown layer listed wards, cameras and incidents twice. */
    @org.junit.jupiter.api.Test
    void anUnknownLayerIsRefusedListingEachLayerOnce() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.exports().layer("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    String en = e.getMessage().substring(e.getMessage().indexOf(" / "));
                    assertThat(en.split("incidents", -1)).hasSize(2);
                    assertThat(en.split("wards", -1)).hasSize(2);
                });
    }

    /** What differs between two sets of records: missing or extra ids, values, geometries beyond 1e-7°. */
    static List<String> compare(String layer, List<Feature> expected, List<Feature> actual) {
        Map<String, Feature> got = new TreeMap<>();
        actual.forEach(f -> got.put(f.id(), f));
        List<String> out = new ArrayList<>();
        if (expected.size() != actual.size()) {
            out.add(layer + ": " + expected.size() + " records exported, " + actual.size() + " imported");
        }
        for (Feature e : expected) {
            Feature a = got.get(e.id());
            if (a == null) {
                out.add(layer + " " + e.id() + ": missing");
                continue;
            }
            Map<String, Object> ep = normal(e.properties());
            Map<String, Object> ap = normal(a.properties());
            if (!ep.equals(ap)) {
                out.add(layer + " " + e.id() + ": " + ep + " became " + ap);
            }
            Geometry eg = e.geometry();
            Geometry ag = a.geometry();
            if ((eg == null) != (ag == null) || eg != null && !eg.equalsExact(ag, 1e-7)) {
                out.add(layer + " " + e.id() + ": geometry " + eg + " became " + ag);
            }
        }
        return out;
    }

    /** Values as text, so that 12 and 12.0 or a day and its ISO text compare alike. */
    private static Map<String, Object> normal(Map<String, Object> p) {
        Map<String, Object> out = new LinkedHashMap<>();
        p.forEach((k, v) -> out.put(k, v == null ? null : v instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue())
                : v instanceof java.time.OffsetDateTime t ? t.toInstant().toString() : v.toString()));
        return out;
    }
}
