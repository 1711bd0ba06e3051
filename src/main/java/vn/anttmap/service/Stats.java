package vn.anttmap.service;

import java.time.LocalDate;
import java.util.Map;

/**
 * The figures of a ward (or one of its residential areas) for a window of days, as the ward reports them.
 *
 * @param ward                 ward id
 * @param area                 area id, or {@code null} for the whole ward
 * @param from                 first day, inclusive (Vietnam's calendar)
 * @param to                   last day, inclusive
 * @param incidents            security-and-order incidents that occurred in the window
 * @param mediatedDisputes     disputes mediated in the window
 * @param videoExtractions     video extractions made in the window
 * @param cameras              cameras installed by {@code to} (status as recorded now)
 * @param households           resident households of the areas valid on {@code to}
 * @param registeredHouseholds households registered for the standard, same areas
 * @param teams                teams and members by kind, for the latest rating year up to {@code to}'s year
 * @param handling             how the window's incidents were handled, or {@code null} for who may not see it (the
 *                             ward's officer-level data: its officers, its leaders, administrators)
 */
public record Stats(String ward, String area, LocalDate from, LocalDate to, Incidents incidents, long mediatedDisputes,
                    long videoExtractions, Cameras cameras, long households, long registeredHouseholds, Teams teams,
                    Handling handling) {

    /** The same figures without the handling (for who may not see it). */
    public Stats withoutHandling() {
        return new Stats(ward, area, from, to, incidents, mediatedDisputes, videoExtractions, cameras, households,
                registeredHouseholds, teams, null);
    }

    /**
     * The handling of the incidents that occurred in the window ({@link vn.anttmap.model.IncidentLifecycle}).
     *
     * @param received            every incident of the window (each was received, whether or not its handling is recorded)
     * @param handled             status handled or closed
     * @param open                status received, assigned or verified
     * @param unknown             no status recorded ("không rõ"): counted neither as handled nor as open
     * @param medianHoursToHandle the median of the handled ones' hours from receiving to handling, {@code null} when none
     */
    public record Handling(long received, long handled, long open, long unknown, Double medianHoursToHandle) {
    }

    /** Incident counts: total, by category code and by Penal Code severity class (crimes only). */
    public record Incidents(long total, Map<String, Long> byCategory, Map<String, Long> bySeverity) {
    }

    public record Cameras(long total, long active) {
    }

    /** @param year the rating year the teams were recorded for, or {@code null} when there are none */
    public record Teams(Integer year, Map<String, TeamCount> byKind) {
    }

    public record TeamCount(long teams, long members) {
    }
}
