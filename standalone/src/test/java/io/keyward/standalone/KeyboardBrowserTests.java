package io.keyward.standalone;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import io.keyward.api.SerialNumbers;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, the dashboard by keyboard alone (Tab, Shift+Tab, Enter, Space; no clicks) in
 * Chromium: on every page a skip link to the main content, a visible focus, a label for
 * every field and a name for every table; then an admin's round: the navigation, a
 * search, a certificate opened and revoked (with its confirmation), a challenge minted.
 */
class KeyboardBrowserTests {

	static final String API_KEY = "kw_keyboard-test-api-key-0123456789abcdefghijklmn";

	/**
	 * A field without a label, or a table without a name, on the page (none expected).
	 */
	static final String UNNAMED = """
			const named = (e) => e.hasAttribute('aria-label') || e.hasAttribute('aria-labelledby');
			const fields = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
				.filter((e) => !named(e) && (e.labels == null || e.labels.length == 0))
				.map((e) => e.outerHTML.substring(0, 80));
			const tables = [...document.querySelectorAll('table')]
				.filter((t) => !named(t) && t.querySelector('caption') == null)
				.map((t) => t.outerHTML.substring(0, 80));
			return fields.concat(tables);
			""";

	static final String FOCUSABLE_IN_MAIN = "return document.querySelector('main').querySelector('a[href], button, "
			+ "input:not([type=hidden]), select, textarea, summary') != null";

	static BrowserSuite running;

	static SuiteClient client;

	static WebDriver browser;

	static String serial;

	@BeforeAll
	static void start() throws Exception {
		running = BrowserSuite.start(API_KEY, Map.of(), new MutableClock());
		client = running.client();
		browser = running.browser();
		// written CN first, as clients do: stored O=Keyboard Test,CN=kb-device
		CertRepResponse enrolled = new ScepDevice(client, "/scep/default", "CN=kb-device,O=Keyboard Test")
			.pkcsReq(client.mintChallenge());
		assertThat(enrolled.status()).isEqualTo(PkiStatus.SUCCESS);
		serial = SerialNumbers.hex(enrolled.certificates().get(0).getSerialNumber());
		signInByKeyboard();
	}

	@AfterAll
	static void stop() {
		if (running != null) {
			running.close();
		}
	}

	@Test
	void whenEveryPageIsWalkedByKeyboardThenTheSkipLinkLeadsToTheContentAndEveryFieldIsNamed() {
		List<String> pages = new ArrayList<>(DashboardLayoutBrowserTests.PAGES);
		pages.add("/certificates/" + serial);
		for (String page : pages) {
			browser.get(client.adminUrl(page));
			keys(Keys.TAB);
			WebElement skip = active();
			assertThat(skip.getText()).as(page).isEqualTo("Skip to content");
			assertThat(skip.getRect().getY()).as(page + ": the skip link shows when focused").isGreaterThanOrEqualTo(0);
			assertVisibleFocus(page);
			keys(Keys.ENTER);
			assertThat(script("return document.activeElement.id")).as(page + ": the skip link's target")
				.isEqualTo("main");
			if (Boolean.TRUE.equals(script(FOCUSABLE_IN_MAIN))) {
				keys(Keys.TAB);
				assertThat(script("return document.activeElement.closest('main') != null"))
					.as(page + ": after skipping")
					.isEqualTo(true);
				assertVisibleFocus(page);
			}
			assertThat((List<?>) script(UNNAMED)).as(page + ": fields without a label, tables without a name")
				.isEmpty();
		}
	}

	@Test
	void whenAnAdminWorksByKeyboardThenNavigationSearchRevocationAndMintingWork() {
		browser.get(client.adminUrl("/"));
		keys(Keys.TAB);
		tabUntil("the Certificates link", (e) -> "Certificates".equals(e.getText()));
		new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
		assertThat(active().getText()).isEqualTo("Enrollments");
		keys(Keys.TAB);
		keys(Keys.ENTER);
		waitFor("/certificates page", (driver) -> driver.getCurrentUrl().endsWith("/certificates"));
		assertThat(browser.findElement(By.cssSelector("nav a[aria-current=page]")).getText()).isEqualTo("Certificates");

		tabUntil("the search box", (e) -> "q".equals(e.getAttribute("id")));
		new Actions(browser).sendKeys("kb-device").sendKeys(Keys.ENTER).perform();
		waitFor("the search's results", (driver) -> driver.getCurrentUrl().contains("q=kb-device"));
		tabUntil("the certificate's link", (e) -> serial.equals(e.getText()));
		keys(Keys.ENTER);
		waitFor("the certificate", (driver) -> driver.getCurrentUrl().endsWith("/certificates/" + serial));

		tabUntil("the revocation reason", (e) -> "reason".equals(e.getAttribute("id")));
		new Actions(browser).sendKeys("keyCompromise").perform();
		assertThat(script("return document.activeElement.value")).isEqualTo("keyCompromise");
		keys(Keys.TAB);
		new Actions(browser).sendKeys("lost by keyboard").perform();
		keys(Keys.TAB);
		assertThat(active().getAttribute("id")).isEqualTo("confirm");
		keys(Keys.SPACE);
		assertThat(active().isSelected()).as("confirmed").isTrue();
		keys(Keys.TAB);
		assertThat(active().getText()).isEqualTo("Revoke certificate");
		keys(Keys.ENTER);
		WebElement notice = waitFor("the revocation's notice",
				(driver) -> driver.findElements(By.cssSelector("[role=status]"))
					.stream()
					.filter((e) -> e.getText().contains("revoked (keyCompromise)"))
					.findFirst()
					.orElse(null));
		assertThat(notice.isDisplayed()).isTrue();

		browser.get(client.adminUrl("/challenges"));
		tabUntil("the MDM client", (e) -> "client".equals(e.getAttribute("id")));
		new Actions(browser).sendKeys("bootstrap").perform();
		tabUntil("the mint button", (e) -> "Mint challenge".equals(e.getText()));
		keys(Keys.ENTER);
		WebElement minted = waitFor("the minted challenge", (driver) -> driver.findElement(By.id("new-challenge")));
		assertThat(minted.getText()).isNotBlank();
		assertThat(browser.findElement(By.id("minted")).getAttribute("role")).isEqualTo("status");
	}

	private static void signInByKeyboard() {
		browser.manage().deleteAllCookies();
		browser.get(client.adminUrl("/login"));
		// typed keys go where the focus is: wait for the autofocus, which the browser
		// applies at its next rendering step after the load event
		waitFor("the username's autofocus",
				(driver) -> "username".equals(script("return document.activeElement.id")) ? true : null);
		new Actions(browser).sendKeys("admin")
			.sendKeys(Keys.TAB)
			.sendKeys(BrowserSuite.ADMIN_PASSWORD)
			.sendKeys(Keys.ENTER)
			.perform();
		waitFor("sign-in", (driver) -> !driver.getCurrentUrl().contains("/login"));
	}

	/**
	 * Tab forward until the focused element is the one wanted, at most through the page's
	 * every focusable element.
	 */
	private static void tabUntil(String what, Predicate<WebElement> wanted) {
		for (int i = 0; i < 200; i++) {
			if (wanted.test(active())) {
				assertVisibleFocus(what);
				return;
			}
			keys(Keys.TAB);
		}
		throw new AssertionError(what + " is not reachable by Tab on " + browser.getCurrentUrl());
	}

	private static void assertVisibleFocus(String where) {
		assertThat(script("return getComputedStyle(document.activeElement).outlineStyle"))
			.as(where + ": visible focus on " + active().getTagName())
			.isNotEqualTo("none");
	}

	private static void keys(Keys key) {
		new Actions(browser).sendKeys(key).perform();
	}

	private static WebElement active() {
		return browser.switchTo().activeElement();
	}

	private static Object script(String script) {
		return ((JavascriptExecutor) browser).executeScript(script);
	}

	private static <T> T waitFor(String what, Function<WebDriver, T> condition) {
		return new WebDriverWait(browser, Duration.ofSeconds(10)).withMessage(what).until(condition::apply);
	}

}
