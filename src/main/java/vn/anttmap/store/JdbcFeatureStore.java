package vn.anttmap.store;

import vn.anttmap.model.StoreException;
import com.zaxxer.hikari.HikariDataSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.FieldDef;
import vn.anttmap.model.Layer;
import vn.anttmap.model.VietnamTime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store over JDBC, shared by the H2GIS and PostGIS adapters: the same tables, the same SQL, the few
 * differences in {@link Dialect}. Subclasses only open the connection pool and prepare the database.
 */
public abstract class JdbcFeatureStore implements FeatureStore {
    static final String GEOM_IN = "ST_GeomFromWKB(?, 4326)";

    /** The pool, the dialect and the loggable description every part shares. */
    private final Database db;
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private final KeptCounts kept;
    private final ChangeStamps stamps;
    /** Accounts, tokens, sessions and the audit log. */
    private final JdbcAccounts accounts;
    /** Tiles PostGIS encodes. */
    private final JdbcTiles tiles;
    /** Secondary indexes set aside during a bulk load and built once after it (PostGIS). */
    private final DeferredIndexes indexes;
    /** Counts of records per area and condition, read or kept (the scoring's figures). */
    private final JdbcCounts counting;
    /** Writes: upserts (COPY for large batches), deletes, expectations, kept counts and change stamps. */
    private final JdbcWrites writes;

    protected JdbcFeatureStore(HikariDataSource dataSource, Dialect dialect, String description) {
        this(dataSource, dialect, description, null);
    }

    /** A read replica's pool and its description safe to log. */
    public record ReplicaPool(HikariDataSource dataSource, String description) {
    }

    /**
     * As above, with read replicas (PostGIS) that serve read-only requests while they lag the primary by at most
     * {@code maxLag}; named {@code replica-1}, {@code replica-2}… in their order (never by host, in logs and metrics).
     */
    protected JdbcFeatureStore(HikariDataSource dataSource, Dialect dialect, String description, List<ReplicaPool> replicas,
                               java.time.Duration maxLag) {
        this(dataSource, dialect, description, replicas.isEmpty() ? null : new Replicas(dataSource,
                java.util.stream.IntStream.range(0, replicas.size()).mapToObj(i -> new Replicas.Replica("replica-" + (i + 1),
                        replicas.get(i).dataSource(), replicas.get(i).description())).toList(), maxLag));
    }

    private JdbcFeatureStore(HikariDataSource dataSource, Dialect dialect, String description, Replicas replicas) {
        this.db = new Database(dataSource, dialect, description, replicas);
        this.kept = new KeptCounts(dialect);
        this.stamps = new ChangeStamps(dialect);
        this.accounts = new JdbcAccounts(db, version::incrementAndGet);
        this.tiles = new JdbcTiles(db);
        this.indexes = new DeferredIndexes(db);
        this.counting = new JdbcCounts(db, kept);
        this.writes = new JdbcWrites(db, kept, stamps, version, this);
    }

    @Override
    public Optional<vn.anttmap.model.PoolUse> poolUse() {
        HikariDataSource pool = db.dataSource();
        com.zaxxer.hikari.HikariPoolMXBean use = pool.getHikariPoolMXBean();
        if (use == null || pool.isClosed()) {
            return Optional.empty(); // not started (Hikari starts on the first connection) or closed
        }
        return Optional.of(new vn.anttmap.model.PoolUse(use.getActiveConnections(), use.getIdleConnections(),
                use.getTotalConnections(), use.getThreadsAwaitingConnection(), pool.getMaximumPoolSize()));
    }

    /** A connection from the pool, for adapter-specific maintenance. */
    protected Connection dataSourceConnection() throws SQLException {
        return db.dataSource().getConnection();
    }

    /** Prepares a fresh connection's database before migrations (extensions, spatial functions). */
    protected abstract void prepare(Connection c) throws SQLException;

    @Override
    public int migrate() {
        try (Connection c = db.dataSource().getConnection()) {
            prepare(c);
            // Indexes a load set aside and never built (it was interrupted) come back first, before a migration
            // could change what they refer to.
            indexes.buildDeferredIndexes(c, null);
            int applied = Migrator.migrate(c, db.dialect());
            stamps.install(c);
            return applied;
        } catch (SQLException e) {
            throw new StoreException("migration failed on " + db.description() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int schemaVersion() {
        try (Connection c = db.dataSource().getConnection()) {
            return Migrator.current(c);
        } catch (SQLException e) {
            throw db.fault("reading the schema version", e);
        }
    }

    @Override
    public int latestSchemaVersion() {
        return Migrator.latest();
    }

    @Override
    public List<Feature> query(Layer layer, FeatureQuery q) {
        StringBuilder sql = new StringBuilder(select(layer));
        List<Object> params = new ArrayList<>();
        where(layer, q, sql, params);
        sql.append(" ORDER BY id");
        return db.read("reading " + layer.apiName(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bindAll(ps, params);
                return readAll(layer, ps);
            }
        });
    }

    @Override
    public void forEach(Layer layer, FeatureQuery q, java.util.function.Consumer<Feature> sink) {
        stream(layer, q, layer.fields(), layer.geometryKind().hasColumn(), sink);
    }

    @Override
    public void forEachPoint(Layer layer, FeatureQuery q, PointSink sink) {
        if (!layer.geometryKind().isPoint()) {
            throw new IllegalArgumentException("layer " + layer.apiName() + " has no points");
        }
        List<FieldDef> fields = layer.fields();
        StringBuilder sql = new StringBuilder("SELECT id");
        fields.forEach(f -> sql.append(", ").append(f.name()));
        // Two numbers instead of WKB, and no ORDER BY: sorting the rows (by the database's collation) was a fifth of
        // the read, and a tile's encoder orders its features itself.
        sql.append(", ST_X(geom) AS lon, ST_Y(geom) AS lat FROM ").append(layer.table());
        List<Object> params = new ArrayList<>();
        where(layer, q, sql, params);
        sql.append(" AND geom IS NOT NULL");
        int lonColumn = fields.size() + 2;
        boolean[] handedOn = {false};
        db.read("reading " + layer.apiName(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bindAll(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handedOn[0] = true;
                        sink.accept(rs.getString(1), rs.getDouble(lonColumn), rs.getDouble(lonColumn + 1), values(rs, fields));
                    }
                }
            }
            return null;
        }, () -> !handedOn[0]);
    }

    @Override
    public Optional<byte[]> mvt(Layer layer, FeatureQuery q, int z, int x, int y, String layerName, int clusterUnits) {
        return tiles.mvt(layer, q, z, x, y, layerName, clusterUnits);
    }

    @Override
    public void analyze() {
        try (Connection c = db.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        } catch (SQLException e) {
            throw db.fault("analysing the tables", e);
        }
    }

    @Override
    public void forEach(Layer layer, FeatureQuery q, List<String> fields, java.util.function.Consumer<Feature> sink) {
        stream(layer, q, fields.stream().map(n -> layer.field(n)
                .orElseThrow(() -> new IllegalArgumentException("no field " + n + " in " + layer.apiName()))).toList(), false, sink);
    }

    /** The matching records, by id, through a database cursor: the named fields, and the geometry if asked. */
    private void stream(Layer layer, FeatureQuery q, List<FieldDef> fields, boolean geometry,
                        java.util.function.Consumer<Feature> sink) {
        StringBuilder sql = new StringBuilder("SELECT id");
        fields.forEach(f -> sql.append(", ").append(f.name()));
        if (geometry) {
            sql.append(", ST_AsBinary(geom) AS geom_wkb");
        }
        sql.append(" FROM ").append(layer.table());
        List<Object> params = new ArrayList<>();
        where(layer, q, sql, params);
        sql.append(" ORDER BY id");
        boolean[] handedOn = {false};
        db.read("reading " + layer.apiName(), c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setFetchSize(10_000);
                bindAll(ps, params);
                read(layer, fields, geometry, ps, f -> {
                    handedOn[0] = true;
                    sink.accept(f);
                });
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
            return null;
        }, () -> !handedOn[0]);
    }

    @Override
    public List<Feature> page(Layer layer, FeatureQuery q, String afterId, int limit) {
        StringBuilder sql = new StringBuilder(select(layer));
        List<Object> params = new ArrayList<>();
        where(layer, q, sql, params);
        if (afterId != null) {
            sql.append(" AND id > ?");
            params.add(afterId);
        }
        sql.append(" ORDER BY id LIMIT ").append(Math.max(0, limit));
        return db.read("reading " + layer.apiName(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bindAll(ps, params);
                return readAll(layer, ps);
            }
        });
    }

    @Override
    public List<Aggregate> aggregate(Layer layer, FeatureQuery q, String groupBy, String sumField) {
        String key = groupBy == null ? "NULL" : column(layer, groupBy);
        String sum = sumField == null ? "0" : "COALESCE(SUM(" + column(layer, sumField) + "), 0)";
        StringBuilder sql = new StringBuilder("SELECT " + key + " AS k, COUNT(*) AS n, " + sum + " AS s FROM " + layer.table());
        List<Object> params = new ArrayList<>();
        where(layer, q, sql, params);
        if (groupBy != null) {
            sql.append(" GROUP BY ").append(key).append(" ORDER BY ").append(key);
        }
        return db.read("aggregating " + layer.apiName(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bindAll(ps, params);
                List<Aggregate> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Aggregate(rs.getString("k"), rs.getLong("n"), rs.getLong("s")));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Runnable deferIndexes(Layer layer) {
        return indexes.deferIndexes(layer);
    }

    @Override
    public Optional<java.time.LocalDate> lastDay(Layer layer, FeatureQuery q) {
        String field = layer.dateField().orElseThrow(() -> new IllegalArgumentException("layer " + layer.apiName() + " has no date field"));
        StringBuilder sql = new StringBuilder("SELECT MAX(" + field + ") FROM " + layer.table());
        List<Object> params = new ArrayList<>();
        where(layer, q, sql, params);
        return db.read("reading the last day of " + layer.apiName(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bindAll(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Optional.ofNullable(rs.getObject(1, java.time.LocalDate.class));
                }
            }
        });
    }

    @Override
    public void countEach(Layer layer, FeatureQuery scope, String groupBy, List<vn.anttmap.model.Condition.Count> counts,
                          java.util.function.BiConsumer<String, long[]> sink) {
        counting.countEach(layer, scope, groupBy, counts, sink);
    }

    @Override
    public void keep(vn.anttmap.model.Tally tally) {
        counting.keep(tally);
    }

    @Override
    public void countKept(vn.anttmap.model.Tally tally, int year, java.util.function.BiConsumer<String, long[]> sink) {
        if (!counting.countKept(tally, year, sink)) {
            FeatureStore.super.countKept(tally, year, sink);
        }
    }

    @Override
    public vn.anttmap.model.WardFigures wardFigures(java.util.Collection<String> wardIds, LocalDate from, LocalDate to) {
        return counting.wardFigures(wardIds, from, to);
    }

    @Override
    public vn.anttmap.model.IncidentFigures incidentFigures(String wardId, String areaId, LocalDate from, LocalDate to) {
        return counting.incidentFigures(wardId, areaId, from, to);
    }

    /** Days {@code first..last} (inclusive, either may be null) on the date column {@code day}. */
    static void days(String day, java.time.LocalDate first, java.time.LocalDate last, StringBuilder sql, List<Object> params) {
        if (first != null) {
            sql.append(" AND ").append(day).append(" >= ?");
            params.add(first);
        }
        if (last != null) {
            sql.append(" AND ").append(day).append(" <= ?");
            params.add(last);
        }
    }

    /** A {@link vn.anttmap.model.Condition} as SQL, with the same meaning as its {@code matches}. */
    static String column(Layer layer, String field) {
        if (!field.equals("id") && layer.field(field).isEmpty()) {
            throw new IllegalArgumentException("layer " + layer.apiName() + " has no field " + field);
        }
        return field;
    }

    static void bindAll(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    static void where(Layer layer, FeatureQuery q, StringBuilder sql, List<Object> params) {
        sql.append(" WHERE 1 = 1");
        if (q.bbox() != null && layer.geometryKind().hasColumn()) {
            Envelope b = q.bbox();
            // A point meets a box exactly when its box does: the index test alone is exact for point layers. Repeating
            // it as ST_Intersects would cost a test per row and make the planner square the box's selectivity (it
            // then expected 10 rows of a 1,300-row tile).
            boolean points = layer.geometryKind().isPoint();
            sql.append(points ? " AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)" : " AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)"
                    + " AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))");
            for (int i = 0; i < (points ? 1 : 2); i++) {
                params.add(b.getMinX());
                params.add(b.getMinY());
                params.add(b.getMaxX());
                params.add(b.getMaxY());
            }
        }
        if (q.at() != null && layer.hasValidity()) {
            sql.append(" AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)");
            params.add(q.at());
            params.add(q.at());
        }
        layer.dateField().ifPresent(day -> days(day, q.from(), q.to(), sql, params));
        if (q.wardId() != null) {
            sql.append(layer == Layer.WARDS ? " AND id = ?" : " AND ward_id = ?");
            params.add(q.wardId());
        }
        if (q.areaId() != null && layer.field("area_id").isPresent()) {
            sql.append(" AND area_id = ?");
            params.add(q.areaId());
        } else if (q.areaId() != null && layer == Layer.AREAS) {
            sql.append(" AND id = ?");
            params.add(q.areaId());
        }
        for (Map.Entry<String, Object> e : q.equal().entrySet()) {
            sql.append(" AND ").append(column(layer, e.getKey())).append(" = ?");
            params.add(e.getValue());
        }
    }

    @Override
    public Optional<Feature> get(Layer layer, String id) {
        return db.read("reading " + layer.apiName() + " " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(select(layer) + " WHERE id = ?")) {
                ps.setString(1, id);
                return readAll(layer, ps).stream().findFirst();
            }
        });
    }

    @Override
    public Map<Layer, Long> counts() {
        return db.read("counting rows", c -> {
            Map<Layer, Long> out = new EnumMap<>(Layer.class);
            try (Statement st = c.createStatement()) {
                for (Layer layer : Layer.values()) {
                    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + layer.table())) {
                        rs.next();
                        out.put(layer, rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void write(WriteBatch batch) {
        writes.write(batch);
    }

    @Override
    public long dataVersion() {
        return version.get();
    }

    @Override
    public long changeStamp(java.util.Collection<Layer> layers) {
        // The public's requests (which never write) take the stamps as heard announced, when the feed can vouch for
        // them; a signed-in user's, background work and the command line read them from the database.
        ChangeFeed heard = feed;
        if (heard != null && vn.anttmap.model.ReadConsistency.current()
                .filter(a -> a.anonymous() && !(db.replicas() != null && a.replicaAllowed())).isPresent()) {
            java.util.OptionalLong sum = heard.sum(layers);
            if (sum.isPresent()) {
                return sum.getAsLong();
            }
        }
        // From the source the request's data comes from (a replica's stamps match the data it has replayed).
        return db.read("reading the change stamps", c -> {
            if (feed == null && db.dialect() == Dialect.POSTGIS && vn.anttmap.model.ReadConsistency.current().isPresent()) {
                startFeed(c);
            }
            if (!stamps.schemaReady(c)) {
                return version.get(); // a database not yet migrated: this process's writes only
            }
            return stamps.sum(c, layers);
        });
    }

    // ---------------------------------------------------------------- accounts, tokens, sessions, audit: JdbcAccounts

    @Override
    public Optional<vn.anttmap.model.Account> account(String username) {
        return accounts.account(username);
    }

    @Override
    public List<vn.anttmap.model.Account> accounts() {
        return accounts.accounts();
    }

    @Override
    public void saveAccount(vn.anttmap.model.Account account) {
        accounts.saveAccount(account);
    }

    @Override
    public boolean removeAccount(String username) {
        return accounts.removeAccount(username);
    }

    @Override
    public boolean endCredentials(String username) {
        return accounts.endCredentials(username);
    }

    @Override
    public boolean saveToken(String tokenHash, String username, String name) {
        return accounts.saveToken(tokenHash, username, name);
    }

    @Override
    public Optional<vn.anttmap.model.Account> tokenAccount(String tokenHash) {
        return accounts.tokenAccount(tokenHash);
    }

    @Override
    public List<vn.anttmap.model.ApiToken> tokens(String username) {
        return accounts.tokens(username);
    }

    @Override
    public int removeTokens(String username, String idOrName) {
        return accounts.removeTokens(username, idOrName);
    }

    @Override
    public boolean saveSession(String idHash, String username, String passwordHash, String csrf, java.time.Instant now,
                               java.time.Instant expires) {
        return accounts.saveSession(idHash, username, passwordHash, csrf, now, expires);
    }

    @Override
    public Optional<vn.anttmap.model.AccountSession> session(String idHash) {
        return accounts.session(idHash);
    }

    @Override
    public void removeSession(String idHash) {
        accounts.removeSession(idHash);
    }

    @Override
    public void recordSignInFailure(String keyHash, String attemptId, java.time.Instant at, java.time.Instant forgetBefore) {
        accounts.recordSignInFailure(keyHash, attemptId, at, forgetBefore);
    }

    @Override
    public List<java.time.Instant> signInFailures(String keyHash, java.time.Instant since, String exceptAttempt) {
        return accounts.signInFailures(keyHash, since, exceptAttempt);
    }

    @Override
    public void forgetSignInAttempt(String attemptId) {
        accounts.forgetSignInAttempt(attemptId);
    }

    @Override
    public void clearSignInFailures(String keyHash) {
        accounts.clearSignInFailures(keyHash);
    }

    @Override
    public void appendAudit(vn.anttmap.model.AuditEntry entry) {
        accounts.appendAudit(entry);
    }

    @Override
    public List<vn.anttmap.model.AuditEntry> audit(String username, String layer, OffsetDateTime from, OffsetDateTime to, int limit) {
        return accounts.audit(username, layer, from, to, limit);
    }

    @Override
    public Optional<vn.anttmap.model.AuditEntry> lastAudit(String layer, String recordId) {
        return accounts.lastAudit(layer, recordId);
    }

    @Override
    public String describe() {
        return db.description();
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
        if (db.replicas() != null) {
            db.replicas().close();
        }
        db.dataSource().close();
    }

    /** The change stamps heard announced (PostGIS, once a request asked for them), or null. */
    private volatile ChangeFeed feed;

    private synchronized void startFeed(Connection c) throws SQLException {
        if (feed == null && Migrator.current(c) >= ANNOUNCED_SCHEMA) {
            feed = new ChangeFeed(db.dataSource().getJdbcUrl(), db.dataSource().getUsername(), db.dataSource().getPassword());
            stamps.feed(feed);
        }
    }

    /** The migration that announces changes (LISTEN/NOTIFY). */
    static final int ANNOUNCED_SCHEMA = 16;

    /** Whether change announcements are heard and vouched for now (PostGIS serving requests). */
    public boolean listeningForChanges() {
        return feed != null && feed.listening();
    }

    @Override
    public boolean replicated() {
        return db.replicas() != null;
    }

    @Override
    public long readFloor(String credentialHash) {
        if (db.replicas() == null) {
            return 0;
        }
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT wal_bytes FROM read_floor WHERE credential_hash = ?")) {
            ps.setString(1, credentialHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw db.fault("reading a credential's last write", e);
        }
    }

    @Override
    public void markWritten(String credentialHash) {
        if (db.replicas() == null) {
            return;
        }
        // The position is read after the write committed (the request's write is done), so it lies beyond it. Rows
        // older than twice the lag bound (at least a minute) are of no use (every replica within the bound has
        // replayed them) and go.
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             PreparedStatement ps = c.prepareStatement("INSERT INTO read_floor (credential_hash, wal_bytes, written_at) "
                     + "VALUES (?, (pg_current_wal_insert_lsn() - '0/0')::bigint, now()) ON CONFLICT (credential_hash) "
                     + "DO UPDATE SET wal_bytes = GREATEST(read_floor.wal_bytes, EXCLUDED.wal_bytes), "
                     + "written_at = EXCLUDED.written_at")) {
            st.executeUpdate("DELETE FROM read_floor WHERE written_at < now() - interval '1 millisecond' * "
                    + Math.max(60_000, 2 * db.replicas().maxLag().toMillis()));
            ps.setString(1, credentialHash);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw db.fault("recording a credential's last write", e);
        }
    }

    @Override
    public Map<String, Double> replicaLagSeconds() {
        return db.replicas() == null ? Map.of() : db.replicas().lagSeconds();
    }

    @Override
    public Map<String, Long> readsBySource() {
        return db.replicas() == null ? Map.of() : db.replicas().reads();
    }

    static void bind(PreparedStatement ps, int i, FieldDef f, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, switch (f.type()) {
                case TEXT -> Types.VARCHAR;
                case INTEGER -> Types.INTEGER;
                case DOUBLE -> Types.DOUBLE;
                case BOOLEAN -> Types.BOOLEAN;
                case DATE -> Types.DATE;
                case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
            });
            return;
        }
        switch (f.type()) {
            case TEXT -> ps.setString(i, v.toString());
            case INTEGER -> ps.setInt(i, Math.toIntExact(((Number) v).longValue())); // out of range: an error, not wrapped
            case DOUBLE -> ps.setDouble(i, ((Number) v).doubleValue());
            case BOOLEAN -> ps.setBoolean(i, (Boolean) v);
            case DATE, TIMESTAMP -> ps.setObject(i, v);
        }
    }

    static String select(Layer layer) {
        return select(layer, layer.geometryKind().hasColumn());
    }

    /** SELECT of a layer's id and fields, and of its geometry (as WKB) if asked. */
    static String select(Layer layer, boolean geometry) {
        StringBuilder sql = new StringBuilder("SELECT id");
        for (FieldDef f : layer.fields()) {
            sql.append(", ").append(f.name());
        }
        if (geometry) {
            sql.append(", ST_AsBinary(geom) AS geom_wkb");
        }
        return sql.append(" FROM ").append(layer.table()).toString();
    }

    static List<Feature> readAll(Layer layer, PreparedStatement ps) throws SQLException {
        List<Feature> out = new ArrayList<>();
        read(layer, ps, out::add);
        return out;
    }

    static void read(Layer layer, PreparedStatement ps, java.util.function.Consumer<Feature> out) throws SQLException {
        read(layer, layer.fields(), layer.geometryKind().hasColumn(), ps, out);
    }

    static void read(Layer layer, List<FieldDef> fields, boolean geometry, PreparedStatement ps,
                             java.util.function.Consumer<Feature> out) throws SQLException {
        WKBReader wkb = new WKBReader(GeometryChecks.WGS84);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> props = new LinkedHashMap<>();
                for (FieldDef f : fields) {
                    props.put(f.name(), read(rs, f));
                }
                Geometry g = null;
                if (geometry) {
                    byte[] bytes = rs.getBytes("geom_wkb");
                    if (bytes != null) {
                        try {
                            g = wkb.read(bytes);
                            g.setSRID(4326);
                        } catch (ParseException e) {
                            throw new StoreException("unreadable geometry in " + layer.table() + " " + rs.getString("id"), e);
                        }
                    }
                }
                out.accept(new Feature(rs.getString("id"), g, props));
            }
        }
    }

    /** The current row's values of {@code fields}, read from columns 2, 3, …: one row's work, which the JIT compiles early. */
    static Object[] values(ResultSet rs, List<FieldDef> fields) throws SQLException {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = read(rs, i + 2, fields.get(i));
        }
        return values;
    }

    static Object read(ResultSet rs, FieldDef f) throws SQLException {
        return read(rs, rs.findColumn(f.name()), f);
    }

    /** The typed value of field {@code f} in column {@code col} of the current row, {@code null} where unset. */
    static Object read(ResultSet rs, int col, FieldDef f) throws SQLException {
        Object v = switch (f.type()) {
            case TEXT -> rs.getString(col);
            case INTEGER -> rs.getInt(col);
            case DOUBLE -> rs.getDouble(col);
            case BOOLEAN -> rs.getBoolean(col);
            case DATE -> rs.getObject(col, LocalDate.class);
            case TIMESTAMP -> {
                OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
                yield t == null ? null : VietnamTime.inVietnam(t);
            }
        };
        return rs.wasNull() ? null : v;
    }

}
