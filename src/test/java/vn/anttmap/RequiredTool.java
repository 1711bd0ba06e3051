package vn.anttmap;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An outside program a test needs (GDAL's ogrinfo, Chromium). Without it the test is skipped with a reason, except
 * under {@code CI=true}, where it fails: {@code .ci/run} installs them.
 */
public final class RequiredTool {
    private RequiredTool() {
    }

    public static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The program's path; skips (or, under CI=true, fails) the calling test when it is not installed. */
    public static Path require(String name, String debianPackage) {
        Optional<Path> p = find(name);
        if (p.isEmpty()) {
            String why = name + " is not installed (Debian package " + debianPackage + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why + ", but CI=true: .ci/run must install it");
            }
            System.err.println("WARNING: skipped: " + why);
            Assumptions.abort("skipped: " + why);
        }
        return p.get();
    }
}
