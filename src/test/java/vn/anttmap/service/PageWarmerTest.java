package vn.anttmap.service;

import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.model.Account;
import vn.anttmap.model.Layer;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.time.Clock;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PageWarmer}: after a start, what the page waits for before it is drawn (each opening ward's area scorecards and
 * its own outline at the page's first tolerance) is kept before any page asks, for the default ward and every
 * account's ward.
 */
class PageWarmerTest {

    @Test
    void theDefaultWardAndEveryAccountsWardAreReadyForTheFirstPaint() throws Exception {
        try (H2gisFeatureStore store = H2gisFeatureStore.inMemory("warmer-" + UUID.randomUUID())) {
            store.migrate();
            App.Services services = App.services(store, Clock.systemUTC());
            DemoData.load(services.importer());
            services.auth().addUser("officer-bm", Account.Role.OFFICER, "binh-minh", vn.anttmap.TestAuth.PASSWORD.toCharArray());
            services.auth().addUser("admin", Account.Role.ADMIN, null, vn.anttmap.TestAuth.PASSWORD.toCharArray());
            PageWarmer warmer = new PageWarmer(services.features(), services.cards(), services.coverage(), services.hotspots(),
                    services.auth());
            assertThat(services.cards().kept()).isZero();
            assertThat(services.features().outlinesKept(Layer.WARDS)).isZero();

            PageWarmer.Summary done = warmer.warm();

            // The demo's ward (the one with areas) first, then the officer's; the administrator has no ward.
            assertThat(done.wards()).containsExactly(DemoFiles.WARD_ID, "binh-minh");
            assertThat(done.failed()).isEmpty();
            // One list of cards per ward (Bình Minh's is empty: it has no areas) and each ward's own outline.
            assertThat(services.cards().kept()).isEqualTo(2);
            assertThat(services.features().outlinesKept(Layer.WARDS)).isEqualTo(2);
            int year = services.features().defaultPeriod().last().getYear();
            assertThat(services.cards().scoreAreas(DemoFiles.WARD_ID, year)).hasSize(14);
            assertThat(services.cards().kept()).as("served from what was kept").isEqualTo(2);
        }
    }
}
