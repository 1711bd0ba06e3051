package vn.anttmap.service;

import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.scoring.Standard;
import vn.anttmap.store.Aggregate;
import vn.anttmap.store.FeatureStore;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Incident trends of a ward or a residential area: counts per month and per scoring period, by category, and the
 * year-on-year change. Every figure is a grouped count over the area and ward each incident was assigned to when it
 * was written.
 */
public final class TrendService {
    /** Without a period, trends cover this many whole months. */
    public static final int DEFAULT_MONTHS = 24;

    private final FeatureStore store;
    private final Standard standard;

    public TrendService(FeatureStore store, Standard standard) {
        this.store = store;
        this.standard = standard;
    }

    /** Incidents of one month (or part of one, at the window's ends). */
    public record Month(String month, LocalDate first, LocalDate last, long total, Map<String, Long> byCategory) {
    }

    /** Incidents of one scoring period of the standard, cut to the window. */
    public record Period(int year, LocalDate first, LocalDate last, boolean whole, long total, Map<String, Long> byCategory) {
    }

    /**
     * The last period to date against the same days a year before.
     *
     * @param changePercent {@code null} when there were none before
     */
    public record YearOnYear(LocalDate first, LocalDate last, long count, LocalDate previousFirst, LocalDate previousLast,
                             long previousCount, Double changePercent, Map<String, Long> byCategory,
                             Map<String, Long> previousByCategory) {
    }

    public record Trends(String wardId, String areaId, LocalDate from, LocalDate to, List<Month> months,
                         List<Period> periods, YearOnYear yearOnYear) {
    }

    /**
     * @param from first day, or {@code null} for the {@value #DEFAULT_MONTHS} months to {@code to}
     * @throws NoSuchElementException   for an unknown ward or area
     * @throws IllegalArgumentException for an area of another ward or a reversed window
     */
    public Trends trends(String wardId, String areaId, LocalDate from, LocalDate to) {
        StatsService.requireWardAndArea(store, wardId, areaId);
        if (from == null) {
            from = YearMonth.from(to).minusMonths(DEFAULT_MONTHS - 1).atDay(1);
        }
        vn.anttmap.model.DayRange.requireOrdered(from, to);
        if (YearMonth.from(from).plusMonths(240).isBefore(YearMonth.from(to))) {
            throw new IllegalArgumentException("from: the window is longer than 20 years");
        }
        FeatureQuery where = FeatureQuery.ALL.withWard(wardId).withArea(areaId);
        List<Month> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            LocalDate first = max(m.atDay(1), from);
            LocalDate last = min(m.atEndOfMonth(), to);
            Map<String, Long> by = byCategory(where, first, last);
            months.add(new Month(m.toString(), first, last, sum(by), by));
        }
        Standard.PeriodRule rule = standard.period(areaId == null ? Standard.Level.WARD : Standard.Level.AREA);
        List<Period> periods = new ArrayList<>();
        int firstYear = yearOf(rule, from);
        int lastYear = yearOf(rule, to);
        for (int y = firstYear; y <= lastYear; y++) {
            Standard.Period p = rule.of(y);
            LocalDate first = max(p.first(), from);
            LocalDate last = min(p.last(), to);
            Map<String, Long> by = byCategory(where, first, last);
            periods.add(new Period(y, first, last, first.equals(p.first()) && last.equals(p.last()), sum(by), by));
        }
        Standard.Period current = rule.of(lastYear);
        LocalDate first = current.first();
        LocalDate last = min(current.last(), to);
        Map<String, Long> now = byCategory(where, first, last);
        Map<String, Long> before = byCategory(where, first.minusYears(1), last.minusYears(1));
        long n = sum(now);
        long b = sum(before);
        Double change = b == 0 ? null : Math.round(1000.0 * (n - b) / b) / 10.0;
        return new Trends(wardId, areaId, from, to, months, periods,
                new YearOnYear(first, last, n, first.minusYears(1), last.minusYears(1), b, change, now, before));
    }

    /** The year of the period that contains the day. */
    static int yearOf(Standard.PeriodRule rule, LocalDate day) {
        for (int y = day.getYear(); y <= day.getYear() + 1; y++) {
            if (rule.of(y).contains(day)) {
                return y;
            }
        }
        return day.getYear();
    }

    private Map<String, Long> byCategory(FeatureQuery where, LocalDate first, LocalDate last) {
        Map<String, Long> m = new TreeMap<>();
        for (Aggregate a : store.aggregate(Layer.INCIDENTS, where.withDays(first, last), "category", null)) {
            if (a.key() != null) {
                m.put(a.key(), a.count());
            }
        }
        return m;
    }

    private static long sum(Map<String, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
