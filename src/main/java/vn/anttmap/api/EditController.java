package vn.anttmap.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.anttmap.api.Messages.Key;
import vn.anttmap.auth.AccessPolicy;
import vn.anttmap.io.GeoJsonReader;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Layer;
import vn.anttmap.service.EditService;

import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Single records of the layers in {@link EditService#EDITABLE}, as GeoJSON Features with their version as the ETag:
 * {@code POST /api/v1/<layer>} (not attestations, which {@link ScoreController} takes), and
 * {@code GET}, {@code PUT} (with {@code If-Match}) and {@code DELETE} (with {@code If-Match}, {@code ?reason=}) of
 * {@code /api/v1/<layer>/{id}}.
 */
final class EditController {
    private EditController() {
    }

    static void register(Javalin app, EditService edits) {
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

    /** One GeoJSON Feature from the body. */
    private static RawRecord record(Context ctx) throws java.io.IOException {
        List<RawRecord> records = GeoJsonReader.read("request body", new ByteArrayInputStream(ctx.bodyAsBytes()));
        if (records.size() != 1) {
            throw new ApiException(400, Key.INVALID_INPUT, "send one GeoJSON Feature");
        }
        return records.get(0);
    }
}
