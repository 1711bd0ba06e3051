package vn.anttmap.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.App;
import vn.anttmap.TestFeatures;
import vn.anttmap.api.TestData;
import vn.anttmap.auth.Principal;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FieldDef;
import vn.anttmap.model.Layer;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writers holding the same version of a record: exactly one wins, each other one gets 409 with the version the record
 * has now (for deletes: that there is no such record). For every record kind {@link EditService#EDITABLE}, for updates, deletes and creates of one id, with eight
 * writers let go at once; through one set of services (one process) and through two over the same database (two
 * server nodes, or the CLI beside the server), where no lock in Java covers both. On the embedded store here (two
 * stores opened on one file, the second through H2's AUTO_SERVER); on PostGIS in {@link PostgisEditConcurrencyTest}.
 *
 * <p>Regression: two PUTs with the same If-Match both succeeded in 27 of 40 trials (issue 17): the version check
 * and the write were not one atomic step.
 */
class EditConcurrencyTest {
    static final int WRITERS = 8;
    static final int ROUNDS = 3;

    /** Each kind's record the writers race over, and the text field they change. */
    static final Map<Layer, String[]> SEEDS = new EnumMap<>(Map.of(
            Layer.INCIDENTS, new String[]{"i1", "description"},
            Layer.CAMERAS, new String[]{"c1", "name"},
            Layer.AREAS, new String[]{"a", "name"},
            Layer.TEAMS, new String[]{"t1", "name"},
            Layer.ATTESTATIONS, new String[]{"x1", "note"},
            Layer.SOCIAL_RECORDS, new String[]{"s1", "description"},
            Layer.EXCEPTION_DECISIONS, new String[]{"e1", "note"},
            Layer.ORGANISATIONS, new String[]{"o1", "name"}));

    @TempDir
    Path dir;

    App.Services services;
    /** Services over the same database through a store object of their own: another process, as far as locks go. */
    App.Services other;
    ExecutorService pool;

    /** A fresh, migrated store. */
    protected FeatureStore openStore() {
        H2gisFeatureStore store = H2gisFeatureStore.open(dir);
        store.migrate();
        return store;
    }

    /** A second store object on the database {@link #openStore} opened (its own connection pool). */
    protected FeatureStore openSameDatabase() {
        return H2gisFeatureStore.open(dir);
    }

    @BeforeEach
    void setUp() throws IOException {
        services = App.services(openStore(), Clock.systemUTC());
        TestData.loadFixtures(services.importer());
        load(Layer.CAMERAS, "id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status,name\n"
                + "c1,105.787,19.445,0,90,30,dome,police,active,Cổng chợ\n");
        load(Layer.TEAMS, "id,area_id,kind,name,member_count,rating_year,rating,disciplined_members\n"
                + "t1,a,street_guard,Tổ 1,2,2023,completed_well,0\n");
        load(Layer.ATTESTATIONS, "id,subject_kind,subject_id,check_id,period_year,attested,attested_by,attested_at,note\n"
                + "x1,area,a,K2,2023,true,Trưởng Công an phường,2023-10-20T09:00:00+07:00,họp\n");
        load(Layer.SOCIAL_RECORDS, "id,area_id,kind,recorded_on,record_count,description\n"
                + "s1,a,new_hotspot,2023-04-01,2,Tụ điểm\n");
        load(Layer.EXCEPTION_DECISIONS, "id,incident_id,check_id,exception,decided_by,decided_on,document_ref,note\n"
                + "e1,i1,K4d,force_majeure,Chủ tịch UBND phường,2023-06-10,QĐ-1,bão\n");
        load(Layer.ORGANISATIONS, "id,lon,lat,name,kind,assessment_year,registered\n"
                + "o1,105.785,19.445,UBND phường,agency,2023,false\n");
        other = App.services(openSameDatabase(), Clock.systemUTC());
        pool = Executors.newFixedThreadPool(WRITERS);
    }

    @AfterEach
    void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (other != null) {
            other.close();
        }
        if (services != null) { // null when the set-up was skipped (PostGIS not configured)
            services.close();
        }
    }

    private void load(Layer layer, String csv) throws IOException {
        services.importer().importFile(layer, layer.apiName() + ".csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                ImportService.Format.CSV, null);
    }

    @Test
    void ofWritersWithOneVersionExactlyOneWinsAtEveryRecordKind() throws Exception {
        updates(List.of(services));
    }

    /** Half the writers through services of their own over the same database: a lock in one process cannot help. */
    @Test
    void ofWritersWithOneVersionInTwoProcessesExactlyOneWinsAtEveryRecordKind() throws Exception {
        updates(List.of(services, other));
    }

    @Test
    void ofDeletersWithOneVersionExactlyOneWinsAtEveryRecordKind() throws Exception {
        deletes(List.of(services));
    }

    @Test
    void ofDeletersWithOneVersionInTwoProcessesExactlyOneWinsAtEveryRecordKind() throws Exception {
        deletes(List.of(services, other));
    }

    @Test
    void ofCreatorsOfOneIdInTwoProcessesExactlyOneWinsAtEveryRecordKind() throws Exception {
        for (Layer layer : SEEDS.keySet()) {
            for (int round = 0; round < ROUNDS; round++) {
                String id = SEEDS.get(layer)[0] + "-new" + round;
                int r = round;
                List<String> got = race(List.of(services, other), (node, k) -> {
                    node.edits().create(Principal.ADMIN_LOCAL, layer, fresh(layer, id, r, "create " + k));
                    return null;
                });
                EditService.Versioned now = services.edits().get(layer, id).orElseThrow();
                assertOneWon(layer.apiName() + " create round " + round, got, now.version());
                assertThat(now.feature().text(SEEDS.get(layer)[1])).isEqualTo("create " + got.indexOf(OK));
            }
        }
    }

    /** Rounds of {@link #WRITERS} updates of each kind's record, all with the version read before the round. */
    private void updates(List<App.Services> nodes) throws Exception {
        for (Layer layer : SEEDS.keySet()) {
            String id = SEEDS.get(layer)[0];
            String field = SEEDS.get(layer)[1];
            for (int round = 0; round < ROUNDS; round++) {
                EditService.Versioned before = services.edits().get(layer, id).orElseThrow();
                long audited = audited(layer, id);
                int r = round;
                String[] answered = new String[WRITERS];
                List<String> got = race(nodes, (node, k) -> {
                    answered[k] = node.edits().update(Principal.ADMIN_LOCAL, layer, id, raw(layer, before.feature(), field,
                            "round " + r + " writer " + k), "\"" + before.version() + "\"").version();
                    return null;
                });
                EditService.Versioned now = services.edits().get(layer, id).orElseThrow();
                String what = layer.apiName() + " update round " + round;
                assertOneWon(what, got, now.version());
                assertThat(now.version()).as(what).isNotEqualTo(before.version());
                assertThat(now.feature().text(field)).as(what).isEqualTo("round " + round + " writer " + got.indexOf(OK));
                assertThat(audited(layer, id)).as(what + ": one audit entry").isEqualTo(audited + 1);
                assertThat(answered[got.indexOf(OK)]).as(what + ": the winner is told the version it wrote").isEqualTo(now.version());
            }
        }
    }

    /** Rounds of {@link #WRITERS} deletes of a new record of each kind, all with its version. */
    private void deletes(List<App.Services> nodes) throws Exception {
        for (Layer layer : SEEDS.keySet()) {
            for (int round = 0; round < ROUNDS; round++) {
                String id = SEEDS.get(layer)[0] + "-del" + round;
                String version = services.edits().create(Principal.ADMIN_LOCAL, layer, fresh(layer, id, round, "to delete")).version();
                List<String> got = race(nodes, (node, k) -> {
                    node.edits().delete(Principal.ADMIN_LOCAL, layer, id, version);
                    return null;
                });
                String what = layer.apiName() + " delete round " + round;
                assertThat(got).as(what + ": one wins").filteredOn(OK::equals).hasSize(1);
                assertThat(got).as(what + ": the others find no such record").filteredOn(o -> !OK.equals(o))
                        .hasSize(WRITERS - 1).allSatisfy(o -> assertThat(o).isEqualTo(GONE));
                assertThat(services.edits().get(layer, id)).isEmpty();
                assertThat(other.edits().get(layer, id)).isEmpty();
            }
        }
    }

    private static final String OK = "ok";
    /** The record is gone (HTTP 404), whether the request came before or after the deleter's commit. */
    private static final String GONE = "404";

    private static void assertOneWon(String what, List<String> got, String currentVersion) {
        assertThat(got).as(what + ": one wins").filteredOn(OK::equals).hasSize(1);
        assertThat(got).as(what + ": the others get 409 with the current version").filteredOn(o -> !OK.equals(o))
                .hasSize(WRITERS - 1).allSatisfy(o -> assertThat(o).isEqualTo("409 " + currentVersion));
    }

    @FunctionalInterface
    interface Edit {
        Void run(App.Services node, int writer);
    }

    /**
     * {@link #WRITERS} writers, writer k through {@code nodes[k % nodes.size()]}, let go together (a barrier, no
     * sleeping): by writer, "ok" or the refusal's status and current version.
     */
    private List<String> race(List<App.Services> nodes, Edit edit) throws Exception {
        CyclicBarrier go = new CyclicBarrier(WRITERS);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int k = 0; k < WRITERS; k++) {
            int writer = k;
            App.Services node = nodes.get(k % nodes.size());
            outcomes.add(pool.submit(() -> {
                go.await(60, TimeUnit.SECONDS);
                try {
                    edit.run(node, writer);
                    return OK;
                } catch (EditService.EditException e) {
                    return vn.anttmap.api.FailureMapping.status(e.kind) + " " + e.currentVersion;
                } catch (java.util.NoSuchElementException e) {
                    return GONE;
                }
            }));
        }
        List<String> got = new ArrayList<>();
        for (Future<String> f : outcomes) {
            got.add(f.get(120, TimeUnit.SECONDS));
        }
        return got;
    }

    private long audited(Layer layer, String id) {
        return services.store().audit(null, layer.apiName(), null, null, 10_000).stream()
                .filter(e -> id.equals(e.recordId())).count();
    }

    /** A new record of the kind: its seed's values under a new id (an area of its own, off the others). */
    private RawRecord fresh(Layer layer, String id, int round, String text) {
        Feature seed = services.edits().get(layer, SEEDS.get(layer)[0]).orElseThrow().feature();
        RawRecord raw = raw(layer, seed, SEEDS.get(layer)[1], text);
        Map<String, Object> values = new LinkedHashMap<>(raw.values());
        org.locationtech.jts.geom.Geometry geometry = raw.geometry();
        if (layer == Layer.AREAS) {
            values.put("code", "Z" + id);
            double south = 19.451 + 0.001 * round;
            geometry = TestFeatures.wkt("POLYGON ((105.781 " + south + ", 105.782 " + south + ", 105.782 " + (south + 0.0005)
                    + ", 105.781 " + (south + 0.0005) + ", 105.781 " + south + "))");
        }
        return new RawRecord("edit", id, geometry, values);
    }

    /** The record as a client sends it back (its own fields, not the derived ones), with {@code field} set to {@code text}. */
    static RawRecord raw(Layer layer, Feature f, String field, String text) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDef d : layer.fields()) {
            Object v = f.get(d.name());
            if (!d.derived() && v != null) {
                values.put(d.name(), v instanceof LocalDate || v instanceof OffsetDateTime ? v.toString() : v);
            }
        }
        values.put(field, text);
        return new RawRecord("edit", f.id(), f.geometry(), values);
    }
}
