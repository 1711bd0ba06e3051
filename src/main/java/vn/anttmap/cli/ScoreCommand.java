package vn.anttmap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.anttmap.App;
import vn.anttmap.io.ScoreJson;
import vn.anttmap.scoring.Scorecard;

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
            switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> json(wardCard, areas);
                case "csv" -> csv(wardCard, areas);
                case "table" -> table(wardCard, areas);
                default -> throw new IllegalArgumentException("unknown format '" + format + "'; use table, json or csv");
            }
        }
        return 0;
    }

    private void json(Scorecard wardCard, List<Scorecard> areas) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ward", wardCard);
        body.put("areas", areas);
        out().println(ScoreJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    private void csv(Scorecard wardCard, List<Scorecard> areas) {
        PrintWriter out = out();
        out.print("\uFEFFsubject_kind,subject_id,year,verdict,criterion,check,kind,status,measured,comparison,threshold,evidence,exceptions,note\r\n");
        List<Scorecard> all = new ArrayList<>(areas);
        all.add(wardCard);
        for (Scorecard card : all) {
            for (Scorecard.CriterionResult c : card.criteria()) {
                for (Scorecard.CheckResult k : c.checks()) {
                    out.print(String.join(",", card.level().name().toLowerCase(Locale.ROOT), card.subjectId(),
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

    private void table(Scorecard wardCard, List<Scorecard> areas) {
        PrintWriter out = out();
        out.println("Thông tư 124/2021/TT-BCA — phường " + ward + ", năm " + year);
        areas.stream().findFirst().ifPresent(c -> out.println("Kỳ đánh giá khu dân cư: " + day(c.period().first())
                + " – " + day(c.period().last())));
        out.println("Kỳ đánh giá phường: " + day(wardCard.period().first()) + " – " + day(wardCard.period().last()));
        out.println("✓ đạt · ✗ chưa đạt · ? cần xác nhận · – thiếu dữ liệu");
        List<String> checks = areas.isEmpty() ? List.of() : areas.get(0).criteria().stream()
                .flatMap(c -> c.checks().stream()).map(Scorecard.CheckResult::checkId).toList();
        int width = checks.stream().mapToInt(String::length).max().orElse(8) + 2;
        String cell = "%-" + width + "s";
        out.printf("%-22s %-16s %s%n", "khu dân cư", "kết luận", checks.stream()
                .map(c -> String.format(cell, c)).collect(Collectors.joining()));
        for (Scorecard card : areas) {
            out.printf("%-22s %-16s %s%n", card.subjectId(), card.verdict().vi(), card.criteria().stream()
                    .flatMap(c -> c.checks().stream()).map(k -> String.format(cell, mark(k))).collect(Collectors.joining()));
        }
        out.println();
        out.printf("phường %s: %s%n", wardCard.subjectId(), wardCard.verdict().vi());
        for (Scorecard.CriterionResult c : wardCard.criteria()) {
            for (Scorecard.CheckResult k : c.checks()) {
                out.printf("  %-15s %s%s%n", k.checkId(), mark(k), k.note() == null ? "" : "  " + k.note());
            }
        }
        out.flush();
    }

    private static String day(java.time.LocalDate d) {
        return d.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    private static String mark(Scorecard.CheckResult k) {
        String m = switch (k.status()) {
            case MET -> "✓";
            case NOT_MET -> "✗";
            case NEEDS_ATTESTATION -> "?";
            case NO_DATA -> "–";
        };
        return k.measured() == null ? m : m + " " + number(k.measured());
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
