package vn.anttmap.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import vn.anttmap.auth.AuthService;
import vn.anttmap.service.ExportService;
import vn.anttmap.service.ExportService.Format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/v1/export?layers=a,b&format=}: layers as the asker may see them, in one file (GeoJSON by default),
 * audited.
 */
final class ExportController {
    private final ExportService exports;
    private final AuthService auth;

    private ExportController(ExportService exports, AuthService auth) {
        this.exports = exports;
        this.auth = auth;
    }

    static void register(Javalin app, ExportService exports, AuthService auth) {
        app.get("/api/v1/export", new ExportController(exports, auth)::export);
    }

    private void export(Context ctx) throws IOException {
        QueryParams.only(ctx, Set.of("layers", "format"));
        String layers = QueryParams.text(ctx, "layers");
        if (layers == null) {
            throw ApiException.badParameter("layers", "required: a comma-separated list of layers");
        }
        Format format;
        List<String> names = Arrays.stream(layers.split(",", -1)).map(String::trim).toList();
        if (names.stream().anyMatch(String::isEmpty)) {
            // ',' split into no layer at all: an empty export answered 200.
            throw ApiException.badParameter("layers", "tên lớp trống trong '" + layers + "' / an empty layer name in '" + layers
                    + "' (a comma-separated list of layers)");
        }
        try {
            format = Format.of(QueryParams.text(ctx, "format") == null ? "geojson" : QueryParams.text(ctx, "format"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            exports.export(Access.principal(ctx), names, format, out);
            auth.audit(Access.principal(ctx).username(), "export", String.join(",", names) + " as " + format);
            ctx.header("Content-Disposition", "attachment; filename=\"" + ExportService.fileName(format, names) + "\"")
                    .result(out.toByteArray());
            String type = ExportService.mediaType(format, names.size());
            if (format == Format.CSV && names.size() == 1) {
                // One CSV file has no room for its coordinate system (a zip holds a .prj beside each): say it here.
                ctx.header("Content-Crs", "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
            }
            if (format == Format.GEOJSON || format == Format.CSV || format == Format.KML) {
                ctx.contentType(type + "; charset=utf-8");
            } else {
                HttpServer.binary(ctx, type, out.toByteArray());
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(e.getMessage().startsWith("không có định dạng") ? "format" : "layers", e.getMessage());
        }
    }
}
