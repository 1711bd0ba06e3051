package vn.anttmap.api;

import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.PostgisTestDatabase;
import vn.anttmap.store.postgis.PostgisFeatureStore;

/** {@link DashboardContract} on PostGIS: both nodes connect to one schema. */
class PostgisDashboardTest extends DashboardContract {
    String url;

    @Override
    FeatureStore openStore() {
        PostgisTestDatabase.require();
        if (url == null) {
            url = PostgisTestDatabase.freshSchemaUrl();
        }
        return PostgisFeatureStore.connect(url, null, null);
    }
}
