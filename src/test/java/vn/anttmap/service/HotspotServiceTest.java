package vn.anttmap.service;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.anttmap.App;
import vn.anttmap.api.TestData;
import vn.anttmap.geo.MetricProjection;
import vn.anttmap.hotspot.HotspotException;
import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;
import vn.anttmap.store.h2gis.H2gisFeatureStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hotspots over the fixture ward w (2 × 2 km): 120 incidents spread evenly over 2023 and the ward, and a planted
 * cluster of 40 within about 30 m of one place in area b, in October–December 2023.
 */
class HotspotServiceTest {
    static final double PLANT_LON = 105.796;
    static final double PLANT_LAT = 19.447;
    static final LocalDate FROM = LocalDate.of(2023, 1, 1);
    static final LocalDate TO = LocalDate.of(2023, 12, 31);
    static App.Services services;

    @BeforeAll
    static void load() throws IOException {
        H2gisFeatureStore store = H2gisFeatureStore.inMemory("hotspots-" + java.util.UUID.randomUUID());
        store.migrate();
        services = App.services(store, Clock.fixed(Instant.parse("2024-01-20T03:00:00Z"), ZoneOffset.UTC));
        TestData.loadFixtures(services.importer());
        services.importer().importFile(Layer.INCIDENTS, "planted.csv", new ByteArrayInputStream(plantedCsv()
                .getBytes(StandardCharsets.UTF_8)), ImportService.Format.CSV, null);
    }

    static String plantedCsv() {
        Random rnd = new Random(2023);
        StringBuilder csv = new StringBuilder("id,lon,lat,occurred_at,category,channel\n");
        for (int k = 0; k < 120; k++) {
            csv.append(String.format(Locale.ROOT, "bg%d,%.7f,%.7f,2023-%02d-%02dT10:00:00+07:00,other,patrol%n", k,
                    105.7802 + rnd.nextDouble() * 0.0196, 19.4402 + rnd.nextDouble() * 0.0196, 1 + k % 12, 1 + k % 28));
        }
        for (int k = 0; k < 40; k++) {
            csv.append(String.format(Locale.ROOT, "pl%d,%.7f,%.7f,2023-%02d-%02dT21:00:00+07:00,administrative_violation,patrol%n",
                    k, PLANT_LON + rnd.nextGaussian() * 0.0002, PLANT_LAT + rnd.nextGaussian() * 0.0002, 10 + k % 3, 1 + k % 28));
        }
        return csv.toString();
    }

    @AfterAll
    static void close() {
        services.close();
    }

    static HotspotService.Request request(String kind) {
        return new HotspotService.Request(kind, "w", FROM, TO, null, null, null, null, null);
    }

    static final MetricProjection UTM = MetricProjection.forLongitude(PLANT_LON);

    static double metresFromPlant(Feature cell) {
        var p = cell.geometry().getCentroid();
        return UTM.distanceM(p, p.getFactory().createPoint(new org.locationtech.jts.geom.Coordinate(PLANT_LON, PLANT_LAT)));
    }

    @Test
    void giStarFindsThePlantedClusterAndNothingElse() {
        HotspotService.Analysis a = services.hotspots().giStar(request("gistar"));
        assertThat(a.parameters()).containsEntry("n", 163).containsEntry("period_first", FROM).containsEntry("crs", "EPSG:32648");
        double cell = (double) a.parameters().get("cell_m");
        double band = (double) a.parameters().get("band_m");
        assertThat(band).isEqualTo(2 * cell);
        var hot = a.cells().stream().filter(c -> ((Integer) c.get("gi_bin")) > 0).toList();
        assertThat(hot).isNotEmpty();
        assertThat(hot).allSatisfy(c -> assertThat(metresFromPlant(c)).isLessThan(band + cell));
        Feature nearest = a.cells().stream().min(Comparator.comparingDouble(HotspotServiceTest::metresFromPlant)).orElseThrow();
        assertThat(nearest.get("class")).isEqualTo("hot_99");
        // Every cell says how it was computed.
        assertThat(a.cells()).allSatisfy(c -> assertThat(c.properties()).containsKeys("cell_m", "band_m", "n",
                "period_first", "period_last", "categories", "correction"));
    }

    @Test
    void densityPeaksAtTheClusterAndKeepsItsParameters() {
        HotspotService.Analysis a = services.hotspots().density(request("density"));
        Feature peak = a.cells().stream().max(Comparator.comparingDouble(c -> (Double) c.get("density_per_km2"))).orElseThrow();
        assertThat(metresFromPlant(peak)).isLessThan(100);
        assertThat(peak.get("class")).isEqualTo(5);
        assertThat(a.parameters()).containsEntry("kernel", "quartic").containsKey("bandwidth_m");
        assertThat((String) a.parameters().get("bandwidth_rule")).startsWith("spatial Silverman");
        // What falls inside the ward comes back when the density is summed over the cells (a little spills over).
        assertThat((Double) a.summary().get("incidents_in_ward_cells")).isBetween(150.0, 163.0);

        HotspotService.Analysis given = services.hotspots().density(new HotspotService.Request("density", "w", FROM, TO,
                Set.of("administrative_violation"), 150.0, 20.0, null, null));
        assertThat(given.parameters()).containsEntry("bandwidth_m", 150.0).containsEntry("bandwidth_rule", "given")
                .containsEntry("cell_m", 20.0).containsEntry("categories", "administrative_violation").containsEntry("n", 40);
    }

    @Test
    void emergingCallsTheLateClusterNew() {
        HotspotService.Analysis a = services.hotspots().emerging(request("emerging"));
        assertThat(a.parameters()).containsEntry("steps", 4).containsEntry("step_months", 3);
        Feature nearest = a.cells().stream().min(Comparator.comparingDouble(HotspotServiceTest::metresFromPlant)).orElseThrow();
        assertThat(nearest.get("pattern")).isEqualTo("new");
        assertThat(a.cells().stream().filter(c -> !"none".equals(c.get("pattern"))))
                .allSatisfy(c -> assertThat(metresFromPlant(c)).isLessThan(1000));
    }

    @Test
    void tooFewIncidentsAndBadParametersAreRefusedWithTheReason() {
        assertThatThrownBy(() -> services.hotspots().giStar(new HotspotService.Request("gistar", "w", FROM, TO,
                Set.of("dispute"), null, null, null, null)))
                .isInstanceOf(HotspotException.class).hasMessageContaining("got 1");
        assertThatThrownBy(() -> services.hotspots().giStar(new HotspotService.Request("gistar", "w", FROM, TO,
                null, null, 200.0, 100.0, null))).hasMessageContaining("band_m").hasMessageContaining("smaller than the cell");
        assertThatThrownBy(() -> services.hotspots().density(new HotspotService.Request("density", "w", FROM, TO,
                Set.of("nonsense"), null, null, null, null))).hasMessageContaining("unknown category 'nonsense'");
        assertThatThrownBy(() -> services.hotspots().density(new HotspotService.Request("density", "w", FROM, TO,
                null, null, 0.01, null, null))).hasMessageContaining("use a larger cell");
        assertThatThrownBy(() -> services.hotspots().density(request("x").withWard("nowhere")))
                .isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void trendsCountEachMonthAndTheYearOnYearChange() {
        TrendService.Trends t = services.trends().trends("w", null, FROM, TO);
        assertThat(t.months()).hasSize(12);
        assertThat(t.months().stream().mapToLong(TrendService.Month::total).sum()).isEqualTo(163);
        assertThat(t.months().get(9).byCategory()).containsEntry("administrative_violation", 14L);
        assertThat(t.months().get(0).month()).isEqualTo("2023-01");
        TrendService.Trends area = services.trends().trends("w", "b", FROM, TO);
        assertThat(area.months().stream().mapToLong(TrendService.Month::total).sum())
                .isEqualTo(services.stats().stats("w", "b", FROM, TO).incidents().total());
        // Nothing the year before, so the change is not a number.
        assertThat(t.yearOnYear().previousCount()).isZero();
        assertThat(t.yearOnYear().changePercent()).isNull();
        assertThatThrownBy(() -> services.trends().trends("w", "nowhere", FROM, TO)).isInstanceOf(java.util.NoSuchElementException.class);
    }

    static vn.anttmap.scoring.Scorecard.Status k4c(vn.anttmap.scoring.Scorecard card) {
        return card.criteria().stream().flatMap(c -> c.checks().stream()).filter(k -> k.checkId().equals("K4c"))
                .findFirst().orElseThrow().status();
    }

    @Test
    void aNewHotSpotIsAK4cHintThatCountsOnceTheOfficerRecordsIt() throws IOException {
        // The area period of 2023 runs 01/11/2022–31/10/2023; the cluster's October incidents make the last
        // three-month step hot for the first time.
        services.scoring().attest(new ScoringService.AttestationRequest("area", "b", "register_complete", 2023, true,
                "Trưởng Công an phường", null, "Sổ theo dõi vụ việc 2023"));
        var card = services.scoring().scoreArea("b", 2023);
        var hint = card.hints().stream().filter(h -> h.checkId().equals("K4c")).findFirst().orElseThrow();
        assertThat(hint.kind()).isEqualTo("emerging_hotspot");
        assertThat(hint.textVi()).contains("ô điểm nóng mới").contains("01/11/2021–31/10/2023");
        assertThat(hint.evidence()).isNotEmpty().allSatisfy(e -> assertThat(e.layer()).isEqualTo("hotspot_emerging"));
        assertThat(services.scoring().scoreArea("a", 2023).hints()).isEmpty();
        // A hint is not a verdict: K4c still counts only records.
        assertThat(k4c(card)).isEqualTo(vn.anttmap.scoring.Scorecard.Status.MET);
        // Those who may not see the evidence do not get the hint either.
        assertThat(ScoringService.redacted(card).hints()).isEmpty();

        services.importer().importFile(Layer.SOCIAL_RECORDS, "confirmed.csv", new ByteArrayInputStream(
                ("id,area_id,kind,recorded_on,record_count,description\n"
                        + "sr-hint,b,new_hotspot,2023-10-31,1,Xác nhận từ gợi ý điểm nóng\n").getBytes(StandardCharsets.UTF_8)),
                ImportService.Format.CSV, null);
        assertThat(k4c(services.scoring().scoreArea("b", 2023))).isEqualTo(vn.anttmap.scoring.Scorecard.Status.NOT_MET);
    }
}
