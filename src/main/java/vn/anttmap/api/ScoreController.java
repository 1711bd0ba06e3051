package vn.anttmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.service.ScoringService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Scorecards against Thông tư 124/2021/TT-BCA, and officers' attestations. */
final class ScoreController {
    private final ScoringService scoring;

    ScoreController(ScoringService scoring) {
        this.scoring = scoring;
    }

    /** {@code GET /api/v1/scores/areas?ward=&year=} */
    void areas(Context ctx) {
        QueryParams.only(ctx, Set.of("ward", "year"));
        String ward = QueryParams.text(ctx, "ward");
        if (ward == null) {
            throw ApiException.badParameter("ward", "required: the ward's id");
        }
        int year = year(ctx);
        List<Scorecard> cards = scoring.scoreAreas(ward, year);
        Map<String, Object> body = header(year);
        body.put("ward", ward);
        body.put("areas", cards);
        HttpServer.json(ctx, 200, body);
    }

    /** {@code GET /api/v1/scores/areas/{id}?year=} */
    void area(Context ctx) {
        QueryParams.only(ctx, Set.of("year"));
        HttpServer.json(ctx, 200, scoring.scoreArea(ctx.pathParam("id"), year(ctx)));
    }

    /** {@code GET /api/v1/scores/wards/{id}?year=} */
    void ward(Context ctx) {
        QueryParams.only(ctx, Set.of("year"));
        HttpServer.json(ctx, 200, scoring.scoreWard(ctx.pathParam("id"), year(ctx)));
    }

    /** {@code GET /api/v1/standard}: the criteria, texts and rules the scores apply. */
    void standard(Context ctx) {
        HttpServer.json(ctx, 200, scoring.standard());
    }

    /** {@code POST /api/v1/attestations} with a JSON body; answers 201 with the stored attestation. */
    void attest(Context ctx) {
        JsonNode b;
        try {
            b = HttpServer.JSON.readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, ErrorMessages.INVALID_INPUT, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (b == null || !b.isObject()) {
            throw new ApiException(400, ErrorMessages.INVALID_INPUT, "expected a JSON object");
        }
        var stored = scoring.attest(new ScoringService.AttestationRequest(text(b, "subject_kind"), text(b, "subject_id"),
                text(b, "check_id"), b.path("year").isInt() ? b.path("year").asInt() : null,
                b.path("attested").isBoolean() ? b.path("attested").asBoolean() : null, text(b, "attested_by"),
                text(b, "note"), text(b, "document_ref")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", stored.id());
        body.putAll(stored.properties());
        HttpServer.json(ctx, 201, body);
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

    static int year(Context ctx) {
        String v = QueryParams.text(ctx, "year");
        if (v == null) {
            throw ApiException.badParameter("year", "required: the year the period ends in, e.g. 2023");
        }
        try {
            int y = Integer.parseInt(v);
            if (y < 2000 || y > 2100) {
                throw new NumberFormatException();
            }
            return y;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter("year", "'" + v + "' is not a year between 2000 and 2100");
        }
    }
}
