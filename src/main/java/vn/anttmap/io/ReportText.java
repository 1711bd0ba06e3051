package vn.anttmap.io;

import vn.anttmap.model.Taxonomy;
import vn.anttmap.scoring.Scorecard;
import vn.anttmap.scoring.Standard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an officer reads of a scorecard, in Vietnamese (first) or English: labels for the codes, figures in the
 * Vietnamese number format (3.993; 98,5 %), dates as dd/MM/yyyy, one language of the scorer's bilingual notes. Pure:
 * shared by the report ({@link ReportHtml}) and the command line's table.
 */
public final class ReportText {
    /** The language a text is written in. */
    public enum Lang {
        VI, EN;

        /** {@code en} is English; anything else (or nothing) Vietnamese. */
        public static Lang of(String code) {
            return "en".equalsIgnoreCase(code) ? EN : VI;
        }

        public String code() {
            return this == VI ? "vi" : "en";
        }
    }

    public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Pattern ISO_DAY = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");

    private final Taxonomy taxonomy;
    /** code → {vi, en}, for every closed set of codes a card's texts may carry. */
    private final Map<String, String[]> labels = new LinkedHashMap<>();

    public ReportText(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        for (Taxonomy.Category c : taxonomy.categories()) {
            labels.put(c.code(), new String[]{c.nameVi(), c.nameEn()});
        }
        // Penal Code 2015, art. 9 (model.Codes.SEVERITIES)
        labels.put("it_nghiem_trong", new String[]{"ít nghiêm trọng", "less serious"});
        labels.put("nghiem_trong", new String[]{"nghiêm trọng", "serious"});
        labels.put("rat_nghiem_trong", new String[]{"rất nghiêm trọng", "very serious"});
        labels.put("dac_biet_nghiem_trong", new String[]{"đặc biệt nghiêm trọng", "particularly serious"});
        // team ratings (model.Codes.TEAM_RATINGS)
        labels.put("completed_excellently", new String[]{"hoàn thành xuất sắc nhiệm vụ", "completed excellently"});
        labels.put("completed_well", new String[]{"hoàn thành tốt nhiệm vụ", "completed well"});
        labels.put("completed", new String[]{"hoàn thành nhiệm vụ", "completed"});
        labels.put("not_completed", new String[]{"không hoàn thành nhiệm vụ", "not completed"});
        // team kinds (model.Codes.TEAM_KINDS)
        labels.put("street_guard", new String[]{"tổ bảo vệ dân phố", "street guard team"});
        labels.put("social_security", new String[]{"tổ an ninh xã hội", "social security team"});
        labels.put("eid_support", new String[]{"tổ công nghệ số cộng đồng (hướng dẫn định danh điện tử)",
                "digital technology team (electronic ID support)"});
        // exception kinds (model.Codes.EXCEPTIONS; the standard's rules also say promptly_handled)
        labels.put("force_majeure", new String[]{"bất khả kháng", "force majeure"});
        String[] prompt = {"kịp thời phát hiện, giảm thiểu hậu quả và báo cáo ngay",
                "promptly detected, consequences mitigated, reported at once"};
        labels.put("prompt_handling", prompt);
        labels.put("promptly_handled", prompt);
        // organisation kinds (model.Codes.ORGANISATION_KINDS)
        labels.put("agency", new String[]{"cơ quan", "agency"});
        labels.put("enterprise", new String[]{"doanh nghiệp", "enterprise"});
        labels.put("school", new String[]{"cơ sở giáo dục", "educational institution"});
        // K4c records (model.Codes.SOCIAL_RECORD_KINDS)
        labels.put("new_hotspot", new String[]{"tụ điểm phức tạp mới", "new social-order hotspot"});
        labels.put("new_social_evil_person", new String[]{"người mới mắc tệ nạn xã hội", "new person with a social evil"});
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** The label of a code in the language, or the code itself when it is not one this knows. */
    public String label(String code, Lang lang) {
        String[] l = labels.get(code);
        return l == null ? code : l[lang == Lang.VI ? 0 : 1];
    }

    public static String status(Scorecard.Status s, Lang lang) {
        return switch (s) {
            case MET -> lang == Lang.VI ? "đạt" : "met";
            case NOT_MET -> lang == Lang.VI ? "chưa đạt" : "not met";
            case NEEDS_ATTESTATION -> lang == Lang.VI ? "cần xác nhận" : "needs attestation";
            case NO_DATA -> lang == Lang.VI ? "chưa đủ căn cứ" : "not yet decidable";
        };
    }

    public static String verdict(Scorecard.Verdict v, Lang lang) {
        return lang == Lang.VI ? v.vi() : v.en();
    }

    public static String day(LocalDate d) {
        return d == null ? "" : d.format(DAY);
    }

    /** A whole number with dots between thousands: 3.993. */
    public static String count(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append('.');
            }
            out.append(digits.charAt(i));
        }
        return (n < 0 ? "-" : "") + out;
    }

    /** A number with a decimal comma, cut (never rounded up) at {@code decimals}: 3.993; 12,5. */
    public static String number(double d, int decimals) {
        return number(new BigDecimal(Double.toString(d)), decimals);
    }

    private static String number(BigDecimal exact, int decimals) {
        BigDecimal v = exact.setScale(decimals, RoundingMode.DOWN);
        if (v.signum() == 0 || v.stripTrailingZeros().scale() <= 0) {
            return count(v.longValue());
        }
        String plain = v.abs().toPlainString();
        int dot = plain.indexOf('.');
        return (v.signum() < 0 ? "-" : "") + count(Long.parseLong(plain.substring(0, dot))) + "," + plain.substring(dot + 1);
    }

    /**
     * A share (0..1) in percent with one decimal, cut, never rounded up: 1,999 of 2,000 is 99,9 %, which is not 100 %.
     */
    public static String percent(double share) {
        return number(new BigDecimal(Double.toString(share)).movePointRight(2), 1) + " %";
    }

    /** Whether the check's measured value is a share (0..1) rather than a count. */
    public static boolean isShare(Standard.Check check) {
        return check != null && check.rule() != null && check.rule().measure().endsWith("_share");
    }

    /** Whether the check compares this period's count with the previous period's. */
    public static boolean isChange(Standard.Check check) {
        return check != null && check.rule() != null && "incident_count_change".equals(check.rule().measure());
    }

    /**
     * The check's figure: a share in percent, this period's count against the previous one's ("1 / 2"), a count, or
     * nothing (attested checks, no data).
     */
    public static String figure(Scorecard.CheckResult k, Standard.Check check) {
        if (k.measured() == null) {
            return "";
        }
        if (isShare(check)) {
            return percent(k.measured());
        }
        if (isChange(check) || (k.threshold() == null && "<".equals(k.comparison()))) {
            return count(k.measured().longValue()) + " / " + (k.threshold() == null ? "?" : count(k.threshold().longValue()));
        }
        return number(k.measured(), 1);
    }

    /** What a check's figure is, for the legend, by the check's measure. */
    public static String meaning(Standard.Check check, Lang lang) {
        boolean vi = lang == Lang.VI;
        if (check.kind() == Standard.Kind.ATTESTED || check.rule() == null) {
            return vi ? "không có số: cán bộ xác nhận (có văn bản kèm theo)" : "no figure: attested by an officer (with a document)";
        }
        return switch (check.rule().measure()) {
            case "registered_household_share" -> vi ? "tỷ lệ hộ gia đình đăng ký tham gia trên số hộ đang cư trú (lấy một chữ số thập phân, không làm tròn lên); đạt khi 100 %"
                    : "share of resident households registered to take part (one decimal, never rounded up); met at 100 %";
            case "incident_count" -> vi ? "số vụ trong kỳ đánh giá, không kể vụ được loại trừ theo quyết định; đạt khi 0"
                    : "incidents in the scoring period, less those excepted by decision; met at 0";
            case "serious_accident_count" -> vi ? "số vụ cháy, nổ nghiêm trọng, tai nạn lao động chết người, sự cố nghiêm trọng trong kỳ, không kể vụ bất khả kháng; đạt khi 0"
                    : "serious fires or explosions, fatal work accidents and serious incidents in the period, less force majeure; met at 0";
            case "incident_count_change" -> vi ? "số vụ kỳ này / số vụ kỳ trước; đạt khi giảm, hoặc 0 / 0 (không tăng)"
                    : "incidents this period / the previous period; met when fewer, or 0 / 0 (no increase)";
            case "social_order_record_count" -> vi ? "số tụ điểm phức tạp, người mắc tệ nạn xã hội mới ghi nhận trong kỳ; đạt khi 0"
                    : "new social-order hotspots and people with a social evil recorded in the period; met at 0";
            case "security_team_rating" -> vi ? "số tổ không đạt (xếp loại dưới “hoàn thành nhiệm vụ” hoặc có thành viên bị kỷ luật); đạt khi 0"
                    : "teams failing (rated below \"completed\" or with a disciplined member); met at 0";
            case "registered_unit_share" -> vi ? "tỷ lệ khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục đã đăng ký; đạt khi 100 %"
                    : "share of residential areas, agencies, enterprises and schools registered; met at 100 %";
            case "recognised_unit_share" -> vi ? "tỷ lệ được công nhận đạt tiêu chuẩn; đạt khi từ 70 % trở lên"
                    : "share recognised as meeting the standard; met at 70 % or more";
            default -> check.rule().measure();
        };
    }

    /** Codes replaced by their labels (a category and its severity as "Tội phạm hình sự, ít nghiêm trọng"), ISO days as dd/MM/yyyy. */
    public String localise(String text, Lang lang) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (Taxonomy.Category c : taxonomy.categories()) {
            for (String sev : List.of("it_nghiem_trong", "nghiem_trong", "rat_nghiem_trong", "dac_biet_nghiem_trong")) {
                out = out.replace(c.code() + " / " + sev, label(c.code(), lang) + ", " + label(sev, lang));
            }
        }
        Matcher m = Pattern.compile("[a-z]+(?:_[a-z]+)*").matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            boolean word = (m.start() == 0 || !isWordChar(out.charAt(m.start() - 1)))
                    && (m.end() == out.length() || !isWordChar(out.charAt(m.end())));
            String code = m.group();
            // A one-word code (crime, school, other) is also an English word: in English prose it is a code only where
            // a code stands, before its day "(01/05/2023" or at the end, or in parentheses.
            boolean standsAsCode = code.contains("_") || lang == Lang.VI || m.end() == out.length()
                    || out.startsWith(" (", m.end()) && m.end() + 2 < out.length() && Character.isDigit(out.charAt(m.end() + 2))
                    || (m.start() > 0 && out.charAt(m.start() - 1) == '(');
            String replacement = word && standsAsCode && labels.containsKey(code) ? label(code, lang) : code;
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return ISO_DAY.matcher(sb.toString()).replaceAll("$3/$2/$1");
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    /**
     * One language of a scorer's bilingual note. Notes join parts with "; ", each part "vi / en", where either half may
     * itself hold " / " (kỳ này / kỳ trước: 1 / 2 / this period / previous: 1 / 2): the English half starts at the first
     * " / " after some Vietnamese whose next words are plain ASCII starting with a letter (after at most a number), and
     * runs to a "; " followed by Vietnamese. Within a half, "(vi / en)" asides keep their side; codes become labels.
     */
    /** A check's note in the language, its codes as labels (the scorer writes each language's note itself). */
    public String note(vn.anttmap.scoring.Scorecard.CheckResult k, Lang lang) {
        String text = lang == Lang.VI ? k.note() : k.noteEn();
        return text == null || text.isBlank() ? "" : localise(text, lang);
    }

    public String note(String note, Lang lang) {
        if (note == null || note.isBlank()) {
            return "";
        }
        List<String> vi = new ArrayList<>();
        List<String> en = new ArrayList<>();
        String rest = note;
        while (!rest.isEmpty()) {
            int p = englishStart(rest);
            if (p < 0) {
                vi.add(rest);
                en.add(rest);
                break;
            }
            String v = rest.substring(0, p);
            String after = rest.substring(p + 3);
            int q = vietnameseAgain(after);
            String e = q < 0 ? after : after.substring(0, q);
            rest = q < 0 ? "" : after.substring(q + 2);
            // "tổ không đạt / teams failing: Tổ 1 (…)": the names stand only in the English half.
            int colon = e.indexOf(": ");
            if (!v.contains(":") && colon > 0 && !isAscii(e.substring(colon))) {
                v = v + e.substring(colon);
            }
            vi.add(v);
            en.add(e);
        }
        String joined = String.join("; ", lang == Lang.VI ? vi : en);
        return localise(asides(joined, lang), lang);
    }

    /** "(1 thành viên bị kỷ luật / disciplined member(s))" → the side of the language. */
    private static String asides(String text, Lang lang) {
        Matcher m = Pattern.compile("\\(([^()]*?) / ((?:[^()]|\\([^()]*\\))*)\\)").matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            if (!isAscii(m.group(1)) && looksEnglish(m.group(2))) {
                // "(1 thành viên bị kỷ luật / disciplined member(s))": the number stands only on the Vietnamese side
                Matcher n = Pattern.compile("^(\\d+) ").matcher(m.group(1));
                String en = n.find() && !m.group(2).matches("^\\d.*") ? n.group(1) + " " + m.group(2) : m.group(2);
                m.appendReplacement(sb, Matcher.quoteReplacement("(" + (lang == Lang.VI ? m.group(1) : en) + ")"));
            } else {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
            }
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static int englishStart(String s) {
        int depth = 0;
        for (int i = 0; i + 3 <= s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && s.startsWith(" / ", i) && !isAscii(s.substring(0, i)) && looksEnglish(s.substring(i + 3))) {
                return i;
            }
        }
        return -1;
    }

    private static int vietnameseAgain(String s) {
        int depth = 0;
        for (int i = 0; i + 2 <= s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && s.startsWith("; ", i) && !looksEnglish(s.substring(i + 2))) {
                return i;
            }
        }
        return -1;
    }

    /** Plain ASCII words starting with a letter, after at most a number: "this period", "2 incident(s) need". */
    private static boolean looksEnglish(String s) {
        String[] w = s.trim().split("\\s+");
        int i = w.length > 1 && w[0].matches("\\d+") ? 1 : 0;
        if (w.length <= i || w[i].isEmpty() || !isAsciiLetter(w[i].charAt(0)) || !isAscii(w[i])) {
            return false;
        }
        return w.length <= i + 1 || isAscii(w[i + 1]);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** An evidence or missing record's label in the language: "Tội phạm hình sự, nghiêm trọng (01/05/2023)". */
    public String evidence(Scorecard.Evidence e, Lang lang) {
        return note(e.label() == null ? e.id() : e.label(), lang);
    }

    /** An excepted incident with its decision: the exception, who decided, when, on what document. */
    public String excepted(Scorecard.Excepted e, Lang lang) {
        boolean vi = lang == Lang.VI;
        StringBuilder b = new StringBuilder(e.id());
        if (e.label() != null) {
            b.append(" (").append(note(e.label(), lang)).append(')');
        }
        String kind = vi ? e.exceptionVi() : e.exceptionEn();
        b.append(": ").append(kind != null ? kind : label(e.exception(), lang));
        b.append(vi ? ", quyết định " : ", decision ").append(e.decisionId() == null ? "" : e.decisionId());
        if (e.decidedBy() != null) {
            b.append(vi ? " của " : " by ").append(e.decidedBy());
        }
        if (e.decidedOn() != null) {
            b.append(vi ? " ngày " : " on ").append(day(e.decidedOn()));
        }
        if (e.documentRef() != null && !e.documentRef().isBlank()) {
            b.append(vi ? ", văn bản " : ", document ").append(e.documentRef());
        }
        return b.toString();
    }
}
