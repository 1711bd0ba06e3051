package vn.anttmap.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.anttmap.model.Taxonomy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the incident taxonomy ({@code geodata/taxonomy/incident-categories.json}). */
public final class TaxonomyReader {
    /** Where the taxonomy lives on the class path (inside the jar). */
    public static final String RESOURCE = "/geodata/taxonomy/incident-categories.json";

    private TaxonomyReader() {
    }

    public static Taxonomy read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        List<Taxonomy.Category> cats = new ArrayList<>();
        for (JsonNode c : root.path("categories")) {
            cats.add(new Taxonomy.Category(c.path("code").asText(), c.path("name_vi").asText(),
                    c.path("name_en").asText(),
                    Taxonomy.SeverityRule.valueOf(c.path("severity").asText("none").toUpperCase(java.util.Locale.ROOT))));
        }
        if (cats.isEmpty()) {
            throw new IOException("incident taxonomy has no categories");
        }
        return new Taxonomy(cats);
    }

    /** The taxonomy shipped with the application, read once (every export's styles and each service ask for it). */
    public static Taxonomy bundled() {
        return Bundled.TAXONOMY;
    }

    /** Read on first use. */
    private static final class Bundled {
        static final Taxonomy TAXONOMY = readBundled();
    }

    private static Taxonomy readBundled() {
        try (InputStream in = TaxonomyReader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + " on the class path");
            }
            Taxonomy t = read(in);
            return new Taxonomy(List.copyOf(t.categories()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
