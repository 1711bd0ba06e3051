package vn.anttmap.api;

import vn.anttmap.api.Messages.Key;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.service.ScoringService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Scorecards against Thông tư 124/2021/TT-BCA, and officers' attestations. */
final class ScoreController {
    private final vn.anttmap.service.ScorecardCache scoring;
    private final vn.anttmap.service.EditService edits;
    private final vn.anttmap.service.FeatureService features;

    ScoreController(vn.anttmap.service.ScorecardCache scoring, vn.anttmap.service.EditService edits,
                    vn.anttmap.service.FeatureService features) {
        this.scoring = scoring;
        this.edits = edits;
        this.features = features;
    }

    /**
     * {@code GET /api/v1/standard}, {@code GET /api/v1/scores/areas}, {@code GET /api/v1/scores/areas/{id}},
     * {@code GET /api/v1/scores/wards/{id}}, and {@code POST|GET /api/v1/attestations}.
     */
    static void register(Javalin app, vn.anttmap.service.ScorecardCache cards, vn.anttmap.service.EditService edits,
                         vn.anttmap.service.FeatureService features) {
        ScoreController scores = new ScoreController(cards, edits, features);
        app.get("/api/v1/standard", scores::standard);
        app.get("/api/v1/scores/areas", scores::areas);
        app.get("/api/v1/scores/areas/{id}", scores::area);
        app.get("/api/v1/scores/wards/{id}", scores::ward);
        app.post("/api/v1/attestations", scores::attest);
        app.get("/api/v1/attestations", scores::attestations);
    }

    private static Scorecard shown(Context ctx, Scorecard card, String ward) {
        return vn.anttmap.auth.AccessPolicy.seesExact(Access.principal(ctx), ward) ? card : ScoringService.redacted(card);
    }

    /** {@code GET /api/v1/scores/areas?ward=&year=} */
    void areas(Context ctx) {
        QueryParams.only(ctx, Set.of("ward", "year"));
        String ward = QueryParams.requiredWard(ctx);
        int year = QueryParams.year(ctx);
        List<Scorecard> cards = scoring.scoreAreas(ward, year).stream().map(c -> shown(ctx, c, ward)).toList();
        Map<String, Object> body = header(year);
        body.put("ward", ward);
        body.put("areas", cards);
        HttpServer.json(ctx, 200, body);
    }

    /** {@code GET /api/v1/scores/areas/{id}?year=} */
    void area(Context ctx) {
        QueryParams.only(ctx, Set.of("year"));
        String id = ctx.pathParam("id");
        HttpServer.json(ctx, 200, shown(ctx, scoring.scoreArea(id, QueryParams.year(ctx)), scoring.wardOfArea(id)));
    }

    /** {@code GET /api/v1/scores/wards/{id}?year=} */
    void ward(Context ctx) {
        QueryParams.only(ctx, Set.of("year"));
        String id = ctx.pathParam("id");
        HttpServer.json(ctx, 200, shown(ctx, scoring.scoreWard(id, QueryParams.year(ctx)), id));
    }

    /** {@code GET /api/v1/standard}: the criteria, texts and rules the scores apply. */
    void standard(Context ctx) {
        HttpServer.json(ctx, 200, scoring.standard());
    }

    /** {@code POST /api/v1/attestations} with a JSON body; answers 201 with the stored attestation. */
    void attest(Context ctx) {
        Access.requireWriter(ctx, "attestations");
        JsonNode b;
        try {
            b = HttpServer.JSON.readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, Key.INVALID_INPUT, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (b == null || !b.isObject()) {
            throw new ApiException(400, Key.INVALID_INPUT, "expected a JSON object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("subject_kind", text(b, "subject_kind"));
        values.put("subject_id", text(b, "subject_id"));
        values.put("check_id", text(b, "check_id"));
        values.put("period_year", b.path("year").isInt() ? b.path("year").asInt() : null);
        values.put("attested", b.path("attested").isBoolean() ? b.path("attested").asBoolean() : null);
        // The signed-in account signs (EditService records it); what the body says of a signer is at most the free
        // text "on behalf of / title".
        values.put("attested_at", java.time.OffsetDateTime.now(vn.anttmap.model.VietnamTime.ZONE).toString());
        values.put("signed_for", text(b, "signed_for"));
        values.put("note", text(b, "note"));
        values.put("document_ref", text(b, "document_ref"));
        String id = "att-" + java.util.UUID.randomUUID().toString().substring(0, 18);
        var stored = edits.create(Access.principal(ctx), vn.anttmap.model.Layer.ATTESTATIONS,
                new vn.anttmap.io.RawRecord("request", id, null, values)).feature();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", stored.id());
        body.putAll(stored.properties());
        HttpServer.json(ctx, 201, body);
    }

    /**
     * {@code GET /api/v1/attestations?subject_kind=&subject_id=&year=}: every attestation and declaration recorded for
     * one area or ward and period year, oldest first (the latest per check counts), for those who see the ward's exact
     * records (its officers, admins); 401 for the public, 403 for others.
     */
    void attestations(Context ctx) {
        QueryParams.only(ctx, Set.of("subject_kind", "subject_id", "year"));
        String kind = QueryParams.text(ctx, "subject_kind");
        if (!"area".equals(kind) && !"ward".equals(kind)) {
            throw ApiException.badParameter("subject_kind", "required: area or ward");
        }
        String subject = QueryParams.text(ctx, "subject_id");
        if (subject == null) {
            throw ApiException.badParameter("subject_id", "required: the area's or ward's id");
        }
        int year = QueryParams.year(ctx);
        String ward = "ward".equals(kind) ? subject : scoring.wardOfArea(subject);
        if (!vn.anttmap.auth.AccessPolicy.seesExact(Access.principal(ctx), ward)) {
            throw Access.denied(ctx, "attestations");
        }
        List<Map<String, Object>> found = features.list(vn.anttmap.model.Layer.ATTESTATIONS, vn.anttmap.model.FeatureQuery.ALL
                        .withEqual("subject_kind", kind).withEqual("subject_id", subject).withEqual("period_year", year)).stream()
                .sorted(java.util.Comparator.comparing(a -> (java.time.OffsetDateTime) a.get("attested_at")))
                .map(a -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", a.id());
                    m.putAll(a.properties());
                    return m;
                }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject_kind", kind);
        body.put("subject_id", subject);
        body.put("year", year);
        body.put("attestations", found);
        HttpServer.json(ctx, 200, body);
    }

    private Map<String, Object> header(int year) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("standard", scoring.standard().id());
        body.put("year", year);
        return body;
    }

    private static String text(JsonNode b, String field) {
        return b.hasNonNull(field) ? b.get(field).asText() : null;
    }
}
