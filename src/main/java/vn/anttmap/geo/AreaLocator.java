package vn.anttmap.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the one polygon (area or ward) that a point belongs to.
 *
 * <p>A point inside a polygon belongs to it. A point on a boundary shared by several polygons belongs to exactly
 * one of them: the one whose id sorts first, so the answer does not depend on the order polygons were loaded in.
 * A point covered by none belongs to none. Built once over a set of polygons (STR-tree of prepared geometries);
 * {@link #locate} is then thread-safe.
 */
public final class AreaLocator {

    /** A polygon to locate points in. */
    public record Candidate(String id, Geometry polygon) {
    }

    private record Entry(String id, PreparedGeometry prepared) {
    }

    private final STRtree index = new STRtree();
    private final int size;

    public AreaLocator(List<Candidate> candidates) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparing(Candidate::id));
        for (Candidate c : sorted) {
            index.insert(c.polygon().getEnvelopeInternal(),
                    new Entry(c.id(), PreparedGeometryFactory.prepare(c.polygon())));
        }
        index.build();
        size = sorted.size();
    }

    /** The id of the polygon the point belongs to, if any. */
    public Optional<String> locate(Point point) {
        @SuppressWarnings("unchecked")
        List<Entry> hits = index.query(point.getEnvelopeInternal());
        String first = null; // a loop, not a stream: an import locates every point it writes, twice
        for (Entry e : hits) {
            if ((first == null || e.id().compareTo(first) < 0) && e.prepared().covers(point)) {
                first = e.id();
            }
        }
        return Optional.ofNullable(first);
    }

    /** The id of the polygon that contains the interior point of {@code geometry} (used for polygons in polygons). */
    public Optional<String> locateInterior(Geometry geometry) {
        return locate(geometry.getInteriorPoint());
    }

    public int size() {
        return size;
    }
}
