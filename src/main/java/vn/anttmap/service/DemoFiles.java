package vn.anttmap.service;

import org.locationtech.jts.geom.Geometry;
import vn.anttmap.demo.DemoGenerator;
import vn.anttmap.geo.GeometryChecks;
import vn.anttmap.io.GeoJsonReader;
import vn.anttmap.io.GeoJsonWriter;
import vn.anttmap.io.RawRecord;
import vn.anttmap.model.Feature;
import vn.anttmap.model.Layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Regenerates every demo file (the command {@code generate-demo}) from the real commune outlines in
 * {@code geodata/sources/}: the wards (Hải Hòa and its neighbours, in this project's schema) and the synthetic
 * layers built around Hải Hòa, then its three neighbours' (smaller, for the leaders' dashboard).
 */
public final class DemoFiles {
    /** The ward the demo is built around. */
    public static final String WARD_ID = "hai-hoa";
    /** The source file on the class path (and under {@code geodata/}). */
    public static final String SOURCE = "/geodata/sources/censusvn2009_hai_hoa_and_neighbours.geojson";
    /** Hải Hòa became a phường of thị xã Nghi Sơn on this day (Nghị quyết 933/NQ-UBTVQH14). */
    static final LocalDate VALID_FROM = LocalDate.of(2020, 6, 1);

    private DemoFiles() {
    }

    /**
     * The content of every demo file ({@code <layer>.geojson}).
     *
     * @param source the censusVN2009 commune features of Hải Hòa and its neighbours, as shipped in geodata/sources
     * @throws IllegalArgumentException when the source has no Hải Hòa
     */
    public static Map<Layer, byte[]> generate(String sourceName, InputStream source) throws IOException {
        List<Feature> wards = new ArrayList<>();
        for (RawRecord r : GeoJsonReader.read(sourceName, source)) {
            wards.add(ward(r));
        }
        wards.sort(Comparator.comparing((Feature w) -> !WARD_ID.equals(w.id())).thenComparing(Feature::id));
        Feature haiHoa = wards.stream().filter(w -> WARD_ID.equals(w.id())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(sourceName + " has no commune Hải Hòa"));
        Map<Layer, List<Feature>> generated = DemoGenerator.generate(haiHoa, wards);
        Map<String, Geometry> noded = new java.util.HashMap<>();
        generated.get(Layer.WARDS).forEach(w -> noded.put(w.id(), w.geometry()));
        generated.put(Layer.WARDS, wards.stream().map(w -> noded.containsKey(w.id()) ? w.withGeometry(noded.get(w.id())) : w).toList());
        Map<Layer, byte[]> files = new EnumMap<>(Layer.class);
        for (Map.Entry<Layer, List<Feature>> e : generated.entrySet()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            GeoJsonWriter.write(e.getKey(), e.getValue(), Map.of(), out);
            files.put(e.getKey(), out.toByteArray());
        }
        return files;
    }

    /** A censusVN2009 commune as a ward of this project's schema. */
    static Feature ward(RawRecord r) {
        Map<String, Object> v = r.values();
        String name = v.get("name_vi").toString();
        boolean phuong = "phường".equals(v.get("status_2021_nghi_son"));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", "censusvn2009-" + v.get("source_commune_id"));
        p.put("name", (phuong ? "Phường " : "Xã ") + name);
        p.put("kind", phuong ? "phuong" : "xa");
        p.put("district", "Thị xã Nghi Sơn");
        p.put("province", "Thanh Hóa");
        p.put("population", ((Number) v.get("population_2009_census")).intValue());
        p.put("valid_from", VALID_FROM);
        p.put("valid_to", null);
        p.put("source", "Real boundary: censusVN2009 R package (github.com/choisy/censusVN2009, commit b1a66891), "
                + "(c) 2017 Marc Choisy, MIT licence; pre-2019 commune outline simplified to about 150 m; population "
                + "from the 2009 census; code is the dataset's own id, not a GSO code. "
                + (slug(name).equals(WARD_ID) ? "Target ward of the demo" : "Neighbour of the demo's ward, with its own "
                + "synthetic areas, cameras, incidents and scoring records") + "; vertices added on its edges where the "
                + "synthetic areas meet it (within 1 cm).");
        return new Feature(slug(name), GeometryChecks.toMultiPolygon(r.geometry()), p);
    }

    static String slug(String s) {
        return Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace('đ', 'd').replaceAll("[^a-z0-9]+", "-");
    }
}
