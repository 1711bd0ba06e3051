package vn.anttmap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.anttmap.App;
import vn.anttmap.io.GeoJsonWriter;
import vn.anttmap.service.HotspotService;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** {@code hotspots}: a ward's kernel density, Gi* hot spots or emerging hot spots, with their parameters. */
@Command(name = "hotspots", mixinStandardHelpOptions = true,
        description = {"Hotspot analysis of a ward's incidents, in metres: kernel density (quartic kernel), Getis-Ord Gi* "
                + "with the false-discovery rate (hot or cold at 99/95/90 %%), or emerging hot spots across time steps. "
                + "Prints the parameters and the classes; --out writes the cells as GeoJSON, each with the parameters."})
final class HotspotsCommand extends DataCommand {
    @Option(names = "--ward", required = true, paramLabel = "ID", description = "The ward's id.")
    String ward;

    /** Dates as the import reads them (yyyy-MM-dd or dd/MM/yyyy), with its message when neither fits. */
    static final class DateConverter implements picocli.CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return vn.anttmap.service.ImportService.date(value.trim());
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--from", paramLabel = "DATE", converter = DateConverter.class,
            description = "First day, yyyy-MM-dd or dd/MM/yyyy (default: 24 months before --to).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", converter = DateConverter.class,
            description = "Last day, yyyy-MM-dd or dd/MM/yyyy (default: the end of the last whole month before the latest incident).")
    LocalDate to;

    @Option(names = "--analysis", paramLabel = "KIND", description = "density, gistar (default) or emerging.")
    String analysis = "gistar";

    @Option(names = "--categories", paramLabel = "CODES", split = ",", description = "Only these incident categories (comma-separated).")
    String[] categories;

    @Option(names = "--bandwidth-m", paramLabel = "M", description = "Kernel bandwidth (default: the spatial Silverman rule).")
    Double bandwidthM;

    @Option(names = "--cell-m", paramLabel = "M", description = "Cell size.")
    Double cellM;

    @Option(names = "--band-m", paramLabel = "M", description = "Gi* distance band (default: twice the cell).")
    Double bandM;

    @Option(names = "--step-months", paramLabel = "N", description = "Emerging hot spots: months per time step (default 3).")
    Integer stepMonths;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the cells as GeoJSON.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Set<String> cats = categories == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(categories));
        try (App.Services services = services()) {
            HotspotService.Request r = new HotspotService.Request(analysis, ward, from, to, cats, bandwidthM, cellM, bandM, stepMonths);
            HotspotService.Analysis a = switch (analysis) {
                case "density" -> services.hotspots().density(r);
                case "gistar" -> services.hotspots().giStar(r);
                case "emerging" -> services.hotspots().emerging(r);
                default -> throw new IllegalArgumentException("--analysis: '" + analysis + "' is not density, gistar or emerging");
            };
            var o = out();
            o.println(analysis + " for " + ward + ": " + a.cells().size() + " cells");
            a.parameters().forEach((k, v) -> o.println("  " + k + " = " + v));
            a.summary().forEach((k, v) -> o.println("  " + k + ": " + v));
            if (out != null) {
                try (OutputStream os = Files.newOutputStream(out)) {
                    GeoJsonWriter.writeComputed(a.cells(), Map.of("parameters", a.parameters()), os);
                }
                o.println("wrote " + out);
            }
        }
        return 0;
    }
}
