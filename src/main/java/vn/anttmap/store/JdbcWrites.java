package vn.anttmap.store;

import org.locationtech.jts.io.WKBWriter;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FieldDef;
import vn.anttmap.model.Layer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The store's write path over JDBC: a {@link WriteBatch} in one transaction, with its expectations checked, the kept
 * counts and change stamps kept in step, large batches by COPY on PostGIS.
 */
final class JdbcWrites {
    private final Database db;
    private final KeptCounts kept;
    private final ChangeStamps stamps;
    /** The store's data version, moved on by every write. */
    private final java.util.concurrent.atomic.AtomicLong version;
    /** The store, to read a record's version back for a refusal. */
    private final FeatureStore store;

    JdbcWrites(Database db, KeptCounts kept, ChangeStamps stamps,
               java.util.concurrent.atomic.AtomicLong version, FeatureStore store) {
        this.store = store;
        this.db = db;
        this.kept = kept;
        this.stamps = stamps;
        this.version = version;
    }

    void write(WriteBatch batch) {
        try (Connection c = db.dataSource().getConnection()) {
            KeptCounts.Session counts = kept.session(c);
            c.setAutoCommit(false);
            try {
                stamps.begin(c);
                java.util.Set<Layer> written = java.util.EnumSet.noneOf(Layer.class);
                batch.upserts().forEach(u -> written.add(u.layer()));
                batch.deletes().forEach(d -> written.add(d.layer()));
                if (!batch.expectations().isEmpty()) {
                    // The kept counts' locks before the records' rows, in the order every writer takes them (an
                    // import takes a layer's lock, then replaces its rows): no two writers wait for each other.
                    for (Layer layer : written) {
                        counts.tracks(layer);
                    }
                }
                Map<Layer, Map<String, WriteBatch.Expectation>> mustBeNew = checkExpectations(c, batch.expectations());
                for (WriteBatch.Upsert u : batch.upserts()) {
                    Map<String, WriteBatch.Expectation> fresh = mustBeNew.getOrDefault(u.layer(), Map.of());
                    List<Feature> replacing = u.features().stream().filter(f -> !fresh.containsKey(f.id())).toList();
                    List<Feature> inserting = u.features().stream().filter(f -> fresh.containsKey(f.id())).toList();
                    if (!inserting.isEmpty()) {
                        insertNew(c, u.layer(), inserting, fresh, counts);
                    }
                    if (!replacing.isEmpty()) {
                        upsert(c, u.layer(), replacing, counts);
                    }
                }
                for (WriteBatch.Delete d : batch.deletes()) {
                    if (counts.tracks(d.layer())) {
                        counts.removed(d.layer(), byIds(c, d.layer(), d.ids()));
                    }
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + d.layer().table() + " WHERE id = ?")) {
                        for (String id : d.ids()) {
                            ps.setString(1, id);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                for (WriteBatch.ReadBack r : batch.readBacks()) {
                    try (PreparedStatement ps = c.prepareStatement(JdbcFeatureStore.select(r.layer()) + " WHERE id = ?")) {
                        ps.setString(1, r.id());
                        r.sink().accept(JdbcFeatureStore.readAll(r.layer(), ps).stream().findFirst().orElse(null));
                    }
                }
                counts.finish();
                for (vn.anttmap.model.AuditEntry e : batch.auditEntries()) {
                    JdbcAccounts.insertAudit(c, e);
                }
                stamps.raise(c, written);
                c.commit();
                version.incrementAndGet();
                stamps.committed(c);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (DuplicateRecord d) {
            // Another writer made the record this batch expected absent, between the check and the insert.
            WriteBatch.Expectation x = d.expectation;
            throw new StaleRecordException(x.layer(), x.id(), store.get(x.layer(), x.id()).map(x.version()).orElse(null));
        } catch (SQLException e) {
            throw db.fault("writing " + batch.size() + " records (nothing was written)", e);
        }
    }

    /**
     * Locks each expected record's row ({@code SELECT … FOR UPDATE}, in layer and id order so that two batches never
     * wait for each other in a circle) and checks it is as expected; the lock holds until the transaction ends, so
     * no other writer can change the record between the check and this batch's write. A writer that holds the row
     * makes this one wait for its commit; this one then reads the row as committed (PostgreSQL and H2 both re-read a
     * row locked FOR UPDATE after waiting for it), finds the version changed, and refuses.
     *
     * @return by layer and id, the expectations of absence (those records are inserted, never replaced)
     * @throws StaleRecordException when an expectation does not hold (the caller rolls back)
     */
    private Map<Layer, Map<String, WriteBatch.Expectation>> checkExpectations(Connection c, List<WriteBatch.Expectation> expectations)
            throws SQLException {
        Map<Layer, Map<String, WriteBatch.Expectation>> mustBeNew = new EnumMap<>(Layer.class);
        if (expectations.isEmpty()) {
            return mustBeNew;
        }
        if (db.dialect() == Dialect.H2GIS) {
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCK_TIMEOUT 60000"); // another writer (or process) may hold the row until it commits
            }
        }
        List<WriteBatch.Expectation> ordered = new ArrayList<>(expectations);
        ordered.sort(java.util.Comparator.comparing((WriteBatch.Expectation x) -> x.layer()).thenComparing(WriteBatch.Expectation::id));
        for (WriteBatch.Expectation x : ordered) {
            Feature current;
            try (PreparedStatement ps = c.prepareStatement(JdbcFeatureStore.select(x.layer()) + " WHERE id = ? FOR UPDATE")) {
                ps.setString(1, x.id());
                current = JdbcFeatureStore.readAll(x.layer(), ps).stream().findFirst().orElse(null);
            }
            String version = current == null ? null : x.version().apply(current);
            if (!java.util.Objects.equals(version, x.expected())) {
                throw new StaleRecordException(x.layer(), x.id(), version);
            }
            if (x.expected() == null) {
                mustBeNew.computeIfAbsent(x.layer(), l -> new java.util.HashMap<>()).put(x.id(), x);
            }
        }
        return mustBeNew;
    }

    /** A record expected absent found present by its insert (a duplicate key): the expectation did not hold. */
    private static final class DuplicateRecord extends SQLException {
        final transient WriteBatch.Expectation expectation;

        DuplicateRecord(WriteBatch.Expectation expectation, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
            this.expectation = expectation;
        }
    }

    /** A layer's row as written: id, every field, then the geometry when the layer has one (bindRow's order). */
    private static List<String> rowColumns(Layer layer) {
        List<String> columns = new ArrayList<>();
        columns.add("id");
        layer.fields().forEach(f -> columns.add(f.name()));
        if (layer.geometryKind().hasColumn()) {
            columns.add("geom");
        }
        return columns;
    }

    /** The placeholders of {@link #rowColumns}: the geometry read from WKB. */
    private static List<String> rowPlaceholders(Layer layer) {
        List<String> placeholders = new ArrayList<>(java.util.Collections.nCopies(1 + layer.fields().size(), "?"));
        if (layer.geometryKind().hasColumn()) {
            placeholders.add(JdbcFeatureStore.GEOM_IN);
        }
        return placeholders;
    }

    /**
     * Inserts records expected absent with a plain INSERT, so that one made meanwhile by another writer (whose row no
     * lock could cover while it did not exist) fails this batch with a duplicate key instead of being replaced.
     */
    private void insertNew(Connection c, Layer layer, List<Feature> features, Map<String, WriteBatch.Expectation> expected,
                           KeptCounts.Session counts) throws SQLException {
        counts.tracks(layer); // nothing replaced: nothing to take out of kept counts
        List<String> columns = rowColumns(layer);
        List<String> placeholders = rowPlaceholders(layer);
        boolean geom = layer.geometryKind().hasColumn();
        WKBWriter wkb = new WKBWriter(2);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + layer.table() + " (" + String.join(", ", columns)
                + ") VALUES (" + String.join(", ", placeholders) + ")")) {
            for (Feature feature : features) {
                bindRow(ps, layer, feature, geom, wkb);
                try {
                    ps.executeUpdate();
                } catch (SQLException e) {
                    // 23505: a duplicate key on both; 90131: H2's concurrent update of the same key.
                    if ("23505".equals(e.getSQLState()) || e.getErrorCode() == 90131) {
                        throw new DuplicateRecord(expected.get(feature.id()), e);
                    }
                    throw e;
                }
            }
        }
        counts.added(layer, features);
    }

    /** Binds a record's id, fields and geometry (if the layer has one) as parameters 1, 2, …. */
    private static void bindRow(PreparedStatement ps, Layer layer, Feature feature, boolean geom, WKBWriter wkb) throws SQLException {
        int i = 1;
        ps.setString(i++, feature.id());
        for (FieldDef f : layer.fields()) {
            JdbcFeatureStore.bind(ps, i++, f, feature.get(f.name()));
        }
        if (geom) {
            if (feature.geometry() == null) {
                ps.setNull(i, Types.BINARY);
            } else {
                ps.setBytes(i, wkb.write(feature.geometry()));
            }
        }
    }

    /** Batches at least this large go to PostgreSQL by COPY (a temporary table, then one INSERT … ON CONFLICT). */
    static final int COPY_THRESHOLD = 1_000;

    /** With {@code counts}: hands the records it replaces to {@code counts} first. */
    private void copyUpsert(Connection c, Layer layer, List<Feature> features, KeptCounts.Session counts) throws SQLException {
        List<String> columns = new ArrayList<>();
        columns.add("id");
        layer.fields().forEach(f -> columns.add(f.name()));
        boolean geom = layer.geometryKind().hasColumn();
        if (geom) {
            columns.add("geom");
        }
        String cols = String.join(", ", columns);
        CopyText text = new CopyText(features.size());
        for (Feature feature : features) {
            text.value(feature.id());
            for (FieldDef f : layer.fields()) {
                text.value(feature.get(f.name()));
            }
            if (geom) {
                text.geometry(feature.geometry());
            }
            text.endRow();
        }
        org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        // New records (a bulk load's) go straight into the table: a sixth faster than through a temporary table.
        // When one of the ids is taken, that COPY is undone and the batch is upserted as below.
        java.sql.Savepoint before = c.setSavepoint();
        try {
            copy.copyIn("COPY " + layer.table() + " (" + cols + ") FROM STDIN", text.stream());
            c.releaseSavepoint(before);
            return; // all new: nothing replaced
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(before);
        } catch (java.io.IOException e) {
            throw new SQLException("COPY into " + layer.table() + " failed", e);
        }
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE antt_copy (LIKE " + layer.table() + " INCLUDING DEFAULTS) ON COMMIT DROP");
        }
        try {
            copy.copyIn("COPY antt_copy (" + cols + ") FROM STDIN", text.stream());
        } catch (java.io.IOException e) {
            throw new SQLException("COPY into " + layer.table() + " failed", e);
        }
        if (counts != null) {
            try (PreparedStatement ps = c.prepareStatement(JdbcFeatureStore.select(layer, false) + " WHERE id IN (SELECT id FROM antt_copy)")) {
                List<Feature> replaced = new ArrayList<>();
                JdbcFeatureStore.read(layer, layer.fields(), false, ps, replaced::add);
                counts.removed(layer, replaced);
            }
        }
        String updates = columns.stream().filter(x -> !x.equals("id")).map(x -> x + " = EXCLUDED." + x)
                .collect(java.util.stream.Collectors.joining(", "));
        try (java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO " + layer.table() + " (" + cols + ") SELECT " + cols + " FROM antt_copy"
                    + " ON CONFLICT (id) DO UPDATE SET " + updates);
            st.execute("DROP TABLE antt_copy");
        }
    }

    private void upsert(Connection c, Layer layer, List<Feature> features, KeptCounts.Session counts) throws SQLException {
        // Before writing: the lock of a layer with kept counts, and the records this write replaces.
        boolean tracked = counts.tracks(layer);
        if (db.dialect() == Dialect.POSTGIS && features.size() >= COPY_THRESHOLD) {
            copyUpsert(c, layer, features, tracked ? counts : null);
            counts.added(layer, features);
            return;
        }
        if (tracked) {
            counts.removed(layer, byIds(c, layer, features.stream().map(Feature::id).toList()));
        }
        List<String> columns = rowColumns(layer);
        List<String> placeholders = rowPlaceholders(layer);
        boolean geom = layer.geometryKind().hasColumn();
        WKBWriter wkb = new WKBWriter(2);
        try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert(layer.table(), columns, placeholders))) {
            for (Feature feature : features) {
                bindRow(ps, layer, feature, geom, wkb);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        counts.added(layer, features);
    }

    /** The stored records with these ids (no geometry), as they are in {@code c}'s transaction. */
    private static List<Feature> byIds(Connection c, Layer layer, List<String> someIds) throws SQLException {
        List<String> ids = someIds.stream().distinct().toList(); // each record once, however often it is named
        List<Feature> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
            try (PreparedStatement ps = c.prepareStatement(JdbcFeatureStore.select(layer, false) + " WHERE id IN ("
                    + String.join(", ", java.util.Collections.nCopies(part.size(), "?")) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                JdbcFeatureStore.read(layer, layer.fields(), false, ps, out::add);
            }
        }
        return out;
    }

}
