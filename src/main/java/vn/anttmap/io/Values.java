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
            return VietnamTime.inVietnam(t).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }
}
