package vn.anttmap.service;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.anttmap.App;
import vn.anttmap.TestFeatures;
import vn.anttmap.api.TestData;
import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.store.FeatureStore;
import vn.anttmap.store.h2gis.H2gisFeatureStore;
import vn.anttmap.store.postgis.PostgisFeatureStore;
import vn.anttmap.store.PostgisTestDatabase;
import vn.anttmap.store.WriteBatch;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kept scorecards ({@link ScorecardCache}) and coverage ({@link CoverageService}) follow every kind of writer: this
 * process's import and edit, an attestation, another store object on the same database (a CLI import beside the
 * server: H2 through AUTO_SERVER, a second PostGIS pool) and, on PostGIS, SQL written by hand. After each change the
 * kept answer equals one computed afresh, and differs from the one before where the change shows.
 */
class DerivedCachesTest {

    @AfterAll
    static void dropSchemas() {
        PostgisTestDatabase.dropCreatedSchemas();
    }

    @Test
    void onTheEmbeddedStoreWithASecondStoreOnTheFile(@TempDir Path dir) throws Exception {
        try (H2gisFeatureStore server = H2gisFeatureStore.open(dir); H2gisFeatureStore cli = H2gisFeatureStore.open(dir)) {
            server.migrate();
            followsEveryWriter(server, cli, null);
        }
    }

    @Test
    void onPostgisWithASecondPoolAndSqlByHand() throws Exception {
        PostgisTestDatabase.require();
        String url = PostgisTestDatabase.freshSchemaUrl();
        try (PostgisFeatureStore server = PostgisFeatureStore.connect(url, null, null);
             PostgisFeatureStore cli = PostgisFeatureStore.connect(url, null, null)) {
            server.migrate();
            followsEveryWriter(server, cli, url);
        }
    }

    private static final int YEAR = 2023;
    private static final LocalDate FROM = LocalDate.of(2023, 1, 1);
    private static final LocalDate TO = LocalDate.of(2023, 12, 31);

    /** @param sqlUrl where to write SQL by hand, or null where no other SQL client writes (H2) */
    private void followsEveryWriter(FeatureStore server, FeatureStore cli, String sqlUrl) throws Exception {
        App.Services services = App.services(server, Clock.systemUTC());
        TestData.loadFixtures(services.importer());
        load(services, Layer.CAMERAS, "id,lon,lat,bearing_deg,fov_deg,range_m,kind,owner,status\n"
                + "dome,105.785,19.445,0,360,30,dome,community,active\n");
        ScorecardCache cards = new ScorecardCache(server, services.scoring());
        CoverageService coverage = services.coverage();

        List<Scorecard> before = cards.scoreAreas("w", YEAR);
        assertThat(cards.scoreAreas("w", YEAR)).as("kept").isSameAs(before);
        assertThat(before).isEqualTo(services.scoring().scoreAreas("w", YEAR));
        assertThat(k4bEvidence(cards.scoreArea("a", YEAR))).isEmpty(); // no serious incident yet
        Scorecard ward = cards.scoreWard("w", YEAR);
        CoverageService.Report seen = coverage.coverage("w", "a", FROM, TO);
        assertThat(seen.camerasWorking()).isEqualTo(1);
        assertThat(coverage.coverage("w", "a", FROM, TO).coverage()).as("kept").isSameAs(seen.coverage());

        // This process imports an incident: the cards and the incident share follow, the camera views are kept.
        load(services, Layer.INCIDENTS, "id,lon,lat,occurred_at,category,severity,channel\n"
                + "new1,105.7851,19.4451,2023-05-01T10:00:00Z,crime,nghiem_trong,patrol\n");
        assertThat(k4bEvidence(cards.scoreArea("a", YEAR))).containsExactly("new1");
        assertFresh(cards, services);
        assertThat(cards.scoreWard("w", YEAR)).isNotEqualTo(ward).isEqualTo(services.scoring().scoreWard("w", YEAR));
        CoverageService.Report afterIncident = coverage.coverage("w", "a", FROM, TO);
        assertThat(afterIncident.incidents()).isEqualTo(seen.incidents() + 1);
        assertThat(afterIncident.coverage()).as("views kept: no camera or building changed").isSameAs(seen.coverage());

        // An attestation.
        List<Scorecard> beforeAttesting = cards.scoreAreas("w", YEAR);
        services.scoring().attest(new ScoringService.AttestationRequest("area", "a", "K1.q1", YEAR, true,
                "Trưởng Công an phường", "họp ngày 28/10", "BB-01"));
        assertThat(cards.scoreAreas("w", YEAR)).isNotEqualTo(beforeAttesting);
        assertFresh(cards, services);

        // Another store object on the same database (another process) stops the camera and adds a building.
        Feature dome = server.get(Layer.CAMERAS, "dome").orElseThrow();
        cli.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(dome.with(TestFeatures.props("status", "inactive")))));
        CoverageService.Report stopped = coverage.coverage("w", "a", FROM, TO);
        assertThat(stopped.camerasWorking()).isZero();
        assertThat(stopped.coveredAreaM2()).isZero();
        assertFresh(cards, services);
        cli.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(dome)));
        assertThat(coverage.coverage("w", "a", FROM, TO).coveredAreaM2()).isEqualTo(seen.coveredAreaM2());
        cli.write(new WriteBatch().upsert(Layer.BUILDINGS, List.of(new Feature("wall", TestFeatures.wkt(
                "MULTIPOLYGON (((105.78505 19.44495, 105.78515 19.44495, 105.78515 19.44505, 105.78505 19.44505, 105.78505 19.44495)))"),
                TestFeatures.props("kind", "house")))));
        assertThat(coverage.coverage("w", "a", FROM, TO).coveredAreaM2()).as("the wall hides some").isLessThan(seen.coveredAreaM2());
        assertFresh(cards, services);
        // The sectors of the map follow another process's camera edit.
        List<Feature> sectors = services.features().cameraSectors(vn.anttmap.model.FeatureQuery.ALL, null);
        assertThat(services.features().cameraSectors(vn.anttmap.model.FeatureQuery.ALL, null)).as("kept").isSameAs(sectors);
        cli.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(dome.with(TestFeatures.props("fov_deg", 90.0)))));
        List<Feature> turned = services.features().cameraSectors(vn.anttmap.model.FeatureQuery.ALL, null);
        assertThat(turned.get(0).geometry().getArea()).isLessThan(sectors.get(0).geometry().getArea() / 3);
        cli.write(new WriteBatch().upsert(Layer.CAMERAS, List.of(dome)));
        // ... and an incident.
        Feature new1 = server.get(Layer.INCIDENTS, "new1").orElseThrow();
        cli.write(new WriteBatch().upsert(Layer.INCIDENTS, List.of(new Feature("new2", new1.geometry(), new1.properties()))));
        assertThat(k4bEvidence(cards.scoreArea("a", YEAR))).containsExactlyInAnyOrder("new1", "new2");
        assertFresh(cards, services);

        // The simplified outlines the page draws follow another process's boundary edit.
        Feature w = server.get(Layer.WARDS, "w").orElseThrow();
        List<Feature> outlines = services.features().listSimplified(Layer.WARDS, vn.anttmap.model.FeatureQuery.ALL, 10);
        assertThat(services.features().listSimplified(Layer.WARDS, vn.anttmap.model.FeatureQuery.ALL, 10).get(0).geometry())
                .as("kept").isSameAs(outlines.get(0).geometry());
        org.locationtech.jts.geom.Point middle = w.geometry().getCentroid();
        cli.write(new WriteBatch().upsert(Layer.WARDS, List.of(w.withGeometry(org.locationtech.jts.geom.util.AffineTransformation
                .scaleInstance(0.5, 0.5, middle.getX(), middle.getY()).transform(w.geometry())))));
        double halved = services.features().listSimplified(Layer.WARDS, vn.anttmap.model.FeatureQuery.ALL, 10).get(0).geometry().getArea();
        assertThat(halved).isCloseTo(outlines.get(0).geometry().getArea() / 4, org.assertj.core.data.Percentage.withPercentage(5));

        if (sqlUrl == null) {
            return;
        }
        // SQL by hand (psql, a GIS tool).
        try (Connection c = DriverManager.getConnection(sqlUrl); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM incident WHERE id = 'new2'");
            assertThat(k4bEvidence(cards.scoreArea("a", YEAR))).containsExactly("new1");
            assertFresh(cards, services);
            st.executeUpdate("UPDATE camera SET status = 'inactive'");
            assertThat(coverage.coverage("w", "a", FROM, TO).camerasWorking()).isZero();
            assertFresh(cards, services);
            st.executeUpdate("DELETE FROM building");
            List<Feature> full = services.features().cameraSectors(vn.anttmap.model.FeatureQuery.ALL, null);
            st.executeUpdate("UPDATE camera SET fov_deg = 90");
            assertThat(services.features().cameraSectors(vn.anttmap.model.FeatureQuery.ALL, null).get(0).geometry().getArea())
                    .isLessThan(full.get(0).geometry().getArea() / 3);
            st.executeUpdate("UPDATE camera SET fov_deg = 360");
            st.executeUpdate("UPDATE camera SET status = 'active'");
            st.executeUpdate("UPDATE ward SET geom = ST_GeomFromText('" + w.geometry().toText() + "', 4326) WHERE id = 'w'");
            assertThat(services.features().listSimplified(Layer.WARDS, vn.anttmap.model.FeatureQuery.ALL, 10).get(0).geometry().getArea())
                    .isEqualTo(outlines.get(0).geometry().getArea());
            assertThat(coverage.coverage("w", "a", FROM, TO).coveredAreaM2()).isEqualTo(seen.coveredAreaM2());
        }
    }

    private static void load(App.Services services, Layer layer, String csv) throws java.io.IOException {
        services.importer().importFile(layer, layer.apiName() + ".csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), ImportService.Format.CSV, null);
    }

    /** The kept cards equal cards computed afresh. */
    private static void assertFresh(ScorecardCache cards, App.Services services) {
        assertThat(cards.scoreAreas("w", YEAR)).isEqualTo(services.scoring().scoreAreas("w", YEAR));
        assertThat(cards.scoreArea("a", YEAR)).isEqualTo(services.scoring().scoreArea("a", YEAR));
        assertThat(cards.scoreWard("w", YEAR)).isEqualTo(services.scoring().scoreWard("w", YEAR));
    }

    private static List<String> k4bEvidence(Scorecard card) {
        return card.criteria().stream().flatMap(c -> c.checks().stream()).filter(k -> k.checkId().equals("K4b"))
                .flatMap(k -> k.evidence().stream()).map(Scorecard.Evidence::id).toList();
    }
}
