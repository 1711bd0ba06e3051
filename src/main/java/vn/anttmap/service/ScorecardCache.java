package vn.anttmap.service;

import vn.anttmap.model.Layer;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.store.FeatureStore;

import java.util.EnumSet;
import java.util.List;

/**
 * The scorecards {@link ScoringService} computes, kept per (kind, subject, year) until any layer changes (an
 * incident, an attestation, an area, a camera, a decision: a card reads many layers, and layers added later are
 * covered without naming them), by whichever process ({@link DerivedCache}). A demo ward's fourteen area cards took
 * about a second to compute; served again they take a read of the change stamps. The first request after a change
 * computes them as {@link ScoringService} does (its camera coverage kept by {@link CoverageService} unless a camera,
 * building, road or boundary changed).
 */
public final class ScorecardCache {
    private record Key(String kind, String subjectId, int year) {
    }

    /** Cards kept at most (a province's wards and areas for a couple of years). */
    static final int MAX_ENTRIES = 20_000;

    private final ScoringService scoring;
    private final DerivedCache<Key, Object> cards;

    public ScorecardCache(FeatureStore store, ScoringService scoring) {
        this.scoring = scoring;
        this.cards = new DerivedCache<>("scorecards", store, EnumSet.allOf(Layer.class), MAX_ENTRIES);
    }

    public ScoringService scoring() {
        return scoring;
    }

    public vn.anttmap.scoring.Standard standard() {
        return scoring.standard();
    }

    /** As {@link ScoringService#scoreArea}. */
    public Scorecard scoreArea(String areaId, int year) {
        return (Scorecard) cards.get(new Key("area", areaId, year), () -> scoring.scoreArea(areaId, year));
    }

    /** As {@link ScoringService#scoreAreas}. */
    @SuppressWarnings("unchecked")
    public List<Scorecard> scoreAreas(String wardId, int year) {
        return (List<Scorecard>) cards.get(new Key("areas-of-ward", wardId, year), () -> List.copyOf(scoring.scoreAreas(wardId, year)));
    }

    /** As {@link ScoringService#scoreWard}. */
    public Scorecard scoreWard(String wardId, int year) {
        return (Scorecard) cards.get(new Key("ward", wardId, year), () -> scoring.scoreWard(wardId, year,
                scoreAreas(wardId, year)));
    }

    /** The counts of the cards kept ({@link DerivedCache#stats}). */
    public vn.anttmap.model.CacheStats cacheStats() {
        return cards.stats();
    }

    /** How many cards and card lists are kept (for tests). */
    int kept() {
        return cards.size();
    }

    /** As {@link ScoringService#wardOfArea}. */
    public String wardOfArea(String areaId) {
        return scoring.wardOfArea(areaId);
    }
}
