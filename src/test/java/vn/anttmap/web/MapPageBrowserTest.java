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
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.anttmap.App;
import vn.anttmap.RequiredTool;
import vn.anttmap.api.HttpServer;
import vn.anttmap.service.DemoFiles;
import vn.anttmap.service.Stats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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
        services = vn.anttmap.DemoFixture.services("browser");
        services.auth().addUser("officer-hh", vn.anttmap.model.Account.Role.OFFICER, DemoFiles.WARD_ID,
                vn.anttmap.TestAuth.PASSWORD.toCharArray());
        app = HttpServer.create(services,
                new HttpServer.PageConfig("http://127.0.0.1:9/{z}/{x}/{y}.png", "offline test")).start("127.0.0.1", 0);
        profile = Files.createTempDirectory("antt-chromium");
        ChromeOptions options = Chromium.options(chromium, profile);
        // The console (failed requests are logged there as errors), read by the quiet-console test.
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = Chromium.start(driver, options);
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
                .until(d -> loaded(d));
        if (browser.findElement(By.id("login")).getText().equals("Đăng nhập")) {
            browser.findElement(By.id("login")).click();
            browser.findElement(By.id("login-user")).sendKeys("officer-hh");
            browser.findElement(By.id("login-password")).sendKeys(vn.anttmap.TestAuth.PASSWORD);
            browser.findElement(By.cssSelector("#login-form button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.id("login")).getText().startsWith("Đăng xuất")
                    && loaded(d));
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
        // Nothing is chosen for the officer: no category, severity or channel; the choices read as words, not codes.
        for (String field : new String[]{"inc-category", "inc-severity", "inc-channel"}) {
            assertThat(browser.findElement(By.id(field)).getAttribute("value")).as(field).isEmpty();
            assertThat(optionTexts(field).get(0)).as(field).isEqualTo("— Chọn —");
        }
        assertThat(optionTexts("inc-severity")).containsExactly("— Chọn —", "Ít nghiêm trọng", "Nghiêm trọng",
                "Rất nghiêm trọng", "Đặc biệt nghiêm trọng");
        assertThat(optionTexts("inc-channel")).containsExactly("— Chọn —", "Trực tiếp", "Đường dây 113", "VNeID",
                "Ứng dụng", "Tuần tra");
        assertThat(optionTexts("inc-category")).contains("Tội phạm hình sự").noneMatch(o -> o.contains("_"));
        // Saving without choosing is refused next to the fields, and nothing is written.
        browser.findElement(By.id("inc-description")).sendKeys("Thử ghi từ bản đồ");
        browser.findElement(By.cssSelector("#incident-form button")).click();
        waitUp().until(d -> d.findElement(By.cssSelector("#incident-form .field-error[data-for='category']")).getText()
                .startsWith("Loại vụ việc"));
        assertThat(browser.findElement(By.cssSelector("#incident-form .field-error[data-for='channel']")).getText())
                .startsWith("Nguồn tiếp nhận");
        assertThat(ids(incidents)).isEqualTo(before);
        select("inc-category", "other");
        select("inc-channel", "patrol");
        String day = browser.findElement(By.id("inc-occurred_at")).getAttribute("value").substring(0, 10);
        browser.findElement(By.cssSelector("#incident-form button")).click();
        waitUp().until(d -> d.findElement(By.id("incident-result")).getText().startsWith("Đã lưu: "));
        String id = browser.findElement(By.id("incident-result")).getText().substring("Đã lưu: ".length());
        try {
            // Saved today, outside the filtered period (the demo's 2023): the page says so and offers to show it.
            WebElement hidden = waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("saved-hidden")));
            assertThat(hidden.getText()).isEqualTo("Vụ việc đã lưu nằm ngoài kỳ đang lọc nên chưa hiện trên bản đồ.");
            shot("desktop-vi-saved-outside-period");
            click("#show-saved");
            WebElement popup = waitUp().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".leaflet-popup-content [data-incident-popup='" + id + "']")));
            assertThat(popup.getText()).contains("Thử ghi từ bản đồ");
            assertThat(browser.findElement(By.id("to")).getAttribute("value")).isEqualTo(day);
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

    /**
     * Issue 18: a mistyped year is refused in the form, next to the field, before anything is sent; an impossible day
     * goes to the server, which refuses it, and the page shows that next to the field too. Nothing is stored.
     */
    @Test
    void aFutureOrImpossibleIncidentDateIsRefusedNextToTheField() {
        var incidents = vn.anttmap.model.Layer.INCIDENTS;
        int before = services.store().query(incidents, vn.anttmap.model.FeatureQuery.ALL).size();
        browser.findElement(By.id("new-incident")).click();
        ((JavascriptExecutor) browser).executeScript("const r = arguments[0].getBoundingClientRect();"
                + "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window,"
                + " clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}));",
                browser.findElements(By.cssSelector("path.antt-area")).get(0));
        waitUp().until(d -> !d.findElements(By.id("incident-form")).isEmpty());
        type("inc-occurred_at", "15/09/2999 20:00");
        click("#incident-form button[type='submit']");
        WebElement error = browser.findElement(By.id("inc-occurred_at-error"));
        waitUp().until(d -> !error.getText().isEmpty());
        assertThat(error.getText()).startsWith("Thời điểm (dd/mm/yyyy hh:mm): sau hiện tại (15/09/2999 20:00, hôm nay là ");
        assertThat(browser.findElement(By.id("inc-occurred_at")).getAttribute("aria-invalid")).isEqualTo("true");
        type("inc-occurred_at", "31/02/2023 10:00");
        click("#incident-form button[type='submit']");
        waitUp().until(d -> d.findElement(By.id("inc-occurred_at-error")).getText().contains("31/02/2023 10:00"));
        assertThat(browser.findElement(By.id("inc-occurred_at-error")).getText()).contains("không đọc được ngày giờ '31/02/2023 10:00'");
        assertThat(services.store().query(incidents, vn.anttmap.model.FeatureQuery.ALL)).hasSize(before);
    }

    /**
     * The form's times are Vietnam's, whatever zone the browser is set to: the default "now", the future check and the
     * server agree (fixed instants, no race with the clock). 31/02 and 24:00 are not read.
     */
    @Test
    void theFormReadsAndWritesTimesInVietnam() {
        Object r = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/i18n.js').then((m) => { const t = Date.parse('2023-09-14T17:30:00Z'); done([m.vnNow(t), m.vnToday(t),"
                + " m.vnInstantMs('15/09/2023 00:30') === t, m.vnInstantMs('31/02/2023 10:00'), m.vnInstantMs('15/09/2023 24:00'),"
                + " m.vnInstantMs('2023-09-15')].map(String)); });");
        assertThat(r).isEqualTo(java.util.List.of("15/09/2023 00:30", "15/09/2023", "true", "null", "null", "null"));
    }

    /** Issue 18: an incident dated in 2999 that reached the store by SQL is listed for checking, with a link to it. */
    @Test
    void anIncidentDatedInTheFutureIsNoticedWithALinkToIt() {
        var incidents = vn.anttmap.model.Layer.INCIDENTS;
        var some = services.store().query(incidents, vn.anttmap.model.FeatureQuery.ALL.withWard(DemoFiles.WARD_ID)).get(0);
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>(some.properties());
        p.put("occurred_at", java.time.OffsetDateTime.parse("2999-09-15T20:00+07:00"));
        p.put("occurred_on", java.time.LocalDate.of(2999, 9, 15));
        services.store().write(new vn.anttmap.store.WriteBatch().upsert(incidents,
                java.util.List.of(new vn.anttmap.model.Feature("typo-2999", some.geometry(), p))));
        try {
            browser.navigate().refresh();
            waitUp().until(d -> loaded(d));
            WebElement notice = waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("date-review")));
            assertThat(notice.getText()).isEqualTo("1 vụ việc có ngày bất thường, cần kiểm tra: typo-2999 (15/09/2999)");
            // The default period did not follow it.
            assertThat(browser.findElement(By.id("to")).getAttribute("value")).doesNotEndWith("2999");
            notice.findElement(By.linkText("typo-2999 (15/09/2999)")).click();
            waitUp().until(d -> "15/09/2999".equals(d.findElement(By.id("from")).getAttribute("value")));
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".leaflet-popup")));
        } finally {
            services.store().write(new vn.anttmap.store.WriteBatch().delete(incidents, java.util.List.of("typo-2999")));
        }
    }

    @Test
    void switchingTheLanguageKeepsTheSessionAndSaysEverythingInEnglish() {
        assertThat(browser.findElement(By.id("login")).getText()).isEqualTo("Đăng xuất (officer-hh)");
        assertThat(figure("registered")).isEqualTo("Hộ đăng ký: 3.993");
        browser.findElement(By.id("lang")).click();
        waitUp().until(d -> d.findElement(By.tagName("h1")).getText().equals("Security and order map"));
        waitUp().until(d -> figure("registered").equals("Registered households: 3,993"));
        assertThat(browser.findElement(By.id("login")).getText()).isEqualTo("Sign out (officer-hh)");
        assertThat(browser.findElement(By.id("map")).getAttribute("aria-label")).isEqualTo("Security and order map of the ward");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Basemap tiles could not load; the data layers still show.");
        shot("desktop-en-signed-in");
        // Still signed in: the session answers as the officer, and the officer's buttons stay.
        assertThat(js().executeScript("return fetch('/api/v1/session').then((r) => r.json()).then((s) => s.role + ' ' + s.username)"))
                .isEqualTo("officer officer-hh");
        assertThat(browser.findElement(By.id("new-incident")).isDisplayed()).isTrue();
        // Back to Vietnamese: the same.
        browser.findElement(By.id("lang")).click();
        waitUp().until(d -> d.findElement(By.tagName("h1")).getText().equals("Bản đồ an ninh, trật tự"));
        assertThat(browser.findElement(By.id("login")).getText()).isEqualTo("Đăng xuất (officer-hh)");
        assertThat(browser.findElement(By.id("map")).getAttribute("aria-label")).isEqualTo("Bản đồ an ninh, trật tự của phường");
        waitUp().until(d -> figure("registered").equals("Hộ đăng ký: 3.993"));
    }

    @Test
    void aClickOnAnAreasNameLabelPlacesTheIncidentWhereItWasMadeAndEscCancels() {
        var incidents = vn.anttmap.model.Layer.INCIDENTS;
        java.util.Set<String> before = ids(incidents);
        // Esc before choosing the spot: no longer placing; a click then opens the area, not a form.
        click("#new-incident");
        new Actions(browser).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        waitUp().until(d -> d.findElement(By.id("status")).getText().equals("Đã hủy"));
        WebElement label = browser.findElements(By.cssSelector(".antt-area-label span")).stream()
                .filter(e -> e.getText().equals("Tổ dân phố Quang Trung")).findFirst().orElseThrow();
        label.click();
        waitUp().until(d -> "tdp-quang-trung".equals(d.findElement(By.id("panel")).getAttribute("data-area-id")));
        assertThat(browser.findElements(By.id("incident-form"))).isEmpty();
        browser.findElement(By.id("panel-close")).click();

        // A real click on the label, 40 px right of its middle (the label's anchor).
        click("#new-incident");
        label = browser.findElements(By.cssSelector(".antt-area-label span")).stream()
                .filter(e -> e.getText().equals("Tổ dân phố Quang Trung")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Number> middle = (List<Number>) js().executeScript("const r = arguments[0].getBoundingClientRect();"
                + "return [r.left + r.width / 2, r.top + r.height / 2];", label);
        new Actions(browser).moveToElement(label, 40, 0).click().perform();
        waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-form")));
        @SuppressWarnings("unchecked")
        List<Number> off = (List<Number>) js().executeScript("""
                const map = window.anttMap, box = map.getContainer().getBoundingClientRect();
                const clicked = map.containerPointToLatLng([arguments[0] + 40 - box.left, arguments[1] - box.top]);
                const pin = map.pendingPin.getLatLng();
                const anchor = map.latLngToContainerPoint(pin).distanceTo([arguments[0] - box.left, arguments[1] - box.top]);
                return [map.latLngToContainerPoint(pin).distanceTo(map.latLngToContainerPoint(clicked)), anchor];""",
                middle.get(0), middle.get(1));
        assertThat(off.get(0).doubleValue()).as("pin to the click, px").isLessThan(1.5);
        assertThat(off.get(1).doubleValue()).as("pin to the label's anchor, px").isGreaterThan(35);
        assertThat(browser.findElements(By.cssSelector(".antt-pin"))).hasSize(1);
        String spot = browser.findElement(By.id("inc-at")).getText();
        shot("desktop-vi-pin");
        // The pin can be dragged; the form's spot follows it.
        new Actions(browser).dragAndDropBy(browser.findElement(By.cssSelector(".antt-pin")), 30, 20).perform();
        waitUp().until(d -> !d.findElement(By.id("inc-at")).getText().equals(spot));
        String moved = (String) js().executeScript("const p = window.anttMap.pendingPin.getLatLng();"
                + "return p.lat.toFixed(6) + ', ' + p.lng.toFixed(6);");
        assertThat(browser.findElement(By.id("inc-at")).getText()).isEqualTo(moved);
        // Esc cancels: no pin, no form, nothing saved.
        new Actions(browser).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        waitUp().until(ExpectedConditions.invisibilityOfElementLocated(By.id("panel")));
        assertThat(browser.findElements(By.cssSelector(".antt-pin"))).isEmpty();
        assertThat(ids(incidents)).isEqualTo(before);
    }

    /**
     * Issue 18, the officer's day in one walk: add an incident by clicking on an area's label, drag the pin, a future
     * date and 31/02 refused in Vietnamese, save; edit it and move it; a colleague's change meanwhile is named (who,
     * when) with a way to reload; delete it with a reason that the audit log keeps.
     */
    @Test
    void anOfficerAddsMovesEditsAndDeletesAnIncidentAndIsToldWhoChangedItMeanwhile() {
        var incidents = vn.anttmap.model.Layer.INCIDENTS;
        java.util.Set<String> before = ids(incidents);
        try {
            click("#new-incident");
            WebElement label = browser.findElements(By.cssSelector(".antt-area-label span")).stream()
                    .filter(e -> e.getText().equals("Tổ dân phố Quang Trung")).findFirst().orElseThrow();
            new Actions(browser).moveToElement(label, 30, 0).click().perform();
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-form")));
            new Actions(browser).dragAndDropBy(browser.findElement(By.cssSelector(".antt-pin")), 25, 15).perform();
            double[] dragged = pinAt();
            select("inc-category", "other");
            select("inc-channel", "patrol");
            type("inc-description", "Tranh chấp lối đi");
            type("inc-occurred_at", "01/01/2999 08:00");
            click("#incident-form button[type='submit']");
            waitUp().until(d -> d.findElement(By.id("inc-occurred_at-error")).getText().contains("sau hiện tại"));
            type("inc-occurred_at", "31/02/2023 10:00");
            click("#incident-form button[type='submit']");
            waitUp().until(d -> d.findElement(By.id("inc-occurred_at-error")).getText().contains("không đọc được ngày giờ"));
            assertThat(ids(incidents)).isEqualTo(before);
            type("inc-occurred_at", "12/05/2023 08:30");
            click("#incident-form button[type='submit']");
            waitUp().until(d -> d.findElement(By.id("incident-result")).getText().startsWith("Đã lưu: "));
            String id = browser.findElement(By.id("incident-result")).getText().substring("Đã lưu: ".length());
            var saved = services.store().get(incidents, id).orElseThrow();
            org.locationtech.jts.geom.Point at = (org.locationtech.jts.geom.Point) saved.geometry();
            assertThat(at.getY()).isCloseTo(dragged[0], org.assertj.core.data.Offset.offset(1e-6));
            assertThat(at.getX()).isCloseTo(dragged[1], org.assertj.core.data.Offset.offset(1e-6));

            // The form is open again at the saved version, with its pin on the stored spot: drag it to move the incident.
            waitUp().until(d -> d.findElement(By.tagName("h2")).getText().equals("Sửa vụ việc " + id));
            assertThat(browser.findElement(By.id("inc-at")).getText())
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.6f, %.6f", at.getY(), at.getX()));
            new Actions(browser).dragAndDropBy(browser.findElement(By.cssSelector(".antt-pin")), -40, 10).perform();
            double[] moved = pinAt();
            type("inc-description", "Tranh chấp lối đi (đã hòa giải)");
            WebElement edited = browser.findElement(By.id("incident-form"));
            click("#incident-form button[type='submit']");
            waitUp().until(d -> "Tranh chấp lối đi (đã hòa giải)".equals(services.store().get(incidents, id).orElseThrow()
                    .text("description")));
            org.locationtech.jts.geom.Point now = (org.locationtech.jts.geom.Point) services.store().get(incidents, id)
                    .orElseThrow().geometry();
            assertThat(now.getY()).isCloseTo(moved[0], org.assertj.core.data.Offset.offset(1e-6));
            assertThat(now.getX()).isCloseTo(moved[1], org.assertj.core.data.Offset.offset(1e-6));
            assertThat(now.distance(at)).isGreaterThan(1e-5);

            // A colleague changes it while the form is open: saving is refused, naming who and when; reload shows theirs.
            waitUp().until(ExpectedConditions.stalenessOf(edited));
            waitUp().until(d -> d.findElement(By.id("incident-result")).getText().startsWith("Đã lưu: "));
            var current = services.edits().get(incidents, id).orElseThrow();
            java.util.Map<String, Object> theirs = new java.util.LinkedHashMap<>(current.feature().properties());
            theirs.put("description", "Sửa bởi đồng nghiệp");
            theirs.remove("ward_id");
            theirs.remove("area_id");
            theirs.remove("occurred_on");
            services.edits().update(new vn.anttmap.auth.Principal("officer-hh-2", vn.anttmap.model.Account.Role.OFFICER,
                    DemoFiles.WARD_ID), incidents, id, new vn.anttmap.io.RawRecord("test", id, current.feature().geometry(), theirs),
                    current.version());
            var entry = services.store().lastAudit("incidents", id).orElseThrow();
            type("inc-description", "Bản của tôi");
            click("#incident-form button[type='submit']");
            WebElement foot = browser.findElement(By.cssSelector("#incident-form .form-error"));
            waitUp().until(d -> foot.getText().startsWith("Bản ghi đã được officer-hh-2 sửa lúc "));
            assertThat(foot.getText()).startsWith("Bản ghi đã được officer-hh-2 sửa lúc " + entry.at().format(
                    java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")) + " sau khi bạn mở nó; những gì bạn vừa nhập chưa được lưu.");
            assertThat(services.store().get(incidents, id).orElseThrow().text("description")).isEqualTo("Sửa bởi đồng nghiệp");
            assertThat(browser.findElement(By.id("incident-result")).getText()).as("the earlier 'saved' line is gone").isEmpty();
            shot("desktop-vi-changed-meanwhile", "#incident-form .form-error");
            click("#reload-record");
            waitUp().until(d -> "Sửa bởi đồng nghiệp".equals(d.findElement(By.id("inc-description")).getAttribute("value")));

            // Delete, saying why: gone from the store and the map, the reason in the audit log.
            click("#inc-delete");
            acceptConfirm();
            waitUp().until(d -> services.store().get(incidents, id).isEmpty());
            assertThat(services.store().lastAudit("incidents", id).orElseThrow())
                    .satisfies(e -> {
                        assertThat(e.action()).isEqualTo("delete");
                        assertThat(e.username()).isEqualTo("officer-hh");
                        assertThat(e.detail()).isEqualTo(DELETE_REASON);
                    });
            // The store has it deleted before the answer reaches the page: the pin goes once the page has the answer.
            waitUp().until(d -> d.findElements(By.cssSelector(".antt-pin")).isEmpty());
            assertThat(browser.findElements(By.cssSelector(".antt-pin"))).isEmpty();
        } finally {
            removeAll(incidents, before);
        }
    }

    /**
     * Issue 18: cameras are added, edited, moved and deleted on the map (a decimal is written with the page's mark, a
     * comma in Vietnamese); an area's teams are added, rated and deleted from its panel. Every change reaches the store and the audit log.
     */
    @Test
    void anOfficerKeepsTheCamerasAndTheAreasTeamsOnTheMap() {
        var cameras = vn.anttmap.model.Layer.CAMERAS;
        var teams = vn.anttmap.model.Layer.TEAMS;
        java.util.Set<String> camerasBefore = ids(cameras);
        java.util.Set<String> teamsBefore = ids(teams);
        try {
            click("#new-camera");
            assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Bấm vào bản đồ tại vị trí đặt camera");
            clickAnArea();
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("camera-form")));
            assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Thêm camera");
            assertThat(optionTexts("cam-owner")).containsExactly("— Chọn —", "Cộng đồng", "Hộ gia đình", "Doanh nghiệp", "Công an");
            assertThat(optionTexts("cam-status")).containsExactly("— Chọn —", "hoạt động", "ngừng hoạt động", "bảo trì");
            select("cam-kind", "dome");
            select("cam-owner", "community");
            select("cam-status", "active");
            type("cam-name", "Camera chợ Hải Hòa");
            type("cam-bearing_deg", "12.5");
            type("cam-fov_deg", "90");
            type("cam-range_m", "40");
            click("#camera-form button[type='submit']");
            // A point where the page writes a comma is refused next to the field, before anything is sent.
            waitUp().until(d -> d.findElement(By.id("cam-bearing_deg-error")).getText()
                    .equals("Hướng nhìn (độ, tính từ hướng bắc theo chiều kim đồng hồ): phải là số (dấu phẩy thập phân, vd 12,5)"));
            type("cam-bearing_deg", "12,5");
            type("cam-range_m", "4000");
            click("#camera-form button[type='submit']");
            waitUp().until(d -> d.findElement(By.id("cam-range_m-error")).getText().startsWith("Tầm quan sát (m): "));
            assertThat(ids(cameras)).isEqualTo(camerasBefore);
            type("cam-range_m", "40");
            // On a phone the form fits the screen.
            org.openqa.selenium.Dimension desktop = browser.manage().window().getSize();
            try {
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
                assertThat(fitsTheWindow("#camera-form")).isTrue();
                shot("phone-vi-camera-form", "#camera-form button[type='submit']");
            } finally {
                browser.manage().window().setSize(desktop);
            }
            click("#camera-form button[type='submit']");
            waitUp().until(d -> d.findElement(By.id("camera-result")).getText().startsWith("Đã lưu: "));
            String id = browser.findElement(By.id("camera-result")).getText().substring("Đã lưu: ".length());
            var saved = services.store().get(cameras, id).orElseThrow();
            assertThat(saved.get("bearing_deg")).isEqualTo(12.5);
            assertThat(saved.text("ward_id")).isEqualTo(DemoFiles.WARD_ID);
            assertThat(browser.findElement(By.id("cam-bearing_deg")).getAttribute("value")).isEqualTo("12,5");
            // Moved by its pin and turned; then deleted with a reason.
            new Actions(browser).dragAndDropBy(browser.findElement(By.cssSelector(".antt-pin")), 30, 0).perform();
            double[] moved = pinAt();
            type("cam-bearing_deg", "200");
            WebElement edited = browser.findElement(By.id("camera-form"));
            click("#camera-form button[type='submit']");
            waitUp().until(d -> Double.valueOf(200).equals(services.store().get(cameras, id).orElseThrow().get("bearing_deg")));
            // The form is opened again at the new version (wait for it: the one on screen now still holds the old one).
            waitUp().until(ExpectedConditions.stalenessOf(edited));
            org.locationtech.jts.geom.Point at = (org.locationtech.jts.geom.Point) services.store().get(cameras, id).orElseThrow().geometry();
            assertThat(at.getX()).isCloseTo(moved[1], org.assertj.core.data.Offset.offset(1e-6));
            waitUp().until(d -> d.findElement(By.id("camera-result")).getText().startsWith("Đã lưu: "));
            // The page reloads the cameras after the delete; the officer opens an area meanwhile (the sectors held
            // back until then): the area's panel stays, and the delete is said in the status line (the panel was
            // replaced by "Đã xóa" once the reload ended: a regression test).
            String area = "tdp-quang-trung";
            ((org.openqa.selenium.chromium.HasCdp) browser).executeCdpCommand("Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", "*/api/v1/cameras/sectors*"))));
            try {
                click("#cam-delete");
                acceptConfirm();
                waitUp().until(d -> services.store().get(cameras, id).isEmpty());
                openAreaPanel(area);
            } finally {
                ((org.openqa.selenium.chromium.HasCdp) browser).executeCdpCommand("Fetch.disable", Map.of());
            }
            waitUp().until(d -> d.findElement(By.id("status")).getText().equals("Đã xóa: " + id));
            assertThat(browser.findElement(By.id("panel")).getAttribute("data-area-id")).isEqualTo(area);
            assertThat(services.store().lastAudit("cameras", id).orElseThrow().detail()).isEqualTo(DELETE_REASON);

            // The area's teams, from its panel.
            assertThat(browser.findElement(By.id("login")).getText()).isEqualTo("Đăng xuất (officer-hh)");
            try {
                waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("teams")));
            } catch (org.openqa.selenium.TimeoutException e) {
                shot("desktop-vi-area-teams-failed");
                throw new AssertionError("no teams section in the panel of " + area + ": " + browser.findElement(By.id("panel"))
                        .getText().replace('\n', '|').substring(0, 300), e);
            }
            String teamsText = waitUp().until(d -> d.findElement(By.id("teams")).getText());
            assertThat(teamsText).doesNotContain("Không tải được");
            // Read through waits that read again: the panel may be drawn once more as the camera's delete settles.
            String heading = waitUp().until(d -> d.findElement(By.cssSelector("#teams h3")).getText());
            assertThat(heading).isEqualTo("Tổ an ninh, trật tự của khu");
            long listed = waitUp().until(d -> Long.valueOf(d.findElements(By.cssSelector("#teams li[data-team]")).size()));
            assertThat(listed).isEqualTo(all(teams).stream().filter(f -> area.equals(f.text("area_id"))).count());
            click("#add-team");
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("team-form")));
            assertThat(optionTexts("team-rating")).containsExactly("Chưa xếp loại", "Hoàn thành xuất sắc nhiệm vụ",
                    "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ");
            select("team-kind", "street_guard");
            type("team-name", "Tổ bảo vệ dân phố số 9");
            type("team-member_count", "6");
            click("#team-form button[type='submit']");
            waitForArea(area);
            String team = all(teams).stream().map(vn.anttmap.model.Feature::id).filter(t -> !teamsBefore.contains(t))
                    .findFirst().orElseThrow();
            assertThat(services.store().get(teams, team).orElseThrow().get("rating")).isNull();
            WebElement row = waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#teams li[data-team='" + team + "']")));
            shot("desktop-vi-area-teams", "#teams li[data-team='" + team + "']");
            assertThat(row.getText()).contains("Tổ bảo vệ dân phố số 9").contains("6 thành viên").contains("Chưa xếp loại");
            click("#teams li[data-team='" + team + "'] button[data-edit-team]");
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("team-form")));
            select("team-rating", "completed_well");
            click("#team-form button[type='submit']");
            waitForArea(area);
            waitUp().until(d -> "completed_well".equals(services.store().get(teams, team).orElseThrow().get("rating")));
            click("#teams li[data-team='" + team + "'] button[data-edit-team]");
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("team-form")));
            click("#team-delete");
            acceptConfirm();
            waitForArea(area);
            waitUp().until(d -> services.store().get(teams, team).isEmpty());
            assertThat(browser.findElements(By.cssSelector("#teams li[data-team='" + team + "']"))).isEmpty();
        } finally {
            removeAll(cameras, camerasBefore);
            removeAll(teams, teamsBefore);
        }
    }

    /** The pending pin's latitude and longitude. */
    static double[] pinAt() {
        @SuppressWarnings("unchecked")
        List<Number> p = (List<Number>) js().executeScript("const p = window.anttMap.pendingPin.getLatLng(); return [p.lat, p.lng];");
        return new double[]{p.get(0).doubleValue(), p.get(1).doubleValue()};
    }

    /** The console's errors since the last read, less the basemap's (no internet in the tests: its tiles fail). */
    static List<String> consoleErrors() {
        return browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> !m.startsWith("http://127.0.0.1:9/")).toList();
    }

    @Test
    void theConsoleIsQuietForThePublicAndTheOfficerAndAtAFractionalZoom() {
        browser.manage().deleteAllCookies();
        consoleErrors();
        browser.navigate().refresh();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(d -> loaded(d));
        assertThat(browser.findElement(By.id("login")).getText()).isEqualTo("Đăng nhập");
        // Nothing the public may not see is asked for (no coverage tiles refused with 401), and no favicon 404.
        assertThat((Long) js().executeScript("return performance.getEntriesByType('resource')"
                + ".filter((e) => e.name.includes('/tiles/camera_coverage/')).length")).isZero();
        assertThat(consoleErrors()).isEmpty();
        // The officer's first load (signing in reloads the page): no error either.
        browser.navigate().refresh();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(d -> loaded(d));
        consoleErrors();
        openPage();
        assertThat(browser.findElement(By.id("login")).getText()).isEqualTo("Đăng xuất (officer-hh)");
        // Its hotspot layers and area panel (what an officer opens first) too.
        showOverlay("Điểm nóng Gi*");
        waitUp().until(d -> !d.findElements(By.cssSelector(".hotspot-legend [data-hotspot='gistar']")).isEmpty());
        openAreaPanel("tdp-quang-trung");
        assertThat(consoleErrors()).isEmpty();
        browser.findElement(By.id("panel-close")).click();
        // An officer at zoom 14.25: the coverage tiles load (none refused, none missing).
        js().executeScript("window.anttMap.setZoom(14.25, {animate: false})");
        waitUp().until(d -> (Boolean) js().executeScript("return window.anttMap.getZoom() === 14.25"
                + " && [...document.querySelectorAll('canvas.antt-tile-camera_coverage')].some((c) => c.dataset.features)"));
        assertThat(consoleErrors()).isEmpty();
    }

    /** Pairs of map controls whose boxes overlap (class names), none expected. */
    @SuppressWarnings("unchecked")
    static List<String> overlappingControls() {
        return (List<String>) js().executeScript("""
                const boxes = [...document.querySelectorAll('.leaflet-control')].filter((e) => e.offsetParent)
                  .map((e) => [e.className, e.getBoundingClientRect()]);
                const out = [];
                for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                  const [a, r] = boxes[i], [b, q] = boxes[j];
                  if (r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom) out.push(a + ' / ' + b);
                }
                return out;""");
    }

    @Test
    void theLegendNeverCoversTheLayerSwitcherAndOnAPhoneTheMapKeepsMostOfTheScreen() {
        assertThat(overlappingControls()).isEmpty();
        click(".legend summary");
        assertThat(overlappingControls()).isEmpty();
        // The open legend has room to be read (not a sliver under a long layer list).
        assertThat((Long) js().executeScript("return document.querySelector('.legend details').clientHeight")).isGreaterThan(200L);
        shot("desktop-vi-map");
        // The layer switcher opened (hover) pushes the legend down and shrinks it: still no overlap.
        new Actions(browser).moveToElement(browser.findElement(By.cssSelector(".leaflet-control-layers"))).perform();
        waitUp().until(d -> !d.findElements(By.cssSelector(".leaflet-control-layers-expanded")).isEmpty());
        waitUp().until(d -> overlappingControls().isEmpty());
        shot("desktop-vi-layers-open");
        new Actions(browser).moveByOffset(-600, 0).perform();
        org.openqa.selenium.Dimension desktop = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.navigate().refresh();
            waitUp().until(d -> loaded(d));
            Number share = (Number) js().executeScript(
                    "return document.getElementById('map').getBoundingClientRect().height / window.innerHeight");
            assertThat(share.doubleValue()).as("map height / window height").isGreaterThanOrEqualTo(0.6);
            assertThat(overlappingControls()).isEmpty();
            // Nothing scrolls sideways: the filters and figures scroll within their bars.
            assertThat((Boolean) js().executeScript("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
            shot("phone-vi-map");
            click(".legend summary");
            assertThat(overlappingControls()).isEmpty();
            shot("phone-vi-legend");
            click(".legend summary");
            // The area's panel is a bottom sheet: the upper part of the map stays in sight.
            openAreaPanel("tdp-quang-trung");
            Number top = (Number) js().executeScript("return document.getElementById('panel').getBoundingClientRect().top / window.innerHeight");
            Number bottom = (Number) js().executeScript("return document.getElementById('panel').getBoundingClientRect().bottom - window.innerHeight");
            assertThat(top.doubleValue()).isBetween(0.25, 0.5);
            assertThat(bottom.doubleValue()).isBetween(-1.0, 1.0);
            shot("phone-vi-sheet");
            browser.findElement(By.id("panel-close")).click();
            browser.findElement(By.id("lang")).click();
            waitUp().until(d -> d.findElement(By.tagName("h1")).getText().equals("Security and order map"));
            assertThat(overlappingControls()).isEmpty();
            shot("phone-en-map");
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    @Test
    void thePublicSeesNoIncidentAndNoHouseholdCamera() {
        browser.manage().deleteAllCookies();
        browser.navigate().refresh();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(d -> loaded(d));
        // The page shows one ward: Hải Hòa's community cameras (the neighbours' are on their own wards' maps).
        long community = services.store().query(vn.anttmap.model.Layer.CAMERAS, vn.anttmap.model.FeatureQuery.ALL
                .withWard(vn.anttmap.service.DemoFiles.WARD_ID)).stream().filter(c -> "community".equals(c.get("owner"))).count();
        assertThat(browser.findElements(By.cssSelector("path.antt-camera"))).hasSize((int) community);
        assertThat(browser.findElements(By.cssSelector(".antt-incident, .marker-cluster"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("path.antt-area"))).hasSize(14);
        assertThat(figure("incidents")).isEqualTo("Vụ việc ANTT: 5");
        assertThat(browser.findElement(By.id("planner")).isDisplayed()).isFalse();
        // None of the officers' evidence records, nor a button to write one.
        assertThat(browser.findElement(By.id("new-organisation")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("path.antt-organisation"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".leaflet-control-layers-overlays label")).stream()
                .map(l -> l.getAttribute("textContent").trim())).doesNotContain("Cơ quan, doanh nghiệp, cơ sở giáo dục");
        browser.findElements(By.cssSelector(".antt-area-label span")).stream()
                .filter(e -> e.getText().equals("Tổ dân phố Quang Trung")).findFirst().orElseThrow().click();
        waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#panel .verdict")));
        assertThat(browser.findElements(By.cssSelector("#declarations, #panel button[data-declare], #panel button[data-decide],"
                + " #panel button[data-edit-attestation], #panel button[data-edit-incident], #panel .missing, #panel .exception"))).isEmpty();
    }

    /** Turns on an overlay by its name in the layer control. */
    static void showOverlay(String name) {
        WebElement label = browser.findElements(By.cssSelector(".leaflet-control-layers-overlays label")).stream()
                .filter(l -> l.getAttribute("textContent").trim().equals(name)).findFirst().orElseThrow();
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
        waitUp().until(d -> js.executeScript("return !!window.Chart && !!Chart.getChart(document.getElementById('trend-periods'))").equals(true));
        long drawn = (Long) js.executeScript("return Chart.getChart(document.getElementById('trend-months')).data.datasets"
                + ".flatMap((d) => d.data).reduce((a, b) => a + b, 0)");
        assertThat(drawn).isEqualTo(trends.months().stream().mapToLong(vn.anttmap.service.TrendService.Month::total).sum());
        assertThat((Long) js.executeScript("return Chart.getChart(document.getElementById('trend-months')).data.labels.length"))
                .isEqualTo(24L);
        assertThat(browser.findElement(By.id("trend-yoy")).getText()).startsWith("So với cùng kỳ năm trước:")
                .contains(trends.yearOnYear().count() + ";");
    }

    /**
     * Whether the page's first load is complete: its areas and figures drawn (data-ready) and every other layer in
     * (data-layers: cameras, sectors, roads, incidents, hotspots follow the areas without holding them back).
     */
    static boolean loaded(WebDriver d) {
        WebElement body = d.findElement(By.tagName("body"));
        return "true".equals(body.getAttribute("data-ready")) && "true".equals(body.getAttribute("data-layers"));
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

    /** Regression: scoring a year before the circular came into force failed silently on the page; it says why. */
    @Test
    void aYearBeforeTheCircularIsRefusedOnThePageWithTheReason() {
        try {
            browser.findElement(By.id("year")).clear();
            browser.findElement(By.id("year")).sendKeys("2021");
            browser.findElement(By.cssSelector("#filters button")).click();
            waitUp().until(d -> d.findElement(By.id("filter-error")).getText().contains("10/02/2022"));
            assertThat(browser.findElement(By.id("filter-error")).getText())
                    .startsWith("kỳ đánh giá năm 2021 (01/11/2020–31/10/2021) kết thúc trước ngày 10/02/2022")
                    .contains("Thông tư số 23/2012/TT-BCA").doesNotContain("ended before");
        } finally {
            browser.findElement(By.id("year")).clear();
            browser.findElement(By.id("year")).sendKeys("2023");
        }
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


    // ------------------------------------------------------------ reading the map (issue 18)

    /**
     * Issue 18, one period per panel: the figures bar, the area panel and the scorecard each say which period their
     * figures cover (the filtered period, the day cameras and households are counted at, the teams' rating year, the
     * hotspots' 24 months, the scoring period); following an evidence link that needs another period says so and
     * offers the way back.
     */
    @Test
    void everyFigureSaysWhichPeriodItCoversAndAnEvidenceLinkOffersTheWayBack() {
        assertThat(browser.findElement(By.cssSelector("#figures [data-period='counts']")).getText())
                .isEqualTo("Vụ việc, hòa giải, trích xuất, vùng camera: kỳ 01/01/2023–31/08/2023");
        Integer teamsYear = services.stats().stats(DemoFiles.WARD_ID, null, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 8, 31))
                .teams().year();
        assertThat(browser.findElement(By.cssSelector("#figures [data-period='as-of']")).getText())
                .isEqualTo("Camera, hộ đăng ký: tính đến 31/08/2023; tổ: xếp loại năm " + teamsYear);
        assertThat(browser.findElement(By.cssSelector("#figures [data-period='hotspots']")).getText())
                .isEqualTo("Điểm nóng: 24 tháng, 01/09/2021–31/08/2023");
        openAreaPanel("tdp-quang-trung");
        assertThat(browser.findElements(By.cssSelector("#panel tr.period-head")).stream().map(WebElement::getText))
                .containsExactly("Hồ sơ khu dân cư, tính đến 31/08/2023", "Vụ việc theo kỳ",
                        "Vùng camera quan sát: camera đến 31/08/2023, vụ việc 01/01/2023–31/08/2023");
        assertPanelShows("tdp-quang-trung");
        assertThat(browser.findElement(By.cssSelector("#panel [data-period='scoring']")).getText())
                .isEqualTo("Kỳ đánh giá năm 2023: 01/11/2022–31/10/2023, khác kỳ đang lọc (01/01/2023–31/08/2023)");
        // The advisory figures in the page's number format (the per-1,000 rate was written with a decimal point), with their period.
        var card = services.scoring().scoreArea("tdp-quang-trung", 2023);
        Double per1000 = card.advisory().incidentsPer1000();
        String advisory = browser.findElement(By.cssSelector("#panel [data-advisory]")).getText();
        assertThat(per1000).isNotNull();
        String rate = new java.math.BigDecimal(per1000).setScale(1, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString().replace('.', ',');
        assertThat(advisory).contains("Vụ việc/1.000 dân " + rate + ";");
        assertThat(advisory).endsWith("So với kỳ trước (01/11/2021–31/10/2022): " + card.advisory().incidentsNow() + " / "
                + card.advisory().incidentsBefore());
        shot("desktop-vi-panel-periods", "#panel [data-period='scoring']");
        // An evidence incident of the scoring period outside the filter: the period moves, and the page says so.
        var k4b = check("tdp-quang-trung", "K4b");
        String incident = k4b.evidence().get(0).id();
        click("#panel tr[data-check='K4b'] button[data-incident='" + incident + "']");
        WebElement moved = waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("period-moved")));
        assertThat(moved.getText()).isEqualTo("Để hiện vụ việc " + incident + ", kỳ lọc đã chuyển sang 01/11/2022–31/10/2023.");
        assertThat(browser.findElement(By.id("from")).getAttribute("value")).isEqualTo("01/11/2022");
        WebElement back = browser.findElement(By.id("period-back"));
        assertThat(back.getText()).isEqualTo("Quay lại kỳ 01/01/2023–31/08/2023");
        shot("desktop-vi-period-moved");
        back.click();
        waitUp().until(d -> "01/01/2023".equals(d.findElement(By.id("from")).getAttribute("value"))
                && "31/08/2023".equals(d.findElement(By.id("to")).getAttribute("value")));
        waitUp().until(d -> figure("incidents").equals("Vụ việc ANTT: 5"));
        assertThat(browser.findElements(By.id("period-moved"))).isEmpty();
        // In English, the same in English.
        browser.findElement(By.id("lang")).click();
        waitUp().until(d -> d.findElement(By.cssSelector("#figures [data-period='counts']")).getText()
                .equals("Incidents, disputes, extractions, camera view: 01/01/2023–31/08/2023"));
        // The bar is drawn again when the handling figures arrive: read it once it holds the English line.
        waitUp().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> d.findElement(
                By.cssSelector("#figures [data-period='hotspots']")).getText().equals("Hot spots: 24 months, 01/09/2021–31/08/2023"));
        waitUp().until(d -> d.findElement(By.cssSelector("#panel [data-period='scoring']")).getText()
                .equals("Scoring period 2023: 01/11/2022–31/10/2023, not the filtered period (01/01/2023–31/08/2023)"));
        assertThat(browser.findElement(By.cssSelector("#panel tr.period-head")).getText()).isEqualTo("Area record as of 31/08/2023");
        browser.findElement(By.id("lang")).click();
        waitUp().until(d -> d.findElement(By.tagName("h1")).getText().equals("Bản đồ an ninh, trật tự"));
    }

    /** The visible area labels' boxes (name → [left, top, right, bottom]) and how many labels are hidden. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> labelBoxes() {
        return (Map<String, Object>) js().executeScript("""
                const shown = [], hidden = [];
                for (const s of document.querySelectorAll('.antt-area-label span')) {
                  if (getComputedStyle(s).visibility === 'hidden') { hidden.push(s.dataset.areaId); continue; }
                  const r = s.getBoundingClientRect();
                  shown.push([s.textContent, r.left, r.top, r.right, r.bottom]);
                }
                const overlaps = [];
                for (let i = 0; i < shown.length; i++) for (let j = i + 1; j < shown.length; j++) {
                  const a = shown[i], b = shown[j];
                  if (a[1] < b[3] && b[1] < a[3] && a[2] < b[4] && b[2] < a[4]) overlaps.push(a[0] + ' / ' + b[0]);
                }
                return {shown: shown.length, hidden, overlaps};""");
    }

    /**
     * Issue 18, labels do not pile up: at every zoom no two visible area labels overlap (at the ward's zoom two pairs
     * did); a label hidden for want of room shows when its area is under the pointer.
     */
    @Test
    void areaLabelsNeverOverlapAtAnyZoomAndAHiddenOneShowsOnHover() {
        String hiddenAt13 = null;
        String hiddenDeepest = null;
        double deepestZoom = 13;
        for (double zoom : new double[]{13, 14, 14.5, 15, 15.75, 16, 17, 18}) {
            js().executeScript("window.anttMap.setZoom(arguments[0], {animate: false})", zoom);
            waitUp().until(d -> (Boolean) js().executeScript("return window.anttMap.getZoom() === arguments[0]", zoom));
            Map<String, Object> boxes = labelBoxes();
            assertThat((List<?>) boxes.get("overlaps")).as("overlapping labels at zoom " + zoom).isEmpty();
            assertThat(((Number) boxes.get("shown")).intValue()).as("labels shown at zoom " + zoom).isPositive();
            if (zoom == 13) {
                assertThat((List<?>) boxes.get("hidden")).isNotEmpty();
                hiddenAt13 = (String) ((List<?>) boxes.get("hidden")).get(0);
                js().executeScript("window.anttMap.setZoom(13, {animate: false})");
                shot("desktop-vi-labels-z13");
            }
            if (!((List<?>) boxes.get("hidden")).isEmpty()) {
                hiddenDeepest = (String) ((List<?>) boxes.get("hidden")).get(0);
                deepestZoom = zoom;
            }
        }
        assertThat(hiddenAt13).isNotNull();
        // The pointer over a hidden label's area (a point where the area itself is topmost), at the deepest zoom where
        // a label hides (at zoom 13 the areas are a few dozen pixels, mostly under other labels): the label shows.
        js().executeScript("window.anttMap.setZoom(arguments[0], {animate: false})", deepestZoom);
        double z = deepestZoom;
        waitUp().until(d -> (Boolean) js().executeScript("return window.anttMap.getZoom() === arguments[0]", z));
        String area = hiddenDeepest;
        // Where the area itself is the topmost element (its label, cameras and incidents lie over parts of it).
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) js().executeScript("""
                const path = document.querySelector('path.antt-area-' + arguments[0]);
                const r = path.getBoundingClientRect();
                for (let fy = 0.5; fy < 0.96; fy += 0.05) for (let fx = 0.5, k = 0; k < 17; k++, fx = 0.5 + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 0.05) {
                  const x = r.left + r.width * fx, y = r.top + r.height * fy;
                  if (document.elementFromPoint(x, y) === path) return [x, y];
                }
                for (let fy = 0.45; fy > 0.04; fy -= 0.05) for (let fx = 0.1; fx < 0.95; fx += 0.05) {
                  const x = r.left + r.width * fx, y = r.top + r.height * fy;
                  if (document.elementFromPoint(x, y) === path) return [x, y];
                }
                return null;""", area.replaceAll("[^A-Za-z0-9_-]", "_"));
        assertThat(at).as("a point on " + area + ": " + js().executeScript("const path = document.querySelector('path.antt-area-' + arguments[0]);"
                + "const r = path.getBoundingClientRect(); const e = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                + "return JSON.stringify(r) + ' ' + (e && (e.tagName + '.' + e.getAttribute('class'))) + ' scrollY=' + window.scrollY + ' h=' + window.innerHeight;",
                area.replaceAll("[^A-Za-z0-9_-]", "_"))).isNotNull();
        WebElement map = browser.findElement(By.id("map"));
        // Offsets from the map's middle, both in the window's coordinates (the page may be scrolled).
        @SuppressWarnings("unchecked")
        List<Number> middle = (List<Number>) js().executeScript("const r = arguments[0].getBoundingClientRect();"
                + "return [r.left + r.width / 2, r.top + r.height / 2];", map);
        // From outside the map (where an earlier test may have left the pointer) onto the area.
        // (The zoom buttons: on the map, on no area, and on screen whenever the map is: no scrolling on the way.)
        WebElement outside = browser.findElement(By.cssSelector(".leaflet-control-zoom-in"));
        new Actions(browser).moveToElement(outside).perform();
        new Actions(browser).moveToElement(map, (int) Math.round(at.get(0).doubleValue() - middle.get(0).doubleValue()),
                (int) Math.round(at.get(1).doubleValue() - middle.get(1).doubleValue())).perform();
        WebElement label = browser.findElement(By.cssSelector(".antt-area-label span[data-area-id='" + area + "']"));
        try {
            waitUp().until(d -> "visible".equals(js().executeScript("return getComputedStyle(arguments[0]).visibility", label)));
        } catch (org.openqa.selenium.TimeoutException e) {
            shot("desktop-vi-label-hover-failed");
            throw new AssertionError("label of " + area + " at zoom " + z + " not shown on hover: " + js().executeScript(
                    "const e = document.elementFromPoint(arguments[0], arguments[1]);"
                    + "return (e && (e.tagName + '.' + e.getAttribute('class'))) + ' label classes ' + arguments[2].parentElement.className"
                    + " + ' window ' + window.innerWidth + 'x' + window.innerHeight + ' zoom ' + window.anttMap.getZoom();",
                    at.get(0), at.get(1), label), e);
        }
        shot("desktop-vi-label-hover");
        // Regression: the label that appears takes the pointer off the area when it lies under it; it stays shown
        // while the pointer is on it (it hid, then showed again, and stayed once the pointer had left).
        new Actions(browser).moveToElement(label).perform();
        assertThat(js().executeScript("return getComputedStyle(arguments[0]).visibility", label)).isEqualTo("visible");
        // Regression: a placing pass while the label was shown for the pointer measured it large and in front, kept it,
        // and it stayed shown after the pointer left. Labels are placed again on every move: one now.
        js().executeScript("window.anttMap.fire('moveend')");
        assertThat(js().executeScript("return getComputedStyle(arguments[0]).visibility", label)).isEqualTo("visible");
        new Actions(browser).moveToElement(outside).perform();
        try {
            // Back to what placing gives without the pointer: not shown for it, and no two labels overlapping (placing
            // runs on every move, and may by now have room for it).
            waitUp().until(d -> !label.findElement(By.xpath("..")).getAttribute("class").contains("antt-label-hover")
                    && ((List<?>) labelBoxes().get("overlaps")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            shot("desktop-vi-label-unhover-failed");
            throw new AssertionError("label of " + area + " at zoom " + z + " still shown: " + js().executeScript(
                    "return arguments[0].parentElement.className + ' focus ' + (document.activeElement && document.activeElement.className)"
                    + " + ' scrollY ' + window.scrollY + ' zoom ' + window.anttMap.getZoom();", label), e);
        }
    }

    /**
     * Issue 18: a camera's popup says "Trạng thái" (the scorecard's "Kết quả" had overwritten it in the texts), its
     * bearing and figures in the page's number format; the planner's figures are rounded, carry their unit and say
     * what it is.
     */
    @Test
    void cameraPopupsAndThePlannerWriteNumbersAsThePageDoesWithUnits() {
        var camera = all(vn.anttmap.model.Layer.CAMERAS).stream().filter(c -> c.id().equals("cam-001")).findFirst()
                .orElseGet(() -> all(vn.anttmap.model.Layer.CAMERAS).get(0));
        double bearing = ((Number) camera.get("bearing_deg")).doubleValue();
        String vi = String.format(java.util.Locale.ROOT, "%.1f", bearing).replaceAll("\\.0$", "").replace('.', ',');
        String en = String.format(java.util.Locale.ROOT, "%.1f", bearing).replaceAll("\\.0$", "");
        String popup = "return new Promise((done) => { window.anttMap.eachLayer((l) => { if (l.feature && l.feature.id === arguments[0]"
                + " && l.openPopup) l.openPopup(); }); setTimeout(() => done(document.querySelector("
                + "'.leaflet-popup-content [data-camera-popup]').innerText), 50); })";
        String text = (String) js().executeScript(popup, camera.id());
        assertThat(text).contains("Hướng: " + vi + "°").contains("Trạng thái: ").doesNotContain("Kết quả")
                .contains("Tầm xa: " + camera.get("range_m").toString().replaceAll("\\.0$", "").replace('.', ',') + " m");
        shot("desktop-vi-camera-popup");
        browser.findElement(By.id("planner")).click();
        click("#plan-form button");
        WebElement after = waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-covered-after]")));
        // Rounded to one decimal with a decimal comma, and the unit named.
        assertThat(after.getText()).matches("[0-9.]+(,[0-9])? điểm nhu cầu");
        assertThat(browser.findElement(By.cssSelector("[data-covered-before]")).getText())
                .matches("[0-9.]+(,[0-9])? / [0-9.]+(,[0-9])? điểm nhu cầu");
        assertThat(browser.findElement(By.cssSelector("[data-demand-note]")).getText()).startsWith("Điểm nhu cầu: ");
        // The method in words, not the solver's English ("lazy greedy, LP bound (GLOP), proven optimal").
        assertThat(browser.findElement(By.cssSelector("[data-method]")).getText())
                .matches("(Tham lam \\(nhanh\\)|Tối ưu chính xác)(, đã chứng minh là tối ưu)?(, dừng khi hết thời gian)?");
        assertThat(browser.findElements(By.cssSelector("ol.proposals li")).stream().map(WebElement::getText))
                .allMatch(li -> li.matches(".* · Hướng [0-9]+(,[0-9])?° · mức tăng [0-9.]+(,[0-9])? điểm nhu cầu"));
        shot("desktop-vi-plan", "[data-demand-note]");
        browser.findElement(By.id("lang")).click();
        waitUp().until(d -> d.findElement(By.tagName("h1")).getText().equals("Security and order map"));
        browser.findElement(By.id("planner")).click();
        click("#plan-form button");
        WebElement afterEn = waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-covered-after]")));
        assertThat(afterEn.getText()).matches("[0-9,]+(\\.[0-9])? demand points");
        assertThat(browser.findElement(By.cssSelector("[data-demand-note]")).getText()).startsWith("Demand points: ");
        js().executeScript("window.anttMap.closePopup()");
        String english = (String) js().executeScript(popup, camera.id());
        assertThat(english).contains("Bearing: " + en + "°").contains("Status: ");
        browser.findElement(By.id("lang")).click();
        waitUp().until(d -> d.findElement(By.tagName("h1")).getText().equals("Bản đồ an ninh, trật tự"));
    }

    /** Every entry of a legend (elements matching css) with the colour of its swatch, none expected empty. */
    @SuppressWarnings("unchecked")
    static List<String> entriesWithoutSwatch(String css) {
        return (List<String>) js().executeScript("""
                return [...document.querySelectorAll(arguments[0])].filter((e) => {
                  const i = e.querySelector('i');
                  if (!i) return true;
                  const s = getComputedStyle(i);
                  return s.backgroundColor === 'rgba(0, 0, 0, 0)' && parseFloat(s.borderTopWidth) === 0;
                }).map((e) => e.textContent.trim());""", css);
    }

    /** The hotspot legend's box inside the map, clear of the other controls and the status line. */
    static void assertHotspotLegendFits(String where) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fit = (Map<String, Object>) js().executeScript("""
                const legend = document.querySelector('.hotspot-legend').getBoundingClientRect();
                const map = document.getElementById('map').getBoundingClientRect();
                const status = document.getElementById('status');
                const s = status.getBoundingClientRect();
                const coversStatus = !!status.textContent && s.height > 0 && legend.bottom > s.top && legend.left < s.right;
                const body = document.querySelector('.hotspot-legend .hs-body');
                return {inside: legend.top >= map.top && legend.bottom <= map.bottom && legend.right <= map.right,
                  coversStatus, scrolls: body.scrollHeight <= body.clientHeight || getComputedStyle(body).overflowY === 'auto'};""");
        assertThat(fit).as(where).containsEntry("inside", true).containsEntry("coversStatus", false).containsEntry("scrolls", true);
        assertThat(overlappingControls()).as(where).isEmpty();
    }

    /**
     * Issue 18: an analysis with too few incidents is not asked for (its refusal was an error in the console on every
     * filter change); the legend says why once, with the 24 months it counts; the hotspot legend fits at every window
     * height and every entry of both legends has a colour swatch (two categories had none).
     */
    @Test
    void hotspotsWithTooFewIncidentsSayWhyOnceAndTheLegendFitsWithASwatchForEveryEntry() {
        showOverlay("Mật độ vụ việc (KDE)");
        showOverlay("Điểm nóng Gi*");
        showOverlay("Điểm nóng mới nổi");
        waitUp().until(d -> !d.findElements(By.cssSelector(".hotspot-legend [data-hotspot='emerging']")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".hotspot-legend [data-hotspot-window]")).getText())
                .isEqualTo("Điểm nóng tính trên 24 tháng: 01/09/2021–31/08/2023, không theo kỳ đang lọc (01/01/2023–31/08/2023)");
        assertThat(entriesWithoutSwatch(".hotspot-legend [data-class]")).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".hotspot-legend [data-class]"))).hasSize(5 + 7 + 8);
        assertHotspotLegendFits("1280 × 900");
        click(".legend:not(.hotspot-legend) summary");
        @SuppressWarnings("unchecked")
        List<String> bare = (List<String>) js().executeScript("""
                return [...document.querySelectorAll('.legend:not(.hotspot-legend) details i')].filter((i) => {
                  const s = getComputedStyle(i);
                  return s.backgroundColor === 'rgba(0, 0, 0, 0)' && parseFloat(s.borderTopWidth) === 0;
                }).map((i) => i.nextSibling.textContent.trim());""");
        assertThat(bare).as("legend entries without a colour").isEmpty();
        assertThat(browser.findElements(By.cssSelector(".legend:not(.hotspot-legend) details i")))
                .hasSize(9 + vn.anttmap.io.TaxonomyReader.bundled().categories().size());
        click(".legend:not(.hotspot-legend) summary");
        // Filtered twice to a category with few incidents: the reason once, no console error, no refused request.
        consoleErrors();
        long before = (Long) js().executeScript("return performance.getEntriesByType('resource')"
                + ".filter((e) => e.name.includes('/api/v1/hotspots/')).length");
        // A category with a handful of incidents in the 24 months (enough for a density, too few for Gi*).
        Map<String, Long> counted = services.stats().stats(DemoFiles.WARD_ID, null, LocalDate.of(2021, 9, 1),
                LocalDate.of(2023, 8, 31)).incidents().byCategory();
        var few = vn.anttmap.io.TaxonomyReader.bundled().categories().stream()
                .filter(c -> counted.getOrDefault(c.code(), 0L) >= 2 && counted.getOrDefault(c.code(), 0L) < 30)
                .findFirst().orElseThrow();
        long n = counted.get(few.code());
        for (int i = 0; i < 2; i++) {
            select("category", few.code());
            // Cleared first, so that the wait below sees this filtering's legend, not the last one's.
            js().executeScript("document.querySelectorAll('.hotspot-legend [data-hotspot-reason]').forEach((e) => e.remove())");
            click("#filters button[type='submit']");
            waitUp().until(d -> figure("incidents").startsWith("Vụ việc ANTT (" + few.nameVi() + ")"));
            waitUp().until(d -> !d.findElements(By.cssSelector(".hotspot-legend [data-hotspot-reason]")).isEmpty());
        }
        // Read in one go (the legend is drawn again as the filtering ends): each reason's text, and whether it is seen
        // without scrolling the legend (it was under the layers' classes).
        String expected = "Điểm nóng Gi* (độ tin cậy, sau FDR), Điểm nóng mới nổi\n"
                + "Không phân tích được: cần ít nhất 30 vụ việc trong 24 tháng (01/09/2021–31/08/2023), hiện có " + n
                + " (" + few.nameVi() + ")";
        waitUp().until(d -> List.of(expected + " seen").equals(js().executeScript("""
                const body = document.querySelector('.hotspot-legend .hs-body').getBoundingClientRect();
                return [...document.querySelectorAll('.hotspot-legend [data-hotspot-reason]')].map((e) => e.innerText
                  + (e.getBoundingClientRect().bottom <= body.bottom ? ' seen' : ' hidden'));""")));
        assertThat(consoleErrors()).isEmpty();
        assertThat((Long) js().executeScript("return performance.getEntriesByType('resource')"
                + ".filter((e) => e.name.includes('/api/v1/hotspots/gistar') || e.name.includes('/api/v1/hotspots/emerging')).length"))
                .as("Gi* and emerging requests after the first load").isLessThanOrEqualTo(before);
        shot("desktop-vi-hotspots-too-few");
        select("category", "");
        click("#filters button[type='submit']");
        waitUp().until(d -> d.findElements(By.cssSelector(".hotspot-legend [data-hotspot-reason]")).isEmpty()
                && !d.findElements(By.cssSelector(".hotspot-legend [data-hotspot='gistar']")).isEmpty());
        org.openqa.selenium.Dimension desktop = browser.manage().window().getSize();
        try {
            for (org.openqa.selenium.Dimension size : List.of(new org.openqa.selenium.Dimension(1280, 600),
                    new org.openqa.selenium.Dimension(390, 844))) {
                browser.manage().window().setSize(size);
                waitUp().until(d -> (Boolean) js().executeScript("return window.innerWidth === arguments[0]", size.getWidth()));
                WebElement details = browser.findElement(By.cssSelector(".hotspot-legend details"));
                if (details.getAttribute("open") == null) {
                    click(".hotspot-legend summary");
                }
                js().executeScript("window.dispatchEvent(new Event('resize'))");
                waitUp().until(d -> { try { assertHotspotLegendFits(size.toString()); return true; } catch (AssertionError e) { return false; } });
                assertHotspotLegendFits(size.toString());
                shot("hotspot-legend-" + size.getWidth() + "x" + size.getHeight());
            }
            // In English, the window in English.
            browser.findElement(By.id("lang")).click();
            waitUp().until(d -> d.findElement(By.cssSelector(".hotspot-legend [data-hotspot-window]")).getText()
                    .equals("Hot spots are computed over 24 months: 01/09/2021–31/08/2023, not the filtered period (01/01/2023–31/08/2023)"));
            shot("hotspot-legend-phone-en");
        } finally {
            browser.manage().window().setSize(desktop);
            if (browser.findElement(By.id("lang")).getText().equals("VI")) {
                browser.findElement(By.id("lang")).click();
            }
        }
    }


    /** A figure's text, read again if the figures bar was redrawn between finding it and reading it. */
    static String figure(String key) {
        return new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector("[data-figure='" + key + "']")).getText());
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

    // ------------------------------------------------------------ the scoring evidence officers record (issue 16)

    static final String REGISTER_NOT_DECLARED = "chưa xác nhận sổ theo dõi vụ việc đầy đủ";

    /** Saves a screenshot under target/screenshots (looked at by hand; the assertions are the test). */
    static void shot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((org.openqa.selenium.TakesScreenshot) browser)
                    .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Scrolls the element into the middle of its scroller, then saves a screenshot. */
    static void shot(String name, String css) {
        js().executeScript("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", css);
        shot(name);
    }

    static JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    /** Opens an area's panel by its name label (clicked by script: on a phone, labels may lie under others). */
    static WebElement openAreaPanel(String areaId) {
        // By its area's id: a label hidden for want of room (it shows on hover) is still there to be clicked by script.
        WebElement label = browser.findElement(By.cssSelector(".antt-area-label span[data-area-id='" + areaId + "']"));
        js().executeScript("arguments[0].click()", label);
        return waitForArea(areaId);
    }

    static WebElement waitForArea(String areaId) {
        WebElement panel = browser.findElement(By.id("panel"));
        try {
            // Patient: after a write the panel's first figures are computed afresh (coverage, cards), slow under load.
            new WebDriverWait(browser, Duration.ofSeconds(120)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> areaId.equals(panel.getAttribute("data-area-id"))
                    && !d.findElements(By.cssSelector("#panel tr[data-check]")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            shot("wait-for-area-" + areaId + "-failed");
            throw new AssertionError("the panel of " + areaId + " did not open; the panel holds: "
                    + panel.getAttribute("data-area-id") + " | " + panel.getText().replace('\n', '|'), e);
        }
        return panel;
    }

    static String statusOf(String check) {
        return browser.findElement(By.cssSelector("#panel tr[data-check='" + check + "'] .st")).getAttribute("class");
    }

    static vn.anttmap.scoring.Scorecard.CheckResult check(String areaId, String checkId) {
        return services.scoring().scoreArea(areaId, 2023).criteria().stream().flatMap(c -> c.checks().stream())
                .filter(k -> k.checkId().equals(checkId)).findFirst().orElseThrow();
    }

    static List<vn.anttmap.model.Feature> all(vn.anttmap.model.Layer layer) {
        return services.store().query(layer, vn.anttmap.model.FeatureQuery.ALL);
    }

    static void select(String id, String value) {
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id(id))).selectByValue(value);
    }

    static void type(String id, String text) {
        WebElement e = browser.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    static void click(String css) {
        WebElement e = waitUp().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
        js().executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
        waitUp().until(ExpectedConditions.elementToBeClickable(e)).click();
    }

    /** The reason every delete in these tests gives (the page asks for one; it goes into the audit log). */
    static final String DELETE_REASON = "Nhập nhầm";

    /** Answers the page's "delete? why?" question with {@link #DELETE_REASON}. */
    static void acceptConfirm() {
        org.openqa.selenium.Alert question = waitUp().until(ExpectedConditions.alertIsPresent());
        assertThat(question.getText()).isEqualTo("Xóa bản ghi này? Lý do xóa (ghi vào nhật ký):");
        question.sendKeys(DELETE_REASON);
        question.accept();
    }

    static void removeAll(vn.anttmap.model.Layer layer, java.util.Set<String> keep) {
        List<String> added = all(layer).stream().map(vn.anttmap.model.Feature::id).filter(id -> !keep.contains(id)).toList();
        if (!added.isEmpty()) {
            services.store().write(new vn.anttmap.store.WriteBatch().delete(layer, added));
        }
    }

    static java.util.Set<String> ids(vn.anttmap.model.Layer layer) {
        java.util.Set<String> out = new java.util.HashSet<>();
        all(layer).forEach(f -> out.add(f.id()));
        return out;
    }

    /**
     * Takes the demo's own register declaration of an area for 2023 out of the store (the demo declares every area's),
     * so that the page offers to declare it; {@link #putBack} restores it.
     */
    static List<vn.anttmap.model.Feature> setAsideDeclaration(String area) {
        var attestations = vn.anttmap.model.Layer.ATTESTATIONS;
        List<vn.anttmap.model.Feature> demo = all(attestations).stream().filter(a -> area.equals(a.text("subject_id"))
                && "register_complete".equals(a.text("check_id")) && Integer.valueOf(2023).equals(a.get("period_year"))).toList();
        services.store().write(new vn.anttmap.store.WriteBatch().delete(attestations,
                demo.stream().map(vn.anttmap.model.Feature::id).toList()));
        return demo;
    }

    static void putBack(List<vn.anttmap.model.Feature> declarations) {
        services.store().write(new vn.anttmap.store.WriteBatch().upsert(vn.anttmap.model.Layer.ATTESTATIONS, declarations));
    }

    @Test
    void anOfficerDeclaresTheRegisterCompleteOnTheCheckItDecidesAndEditsAndDeletesTheDeclaration() {
        var attestations = vn.anttmap.model.Layer.ATTESTATIONS;
        String area = "tdp-quang-trung";
        List<vn.anttmap.model.Feature> demoDeclaration = setAsideDeclaration(area);
        java.util.Set<String> before = ids(attestations);
        // A check computed from incidents that reads undecided for want of the declaration.
        var waiting = services.scoring().scoreArea(area, 2023).criteria().stream().flatMap(c -> c.checks().stream())
                .filter(k -> k.status() == vn.anttmap.scoring.Scorecard.Status.NO_DATA && k.note() != null
                        && k.note().contains(REGISTER_NOT_DECLARED)).findFirst().orElseThrow();
        String checkId = waiting.checkId();
        try {
            openAreaPanel(area);
            assertThat(statusOf(checkId)).contains("no_data");
            assertThat(browser.findElements(By.cssSelector("#declarations li[data-subject-kind='area'][data-check-id='register_complete']"))).isEmpty();
            WebElement declare = browser.findElement(By.cssSelector("#panel tr[data-check='" + checkId + "'] button[data-declare='register_complete']"));
            assertThat(declare.getText()).isEqualTo("Xác nhận sổ theo dõi vụ việc đầy đủ");
            shot("desktop-vi-scorecard-before", "#panel tr[data-check='" + checkId + "']");
            click("#panel tr[data-check='" + checkId + "'] button[data-declare='register_complete']");
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("attestation-form")));
            assertThat(browser.findElement(By.id("att-check_id")).getAttribute("value")).isEqualTo("register_complete");
            assertThat(browser.findElement(By.id("att-period_year")).getAttribute("value")).isEqualTo("2023");
            assertThat(browser.findElement(By.cssSelector("label[for='att-document_ref']")).getText()).isEqualTo("Số văn bản");
            type("att-document_ref", "Sổ theo dõi số 01/2023");
            // Who signs is the signed-in officer, shown and not editable; the free text says more.
            assertThat(browser.findElement(By.id("att-attested_by")).getAttribute("value")).isEqualTo("officer-hh");
            assertThat(browser.findElement(By.id("att-attested_by")).getAttribute("readonly")).isNotNull();
            assertThat(browser.findElement(By.cssSelector("label[for='att-signed_for']")).getText()).isEqualTo("Chức vụ, thay mặt");
            type("att-signed_for", "Phó trưởng Công an phường");
            shot("desktop-vi-declaration-form");
            click("#attestation-form button[type='submit']");
            waitForArea(area);

            var stored = all(attestations).stream().filter(a -> !before.contains(a.id())).toList();
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).text("check_id")).isEqualTo("register_complete");
            assertThat(stored.get(0).text("subject_id")).isEqualTo(area);
            assertThat(stored.get(0).get("attested")).isEqualTo(true);
            assertThat(stored.get(0).text("attested_by")).isEqualTo("officer-hh");
            assertThat(stored.get(0).text("document_ref")).isEqualTo("Sổ theo dõi số 01/2023");
            assertThat(stored.get(0).text("signed_for")).isEqualTo("Phó trưởng Công an phường");
            // The check no longer waits for the declaration: the page shows what the scorer now says.
            var now = check(area, checkId);
            assertThat(now.note() == null ? "" : now.note()).doesNotContain(REGISTER_NOT_DECLARED);
            waitUp().until(d -> statusOf(checkId).contains(now.status().name().toLowerCase(java.util.Locale.ROOT)));
            assertThat(browser.findElements(By.cssSelector("#panel tr[data-check='" + checkId + "'] button[data-declare]"))).isEmpty();
            WebElement listed = browser.findElement(By.cssSelector("#declarations li[data-subject-kind='area'][data-check-id='register_complete']"));
            assertThat(listed.getText()).contains("Xác nhận sổ theo dõi vụ việc về an ninh, trật tự của kỳ đánh giá đã được cập nhật đầy đủ")
                    .contains("Có").contains("officer-hh (Phó trưởng Công an phường)").contains("Sổ theo dõi số 01/2023");
            shot("desktop-vi-scorecard-declared", "#declarations");

            // Edit: the register is not complete after all; the check waits again.
            click("#declarations button[data-edit-attestation='" + stored.get(0).id() + "']");
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("attestation-form")));
            assertThat(browser.findElement(By.id("att-document_ref")).getAttribute("value")).isEqualTo("Sổ theo dõi số 01/2023");
            select("att-attested", "false");
            click("#attestation-form button[type='submit']");
            waitForArea(area);
            waitUp().until(d -> Boolean.FALSE.equals(services.store().get(attestations, stored.get(0).id()).orElseThrow().get("attested")));
            waitUp().until(d -> !d.findElements(By.cssSelector("#panel tr[data-check='" + checkId + "'] button[data-declare='register_complete']")).isEmpty());
            assertThat(browser.findElement(By.cssSelector("#declarations li[data-subject-kind='area'][data-check-id='register_complete']")).getText()).contains("Không");

            // Delete.
            click("#declarations button[data-delete-attestation='" + stored.get(0).id() + "']");
            acceptConfirm();
            waitUp().until(d -> services.store().get(attestations, stored.get(0).id()).isEmpty());
            waitUp().until(d -> d.findElements(By.cssSelector("#declarations li[data-subject-kind='area'][data-check-id='register_complete']")).isEmpty());
            assertThat(browser.findElements(By.cssSelector("#panel tr[data-check='" + checkId + "'] button[data-declare='register_complete']"))).hasSize(1);
        } finally {
            removeAll(attestations, before);
            putBack(demoDeclaration);
        }
    }

    @Test
    void anOfficerRecordsAnExceptionDecisionWhichTheCardListsAndK4dOffersOnlyForceMajeure() {
        var decisions = vn.anttmap.model.Layer.EXCEPTION_DECISIONS;
        java.util.Set<String> before = ids(decisions);
        String area = "tdp-quang-trung";
        var k4b = check(area, "K4b");
        String incident = k4b.evidence().get(0).id();
        try {
            openAreaPanel(area);
            click("#panel tr[data-check='K4b'] button[data-decide='K4b']");
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("exception-form")));
            assertThat(options("exc-check_id")).containsExactly("K4b");
            assertThat(options("exc-exception")).containsExactly("force_majeure", "prompt_handling");
            assertThat(optionTexts("exc-exception")).containsExactly("Bất khả kháng",
                    "Kịp thời phát hiện, giảm thiểu hậu quả và báo cáo ngay");
            select("exc-incident_id", incident);
            type("exc-decided_by", "Trưởng Công an phường");
            type("exc-decided_on", "15/06/2023");
            // Without the document's reference the API refuses: the page says so next to that field and writes nothing.
            type("exc-document_ref", "");
            click("#exception-form button[type='submit']");
            WebElement error = waitUp().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#exception-form .field-error[data-for='document_ref']")));
            assertThat(error.getText()).isEqualTo("Số văn bản: bắt buộc, chưa nhập");
            assertThat(browser.findElement(By.id("exc-document_ref")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.findElement(By.cssSelector("#exception-form .form-error")).getText()).startsWith("Chưa lưu");
            assertThat(ids(decisions)).isEqualTo(before);
            shot("desktop-vi-exception-error");

            type("exc-document_ref", "QĐ 12/QĐ-CAP");
            click("#exception-form button[type='submit']");
            waitForArea(area);
            var stored = all(decisions).stream().filter(d -> !before.contains(d.id())).toList();
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).text("incident_id")).isEqualTo(incident);
            assertThat(stored.get(0).text("exception")).isEqualTo("force_majeure");
            assertThat(stored.get(0).get("decided_on")).isEqualTo(LocalDate.of(2023, 6, 15));
            WebElement listed = waitUp().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#panel tr[data-check='K4b'] .exception[data-decision='" + stored.get(0).id() + "']")));
            assertThat(listed.getText()).contains(incident).contains("Bất khả kháng").contains("Trưởng Công an phường")
                    .contains("15/06/2023").contains("QĐ 12/QĐ-CAP");
            assertThat(browser.findElements(By.cssSelector("#panel tr[data-check='K4b'] .ev > button[data-incident='" + incident + "']"))).isEmpty();
            shot("desktop-vi-exception-listed", "#panel tr[data-check='K4b']");

            // Editing it for K4d: only force majeure is offered.
            click("#panel .exception button[data-edit-decision='" + stored.get(0).id() + "']");
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("exception-form")));
            assertThat(browser.findElement(By.id("exc-document_ref")).getAttribute("value")).isEqualTo("QĐ 12/QĐ-CAP");
            select("exc-check_id", "K4d");
            assertThat(options("exc-exception")).containsExactly("force_majeure");
            select("exc-check_id", "K4b");
            assertThat(options("exc-exception")).containsExactly("force_majeure", "prompt_handling");
            click("#exc-delete");
            acceptConfirm();
            waitForArea(area);
            waitUp().until(d -> services.store().get(decisions, stored.get(0).id()).isEmpty());
            assertThat(browser.findElements(By.cssSelector("#panel .exception"))).isEmpty();

            // From the incident's popup the check is chosen, and K4d again offers force majeure only.
            click("#panel tr[data-check='K4b'] button[data-incident='" + incident + "']");
            click(".leaflet-popup-content button[data-decide-incident='" + incident + "']");
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("exception-form")));
            assertThat(options("exc-check_id")).containsExactly("K4b", "K4d");
            select("exc-check_id", "K4d");
            assertThat(options("exc-exception")).containsExactly("force_majeure");
            assertThat(optionTexts("exc-exception")).containsExactly("Bất khả kháng");
        } finally {
            removeAll(decisions, before);
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> options(String selectId) {
        return (List<String>) js().executeScript("return [...document.getElementById(arguments[0]).options].map((o) => o.value)", selectId);
    }

    @SuppressWarnings("unchecked")
    static List<String> optionTexts(String selectId) {
        return (List<String>) js().executeScript("return [...document.getElementById(arguments[0]).options].map((o) => o.text)", selectId);
    }

    /** Clicks the map in the middle of the first area's shape (dispatched on it: its label may lie on top). */
    static void clickAnArea() {
        js().executeScript("const r = arguments[0].getBoundingClientRect();"
                + "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window,"
                + " clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}));",
                browser.findElements(By.cssSelector("path.antt-area")).get(0));
    }

    @Test
    void anOfficerAddsEditsAndDeletesAnOrganisationOnTheMap() {
        var organisations = vn.anttmap.model.Layer.ORGANISATIONS;
        java.util.Set<String> before = ids(organisations);
        try {
            // The demo's organisations of the ward are on the map already.
            int shown = (int) all(organisations).stream().filter(o -> DemoFiles.WARD_ID.equals(o.text("ward_id"))).count();
            waitUp().until(d -> d.findElements(By.cssSelector("path.antt-organisation")).size() == shown);
            browser.findElement(By.id("new-organisation")).click();
            assertThat(browser.findElement(By.id("status")).getText())
                    .isEqualTo("Bấm vào bản đồ tại vị trí cơ quan, doanh nghiệp hoặc cơ sở giáo dục");
            clickAnArea();
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("organisation-form")));
            assertThat(optionTexts("org-kind")).containsExactly("Cơ quan", "Doanh nghiệp", "Cơ sở giáo dục");
            type("org-name", "Trường Tiểu học Hải Hòa");
            select("org-kind", "school");
            select("org-registered", "true");
            // Registered without the day and the document: refused, both fields named, nothing written.
            click("#organisation-form button[type='submit']");
            WebElement day = waitUp().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#organisation-form .field-error[data-for='registered_on']")));
            assertThat(day.getText()).isEqualTo("Ngày đăng ký (dd/mm/yyyy): bắt buộc khi registered là có: ngày đăng ký");
            assertThat(browser.findElement(By.cssSelector("#organisation-form .field-error[data-for='registration_ref']")).getText())
                    .startsWith("Số văn bản đăng ký: bắt buộc");
            assertThat(ids(organisations)).isEqualTo(before);
            // A day that is not a day is caught on the page.
            type("org-registered_on", "31/02/2023");
            click("#organisation-form button[type='submit']");
            waitUp().until(d -> d.findElement(By.cssSelector("#organisation-form .field-error[data-for='registered_on']")).getText()
                    .equals("Ngày đăng ký (dd/mm/yyyy): Ngày phải theo dạng dd/mm/yyyy"));
            type("org-registered_on", "15/03/2023");
            type("org-registration_ref", "ĐK 03/2023");
            click("#organisation-form button[type='submit']");
            waitUp().until(d -> d.findElement(By.id("organisation-result")).getText().startsWith("Đã lưu: "));
            String id = browser.findElement(By.id("organisation-result")).getText().substring("Đã lưu: ".length());
            var saved = services.store().get(organisations, id).orElseThrow();
            assertThat(saved.text("name")).isEqualTo("Trường Tiểu học Hải Hòa");
            assertThat(saved.text("kind")).isEqualTo("school");
            assertThat(saved.get("assessment_year")).isEqualTo(2023);
            assertThat(saved.get("registered_on")).isEqualTo(LocalDate.of(2023, 3, 15));
            assertThat(saved.get("recognised")).isNull();
            assertThat(saved.text("ward_id")).isEqualTo(DemoFiles.WARD_ID);
            waitUp().until(d -> d.findElements(By.cssSelector("path.antt-org-" + id)).size() == 1);
            assertThat(browser.findElements(By.cssSelector("path.antt-organisation"))).hasSize(shown + 1);
            assertThat(browser.findElements(By.cssSelector(".leaflet-control-layers-overlays label")).stream()
                    .map(l -> l.getAttribute("textContent").trim())).contains("Cơ quan, doanh nghiệp, cơ sở giáo dục");

            // Edit from its popup.
            browser.findElement(By.id("panel-close")).click();
            js().executeScript("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                    browser.findElement(By.cssSelector("path.antt-org-" + id)));
            WebElement popup = waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".leaflet-popup-content")));
            assertThat(popup.getText()).contains("Trường Tiểu học Hải Hòa").contains("Cơ sở giáo dục")
                    .contains("Đăng ký phấn đấu đạt tiêu chuẩn: Có (15/03/2023, ĐK 03/2023)")
                    .contains("Được công nhận đạt tiêu chuẩn: Chưa có kết quả");
            shot("desktop-vi-organisation-popup");
            click(".leaflet-popup-content button[data-edit-organisation='" + id + "']");
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("organisation-form")));
            assertThat(browser.findElement(By.id("org-registered_on")).getAttribute("value")).isEqualTo("15/03/2023");
            type("org-name", "Trường Tiểu học Hải Hòa 2");
            select("org-recognised", "true");
            type("org-recognition_decided_on", "20/12/2023");
            type("org-recognition_ref", "QĐ 88/QĐ-UBND");
            click("#organisation-form button[type='submit']");
            waitUp().until(d -> "Trường Tiểu học Hải Hòa 2".equals(services.store().get(organisations, id).orElseThrow().text("name")));
            assertThat(services.store().get(organisations, id).orElseThrow().get("recognised")).isEqualTo(true);
            // The form opens again at the saved version, so that a delete that follows is not refused as stale.
            waitUp().until(d -> d.findElement(By.id("organisation-result")).getText().equals("Đã lưu: " + id));
            assertThat(browser.findElement(By.id("org-name")).getAttribute("value")).isEqualTo("Trường Tiểu học Hải Hòa 2");

            click("#org-delete");
            acceptConfirm();
            waitUp().until(d -> services.store().get(organisations, id).isEmpty());
            assertThat(services.store().audit("officer-hh", "organisations", null, null, 10))
                    .anySatisfy(e -> {
                        assertThat(e.recordId()).isEqualTo(id);
                        assertThat(e.action()).isEqualTo("delete");
                        assertThat(e.detail()).isEqualTo(DELETE_REASON);
                    });
            waitUp().until(d -> d.findElements(By.cssSelector("path.antt-org-" + id)).isEmpty());
            assertThat(browser.findElements(By.cssSelector("path.antt-organisation"))).hasSize(shown);
        } finally {
            removeAll(organisations, before);
        }
    }

    @Test
    void anIncidentNeedingDetailsIsLinkedFromTheCardToItsForm() {
        var incidents = vn.anttmap.model.Layer.INCIDENTS;
        java.util.Set<String> before = ids(incidents);
        try {
            // A fire recorded without saying whether it was serious.
            browser.findElement(By.id("new-incident")).click();
            clickAnArea();
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-form")));
            select("inc-category", "fire_explosion");
            select("inc-channel", "in_person");
            type("inc-occurred_at", "10/05/2023 10:00");
            assertThat(optionTexts("inc-serious")).containsExactly("Chưa rõ", "Có", "Không");
            assertThat(optionTexts("inc-severity")).contains("Ít nghiêm trọng", "Đặc biệt nghiêm trọng");
            click("#incident-form button[type='submit']");
            waitUp().until(d -> d.findElement(By.id("incident-result")).getText().startsWith("Đã lưu: "));
            String id = browser.findElement(By.id("incident-result")).getText().substring("Đã lưu: ".length());
            String area = services.store().get(incidents, id).orElseThrow().text("area_id");
            var k4d = check(area, "K4d");
            assertThat(k4d.missing()).extracting(e -> e.id()).contains(id);

            openAreaPanel(area);
            WebElement missing = browser.findElement(By.cssSelector("#panel tr[data-check='K4d'] .missing"));
            assertThat(missing.getText()).startsWith("Cần bổ sung thông tin").contains(id);
            shot("desktop-vi-needs-details", "#panel tr[data-check='K4d']");
            click("#panel tr[data-check='K4d'] .missing button[data-edit-incident='" + id + "']");
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("incident-form")));
            assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Sửa vụ việc " + id);
            assertThat(browser.findElement(By.id("inc-category")).getAttribute("value")).isEqualTo("fire_explosion");
            assertThat(browser.findElement(By.id("inc-occurred_at")).getAttribute("value")).isEqualTo("10/05/2023 10:00");
            select("inc-serious", "false");
            type("inc-deaths", "0");
            click("#incident-form button[type='submit']");
            waitForArea(area);
            waitUp().until(d -> Boolean.FALSE.equals(services.store().get(incidents, id).orElseThrow().get("serious")));
            assertThat(browser.findElements(By.cssSelector("#panel tr[data-check='K4d'] .missing button[data-edit-incident='" + id + "']"))).isEmpty();
        } finally {
            removeAll(incidents, before);
        }
    }

    /**
     * Issue 22: on a phone, an officer moves an incident one step (received → assigned, naming whom) from its popup;
     * the popup then shows the new status with the step's time and author, the store and the audit log have it, and
     * the figures bar gives the period's handling as the figures endpoint does.
     */
    @Test
    void onAPhoneAnOfficerAssignsAnIncidentFromItsPopup() {
        var incidents = vn.anttmap.model.Layer.INCIDENTS;
        java.util.Set<String> before = ids(incidents);
        org.openqa.selenium.Dimension desktop = browser.manage().window().getSize();
        String id = "vv-browser-life";
        try {
            var at = services.store().get(vn.anttmap.model.Layer.AREAS, "tdp-quang-trung").orElseThrow().geometry().getInteriorPoint();
            services.edits().create(new vn.anttmap.auth.Principal("officer-hh", vn.anttmap.model.Account.Role.OFFICER,
                    DemoFiles.WARD_ID), incidents, new vn.anttmap.io.RawRecord("test", id, at, Map.of(
                    "occurred_at", "2023-05-12T08:00:00+07:00", "category", "dispute", "channel", "hotline_113",
                    "description", "Tranh chấp lối đi", "status", "received", "received_at", "2023-05-12T08:10:00+07:00",
                    "received_by", "trực ban 113")));
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.navigate().refresh();
            waitUp().until(MapPageBrowserTest::loaded);
            var handling = services.stats().stats(DemoFiles.WARD_ID, null, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 8, 31))
                    .handling();
            assertThat(figure("received")).startsWith("Tiếp nhận: " + handling.received());
            assertThat(figure("handled")).isEqualTo("Đã xử lý: " + handling.handled());
            assertThat(figure("open")).isEqualTo("Đang xử lý: " + handling.open());
            if (handling.medianHoursToHandle() == null) {
                assertThat(figure("median")).isEqualTo("Thời gian xử lý (trung vị): chưa có số liệu");
            } else {
                assertThat(figure("median")).matches("Thời gian xử lý \\(trung vị\\): \\d+(,\\d)? giờ");
            }
            String open = "window.anttMap.eachLayer((g) => { if (g.zoomToShowLayer && g.eachLayer) g.eachLayer((m) => {"
                    + " if (m.options.incidentId === arguments[0]) g.zoomToShowLayer(m, () => m.openPopup()); }); });";
            js().executeScript(open, id);
            WebElement life = waitUp().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".leaflet-popup-content [data-life='" + id + "']")));
            assertThat(life.findElement(By.cssSelector("[data-status]")).getText()).isEqualTo("Đã tiếp nhận");
            assertThat(life.findElement(By.cssSelector("li[data-step='received']")).getText())
                    .isEqualTo("Đã tiếp nhận: 12/05/2023 08:10 · trực ban 113");
            WebElement button = waitUp().until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector(".leaflet-popup-content button[data-step-button='assigned']")));
            assertThat(button.getText()).isEqualTo("Phân công");
            assertThat(fitsTheWindow(".leaflet-popup")).isTrue();
            shot("phone-vi-incident-step");
            // Whom is required: said beside the field, nothing sent.
            button.click();
            assertThat(browser.findElement(By.id("step-assigned_to-error")).getText()).isEqualTo("Giao cho: bắt buộc, chưa nhập");
            assertThat(services.store().get(incidents, id).orElseThrow().get("status")).isEqualTo("received");
            browser.findElement(By.id("step-assigned_to")).sendKeys("Tổ tuần tra 2");
            browser.findElement(By.cssSelector(".leaflet-popup-content button[data-step-button='assigned']")).click();
            waitUp().until(d -> "assigned".equals(services.store().get(incidents, id).orElseThrow().get("status")));
            var saved = services.store().get(incidents, id).orElseThrow();
            assertThat(saved.get("assigned_to")).isEqualTo("Tổ tuần tra 2");
            assertThat(saved.get("assigned_by")).isEqualTo("officer-hh");
            String when = ((java.time.OffsetDateTime) saved.get("assigned_at")).atZoneSameInstant(vn.anttmap.model.VietnamTime.ZONE)
                    .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm"));
            // The map is reloaded and the popup opened again on the new status, with the next step offered.
            WebElement step = waitUp().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".leaflet-popup-content [data-life='" + id + "'] li[data-step='assigned']")));
            assertThat(step.getText()).isEqualTo("Đã phân công: " + when + " · officer-hh → Tổ tuần tra 2");
            assertThat(browser.findElement(By.cssSelector(".leaflet-popup-content [data-life='" + id + "'] [data-status]")).getText())
                    .isEqualTo("Đã phân công");
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".leaflet-popup-content button[data-step-button='verified']")));
            assertThat(services.store().lastAudit("incidents", id).orElseThrow()).satisfies(e -> {
                assertThat(e.action()).isEqualTo("status");
                assertThat(e.username()).isEqualTo("officer-hh");
                assertThat(e.detail()).isEqualTo("received → assigned");
            });
            shot("phone-vi-incident-assigned");
        } finally {
            browser.manage().window().setSize(desktop);
            removeAll(incidents, before);
        }
    }

    @Test
    void onAPhoneInEnglishTheDeclarationFormFitsAndSubmits() {
        var attestations = vn.anttmap.model.Layer.ATTESTATIONS;
        List<vn.anttmap.model.Feature> demoDeclaration = setAsideDeclaration("tdp-quang-trung");
        java.util.Set<String> before = ids(attestations);
        org.openqa.selenium.Dimension desktop = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.findElement(By.id("lang")).click();
            waitUp().until(d -> d.findElement(By.tagName("h1")).getText().equals("Security and order map"));
            String area = "tdp-quang-trung";
            openAreaPanel(area);
            assertThat(fitsTheWindow("#panel")).isTrue();
            assertThat(browser.findElement(By.cssSelector("#declarations h3")).getText()).isEqualTo("Declarations for 2023");
            WebElement declare = browser.findElement(By.cssSelector("#panel button[data-declare='register_complete']"));
            assertThat(declare.getText()).isEqualTo("Declare the incident register complete");
            js().executeScript("arguments[0].scrollIntoView({block: 'center'})", declare);
            shot("phone-en-scorecard");
            click("#add-declaration");
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("attestation-form")));
            assertThat(browser.findElement(By.cssSelector("label[for='att-attested_by']")).getText()).isEqualTo("Declared by *");
            assertThat(optionTexts("att-subject_kind")).containsExactly("Tổ dân phố Quang Trung", wardName());
            // The ward's own declarations and attested checks, when the ward is chosen.
            select("att-subject_kind", "ward");
            assertThat(options("att-check_id")).contains("register_complete", "X2.K4c.management").doesNotContain("registration");
            select("att-subject_kind", "area");
            assertThat(options("att-check_id")).contains("register_complete", "registration", "K4c.management");
            select("att-check_id", "K4c.management");
            type("att-document_ref", "Report 07/BC");
            assertThat(fitsTheWindow("#attestation-form")).isTrue();
            shot("phone-en-declaration-form");
            click("#attestation-form button[type='submit']");
            waitForArea(area);
            String added = all(attestations).stream().map(vn.anttmap.model.Feature::id).filter(id -> !before.contains(id))
                    .findFirst().orElseThrow();
            WebElement listed = waitUp().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#declarations li[data-attestation='" + added + "']")));
            assertThat(listed.getText()).contains("Yes").contains("Residential area").contains("Report 07/BC");
            assertThat(check(area, "K4c.management").status()).isEqualTo(vn.anttmap.scoring.Scorecard.Status.MET);
            waitUp().until(d -> statusOf("K4c.management").contains("met"));
            assertThat(browser.findElement(By.cssSelector("#panel tr[data-check='K4c.management'] button[data-edit-attestation]")).getText())
                    .isEqualTo("Edit the attestation");
            js().executeScript("arguments[0].scrollIntoView({block: 'center'})", listed);
            shot("phone-en-declared");

            // An exception decision without its document on the phone: the refusal in English, next to the field.
            click("#panel tr[data-check='K4b'] button[data-decide='K4b']");
            waitUp().until(ExpectedConditions.visibilityOfElementLocated(By.id("exception-form")));
            assertThat(fitsTheWindow("#exception-form")).isTrue();
            click("#exception-form button[type='submit']");
            WebElement error = waitUp().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#exception-form .field-error[data-for='document_ref']")));
            assertThat(error.getText()).isEqualTo("Document reference: required, not filled in");
            js().executeScript("arguments[0].scrollIntoView({block: 'center'})", error);
            shot("phone-en-exception-error");
        } finally {
            browser.manage().window().setSize(desktop);
            removeAll(attestations, before);
            putBack(demoDeclaration);
        }
    }

    static String wardName() {
        return services.store().get(vn.anttmap.model.Layer.WARDS, DemoFiles.WARD_ID).orElseThrow().text("name");
    }

    /** Whether the element lies within the window's width (nothing to scroll sideways for). */
    static boolean fitsTheWindow(String css) {
        return (Boolean) js().executeScript("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + "return r.left >= 0 && r.right <= window.innerWidth && document.querySelector(arguments[0]).scrollWidth"
                + " <= document.querySelector(arguments[0]).clientWidth + 1;", css);
    }
}
