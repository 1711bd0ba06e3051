package vn.anttmap.service;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import vn.anttmap.geo.AreaLocator;
import vn.anttmap.model.Feature;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ward and area boundaries over time: which ward and which area a point falls in on a given day. Each day is
 * answered with the versions valid on that day ({@code valid_from <= day < valid_to}); locators are built once
 * per distinct set of valid versions.
 */
final class Gazetteer {
    private final List<Feature> wards;
    private final List<Feature> areas;
    /** The locator for each day asked about, so a day's valid set is worked out once, not per point. */
    private final Map<LocalDate, AreaLocator> wardDays = new HashMap<>();
    private final Map<LocalDate, AreaLocator> areaDays = new HashMap<>();
    private final Map<String, Feature> areasById = new HashMap<>();

    Gazetteer(Collection<Feature> wards, Collection<Feature> areas) {
        this.wards = List.copyOf(wards);
        this.areas = List.copyOf(areas);
        this.areas.forEach(a -> areasById.putIfAbsent(a.id(), a));
    }

    boolean hasWards() {
        return !wards.isEmpty();
    }

    Optional<String> ward(Point p, LocalDate day) {
        return locator(wards, day).locate(p);
    }

    Optional<String> area(Point p, LocalDate day) {
        return locator(areas, day).locate(p);
    }

    /** The ward containing the polygon's interior point on {@code day}. */
    Optional<String> wardOf(Geometry polygon, LocalDate day) {
        return locator(wards, day).locateInterior(polygon);
    }

    Optional<Feature> areaById(String id) {
        return Optional.ofNullable(areasById.get(id));
    }

    static boolean validOn(Feature f, LocalDate day) {
        LocalDate from = (LocalDate) f.get("valid_from");
        LocalDate to = (LocalDate) f.get("valid_to");
        return !from.isAfter(day) && (to == null || to.isAfter(day));
    }

    private AreaLocator locator(List<Feature> polygons, LocalDate day) {
        Map<LocalDate, AreaLocator> days = polygons == wards ? wardDays : areaDays;
        AreaLocator known = days.get(day);
        if (known == null) {
            known = build(polygons, day);
            days.put(day, known);
        }
        return known;
    }

    /**
     * The days on which some version of the polygons starts or ends, sorted: two days between the same two of them
     * see the same valid versions (so the locator is found by a binary search, not by listing the valid ids of 100,000
     * areas for each new day).
     */
    private final Map<List<Feature>, LocalDate[]> changes = new java.util.IdentityHashMap<>();
    private final Map<String, AreaLocator> byEpoch = new HashMap<>();

    private AreaLocator build(List<Feature> polygons, LocalDate day) {
        LocalDate[] bounds = changes.computeIfAbsent(polygons, ps -> {
            java.util.TreeSet<LocalDate> all = new java.util.TreeSet<>();
            for (Feature f : ps) {
                all.add((LocalDate) f.get("valid_from"));
                if (f.get("valid_to") != null) {
                    all.add((LocalDate) f.get("valid_to"));
                }
            }
            return all.toArray(LocalDate[]::new);
        });
        int i = java.util.Arrays.binarySearch(bounds, day);
        int epoch = i >= 0 ? i + 1 : -i - 1; // how many change days are on or before the day
        String key = (polygons == wards ? "wards#" : "areas#") + epoch;
        return byEpoch.computeIfAbsent(key, k -> new AreaLocator(polygons.stream().filter(f -> validOn(f, day))
                .map(f -> new AreaLocator.Candidate(f.id(), f.geometry())).toList()));
    }
}
