package vn.anttmap.model;

/**
 * A ward's (or a scope's) incidents of a window by their handling ({@link IncidentLifecycle}): every one received,
 * those handled (status handled or closed), those open (received, assigned, verified) and those whose handling is
 * unknown (no status recorded); and the median and 90th percentile of the minutes from receiving to handling over the
 * handled ones (PERCENTILE_CONT: linear between the two nearest), {@code null} when none is handled.
 */
public record IncidentFigures(long received, long handled, long open, long unknown, Double medianMinutes, Double p90Minutes) {

    /** No incident. */
    public static final IncidentFigures NONE = new IncidentFigures(0, 0, 0, 0, null, null);

    /** Handled of those whose handling is known (handled + open); the unknown are left out. {@code null} when none is known. */
    public Double shareHandled() {
        long known = handled + open;
        return known == 0 ? null : (double) handled / known;
    }

    public Double medianHours() {
        return medianMinutes == null ? null : medianMinutes / 60.0;
    }

    public Double p90Hours() {
        return p90Minutes == null ? null : p90Minutes / 60.0;
    }
}
