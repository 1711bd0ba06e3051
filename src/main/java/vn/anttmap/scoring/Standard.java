package vn.anttmap.scoring;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;

/**
 * A standard: its criteria by level, and the evaluation periods (Art. 8(2) of Thông tư 124/2021/TT-BCA). Loaded from
 * {@code geodata/standards/<id>.json}; a province's extension file adds criteria (Art. 8(1)).
 */
public record Standard(String id, String nameVi, String nameEn, List<String> aliases, LocalDate inForce,
                       String replacesVi, PeriodRule areaPeriod, PeriodRule wardPeriod, List<Criterion> criteria,
                       List<Declaration> declarations) {

    /**
     * The declaration that a subject's incident register (sổ theo dõi vụ việc) for a period is complete and up to date:
     * without it no check computed from incidents reads met.
     */
    public static final String REGISTER_COMPLETE = "register_complete";
    /** A residential area's registration to aim for the standard in the year (X4 counts it). */
    public static final String REGISTRATION = "registration";

    public Standard {
        aliases = List.copyOf(aliases);
        criteria = List.copyOf(criteria);
        declarations = declarations == null ? List.of() : List.copyOf(declarations);
    }

    /**
     * Something an officer declares for an area or ward and a period year that is not a check of its own but decides
     * others (the incident register is complete; the area registered), recorded as an attestation with this id.
     */
    public record Declaration(String id, List<Level> levels, String textVi, String glossEn) {
        public Declaration {
            levels = List.copyOf(levels);
        }
    }

    /** Raised for a period that ended before the standard came into force. */
    public static final class NotInForceException extends IllegalArgumentException {
        private final String vi;
        private final String en;

        /** The reason in Vietnamese and in English; the message holds both, "vi / en". */
        public NotInForceException(String vi, String en) {
            super(vi + " / " + en);
            this.vi = vi;
            this.en = en;
        }

        public String vi() {
            return vi;
        }

        public String en() {
            return en;
        }
    }

    /**
     * Refuses a period year whose period at {@code level} ended before the standard came into force.
     *
     * @throws NotInForceException naming the period's last day, the day in force and what applied before
     */
    public void requireInForce(Level level, int year) {
        Period p = period(level).of(year);
        if (inForce != null && p.last().isBefore(inForce)) {
            java.time.format.DateTimeFormatter vn = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
            java.util.regex.Matcher number = java.util.regex.Pattern.compile("Thông tư (?:số )?(\\S+)").matcher(nameVi);
            String name = number.find() ? "Thông tư " + number.group(1) : id;
            String span = p.first().format(vn) + "–" + p.last().format(vn);
            throw new NotInForceException("kỳ đánh giá năm " + year + " (" + span + ") kết thúc trước ngày "
                    + inForce.format(vn) + ", ngày " + name + " có hiệu lực" + (replacesVi == null ? "" : "; trước đó áp dụng "
                    + replacesVi), "the " + year + " period (" + span + ") ended before " + inForce.format(vn) + ", when "
                    + name + " came into force" + (replacesVi == null ? "" : "; " + replacesVi + " applied before"));
        }
    }

    /** Residential areas (khu dân cư) or wards (xã, phường, thị trấn). */
    public enum Level { AREA, WARD }

    /** Checks are computed from records, or attested by an officer. */
    public enum Kind { COMPUTED, ATTESTED }

    /** A lettered point of a criterion (a, b, c, …), for display. */
    public record Point(String letter, String textVi, String glossEn) {
    }

    public record Criterion(String id, Level level, String article, String textVi, String glossEn, List<Point> points,
                            List<Check> checks) {
        public Criterion {
            points = List.copyOf(points);
            checks = List.copyOf(checks);
        }
    }

    /**
     * One decidable part of a criterion; {@code rule} and {@code countingRule} only for computed checks.
     *
     * @param summary whether {@code textVi} is a summary of the circular's words rather than its exact wording
     */
    public record Check(String id, Kind kind, String textVi, String glossEn, Rule rule, String countingRule,
                        boolean summary) {
    }

    /**
     * How a computed check is measured and compared.
     *
     * @param measure     the measure's name (see {@link Scorer})
     * @param categories  incident categories counted, where the measure counts incidents
     * @param severities  Penal Code severity classes counted, or empty for any
     * @param exceptions  incident flags that exclude an incident from the count (shown as exceptions)
     * @param comparison  {@code ==}, {@code <}, {@code <=}, {@code >=}
     * @param threshold   the number compared with, or {@code null} where it is the previous period
     * @param teamKind    for team ratings: the kind of team
     * @param ratings     for team ratings: the ratings that pass
     */
    public record Rule(String measure, List<String> categories, List<String> severities, List<String> exceptions,
                       String comparison, Double threshold, String teamKind, List<String> ratings) {
        public Rule {
            categories = List.copyOf(categories);
            severities = List.copyOf(severities);
            exceptions = List.copyOf(exceptions);
            ratings = List.copyOf(ratings);
        }
    }

    /** A yearly period from one month-day to the next year's: {@code year} names the year it ends in. */
    public record PeriodRule(MonthDay first, MonthDay last) {
        public Period of(int year) {
            return new Period(first.atYear(year - 1), last.atYear(year));
        }
    }

    /** Days {@code first..last}, both inclusive, in Vietnam's calendar. */
    public record Period(LocalDate first, LocalDate last) {
        public boolean contains(LocalDate day) {
            return !day.isBefore(first) && !day.isAfter(last);
        }
    }

    public List<Criterion> criteria(Level level) {
        return criteria.stream().filter(c -> c.level() == level).toList();
    }

    public Optional<Check> check(String checkId) {
        return criteria.stream().flatMap(c -> c.checks().stream()).filter(c -> c.id().equals(checkId)).findFirst();
    }

    public PeriodRule period(Level level) {
        return level == Level.AREA ? areaPeriod : wardPeriod;
    }

    /** The ids of what an officer attests at one level: the attested checks, then the declarations. */
    public List<String> attestedChecks(Level level) {
        List<String> out = new java.util.ArrayList<>(criteria(level).stream().flatMap(c -> c.checks().stream())
                .filter(c -> c.kind() == Kind.ATTESTED).map(Check::id).toList());
        declarations.stream().filter(d -> d.levels().contains(level)).forEach(d -> out.add(d.id()));
        return out;
    }
}
