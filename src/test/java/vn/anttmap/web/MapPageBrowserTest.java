package vn.anttmap.web;

import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.anttmap.App;
import vn.anttmap.RequiredTool;
import vn.anttmap.api.HttpServer;
import vn.anttmap.service.DemoData;
import vn.anttmap.service.DemoFiles;
import vn.anttmap.service.Stats;
import vn.anttmap.store.H2gisFeatureStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The map page in a real browser (Debian's chromium and chromium-driver), against the app serving the demo data,
 * with no internet: the basemap tiles fail and the layers must still draw. Skipped without Chromium; required in CI.
 */
class MapPageBrowserTest {
    static App.Services services;
    static Javalin app;
    static WebDriver browser;
    static Path profile;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = RequiredTool.require("chromium", "chromium");
        Path driver = RequiredTool.require("chromedriver", "chromium-driver");
        H2gisFeatureStore store = H2gisFeatureStore.inMemory("browser-" + UUID.randomUUID());
        store.migrate();
        services = App.services(store, Clock.systemUTC());
        DemoData.load(services.importer());
        services.auth().addUser("officer-hh", vn.anttmap.model.Account.Role.OFFICER, DemoFiles.WARD_ID,
                vn.anttmap.TestAuth.PASSWORD.toCharArray());
        app = HttpServer.create(services,
                new HttpServer.PageConfig("http://127.0.0.1:9/{z}/{x}/{y}.png", "offline test")).start("127.0.0.1", 0);
        profile = Files.createTempDirectory("antt-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=vi", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
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

    @BeforeEach
    void openPage() {
        browser.get("http://127.0.0.1:" + app.port() + "/");
        ((JavascriptExecutor) browser).executeScript("localStorage.clear()");
        browser.navigate().refresh();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        if (browser.findElement(By.id("login")).getText().equals("Đăng nhập")) {
            browser.findElement(By.id("login")).click();
            browser.findElement(By.id("login-user")).sendKeys("officer-hh");
            browser.findElement(By.id("login-password")).sendKeys(vn.anttmap.TestAuth.PASSWORD);
            browser.findElement(By.cssSelector("#login-form button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.findElement(By.id("login")).getText().startsWith("Đăng xuất")
                    && "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        }
    }

    @Test
    void anOfficerRecordsAnIncidentAtAClickedPointAndTheWriteIsAudited() {
        var incidents = vn.anttmap.model.Layer.INCIDENTS;
        java.util.Set<String> before = new java.util.HashSet<>();
        services.store().query(incidents, vn.anttmap.model.FeatureQuery.ALL).forEach(f -> before.add(f.id()));
        browser.findElement(By.id("new-incident")).click();
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Bấm vào bản đồ tại nơi xảy ra vụ việc");
        // A click in the middle of an area (dispatched on the shape itself: its name label may lie on top of it).
        ((JavascriptExecutor) browser).executeScript("const r = arguments[0].getBoundingClientRect();"
                + "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window,"
                + " clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}));",
                browser.findElements(By.cssSelector("path.antt-area")).get(0));
        waitUp().until(d -> !d.findElements(By.id("incident-form")).isEmpty());
        browser.findElement(By.id("inc-description")).sendKeys("Thử ghi từ bản đồ");
        browser.findElement(By.cssSelector("#incident-form button")).click();
        waitUp().until(d -> d.findElement(By.id("incident-result")).getText().startsWith("Đã lưu: "));
        String id = browser.findElement(By.id("incident-result")).getText().substring("Đã lưu: ".length());
        try {
            assertThat(before).doesNotContain(id);
            var saved = services.store().get(incidents, id).orElseThrow();
            assertThat(saved.text("description")).isEqualTo("Thử ghi từ bản đồ");
            assertThat(saved.text("ward_id")).isEqualTo(DemoFiles.WARD_ID);
            assertThat(services.store().audit("officer-hh", "incidents", null, null, 10))
                    .anySatisfy(e -> {
                        assertThat(e.recordId()).isEqualTo(id);
                        assertThat(e.afterJson()).contains("Thử ghi từ bản đồ");
                    });
        } finally {
            // Leave the shared demo as the other tests expect it (their default period follows the latest incident).
            services.store().write(new vn.anttmap.store.WriteBatch().delete(incidents, java.util.List.of(id)));
        }
    }

    @Test
    void thePublicSeesNoIncidentAndNoHouseholdCamera() {
        browser.manage().deleteAllCookies();
        browser.navigate().refresh();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        long community = services.store().query(vn.anttmap.model.Layer.CAMERAS, vn.anttmap.model.FeatureQuery.ALL).stream()
                .filter(c -> "community".equals(c.get("owner"))).count();
        assertThat(browser.findElements(By.cssSelector("path.antt-camera"))).hasSize((int) community);
        assertThat(browser.findElements(By.cssSelector(".antt-incident, .marker-cluster"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("path.antt-area"))).hasSize(14);
        assertThat(figure("incidents")).isEqualTo("Vụ việc ANTT: 5");
        assertThat(browser.findElement(By.id("planner")).isDisplayed()).isFalse();
    }

    /** Turns on an overlay by its name in the layer control. */
    static void showOverlay(String name) {
        WebElement label = browser.findElements(By.cssSelector(".leaflet-control-layers-overlays label")).stream()
                .filter(l -> l.getText().trim().equals(name)).findFirst().orElseThrow();
        WebElement box = label.findElement(By.tagName("input"));
        if (!box.isSelected()) {
            ((JavascriptExecutor) browser).executeScript("arguments[0].click()", box);
        }
    }

    @Test
    void theDensityLayerShowsTheSameValuesAtEveryZoom() {
        showOverlay("Mật độ vụ việc (KDE)");
        WebElement legend = waitUp().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".hotspot-legend [data-hotspot='density'] .params")));
        assertThat(legend.getText()).contains("nhân bậc bốn, băng thông").contains("theo quy tắc Silverman không gian")
                .contains("ô ").contains("n = ").contains("EPSG:32648");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        int cells = browser.findElements(By.cssSelector("path.antt-density")).size();
        assertThat(cells).isPositive();
        // The centre of the densest cell, then what is drawn there at zooms 13 to 18.
        Object centre = js.executeScript("""
                const p = document.querySelector('path.antt-density.c5').getBoundingClientRect();
                const box = document.getElementById('map').getBoundingClientRect();
                const ll = window.anttMap.containerPointToLatLng([p.left + p.width / 2 - box.left, p.top + p.height / 2 - box.top]);
                return [ll.lat, ll.lng];""");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int zoom = 13; zoom <= 18; zoom++) {
            js.executeScript("window.anttMap.setView(arguments[0], arguments[1], {animate: false})", centre, zoom);
            String drawn = (String) js.executeScript("""
                    const box = document.getElementById('map').getBoundingClientRect();
                    const at = window.anttMap.latLngToContainerPoint(arguments[0]);
                    // The cells are not interactive (clicks go to the areas), so find the one drawn around the point.
                    const x = box.left + at.x, y = box.top + at.y;
                    let hit = null, best = Infinity;
                    for (const e of document.querySelectorAll('path.antt-density')) {
                      const r = e.getBoundingClientRect();
                      const d = Math.hypot(r.left + r.width / 2 - x, r.top + r.height / 2 - y);
                      if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom && d < best) { hit = e; best = d; }
                    }
                    return hit ? hit.getAttribute('class').replace(/leaflet-\\S+/g, '').trim() + ' ' + hit.getAttribute('fill') : 'none';""",
                    centre);
            seen.add(drawn);
        }
        assertThat(seen).hasSize(1);
        assertThat(seen.iterator().next()).contains("c5").contains("#bd0026");
        // Zooming redraws the same cells; nothing is recomputed for the zoom.
        assertThat(browser.findElements(By.cssSelector("path.antt-density"))).hasSize(cells);
        assertThat((Long) js.executeScript("return performance.getEntriesByType('resource')"
                + ".filter((e) => e.name.includes('/api/v1/hotspots/density')).length")).isEqualTo(1L);
    }

    @Test
    void theGiStarLayerShowsItsConfidenceClassesWithTheParameters() {
        var gi = services.hotspots().giStar(new vn.anttmap.service.HotspotService.Request("gistar", DemoFiles.WARD_ID,
                null, LocalDate.of(2023, 8, 31), null, null, null, null, null));
        showOverlay("Điểm nóng Gi*");
        WebElement legend = waitUp().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".hotspot-legend [data-hotspot='gistar']")));
        assertThat(legend.getText()).contains("Điểm nóng 99%").contains("Điểm nóng 95%").contains("Điểm nóng 90%")
                .contains("Điểm lạnh 90%").contains("Không có ý nghĩa thống kê");
        String params = legend.findElement(By.cssSelector(".params")).getText();
        var p = gi.parameters();
        assertThat(params).contains("ô " + Math.round((Double) p.get("cell_m")) + " m")
                .contains("khoảng cách lân cận " + Math.round((Double) p.get("band_m")) + " m")
                .contains("FDR Benjamini–Hochberg").contains("n = " + p.get("n")).contains("01/09/2021–31/08/2023");
        for (String c : new String[]{"hot_99", "hot_95", "hot_90"}) {
            long expected = gi.cells().stream().filter(f -> c.equals(f.get("class"))).count();
            assertThat(browser.findElements(By.cssSelector("path.antt-gistar." + c))).as(c).hasSize((int) expected);
            assertThat(legend.findElement(By.cssSelector("[data-class='" + c + "']")).getText()).endsWith("(" + expected + ")");
        }
        assertThat(browser.findElements(By.cssSelector("path.antt-gistar.hot_99, path.antt-gistar.hot_95"))).isNotEmpty();
    }

    @Test
    void theAreaPanelShowsTrendCharts() {
        browser.findElements(By.cssSelector(".antt-area-label span")).stream()
                .filter(e -> e.getText().equals("Tổ dân phố Trung Tiến")).findFirst().orElseThrow().click();
        waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("trend-months")));
        var trends = services.trends().trends(DemoFiles.WARD_ID, "tdp-trung-tien", null, LocalDate.of(2023, 8, 31));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        waitUp().until(d -> js.executeScript("return !!Chart.getChart(document.getElementById('trend-periods'))").equals(true));
        long drawn = (Long) js.executeScript("return Chart.getChart(document.getElementById('trend-months')).data.datasets"
                + ".flatMap((d) => d.data).reduce((a, b) => a + b, 0)");
        assertThat(drawn).isEqualTo(trends.months().stream().mapToLong(vn.anttmap.service.TrendService.Month::total).sum());
        assertThat((Long) js.executeScript("return Chart.getChart(document.getElementById('trend-months')).data.labels.length"))
                .isEqualTo(24L);
        assertThat(browser.findElement(By.id("trend-yoy")).getText()).startsWith("So với cùng kỳ năm trước:")
                .contains(trends.yearOnYear().count() + ";");
    }

    /** Waits up to 20 s; the page re-renders the figures bar, so an element read mid-render is read again. */
    static WebDriverWait waitUp() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    @Test
    void drawsEveryLayerInVietnameseWithTheArticlesFigures() {
        assertThat(browser.findElements(By.cssSelector("path.antt-area"))).hasSize(14);
        assertThat(browser.findElements(By.cssSelector("path.antt-camera"))).hasSize(125);
        assertThat(browser.findElements(By.cssSelector("path.antt-sector"))).hasSize(125);
        assertThat(browser.findElements(By.cssSelector("path.antt-road"))).hasSizeGreaterThanOrEqualTo(8);
        assertThat(browser.findElements(By.cssSelector("path.antt-coast"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector(".antt-area-label"))).hasSize(14);
        assertThat(browser.findElements(By.cssSelector(".marker-cluster, .antt-incident"))).isNotEmpty();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("vi");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Bản đồ an ninh, trật tự");
        assertThat(browser.findElement(By.id("from")).getAttribute("value")).isEqualTo("01/01/2023");
        assertThat(browser.findElement(By.id("to")).getAttribute("value")).isEqualTo("31/08/2023");
        assertThat(figure("incidents")).isEqualTo("Vụ việc ANTT: 5");
        assertThat(figure("disputes")).isEqualTo("Hòa giải thành: 11");
        assertThat(figure("extractions")).isEqualTo("Trích xuất camera: 27");
        assertThat(figure("cameras")).isEqualTo("Camera (hoạt động): 117/125");
        assertThat(figure("registered")).isEqualTo("Hộ đăng ký: 3.993");
        assertThat(browser.findElement(By.id("status")).getText()).contains("Không tải được bản đồ nền");
    }

    @Test
    void clickingAnAreaOpensItsPanelWithThatAreasFigures() {
        WebElement label = browser.findElements(By.cssSelector(".antt-area-label span")).stream()
                .filter(e -> e.getText().equals("Tổ dân phố Tiền Phong")).findFirst().orElseThrow();
        label.click();
        WebElement panel = waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("panel")));
        waitUp().until(d -> "tdp-tien-phong".equals(panel.getAttribute("data-area-id")));
        assertThat(panel.findElement(By.tagName("h2")).getText()).isEqualTo("Tổ dân phố Tiền Phong");
        assertPanelShows("tdp-tien-phong");

        String other = clickInsideAnAreaPolygon();
        waitUp().until(d -> other.equals(panel.getAttribute("data-area-id")));
        assertPanelShows(other);

        browser.findElement(By.id("panel-close")).click();
        waitUp().until(ExpectedConditions.invisibilityOfElementLocated(By.id("panel")));
    }

    @Test
    void theAreaPanelShowsItsScorecardWithEvidenceThatLeadsToTheMap() {
        var card = services.scoring().scoreArea("tdp-quang-trung", 2023);
        browser.findElements(By.cssSelector(".antt-area-label span")).stream()
                .filter(e -> e.getText().equals("Tổ dân phố Quang Trung")).findFirst().orElseThrow().click();
        WebElement panel = waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#panel .verdict")));
        assertThat(panel.getAttribute("data-verdict")).isEqualTo(card.verdict().name().toLowerCase(java.util.Locale.ROOT));
        assertThat(browser.findElements(By.cssSelector("#panel tr[data-check]"))).hasSize((int) card.criteria().stream().mapToLong(c -> c.checks().size()).sum());
        var k4b = card.criteria().stream().flatMap(c -> c.checks().stream()).filter(k -> k.checkId().equals("K4b")).findFirst().orElseThrow();
        assertThat(k4b.evidence()).isNotEmpty();
        String incident = k4b.evidence().get(0).id();
        browser.findElement(By.cssSelector("#panel tr[data-check='K4b'] button[data-incident='" + incident + "']")).click();
        WebElement popup = waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".leaflet-popup-content")));
        assertThat(popup.getText()).contains("Tội phạm hình sự");
        assertThat(browser.findElement(By.id("from")).getAttribute("value")).isEqualTo("01/11/2022");
    }

    @Test
    void theCoverageOnTheMapIsTheCoverageEndpointsAndThePlannerDrawsItsProposals() {
        var c = services.coverage().coverage(DemoFiles.WARD_ID, null, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 8, 31));
        String share = String.format(java.util.Locale.ROOT, "%.1f", 100 * c.areaShare()).replace('.', ',') + "% diện tích";
        assertThat(figure("coverage")).startsWith("Camera quan sát: " + share)
                .endsWith(c.incidentsCovered() + "/" + c.incidents() + " vụ việc");
        waitUp().until(d -> d.findElements(By.cssSelector("canvas.antt-tile-camera_coverage")).stream()
                .anyMatch(t -> t.getAttribute("data-features") != null && !"0".equals(t.getAttribute("data-features"))));
        browser.findElement(By.id("planner")).click();
        waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-form")));
        browser.findElement(By.cssSelector("#plan-form button")).click();
        WebElement after = waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-covered-after]")));
        assertThat(after.getText()).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector(".antt-proposal"))).hasSize(10);
        assertThat(browser.findElements(By.cssSelector("path.antt-proposal-sector"))).hasSize(10);
        assertThat(browser.findElement(By.id("plan-download")).getAttribute("href")).startsWith("blob:");
        assertThat(browser.findElement(By.cssSelector("[data-gap]")).getText()).endsWith("%");
    }

    @Test
    void thePrintableReportListsEveryCriterionAndTheVerdict() {
        browser.get("http://127.0.0.1:" + app.port() + "/report.html?ward=hai-hoa&area=tdp-quang-trung&year=2023");
        assertThat(browser.findElements(By.cssSelector("tr[data-check]"))).hasSize(services.scoring().standard()
                .criteria(vn.anttmap.scoring.Standard.Level.AREA).stream().mapToInt(c -> c.checks().size()).sum());
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo("BÁO CÁO\nKết quả xây dựng khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm 2023");
        assertThat(browser.findElement(By.cssSelector("[data-verdict]")).getText()).isEqualTo("CHƯA ĐẠT");
        assertThat(browser.findElement(By.tagName("article")).getText()).contains("Thông tư số 124/2021/TT-BCA", "124/2011/TT-BCA",
                "kỳ đánh giá 01/11/2022 – 31/10/2023");
    }

    @Test
    void filtersChangeTheCountsOnScreen() {
        browser.findElement(By.id("from")).clear();
        browser.findElement(By.id("from")).sendKeys("01/01/2022");
        browser.findElement(By.id("to")).clear();
        browser.findElement(By.id("to")).sendKeys("31/08/2022");
        browser.findElement(By.cssSelector("#filters button")).click();
        waitUp().until(d -> figure("incidents").equals("Vụ việc ANTT: 18"));

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("category"))).selectByValue("crime");
        browser.findElement(By.cssSelector("#filters button")).click();
        long crimes = services.stats().stats(DemoFiles.WARD_ID, null, LocalDate.of(2022, 1, 1), LocalDate.of(2022, 8, 31))
                .incidents().byCategory().getOrDefault("crime", 0L);
        waitUp().until(d -> figure("incidents").equals("Vụ việc ANTT (Tội phạm hình sự): " + crimes));

        browser.findElement(By.id("to")).clear();
        browser.findElement(By.id("to")).sendKeys("31/02/2022");
        browser.findElement(By.cssSelector("#filters button")).click();
        assertThat(browser.findElement(By.id("filter-error")).getText()).isEqualTo("Ngày phải theo dạng dd/mm/yyyy");
    }

    @Test
    void theEnglishToggleSwitchesThePage() {
        browser.findElement(By.id("lang")).click();
        waitUp().until(d -> d.findElement(By.tagName("h1")).getText().equals("Security and order map"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        waitUp().until(d -> figure("incidents").equals("Incidents: 5"));
        browser.findElement(By.id("lang")).click();
        waitUp().until(d -> d.findElement(By.tagName("h1")).getText().equals("Bản đồ an ninh, trật tự"));
    }

    static String figure(String key) {
        return browser.findElement(By.cssSelector("[data-figure='" + key + "']")).getText();
    }

    /** The panel's households, registered and incident rows match the figures endpoint for the area. */
    static void assertPanelShows(String areaId) {
        Stats s = services.stats().stats(DemoFiles.WARD_ID, areaId, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 8, 31));
        Stats before = services.stats().stats(DemoFiles.WARD_ID, areaId, LocalDate.of(2022, 1, 1), LocalDate.of(2022, 8, 31));
        WebElement panel = browser.findElement(By.id("panel"));
        assertThat(row(panel, 1)).isEqualTo(String.format("%,d", s.households()).replace(',', '.'));
        assertThat(row(panel, 2)).startsWith(String.format("%,d", s.registeredHouseholds()).replace(',', '.') + " (");
        assertThat(row(panel, 6)).isEqualTo(Long.toString(s.incidents().total()));
        assertThat(row(panel, 7)).isEqualTo(Long.toString(before.incidents().total()));
        assertThat(row(panel, 5)).isEqualTo(s.cameras().active() + "/" + s.cameras().total());
    }

    static String row(WebElement panel, int i) {
        return panel.findElement(By.cssSelector("tr[data-row='" + i + "'] td")).getText();
    }

    /**
     * Clicks the map on an area's polygon (not its label): a point a little below an area label where the element
     * under the pointer is the area's own path. Returns that area's id.
     */
    @SuppressWarnings("unchecked")
    static String clickInsideAnAreaPolygon() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        List<Map<String, Object>> candidates = (List<Map<String, Object>>) js.executeScript("""
                const out = [];
                for (const label of document.querySelectorAll('.antt-area-label span')) {
                  const r = label.getBoundingClientRect();
                  for (const dy of [18, -18, 26, -26]) {
                    const x = r.left + r.width / 2, y = r.top + r.height / 2 + dy;
                    const el = document.elementFromPoint(x, y);
                    if (el && el.classList.contains('antt-area')) { out.push({x, y, name: label.textContent}); break; }
                  }
                }
                return out;""");
        assertThat(candidates).isNotEmpty();
        Map<String, Object> target = candidates.stream().filter(c -> !"Tổ dân phố Tiền Phong".equals(c.get("name")))
                .findFirst().orElseThrow();
        WebElement map = browser.findElement(By.id("map"));
        org.openqa.selenium.Rectangle r = map.getRect();
        int x = (int) Math.round(((Number) target.get("x")).doubleValue() - r.getX() - r.getWidth() / 2.0);
        int y = (int) Math.round(((Number) target.get("y")).doubleValue() - r.getY() - r.getHeight() / 2.0);
        new Actions(browser).moveToElement(map, x, y).click().perform();
        return services.store().query(vn.anttmap.model.Layer.AREAS, vn.anttmap.model.FeatureQuery.ALL).stream()
                .filter(a -> a.get("name").equals(target.get("name"))).findFirst().orElseThrow().id();
    }
}
