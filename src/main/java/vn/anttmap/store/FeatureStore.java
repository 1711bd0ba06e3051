package vn.anttmap.store;

import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where ANTT Map keeps its layers. Every adapter passes the same contract tests (FeatureStoreContract).
 *
 * <p>Geometries go in and come out in EPSG:4326. Reads are ordered by id. Implementations are thread-safe.
 */
public interface FeatureStore extends AccountStore, AuditLog, TileSource, AutoCloseable {

    StoreKind kind();

    /** Applies pending migrations; returns how many were applied. Safe to call on every start. */
    int migrate();

    /** The highest migration applied, 0 for an empty database. */
    int schemaVersion();

    /** The highest migration this build knows. */
    int latestSchemaVersion();

    /** Features of {@code layer} matching {@code query}, ordered by id. */
    List<Feature> query(Layer layer, FeatureQuery query);

    Optional<Feature> get(Layer layer, String id);

    /**
     * Every feature of {@code layer} matching {@code query}, ordered by id, handed to {@code sink} one at a time
     * without holding them all (a database cursor): for passes over layers larger than memory.
     */
    default void forEach(Layer layer, FeatureQuery query, java.util.function.Consumer<Feature> sink) {
        query(layer, query).forEach(sink);
    }

    /** Receives the records of a point layer one at a time: see {@link #forEachPoint}. */
    @FunctionalInterface
    interface PointSink {
        /**
         * @param lon    the record's point, EPSG:4326
         * @param values the record's field values in {@link Layer#fields()} order, typed as in {@link Feature}
         *               ({@code null} where unset); a new array per record, the sink's to keep
         */
        void accept(String id, double lon, double lat, Object[] values);
    }

    /**
     * The records of a point layer matching {@code query} that have a point, each as its id, lon/lat and field values,
     * in no particular order: what a vector tile needs and no more. On PostGIS, the database read of a z14 tile of
     * about 1,600 incidents took about 2.4 ms this way (coordinates as two numbers, no sort) against 3.0 ms with
     * {@link #query}'s WKB and order by id, and no geometry object or attribute map is made per record.
     *
     * @throws IllegalArgumentException for a layer whose geometry is not a point
     */
    default void forEachPoint(Layer layer, FeatureQuery query, PointSink sink) {
        if (!layer.geometryKind().isPoint()) {
            throw new IllegalArgumentException("layer " + layer.apiName() + " has no points");
        }
        List<vn.anttmap.model.FieldDef> fields = layer.fields();
        forEach(layer, query, f -> {
            if (f.geometry() instanceof org.locationtech.jts.geom.Point p && !p.isEmpty()) {
                Object[] values = new Object[fields.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = f.get(fields.get(i).name());
                }
                sink.accept(f.id(), p.getX(), p.getY(), values);
            }
        });
    }

    /**
     * The leaders' dashboard's figures of each ward (counted where the records are, one small row per ward): the
     * incidents that occurred on days {@code from..to} (inclusive, by {@code occurred_on}) by their handling, with the
     * median and 90th percentile of the minutes to handle the handled ones; the same over all of them together; and
     * the cameras as recorded now (registered, working, sharing footage). Wards with no incident or camera are absent.
     *
     * @param wardIds the wards, or {@code null} for every ward
     */
    vn.anttmap.model.WardFigures wardFigures(java.util.Collection<String> wardIds, java.time.LocalDate from,
                                             java.time.LocalDate to);

    /**
     * The same incident figures as {@link #wardFigures}, of one ward's incidents, or of one area's of it when
     * {@code areaId} is given, that occurred on days {@code from..to}: the figures bar's handling.
     */
    vn.anttmap.model.IncidentFigures incidentFigures(String wardId, String areaId, java.time.LocalDate from,
                                                     java.time.LocalDate to);

    /**
     * Refreshes the database's statistics after a bulk load (ANALYZE), so its planner uses the indexes the tables
     * now deserve: without it, PostgreSQL planned a page of 10,000 incidents by id as a full scan and sort (175 ms
     * instead of 5 ms).
     */
    default void analyze() {
    }

    /**
     * As {@link #forEach(Layer, FeatureQuery, java.util.function.Consumer)}, reading only the named fields and no
     * geometry: for passes that count (scoring every area), where reading whole records is most of the cost.
     */
    default void forEach(Layer layer, FeatureQuery query, List<String> fields, java.util.function.Consumer<Feature> sink) {
        forEach(layer, query, f -> {
            Map<String, Object> some = new java.util.LinkedHashMap<>();
            fields.forEach(n -> some.put(n, f.get(n)));
            sink.accept(new Feature(f.id(), null, some));
        });
    }

    /**
     * For each value of {@code groupBy} among the records matching {@code scope}, how many records pass each count
     * (in the order given), by group value: counted where the records are (the database), one row per group, so a pass
     * over millions of records returns one small row per area. Records without a value of {@code groupBy} are left
     * out. This default counts in Java over {@link #forEach(Layer, FeatureQuery, List, java.util.function.Consumer)}.
     */
    default void countEach(Layer layer, FeatureQuery scope, String groupBy, List<vn.anttmap.model.Condition.Count> counts,
                           java.util.function.BiConsumer<String, long[]> sink) {
        java.util.Set<String> fields = new java.util.LinkedHashSet<>();
        fields.add(groupBy);
        counts.forEach(c -> c.anyOf().forEach(x -> fields.addAll(x.fields())));
        layer.dateField().ifPresent(fields::add);
        String day = layer.dateField().orElse(null);
        Map<String, long[]> groups = new java.util.TreeMap<>();
        forEach(layer, scope, List.copyOf(fields), f -> {
            String key = f.text(groupBy);
            if (key == null) {
                return;
            }
            long[] n = groups.computeIfAbsent(key, k -> new long[counts.size()]);
            java.time.LocalDate d = day == null ? null : (java.time.LocalDate) f.get(day);
            for (int i = 0; i < counts.size(); i++) {
                if (counts.get(i).matches(d, f::get)) {
                    n[i]++;
                }
            }
        });
        groups.forEach(sink);
    }

    /**
     * From now on, keeps the tally's counts up to date on every write of its layer, for each year they have been
     * counted for ({@link #countKept}). Every process that writes the layer should keep the same tallies: a write that
     * cannot keep a year's counts removes them (they are counted again when next asked for). This default keeps
     * nothing.
     */
    default void keep(vn.anttmap.model.Tally tally) {
    }

    /**
     * The tally's counts for {@code year}, by group (in no particular order): what {@link #countEach} counts over the
     * records its conditions can match, read where the store keeps them (one row per group, no pass over the records),
     * else counted now and kept from then on. Groups whose counts are all zero may be left out. This default counts
     * every time.
     */
    default void countKept(vn.anttmap.model.Tally tally, int year, java.util.function.BiConsumer<String, long[]> sink) {
        countEach(tally.layer(), scope(tally, year), tally.groupBy(), tally.counts(year), sink);
    }

    /** The records a tally's year can count: those within the days its conditions bound, or all. */
    static FeatureQuery scope(vn.anttmap.model.Tally tally, int year) {
        java.time.LocalDate[] days = tally.days(year);
        return days == null ? FeatureQuery.ALL : FeatureQuery.ALL.withDays(days[0], days[1]);
    }

    /**
     * Before a bulk load into a layer: when the layer holds no records, drops its secondary indexes (PostgreSQL keeps
     * them up to date row by row, which cost 2.3 times building them once afterwards) and returns what builds them
     * again; otherwise, or where the store has no need, returns something that does nothing. Until it runs, queries
     * on the layer go without those indexes; if the load is interrupted, they are built when the store is next
     * migrated ({@link #migrate}).
     */
    default Runnable deferIndexes(Layer layer) {
        return () -> {
        };
    }

    /**
     * The latest day on the layer's date field among the records matching {@code query}, if any (read from the
     * database's index where there is one, not by grouping every record).
     */
    default Optional<java.time.LocalDate> lastDay(Layer layer, FeatureQuery query) {
        String field = layer.dateField().orElseThrow(() -> new IllegalArgumentException("layer " + layer.apiName() + " has no date field"));
        return query(layer, query).stream().map(f -> (java.time.LocalDate) f.get(field)).filter(java.util.Objects::nonNull)
                .max(java.util.Comparator.naturalOrder());
    }

    /** Up to {@code limit} features matching {@code query} with an id after {@code afterId} (null: from the first), by id. */
    default List<Feature> page(Layer layer, FeatureQuery query, String afterId, int limit) {
        return query(layer, query).stream().filter(f -> afterId == null || f.id().compareTo(afterId) > 0).limit(limit).toList();
    }

    /**
     * Counts (and optionally sums) the records matching {@code query}, grouped by one field.
     *
     * @param groupBy  a field of the layer, or {@code null} for one group over everything
     * @param sumField an integer field to add up, or {@code null}
     * @return one row per distinct value of {@code groupBy} (a {@code null} key for records without one), by key
     */
    List<Aggregate> aggregate(Layer layer, FeatureQuery query, String groupBy, String sumField);

    /**
     * A number that changes whenever this store object writes (so caches of derived data can tell they are stale).
     * Writes by another process through the same database are not seen.
     */
    long dataVersion();

    /**
     * A number that grows whenever one of {@code layers} is written, by this store object, another one, another
     * process, or (on PostGIS) any SQL client: what a kept value derived from those layers is checked against before
     * it is served (equal stamps, nothing it depends on changed). One small read of the database. Stamps of different
     * layer sets are not comparable with each other. This default sees this store object's writes only.
     */
    default long changeStamp(java.util.Collection<Layer> layers) {
        return dataVersion();
    }

    /** {@link #changeStamp(java.util.Collection)} of every layer. */
    default long changeStamp() {
        return changeStamp(java.util.EnumSet.allOf(Layer.class));
    }

    /** Rows per layer, in {@link Layer} order. */
    Map<Layer, Long> counts();

    /**
     * Inserts or replaces, by id, every feature of the batch in one transaction; on any error writes nothing. The
     * batch's {@linkplain WriteBatch#expect expectations} are checked first, inside that transaction, with each
     * expected record's row locked until it ends: of several writers (threads, store objects or processes on the same
     * database) expecting the same version of a record, exactly one writes; the others wait for it, then fail.
     *
     * @throws StaleRecordException when an expectation does not hold (nothing was written)
     */
    void write(WriteBatch batch);

    /**
     * How the store's connection pool is used now (for monitoring), or empty where the store has no pool or it has
     * not started yet. Cheap: no database round trip.
     */
    default java.util.Optional<vn.anttmap.model.PoolUse> poolUse() {
        return java.util.Optional.empty();
    }

    /**
     * How far behind the primary each read replica is, in seconds, by the replica's ordinal name ({@code replica-1},
     * never a host or URL); empty without replicas. A replica that cannot be asked now maps to {@link Double#NaN}.
     */
    default java.util.Map<String, Double> replicaLagSeconds() { return java.util.Map.of(); }

    /** A description safe to log: the database URL with any password masked. */
    String describe();

    /** Whether read replicas serve read-only requests (then {@link #readFloor} and {@link #markWritten} matter). */
    default boolean replicated() {
        return false;
    }

    /**
     * The primary's log position (bytes) after the last write made with a credential (the hash of a session id or
     * token), 0 if none is known: a replica serves that credential's reads once it has replayed this far.
     */
    default long readFloor(String credentialHash) {
        return 0;
    }

    /** Records that a write was just made with a credential (its hash): its next reads see it (read-your-writes). */
    default void markWritten(String credentialHash) {
    }

    /** Reads of requests that a replica could serve, by the source that served them ({@code primary}, replica names). */
    default java.util.Map<String, Long> readsBySource() {
        return java.util.Map.of();
    }

    @Override
    void close();
}
