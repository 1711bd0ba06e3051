package vn.anttmap.api;

import vn.anttmap.api.Messages.Key;
import io.javalin.http.Context;
import org.locationtech.jts.geom.Envelope;
import vn.anttmap.model.FeatureQuery;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses and checks the query parameters of the JSON API, each in one method used by every endpoint that takes it
 * (the same refusal wherever it is given wrong): {@code ward}, {@code year}, {@code from}/{@code to}, {@code at},
 * {@code bbox}, {@code tier}, whole numbers and instants.
 */
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

    /**
     * The filter of a layer's endpoint: {@code bbox}, {@code at}, {@code from}–{@code to} (each may be absent; a
     * reversed pair is refused), {@code ward}, {@code area}.
     */
    static FeatureQuery featureQuery(Context ctx) {
        LocalDate from = from(ctx);
        LocalDate to = to(ctx);
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiException.badParameter("to", Key.TO_BEFORE_FROM.format(to, from));
        }
        return new FeatureQuery(bbox(ctx), at(ctx), from, to, ward(ctx), text(ctx, "area"));
    }

    /** {@code ward=}: a ward's id, or {@code null} when absent. */
    static String ward(Context ctx) {
        return text(ctx, "ward");
    }

    /** {@code ward=}, required: the ward the answer is about. */
    static String requiredWard(Context ctx) {
        return requiredWard(ctx, "required: the ward's id");
    }

    /** {@code ward=}, required, refused with the endpoint's own detail when absent. */
    static String requiredWard(Context ctx, String detailWhenAbsent) {
        String ward = ward(ctx);
        if (ward == null) {
            throw ApiException.badParameter("ward", detailWhenAbsent);
        }
        return ward;
    }

    /** The years a scoring period may end in. */
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;

    /**
     * {@code year=}, required: the year a scoring period ends in, {@value #FIRST_YEAR} to {@value #LAST_YEAR}
     * (the page and the report name the period by it).
     */
    static int year(Context ctx) {
        String v = text(ctx, "year");
        if (v == null) {
            throw ApiException.badParameter("year", "required: the year the period ends in, e.g. 2023");
        }
        return parseYear(v).orElseThrow(() -> ApiException.badParameter("year", "'" + v
                + "' không phải một năm từ 2000 đến 2100 / '" + v + "' is not a year between 2000 and 2100"));
    }

    /** A period's year written {@code v}, or empty when it is not a whole number from {@value #FIRST_YEAR} to {@value #LAST_YEAR}. */
    static java.util.OptionalInt parseYear(String v) {
        try {
            int y = Integer.parseInt(v);
            return y >= FIRST_YEAR && y <= LAST_YEAR ? java.util.OptionalInt.of(y) : java.util.OptionalInt.empty();
        } catch (NumberFormatException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /** {@code from=}: the first day (YYYY-MM-DD) of a window, or {@code null} when absent. */
    static LocalDate from(Context ctx) {
        return date(ctx, "from");
    }

    /** {@code to=}: the last day (YYYY-MM-DD) of a window, or {@code null} when absent. */
    static LocalDate to(Context ctx) {
        return date(ctx, "to");
    }

    /** {@code at=}: the day whose boundaries to show (YYYY-MM-DD), or {@code null} for today's. */
    static LocalDate at(Context ctx) {
        return date(ctx, "at");
    }

    /** A window of days, both ends included. */
    record Days(LocalDate from, LocalDate to) {
    }

    /**
     * {@code from=} and {@code to=} of the figures' endpoints, with defaults: {@code to} is {@code today} when absent,
     * {@code from} the first of January of {@code to}'s year; a reversed window is refused.
     */
    static Days period(Context ctx, LocalDate today) {
        LocalDate to = to(ctx);
        to = to == null ? today : to;
        LocalDate from = from(ctx);
        from = from == null ? to.withDayOfYear(1) : from;
        if (to.isBefore(from)) {
            throw ApiException.badParameter("to", Key.TO_BEFORE_FROM.format(to, from));
        }
        return new Days(from, to);
    }

    /**
     * An instant named {@code name}: a day (its start in Vietnam) or an ISO instant with its offset; {@code null}
     * when absent.
     */
    static java.time.OffsetDateTime instant(Context ctx, String name) {
        String v = text(ctx, name);
        if (v == null) {
            return null;
        }
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(vn.anttmap.model.VietnamTime.ZONE).toOffsetDateTime()
                    : java.time.OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, "'" + v + "' is not an ISO date or instant");
        }
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
