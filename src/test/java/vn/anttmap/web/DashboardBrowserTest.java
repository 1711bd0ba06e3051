package vn.anttmap.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.anttmap.App;
import vn.anttmap.RequiredTool;
import vn.anttmap.TestAuth;
import vn.anttmap.api.HttpServer;
import vn.anttmap.model.Account;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leaders' dashboard ({@code /dashboard.html}) in Chromium, signed in as the leader of the demo's province: the
 * page is compared with the API's own answer ({@code GET /api/v1/dashboard}, asked by the page's session), never with
 * fixed figures. Skipped without Chromium; required in CI.
 */
class DashboardBrowserTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String LEADER = "leader-thanh-hoa";
    static App.Services services;
    static Javalin app;
    static ChromeDriver browser;
    static Path profile;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = RequiredTool.require("chromium", "chromium");
        Path driver = RequiredTool.require("chromedriver", "chromium-driver");
        services = vn.anttmap.DemoFixture.services("dashboard");
        services.auth().addUser(LEADER, Account.Role.LEADER, "province:Thanh Hóa", TestAuth.PASSWORD.toCharArray());
        app = HttpServer.create(services, new HttpServer.PageConfig("http://127.0.0.1:9/{z}/{x}/{y}.png", "offline test"));
        app.start("127.0.0.1", 0);
        profile = Files.createTempDirectory("antt-dashboard-chromium");
        browser = Chromium.start(driver, Chromium.options(chromium, profile));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.stop();
        }
        if (services != null) {
            services.close();
        }
    }

    String base() {
        return "http://127.0.0.1:" + app.port();
    }

    /** Each test starts on the dashboard in Vietnamese, signed in as the leader, at the desktop size. */
    @BeforeEach
    void openDashboard() {
        browser.get(base() + "/dashboard.html");
        viewport(1280, 800);
        if (js().executeScript("return localStorage.getItem('antt.lang')") != null) {
            js().executeScript("localStorage.removeItem('antt.lang')");
            browser.navigate().refresh();
        }
        waitUp().until(d -> ready(d) != null && !"loading".equals(ready(d)));
        if ("gate".equals(ready(browser))) {
            signInThroughTheGate();
        }
        waitUp().until(d -> "true".equals(ready(d)));
    }

    /** The sign-in link of the dashboard's notice, the map page's form, and back to the dashboard. */
    void signInThroughTheGate() {
        browser.findElement(By.id("gate-link")).click();
        waitUp().until(d -> !d.findElements(By.id("login-user")).isEmpty());
        browser.findElement(By.id("login-user")).sendKeys(LEADER);
        browser.findElement(By.id("login-password")).sendKeys(TestAuth.PASSWORD);
        browser.findElement(By.cssSelector("#login-form button")).click();
        waitUp().until(d -> d.getCurrentUrl().endsWith("/dashboard.html") || d.getCurrentUrl().contains("/dashboard.html?"));
        waitUp().until(d -> "true".equals(ready(d)));
    }

    static String ready(WebDriver d) {
        return d.findElement(By.tagName("body")).getAttribute("data-ready");
    }

    @Test
    void signedOutThePageSaysSoAndItsLinkSignsInAndComesBack() {
        browser.manage().deleteAllCookies();
        browser.navigate().refresh();
        waitUp().until(d -> "gate".equals(ready(d)));
        assertThat(browser.findElement(By.id("gate-text")).getText())
                .isEqualTo("Bảng điều hành dành cho lãnh đạo và cán bộ công an đã đăng nhập.");
        assertThat(browser.findElement(By.id("gate-link")).getText()).isEqualTo("Đăng nhập trên trang bản đồ");
        assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
        signInThroughTheGate();
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo(LEADER + " (lãnh đạo)");
        assertThat(browser.findElement(By.id("scope-line")).getText()).startsWith("Tỉnh, thành phố Thanh Hóa: ");
    }

    @Test
    void theChoroplethDrawsEachWardOfTheScopeColouredByItsFigure() {
        JsonNode api = api();
        List<String> wards = new ArrayList<>();
        api.path("scope").path("wards").forEach(w -> wards.add(w.asText()));
        assertThat(wards).contains("hai-hoa", "binh-minh", "hai-nhan", "ninh-hai");
        // One outline per ward of the scope, each named by its ward.
        Set<String> drawn = new HashSet<>();
        for (WebElement p : browser.findElements(By.cssSelector("#dmap path[data-ward]"))) {
            drawn.add(p.getAttribute("data-ward"));
        }
        assertThat(browser.findElements(By.cssSelector("#dmap path[data-ward]"))).hasSize(wards.size());
        assertThat(drawn).containsExactlyInAnyOrderElementsOf(wards);
        shot("desktop-vi-dashboard");
        js().executeScript("document.getElementById('table-wrap').scrollIntoView()");
        shot("desktop-vi-dashboard-table");
        js().executeScript("window.scrollTo(0, 0)");

        Map<String, Function<JsonNode, JsonNode>> figures = Map.of(
                "share_dat", w -> w.path("areas").path("share_dat"),
                "share_handled", w -> w.path("incidents").path("share_handled"),
                "median_hours", w -> w.path("incidents").path("median_hours_to_handle"),
                "received", w -> w.path("incidents").path("received"));
        int distinctSeen = 0;
        for (var figure : figures.entrySet()) {
            new Select(browser.findElement(By.id("figure"))).selectByValue(figure.getKey());
            waitUp().until(d -> d.findElement(By.cssSelector("#dmap")).getAttribute("aria-label")
                    .endsWith(new Select(d.findElement(By.id("figure"))).getFirstSelectedOption().getText()));
            boolean anyValue = false;
            for (JsonNode w : api.path("wards")) {
                anyValue |= figure.getValue().apply(w).isNumber();
            }
            List<double[]> classes = anyValue ? legendClasses() : List.of();
            Map<String, String> fillByValue = new java.util.HashMap<>();
            for (JsonNode w : api.path("wards")) {
                JsonNode v = figure.getValue().apply(w);
                String fill = browser.findElement(By.cssSelector("#dmap path[data-ward='" + w.path("ward").asText() + "']"))
                        .getAttribute("fill");
                if (v.isNull() || v.isMissingNode()) {
                    assertThat(fill).as(figure.getKey() + " of " + w.path("ward").asText() + ": no data, hatched")
                            .isEqualTo("url(#dash-nodata)");
                    assertThat(browser.findElements(By.cssSelector("#legend li[data-nodata]"))).hasSize(1);
                    continue;
                }
                // The legend's class that holds the API's value gives the ward's colour.
                String expected = null;
                for (int i = 0; i < classes.size(); i++) {
                    if (v.asDouble() >= classes.get(i)[0] - 1e-9) {
                        expected = legendColour(i);
                    }
                }
                assertThat(fill).as(figure.getKey() + " of " + w.path("ward").asText() + " = " + v).isEqualTo(expected);
                fillByValue.merge(v.asText(), fill, (a, b) -> {
                    assertThat(b).as("the same value, the same colour").isEqualTo(a);
                    return a;
                });
            }
            // The lowest and the highest value read in different colours.
            List<Double> values = new ArrayList<>();
            api.path("wards").forEach(w -> {
                JsonNode v = figure.getValue().apply(w);
                if (v.isNumber()) {
                    values.add(v.asDouble());
                }
            });
            if (values.stream().distinct().count() > 1) {
                distinctSeen++;
                double lo = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                double hi = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                assertThat(fillByValue.get(String.valueOf(textOf(api, figure.getValue(), lo))))
                        .isNotEqualTo(fillByValue.get(String.valueOf(textOf(api, figure.getValue(), hi))));
            }
        }
        assertThat(distinctSeen).as("figures whose wards differ (the demo's wards have figures of their own)").isPositive();
    }

    /** The value's text as the API wrote it (the key of fillByValue). */
    static String textOf(JsonNode api, Function<JsonNode, JsonNode> figure, double value) {
        for (JsonNode w : api.path("wards")) {
            JsonNode v = figure.apply(w);
            if (v.isNumber() && v.asDouble() == value) {
                return v.asText();
            }
        }
        throw new AssertionError(value);
    }

    List<double[]> legendClasses() {
        List<double[]> out = new ArrayList<>();
        for (WebElement li : browser.findElements(By.cssSelector("#legend li[data-min]"))) {
            out.add(new double[]{Double.parseDouble(li.getAttribute("data-min")), Double.parseDouble(li.getAttribute("data-max"))});
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    String legendColour(int i) {
        return browser.findElements(By.cssSelector("#legend li[data-min]")).get(i).getAttribute("data-colour");
    }

    @Test
    void aHeaderSortsTheWardsAscendingThenDescendingWithTheTotalsKeptLast() {
        JsonNode api = api();
        Map<String, JsonNode> received = new java.util.HashMap<>();
        api.path("wards").forEach(w -> received.put(w.path("ward").asText(), w.path("incidents").path("received")));
        WebElement header = browser.findElement(By.cssSelector("#dash-table thead th[data-col='received']"));
        assertThat(header.getText()).startsWith("Tiếp nhận");
        assertThat(header.getAttribute("aria-sort")).isNull();

        browser.findElement(By.cssSelector("#dash-table button[data-sort='received']")).click();
        waitUp().until(d -> "ascending".equals(d.findElement(By.cssSelector("#dash-table th[data-col='received']"))
                .getAttribute("aria-sort")));
        List<JsonNode> ascending = rowOrder().stream().map(received::get).toList();
        assertSorted(ascending, 1);
        // the page's cells say the API's values, in the page's order
        assertThat(cells("received")).isEqualTo(ascending.stream().map(v -> v.isNull() ? "" : v.asText()).toList());
        assertThat(browser.findElement(By.cssSelector("#dash-table th[data-col='ward']")).getAttribute("aria-sort")).isNull();

        browser.findElement(By.cssSelector("#dash-table button[data-sort='received']")).click();
        waitUp().until(d -> "descending".equals(d.findElement(By.cssSelector("#dash-table th[data-col='received']"))
                .getAttribute("aria-sort")));
        List<JsonNode> descending = rowOrder().stream().map(received::get).toList();
        assertSorted(descending, -1);
        assertThat(rowOrder()).containsExactlyInAnyOrderElementsOf(received.keySet());
        // The totals stay below the wards, with the API's total.
        WebElement totals = browser.findElement(By.cssSelector("#dash-table tfoot tr.totals"));
        assertThat(totals.findElement(By.cssSelector("th")).getText()).isEqualTo("Toàn phạm vi");
        JsonNode total = api.path("totals").path("incidents").path("received");
        assertThat(totals.findElement(By.cssSelector("td[data-col='received']")).getAttribute("data-value"))
                .isEqualTo(total.isNull() ? "" : total.asText());
        // A change against the year before carries its sign.
        for (JsonNode w : api.path("wards")) {
            JsonNode c = w.path("change").path("received");
            if (c.isNumber() && c.asDouble() != 0) {
                String text = browser.findElement(By.cssSelector("#dash-table tr[data-ward='" + w.path("ward").asText()
                        + "'] td[data-col='received'] .chg")).getText();
                assertThat(text).startsWith(c.asDouble() > 0 ? "▲" : "▼");
            }
        }
    }

    /** Values in the given order (1 ascending, -1 descending), the wards without one last. */
    static void assertSorted(List<JsonNode> values, int direction) {
        boolean nullSeen = false;
        Double last = null;
        for (JsonNode v : values) {
            if (v.isNull() || v.isMissingNode()) {
                nullSeen = true;
                continue;
            }
            assertThat(nullSeen).as("a ward with no data before one with data: " + values).isFalse();
            if (last != null) {
                assertThat(Double.compare(v.asDouble(), last) * direction).as(values.toString()).isGreaterThanOrEqualTo(0);
            }
            last = v.asDouble();
        }
    }

    List<String> rowOrder() {
        return browser.findElements(By.cssSelector("#dash-table tbody tr")).stream().map(r -> r.getAttribute("data-ward")).toList();
    }

    List<String> cells(String col) {
        return browser.findElements(By.cssSelector("#dash-table tbody td[data-col='" + col + "']")).stream()
                .map(c -> c.getAttribute("data-value")).toList();
    }

    @Test
    void aWardsNameOpensItsMapOnTheMapPage() {
        JsonNode api = api();
        JsonNode ward = null;
        for (JsonNode w : api.path("wards")) {
            if (!w.path("ward").asText().equals("hai-hoa")) {
                ward = w;
            }
        }
        assertThat(ward).isNotNull();
        String id = ward.path("ward").asText();
        WebElement link = browser.findElement(By.cssSelector("#dash-table tr[data-ward='" + id + "'] th a"));
        assertThat(link.getText()).isEqualTo(ward.path("name").asText());
        link.click();
        waitUp().until(d -> d.getCurrentUrl().contains("ward=" + id));
        waitUp().until(d -> "true".equals(ready(d)));
        // The map page is on that ward: its name in the header, and its period the dashboard's.
        waitUp().until(d -> d.findElement(By.id("ward-name")).getText().equals(
                DashboardBrowserTest.this.nameOf(api, id)));
        assertThat(browser.findElement(By.id("from")).getAttribute("value")).isEqualTo(vn(api.path("from").asText()));
        assertThat(browser.findElement(By.id("to")).getAttribute("value")).isEqualTo(vn(api.path("to").asText()));
        assertThat(browser.findElement(By.id("year")).getAttribute("value")).isEqualTo(api.path("year").asText());
        // and its header leads back to the dashboard (a leader's)
        WebElement back = browser.findElement(By.id("dashboard-link"));
        assertThat(back.isDisplayed()).isTrue();
        assertThat(back.getText()).isEqualTo("Bảng điều hành");
    }

    String nameOf(JsonNode api, String id) {
        for (JsonNode w : api.path("wards")) {
            if (w.path("ward").asText().equals(id)) {
                return w.path("name").asText();
            }
        }
        throw new AssertionError(id);
    }

    static String vn(String iso) {
        return LocalDate.parse(iso).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    /** Regression: an impossible day read "dates are dd/mm/yyyy", naming neither the field nor what was typed. */
    @Test
    void aBadDateIsNamedWithItsFieldAndNothingIsAskedOfTheServer() {
        String shown = browser.findElement(By.id("scope-line")).getText();
        WebElement from = browser.findElement(By.id("from"));
        from.clear();
        from.sendKeys("32/13/2023");
        browser.findElement(By.cssSelector("#controls button[type='submit']")).click();
        waitUp().until(d -> d.findElement(By.id("control-error")).getText()
                .equals("Từ ngày: “32/13/2023” không phải một ngày có thật theo dạng dd/mm/yyyy"));
        assertThat(js().executeScript("return document.activeElement.id")).isEqualTo("from");
        WebElement to = browser.findElement(By.id("to"));
        from.clear();
        from.sendKeys("31/12/2023");
        to.clear();
        to.sendKeys("01/01/2023");
        browser.findElement(By.cssSelector("#controls button[type='submit']")).click();
        waitUp().until(d -> d.findElement(By.id("control-error")).getText().equals("Ngày bắt đầu phải trước ngày kết thúc"));
        WebElement year = browser.findElement(By.id("year"));
        year.clear();
        year.sendKeys("1990");
        browser.findElement(By.cssSelector("#controls button[type='submit']")).click();
        waitUp().until(d -> d.findElement(By.id("control-error")).getText()
                .equals("Năm đánh giá: “1990” không phải một năm từ 2000 đến 2100"));
        assertThat(browser.findElement(By.id("scope-line")).getText()).isEqualTo(shown);
    }

    @Test
    void theEnglishSwitchChangesTheHeadersAndTheExportLinks() {
        assertThat(browser.findElement(By.cssSelector("#export-csv")).getAttribute("href")).contains("f=csv").contains("lang=vi");
        browser.findElement(By.id("lang")).click();
        waitUp().until(d -> d.findElement(By.cssSelector("#dash-table th[data-col='received'] button")).getText().startsWith("Received"));
        assertThat(browser.findElement(By.cssSelector("#dash-table th[data-col='ward'] button")).getText()).startsWith("Ward");
        assertThat(browser.findElement(By.cssSelector("#dash-table th[data-col='share_handled'] button")).getText())
                .startsWith("Share handled");
        assertThat(browser.findElement(By.cssSelector("header h1")).getText()).isEqualTo("Security and order dashboard");
        assertThat(browser.findElement(By.cssSelector("#dash-table tfoot th")).getText()).isEqualTo("Whole scope");
        assertThat(browser.findElement(By.cssSelector("#export-xlsx")).getAttribute("href")).contains("f=xlsx").contains("lang=en");
        assertThat(browser.findElement(By.id("lang")).getText()).isEqualTo("VI");
        shot("desktop-en-dashboard");
    }

    @Test
    void onAPhoneOnlyTheTableScrollsSidewaysAndTheMapKeepsTwoFifthsOfTheHeight() {
        try {
            viewport(390, 844);
            browser.navigate().refresh();
            waitUp().until(d -> "true".equals(ready(d)));
            long width = (Long) js().executeScript("return window.innerWidth");
            long height = (Long) js().executeScript("return window.innerHeight");
            assertThat(width).isEqualTo(390L);
            assertThat(height).isEqualTo(844L);
            assertThat((Boolean) js().executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling of the page").isTrue();
            assertThat((Boolean) js().executeScript("const w = document.getElementById('table-wrap');"
                    + " return w.scrollWidth > w.clientWidth && getComputedStyle(w).overflowX === 'auto'"))
                    .as("the table scrolls within its wrapper").isTrue();
            double map = ((Number) js().executeScript("return document.getElementById('dmap').getBoundingClientRect().height")).doubleValue();
            assertThat(map / height).as("map height / window height").isGreaterThanOrEqualTo(0.4);
            assertThat(browser.findElements(By.cssSelector("#dmap path[data-ward]"))).isNotEmpty();
            shot("phone-vi-dashboard");
            js().executeScript("document.getElementById('table-wrap').scrollIntoView()");
            shot("phone-vi-dashboard-table");
        } finally {
            viewport(1280, 800);
        }
    }

    @Test
    void thePrintIsAnA4PageWithTheTitleScopePeriodAndDate() throws Exception {
        Path pdfinfo = RequiredTool.require("pdfinfo", "poppler-utils");
        Path pdftotext = RequiredTool.require("pdftotext", "poppler-utils");
        JsonNode api = api();
        Map<String, Object> pdf = browser.executeCdpCommand("Page.printToPDF",
                Map.of("preferCSSPageSize", true, "printBackground", true));
        Path file = Files.createTempFile(profile, "dashboard", ".pdf");
        Files.write(file, Base64.getDecoder().decode((String) pdf.get("data")));
        copyToShots(file, "dashboard.pdf");
        String info = run(pdfinfo.toString(), file.toString());
        java.util.regex.Matcher size = java.util.regex.Pattern.compile("Page size:\\s+([\\d.]+) x ([\\d.]+) pts").matcher(info);
        assertThat(size.find()).as(info).isTrue();
        assertThat(Math.round(Double.parseDouble(size.group(1)))).as("page width in points").isEqualTo(595);
        assertThat(Math.round(Double.parseDouble(size.group(2)))).as("page height in points").isEqualTo(842);
        assertThat(info).containsPattern("Pages:\\s+1\\n");
        String text = run(pdftotext.toString(), "-enc", "UTF-8", "-layout", file.toString(), "-");
        String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        assertThat(text).contains("Bảng điều hành an ninh, trật tự").contains("Thanh Hóa")
                .contains(vn(api.path("from").asText()) + "–" + vn(api.path("to").asText()))
                .contains("Ngày in: " + today).contains("Thông tư 124/2021/TT-BCA");
        for (JsonNode w : api.path("wards")) {
            assertThat(text).contains(w.path("name").asText());
        }
        // The controls are not printed.
        assertThat(text).doesNotContain("Tải CSV").doesNotContain("In (A4)");
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The dashboard's answer as the page's session gets it. */
    static JsonNode api() {
        Object body = js().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/dashboard' + location.search.replace(/[?&]fig=[^&]*/, '').replace(/^&/, '?'),"
                + " {credentials: 'same-origin'}).then((r) => r.text()).then(done, (e) => done(String(e)));");
        try {
            return JSON.readTree((String) body);
        } catch (java.io.IOException e) {
            throw new AssertionError(String.valueOf(body), e);
        }
    }

    /** Sizes the window so that the page's own area (the viewport) is w × h CSS pixels. */
    static void viewport(int w, int h) {
        browser.manage().window().setSize(new Dimension(w, h));
        long iw = (Long) js().executeScript("return window.innerWidth");
        long ih = (Long) js().executeScript("return window.innerHeight");
        browser.manage().window().setSize(new Dimension(2 * w - (int) iw, 2 * h - (int) ih));
    }

    static JavascriptExecutor js() {
        return browser;
    }

    static WebDriverWait waitUp() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** A screenshot for a person to look at, outside the project (the system's temporary directory). */
    static void shot(String name) {
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "antt-dashboard-shots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void copyToShots(Path file, String name) throws java.io.IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "antt-dashboard-shots");
        Files.createDirectories(dir);
        Files.copy(file, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
