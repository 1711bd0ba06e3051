package vn.anttmap;

import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar's commands run in a directory of their own, as an operator runs them: what the jar tests under faults
 * ({@link FaultsIT}) and around backups ({@link BackupIT}) share. Two classes, so that the two forks of the integration
 * tests run them side by side.
 */
abstract class JarCommands {
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

}
