package vn.anttmap.auth;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.anttmap.App;
import vn.anttmap.DemoFixture;
import vn.anttmap.model.Account.Role;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One access policy: where it writes a layer's rule as a database filter (for tiles and OGC pages read by the
 * database), the filter keeps exactly the records {@link AccessPolicy#visible} lets the same principal see, on the
 * demo's incidents and cameras, for every role.
 */
class AccessPolicyScopeTest {
    static App.Services services;

    @BeforeAll
    static void load() throws IOException {
        services = DemoFixture.services("scope");
    }

    @AfterAll
    static void close() {
        services.close();
    }

    static Stream<Arguments> cases() {
        List<Principal> who = List.of(Principal.PUBLIC, Principal.ADMIN_LOCAL, new Principal("p", Role.PLANNER, null),
                new Principal("o", Role.OFFICER, "hai-hoa"), new Principal("n", Role.OFFICER, "ninh-hai"),
                new Principal("l", Role.LEADER, "province:Thanh Hóa", Set.of("hai-hoa", "binh-minh", "hai-nhan", "ninh-hai")),
                new Principal("l1", Role.LEADER, "hai-hoa", Set.of("hai-hoa")),
                new Principal("l2", Role.LEADER, "ninh-hai,binh-minh", Set.of("ninh-hai", "binh-minh")));
        return who.stream().flatMap(p -> Stream.of(Arguments.of(p, Layer.INCIDENTS), Arguments.of(p, Layer.CAMERAS)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theDatabaseFilterKeepsExactlyWhatThePolicyShows(Principal who, Layer layer) {
        List<Feature> all = services.store().query(layer, FeatureQuery.ALL);
        Set<String> visible = all.stream().filter(f -> AccessPolicy.visible(who, layer.apiName(), f)).map(Feature::id)
                .collect(Collectors.toCollection(TreeSet::new));
        var scope = AccessPolicy.databaseScope(who, layer.apiName());
        if (scope.isPresent()) {
            Set<String> filtered = services.store().query(layer, scope.get()).stream().map(Feature::id)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(filtered).isEqualTo(visible);
        }
        if (who.is(Role.ADMIN)) {
            assertThat(scope).isPresent();
            assertThat(visible).hasSize(all.size());
        }
        if (who.isPublic() && layer == Layer.INCIDENTS) {
            assertThat(scope).isEmpty();
            assertThat(visible).isEmpty();
        }
    }
}
