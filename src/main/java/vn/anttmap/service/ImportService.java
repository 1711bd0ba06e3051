package vn.anttmap.service;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.io.CsvReader;
import vn.anttmap.io.GeoJsonReader;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Layer;
import vn.anttmap.model.Problem;
import vn.anttmap.model.Taxonomy;
import vn.anttmap.model.VietnamTime;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.WriteBatch;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static vn.anttmap.geo.GeometryChecks.degrees;

/**
 * Imports a file into one layer, all or nothing. Every record is read and checked (types, ranges, codes, geometry
 * validity), then assigned to its ward and residential area by point in polygon on the record's own day. If any
 * record is wrong, the import is refused with every problem and where, and nothing is written. Importing wards or
 * areas whose boundaries changed re-assigns the cameras, incidents, disputes and teams they touch, in the same
 * transaction.
 */
public final class ImportService {
    /** A day as officers write it, for the Vietnamese side of messages. */
    private static final java.time.format.DateTimeFormatter SHOWN_DAY = java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu");

    /** The file formats import reads. */
    public enum Format {
        GEOJSON, CSV, GPKG, KML, FGB;

        /** From an explicit name ({@code geojson}, {@code csv}) or, when that is null, the file name's extension. */
        public static Format of(String name, String fileName) {
            String n = name != null ? name.toLowerCase(Locale.ROOT)
                    : fileName.toLowerCase(Locale.ROOT).replaceFirst(".*\\.", "");
            return switch (n) {
                case "geojson", "json" -> GEOJSON;
                case "csv" -> CSV;
                case "gpkg" -> GPKG;
                case "kml" -> KML;
                case "fgb", "flatgeobuf" -> FGB;
                default -> throw new IllegalArgumentException(vn.anttmap.model.Bilingual.of("không nhận định dạng '" + n
                        + "'; hãy dùng geojson, csv, gpkg, kml hoặc fgb", "unknown format '" + n + "'; use geojson, csv, gpkg, kml or fgb"));
            };
        }
    }

    private final FeatureStore store;
    private final Taxonomy taxonomy;
    private final Clock clock;
    private final vn.anttmap.scoring.Standard standard;
    /** For each subject kind ({@code area}, {@code ward}), the check ids an officer may attest. */
    private final Map<String, Set<String>> attestable;
    /** Records written by imports into each layer since start (committed only), for monitoring. */
    private final Map<Layer, java.util.concurrent.atomic.LongAdder> rowsWritten = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param standard what attestations may name (its attested checks and declarations per level), which exceptions
     *                 each check allows, and from which period year it is in force
     */
    public ImportService(FeatureStore store, Taxonomy taxonomy, Clock clock, vn.anttmap.scoring.Standard standard) {
        this.store = store;
        this.taxonomy = taxonomy;
        this.clock = clock;
        this.standard = standard;
        this.attestable = Map.of(
                "area", Set.copyOf(standard.attestedChecks(vn.anttmap.scoring.Standard.Level.AREA)),
                "ward", Set.copyOf(standard.attestedChecks(vn.anttmap.scoring.Standard.Level.WARD)));
    }

    /**
     * Reads and imports a file.
     *
     * @param source name of the input for messages (the file name)
     * @param crs    CRS of CSV x/y or WKT coordinates, or {@code null}
     * @throws InvalidInputException listing what is wrong and where; nothing was written
     */
    public ImportResult importFile(Layer layer, String source, InputStream in, Format format, String crs) throws IOException {
        ImportResult r = importRecords(layer, source, read(source, in, format, crs, layer));
        countWritten(r.layer(), r.written());
        return r;
    }

    /**
     * A date as files give it, for the command line too: yyyy-MM-dd or dd/MM/yyyy.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static java.time.LocalDate date(String s) {
        return RecordConverter.date(s);
    }

    /** Refreshes the store's statistics after a bulk load. */
    public void analyze() {
        store.analyze();
    }

    /** Imports records already read, all or nothing. */
    public synchronized ImportResult importRecords(Layer layer, String source, List<RawRecord> raws) {
        return importRecords(layer, source, raws, (features, batch) -> batch.audit(new vn.anttmap.model.AuditEntry(
                java.util.UUID.randomUUID().toString(), java.time.OffsetDateTime.now(clock), null, "import",
                layer.apiName(), null, null, null, source + ": " + features.size() + " records")));
    }

    /**
     * Imports records, letting {@code beforeWrite} see the checked, assigned features and add to the batch (audit
     * entries) or refuse (by throwing) before anything is written.
     */
    public synchronized ImportResult importRecords(Layer layer, String source, List<RawRecord> raws,
                                                   java.util.function.BiConsumer<List<Feature>, WriteBatch> beforeWrite) {
        Pending pending = new Pending();
        ImportResult r = stage(pending, layer, source, raws);
        if (r.written() == 0 && !r.notes().isEmpty() && pending.added.isEmpty()) {
            return r; // a computed collection's export: recognised, nothing to write
        }
        beforeWrite.accept(List.copyOf(pending.added.getOrDefault(layer, Map.of()).values()), pending.batch);
        write(pending.batch);
        return r;
    }

    /**
     * Records written by this service's imports of files ({@link #importFile}), of several files at once
     * ({@link #importAll}, the demo) and by bulk loads, into each layer since it was made, counted once committed.
     * Edits and attestations (which pass through {@link #importRecords}) and the records of other layers an import
     * re-assigned are not counted; layers never imported into are left out.
     */
    public Map<Layer, Long> rowsWritten() {
        Map<Layer, Long> out = new java.util.EnumMap<>(Layer.class);
        rowsWritten.forEach((layer, n) -> out.put(layer, n.sum()));
        return out;
    }

    void countWritten(Layer layer, long rows) {
        if (rows > 0) {
            rowsWritten.computeIfAbsent(layer, l -> new java.util.concurrent.atomic.LongAdder()).add(rows);
        }
    }

    /**
     * Starts a bulk load of one layer of points or records (not wards or areas) in batches, each checked and written
     * as its own transaction, as {@link #importRecords(Layer, String, List)} would: while one batch is written, the
     * next is read, checked and assigned, so the database's index upkeep and the checks overlap instead of taking
     * turns. Points are assigned to the boundaries stored when the load starts. A refused batch stops the load with
     * its {@link InvalidInputException}; the batches written before it stay, as with one import per batch. Into an
     * empty layer, the layer's secondary indexes are built once at the end ({@link FeatureStore#deferIndexes}).
     */
    public BulkLoad bulkLoad(Layer layer, String source) {
        if (layer == Layer.WARDS || layer == Layer.AREAS) {
            throw new IllegalArgumentException("nạp hàng loạt chỉ nhận điểm và bản ghi, không nhận lớp " + layer.apiName()
                    + " (nhập lớp này phải gán lại những gì nằm trong nó) / a bulk load takes points and records, not "
                    + layer.apiName() + " (their import reassigns what lies in them)");
        }
        synchronized (this) {
            return new BulkLoad(this, layer, source, boundaries());
        }
    }

    FeatureStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    /** One file of a multi-file import. */
    public record Input(Layer layer, String source, List<RawRecord> records) {
    }

    /**
     * Imports several files in order as one transaction: later files may refer to records of earlier ones
     * (teams to areas, extractions to cameras); if any file is refused, nothing of any is written.
     */
    public synchronized List<ImportResult> importAll(List<Input> inputs) {
        Pending pending = new Pending();
        List<ImportResult> results = new ArrayList<>();
        for (Input in : inputs) {
            results.add(stage(pending, in.layer(), in.source(), in.records()));
        }
        pending.batch.audit(new vn.anttmap.model.AuditEntry(java.util.UUID.randomUUID().toString(),
                java.time.OffsetDateTime.now(clock), null, "import", null, null, null, null,
                inputs.size() + " files: " + String.join(", ", inputs.stream().map(Input::source).toList())));
        write(pending.batch);
        results.forEach(r -> countWritten(r.layer(), r.written()));
        return results;
    }

    /** Reads a file in the given format. */
    public static List<RawRecord> read(String source, InputStream in, Format format, String crs) throws IOException {
        return read(source, in, format, crs, null);
    }

    /** Reads a file; for GeoPackage and KML, the table or folder named after {@code layer} (or the only one). */
    public static List<RawRecord> read(String source, InputStream in, Format format, String crs, Layer layer) throws IOException {
        if (crs != null && format != Format.CSV) {
            throw new InvalidInputException(source, new Problem("option --crs", null,
                    "tệp " + format + " tự mang hệ tọa độ của nó; tùy chọn --crs chỉ dùng cho CSV / "
                            + format + " carries its own coordinate system; --crs applies to CSV only"));
        }
        String name = layer == null ? "" : layer.apiName();
        return switch (format) {
            case GEOJSON -> GeoJsonReader.read(source, in);
            case CSV -> CsvReader.read(source, in, crs);
            case KML -> vn.anttmap.io.export.KmlReader.read(source, in, name);
            case FGB -> vn.anttmap.io.export.FlatGeobufReader.read(source, in);
            case GPKG -> {
                java.nio.file.Path tmp = java.nio.file.Files.createTempFile("antt-import-", ".gpkg");
                try {
                    java.nio.file.Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    yield vn.anttmap.io.export.GeoPackageReader.read(source, tmp.toFile(), name);
                } finally {
                    java.nio.file.Files.deleteIfExists(tmp);
                }
            }
        };
    }

    /** Checks records and adds them, assigned, to {@code pending}. */
    /**
     * The stored wards and areas with their point-in-polygon index, as of a change stamp of those two layers (any
     * process's write moves it: a CLI import of areas beside a running server).
     */
    record Boundaries(long version, Map<String, Feature> wards, Map<String, Feature> areas, Gazetteer gazetteer) {
    }

    private Boundaries boundaries;

    private static final List<Layer> BOUNDARY_LAYERS = List.of(Layer.WARDS, Layer.AREAS);

    private Boundaries boundaries() {
        long version = store.changeStamp(BOUNDARY_LAYERS);
        if (boundaries == null || boundaries.version() != version) {
            Map<String, Feature> wards = byId(store.query(Layer.WARDS, FeatureQuery.ALL));
            Map<String, Feature> areas = byId(store.query(Layer.AREAS, FeatureQuery.ALL));
            boundaries = new Boundaries(version, wards, areas, new Gazetteer(wards.values(), areas.values()));
        }
        return boundaries;
    }

    /** Writes a batch (the boundaries stay kept while the wards' and areas' change stamp stays). */
    private void write(WriteBatch batch) {
        store.write(batch);
    }

    private ImportResult stage(Pending pending, Layer layer, String source, List<RawRecord> raws) {
        return stage(pending, layer, source, raws, null);
    }

    /** As above; with {@code pinned}, points are assigned to those boundaries instead of the store's current ones. */
    ImportResult stage(Pending pending, Layer layer, String source, List<RawRecord> given, Boundaries pinned) {
        ComputedExports.Outcome recognised = ComputedExports.recognise(layer, given);
        List<RawRecord> raws = recognised.records();
        List<String> notes = recognised.note() == null ? List.of() : List.of(recognised.note());
        if (recognised.note() != null && raws.isEmpty()) {
            return new ImportResult(layer, 0, 0, notes);
        }
        RecordConverter converter = new RecordConverter(layer, taxonomy, java.time.OffsetDateTime.now(clock));
        List<List<Problem>> problems = new ArrayList<>();
        List<Feature> features = new ArrayList<>();
        for (RawRecord r : raws) {
            List<Problem> found = new ArrayList<>();
            features.add(converter.convert(r, found));
            problems.add(found);
        }
        List<Problem> duplicates = new ArrayList<>();
        RecordConverter.checkUniqueIds(features, raws, duplicates);
        boolean boundariesAsStored = layer != Layer.WARDS && layer != Layer.AREAS
                && !pending.added.containsKey(Layer.WARDS) && !pending.added.containsKey(Layer.AREAS);
        Map<String, Feature> storedWards;
        Map<String, Feature> storedAreas;
        Gazetteer gazetteer;
        if (boundariesAsStored) {
            // Points into unchanged boundaries: the stored boundaries and their index, kept between imports.
            Boundaries b = pinned != null ? pinned : boundaries();
            storedWards = b.wards();
            storedAreas = b.areas();
            gazetteer = b.gazetteer();
        } else {
            storedWards = byId(pending.query(Layer.WARDS, FeatureQuery.ALL));
            storedAreas = byId(pending.query(Layer.AREAS, FeatureQuery.ALL));
            Map<String, Feature> wards = new LinkedHashMap<>(storedWards);
            Map<String, Feature> areas = new LinkedHashMap<>(storedAreas);
            List<Feature> valid = features.stream().filter(Objects::nonNull).toList();
            if (layer == Layer.WARDS) {
                valid.forEach(f -> wards.put(f.id(), f));
            }
            if (layer == Layer.AREAS) {
                valid.forEach(f -> areas.put(f.id(), f));
            }
            gazetteer = new Gazetteer(wards.values(), areas.values());
        }
        List<Feature> assigned = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i) != null) {
                assigned.add(assign(pending, layer, features.get(i), raws.get(i).location(), gazetteer, problems.get(i)));
            }
        }
        List<Problem> all = new ArrayList<>();
        problems.forEach(all::addAll);
        all.addAll(duplicates);
        if (!all.isEmpty()) {
            throw new InvalidInputException(source, all);
        }
        pending.add(layer, assigned);
        int reassigned = 0;
        if (layer == Layer.WARDS || layer == Layer.AREAS) {
            Map<String, Feature> before = layer == Layer.WARDS ? storedWards : storedAreas;
            reassigned = reassign(pending, layer, assigned, before, gazetteer);
        }
        return new ImportResult(layer, assigned.size(), reassigned, notes);
    }

    private Feature assign(Pending pending, Layer layer, Feature f, String loc, Gazetteer gaz, List<Problem> problems) {
        switch (layer) {
            case WARDS:
            case ROADS:
            case COASTLINE:
                return f;
            case AREAS: {
                LocalDate day = (LocalDate) f.get("valid_from");
                Optional<String> ward = gaz.wardOf(f.geometry(), day);
                if (ward.isEmpty()) {
                    problems.add(new Problem(loc, "geometry", "khu dân cư nằm ngoài mọi phường, xã có hiệu lực ngày "
                            + day.format(SHOWN_DAY)
                            + (gaz.hasWards() ? "" : " (chưa nạp phường, xã nào: hãy nhập lớp phường, xã (wards) trước)")
                            + " / the area lies outside every ward valid on " + day
                            + (gaz.hasWards() ? "" : " (no wards are loaded: import wards first)")));
                    return f;
                }
                return f.with(mapOf("ward_id", ward.get()));
            }
            case ATTESTATIONS: {
                String kind = f.text("subject_kind");
                Layer subjectLayer = "ward".equals(kind) ? Layer.WARDS : Layer.AREAS;
                Optional<Feature> subject = pending.get(subjectLayer, f.text("subject_id"));
                if (subject.isEmpty()) {
                    problems.add(new Problem(loc, "subject_id", vn.anttmap.model.Bilingual.of("không có "
                            + ("ward".equals(kind) ? "phường, xã" : "khu dân cư") + " mã '" + f.text("subject_id") + "'",
                            "no " + ("ward".equals(kind) ? "ward" : "residential area") + " has id '" + f.text("subject_id") + "'")));
                } else if (!attestable.getOrDefault(kind, Set.of()).contains(f.text("check_id"))) {
                    String those = String.join(", ", new TreeSet<>(attestable.getOrDefault(kind, Set.of())));
                    problems.add(new Problem(loc, "check_id", vn.anttmap.model.Bilingual.of("'" + f.text("check_id")
                            + "' không phải tiêu chí cán bộ xác nhận cho " + ("ward".equals(kind) ? "phường, xã" : "khu dân cư")
                            + "; các tiêu chí được xác nhận là " + those,
                            "'" + f.text("check_id") + "' is not a criterion an officer attests for a " + kind + "; those are " + those)));
                } else if (List.of(vn.anttmap.scoring.Standard.REGISTER_COMPLETE, vn.anttmap.scoring.Standard.REGISTRATION)
                        .contains(f.text("check_id")) && f.text("document_ref") == null) {
                    problems.add(new Problem(loc, "document_ref", "bắt buộc với " + f.text("check_id") + ": số hiệu văn bản, "
                            + "biên bản làm căn cứ / required for " + f.text("check_id") + ": the document it rests on"));
                } else if (f.get("period_year") instanceof Integer year) {
                    try {
                        standard.requireInForce("ward".equals(kind) ? vn.anttmap.scoring.Standard.Level.WARD
                                : vn.anttmap.scoring.Standard.Level.AREA, year);
                    } catch (vn.anttmap.scoring.Standard.NotInForceException e) {
                        // The English side names the circulars in Vietnamese: written without marks, so that the message splits.
                        problems.add(new Problem(loc, "period_year", vn.anttmap.model.Bilingual.of(e.vi(), e.en())));
                    }
                }
                // The attestation's ward, which the access policy reads: the ward itself, or the area's ward.
                return subject.isEmpty() ? f
                        : f.with(mapOf("ward_id", "ward".equals(kind) ? subject.get().id() : subject.get().text("ward_id")));
            }
            case EXCEPTION_DECISIONS: {
                String incidentId = f.text("incident_id");
                Optional<Feature> incident = pending.get(Layer.INCIDENTS, incidentId);
                if (incident.isEmpty()) {
                    problems.add(new Problem(loc, "incident_id", vn.anttmap.model.Bilingual.of("không có vụ việc mã '" + incidentId + "'",
                            "no incident has id '" + incidentId + "'")));
                    return f;
                }
                String check = f.text("check_id");
                List<String> allowed = standard.check(check).map(k -> k.rule() == null ? List.<String>of()
                        : k.rule().exceptions()).orElse(List.of());
                String exception = f.text("exception");
                // The standard names the flag the circular's words excuse; prompt handling is "promptly_handled" there.
                String asRule = "prompt_handling".equals(exception) ? "promptly_handled" : exception;
                if (!allowed.contains(asRule)) {
                    problems.add(new Problem(loc, "exception", check + " không cho phép ngoại lệ '" + exception + "'"
                            + ("K4d".equals(check) ? ": K4d chỉ loại trừ trường hợp bất khả kháng (force_majeure)" : "")
                            + " / " + check + " does not allow the exception '" + exception + "'"
                            + ("K4d".equals(check) ? ": K4d excepts force majeure only" : "")));
                    return f;
                }
                Map<String, Object> derived = new HashMap<>();
                derived.put("area_id", incident.get().get("area_id"));
                derived.put("ward_id", incident.get().get("ward_id"));
                return f.with(derived);
            }
            case ORGANISATIONS: {
                if (Boolean.TRUE.equals(f.get("registered"))) {
                    if (f.get("registered_on") == null) {
                        problems.add(new Problem(loc, "registered_on", "bắt buộc khi registered là có: ngày đăng ký / "
                                + "required when registered is yes: the day it registered"));
                    }
                    if (f.text("registration_ref") == null) {
                        problems.add(new Problem(loc, "registration_ref", "bắt buộc khi registered là có: số văn bản đăng ký / "
                                + "required when registered is yes: the registration document"));
                    }
                }
                if (f.get("recognised") != null) {
                    if (f.text("recognition_ref") == null) {
                        problems.add(new Problem(loc, "recognition_ref", "bắt buộc khi đã có kết quả công nhận: số quyết định / "
                                + "required with a recognition result: the decision's number"));
                    }
                    if (f.get("recognition_decided_on") == null) {
                        problems.add(new Problem(loc, "recognition_decided_on", "bắt buộc khi đã có kết quả công nhận: ngày quyết định / "
                                + "required with a recognition result: the decision's day"));
                    }
                }
                return locatePoint(layer, f, loc, gaz, problems);
            }
            case TEAMS:
            case SOCIAL_RECORDS:
            case HOUSEHOLD_COUNTS: {
                String areaId = f.text("area_id");
                Optional<Feature> area = gaz.areaById(areaId);
                if (area.isEmpty()) {
                    problems.add(new Problem(loc, "area_id", vn.anttmap.model.Bilingual.of("không có khu dân cư mã '" + areaId + "'",
                            "no residential area has id '" + areaId + "'")));
                    return f;
                }
                return f.with(mapOf("ward_id", area.get().text("ward_id")));
            }
            case BUILDINGS:
                return f;
            case CAMERA_MAINTENANCE:
            case EXTRACTIONS: {
                String cameraId = f.text("camera_id");
                Optional<Feature> camera = pending.get(Layer.CAMERAS, cameraId);
                if (camera.isEmpty()) {
                    problems.add(new Problem(loc, "camera_id", vn.anttmap.model.Bilingual.of("không có camera mã '" + cameraId + "'",
                            "no camera has id '" + cameraId + "'")));
                    return f;
                }
                String incidentId = f.text("incident_id");
                if (incidentId != null && pending.get(Layer.INCIDENTS, incidentId).isEmpty()) {
                    problems.add(new Problem(loc, "incident_id", vn.anttmap.model.Bilingual.of("không có vụ việc mã '" + incidentId + "'",
                            "no incident has id '" + incidentId + "'")));
                    return f;
                }
                Map<String, Object> derived = new HashMap<>();
                derived.put("area_id", camera.get().get("area_id"));
                derived.put("ward_id", camera.get().get("ward_id"));
                return f.with(derived);
            }
            case DISPUTES:
                if (f.geometry() == null) {
                    String areaId = f.text("area_id");
                    if (areaId == null) {
                        problems.add(new Problem(loc, "area_id", "vụ tranh chấp cần vị trí trên bản đồ hoặc mã khu dân cư (area_id) "
                                + "/ a dispute needs a location or an area_id"));
                        return f;
                    }
                    Optional<Feature> area = gaz.areaById(areaId);
                    if (area.isEmpty()) {
                        problems.add(new Problem(loc, "area_id", vn.anttmap.model.Bilingual.of("không có khu dân cư mã '" + areaId + "'",
                                "no residential area has id '" + areaId + "'")));
                        return f;
                    }
                    return f.with(mapOf("ward_id", area.get().text("ward_id")));
                }
                return locatePoint(layer, f, loc, gaz, problems);
            case CAMERAS:
            case INCIDENTS:
                return locatePoint(layer, f, loc, gaz, problems);
            default:
                throw new IllegalStateException(layer.toString());
        }
    }

    private Feature locatePoint(Layer layer, Feature f, String loc, Gazetteer gaz, List<Problem> problems) {
        Point p = (Point) f.geometry();
        LocalDate day = day(layer, f);
        Optional<String> ward = gaz.ward(p, day);
        if (ward.isEmpty()) {
            Point swapped = GeometryChecks.swapped(p);
            if (gaz.ward(swapped, day).isPresent()) {
                problems.add(new Problem(loc, "geometry", String.format(Locale.ROOT,
                        "ghi nhầm chỗ vĩ độ và kinh độ: (%1$s, %2$s) nằm ngoài mọi phường, xã, còn (%2$s, %1$s) nằm trong một phường, xã / "
                                + "latitude and longitude swapped: (%1$s, %2$s) lies outside every ward, (%2$s, %1$s) lies inside one",
                        degrees(p.getX()), degrees(p.getY()))));
            } else {
                problems.add(new Problem(loc, "geometry", String.format(Locale.ROOT,
                        "điểm (kinh độ %1$s, vĩ độ %2$s) nằm ngoài mọi phường, xã có hiệu lực ngày %3$s%4$s / "
                                + "point (lon %1$s, lat %2$s) lies outside every ward valid on %5$s%6$s",
                        degrees(p.getX()), degrees(p.getY()), day.format(SHOWN_DAY),
                        gaz.hasWards() ? "" : " (chưa nạp phường, xã nào: hãy nhập lớp phường, xã (wards) trước)", day,
                        gaz.hasWards() ? "" : " (no wards are loaded: import wards first)")));
            }
            return f;
        }
        Map<String, Object> derived = new HashMap<>();
        derived.put("ward_id", ward.get());
        Optional<String> area = gaz.area(p, day);
        if (layer == Layer.DISPUTES && f.text("area_id") != null && area.isPresent()
                && !area.get().equals(f.text("area_id"))) {
            problems.add(new Problem(loc, "area_id", vn.anttmap.model.Bilingual.of("vị trí nằm trong khu dân cư " + area.get()
                    + ", không phải " + f.text("area_id"), "the location lies in area " + area.get() + ", not " + f.text("area_id"))));
            return f;
        }
        derived.put("area_id", area.orElse(null));
        return f.with(derived);
    }

    /** The day on which a record's boundaries apply. */
    private LocalDate day(Layer layer, Feature f) {
        Object d = layer.dateField().map(f::get).orElse(null);
        return d instanceof LocalDate day ? day : LocalDate.now(clock.withZone(VietnamTime.ZONE));
    }

    /**
     * Adds to {@code batch} the records of other layers whose ward or area changes because {@code changed}
     * polygons (replacing {@code before}) moved; returns how many.
     */
    private int reassign(Pending pending, Layer layer, List<Feature> changed, Map<String, Feature> before, Gazetteer gaz) {
        Envelope region = new Envelope();
        for (Feature f : changed) {
            Feature old = before.get(f.id());
            if (old != null && old.geometry().equalsExact(f.geometry())
                    && Objects.equals(old.get("valid_from"), f.get("valid_from"))
                    && Objects.equals(old.get("valid_to"), f.get("valid_to"))) {
                continue;
            }
            region.expandToInclude(f.geometry().getEnvelopeInternal());
            if (old != null) {
                region.expandToInclude(old.geometry().getEnvelopeInternal());
            }
        }
        if (region.isNull()) {
            return 0;
        }
        FeatureQuery inRegion = FeatureQuery.ALL.withBbox(region);
        int count = 0;
        Map<String, String> areaWard = new HashMap<>();
        if (layer == Layer.WARDS) {
            List<Feature> moved = new ArrayList<>();
            for (Feature a : pending.query(Layer.AREAS, inRegion)) {
                String ward = gaz.wardOf(a.geometry(), (LocalDate) a.get("valid_from")).orElse(null);
                if (!Objects.equals(ward, a.text("ward_id"))) {
                    moved.add(a.with(mapOf("ward_id", ward)));
                    areaWard.put(a.id(), ward);
                }
            }
            pending.add(Layer.AREAS, moved);
            count += moved.size();
        }
        Map<String, Feature> movedCameras = new HashMap<>();
        for (Layer pointLayer : List.of(Layer.CAMERAS, Layer.INCIDENTS, Layer.DISPUTES)) {
            List<Feature> moved = new ArrayList<>();
            for (Feature f : pending.query(pointLayer, inRegion)) {
                Point p = (Point) f.geometry();
                LocalDate day = day(pointLayer, f);
                String ward = gaz.ward(p, day).orElse(null);
                String area = gaz.area(p, day).orElse(null);
                if (!Objects.equals(ward, f.text("ward_id")) || !Objects.equals(area, f.text("area_id"))) {
                    Feature m = f.with(mapOf("ward_id", ward, "area_id", area));
                    moved.add(m);
                    if (pointLayer == Layer.CAMERAS) {
                        movedCameras.put(m.id(), m);
                    }
                }
            }
            pending.add(pointLayer, moved);
            count += moved.size();
        }
        if (!areaWard.isEmpty()) {
            List<Feature> moved = new ArrayList<>();
            for (Layer byArea : List.of(Layer.TEAMS, Layer.DISPUTES, Layer.ATTESTATIONS)) {
                for (Feature t : pending.query(byArea, FeatureQuery.ALL)) {
                    String area = byArea == Layer.ATTESTATIONS ? ("area".equals(t.text("subject_kind")) ? t.text("subject_id") : null)
                            : t.text("area_id");
                    if (areaWard.containsKey(area) && (byArea != Layer.DISPUTES || t.geometry() == null)) {
                        moved.add(t.with(mapOf("ward_id", areaWard.get(area))));
                    }
                }
                pending.add(byArea, moved);
                count += moved.size();
                moved = new ArrayList<>();
            }
        }
        if (!movedCameras.isEmpty()) {
            List<Feature> moved = new ArrayList<>();
            for (Feature x : pending.query(Layer.EXTRACTIONS, FeatureQuery.ALL)) {
                Feature cam = movedCameras.get(x.text("camera_id"));
                if (cam != null) {
                    moved.add(x.with(mapOf("ward_id", cam.get("ward_id"), "area_id", cam.get("area_id"))));
                }
            }
            pending.add(Layer.EXTRACTIONS, moved);
            count += moved.size();
        }
        return count;
    }

    /**
     * What the store holds, seen through what this import has accepted but not yet written; writes go to one batch.
     * Reads of pending records honour the bounding box only, which is all the import asks of them.
     */
    final class Pending {
        final WriteBatch batch = new WriteBatch();
        final Map<Layer, Map<String, Feature>> added = new EnumMap<>(Layer.class);

        void add(Layer layer, List<Feature> features) {
            batch.upsert(layer, features);
            Map<String, Feature> m = added.computeIfAbsent(layer, l -> new LinkedHashMap<>());
            features.forEach(f -> m.put(f.id(), f));
        }

        List<Feature> query(Layer layer, FeatureQuery q) {
            Map<String, Feature> mine = added.getOrDefault(layer, Map.of());
            Map<String, Feature> out = new java.util.TreeMap<>();
            for (Feature f : store.query(layer, q)) {
                out.put(f.id(), f);
            }
            for (Feature f : mine.values()) {
                boolean inBox = q.bbox() == null || f.geometry() == null
                        || q.bbox().intersects(f.geometry().getEnvelopeInternal());
                if (inBox) {
                    out.put(f.id(), f);
                } else {
                    out.remove(f.id());
                }
            }
            return new ArrayList<>(out.values());
        }

        Optional<Feature> get(Layer layer, String id) {
            Feature mine = added.getOrDefault(layer, Map.of()).get(id);
            return mine != null ? Optional.of(mine) : store.get(layer, id);
        }
    }

    private static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Feature> byId(List<Feature> features) {
        Map<String, Feature> m = new LinkedHashMap<>();
        features.forEach(f -> m.put(f.id(), f));
        return m;
    }
}
