package vn.anttmap;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar under faults: killed in the middle of an import. */
class FaultsIT extends JarCommands {
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
}
