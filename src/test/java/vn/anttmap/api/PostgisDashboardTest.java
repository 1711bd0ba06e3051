package vn.anttmap.api;

import org.junit.jupiter.api.Test;
import vn.anttmap.model.IncidentFigures;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.PostgisTestDatabase;
import vn.anttmap.store.postgis.PostgisBaseline;
import vn.anttmap.store.postgis.PostgisFeatureStore;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

    /** The bench's hand-written SQL (spatial joins) finds the figures the store counts, on the same records. */
    @Test
    void theBenchsHandWrittenSqlAgreesWithTheStore() throws Exception {
        LocalDate from = LocalDate.of(2025, 1, 1);
        LocalDate to = LocalDate.of(2025, 12, 31);
        IncidentFigures ours = node.store().wardFigures(List.of("a1", "a2"), from, to).incidentTotals();
        try (PostgisBaseline pg = new PostgisBaseline(url, null, null)) {
            PostgisBaseline.DashboardTotals sql = pg.dashboard(List.of("a1", "a2"), from, to, from.minusYears(1), to.minusYears(1)).value();
            assertThat(new long[]{sql.received(), sql.handled(), sql.open(), sql.unknown(), sql.cameras()})
                    .containsExactly(ours.received(), ours.handled(), ours.open(), ours.unknown(), 4);
            assertThat(ours.medianMinutes()).isCloseTo(180.0, within(1e-9));
            assertThat(ours.p90Minutes()).isCloseTo(492.0, within(1e-9));
            assertThat(sql.medianMinutes()).isCloseTo(ours.medianMinutes(), within(1e-9));
            assertThat(sql.p90Minutes()).isCloseTo(ours.p90Minutes(), within(1e-9));
        }
    }
}
