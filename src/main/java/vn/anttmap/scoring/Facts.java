package vn.anttmap.scoring;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What is known of one residential area or ward for one period year: the records the computed checks count and the
 * attestations of the others. Incidents cover both the period and the one before it (for K4a).
 *
 * @param residentHouseholds   resident households, or {@code null} if unknown
 * @param registeredHouseholds households registered for the standard, or {@code null} if unknown
 * @param householdsAsOf       the day the household figures are from, or {@code null}
 * @param units                for a ward: its residential areas' registration and verdicts (X4), else {@code null}
 * @param residents            residents, for the advisory rate per 1,000, or {@code null}
 * @param coverage             advisory camera coverage shares (area, roads, incidents), possibly empty
 * @param incidentCounts       instead of listing incidents: the {@link Scorer#incidentCounts} already counted (by the
 *                             database), by name; {@code null} when {@code incidents} lists them. Cards scored from
 *                             counts carry the same statuses and figures but no incident ids as evidence.
 */
public record Facts(String subjectId, Standard.Level level, int year, Long residentHouseholds, Long registeredHouseholds,
                    LocalDate householdsAsOf, List<Incident> incidents, List<Record> socialRecords, List<Team> teams,
                    Map<String, Attestation> attestations, Units units, Long residents, Map<String, Double> coverage,
                    Map<String, Long> incidentCounts) {

    /** With the incidents listed. */
    public Facts(String subjectId, Standard.Level level, int year, Long residentHouseholds, Long registeredHouseholds,
                 LocalDate householdsAsOf, List<Incident> incidents, List<Record> socialRecords, List<Team> teams,
                 Map<String, Attestation> attestations, Units units, Long residents, Map<String, Double> coverage) {
        this(subjectId, level, year, residentHouseholds, registeredHouseholds, householdsAsOf, incidents, socialRecords,
                teams, attestations, units, residents, coverage, null);
    }

    /** Without advisory camera coverage. */
    public Facts(String subjectId, Standard.Level level, int year, Long residentHouseholds, Long registeredHouseholds,
                 LocalDate householdsAsOf, List<Incident> incidents, List<Record> socialRecords, List<Team> teams,
                 Map<String, Attestation> attestations, Units units, Long residents) {
        this(subjectId, level, year, residentHouseholds, registeredHouseholds, householdsAsOf, incidents, socialRecords,
                teams, attestations, units, residents, Map.of());
    }

    public Facts {
        coverage = coverage == null ? Map.of() : Map.copyOf(coverage);
        incidents = List.copyOf(incidents);
        socialRecords = List.copyOf(socialRecords);
        teams = List.copyOf(teams);
        attestations = Map.copyOf(attestations);
        incidentCounts = incidentCounts == null ? null : Map.copyOf(incidentCounts);
    }

    /** An incident as the checks see it; {@code day} is its day in Vietnam. */
    public record Incident(String id, LocalDate day, String category, String severity, boolean forceMajeure,
                           boolean promptlyHandled, boolean serious, int deaths) {
        /** A field by its name in the incidents layer, for {@link vn.anttmap.model.Condition}s. */
        public Object field(String name) {
            return switch (name) {
                case "category" -> category;
                case "severity" -> severity;
                case "force_majeure" -> forceMajeure;
                case "promptly_handled" -> promptlyHandled;
                case "serious" -> serious;
                case "deaths" -> deaths;
                default -> throw new IllegalArgumentException("an incident has no field " + name);
            };
        }
    }

    /** A K4c record: {@code count} new hotspots or new persons with a social evil, recorded on {@code day}. */
    public record Record(String id, LocalDate day, String kind, int count) {
    }

    public record Team(String id, String kind, String rating, int disciplinedMembers) {
    }

    /** The latest attestation of a check: who said yes or no, when, and on what document. */
    public record Attestation(String id, boolean attested, String attestedBy, OffsetDateTime attestedAt, String note,
                              String documentRef) {
    }

    /**
     * A ward's residential areas for X4.
     *
     * @param total        residential areas of the ward
     * @param registered   areas whose registration (K1.q1) is attested yes
     * @param unregistered areas whose registration is attested no
     * @param recognised   areas whose verdict is đạt
     * @param undecided    areas whose verdict is chưa đủ căn cứ
     */
    public record Units(int total, int registered, int unregistered, int recognised, int undecided) {
    }
}
