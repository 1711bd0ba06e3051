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
                .orElseThrow(() -> new NoSuchElementException("no residential area has id '" + areaId + "'"));
    }

    /**
     * The scorecard as someone who may not see the ward's exact records sees it: statuses, values and verdicts,
     * without the evidence (incident ids, teams, attestations) behind them.
     */
    public static Scorecard redacted(Scorecard card) {
        List<Scorecard.CriterionResult> criteria = card.criteria().stream().map(c -> new Scorecard.CriterionResult(
                c.criterionId(), c.status(), c.checks().stream().map(k -> new Scorecard.CheckResult(k.checkId(), k.kind(),
                        k.status(), k.measured(), k.comparison(), k.threshold(), k.note(), List.of(), List.of(), null)).toList())).toList();
        // Hints come from the ward's incidents, so they go with the evidence.
        return new Scorecard(card.subjectId(), card.level(), card.year(), card.period(), card.previousPeriod(), card.verdict(),
                criteria, card.advisory());
    }

    /** @throws NoSuchElementException for an unknown area */
    public Scorecard scoreArea(String areaId, int year) {
        Feature area = store.get(Layer.AREAS, areaId)
                .orElseThrow(() -> new NoSuchElementException("no residential area has id '" + areaId + "'"));
        return withHints(Scorer.score(standard, areaFacts(area, year)), area);
    }

    /** Every residential area of the ward valid on the last day of the period, by id. */
    public List<Scorecard> scoreAreas(String wardId, int year) {
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
        Feature ward = requireWard(wardId);
        Standard.Period period = standard.wardPeriod().of(year);
        Standard.Period previous = standard.wardPeriod().of(year - 1);
        FeatureQuery mine = FeatureQuery.ALL.withWard(wardId);
        List<Scorecard> areas = scoreAreas(wardId, year);
        int registered = 0;
        int unregistered = 0;
        for (Scorecard card : areas) {
            Facts.Attestation q1 = attestations("area", card.subjectId(), year).get("K1.q1");
            if (q1 != null && q1.attested()) {
                registered++;
            } else if (q1 != null) {
                unregistered++;
            }
        }
        Facts.Units units = new Facts.Units(areas.size(), registered, unregistered,
                (int) areas.stream().filter(c -> c.verdict() == Scorecard.Verdict.DAT).count(),
                (int) areas.stream().filter(c -> c.verdict() == Scorecard.Verdict.CHUA_DU_CAN_CU).count());
        long residents = store.query(Layer.AREAS, mine.withAt(standard.areaPeriod().of(year).last())).stream()
                .map(a -> (Integer) a.get("population")).filter(Objects::nonNull).mapToLong(Integer::longValue).sum();
        Facts facts = new Facts(ward.id(), Standard.Level.WARD, year, null, null, null,
                incidents(mine.withDays(previous.first(), period.last())),
                records(mine.withDays(period.first(), period.last())), List.of(),
                attestations("ward", wardId, year), units, residents == 0 ? null : residents);
        return Scorer.score(standard, facts);
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
                    attested.getOrDefault(area.id(), Map.of()), Map.of()));
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

    /** What an officer attests. */
    public record AttestationRequest(String subjectKind, String subjectId, String checkId, Integer year,
                                     Boolean attested, String attestedBy, String note, String documentRef) {
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
        values.put("note", r.note());
        values.put("document_ref", r.documentRef());
        String id = "att-" + Integer.toHexString(Objects.hash(r.subjectId(), r.checkId(), r.year())) + "-"
                + Long.toString(now.toInstant().toEpochMilli(), 36);
        importer.importRecords(Layer.ATTESTATIONS, "attestation", List.of(new RawRecord("request", id, null, values)));
        return store.get(Layer.ATTESTATIONS, id).orElseThrow();
    }

    private Feature requireWard(String wardId) {
        return store.get(Layer.WARDS, wardId).orElseThrow(() -> new NoSuchElementException("no ward has id '" + wardId + "'"));
    }

    private Facts areaFacts(Feature area, int year) {
        Standard.Period period = standard.areaPeriod().of(year);
        Standard.Period previous = standard.areaPeriod().of(year - 1);
        FeatureQuery mine = FeatureQuery.ALL.withArea(area.id());
        Feature count = store.query(Layer.HOUSEHOLD_COUNTS, mine.withDays(null, period.last())).stream()
                .max(Comparator.comparing(c -> (LocalDate) c.get("as_of"))).orElse(null);
        List<Facts.Team> teams = store.query(Layer.TEAMS, mine.withEqual("rating_year", year)).stream()
                .map(ScoringService::team).toList();
        return areaFacts(area, year, count, incidents(mine.withDays(previous.first(), period.last())), null,
                records(mine.withDays(period.first(), period.last())), teams, attestations("area", area.id(), year),
                coverageShares(area.text("ward_id"), area.id(), period));
    }

    /** Advisory: what working cameras see of the area in the period (not part of the circular). */
    private Map<String, Double> coverageShares(String wardId, String areaId, Standard.Period period) {
        if (coverage == null || wardId == null) {
            return Map.of();
        }
        CoverageService.Report r = coverage.coverage(wardId, areaId, period.first(), period.last());
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
        return new Facts.Team(t.id(), t.text("kind"), t.text("rating"),
                t.get("disciplined_members") == null ? 0 : (Integer) t.get("disciplined_members"));
    }

    private static Facts.Attestation attestation(Feature a) {
        return new Facts.Attestation(a.id(), (Boolean) a.get("attested"), a.text("attested_by"),
                (OffsetDateTime) a.get("attested_at"), a.text("note"), a.text("document_ref"));
    }

    /**
     * An area's facts: its household figures from the latest count if there is one, else its own; its incidents
     * listed, or counted ({@code incidentCounts}, then {@code incidents} is empty).
     */
    private static Facts areaFacts(Feature area, int year, Feature latestCount, List<Facts.Incident> incidents,
                                   Map<String, Long> incidentCounts, List<Facts.Record> records, List<Facts.Team> teams,
                                   Map<String, Facts.Attestation> attestations, Map<String, Double> coverage) {
        Long resident = toLong(area.get("households"));
        Long registered = toLong(area.get("registered_households"));
        LocalDate asOf = null;
        if (latestCount != null) {
            resident = toLong(latestCount.get("resident_households"));
            registered = toLong(latestCount.get("registered_households"));
            asOf = (LocalDate) latestCount.get("as_of");
        }
        return new Facts(area.id(), Standard.Level.AREA, year, resident, registered, asOf, incidents, records, teams,
                attestations, null, toLong(area.get("population")), coverage, incidentCounts);
    }

    private static Facts.Incident incident(Feature i) {
        return new Facts.Incident(i.id(), (LocalDate) i.get("occurred_on"), i.text("category"), i.text("severity"),
                Boolean.TRUE.equals(i.get("force_majeure")), Boolean.TRUE.equals(i.get("promptly_handled")),
                Boolean.TRUE.equals(i.get("serious")), i.get("deaths") == null ? 0 : (Integer) i.get("deaths"));
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
