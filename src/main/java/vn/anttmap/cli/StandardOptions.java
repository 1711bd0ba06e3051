package vn.anttmap.cli;

import picocli.CommandLine.Option;
import vn.anttmap.io.StandardReader;
import vn.anttmap.scoring.Standard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which standard scoring applies: the bundled Thông tư 124/2021/TT-BCA, optionally extended by a province's file. */
final class StandardOptions {
    @Option(names = "--standard-extension", paramLabel = "FILE",
            description = "A province's extra criteria (Art. 8(1)), a JSON file that extends tt124-2021 "
                    + "(default: env ANTT_STANDARD_EXTENSION; see geodata/standards/README.md).")
    Path extension;

    Standard standard() throws IOException {
        Standard base = StandardReader.bundled();
        Path file = extension != null ? extension
                : StoreOptions.env("ANTT_STANDARD_EXTENSION", null) == null ? null : Path.of(StoreOptions.env("ANTT_STANDARD_EXTENSION", null));
        if (file == null) {
            return base;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return StandardReader.extend(base, file.toString(), in);
        }
    }
}
