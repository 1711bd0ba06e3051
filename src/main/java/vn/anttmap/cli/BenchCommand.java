package vn.anttmap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.anttmap.App;
import vn.anttmap.config.StoreConfig;

import java.nio.file.Path;

/** {@code bench}: measures the figures to reach at a scale, each beside the PostGIS SQL a GIS analyst would write. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark (a program, not a test): generates a data set at the scale into PostGIS (--db, or "
                + "ANTT_DB_URL) unless it is there already, then times bulk import, scoring every area, coverage per "
                + "area, scorecards and camera sectors kept beside computed, z14 and z10 vector tiles cold and cached, the leaders' dashboard of the province warm and cold, streaming the incidents through OGC items from a "
                + "server with -Xmx512m, exporting every incident in each format (beside ogr2ogr from the same table), the planner, and the demo's start with -Xmx256m; import, scoring, coverage, "
                + "tiles and the dashboard also as hand-written PostGIS SQL on the same data, with the ratio. Prints a table and "
                + "writes bench-<scale>.md and bench-<scale>.json."})
final class BenchCommand extends DataCommand {
    @Option(names = "--scale", paramLabel = "SCALE", description = "ward, province (default) or national.")
    String scale = "province";

    @Option(names = "--seed", paramLabel = "N", description = "Random seed of the generated data (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the reports go (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("bench-results");

    @Option(names = "--coverage-areas", paramLabel = "N", description = "Areas timed for coverage (default: ${DEFAULT-VALUE}).")
    int coverageAreas = 200;

    @Option(names = "--only", paramLabel = "PARTS", description = "Run only these parts, comma-separated: import, "
            + "scoring, coverage, kept, tiles, dashboard, ogc, export, planner, startup (default: all). The data set is generated first when the "
            + "database is empty, whatever the parts.")
    String only;

    @Override
    public Integer call() throws Exception {
        java.util.Set<Bench.Part> parts = Bench.Part.of(only);
        StoreConfig config = storeOptions.toConfig();
        if (!config.usesPostgis()) {
            throw new IllegalArgumentException("bench compares with PostGIS SQL on the same data: give --db "
                    + "jdbc:postgresql://host/db (or ANTT_DB_URL) for an empty PostGIS database");
        }
        try (App.Services services = services()) {
            new Bench(services, config, vn.anttmap.demo.ScaleGenerator.Scale.of(scale), seed, out, coverageAreas, out(), parts).run();
        }
        return 0;
    }

}
