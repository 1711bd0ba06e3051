package vn.anttmap.store;

import vn.anttmap.model.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.anttmap.TestFeatures.AREA_A_WKT;
import static vn.anttmap.TestFeatures.AREA_B_WKT;
import static vn.anttmap.TestFeatures.WARD_WKT;
import static vn.anttmap.TestFeatures.area;
import static vn.anttmap.TestFeatures.camera;
import static vn.anttmap.TestFeatures.incident;
import static vn.anttmap.TestFeatures.props;
import static vn.anttmap.TestFeatures.ward;
import static vn.anttmap.TestFeatures.wkt;

/**
 * What every {@link FeatureStore} adapter must do. Each adapter's test class extends this and opens a fresh,
 * empty, migrated store per test.
 */
public abstract class FeatureStoreContract {
    static final LocalDate Y2020 = LocalDate.of(2020, 6, 1);
    static final LocalDate Y2025 = LocalDate.of(2025, 7, 1);

    protected FeatureStore store;

    /** A new, empty store, not yet migrated. */
    protected abstract FeatureStore openFresh();

    protected abstract StoreKind expectedKind();

    @BeforeEach
    void open() {
        store = openFresh();
        store.migrate();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void reportsItsKind() {
        assertThat(store.kind()).isEqualTo(expectedKind());
    }

    @Test
    void migrationIsIdempotentAndReachesLatestVersion() {
        assertThat(store.migrate()).isZero();
        assertThat(store.schemaVersion()).isEqualTo(store.latestSchemaVersion()).isEqualTo(17);
    }

    @Test
    void emptyStoreCountsZeroInEveryLayer() {
        assertThat(store.counts()).hasSize(Layer.values().length).allSatisfy((layer, n) -> assertThat(n).isZero());
    }

    @Test
    void everyLayerRoundTripsEveryField() {
        OffsetDateTime at = OffsetDateTime.of(2023, 3, 5, 21, 30, 15, 0, ZoneOffset.ofHours(7));
        Map<Layer, Feature> written = Map.ofEntries(
                Map.entry(Layer.SOCIAL_RECORDS, new Feature("s1", null, props("area_id", "a", "kind", "new_hotspot",
                        "recorded_on", LocalDate.of(2023, 4, 1), "record_count", 2, "description", "Tụ điểm đánh bạc", "ward_id", "w"))),
                Map.entry(Layer.HOUSEHOLD_COUNTS, new Feature("h1", null, props("area_id", "a", "as_of", LocalDate.of(2023, 6, 30),
                        "resident_households", 250, "registered_households", 249, "source", "CSDLQG dân cư", "ward_id", "w"))),
                Map.entry(Layer.ATTESTATIONS, new Feature("x-1", null, props("subject_kind", "area", "subject_id", "a",
                        "check_id", "K2", "period_year", 2023, "attested", true, "attested_by", "Trưởng Công an phường",
                        "attested_at", OffsetDateTime.of(2023, 10, 20, 9, 0, 0, 0, ZoneOffset.ofHours(7)), "note", "ok",
                        "document_ref", "BB-12", "signed_for", "thay mặt Trưởng Công an phường", "ward_id", "w"))),
                Map.entry(Layer.CAMERA_MAINTENANCE, new Feature("m1", null, props("camera_id", "c1", "done_on", LocalDate.of(2023, 4, 2),
                        "action", "repair", "cost_vnd", 1_500_000, "note", "thay nguồn", "area_id", "a", "ward_id", "w"))),
                Map.entry(Layer.BUILDINGS, new Feature("b1", wkt("MULTIPOLYGON (((105.781 19.441, 105.782 19.441, 105.782 19.442, 105.781 19.441)))"),
                        props("name", "Nhà văn hóa", "kind", "public", "source", "test"))),
                Map.entry(Layer.ROADS, new Feature("r1", wkt("MULTILINESTRING ((105.78 19.44, 105.79 19.445, 105.80 19.44))"),
                        props("name", "Đường ven biển", "kind", "beach_road", "source", "synthetic"))),
                Map.entry(Layer.COASTLINE, new Feature("coast", wkt("MULTILINESTRING ((105.81 19.441, 105.808 19.4596))"),
                        props("name", "Bờ biển", "source", "derived"))),
                Map.entry(Layer.WARDS, ward("w", WARD_WKT, Y2020, Y2025)),
                Map.entry(Layer.AREAS, area("a", AREA_A_WKT, "w", Y2020, null)),
                Map.entry(Layer.TEAMS, new Feature("t1", null, props("area_id", "a", "kind", "street_guard", "name", "Tổ bảo vệ dân phố 1",
                        "member_count", 2, "rating_year", 2023, "rating", "completed_well", "disciplined_members", 0, "ward_id", "w"))),
                Map.entry(Layer.CAMERAS, camera("c1", 105.785, 19.445, "a", "w")),
                Map.entry(Layer.INCIDENTS, incident("i1", 105.785, 19.445, at, LocalDate.of(2023, 3, 5), "a", "w")
                        .with(props("serious", true, "deaths", 1, "status", "handled", "received_at", at.plusMinutes(12),
                                "received_by", "Cán bộ trực ban", "assigned_to", "Tổ tuần tra số 2", "assigned_at", at.plusMinutes(30),
                                "assigned_by", "Phó trưởng công an phường", "verified_at", at.plusHours(5), "verified_by", "Cán bộ Lê B",
                                "handled_at", at.plusHours(26).plusMinutes(12), "handled_by", "Cán bộ Lê B", "handling", "transferred",
                                "handle_minutes", 1560))),
                Map.entry(Layer.DISPUTES, new Feature("d1", null, props("mediated_on", LocalDate.of(2023, 2, 1), "area_id", "a",
                        "outcome", "successful", "description", "Tranh chấp ranh giới đất", "ward_id", "w"))),
                Map.entry(Layer.EXTRACTIONS, new Feature("x1", null, props("camera_id", "c1", "extracted_on", LocalDate.of(2023, 3, 6),
                        "incident_id", "i1", "purpose", "xác minh", "area_id", "a", "ward_id", "w"))),
                Map.entry(Layer.EXCEPTION_DECISIONS, new Feature("qd1", null, props("incident_id", "i1", "check_id", "K4d",
                        "exception", "force_majeure", "decided_by", "Chủ tịch UBND phường", "decided_on", LocalDate.of(2023, 4, 1),
                        "document_ref", "QĐ-12/2023", "note", "bão số 3", "area_id", "a", "ward_id", "w"))),
                Map.entry(Layer.ORGANISATIONS, new Feature("o1", wkt("POINT (105.786 19.446)"), props("name", "Trường THCS",
                        "kind", "school", "assessment_year", 2023, "registered", true, "registered_on", LocalDate.of(2023, 3, 1),
                        "registration_ref", "ĐK-1", "recognised", false, "recognition_ref", "QĐ-40",
                        "recognition_decided_on", LocalDate.of(2023, 11, 18), "source", "test", "area_id", "a", "ward_id", "w"))));
        WriteBatch batch = new WriteBatch();
        written.forEach((layer, f) -> batch.upsert(layer, List.of(f)));
        store.write(batch);

        for (Map.Entry<Layer, Feature> e : written.entrySet()) {
            Feature back = store.get(e.getKey(), e.getValue().id()).orElseThrow();
            assertThat(back.properties()).as(e.getKey().apiName()).isEqualTo(e.getValue().properties());
            if (e.getValue().geometry() == null) {
                assertThat((Object) back.geometry()).isNull();
            } else {
                assertThat(back.geometry().equalsExact(e.getValue().geometry())).as(e.getKey() + " geometry").isTrue();
                assertThat(back.geometry().getSRID()).isEqualTo(4326);
            }
        }
        assertThat(store.counts().values()).containsOnly(1L);
    }

    @Test
    void instantsComeBackAsTheSameInstantInVietnamsOffset() {
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(incident("i1", 105.785, 19.445,
                OffsetDateTime.of(2023, 3, 5, 17, 30, 0, 0, ZoneOffset.UTC), LocalDate.of(2023, 3, 6), "a", "w"))));
        OffsetDateTime back = (OffsetDateTime) store.get(Layer.INCIDENTS, "i1").orElseThrow().get("occurred_at");
        assertThat(back).isEqualTo(OffsetDateTime.of(2023, 3, 6, 0, 30, 0, 0, ZoneOffset.ofHours(7)));
    }

    @Test
    void upsertReplacesById() {
        store.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(camera("c1", 105.785, 19.445, "a", "w"))));
        Feature moved = camera("c1", 105.795, 19.445, "b", "w").with(props("status", "maintenance"));
        store.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(moved)));
        Feature back = store.get(Layer.CAMERAS, "c1").orElseThrow();
        assertThat(back.get("status")).isEqualTo("maintenance");
        assertThat(back.get("area_id")).isEqualTo("b");
        assertThat(back.geometry().getCoordinate().x).isEqualTo(105.795);
        assertThat(store.counts().get(Layer.CAMERAS)).isEqualTo(1L);
    }

    @Test
    void writeIsAllOrNothing() {
        Feature good = camera("c1", 105.785, 19.445, "a", "w");
        Feature bad = camera("c2", 105.786, 19.445, "a", "w").with(props("kind", null));
        assertThatThrownBy(() -> store.write(new WriteBatch()
                .upsert(Layer.WARDS, List.of(ward("w", WARD_WKT, Y2020, null)))
                .upsert(Layer.CAMERAS, List.of(good, bad))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("nothing was written");
        assertThat(store.counts().values()).containsOnly(0L);
    }

    @Test
    void bboxKeepsOnlyIntersectingFeatures() {
        store.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(
                camera("west", 105.785, 19.445, "a", "w"), camera("east", 105.795, 19.445, "b", "w"))));
        List<Feature> found = store.query(Layer.CAMERAS, FeatureQuery.ALL.withBbox(new Envelope(105.78, 105.79, 19.44, 19.45)));
        assertThat(found).extracting(Feature::id).containsExactly("west");
        assertThat(store.query(Layer.CAMERAS, FeatureQuery.ALL)).extracting(Feature::id).containsExactly("east", "west");
    }

    /**
     * A tile's read: the records {@link FeatureStore#query} finds, each with its point's exact coordinates and every
     * field's typed value in the layer's field order (null where unset); records without a point left out; the same
     * filters (box, ward); only point layers.
     */
    @Test
    void forEachPointReadsWhatQueryReadsAsCoordinatesAndValues() {
        OffsetDateTime at = OffsetDateTime.of(2023, 3, 5, 21, 30, 15, 0, ZoneOffset.ofHours(7));
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(
                        incident("i1", 105.785123, 19.445678, at, LocalDate.of(2023, 3, 5), "a", "w")
                                .with(props("serious", true, "deaths", 2, "severity", null)),
                        incident("i2", 105.786, 19.446, at.plusDays(40), LocalDate.of(2023, 4, 14), "b", "w"),
                        incident("i3", 105.7855, 19.4455, at, LocalDate.of(2023, 3, 5), null, "other"),
                        incident("far", 105.795, 19.445, at, LocalDate.of(2023, 3, 5), "a", "w")))
                .upsert(Layer.DISPUTES, List.of(
                        new Feature("d1", null, props("mediated_on", LocalDate.of(2023, 2, 1), "area_id", "a", "ward_id", "w")),
                        new Feature("d2", wkt("POINT (105.785 19.445)"), props("mediated_on", LocalDate.of(2023, 2, 2),
                                "outcome", "successful", "ward_id", "w")))));
        Envelope box = new Envelope(105.78, 105.79, 19.44, 19.45);
        for (FeatureQuery q : List.of(FeatureQuery.ALL.withBbox(box), FeatureQuery.ALL.withBbox(box).withWard("w"))) {
            for (Layer layer : List.of(Layer.INCIDENTS, Layer.DISPUTES)) {
                Map<String, List<Object>> expected = new java.util.TreeMap<>();
                for (Feature f : store.query(layer, q)) {
                    if (f.geometry() != null) {
                        List<Object> row = new java.util.ArrayList<>(List.of(f.geometry().getCoordinate().x, f.geometry().getCoordinate().y));
                        layer.fields().forEach(d -> row.add(f.get(d.name())));
                        expected.put(f.id(), row);
                    }
                }
                Map<String, List<Object>> read = new java.util.TreeMap<>();
                store.forEachPoint(layer, q, (id, lon, lat, values) -> {
                    List<Object> row = new java.util.ArrayList<>(List.of(lon, lat));
                    row.addAll(java.util.Arrays.asList(values));
                    assertThat(read.put(id, row)).as("read once: " + id).isNull();
                });
                assertThat(read).as(layer + " " + q).isEqualTo(expected);
            }
        }
        assertThat(read(Layer.INCIDENTS, FeatureQuery.ALL.withBbox(box))).containsOnlyKeys("i1", "i2", "i3");
        assertThat(read(Layer.INCIDENTS, FeatureQuery.ALL.withBbox(box).withWard("w"))).containsOnlyKeys("i1", "i2");
        assertThat(read(Layer.DISPUTES, FeatureQuery.ALL)).containsOnlyKeys("d2");
        Object[] i1 = read(Layer.INCIDENTS, FeatureQuery.ALL.withBbox(box)).get("i1");
        assertThat(i1).containsExactly(105.785123, 19.445678, at, "crime", null, "hotline_113", false, true,
                "Trộm cắp tài sản, \"xe máy\"", true, 2, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, LocalDate.of(2023, 3, 5), "a", "w");
        assertThatThrownBy(() -> store.forEachPoint(Layer.WARDS, FeatureQuery.ALL, (id, lon, lat, values) -> {
        })).isInstanceOf(IllegalArgumentException.class);
    }

    /** Id → lon, lat and the field values, as {@link FeatureStore#forEachPoint} reads them. */
    private Map<String, Object[]> read(Layer layer, FeatureQuery q) {
        Map<String, Object[]> out = new java.util.TreeMap<>();
        store.forEachPoint(layer, q, (id, lon, lat, values) -> {
            Object[] row = new Object[values.length + 2];
            row[0] = lon;
            row[1] = lat;
            System.arraycopy(values, 0, row, 2, values.length);
            out.put(id, row);
        });
        return out;
    }

    @Test
    void bboxOnPolygonsUsesTheShapeNotJustTheBox() {
        store.write(new WriteBatch().upsert(Layer.WARDS, List.of(ward("tri", "MULTIPOLYGON (((105.78 19.44, 105.80 19.44, 105.78 19.46, 105.78 19.44)))", Y2020, null))));
        Envelope inBoxNotShape = new Envelope(105.795, 105.80, 19.455, 19.46);
        assertThat(store.query(Layer.WARDS, FeatureQuery.ALL.withBbox(inBoxNotShape))).isEmpty();
        assertThat(store.query(Layer.WARDS, FeatureQuery.ALL.withBbox(new Envelope(105.78, 105.781, 19.441, 19.442)))).hasSize(1);
    }

    @Test
    void atKeepsTheVersionsValidThatDayWithValidToExclusive() {
        store.write(new WriteBatch().upsert(Layer.WARDS, List.of(
                ward("old", WARD_WKT, LocalDate.of(2010, 1, 1), Y2020),
                ward("new", WARD_WKT, Y2020, null))));
        assertThat(ids(Layer.WARDS, FeatureQuery.ALL.withAt(LocalDate.of(2020, 5, 31)))).containsExactly("old");
        assertThat(ids(Layer.WARDS, FeatureQuery.ALL.withAt(Y2020))).containsExactly("new");
        assertThat(ids(Layer.WARDS, FeatureQuery.ALL.withAt(LocalDate.of(2009, 12, 31)))).isEmpty();
        assertThat(ids(Layer.WARDS, FeatureQuery.ALL)).containsExactly("new", "old");
    }

    @Test
    void fromAndToAreInclusiveDaysOnTheLayersDateField() {
        OffsetDateTime t = OffsetDateTime.of(2023, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(7));
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(
                incident("dec31", 105.785, 19.445, t.minusDays(1), LocalDate.of(2022, 12, 31), "a", "w"),
                incident("jan1", 105.785, 19.445, t, LocalDate.of(2023, 1, 1), "a", "w"),
                incident("aug31", 105.785, 19.445, t, LocalDate.of(2023, 8, 31), "a", "w"),
                incident("sep1", 105.785, 19.445, t, LocalDate.of(2023, 9, 1), "a", "w"))));
        FeatureQuery q = new FeatureQuery(null, null, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 8, 31), null, null);
        assertThat(ids(Layer.INCIDENTS, q)).containsExactly("aug31", "jan1");
    }

    @Test
    void wardAndAreaFiltersUseTheAssignment() {
        store.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(
                camera("c1", 105.785, 19.445, "a", "w"), camera("c2", 105.795, 19.445, "b", "w"),
                camera("c3", 105.795, 19.445, null, "other"))));
        assertThat(ids(Layer.CAMERAS, new FeatureQuery(null, null, null, null, "w", null))).containsExactly("c1", "c2");
        assertThat(ids(Layer.CAMERAS, new FeatureQuery(null, null, null, null, null, "b"))).containsExactly("c2");
    }

    @Test
    void multiPolygonsWithHolesSurvive() {
        String holed = "MULTIPOLYGON (((105.78 19.44, 105.80 19.44, 105.80 19.46, 105.78 19.46, 105.78 19.44), "
                + "(105.785 19.445, 105.785 19.455, 105.795 19.455, 105.795 19.445, 105.785 19.445)), "
                + "((105.81 19.44, 105.82 19.44, 105.82 19.45, 105.81 19.44)))";
        store.write(new WriteBatch().upsert(Layer.AREAS, List.of(area("h", holed, "w", Y2020, null))));
        assertThat(store.get(Layer.AREAS, "h").orElseThrow().geometry().equalsExact(wkt(holed))).isTrue();
    }

    @Test
    void aggregateCountsAndSumsByGroupWithTheSameFilters() {
        store.write(new WriteBatch().upsert(Layer.TEAMS, List.of(
                team("t1", "a", "social_security", 20, 2023), team("t2", "a", "social_security", 30, 2023),
                team("t3", "b", "street_guard", 2, 2023), team("t4", "b", "social_security", 25, 2022))));
        FeatureQuery y2023 = FeatureQuery.ALL.withEqual("rating_year", 2023);
        assertThat(store.aggregate(Layer.TEAMS, y2023, "kind", "member_count")).containsExactly(
                new Aggregate("social_security", 2, 50), new Aggregate("street_guard", 1, 2));
        assertThat(store.aggregate(Layer.TEAMS, FeatureQuery.ALL, null, "member_count"))
                .containsExactly(new Aggregate(null, 4, 77));
        assertThat(store.aggregate(Layer.TEAMS, y2023.withArea("b"), null, null)).containsExactly(new Aggregate(null, 1, 0));
        assertThat(store.aggregate(Layer.CAMERAS, FeatureQuery.ALL, "status", null)).isEmpty();
    }

    @Test
    void aggregateGroupsNullsTogether() {
        OffsetDateTime t = OffsetDateTime.of(2023, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(7));
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(
                incident("i1", 105.785, 19.445, t, LocalDate.of(2023, 1, 1), "a", "w"),
                incident("i2", 105.785, 19.445, t, LocalDate.of(2023, 1, 1), "a", "w").with(props("severity", null)),
                incident("i3", 105.785, 19.445, t, LocalDate.of(2023, 1, 1), "a", "w").with(props("severity", null)))));
        assertThat(store.aggregate(Layer.INCIDENTS, FeatureQuery.ALL, "severity", null))
                .containsExactlyInAnyOrder(new Aggregate(null, 2, 0), new Aggregate("it_nghiem_trong", 1, 0));
    }

    /**
     * The database counts each group's records passing each condition exactly as the conditions do in Java (empty
     * values: not in any set, not true, not above zero; days inclusive), one row per group, groups without a value
     * left out.
     */
    @Test
    void countEachCountsWhatTheConditionsMatchInJava() {
        OffsetDateTime t = OffsetDateTime.of(2023, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(7));
        List<Feature> rows = List.of(
                incident("i1", 105.785, 19.445, t, LocalDate.of(2023, 1, 1), "a", "w"),
                incident("i2", 105.785, 19.445, t, LocalDate.of(2023, 1, 31), "a", "w").with(props("severity", null,
                        "promptly_handled", null)),
                incident("i3", 105.785, 19.445, t, LocalDate.of(2023, 2, 1), "a", "w").with(props("category", "fire_explosion",
                        "serious", true, "deaths", 2)),
                incident("i4", 105.785, 19.445, t, LocalDate.of(2023, 1, 15), "b", "w").with(props("severity", "nghiem_trong",
                        "force_majeure", true, "deaths", 0)),
                incident("i5", 105.785, 19.445, t, LocalDate.of(2023, 1, 15), null, "w"));
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, rows));
        vn.anttmap.model.Condition jan = vn.anttmap.model.Condition.ANY.days(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 1, 31));
        List<vn.anttmap.model.Condition.Count> counts = List.of(
                new vn.anttmap.model.Condition.Count("jan", List.of(jan)),
                new vn.anttmap.model.Condition.Count("crime_not_prompt", List.of(jan.in("category", List.of("crime"))
                        .notTrue("promptly_handled"))),
                new vn.anttmap.model.Condition.Count("severe_or_fatal", List.of(
                        vn.anttmap.model.Condition.ANY.in("severity", List.of("nghiem_trong", "rat_nghiem_trong")),
                        vn.anttmap.model.Condition.ANY.isTrue("serious").positive("deaths"))),
                new vn.anttmap.model.Condition.Count("none_listed", List.of(vn.anttmap.model.Condition.ANY.in("category", List.of()))),
                new vn.anttmap.model.Condition.Count("never", List.of()));
        Map<String, List<Long>> got = new java.util.TreeMap<>();
        store.countEach(Layer.INCIDENTS, FeatureQuery.ALL.withWard("w"), "area_id", counts,
                (k, n) -> got.put(k, java.util.Arrays.stream(n).boxed().toList()));
        assertThat(got).containsExactly(Map.entry("a", List.of(2L, 1L, 1L, 0L, 0L)), Map.entry("b", List.of(1L, 0L, 1L, 0L, 0L)));
        // The same by the Java evaluation of the conditions.
        for (String area : List.of("a", "b")) {
            List<Long> java = counts.stream().map(c -> rows.stream().filter(r -> area.equals(r.text("area_id")))
                    .filter(r -> c.matches((LocalDate) r.get("occurred_on"), r::get)).count()).toList();
            assertThat(got.get(area)).as(area).isEqualTo(java);
        }
        assertThatThrownBy(() -> store.countEach(Layer.INCIDENTS, FeatureQuery.ALL, "area_id", List.of(
                new vn.anttmap.model.Condition.Count("x", List.of(vn.anttmap.model.Condition.ANY.isTrue("1=1 OR serious")))), (k, n) -> {
        })).isInstanceOf(IllegalArgumentException.class);
    }

    /** {@link #yearTally} that the store now keeps. */
    private vn.anttmap.model.Tally keeping(String name) {
        vn.anttmap.model.Tally tally = yearTally(name);
        store.keep(tally);
        return tally;
    }

    /** A tally of each area's incidents in a year: all, crimes not promptly handled, severe or fatal. */
    protected static vn.anttmap.model.Tally yearTally(String name) {
        return new vn.anttmap.model.Tally(name, Layer.INCIDENTS, "area_id", y -> {
            vn.anttmap.model.Condition in = vn.anttmap.model.Condition.ANY.days(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
            return List.of(new vn.anttmap.model.Condition.Count("all", List.of(in)),
                    new vn.anttmap.model.Condition.Count("crime_not_prompt", List.of(in.in("category", List.of("crime"))
                            .notTrue("promptly_handled"))),
                    new vn.anttmap.model.Condition.Count("severe_or_fatal", List.of(
                            in.in("severity", List.of("nghiem_trong", "rat_nghiem_trong")), in.isTrue("serious").positive("deaths"))));
        });
    }

    /** What counting every record now gives, groups whose counts are all zero left out. */
    private Map<String, List<Long>> counted(vn.anttmap.model.Tally tally, int year) {
        Map<String, List<Long>> out = new java.util.TreeMap<>();
        store.countEach(tally.layer(), FeatureQuery.ALL, tally.groupBy(), tally.counts(year), (k, n) -> {
            if (java.util.Arrays.stream(n).anyMatch(x -> x != 0)) {
                out.put(k, java.util.Arrays.stream(n).boxed().toList());
            }
        });
        return out;
    }

    private Map<String, List<Long>> kept(vn.anttmap.model.Tally tally, int year) {
        Map<String, List<Long>> out = new java.util.TreeMap<>();
        store.countKept(tally, year, (k, n) -> {
            if (java.util.Arrays.stream(n).anyMatch(x -> x != 0)) {
                out.put(k, java.util.Arrays.stream(n).boxed().toList());
            }
        });
        return out;
    }

    /** A random incident of 2023 or 2024 in area a, b, c or none, with random category, severity and flags. */
    protected static Feature randomIncident(java.util.Random r, String id) {
        OffsetDateTime t = OffsetDateTime.of(2023, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(7));
        String[] areas = {"a", "b", "c", null};
        String[] categories = {"crime", "social_evil", "fire_explosion", "work_accident"};
        String[] severities = {"it_nghiem_trong", "nghiem_trong", "rat_nghiem_trong"};
        LocalDate day = LocalDate.of(2022, 12, 25).plusDays(r.nextInt(750));
        return incident(id, 105.785, 19.445, t, day, areas[r.nextInt(areas.length)], "w").with(props(
                "category", categories[r.nextInt(categories.length)], "severity", r.nextInt(4) == 0 ? null : severities[r.nextInt(3)],
                "promptly_handled", r.nextInt(3) == 0 ? null : r.nextBoolean(), "serious", r.nextInt(3) == 0 ? null : r.nextBoolean(),
                "deaths", r.nextInt(3) == 0 ? null : r.nextInt(3)));
    }

    /** Writes {@code n} random incidents with ids {@code prefix0…}, in one batch; returns them. */
    private List<Feature> writeRandom(java.util.Random r, String prefix, int n) {
        List<Feature> rows = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(randomIncident(r, prefix + i));
        }
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, rows));
        return rows;
    }

    /**
     * Kept counts equal counting every record, for each year kept, after every kind of write: new records, records
     * replaced (moved to another area, another day or category), deleted, a mix in one batch, a batch large enough for
     * the bulk path (new, and replacing), and a failed write (nothing changes).
     */
    @Test
    void keptCountsFollowEveryWrite() {
        vn.anttmap.model.Tally tally = keeping("t");
        java.util.Random r = new java.util.Random(11);
        writeRandom(r, "i", 40);
        assertThat(kept(tally, 2023)).isEqualTo(counted(tally, 2023)).isNotEmpty();
        assertThat(kept(tally, 2024)).isEqualTo(counted(tally, 2024)).isNotEmpty();
        int next = 40;
        for (int round = 0; round < 30; round++) {
            WriteBatch b = new WriteBatch();
            List<Feature> up = new java.util.ArrayList<>();
            for (int k = r.nextInt(4); k > 0; k--) {
                up.add(randomIncident(r, "i" + next++)); // new
            }
            for (int k = r.nextInt(4); k > 0; k--) {
                up.add(randomIncident(r, "i" + r.nextInt(next))); // replaced (or new again after a delete)
            }
            b.upsert(Layer.INCIDENTS, up.stream().collect(java.util.stream.Collectors.toMap(Feature::id, f -> f, (x, y) -> y,
                    java.util.LinkedHashMap::new)).values().stream().toList());
            if (r.nextBoolean()) {
                b.delete(Layer.INCIDENTS, List.of("i" + r.nextInt(next)));
            }
            store.write(b);
            assertThat(kept(tally, 2023)).as("round %d, 2023", round).isEqualTo(counted(tally, 2023));
            assertThat(kept(tally, 2024)).as("round %d, 2024", round).isEqualTo(counted(tally, 2024));
        }
        // The bulk path: a large batch of new records, then one replacing them.
        List<Feature> bulk = writeRandom(r, "bulk", 1_200);
        assertThat(kept(tally, 2023)).isEqualTo(counted(tally, 2023));
        List<Feature> again = bulk.stream().map(f -> randomIncident(r, f.id())).toList();
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, again));
        assertThat(kept(tally, 2023)).isEqualTo(counted(tally, 2023));
        assertThat(kept(tally, 2024)).isEqualTo(counted(tally, 2024));
        // A write that fails changes neither the records nor the counts.
        Map<String, List<Long>> before = kept(tally, 2023);
        Feature broken = randomIncident(r, "broken").with(props("category", null)); // category is NOT NULL
        assertThatThrownBy(() -> store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(randomIncident(r, "ok"), broken))))
                .isInstanceOf(StoreException.class);
        assertThat(kept(tally, 2023)).isEqualTo(before).isEqualTo(counted(tally, 2023));
    }

    /**
     * Regression: a record named twice in one write counted twice (an upsert listing it twice added both; a delete naming
     * it in two chunks of ids took it away twice). Of the same id, the last one written counts, once.
     */
    @Test
    void keptCountsCountARecordNamedTwiceInOneWriteOnce() {
        vn.anttmap.model.Tally tally = keeping("t");
        java.util.Random r = new java.util.Random(21);
        writeRandom(r, "i", 10);
        kept(tally, 2023);
        store.write(new WriteBatch().delete(Layer.INCIDENTS, java.util.Collections.nCopies(501, "i1")));
        assertThat(kept(tally, 2023)).isEqualTo(counted(tally, 2023));
        if (store.kind() == StoreKind.H2GIS) { // PostgreSQL refuses one statement touching a row twice
            store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(randomIncident(r, "i2"), randomIncident(r, "i2"))));
            assertThat(kept(tally, 2023)).isEqualTo(counted(tally, 2023));
        }
    }

    /** A number out of a field's range is an error that writes nothing (it was wrapped round before). */
    @Test
    void anIntegerOutOfRangeIsRefusedNotWrapped() {
        java.util.Random r = new java.util.Random(4);
        Feature big = randomIncident(r, "big").with(props("deaths", 2_147_483_648L));
        assertThatThrownBy(() -> store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(big)))).isInstanceOf(RuntimeException.class);
        assertThat(store.get(Layer.INCIDENTS, "big")).isEmpty();
    }

    /** Only layers whose writes the database guards can have their counts kept. */
    @Test
    void countsOfAnUnguardedLayerAreNotKept() {
        assertThatThrownBy(() -> store.keep(new vn.anttmap.model.Tally("cams", Layer.CAMERAS, "area_id", y -> List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be kept");
    }

    /**
     * The change stamp of a set of layers grows with every write of one of them (upsert, delete) and with nothing
     * else: not a write of another layer, not a write that failed and wrote nothing.
     */
    @Test
    void theChangeStampGrowsWithEveryWriteOfItsLayersAndOnlyThen() {
        List<Layer> cameras = List.of(Layer.CAMERAS);
        List<Layer> incidents = List.of(Layer.INCIDENTS);
        long c0 = store.changeStamp(cameras);
        long i0 = store.changeStamp(incidents);
        long all0 = store.changeStamp();
        store.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(camera("c1", 105.785, 19.445, "a", "w"))));
        long c1 = store.changeStamp(cameras);
        assertThat(c1).isGreaterThan(c0);
        assertThat(store.changeStamp(incidents)).isEqualTo(i0);
        assertThat(store.changeStamp()).isGreaterThan(all0);
        assertThat(store.changeStamp(cameras)).as("read again, nothing written").isEqualTo(c1);
        store.write(new WriteBatch().delete(Layer.CAMERAS, List.of("c1")));
        long c2 = store.changeStamp(cameras);
        assertThat(c2).isGreaterThan(c1);
        java.util.Random r = new java.util.Random(4);
        Feature broken = randomIncident(r, "broken").with(props("category", null)); // category is NOT NULL
        assertThatThrownBy(() -> store.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(camera("c2", 105.785, 19.445, "a", "w")))
                .upsert(Layer.INCIDENTS, List.of(broken)))).isInstanceOf(StoreException.class);
        assertThat(store.changeStamp(cameras)).as("a failed write").isEqualTo(c2);
        assertThat(store.changeStamp(incidents)).as("a failed write").isEqualTo(i0);
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(randomIncident(r, "i1"))));
        assertThat(store.changeStamp(incidents)).isGreaterThan(i0);
        assertThat(store.changeStamp(cameras)).isEqualTo(c2);
    }

    /** A database migrated by a newer build is not written by this one (it would not keep what that one keeps). */
    @Test
    void aSchemaNewerThanThisBuildIsRefused() throws Exception {
        try (java.sql.Connection c = ((JdbcFeatureStore) store).dataSourceConnection();
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO schema_version (version, description, applied_at) VALUES (?, 'from the future', ?)")) {
            ps.setInt(1, store.latestSchemaVersion() + 1);
            ps.setObject(2, OffsetDateTime.now());
            ps.executeUpdate();
        }
        assertThatThrownBy(() -> store.migrate()).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer than this build");
    }

    /** When the year's counts were built, and how many groups are kept, as the store's tables say. */
    private List<Object> keptState(String name, int year) throws java.sql.SQLException {
        try (java.sql.Connection c = ((JdbcFeatureStore) store).dataSourceConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT s.built_at, (SELECT COUNT(*) FROM kept_count k "
                     + "WHERE k.name = s.name AND k.period_year = s.period_year) FROM kept_count_state s WHERE s.name = ? AND s.period_year = ?")) {
            ps.setString(1, name);
            ps.setInt(2, year);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? List.of(rs.getObject(1, OffsetDateTime.class), rs.getLong(2)) : List.of();
            }
        }
    }

    /** Once counted, a year's counts are read from what the writes keep, not counted again. */
    @Test
    void keptCountsAreBuiltOnceAndThenKeptByTheWrites() throws Exception {
        vn.anttmap.model.Tally tally = keeping("t");
        java.util.Random r = new java.util.Random(3);
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(randomIncident(r, "i1"), randomIncident(r, "i2"))));
        assertThat(keptState("t", 2023)).isEmpty(); // nothing is kept before it is asked for
        kept(tally, 2023);
        List<Object> built = keptState("t", 2023);
        assertThat(built).hasSize(2);
        writeRandom(r, "m", 20);
        assertThat(kept(tally, 2023)).isEqualTo(counted(tally, 2023));
        List<Object> after = keptState("t", 2023);
        assertThat(after.get(0)).as("built at").isEqualTo(built.get(0));
        assertThat((Long) after.get(1)).as("groups kept").isGreaterThanOrEqualTo((Long) built.get(1)).isPositive();
    }

    /**
     * Counts kept under one definition are not read under another (a standard changed between two runs), and a write
     * made while another definition is kept under the same name removes them rather than keeping them wrong.
     */
    @Test
    void keptCountsFollowTheirDefinition() {
        vn.anttmap.model.Tally tally = keeping("t");
        java.util.Random r = new java.util.Random(5);
        writeRandom(r, "i", 30);
        assertThat(kept(tally, 2023)).isEqualTo(counted(tally, 2023));
        // Same name, other counts: read as their own, not as the kept ones.
        vn.anttmap.model.Tally crimesOnly = new vn.anttmap.model.Tally("t", Layer.INCIDENTS, "area_id", y -> List.of(
                new vn.anttmap.model.Condition.Count("crimes", List.of(vn.anttmap.model.Condition.ANY
                        .days(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31)).in("category", List.of("crime"))))));
        assertThat(kept(crimesOnly, 2023)).isEqualTo(counted(crimesOnly, 2023));
        // Writes now keep crimesOnly; the first definition's counts, if any are left, are not trusted.
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(randomIncident(r, "i3"), randomIncident(r, "new1")))
                .delete(Layer.INCIDENTS, List.of("i4")));
        assertThat(kept(crimesOnly, 2023)).isEqualTo(counted(crimesOnly, 2023));
        assertThat(kept(tally, 2023)).isEqualTo(counted(tally, 2023));
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(randomIncident(r, "i5"))));
        assertThat(kept(tally, 2023)).isEqualTo(counted(tally, 2023));
    }

    @Test
    void lastDayIsTheLatestDayOfTheMatchingRecords() {
        assertThat(store.lastDay(Layer.INCIDENTS, FeatureQuery.ALL)).isEmpty();
        OffsetDateTime t = OffsetDateTime.of(2023, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(7));
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(
                incident("i1", 105.785, 19.445, t, LocalDate.of(2023, 1, 1), "a", "w"),
                incident("i2", 105.785, 19.445, t, LocalDate.of(2024, 12, 31), "a", "w"),
                incident("i3", 105.785, 19.445, t, LocalDate.of(2023, 6, 30), "b", "x"))));
        assertThat(store.lastDay(Layer.INCIDENTS, FeatureQuery.ALL)).contains(LocalDate.of(2024, 12, 31));
        assertThat(store.lastDay(Layer.INCIDENTS, FeatureQuery.ALL.withWard("x"))).contains(LocalDate.of(2023, 6, 30));
        assertThat(store.lastDay(Layer.INCIDENTS, FeatureQuery.ALL.withDays(null, LocalDate.of(2024, 1, 1))))
                .contains(LocalDate.of(2023, 6, 30));
        assertThatThrownBy(() -> store.lastDay(Layer.WARDS, FeatureQuery.ALL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownFieldsNeverReachSql() {
        assertThatThrownBy(() -> store.aggregate(Layer.TEAMS, FeatureQuery.ALL, "kind; DROP TABLE camera", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("layer teams has no field kind; DROP TABLE camera");
        assertThatThrownBy(() -> store.query(Layer.TEAMS, FeatureQuery.ALL.withEqual("1=1 OR kind", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Feature team(String id, String area, String kind, int members, int year) {
        return new Feature(id, null, props("area_id", area, "kind", kind, "name", null, "member_count", members,
                "rating_year", year, "rating", "completed", "disciplined_members", 0, "ward_id", "w"));
    }

    /** Large batches (PostgreSQL takes them by COPY) keep every value, tabs, line breaks and backslashes included. */
    @Test
    void aLargeBatchRoundTripsAndStreamsAndPagesByKey() {
        OffsetDateTime at = OffsetDateTime.of(2023, 3, 5, 21, 30, 15, 0, ZoneOffset.ofHours(7));
        java.util.List<Feature> many = new java.util.ArrayList<>();
        for (int k = 0; k < 1_500; k++) {
            Feature f = incident(String.format("bulk-%04d", k), 105.78 + k * 1e-5, 19.44 + k * 1e-5, at.plusHours(k),
                    at.plusHours(k).toLocalDate(), "a", "w");
            many.add(f.with(Map.of("description", "tab\there, line\nbreak, back\\slash, \"quoted\", Vụ việc ắ 😀 " + k,
                    "deaths", k % 3, "force_majeure", k % 2 == 0)));
        }
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, many));
        // Written again (an upsert), with one change.
        Map<String, Object> change = new java.util.HashMap<>();
        change.put("category", "dispute");
        change.put("severity", null);
        many.set(7, many.get(7).with(change));
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, many));
        List<Feature> back = store.query(Layer.INCIDENTS, FeatureQuery.ALL);
        assertThat(back).hasSize(1_500);
        for (int k = 0; k < 1_500; k++) {
            assertThat(back.get(k).properties()).as("bulk %d", k).isEqualTo(many.get(k).properties());
            assertThat(back.get(k).geometry().equalsExact(many.get(k).geometry(), 1e-9)).isTrue();
        }
        java.util.List<String> streamed = new java.util.ArrayList<>();
        store.forEach(Layer.INCIDENTS, FeatureQuery.ALL.withDays(at.toLocalDate(), at.plusHours(999).toLocalDate()),
                f -> streamed.add(f.id()));
        assertThat(streamed).isEqualTo(store.query(Layer.INCIDENTS, FeatureQuery.ALL.withDays(at.toLocalDate(),
                at.plusHours(999).toLocalDate())).stream().map(Feature::id).toList());
        java.util.List<String> paged = new java.util.ArrayList<>();
        String cursor = null;
        while (true) {
            List<Feature> page = store.page(Layer.INCIDENTS, FeatureQuery.ALL, cursor, 400);
            page.forEach(f -> paged.add(f.id()));
            if (page.size() < 400) {
                break;
            }
            cursor = page.get(page.size() - 1).id();
        }
        assertThat(paged).isEqualTo(back.stream().map(Feature::id).toList());
    }

    /**
     * Issue 17: the audit log is append-only in the database itself: UPDATE, DELETE (and TRUNCATE) through plain SQL
     * are refused and leave its rows as they were; appending still works.
     */
    @Test
    void theAuditLogRefusesEditsThroughSql() throws Exception {
        OffsetDateTime at = OffsetDateTime.of(2024, 5, 1, 8, 0, 0, 0, ZoneOffset.ofHours(7));
        vn.anttmap.model.AuditEntry first = new vn.anttmap.model.AuditEntry("a1", at, "officer", "update", "incidents",
                "i1", "{\"before\":1}", "{\"after\":2}", null);
        store.appendAudit(first);
        for (String sql : List.of("UPDATE audit_log SET username = 'someone else' WHERE id = 'a1'",
                "UPDATE audit_log SET after_json = NULL", "DELETE FROM audit_log WHERE id = 'a1'", "DELETE FROM audit_log",
                "TRUNCATE TABLE audit_log")) {
            try (java.sql.Connection c = ((JdbcFeatureStore) store).dataSourceConnection();
                 java.sql.Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.execute(sql)).as(sql).isInstanceOf(java.sql.SQLException.class);
            }
        }
        assertThat(store.audit(null, null, null, null, 10)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("a1");
            assertThat(e.username()).isEqualTo("officer");
            assertThat(e.beforeJson()).isEqualTo("{\"before\":1}");
            assertThat(e.afterJson()).isEqualTo("{\"after\":2}");
        });
        store.appendAudit(new vn.anttmap.model.AuditEntry("a2", at.plusMinutes(1), "officer", "login", null, null, null, null, "ok"));
        assertThat(store.audit(null, null, null, null, 10)).extracting(vn.anttmap.model.AuditEntry::id).containsExactly("a2", "a1");
    }

    /**
     * Issue 17 (regression): an incident whose description was at the API's limit (4,000 characters: 2,000 emoji)
     * answered 503: its audit copy overflowed VARCHAR(20000). The copies are unbounded now (an area's outline, the
     * largest thing a record holds, has no fixed bound either).
     */
    @Test
    void theLargestRecordTheApiAcceptsWritesItsAuditEntry() throws Exception {
        vn.anttmap.App.Services s = vn.anttmap.App.services(store, java.time.Clock.systemUTC());
        vn.anttmap.api.TestData.loadFixtures(s.importer());
        Map<String, Object> values = new java.util.HashMap<>(Map.of("occurred_at", "2023-10-20T21:00:00+07:00",
                "category", "crime", "severity", "it_nghiem_trong", "channel", "hotline_113",
                "description", "😀".repeat(2000))); // 4,000 characters: the most a text field takes
        org.locationtech.jts.geom.Geometry point = wkt("POINT (105.795 19.451)");
        var created = s.edits().create(vn.anttmap.auth.Principal.ADMIN_LOCAL, Layer.INCIDENTS,
                new vn.anttmap.io.RawRecord("edit", "vv-longest", point, values));
        values.put("description", "😁".repeat(2000));
        s.edits().update(vn.anttmap.auth.Principal.ADMIN_LOCAL, Layer.INCIDENTS, "vv-longest",
                new vn.anttmap.io.RawRecord("edit", "vv-longest", point, values), created.version());
        List<vn.anttmap.model.AuditEntry> entries = store.audit(null, "incidents", null, null, 10).stream()
                .filter(e -> "vv-longest".equals(e.recordId())).toList();
        assertThat(entries).extracting(vn.anttmap.model.AuditEntry::action).containsExactly("update", "create");
        vn.anttmap.model.AuditEntry update = entries.get(0);
        assertThat(update.afterJson().length()).as("more than the old column took").isGreaterThan(20_000);
        assertThat(update.beforeJson()).isEqualTo(entries.get(1).afterJson());
        assertThat(s.edits().get(Layer.INCIDENTS, "vv-longest").orElseThrow().feature().text("description"))
                .isEqualTo("😁".repeat(2000));
    }

    /** A test's version of an incident: its description (the edit service hashes the whole record). */
    private static final java.util.function.Function<Feature, String> DESCRIPTION = f -> f.text("description");

    private Feature describedIncident(String id, String description) {
        return incident(id, 105.785, 19.445, OffsetDateTime.of(2023, 3, 5, 21, 0, 0, 0, ZoneOffset.ofHours(7)),
                LocalDate.of(2023, 3, 5), "a", "w").with(props("description", description));
    }

    /**
     * An expectation that does not hold refuses the whole batch (its other records and its audit entry too) with the
     * record's current version; one that holds lets it through. Absent means absent: a record expected absent that
     * exists is refused, and one expected present that is gone is refused with no current version.
     */
    @Test
    void aBatchWhoseExpectationFailsWritesNothing() {
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(describedIncident("i1", "v1"))));
        vn.anttmap.model.AuditEntry audit = new vn.anttmap.model.AuditEntry("au-1", OffsetDateTime.now(ZoneOffset.UTC), "u",
                "update", "incidents", "i1", null, null, null);
        WriteBatch stale = new WriteBatch().upsert(Layer.INCIDENTS, List.of(describedIncident("i1", "v2"), describedIncident("i2", "x")))
                .expect(Layer.INCIDENTS, "i1", DESCRIPTION, "v0").audit(audit);
        assertThatThrownBy(() -> store.write(stale)).isInstanceOfSatisfying(StaleRecordException.class, e -> {
            assertThat(e.currentVersion()).isEqualTo("v1");
            assertThat(e.layer()).isEqualTo(Layer.INCIDENTS);
            assertThat(e.id()).isEqualTo("i1");
        });
        assertThat(store.get(Layer.INCIDENTS, "i1").orElseThrow().text("description")).isEqualTo("v1");
        assertThat(store.get(Layer.INCIDENTS, "i2")).isEmpty();
        assertThat(store.audit(null, null, null, null, 10)).isEmpty();

        assertThatThrownBy(() -> store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(describedIncident("i1", "v2")))
                .expect(Layer.INCIDENTS, "i1", DESCRIPTION, null))).isInstanceOfSatisfying(StaleRecordException.class,
                e -> assertThat(e.currentVersion()).isEqualTo("v1"));
        assertThatThrownBy(() -> store.write(new WriteBatch().delete(Layer.INCIDENTS, List.of("i9"))
                .expect(Layer.INCIDENTS, "i9", DESCRIPTION, "v1"))).isInstanceOfSatisfying(StaleRecordException.class,
                e -> assertThat(e.currentVersion()).isNull());

        store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(describedIncident("i1", "v2"), describedIncident("i2", "x")))
                .expect(Layer.INCIDENTS, "i1", DESCRIPTION, "v1").expect(Layer.INCIDENTS, "i2", DESCRIPTION, null).audit(audit));
        assertThat(store.get(Layer.INCIDENTS, "i1").orElseThrow().text("description")).isEqualTo("v2");
        assertThat(store.get(Layer.INCIDENTS, "i2")).isPresent();
        Feature[] readBack = new Feature[2];
        store.write(new WriteBatch().delete(Layer.INCIDENTS, List.of("i1")).expect(Layer.INCIDENTS, "i1", DESCRIPTION, "v2")
                .upsert(Layer.INCIDENTS, List.of(describedIncident("i2", "y")))
                .readBack(Layer.INCIDENTS, "i1", f -> readBack[0] = f).readBack(Layer.INCIDENTS, "i2", f -> readBack[1] = f));
        assertThat(store.get(Layer.INCIDENTS, "i1")).isEmpty();
        assertThat(readBack[0]).as("read back after the delete").isNull();
        assertThat(readBack[1]).as("read back as stored").isEqualTo(store.get(Layer.INCIDENTS, "i2").orElseThrow());
    }

    /**
     * Of eight writers expecting the same version of a record (each on its own connection, all let go at once), exactly
     * one writes; each other one is refused with the version the winner wrote. The same for deleting, and for creating
     * a record expected absent. The version is checked under a row lock in the write transaction, so this holds
     * however the writers interleave (no lock in Java covers them).
     */
    @Test
    void ofWritersExpectingOneVersionExactlyOneWrites() throws Exception {
        int n = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(describedIncident("i1", "start"))));
            for (int round = 0; round < 5; round++) {
                String expected = store.get(Layer.INCIDENTS, "i1").orElseThrow().text("description");
                int r = round;
                List<Object> got = race(pool, n, k -> new WriteBatch().upsert(Layer.INCIDENTS,
                        List.of(describedIncident("i1", "r" + r + "w" + k))).expect(Layer.INCIDENTS, "i1", DESCRIPTION, expected));
                String now = store.get(Layer.INCIDENTS, "i1").orElseThrow().text("description");
                assertThat(got).as("round %d", round).filteredOn(o -> o.equals("ok")).hasSize(1);
                assertThat(got).as("round %d", round).filteredOn(o -> !o.equals("ok")).hasSize(n - 1).allSatisfy(o -> assertThat(o).isEqualTo(now));
                assertThat(now).isNotEqualTo(expected).startsWith("r" + round + "w");
            }
            String last = store.get(Layer.INCIDENTS, "i1").orElseThrow().text("description");
            List<Object> deleted = race(pool, n, k -> new WriteBatch().delete(Layer.INCIDENTS, List.of("i1"))
                    .expect(Layer.INCIDENTS, "i1", DESCRIPTION, last));
            assertThat(deleted).filteredOn(o -> o.equals("ok")).hasSize(1);
            assertThat(deleted).filteredOn(o -> !o.equals("ok")).hasSize(n - 1).allSatisfy(o -> assertThat(o).isEqualTo("gone"));
            assertThat(store.get(Layer.INCIDENTS, "i1")).isEmpty();
            List<Object> created = race(pool, n, k -> new WriteBatch().upsert(Layer.INCIDENTS, List.of(describedIncident("i1", "new" + k)))
                    .expect(Layer.INCIDENTS, "i1", DESCRIPTION, null));
            String made = store.get(Layer.INCIDENTS, "i1").orElseThrow().text("description");
            assertThat(created).filteredOn(o -> o.equals("ok")).hasSize(1);
            assertThat(created).filteredOn(o -> !o.equals("ok")).hasSize(n - 1).allSatisfy(o -> assertThat(o).isEqualTo(made));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Writers expecting a version of a record and plain writers replacing it (an import) at once, on a layer whose
     * counts are kept: every write either lands or is refused as stale (none waits for another in a circle: the kept
     * counts' lock is taken before the record's row by both), at most one expecting writer per round lands, and the
     * kept counts stay those of the records.
     */
    @Test
    void expectingAndPlainWritersOfOneRecordNeitherDeadlockNorLoseCounts() throws Exception {
        int n = 8;
        vn.anttmap.model.Tally tally = keeping("edits");
        java.util.Random seed = new java.util.Random(17);
        store.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(randomIncident(seed, "i1").with(props("description", "start")))));
        kept(tally, 2023);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            for (int round = 0; round < 5; round++) {
                String expected = store.get(Layer.INCIDENTS, "i1").orElseThrow().text("description");
                java.util.Random r = new java.util.Random(round);
                List<Feature> records = new java.util.ArrayList<>();
                for (int k = 0; k < n; k++) {
                    records.add(randomIncident(r, "i1").with(props("description", "r" + round + "w" + k)));
                }
                List<Object> got = race(pool, n, k -> k % 2 == 0
                        ? new WriteBatch().upsert(Layer.INCIDENTS, List.of(records.get(k))).expect(Layer.INCIDENTS, "i1", DESCRIPTION, expected)
                        : new WriteBatch().upsert(Layer.INCIDENTS, List.of(records.get(k))));
                long expectingWon = java.util.stream.IntStream.range(0, n).filter(k -> k % 2 == 0 && got.get(k).equals("ok")).count();
                assertThat(expectingWon).as("round %d", round).isLessThanOrEqualTo(1);
                assertThat(java.util.stream.IntStream.range(0, n).filter(k -> k % 2 == 1).mapToObj(got::get)).as("round %d", round)
                        .containsOnly("ok");
                assertThat(kept(tally, 2023)).as("round %d", round).isEqualTo(counted(tally, 2023));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * {@code n} writers, each writing its batch as soon as all are ready: "ok" for the one that wrote, else the current
     * version its refusal carried ("gone" for none).
     */
    private List<Object> race(java.util.concurrent.ExecutorService pool, int n, java.util.function.IntFunction<WriteBatch> batch)
            throws Exception {
        java.util.concurrent.CyclicBarrier go = new java.util.concurrent.CyclicBarrier(n);
        List<java.util.concurrent.Future<Object>> outcomes = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            WriteBatch b = batch.apply(k);
            outcomes.add(pool.submit(() -> {
                go.await(60, java.util.concurrent.TimeUnit.SECONDS);
                try {
                    store.write(b);
                    return "ok";
                } catch (StaleRecordException e) {
                    return e.currentVersion() == null ? "gone" : e.currentVersion();
                }
            }));
        }
        List<Object> got = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<Object> f : outcomes) {
            got.add(f.get(120, java.util.concurrent.TimeUnit.SECONDS));
        }
        return got;
    }

    private List<String> ids(Layer layer, FeatureQuery q) {
        return store.query(layer, q).stream().map(Feature::id).toList();
    }
}
