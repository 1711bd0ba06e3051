package vn.anttmap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.anttmap.App;
import vn.anttmap.model.Layer;
import vn.anttmap.service.ImportService;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code export}: write a layer to a file that {@code import} reads back. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a layer (every record, all boundary versions) as GeoPackage, GeoJSON, KML, FlatGeobuf or CSV; import reads each back.")
final class ExportCommand extends DataCommand {
    @Option(names = {"--layer", "--layers"}, required = true, paramLabel = "LAYERS", split = ",",
            description = "One or more layers: stored ones (wards, areas, teams, cameras, incidents, …) or published "
                    + "collections (residential_areas with verdicts, camera_coverage, camera_proposals).")
    java.util.List<String> layers;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "gpkg, geojson, kml, fgb or csv (default: from the --out file name).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (replaced whole, or not at all).")
    Path out;

    @Override
    public Integer call() throws Exception {
        String ext = format != null ? format : out.getFileName().toString().replaceFirst(".*\\.", "");
        boolean roundTrip = layers.size() == 1 && Layer.byName(layers.get(0)).isPresent()
                && (ext.equalsIgnoreCase("geojson") || ext.equalsIgnoreCase("json") || ext.equalsIgnoreCase("csv"));
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".antt-export-", ".tmp");
        try (App.Services services = services()) {
            String what;
            try (OutputStream os = Files.newOutputStream(tmp)) {
                if (roundTrip) {
                    Layer source = layer(layers.get(0));
                    int n = services.features().export(source, ImportService.Format.of(ext, out.getFileName().toString()), os);
                    what = n + " " + source.apiName();
                } else {
                    services.exports().export(layers, vn.anttmap.service.ExportService.Format.of(ext), os);
                    what = String.join(", ", layers);
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (ext.equalsIgnoreCase("csv") && (roundTrip || layers.size() == 1)) {
                // The coordinate system beside the file, where GDAL and QGIS look for it.
                String name = target.getFileName().toString();
                Files.writeString(target.resolveSibling((name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name) + ".prj"),
                        vn.anttmap.io.CsvWriter.PRJ);
            }
            out().println("exported " + what + " to " + out);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return 0;
    }
}
