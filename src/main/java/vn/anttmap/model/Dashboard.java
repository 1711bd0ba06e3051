package vn.anttmap.model;

import java.time.LocalDate;
import java.util.List;

/**
 * The leaders' dashboard of a scope for a year: per ward, its residential areas by verdict, its cameras, its incidents
 * of the window by their handling and those of the same days a year before; and the same over the whole scope.
 *
 * @param previousFrom the window a year before: {@code from} and {@code to} a year earlier
 */
public record Dashboard(Scope scope, int year, LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo,
                        List<Row> wards, Figures totals) {

    public Dashboard {
        wards = List.copyOf(wards);
    }

    /**
     * @param kind  {@code province} or {@code wards}
     * @param name  the province's name as its wards record it; {@code null} for a list of wards
     * @param wards the ward ids, in order
     */
    public record Scope(String kind, String name, List<String> wards) {
        public Scope {
            wards = List.copyOf(wards);
        }
    }

    /**
     * Residential areas by their verdict for the year: đạt, chưa đạt, chưa đủ căn cứ; shares of {@code total},
     * {@code null} when it is 0; {@code synthetic}: how many of them are synthetic (illustrative: their source says so),
     * so that a page or a file never shows made-up figures as real.
     */
    public record Areas(long total, long dat, long chuaDat, long chuaDuCanCu, long synthetic) {
        public static final Areas NONE = new Areas(0, 0, 0, 0, 0);

        /** The counts, none of them synthetic. */
        public Areas(long total, long dat, long chuaDat, long chuaDuCanCu) {
            this(total, dat, chuaDat, chuaDuCanCu, 0);
        }

        public Double shareDat() {
            return share(dat);
        }

        public Double shareChuaDat() {
            return share(chuaDat);
        }

        public Double shareChuaDuCanCu() {
            return share(chuaDuCanCu);
        }

        private Double share(long n) {
            return total == 0 ? null : (double) n / total;
        }

        public Areas plus(Areas o) {
            return new Areas(total + o.total, dat + o.dat, chuaDat + o.chuaDat, chuaDuCanCu + o.chuaDuCanCu,
                    synthetic + o.synthetic);
        }
    }

    /**
     * The change from the window a year before to this one: differences of counts, of the share handled (a difference
     * of fractions) and of hours; {@code null} where either side is.
     */
    public record Change(long received, long handled, Double shareHandled, Double medianHours, Double p90Hours) {
        public static Change between(IncidentFigures before, IncidentFigures now) {
            return new Change(now.received() - before.received(), now.handled() - before.handled(),
                    minus(now.shareHandled(), before.shareHandled()), minus(now.medianHours(), before.medianHours()),
                    minus(now.p90Hours(), before.p90Hours()));
        }

        private static Double minus(Double a, Double b) {
            return a == null || b == null ? null : a - b;
        }
    }

    /** One ward's figures, or the scope's. */
    public record Figures(Areas areas, CameraFigures cameras, IncidentFigures incidents, IncidentFigures previous) {
        public Change change() {
            return Change.between(previous, incidents);
        }
    }

    /** A ward: its id, name and province as recorded, and its figures. */
    public record Row(String ward, String name, String province, Figures figures) {
    }
}
