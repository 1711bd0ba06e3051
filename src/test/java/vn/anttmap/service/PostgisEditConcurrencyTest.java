package vn.anttmap.service;

import org.junit.jupiter.api.AfterAll;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.postgis.PostgisFeatureStore;
import vn.anttmap.store.PostgisTestDatabase;

/**
 * Writers holding one version on PostGIS (each test gets a schema of its own; the second set of services connects
 * to it with a pool of its own, as another server node would): runs when {@code ANTT_TEST_PG_URL} names a database;
 * skipped visibly otherwise, and failed under {@code CI=true}.
 */
class PostgisEditConcurrencyTest extends EditConcurrencyTest {
    private String url;

    @AfterAll
    static void dropSchemas() {
        PostgisTestDatabase.dropCreatedSchemas();
    }

    @Override
    protected FeatureStore openStore() {
        PostgisTestDatabase.require();
        url = PostgisTestDatabase.freshSchemaUrl();
        FeatureStore store = PostgisFeatureStore.connect(url, null, null);
        store.migrate();
        return store;
    }

    @Override
    protected FeatureStore openSameDatabase() {
        return PostgisFeatureStore.connect(url, null, null);
    }
}
