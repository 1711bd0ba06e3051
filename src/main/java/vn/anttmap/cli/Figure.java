package vn.anttmap.cli;

/**
 * One measured figure, side by side with what a GIS analyst would write by hand in PostGIS SQL.
 *
 * @param ours    our value, in {@code unit}
 * @param postgis the PostGIS equivalent's value in the same unit, or {@code null} when there is none
 * @param better  {@code "higher"} or {@code "lower"}: which way is better for this unit
 * @param ratio   how many times better ours is than PostGIS (above 1: ours is better), or {@code null}
 * @param target  the figure to reach, in words
 * @param met     whether it is reached ({@code null} when it cannot be judged)
 * @param note    how it was measured, and by how much and why a missed figure is missed
 */
record Figure(String name, double ours, String unit, Double postgis, String better, Double ratio, String target,
                     Boolean met, String note) {

    public static Figure of(String name, double ours, String unit, Double postgis, String better, String target,
                            Boolean met, String note) {
        Double ratio = postgis == null || ours == 0 || postgis == 0 ? null
                : better.equals("higher") ? ours / postgis : postgis / ours;
        return new Figure(name, ours, unit, postgis, better, ratio, target, met, note);
    }
}
