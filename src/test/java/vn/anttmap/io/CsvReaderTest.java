package vn.anttmap.io;

import org.junit.jupiter.api.Test;
import vn.anttmap.model.InvalidInputException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {

    static List<RawRecord> read(String text) throws IOException {
        return CsvReader.read("t.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
    }

    @Test
    void quotedCellsWithCommasQuotesAndLineBreaksKeepTheirLineNumbers() throws IOException {
        List<RawRecord> rows = read("\uFEFFid,lon,lat,description\r\n"
                + "a,105.78,19.44,\"Trộm, \"\"xe máy\"\"\nbãi biển\"\r\n"
                + "b,105.79,19.45,\r\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).id()).isEqualTo("a");
        assertThat(rows.get(0).values().get("description")).isEqualTo("Trộm, \"xe máy\"\nbãi biển");
        assertThat(rows.get(0).geometry().toText()).isEqualTo("POINT (105.78 19.44)");
        assertThat(rows.get(1).location()).isEqualTo("line 4");
        assertThat(rows.get(1).values().get("description")).isNull();
    }

    @Test
    void semicolonSeparatedFilesFromSpreadsheetsAreRead() throws IOException {
        List<RawRecord> rows = read("id;lon;lat;range_m\nc1;105.78;19.44;40,5\n");
        assertThat(rows.get(0).values()).containsEntry("range_m", "40,5");
        assertThat(rows.get(0).geometry().toText()).isEqualTo("POINT (105.78 19.44)");
    }

    @Test
    void wrongCellCountAndBadNumbersNameTheLine() {
        assertThatThrownBy(() -> read("id,lon,lat\na,105.78\nb,abc,19.4\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("t.csv: line 2: dòng có 2 ô nhưng dòng tiêu đề có 3 cột / has 2 cells but the header has 3\n"
                        + "t.csv: line 3, field lon: 'abc' không phải là số (dùng dấu chấm để ngăn phần thập phân) / "
                        + "'abc' is not a number (use a dot as decimal separator)");
    }

    /** Issue 19: the export writes lon/lat and wkt for points; they agree, and a file where they do not is refused. */
    @Test
    void lonLatAndWktMustAgree() throws IOException {
        var ok = read("id,lon,lat,wkt\na,105.78,19.4,POINT (105.78 19.4)\n");
        assertThat(ok.get(0).geometry().toText()).isEqualTo("POINT (105.78 19.4)");
        assertThatThrownBy(() -> read("id,lon,lat,wkt\na,105.79,19.4,POINT (105.78 19.4)\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("t.csv: line 2, field wkt: cột wkt (POINT (105.78 19.4)) và lon/lat (105.79, 19.4) cho hai vị trí khác "
                        + "nhau; hãy sửa cho khớp hoặc xóa một bên / the wkt column (POINT (105.78 19.4)) and lon/lat (105.79, 19.4) "
                        + "give two different places; make them agree or empty one");
    }

    @Test
    void nonUtf8IsRefusedNamingTheLine() {
        byte[] latin1 = "id,name\na,ok\nb,Hòa\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CsvReader.read("t.csv", new ByteArrayInputStream(latin1), null))
                .hasMessage("t.csv: line 3: tệp không phải mã UTF-8 (hãy lưu lại dưới dạng \"CSV UTF-8\") / "
                        + "the file is not UTF-8 (save it as \"CSV UTF-8\")");
    }

    @Test
    void unclosedQuoteIsRefused() {
        assertThatThrownBy(() -> read("id,name\na,\"open\n"))
                .hasMessage("t.csv: line 2: ô mở dấu ngoặc kép nhưng không đóng lại / a quoted cell is never closed");
    }

    @Test
    void wktColumnsAreReadAndUnreadableWktIsNamed() throws IOException {
        assertThat(read("id,wkt\nz,\"POLYGON ((0 0, 1 0, 1 1, 0 0))\"\n").get(0).geometry().getGeometryType()).isEqualTo("Polygon");
        assertThatThrownBy(() -> read("id,wkt\nz,POLYGON ((0 0\n")).hasMessageStartingWith("t.csv: line 2, field wkt: không đọc được hình học dạng WKT: sai cú pháp hoặc sai tọa độ / unreadable WKT: ");
    }

    @Test
    void writerQuotesOnlyWhatNeedsIt() {
        assertThat(CsvWriter.quote("plain")).isEqualTo("plain");
        assertThat(CsvWriter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
