package vn.anttmap.model;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * A problem message in the project's convention {@code "<Vietnamese> / <English>"}: one string that the API, the page
 * and the command line split at the first {@code " / "} with Vietnamese letters before it and none after it. The
 * Vietnamese side holds the whole meaning; the English side must hold no Vietnamese letters, so a value the message
 * repeats (a category, a value, a file's own words) is written there without its marks.
 */
public final class Bilingual {
    private static final Pattern VIETNAMESE = Pattern.compile(
            "[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private Bilingual() {
    }

    /** {@code "vi / en"}, the English side without Vietnamese letters. */
    public static String of(String vi, String en) {
        return vi + " / " + plain(en);
    }

    /** The text with its letters written without their marks (đ as d, sáu as sau); other text unchanged. */
    public static String plain(String text) {
        if (text == null || text.chars().allMatch(c -> c < 0x80)) {
            return text;
        }
        String folded = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return Normalizer.normalize(folded, Normalizer.Form.NFC);
    }

    /** Whether the text holds a Vietnamese letter (one with a mark English does not use). */
    public static boolean hasVietnamese(String text) {
        return text != null && VIETNAMESE.matcher(text).find();
    }
}
