package vn.anttmap.api;

import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.App;
import vn.anttmap.RequiredTool;
import vn.anttmap.TestAuth;
import vn.anttmap.model.Layer;
import vn.anttmap.service.ExportService;
import vn.anttmap.service.PublishService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: FlatGeobuf export of the layers without geometry (teams, extractions, …) was a 500
 * (NullPointerException), and of the hotspot layers a 500 (ClassCastException). Every layer in every format answers
 * 200 to an admin, and GDAL opens every file (GeoPackage, GeoJSON, KML, FlatGeobuf, CSV) without a warning.
 */
class ExportEveryLayerTest {
    static App.Services services;
    static String admin;

    @BeforeAll
    static void load() throws IOException {
        services = vn.anttmap.DemoFixture.services("export-all");
        admin = TestAuth.admin(services);
    }

    @AfterAll
    static void close() {
        services.close();
    }

    static List<String> everyLayer() {
        TreeSet<String> names = new TreeSet<>();
        for (Layer l : Layer.values()) {
            names.add(l.apiName());
        }
        for (PublishService.Collection c : services.publish().collections()) {
            names.add(c.id());
        }
        return new ArrayList<>(names);
    }

    @Test
    void everyLayerInEveryFormatIsExportedAndGdalOpensIt(@TempDir Path dir) throws Exception {
        Path ogrinfo = RequiredTool.require("ogrinfo", "gdal-bin");
        List<String> failures = new ArrayList<>();
        vn.anttmap.TestHttp.test(HttpServer.create(services, new HttpServer.PageConfig("t", "t")), (server, client) -> {
            for (String layer : everyLayer()) {
                for (ExportService.Format format : ExportService.Format.values()) {
                    Request req = new Request.Builder().url(client.getOrigin() + "/api/v1/export?layers=" + layer
                            + "&format=" + format.extension).header("Authorization", "Bearer " + admin).build();
                    try (Response r = client.getOkHttp().newCall(req).execute()) {
                        byte[] body = r.body().bytes();
                        if (r.code() != 200) {
                            failures.add(layer + " as " + format.extension + ": " + r.code() + " "
                                    + new String(body, StandardCharsets.UTF_8));
                            continue;
                        }
                        // GDAL opens every file, with the layer's count, and without a warning.
                        Path f = dir.resolve(layer + "." + format.extension);
                        Files.write(f, body);
                        Process p = new ProcessBuilder(ogrinfo.toString(), "-ro", "-al", "-so", f.toString())
                                .redirectErrorStream(true).start();
                        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                        long count = 0;
                        for (var ignored : services.exports().layer(layer).features()) {
                            count++;
                        }
                        if (p.exitValue() != 0 || !out.contains("Feature Count: " + count + "\n") || out.contains("Warning")
                                || out.contains("ERROR")) {
                            failures.add(layer + " as " + format.extension + ": ogrinfo says " + out);
                        }
                    }
                }
            }
        });
        assertThat(failures).isEmpty();
    }
}
