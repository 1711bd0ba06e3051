package vn.anttmap.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.anttmap.scoring.Standard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a standard's rule file ({@code geodata/standards/tt124-2021.json}) and, optionally, a province's extension:
 * a file with {@code "extends": "<base id>"} and its own {@code criteria}, in the same form, which are added to the
 * base set (Art. 8(1) lets a province add criteria). A criterion or check id may not repeat one of the base.
 */
public final class StandardReader {
    /** The bundled standard, on the class path. */
    public static final String TT124 = "/geodata/standards/tt124-2021.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StandardReader() {
    }

    public static Standard bundled() {
        try (InputStream in = StandardReader.class.getResourceAsStream(TT124)) {
            if (in == null) {
                throw new IllegalStateException("missing " + TT124 + " on the class path");
            }
            return read(TT124, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Standard read(String source, InputStream in) throws IOException {
        JsonNode root = JSON.readTree(in);
        JsonNode periods = root.path("periods");
        List<Standard.Declaration> declarations = new ArrayList<>();
        for (JsonNode d : root.path("declarations")) {
            List<Standard.Level> levels = new ArrayList<>();
            d.path("levels").forEach(l -> levels.add(Standard.Level.valueOf(l.asText().toUpperCase(Locale.ROOT))));
            declarations.add(new Standard.Declaration(d.path("id").asText(), levels, d.path("text_vi").asText(),
                    d.path("gloss_en").asText()));
        }
        return new Standard(root.path("id").asText(), root.path("name_vi").asText(), root.path("name_en").asText(),
                texts(root.path("aliases")), root.hasNonNull("in_force") ? java.time.LocalDate.parse(root.get("in_force").asText()) : null,
                root.path("replaces_vi").asText(null), period(periods.path("area")), period(periods.path("ward")),
                criteria(source, root.path("criteria")), declarations);
    }

    /**
     * The base standard with the criteria of an extension file added.
     *
     * @throws IllegalArgumentException when the extension names another base or repeats an id
     */
    public static Standard extend(Standard base, String source, InputStream extension) throws IOException {
        JsonNode root = JSON.readTree(extension);
        String extendsId = root.path("extends").asText();
        if (!base.id().equals(extendsId)) {
            throw new IllegalArgumentException(source + ": extends '" + extendsId + "', but the standard is '" + base.id() + "'");
        }
        Set<String> ids = new HashSet<>();
        base.criteria().forEach(c -> {
            ids.add(c.id());
            c.checks().forEach(k -> ids.add(k.id()));
        });
        List<Standard.Criterion> added = criteria(source, root.path("criteria"));
        for (Standard.Criterion c : added) {
            Set<String> own = new java.util.LinkedHashSet<>(concat(c.id(), c.checks().stream().map(Standard.Check::id).toList()));
            for (String id : own) {
                if (!ids.add(id)) {
                    throw new IllegalArgumentException(source + ": id '" + id + "' is already used by the standard");
                }
            }
        }
        List<Standard.Criterion> all = new ArrayList<>(base.criteria());
        all.addAll(added);
        return new Standard(base.id() + "+" + root.path("id").asText("extension"), base.nameVi(), base.nameEn(),
                base.aliases(), base.inForce(), base.replacesVi(), base.areaPeriod(), base.wardPeriod(), all,
                base.declarations());
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static Standard.PeriodRule period(JsonNode p) {
        return new Standard.PeriodRule(MonthDay.parse("--" + p.path("first").asText()), MonthDay.parse("--" + p.path("last").asText()));
    }

    private static List<Standard.Criterion> criteria(String source, JsonNode arr) {
        List<Standard.Criterion> out = new ArrayList<>();
        for (JsonNode c : arr) {
            List<Standard.Point> points = new ArrayList<>();
            for (JsonNode p : c.path("points")) {
                points.add(new Standard.Point(p.path("letter").asText(), p.path("text_vi").asText(), p.path("gloss_en").asText()));
            }
            List<Standard.Check> checks = new ArrayList<>();
            for (JsonNode k : c.path("checks")) {
                Standard.Kind kind = Standard.Kind.valueOf(k.path("kind").asText().toUpperCase(Locale.ROOT));
                Standard.Rule rule = null;
                if (kind == Standard.Kind.COMPUTED) {
                    JsonNode r = k.path("rule");
                    if (r.isMissingNode()) {
                        throw new IllegalArgumentException(source + ": computed check " + k.path("id").asText() + " has no rule");
                    }
                    rule = new Standard.Rule(r.path("measure").asText(), texts(r.path("categories")),
                            texts(r.path("severities")), texts(r.path("exceptions")), r.path("comparison").asText("=="),
                            r.path("threshold").isNumber() ? r.path("threshold").asDouble() : null,
                            r.path("team_kind").asText(null), texts(r.path("ratings")));
                }
                checks.add(new Standard.Check(k.path("id").asText(), kind, k.path("text_vi").asText(),
                        k.path("gloss_en").asText(), rule, k.path("counting_rule").asText(null),
                        k.path("summary").asBoolean(false)));
            }
            out.add(new Standard.Criterion(c.path("id").asText(),
                    Standard.Level.valueOf(c.path("level").asText().toUpperCase(Locale.ROOT)), c.path("article").asText(),
                    c.path("text_vi").asText(), c.path("gloss_en").asText(), points, checks));
        }
        return out;
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }
}
