package vn.anttmap.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;
import vn.anttmap.model.ReadConsistency;
import vn.anttmap.store.postgis.PostgisFeatureStore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Change announcements on PostGIS (LISTEN/NOTIFY, migration 16): node B hears node A's writes and keeps the stamps in
 * memory for the public's requests; when B's listening connection is cut it reads the table instead until it listens
 * again (it never vouches for stamps it may have missed). Two store objects with pools of their own over one schema, as
 * two nodes. Conditions are awaited by polling, with a generous bound only against a hang.
 */
class PostgisChangeFeedTest {
    PostgisFeatureStore a;
    PostgisFeatureStore b;

    @BeforeAll
    static void need() {
        PostgisTestDatabase.require();
    }

    @AfterEach
    void close() {
        ReadConsistency.none();
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L; // against a hang only: every condition here holds in ms
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("still waiting for: " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** B's stamp of the incidents as a public request sees it (announced, when B's feed vouches for it). */
    long publicStamp() {
        ReadConsistency.request(false, 0, true);
        try {
            return b.changeStamp(List.of(Layer.INCIDENTS));
        } finally {
            ReadConsistency.none();
        }
    }

    /** The stamp in the database (no request: read from the table). */
    long tableStamp() {
        return b.changeStamp(List.of(Layer.INCIDENTS));
    }

    void writeIncident(String id) {
        LinkedHashMap<String, Object> p = new LinkedHashMap<>();
        p.put("occurred_at", java.time.OffsetDateTime.parse("2023-05-01T08:00:00+07:00"));
        p.put("category", "crime");
        p.put("severity", "it_nghiem_trong");
        p.put("channel", "hotline_113");
        p.put("occurred_on", java.time.LocalDate.of(2023, 5, 1));
        a.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(new Feature(id,
                new org.locationtech.jts.geom.GeometryFactory(new org.locationtech.jts.geom.PrecisionModel(), 4326)
                        .createPoint(new org.locationtech.jts.geom.Coordinate(105.786, 19.445)), p))));
    }

    @Test
    void anotherNodesWriteIsHeardAndACutConnectionFallsBackToTheTable() throws Exception {
        String url = PostgisTestDatabase.freshSchemaUrl();
        a = PostgisFeatureStore.connect(url, null, null);
        a.migrate();
        b = PostgisFeatureStore.connect(url, null, null);
        publicStamp(); // B's first public request starts its feed
        await("B listening", b::listeningForChanges);
        long before = tableStamp();
        assertThat(publicStamp()).isEqualTo(before);

        writeIncident("feed-1");
        long after = tableStamp();
        assertThat(after).isGreaterThan(before);
        long heardAt = System.nanoTime();
        await("B hears A's write", () -> publicStamp() == after);
        System.out.printf("node B heard node A's write in %.1f ms%n", (System.nanoTime() - heardAt) / 1e6);

        // Cut B's listening connection (as a network fault or a restart of PostgreSQL would).
        try (Connection c = DriverManager.getConnection(PostgisTestDatabase.url()); Statement st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'antt-change-feed'");
        }
        await("B knows it is not listening", () -> !b.listeningForChanges());
        writeIncident("feed-2"); // announced while B cannot hear it
        long missed = tableStamp();
        assertThat(missed).isGreaterThan(after);
        // Not listening, B does not vouch for what it heard: the public's request reads the table.
        assertThat(publicStamp()).isEqualTo(missed);
        await("B listening again", b::listeningForChanges);
        // Listening again, it read the table afresh: what it missed is in.
        assertThat(publicStamp()).isEqualTo(missed);
    }

    @Test
    void aNodeSeesItsOwnWriteAtOnce() throws Exception {
        String url = PostgisTestDatabase.freshSchemaUrl();
        a = PostgisFeatureStore.connect(url, null, null);
        a.migrate();
        b = a; // one node: its own write, then its next public request
        publicStamp();
        await("listening", a::listeningForChanges);
        for (int i = 0; i < 5; i++) {
            writeIncident("own-" + i);
            assertThat(publicStamp()).as("the node's next request after its own write " + i).isEqualTo(tableStamp());
        }
        b = null;
    }
}
