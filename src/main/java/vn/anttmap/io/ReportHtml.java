package vn.anttmap.io;

import vn.anttmap.io.ReportText.Lang;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.scoring.Standard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The yearly report (báo cáo kết quả) of a residential area, or of a ward with the table of its areas, as one whole
 * HTML document for the screen and for A4 paper: the verdict, every check with the circular's words, its result,
 * figure and grounds, the scoring period and why its counts differ from a calendar window, the signature block.
 * Pure: takes the cards (already as the reader may see them) and the names, returns the text; every text escaped.
 */
public final class ReportHtml {
    /** How many records a check's grounds list before "and N more". */
    static final int LISTED = 30;
    private static final String DOTS = "……………………";

    /**
     * The document's number, place and date, and its signatory; any of them {@code null} leaves a dotted line to fill
     * in by hand.
     */
    public record Signature(String number, String place, LocalDate date, String signer, String title) {
        public static final Signature BLANK = new Signature(null, null, null, null, null);
    }

    /**
     * What one report shows.
     *
     * @param card           the area's or the ward's card, as the reader may see it
     * @param wardName       the ward's name
     * @param areaName       the area's name for an area's report, {@code null} for the ward's
     * @param areas          for the ward's report, its areas' cards (empty for an area's)
     * @param areaNames      area id → name
     * @param calendarWindow a calendar window to contrast the scoring period with (the map's default filter), or
     *                       {@code null}
     */
    public record Report(Lang lang, Standard standard, Scorecard card, String wardName, String areaName,
                         List<Scorecard> areas, Map<String, String> areaNames, Signature signature,
                         Standard.Period calendarWindow) {
        public Report {
            areas = areas == null ? List.of() : List.copyOf(areas);
            areaNames = areaNames == null ? Map.of() : Map.copyOf(areaNames);
            signature = signature == null ? Signature.BLANK : signature;
        }
    }

    private final ReportText text;

    public ReportHtml(ReportText text) {
        this.text = text;
    }

    /** HTML-escaped text (also quotes, for attributes). */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A whole page saying what went wrong, in the language. */
    public static String error(Lang lang, int status, String message) {
        String title = lang == Lang.VI ? "Không lập được báo cáo" : "The report cannot be made";
        return "<!doctype html>\n<html lang=\"" + lang.code() + "\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><style>" + CSS + "</style></head><body><main class=\"error\"><h1>" + esc(title) + "</h1><p data-status=\""
                + status + "\">" + esc(message) + "</p></main></body></html>\n";
    }

    public String render(Report r) {
        Lang lang = r.lang();
        boolean vi = lang == Lang.VI;
        Scorecard card = r.card();
        boolean area = card.level() == Standard.Level.AREA;
        String subject = area ? r.areaName() : r.wardName();
        String title = vi ? "Kết quả xây dựng " + (area ? "khu dân cư" : "xã, phường, thị trấn")
                + " đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm " + card.year()
                : "Results of building a " + (area ? "residential area" : "commune, ward or town")
                + " meeting the \"safe for security and order\" standard, " + card.year();
        StringBuilder h = new StringBuilder(32_000);
        h.append("<!doctype html>\n<html lang=\"").append(lang.code()).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc((vi ? "Báo cáo " : "Report ") + subject + " " + card.year())).append("</title>\n<style>")
                .append(CSS).append("</style>\n</head>\n<body>\n<article class=\"report\" data-level=\"")
                .append(area ? "area" : "ward").append("\">\n");
        head(h, r, vi);
        h.append("<h1>").append(vi ? "BÁO CÁO" : "REPORT").append("<br><span>").append(esc(title)).append("</span></h1>\n");
        h.append("<p class=\"sub\">").append(esc(subject)).append(area ? esc(", " + r.wardName()) : "").append(" — ")
                .append(vi ? "kỳ đánh giá " : "scoring period ").append(ReportText.day(card.period().first())).append(" – ")
                .append(ReportText.day(card.period().last())).append("</p>\n");
        Standard std = r.standard();
        h.append("<p>").append(vi ? "Căn cứ " : "Under ").append(esc(vi ? std.nameVi() : std.nameEn()));
        if (!std.aliases().isEmpty()) {
            h.append(" <span class=\"note\">(").append(vi ? "một số văn bản ghi nhầm là " : "some papers cite it wrongly as ")
                    .append(esc(String.join(", ", std.aliases()))).append(")</span>");
        }
        h.append(".</p>\n");
        h.append("<p class=\"verdict-line\">").append(vi ? "Kết luận: " : "Verdict: ").append("<strong class=\"verdict\" data-verdict=\"")
                .append(card.verdict().name().toLowerCase(Locale.ROOT)).append("\">")
                .append(esc(ReportText.verdict(card.verdict(), lang).toUpperCase(vi ? Locale.forLanguageTag("vi") : Locale.ROOT)))
                .append("</strong></p>\n");

        h.append("<h2>").append(vi ? "1. Kết quả từng tiêu chí" : "1. Results by criterion").append("</h2>\n");
        checks(h, r, card);
        legend(h, r, card);
        int section = 2;
        if (!area) {
            h.append("<h2>").append(section++).append(vi ? ". Kết quả các khu dân cư" : ". Residential areas").append("</h2>\n");
            areaTable(h, r);
        }
        h.append("<h2>").append(section++).append(vi ? ". Kỳ đánh giá và số liệu" : ". Scoring period and counts").append("</h2>\n");
        period(h, r);
        h.append("<h2>").append(section).append(vi ? ". Chỉ số tham khảo" : ". Advisory indicators").append("</h2>\n");
        advisory(h, r, card);
        signature(h, r, vi);
        h.append("</article>\n</body>\n</html>\n");
        return h.toString();
    }

    private void head(StringBuilder h, Report r, boolean vi) {
        Signature s = r.signature();
        h.append("<header class=\"head\">\n<div class=\"issuer\"><b>").append(esc(upper(r.wardName(), vi))).append("</b>");
        if (r.areaName() != null) {
            h.append("<br><b>").append(esc(upper(r.areaName(), vi))).append("</b>");
        }
        h.append("<hr><span class=\"number\">").append(vi ? "Số: " : "No. ").append(s.number() == null ? DOTS : esc(s.number()))
                .append("</span></div>\n");
        h.append("<div class=\"motto\"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b><hr>")
                .append("<i class=\"place-date\">").append(s.place() == null ? DOTS : esc(s.place())).append(", ")
                .append(vi ? "ngày " : "").append(s.date() == null ? "…/…/……" : ReportText.day(s.date())).append("</i></div>\n</header>\n");
    }

    private static String upper(String s, boolean vi) {
        return s == null ? "" : s.toUpperCase(vi ? Locale.forLanguageTag("vi") : Locale.ROOT);
    }

    private void checks(StringBuilder h, Report r, Scorecard card) {
        Lang lang = r.lang();
        boolean vi = lang == Lang.VI;
        h.append("<table class=\"checks\">\n<colgroup><col style=\"width:16%\"><col style=\"width:36%\"><col style=\"width:10%\">"
                + "<col style=\"width:9%\"><col style=\"width:29%\"></colgroup>\n<thead><tr><th>").append(vi ? "Tiêu chí" : "Check").append("</th><th>")
                .append(vi ? "Nội dung theo Thông tư" : "What the circular requires").append("</th><th>")
                .append(vi ? "Kết quả" : "Result").append("</th><th>").append(vi ? "Số liệu" : "Figure").append("</th><th>")
                .append(vi ? "Căn cứ, ghi chú" : "Grounds, notes").append("</th></tr></thead>\n<tbody>\n");
        for (Scorecard.CriterionResult c : card.criteria()) {
            Standard.Criterion criterion = r.standard().criteria().stream().filter(x -> x.id().equals(c.criterionId()))
                    .findFirst().orElse(null);
            for (Scorecard.CheckResult k : c.checks()) {
                Standard.Check def = r.standard().check(k.checkId()).orElse(null);
                h.append("<tr data-check=\"").append(esc(k.checkId())).append("\" data-status=\"")
                        .append(k.status().name().toLowerCase(Locale.ROOT)).append("\"><td class=\"c\"><b>").append(esc(k.checkId()).replace(".", ".<wbr>"))
                        .append("</b>");
                if (criterion != null && criterion.article() != null) {
                    h.append("<br><span class=\"article\">").append(esc(vi ? criterion.article() : article(criterion.article())))
                            .append("</span>");
                }
                h.append("</td><td>");
                wording(h, def, vi);
                h.append("</td><td class=\"c status\">").append(esc(ReportText.status(k.status(), lang)))
                        .append("</td><td class=\"c figure\">").append(esc(ReportText.figure(k, def))).append("</td><td>");
                grounds(h, k, lang);
                h.append("</td></tr>\n");
            }
        }
        h.append("</tbody>\n</table>\n");
    }

    /** "Điều 4 khoản 4" → "Art. 4(4)". */
    private static String article(String vi) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Điều (\\d+)(?: khoản (\\d+))?(?: điểm (\\S+))?").matcher(vi);
        if (!m.find()) {
            return vi;
        }
        return "Art. " + m.group(1) + (m.group(2) == null ? "" : "(" + m.group(2) + ")") + (m.group(3) == null ? "" : "(" + m.group(3) + ")");
    }

    /** The circular's exact words in quotation marks, or a summary marked as such. */
    private static void wording(StringBuilder h, Standard.Check def, boolean vi) {
        if (def == null) {
            return;
        }
        String words = def.summary()
                ? "<span class=\"summary\">" + esc(def.textVi()) + " <i>(" + (vi ? "tóm tắt" : "summary, in Vietnamese") + ")</i></span>"
                : "<q class=\"verbatim\">" + esc(def.textVi()) + "</q>";
        if (vi) {
            h.append(words);
        } else {
            h.append(esc(def.glossEn())).append("<div class=\"vi-words\" lang=\"vi\">").append(words).append("</div>");
        }
    }

    private void grounds(StringBuilder h, Scorecard.CheckResult k, Lang lang) {
        boolean vi = lang == Lang.VI;
        List<String> parts = new ArrayList<>();
        String note = text.note(k, lang);
        if (k.attestation() == null && !note.isEmpty()) {
            parts.add("<span class=\"note-text\">" + esc(note) + "</span>");
        }
        if (k.attestation() != null) {
            var a = k.attestation();
            StringBuilder b = new StringBuilder(esc(vi ? (a.attested() ? "Đã xác nhận" : "Xác nhận không đạt") : (a.attested() ? "Attested" : "Attested as not met")));
            if (a.attestedBy() != null) {
                b.append(esc(vi ? " bởi " : " by ")).append(esc(a.attestedBy()));
                if (a.signedFor() != null) {
                    b.append(" (").append(esc(a.signedFor())).append(')');
                }
            }
            if (a.attestedAt() != null) {
                b.append(esc(vi ? " ngày " : " on ")).append(ReportText.day(a.attestedAt().toLocalDate()));
            }
            if (a.documentRef() != null && !a.documentRef().isBlank()) {
                b.append(esc(vi ? ", văn bản " : ", document ")).append(esc(a.documentRef()));
            }
            if (a.note() != null && !a.note().isBlank()) {
                b.append(": ").append(esc(a.note()));
            }
            parts.add(b.toString());
        }
        if (!k.exceptions().isEmpty()) {
            parts.add("<b>" + esc(vi ? "Vụ việc được loại trừ theo quyết định" : "Excepted by decision") + ":</b> "
                    + String.join("; ", k.exceptions().stream().map(e -> esc(text.excepted(e, lang))).toList()));
        }
        if (!k.missing().isEmpty()) {
            parts.add("<b>" + esc(vi ? "Cần bổ sung thông tin" : "Needing details") + ":</b> " + listed(k.missing(), lang));
        }
        java.util.Set<String> missing = new java.util.HashSet<>();
        k.missing().forEach(e -> missing.add(e.layer() + "/" + e.id()));
        List<Scorecard.Evidence> counted = k.evidence().stream().filter(e -> !"attestations".equals(e.layer()))
                .filter(e -> !missing.contains(e.layer() + "/" + e.id())).toList();
        if (!counted.isEmpty()) {
            parts.add("<b>" + esc(vi ? "Hồ sơ được tính" : "Records counted") + ":</b> " + listed(counted, lang));
        }
        h.append(String.join("<br>", parts));
    }

    private String listed(List<Scorecard.Evidence> list, Lang lang) {
        List<String> out = new ArrayList<>();
        for (Scorecard.Evidence e : list.subList(0, Math.min(LISTED, list.size()))) {
            String label = text.evidence(e, lang);
            out.add(esc(label.startsWith(e.id()) || label.isEmpty() ? (label.isEmpty() ? e.id() : label) : e.id() + " (" + label + ")"));
        }
        String more = list.size() > LISTED ? (lang == Lang.VI ? " và " + (list.size() - LISTED) + " hồ sơ khác"
                : " and " + (list.size() - LISTED) + " more") : "";
        return String.join("; ", out) + esc(more);
    }

    /** What each figure means and how to read the texts. */
    private void legend(StringBuilder h, Report r, Scorecard card) {
        Lang lang = r.lang();
        boolean vi = lang == Lang.VI;
        h.append("<section class=\"legend\"><p><b>").append(vi ? "Cách đọc" : "How to read this").append(":</b> ")
                .append(esc(vi ? "nội dung trong ngoặc kép là nguyên văn Thông tư; nội dung có ghi “(tóm tắt)” là tóm tắt. "
                        + "Kết quả: đạt; chưa đạt; chưa đủ căn cứ (hồ sơ chưa đủ để kết luận); cần xác nhận (cán bộ chưa xác nhận). "
                        + "Số liệu:"
                        : "text in quotation marks is the circular's exact wording; text marked \"(summary)\" is a summary. "
                        + "Results: met; not met; not yet decidable (the records cannot decide yet); needs attestation (an officer has not attested yet). "
                        + "Figures:"))
                .append("</p>\n<ul>\n");
        for (Scorecard.CriterionResult c : card.criteria()) {
            for (Scorecard.CheckResult k : c.checks()) {
                r.standard().check(k.checkId()).ifPresent(def -> h.append("<li><b>").append(esc(k.checkId())).append("</b>: ")
                        .append(esc(ReportText.meaning(def, lang))).append("</li>\n"));
            }
        }
        h.append("</ul></section>\n");
    }

    private void areaTable(StringBuilder h, Report r) {
        Lang lang = r.lang();
        boolean vi = lang == Lang.VI;
        h.append("<table class=\"areas\">\n<colgroup><col style=\"width:8%\"><col style=\"width:22%\"><col style=\"width:12%\">"
                + "<col style=\"width:24%\"><col style=\"width:34%\"></colgroup>\n<thead><tr><th>").append(vi ? "STT" : "No.").append("</th><th>")
                .append(vi ? "Khu dân cư" : "Residential area").append("</th><th>").append(vi ? "Kết luận" : "Verdict")
                .append("</th><th>").append(vi ? "Tiêu chí chưa đạt" : "Checks not met").append("</th><th>")
                .append(vi ? "Tiêu chí chưa đủ căn cứ, cần xác nhận" : "Checks not yet decidable or needing attestation")
                .append("</th></tr></thead>\n<tbody>\n");
        int n = 1;
        for (Scorecard a : r.areas()) {
            List<String> notMet = new ArrayList<>();
            List<String> open = new ArrayList<>();
            for (Scorecard.CriterionResult c : a.criteria()) {
                for (Scorecard.CheckResult k : c.checks()) {
                    String fig = ReportText.figure(k, r.standard().check(k.checkId()).orElse(null));
                    String item = k.checkId() + (fig.isEmpty() ? "" : " (" + fig + ")");
                    if (k.status() == Scorecard.Status.NOT_MET) {
                        notMet.add(item);
                    } else if (k.status() != Scorecard.Status.MET) {
                        open.add(item + (k.status() == Scorecard.Status.NEEDS_ATTESTATION
                                ? (vi ? " cần xác nhận" : " needs attestation") : ""));
                    }
                }
            }
            h.append("<tr data-area=\"").append(esc(a.subjectId())).append("\"><td class=\"c\">").append(n++).append("</td><td>")
                    .append(esc(r.areaNames().getOrDefault(a.subjectId(), a.subjectId()))).append("</td><td class=\"c\">")
                    .append(esc(ReportText.verdict(a.verdict(), lang))).append("</td><td>").append(esc(String.join("; ", notMet)))
                    .append("</td><td>").append(esc(String.join("; ", open))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** The scoring periods, and why their counts differ from a calendar window's. */
    private void period(StringBuilder h, Report r) {
        boolean vi = r.lang() == Lang.VI;
        int year = r.card().year();
        Standard.Period areaP = r.standard().areaPeriod().of(year);
        Standard.Period wardP = r.standard().wardPeriod().of(year);
        Standard.Period p = r.card().period();
        Standard.Period prev = r.card().previousPeriod();
        StringBuilder t = new StringBuilder();
        if (vi) {
            t.append("Thông tư đánh giá theo kỳ (Điều 8 khoản 2): khu dân cư từ ").append(ReportText.day(areaP.first()))
                    .append(" đến ").append(ReportText.day(areaP.last())).append("; xã, phường, thị trấn từ ")
                    .append(ReportText.day(wardP.first())).append(" đến ").append(ReportText.day(wardP.last()))
                    .append(". Các số liệu của báo cáo này đếm trong kỳ ").append(ReportText.day(p.first())).append(" – ")
                    .append(ReportText.day(p.last()));
            if (prev != null) {
                t.append(" (kỳ trước: ").append(ReportText.day(prev.first())).append(" – ").append(ReportText.day(prev.last())).append(")");
            }
            t.append(", nên khác với số đếm theo một khoảng thời gian trên lịch");
        } else {
            t.append("The circular scores by period (Art. 8(2)): residential areas from ").append(ReportText.day(areaP.first()))
                    .append(" to ").append(ReportText.day(areaP.last())).append("; communes and wards from ")
                    .append(ReportText.day(wardP.first())).append(" to ").append(ReportText.day(wardP.last()))
                    .append(". This report counts within ").append(ReportText.day(p.first())).append(" – ").append(ReportText.day(p.last()));
            if (prev != null) {
                t.append(" (previous period: ").append(ReportText.day(prev.first())).append(" – ").append(ReportText.day(prev.last())).append(")");
            }
            t.append(", so its counts differ from those of a calendar window");
        }
        Standard.Period w = r.calendarWindow();
        if (w != null) {
            t.append(vi ? " như " : " such as ").append(ReportText.day(w.first())).append(" – ").append(ReportText.day(w.last()))
                    .append(vi ? " (khoảng thời gian mặc định của bộ lọc trên bản đồ)" : " (the map's default filter)");
            LocalDate from = w.first().isAfter(p.first()) ? w.first() : p.first();
            LocalDate to = w.last().isBefore(p.last()) ? w.last() : p.last();
            if (!from.isAfter(to)) {
                t.append(vi ? ": hai khoảng chỉ trùng nhau từ " : ": the two overlap only from ").append(ReportText.day(from))
                        .append(vi ? " đến " : " to ").append(ReportText.day(to)).append(vi
                                ? "; vụ việc ngoài đoạn đó được tính ở một bên mà không được tính ở bên kia"
                                : "; an incident outside that stretch counts in one and not in the other");
            } else {
                t.append(vi ? ": hai khoảng không trùng nhau" : ": the two do not overlap");
            }
        }
        t.append(vi ? ". Tiêu chí so sánh với năm trước (K4a) so kỳ này với kỳ trước, không so theo năm dương lịch."
                : ". The check against the previous year (K4a) compares this period with the previous one, not calendar years.");
        h.append("<p class=\"period\">").append(esc(t.toString())).append("</p>\n");
    }

    private void advisory(StringBuilder h, Report r, Scorecard card) {
        boolean vi = r.lang() == Lang.VI;
        Scorecard.Advisory a = card.advisory();
        h.append("<p class=\"note\">").append(esc(vi ? "Không thuộc Thông tư, không dùng để kết luận. " : "Not part of the circular, never part of the verdict. "));
        if (a != null) {
            StringBuilder t = new StringBuilder();
            t.append(vi ? "Vụ việc mọi loại kỳ này / kỳ trước: " : "Incidents of any kind this period / previous: ")
                    .append(ReportText.count(a.incidentsNow())).append(" / ").append(ReportText.count(a.incidentsBefore()));
            if (a.changePercent() != null) {
                t.append(" (").append(a.changePercent() > 0 ? "+" : "").append(ReportText.number(a.changePercent(), 1)).append(" %)");
            }
            if (a.incidentsPer1000() != null) {
                t.append(vi ? "; trên 1.000 dân: " : "; per 1,000 residents: ").append(ReportText.number(a.incidentsPer1000(), 1));
            }
            if (a.cameraCoverage() != null && !a.cameraCoverage().isEmpty()) {
                List<String> cov = new ArrayList<>();
                a.cameraCoverage().forEach((k, v) -> {
                    if (v != null) {
                        cov.add(switch (k) {
                            case "area" -> vi ? "diện tích" : "area";
                            case "roads" -> vi ? "chiều dài đường" : "road length";
                            case "incidents" -> vi ? "vụ việc" : "incidents";
                            default -> k;
                        } + " " + ReportText.percent(v));
                    }
                });
                t.append(vi ? "; camera đang hoạt động nhìn thấy: " : "; working cameras see: ").append(String.join(", ", cov));
            }
            h.append(esc(t.toString())).append('.');
        }
        h.append("</p>\n");
        if (!card.hints().isEmpty()) {
            h.append("<ul class=\"hints\">\n");
            for (Scorecard.Hint hint : card.hints()) {
                h.append("<li><b>").append(esc(hint.checkId())).append("</b>: ").append(esc(text.localise(vi ? hint.textVi() : hint.textEn(), r.lang())))
                        .append("</li>\n");
            }
            h.append("</ul>\n");
        }
    }

    private void signature(StringBuilder h, Report r, boolean vi) {
        Signature s = r.signature();
        h.append("<footer class=\"sign\">\n<div class=\"recipients\"><b><i>").append(vi ? "Nơi nhận:" : "To:").append("</i></b><br>- ")
                .append(DOTS).append(";<br>- ").append(vi ? "Lưu: " : "File: ").append(DOTS).append(".</div>\n<div class=\"signatory\"><b>")
                .append(s.title() == null ? DOTS + DOTS : esc(upper(s.title(), vi))).append("</b><br><i>")
                .append(vi ? "(Ký, ghi rõ họ tên)" : "(Signature and full name)").append("</i><div class=\"space\"></div><b class=\"signer\">")
                .append(s.signer() == null ? DOTS + DOTS : esc(s.signer())).append("</b></div>\n</footer>\n");
    }

    /** A4 paper, header rows repeated on every page, rows kept whole; served inside the page (no other request). */
    static final String CSS = """
            @page { size: A4; margin: 20mm 15mm 20mm 25mm; }
            body { font-family: "Times New Roman", "Liberation Serif", "Noto Serif", "DejaVu Serif", serif; font-size: 13pt;
              line-height: 1.3; color: #000; background: #fff; max-width: 170mm; margin: 1rem auto; }
            .head { display: flex; justify-content: space-between; text-align: center; font-size: 12pt; gap: 6mm; }
            .head .issuer { width: 38%; } .head .motto { width: 62%; white-space: nowrap; font-size: 11.5pt; }
            .head hr { width: 40%; border: 0; border-top: 1px solid #000; margin: 2px auto 6px; }
            .place-date { display: block; text-align: right; }
            h1 { text-align: center; font-size: 14pt; margin: 10mm 0 1mm; }
            h1 span { display: block; font-size: 13pt; }
            h2 { font-size: 13pt; margin: 6mm 0 2mm; break-after: avoid; page-break-after: avoid; }
            .sub { text-align: center; font-style: italic; margin: 0 0 4mm; }
            .verdict-line { font-size: 14pt; }
            .verdict { text-transform: none; }
            table { width: 100%; border-collapse: collapse; font-size: 11pt; table-layout: fixed; }
            thead { display: table-header-group; }
            tr, td, th { break-inside: avoid; page-break-inside: avoid; }
            th, td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
            th { background: #eee; text-align: center; overflow-wrap: normal; }
            td.c { text-align: center; overflow-wrap: normal; }
            td.figure { white-space: nowrap; }
            .article { font-size: 9pt; }
            q.verbatim { quotes: "“" "”"; }
            .vi-words { font-size: 10pt; margin-top: 2px; }
            .legend, .note { font-size: 10.5pt; }
            .legend ul { margin: 0; padding-left: 6mm; }
            .period { text-align: justify; }
            .sign { display: flex; justify-content: space-between; margin-top: 10mm; break-inside: avoid; page-break-inside: avoid; }
            .recipients { width: 45%; font-size: 11pt; }
            .signatory { width: 50%; text-align: center; }
            .signatory .space { height: 25mm; }
            .error { max-width: 40rem; margin: 2rem auto; }
            @media print { body { margin: 0; max-width: none; } }
            @media screen and (max-width: 600px) {
              body { font-size: 11pt; margin: 0.5rem; }
              .head, .sign { flex-direction: column; gap: 2mm; }
              .head .issuer, .head .motto, .recipients, .signatory { width: auto; }
              .head .motto { white-space: normal; }
              table { font-size: 9pt; table-layout: auto; }
              th, td { padding: 2px 3px; overflow-wrap: anywhere; }
              td.figure { white-space: normal; }
            }
            """;
}
