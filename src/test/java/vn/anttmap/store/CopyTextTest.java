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
}
