package vn.anttmap.io;

import org.junit.jupiter.api.Test;
import vn.anttmap.model.Feature;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: CSV exports wrote text such as {@code =HYPERLINK(…)} as it was, which a spreadsheet runs as a formula
 * (CSV injection). Text cells beginning with {@code = + - @} get a leading {@code '} (OWASP); numbers, negative ones
 * too, stay numbers; and the reader takes the quote off again, so an export reads back as it was.
 */
class CsvInjectionTest {
    static final List<String> TEXTS = List.of("=HYPERLINK(\"http://evil.example\",\"bấm\")", "+1+cmd|' /C calc'!A0", "-2+3",
            "@SUM(A1:A9)", "'=already quoted", "''+twice", "Trộm xe = 2 vụ", "it's fine");

    @Test
    void formulaTextIsQuotedNumbersAreNotAndTheReaderTakesTheQuoteOff() throws IOException {
        List<String> properties = List.of("text", "negative_int", "negative_real");
        List<Feature> features = new java.util.ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("text", TEXTS.get(i));
            p.put("negative_int", -5 - i);
            p.put("negative_real", -2.5);
            features.add(new Feature("r" + i, null, p));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter.writeComputed(properties, features, out);
        String csv = out.toString(StandardCharsets.UTF_8);
        List<CsvReader.Row> rows = CsvReader.parse("t.csv", new ByteArrayInputStream(out.toByteArray()));
        assertThat(rows.get(1).cells()).containsExactly("r0", "'=HYPERLINK(\"http://evil.example\",\"bấm\")", "-5", "-2.5");
        assertThat(rows.get(2).cells().get(1)).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(rows.get(3).cells().get(1)).isEqualTo("'-2+3");
        assertThat(rows.get(4).cells().get(1)).isEqualTo("'@SUM(A1:A9)");
        assertThat(rows.get(5).cells().get(1)).isEqualTo("''=already quoted");
        assertThat(rows.get(6).cells().get(1)).isEqualTo("'''+twice");
        assertThat(rows.get(7).cells().get(1)).isEqualTo("Trộm xe = 2 vụ");
        assertThat(rows.get(8).cells().get(1)).isEqualTo("it's fine");
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).cells().get(2)).doesNotStartWith("'");
        }

        List<RawRecord> back = CsvReader.read("t.csv", new ByteArrayInputStream(out.toByteArray()), null);
        assertThat(back).extracting(r -> r.values().get("text")).containsExactlyElementsOf(TEXTS);
        assertThat(back.get(0).values().get("negative_int")).isEqualTo("-5");
    }
}
