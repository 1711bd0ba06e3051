package vn.anttmap.cli;

import vn.anttmap.model.Layer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bench's export figures: every incident in each format, beside ogr2ogr, and from a process with a small heap. */
final class BenchExport {
    private final Bench.Context ctx;

    BenchExport(Bench.Context ctx) {
        this.ctx = ctx;
    }

    // ---------------------------------------------------------------- export

    /**
     * Every incident exported in each format, in features per second, beside GDAL's ogr2ogr writing the same format
     * from the same PostGIS table (what a GIS analyst would run); then the GeoPackage export of the incidents from a
     * separate process with -Xmx256m, which a layer held in memory would not fit into at the province's scale.
     */
    void exportFigures() throws Exception {
        long n = ctx.services().store().counts().get(Layer.INCIDENTS);
        java.util.Optional<Path> ogr2ogr = java.util.Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(p -> java.util.Arrays.stream(p.split(java.io.File.pathSeparator)))
                .map(d -> Path.of(d, "ogr2ogr")).filter(Files::isExecutable).findFirst();
        Path dir = Files.createTempDirectory("antt-bench-export-");
        try {
            for (vn.anttmap.service.ExportService.Format format : vn.anttmap.service.ExportService.Format.values()) {
                ctx.step("exporting " + n + " incidents as " + format.extension + (ogr2ogr.isPresent() ? ", and with ogr2ogr" : ""));
                Path ours = dir.resolve("ours." + format.extension);
                List<Double> runs = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    long t0 = System.nanoTime();
                    try (java.io.OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(ours), 1 << 16)) {
                        ctx.services().exports().export(List.of("incidents"), format, o);
                    }
                    runs.add((System.nanoTime() - t0) / 1e9);
                }
                double s = Bench.median(runs);
                Double theirs = null;
                String how = String.format(Locale.ROOT, "median of 3 runs, %.1f s, %,d bytes", s, Files.size(ours));
                if (ogr2ogr.isPresent()) {
                    String driver = switch (format) {
                        case GPKG -> "GPKG";
                        case GEOJSON -> "GeoJSON";
                        case KML -> "KML";
                        case FGB -> "FlatGeobuf";
                        case CSV -> "CSV";
                    };
                    List<Double> gdal = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        Path theirsFile = dir.resolve("gdal." + format.extension);
                        Files.deleteIfExists(theirsFile);
                        List<String> cmd = new ArrayList<>(List.of(ogr2ogr.get().toString(), "-f", driver, theirsFile.toString(),
                                pgConnection(), Layer.INCIDENTS.table(), "-nln", "incidents"));
                        if (format == vn.anttmap.service.ExportService.Format.CSV) {
                            cmd.addAll(List.of("-lco", "GEOMETRY=AS_WKT"));
                        }
                        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                                .redirectOutput(dir.resolve("ogr2ogr.log").toFile());
                        String password = ctx.config().dbPassword() != null ? ctx.config().dbPassword() : urlParameter("password");
                        if (password != null) {
                            pb.environment().put("PGPASSWORD", password);
                        }
                        long t0 = System.nanoTime();
                        Process p = pb.start();
                        if (!p.waitFor(30, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0) {
                            throw new IllegalStateException("ogr2ogr failed: " + Files.readString(dir.resolve("ogr2ogr.log")));
                        }
                        gdal.add((System.nanoTime() - t0) / 1e9);
                    }
                    theirs = n / Bench.median(gdal);
                    how += String.format(Locale.ROOT, "; ogr2ogr -f %s from the PostGIS table: %.1f s (its process start included)",
                            driver, Bench.median(gdal));
                }
                ctx.figures().add(Figure.of("export " + format.extension + ", every incident", n / s, "features/s", theirs,
                        "higher", "–", null, how));
            }
            ctx.step("exporting every incident as GeoPackage from a process with -Xmx256m");
            Path f = dir.resolve("small-heap.gpkg");
            List<String> cmd = new ArrayList<>(List.of(Bench.javaBin(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    "vn.anttmap.cli.Main", "export", "--layer", "incidents", "--out", f.toString(), "--db", ctx.config().dbUrl()));
            if (ctx.config().dbUser() != null) {
                cmd.addAll(List.of("--db-user", ctx.config().dbUser()));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("export.log").toFile());
            if (ctx.config().dbPassword() != null) {
                pb.environment().put("ANTT_DB_PASSWORD", ctx.config().dbPassword());
            }
            long t0 = System.nanoTime();
            Process p = pb.start();
            boolean ok = p.waitFor(30, java.util.concurrent.TimeUnit.MINUTES) && p.exitValue() == 0;
            double s = (System.nanoTime() - t0) / 1e9;
            ctx.figures().add(Figure.of("export gpkg, every incident, -Xmx256m process", ok ? n / s : 0, "features/s", null, "higher",
                    "completes with a 256 MiB heap", ok, String.format(Locale.ROOT, "%.1f s with the process start; %s", s,
                            ok ? String.format(Locale.ROOT, "%,d bytes", Files.size(f)) : "failed: "
                                    + Files.readString(dir.resolve("export.log")).lines().limit(5).toList())));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }

    /** GDAL's connection string for the bench's database, from its JDBC URL (the password goes by PGPASSWORD). */
    private String pgConnection() {
        java.net.URI u = URI.create(ctx.config().dbUrl().substring("jdbc:".length()));
        StringBuilder sb = new StringBuilder("PG:host=" + u.getHost() + " port=" + (u.getPort() < 0 ? 5432 : u.getPort())
                + " dbname=" + u.getPath().substring(1));
        String user = ctx.config().dbUser() != null ? ctx.config().dbUser() : urlParameter("user");
        if (user != null) {
            sb.append(" user=").append(user);
        }
        return sb.toString();
    }

    /** A parameter of the JDBC URL's query ({@code ?user=…&password=…}), or null. */
    private String urlParameter(String name) {
        String query = URI.create(ctx.config().dbUrl().substring("jdbc:".length())).getRawQuery();
        if (query != null) {
            for (String kv : query.split("&")) {
                if (kv.startsWith(name + "=")) {
                    return java.net.URLDecoder.decode(kv.substring(name.length() + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }
}
