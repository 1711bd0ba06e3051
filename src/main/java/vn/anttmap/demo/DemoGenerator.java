package vn.anttmap.demo;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static vn.anttmap.demo.DemoContext.COAST_SOURCE;
import static vn.anttmap.demo.DemoContext.props;

/**
 * Generates the synthetic layers of the Hải Hòa demo around the real ward boundary, deterministically from
 * {@link DemoPlan#SEED}: the same ward in gives the same features out, byte for byte once written.
 *
 * <ul>
 *   <li>14 residential areas tiling the ward exactly (Voronoi cells of seeds relaxed by Lloyd's method, clipped to
 *       the ward by one noding; see {@link DemoAreas});</li>
 *   <li>roads: a main road, cross streets, two side streets and a beach road ~160 m inland, clipped to the ward;
 *       the coastline is the ward's seaward edge (see {@link DemoRoads});</li>
 *   <li>125 cameras: two at each road crossing, looking along each road, then evenly along the roads
 *       (see {@link DemoCameras});</li>
 *   <li>incidents, disputes, extractions and teams as {@link DemoPlan} lays them out (see {@link DemoIncidents},
 *       {@link DemoRecords}, {@link DemoTeams}, {@link DemoAttestations}); every incident with its handling history
 *       (see {@link DemoHandling}, drawn from its own seed);</li>
 *   <li>then, for each neighbouring ward of {@link DemoPlan#NEIGHBOURS}, from its own seed, a few areas tiling it,
 *       cameras, incidents with their histories and the scoring inputs of 2023 (see {@link DemoNeighbour}), appended
 *       after Hải Hòa's records.</li>
 * </ul>
 *
 * <p>The parts draw in turn from the one random sequence of their {@link DemoContext}: the order of the calls below is
 * part of the output, and must not change.
 */
public final class DemoGenerator {
    private final DemoContext ctx;

    private DemoGenerator(Feature ward) {
        this.ctx = new DemoContext(ward);
    }

    /**
     * Every synthetic layer, keyed by layer, for the given (real) ward and the neighbours {@link DemoPlan#NEIGHBOURS}
     * names, found among {@code wards}; under {@link Layer#WARDS}, the target ward and those neighbours with the vertices
     * added on their edges where area boundaries meet them (each on a 1e-7° grid, within 1 cm of the original edge), so
     * that the areas tile each exactly, vertex for vertex.
     *
     * @param wards the real wards around the target (the target among them or not)
     * @throws IllegalArgumentException when a planned neighbour is not among {@code wards}
     */
    public static Map<Layer, List<Feature>> generate(Feature ward, List<Feature> wards) {
        Map<Layer, List<Feature>> out = new DemoGenerator(ward).run();
        LocalDate lastDay = out.get(Layer.INCIDENTS).stream()
                .map(i -> ((OffsetDateTime) i.get("occurred_at")).atZoneSameInstant(DemoContext.VN).toLocalDate())
                .max(Comparator.naturalOrder()).orElseThrow().with(TemporalAdjusters.lastDayOfMonth());
        for (DemoPlan.Neighbour plan : DemoPlan.NEIGHBOURS) {
            Feature neighbour = wards.stream().filter(w -> w.id().equals(plan.wardId())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the demo's neighbour " + plan.wardId() + " is missing"));
            List<Feature> others = new ArrayList<>(List.of(ward));
            wards.stream().filter(w -> !w.id().equals(plan.wardId()) && !w.id().equals(ward.id())).forEach(others::add);
            for (Map.Entry<Layer, List<Feature>> e : new DemoNeighbour(neighbour, plan, others, lastDay).generate().entrySet()) {
                List<Feature> all = new ArrayList<>(out.getOrDefault(e.getKey(), List.of()));
                all.addAll(e.getValue());
                out.put(e.getKey(), all);
            }
        }
        return out;
    }

    private Map<Layer, List<Feature>> run() {
        DemoRoads lines = new DemoRoads(ctx);
        DemoIncidents incidentPart = new DemoIncidents(ctx);
        DemoRecords records = new DemoRecords(ctx);
        DemoAttestations attestations = new DemoAttestations(ctx);
        Map<Layer, List<Feature>> out = new EnumMap<>(Layer.class);
        LineString coast = lines.coastline();
        List<Feature> areas = new DemoAreas(ctx).areas(coast);
        List<Feature> roads = lines.roads();
        List<Feature> cameras = new DemoCameras(ctx).cameras(roads);
        List<Feature> incidents = new DemoHandling(DemoPlan.HANDLING_SEED, DemoPlan.HAI_HOA_HANDLING, ctx.ward)
                .withHistories(incidentPart.incidents(areas, roads));
        out.put(Layer.WARDS, List.of(new Feature(ctx.ward.id(), GeometryChecks.toMultiPolygon(
                CoverageUnion.union(areas.stream().map(Feature::geometry).toArray(Geometry[]::new)).norm()),
                ctx.ward.properties())));
        out.put(Layer.AREAS, areas);
        out.put(Layer.TEAMS, new DemoTeams(ctx).teams(areas));
        out.put(Layer.CAMERAS, cameras);
        out.put(Layer.INCIDENTS, incidents);
        out.put(Layer.DISPUTES, records.disputes(areas));
        out.put(Layer.EXTRACTIONS, records.extractions(cameras, incidents));
        out.put(Layer.ROADS, roads);
        out.put(Layer.SOCIAL_RECORDS, records.socialRecords(areas));
        out.put(Layer.CAMERA_MAINTENANCE, records.maintenance(cameras));
        out.put(Layer.HOUSEHOLD_COUNTS, attestations.householdCounts(areas));
        out.put(Layer.ATTESTATIONS, attestations.attestations(areas));
        out.put(Layer.EXCEPTION_DECISIONS, incidentPart.exceptionDecisions(incidents));
        out.put(Layer.ORGANISATIONS, attestations.organisations(areas));
        out.put(Layer.COASTLINE, List.of(new Feature("coast-hai-hoa", ctx.f.createMultiLineString(new LineString[]{coast}),
                props("name", "Bờ biển Hải Hòa", "source", COAST_SOURCE))));
        return out;
    }
}
