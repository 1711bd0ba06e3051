package vn.anttmap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.anttmap.App;
import vn.anttmap.io.ReportText;
import vn.anttmap.io.ReportText.Lang;
import vn.anttmap.io.ScoreJson;
import vn.anttmap.io.TaxonomyReader;
import vn.anttmap.model.FeatureQuery;
import vn.anttmap.model.Layer;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.scoring.Standard;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code score}: the ward's and its residential areas' scorecards against Thông tư 124/2021/TT-BCA. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score every residential area of a ward, and the ward, against Thông tư 124/2021/TT-BCA "
                + "(cited in some papers as 124/2011/TT-BCA) for the period ending in YEAR: areas 01/11/(YEAR-1)–31/10/YEAR, "
                + "the ward 16/11/(YEAR-1)–15/11/YEAR."})
final class ScoreCommand extends DataCommand {
    @Option(names = "--ward", required = true, paramLabel = "ID", description = "The ward's id.")
    String ward;

    @Option(names = "--year", required = true, paramLabel = "YEAR", description = "The year the period ends in.")
    int year;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), json or csv.")
    String format = "table";

    @Override
    public Integer call() throws Exception {
        try (App.Services services = services()) {
            List<Scorecard> areas = services.scoring().scoreAreas(ward, year);
            Scorecard wardCard = services.scoring().scoreWard(ward, year);
            Map<String, String> names = new LinkedHashMap<>();
            services.store().get(Layer.WARDS, ward).ifPresent(w -> names.put(ward, w.text("name")));
            services.store().query(Layer.AREAS, FeatureQuery.ALL.withWard(ward)).forEach(a -> names.put(a.id(), a.text("name")));
            names.values().removeIf(java.util.Objects::isNull);
            switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> json(wardCard, areas, names);
                case "csv" -> csv(wardCard, areas, names);
                case "table" -> table(wardCard, areas, names, services.scoring().standard(), new ReportText(TaxonomyReader.bundled()));
                default -> throw new IllegalArgumentException("unknown format '" + format + "'; use table, json or csv");
            }
        }
        return 0;
    }

    private void json(Scorecard wardCard, List<Scorecard> areas, Map<String, String> names) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ward", wardCard);
        body.put("areas", areas);
        body.put("names", names);
        out().println(ScoreJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    private void csv(Scorecard wardCard, List<Scorecard> areas, Map<String, String> names) {
        PrintWriter out = out();
        out.print("\uFEFFsubject_kind,subject_id,subject_name,year,verdict,criterion,check,kind,status,measured,comparison,threshold,evidence,exceptions,note\r\n");
        List<Scorecard> all = new ArrayList<>(areas);
        all.add(wardCard);
        for (Scorecard card : all) {
            for (Scorecard.CriterionResult c : card.criteria()) {
                for (Scorecard.CheckResult k : c.checks()) {
                    out.print(String.join(",", card.level().name().toLowerCase(Locale.ROOT), card.subjectId(),
                            quote(names.getOrDefault(card.subjectId(), "")),
                            Integer.toString(card.year()), quote(card.verdict().vi()), c.criterionId(), k.checkId(),
                            k.kind().name().toLowerCase(Locale.ROOT), k.status().name().toLowerCase(Locale.ROOT),
                            number(k.measured()), k.comparison() == null ? "" : k.comparison(), number(k.threshold()),
                            quote(k.evidence().stream().map(Scorecard.Evidence::id).collect(Collectors.joining(" "))),
                            quote(k.exceptions().stream().map(Scorecard.Excepted::id).collect(Collectors.joining(" "))),
                            quote(k.note() == null ? "" : k.note())) + "\r\n");
                }
            }
        }
        out.flush();
    }

    /**
     * For the officer: names, not ids; shares in percent with a decimal comma, cut at one decimal (never rounded up to
     * 100 %); this period's count against the previous one's; a legend of what each figure is; the incidents excepted
     * by a decision and those needing details; the notes of what is not met or not decided.
     */
    private void table(Scorecard wardCard, List<Scorecard> areas, Map<String, String> names, Standard std, ReportText text) {
        PrintWriter out = out();
        Lang vi = Lang.VI;
        String wardName = names.getOrDefault(ward, ward);
        int cut = std.nameVi().indexOf(" ngày ");
        out.println((cut > 0 ? std.nameVi().substring(0, cut) : std.nameVi()) + " — " + wardName + ", năm " + year);
        out.println("Kỳ đánh giá khu dân cư: " + day(std.areaPeriod().of(year).first()) + " – " + day(std.areaPeriod().of(year).last()));
        out.println("Kỳ đánh giá phường:     " + day(wardCard.period().first()) + " – " + day(wardCard.period().last()));
        out.println();
        out.println("Chú giải: ✓ đạt · ✗ chưa đạt · ? cần xác nhận · – chưa đủ căn cứ; sau dấu là số liệu:");
        Map<String, Standard.Check> defs = new LinkedHashMap<>();
        List<Scorecard> all = new ArrayList<>(areas);
        all.add(wardCard);
        all.forEach(c -> c.criteria().forEach(cr -> cr.checks().forEach(k -> std.check(k.checkId()).ifPresent(d -> defs.putIfAbsent(k.checkId(), d)))));
        int idWidth = defs.keySet().stream().mapToInt(String::length).max().orElse(8);
        defs.forEach((id, d) -> out.printf("  %-" + idWidth + "s  %s%n", id, ReportText.meaning(d, vi)));
        out.println();

        List<String> checks = areas.isEmpty() ? List.of() : areas.get(0).criteria().stream()
                .flatMap(c -> c.checks().stream()).map(Scorecard.CheckResult::checkId).toList();
        int nameWidth = Math.max("khu dân cư".length(), areas.stream().mapToInt(a -> names.getOrDefault(a.subjectId(), a.subjectId()).length()).max().orElse(0));
        int verdictWidth = "chưa đủ căn cứ".length();
        List<Integer> widths = new ArrayList<>();
        for (String id : checks) {
            int w = id.length();
            for (Scorecard a : areas) {
                w = Math.max(w, cell(a, id, std).length());
            }
            widths.add(w);
        }
        StringBuilder header = new StringBuilder(pad("khu dân cư", nameWidth) + "  " + pad("kết luận", verdictWidth));
        for (int i = 0; i < checks.size(); i++) {
            header.append("  ").append(pad(checks.get(i), widths.get(i)));
        }
        out.println(header.toString().stripTrailing());
        for (Scorecard a : areas) {
            StringBuilder row = new StringBuilder(pad(names.getOrDefault(a.subjectId(), a.subjectId()), nameWidth) + "  "
                    + pad(a.verdict().vi(), verdictWidth));
            for (int i = 0; i < checks.size(); i++) {
                row.append("  ").append(pad(cell(a, checks.get(i), std), widths.get(i)));
            }
            out.println(row.toString().stripTrailing());
        }
        out.println();
        out.println(wardName + ": " + wardCard.verdict().vi());
        for (Scorecard.CriterionResult c : wardCard.criteria()) {
            for (Scorecard.CheckResult k : c.checks()) {
                String note = text.note(k, vi);
                out.println(("  " + pad(k.checkId(), idWidth) + "  " + pad(mark(k, std), 12) + "  " + note).stripTrailing());
            }
        }
        List<String> notes = new ArrayList<>();
        List<String> excepted = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Scorecard card : all) {
            String who = names.getOrDefault(card.subjectId(), card.subjectId());
            for (Scorecard.CriterionResult c : card.criteria()) {
                for (Scorecard.CheckResult k : c.checks()) {
                    if (card != wardCard && k.status() != Scorecard.Status.MET && k.note() != null) {
                        notes.add("  " + who + " · " + k.checkId() + " " + mark(k, std).split(" ")[0] + ": " + text.note(k, vi));
                    }
                    k.exceptions().forEach(e -> excepted.add("  " + who + " · " + k.checkId() + ": " + text.excepted(e, vi)));
                    k.missing().stream().filter(e -> "incidents".equals(e.layer())).forEach(e -> missing.add("  " + who + " · "
                            + k.checkId() + ": " + e.id() + " (" + text.evidence(e, vi) + ")"));
                }
            }
        }
        section(out, "Ghi chú các khu dân cư (tiêu chí chưa đạt hoặc chưa đủ căn cứ):", notes);
        section(out, "Vụ việc được loại trừ theo quyết định (không tính vào số vụ):", excepted);
        section(out, "Vụ việc cần bổ sung thông tin (chưa ghi trường quyết định kết quả):", missing);
        out.flush();
    }

    private static void section(PrintWriter out, String title, List<String> lines) {
        out.println();
        out.println(title);
        if (lines.isEmpty()) {
            out.println("  (không có)");
        }
        lines.forEach(out::println);
    }

    private static String cell(Scorecard card, String checkId, Standard std) {
        return card.criteria().stream().flatMap(c -> c.checks().stream()).filter(k -> k.checkId().equals(checkId))
                .findFirst().map(k -> mark(k, std)).orElse("");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String day(java.time.LocalDate d) {
        return ReportText.day(d);
    }

    private static String mark(Scorecard.CheckResult k, Standard std) {
        String m = switch (k.status()) {
            case MET -> "✓";
            case NOT_MET -> "✗";
            case NEEDS_ATTESTATION -> "?";
            case NO_DATA -> "–";
        };
        String figure = ReportText.figure(k, std.check(k.checkId()).orElse(null));
        return figure.isEmpty() ? m : m + " " + figure;
    }

    private static String number(Double d) {
        if (d == null) {
            return "";
        }
        return d == Math.rint(d) ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%.3f", d);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
