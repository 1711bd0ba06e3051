package vn.anttmap.api;

import org.junit.jupiter.api.BeforeAll;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.postgis.PostgisFeatureStore;
import vn.anttmap.store.PostgisTestDatabase;

import java.util.List;

/** {@link SessionRevocationContract} on PostGIS: both nodes and the CLI connect to one schema. */
class PostgisSessionRevocationTest extends SessionRevocationContract {
    String url;

    @BeforeAll
    static void need() {
        PostgisTestDatabase.require();
    }

    @Override
    FeatureStore openStore() {
        if (url == null) {
            url = PostgisTestDatabase.freshSchemaUrl();
        }
        return PostgisFeatureStore.connect(url, null, null);
    }

    @Override
    List<String> storeArgs() {
        return List.of("--db", url);
    }
}
