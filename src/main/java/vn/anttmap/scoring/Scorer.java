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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a {@link Standard} to the {@link Facts} of one area or ward. The measures:
 * <ul>
 *   <li>{@code registered_household_share}: registered / resident households of the latest dated household count;</li>
 *   <li>{@code incident_count}: incidents in the period of the rule's categories (and severities), less those an
 *       exception decision excepts (never a bare flag);</li>
 *   <li>{@code incident_count_change}: the same count against the previous period; met when lower, or when zero in
 *       both (held down);</li>
 *   <li>{@code social_order_record_count}: K4c records in the period, added up;</li>
 *   <li>{@code serious_accident_count}: serious fires or explosions, work accidents with deaths, serious incidents,
 *       less those an exception decision excepts;</li>
 *   <li>{@code security_team_rating}: teams of the rule's kind failing (rating not among {@code ratings}, or a
 *       disciplined member); undecided while a team is not rated or there is no team record;</li>
 *   <li>{@code registered_unit_share}, {@code recognised_unit_share}: X4 over the ward's residential areas and its
 *       agencies, enterprises and educational institutions together.</li>
 * </ul>
 * Nothing missing reads as met: a check counted from incidents or K4c records is met only when the subject's
 * incident register for the period is declared complete ({@link Standard#REGISTER_COMPLETE}); an incident whose
 * deciding field is not recorded (a crime's severity, a fire's seriousness, a work accident's deaths) makes the check
 * it would decide undecided and is listed as needing details. What is found is found: a count above the threshold is
 * not met whatever is missing.
 */
public final class Scorer {
    static final String ADVISORY_NOTE = "Không thuộc tiêu chí của Thông tư 124/2021/TT-BCA / not part of the circular";
    static final Note REGISTER_NOT_DECLARED = new Note("chưa xác nhận sổ theo dõi vụ việc đầy đủ",
            "the incident register has not been declared complete");
    static final Note PREVIOUS_REGISTER_NOT_DECLARED = new Note("chưa xác nhận sổ theo dõi vụ việc kỳ trước đầy đủ",
            "the previous period's incident register has not been declared complete");

    /** A note in Vietnamese and in English. */
    record Note(String vi, String en) {
        /** The parts, each in both languages, joined with "; " (or {@code null} when there are none). */
        static Note join(List<Note> parts) {
            if (parts.isEmpty()) {
                return null;
            }
            List<String> vi = new ArrayList<>();
            List<String> en = new ArrayList<>();
            parts.forEach(p -> {
                vi.add(p.vi());
                en.add(p.en());
            });
            return new Note(String.join("; ", vi), String.join("; ", en));
        }
    }

    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** Team ratings (Hướng dẫn 01/HD-BCA-V05) as officers name them. */
    private static final Map<String, Note> RATINGS = Map.of(
            "completed_excellently", new Note("hoàn thành xuất sắc nhiệm vụ", "completed its tasks excellently"),
            "completed_well", new Note("hoàn thành tốt nhiệm vụ", "completed its tasks well"),
            "completed", new Note("hoàn thành nhiệm vụ", "completed its tasks"),
            "not_completed", new Note("không hoàn thành nhiệm vụ", "did not complete its tasks"));

    private static Note rating(String code) {
        return code == null ? new Note("chưa xếp loại", "not rated") : RATINGS.getOrDefault(code, new Note(code, code));
    }

    private Scorer() {
    }

    /**
     * @throws Standard.NotInForceException for a period that ended before the standard came into force
     */
    public static Scorecard score(Standard standard, Facts facts) {
        standard.requireInForce(facts.level(), facts.year());
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
                    "cần xác nhận của cán bộ", List.of(), List.of(), null, List.of(), "needs an officer's attestation");
        }
        return new CheckResult(check.id(), check.kind(), a.attested() ? Status.MET : Status.NOT_MET, null, null, null,
                null, List.of(new Evidence("attestations", a.id(), a.attestedBy())), List.of(), a, List.of());
    }

    private static CheckResult computed(Check check, Facts facts, Period period, Period previous) {
        Rule rule = check.rule();
        return switch (rule.measure()) {
            case "registered_household_share" -> householdShare(check, facts);
            case "incident_count", "serious_accident_count" -> incidentCount(check, facts, period);
            case "incident_count_change" -> incidentChange(check, facts, period, previous);
            case "social_order_record_count" -> socialRecords(check, facts, period);
            case "security_team_rating" -> teams(check, facts);
            case "registered_unit_share" -> unitShare(check, facts, true);
            case "recognised_unit_share" -> unitShare(check, facts, false);
            default -> throw new IllegalArgumentException("check " + check.id() + ": unknown measure " + rule.measure());
        };
    }

    private static CheckResult householdShare(Check check, Facts f) {
        Rule r = check.rule();
        if (f.residentHouseholds() == null || f.registeredHouseholds() == null || f.residentHouseholds() == 0) {
            return result(check, Status.NO_DATA, null, new Note("không có số hộ được ghi ngày đến hết kỳ",
                    "no dated household count on or before the period's last day"), List.of(), List.of(), List.of());
        }
        double share = (double) f.registeredHouseholds() / f.residentHouseholds();
        String figures = f.registeredHouseholds() + "/" + f.residentHouseholds();
        Note note = f.householdsAsOf() == null ? new Note(figures, figures)
                : new Note(figures + " (số hộ ngày " + f.householdsAsOf().format(DAY) + ")",
                figures + " (count of " + f.householdsAsOf().format(DAY) + ")");
        return result(check, compare(share, r.comparison(), r.threshold()) ? Status.MET : Status.NOT_MET, share, note,
                List.of(), List.of(), List.of());
    }

    /** Whether the subject's incident register for the period is declared complete. */
    private static boolean registerComplete(Facts f) {
        Facts.Attestation a = f.attestations().get(Standard.REGISTER_COMPLETE);
        return a != null && a.attested();
    }

    /** A check counting incidents (K3, K4b, K4d and the ward's): found, excepted by decision, unknown, declared. */
    private static CheckResult incidentCount(Check check, Facts f, Period period) {
        Condition.Count about = countedBy(check, period);
        Counted found = count(f, about);
        List<Scorecard.Excepted> excepted = excepted(check, f, period);
        Set<String> exceptedIds = new HashSet<>();
        excepted.forEach(e -> exceptedIds.add(e.id()));
        long n = Math.max(0, found.n() - excepted.size());
        List<Evidence> evidence = new ArrayList<>();
        for (Evidence e : found.evidence()) {
            if (!exceptedIds.contains(e.id())) {
                evidence.add(e);
            }
        }
        Counted unknown = unknownBy(check, period).map(c -> count(f, c)).orElse(new Counted(0, List.of()));
        Rule r = check.rule();
        List<Note> notes = new ArrayList<>();
        if (!excepted.isEmpty()) {
            notes.add(new Note(excepted.size() + " vụ được loại trừ theo quyết định", excepted.size() + " excepted by decision"));
        }
        Status status;
        if (!compare(n, r.comparison(), r.threshold())) {
            status = Status.NOT_MET;
        } else if (unknown.n() > 0) {
            status = Status.NO_DATA;
            notes.add(new Note(unknown.n() + " vụ cần bổ sung thông tin (" + unknownFieldsVi(check) + ")", unknown.n()
                    + " incident(s) need details (" + unknownFieldsEn(check) + ")"));
        } else if (!registerComplete(f)) {
            status = Status.NO_DATA;
            notes.add(REGISTER_NOT_DECLARED);
        } else {
            status = Status.MET;
        }
        return result(check, status, (double) n, Note.join(notes), evidence, excepted,
                unknown.evidence());
    }

    private static CheckResult incidentChange(Check check, Facts f, Period period, Period previous) {
        Counted now = count(f, countedBy(check, period));
        long before = count(f, beforeBy(check, previous)).n();
        boolean heldDown = now.n() == 0;
        boolean lower = heldDown || now.n() < before;
        List<Note> notes = new ArrayList<>();
        notes.add(new Note("kỳ này / kỳ trước: " + now.n() + " / " + before + (now.n() == 0 && before == 0 ? ": không tăng" : ""),
                "this period / previous: " + now.n() + " / " + before + (now.n() == 0 && before == 0 ? ": no increase" : "")));
        Status status;
        if (lower) {
            // Fewer recorded now than before holds only if the register now is complete (the previous period's
            // recorded count can only be lower than the truth, which makes "fewer" harder, not easier).
            status = registerComplete(f) ? Status.MET : Status.NO_DATA;
            if (status == Status.NO_DATA) {
                notes.add(REGISTER_NOT_DECLARED);
            }
        } else {
            // As many or more now than recorded before: not met only if the previous register was complete.
            status = f.previousRegister() != null && f.previousRegister().attested() ? Status.NOT_MET : Status.NO_DATA;
            if (status == Status.NO_DATA) {
                notes.add(PREVIOUS_REGISTER_NOT_DECLARED);
            }
        }
        Note note = Note.join(notes);
        return new CheckResult(check.id(), check.kind(), status, (double) now.n(), "<", (double) before, note.vi(),
                now.evidence(), List.of(), null, List.of(), note.en());
    }

    private static CheckResult socialRecords(Check check, Facts f, Period period) {
        List<Evidence> ev = new ArrayList<>();
        long total = 0;
        for (Facts.Record r : f.socialRecords()) {
            if (period.contains(r.day())) {
                total += r.count();
                ev.add(new Evidence("social_records", r.id(), r.kind() + " × " + r.count() + " (" + r.day().format(DAY) + ")"));
            }
        }
        Rule rule = check.rule();
        Status status = !compare(total, rule.comparison(), rule.threshold()) ? Status.NOT_MET
                : registerComplete(f) ? Status.MET : Status.NO_DATA;
        return result(check, status, (double) total, status == Status.NO_DATA ? REGISTER_NOT_DECLARED : null, ev,
                List.of(), List.of());
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
            return result(check, Status.NO_DATA, null, new Note("không có hồ sơ tổ bảo vệ năm " + f.year(),
                    "no " + r.teamKind() + " team record for " + f.year()), List.of(), List.of(), List.of());
        }
        List<Evidence> failing = new ArrayList<>();
        List<Evidence> unrated = new ArrayList<>();
        List<Evidence> all = new ArrayList<>();
        List<String> failingVi = new ArrayList<>();
        List<String> failingEn = new ArrayList<>();
        for (Facts.Team t : teams) {
            String name = t.name() == null ? t.id() : t.name();
            Note rated = rating(t.rating());
            Evidence e = new Evidence("teams", t.id(), name + ": " + rated.vi() + ", kỷ luật " + t.disciplinedMembers());
            all.add(e);
            if (t.disciplinedMembers() > 0 || (t.rating() != null && !r.ratings().contains(t.rating()))) {
                failing.add(e);
                failingVi.add(name + " (" + (t.disciplinedMembers() > 0 ? t.disciplinedMembers() + " thành viên bị kỷ luật"
                        : rated.vi()) + ")");
                failingEn.add(name + " (" + (t.disciplinedMembers() > 0 ? t.disciplinedMembers() + " member(s) disciplined"
                        : rated.en()) + ")");
            } else if (t.rating() == null) {
                unrated.add(e);
            }
        }
        if (!failing.isEmpty()) {
            return result(check, Status.NOT_MET, (double) failing.size(), new Note("tổ không đạt: " + String.join(", ", failingVi),
                    "teams failing: " + String.join(", ", failingEn)), failing, List.of(), List.of());
        }
        if (!unrated.isEmpty()) {
            return result(check, Status.NO_DATA, 0.0, new Note(unrated.size() + " tổ chưa được xếp loại năm " + f.year(),
                    unrated.size() + " team(s) not rated for " + f.year()), all, List.of(), unrated);
        }
        return result(check, Status.MET, 0.0, new Note(teams.size() + " tổ, đều hoàn thành nhiệm vụ trở lên, không ai bị kỷ luật",
                teams.size() + " team(s), all completed their tasks or better, none disciplined"), all, List.of(), List.of());
    }

    /** What X4 counts, named per kind of unit. */
    private static final Map<String, String[]> UNIT_KINDS = unitKinds();

    private static Map<String, String[]> unitKinds() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("area", new String[]{"khu dân cư", "residential areas"});
        m.put("agency", new String[]{"cơ quan", "agencies"});
        m.put("enterprise", new String[]{"doanh nghiệp", "enterprises"});
        m.put("school", new String[]{"cơ sở giáo dục", "educational institutions"});
        return m;
    }

    private static CheckResult unitShare(Check check, Facts f, boolean registration) {
        List<Facts.Unit> units = f.units();
        if (units == null || units.isEmpty()) {
            return result(check, Status.NO_DATA, null, new Note("không có khu dân cư", "no residential areas"), List.of(),
                    List.of(), List.of());
        }
        Rule r = check.rule();
        int yes = 0;
        List<Evidence> pending = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        Map<String, int[]> byKind = new LinkedHashMap<>(); // kind -> {units, yes, pending}
        for (Facts.Unit u : units) {
            Boolean v = registration ? u.registered() : u.recognised();
            int[] k = byKind.computeIfAbsent(u.kind(), x -> new int[3]);
            k[0]++;
            Evidence e = new Evidence("area".equals(u.kind()) ? "areas" : "organisations", u.id(),
                    (u.name() == null ? u.id() : u.name()) + ": " + (v == null ? "chưa có kết quả" : v ? "có" : "không"));
            evidence.add(e);
            if (v == null) {
                k[2]++;
                pending.add(e);
            } else if (v) {
                k[1]++;
                yes++;
            }
        }
        int total = units.size();
        double share = (double) yes / total;
        List<String> vi = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (Map.Entry<String, int[]> e : byKind.entrySet()) {
            String[] names = UNIT_KINDS.getOrDefault(e.getKey(), new String[]{e.getKey(), e.getKey()});
            int[] k = e.getValue();
            vi.add(names[0] + " " + k[1] + "/" + k[0] + (k[2] > 0 ? " (" + k[2] + " chưa có kết quả)" : ""));
            en.add(names[1] + " " + k[1] + "/" + k[0] + (k[2] > 0 ? " (" + k[2] + " without a result)" : ""));
        }
        Note note = new Note((registration ? "đăng ký: " : "được công nhận: ") + String.join(", ", vi) + "; tổng " + yes + "/" + total,
                (registration ? "registered: " : "recognised: ") + String.join(", ", en) + "; total " + yes + "/" + total);
        Status s;
        if (pending.isEmpty()) {
            s = compare(share, r.comparison(), r.threshold()) ? Status.MET : Status.NOT_MET;
        } else if (!compare((double) (yes + pending.size()) / total, r.comparison(), r.threshold())) {
            s = Status.NOT_MET; // not reached even if every unit without a result passed
        } else {
            s = Status.NO_DATA;
        }
        return result(check, s, share, note, evidence, List.of(), pending);
    }

    // ------------------------------------------------------------------ incident counts as conditions

    /**
     * Every incident count the cards of {@code level} for {@code year} need, as conditions on the incidents layer: per
     * counting check {@code <id>/counted} (before exceptions, which are decisions applied afterwards) and, where a
     * field decides it, {@code <id>/unknown}; per change check {@code <id>/counted} and {@code <id>/before}; and
     * {@code advisory/now}, {@code advisory/before}. The same conditions count listed incidents here (with their ids
     * as evidence) and stored incidents in the database ({@link Facts#incidentCounts}).
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
                        unknownBy(check, period).ifPresent(out::add);
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

    /** The incidents a check is about in a period: one condition per alternative. */
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

    /** The incidents a check would be about but for a field that is not recorded, if a field decides it. */
    private static java.util.Optional<Condition.Count> unknownBy(Check check, Period p) {
        Rule rule = check.rule();
        Condition base = Condition.ANY.days(p.first(), p.last());
        List<Condition> out = new ArrayList<>();
        if ("serious_accident_count".equals(rule.measure())) {
            out.add(base.in("category", List.of("fire_explosion")).isNull("serious"));
            out.add(base.in("category", List.of("work_accident")).isNull("deaths"));
        } else if ("incident_count".equals(rule.measure()) && !rule.severities().isEmpty()) {
            out.add(base.in("category", rule.categories()).isNull("severity"));
        }
        return out.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new Condition.Count(check.id() + "/unknown", out));
    }

    private static String unknownFieldsVi(Check check) {
        return "serious_accident_count".equals(check.rule().measure())
                ? "cháy, nổ có nghiêm trọng không; số người chết do tai nạn lao động" : "mức độ tội phạm";
    }

    private static String unknownFieldsEn(Check check) {
        return "serious_accident_count".equals(check.rule().measure())
                ? "whether a fire or explosion was serious; a work accident's deaths" : "the crime's severity";
    }

    /** What a check counts in its period, before exceptions. */
    private static Condition.Count countedBy(Check check, Period period) {
        return new Condition.Count(check.id() + "/counted", about(check, period));
    }

    /** What a change check counts in the previous period. */
    private static Condition.Count beforeBy(Check check, Period previous) {
        return new Condition.Count(check.id() + "/before", about(check, previous));
    }

    /** The circular's exceptions as the standard's rules name them, by the decision's name for them. */
    private static final Map<String, String> RULE_EXCEPTION = Map.of("force_majeure", "force_majeure",
            "prompt_handling", "promptly_handled");

    /**
     * The incidents of the check's count that a recorded decision excepts: a decision on this check (the ward's
     * {@code X2.K4b} follows {@code K4b}'s), with an exception the rule allows, naming an incident the check counts in
     * the period. One per incident, the earliest decision.
     */
    private static List<Scorecard.Excepted> excepted(Check check, Facts f, Period period) {
        if (f.decisions().isEmpty() || check.rule().exceptions().isEmpty()) {
            return List.of();
        }
        String base = check.id().startsWith("X2.") ? check.id().substring(3) : check.id();
        Condition.Count about = countedBy(check, period);
        Map<String, Scorecard.Excepted> out = new LinkedHashMap<>();
        List<Facts.Decision> decisions = new ArrayList<>(f.decisions());
        decisions.sort(java.util.Comparator.comparing(Facts.Decision::decidedOn).thenComparing(Facts.Decision::id));
        for (Facts.Decision d : decisions) {
            Facts.Incident i = d.incident();
            if (!base.equals(d.checkId()) || i == null || out.containsKey(i.id())
                    || !check.rule().exceptions().contains(RULE_EXCEPTION.getOrDefault(d.exception(), d.exception()))
                    || !about.matches(i.day(), i::field)) {
                continue;
            }
            boolean force = "force_majeure".equals(d.exception());
            out.put(i.id(), new Scorecard.Excepted("incidents", i.id(), evidence(i).label(), d.exception(),
                    force ? "bất khả kháng" : "kịp thời phát hiện, giảm thiểu hậu quả và báo cáo ngay cấp có thẩm quyền",
                    force ? "force majeure" : "detected promptly, harm limited and reported at once",
                    d.id(), d.decidedBy(), d.decidedOn(), d.documentRef()));
        }
        return List.copyOf(out.values());
    }

    /** How many, and with listed incidents, which (in the order listed). */
    private record Counted(long n, List<Evidence> evidence) {
    }

    /** The count: looked up when counted already, else its conditions applied to the listed incidents. */
    private static Counted count(Facts f, Condition.Count count) {
        if (f.incidentCounts() != null) {
            Long n = f.incidentCounts().get(count.name());
            if (n == null) {
                // Not counted is not zero: a check whose count was never asked for must not pass as "none".
                throw new IllegalStateException("incident count " + count.name() + " was not counted (see Scorer.incidentCounts)");
            }
            return new Counted(n, List.of());
        }
        List<Evidence> ev = new ArrayList<>();
        for (Facts.Incident i : f.incidents()) {
            if (count.matches(i.day(), i::field)) {
                ev.add(evidence(i));
            }
        }
        return new Counted(ev.size(), ev);
    }

    private static CheckResult result(Check check, Status status, Double measured, Note note, List<Evidence> evidence,
                                      List<Scorecard.Excepted> exceptions, List<Evidence> missing) {
        return new CheckResult(check.id(), check.kind(), status, measured, check.rule().comparison(),
                check.rule().threshold(), note == null ? null : note.vi(), evidence, exceptions, null, missing,
                note == null ? null : note.en());
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
        return new Evidence("incidents", i.id(), i.category() + (i.severity() == null ? "" : " / " + i.severity()) + " ("
                + i.day().format(DAY) + ")");
    }

    private static Scorecard.Advisory advisory(Facts f, Period period, Period previous) {
        long now = count(f, advisoryCount("advisory/now", period)).n();
        long before = count(f, advisoryCount("advisory/before", previous)).n();
        Double change = before == 0 ? null : Math.round(1000.0 * (now - before) / before) / 10.0;
        Double per1000 = f.residents() == null || f.residents() == 0 ? null
                : Math.round(10000.0 * now / f.residents()) / 10.0;
        return new Scorecard.Advisory(ADVISORY_NOTE, now, before, change, per1000, f.coverage());
    }
}
