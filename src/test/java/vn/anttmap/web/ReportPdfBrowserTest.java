package vn.anttmap.web;

import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.App;
import vn.anttmap.RequiredTool;
import vn.anttmap.api.HttpServer;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.service.DemoData;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report as a printer gets it: the HTML fetched over HTTP (as curl would, no script runs) and printed to PDF by
 * headless Chromium, which must give A4 pages, and for the ward's long report, more than one with the table's header
 * row repeated. Skipped without Chromium (or pdftotext for the per-page text); required in CI.
 */
class ReportPdfBrowserTest {
    @TempDir
    static Path dir;
    static App.Services services;
    static Javalin app;

    @BeforeAll
    static void start() throws IOException {
        H2gisFeatureStore store = H2gisFeatureStore.open(dir.resolve("data"));
        store.migrate();
        services = App.services(store, Clock.systemUTC());
        DemoData.load(services.importer());
        app = HttpServer.create(services, new HttpServer.PageConfig("t", "t")).start(0);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
        if (services != null) {
            services.close();
        }
    }

    /** The report's HTML as fetched over HTTP, saved to a file, printed by Chromium to PDF. */
    static Path print(String query, String name) throws Exception {
        Path chromium = RequiredTool.require("chromium", "chromium");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/report.html?" + query)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        Path html = dir.resolve(name + ".html");
        Files.writeString(html, r.body(), StandardCharsets.UTF_8);
        Path pdf = dir.resolve(name + ".pdf");
        Path profile = Files.createTempDirectory(dir, "chromium");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--print-to-pdf=" + pdf, "--no-pdf-header-footer", html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(Files.exists(pdf)).as(Files.readString(dir.resolve(name + ".log"))).isTrue();
        return pdf;
    }

    /** Each page's MediaBox as {width, height} in points. */
    static List<double[]> pageBoxes(Path pdf) throws IOException {
        String raw = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertThat(raw).startsWith("%PDF-");
        List<double[]> out = new ArrayList<>();
        // Chromium (Skia) writes one page object per page, each with its own MediaBox.
        Matcher page = Pattern.compile("/Type\\s*/Page(?![a-zA-Z])").matcher(raw);
        Pattern box = Pattern.compile("/MediaBox\\s*\\[\\s*([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s*\\]");
        while (page.find()) {
            int start = raw.lastIndexOf("obj", page.start());
            int end = raw.indexOf("endobj", page.end());
            Matcher m = box.matcher(raw.substring(start, end));
            assertThat(m.find()).as("a MediaBox on the page object").isTrue();
            out.add(new double[]{Double.parseDouble(m.group(3)) - Double.parseDouble(m.group(1)),
                    Double.parseDouble(m.group(4)) - Double.parseDouble(m.group(2))});
        }
        return out;
    }

    static void assertA4(List<double[]> boxes) {
        assertThat(boxes).isNotEmpty();
        for (double[] b : boxes) {
            assertThat(Math.round(b[0])).as("page width in points").isEqualTo(595);
            assertThat(Math.round(b[1])).as("page height in points").isEqualTo(842);
        }
    }

    @Test
    void anAreasReportPrintsOnA4() throws Exception {
        String area = services.store().query(Layer.AREAS, FeatureQuery.ALL.withWard("hai-hoa").withAt(LocalDate.of(2023, 10, 31)))
                .get(0).id();
        assertA4(pageBoxes(print("area=" + area + "&year=2023", "area")));
    }

    @Test
    void theWardsReportRunsOverSeveralA4PagesAndRepeatsTheTableHeader() throws Exception {
        Path pdf = print("ward=hai-hoa&year=2023", "ward");
        List<double[]> boxes = pageBoxes(pdf);
        assertA4(boxes);
        assertThat(boxes.size()).as("pages").isGreaterThan(1);

        Path pdftotext = RequiredTool.require("pdftotext", "poppler-utils");
        List<String> names = services.store().query(Layer.AREAS, FeatureQuery.ALL.withWard("hai-hoa")
                .withAt(LocalDate.of(2023, 10, 31))).stream().map(a -> a.text("name")).toList();
        boolean checksContinue = false;
        for (int n = 1; n <= boxes.size(); n++) {
            Path txt = dir.resolve("ward-" + n + ".txt");
            Process p = new ProcessBuilder(pdftotext.toString(), "-f", Integer.toString(n), "-l", Integer.toString(n),
                    "-enc", "UTF-8", pdf.toString(), txt.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String text = Files.readString(txt, StandardCharsets.UTF_8);
            // every row of the ward's checks table names its article (Điều 5 khoản …)
            boolean checkRows = text.contains("Điều 5 khoản");
            if (n == 2 && checkRows) {
                checksContinue = true;
            }
            if (checkRows) {
                assertThat(text).as("page " + n + " has rows of the checks table, so its header").contains("Nội dung theo Thông tư");
            }
            if (names.stream().anyMatch(text::contains) && !text.contains("Kết quả các khu dân cư")) {
                assertThat(text).as("page " + n + " continues the areas' table, so its header").contains("STT");
            }
        }
        assertThat(checksContinue).as("the checks table runs onto page 2").isTrue();
    }
}
