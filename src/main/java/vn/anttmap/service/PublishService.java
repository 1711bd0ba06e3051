package vn.anttmap.service;

import org.locationtech.jts.geom.Envelope;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.FieldDef;
import vn.anttmap.model.Layer;
import vn.anttmap.model.VietnamTime;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.scoring.Standard;
import vn.anttmap.store.FeatureStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published collections (OGC API – Features, vector tiles, exports): stored layers, and layers computed from
 * them (areas with their latest verdict, camera coverage per area, the proposed camera sites). Computed collections
 * are cached per data version of the store.
 */
public final class PublishService {

    /**
     * A published collection.
     *
     * @param temporalField the day field {@code datetime} filters apply to, or {@code null}
     * @param properties    property names, in order
     */
    public record Collection(String id, String title, String description, String geometryType, String temporalField,
                             List<String> properties) {
    }

    private final FeatureStore store;
    private final FeatureService features;
    private final ScoringService scoring;
    private final CoverageService coverage;
    private final PlanService planner;
    private final HotspotService hotspots;
    private final Map<String, CachedLayer> cache = new ConcurrentHashMap<>();

    private record CachedLayer(long version, List<Feature> features) {
    }

    public PublishService(FeatureStore store, FeatureService features, ScoringService scoring, CoverageService coverage,
                          PlanService planner, HotspotService hotspots) {
        this.store = store;
        this.features = features;
        this.scoring = scoring;
        this.coverage = coverage;
        this.planner = planner;
        this.hotspots = hotspots;
    }

    /** The columns residential_areas adds to the stored areas: each area's latest verdict and its provenance. */
    public static final List<String> VERDICT_COLUMNS = List.of("verdict_year", "verdict_code", "verdict", "standard",
            "period_first", "period_last");

    private static final List<String> HOTSPOT_COMMON = List.of("analysis", "ward_id", "period_first", "period_last",
            "categories", "n", "crs");

    public List<Collection> collections() {
        return List.of(
                stored("wards", "Ranh giới phường, xã / Wards", Layer.WARDS, "MultiPolygon", null),
                new Collection("residential_areas", "Khu dân cư / Residential areas",
                        "Residential areas valid today, with their latest verdict against Thông tư 124/2021/TT-BCA",
                        "MultiPolygon", null, concat(names(Layer.AREAS), VERDICT_COLUMNS)),
                stored("cameras", "Camera / Cameras", Layer.CAMERAS, "Point", "installed_on"),
                new Collection("camera_coverage", "Vùng camera quan sát / Camera coverage",
                        "Per residential area: the part working cameras see, and the shares of area, roads and incidents",
                        "MultiPolygon", null, List.of("area_id", "ward_id", "period_first", "period_last", "cameras_working",
                        "cameras_total", "area_share", "road_share", "incident_share")),
                stored("incidents", "Vụ việc ANTT / Incidents", Layer.INCIDENTS, "Point", "occurred_on"),
                new Collection("camera_proposals", "Đề xuất vị trí camera / Proposed camera sites",
                        "Ten proposed sites per ward (planner defaults), ranked by marginal gain", "Point", null,
                        List.of("ward_id", "rank", "kind", "site_id", "bearing_deg", "fov_deg", "range_m", "gain", "cost", "method", "gap")),
                new Collection("hotspot_density", "Mật độ vụ việc / Incident density",
                        "Kernel density of each ward's incidents (quartic kernel, metres, default bandwidth by the spatial "
                                + "Silverman rule) over the " + HotspotService.DEFAULT_MONTHS + " months to the last whole month; "
                                + "each cell carries the parameters", "Polygon", null,
                        concat(List.of("cell_id", "density_per_km2", "class"), concat(HOTSPOT_COMMON,
                                List.of("kernel", "bandwidth_m", "bandwidth_rule", "cell_m", "unit")))),
                new Collection("hotspot_gistar", "Điểm nóng Gi* / Gi* hot spots",
                        "Getis-Ord Gi* per grid cell of each ward (binary distance band, Benjamini-Hochberg FDR), classed "
                                + "hot or cold at 99/95/90 % confidence; each cell carries the parameters", "Polygon", null,
                        concat(List.of("cell_id", "count", "gi_z", "p_value", "gi_bin", "class", "neighbours"),
                                concat(HOTSPOT_COMMON, List.of("cell_m", "band_m", "weights", "correction", "fdr_cutoff_p99",
                                        "fdr_cutoff_p95", "fdr_cutoff_p90")))),
                new Collection("hotspot_emerging", "Điểm nóng mới nổi / Emerging hot spots",
                        "Emerging hot-spot pattern per grid cell (new, consecutive, intensifying, persistent, diminishing, "
                                + "sporadic, oscillating, historical) over three-month steps", "Polygon", null,
                        concat(List.of("cell_id", "pattern", "pattern_vi", "hot_steps", "bins"), concat(HOTSPOT_COMMON,
                                List.of("cell_m", "band_m", "step_months", "steps", "time_lag_steps", "trend_test")))));
    }

    public Optional<Collection> collection(String id) {
        return collections().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Every feature of a collection (current boundaries), by id. */
    public List<Feature> features(String id) {
        return switch (id) {
            case "wards" -> features.list(Layer.WARDS, FeatureQuery.ALL);
            case "cameras" -> store.query(Layer.CAMERAS, FeatureQuery.ALL);
            case "incidents" -> store.query(Layer.INCIDENTS, FeatureQuery.ALL);
            case "residential_areas" -> cached(id, this::areasWithVerdicts);
            case "camera_coverage" -> cached(id, this::coveragePerArea);
            case "camera_proposals" -> cached(id, this::proposals);
            case "hotspot_density", "hotspot_gistar", "hotspot_emerging" -> cached(id, () -> hotspotCells(id));
            default -> throw new java.util.NoSuchElementException("không có lớp dữ liệu '" + id + "' / no collection '" + id + "'");
        };
    }

    /** The collections the principal may read. */
    public List<Collection> collections(vn.anttmap.auth.Principal who) {
        return collections().stream().filter(c -> vn.anttmap.auth.AccessPolicy.canRead(who, c.id())).toList();
    }

    /** What the principal may see of a collection within a box: the one chokepoint of OGC API, tiles and exports. */
    public List<Feature> features(vn.anttmap.auth.Principal who, String id, Envelope bbox) {
        return vn.anttmap.auth.AccessPolicy.filter(who, id, features(id, bbox));
    }

    /**
     * A page of a stored collection read straight from the database, by id after {@code cursor}: flat memory however
     * large the layer.
     *
     * @param numberMatched the rows the whole query matches (only for the first page, else null)
     * @param nextCursor    where the next page starts, or null on the last page
     */
    public record StoredPage(List<Feature> features, Long numberMatched, String nextCursor) {
    }

    /**
     * The page, when the collection is stored and the principal's view of it is a plain database filter (incidents
     * for admins and the ward's officers; cameras for admins, planners and the public); otherwise empty, and the
     * caller pages the full list.
     */
    public Optional<StoredPage> storedPage(vn.anttmap.auth.Principal who, String id, Envelope bbox, String cursor, int limit) {
        Optional<Map.Entry<Layer, FeatureQuery>> view = storedView(who, id);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        Layer layer = view.get().getKey();
        FeatureQuery q = view.get().getValue().withBbox(bbox);
        List<Feature> page = store.page(layer, q, cursor, limit);
        Long matched = cursor == null ? store.aggregate(layer, q, null, null).stream()
                .mapToLong(vn.anttmap.store.Aggregate::count).sum() : null;
        String next = page.size() == limit ? page.get(page.size() - 1).id() : null;
        return Optional.of(new StoredPage(vn.anttmap.auth.AccessPolicy.filter(who, id, page), matched, next));
    }

    /** The lowest zoom whose tiles are encoded in Java; below it, by the database where it can. */
    public static final int JAVA_TILES_FROM_ZOOM = 12;

    /**
     * The lowest zoom whose point tiles carry every point; below it, points are gathered into cells of
     * {@value #CLUSTER_UNITS} tile units (4 pixels of a 256-pixel tile: about 600 m at zoom 10, 300 m at zoom 11): a
     * province's incidents made a 16 MB tile at zoom 10, a size no map client draws, tippecanoe's limit being 500 KB.
     */
    public static final int EVERY_POINT_FROM_ZOOM = 12;
    /** The side of a cluster cell, in units of the tile's 4,096. */
    public static final int CLUSTER_UNITS = 64;

    /**
     * The vector tile z/x/y (MVT, Web Mercator) of a collection as the principal may see it: its features within the
     * tile and a buffer of 1/16 of its size around it, through the one access policy; the incidents and cameras gathered
     * into clusters below zoom {@value #EVERY_POINT_FROM_ZOOM} (of the points the principal may see). Below zoom
     * {@value #JAVA_TILES_FROM_ZOOM} a tile can hold a large share of a layer: the database encodes it, with the policy
     * as its filter ({@link #storedTile}), where it can. Otherwise the tile is encoded in Java (for points faster than
     * PostGIS's ST_AsMVT on the same rows, whose per-attribute encoding dominated): a stored point collection from its
     * records read lean ({@link FeatureStore#forEachPoint}), each kept only if {@link vn.anttmap.auth.AccessPolicy}
     * lets the principal see it; any other from {@link #features(vn.anttmap.auth.Principal, String, Envelope)}.
     */
    public byte[] tile(vn.anttmap.auth.Principal who, String id, int z, int x, int y) {
        Envelope margin = vn.anttmap.io.MvtTiles.lonLatBoundsWithBuffer(z, x, y);
        for (TileEncoder encoder : encoders(id, z)) {
            Optional<byte[]> tile = encoder.encode(this, who, id, margin, z, x, y);
            if (tile.isPresent()) {
                return tile.get();
            }
        }
        throw new IllegalStateException("no encoder gave the tile " + id + "/" + z + "/" + x + "/" + y);
    }

    /**
     * The three tile encoders, each behind one method ({@link #encode}); which make a collection's tile at a zoom,
     * and in what order, is the one table {@link #encoders}. All of them see only what the asker may see (the access
     * policy).
     */
    public enum TileEncoder {
        /**
         * PostGIS's {@code ST_AsMVT} ({@link #storedTile}), the access policy as the query's filter, points gathered
         * into clusters. Gives nothing on a store that cannot encode tiles (H2GIS), and for an asker whose view is not
         * a plain database filter: the next encoder then makes the tile.
         */
        DATABASE {
            @Override
            Optional<byte[]> encode(PublishService p, vn.anttmap.auth.Principal who, String id, Envelope margin, int z,
                                    int x, int y) {
                return p.storedTile(who, id, margin, z, x, y, clusterUnits(id, z));
            }
        },
        /** {@link vn.anttmap.io.PointTile}, from the stored points read lean, each kept if the asker may see it. */
        POINTS {
            @Override
            Optional<byte[]> encode(PublishService p, vn.anttmap.auth.Principal who, String id, Envelope margin, int z,
                                    int x, int y) {
                return Optional.of(p.pointTile(who, id, storedLayer(id).orElseThrow(), margin, z, x, y));
            }
        },
        /** {@link vn.anttmap.io.MvtTiles#encode} of the features the asker may see: the computed collections. */
        FEATURES {
            @Override
            Optional<byte[]> encode(PublishService p, vn.anttmap.auth.Principal who, String id, Envelope margin, int z,
                                    int x, int y) {
                return Optional.of(vn.anttmap.io.MvtTiles.encode(id, p.features(who, id, margin), z, x, y));
            }
        };

        /** The tile z/x/y of the collection as {@code who} may see it (within {@code margin}), or empty if it cannot. */
        abstract Optional<byte[]> encode(PublishService p, vn.anttmap.auth.Principal who, String id, Envelope margin,
                                         int z, int x, int y);
    }

    /**
     * The one decision of which encoder makes the zoom-{@code z} tile of a collection, tried in order until one gives
     * a tile: a stored point layer (incidents, cameras) below {@link #JAVA_TILES_FROM_ZOOM} by the database, else by
     * the point encoder (clustered below {@link #EVERY_POINT_FROM_ZOOM}); from that zoom on by the point encoder, every
     * point; any other collection (wards, areas with verdicts, coverage, proposals, hot spots) from its features. Low
     * zooms go to the database because a tile can hold a large share of a layer there; above, Java encodes points
     * faster than {@code ST_AsMVT} on the same rows (its per-attribute encoding dominated).
     */
    public static List<TileEncoder> encoders(String collection, int z) {
        if (!clusters(collection)) {
            return List.of(TileEncoder.FEATURES);
        }
        return z < JAVA_TILES_FROM_ZOOM ? List.of(TileEncoder.DATABASE, TileEncoder.POINTS) : List.of(TileEncoder.POINTS);
    }

    /** The point encoder: a stored point layer's records within the tile's margin that the asker may see. */
    private byte[] pointTile(vn.anttmap.auth.Principal who, String id, Layer points, Envelope margin, int z, int x, int y) {
        int cluster = clusterUnits(id, z);
        vn.anttmap.io.PointTile tile = vn.anttmap.io.MvtTiles.points(id, z, x, y);
        if (cluster > 0) {
            tile.clustered(cluster);
        }
        if (!vn.anttmap.auth.AccessPolicy.canRead(who, id)) {
            return tile.encode();
        }
        List<String> names = names(points);
        Map<String, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            position.put(names.get(i), i);
        }
        // Where the principal's view is a plain database filter (an officer's ward), the database applies it too, so
        // that only those records are read; the policy still decides on each record read.
        FeatureQuery q = storedView(who, id).map(Map.Entry::getValue).orElse(FeatureQuery.ALL).withBbox(margin);
        store.forEachPoint(points, q, (rid, lon, lat, values) -> {
            if (vn.anttmap.auth.AccessPolicy.visible(who, id, rid, field -> {
                Integer i = position.get(field);
                return i == null ? null : values[i];
            })) {
                tile.add(rid, lon, lat, names, values);
            }
        });
        return tile.encode();
    }

    /**
     * A vector tile of a stored collection encoded by the database, for the same principals as {@link #storedPage}
     * (the access policy as a database filter); empty otherwise, or where the store cannot encode tiles. Used for
     * low zooms, whose tiles hold too many records to read into memory.
     *
     * @param bbox the tile's lon/lat bounds with their margin
     */
    public Optional<byte[]> storedTile(vn.anttmap.auth.Principal who, String id, Envelope bbox, int z, int x, int y,
                                       int clusterUnits) {
        return storedView(who, id).flatMap(v -> store.mvt(v.getKey(), v.getValue().withBbox(bbox), z, x, y, id, clusterUnits));
    }

    /** Whether the collection's tiles gather points into clusters below {@link #EVERY_POINT_FROM_ZOOM}. */
    public static boolean clusters(String id) {
        return storedLayer(id).isPresent();
    }

    /** The side of the cells the collection's zoom-z tiles gather points into, in tile units; 0 for every point. */
    public static int clusterUnits(String id, int z) {
        return z < EVERY_POINT_FROM_ZOOM && clusters(id) ? CLUSTER_UNITS : 0;
    }

    /** The stored point layer a collection is (incidents, cameras), if it is one. */
    /** The stored layer a collection is published as it is stored (incidents, cameras), if any. */
    public static Optional<Layer> storedLayer(String id) {
        return switch (id) {
            case "incidents" -> Optional.of(Layer.INCIDENTS);
            case "cameras" -> Optional.of(Layer.CAMERAS);
            default -> Optional.empty();
        };
    }

    /**
     * The stored layer behind a collection and the database filter that is exactly what the principal may see of
     * it, when the access policy can write one ({@link vn.anttmap.auth.AccessPolicy#databaseScope}).
     */
    private static Optional<Map.Entry<Layer, FeatureQuery>> storedView(vn.anttmap.auth.Principal who, String id) {
        return storedLayer(id).flatMap(layer -> vn.anttmap.auth.AccessPolicy.databaseScope(who, id).map(q -> Map.entry(layer, q)));
    }

    /** Features of a collection within a lon/lat box. */
    public List<Feature> features(String id, Envelope bbox) {
        if (bbox == null) {
            return features(id);
        }
        // Stored layers are cut by the database (its spatial index on PostGIS), not read whole.
        Optional<Layer> stored = storedLayer(id);
        if (stored.isPresent()) {
            return store.query(stored.get(), FeatureQuery.ALL.withBbox(bbox));
        }
        return features(id).stream().filter(f -> f.geometry() != null && f.geometry().getEnvelopeInternal().intersects(bbox)
                && f.geometry().intersects(f.geometry().getFactory().toGeometry(bbox))).toList();
    }

    /** The period year the published verdicts are for: that of the last whole month before the latest incident. */
    public int scoringYear() {
        return features.lastIncidentDay().orElse(features.today()).withDayOfMonth(1).minusDays(1).getYear();
    }

    public Standard standard() {
        return scoring.standard();
    }

    private List<Feature> areasWithVerdicts() {
        int year = scoringYear();
        // Every area's verdict from one pass over the records (not one scoring per area: minutes at province scale).
        Map<String, Scorecard> cards = new java.util.HashMap<>();
        scoring.scoreAllAreas(year, c -> cards.put(c.subjectId(), c));
        List<Feature> out = new ArrayList<>();
        for (Feature a : features.list(Layer.AREAS, FeatureQuery.ALL)) {
            Scorecard card = cards.containsKey(a.id()) ? cards.get(a.id()) : scoring.scoreArea(a.id(), year);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("verdict_year", year);
            extra.put("verdict_code", card.verdict().name().toLowerCase(java.util.Locale.ROOT));
            extra.put("verdict", card.verdict().vi());
            extra.put("standard", scoring.standard().id());
            extra.put("period_first", card.period().first());
            extra.put("period_last", card.period().last());
            out.add(a.with(extra));
        }
        return out;
    }

    private List<Feature> coveragePerArea() {
        Standard.Period period = scoring.standard().areaPeriod().of(scoringYear());
        List<Feature> out = new ArrayList<>();
        for (Feature a : features.list(Layer.AREAS, FeatureQuery.ALL)) {
            if (a.text("ward_id") == null) {
                continue;
            }
            CoverageService.Report r = coverage.coverage(a.text("ward_id"), a.id(), period.first(), period.last());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("area_id", a.id());
            p.put("ward_id", a.text("ward_id"));
            p.put("period_first", period.first());
            p.put("period_last", period.last());
            p.put("cameras_working", r.camerasWorking());
            p.put("cameras_total", r.camerasTotal());
            p.put("area_share", r.areaShare());
            p.put("road_share", r.roadShare());
            p.put("incident_share", r.incidentShare());
            out.add(new Feature("coverage-" + a.id(), vn.anttmap.geo.GeometryChecks.toMultiPolygon(
                    r.coverage().isEmpty() ? r.coverage().getFactory().createMultiPolygon() : r.coverage()), p));
        }
        return out;
    }

    /** Each ward's default hotspot analysis; wards where it cannot be run (too few incidents) have no cells. */
    private List<Feature> hotspotCells(String id) {
        List<Feature> out = new ArrayList<>();
        for (Feature ward : features.list(Layer.WARDS, FeatureQuery.ALL)) {
            HotspotService.Request r = HotspotService.Request.of(id, ward.id());
            try {
                out.addAll((switch (id) {
                    case "hotspot_density" -> hotspots.density(r);
                    case "hotspot_gistar" -> hotspots.giStar(r);
                    default -> hotspots.emerging(r);
                }).cells());
            } catch (vn.anttmap.hotspot.HotspotException e) {
                // not enough incidents in this ward for the analysis
            }
        }
        return out;
    }

    private List<Feature> proposals() {
        List<Feature> out = new ArrayList<>();
        for (Feature ward : features.list(Layer.WARDS, FeatureQuery.ALL)) {
            if (store.aggregate(Layer.ROADS, FeatureQuery.ALL.withBbox(ward.geometry().getEnvelopeInternal()), null, null)
                    .stream().mapToLong(vn.anttmap.store.Aggregate::count).sum() == 0) {
                continue;
            }
            PlanService.Result plan = planner.plan(new PlanService.Request(ward.id(), 10, null, null, null, null, null,
                    null, null, null, null, null, null, "greedy", null));
            for (PlanService.Proposal p : plan.proposals()) {
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("ward_id", ward.id());
                props.putAll(p.properties());
                props.put("method", plan.method());
                props.put("gap", plan.gap());
                out.add(new Feature(ward.id() + "-proposal-" + p.rank(), p.point(), props));
            }
        }
        return out;
    }

    private List<Feature> cached(String id, java.util.function.Supplier<List<Feature>> compute) {
        // The change stamp of every layer: any node's, process's or SQL client's write is seen (this process's own
        // data version missed the other nodes' writes, so their verdicts stayed stale here).
        long version = store.changeStamp();
        CachedLayer c = cache.get(id);
        if (c == null || c.version() < version) { // one kept under a newer stamp serves a request behind it
            c = new CachedLayer(version, compute.get());
            cache.put(id, c);
        }
        return c.features();
    }

    /**
     * The type each property of a collection holds in its vector tiles, as TileJSON names them: {@code Number},
     * {@code Boolean} or {@code String} (the tiles keep numbers and booleans, and write days, instants and codes as
     * text). A stored layer's come from its fields; a computed collection's from the values it holds (a property
     * that is empty everywhere is a String).
     */
    public Map<String, String> tileFieldTypes(String id) {
        Collection c = collection(id).orElseThrow(() -> new java.util.NoSuchElementException("không có lớp dữ liệu '" + id
                + "' / no collection '" + id + "'"));
        Map<String, String> out = new LinkedHashMap<>();
        Optional<Layer> layer = Layer.byName(id).filter(l -> names(l).equals(c.properties()));
        if (layer.isPresent()) {
            for (FieldDef f : layer.get().fields()) {
                out.put(f.name(), switch (f.type()) {
                    case INTEGER, DOUBLE -> "Number";
                    case BOOLEAN -> "Boolean";
                    default -> "String";
                });
            }
            return out;
        }
        List<Feature> all = features(id);
        for (String p : c.properties()) {
            Object v = all.stream().map(f -> f.get(p)).filter(Objects::nonNull).findFirst().orElse(null);
            out.put(p, v instanceof Number ? "Number" : v instanceof Boolean ? "Boolean" : "String");
        }
        return out;
    }

    /** The extent of every ward valid today: where all the published data lies. */
    public Envelope extent() {
        Envelope e = new Envelope();
        features.list(Layer.WARDS, FeatureQuery.ALL).forEach(w -> e.expandToInclude(w.geometry().getEnvelopeInternal()));
        return e;
    }

    private static Collection stored(String id, String title, Layer layer, String geometryType, String temporal) {
        return new Collection(id, title, "Layer " + layer.apiName() + " as stored", geometryType, temporal, names(layer));
    }

    private static List<String> names(Layer layer) {
        return layer.fields().stream().map(vn.anttmap.model.FieldDef::name).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The Vietnam day of a temporal value. */
    public static LocalDate day(Object v) {
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return VietnamTime.localDay(t);
        }
        return null;
    }
}
