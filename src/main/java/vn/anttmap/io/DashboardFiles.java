package vn.anttmap.io;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.anttmap.io.ReportText.Lang;
import vn.anttmap.model.Bilingual;
import vn.anttmap.model.Dashboard;
import vn.anttmap.model.IncidentFigures;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The leaders' dashboard as a table in a file: one row per ward and a totals row, the columns labelled in Vietnamese or
 * English (labels, never codes), as CSV (UTF-8 with a byte-order mark, guarded against formulas as {@link CsvWriter}
 * is) or XLSX (Apache POI: the table on sheet "Tổng hợp" with numbers as numbers and shares formatted as percentages,
 * and a sheet with the scope, the periods and where the figures come from). Shares are written as percentages, hours
 * with one decimal, and what has no figure as "không có số liệu" / "no data".
 */
public final class DashboardFiles {
    private DashboardFiles() {
    }

    /** What no figure reads as. */
    public static String noData(Lang lang) {
        return lang == Lang.EN ? "no data" : "không có số liệu";
    }

    /** How a column's values are written. */
    enum Kind {
        /** Text (names). */
        TEXT,
        /** A whole number (a count, or a change of one). */
        COUNT,
        /** A fraction shown as a percentage. */
        SHARE,
        /** Hours, or a change of a share in percentage points: one decimal. */
        DECIMAL
    }

    /** A column: its labels and how a row's value is read. */
    record Column(String vi, String en, Kind kind, Function<Line, Object> value) {
        String label(Lang lang) {
            return lang == Lang.EN ? en : vi;
        }
    }

    /** A row of the table: a ward's (name, id, province) or the totals'. */
    record Line(String name, String id, String province, Dashboard.Figures figures) {
    }

    private static final List<Column> COLUMNS = columns();

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(new Column("Phường, xã", "Ward", Kind.TEXT, Line::name));
        c.add(new Column("Mã phường, xã", "Ward id", Kind.TEXT, Line::id));
        c.add(new Column("Tỉnh, thành phố", "Province", Kind.TEXT, Line::province));
        c.add(new Column("Số khu dân cư", "Residential areas", Kind.COUNT, l -> l.figures().areas().total()));
        c.add(new Column("Khu dân cư đạt", "Areas met", Kind.COUNT, l -> l.figures().areas().dat()));
        c.add(new Column("Tỷ lệ đạt", "Share met", Kind.SHARE, l -> l.figures().areas().shareDat()));
        c.add(new Column("Khu dân cư chưa đạt", "Areas not met", Kind.COUNT, l -> l.figures().areas().chuaDat()));
        c.add(new Column("Tỷ lệ chưa đạt", "Share not met", Kind.SHARE, l -> l.figures().areas().shareChuaDat()));
        c.add(new Column("Khu dân cư chưa đủ căn cứ", "Areas not yet decidable", Kind.COUNT, l -> l.figures().areas().chuaDuCanCu()));
        c.add(new Column("Tỷ lệ chưa đủ căn cứ", "Share not yet decidable", Kind.SHARE, l -> l.figures().areas().shareChuaDuCanCu()));
        c.add(new Column("Camera đăng ký", "Cameras registered", Kind.COUNT, l -> l.figures().cameras().registered()));
        c.add(new Column("Camera đang hoạt động", "Cameras working", Kind.COUNT, l -> l.figures().cameras().working()));
        c.add(new Column("Camera chia sẻ hình ảnh", "Cameras sharing footage", Kind.COUNT, l -> l.figures().cameras().sharing()));
        incidents(c, "", "", l -> l.figures().incidents());
        incidents(c, "Cùng kỳ năm trước: ", "Year before: ", l -> l.figures().previous());
        c.add(new Column("Thay đổi: vụ việc tiếp nhận", "Change: incidents received", Kind.COUNT, l -> l.figures().change().received()));
        c.add(new Column("Thay đổi: đã xử lý", "Change: handled", Kind.COUNT, l -> l.figures().change().handled()));
        c.add(new Column("Thay đổi: tỷ lệ đã xử lý (điểm phần trăm)", "Change: share handled (percentage points)", Kind.DECIMAL,
                l -> l.figures().change().shareHandled() == null ? null : 100 * l.figures().change().shareHandled()));
        c.add(new Column("Thay đổi: thời gian xử lý trung vị (giờ)", "Change: median time to handle (hours)", Kind.DECIMAL,
                l -> l.figures().change().medianHours()));
        c.add(new Column("Thay đổi: thời gian xử lý phân vị 90 (giờ)", "Change: 90th percentile time to handle (hours)",
                Kind.DECIMAL, l -> l.figures().change().p90Hours()));
        // Last, so that a file never passes made-up figures for real ones: the demo's areas (and their records) are.
        c.add(new Column("Khu dân cư dữ liệu minh họa (tổng hợp)", "Residential areas with synthetic (illustrative) data",
                Kind.COUNT, l -> l.figures().areas().synthetic()));
        return List.copyOf(c);
    }

    private static void incidents(List<Column> c, String vi, String en, Function<Line, IncidentFigures> of) {
        c.add(new Column(vi + "Vụ việc tiếp nhận", en + "Incidents received", Kind.COUNT, l -> of.apply(l).received()));
        c.add(new Column(vi + "Đã xử lý", en + "Handled", Kind.COUNT, l -> of.apply(l).handled()));
        c.add(new Column(vi + "Đang xử lý", en + "Open", Kind.COUNT, l -> of.apply(l).open()));
        c.add(new Column(vi + "Chưa rõ trạng thái", en + "Status unknown", Kind.COUNT, l -> of.apply(l).unknown()));
        c.add(new Column(vi + "Tỷ lệ đã xử lý", en + "Share handled", Kind.SHARE, l -> of.apply(l).shareHandled()));
        c.add(new Column(vi + "Thời gian xử lý trung vị (giờ)", en + "Median time to handle (hours)", Kind.DECIMAL,
                l -> of.apply(l).medianHours()));
        c.add(new Column(vi + "Thời gian xử lý phân vị 90 (giờ)", en + "90th percentile time to handle (hours)", Kind.DECIMAL,
                l -> of.apply(l).p90Hours()));
    }

    /** The header's labels, in order. */
    public static List<String> header(Lang lang) {
        return COLUMNS.stream().map(c -> c.label(lang)).toList();
    }

    /** The rows: each ward's, then the totals'. */
    private static List<Line> lines(Dashboard d, Lang lang) {
        List<Line> out = new ArrayList<>();
        d.wards().forEach(w -> out.add(new Line(w.name(), w.ward(), w.province(), w.figures())));
        out.add(new Line(lang == Lang.EN ? "Total" : "Tổng", null, d.scope().name(), d.totals()));
        return out;
    }

    /** The dashboard as CSV: UTF-8 with a byte-order mark, CRLF line ends. */
    public static void csv(Dashboard d, Lang lang, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        row(w, header(lang).stream().map(CsvWriter::cell).toList());
        for (Line line : lines(d, lang)) {
            List<String> cells = new ArrayList<>();
            for (Column c : COLUMNS) {
                cells.add(text(c, c.value().apply(line), lang));
            }
            row(w, cells);
        }
        w.flush();
    }

    /** A value as the CSV shows it: names guarded against formulas, shares as percentages, one decimal. */
    private static String text(Column c, Object v, Lang lang) {
        if (v == null) {
            return c.kind() == Kind.TEXT ? "" : noData(lang);
        }
        return switch (c.kind()) {
            case TEXT -> CsvWriter.cell(v.toString());
            case COUNT -> Long.toString(((Number) v).longValue());
            case SHARE -> String.format(Locale.ROOT, "%.1f%%", 100 * ((Number) v).doubleValue());
            case DECIMAL -> String.format(Locale.ROOT, "%.1f", ((Number) v).doubleValue());
        };
    }

    private static void row(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(CsvWriter.quote(cells.get(i)));
        }
        w.write("\r\n");
    }

    /** The name of the table's sheet. */
    public static String sheetName(Lang lang) {
        return lang == Lang.EN ? "Summary" : "Tổng hợp";
    }

    /** The name of the sheet that says what the table is. */
    public static String aboutSheetName(Lang lang) {
        return lang == Lang.EN ? "About" : "Thông tin";
    }

    /** The dashboard as an XLSX workbook. */
    public static void xlsx(Dashboard d, Lang lang, OutputStream out) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Font bold = book.createFont();
            bold.setBold(true);
            CellStyle head = book.createCellStyle();
            head.setFont(bold);
            head.setWrapText(true);
            CellStyle count = book.createCellStyle();
            count.setDataFormat(book.createDataFormat().getFormat("#,##0"));
            CellStyle share = book.createCellStyle();
            share.setDataFormat(book.createDataFormat().getFormat("0.0%"));
            CellStyle decimal = book.createCellStyle();
            decimal.setDataFormat(book.createDataFormat().getFormat("0.0"));
            Sheet table = book.createSheet(sheetName(lang));
            Row header = table.createRow(0);
            List<String> labels = header(lang);
            for (int i = 0; i < labels.size(); i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(labels.get(i));
                cell.setCellStyle(head);
                table.setColumnWidth(i, (i == 0 ? 28 : 16) * 256);
            }
            table.createFreezePane(1, 1);
            int r = 1;
            for (Line line : lines(d, lang)) {
                Row row = table.createRow(r++);
                for (int i = 0; i < COLUMNS.size(); i++) {
                    Column c = COLUMNS.get(i);
                    Object v = c.value().apply(line);
                    Cell cell = row.createCell(i);
                    if (v == null) {
                        if (c.kind() != Kind.TEXT) {
                            cell.setCellValue(noData(lang));
                        }
                        continue;
                    }
                    switch (c.kind()) {
                        case TEXT -> cell.setCellValue(v.toString());
                        case COUNT -> {
                            cell.setCellValue(((Number) v).longValue());
                            cell.setCellStyle(count);
                        }
                        case SHARE -> {
                            cell.setCellValue(((Number) v).doubleValue());
                            cell.setCellStyle(share);
                        }
                        case DECIMAL -> {
                            cell.setCellValue(Math.round(((Number) v).doubleValue() * 10) / 10.0);
                            cell.setCellStyle(decimal);
                        }
                    }
                }
                if (line.id() == null) {
                    for (Cell cell : row) {
                        CellStyle s = book.createCellStyle();
                        s.cloneStyleFrom(cell.getCellStyle());
                        s.setFont(bold);
                        cell.setCellStyle(s);
                    }
                }
            }
            Sheet about = book.createSheet(aboutSheetName(lang));
            about.setColumnWidth(0, 28 * 256);
            about.setColumnWidth(1, 100 * 256);
            int a = 0;
            for (String[] kv : about(d, lang)) {
                Row row = about.createRow(a++);
                Cell k = row.createCell(0);
                k.setCellValue(kv[0]);
                k.setCellStyle(head);
                row.createCell(1).setCellValue(kv[1]);
            }
            book.write(out);
        }
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    /** What the table is: its scope, its periods, and where the figures come from (label, text). */
    public static List<String[]> about(Dashboard d, Lang lang) {
        boolean en = lang == Lang.EN;
        String scope = "province".equals(d.scope().kind())
                ? (en ? "Province " + Bilingual.plain(d.scope().name()) : "Tỉnh " + d.scope().name()) + " (" + d.scope().wards().size()
                + (en ? " wards)" : " phường, xã)")
                : String.join(", ", d.scope().wards());
        String now = d.from().format(DAY) + "–" + d.to().format(DAY);
        String before = d.previousFrom().format(DAY) + "–" + d.previousTo().format(DAY);
        List<String[]> out = new ArrayList<>();
        out.add(new String[]{en ? "Scope" : "Phạm vi", scope});
        out.add(new String[]{en ? "Assessment year (residential areas)" : "Năm đánh giá khu dân cư", Integer.toString(d.year())});
        out.add(new String[]{en ? "Incidents occurring" : "Vụ việc xảy ra", now});
        out.add(new String[]{en ? "The same days a year before" : "Cùng kỳ năm trước", before});
        out.add(new String[]{en ? "Source" : "Nguồn số liệu", en
                ? "ANTT Map. Residential areas: those valid on the last day of the year's assessment period, by their verdict "
                + "against Circular 124/2021/TT-BCA. Cameras: the register as it is now (working: status active). Incidents: by "
                + "the day they occurred and their handling as recorded; share handled = handled / (handled + open), incidents "
                + "whose status is unknown left out. Time to handle: from receiving to handling, median and 90th percentile "
                + "(linear interpolation) over the handled incidents. Change: this period less the same days a year before. "
                + "\"no data\": no figure (nothing to compute it from)."
                : "ANTT Map. Khu dân cư: các khu dân cư còn hiệu lực ngày cuối kỳ đánh giá của năm, theo kết quả đánh giá theo "
                + "Thông tư 124/2021/TT-BCA. Camera: theo sổ đăng ký hiện tại (đang hoạt động: trạng thái hoạt động). Vụ việc: "
                + "theo ngày xảy ra và tình trạng xử lý đã ghi; tỷ lệ đã xử lý = đã xử lý / (đã xử lý + đang xử lý), không tính "
                + "vụ việc chưa rõ trạng thái. Thời gian xử lý: từ khi tiếp nhận đến khi xử lý, trung vị và phân vị 90 (nội suy "
                + "tuyến tính) của các vụ việc đã xử lý. Thay đổi: kỳ này trừ cùng kỳ năm trước. \"không có số liệu\": không có "
                + "dữ liệu để tính."});
        if (d.totals().areas().synthetic() > 0) {
            out.add(new String[]{en ? "Synthetic data" : "Dữ liệu minh họa", en
                    ? d.totals().areas().synthetic() + " of the " + d.totals().areas().total() + " residential areas, and the "
                    + "records in them, are synthetic (illustrative demo data), not real figures."
                    : d.totals().areas().synthetic() + " trong " + d.totals().areas().total() + " khu dân cư, cùng các bản ghi "
                    + "của chúng, là dữ liệu minh họa (tổng hợp), không phải số liệu thật."});
        }
        return out;
    }

    /** The file's name without its extension: {@code dashboard-<scope>-<year>}. */
    public static String baseName(Dashboard d) {
        String scope;
        if ("province".equals(d.scope().kind()) && d.scope().name() != null) {
            scope = Bilingual.plain(d.scope().name()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        } else if (d.scope().wards().size() == 1) {
            scope = d.scope().wards().get(0).replaceAll("[^A-Za-z0-9_-]+", "-");
        } else {
            scope = "wards-" + d.scope().wards().size();
        }
        return "dashboard-" + (scope.isEmpty() ? "scope" : scope) + "-" + d.year();
    }
}
