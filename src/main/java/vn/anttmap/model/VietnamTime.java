package vn.anttmap.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Days and period boundaries are Vietnam's, whatever zone a timestamp arrived in. */
public final class VietnamTime {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private VietnamTime() {
    }

    /** The calendar day in Vietnam on which the instant falls. */
    public static LocalDate localDay(OffsetDateTime instant) {
        return instant.atZoneSameInstant(ZONE).toLocalDate();
    }

    /** The same instant, written with Vietnam's offset (+07:00). */
    public static OffsetDateTime inVietnam(OffsetDateTime instant) {
        return instant.atZoneSameInstant(ZONE).toOffsetDateTime();
    }
}
