package vn.anttmap.api;

import io.javalin.http.Context;
import org.locationtech.jts.geom.Envelope;
import vn.anttmap.model.FeatureQuery;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

/** Parses and checks the query parameters of the feature endpoints. */
final class QueryParams {
    private QueryParams() {
    }

    /** Refuses parameters the endpoint does not know, so that a typo is not silently ignored. */
    static void only(Context ctx, Set<String> known) {
        Set<String> unknown = new TreeSet<>(ctx.queryParamMap().keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new ApiException(400, ErrorMessages.UNKNOWN_PARAMETER, String.join(", ", unknown)
                    + " (this endpoint takes " + String.join(", ", new TreeSet<>(known)) + ")");
        }
    }

    static FeatureQuery featureQuery(Context ctx) {
        LocalDate from = date(ctx, "from");
        LocalDate to = date(ctx, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiException.badParameter("to", "'" + to + "' is before from '" + from + "'");
        }
        return new FeatureQuery(bbox(ctx), date(ctx, "at"), from, to, text(ctx, "ward"), text(ctx, "area"));
    }

    static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** {@code tier=detect|observe|recognise|identify} (EN 62676-4), or {@code null}. */
    static vn.anttmap.siting.ImageTier tier(Context ctx) {
        String v = text(ctx, "tier");
        if (v == null) {
            return null;
        }
        try {
            return vn.anttmap.siting.ImageTier.valueOf(v.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("tier", "'" + v + "' is not one of detect, observe, recognise, identify");
        }
    }

    /** A whole number between {@code min} and {@code max}, or {@code fallback} when absent. */
    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String v = text(ctx, name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badParameter(name, "'" + v + "' is not a whole number from " + min + " to " + max);
    }

    static LocalDate date(Context ctx, String name) {
        String v = text(ctx, name);
        return v == null ? null : parseDate(name, v);
    }

    static LocalDate parseDate(String name, String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, "'" + v + "' is not an ISO date (YYYY-MM-DD)");
        }
    }

    static Envelope bbox(Context ctx) {
        String v = text(ctx, "bbox");
        if (v == null) {
            return null;
        }
        String[] parts = v.split(",");
        if (parts.length != 4) {
            throw ApiException.badParameter("bbox", "expected 4 numbers minLon,minLat,maxLon,maxLat, got '" + v + "'");
        }
        double[] n = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                n[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw ApiException.badParameter("bbox", "'" + parts[i].trim() + "' is not a number");
            }
            if (!Double.isFinite(n[i])) {
                // NaN passed every comparison below and reached the database.
                throw ApiException.badParameter("bbox", "'" + parts[i].trim() + "' không phải số hữu hạn / is not a finite number");
            }
        }
        if (n[0] > n[2] || n[1] > n[3]) {
            throw ApiException.badParameter("bbox", "minimum greater than maximum in '" + v + "' (order is minLon,minLat,maxLon,maxLat)");
        }
        if (Math.abs(n[1]) > 90 || Math.abs(n[3]) > 90 || Math.abs(n[0]) > 180 || Math.abs(n[2]) > 180) {
            throw ApiException.badParameter("bbox", "outside longitude -180..180 / latitude -90..90 (order is minLon,minLat,maxLon,maxLat)");
        }
        return new Envelope(n[0], n[2], n[1], n[3]);
    }
}
