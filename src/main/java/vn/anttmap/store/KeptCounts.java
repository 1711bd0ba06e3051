package vn.anttmap.store;

import vn.anttmap.model.Condition;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FieldDef;
import vn.anttmap.model.Layer;
import vn.anttmap.model.Tally;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Counts per group kept up to date on every write ({@link Tally}), in tables {@code kept_count_state} and
 * {@code kept_count} (migration 7). A tally's counts for a year are built the first time they are asked for (one
 * counting pass over the layer) and from then on every write of the layer adds what it writes and takes away what it
 * replaces or deletes, in the write's own transaction, so that they are never behind the records.
 *
 * <p>The rule that keeps them right: a write either keeps a year's counts (this process knows the tally under the
 * same definition, and read the records it replaced) or removes them, to be built again when next asked for. Writes of a
 * layer whose counts are kept take the layer's row of {@code kept_count_lock} (a row lock, so it holds across
 * processes, and H2's second process through AUTO_SERVER), so two writes never both miss the other's records; building
 * takes it too and, on PostgreSQL, a SHARE lock on the table, which waits for writes that took no lock (they find the
 * counts afterwards and remove them). On PostgreSQL a trigger (migration 7) removes them after any write to the
 * incidents that does not say it kept them: an older ANTT Map, psql, a GIS tool.
 */
final class KeptCounts {
    /** Counts per group the table has room for (columns c0…c31); a tally with more is counted when asked. */
    static final int MAX_COUNTS = 32;
    /** The layers whose writes the database guards (a trigger of migration 7 removes counts a write did not keep). */
    static final Set<Layer> GUARDED = Set.of(Layer.INCIDENTS);

    private final Dialect dialect;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private volatile boolean schemaReady;

    KeptCounts(Dialect dialect) {
        this.dialect = dialect;
    }

    void keep(Tally tally) {
        if (!GUARDED.contains(tally.layer())) {
            throw new IllegalArgumentException("counts of layer " + tally.layer().apiName() + " cannot be kept: only "
                    + GUARDED.stream().map(Layer::apiName).sorted().toList() + " (writes of other layers are not guarded)");
        }
        tallies.put(tally.name(), tally);
    }

    private boolean schemaReady(Connection c) throws SQLException {
        if (!schemaReady) {
            schemaReady = Migrator.current(c) >= 7;
        }
        return schemaReady;
    }

    /**
     * Takes the layer's row of {@code kept_count_lock} until the transaction ends (an upsert: the row is made the first
     * time). On H2, waits up to a minute for it (the default second is shorter than a build or a large batch).
     */
    private void lock(Connection c, Layer layer) throws SQLException {
        if (dialect != Dialect.POSTGIS) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCK_TIMEOUT 60000");
            }
        }
        String sql = dialect == Dialect.POSTGIS
                ? "INSERT INTO kept_count_lock (layer_table) VALUES (?) ON CONFLICT (layer_table) DO UPDATE SET layer_table = EXCLUDED.layer_table"
                : "MERGE INTO kept_count_lock (layer_table) KEY (layer_table) VALUES (?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, layer.table());
            ps.executeUpdate();
        }
    }

    /** On PostgreSQL, tells the guard trigger that this transaction keeps the counts of what it writes. */
    private void saysItKeeps(Connection c) throws SQLException {
        if (dialect == Dialect.POSTGIS) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT set_config('antt.kept_counts', 'on', true)");
            }
        }
    }

    // ------------------------------------------------------------------ writes

    /** What one write transaction does to layers that may have kept counts (its lock ends with the transaction). */
    Session session(Connection c) {
        return new Session(c);
    }

    final class Session {
        private final Connection c;
        private final Map<Layer, Boolean> tracked = new HashMap<>();
        private final Map<Layer, List<Feature>> removed = new HashMap<>();
        private final Map<Layer, List<Feature>> added = new HashMap<>();
        private final Set<Layer> written = new LinkedHashSet<>();

        private Session(Connection c) {
            this.c = c;
        }

        /**
         * Whether this write must hand over the records it replaces or deletes in {@code layer} before it does
         * ({@link #removed}): when counts of the layer are kept. Takes the layer's lock then, until the transaction
         * ends. (When none are, it takes no lock: counts built meanwhile are found by {@link #finish} and removed.)
         */
        boolean tracks(Layer layer) throws SQLException {
            written.add(layer);
            Boolean t = tracked.get(layer);
            if (t == null) {
                t = schemaReady(c) && GUARDED.contains(layer) && !KeptCounts.states(c, layer).isEmpty();
                if (t) {
                    lock(c, layer);
                    saysItKeeps(c);
                }
                tracked.put(layer, t);
            }
            return t;
        }

        /** Records (as they were before this write) that it replaces or deletes. */
        void removed(Layer layer, List<Feature> before) {
            removed.computeIfAbsent(layer, k -> new ArrayList<>()).addAll(before);
        }

        /** Records this write puts in (of the same id, the last one: it is what the store keeps). */
        void added(Layer layer, List<Feature> after) {
            written.add(layer);
            if (Boolean.TRUE.equals(tracked.get(layer))) {
                Map<String, Feature> last = new java.util.LinkedHashMap<>();
                after.forEach(f -> last.put(f.id(), f));
                added.computeIfAbsent(layer, k -> new ArrayList<>()).addAll(last.values());
            }
        }

        /** After the records are written, before commit: brings every year's kept counts of the written layers along. */
        void finish() throws SQLException {
            for (Layer layer : written) {
                if (!GUARDED.contains(layer) || !schemaReady(c)) {
                    continue;
                }
                for (State s : KeptCounts.states(c, layer)) {
                    Tally t = tallies.get(s.name());
                    if (t == null || t.layer() != layer || !Boolean.TRUE.equals(tracked.get(layer))
                            || !t.fingerprint(s.year()).equals(s.fingerprint())) {
                        // Counts this write cannot keep go, to be counted again when asked for.
                        drop(c, s.name(), s.year());
                        continue;
                    }
                    List<Condition.Count> counts = t.counts(s.year());
                    Map<String, long[]> delta = new HashMap<>();
                    for (Feature f : removed.getOrDefault(layer, List.of())) {
                        tallyOne(t, counts, f, -1, delta);
                    }
                    for (Feature f : added.getOrDefault(layer, List.of())) {
                        tallyOne(t, counts, f, 1, delta);
                    }
                    delta.values().removeIf(v -> java.util.Arrays.stream(v).allMatch(x -> x == 0));
                    add(c, s.name(), s.year(), counts.size(), delta);
                }
            }
        }

    }

    private record State(String name, int year, String fingerprint) {
    }

    private static List<State> states(Connection c, Layer layer) throws SQLException {
        List<State> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, period_year, fingerprint FROM kept_count_state WHERE layer_table = ? ORDER BY name, period_year")) {
            ps.setString(1, layer.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new State(rs.getString(1), rs.getInt(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    private static void drop(Connection c, String name, int year) throws SQLException {
        for (String table : List.of("kept_count", "kept_count_state")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE name = ? AND period_year = ?")) {
                ps.setString(1, name);
                ps.setInt(2, year);
                ps.executeUpdate();
            }
        }
    }

    /** Adds {@code sign} to the counts of the record's group that it passes. */
    private static void tallyOne(Tally t, List<Condition.Count> counts, Feature f, int sign,
                                 Map<String, long[]> delta) {
        Object key = f.get(t.groupBy());
        if (key == null) {
            return;
        }
        Layer layer = t.layer();
        LocalDate day = (LocalDate) layer.dateField().map(d -> typed(layer, d, f.get(d))).orElse(null);
        // Values written by an import are typed already: typed() hands them back as they are.
        java.util.function.Function<String, Object> values = name -> typed(layer, name, f.get(name));
        long[] v = null;
        for (int i = 0; i < counts.size(); i++) {
            if (counts.get(i).matches(day, values)) {
                if (v == null) {
                    v = delta.computeIfAbsent(key.toString(), k -> new long[counts.size()]);
                }
                v[i] += sign;
            }
        }
    }

    /** A written value as the store reads it back (records to write may carry text for dates and flags). */
    private static Object typed(Layer layer, String name, Object v) {
        if (v == null || name.equals("id")) {
            return v;
        }
        FieldDef f = layer.field(name).orElseThrow(() -> new IllegalArgumentException("layer " + layer.apiName()
                + " has no field " + name));
        return switch (f.type()) {
            case DATE -> v instanceof LocalDate d ? d : LocalDate.parse(v.toString());
            case BOOLEAN -> v instanceof Boolean b ? b : Boolean.valueOf(v.toString());
            case INTEGER -> v instanceof Number n ? n : Long.valueOf(v.toString());
            case DOUBLE -> v instanceof Number n ? n : Double.valueOf(v.toString());
            default -> v;
        };
    }

    private void add(Connection c, String name, int year, int n, Map<String, long[]> delta) throws SQLException {
        if (delta.isEmpty()) {
            return;
        }
        StringBuilder cols = new StringBuilder();
        StringBuilder sums = new StringBuilder();
        for (int i = 0; i < n; i++) {
            cols.append(", c").append(i);
            sums.append(i == 0 ? "" : ", ").append("c").append(i).append(" = kept_count.c").append(i).append(" + EXCLUDED.c").append(i);
        }
        if (dialect == Dialect.POSTGIS) {
            // One statement for the whole write: the groups and each count as arrays.
            StringBuilder arrays = new StringBuilder("?::varchar[]");
            for (int i = 0; i < n; i++) {
                arrays.append(", ?::bigint[]");
            }
            String sql = "INSERT INTO kept_count (name, period_year, group_key" + cols + ") SELECT ?, ?, u.* FROM unnest(" + arrays
                    + ") AS u ON CONFLICT (name, period_year, group_key) DO UPDATE SET " + sums;
            for (List<Map.Entry<String, long[]>> chunk : chunks(delta, 20_000)) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, name);
                    ps.setInt(2, year);
                    ps.setArray(3, c.createArrayOf("varchar", chunk.stream().map(Map.Entry::getKey).toArray()));
                    for (int i = 0; i < n; i++) {
                        int k = i;
                        ps.setArray(4 + i, c.createArrayOf("bigint", chunk.stream().map(e -> e.getValue()[k]).toArray()));
                    }
                    ps.executeUpdate();
                }
            }
            return;
        }
        StringBuilder source = new StringBuilder("SELECT CAST(? AS VARCHAR(64)) AS g");
        StringBuilder set = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < n; i++) {
            source.append(", CAST(? AS BIGINT) AS c").append(i);
            set.append(i == 0 ? "" : ", ").append("c").append(i).append(" = t.c").append(i).append(" + s.c").append(i);
            values.append(", s.c").append(i);
        }
        String sql = "MERGE INTO kept_count t USING (" + source + ") s ON t.name = ? AND t.period_year = ? AND t.group_key = s.g "
                + "WHEN MATCHED THEN UPDATE SET " + set + " WHEN NOT MATCHED THEN INSERT (name, period_year, group_key" + cols
                + ") VALUES (?, ?, s.g" + values + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map.Entry<String, long[]> e : delta.entrySet()) {
                int k = 1;
                ps.setString(k++, e.getKey());
                for (long x : e.getValue()) {
                    ps.setLong(k++, x);
                }
                ps.setString(k++, name);
                ps.setInt(k++, year);
                ps.setString(k++, name);
                ps.setInt(k, year);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<List<Map.Entry<String, long[]>>> chunks(Map<String, long[]> m, int size) {
        List<List<Map.Entry<String, long[]>>> out = new ArrayList<>();
        List<Map.Entry<String, long[]>> cur = new ArrayList<>();
        for (Map.Entry<String, long[]> e : m.entrySet()) {
            cur.add(e);
            if (cur.size() == size) {
                out.add(cur);
                cur = new ArrayList<>();
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    // ------------------------------------------------------------------ reads

    /** Counts a store makes when asked (its {@code countEach} on a connection, in that connection's transaction). */
    interface Counter {
        void count(Connection c, Tally tally, int year, BiConsumer<String, long[]> sink) throws SQLException;
    }

    /**
     * The tally's counts for the year by group, in group order: read where they are kept under the same definition,
     * else counted (by {@code counter}, under the layer's lock), kept from now on, and handed over.
     *
     * @return false where they cannot be kept (more counts than the table has room for, or a schema before migration 7):
     * the caller counts them itself
     */
    boolean read(Connection c, Tally tally, int year, Counter counter, BiConsumer<String, long[]> sink) throws SQLException {
        List<Condition.Count> counts = tally.counts(year);
        if (counts.size() > MAX_COUNTS || !schemaReady(c)) {
            return false;
        }
        keep(tally);
        String fingerprint = tally.fingerprint(year);
        if (readKept(c, tally.name(), year, fingerprint, counts.size(), sink)) {
            return true;
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            lock(c, tally.layer());
            if (dialect == Dialect.POSTGIS) {
                try (Statement st = c.createStatement()) {
                    // Writes that found no counts kept take no lock: wait for them, and keep them out until the
                    // counts are in.
                    st.execute("LOCK TABLE " + tally.layer().table() + " IN SHARE MODE");
                }
            }
            // Built by someone else while this waited?
            if (readKept(c, tally.name(), year, fingerprint, counts.size(), sink)) {
                c.commit();
                return true;
            }
            drop(c, tally.name(), year);
            Map<String, long[]> counted = new TreeMap<>();
            counter.count(c, tally, year, counted::put);
            counted.values().removeIf(v -> java.util.Arrays.stream(v).allMatch(x -> x == 0));
            add(c, tally.name(), year, counts.size(), counted);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO kept_count_state (name, period_year, layer_table, "
                    + "fingerprint, built_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, tally.name());
                ps.setInt(2, year);
                ps.setString(3, tally.layer().table());
                ps.setString(4, fingerprint);
                ps.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            c.commit();
            counted.forEach(sink);
            return true;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /**
     * The kept counts, if kept under {@code fingerprint}: one statement (one snapshot) from the state row, so that
     * counts removed meanwhile are never taken for groups without any (no state row: no rows at all; a state without
     * counts: one row without a group). In no particular order (sorting 100,000 keys by collation cost more than the
     * rest of the read).
     */
    private static boolean readKept(Connection c, String name, int year, String fingerprint, int n,
                                    BiConsumer<String, long[]> sink) throws SQLException {
        StringBuilder cols = new StringBuilder();
        for (int i = 0; i < n; i++) {
            cols.append(", k.c").append(i);
        }
        String sql = "SELECT k.group_key" + cols + " FROM kept_count_state s LEFT JOIN kept_count k "
                + "ON k.name = s.name AND k.period_year = s.period_year WHERE s.name = ? AND s.period_year = ? AND s.fingerprint = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.setInt(2, year);
            ps.setString(3, fingerprint);
            boolean kept = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    kept = true;
                    String key = rs.getString(1);
                    if (key == null) {
                        continue;
                    }
                    long[] v = new long[n];
                    boolean any = false;
                    for (int i = 0; i < n; i++) {
                        v[i] = rs.getLong(2 + i);
                        any |= v[i] != 0;
                    }
                    if (any) {
                        sink.accept(key, v);
                    }
                }
            }
            return kept;
        }
    }
}
