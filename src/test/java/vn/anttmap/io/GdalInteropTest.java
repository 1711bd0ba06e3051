package vn.anttmap.io;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.App;
import vn.anttmap.RequiredTool;
import vn.anttmap.model.Layer;
import vn.anttmap.service.ImportService;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** GDAL (what QGIS and ogr2ogr use) reads the exports as what they are. Needs gdal-bin; CI installs it. */
class GdalInteropTest {
    App.Services services;
    Path ogrinfo;

    @BeforeEach
    void setUp() throws IOException {
        ogrinfo = RequiredTool.require("ogrinfo", "gdal-bin");
        H2gisFeatureStore store = H2gisFeatureStore.inMemory("gdal-" + UUID.randomUUID());
        store.migrate();
        services = App.services(store, Clock.systemUTC());
        vn.anttmap.api.TestData.loadFixtures(services.importer());
    }

    @AfterEach
    void tearDown() {
        if (services != null) {
            services.close();
        }
    }

    Path export(Path dir, Layer layer, ImportService.Format format) throws IOException {
        Path f = dir.resolve(layer.apiName() + (format == ImportService.Format.CSV ? ".csv" : ".geojson"));
        try (OutputStream out = Files.newOutputStream(f)) {
            services.features().export(layer, format, out);
        }
        return f;
    }

    String ogrinfo(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ogrinfo.toString(), "-ro", "-al", "-so"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void geoJsonExportIsWgs84PointsWithTypedFields(@TempDir Path dir) throws Exception {
        String info = ogrinfo(export(dir, Layer.INCIDENTS, ImportService.Format.GEOJSON).toString());
        assertThat(info).contains("Geometry: Point", "Feature Count: 3", "ID[\"EPSG\",4326]",
                "occurred_at: DateTime", "promptly_handled: Integer(Boolean)", "Extent: (105.785000, 19.445000) - (105.795000, 19.446000)");
    }

    @Test
    void geoJsonAreasAreMultiPolygons(@TempDir Path dir) throws Exception {
        assertThat(ogrinfo(export(dir, Layer.AREAS, ImportService.Format.GEOJSON).toString()))
                .contains("Geometry: Multi Polygon", "Feature Count: 2");
    }

    @Test
    void csvExportOpensWithItsLonLatAndWktColumns(@TempDir Path dir) throws Exception {
        assertThat(ogrinfo("-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat",
                export(dir, Layer.INCIDENTS, ImportService.Format.CSV).toString()))
                .contains("Feature Count: 3", "Extent: (105.785000, 19.445000) - (105.795000, 19.446000)");
        assertThat(ogrinfo("-oo", "GEOM_POSSIBLE_NAMES=wkt", "-oo", "KEEP_GEOM_COLUMNS=NO",
                export(dir, Layer.AREAS, ImportService.Format.CSV).toString()))
                .contains("Feature Count: 2", "Extent: (105.780000, 19.440000) - (105.800000, 19.450000)");
    }

    /**
     * Issue 19: a CSV export opens in GDAL as geometries in WGS 84 with no option given: every layer with a geometry
     * has a {@code wkt} column (points keep lon/lat too), and the command line writes the {@code .prj} beside the file.
     */
    @Test
    void csvExportOpensAsGeometriesInWgs84WithoutOptions(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        assertThat(vn.anttmap.cli.CliTest.run("import", "--data-dir", data.toString(), "--layer", "wards",
                vn.anttmap.cli.CliTest.fixture(dir, "wards.geojson").toString()).code()).isZero();
        assertThat(vn.anttmap.cli.CliTest.run("import", "--data-dir", data.toString(), "--layer", "areas",
                vn.anttmap.cli.CliTest.fixture(dir, "areas.geojson").toString()).code()).isZero();
        assertThat(vn.anttmap.cli.CliTest.run("import", "--data-dir", data.toString(), "--layer", "incidents",
                vn.anttmap.cli.CliTest.fixture(dir, "incidents-good.csv").toString()).code()).isZero();
        Path csv = dir.resolve("incidents.out.csv");
        var exported = vn.anttmap.cli.CliTest.run("export", "--data-dir", data.toString(), "--layers", "incidents", "--out", csv.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(Files.readString(dir.resolve("incidents.out.prj"))).startsWith("GEOGCS[\"WGS 84\"");
        assertThat(Files.readAllLines(csv).get(0)).startsWith("\uFEFFid,lon,lat,wkt,");
        // GDAL takes the wkt column as the geometry and the sidecar as its coordinate system.
        assertThat(ogrinfo(csv.toString())).contains("Feature Count: 3", "Extent: (105.785000, 19.445000) - (105.795000, 19.446000)",
                "GEOGCRS[\"WGS 84\"").doesNotContain("(unknown)");
    }
}
