package vn.anttmap.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's two text tables ({@code web/i18n.js}): the same keys in Vietnamese and English, none given twice (a key
 * written twice in a JavaScript object keeps its last value silently: the camera popup read "Kết quả" for its status),
 * and every key the page asks for present.
 */
class PageTextsTest {
    static final Path TEXTS = Path.of("web", "i18n.js");
    static final Pattern KEY = Pattern.compile("(?<![\\w.\"'])([A-Za-z_][A-Za-z0-9_]*): \"");

    static List<String> keys(String table) throws IOException {
        return keys(TEXTS, table);
    }

    static List<String> keys(Path file, String table) throws IOException {
        String js = Files.readString(file, StandardCharsets.UTF_8);
        int start = js.indexOf("\n  " + table + ": {");
        assertThat(start).as(table).isPositive();
        int end = js.indexOf("\n  },", start);
        List<String> keys = new ArrayList<>();
        Matcher m = KEY.matcher(js.substring(start, end));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    @Test
    void bothTablesHoldTheSameKeysEachOnce() throws IOException {
        List<String> vi = keys("vi");
        List<String> en = keys("en");
        assertThat(vi).hasSizeGreaterThan(200);
        assertThat(vi).as("Vietnamese keys given twice").doesNotHaveDuplicates();
        assertThat(en).as("English keys given twice").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(en)).isEqualTo(new TreeSet<>(vi));
    }

    @Test
    void everyKeyThePageAsksForIsInTheTables() throws IOException {
        String page = Files.readString(Path.of("web", "app.js"), StandardCharsets.UTF_8)
                + Files.readString(Path.of("web", "index.html"), StandardCharsets.UTF_8);
        TreeSet<String> known = new TreeSet<>(keys("vi"));
        TreeSet<String> asked = new TreeSet<>();
        Matcher m = Pattern.compile("\\bt\\(\"([A-Za-z_][A-Za-z0-9_]*)\"\\)|data-i18n=\"([A-Za-z_][A-Za-z0-9_]*)\"").matcher(page);
        while (m.find()) {
            asked.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        assertThat(asked).hasSizeGreaterThan(100);
        asked.removeAll(known);
        assertThat(asked).as("keys the page asks for that neither table has").isEmpty();
    }

    /** The dashboard's own table ({@code web/dashboard-i18n.js}): the same keys in both languages, each once, none missing. */
    @Test
    void theDashboardsTablesHoldTheSameKeysAndEveryKeyItAsksFor() throws IOException {
        Path texts = Path.of("web", "dashboard-i18n.js");
        List<String> vi = keys(texts, "vi");
        List<String> en = keys(texts, "en");
        assertThat(vi).as("Vietnamese keys given twice").doesNotHaveDuplicates();
        assertThat(en).as("English keys given twice").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(en)).isEqualTo(new TreeSet<>(vi));
        String js = Files.readString(Path.of("web", "dashboard.js"), StandardCharsets.UTF_8);
        String page = js + Files.readString(Path.of("web", "dashboard.html"), StandardCharsets.UTF_8);
        TreeSet<String> asked = new TreeSet<>();
        Matcher m = Pattern.compile("\\bt\\(\"(\\w+)\"\\)|\\btf\\(\"(\\w+)\"|data-t=\"(\\w+)\"|\\blabel: \"(\\w+)\"").matcher(page);
        while (m.find()) {
            for (int g = 1; g <= 4; g++) {
                if (m.group(g) != null) {
                    asked.add(m.group(g));
                }
            }
        }
        // the map's figures, each named by fig_<key>
        Matcher figures = Pattern.compile("\n  (\\w+): \\{ get:").matcher(js);
        while (figures.find()) {
            asked.add("fig_" + figures.group(1));
        }
        assertThat(asked).hasSizeGreaterThan(40).contains("fig_share_handled", "fig_received", "colReceived");
        asked.removeAll(new TreeSet<>(vi));
        assertThat(asked).as("keys the dashboard asks for that its table lacks").isEmpty();
    }
}
