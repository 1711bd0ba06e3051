package vn.anttmap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.anttmap.App;
import vn.anttmap.demo.ScaleGenerator;
import vn.anttmap.service.ScaleLoader;

import java.nio.file.Path;
import java.util.Locale;

/** {@code generate}: a synthetic data set at ward, province or national scale, into a store or files. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic data set for measuring (labelled synthetic): ward (1 ward, 25 areas, 250 "
                + "cameras, 1,000 incidents), province (200 wards, 5,000 areas, 50,000 cameras, 200,000 incidents) or "
                + "national (3,000 wards, 105,000 areas, 999,000 cameras, 3,999,000 incidents), or national_small (3,000 "
                + "wards, 75,000 areas, 60,000 cameras, 210,000 incidents), incidents over the two "
                + "area periods 01/11/2023–31/10/2025. Written through the normal import (checks, point-in-polygon "
                + "assignment) in batches of 10,000, with a progress bar; or, with --out, as GeoJSON files."})
final class GenerateCommand extends DataCommand {
    @Option(names = "--scale", required = true, paramLabel = "SCALE", description = "ward, province, national or national_small.")
    String scale;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Write GeoJSON files into DIR instead of a store.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ScaleGenerator gen = new ScaleGenerator(ScaleGenerator.Scale.of(scale), seed);
        var o = out();
        if (out != null) {
            ScaleLoader.write(gen, out, o);
            return 0;
        }
        try (App.Services services = services()) {
            if (services.store().counts().get(vn.anttmap.model.Layer.WARDS) > 0) {
                throw new IllegalArgumentException("the store already holds wards; generate into an empty store");
            }
            for (ScaleLoader.Timing t : ScaleLoader.load(services.importer(), gen, o)) {
                o.printf(Locale.ROOT, "%-10s %,10d in %7.1f s (%,.0f/s)%n", t.layer().apiName(), t.records(), t.seconds(), t.perSecond());
            }
        }
        return 0;
    }
}
