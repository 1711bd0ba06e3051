package vn.anttmap.service;

import org.locationtech.jts.geom.Point;
import vn.anttmap.geo.CameraSectorBuilder;
import vn.anttmap.geo.OutlineSimplifier;
import vn.anttmap.siting.ImageTier;
import vn.anttmap.io.CsvWriter;
import vn.anttmap.io.GeoJsonWriter;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.model.VietnamTime;
import vn.anttmap.store.FeatureStore;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Reading layers and exporting them. Boundaries are read as valid on a day: the one asked for, or today. */
public final class FeatureService {
    private final FeatureStore store;
    private final Clock clock;

    /** The sectors of each query and tier, kept until a camera changes (in any process). */
    private final DerivedCache<SectorsOf, List<Feature>> sectors;

    private record SectorsOf(FeatureQuery query, ImageTier tier) {
    }

    /** Each outline simplified at each tolerance, kept until its layer changes (in any process). */
    private final Map<Layer, DerivedCache<OutlineOf, org.locationtech.jts.geom.Geometry>> outlines = new java.util.EnumMap<>(Layer.class);

    /** One boundary version (a record's id and the day it took effect) at one tolerance. */
    private record OutlineOf(String id, Object validFrom, int toleranceM) {
    }

    public FeatureService(FeatureStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.sectors = new DerivedCache<>("sectors", store, List.of(Layer.CAMERAS), 256);
        for (Layer layer : Layer.values()) {
            if (layer.geometryKind() == vn.anttmap.model.GeometryKind.MULTIPOLYGON) {
                outlines.put(layer, new DerivedCache<>("outlines", store, List.of(layer), 50_000));
            }
        }
    }

    /** The counts of the camera sectors and simplified outlines kept ({@link DerivedCache#stats}). */
    public List<vn.anttmap.model.CacheStats> cacheStats() {
        List<vn.anttmap.model.CacheStats> out = new java.util.ArrayList<>();
        out.add(sectors.stats());
        outlines.values().forEach(c -> out.add(c.stats()));
        return out;
    }

    /** Today in Vietnam. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(VietnamTime.ZONE));
    }

    /**
     * The page's default period: from 1 January to the end of the last whole month before the latest incident (or
     * before today when there is none). The report contrasts its scoring period with it.
     */
    public vn.anttmap.scoring.Standard.Period defaultPeriod() {
        LocalDate to = lastIncidentDay().orElse(today()).withDayOfMonth(1).minusDays(1);
        return new vn.anttmap.scoring.Standard.Period(to.withDayOfYear(1), to);
    }

    /** The layer's features matching the query; wards and areas as valid on {@code query.at()} or today. */
    public List<Feature> list(Layer layer, FeatureQuery query) {
        FeatureQuery q = layer.hasValidity() && query.at() == null ? query.withAt(today()) : query;
        return store.query(layer, q);
    }

    /**
     * As {@link #list}, each outline simplified within {@code toleranceM} metres ({@link OutlineSimplifier}) for a map
     * zoomed out. Each outline is simplified once per tolerance and kept until its layer changes, by whichever process
     * writes it: a page that pans or zooms back asks for outlines already drawn, and a province's 200 wards took 0.2 to
     * 0.7 s to simplify on every request. A tolerance of 0 gives the outlines as stored.
     */
    public List<Feature> listSimplified(Layer layer, FeatureQuery query, int toleranceM) {
        DerivedCache<OutlineOf, org.locationtech.jts.geom.Geometry> kept = outlines.get(layer);
        if (toleranceM <= 0 || kept == null) {
            return list(layer, query);
        }
        long stamp = kept.stamp(); // read before the outlines, so a write meanwhile is not kept as current
        OutlineSimplifier simplifier = new OutlineSimplifier(toleranceM);
        return list(layer, query).stream().map(f -> f.withGeometry(kept.get(
                new OutlineOf(f.id(), f.get("valid_from"), toleranceM), stamp, () -> simplifier.simplify(f.geometry())))).toList();
    }

    /** How many simplified outlines of the layer are kept (for tests). */
    int outlinesKept(Layer layer) {
        return outlines.get(layer).size();
    }

    /**
     * Writes every record of the layer (all boundary versions, not just today's) in a format import reads back.
     *
     * @return the number of records written
     */
    public int export(Layer layer, ImportService.Format format, OutputStream out) throws IOException {
        List<Feature> all = store.query(layer, FeatureQuery.ALL);
        if (format == ImportService.Format.GEOJSON) {
            GeoJsonWriter.write(layer, all, Map.of(), out);
        } else {
            CsvWriter.write(layer, all, out);
        }
        return all.size();
    }

    /**
     * The field-of-view sector of every camera matching the query, as polygons in lon/lat (computed in metres):
     * id = the camera's id; properties kind, status, range_m.
     */
    public List<Feature> cameraSectors(FeatureQuery query) {
        return cameraSectors(query, null);
    }

    /**
     * As {@link #cameraSectors(FeatureQuery)}, with each range cut to the EN 62676-4 tier's distance where the
     * camera's resolution is known ({@code tier} {@code null}: the recorded range). Kept until a camera changes, by
     * whichever process.
     */
    public List<Feature> cameraSectors(FeatureQuery query, ImageTier tier) {
        return sectors.get(new SectorsOf(query, tier), () -> drawSectors(query, tier));
    }

    private List<Feature> drawSectors(FeatureQuery query, ImageTier tier) {
        return store.query(Layer.CAMERAS, query).stream().map(c -> {
            double range = effectiveRangeM(c, tier);
            return new Feature(c.id(), CameraSectorBuilder.sector((Point) c.geometry(),
                    ((Number) c.get("bearing_deg")).doubleValue(), ((Number) c.get("fov_deg")).doubleValue(), range),
                    Map.of("kind", c.get("kind"), "status", c.get("status"), "range_m", Math.round(range * 10) / 10.0));
        }).toList();
    }

    /** The camera's range, cut to the tier's distance when its resolution is known. */
    public static double effectiveRangeM(Feature camera, ImageTier tier) {
        double range = ((Number) camera.get("range_m")).doubleValue();
        Object px = camera.get("resolution_px");
        if (tier == null || px == null) {
            return range;
        }
        return Math.min(range, tier.rangeM(((Number) px).intValue(), ((Number) camera.get("fov_deg")).doubleValue()));
    }

    /** The ward with the most residential areas, which the page opens on; empty when there are no areas. */
    public java.util.Optional<String> busiestWard() {
        return store.aggregate(Layer.AREAS, FeatureQuery.ALL.withAt(today()), "ward_id", null).stream()
                .filter(a -> a.key() != null)
                .max(java.util.Comparator.comparingLong(vn.anttmap.store.Aggregate::count)).map(vn.anttmap.store.Aggregate::key);
    }

    /**
     * The last day on which an incident occurred, if any, not after today in Vietnam: one record dated in the future
     * (a mistyped year that slipped in before dates were checked, or written by SQL) cannot move every user's default
     * period; {@link #review} lists it instead.
     */
    public java.util.Optional<LocalDate> lastIncidentDay() {
        // Regression: this grouped every incident by day on each page load (60 ms for a province's 200,000, about a
        // second for four million); the day's index answers at once.
        return store.lastDay(Layer.INCIDENTS, FeatureQuery.ALL.withDays(null, today()));
    }

    /**
     * A ward's incidents dated outside its usual range, for an officer to check: after today in Vietnam, or before
     * 1 January of the year its first boundary took effect.
     *
     * @param earliest that 1 January, or {@code null} when the ward is unknown (only later days are checked then)
     */
    public record Review(LocalDate today, LocalDate earliest, List<Feature> incidents) {
    }

    public Review review(String wardId) {
        LocalDate today = today();
        LocalDate earliest = store.query(Layer.WARDS, FeatureQuery.ALL).stream().filter(w -> w.id().equals(wardId))
                .map(w -> (LocalDate) w.get("valid_from")).filter(java.util.Objects::nonNull)
                .min(java.util.Comparator.naturalOrder()).map(d -> d.withDayOfYear(1)).orElse(null);
        FeatureQuery ward = FeatureQuery.ALL.withWard(wardId);
        List<Feature> found = new java.util.ArrayList<>(store.query(Layer.INCIDENTS, ward.withDays(today.plusDays(1), null)));
        if (earliest != null) {
            found.addAll(store.query(Layer.INCIDENTS, ward.withDays(null, earliest.minusDays(1))));
        }
        found.sort(java.util.Comparator.comparing((Feature f) -> (java.time.OffsetDateTime) f.get("occurred_at")).thenComparing(Feature::id));
        return new Review(today, earliest, List.copyOf(found));
    }

    public Map<Layer, Long> counts() {
        return store.counts();
    }

    public String storeLabel() {
        return store.kind().label();
    }
}
