package vn.anttmap;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An outside program a test needs (GDAL's ogrinfo, Chromium, MapLibre's style validator). Without it the test is skipped with a reason, except
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
            missing(name + " is not installed (Debian package " + debianPackage + ")");
        }
        return p.get();
    }

    /**
     * A python3 that imports {@code module}: the one on the PATH, else Debian's {@code /usr/bin/python3} (where Debian's
     * {@code python3-…} packages install, when the PATH's is another, such as pyenv's); skips (or, under CI=true, fails)
     * the calling test when neither does.
     */
    public static Path requirePython(String module, String debianPackage) {
        for (String candidate : java.util.List.of("python3", "/usr/bin/python3")) {
            Optional<Path> python = candidate.startsWith("/") ? Optional.of(Path.of(candidate)).filter(Files::isExecutable)
                    : find(candidate);
            if (python.isEmpty()) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(python.get().toString(), "-c", "import " + module)
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() == 0) {
                    return python.get();
                }
            } catch (java.io.IOException e) {
                // try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        missing("no python3 imports " + module + " (Debian package " + debianPackage + ")");
        throw new IllegalStateException("unreachable");
    }

    /**
     * A program installed into the project itself (an npm package under {@code .ci/node}), by its path from the
     * project's root; skips (or, under CI=true, fails) the calling test when it is not there.
     *
     * @param install the command that installs it, for the reason given
     */
    public static Path requireLocal(String relativePath, String install) {
        Path p = Path.of(relativePath).toAbsolutePath();
        if (!Files.isExecutable(p)) {
            missing(relativePath + " is not installed (" + install + ")");
        }
        return p;
    }

    private static void missing(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + ", but CI=true: .ci/run must install it");
        }
        System.err.println("WARNING: skipped: " + why);
        Assumptions.abort("skipped: " + why);
    }
}
