package vn.anttmap.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;

/**
 * The projected CRS in which lengths, areas and distances are computed: the WGS 84 UTM zone (north) that contains
 * a reference longitude. In Vietnam that is zone 48 (102°–108° E) or 49 (108°–114° E); for a ward the error of
 * UTM's scale factor is below 0.1 %.
 *
 * <p>Instances are immutable descriptions; every call makes its own proj4j transform, so they are thread-safe. One
 * instance per zone is made and shared: making one (proj4j parsing the zone's definition) took about 16 ms, which was
 * nearly all of drawing a camera's sector and a third of a residential area's coverage.
 */
public final class MetricProjection {
    private static final CRSFactory FACTORY = new CRSFactory();
    /** The projection of each UTM zone (index zone − 1), made the first time it is asked for. */
    private static final java.util.concurrent.atomic.AtomicReferenceArray<MetricProjection> ZONES =
            new java.util.concurrent.atomic.AtomicReferenceArray<>(60);

    private final int utmZone;
    private final CoordinateReferenceSystem utm;
    private final CoordinateReferenceSystem wgs84;

    private MetricProjection(int utmZone) {
        this.utmZone = utmZone;
        this.utm = FACTORY.createFromName("EPSG:" + (32600 + utmZone));
        this.wgs84 = Crs.wgs84();
    }

    /** The UTM zone containing {@code lonDeg}. */
    public static MetricProjection forLongitude(double lonDeg) {
        int zone = Math.max(1, Math.min(60, (int) Math.floor((lonDeg + 180.0) / 6.0) + 1));
        MetricProjection p = ZONES.get(zone - 1);
        if (p == null) {
            ZONES.compareAndSet(zone - 1, null, new MetricProjection(zone));
            p = ZONES.get(zone - 1);
        }
        return p;
    }

    /** The UTM zone containing the centre of the geometry's envelope. */
    public static MetricProjection forGeometry(Geometry lonLat) {
        return forLongitude(lonLat.getEnvelopeInternal().centre().x);
    }

    public int utmZone() {
        return utmZone;
    }

    public String epsgCode() {
        return "EPSG:" + (32600 + utmZone);
    }

    public Geometry toMeters(Geometry lonLat) {
        return new CoordinateTransformer(wgs84, utm).apply(lonLat);
    }

    public Geometry toLonLat(Geometry meters) {
        return new CoordinateTransformer(utm, wgs84).apply(meters);
    }

    /** Planar area in square metres, in this zone. */
    public double areaM2(Geometry lonLat) {
        return toMeters(lonLat).getArea();
    }

    /** Length (or perimeter) in metres, in this zone. */
    public double lengthM(Geometry lonLat) {
        return toMeters(lonLat).getLength();
    }

    /** Shortest distance between two geometries, in metres. */
    public double distanceM(Geometry aLonLat, Geometry bLonLat) {
        return toMeters(aLonLat).distance(toMeters(bLonLat));
    }

    /** The geometry buffered by {@code distanceM} metres, returned in lon/lat. */
    public Geometry bufferM(Geometry lonLat, double distanceM) {
        return toLonLat(toMeters(lonLat).buffer(distanceM));
    }
}
