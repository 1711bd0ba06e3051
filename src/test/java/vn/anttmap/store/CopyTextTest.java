package vn.anttmap.store;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKBReader;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CopyTextTest {

    @Test
    void rowsAreCopyTextInUtf8WithEscapesAndNulls() throws Exception {
        CopyText t = new CopyText(1);
        t.value("i-1").value("Vụ việc\tmột\\hai\nba\rbốn").value(null).value("plain\ttab").endRow();
        t.value("i-2").value("").value("x").value("y").endRow();
        String expected = "i-1\tVụ việc\\tmột\\\\hai\\nba\\rbốn\t\\N\tplain\\ttab\n" + "i-2\t\tx\ty\n";
        assertThat(t.toString()).isEqualTo(expected);
        assertThat(t.stream().readAllBytes()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aGeometryIsHexEwkbInEpsg4326WhateverSridItCarried() throws Exception {
        Point p = new GeometryFactory().createPoint(new Coordinate(105.78, 19.45)); // SRID 0
        CopyText t = new CopyText(1);
        t.value("c-1").geometry(p).geometry(null).endRow();
        String[] cols = t.toString().strip().split("\t");
        assertThat(cols[2]).isEqualTo("\\N");
        var back = new WKBReader().read(WKBReader.hexToBytes(cols[1]));
        assertThat(back.getSRID()).isEqualTo(4326);
        assertThat(back.getCoordinate()).isEqualTo(new Coordinate(105.78, 19.45));
        assertThat(p.getSRID()).as("the caller's geometry is left as it was").isZero();
    }

    @Test
    void theBufferGrowsPastItsFirstGuess() throws Exception {
        CopyText t = new CopyText(1);
        String big = "ắ".repeat(3000) + "😀" + "\uD800x" + "é";
        t.value(big).endRow();
        assertThat(t.stream().readAllBytes()).isEqualTo((big + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void typedValuesAreWrittenAsPostgresqlReadsThem() {
        java.time.ZoneOffset vn = java.time.ZoneOffset.ofHours(7);
        CopyText t = new CopyText(1);
        t.value((Object) java.time.OffsetDateTime.of(2025, 3, 5, 21, 30, 0, 0, vn))
                .value((Object) java.time.OffsetDateTime.of(2025, 3, 5, 14, 30, 5, 0, java.time.ZoneOffset.UTC))
                .value((Object) java.time.OffsetDateTime.of(2025, 3, 5, 21, 30, 0, 5_000_000, vn))
                .value((Object) java.time.LocalDate.of(987, 1, 2))
                .value((Object) Boolean.TRUE).value((Object) Boolean.FALSE)
                .value((Object) 42).value((Object) 2.5).value((Object) null).endRow();
        assertThat(t.toString()).isEqualTo("2025-03-05T21:30:00+07:00\t2025-03-05T14:30:05Z\t2025-03-05T21:30:00.005+07:00"
                + "\t0987-01-02\tt\tf\t42\t2.5\t\\N\n");
    }

    /**
     * Regression: years after 9999 and before 1 were written as Java writes them ({@code +10000-…}, {@code 0000-…},
     * {@code -0001-…}), which PostgreSQL refuses; it reads all the digits of a large year, and a year of the era
     * followed by BC (ISO's year 0 is 1 BC).
     */
    @Test
    void regressionYearsOutsideOneTo9999AreWrittenAsPostgresqlReadsThem() {
        java.time.ZoneOffset vn = java.time.ZoneOffset.ofHours(7);
        CopyText t = new CopyText(1);
        t.value((Object) java.time.OffsetDateTime.of(10000, 1, 2, 3, 4, 5, 0, vn))
                .value((Object) java.time.OffsetDateTime.of(123456, 12, 31, 23, 59, 59, 250_000_000,
                        java.time.ZoneOffset.ofHoursMinutesSeconds(5, 45, 30)))
                .value((Object) java.time.OffsetDateTime.of(0, 6, 7, 8, 9, 10, 0, java.time.ZoneOffset.UTC))
                .value((Object) java.time.OffsetDateTime.of(-1, 1, 1, 0, 0, 0, 0, vn))
                .value((Object) java.time.LocalDate.of(10000, 1, 2))
                .value((Object) java.time.LocalDate.of(0, 1, 2))
                .value((Object) java.time.LocalDate.of(-41, 3, 15))
                .value((Object) java.time.LocalDate.of(1, 1, 1)).endRow();
        assertThat(t.toString()).isEqualTo("10000-01-02T03:04:05+07:00\t123456-12-31T23:59:59.250+05:45:30"
                + "\t0001-06-07T08:09:10Z BC\t0002-01-01T00:00:00+07:00 BC\t10000-01-02"
                + "\t0001-01-02 BC\t0042-03-15 BC\t0001-01-01\n");
    }
}
