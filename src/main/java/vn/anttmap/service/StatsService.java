package vn.anttmap.service;

import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.store.Aggregate;
import vn.anttmap.store.FeatureStore;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The figures endpoint: counts per ward or area over a window of days. Every figure is a grouped count over the
 * ward and area each record was assigned to when written; no spatial join at read time.
 */
public final class StatsService {
    private final FeatureStore store;

    public StatsService(FeatureStore store) {
        this.store = store;
    }

    /**
     * @throws NoSuchElementException   when the ward or area does not exist
     * @throws IllegalArgumentException when the area is not in the ward or the window is reversed
     */
    public Stats stats(String wardId, String areaId, LocalDate from, LocalDate to) {
        return stats(wardId, areaId, from, to, true);
    }

    /**
     * The figures, with their handling only when {@code withHandling} (the caller decides who may see it; without it,
     * it is not computed and is {@code null}).
     *
     * @throws NoSuchElementException   when the ward or area does not exist
     * @throws IllegalArgumentException when the area is not in the ward or the window is reversed
     */
    public Stats stats(String wardId, String areaId, LocalDate from, LocalDate to, boolean withHandling) {
        vn.anttmap.model.DayRange.requireOrdered(from, to);
        requireWardAndArea(store, wardId, areaId);
        FeatureQuery where = FeatureQuery.ALL.withWard(wardId).withArea(areaId);
        FeatureQuery window = where.withDays(from, to);

        List<Aggregate> byCategory = store.aggregate(Layer.INCIDENTS, window, "category", null);
        Stats.Incidents incidents = new Stats.Incidents(total(byCategory), counts(byCategory),
                counts(store.aggregate(Layer.INCIDENTS, window, "severity", null)));

        List<Aggregate> cameras = store.aggregate(Layer.CAMERAS, where.withDays(null, to), "status", null);
        long active = cameras.stream().filter(a -> "active".equals(a.key())).mapToLong(Aggregate::count).sum();

        FeatureQuery areasThen = where.withAt(to);
        long households = single(store.aggregate(Layer.AREAS, areasThen, null, "households")).sum();
        long registered = single(store.aggregate(Layer.AREAS, areasThen, null, "registered_households")).sum();

        Integer year = store.aggregate(Layer.TEAMS, where, "rating_year", null).stream()
                .map(a -> Integer.valueOf(a.key())).filter(y -> y <= to.getYear())
                .max(Integer::compare).orElse(null);
        Map<String, Stats.TeamCount> teams = new TreeMap<>();
        if (year != null) {
            for (Aggregate a : store.aggregate(Layer.TEAMS, where.withEqual("rating_year", year), "kind", "member_count")) {
                teams.put(a.key(), new Stats.TeamCount(a.count(), a.sum()));
            }
        }
        return new Stats(wardId, areaId, from, to, incidents,
                total(store.aggregate(Layer.DISPUTES, window, null, null)),
                total(store.aggregate(Layer.EXTRACTIONS, window, null, null)),
                new Stats.Cameras(total(cameras), active), households, registered, new Stats.Teams(year, teams),
                withHandling ? handling(wardId, areaId, from, to) : null);
    }

    /**
     * The handling of the ward's (or area's) incidents of the window: the store's figures, the same as the leaders'
     * dashboard counts ({@link FeatureStore#incidentFigures}).
     */
    private Stats.Handling handling(String wardId, String areaId, LocalDate from, LocalDate to) {
        vn.anttmap.model.IncidentFigures f = store.incidentFigures(wardId, areaId, from, to);
        return new Stats.Handling(f.received(), f.handled(), f.open(), f.unknown(), f.medianHours());
    }

    /**
     * Checks that the ward exists and, when given, that the area exists and lies in it.
     *
     * @throws NoSuchElementException   when the ward or area does not exist
     * @throws IllegalArgumentException when the area is in another ward
     */
    static void requireWardAndArea(FeatureStore store, String wardId, String areaId) {
        store.get(Layer.WARDS, wardId).orElseThrow(() -> new NoSuchElementException("không có phường, xã mã '" + wardId + "' / no ward has id '" + wardId + "'"));
        if (areaId != null) {
            Feature area = store.get(Layer.AREAS, areaId)
                    .orElseThrow(() -> new NoSuchElementException("không có khu dân cư mã '" + areaId + "' / no residential area has id '" + areaId + "'"));
            if (!wardId.equals(area.text("ward_id"))) {
                throw new IllegalArgumentException("area " + areaId + " is in ward " + area.text("ward_id") + ", not " + wardId);
            }
        }
    }

    private static long total(List<Aggregate> groups) {
        return groups.stream().mapToLong(Aggregate::count).sum();
    }

    private static Aggregate single(List<Aggregate> groups) {
        return groups.isEmpty() ? new Aggregate(null, 0, 0) : groups.get(0);
    }

    /** Counts by key, keys sorted, records without a key left out. */
    private static Map<String, Long> counts(List<Aggregate> groups) {
        Map<String, Long> m = new TreeMap<>();
        groups.stream().filter(a -> a.key() != null).forEach(a -> m.put(a.key(), a.count()));
        return m;
    }
}
