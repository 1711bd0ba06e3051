package vn.anttmap.style;

import java.util.Locale;

/**
 * A colour with its opacity, read from the CSS notations the page writes ({@code #rgb}, {@code #rrggbb},
 * {@code rgba(r,g,b,a)}) and written in each target's own notation.
 *
 * @param red   0–255
 * @param green 0–255
 * @param blue  0–255
 * @param alpha opacity, 0 (transparent) to 1 (opaque)
 */
public record Colour(int red, int green, int blue, double alpha) {
    public Colour {
        if (red < 0 || red > 255 || green < 0 || green > 255 || blue < 0 || blue > 255 || !(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("màu ngoài phạm vi / colour out of range: " + red + "," + green + "," + blue + "," + alpha);
        }
    }

    /**
     * The colour a CSS literal names.
     *
     * @throws IllegalArgumentException for any other notation
     */
    public static Colour parse(String css) {
        String s = css.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.matches("#[0-9a-f]{3}")) {
                return new Colour(17 * Character.digit(s.charAt(1), 16), 17 * Character.digit(s.charAt(2), 16),
                        17 * Character.digit(s.charAt(3), 16), 1);
            }
            if (s.matches("#[0-9a-f]{6}")) {
                return new Colour(Integer.parseInt(s.substring(1, 3), 16), Integer.parseInt(s.substring(3, 5), 16),
                        Integer.parseInt(s.substring(5, 7), 16), 1);
            }
            if (s.matches("rgba?\\(.*\\)")) {
                String[] p = s.substring(s.indexOf('(') + 1, s.length() - 1).split(",");
                if (p.length == 3 || p.length == 4) {
                    return new Colour(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()),
                            p.length == 4 ? Double.parseDouble(p[3].trim()) : 1);
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new IllegalArgumentException("không đọc được màu '" + css + "' / not a colour: '" + css + "'");
    }

    /** The same colour at this opacity (0–1). */
    public Colour withAlpha(double opacity) {
        return new Colour(red, green, blue, opacity);
    }

    /** {@code #rrggbb}, without the opacity (SLD, MapLibre beside an opacity property). */
    public String hex() {
        return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }

    /** The opacity as 0–255. */
    public int alpha255() {
        return (int) Math.round(alpha * 255);
    }

    /** QGIS's {@code r,g,b,a}, each 0–255. */
    public String qgis() {
        return red + "," + green + "," + blue + "," + alpha255();
    }

    /** KML's {@code aabbggrr}. */
    public String kml() {
        return String.format(Locale.ROOT, "%02x%02x%02x%02x", alpha255(), blue, green, red);
    }
}
