package vn.anttmap.service;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKTReader;
import vn.anttmap.model.Feature;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which version of the boundaries answers on which day: valid_from inclusive, valid_to exclusive. */
class GazetteerTest {
    static Feature polygon(String id, String wkt, String from, String to) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("valid_from", LocalDate.parse(from));
        p.put("valid_to", to == null ? null : LocalDate.parse(to));
        return new Feature(id, new WKTReader().read(wkt), p);
    }

    static Point at(double x, double y) {
        return new GeometryFactory().createPoint(new Coordinate(x, y));
    }

    @Test
    void eachDayIsAnsweredByTheVersionsValidThatDay() throws Exception {
        String west = "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))";
        String whole = "POLYGON ((0 0, 2 0, 2 1, 0 1, 0 0))";
        Gazetteer g = new Gazetteer(List.of(polygon("w", whole, "2000-01-01", null)), List.of(
                polygon("old", west, "2019-01-01", "2021-07-01"),
                polygon("new", whole, "2021-07-01", null),
                polygon("gap", "POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))", "2020-01-01", "2020-02-01")));
        Point p = at(0.5, 0.5);
        Point q = at(1.5, 0.5);
        assertThat(g.area(p, LocalDate.of(2018, 12, 31))).isEmpty();
        assertThat(g.area(p, LocalDate.of(2019, 1, 1))).contains("old");
        assertThat(g.area(p, LocalDate.of(2021, 6, 30))).contains("old");
        assertThat(g.area(p, LocalDate.of(2021, 7, 1))).contains("new");
        assertThat(g.area(q, LocalDate.of(2019, 12, 31))).isEmpty();
        assertThat(g.area(q, LocalDate.of(2020, 1, 15))).contains("gap");
        assertThat(g.area(q, LocalDate.of(2020, 2, 1))).isEmpty();
        assertThat(g.area(q, LocalDate.of(2030, 1, 1))).contains("new");
        // Asked again in another order, the same answers (locators are shared between days of the same versions).
        assertThat(g.area(p, LocalDate.of(2020, 1, 20))).contains("old");
        assertThat(g.area(q, LocalDate.of(2020, 1, 31))).contains("gap");
        assertThat(g.ward(q, LocalDate.of(2001, 1, 1))).isEqualTo(Optional.of("w"));
    }
}
