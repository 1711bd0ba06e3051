package vn.anttmap.service;

import org.junit.jupiter.api.AfterAll;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.PostgisTestDatabase;

/**
 * The scoring rules end to end on PostGIS (each test gets a schema of its own): runs when {@code ANTT_TEST_PG_URL}
 * names a database; skipped visibly otherwise, and failed under {@code CI=true}.
 */
class PostgisScoringServiceTest extends ScoringServiceTest {

    @AfterAll
    static void dropSchemas() {
        PostgisTestDatabase.dropCreatedSchemas();
    }

    @Override
    protected FeatureStore openStore() {
        PostgisTestDatabase.require();
        FeatureStore store = PostgisTestDatabase.freshStore();
        store.migrate();
        return store;
    }
}
