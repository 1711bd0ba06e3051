package vn.anttmap.store.postgis;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a GIS analyst would write by hand in PostGIS SQL for the same questions, on the same tables: spatial joins
 * (ST_Contains) instead of the assignment made when a record is written, ST_Buffer circles for camera reach, ST_AsMVT
 * for tiles. Each method returns its wall time in milliseconds (and what it found, to check both agree).
 */
public final class PostgisBaseline implements AutoCloseable {
    private final Connection c;

    public PostgisBaseline(String jdbcUrl, String user, String password) throws SQLException {
        this.c = user == null ? DriverManager.getConnection(jdbcUrl) : DriverManager.getConnection(jdbcUrl, user, password);
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }

    public record Timed<T>(double ms, T value) {
    }

    /**
     * Loading raw incidents and assigning each to its area and ward by hand: COPY the rows into a plain table, then
     * UPDATE … FROM area WHERE ST_Contains. The rows come from the imported table through a file, written first (not
     * timed).
     */
    public Timed<Long> importAndAssign(Path work) throws SQLException, IOException {
        Path file = work.resolve("incidents.copy");
        org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        try (var out = Files.newOutputStream(file)) {
            copy.copyOut("COPY (SELECT id, occurred_at, category, severity, channel, geom FROM incident) TO STDOUT", out);
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_raw_incident");
        }
        long t0 = System.nanoTime();
        long updated;
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE bench_raw_incident (id text PRIMARY KEY, occurred_at timestamptz, category text, "
                    + "severity text, channel text, geom geometry(Point, 4326), area_id text, ward_id text)");
            try (var in = Files.newInputStream(file)) {
                copy.copyIn("COPY bench_raw_incident (id, occurred_at, category, severity, channel, geom) FROM STDIN", in);
            }
            updated = st.executeUpdate("UPDATE bench_raw_incident r SET area_id = a.id, ward_id = a.ward_id FROM residential_area a "
                    + "WHERE ST_Contains(a.geom, r.geom) AND a.valid_to IS NULL");
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE bench_raw_incident");
        }
        Files.deleteIfExists(file);
        return new Timed<>(ms, updated);
    }

    /**
     * The scoring's incident counts per area by spatial join: for each area valid at the period's end, the K4a counts
     * this period and the last, serious crimes (K4b), political-security and complex incidents (K2) and serious
     * accidents (K4d). Returns the total of this period's incidents found in areas, for comparison.
     */
    public Timed<Long> scoringCounts(LocalDate previousFirst, LocalDate first, LocalDate last) throws SQLException {
        String sql = """
                SELECT a.id,
                  count(i.id) FILTER (WHERE i.occurred_on >= ? AND i.category IN ('crime','social_evil','administrative_violation')) AS k4a_now,
                  count(i.id) FILTER (WHERE i.occurred_on < ? AND i.category IN ('crime','social_evil','administrative_violation')) AS k4a_before,
                  count(i.id) FILTER (WHERE i.occurred_on >= ? AND i.severity IN ('nghiem_trong','rat_nghiem_trong','dac_biet_nghiem_trong')
                                      AND NOT coalesce(i.force_majeure, false) AND NOT coalesce(i.promptly_handled, false)) AS k4b,
                  count(i.id) FILTER (WHERE i.occurred_on >= ? AND i.category IN ('political_security','complex_dispute','mass_complaint_incitement')) AS k2,
                  count(i.id) FILTER (WHERE i.occurred_on >= ? AND (coalesce(i.serious, false) OR coalesce(i.deaths, 0) > 0)) AS k4d,
                  count(i.id) FILTER (WHERE i.occurred_on >= ?) AS now_all
                FROM residential_area a LEFT JOIN incident i ON ST_Contains(a.geom, i.geom) AND i.occurred_on BETWEEN ? AND ?
                WHERE a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to > ?)
                GROUP BY a.id""";
        long t0 = System.nanoTime();
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int k = 1;
            for (int n = 0; n < 2; n++) {
                ps.setObject(k++, first);
            }
            for (int n = 0; n < 4; n++) {
                ps.setObject(k++, first);
            }
            ps.setObject(k++, previousFirst);
            ps.setObject(k++, last);
            ps.setObject(k++, last);
            ps.setObject(k++, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    total += rs.getLong("now_all");
                }
            }
        }
        return new Timed<>((System.nanoTime() - t0) / 1e6, total);
    }

    /**
     * Camera coverage of each area by hand: the union of each working camera's reach as a circle (ST_Buffer on
     * geography, range_m) intersected with the area, as a share of the area. Cameras are first narrowed by the
     * spatial index (within 0.01°, over a kilometre, of the area; no camera reaches farther).
     */
    public Timed<Map<String, Double>> coverage(List<String> areaIds) throws SQLException {
        String sql = """
                SELECT a.id, coalesce(ST_Area(ST_Intersection(a.geom, ST_Union(ST_Buffer(c.geom::geography, c.range_m)::geometry))::geography)
                       / ST_Area(a.geom::geography), 0) AS share
                FROM residential_area a LEFT JOIN camera c ON c.status = 'active' AND c.geom && ST_Expand(a.geom, 0.01)
                  AND ST_DWithin(a.geom::geography, c.geom::geography, c.range_m)
                WHERE a.id = ANY (?) AND a.valid_to IS NULL
                GROUP BY a.id, a.geom""";
        Map<String, Double> out = new TreeMap<>();
        long t0 = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", areaIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getDouble(2));
                }
            }
        }
        return new Timed<>((System.nanoTime() - t0) / 1e6, out);
    }

    /**
     * One incident tile by ST_AsMVT with every attribute ours carries, as Martin serves a table: the rows within the tile
     * and its buffer ({@code ST_TileEnvelope(…, margin => buffer / extent)}; here ST_AsMVTGeom's default buffer of 256 in
     * 4096, the 1/16 ours keeps too), so that both tiles hold the same points; the tile's bytes. With {@code clusterUnits}
     * above 0, as ours below zoom 12: the points grouped by cells of that many tile units, a cell's only point as it is,
     * several as one at their mean with cluster and point_count (the GROUP BY an analyst writes for a heat map).
     */
    public Timed<byte[]> tile(int z, int x, int y, int clusterUnits) throws SQLException {
        String points = """
                WITH b AS (SELECT ST_TileEnvelope(?, ?, ?) AS e, ST_TileEnvelope(?, ?, ?, margin => 256.0 / 4096) AS m),
                mvt AS (SELECT ST_AsMVTGeom(ST_Transform(i.geom, 3857), b.e, 4096, 256, true) AS geom, i.id,
                               i.occurred_at::text AS occurred_at, i.category, i.severity, i.channel, i.force_majeure,
                               i.promptly_handled, i.description, i.serious, i.deaths, i.occurred_on::text AS occurred_on,
                               i.area_id, i.ward_id
                        FROM incident i, b WHERE i.geom && ST_Transform(b.m, 4326))
                """;
        String sql = clusterUnits <= 0 ? points + "SELECT ST_AsMVT(mvt, 'incidents') FROM mvt WHERE geom IS NOT NULL"
                : points + """
                , p AS (SELECT mvt.*, floor(ST_X(geom) / %1$d)::int AS cx, floor(ST_Y(geom) / %1$d)::int AS cy
                        FROM mvt WHERE geom IS NOT NULL),
                cell AS (SELECT cx, cy, count(*) AS n, min(id COLLATE "C") AS first_id, floor(avg(ST_X(geom)) + 0.5) AS ax,
                                floor(avg(ST_Y(geom)) + 0.5) AS ay FROM p GROUP BY cx, cy),
                out AS (SELECT p.geom, p.id, p.occurred_at, p.category, p.severity, p.channel, p.force_majeure,
                               p.promptly_handled, p.description, p.serious, p.deaths, p.occurred_on, p.area_id, p.ward_id,
                               NULL::boolean AS cluster, NULL::bigint AS point_count, cell.first_id
                        FROM p JOIN cell USING (cx, cy) WHERE cell.n = 1
                        UNION ALL
                        SELECT ST_Point(ax, ay), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                               true, n, first_id FROM cell WHERE n > 1)
                SELECT ST_AsMVT(t, 'incidents') FROM (SELECT geom, id, occurred_at, category, severity, channel,
                       force_majeure, promptly_handled, description, serious, deaths, occurred_on, area_id, ward_id,
                       cluster, point_count FROM out ORDER BY first_id COLLATE "C") t""".formatted(clusterUnits);
        long t0 = System.nanoTime();
        byte[] tile;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < 2; k++) {
                ps.setInt(3 * k + 1, z);
                ps.setInt(3 * k + 2, x);
                ps.setInt(3 * k + 3, y);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                byte[] b = rs.getBytes(1);
                tile = b == null ? new byte[0] : b;
            }
        }
        return new Timed<>((System.nanoTime() - t0) / 1e6, tile);
    }

    /** What the dashboard's SQL found over the wards together, to compare with ours: this window's figures. */
    public record DashboardTotals(long received, long handled, long open, long unknown, Double medianMinutes, Double p90Minutes,
                                  long cameras) {
    }

    /**
     * The leaders' dashboard's incident and camera figures by hand: each ward's incidents and cameras found by spatial
     * join (ST_Contains in the ward's outline) rather than by the ward assigned when each was written; both windows in
     * one pass, grouped by ward and window and by window alone (GROUPING SETS: the totals' percentiles over every
     * incident), the minutes to handle computed from the two instants; the cameras by a second join. No verdicts of
     * areas (scoring them is not a query). Returns this window's totals.
     */
    public Timed<DashboardTotals> dashboard(List<String> wardIds, LocalDate from, LocalDate to, LocalDate previousFrom,
                                            LocalDate previousTo) throws SQLException {
        String incidents = """
                WITH w AS (SELECT id, geom FROM ward WHERE id = ANY (?)),
                i AS (SELECT w.id AS ward_id, i.status, CASE WHEN i.occurred_on >= ? AND i.occurred_on <= ? THEN 'now' ELSE 'before' END AS win,
                             extract(epoch FROM i.handled_at - i.received_at) / 60 AS minutes
                      FROM w JOIN incident i ON ST_Contains(w.geom, i.geom)
                      WHERE (i.occurred_on >= ? AND i.occurred_on <= ?) OR (i.occurred_on >= ? AND i.occurred_on <= ?))
                SELECT ward_id, win, count(*) AS received,
                  count(*) FILTER (WHERE status IN ('handled', 'closed')) AS handled,
                  count(*) FILTER (WHERE status IN ('received', 'assigned', 'verified')) AS open,
                  count(*) FILTER (WHERE status IS NULL) AS unknown,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) FILTER (WHERE status IN ('handled', 'closed')) AS median,
                  percentile_cont(0.9) WITHIN GROUP (ORDER BY minutes) FILTER (WHERE status IN ('handled', 'closed')) AS p90
                FROM i GROUP BY GROUPING SETS ((ward_id, win), (win))""";
        String cameras = """
                SELECT w.id, count(c.id), count(c.id) FILTER (WHERE c.status = 'active'),
                       count(c.id) FILTER (WHERE c.footage_sharing)
                FROM ward w LEFT JOIN camera c ON ST_Contains(w.geom, c.geom)
                WHERE w.id = ANY (?) GROUP BY w.id""";
        long t0 = System.nanoTime();
        DashboardTotals totals = null;
        long registered = 0;
        try (Statement st = c.createStatement()) {
            st.execute("SET work_mem = '64MB'"); // as the store's own query has
        }
        try (PreparedStatement ps = c.prepareStatement(incidents)) {
            ps.setArray(1, c.createArrayOf("text", wardIds.toArray()));
            Object[] days = {from, to, from, to, previousFrom, previousTo};
            for (int k = 0; k < days.length; k++) {
                ps.setObject(k + 2, days[k]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString("ward_id") == null && "now".equals(rs.getString("win"))) {
                        double median = rs.getDouble("median");
                        Double m = rs.wasNull() ? null : median;
                        double p90 = rs.getDouble("p90");
                        Double p = rs.wasNull() ? null : p90;
                        totals = new DashboardTotals(rs.getLong("received"), rs.getLong("handled"), rs.getLong("open"),
                                rs.getLong("unknown"), m, p, 0);
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(cameras)) {
            ps.setArray(1, c.createArrayOf("text", wardIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    registered += rs.getLong(2);
                }
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        try (Statement st = c.createStatement()) {
            st.execute("RESET work_mem");
        }
        DashboardTotals t = totals == null ? new DashboardTotals(0, 0, 0, 0, null, null, registered)
                : new DashboardTotals(totals.received(), totals.handled(), totals.open(), totals.unknown(), totals.medianMinutes(),
                totals.p90Minutes(), registered);
        return new Timed<>(ms, t);
    }

    public List<String> ids(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
