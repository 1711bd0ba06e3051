package vn.anttmap.store;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's COPY text format, written as UTF-8 bytes as they are built (no string of the whole batch, no
 * second copy to encode it): values separated by tabs, rows ended by a newline, backslash escapes, {@code \N} for
 * null, geometries as hexadecimal EWKB in EPSG:4326.
 */
final class CopyText {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final WKBWriter ewkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN, true);
    private byte[] buf;
    private int len;
    private boolean rowStarted;

    CopyText(int rows) {
        buf = new byte[Math.max(256, rows * 256)];
    }

    /**
     * The next value: {@code null} as {@code \N}, a flag as {@code t}/{@code f}, an instant as ISO 8601 with its
     * offset, a day as ISO 8601 (years before 1 and after 9999 as PostgreSQL reads them), anything else as its text.
     */
    CopyText value(Object v) {
        if (v instanceof OffsetDateTime t) {
            separator();
            day(t.toLocalDate());
            ascii('T');
            if (t.getNano() == 0) {
                twoDigits(t.getHour());
                ascii(':');
                twoDigits(t.getMinute());
                ascii(':');
                twoDigits(t.getSecond());
            } else {
                ascii(t.toLocalTime().toString()); // HH:mm:ss and the fraction
            }
            ascii(t.getOffset().getId()); // Z or ±HH:MM[:SS]
            era(t.getYear());
            return this;
        }
        if (v instanceof LocalDate d) {
            separator();
            day(d);
            era(d.getYear());
            return this;
        }
        if (v instanceof Boolean b) {
            separator();
            ascii(b ? 't' : 'f');
            return this;
        }
        return value(v == null ? null : v.toString());
    }

    /**
     * A day's year, month and day. PostgreSQL reads no sign before a year: a year after 9999 is written with all its
     * digits, and one before 1 (ISO's year 0 is 1 BC) as its year of the era, followed by {@link #era}'s BC.
     */
    private void day(LocalDate d) {
        int y = d.getYear() > 0 ? d.getYear() : 1 - d.getYear();
        if (y > 9999) {
            ascii(Integer.toString(y));
        } else {
            twoDigits(y / 100);
            twoDigits(y % 100);
        }
        ascii('-');
        twoDigits(d.getMonthValue());
        ascii('-');
        twoDigits(d.getDayOfMonth());
    }

    /** After a day written by {@link #day}: {@code  BC} for a year before 1. */
    private void era(int year) {
        if (year <= 0) {
            ascii(" BC");
        }
    }

    private void twoDigits(int v) {
        ascii((char) ('0' + v / 10));
        ascii((char) ('0' + v % 10));
    }

    /** The next value of the current row ({@code null} writes {@code \N}). */
    CopyText value(String v) {
        separator();
        if (v == null) {
            ascii('\\');
            ascii('N');
            return this;
        }
        int n = v.length();
        ensure(n);
        for (int k = 0; k < n; k++) {
            char ch = v.charAt(k);
            switch (ch) {
                case '\\' -> escaped('\\');
                case '\t' -> escaped('t');
                case '\n' -> escaped('n');
                case '\r' -> escaped('r');
                default -> {
                    if (ch < 0x80) {
                        ascii(ch);
                    } else if (Character.isHighSurrogate(ch) && k + 1 < n && Character.isLowSurrogate(v.charAt(k + 1))) {
                        utf8(Character.toCodePoint(ch, v.charAt(++k)));
                    } else if (Character.isSurrogate(ch)) {
                        ascii('?'); // a lone surrogate is no character: written as String.getBytes writes it
                    } else {
                        utf8(ch);
                    }
                }
            }
        }
        return this;
    }

    /** The next value: a geometry as hexadecimal EWKB with SRID 4326, or {@code \N}. */
    CopyText geometry(Geometry g) {
        if (g == null) {
            return value(null);
        }
        separator();
        if (g.getSRID() != 4326) {
            g = g.copy();
            g.setSRID(4326);
        }
        byte[] bytes = ewkb.write(g);
        ensure(bytes.length * 2);
        for (byte b : bytes) {
            buf[len++] = HEX[(b >> 4) & 0xF];
            buf[len++] = HEX[b & 0xF];
        }
        return this;
    }

    /** Ends the current row. */
    CopyText endRow() {
        ascii('\n');
        rowStarted = false;
        return this;
    }

    /** The rows written so far, read without copying them. */
    InputStream stream() {
        return new ByteArrayInputStream(buf, 0, len);
    }

    /** The rows as text (for tests and messages). */
    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    private void separator() {
        if (rowStarted) {
            ascii('\t');
        }
        rowStarted = true;
    }

    private void escaped(char ch) {
        ascii('\\');
        ascii(ch);
    }

    /** One code point (not ASCII) in UTF-8. */
    private void utf8(int cp) {
        ensure(4);
        if (cp < 0x800) {
            buf[len++] = (byte) (0xC0 | (cp >> 6));
        } else if (cp < 0x10000) {
            buf[len++] = (byte) (0xE0 | (cp >> 12));
            buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        } else {
            buf[len++] = (byte) (0xF0 | (cp >> 18));
            buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        }
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
    }

    private void ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            ascii(text.charAt(i));
        }
    }

    private void ascii(char ch) {
        if (len == buf.length) {
            ensure(1);
        }
        buf[len++] = (byte) ch;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
