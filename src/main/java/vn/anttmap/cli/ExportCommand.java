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
        description = "Export a layer (every record, all boundary versions) as GeoJSON or CSV; import reads the file back.")
final class ExportCommand extends DataCommand {
    @Option(names = "--layer", required = true, paramLabel = "LAYER",
            description = "wards, areas, teams, cameras, incidents, disputes or extractions.")
    String layer;

    @Option(names = "--format", paramLabel = "FORMAT", description = "geojson or csv (default: from the --out file name).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (replaced whole, or not at all).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Layer source = layer(layer);
        ImportService.Format fmt = ImportService.Format.of(format, out.getFileName().toString());
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".antt-export-", ".tmp");
        try (App.Services services = services()) {
            int n;
            try (OutputStream os = Files.newOutputStream(tmp)) {
                n = services.features().export(source, fmt, os);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out().println("exported " + n + " " + source.apiName() + " to " + out);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return 0;
    }
}
