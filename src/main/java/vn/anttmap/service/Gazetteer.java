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
    private final Map<List<String>, AreaLocator> cache = new HashMap<>();
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

    private AreaLocator build(List<Feature> polygons, LocalDate day) {
        List<Feature> valid = polygons.stream().filter(f -> validOn(f, day)).toList();
        List<String> key = new java.util.ArrayList<>(valid.stream().map(Feature::id).toList());
        key.add(polygons == wards ? "#wards" : "#areas");
        return cache.computeIfAbsent(key, k -> new AreaLocator(valid.stream()
                .map(f -> new AreaLocator.Candidate(f.id(), f.geometry())).toList()));
    }
}
