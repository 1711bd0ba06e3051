package vn.anttmap.web;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Path;

/**
 * How the browser tests and the page benchmark start Chromium: headless, offline-friendly (no background networking,
 * no component updates), a desktop window of 1280 × 900, Vietnamese, in a profile directory of its own.
 */
public final class Chromium {
    private Chromium() {
    }

    /** The options every browser here starts with; callers add their own (console logs, page-load strategy). */
    public static ChromeOptions options(Path binary, Path profile) {
        return new ChromeOptions().setBinary(binary.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=vi", "--user-data-dir=" + profile);
    }

    /** A browser driven through {@code driver} on a free port. */
    public static ChromeDriver start(Path driver, ChromeOptions options) {
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build(),
                options);
    }
}
