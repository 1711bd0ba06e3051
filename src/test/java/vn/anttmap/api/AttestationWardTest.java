package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.TestAuth;
import vn.anttmap.model.Account;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: an officer got 404 on their own ward's area attestations and the export held 3 of their ward's 29 (the
 * ward's own), because the access policy gave an attestation a ward only when its subject was a ward. An attestation
 * now carries its ward ({@code ward_id}, derived when written: the area's ward for an area's), and every way out
 * agrees: the export and the single record hold exactly the ward's attestations, to its officers and no one else's.
 */
class AttestationWardTest {
    static App.Services services;

    @BeforeAll
    static void load() throws IOException {
        services = vn.anttmap.DemoFixture.services("att-ward");
    }

    @AfterAll
    static void close() {
        services.close();
    }

    @Test
    void anOfficerSeesEveryAttestationOfTheirWardByEveryWayOut() {
        Map<String, String> areaWard = services.store().query(Layer.AREAS, FeatureQuery.ALL).stream()
                .collect(Collectors.toMap(Feature::id, a -> a.text("ward_id")));
        List<Feature> all = services.store().query(Layer.ATTESTATIONS, FeatureQuery.ALL);
        // Written with their ward: the ward itself, or the area's.
        for (Feature a : all) {
            assertThat(a.text("ward_id")).as(a.id()).isEqualTo("ward".equals(a.text("subject_kind")) ? a.text("subject_id")
                    : areaWard.get(a.text("subject_id")));
        }
        Map<String, Set<String>> byWard = all.stream().collect(Collectors.groupingBy(a -> a.text("ward_id"),
                Collectors.mapping(Feature::id, Collectors.toSet())));
        String ward = byWard.keySet().stream().sorted().findFirst().orElseThrow();
        String other = services.store().query(Layer.WARDS, FeatureQuery.ALL).stream().map(Feature::id)
                .filter(w -> !w.equals(ward)).findFirst().orElseThrow();
        Set<String> own = byWard.get(ward);
        assertThat(own.stream().map(id -> all.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow().text("subject_kind")))
                .contains("area", "ward");
        String officer = TestAuth.token(services, Account.Role.OFFICER, ward);
        String otherOfficer = TestAuth.token(services, Account.Role.OFFICER, other);
        vn.anttmap.TestHttp.test(HttpServer.create(services, new HttpServer.PageConfig("t", "t")), (server, client) -> {
            Response r = client.get("/api/v1/export?layers=attestations&format=geojson", TestAuth.bearer(officer));
            assertThat(r.code()).isEqualTo(200);
            Set<String> exported = new HashSet<>();
            for (JsonNode f : HttpServer.JSON.readTree(r.body().string()).path("features")) {
                exported.add(f.path("id").asText());
            }
            assertThat(exported).isEqualTo(own);
            String areaAttestation = own.stream().filter(id -> all.stream().anyMatch(a -> a.id().equals(id)
                    && "area".equals(a.text("subject_kind")))).findFirst().orElseThrow();
            assertThat(client.get("/api/v1/attestations/" + areaAttestation, TestAuth.bearer(officer)).code()).isEqualTo(200);
            assertThat(client.get("/api/v1/attestations/" + areaAttestation, TestAuth.bearer(otherOfficer)).code()).isEqualTo(404);
            Response o = client.get("/api/v1/export?layers=attestations&format=geojson", TestAuth.bearer(otherOfficer));
            Set<String> otherExported = new HashSet<>();
            for (JsonNode f : HttpServer.JSON.readTree(o.body().string()).path("features")) {
                otherExported.add(f.path("id").asText());
            }
            assertThat(otherExported).isEqualTo(byWard.getOrDefault(other, Set.of())).doesNotContainAnyElementsOf(own);
        });
    }
}
