package vn.anttmap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vn.anttmap.model.Layer;
import vn.anttmap.service.DemoFiles;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code generate-demo}: rewrite the synthetic demo files, deterministically, from the real ward boundary. */
@Command(name = "generate-demo", mixinStandardHelpOptions = true,
        description = {"Regenerate the synthetic demo layers of phường Hải Hòa (areas, roads, coastline, cameras, "
                + "incidents with their handling, teams, disputes, extractions), those of its three neighbours, and the "
                + "wards file from the real commune outlines, with fixed seeds: the same source gives the same files. "
                + "Used on purpose only, when the generator changes."})
final class GenerateDemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The demo folder, e.g. geodata/demo.")
    Path out;

    @Option(names = "--source", paramLabel = "FILE",
            description = "The censusVN2009 outlines (default: geodata/sources/censusvn2009_hai_hoa_and_neighbours.geojson).")
    Path source = Path.of("geodata/sources/censusvn2009_hai_hoa_and_neighbours.geojson");

    @Override
    public Integer call() throws Exception {
        Map<Layer, byte[]> files;
        try (InputStream in = Files.newInputStream(source)) {
            files = DemoFiles.generate(source.toString(), in);
        }
        for (Map.Entry<Layer, byte[]> e : files.entrySet()) {
            Path target = out.resolve(e.getKey().apiName() + ".geojson");
            Files.write(target, e.getValue());
            spec.commandLine().getOut().println("wrote " + target);
        }
        return 0;
    }
}
