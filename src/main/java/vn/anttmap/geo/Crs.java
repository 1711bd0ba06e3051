package vn.anttmap.geo;

import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Names of the coordinate reference systems that import accepts, resolved to proj4j definitions.
 *
 * <ul>
 *   <li>{@code EPSG:n}: any code proj4j's EPSG table knows, e.g. {@code EPSG:4326}, {@code EPSG:32648},
 *       {@code EPSG:3405} (VN-2000 / UTM zone 48N), {@code EPSG:4756} (VN-2000 geographic);</li>
 *   <li>{@code VN2000:<province>}: the VN-2000 TM-3 provincial zone that Vietnamese cadastral and survey data use
 *       (Thông tư 973/2001/TT-TCĐC): transverse Mercator, scale 0.9999, false easting 500 km, on the province's
 *       central meridian, with VN-2000's official 7-parameter shift to WGS 84 (Quyết định 05/2007/QĐ-BTNMT).
 *       The province is named without regard to case or diacritics: {@code VN2000:thanh-hoa},
 *       {@code VN2000:Thanh Hóa};</li>
 *   <li>{@code VN2000-TM3:<meridian>}: the same on any central meridian in decimal degrees, e.g.
 *       {@code VN2000-TM3:105.5}.</li>
 * </ul>
 */
public final class Crs {
    /**
     * VN-2000 to WGS 84, Quyết định 05/2007/QĐ-BTNMT (metres, arc-seconds, ppm), with the rotation signs of EPSG's
     * definition (PROJ's +towgs84 position-vector convention), as in EPSG:4756 and EPSG:3405.
     */
    static final String VN2000_TOWGS84 =
            "-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278";

    /**
     * Central meridians of the VN-2000 TM-3 provincial zones (Thông tư 973/2001/TT-TCĐC), for the provinces whose
     * value this project has checked. Others can be named by meridian with {@code VN2000-TM3:}.
     */
    static final Map<String, Double> PROVINCE_MERIDIANS = Map.ofEntries(
            Map.entry("thanh-hoa", 105.0),
            Map.entry("ha-noi", 105.0),
            Map.entry("nghe-an", 104.75),
            Map.entry("hai-phong", 105.75),
            Map.entry("quang-ninh", 107.75),
            Map.entry("da-nang", 107.75),
            Map.entry("ho-chi-minh", 105.75));

    public static final String WGS84 = "EPSG:4326";

    private static final CRSFactory FACTORY = new CRSFactory();

    private Crs() {
    }

    /**
     * Resolves a CRS name.
     *
     * @throws IllegalArgumentException naming the CRS when it is not known
     */
    public static CoordinateReferenceSystem resolve(String name) {
        String n = name.trim();
        String upper = n.toUpperCase(Locale.ROOT);
        try {
            if (upper.startsWith("EPSG:")) {
                return FACTORY.createFromName("EPSG:" + Integer.parseInt(n.substring(5).trim()));
            }
            if (upper.startsWith("VN2000-TM3:")) {
                return vn2000Tm3(n, Double.parseDouble(n.substring(11).trim()));
            }
            if (upper.startsWith("VN2000:")) {
                String key = slug(n.substring(7));
                Double meridian = PROVINCE_MERIDIANS.get(key);
                if (meridian == null) {
                    String known = String.join(", ", PROVINCE_MERIDIANS.keySet().stream().sorted().toList());
                    throw new IllegalArgumentException("không biết múi VN-2000 của tỉnh '" + n.substring(7).trim()
                            + "'; các tỉnh đã biết: " + known + ", hoặc ghi kinh tuyến trục dạng VN2000-TM3:<độ> / "
                            + "unknown VN-2000 province zone '" + plain(n.substring(7).trim()) + "'; known: " + known
                            + ", or give the central meridian as VN2000-TM3:<degrees>");
                }
                return vn2000Tm3(n, meridian);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("không đọc được con số trong hệ tọa độ '" + n + "' / cannot read the number in CRS '"
                    + plain(n) + "'");
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("không biết hệ tọa độ '" + n + "' / unknown CRS '" + plain(n) + "': "
                    + plain(e.getMessage()));
        }
        throw new IllegalArgumentException("không biết hệ tọa độ '" + n + "'; hãy ghi EPSG:<mã số>, VN2000:<tỉnh> hoặc "
                + "VN2000-TM3:<kinh tuyến trục> / unknown CRS '" + plain(n)
                + "'; use EPSG:<code>, VN2000:<province> or VN2000-TM3:<central meridian>");
    }

    /** The province's TM-3 central meridian, if this project knows it. */
    public static Optional<Double> provinceMeridian(String province) {
        return Optional.ofNullable(PROVINCE_MERIDIANS.get(slug(province)));
    }

    public static CoordinateReferenceSystem wgs84() {
        return FACTORY.createFromName(WGS84);
    }

    static CoordinateReferenceSystem vn2000Tm3(String name, double centralMeridianDeg) {
        if (centralMeridianDeg < 100 || centralMeridianDeg > 112) {
            throw new IllegalArgumentException("kinh tuyến trục " + centralMeridianDeg + "° nằm ngoài Việt Nam (100°–112° Đông) / "
                    + "central meridian " + centralMeridianDeg + "° is outside Vietnam (100°–112° E)");
        }
        return FACTORY.createFromParameters(name, "+proj=tmerc +lat_0=0 +lon_0=" + centralMeridianDeg
                + " +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +towgs84=" + VN2000_TOWGS84 + " +units=m +no_defs");
    }

    /** Text for the English side of a message: without Vietnamese marks (the API splits at the language). */
    private static String plain(String s) {
        return s == null ? null : Normalizer.normalize(s.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
    }

    static String slug(String s) {
        String plain = Normalizer.normalize(s.trim().toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replace('đ', 'd');
        plain = plain.replaceFirst("^(tinh|thanh pho|tp\\.?)\\s+", "");
        return plain.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
