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
                + "incidents, teams, disputes, extractions) from DIR/wards.geojson, with a fixed seed: the same input "
                + "gives the same files. Used on purpose only, when the generator changes."})
final class GenerateDemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The demo folder, e.g. geodata/demo.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path wards = out.resolve("wards.geojson");
        Map<Layer, byte[]> files;
        try (InputStream in = Files.newInputStream(wards)) {
            files = DemoFiles.generate(wards.toString(), in);
        }
        for (Map.Entry<Layer, byte[]> e : files.entrySet()) {
            Path target = out.resolve(e.getKey().apiName() + ".geojson");
            Files.write(target, e.getValue());
            spec.commandLine().getOut().println("wrote " + target);
        }
        return 0;
    }
}
