package vn.anttmap.api;

import vn.anttmap.api.Messages.Key;
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
            throw new ApiException(400, Key.UNKNOWN_PARAMETER, Key.UNKNOWN_PARAMETERS.format(String.join(", ", unknown),
                    String.join(", ", new TreeSet<>(known))));
        }
    }

    static FeatureQuery featureQuery(Context ctx) {
        LocalDate from = date(ctx, "from");
        LocalDate to = date(ctx, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiException.badParameter("to", Key.TO_BEFORE_FROM.format(to, from));
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
            throw ApiException.badParameter("tier", Key.NOT_ONE_OF.format(v, "detect, observe, recognise, identify"));
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
        throw ApiException.badParameter(name, Key.NOT_A_WHOLE_NUMBER.format(v, min, max));
    }

    static LocalDate date(Context ctx, String name) {
        String v = text(ctx, name);
        return v == null ? null : parseDate(name, v);
    }

    static LocalDate parseDate(String name, String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, Key.NOT_AN_ISO_DATE.format(v));
        }
    }

    static Envelope bbox(Context ctx) {
        String v = text(ctx, "bbox");
        if (v == null) {
            return null;
        }
        String[] parts = v.split(",");
        if (parts.length != 4) {
            throw ApiException.badParameter("bbox", Key.BBOX_FOUR.format(v));
        }
        double[] n = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                n[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw ApiException.badParameter("bbox", Key.NOT_A_NUMBER.format(parts[i].trim()));
            }
            if (!Double.isFinite(n[i])) {
                // NaN passed every comparison below and reached the database.
                throw ApiException.badParameter("bbox", Key.NOT_FINITE.format(parts[i].trim()));
            }
        }
        if (n[0] > n[2] || n[1] > n[3]) {
            throw ApiException.badParameter("bbox", Key.BBOX_REVERSED.format(v));
        }
        if (Math.abs(n[1]) > 90 || Math.abs(n[3]) > 90 || Math.abs(n[0]) > 180 || Math.abs(n[2]) > 180) {
            throw ApiException.badParameter("bbox", Key.BBOX_OUTSIDE.text());
        }
        return new Envelope(n[0], n[2], n[1], n[3]);
    }
}
