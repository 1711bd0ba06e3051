package vn.anttmap.scoring;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;

/**
 * A standard: its criteria by level, and the evaluation periods (Art. 8(2) of Thông tư 124/2021/TT-BCA). Loaded from
 * {@code geodata/standards/<id>.json}; a province's extension file adds criteria (Art. 8(1)).
 */
public record Standard(String id, String nameVi, String nameEn, List<String> aliases, PeriodRule areaPeriod,
                       PeriodRule wardPeriod, List<Criterion> criteria) {

    public Standard {
        aliases = List.copyOf(aliases);
        criteria = List.copyOf(criteria);
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

    /** One decidable part of a criterion; {@code rule} and {@code countingRule} only for computed checks. */
    public record Check(String id, Kind kind, String textVi, String glossEn, Rule rule, String countingRule) {
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

    /** The ids of the checks an officer attests, at one level. */
    public List<String> attestedChecks(Level level) {
        return criteria(level).stream().flatMap(c -> c.checks().stream()).filter(c -> c.kind() == Kind.ATTESTED)
                .map(Check::id).toList();
    }
}
