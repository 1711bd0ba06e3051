package vn.anttmap.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract on PostGIS. Runs when {@code ANTT_TEST_PG_URL} names a PostgreSQL database with PostGIS available
 * (each test gets a schema of its own); skipped visibly otherwise, and failed under {@code CI=true}.
 */
class PostgisFeatureStoreTest extends FeatureStoreContract {

    @AfterAll
    static void dropSchemas() {
        PostgisTestDatabase.dropCreatedSchemas();
    }

    @Override
    protected FeatureStore openFresh() {
        PostgisTestDatabase.require();
        return PostgisTestDatabase.freshStore();
    }

    @Override
    protected StoreKind expectedKind() {
        return StoreKind.POSTGIS;
    }

    @Test
    void anUnreachableDatabaseIsNamedWithItsPasswordMasked() {
        assertThatThrownBy(() -> PostgisFeatureStore.connect(
                "jdbc:postgresql://127.0.0.1:1/nowhere?user=x&password=hunter2&connectTimeout=2", null, null))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot connect to PostGIS at jdbc:postgresql://127.0.0.1:1/nowhere")
                .hasMessageContaining("password=****")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void describesItselfWithoutThePassword() {
        assertThat(store.describe()).startsWith("PostGIS jdbc:postgresql://");
    }
}
