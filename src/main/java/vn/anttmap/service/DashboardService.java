package vn.anttmap.service;

import vn.anttmap.auth.AccessPolicy;
import vn.anttmap.auth.AuthService;
import vn.anttmap.auth.Principal;
import vn.anttmap.model.Account;
import vn.anttmap.model.Bilingual;
import vn.anttmap.model.CameraFigures;
import vn.anttmap.model.Dashboard;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.IncidentFigures;
import vn.anttmap.model.Layer;
import vn.anttmap.model.ServiceFailure;
import vn.anttmap.model.WardFigures;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.scoring.Standard;
import vn.anttmap.store.FeatureStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The leaders' dashboard ({@link Dashboard}): per ward of a scope, the residential areas by their verdict for the year
 * (every area scored in one pass, {@link ScoringService#scoreAllAreas}), the cameras, the incidents of a window by their
 * handling and those of the same days a year before ({@link FeatureStore#wardFigures}), and the same over the scope.
 * Who may see which wards is {@link AccessPolicy#seesDashboard}'s to say. Each answer is kept per scope, year and
 * window until any layer changes, in any process ({@link DerivedCache}: the verdicts read nearly every layer).
 */
public final class DashboardService {
    /** The wards of a scope, how it was named, the year and the window: equal keys, equal answers. */
    private record Key(String kind, String province, List<String> wards, boolean every, int year, LocalDate from, LocalDate to) {
    }

    /** Answers kept at most (scopes × years × windows). */
    static final int MAX_ENTRIES = 1_000;

    private final FeatureStore store;
    private final ScoringService scoring;
    private final FeatureService features;
    private final AuthService auth;
    private final DerivedCache<Key, Dashboard> answers;
    /** Per period year: each ward's areas by verdict (đạt, chưa đạt, chưa đủ căn cứ). */
    private final DerivedCache<Integer, Map<String, Dashboard.Areas>> verdicts;

    public DashboardService(FeatureStore store, ScoringService scoring, FeatureService features, AuthService auth) {
        this.store = store;
        this.scoring = scoring;
        this.features = features;
        this.auth = auth;
        this.answers = new DerivedCache<>("dashboards", store, EnumSet.allOf(Layer.class), MAX_ENTRIES);
        this.verdicts = new DerivedCache<>("dashboard-verdicts", store, EnumSet.allOf(Layer.class), 16);
    }

    /**
     * Refuses, before anything is read, whoever may see no dashboard at all: the public (sign in first) and planners.
     *
     * @throws ServiceFailure {@code UNAUTHENTICATED} or {@code FORBIDDEN}
     */
    public static void requireViewer(Principal who) {
        if (who.isPublic()) {
            throw new ServiceFailure(ServiceFailure.Kind.UNAUTHENTICATED, Bilingual.of(
                    "hãy đăng nhập để xem bảng tổng hợp của lãnh đạo", "sign in to see the leaders' dashboard"));
        }
        if (!who.is(Account.Role.ADMIN) && !who.is(Account.Role.LEADER) && !who.is(Account.Role.OFFICER)) {
            throw new ServiceFailure(ServiceFailure.Kind.FORBIDDEN, Bilingual.of(
                    "vai trò của bạn không xem được bảng tổng hợp của lãnh đạo", "your role may not see the leaders' dashboard"));
        }
    }

    /** The period year the dashboard shows by default: the scoring year (as {@code /api/v1/config}'s). */
    public int defaultYear() {
        return features.defaultPeriod().last().getYear();
    }

    /**
     * The dashboard of {@code scope} for {@code year} and the incidents of {@code from..to}.
     *
     * @param scope {@code null} for the asker's own (an officer's ward, a leader's scope, every ward for an
     *              administrator), {@code province:<name>}, or ward ids separated by commas
     * @param year  the areas' period year; {@code null} for {@link #defaultYear}
     * @param from  the window's first day; {@code null} for 1 January of the year
     * @param to    its last day; {@code null} for 31 December of the year
     * @throws ServiceFailure {@code UNAUTHENTICATED}, {@code FORBIDDEN} (a ward outside what the asker sees),
     *                        {@code NOT_FOUND} (an unknown ward, a province without wards), {@code INVALID} (a reversed
     *                        window)
     */
    public Dashboard dashboard(Principal who, String scope, Integer year, LocalDate from, LocalDate to) {
        requireViewer(who);
        Key key = key(who, scope, year, from, to);
        if (!AccessPolicy.seesDashboard(who, key.wards())) {
            throw new ServiceFailure(ServiceFailure.Kind.FORBIDDEN, Bilingual.of(
                    "bạn không được xem bảng tổng hợp của phạm vi này (chỉ các phường, xã bạn phụ trách)",
                    "you may not see the dashboard of this scope (only the wards you oversee)"));
        }
        if (key.wards().isEmpty()) {
            throw new ServiceFailure(ServiceFailure.Kind.NOT_FOUND, key.province() != null
                    ? Bilingual.of("không có phường, xã nào thuộc tỉnh '" + key.province() + "'",
                    "no ward is in province '" + key.province() + "'")
                    : Bilingual.of("không có phường, xã nào", "there is no ward"));
        }
        return answers.get(key, () -> compute(key));
    }

    /** The request's key: its wards resolved (sorted), the year and window with their defaults. */
    private Key key(Principal who, String scope, Integer year, LocalDate from, LocalDate to) {
        int y = year == null ? defaultYear() : year;
        LocalDate first = from == null ? LocalDate.of(y, 1, 1) : from;
        LocalDate last = to == null ? LocalDate.of(y, 12, 31) : to;
        if (last.isBefore(first)) {
            throw new ServiceFailure(ServiceFailure.Kind.INVALID, Bilingual.of("ngày cuối " + last + " trước ngày đầu " + first,
                    "to " + last + " is before from " + first));
        }
        String s = scope == null || scope.isBlank() ? null : scope.trim();
        if (s != null && s.length() > 4000) {
            throw new ServiceFailure(ServiceFailure.Kind.INVALID, Bilingual.of("phạm vi dài quá 4.000 ký tự",
                    "the scope is longer than 4,000 characters"));
        }
        boolean every = false;
        String named;
        if (s == null) {
            if (who.is(Account.Role.ADMIN)) {
                every = true;
                named = null;
            } else {
                named = who.is(Account.Role.LEADER) ? who.wardId() : null;
            }
        } else {
            named = s;
        }
        Set<String> wards;
        String province = named == null ? null : Account.scopeProvince(named);
        if (every) {
            wards = new TreeSet<>();
            store.forEach(Layer.WARDS, FeatureQuery.ALL, List.of("name"), w -> wards.add(w.id()));
        } else if (named == null) {
            wards = new TreeSet<>(who.wards()); // an officer's own ward
        } else if (s == null && who.is(Account.Role.LEADER)) {
            wards = new TreeSet<>(who.wards()); // resolved when the request was authenticated
        } else {
            wards = new TreeSet<>(auth.scopeWards(named));
        }
        return new Key(province != null ? "province" : "wards", province == null ? null : province.trim(),
                List.copyOf(wards), every, y, first, last);
    }

    private Dashboard compute(Key key) {
        Map<String, String[]> known = new HashMap<>();
        store.forEach(Layer.WARDS, FeatureQuery.ALL, List.of("name", "province"),
                w -> known.put(w.id(), new String[]{w.text("name"), w.text("province")}));
        for (String w : key.wards()) {
            if (!known.containsKey(w)) {
                throw new ServiceFailure(ServiceFailure.Kind.NOT_FOUND, Bilingual.of("không có phường, xã mã '" + w + "'",
                        "no ward has id '" + w + "'"));
            }
        }
        String provinceName = key.province() == null ? null : key.wards().stream().map(w -> known.get(w)[1])
                .filter(p -> p != null && p.trim().equalsIgnoreCase(key.province())).findFirst().orElse(key.province());
        LocalDate previousFrom = key.from().minusYears(1);
        LocalDate previousTo = key.to().minusYears(1);
        List<String> asked = key.every() ? null : key.wards();
        // The database counts the year before while the areas are scored and this window counted here.
        java.util.concurrent.CompletableFuture<WardFigures> counting = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> store.wardFigures(asked, previousFrom, previousTo));
        Map<String, Dashboard.Areas> areas;
        WardFigures now;
        WardFigures before;
        try {
            areas = verdicts.get(key.year(), () -> verdictsPerWard(key.year()));
            now = store.wardFigures(asked, key.from(), key.to());
            before = counting.join();
        } catch (java.util.concurrent.CompletionException e) {
            // The store's own exception, as if counted here (it names what failed).
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            counting.cancel(false);
        }
        List<Dashboard.Row> rows = new ArrayList<>();
        Dashboard.Areas areaTotals = Dashboard.Areas.NONE;
        CameraFigures cameraTotals = CameraFigures.NONE;
        for (String w : key.wards()) {
            Dashboard.Areas a = areas.getOrDefault(w, Dashboard.Areas.NONE);
            CameraFigures c = now.cameras().getOrDefault(w, CameraFigures.NONE);
            areaTotals = areaTotals.plus(a);
            cameraTotals = cameraTotals.plus(c);
            rows.add(new Dashboard.Row(w, known.get(w)[0], known.get(w)[1], new Dashboard.Figures(a, c,
                    now.incidents().getOrDefault(w, IncidentFigures.NONE), before.incidents().getOrDefault(w, IncidentFigures.NONE))));
        }
        return new Dashboard(new Dashboard.Scope(key.kind(), provinceName, key.wards()), key.year(), key.from(), key.to(),
                previousFrom, previousTo, rows, new Dashboard.Figures(areaTotals, cameraTotals, now.incidentTotals(),
                before.incidentTotals()));
    }

    /**
     * Every ward's areas valid on the last day of the year's area period, by verdict: every area scored in one pass
     * from the kept counts (the verdicts of {@link ScoringService#scoreArea}, without its evidence and advisory
     * coverage).
     */
    private Map<String, Dashboard.Areas> verdictsPerWard(int year) {
        Standard.Period period = scoring.standard().areaPeriod().of(year);
        scoring.standard().requireInForce(Standard.Level.AREA, year);
        Map<String, String> wardOf = new HashMap<>();
        Map<String, long[]> counts = new HashMap<>();
        store.forEach(Layer.AREAS, FeatureQuery.ALL.withAt(period.last()), List.of("ward_id", "source"), a -> {
            wardOf.put(a.id(), a.text("ward_id"));
            if (a.text("ward_id") != null && a.text("source") != null && a.text("source").startsWith("synthetic")) {
                counts.computeIfAbsent(a.text("ward_id"), k -> new long[4])[3]++;
            }
        });
        scoring.scoreAllAreas(year, card -> {
            String ward = wardOf.get(card.subjectId());
            if (ward == null) {
                return;
            }
            long[] n = counts.computeIfAbsent(ward, k -> new long[4]);
            n[card.verdict() == Scorecard.Verdict.DAT ? 0 : card.verdict() == Scorecard.Verdict.CHUA_DAT ? 1 : 2]++;
        });
        Map<String, Dashboard.Areas> out = new HashMap<>();
        counts.forEach((w, n) -> out.put(w, new Dashboard.Areas(n[0] + n[1] + n[2], n[0], n[1], n[2], n[3])));
        return Map.copyOf(out);
    }

    /** The counts of the kept answers ({@link DerivedCache#stats}). */
    public vn.anttmap.model.CacheStats cacheStats() {
        return answers.stats();
    }
}
