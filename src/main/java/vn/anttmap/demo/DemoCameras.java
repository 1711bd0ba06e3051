package vn.anttmap.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import vn.anttmap.model.Feature;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static vn.anttmap.demo.DemoContext.props;
import static vn.anttmap.demo.DemoContext.round;

/** The 125 cameras: two at each road crossing, looking along each road, then evenly along the roads. */
final class DemoCameras {
    private final DemoContext ctx;

    DemoCameras(DemoContext ctx) {
        this.ctx = ctx;
    }

    private record Site(Point at, double bearingDeg, boolean crossing) {
    }

    List<Feature> cameras(List<Feature> roads) {
        List<Site> crossings = new ArrayList<>();
        for (int i = 0; i < roads.size(); i++) {
            for (int j = i + 1; j < roads.size(); j++) {
                Geometry x = roads.get(i).geometry().intersection(roads.get(j).geometry());
                for (Coordinate c : x.getCoordinates()) {
                    crossings.add(new Site(ctx.f.createPoint(c), bearingAlong(roads.get(i).geometry(), c), true));
                    crossings.add(new Site(ctx.f.createPoint(c), bearingAlong(roads.get(j).geometry(), c), true));
                }
            }
        }
        List<Site> sites = new ArrayList<>();
        for (Site c : crossings) {
            Point moved = offset(c.at(), c.bearingDeg(), 8);
            if (ctx.wardPolygon.covers(moved)) {
                sites.add(new Site(moved, c.bearingDeg(), true));
            }
        }
        int wanted = DemoPlan.CAMERAS - sites.size();
        List<Site> along = new ArrayList<>();
        for (double spacing = 200; along.size() < wanted; spacing *= 0.9) {
            along.clear();
            for (Feature road : roads) {
                along.addAll(alongRoad(road.geometry(), spacing, crossings));
            }
        }
        double step = (double) along.size() / wanted;
        for (int k = 0; k < wanted; k++) {
            sites.add(along.get((int) Math.floor(k * step)));
        }
        List<Feature> out = new ArrayList<>();
        int[] owners = ctx.shuffledCodes(new String[]{"household", "business", "police"}, new int[]{8, 8, 6}, DemoPlan.CAMERAS);
        int[] statuses = ctx.shuffledCodes(new String[]{"inactive", "maintenance"}, new int[]{5, 3}, DemoPlan.CAMERAS);
        String[] ownerCodes = {"community", "household", "business", "police"};
        String[] statusCodes = {"active", "inactive", "maintenance"};
        LocalDate firstInstall = LocalDate.of(2021, 3, 1);
        for (int i = 0; i < sites.size(); i++) {
            Site site = sites.get(i);
            double roll = ctx.rnd.nextDouble();
            DemoContext.Lens lens = ctx.lens(site.crossing() && roll < 0.2 ? "ptz" : roll < 0.3 ? "dome" : "fixed");
            String kind = lens.kind();
            double fov = lens.fovDeg();
            double range = lens.rangeM();
            double bearing = ((site.bearingDeg() + (ctx.rnd.nextBoolean() ? 0 : 180) + ctx.rnd.nextGaussian() * 5) % 360 + 360) % 360;
            LocalDate installed = firstInstall.plusDays(ctx.rnd.nextInt(850));
            String owner = ownerCodes[owners[i]];
            String status = statusCodes[statuses[i]];
            String funding = DemoContext.fundingOf(owner);
            LocalDate lastSeen = "active".equals(status) ? LocalDate.of(2023, 10, 31).minusDays(ctx.rnd.nextInt(5))
                    : LocalDate.of(2023, 1, 1).plusDays(ctx.rnd.nextInt(240));
            out.add(new Feature(String.format(Locale.ROOT, "cam-%03d", i + 1), ctx.snap(site.at()), props(
                    "name", String.format(Locale.ROOT, "Camera %03d%s", i + 1, site.crossing() ? " (ngã tư)" : ""),
                    "bearing_deg", round(bearing, 1), "fov_deg", fov, "range_m", range, "kind", kind,
                    "owner", owner, "status", status, "installed_on", installed, "funding", funding,
                    "footage_sharing", !"household".equals(owner) || ctx.rnd.nextBoolean(), "last_seen_on", lastSeen,
                    "resolution_px", ctx.rnd.nextBoolean() ? 1920 : 2560)));
        }
        return out;
    }

    private List<Site> alongRoad(Geometry road, double spacingM, List<Site> crossings) {
        List<Site> out = new ArrayList<>();
        for (int p = 0; p < road.getNumGeometries(); p++) {
            LineString line = (LineString) road.getGeometryN(p);
            LineString m = (LineString) ctx.utm.toMeters(line);
            double length = m.getLength();
            for (double d = spacingM / 2; d < length; d += spacingM) {
                Coordinate c = new org.locationtech.jts.linearref.LengthIndexedLine(m).extractPoint(d);
                Point at = (Point) ctx.utm.toLonLat(ctx.f.createPoint(c));
                boolean nearCrossing = crossings.stream().anyMatch(x -> ctx.utm.distanceM(x.at(), at) < 40);
                if (!nearCrossing && ctx.wardPolygon.covers(at)) {
                    out.add(new Site(at, bearingAlong(road, at.getCoordinate()), false));
                }
            }
        }
        return out;
    }

    /** The azimuth (degrees clockwise from north) of the road segment nearest to {@code c}. */
    private double bearingAlong(Geometry road, Coordinate c) {
        Coordinate[] cs = road.getCoordinates();
        double best = Double.MAX_VALUE;
        double bearing = 0;
        for (int i = 0; i + 1 < cs.length; i++) {
            LineString seg = ctx.f.createLineString(new Coordinate[]{cs[i], cs[i + 1]});
            double d = seg.distance(ctx.f.createPoint(c));
            if (d < best) {
                best = d;
                Coordinate a = ((Point) ctx.utm.toMeters(ctx.f.createPoint(cs[i]))).getCoordinate();
                Coordinate b = ((Point) ctx.utm.toMeters(ctx.f.createPoint(cs[i + 1]))).getCoordinate();
                bearing = (Math.toDegrees(Math.atan2(b.x - a.x, b.y - a.y)) + 360) % 360;
            }
        }
        return bearing;
    }

    private Point offset(Point p, double bearingDeg, double distanceM) {
        Point m = (Point) ctx.utm.toMeters(p);
        double a = Math.toRadians(bearingDeg);
        return (Point) ctx.utm.toLonLat(ctx.f.createPoint(new Coordinate(m.getX() + distanceM * Math.sin(a), m.getY() + distanceM * Math.cos(a))));
    }
}
