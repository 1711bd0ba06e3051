package vn.anttmap.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.anttmap.api.Messages.Key;
import vn.anttmap.auth.AccessPolicy;
import vn.anttmap.io.GeoJsonReader;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.IncidentLifecycle;
import vn.anttmap.model.InvalidInputException;
import vn.anttmap.model.Layer;
import vn.anttmap.model.Problem;
import vn.anttmap.service.EditService;

import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Single records of the layers in {@link EditService#EDITABLE}, as GeoJSON Features with their version as the ETag:
 * {@code POST /api/v1/<layer>} (not attestations, which {@link ScoreController} takes), and
 * {@code GET}, {@code PUT} (with {@code If-Match}) and {@code DELETE} (with {@code If-Match}, {@code ?reason=}) of
 * {@code /api/v1/<layer>/{id}}; and {@code POST /api/v1/incidents/{id}/status} (with {@code If-Match}), the next step
 * of an incident's handling.
 */
final class EditController {
    private EditController() {
    }

    static void register(Javalin app, EditService edits) {
        // Before the records' own paths (/{id}), which it must not be taken for.
        app.post("/api/v1/incidents/{id}/status", ctx -> {
            // Decided before the body is read: the role here, the incident's ward (and version) in the service, which
            // reads the body only then.
            Access.requireWriter(ctx, Layer.INCIDENTS.apiName());
            respond(ctx, 200, Layer.INCIDENTS, edits.advance(Access.principal(ctx), ctx.pathParam("id"), () -> step(ctx),
                    ctx.header("If-Match")));
        });
        for (Layer layer : EditService.EDITABLE) {
            String base = "/api/v1/" + layer.apiName();
            if (layer != Layer.ATTESTATIONS) {
                app.post(base, ctx -> {
                    Access.requireWriter(ctx, layer.apiName());
                    EditService.Versioned v = edits.create(Access.principal(ctx), layer, record(ctx));
                    respond(ctx, 201, layer, v);
                });
            }
            app.get(base + "/{id}", ctx -> {
                if (!AccessPolicy.canRead(Access.principal(ctx), layer.apiName())) {
                    throw Access.denied(ctx, layer.apiName());
                }
                EditService.Versioned v = edits.get(layer, ctx.pathParam("id"))
                        .filter(x -> AccessPolicy.visible(Access.principal(ctx), layer.apiName(), x.feature()))
                        .orElseThrow(() -> new ApiException(404, Key.NOT_FOUND, "không có bản ghi " + layer.apiName() + " mã '"
                                + ctx.pathParam("id") + "' / no " + layer.apiName() + " '" + ctx.pathParam("id") + "'"));
                respond(ctx, 200, layer, v);
            });
            app.put(base + "/{id}", ctx -> {
                Access.requireWriter(ctx, layer.apiName());
                respond(ctx, 200, layer, edits.update(Access.principal(ctx), layer, ctx.pathParam("id"), record(ctx),
                        ctx.header("If-Match")));
            });
            app.delete(base + "/{id}", ctx -> {
                Access.requireWriter(ctx, layer.apiName());
                // ?reason= says why (the page asks for it); it goes into the audit entry's detail.
                String reason = QueryParams.text(ctx, "reason");
                if (reason != null && (reason.length() > EditService.MAX_REASON || reason.codePoints().anyMatch(Character::isISOControl))) {
                    throw ApiException.badParameter("reason", "tối đa " + EditService.MAX_REASON
                            + " ký tự, không có ký tự điều khiển / at most " + EditService.MAX_REASON
                            + " characters, no control characters");
                }
                edits.delete(Access.principal(ctx), layer, ctx.pathParam("id"), ctx.header("If-Match"), reason);
                ctx.status(204);
            });
        }
    }

    private static void respond(Context ctx, int status, Layer layer, EditService.Versioned v) {
        ctx.status(status).header("ETag", "\"" + v.version() + "\"").contentType("application/geo+json; charset=utf-8")
                .result(EditService.json(layer, v.feature()));
    }

    /** The members a status change's body may have. */
    private static final java.util.Set<String> STEP_MEMBERS = java.util.Set.of("status", "assigned_to", "handling", "at");

    /**
     * The step a {@code POST …/status} body asks for: {@code {"status": "assigned", "assigned_to": "…"}}, {@code
     * {"status": "handled", "handling": "mediated"}}, each with an optional {@code "at"} (ISO 8601 with its offset).
     */
    private static IncidentLifecycle.Advance step(Context ctx) {
        com.fasterxml.jackson.databind.JsonNode body;
        try {
            body = HttpServer.JSON.readTree(ctx.bodyAsBytes());
        } catch (java.io.IOException e) {
            throw bodyProblem(null, "nội dung không phải JSON hợp lệ / the body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw bodyProblem(null, "cần một đối tượng JSON {\"status\": …} / send a JSON object {\"status\": …}");
        }
        for (java.util.Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!STEP_MEMBERS.contains(name)) {
                throw bodyProblem(name, "trường lạ; các trường: status, assigned_to, handling, at / unknown member; the members are "
                        + "status, assigned_to, handling, at");
            }
            if (!body.get(name).isTextual() && !body.get(name).isNull()) {
                throw bodyProblem(name, "cần một chuỗi / expected a string");
            }
        }
        String status = text(body, "status");
        String assignee = text(body, "assigned_to");
        String handling = text(body, "handling");
        String wanted = "assigned".equals(status) ? "assigned_to" : "handled".equals(status) ? "handling" : null;
        for (String[] given : new String[][] {{"assigned_to", assignee}, {"handling", handling}}) {
            if (given[1] != null && !given[0].equals(wanted)) {
                throw bodyProblem(given[0], "bước '" + status + "' không ghi " + given[0] + " / the step '" + status + "' takes no "
                        + given[0]);
            }
        }
        OffsetDateTime at = null;
        String atText = text(body, "at");
        if (atText != null) {
            try {
                at = OffsetDateTime.parse(atText.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw bodyProblem("at", "không đọc được thời điểm '" + atText + "' (cần ISO 8601 có múi giờ, vd 2023-03-05T21:30:00+07:00)"
                        + " / cannot read the time '" + atText + "' (expected ISO 8601 with its offset, such as 2023-03-05T21:30:00+07:00)");
            }
        }
        return new IncidentLifecycle.Advance(status, at, assignee != null ? assignee : handling);
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode body, String name) {
        com.fasterxml.jackson.databind.JsonNode v = body.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static InvalidInputException bodyProblem(String field, String reason) {
        return new InvalidInputException("request body", new Problem("request body", field, reason));
    }

    /** One GeoJSON Feature from the body. */
    private static RawRecord record(Context ctx) throws java.io.IOException {
        List<RawRecord> records = GeoJsonReader.read("request body", new ByteArrayInputStream(ctx.bodyAsBytes()));
        if (records.size() != 1) {
            throw new ApiException(400, Key.INVALID_INPUT, "send one GeoJSON Feature");
        }
        return records.get(0);
    }
}
