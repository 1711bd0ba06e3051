package vn.anttmap;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the dependency rule of the architecture honest by scanning the code (imports and fully qualified names
 * alike, comments and strings left out): {@code java.sql} only in {@code store} (and in {@code io.export}, whose
 * GeoPackage is an SQLite file written over JDBC: a file format, not the store), H2 only in {@code store.h2gis} (and the H2 trigger
 * class existing databases name in {@code store}),
 * PostgreSQL's driver only in {@code store} and {@code store.postgis}, Prometheus's client only in {@code api},
 * Javalin only in {@code api} (and
 * {@code cli}, which starts the server), picocli only in {@code cli}; the pure packages free of I/O and of the
 * layers above them; {@code api} reaches the store only through the services; and the composition root
 * ({@code App}) depends on neither the command line nor the API that use it.
 */
class ArchitectureTest {
    static final Path MAIN = Path.of("src/main/java/vn/anttmap");

    /** Name prefix → the only packages (relative to vn.anttmap) that may use it. */
    static final Map<String, List<String>> ONLY_IN = Map.of(
            "java.sql", List.of("store", "store.h2gis", "store.postgis", "io.export"),
            "io.javalin", List.of("api", "api.ogc", "cli"),
            "picocli", List.of("cli"),
            "com.zaxxer", List.of("store", "store.h2gis", "store.postgis"),
            // store: AuditLogAppendOnly, the H2 trigger that existing databases name by its class (migration 12)
            "org.h2", List.of("store", "store.h2gis"),
            "org.h2gis", List.of("store.h2gis"),
            "org.postgresql", List.of("store", "store.postgis"),
            // The metrics' types stay in the HTTP layer: services and the store keep plain counts it reads.
            "io.prometheus", List.of("api"));

    /** Every package of rules and algorithms: no I/O, no layer above. */
    static final List<String> PURE = List.of("model", "geo", "scoring", "siting", "hotspot", "style", "demo");
    static final List<String> NOT_IN_PURE = List.of("vn.anttmap.store", "vn.anttmap.service", "vn.anttmap.api",
            "vn.anttmap.cli", "vn.anttmap.io", "vn.anttmap.auth", "vn.anttmap.config", "java.io.File",
            "java.nio.file", "java.net", "java.sql");

    /** Package → names it must not use (beyond the rules above). */
    static final Map<String, List<String>> FORBIDDEN = Map.of(
            "api", List.of("vn.anttmap.store"),
            "api.ogc", List.of("vn.anttmap.store"),
            "", List.of("vn.anttmap.cli", "vn.anttmap.api"));

    /** A qualified name in code: an import, or a name written out in full. */
    static final Pattern NAME = Pattern.compile("(?<![\\w.])((?:java|javax|io|picocli|com|org|vn)(?:\\.\\w+)+)");

    /** The code without comments, string and character literals (so that a message naming a package is no use). */
    static String code(String source) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && source.charAt(i) != c) {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    @Test
    void codeFollowsTheDependencyRule() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String pkg = MAIN.relativize(f.getParent()).toString().replace('/', '.');
                TreeSet<String> names = new TreeSet<>();
                Matcher m = NAME.matcher(code(Files.readString(f)));
                while (m.find()) {
                    names.add(m.group(1));
                }
                for (String name : names) {
                    ONLY_IN.forEach((prefix, allowed) -> {
                        if (name.startsWith(prefix + ".") && !allowed.contains(pkg)) {
                            violations.add(MAIN.relativize(f) + " uses " + name + " (only " + allowed + " may)");
                        }
                    });
                    if (PURE.contains(pkg) && NOT_IN_PURE.stream().anyMatch(p -> name.equals(p) || name.startsWith(p + "."))) {
                        violations.add(MAIN.relativize(f) + " uses " + name + " (" + pkg + " is pure)");
                    }
                    for (String forbidden : FORBIDDEN.getOrDefault(pkg, List.of())) {
                        if (name.startsWith(forbidden + ".")) {
                            violations.add(MAIN.relativize(f) + " uses " + name + " (" + (pkg.isEmpty() ? "the root" : pkg)
                                    + " must not use " + forbidden + ")");
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyPackageOfRulesIsListedAsPure() throws IOException {
        // A new package under vn.anttmap is either pure or named here with the layer it belongs to.
        List<String> layered = List.of("", "api", "api.ogc", "auth", "cli", "config", "io", "io.export", "service", "store",
                "store.h2gis", "store.postgis");
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                String pkg = MAIN.relativize(d).toString().replace('/', '.');
                if (!PURE.contains(pkg) && !layered.contains(pkg)) {
                    unknown.add(pkg);
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void theScannerSeesFullyQualifiedNamesAndSkipsCommentsAndStrings() {
        String src = "class A { java.sql.Connection c; // io.javalin.Context\n String s = \"picocli.X\"; /* org.h2.Y */ }";
        Matcher m = NAME.matcher(code(src));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertThat(found).containsExactly("java.sql.Connection");
    }
}
