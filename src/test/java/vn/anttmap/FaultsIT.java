package vn.anttmap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar under faults: killed in the middle of an import; backed up and restored. */
class FaultsIT {
    static final Path JAR = Path.of(System.getProperty("antt.jar", "target/antt-map.jar")).toAbsolutePath();

    @TempDir
    Path dir;

    JarIT.Result java(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JarIT.javaBin(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new JarIT.Result(p.exitValue(), out, "");
    }

    void wards() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/geodata/demo/wards.geojson")) {
            Files.copy(in, dir.resolve("wards.geojson"));
        }
        assertThat(java("import", "--layer", "wards", "wards.geojson").code()).isZero();
    }

    static long incidents(String dbCheck) {
        Matcher m = Pattern.compile("incidents\\s+(\\d+)").matcher(dbCheck);
        assertThat(m.find()).as(dbCheck).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void anImportKilledMidwayLeavesAllOfItOrNone() throws Exception {
        wards();
        int rows = 60_000;
        StringBuilder csv = new StringBuilder("id,lon,lat,occurred_at,category,channel,description\n");
        for (int i = 0; i < rows; i++) {
            csv.append(String.format(Locale.ROOT, "k%06d,%.6f,%.6f,2023-%02d-%02dT10:00:00+07:00,other,patrol,row %d%n", i,
                    105.790 + (i % 100) * 0.00005, 19.447 + (i / 100 % 100) * 0.00005, 1 + i % 12, 1 + i % 28, i));
        }
        Files.writeString(dir.resolve("big.csv"), csv);
        for (long killAfterMs : new long[]{2_500, 5_000}) {
            Process p = new ProcessBuilder(JarIT.javaBin(), "-jar", JAR.toString(), "import", "--layer", "incidents", "big.csv")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("import.log").toFile()).start();
            boolean finished = p.waitFor(killAfterMs, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            JarIT.Result check = java("db", "check");
            assertThat(check.code()).as(check.out()).isZero();
            assertThat(incidents(check.out())).as("killed after " + killAfterMs + " ms (finished: " + finished + ")")
                    .isIn(0L, (long) rows);
        }
        assertThat(java("import", "--layer", "incidents", "big.csv").out()).contains("imported " + rows + " incidents");
        assertThat(incidents(java("db", "check").out())).isEqualTo(rows);
    }

    @Test
    void aBackupRestoresExactlyWhatWasThere() throws Exception {
        wards();
        Files.writeString(dir.resolve("i.csv"), "id,lon,lat,occurred_at,category,channel\n"
                + "a1,105.795,19.451,2023-01-01,other,patrol\n");
        assertThat(java("import", "--layer", "incidents", "i.csv").code()).isZero();
        JarIT.Result backup = java("db", "backup", "--out", "backup.zip");
        assertThat(backup.code()).as(backup.out()).isZero();
        assertThat(java("export", "--layer", "incidents", "--out", "before.geojson").code()).isZero();
        Files.writeString(dir.resolve("j.csv"), "id,lon,lat,occurred_at,category,channel\n"
                + "a2,105.795,19.452,2023-01-02,other,patrol\n");
        java("import", "--layer", "incidents", "j.csv");
        assertThat(incidents(java("db", "check").out())).isEqualTo(2);
        JarIT.Result restore = java("db", "restore", "--from", "backup.zip");
        assertThat(restore.code()).as(restore.out()).isZero();
        assertThat(incidents(java("db", "check").out())).isEqualTo(1);
        assertThat(java("export", "--layer", "incidents", "--out", "after.geojson").code()).isZero();
        assertThat(Files.readString(dir.resolve("after.geojson"))).isEqualTo(Files.readString(dir.resolve("before.geojson")));
        JarIT.Result missing = java("db", "restore", "--from", "nope.zip");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.out()).contains("no backup file nope.zip");
    }
}
