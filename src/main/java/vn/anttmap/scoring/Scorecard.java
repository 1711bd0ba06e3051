package vn.anttmap.scoring;

import java.util.List;

/**
 * The result of scoring one area or ward for one period: a status per check and per criterion, and the verdict.
 */
public record Scorecard(String subjectId, Standard.Level level, int year, Standard.Period period,
                        Standard.Period previousPeriod, Verdict verdict, List<CriterionResult> criteria,
                        Advisory advisory, List<Hint> hints) {

    public Scorecard {
        criteria = List.copyOf(criteria);
        hints = hints == null ? List.of() : List.copyOf(hints);
    }

    public Scorecard(String subjectId, Standard.Level level, int year, Standard.Period period, Standard.Period previousPeriod,
                     Verdict verdict, List<CriterionResult> criteria, Advisory advisory) {
        this(subjectId, level, year, period, previousPeriod, verdict, criteria, advisory, List.of());
    }

    /** The same card with these hints. */
    public Scorecard withHints(List<Hint> more) {
        return new Scorecard(subjectId, level, year, period, previousPeriod, verdict, criteria, advisory, more);
    }

    /**
     * A lead the data gives on a check, which an officer confirms (by recording what the check counts) or dismisses.
     * Never part of the verdict.
     *
     * @param kind     what found it, e.g. {@code emerging_hotspot}
     * @param evidence what it points at on the map
     */
    public record Hint(String checkId, String kind, String textVi, String textEn, List<Evidence> evidence) {
        public Hint {
            evidence = List.copyOf(evidence);
        }
    }

    public enum Status {
        MET, NOT_MET,
        /** An attested check with no attestation yet (or a measure waiting on such checks). */
        NEEDS_ATTESTATION,
        /**
         * A computed check that the records cannot decide: no household count, no team record or rating, the incident
         * register not declared complete, an incident whose deciding field is not recorded.
         */
        NO_DATA
    }

    /** đạt / chưa đạt / chưa đủ căn cứ. */
    public enum Verdict {
        DAT("đạt", "met"), CHUA_DAT("chưa đạt", "not met"), CHUA_DU_CAN_CU("chưa đủ căn cứ", "not yet decidable");

        private final String vi;
        private final String en;

        Verdict(String vi, String en) {
            this.vi = vi;
            this.en = en;
        }

        public String vi() {
            return vi;
        }

        public String en() {
            return en;
        }

        /** Not met if any part is not met; otherwise undecided if any part is undecided; otherwise met. */
        static Verdict of(List<Status> statuses) {
            if (statuses.contains(Status.NOT_MET)) {
                return CHUA_DAT;
            }
            if (statuses.contains(Status.NEEDS_ATTESTATION) || statuses.contains(Status.NO_DATA)) {
                return CHUA_DU_CAN_CU;
            }
            return DAT;
        }
    }

    /** What a check points at: a record of a layer, which the map can show. */
    public record Evidence(String layer, String id, String label) {
    }

    /**
     * An incident left out of a check's count by a recorded exception decision, with the decision behind it.
     *
     * @param id        the incident's id ({@code layer} is {@code incidents})
     * @param exception {@code force_majeure} (bất khả kháng) or {@code prompt_handling} (kịp thời phát hiện, giảm
     *                  thiểu hậu quả và báo cáo ngay)
     */
    public record Excepted(String layer, String id, String label, String exception, String exceptionVi,
                           String exceptionEn, String decisionId, String decidedBy, java.time.LocalDate decidedOn,
                           String documentRef) {
    }

    /**
     * @param measured   the measured value (a count, a share), or {@code null}
     * @param comparison how it is compared
     * @param threshold  with what ({@code null} where it is the previous period's count, shown in {@code note})
     * @param evidence   the records behind the measured value
     * @param exceptions incidents left out of the count by an exception decision the circular allows (force majeure,
     *                   prompt handling), each with its decision, shown so nobody mistakes them for an oversight
     * @param attestation the attestation behind an attested check
     * @param missing    records whose deciding field is not recorded ("cần bổ sung thông tin"): while there are any
     *                   and nothing else decides the check, it is undecided
     * @param note       what the figure means and why the status, in Vietnamese (or {@code null})
     * @param noteEn     the same in English
     */
    public record CheckResult(String checkId, Standard.Kind kind, Status status, Double measured, String comparison,
                              Double threshold, String note, List<Evidence> evidence, List<Excepted> exceptions,
                              Facts.Attestation attestation, List<Evidence> missing, String noteEn) {
        public CheckResult {
            evidence = List.copyOf(evidence);
            exceptions = List.copyOf(exceptions);
            missing = missing == null ? List.of() : List.copyOf(missing);
        }

        /** With one note for both languages (a figure, or none). */
        public CheckResult(String checkId, Standard.Kind kind, Status status, Double measured, String comparison,
                           Double threshold, String note, List<Evidence> evidence, List<Excepted> exceptions,
                           Facts.Attestation attestation, List<Evidence> missing) {
            this(checkId, kind, status, measured, comparison, threshold, note, evidence, exceptions, attestation, missing,
                    note);
        }

        /** Without evidence, exceptions, attestation and missing records: as someone who may not see them sees it. */
        public CheckResult redacted() {
            return new CheckResult(checkId, kind, status, measured, comparison, threshold, note, List.of(), List.of(),
                    null, List.of(), noteEn);
        }
    }

    public record CriterionResult(String criterionId, Status status, List<CheckResult> checks) {
        public CriterionResult {
            checks = List.copyOf(checks);
        }
    }

    /**
     * Indicators that help but are <b>not part of the circular</b>.
     *
     * @param incidentsNow         incidents of any category in the period
     * @param incidentsBefore      the same in the previous period
     * @param changePercent        the year-on-year change in percent, or {@code null} when there were none before
     * @param incidentsPer1000     incidents per 1,000 residents, or {@code null} when residents are unknown
     * @param cameraCoverage       shares of the area, road length and incidents that working cameras see
     */
    public record Advisory(String note, long incidentsNow, long incidentsBefore, Double changePercent,
                           Double incidentsPer1000, java.util.Map<String, Double> cameraCoverage) {
    }
}
