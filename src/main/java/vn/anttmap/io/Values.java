package vn.anttmap.io;

import vn.anttmap.model.VietnamTime;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** How typed attribute values are written in files and in the API: ISO 8601, instants in Vietnam's offset. */
public final class Values {
    private Values() {
    }

    /** The value as text, or {@code null}. */
    public static String format(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof OffsetDateTime t) {
            return iso(VietnamTime.inVietnam(t));
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }

    /**
     * As {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, written directly for whole seconds of years 1000–9999 (a
     * tile of incidents formats one per feature; the formatter costs several times more).
     */
    static String iso(OffsetDateTime t) {
        int year = t.getYear();
        if (t.getNano() != 0 || year < 1000 || year > 9999) {
            return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        String offset = t.getOffset().getId();
        StringBuilder b = new StringBuilder(19 + offset.length());
        b.append(year).append('-');
        two(b, t.getMonthValue()).append('-');
        two(b, t.getDayOfMonth()).append('T');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond());
        return b.append(offset).toString();
    }

    private static StringBuilder two(StringBuilder b, int n) {
        return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }
}
