package io.keyward.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through its chromedriver: the real browser the
 * dashboard is tested in.
 */
final class Chromium {

	static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private Chromium() {
	}

	static WebDriver start() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			throw new AssertionError(
					"Chromium and chromedriver are missing: install the Debian packages 'chromium' and 'chromium-driver'");
		}
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1280,900", "--user-data-dir="
							+ Files.createTempDirectory(Path.of("target"), "chromium-profile").toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		WebDriver browser = new ChromeDriver(service, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return browser;
	}

	/**
	 * Waits up to 10 s until the condition holds, reading the page again where an element
	 * it read was replaced meanwhile: the page the last click or Enter asked for can load
	 * between two reads, leaving the old page's elements stale.
	 * @return the condition's first non-null, non-false answer
	 */
	static <T> T until(WebDriver browser, Function<? super WebDriver, T> condition) {
		return new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(condition);
	}

}
