package vn.anttmap.demo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import vn.anttmap.geo.AreaPartitioner;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.model.Feature;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import static vn.anttmap.demo.DemoContext.SYNTHETIC;
import static vn.anttmap.demo.DemoContext.SYNTHETIC_PUBLIC_NAME;
import static vn.anttmap.demo.DemoContext.props;
import static vn.anttmap.demo.DemoContext.round;

/**
 * The 14 residential areas tiling the ward exactly: Voronoi cells of seeds relaxed by Lloyd's method, clipped to the
 * ward by one noding (see {@link AreaPartitioner}), named, numbered and given their households as the plan says.
 */
final class DemoAreas {
    private final DemoContext ctx;

    DemoAreas(DemoContext ctx) {
        this.ctx = ctx;
    }

    List<Feature> areas(LineString coast) {
        List<Point> seeds = new ArrayList<>();
        Geometry inner = ctx.utm.bufferM(ctx.wardPolygon, -120);
        while (seeds.size() < DemoPlan.AREAS) {
            Point p = ctx.randomPointIn(inner);
            if (seeds.stream().allMatch(s -> ctx.utm.distanceM(s, p) > 350)) {
                seeds.add(p);
            }
        }
        List<Geometry> parts = ctx.relaxedCells(seeds);
        List<Geometry> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingDouble((Geometry g) -> -round(g.getCentroid().getY(), 3))
                .thenComparingDouble(g -> g.getCentroid().getX()));
        List<Geometry> byCoast = new ArrayList<>(ordered);
        byCoast.sort(Comparator.comparingDouble((Geometry g) -> -ctx.utm.lengthM(g.intersection(coast))));
        Map<Geometry, DemoPlan.AreaName> names = new LinkedHashMap<>();
        for (int i = 0; i < DemoPlan.COASTAL_NAMES.size(); i++) {
            names.put(byCoast.get(i), DemoPlan.COASTAL_NAMES.get(i));
        }
        int next = 0;
        for (Geometry g : ordered) {
            if (!names.containsKey(g)) {
                names.put(g, DemoPlan.OTHER_NAMES.get(next++));
            }
        }
        double totalM2 = ordered.stream().mapToDouble(ctx.utm::areaM2).sum();
        int[] households = new int[ordered.size()];
        int[] registered = new int[ordered.size()];
        for (int i = 0; i < ordered.size(); i++) {
            double weight = ctx.utm.areaM2(ordered.get(i)) / totalM2 * (0.8 + 0.4 * ctx.rnd.nextDouble());
            households[i] = (int) Math.round(4_100 * weight);
            registered[i] = (int) Math.floor(households[i] * DemoPlan.REGISTERED_SHARE[i]);
        }
        int largestFull = IntStream.range(0, ordered.size()).filter(i -> DemoPlan.REGISTERED_SHARE[i] == 1)
                .boxed().max(Comparator.comparingInt(i -> households[i])).orElseThrow();
        int diff = DemoPlan.REGISTERED_HOUSEHOLDS - IntStream.of(registered).sum();
        households[largestFull] += diff;
        registered[largestFull] += diff;

        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            DemoPlan.AreaName n = names.get(ordered.get(i));
            int population = (int) Math.round(households[i] * (3.4 + 0.5 * ctx.rnd.nextDouble()));
            out.add(new Feature(areaId(n), GeometryChecks.toMultiPolygon(ordered.get(i).norm()), props(
                    "code", String.format(Locale.ROOT, "HH-%02d", i + 1),
                    "name", n.name(), "kind", n.kind(), "population", population, "households", households[i],
                    "registered_households", registered[i], "valid_from", ctx.ward.get("valid_from"), "valid_to", null,
                    "source", n.publicName() ? SYNTHETIC_PUBLIC_NAME : SYNTHETIC)));
        }
        return out;
    }

    static String areaId(DemoPlan.AreaName n) {
        String plain = Normalizer.normalize(n.name().toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replace('đ', 'd');
        plain = plain.replace("to dan pho ", "tdp-").replace("tieu khu ", "tk-");
        return plain.replaceAll("[^a-z0-9]+", "-");
    }
}
