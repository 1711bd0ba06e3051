package vn.anttmap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.anttmap.App;
import vn.anttmap.model.Layer;
import vn.anttmap.service.ImportResult;
import vn.anttmap.service.ImportService;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** {@code import}: load a file into a layer, all or nothing, in any format {@code export} writes. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a file into a layer. All or nothing: one bad record refuses the file, "
                + "naming the record and the reason, and nothing is written.",
                "Formats read: GeoJSON (.geojson, .json), CSV (.csv), GeoPackage (.gpkg: the table named after the layer, "
                        + "or the only one), KML (.kml: the folder named after the layer, or the only one) and FlatGeobuf "
                        + "(.fgb), each as export writes it; GeoJSON, GeoPackage, KML and FlatGeobuf in WGS 84.",
                "CSV: UTF-8; location in lon,lat columns (WGS 84), in x,y columns with --crs, or in a wkt column.",
                "An export of residential_areas imports into areas, its verdict columns named and left out; an export of "
                        + "camera_coverage, camera_proposals or a hot-spot layer is recognised and stores nothing (the "
                        + "store computes them again from the layers they come from)."})
final class ImportCommand extends DataCommand {
    @Option(names = "--layer", required = true, paramLabel = "LAYER",
            description = "wards, areas, teams, cameras, incidents, disputes or extractions.")
    String layer;

    @Option(names = "--format", paramLabel = "FORMAT", description = "geojson, csv, gpkg, kml or fgb (default: from the file name).")
    String format;

    @Option(names = "--crs", paramLabel = "CRS",
            description = "CRS of CSV x/y or WKT coordinates: EPSG:<code> (EPSG:3405 is VN-2000 / UTM 48N), "
                    + "VN2000:<province> (e.g. VN2000:thanh-hoa, the TM-3 zone on 105°00') or VN2000-TM3:<meridian>.")
    String crs;

    @Parameters(paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Override
    public Integer call() throws Exception {
        Layer target = layer(layer);
        ImportService.Format fmt = ImportService.Format.of(format, file.getFileName().toString());
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + " (no such file)");
        }
        try (App.Services services = services();
             InputStream in = Files.newInputStream(file)) {
            ImportResult r = services.importer().importFile(target, file.getFileName().toString(), in, fmt, crs);
            out().println("imported " + r.written() + " " + r.layer().apiName()
                    + (r.reassigned() > 0 ? "; " + r.reassigned() + " records re-assigned to new boundaries" : ""));
            r.notes().forEach(n -> out().println("note: " + n));
        }
        return 0;
    }
}
