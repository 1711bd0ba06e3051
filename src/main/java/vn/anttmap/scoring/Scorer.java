package vn.anttmap.scoring;

import vn.anttmap.scoring.Scorecard.CheckResult;
import vn.anttmap.scoring.Scorecard.CriterionResult;
import vn.anttmap.scoring.Scorecard.Evidence;
import vn.anttmap.scoring.Scorecard.Status;
import vn.anttmap.scoring.Standard.Check;
import vn.anttmap.scoring.Standard.Period;
import vn.anttmap.scoring.Standard.Rule;

import vn.anttmap.model.Condition;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@link Standard} to the {@link Facts} of one area or ward. The measures:
 * <ul>
 *   <li>{@code registered_household_share}: registered / resident households;</li>
 *   <li>{@code incident_count}: incidents in the period of the rule's categories (and severities), less those
 *       excepted by a flag of the rule's {@code exceptions};</li>
 *   <li>{@code incident_count_change}: the same count against the previous period; met when lower, or when zero in
 *       both (held down);</li>
 *   <li>{@code social_order_record_count}: K4c records in the period, added up;</li>
 *   <li>{@code serious_accident_count}: serious fires or explosions, work accidents with deaths, serious incidents,
 *       less those excepted;</li>
 *   <li>{@code security_team_rating}: teams of the rule's kind failing (rating not among {@code ratings}, or a
 *       disciplined member); no data when there is no team record;</li>
 *   <li>{@code registered_unit_share}, {@code recognised_unit_share}: X4 over the ward's residential areas.</li>
 * </ul>
 */
public final class Scorer {
    static final String ADVISORY_NOTE = "Không thuộc tiêu chí của Thông tư 124/2021/TT-BCA / not part of the circular";

    private Scorer() {
    }

    public static Scorecard score(Standard standard, Facts facts) {
        Period period = standard.period(facts.level()).of(facts.year());
        Period previous = standard.period(facts.level()).of(facts.year() - 1);
        List<CriterionResult> criteria = new ArrayList<>();
        List<Status> all = new ArrayList<>();
        for (Standard.Criterion c : standard.criteria(facts.level())) {
            List<CheckResult> checks = new ArrayList<>();
            for (Check check : c.checks()) {
                CheckResult r = check.kind() == Standard.Kind.ATTESTED
                        ? attested(check, facts) : computed(check, facts, period, previous);
                checks.add(r);
                all.add(r.status());
            }
            criteria.add(new CriterionResult(c.id(), Scorecard.Verdict.of(statuses(checks)) == Scorecard.Verdict.DAT
                    ? Status.MET : worst(checks), checks));
        }
        return new Scorecard(facts.subjectId(), facts.level(), facts.year(), period, previous,
                Scorecard.Verdict.of(all), criteria, advisory(facts, period, previous));
    }

    /** The checks' statuses, in order (a loop: this runs for every check of every area when all are scored). */
    private static List<Status> statuses(List<CheckResult> checks) {
        List<Status> out = new ArrayList<>(checks.size());
        for (CheckResult c : checks) {
            out.add(c.status());
        }
        return out;
    }

    private static Status worst(List<CheckResult> checks) {
        List<Status> s = statuses(checks);
        if (s.contains(Status.NOT_MET)) {
            return Status.NOT_MET;
        }
        return s.contains(Status.NEEDS_ATTESTATION) ? Status.NEEDS_ATTESTATION : Status.NO_DATA;
    }

    private static CheckResult attested(Check check, Facts facts) {
        Facts.Attestation a = facts.attestations().get(check.id());
        if (a == null) {
            return new CheckResult(check.id(), check.kind(), Status.NEEDS_ATTESTATION, null, null, null,
                    "cần xác nhận của cán bộ / needs an officer's attestation", List.of(), List.of(), null);
        }
        return new CheckResult(check.id(), check.kind(), a.attested() ? Status.MET : Status.NOT_MET, null, null, null,
                null, List.of(new Evidence("attestations", a.id(), a.attestedBy())), List.of(), a);
    }

    private static CheckResult computed(Check check, Facts facts, Period period, Period previous) {
        Rule rule = check.rule();
        return switch (rule.measure()) {
            case "registered_household_share" -> householdShare(check, facts);
            case "incident_count" -> incidentCount(check, facts, period, previous);
            case "incident_count_change" -> incidentChange(check, facts, period, previous);
            case "social_order_record_count" -> socialRecords(check, facts, period);
            case "serious_accident_count" -> seriousAccidents(check, facts, period, previous);
            case "security_team_rating" -> teams(check, facts);
            case "registered_unit_share" -> unitShare(check, facts, true);
            case "recognised_unit_share" -> unitShare(check, facts, false);
            default -> throw new IllegalArgumentException("check " + check.id() + ": unknown measure " + rule.measure());
        };
    }

    private static CheckResult householdShare(Check check, Facts f) {
        Rule r = check.rule();
        if (f.residentHouseholds() == null || f.registeredHouseholds() == null || f.residentHouseholds() == 0) {
            return result(check, Status.NO_DATA, null, "không có số hộ / no household counts", List.of(), List.of());
        }
        double share = (double) f.registeredHouseholds() / f.residentHouseholds();
        String note = f.registeredHouseholds() + "/" + f.residentHouseholds()
                + (f.householdsAsOf() == null ? "" : " (" + f.householdsAsOf() + ")");
        return result(check, compare(share, r.comparison(), r.threshold()) ? Status.MET : Status.NOT_MET, share, note,
                List.of(), List.of());
    }

    private static CheckResult incidentCount(Check check, Facts f, Period period, Period previous) {
        Counted counted = count(f, check.id() + "/counted", () -> countedBy(check, period));
        Counted excepted = count(f, check.id() + "/excepted", () -> exceptedBy(check, period));
        return countResult(check, counted, excepted);
    }

    private static CheckResult incidentChange(Check check, Facts f, Period period, Period previous) {
        Counted now = count(f, check.id() + "/counted", () -> countedBy(check, period));
        long before = count(f, check.id() + "/before", () -> beforeBy(check, previous)).n();
        boolean heldDown = now.n() == 0 && before == 0;
        boolean met = heldDown || now.n() < before;
        String note = "kỳ trước / previous period: " + before + (heldDown ? "; không có vụ việc ở cả hai kỳ / none in either" : "");
        return new CheckResult(check.id(), check.kind(), met ? Status.MET : Status.NOT_MET, (double) now.n(), "<",
                (double) before, note, now.evidence(), List.of(), null);
    }

    private static CheckResult socialRecords(Check check, Facts f, Period period) {
        List<Evidence> ev = new ArrayList<>();
        long total = 0;
        for (Facts.Record r : f.socialRecords()) {
            if (period.contains(r.day())) {
                total += r.count();
                ev.add(new Evidence("social_records", r.id(), r.kind() + " × " + r.count() + " (" + r.day() + ")"));
            }
        }
        Rule rule = check.rule();
        return result(check, compare(total, rule.comparison(), rule.threshold()) ? Status.MET : Status.NOT_MET,
                (double) total, null, ev, List.of());
    }

    private static CheckResult seriousAccidents(Check check, Facts f, Period period, Period previous) {
        return countResult(check, count(f, check.id() + "/counted", () -> countedBy(check, period)),
                count(f, check.id() + "/excepted", () -> exceptedBy(check, period)));
    }

    private static CheckResult teams(Check check, Facts f) {
        Rule r = check.rule();
        List<Facts.Team> teams = new ArrayList<>(f.teams().size());
        for (Facts.Team t : f.teams()) {
            if (t.kind().equals(r.teamKind())) {
                teams.add(t);
            }
        }
        if (teams.isEmpty()) {
            return result(check, Status.NO_DATA, null, "không có hồ sơ tổ " + r.teamKind() + " năm " + f.year()
                    + " / no " + r.teamKind() + " team record for " + f.year(), List.of(), List.of());
        }
        List<Evidence> failing = new ArrayList<>();
        List<Evidence> all = new ArrayList<>();
        for (Facts.Team t : teams) {
            Evidence e = new Evidence("teams", t.id(), t.rating() + ", disciplined " + t.disciplinedMembers());
            all.add(e);
            if (t.rating() == null || !r.ratings().contains(t.rating()) || t.disciplinedMembers() > 0) {
                failing.add(e);
            }
        }
        return result(check, compare(failing.size(), r.comparison(), r.threshold()) ? Status.MET : Status.NOT_MET,
                (double) failing.size(), "tổ không đạt / teams failing", failing.isEmpty() ? all : failing, List.of());
    }

    private static CheckResult unitShare(Check check, Facts f, boolean registration) {
        Facts.Units u = f.units();
        if (u == null || u.total() == 0) {
            return result(check, Status.NO_DATA, null, "không có khu dân cư / no residential areas", List.of(), List.of());
        }
        Rule r = check.rule();
        int yes = registration ? u.registered() : u.recognised();
        int pending = registration ? u.total() - u.registered() - u.unregistered() : u.undecided();
        double share = (double) yes / u.total();
        String note = yes + "/" + u.total() + (pending > 0 ? "; " + pending + " chưa đủ căn cứ / undecided" : "");
        Status s;
        if (compare(share, r.comparison(), r.threshold())) {
            s = Status.MET;
        } else if (compare((double) (yes + pending) / u.total(), r.comparison(), r.threshold())) {
            s = Status.NEEDS_ATTESTATION;
        } else {
            s = Status.NOT_MET;
        }
        return result(check, s, share, note, List.of(), List.of());
    }

    // ------------------------------------------------------------------ incident counts as conditions

    /** Incident fields a check's exceptions name, by the flag's name in the standard. */
    private static final List<String> EXCEPTION_FLAGS = List.of("force_majeure", "promptly_handled");

    /**
     * Every incident count the cards of {@code level} for {@code year} need, as conditions on the incidents layer: per
     * counting check {@code <id>/counted} and {@code <id>/excepted}, per change check also {@code <id>/before}, and
     * {@code advisory/now}, {@code advisory/before}. The same conditions count listed incidents here (with their ids as
     * evidence) and stored incidents in the database ({@link Facts#incidentCounts}).
     */
    public static List<Condition.Count> incidentCounts(Standard standard, Standard.Level level, int year) {
        Period period = standard.period(level).of(year);
        Period previous = standard.period(level).of(year - 1);
        List<Condition.Count> out = new ArrayList<>();
        for (Standard.Criterion c : standard.criteria(level)) {
            for (Check check : c.checks()) {
                if (check.kind() == Standard.Kind.ATTESTED) {
                    continue;
                }
                switch (check.rule().measure()) {
                    case "incident_count", "serious_accident_count" -> {
                        out.add(countedBy(check, period));
                        out.add(exceptedBy(check, period));
                    }
                    case "incident_count_change" -> {
                        out.add(countedBy(check, period));
                        out.add(beforeBy(check, previous));
                    }
                    default -> {
                    }
                }
            }
        }
        out.add(advisoryCount("advisory/now", period));
        out.add(advisoryCount("advisory/before", previous));
        return out;
    }

    private static Condition.Count advisoryCount(String name, Period p) {
        return new Condition.Count(name, List.of(Condition.ANY.days(p.first(), p.last())));
    }

    /** The incidents a check is about in a period, before exceptions: one condition per alternative. */
    private static List<Condition> about(Check check, Period p) {
        Rule rule = check.rule();
        Condition base = Condition.ANY.days(p.first(), p.last());
        if ("serious_accident_count".equals(rule.measure())) {
            // Serious fires or explosions, work accidents with deaths, serious incidents.
            return List.of(base.in("category", List.of("fire_explosion")).isTrue("serious"),
                    base.in("category", List.of("work_accident")).positive("deaths"),
                    base.in("category", List.of("serious_incident")));
        }
        Condition c = base.in("category", rule.categories());
        return List.of(rule.severities().isEmpty() ? c : c.in("severity", rule.severities()));
    }

    private static List<String> exceptionFlags(Check check) {
        return EXCEPTION_FLAGS.stream().filter(check.rule().exceptions()::contains).toList();
    }

    /** What a check counts in its period (for a change check: with no exceptions). */
    private static Condition.Count countedBy(Check check, Period period) {
        List<Condition> out = new ArrayList<>();
        for (Condition c : about(check, period)) {
            for (String flag : "incident_count_change".equals(check.rule().measure()) ? List.<String>of() : exceptionFlags(check)) {
                c = c.notTrue(flag);
            }
            out.add(c);
        }
        return new Condition.Count(check.id() + "/counted", out);
    }

    /** What a check would count but for a flag its rule excepts. */
    private static Condition.Count exceptedBy(Check check, Period period) {
        List<Condition> out = new ArrayList<>();
        for (Condition c : about(check, period)) {
            for (String flag : exceptionFlags(check)) {
                out.add(c.isTrue(flag));
            }
        }
        return new Condition.Count(check.id() + "/excepted", out);
    }

    /** What a change check counts in the previous period. */
    private static Condition.Count beforeBy(Check check, Period previous) {
        return new Condition.Count(check.id() + "/before", about(check, previous));
    }

    /** How many, and with listed incidents, which (in the order listed). */
    private record Counted(long n, List<Evidence> evidence) {
    }

    /** The count named {@code name}: looked up when counted already, else {@code conditions} applied to the listed incidents. */
    private static Counted count(Facts f, String name, java.util.function.Supplier<Condition.Count> conditions) {
        if (f.incidentCounts() != null) {
            Long n = f.incidentCounts().get(name);
            if (n == null) {
                // Not counted is not zero: a check whose count was never asked for must not pass as "none".
                throw new IllegalStateException("incident count " + name + " was not counted (see Scorer.incidentCounts)");
            }
            return new Counted(n, List.of());
        }
        Condition.Count count = conditions.get();
        List<Evidence> ev = new ArrayList<>();
        for (Facts.Incident i : f.incidents()) {
            if (count.matches(i.day(), i::field)) {
                ev.add(evidence(i));
            }
        }
        return new Counted(ev.size(), ev);
    }

    private static CheckResult countResult(Check check, Counted counted, Counted excepted) {
        Rule r = check.rule();
        return result(check, compare(counted.n(), r.comparison(), r.threshold()) ? Status.MET : Status.NOT_MET,
                (double) counted.n(), excepted.n() == 0 ? null
                        : excepted.n() + " vụ được loại trừ (bất khả kháng / kịp thời xử lý) / excepted", counted.evidence(),
                excepted.evidence());
    }

    private static CheckResult result(Check check, Status status, Double measured, String note, List<Evidence> evidence,
                                      List<Evidence> exceptions) {
        return new CheckResult(check.id(), check.kind(), status, measured, check.rule().comparison(),
                check.rule().threshold(), note, evidence, exceptions, null);
    }

    static boolean compare(double value, String comparison, Double threshold) {
        double t = threshold == null ? 0 : threshold;
        return switch (comparison) {
            case "==" -> value == t;
            case "<" -> value < t;
            case "<=" -> value <= t;
            case ">=" -> value >= t;
            case ">" -> value > t;
            default -> throw new IllegalArgumentException("unknown comparison " + comparison);
        };
    }

    private static Evidence evidence(Facts.Incident i) {
        return new Evidence("incidents", i.id(), i.category() + (i.severity() == null ? "" : " / " + i.severity()) + " (" + i.day() + ")");
    }

    private static Scorecard.Advisory advisory(Facts f, Period period, Period previous) {
        long now = count(f, "advisory/now", () -> advisoryCount("advisory/now", period)).n();
        long before = count(f, "advisory/before", () -> advisoryCount("advisory/before", previous)).n();
        Double change = before == 0 ? null : Math.round(1000.0 * (now - before) / before) / 10.0;
        Double per1000 = f.residents() == null || f.residents() == 0 ? null
                : Math.round(10000.0 * now / f.residents()) / 10.0;
        return new Scorecard.Advisory(ADVISORY_NOTE, now, before, change, per1000, f.coverage());
    }
}
