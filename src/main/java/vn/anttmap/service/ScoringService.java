package vn.anttmap.service;

import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Feature;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.model.VietnamTime;
import vn.anttmap.scoring.Facts;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.scoring.Scorer;
import vn.anttmap.scoring.Standard;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Scores residential areas and wards against the standard: gathers each one's facts for a period year from the
 * store (records were assigned to their area and ward when written, so these are plain filtered reads) and hands
 * them to the pure {@link Scorer}. Records attestations.
 */
public final class ScoringService {
    private final vn.anttmap.store.FeatureStore store;
    private final Standard standard;
    private final Clock clock;
    private final ImportService importer;
    private final CoverageService coverage;
    private final HotspotService hotspots;
    /** Each area's incidents that each check counts, per period year ({@link Scorer#incidentCounts}), kept by the store. */
    private final vn.anttmap.model.Tally areaIncidents;

    public ScoringService(vn.anttmap.store.FeatureStore store, Standard standard, Clock clock, ImportService importer,
                          CoverageService coverage, HotspotService hotspots) {
        this.hotspots = hotspots;
        this.store = store;
        this.standard = standard;
        this.clock = clock;
        this.importer = importer;
        this.coverage = coverage;
        this.areaIncidents = new vn.anttmap.model.Tally("area-incidents", Layer.INCIDENTS, "area_id",
                year -> Scorer.incidentCounts(standard, Standard.Level.AREA, year));
        // Kept from the first time every area is scored for a year, on every write after that (every process keeps it,
        // or its writes would have to throw the counts away).
        store.keep(areaIncidents);
    }

    public Standard standard() {
        return standard;
    }

    /** The ward an area belongs to. */
    public String wardOfArea(String areaId) {
        return store.get(Layer.AREAS, areaId).map(a -> a.text("ward_id"))
                .orElseThrow(() -> new NoSuchElementException("không có khu dân cư mã '" + areaId + "' / no residential area has id '" + areaId + "'"));
    }

    /**
     * The scorecard as someone who may not see the ward's exact records sees it: statuses, values and verdicts,
     * without the evidence (incident ids, teams, attestations) behind them.
     */
    public static Scorecard redacted(Scorecard card) {
        List<Scorecard.CriterionResult> criteria = card.criteria().stream().map(c -> new Scorecard.CriterionResult(
                c.criterionId(), c.status(), c.checks().stream().map(Scorecard.CheckResult::redacted).toList())).toList();
        // Hints come from the ward's incidents, so they go with the evidence.
        return new Scorecard(card.subjectId(), card.level(), card.year(), card.period(), card.previousPeriod(), card.verdict(),
                criteria, card.advisory());
    }

    /** @throws NoSuchElementException for an unknown area */
    public Scorecard scoreArea(String areaId, int year) {
        standard.requireInForce(Standard.Level.AREA, year);
        Feature area = store.get(Layer.AREAS, areaId)
                .orElseThrow(() -> new NoSuchElementException("không có khu dân cư mã '" + areaId + "' / no residential area has id '" + areaId + "'"));
        return withHints(Scorer.score(standard, areaFacts(area, year)), area);
    }

    /** Every residential area of the ward valid on the last day of the period, by id. */
    public List<Scorecard> scoreAreas(String wardId, int year) {
        standard.requireInForce(Standard.Level.AREA, year);
        requireWard(wardId);
        Standard.Period period = standard.areaPeriod().of(year);
        return store.query(Layer.AREAS, FeatureQuery.ALL.withWard(wardId).withAt(period.last())).stream()
                .map(a -> withHints(Scorer.score(standard, areaFacts(a, year)), a)).toList();
    }

    /**
     * K4c asks whether a new social-order hotspot appeared. Cells of the area that an emerging hot-spot analysis of the
     * ward's incidents (the previous and this period, three-month steps) calls new or consecutive are a lead the
     * officer confirms by recording a new hotspot (social_records), or dismisses. Without enough incidents there is
     * no lead.
     */
    private Scorecard withHints(Scorecard card, Feature area) {
        String wardId = area.text("ward_id");
        if (hotspots == null || wardId == null || standard.check("K4c").isEmpty()) {
            return card;
        }
        HotspotService.Analysis a;
        try {
            a = hotspots.emerging(new HotspotService.Request("emerging", wardId, card.previousPeriod().first(),
                    card.period().last(), null, null, null, null, 3));
        } catch (IllegalArgumentException e) {
            return card;
        }
        var prepared = org.locationtech.jts.geom.prep.PreparedGeometryFactory.prepare(area.geometry());
        List<Scorecard.Evidence> cells = a.cells().stream()
                .filter(c -> java.util.Set.of("new", "consecutive").contains(c.text("pattern")))
                .filter(c -> prepared.intersects(c.geometry()))
                .map(c -> new Scorecard.Evidence("hotspot_emerging", c.text("cell_id"), c.text("pattern_vi") + " / " + c.text("pattern")))
                .toList();
        if (cells.isEmpty()) {
            return card;
        }
        java.time.format.DateTimeFormatter vn = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
        Map<String, Object> p = a.parameters();
        String window = ((LocalDate) p.get("period_first")).format(vn) + "–" + ((LocalDate) p.get("period_last")).format(vn);
        String cell = HotspotService.fmt((Double) p.get("cell_m"));
        String vi = "Phân tích điểm nóng mới nổi của phường (ô " + cell + " m, bước 3 tháng, " + window + ", n = " + p.get("n")
                + ") thấy " + cells.size() + " ô điểm nóng mới trong khu dân cư này. Nếu đó là tụ điểm phức tạp về trật tự "
                + "xã hội, hãy ghi nhận để K4c tính đến; nếu không, bỏ qua gợi ý này.";
        String en = "The ward's emerging hot-spot analysis (" + cell + " m cells, three-month steps, " + window + ", n = "
                + p.get("n") + ") finds " + cells.size() + " new hot-spot cell(s) in this area. If it is a social-order "
                + "hotspot, record it so that K4c counts it; otherwise dismiss this hint.";
        return card.withHints(List.of(new Scorecard.Hint("K4c", "emerging_hotspot", vi, en, cells)));
    }

    public Scorecard scoreWard(String wardId, int year) {
        standard.requireInForce(Standard.Level.WARD, year);
        return scoreWard(wardId, year, scoreAreas(wardId, year));
    }

    /**
     * The ward's card from its areas' cards for the year ({@link #scoreAreas}, which a caller may hold already: X4
     * counts their verdicts), so that a ward's report does not score every area twice.
     */
    public Scorecard scoreWard(String wardId, int year, List<Scorecard> areaCards) {
        standard.requireInForce(Standard.Level.WARD, year);
        Feature ward = requireWard(wardId);
        Standard.Period period = standard.wardPeriod().of(year);
        Standard.Period previous = standard.wardPeriod().of(year - 1);
        FeatureQuery mine = FeatureQuery.ALL.withWard(wardId);
        // X4 counts the ward's residential areas (registration declared, recognised when đạt) and its agencies,
        // enterprises and educational institutions (their own registration and recognition records) together.
        List<Facts.Unit> units = new java.util.ArrayList<>();
        List<Feature> areaRecords = store.query(Layer.AREAS, mine.withAt(standard.areaPeriod().of(year).last()));
        Map<String, String> areaNames = new HashMap<>();
        areaRecords.forEach(a -> areaNames.put(a.id(), a.text("name")));
        for (Scorecard card : areaCards) {
            Facts.Attestation registration = attestations("area", card.subjectId(), year).get(Standard.REGISTRATION);
            units.add(new Facts.Unit("area", card.subjectId(), areaNames.get(card.subjectId()),
                    registration == null ? null : registration.attested(),
                    card.verdict() == Scorecard.Verdict.CHUA_DU_CAN_CU ? null : card.verdict() == Scorecard.Verdict.DAT));
        }
        store.query(Layer.ORGANISATIONS, mine.withEqual("assessment_year", year)).stream()
                .sorted(Comparator.comparing(Feature::id))
                .forEach(o -> units.add(new Facts.Unit(o.text("kind"), o.id(), o.text("name"), (Boolean) o.get("registered"),
                        (Boolean) o.get("recognised"))));
        long residents = areaRecords.stream()
                .map(a -> (Integer) a.get("population")).filter(Objects::nonNull).mapToLong(Integer::longValue).sum();
        List<Facts.Incident> incidents = incidents(mine.withDays(previous.first(), period.last()));
        Facts facts = new Facts(ward.id(), Standard.Level.WARD, year, null, null, null, incidents,
                records(mine.withDays(period.first(), period.last())), List.of(),
                attestations("ward", wardId, year), units, residents == 0 ? null : residents)
                .with(attestations("ward", wardId, year - 1).get(Standard.REGISTER_COMPLETE),
                        decisions(wardId, i -> wardId.equals(i.text("ward_id"))));
        return Scorer.score(standard, facts);
    }

    /**
     * The exception decisions recorded for the ward's incidents, each with its incident as stored now, kept where the
     * incident passes {@code mine} (an area's own, or the ward's).
     */
    private List<Facts.Decision> decisions(String wardId, java.util.function.Predicate<Feature> mine) {
        List<Facts.Decision> out = new java.util.ArrayList<>();
        Map<String, Optional<Feature>> incidents = new HashMap<>();
        for (Feature d : store.query(Layer.EXCEPTION_DECISIONS, FeatureQuery.ALL.withWard(wardId))) {
            Optional<Feature> i = incidents.computeIfAbsent(d.text("incident_id"), id -> store.get(Layer.INCIDENTS, id));
            if (i.isPresent() && mine.test(i.get())) {
                out.add(decision(d, incident(i.get())));
            }
        }
        return out;
    }

    private static Facts.Decision decision(Feature d, Facts.Incident incident) {
        return new Facts.Decision(d.id(), d.text("incident_id"), d.text("check_id"), d.text("exception"),
                d.text("decided_by"), (LocalDate) d.get("decided_on"), d.text("document_ref"), incident);
    }

    /**
     * Every residential area valid on the last day of the period, in every ward, scored in one pass: each area's
     * incidents that each check counts ({@link Scorer#incidentCounts}, by the area they were assigned to when written)
     * are read where the store keeps them up to date on every write (one small row per area; the first time for a
     * year, the database counts them in one pass and keeps them from then on; no spatial join, no incident read into
     * Java), and the other layers are read once and grouped by area. The cards are those of {@link #scoreArea} without the evidence
     * lists of incident ids, the advisory camera coverage and the hotspot hints. Returns how many were scored.
     */
    public long scoreAllAreas(int year, java.util.function.Consumer<Scorecard> sink) {
        standard.requireInForce(Standard.Level.AREA, year);
        Standard.Period period = standard.areaPeriod().of(year);
        Map<String, Feature> counts = new HashMap<>();
        store.forEach(Layer.HOUSEHOLD_COUNTS, FeatureQuery.ALL.withDays(null, period.last()), c -> counts.merge(
                c.text("area_id"), c, (a, b) -> ((LocalDate) b.get("as_of")).isAfter((LocalDate) a.get("as_of")) ? b : a));
        Map<String, List<Facts.Team>> teams = new HashMap<>();
        store.forEach(Layer.TEAMS, FeatureQuery.ALL.withEqual("rating_year", year), t -> teams.computeIfAbsent(t.text("area_id"),
                k -> new java.util.ArrayList<>()).add(team(t)));
        List<vn.anttmap.model.Condition.Count> wanted = areaIncidents.counts(year);
        Map<String, List<Facts.Record>> records = new HashMap<>();
        store.forEach(Layer.SOCIAL_RECORDS, FeatureQuery.ALL.withDays(period.first(), period.last()), r -> records
                .computeIfAbsent(r.text("area_id"), k -> new java.util.ArrayList<>()).add(new Facts.Record(r.id(),
                        (LocalDate) r.get("recorded_on"), r.text("kind"), (Integer) r.get("record_count"))));
        Map<String, Map<String, Facts.Attestation>> attested = new HashMap<>();
        store.query(Layer.ATTESTATIONS, FeatureQuery.ALL.withEqual("subject_kind", "area").withEqual("period_year", year))
                .stream().sorted(Comparator.comparing(a -> (OffsetDateTime) a.get("attested_at")))
                .forEach(a -> attested.computeIfAbsent(a.text("subject_id"), k -> new HashMap<>()).put(a.text("check_id"),
                        attestation(a)));
        Map<String, Facts.Attestation> previousRegister = new HashMap<>();
        store.query(Layer.ATTESTATIONS, FeatureQuery.ALL.withEqual("subject_kind", "area").withEqual("period_year", year - 1)
                        .withEqual("check_id", Standard.REGISTER_COMPLETE)).stream()
                .sorted(Comparator.comparing(a -> (OffsetDateTime) a.get("attested_at")))
                .forEach(a -> previousRegister.put(a.text("subject_id"), attestation(a)));
        // Exception decisions are few: read whole, each with its incident as stored now, grouped by that incident's area.
        Map<String, List<Facts.Decision>> decisions = new HashMap<>();
        Map<String, Optional<Feature>> decided = new HashMap<>();
        store.forEach(Layer.EXCEPTION_DECISIONS, FeatureQuery.ALL, d -> decided.computeIfAbsent(d.text("incident_id"),
                id -> store.get(Layer.INCIDENTS, id)).ifPresent(i -> decisions.computeIfAbsent(i.text("area_id"),
                k -> new java.util.ArrayList<>()).add(decision(d, incident(i)))));
        // The database counts while the areas are read here.
        java.util.concurrent.CompletableFuture<Map<String, long[]>> counting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            Map<String, long[]> out = new HashMap<>();
            store.countKept(areaIncidents, year, out::put);
            return out;
        });
        List<Feature> areas = new java.util.ArrayList<>();
        Map<String, long[]> incidentCounts;
        try {
            store.forEach(Layer.AREAS, FeatureQuery.ALL.withAt(period.last()), AREA_FACT_FIELDS, areas::add);
            incidentCounts = counting.join();
        } catch (java.util.concurrent.CompletionException e) {
            // The store's own exception, as if counted here (it names what failed; HTTP maps it).
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            counting.cancel(false);
        }
        long[] none = new long[wanted.size()];
        // Scored side by side (each card is pure work on its own facts), handed over in id order.
        areas.parallelStream().map(area -> {
            long[] c = incidentCounts.getOrDefault(area.id(), none);
            Map<String, Long> byName = new HashMap<>();
            for (int i = 0; i < c.length; i++) {
                byName.put(wanted.get(i).name(), c[i]);
            }
            return Scorer.score(standard, areaFacts(area, year, counts.get(area.id()), List.of(), byName,
                    records.getOrDefault(area.id(), List.of()), teams.getOrDefault(area.id(), List.of()),
                    attested.getOrDefault(area.id(), Map.of()), Map.of()).with(previousRegister.get(area.id()),
                    decisions.getOrDefault(area.id(), List.of())));
        }).forEachOrdered(sink);
        return areas.size();
    }

    /**
     * Has the store count each area's incidents for {@code year} now and keep the counts up to date on every write from
     * then on, as the first {@link #scoreAllAreas} of the year would.
     */
    public void keepCounts(int year) {
        store.countKept(areaIncidents, year, (area, counts) -> {
        });
    }

    /** The fields of an area its facts read (no geometry). */
    private static final List<String> AREA_FACT_FIELDS = List.of("ward_id", "households", "registered_households", "population");

    /**
     * What an officer attests. {@code attestedBy} is who signs (the caller vouches for it: the API records the
     * signed-in account instead, see {@link EditService}); {@code signedFor} is free text, "chức vụ, thay mặt".
     */
    public record AttestationRequest(String subjectKind, String subjectId, String checkId, Integer year,
                                     Boolean attested, String attestedBy, String note, String documentRef, String signedFor) {
        public AttestationRequest(String subjectKind, String subjectId, String checkId, Integer year, Boolean attested,
                                  String attestedBy, String note, String documentRef) {
            this(subjectKind, subjectId, checkId, year, attested, attestedBy, note, documentRef, null);
        }
    }

    /**
     * Records an attestation, timestamped now; the latest one per area or ward, check and year counts.
     *
     * @throws vn.anttmap.model.InvalidInputException naming the field at fault; nothing is written then
     */
    public Feature attest(AttestationRequest r) {
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(VietnamTime.ZONE));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("subject_kind", r.subjectKind());
        values.put("subject_id", r.subjectId());
        values.put("check_id", r.checkId());
        values.put("period_year", r.year());
        values.put("attested", r.attested());
        values.put("attested_by", r.attestedBy());
        values.put("attested_at", now.toString());
        values.put("signed_for", r.signedFor());
        values.put("note", r.note());
        values.put("document_ref", r.documentRef());
        String id = "att-" + Integer.toHexString(Objects.hash(r.subjectId(), r.checkId(), r.year())) + "-"
                + Long.toString(now.toInstant().toEpochMilli(), 36);
        importer.importRecords(Layer.ATTESTATIONS, "attestation", List.of(new RawRecord("request", id, null, values)));
        return store.get(Layer.ATTESTATIONS, id).orElseThrow();
    }

    private Feature requireWard(String wardId) {
        return store.get(Layer.WARDS, wardId).orElseThrow(() -> new NoSuchElementException("không có phường, xã mã '" + wardId + "' / no ward has id '" + wardId + "'"));
    }

    private Facts areaFacts(Feature area, int year) {
        Standard.Period period = standard.areaPeriod().of(year);
        Standard.Period previous = standard.areaPeriod().of(year - 1);
        FeatureQuery mine = FeatureQuery.ALL.withArea(area.id());
        Feature count = store.query(Layer.HOUSEHOLD_COUNTS, mine.withDays(null, period.last())).stream()
                .max(Comparator.comparing(c -> (LocalDate) c.get("as_of"))).orElse(null);
        List<Facts.Team> teams = store.query(Layer.TEAMS, mine.withEqual("rating_year", year)).stream()
                .map(ScoringService::team).toList();
        String wardId = area.text("ward_id");
        return areaFacts(area, year, count, incidents(mine.withDays(previous.first(), period.last())), null,
                records(mine.withDays(period.first(), period.last())), teams, attestations("area", area.id(), year),
                coverageShares(wardId, area.id(), period))
                .with(attestations("area", area.id(), year - 1).get(Standard.REGISTER_COMPLETE),
                        wardId == null ? List.of() : decisions(wardId, i -> area.id().equals(i.text("area_id"))));
    }

    /** Advisory: what working cameras see of the area in the period (not part of the circular). */
    private Map<String, Double> coverageShares(String wardId, String areaId, Standard.Period period) {
        if (coverage == null || wardId == null) {
            return Map.of();
        }
        CoverageService.Shares r = coverage.shares(wardId, areaId, period.first(), period.last());
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("area", r.areaShare());
        if (r.roadShare() != null) {
            out.put("roads", r.roadShare());
        }
        if (r.incidentShare() != null) {
            out.put("incidents", r.incidentShare());
        }
        return out;
    }

    private List<Facts.Incident> incidents(FeatureQuery q) {
        return store.query(Layer.INCIDENTS, q).stream().map(ScoringService::incident).toList();
    }

    private static Facts.Team team(Feature t) {
        return new Facts.Team(t.id(), t.text("kind"), t.text("name"), t.text("rating"),
                t.get("disciplined_members") == null ? 0 : (Integer) t.get("disciplined_members"));
    }

    private static Facts.Attestation attestation(Feature a) {
        return new Facts.Attestation(a.id(), (Boolean) a.get("attested"), a.text("attested_by"),
                (OffsetDateTime) a.get("attested_at"), a.text("note"), a.text("document_ref"), a.text("signed_for"));
    }

    /**
     * An area's facts: its household figures from the latest household count dated on or before the period's last day
     * (the area record's own undated figures never decide a verdict); its incidents listed, or counted
     * ({@code incidentCounts}, then {@code incidents} is empty).
     */
    private static Facts areaFacts(Feature area, int year, Feature latestCount, List<Facts.Incident> incidents,
                                   Map<String, Long> incidentCounts, List<Facts.Record> records, List<Facts.Team> teams,
                                   Map<String, Facts.Attestation> attestations, Map<String, Double> coverage) {
        Long resident = null;
        Long registered = null;
        LocalDate asOf = null;
        if (latestCount != null) {
            resident = toLong(latestCount.get("resident_households"));
            registered = toLong(latestCount.get("registered_households"));
            asOf = (LocalDate) latestCount.get("as_of");
        }
        return new Facts(area.id(), Standard.Level.AREA, year, resident, registered, asOf, incidents, records, teams,
                attestations, null, toLong(area.get("population")), coverage, incidentCounts, null, List.of());
    }

    private static Facts.Incident incident(Feature i) {
        return new Facts.Incident(i.id(), (LocalDate) i.get("occurred_on"), i.text("category"), i.text("severity"),
                (Boolean) i.get("serious"), (Integer) i.get("deaths"));
    }

    private List<Facts.Record> records(FeatureQuery q) {
        return store.query(Layer.SOCIAL_RECORDS, q).stream().map(r -> new Facts.Record(r.id(), (LocalDate) r.get("recorded_on"),
                r.text("kind"), (Integer) r.get("record_count"))).toList();
    }

    /** The latest attestation per check for one subject and year. */
    private Map<String, Facts.Attestation> attestations(String kind, String subjectId, int year) {
        Map<String, Facts.Attestation> latest = new HashMap<>();
        store.query(Layer.ATTESTATIONS, FeatureQuery.ALL.withEqual("subject_kind", kind)
                        .withEqual("subject_id", subjectId).withEqual("period_year", year)).stream()
                .sorted(Comparator.comparing(a -> (OffsetDateTime) a.get("attested_at")))
                .forEach(a -> latest.put(a.text("check_id"), attestation(a)));
        return latest;
    }

    private static Long toLong(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }
}
