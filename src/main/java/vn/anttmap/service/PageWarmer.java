package vn.anttmap.service;

import vn.anttmap.hotspot.HotspotException;
import vn.anttmap.model.Account;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.scoring.Standard;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Computes, once after start-up, what the map page's first load asks for and keeps: each ward's area scorecards
 * ({@link ScorecardCache}), its cameras' field-of-view sectors ({@link FeatureService#cameraSectors}), its camera
 * coverage over the page's default period ({@link CoverageService}) and its hotspot layers ({@link HotspotService}),
 * with the same keys the page's requests use. Without it the first officer to open the page after a restart paid for
 * all of them (at province scale 4–5 s of sectors and 2 s of scorecards).
 *
 * <p>The wards are those a page opens on: the default ward ({@link FeatureService#busiestWard}) first, then the ward
 * of every account that has one. Run it on a background thread: the server answers meanwhile, and a request for a
 * ward not yet warmed computes it as it would have.
 */
public final class PageWarmer {
    /** What was warmed, for the log. */
    public record Summary(List<String> wards, List<String> failed, long millis) {
    }

    private final FeatureService features;
    private final ScorecardCache cards;
    private final CoverageService coverage;
    private final HotspotService hotspots;
    private final vn.anttmap.auth.AuthService auth;

    public PageWarmer(FeatureService features, ScorecardCache cards, CoverageService coverage, HotspotService hotspots,
                      vn.anttmap.auth.AuthService auth) {
        this.features = features;
        this.cards = cards;
        this.coverage = coverage;
        this.hotspots = hotspots;
        this.auth = auth;
    }

    /** The wards a first page load opens on: the default ward, then each account's own, without repeats. */
    public List<String> wards() {
        Set<String> wards = new LinkedHashSet<>();
        features.busiestWard().ifPresent(wards::add);
        for (Account a : auth.users()) {
            if (a.wardId() != null && a.role() == Account.Role.OFFICER) {
                wards.add(a.wardId());
            }
        }
        return new ArrayList<>(wards);
    }

    /**
     * Warms every ward of {@link #wards()} in two passes: first what the page waits for before it is drawn (each ward's
     * scorecards and own outline), then the rest (sectors, coverage, hotspots), so that an officer opening the page
     * while the warming runs finds their ward's first paint ready, not queued behind another ward's hotspots. Each
     * ward on its own: one failing does not stop the others.
     */
    public Summary warm() {
        long start = System.nanoTime();
        List<String> wards = wards();
        Set<String> failed = new LinkedHashSet<>();
        for (java.util.function.Consumer<String> pass : List.<java.util.function.Consumer<String>>of(this::warmFirstPaint,
                this::warmRest)) {
            for (String ward : wards) {
                try {
                    pass.accept(ward);
                } catch (RuntimeException e) {
                    // An account's ward that no longer exists, say: the page reports it when it asks.
                    failed.add(ward + ": " + e.getMessage());
                }
            }
        }
        return new Summary(wards, new ArrayList<>(failed), (System.nanoTime() - start) / 1_000_000);
    }

    /** Computes and keeps what the page's first load asks for one ward. */
    public void warm(String wardId) {
        warmFirstPaint(wardId);
        warmRest(wardId);
    }

    /**
     * What the page waits for before it is drawn: the areas' scorecards for the default period's year and the ward's
     * own outline at the tolerance the page first asks (8 m, a pixel at zoom 14 in Vietnam's latitudes).
     */
    private void warmFirstPaint(String wardId) {
        Standard.Period period = features.defaultPeriod();
        cards.scoreAreas(wardId, period.last().getYear());
        features.listSimplified(vn.anttmap.model.Layer.WARDS, new FeatureQuery(null, null, null, null, wardId, null), 8);
    }

    /** What the page asks once it is drawn: the cameras' sectors, coverage over the default period, the hotspots. */
    private void warmRest(String wardId) {
        Standard.Period period = features.defaultPeriod();
        features.cameraSectors(new FeatureQuery(null, null, null, null, wardId, null), null);
        coverage.coverage(wardId, null, period.first(), period.last());
        for (String kind : List.of("density", "gistar", "emerging")) {
            HotspotService.Request r = new HotspotService.Request(kind, wardId, null, period.last(), Set.of(),
                    null, null, null, null);
            try {
                switch (kind) {
                    case "density" -> hotspots.density(r);
                    case "gistar" -> hotspots.giStar(r);
                    default -> hotspots.emerging(r);
                }
            } catch (HotspotException e) {
                // Too few incidents: the page shows the reason, computed again at once.
            }
        }
    }
}
