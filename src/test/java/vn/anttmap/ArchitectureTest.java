package vn.anttmap;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the dependency rule of the architecture honest by scanning imports: {@code java.sql} only in
 * {@code store} (and in {@code io.export}, whose GeoPackage is an SQLite file written over JDBC: a file format, not
 * the store), Javalin only in {@code api}, picocli only in {@code cli}, and the pure packages free of I/O layers.
 */
class ArchitectureTest {
    static final Path MAIN = Path.of("src/main/java/vn/anttmap");

    /** import prefix → the only packages (relative to vn.anttmap) that may use it. */
    static final Map<String, List<String>> ONLY_IN = Map.of(
            "java.sql", List.of("store", "io.export"),
            "io.javalin", List.of("api", "api.ogc", "cli"),
            "picocli", List.of("cli"),
            "com.zaxxer", List.of("store"),
            "org.h2", List.of("store"),
            "org.h2gis", List.of("store"));

    static final List<String> PURE = List.of("model", "geo", "scoring", "demo", "style");
    static final List<String> NOT_IN_PURE = List.of("vn.anttmap.store", "vn.anttmap.service", "vn.anttmap.api",
            "vn.anttmap.cli", "vn.anttmap.io", "java.io.File", "java.nio.file", "java.net");

    @Test
    void importsFollowTheDependencyRule() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(f.getParent()).toString().replace('/', '.');
                for (String line : Files.readAllLines(f)) {
                    if (!line.startsWith("import ")) {
                        continue;
                    }
                    String imported = line.replaceFirst("import (static )?", "");
                    ONLY_IN.forEach((prefix, allowed) -> {
                        if (imported.startsWith(prefix + ".") && !allowed.contains(pkg)) {
                            violations.add(f + ": " + line);
                        }
                    });
                    if (PURE.contains(pkg) && NOT_IN_PURE.stream().anyMatch(imported::startsWith)) {
                        violations.add(f + ": " + line);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
