package vn.anttmap.model;

import java.time.LocalDate;

/** A window of days, both ends included, checked once: the end is not before the start. */
public final class DayRange {
    private DayRange() {
    }

    /**
     * Refuses a reversed window, in Vietnamese and English (the API answers the side of the asked language; the
     * command line prints both).
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    public static void requireOrdered(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("ngày kết thúc (to) " + to + " trước ngày bắt đầu (from) " + from
                    + " / to " + to + " is before from " + from);
        }
    }
}
