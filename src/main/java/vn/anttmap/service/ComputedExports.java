package vn.anttmap.service;

import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Layer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises, on import, a file exported from a computed collection: the columns the collection adds to a stored
 * layer are named and left out ({@code residential_areas} into {@code areas}), and a collection that is wholly
 * computed ({@code camera_coverage}, {@code camera_proposals}, the hot-spot layers) is recognised and nothing of it is
 * stored, since the store computes it again from the layers it comes from. Pure: no I/O.
 */
final class ComputedExports {
    private ComputedExports() {
    }

    /**
     * A computed collection as its exports show it.
     *
     * @param collection the collection's id
     * @param storedAs   the stored layer its records belong to, or {@code null} when every column is computed
     * @param computed   the columns it adds to the stored layer's (only with {@code storedAs})
     * @param signature  columns that, all present, mark a file as this collection's export
     * @param fromVi     what it is computed from, in Vietnamese
     * @param fromEn     the same in English
     */
    record Kind(String collection, Layer storedAs, Set<String> computed, Set<String> signature, String fromVi, String fromEn) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("residential_areas", Layer.AREAS,
                    Set.copyOf(PublishService.VERDICT_COLUMNS),
                    Set.of("verdict_code", "verdict_year"), "khu dân cư và các tiêu chí", "areas and the criteria"),
            new Kind("camera_coverage", null, Set.of(), Set.of("cameras_working", "area_share"),
                    "camera và khu dân cư", "cameras and areas"),
            new Kind("camera_proposals", null, Set.of(), Set.of("site_id", "gain", "rank"),
                    "đường, camera và khu dân cư", "roads, cameras and areas"),
            new Kind("hotspot layers", null, Set.of(), Set.of("cell_id", "analysis"), "vụ việc", "incidents"));

    /** What import does with a file: the records to convert, and a note to the user (or none). */
    record Outcome(List<RawRecord> records, String note) {
    }

    /**
     * The records to import into {@code layer}: as given when the file is no computed collection's export; without
     * the computed columns (and a note naming them) when it is one of {@code layer}'s; none (and a note saying why)
     * when the collection is wholly computed.
     */
    static Outcome recognise(Layer layer, List<RawRecord> records) {
        if (records.isEmpty()) {
            return new Outcome(records, null);
        }
        Set<String> columns = new java.util.LinkedHashSet<>();
        for (RawRecord r : records) {
            columns.addAll(r.values().keySet());
        }
        for (Kind k : KINDS) {
            if (!columns.containsAll(k.signature())) {
                continue;
            }
            if (k.storedAs() == null) {
                return new Outcome(List.of(), "tệp là bản xuất của " + k.collection() + ", lớp được tính từ " + k.fromVi()
                        + "; không lưu bản ghi nào, hệ thống tự tính lại lớp này khi nhập " + k.fromVi() + " / the file is an "
                        + "export of " + k.collection() + ", computed from " + k.fromEn() + "; nothing of it is stored: the "
                        + "store computes it again from " + k.fromEn());
            }
            if (k.storedAs() != layer) {
                continue;
            }
            List<String> dropped = new ArrayList<>();
            for (String c : columns) {
                if (k.computed().contains(c)) {
                    dropped.add(c);
                }
            }
            List<RawRecord> out = new ArrayList<>(records.size());
            for (RawRecord r : records) {
                Map<String, Object> values = new LinkedHashMap<>(r.values());
                values.keySet().removeAll(k.computed());
                out.add(new RawRecord(r.location(), r.id(), r.geometry(), values));
            }
            String list = String.join(", ", dropped);
            return new Outcome(out, "tệp là bản xuất của " + k.collection() + "; đã bỏ qua các cột tính toán " + list
                    + " / the file is an export of " + k.collection() + "; its computed columns " + list + " were left out");
        }
        return new Outcome(records, null);
    }
}
