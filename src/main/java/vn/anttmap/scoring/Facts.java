package vn.anttmap.scoring;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What is known of one residential area or ward for one period year: the records the computed checks count and the
 * attestations of the others. Incidents cover both the period and the one before it (for K4a).
 *
 * @param residentHouseholds   resident households from the latest dated household count, or {@code null} if none
 * @param registeredHouseholds households registered for the standard, from the same count, or {@code null}
 * @param householdsAsOf       the day of that count, or {@code null}
 * @param attestations         the latest attestation per check id of this period year, declarations included
 *                             ({@link Standard#REGISTER_COMPLETE}, {@link Standard#REGISTRATION})
 * @param units                for a ward: the units X4 counts (residential areas and organisations), else {@code null}
 * @param residents            residents, for the advisory rate per 1,000, or {@code null}
 * @param coverage             advisory camera coverage shares (area, roads, incidents), possibly empty
 * @param incidentCounts       instead of listing incidents: the {@link Scorer#incidentCounts} already counted (by the
 *                             database), by name; {@code null} when {@code incidents} lists them. Cards scored from
 *                             counts carry the same statuses and figures but no incident ids as evidence.
 * @param previousRegister     the declaration that the incident register of the previous period year is complete,
 *                             or {@code null} (K4a compares with that period)
 * @param decisions            exception decisions on incidents of the area or ward (K4b, K4d), each with the
 *                             incident it names as the checks see it
 */
public record Facts(String subjectId, Standard.Level level, int year, Long residentHouseholds, Long registeredHouseholds,
                    LocalDate householdsAsOf, List<Incident> incidents, List<Record> socialRecords, List<Team> teams,
                    Map<String, Attestation> attestations, List<Unit> units, Long residents, Map<String, Double> coverage,
                    Map<String, Long> incidentCounts, Attestation previousRegister, List<Decision> decisions) {

    /** With the incidents listed, no decisions and no previous register declaration. */
    public Facts(String subjectId, Standard.Level level, int year, Long residentHouseholds, Long registeredHouseholds,
                 LocalDate householdsAsOf, List<Incident> incidents, List<Record> socialRecords, List<Team> teams,
                 Map<String, Attestation> attestations, List<Unit> units, Long residents) {
        this(subjectId, level, year, residentHouseholds, registeredHouseholds, householdsAsOf, incidents, socialRecords,
                teams, attestations, units, residents, Map.of(), null, null, List.of());
    }

    public Facts {
        coverage = coverage == null ? Map.of() : Map.copyOf(coverage);
        incidents = List.copyOf(incidents);
        socialRecords = List.copyOf(socialRecords);
        teams = List.copyOf(teams);
        attestations = Map.copyOf(attestations);
        units = units == null ? null : List.copyOf(units);
        incidentCounts = incidentCounts == null ? null : Map.copyOf(incidentCounts);
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }

    /** The same facts with the previous period's register declaration and these exception decisions. */
    public Facts with(Attestation previous, List<Decision> moreDecisions) {
        return new Facts(subjectId, level, year, residentHouseholds, registeredHouseholds, householdsAsOf, incidents,
                socialRecords, teams, attestations, units, residents, coverage, incidentCounts, previous, moreDecisions);
    }

    /**
     * An incident as the checks see it; {@code day} is its day in Vietnam. {@code severity}, {@code serious} and
     * {@code deaths} are {@code null} where the record does not say (unknown, not "no").
     */
    public record Incident(String id, LocalDate day, String category, String severity, Boolean serious, Integer deaths) {
        /** A field by its name in the incidents layer, for {@link vn.anttmap.model.Condition}s. */
        public Object field(String name) {
            return switch (name) {
                case "category" -> category;
                case "severity" -> severity;
                case "serious" -> serious;
                case "deaths" -> deaths;
                default -> throw new IllegalArgumentException("an incident has no field " + name);
            };
        }
    }

    /** A K4c record: {@code count} new hotspots or new persons with a social evil, recorded on {@code day}. */
    public record Record(String id, LocalDate day, String kind, int count) {
    }

    /** A team of the period year; {@code rating} is {@code null} while it has not been rated. */
    public record Team(String id, String kind, String name, String rating, int disciplinedMembers) {
    }

    /** The latest attestation of a check: who said yes or no, when, and on what document. */
    public record Attestation(String id, boolean attested, String attestedBy, OffsetDateTime attestedAt, String note,
                              String documentRef, String signedFor) {
        public Attestation(String id, boolean attested, String attestedBy, OffsetDateTime attestedAt, String note,
                           String documentRef) {
            this(id, attested, attestedBy, attestedAt, note, documentRef, null);
        }
    }

    /**
     * A decision that an incident is excepted from a check's count (K4b: force majeure, or detected promptly, harm
     * limited and reported at once; K4d: force majeure only): which exception, who decided, when, on what document.
     *
     * @param checkId   {@code K4b} or {@code K4d} (the ward's X2.K4b and X2.K4d follow the same decision)
     * @param exception {@code force_majeure} or {@code prompt_handling}
     * @param incident  the incident it names, or {@code null} when that incident is no longer recorded
     */
    public record Decision(String id, String incidentId, String checkId, String exception, String decidedBy,
                           LocalDate decidedOn, String documentRef, Incident incident) {
    }

    /**
     * A unit X4 counts: a residential area, or an agency, enterprise or educational institution managed on the ward's
     * territory.
     *
     * @param kind       {@code area}, {@code agency}, {@code enterprise} or {@code school}
     * @param registered whether it registered for the year ({@code null}: not recorded)
     * @param recognised whether it was recognised for the year ({@code null}: no result yet; for an area, a verdict of
     *                   chưa đủ căn cứ)
     */
    public record Unit(String kind, String id, String name, Boolean registered, Boolean recognised) {
    }
}
