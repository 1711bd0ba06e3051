package vn.anttmap.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line, in process, on a temporary data directory. */
public class CliTest {

    public record Run(int code, String out, String err) {
    }

    public static Run run(String... args) {
        CommandLine cmd = AnttMapCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    public static Path fixture(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = CliTest.class.getResourceAsStream("/fixtures/import/" + name)) {
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
        }
        return p;
    }

    static Run withStdin(String stdin, String... args) {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void usersAreManagedWithPasswordsFromStandardInputOnly(@TempDir Path dir) throws IOException {
        String data = dir.resolve("data").toString();
        assertThat(run("import", "--data-dir", data, "--layer", "wards", fixture(dir, "wards.geojson").toString()).code()).isZero();
        String password = "mật khẩu đủ dài 2023";
        Run added = withStdin(password + "\n", "user", "add", "lan", "--role", "officer", "--ward", "w", "--data-dir", data);
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).isEqualTo("added lan (officer)\n");
        assertThat(run("user", "list", "--data-dir", data).out()).containsPattern("lan\\s+officer\\s+w");
        assertThat(run("user", "add", "--help").out()).doesNotContain("--password");
        assertThat(run("user", "add", "x", "--role", "admin", "--password", "p", "--data-dir", data).code()).isNotZero();
        // Regression: an officer for a ward that does not exist was accepted.
        Run unknownWard = withStdin(password + "\n", "user", "add", "minh", "--role", "officer", "--ward", "nowhere", "--data-dir", data);
        assertThat(unknownWard.code()).isEqualTo(1);
        assertThat(unknownWard.err()).contains("no ward has id 'nowhere'; wards: w");
        assertThat(run("user", "list", "--data-dir", data).out()).doesNotContain("minh");
        // A leader's scope: wards that exist (here the one ward), not a ward and a scope at once, not a province without wards.
        Run leader = withStdin(password + "\n", "user", "add", "truong", "--role", "leader", "--scope", "w", "--data-dir", data);
        assertThat(leader.code()).as(leader.err()).isZero();
        assertThat(run("user", "list", "--data-dir", data).out()).containsPattern("truong\\s+leader\\s+w");
        Run both = withStdin(password + "\n", "user", "add", "pho", "--role", "leader", "--scope", "w", "--ward", "w", "--data-dir", data);
        assertThat(both.code()).isEqualTo(1);
        assertThat(both.err()).contains("not both");
        Run noProvince = withStdin(password + "\n", "user", "add", "pho", "--role", "leader", "--scope", "province:Hà Giang",
                "--data-dir", data);
        assertThat(noProvince.code()).isEqualTo(1);
        assertThat(noProvince.err()).contains("không có phường, xã nào thuộc tỉnh 'Hà Giang'");
        assertThat(run("user", "list", "--data-dir", data).out()).doesNotContain("pho");

        try (vn.anttmap.App.Services s = vn.anttmap.App.services(vn.anttmap.store.h2gis.H2gisFeatureStore.open(Path.of(data)),
                java.time.Clock.systemUTC())) {
            assertThat(s.auth().login("lan", password.toCharArray(), "127.0.0.1").principal().wardId()).isEqualTo("w");
            assertThat(s.store().account("lan").orElseThrow().toString()).doesNotContain(password);
        }
        Run changed = withStdin("một mật khẩu mới khác\n", "user", "passwd", "lan", "--data-dir", data);
        assertThat(changed.code()).as(changed.err()).isZero();
        Run token = run("user", "token", "lan", "--name", "qgis", "--data-dir", data);
        assertThat(token.code()).as(token.err()).isZero();
        try (vn.anttmap.App.Services s = vn.anttmap.App.services(vn.anttmap.store.h2gis.H2gisFeatureStore.open(Path.of(data)),
                java.time.Clock.systemUTC())) {
            assertThatThrownBy(() -> s.auth().login("lan", password.toCharArray(), "127.0.0.1")).hasMessageContaining("wrong");
            assertThat(s.auth().login("lan", "một mật khẩu mới khác".toCharArray(), "127.0.0.1").principal().username()).isEqualTo("lan");
        }
        assertThat(run("user", "remove", "lan", "--data-dir", data).out()).isEqualTo("removed lan\n");
        assertThat(run("user", "list", "--data-dir", data).out()).doesNotContain("lan");
        Run missing = run("user", "remove", "lan", "--data-dir", data);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no user 'lan'");
    }

    @Test
    void hotspotsPrintsAndWritesTheParametersAndRefusesWhatTheDataCannotSupport(@TempDir Path dir) throws IOException {
        String data = dir.resolve("data").toString();
        run("import", "--data-dir", data, "--layer", "wards", fixture(dir, "wards.geojson").toString());
        run("import", "--data-dir", data, "--layer", "areas", fixture(dir, "areas.geojson").toString());
        run("import", "--data-dir", data, "--layer", "incidents", fixture(dir, "incidents-good.csv").toString());
        Path out = dir.resolve("density.geojson");
        Run density = run("hotspots", "--data-dir", data, "--ward", "w", "--analysis", "density", "--from", "2023-01-01",
                "--to", "2023-12-31", "--bandwidth-m", "400", "--out", out.toString());
        assertThat(density.code()).as(density.err()).isZero();
        assertThat(density.out()).contains("density for w: ", "bandwidth_m = 400.0", "bandwidth_rule = given", "n = 3",
                "period_first = 2023-01-01", "crs = EPSG:32648", "wrote " + out);
        var json = vn.anttmap.io.ScoreJson.mapper().readTree(out.toFile());
        assertThat(json.get("features")).isNotEmpty();
        json.get("features").forEach(f -> assertThat(f.get("properties").get("bandwidth_m").asDouble()).isEqualTo(400.0));

        Run gi = run("hotspots", "--data-dir", data, "--ward", "w", "--from", "2023-01-01", "--to", "2023-12-31");
        assertThat(gi.code()).isEqualTo(1);
        assertThat(gi.err()).isEqualTo("antt-map: Gi* needs at least 30 incidents to be trusted, got 3; widen the period "
                + "or the categories\n");
        assertThat(run("hotspots", "--data-dir", data, "--ward", "w", "--analysis", "kde").err())
                .contains("--analysis: 'kde' is not density, gistar or emerging");
        // Dates as the import reads them, and a clear word when neither form fits.
        assertThat(run("hotspots", "--data-dir", data, "--ward", "w", "--analysis", "density", "--from", "01/01/2023",
                "--to", "31/12/2023").out()).contains("period_first = 2023-01-01", "period_last = 2023-12-31");
        assertThat(run("hotspots", "--data-dir", data, "--ward", "w", "--to", "31-12-2023").err())
                .contains("Invalid value for option '--to': không đọc được ngày '31-12-2023' (cần dd/MM/yyyy hoặc yyyy-MM-dd) / "
                        + "cannot read date '31-12-2023' (expected yyyy-MM-dd or dd/MM/yyyy)");
    }

    @Test
    void generateWritesFilesOrAStoreAndBenchNeedsPostgis(@TempDir Path dir) throws IOException {
        Path files = dir.resolve("files");
        Run written = run("generate", "--scale", "ward", "--seed", "3", "--out", files.toString());
        assertThat(written.code()).as(written.err()).isZero();
        var incidents = vn.anttmap.io.ScoreJson.mapper().readTree(files.resolve("incidents.geojson").toFile());
        assertThat(incidents.get("features")).hasSize(1_000);
        assertThat(incidents.get("source").asText()).startsWith("synthetic");
        String data = dir.resolve("data").toString();
        for (String layer : new String[]{"wards", "areas", "roads", "cameras", "incidents"}) {
            Run imported = run("import", "--data-dir", data, "--layer", layer, files.resolve(layer + ".geojson").toString());
            assertThat(imported.code()).as(layer + ": " + imported.err()).isZero();
        }
        assertThat(run("db", "check", "--data-dir", data).out()).contains("incidents    1000", "areas        25");
        Run again = run("generate", "--scale", "ward", "--data-dir", data);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already holds wards");
        assertThat(run("generate", "--scale", "county", "--out", files.toString()).err())
                .contains("--scale: 'county' is not ward, province, national or national_small");
        Run unknownPart = run("bench", "--only", "tiles,maps", "--db", "jdbc:postgresql://127.0.0.1:1/none");
        assertThat(unknownPart.code()).isEqualTo(1);
        assertThat(unknownPart.err()).contains("unknown bench part 'maps'; parts: import, scoring, coverage, kept, tiles, dashboard, ogc, export, planner, startup");
        assertThat(Bench.Part.of("Tiles, ogc")).containsExactly(Bench.Part.TILES, Bench.Part.OGC);
        assertThat(Bench.Part.of(null)).hasSize(Bench.Part.values().length);
        // Regression: memory that the collector gives back and takes again is flat; memory that climbs is not.
        assertThat(Bench.growthMiB(java.util.List.of(379L, 386L, 336L, 278L, 298L, 415L, 396L, 382L, 347L))).isEqualTo(29);
        assertThat(Bench.growthMiB(java.util.List.of(300L, 320L, 340L, 360L, 380L, 400L, 420L, 440L, 460L))).isEqualTo(100);
        Run bench = run("bench", "--scale", "ward", "--data-dir", data);
        assertThat(bench.code()).isEqualTo(1);
        assertThat(bench.err()).contains("bench compares with PostGIS SQL on the same data: give --db");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][]{{"--help"}, {"serve", "--help"}, {"import", "--help"}, {"export", "--help"},
                {"db", "--help"}, {"db", "migrate", "--help"}, {"db", "check", "--help"}}) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).contains("Usage: antt-map");
        }
        assertThat(run("import", "--help").out()).contains("--data-dir", "--db", "--crs", "VN2000:thanh-hoa");
        // Regression: a bare "%" in the hotspots description made picocli warn and print the help unformatted.
        for (String cmd : new String[]{"hotspots", "generate", "bench", "plan", "score"}) {
            Run help = run(cmd, "--help");
            assertThat(help.code()).as(cmd).isZero();
            assertThat(help.out() + help.err()).as(cmd).doesNotContain("WARN").contains("Usage: antt-map " + cmd);
        }
    }

    @Test
    void aRefusedImportNamesRowAndReasonAndDbCheckCountsStayTheSame(@TempDir Path dir) throws IOException {
        String data = dir.resolve("data").toString();
        assertThat(run("import", "--data-dir", data, "--layer", "wards", fixture(dir, "wards.geojson").toString()).code()).isZero();
        assertThat(run("import", "--data-dir", data, "--layer", "areas", fixture(dir, "areas.geojson").toString()).code()).isZero();
        Run before = run("db", "check", "--data-dir", data);
        assertThat(before.code()).isZero();
        assertThat(before.out()).contains("schema version: 17 of 17", "wards        1", "areas        2", "incidents    0");

        Run bad = run("import", "--data-dir", data, "--layer", "incidents", fixture(dir, "incidents-bad-date.csv").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("antt-map: incidents-bad-date.csv refused, nothing was written: 1 problem\n"
                + "incidents-bad-date.csv: line 3, field occurred_at: không đọc được ngày giờ '31-02-2023' (cần dd/MM/yyyy HH:mm "
                + "hoặc ISO 8601) / cannot read date and time '31-02-2023' "
                + "(expected ISO 8601 such as 2023-03-05T21:30:00+07:00, or dd/MM/yyyy HH:mm)\n");
        Run bad2 = run("import", "--data-dir", data, "--layer", "areas", fixture(dir, "areas-self-intersecting.geojson").toString());
        assertThat(bad2.code()).isEqualTo(1);
        assertThat(bad2.err()).contains("feature 1 (id c), field geometry: hình học không hợp lệ: ranh giới tự cắt nhau")
                .contains(" / invalid geometry: self-intersection");

        assertThat(run("db", "check", "--data-dir", data).out()).isEqualTo(before.out());
    }

    @Test
    void exportWritesWhatImportReadsBack(@TempDir Path dir) throws IOException {
        String data = dir.resolve("data").toString();
        run("import", "--data-dir", data, "--layer", "wards", fixture(dir, "wards.geojson").toString());
        run("import", "--data-dir", data, "--layer", "areas", fixture(dir, "areas.geojson").toString());
        Run imported = run("import", "--data-dir", data, "--layer", "incidents", fixture(dir, "incidents-good.csv").toString());
        assertThat(imported.out()).isEqualTo("imported 3 incidents\n");

        for (String ext : new String[]{"geojson", "csv"}) {
            for (String layer : new String[]{"wards", "areas", "incidents"}) {
                Path first = dir.resolve(layer + "-1." + ext);
                Run exported = run("export", "--data-dir", data, "--layer", layer, "--out", first.toString());
                assertThat(exported.code()).as(exported.err()).isZero();
                String copy = dir.resolve("copy-" + ext + "-" + layer).toString();
                if (!layer.equals("wards")) {
                    run("import", "--data-dir", copy, "--layer", "wards", dir.resolve("wards-1." + ext).toString());
                }
                if (layer.equals("incidents")) {
                    run("import", "--data-dir", copy, "--layer", "areas", dir.resolve("areas-1." + ext).toString());
                }
                Run again = run("import", "--data-dir", copy, "--layer", layer, first.toString());
                assertThat(again.code()).as(layer + "." + ext + ": " + again.err()).isZero();
                Path second = dir.resolve(layer + "-2." + ext);
                run("export", "--data-dir", copy, "--layer", layer, "--out", second.toString());
                assertThat(Files.readString(second, StandardCharsets.UTF_8)).as(layer + "." + ext)
                        .isEqualTo(Files.readString(first, StandardCharsets.UTF_8));
            }
        }
        assertThat(Files.readString(dir.resolve("incidents-1.csv"), StandardCharsets.UTF_8))
                .startsWith("\uFEFFid,lon,lat,wkt,occurred_at,category,severity,channel,")
                .contains("i1,105.785,19.445,POINT (105.785 19.445),2023-03-06T03:00:00+07:00,crime,it_nghiem_trong,hotline_113,false,true,\"Trộm cắp xe máy, bãi biển\",,,,,,,,,,,,,,,,,2023-03-06,a,w");
    }

    @Test
    void failuresExitNonZeroWithOneLine(@TempDir Path dir) {
        String data = dir.resolve("data").toString();
        Run unknownLayer = run("import", "--data-dir", data, "--layer", "bridges", dir.resolve("x.csv").toString());
        assertThat(unknownLayer.code()).isEqualTo(1);
        assertThat(unknownLayer.err()).isEqualTo("antt-map: unknown layer 'bridges'; layers: wards, areas, teams, cameras, incidents, disputes, extractions, roads, coastline, social_records, camera_maintenance, buildings, household_counts, attestations, exception_decisions, organisations\n");

        Run missing = run("import", "--data-dir", data, "--layer", "cameras", dir.resolve("none.csv").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("antt-map: ").contains("none.csv (no such file)").hasLineCount(1);

        Run badFormat = run("export", "--data-dir", data, "--layer", "cameras", "--out", dir.resolve("c.shp").toString());
        assertThat(badFormat.err()).isEqualTo("antt-map: không có định dạng 'shp'; dùng gpkg, geojson, kml, fgb hoặc csv / unknown format"
                + " 'shp'; use gpkg, geojson, kml, fgb or csv\n");

        Run unreachable = run("db", "check", "--db", "jdbc:postgresql://127.0.0.1:1/x?password=hunter2&connectTimeout=2");
        assertThat(unreachable.code()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("antt-map: cannot connect to PostGIS at jdbc:postgresql://127.0.0.1:1/x?password=****")
                .doesNotContain("hunter2").hasLineCount(1);

        Run noCommand = run();
        assertThat(noCommand.code()).isEqualTo(2);
        assertThat(noCommand.err()).contains("a command is needed");
    }

    @Test
    void dbCheckOnAFreshDirectorySaysToMigrate(@TempDir Path dir) {
        Run r = run("db", "check", "--data-dir", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("schema version: 0 of 17", "run 'antt-map db migrate'");
        Run m = run("db", "migrate", "--data-dir", dir.toString());
        assertThat(m.out()).contains("applied 16 migration(s); schema version 17");
        assertThat(run("db", "check", "--data-dir", dir.toString()).code()).isZero();
    }

    /** The table an officer reads: names, shares in percent cut at one decimal, this period against the previous, a legend. */
    @Test
    void scoreTableShowsNamesPercentagesAndThisPeriodAgainstThePrevious(@TempDir Path dir) throws IOException {
        String data = dir.resolve("data").toString();
        assertThat(run("import", "--data-dir", data, "--layer", "wards", fixture(dir, "wards.geojson").toString()).code()).isZero();
        assertThat(run("import", "--data-dir", data, "--layer", "areas", fixture(dir, "areas.geojson").toString()).code()).isZero();
        Path counts = dir.resolve("household_counts.geojson");
        Files.writeString(counts, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"hc-a\","
                + "\"geometry\":null,\"properties\":{\"area_id\":\"a\",\"as_of\":\"2023-06-30\",\"resident_households\":2000,"
                + "\"registered_households\":1999,\"source\":\"test\"}}]}", StandardCharsets.UTF_8);
        Run hc = run("import", "--data-dir", data, "--layer", "household_counts", counts.toString());
        assertThat(hc.code()).as(hc.err()).isZero();
        // area a: one crime this period (01/11/2022–31/10/2023), two the period before
        Path incidents = dir.resolve("incidents.csv");
        Files.writeString(incidents, "id,lon,lat,occurred_at,category,severity,channel,description\n"
                + "n1,105.785,19.445,2023-03-05,crime,it_nghiem_trong,in_person,x\n"
                + "p1,105.785,19.445,2022-03-01,crime,it_nghiem_trong,in_person,x\n"
                + "p2,105.785,19.445,2022-05-01,administrative_violation,,in_person,x\n", StandardCharsets.UTF_8);
        Run imported = run("import", "--data-dir", data, "--layer", "incidents", incidents.toString());
        assertThat(imported.code()).as(imported.err()).isZero();

        Run table = run("score", "--data-dir", data, "--ward", "w", "--year", "2023");
        assertThat(table.code()).as(table.err()).isZero();
        String out = table.out();
        assertThat(out).contains("Phường Thử, năm 2023", "Kỳ đánh giá khu dân cư: 01/11/2022 – 31/10/2023",
                "Kỳ đánh giá phường:     16/11/2022 – 15/11/2023");
        assertThat(out).contains("Chú giải: ✓ đạt · ✗ chưa đạt · ? cần xác nhận · – chưa đủ căn cứ");
        assertThat(out).containsPattern("K1\\.households\\s+tỷ lệ hộ gia đình đăng ký tham gia")
                .containsPattern("K4a\\s+số vụ kỳ này / số vụ kỳ trước");
        String rowA = out.lines().filter(l -> l.startsWith("Tổ dân phố Tiền Phong")).findFirst().orElseThrow();
        // 1,999 of 2,000 is 99.95 %: shown 99,9 %, not met, never 100 %
        assertThat(rowA).contains("chưa đạt", "✗ 99,9 %", "1 / 2").doesNotContain("100 %", "99.9", "0.999");
        assertThat(out.lines().filter(l -> l.startsWith("Tổ dân phố Giang Sơn")).findFirst().orElseThrow()).contains("0 / 0");
        assertThat(out).doesNotContain(" a ", "NOT_MET", "it_nghiem_trong", "2023-06-30");
        assertThat(out).contains("Vụ việc được loại trừ theo quyết định", "Vụ việc cần bổ sung thông tin");

        Run csv = run("score", "--data-dir", data, "--ward", "w", "--year", "2023", "--format", "csv");
        assertThat(csv.out().lines().findFirst().orElseThrow()).startsWith("\uFEFFsubject_kind,subject_id,subject_name,year");
        assertThat(csv.out()).contains("area,a,Tổ dân phố Tiền Phong,2023,").contains("ward,w,Phường Thử,2023,");
        assertThat(run("score", "--data-dir", data, "--ward", "w", "--year", "2023", "--format", "json").out())
                .contains("\"names\" : {", "\"a\" : \"Tổ dân phố Tiền Phong\"");
    }
}
