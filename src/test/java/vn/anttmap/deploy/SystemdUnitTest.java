package vn.anttmap.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.RequiredTool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped unit {@code docs/deploy/antt-map@.service}: SIGTERM, a stop time-out longer than the drain bound, the
 * database settings from an environment file and no secret in the unit; {@code systemd-analyze verify} accepts it
 * where systemd is installed.
 */
class SystemdUnitTest {
    static final Path UNIT = Path.of("docs/deploy/antt-map@.service");

    @TempDir
    Path dir;

    @Test
    void theUnitDrainsWithinItsStopTimeoutAndKeepsSecretsInItsEnvironmentFile() throws Exception {
        String unit = Files.readString(UNIT, StandardCharsets.UTF_8);
        assertThat(unit).contains("KillSignal=SIGTERM\n", "EnvironmentFile=/etc/antt-map/antt-map.env\n", "--port %i");
        Matcher drain = Pattern.compile("--drain-seconds (\\d+)").matcher(unit);
        Matcher stop = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)$").matcher(unit);
        assertThat(drain.find()).isTrue();
        assertThat(stop.find()).isTrue();
        assertThat(Integer.parseInt(stop.group(1))).as("TimeoutStopSec above --drain-seconds")
                .isGreaterThan(Integer.parseInt(drain.group(1)));
        assertThat(unit.toLowerCase(java.util.Locale.ROOT)).doesNotContain("password=", "--db ", "jdbc:");

        String env = Files.readString(Path.of("docs/deploy/antt-map.env.example"), StandardCharsets.UTF_8);
        assertThat(env).contains("ANTT_DB_URL=", "ANTT_DB_USER=", "ANTT_DB_PASSWORD=", "ANTT_SERVE_OPTS=", "JAVA_OPTS=");
    }

    @Test
    void systemdAcceptsTheUnit() throws Exception {
        Optional<Path> analyze = RequiredTool.find("systemd-analyze");
        org.junit.jupiter.api.Assumptions.assumeTrue(analyze.isPresent(), "systemd-analyze is not installed");
        Files.copy(UNIT, dir.resolve("antt-map@.service"));
        Path instance = Files.createSymbolicLink(dir.resolve("antt-map@7071.service"), dir.resolve("antt-map@.service"));
        Process p = new ProcessBuilder(analyze.get().toString(), "verify", "--man=no", instance.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        // verify warns about a setting it cannot parse and goes on: any line about the unit's file is a fault
        assertThat(out).as(out).doesNotContain("antt-map@.service:");
    }
}
