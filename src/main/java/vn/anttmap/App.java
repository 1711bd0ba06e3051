package vn.anttmap;

import vn.anttmap.config.StoreConfig;
import vn.anttmap.io.TaxonomyReader;
import vn.anttmap.service.FeatureService;
import vn.anttmap.service.ImportService;
import vn.anttmap.service.StatsService;
import vn.anttmap.service.CoverageService;
import vn.anttmap.service.PlanService;
import vn.anttmap.service.PublishService;
import vn.anttmap.service.ExportService;
import vn.anttmap.service.ScoringService;
import vn.anttmap.io.StandardReader;
import vn.anttmap.scoring.Standard;

import java.util.Map;
import java.util.Set;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.h2gis.H2gisFeatureStore;
import vn.anttmap.store.postgis.PostgisFeatureStore;

import java.time.Clock;

/** Composition root: configuration → store → services. The command line ({@code cli.Main}) and the API use it. */
public final class App {

    /** The services over one open store. Closing it closes the store. */
    public record Services(FeatureStore store, FeatureService features, ImportService importer, StatsService stats,
                           ScoringService scoring, CoverageService coverage, PlanService planner, PublishService publish,
                           ExportService exports, vn.anttmap.auth.AuthService auth, vn.anttmap.service.EditService edits,
                           vn.anttmap.service.HotspotService hotspots, vn.anttmap.service.TrendService trends,
                           vn.anttmap.service.ScorecardCache cards, vn.anttmap.service.OperationsService ops,
                           vn.anttmap.service.DashboardService dashboards)
            implements AutoCloseable {
        @Override
        public void close() {
            store.close();
        }
    }

    private App() {
    }

    /** Opens the configured store and brings its schema up to date. */
    public static FeatureStore openStore(StoreConfig config) {
        return openStore(config, true);
    }

    /** Opens the configured store; with {@code migrate}, applies pending migrations first. */
    public static FeatureStore openStore(StoreConfig config, boolean migrate) {
        FeatureStore store = config.usesPostgis()
                ? PostgisFeatureStore.connect(config.dbUrl(), config.dbUser(), config.dbPassword(), config.replicaUrls(),
                        config.replicaMaxLag())
                : H2gisFeatureStore.open(config.dataDir());
        if (!migrate) {
            return store;
        }
        try {
            store.migrate();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Wires the services over a store (already migrated). */
    public static Services services(FeatureStore store, Clock clock) {
        return services(store, clock, StandardReader.bundled());
    }

    /** Wires the services over a store, scoring against {@code standard} (the bundled one, or it extended). */
    public static Services services(FeatureStore store, Clock clock, Standard standard) {
        ImportService importer = new ImportService(store, TaxonomyReader.bundled(), clock, standard);
        CoverageService coverage = new CoverageService(store);
        FeatureService features = new FeatureService(store, clock);
        vn.anttmap.service.HotspotService hotspots = new vn.anttmap.service.HotspotService(store, features,
                TaxonomyReader.bundled().categories().stream().map(vn.anttmap.model.Taxonomy.Category::code)
                        .collect(java.util.stream.Collectors.toSet()));
        ScoringService scoring = new ScoringService(store, standard, clock, importer, coverage, hotspots);
        PlanService planner = new PlanService(store, coverage);
        PublishService publish = new PublishService(store, features, scoring, coverage, planner, hotspots);
        vn.anttmap.service.ScorecardCache cards = new vn.anttmap.service.ScorecardCache(store, scoring);
        vn.anttmap.service.OperationsService ops = new vn.anttmap.service.OperationsService(store, importer, features,
                coverage, cards, hotspots);
        vn.anttmap.auth.AuthService auth = new vn.anttmap.auth.AuthService(store, clock);
        return new Services(store, features, importer, new StatsService(store), scoring, coverage, planner, publish,
                new ExportService(store, publish, cards), auth,
                new vn.anttmap.service.EditService(store, importer, clock), hotspots,
                new vn.anttmap.service.TrendService(store, standard), cards, ops,
                new vn.anttmap.service.DashboardService(store, scoring, features, auth));
    }
}
