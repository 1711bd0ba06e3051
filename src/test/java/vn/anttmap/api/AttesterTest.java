package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.TestAuth;
import vn.anttmap.auth.Principal;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Account;
import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;
import vn.anttmap.service.ScoringService;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attestations are signed by the signed-in user (issue 17): through the API the account that writes an attestation
 * is its {@code attested_by}, whatever the body says, on create and on edit; {@code signed_for} (chức vụ, thay mặt)
 * is kept beside it and never replaces it. The operator's import and the scoring service keep the name they are given.
 */
class AttesterTest {
    static App.Services services;
    static String officer;
    static String colleague;

    @BeforeAll
    static void load() throws IOException {
        services = vn.anttmap.DemoFixture.services("attester");
        officer = TestAuth.token(services, Account.Role.OFFICER, "hai-hoa");
        services.auth().addUser("colleague-hh", Account.Role.OFFICER, "hai-hoa", TestAuth.PASSWORD.toCharArray());
        colleague = services.auth().createToken("colleague-hh", "test");
    }

    @AfterAll
    static void close() {
        services.close();
    }

    static io.javalin.Javalin app() {
        return HttpServer.create(services, new HttpServer.PageConfig("t", "t"));
    }

    @Test
    void theSignedInAccountSignsOnCreateAndOnEditAndTheFreeTextSaysMore() {
        vn.anttmap.TestHttp.test(app(), (server, client) -> {
            String body = "{\"subject_kind\":\"area\",\"subject_id\":\"tdp-quang-trung\",\"check_id\":\"register_complete\","
                    + "\"year\":2025,\"attested\":true,\"attested_by\":\"Đại tá Nguyễn Văn Khác\","
                    + "\"signed_for\":\"Phó trưởng Công an phường, thay mặt Trưởng\",\"document_ref\":\"Sổ 01/2025\"}";
            Response created = AccessAndEditTest.send(client, "POST", "/api/v1/attestations", body, TestAuth.bearer(officer));
            String text = created.body().string();
            assertThat(created.code()).as(text).isEqualTo(201);
            JsonNode j = HttpServer.JSON.readTree(text);
            String id = j.path("id").asText();
            assertThat(j.path("attested_by").asText()).isEqualTo("test-officer-hai-hoa");
            assertThat(j.path("signed_for").asText()).isEqualTo("Phó trưởng Công an phường, thay mặt Trưởng");
            Feature stored = services.store().get(Layer.ATTESTATIONS, id).orElseThrow();
            assertThat(stored.text("attested_by")).isEqualTo("test-officer-hai-hoa");

            // A colleague edits it, naming the first officer as the signer: the colleague signs.
            Response got = client.get("/api/v1/attestations/" + id, TestAuth.bearer(colleague));
            String etag = got.header("ETag");
            JsonNode feature = HttpServer.JSON.readTree(got.body().string());
            Map<String, Object> props = HttpServer.JSON.convertValue(feature.path("properties"), Map.class);
            props = new LinkedHashMap<>(props);
            props.put("attested", false);
            props.put("attested_by", "test-officer-hai-hoa");
            props.put("signed_for", null);
            String put = HttpServer.JSON.writeValueAsString(Map.of("type", "Feature", "properties", props));
            Response edited = AccessAndEditTest.send(client, "PUT", "/api/v1/attestations/" + id, put, b -> {
                TestAuth.bearer(colleague).accept(b);
                b.header("If-Match", etag);
            });
            assertThat(edited.code()).as(edited.body().string()).isEqualTo(200);
            Feature after = services.store().get(Layer.ATTESTATIONS, id).orElseThrow();
            assertThat(after.text("attested_by")).isEqualTo("colleague-hh");
            assertThat(after.get("attested")).isEqualTo(false);
            assertThat(after.text("signed_for")).isNull();

            // Leaving attested_by out is fine: the account fills it.
            Response noName = AccessAndEditTest.send(client, "POST", "/api/v1/attestations", "{\"subject_kind\":\"ward\","
                    + "\"subject_id\":\"hai-hoa\",\"check_id\":\"register_complete\",\"year\":2025,\"attested\":true,"
                    + "\"document_ref\":\"Sổ 02/2025\"}",
                    TestAuth.bearer(colleague));
            String noNameText = noName.body().string();
            assertThat(noName.code()).as(noNameText).isEqualTo(201);
            assertThat(HttpServer.JSON.readTree(noNameText).path("attested_by").asText()).isEqualTo("colleague-hh");

            JsonNode card = HttpServer.JSON.readTree(client.get("/api/v1/attestations?subject_kind=area&subject_id=tdp-quang-trung&year=2025",
                    TestAuth.bearer(officer)).body().string());
            assertThat(card.path("attestations").toString()).contains("colleague-hh").doesNotContain("Đại tá Nguyễn Văn Khác");
        });
    }

    @Test
    void theOperatorsImportAndTheScoringServiceKeepTheNameTheyAreGiven() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("subject_kind", "area");
        values.put("subject_id", "tdp-quang-trung");
        values.put("check_id", "register_complete");
        values.put("period_year", 2026);
        values.put("attested", true);
        values.put("attested_by", "Trưởng Công an phường Hải Hòa");
        values.put("attested_at", "2026-10-28T08:00:00+07:00");
        values.put("signed_for", "theo biên bản");
        values.put("document_ref", "Sổ 01/2026");
        String id = "att-import-" + UUID.randomUUID().toString().substring(0, 8);
        services.importer().importRecords(Layer.ATTESTATIONS, "file.csv", java.util.List.of(new RawRecord("file.csv:2", id, null, values)));
        assertThat(services.store().get(Layer.ATTESTATIONS, id).orElseThrow().text("attested_by")).isEqualTo("Trưởng Công an phường Hải Hòa");
        // The operator at the machine has no account: through the edit service, the record's name stays too.
        String local = id + "-local";
        services.edits().create(Principal.ADMIN_LOCAL, Layer.ATTESTATIONS, new RawRecord("cli", local, null, values));
        assertThat(services.store().get(Layer.ATTESTATIONS, local).orElseThrow().text("attested_by")).isEqualTo("Trưởng Công an phường Hải Hòa");

        Feature f = services.scoring().attest(new ScoringService.AttestationRequest("area", "tdp-quang-trung", "register_complete",
                2026, true, "officer-hh", null, "Sổ 02/2026", "thay mặt Trưởng Công an phường"));
        assertThat(f.text("attested_by")).isEqualTo("officer-hh");
        assertThat(f.text("signed_for")).isEqualTo("thay mặt Trưởng Công an phường");
    }
}
