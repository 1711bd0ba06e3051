package vn.anttmap.service;

import vn.anttmap.io.CsvWriter;
import vn.anttmap.io.GeoJsonWriter;
import vn.anttmap.io.export.ExportLayer;
import vn.anttmap.io.export.FlatGeobufWriter;
import vn.anttmap.io.export.GeoPackageWriter;
import vn.anttmap.io.export.KmlWriter;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.GeometryKind;
import vn.anttmap.model.Layer;
import vn.anttmap.model.ServiceFailure;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.store.FeatureStore;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Exports layers for GIS tools: GeoPackage (every layer; with residential_areas, the scorecards with the standard's id
 * and period as a table: provenance), KML (one document, areas in their verdict's colour), and GeoJSON, CSV or FlatGeobuf (one file
 * per layer; several layers come as a ZIP). Layers are the published collections ({@code residential_areas},
 * {@code camera_coverage}, …) or any stored layer by name ({@code teams}, {@code disputes}, …).
 */
public final class ExportService {
    public enum Format {
        GPKG("gpkg", "application/geopackage+sqlite3"), GEOJSON("geojson", "application/geo+json"),
        KML("kml", "application/vnd.google-earth.kml+xml"), FGB("fgb", "application/flatgeobuf"), CSV("csv", "text/csv");

        public final String extension;
        public final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        public static Format of(String name) {
            for (Format f : values()) {
                if (f.extension.equalsIgnoreCase(name == null ? "" : name.trim())) {
                    return f;
                }
            }
            throw new IllegalArgumentException("không có định dạng '" + name + "'; dùng gpkg, geojson, kml, fgb hoặc csv / unknown format '"
                    + name + "'; use gpkg, geojson, kml, fgb or csv");
        }
    }

    private final FeatureStore store;
    private final PublishService publish;
    /** The scorecards the page and the API read, kept until the data change (any writer). */
    private final ScorecardCache scoring;

    public ExportService(FeatureStore store, PublishService publish, ScorecardCache scoring) {
        this.store = store;
        this.publish = publish;
        this.scoring = scoring;
    }

    /** The media type of an export: a ZIP when a one-layer format carries several layers. */
    public static String mediaType(Format format, int layers) {
        return layers > 1 && format != Format.GPKG && format != Format.KML ? "application/zip" : format.mediaType;
    }

    public static String fileName(Format format, List<String> layers) {
        String base = layers.size() == 1 ? layers.get(0) : "antt-map";
        return base + "." + (layers.size() > 1 && format != Format.GPKG && format != Format.KML ? "zip" : format.extension);
    }

    /**
     * @throws IllegalArgumentException naming an unknown layer
     */
    public void export(List<String> names, Format format, OutputStream out) throws IOException {
        export(vn.anttmap.auth.Principal.ADMIN_LOCAL, names, format, out);
    }

    /**
     * Exports what the principal may see of the layers (the access policy applies to every row).
     *
     * @throws ServiceFailure           {@code UNAUTHENTICATED} or {@code FORBIDDEN} for a layer the principal may not read
     * @throws IllegalArgumentException naming an unknown layer
     */
    public void export(vn.anttmap.auth.Principal who, List<String> names, Format format, OutputStream out) throws IOException {
        List<ExportLayer> layers = new ArrayList<>();
        for (String n : names) {
            ExportLayer l = layer(n.trim());
            if (!vn.anttmap.auth.AccessPolicy.canRead(who, l.name())) {
                throw new ServiceFailure(who.isPublic() ? ServiceFailure.Kind.UNAUTHENTICATED : ServiceFailure.Kind.FORBIDDEN,
                        "bạn không được xuất lớp " + l.name() + " / you may not export " + l.name());
            }
            layers.add(new ExportLayer(l.name(), l.geometryType(), l.properties(), l.features() instanceof List<Feature> all
                    ? vn.anttmap.auth.AccessPolicy.filter(who, l.name(), all)
                    : new Visible(l.features(), f -> vn.anttmap.auth.AccessPolicy.visible(who, l.name(), f))));
        }
        switch (format) {
            case GPKG -> {
                Path tmp = Files.createTempFile("antt-export-", ".gpkg");
                try {
                    List<ExportLayer> all = new ArrayList<>(layers);
                    if (layers.stream().anyMatch(l -> l.name().equals("residential_areas"))) {
                        all.add(scorecards(who)); // the verdicts' provenance, with the verdicts
                    }
                    GeoPackageWriter.write(tmp.toFile(), all);
                    Files.copy(tmp, out);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            case KML -> KmlWriter.write(layers, out);
            default -> {
                if (layers.size() == 1) {
                    single(layers.get(0), format, out);
                } else {
                    ZipOutputStream zip = new ZipOutputStream(out);
                    for (ExportLayer l : layers) {
                        zip.putNextEntry(new ZipEntry(l.name() + "." + format.extension));
                        single(l, format, zip);
                        zip.closeEntry();
                        if (format == Format.CSV) {
                            zip.putNextEntry(new ZipEntry(l.name() + ".prj"));
                            zip.write(vn.anttmap.io.CsvWriter.PRJ.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            zip.closeEntry();
                        }
                    }
                    zip.finish();
                }
            }
        }
        out.flush();
    }

    private void single(ExportLayer l, Format format, OutputStream out) throws IOException {
        OutputStream keepOpen = new java.io.FilterOutputStream(out) {
            // FilterOutputStream would pass an array on a byte at a time: one system call per byte into a file
            // (a FlatGeobuf of 200,000 incidents took 40 s instead of 4).
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        switch (format) {
            case GEOJSON -> GeoJsonWriter.writeComputed(l.features(), Map.of("name", l.name()), keepOpen);
            case FGB -> FlatGeobufWriter.write(l, keepOpen);
            case CSV -> {
                Layer stored = Layer.byName(l.name()).orElse(null);
                if (stored != null) {
                    CsvWriter.write(stored, l.features(), keepOpen);
                } else {
                    CsvWriter.writeComputed(l.properties(), l.features(), keepOpen);
                }
            }
            default -> throw new IllegalStateException(format.toString());
        }
    }

    /** A layer by collection id or stored layer name. */
    public ExportLayer layer(String name) {
        var collection = publish.collection(name);
        Optional<Layer> asStored = collection.flatMap(c -> PublishService.storedLayer(c.id()));
        if (asStored.isPresent()) {
            // Published as stored: read a page at a time like any stored layer.
            var c = collection.get();
            return new ExportLayer(c.id(), c.geometryType(), c.properties(), new Pages(store, asStored.get()));
        }
        if (collection.isPresent()) {
            var c = collection.get();
            return new ExportLayer(c.id(), c.geometryType(), c.properties(), publish.features(c.id()));
        }
        Layer layer = Layer.byName(name).orElseThrow(() -> {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            publish.collections().forEach(c -> names.add(c.id()));
            java.util.Arrays.stream(Layer.values()).forEach(l -> names.add(l.apiName()));
            String known = String.join(", ", names); // each once: wards, cameras and incidents are both
            return new IllegalArgumentException("không có lớp dữ liệu '" + name + "'; các lớp là " + known + " / unknown layer '"
                    + name + "'; layers: " + known);
        });
        String geometry = switch (layer.geometryKind()) {
            case NONE -> null;
            case POINT, OPTIONAL_POINT -> "Point";
            case MULTILINESTRING -> "MultiLineString";
            case MULTIPOLYGON -> "MultiPolygon";
        };
        if (layer.geometryKind() == GeometryKind.OPTIONAL_POINT) {
            geometry = "Point";
        }
        return new ExportLayer(layer.apiName(), geometry, layer.fields().stream().map(f -> f.name()).toList(),
                new Pages(store, layer));
    }

    /** Records read per page when an export walks a stored layer. */
    static final int PAGE_SIZE = 2_000;

    /**
     * Every record of a stored layer (all versions), read from the store a page at a time (by id, after the last one
     * read) each time it is walked: an export of a province's 200,000 incidents holds one page, not the layer.
     */
    record Pages(FeatureStore store, Layer layer) implements Iterable<Feature> {
        @Override
        public java.util.Iterator<Feature> iterator() {
            return new java.util.Iterator<>() {
                private List<Feature> page = store.page(layer, FeatureQuery.ALL, null, PAGE_SIZE);
                private int next;

                @Override
                public boolean hasNext() {
                    if (next < page.size()) {
                        return true;
                    }
                    if (page.size() < PAGE_SIZE) {
                        return false;
                    }
                    page = store.page(layer, FeatureQuery.ALL, page.get(page.size() - 1).id(), PAGE_SIZE);
                    next = 0;
                    return !page.isEmpty();
                }

                @Override
                public Feature next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return page.get(next++);
                }
            };
        }
    }

    /** The records of {@code all} the principal may see, filtered as they are walked. */
    record Visible(Iterable<Feature> all, java.util.function.Predicate<Feature> visible) implements Iterable<Feature> {
        @Override
        public java.util.Iterator<Feature> iterator() {
            java.util.Iterator<Feature> it = all.iterator();
            return new java.util.Iterator<>() {
                private Feature ahead;

                @Override
                public boolean hasNext() {
                    while (ahead == null && it.hasNext()) {
                        Feature f = it.next();
                        if (visible.test(f)) {
                            ahead = f;
                        }
                    }
                    return ahead != null;
                }

                @Override
                public Feature next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    Feature f = ahead;
                    ahead = null;
                    return f;
                }
            };
        }
    }

    /** Every check of every scorecard of the published year, with the standard and period: provenance. */
    ExportLayer scorecards(vn.anttmap.auth.Principal who) {
        int year = publish.scoringYear();
        List<Feature> rows = new ArrayList<>();
        for (Feature ward : store.query(Layer.WARDS, FeatureQuery.ALL)) {
            if (store.query(Layer.AREAS, FeatureQuery.ALL.withWard(ward.id())).isEmpty()) {
                continue;
            }
            List<Scorecard> cards = new ArrayList<>(scoring.scoreAreas(ward.id(), year));
            cards.add(scoring.scoreWard(ward.id(), year));
            for (Scorecard card : cards) {
                for (Scorecard.CriterionResult c : card.criteria()) {
                    for (Scorecard.CheckResult k : c.checks()) {
                        Map<String, Object> p = new LinkedHashMap<>();
                        p.put("standard", scoring.standard().id());
                        p.put("period_year", year);
                        p.put("period_first", card.period().first());
                        p.put("period_last", card.period().last());
                        p.put("subject_kind", card.level().name().toLowerCase(Locale.ROOT));
                        p.put("subject_id", card.subjectId());
                        p.put("verdict", card.verdict().vi());
                        p.put("criterion", c.criterionId());
                        p.put("check_id", k.checkId());
                        p.put("status", k.status().name().toLowerCase(Locale.ROOT));
                        p.put("measured", k.measured());
                        p.put("comparison", k.comparison());
                        p.put("threshold", k.threshold());
                        p.put("evidence", vn.anttmap.auth.AccessPolicy.seesExact(who, ward.id())
                                ? String.join(" ", k.evidence().stream().map(Scorecard.Evidence::id).toList()) : null);
                        rows.add(new Feature(card.subjectId() + ":" + k.checkId(), null, p));
                    }
                }
            }
        }
        return new ExportLayer("scorecards", null, List.of("standard", "period_year", "period_first", "period_last",
                "subject_kind", "subject_id", "verdict", "criterion", "check_id", "status", "measured", "comparison",
                "threshold", "evidence"), rows);
    }
}
