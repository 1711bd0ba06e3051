package vn.anttmap;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.model.Feature;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny synthetic ward for tests: ward W (a 2 km × 1 km box near Hải Hòa) split into areas A (west half) and B
 * (east half), sharing the boundary at lon 105.79.
 */
public final class TestFeatures {
    public static final String WARD_WKT =
            "MULTIPOLYGON (((105.78 19.44, 105.80 19.44, 105.80 19.45, 105.78 19.45, 105.78 19.44)))";
    public static final String AREA_A_WKT =
            "MULTIPOLYGON (((105.78 19.44, 105.79 19.44, 105.79 19.45, 105.78 19.45, 105.78 19.44)))";
    public static final String AREA_B_WKT =
            "MULTIPOLYGON (((105.79 19.44, 105.80 19.44, 105.80 19.45, 105.79 19.45, 105.79 19.44)))";

    private TestFeatures() {
    }

    public static Geometry wkt(String wkt) {
        try {
            Geometry g = new WKTReader(GeometryChecks.WGS84).read(wkt);
            g.setSRID(4326);
            return g;
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public static Feature ward(String id, String wkt, LocalDate from, LocalDate to) {
        return new Feature(id, wkt(wkt), props("code", id.toUpperCase(), "name", "Phường " + id, "kind", "phuong",
                "district", "Thị xã Nghi Sơn", "province", "Thanh Hóa", "population", 6676,
                "valid_from", from, "valid_to", to, "source", "synthetic test data"));
    }

    public static Feature area(String id, String wkt, String wardId, LocalDate from, LocalDate to) {
        return new Feature(id, wkt(wkt), props("code", id, "name", "Tổ dân phố " + id, "kind", "to_dan_pho",
                "population", 900, "households", 250, "registered_households", 240, "valid_from", from,
                "valid_to", to, "source", "synthetic", "ward_id", wardId));
    }

    public static Feature camera(String id, double lon, double lat, String areaId, String wardId) {
        return new Feature(id, wkt("POINT (" + lon + " " + lat + ")"), props("name", "Ngã tư " + id,
                "bearing_deg", 90.0, "fov_deg", 60.0, "range_m", 40.0, "kind", "fixed", "owner", "community",
                "status", "active", "installed_on", LocalDate.of(2022, 5, 1), "funding", "community_fund", "footage_sharing", true,
                "last_seen_on", LocalDate.of(2023, 10, 30), "resolution_px", 1920, "area_id", areaId, "ward_id", wardId));
    }

    public static Feature incident(String id, double lon, double lat, OffsetDateTime at, LocalDate day,
                                   String areaId, String wardId) {
        return new Feature(id, wkt("POINT (" + lon + " " + lat + ")"), props("occurred_at", at, "category", "crime",
                "severity", "it_nghiem_trong", "channel", "hotline_113", "force_majeure", false,
                "promptly_handled", true, "description", "Trộm cắp tài sản, \"xe máy\"", "serious", null, "deaths", null,
                "status", null, "received_at", null, "received_by", null, "assigned_to", null, "assigned_at", null,
                "assigned_by", null, "verified_at", null, "verified_by", null, "handled_at", null, "handled_by", null,
                "handling", null, "closed_at", null, "closed_by", null, "handle_minutes", null,
                "occurred_on", day,
                "area_id", areaId, "ward_id", wardId));
    }
}
