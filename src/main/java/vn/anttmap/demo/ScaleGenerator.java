package vn.anttmap.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A synthetic country for measuring: wards as 2 km squares on a grid, each split into residential areas on a
 * sub-grid, a street along every area boundary, cameras along the streets and incidents spread over two area
 * periods (01/11/2023–31/10/2025). Records are produced ward by ward from a seed, so memory stays bounded whatever
 * the scale; each ward's records depend only on the seed and the ward's number. Everything is labelled synthetic.
 */
public final class ScaleGenerator {
    /**
     * @param areaCols  areas per ward across
     * @param areaRows  areas per ward down
     */
    public enum Scale {
        WARD(1, 5, 5, 250, 1_000),
        PROVINCE(200, 5, 5, 250, 1_000),
        NATIONAL(3_000, 5, 7, 333, 1_333);

        public final int wards;
        public final int areaCols;
        public final int areaRows;
        public final int camerasPerWard;
        public final int incidentsPerWard;

        Scale(int wards, int areaCols, int areaRows, int camerasPerWard, int incidentsPerWard) {
            this.wards = wards;
            this.areaCols = areaCols;
            this.areaRows = areaRows;
            this.camerasPerWard = camerasPerWard;
            this.incidentsPerWard = incidentsPerWard;
        }

        public static Scale of(String name) {
            for (Scale s : values()) {
                if (s.name().equalsIgnoreCase(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("--scale: '" + name + "' is not ward, province or national");
        }

        public long areas() {
            return (long) wards * areaCols * areaRows;
        }

        public long cameras() {
            return (long) wards * camerasPerWard;
        }

        public long incidents() {
            return (long) wards * incidentsPerWard;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The first day of the two area periods the incidents cover, and the last. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2023, 11, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(2025, 10, 31);
    /** The province every generated ward is in. */
    public static final String PROVINCE = "Tỉnh tổng hợp";
    /** The period year the data is made for (the later of the two periods). */
    public static final int YEAR = 2025;
    static final double WARD_M = 2000;
    static final double LAT0 = 19.0;
    static final double LON0 = 104.9;
    private static final String SOURCE = "synthetic: ANTT Map scale generator";
    private static final ZoneOffset VN = ZoneOffset.ofHours(7);
    private static final String[] CATEGORIES = {"crime", "social_evil", "administrative_violation", "dispute", "other"};
    private static final double[] CATEGORY_WEIGHTS = {0.4, 0.15, 0.25, 0.12, 0.08};
    private static final String[] SEVERITY = {"it_nghiem_trong", "nghiem_trong"};
    private static final String[] CHANNELS = {"in_person", "hotline_113", "vneid", "app", "patrol"};

    private final Scale scale;
    private final long seed;
    private final GeometryFactory gf = new GeometryFactory();
    private final int gridCols;
    private final double dLon;
    private final double dLat;

    public ScaleGenerator(Scale scale, long seed) {
        this.scale = scale;
        this.seed = seed;
        this.gridCols = (int) Math.ceil(Math.sqrt(scale.wards));
        this.dLat = WARD_M / 110_540.0;
        this.dLon = WARD_M / (111_320.0 * Math.cos(Math.toRadians(LAT0)));
    }

    public Scale scale() {
        return scale;
    }

    /** The lon/lat box of every ward. */
    public Envelope extent() {
        int rows = (scale.wards + gridCols - 1) / gridCols;
        return new Envelope(LON0, round(LON0 + gridCols * dLon), LAT0, round(LAT0 + rows * dLat));
    }

    public static String wardId(int w) {
        return "w" + padded(w, 5);
    }

    public static String areaId(int w, int a) {
        return wardId(w) + "-a" + padded(a, 2);
    }

    /** {@code n} with leading zeros to {@code width} digits (as %0<width>d; String.format was a tenth of a bulk load). */
    static String padded(int n, int width) {
        String digits = Integer.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /** The records of one layer, ward by ward, in order. */
    public void records(Layer layer, Consumer<Feature> sink) {
        for (int w = 0; w < scale.wards; w++) {
            wardRecords(w, layer, sink);
        }
    }

    private double x(int w, double fraction) {
        return round(LON0 + (w % gridCols + fraction) * dLon);
    }

    private double y(int w, double fraction) {
        return round(LAT0 + (w / gridCols + fraction) * dLat);
    }

    private Geometry box(double x0, double y0, double x1, double y1) {
        return gf.createMultiPolygon(new org.locationtech.jts.geom.Polygon[]{(org.locationtech.jts.geom.Polygon)
                gf.toGeometry(new Envelope(x0, x1, y0, y1))});
    }

    /** The records of one layer for one ward. */
    public void wardRecords(int w, Layer layer, Consumer<Feature> sink) {
        int ac = scale.areaCols;
        int ar = scale.areaRows;
        switch (layer) {
            case WARDS -> sink.accept(new Feature(wardId(w), box(x(w, 0), y(w, 0), x(w, 1), y(w, 1)),
                    values("code", "W" + w, "name", "Phường tổng hợp " + w, "kind", "phuong", "province", PROVINCE,
                            "population", 8_000 + (w % 50) * 100, "valid_from", "2020-01-01", "source", SOURCE)));
            case AREAS -> {
                Random rnd = random(w, 1);
                for (int a = 0; a < ac * ar; a++) {
                    int c = a % ac;
                    int r = a / ac;
                    int households = 200 + rnd.nextInt(300);
                    sink.accept(new Feature(areaId(w, a),
                            box(x(w, (double) c / ac), y(w, (double) r / ar), x(w, (double) (c + 1) / ac), y(w, (double) (r + 1) / ar)),
                            values("code", "A" + a, "name", "Tổ dân phố " + (a + 1), "kind", "to_dan_pho",
                                    "population", households * 4, "households", households,
                                    "registered_households", households - rnd.nextInt(10), "valid_from", "2020-01-01",
                                    "source", SOURCE)));
                }
            }
            case ROADS -> {
                for (int i = 1; i < ar; i++) {
                    sink.accept(new Feature(wardId(w) + "-h" + i, line(x(w, 0), y(w, (double) i / ar),
                            x(w, 1), y(w, (double) i / ar)), values("name", "Đường ngang " + i, "kind", i == ar / 2 ? "main" : "street", "source", SOURCE)));
                }
                for (int i = 1; i < ac; i++) {
                    sink.accept(new Feature(wardId(w) + "-v" + i, line(x(w, (double) i / ac), y(w, 0),
                            x(w, (double) i / ac), y(w, 1)), values("name", "Đường dọc " + i, "kind", "street", "source", SOURCE)));
                }
            }
            case CAMERAS -> {
                Random rnd = random(w, 2);
                Random sharing = random(w, 5);
                for (int k = 0; k < scale.camerasPerWard; k++) {
                    // Along a street: on a grid line, a little off it.
                    boolean horizontal = rnd.nextBoolean();
                    double along = 0.02 + 0.96 * rnd.nextDouble();
                    double across = horizontal ? (1 + rnd.nextInt(ar - 1)) / (double) ar : (1 + rnd.nextInt(ac - 1)) / (double) ac;
                    across += (rnd.nextDouble() - 0.5) * 0.004;
                    double lon = horizontal ? x(w, along) : x(w, across);
                    double lat = horizontal ? y(w, across) : y(w, along);
                    String status = rnd.nextDouble() < 0.9 ? "active" : "inactive";
                    Map<String, Object> v = values("name", "Camera " + k,
                            "bearing_deg", (double) rnd.nextInt(360), "fov_deg", 60.0 + rnd.nextInt(40),
                            "range_m", 30.0 + rnd.nextInt(50), "kind", "fixed",
                            "owner", rnd.nextDouble() < 0.6 ? "community" : "household", "status", status,
                            "installed_on", "2022-06-01");
                    // From a stream of its own, so the fields above stay what they were for the same seed.
                    v.put("footage_sharing", sharing.nextDouble() < 0.7);
                    sink.accept(new Feature(wardId(w) + "-c" + padded(k, 4), gf.createPoint(new Coordinate(lon, lat)), v));
                }
            }
            case INCIDENTS -> {
                Random rnd = random(w, 3);
                Random handlingRnd = random(w, 4);
                int days = (int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay()) + 1;
                for (int k = 0; k < scale.incidentsPerWard; k++) {
                    double lon = x(w, 0.001 + 0.998 * rnd.nextDouble());
                    double lat = y(w, 0.001 + 0.998 * rnd.nextDouble());
                    String category = CATEGORIES[weighted(rnd, CATEGORY_WEIGHTS)];
                    LocalDate day = FIRST_DAY.plusDays(rnd.nextInt(days));
                    OffsetDateTime at = OffsetDateTime.of(day, LocalTime.of(rnd.nextInt(24), rnd.nextInt(60)), VN);
                    Map<String, Object> v = values("occurred_at", at.toString(), "category", category,
                            "severity", category.equals("crime") ? SEVERITY[rnd.nextDouble() < 0.95 ? 0 : 1] : null,
                            "channel", CHANNELS[rnd.nextInt(CHANNELS.length)], "promptly_handled", rnd.nextDouble() < 0.8,
                            "description", "Vụ việc tổng hợp (synthetic)");
                    handling(handlingRnd, at, v);
                    sink.accept(new Feature(wardId(w) + "-i" + padded(k, 5), gf.createPoint(new Coordinate(lon, lat)), v));
                }
            }
            default -> {
            }
        }
    }

    private static final String[] OUTCOMES = {"mediated", "fined", "warned", "transferred", "referred", "no_violation"};
    private static final String[] OPEN_STEPS = {"received", "assigned", "verified"};
    private static final String SYNTHETIC_OFFICER = "Cán bộ tổng hợp (synthetic)";

    /**
     * An incident's handling (IncidentLifecycle), made up: one in twelve has none recorded (an older record); of the
     * rest, one in ten is still open (received, assigned or verified), the others handled (four in ten) or closed. It
     * is received 5 minutes to 2 hours after it occurred and handled after a log-normal time (median a day, a 90th
     * percentile of about four; 10 minutes to 30 days); each step in order, closing up to three days after handling.
     * From a random stream of its own: the incident's other fields stay what they were for the same seed.
     */
    private static void handling(Random rnd, OffsetDateTime occurred, Map<String, Object> v) {
        if (rnd.nextDouble() < 1.0 / 12) {
            return;
        }
        String status = rnd.nextDouble() < 0.1 ? OPEN_STEPS[rnd.nextInt(OPEN_STEPS.length)]
                : rnd.nextDouble() < 0.4 ? "handled" : "closed";
        OffsetDateTime received = occurred.plusMinutes(5 + rnd.nextInt(116));
        long minutes = Math.max(10, Math.min(30L * 24 * 60, Math.round(Math.exp(Math.log(24 * 60) + 1.1 * rnd.nextGaussian()))));
        v.put("status", status);
        v.put("received_at", received.toString());
        v.put("received_by", SYNTHETIC_OFFICER);
        if (status.equals("received")) {
            return;
        }
        v.put("assigned_at", received.plusMinutes(minutes / 10).toString());
        v.put("assigned_by", SYNTHETIC_OFFICER);
        v.put("assigned_to", SYNTHETIC_OFFICER);
        if (status.equals("assigned")) {
            return;
        }
        v.put("verified_at", received.plusMinutes(minutes / 3).toString());
        v.put("verified_by", SYNTHETIC_OFFICER);
        if (status.equals("verified")) {
            return;
        }
        v.put("handled_at", received.plusMinutes(minutes).toString());
        v.put("handled_by", SYNTHETIC_OFFICER);
        v.put("handling", OUTCOMES[rnd.nextInt(OUTCOMES.length)]);
        if (status.equals("closed")) {
            v.put("closed_at", received.plusMinutes(minutes + 1 + rnd.nextInt(3 * 24 * 60)).toString());
            v.put("closed_by", SYNTHETIC_OFFICER);
        }
    }

    /** How many records a layer has at this scale. */
    public long count(Layer layer) {
        return switch (layer) {
            case WARDS -> scale.wards;
            case AREAS -> scale.areas();
            case ROADS -> (long) scale.wards * (scale.areaCols - 1 + scale.areaRows - 1);
            case CAMERAS -> scale.cameras();
            case INCIDENTS -> scale.incidents();
            default -> 0;
        };
    }

    /** The layers, in the order they are written (boundaries first, so points find their area). */
    public static List<Layer> layers() {
        return List.of(Layer.WARDS, Layer.AREAS, Layer.ROADS, Layer.CAMERAS, Layer.INCIDENTS);
    }

    private Geometry line(double x0, double y0, double x1, double y1) {
        LineString l = gf.createLineString(new Coordinate[]{new Coordinate(x0, y0), new Coordinate(x1, y1)});
        return gf.createMultiLineString(new LineString[]{l});
    }

    private Random random(int ward, int stream) {
        return new Random(seed * 1_000_003L + ward * 31L + stream);
    }

    private static int weighted(Random rnd, double[] weights) {
        double r = rnd.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double round(double v) {
        return Math.round(v * 1e7) / 1e7;
    }

    private static Map<String, Object> values(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    /** A progress line: done of total, per second. */
    public static String progress(String what, long done, long total, double seconds) {
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        return String.format(Locale.ROOT, "\r%-10s [%s%s] %,d/%,d %,.0f/s", what, "#".repeat(filled), " ".repeat(width - filled),
                done, total, seconds > 0 ? done / seconds : 0);
    }

}
