package vn.anttmap.io;

import vn.anttmap.model.Feature;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A CQL2 text filter (OGC API – Features Part 3, basic CQL2): comparisons of a property with a literal
 * ({@code =, <>, <, <=, >, >=}), joined by {@code AND}. Literals are 'strings' (with '' for a quote), numbers, and
 * TRUE / FALSE. Dates and instants compare as their ISO 8601 text.
 */
public final class Cql2Filter implements Predicate<Feature> {
    private record Comparison(String property, String op, Object literal) {
    }

    private final List<Comparison> comparisons;

    private Cql2Filter(List<Comparison> comparisons) {
        this.comparisons = comparisons;
    }

    /**
     * @param known the properties that may be compared
     * @throws IllegalArgumentException naming the position and what was expected
     */
    public static Cql2Filter parse(String text, Set<String> known) {
        List<Comparison> out = new ArrayList<>();
        int[] pos = {0};
        while (true) {
            skip(text, pos);
            String prop = identifier(text, pos);
            if (!known.contains(prop)) {
                throw new IllegalArgumentException("không có thuộc tính '" + prop + "'; các thuộc tính lọc được là " + String.join(", ", known)
                        + " / unknown property '" + prop + "'; queryables are " + String.join(", ", known));
            }
            skip(text, pos);
            String op = operator(text, pos);
            skip(text, pos);
            Object lit = literal(text, pos);
            out.add(new Comparison(prop, op, lit));
            skip(text, pos);
            if (pos[0] >= text.length()) {
                break;
            }
            if (text.regionMatches(true, pos[0], "AND", 0, 3) && pos[0] + 3 <= text.length()) {
                pos[0] += 3;
                continue;
            }
            throw new IllegalArgumentException("ở ký tự " + (pos[0] + 1) + ": cần AND hoặc kết thúc biểu thức / at character " + (pos[0] + 1)
                    + ": expected AND or the end of the filter");
        }
        return new Cql2Filter(out);
    }

    @Override
    public boolean test(Feature f) {
        for (Comparison c : comparisons) {
            Object v = f.get(c.property());
            if (v == null || !holds(v, c.op(), c.literal())) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Object value, String op, Object literal) {
        int cmp;
        if (literal instanceof BigDecimal n && value instanceof Number v) {
            cmp = new BigDecimal(v.toString()).compareTo(n);
        } else if (literal instanceof Boolean b) {
            if (!(value instanceof Boolean v)) {
                return false;
            }
            cmp = Boolean.compare(v, b);
        } else {
            cmp = Values.format(value).compareTo(literal.toString());
        }
        return switch (op) {
            case "=" -> cmp == 0;
            case "<>" -> cmp != 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            default -> cmp >= 0;
        };
    }

    private static void skip(String t, int[] pos) {
        while (pos[0] < t.length() && Character.isWhitespace(t.charAt(pos[0]))) {
            pos[0]++;
        }
    }

    private static String identifier(String t, int[] pos) {
        int start = pos[0];
        while (pos[0] < t.length() && (Character.isLetterOrDigit(t.charAt(pos[0])) || t.charAt(pos[0]) == '_')) {
            pos[0]++;
        }
        if (start == pos[0]) {
            throw new IllegalArgumentException("ở ký tự " + (start + 1) + ": cần tên thuộc tính / at character " + (start + 1)
                    + ": expected a property name");
        }
        return t.substring(start, pos[0]);
    }

    private static String operator(String t, int[] pos) {
        for (String op : new String[]{"<>", "<=", ">=", "=", "<", ">"}) {
            if (t.startsWith(op, pos[0])) {
                pos[0] += op.length();
                return op;
            }
        }
        throw new IllegalArgumentException("ở ký tự " + (pos[0] + 1) + ": cần một phép so sánh =, <>, <, <=, > hoặc >= / at character "
                + (pos[0] + 1) + ": expected =, <>, <, <=, > or >=");
    }

    private static Object literal(String t, int[] pos) {
        if (pos[0] < t.length() && t.charAt(pos[0]) == '\'') {
            StringBuilder sb = new StringBuilder();
            pos[0]++;
            while (pos[0] < t.length()) {
                char c = t.charAt(pos[0]++);
                if (c == '\'') {
                    if (pos[0] < t.length() && t.charAt(pos[0]) == '\'') {
                        sb.append('\'');
                        pos[0]++;
                    } else {
                        return sb.toString();
                    }
                } else {
                    sb.append(c);
                }
            }
            throw new IllegalArgumentException("chuỗi ký tự thiếu dấu nháy đóng / a string literal is never closed");
        }
        int start = pos[0];
        while (pos[0] < t.length() && !Character.isWhitespace(t.charAt(pos[0]))) {
            pos[0]++;
        }
        String word = t.substring(start, pos[0]);
        if (word.equalsIgnoreCase("TRUE") || word.equalsIgnoreCase("FALSE")) {
            return Boolean.valueOf(word.toLowerCase(Locale.ROOT));
        }
        try {
            return new BigDecimal(word);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ở ký tự " + (start + 1) + ": cần một 'chuỗi', một số, TRUE hoặc FALSE / at character "
                    + (start + 1) + ": expected a 'string', a number, TRUE or FALSE");
        }
    }
}
