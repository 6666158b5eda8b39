package io.keyward.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.keyward.testsupport.MutableClock;
import io.keyward.testsupport.clients.MicromdmScepClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in Chromium as a new admin meets it (issue 16): every refusal visible on
 * the enrollments list, every page usable at a phone's 390 px, and the sign-in and a form
 * usable by keyboard alone.
 */
class DashboardLayoutBrowserTests {

	static final String API_KEY = "kw_layout-test-api-key-0123456789abcdefghijklmno";

	static final List<String> PAGES = List.of("/", "/enrollments", "/refusals", "/certificates", "/requests",
			"/authorities", "/challenges", "/profiles", "/mdm-clients", "/tokens", "/webhooks", "/audit", "/admins",
			"/account/password");

	static BrowserSuite running;

	static SuiteClient client;

	static WebDriver browser;

	@BeforeAll
	static void start() throws IOException {
		running = BrowserSuite.start(API_KEY, Map.of(), new MutableClock());
		client = running.client();
		browser = running.browser();
	}

	@AfterAll
	static void stop() {
		if (running != null) {
			running.close();
		}
	}

	@Test
	void whenScepclientIsRefusedBeforeATransactionIsRecordedThenTheRefusalShowsWithItsReason() throws Exception {
		Path dir = Files.createTempDirectory(Path.of("target"), "refused");
		MicromdmScepClient.Enrollment noChallenge = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"), "",
				"refused-no-challenge", Files.createDirectories(dir.resolve("no-challenge")));
		MicromdmScepClient.Enrollment unknownProfile = MicromdmScepClient.enroll(
				client.gatewayUrl("/scep/no-such-profile"), client.mintChallenge(), "refused-unknown-profile",
				Files.createDirectories(dir.resolve("unknown-profile")));
		assertThat(noChallenge.certificate()).as(noChallenge.output()).isEmpty();
		assertThat(unknownProfile.certificate()).as(unknownProfile.output()).isEmpty();

		AdminDashboardBrowserTests.signIn(browser, client);
		browser.get(client.adminUrl("/enrollments"));
		String refusals = AdminDashboardBrowserTests.text(browser, "#refusals");

		assertThat(refusals).contains("challengePassword missing")
			.contains("no-such-profile")
			.contains("unknown SCEP profile");
	}

	@Test
	void whenThePhoneIs390PixelsWideThenNoPageScrollsSidewaysAndSignOutIsReachable() {
		try {
			browser.manage().window().setSize(new Dimension(390, 844));
			AdminDashboardBrowserTests.signIn(browser, client);
			for (String page : PAGES) {
				browser.get(client.adminUrl(page));
				long viewport = number("return window.innerWidth");
				long width = number("return document.documentElement.scrollWidth");
				assertThat(viewport).as("viewport").isLessThanOrEqualTo(390);
				assertThat(width).as(page + " scrolls sideways").isLessThanOrEqualTo(viewport);
				WebElement signOut = browser.findElement(By.cssSelector(".signout button"));
				assertThat(signOut.isDisplayed()).as(page).isTrue();
				long right = number("return Math.ceil(document.querySelector('.signout button')"
						+ ".getBoundingClientRect().right)");
				assertThat(right).as(page + ": Sign out inside the screen").isLessThanOrEqualTo(viewport);
			}
			browser.findElement(By.cssSelector(".signout button")).click();
			new WebDriverWait(browser, Duration.ofSeconds(10))
				.until((driver) -> driver.getCurrentUrl().contains("/login"));
			browser.get(client.adminUrl("/login"));
			assertThat(number("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
		}
		finally {
			browser.manage().window().setSize(new Dimension(1280, 900));
		}
	}

	@Test
	void whenAnAdminSortsAndFiltersTwoListsThenTheTablesFollowAndAPhoneDoesNotScrollSideways() {
		AdminDashboardBrowserTests.signIn(browser, client);
		for (String name : List.of("sorted-b", "sorted-a")) {
			browser.get(client.adminUrl("/tokens"));
			browser.findElement(By.id("name")).sendKeys(name);
			browser.findElement(By.cssSelector("input[name=scopes]")).click();
			browser.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
			AdminDashboardBrowserTests.text(browser, "#new-token");
		}
		browser.get(client.adminUrl("/tokens"));
		browser.findElement(By.id("tokens-q")).sendKeys("sorted-", Keys.ENTER);
		waitForRows("#tokens", List.of("sorted-a", "sorted-b"));
		assertThat(AdminDashboardBrowserTests.text(browser, ".list-shown")).startsWith("2 of ");
		browser.findElement(By.linkText("Name")).click();
		waitForRows("#tokens", List.of("sorted-b", "sorted-a"));
		assertThat(
				browser.findElement(By.xpath("//table[@id='tokens']//th[a[text()='Name']]")).getAttribute("aria-sort"))
			.isEqualTo("descending");
		assertThat(browser.getCurrentUrl()).contains("q=sorted-").contains("dir=desc");

		browser.get(client.adminUrl("/admins"));
		new Select(browser.findElement(By.id("admins-role"))).selectByValue("ADMINISTRATOR");
		browser.findElement(By.cssSelector("form.list-filter button[type=submit]")).click();
		Chromium.until(browser, (driver) -> driver.getCurrentUrl().contains("role=ADMINISTRATOR")
				&& firstCells("#admins").contains("admin"));
		browser.findElement(By.id("admins-q")).sendKeys("no-such-admin", Keys.ENTER);
		assertThat(AdminDashboardBrowserTests.text(browser, "#admins td.empty"))
			.isEqualTo("Nothing matches this filter.");

		try {
			browser.manage().window().setSize(new Dimension(390, 844));
			for (String page : List.of("/tokens?q=sorted-&sort=name&dir=desc", "/admins?role=ADMINISTRATOR")) {
				browser.get(client.adminUrl(page));
				assertThat(number("return document.documentElement.scrollWidth")).as(page + " scrolls sideways")
					.isLessThanOrEqualTo(number("return window.innerWidth"));
			}
		}
		finally {
			browser.manage().window().setSize(new Dimension(1280, 900));
		}
	}

	/**
	 * Wait until the table shows these first cells, in this order (the page the click or
	 * Enter asked for has loaded).
	 */
	private static void waitForRows(String table, List<String> expected) {
		Chromium.until(browser, (driver) -> firstCells(table).equals(expected));
	}

	private static List<String> firstCells(String table) {
		return browser.findElements(By.cssSelector(table + " tbody tr td:first-child"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	@Test
	void whenAnAdminUsesOnlyTheKeyboardThenSignInAndAFormWork() {
		browser.manage().deleteAllCookies();
		browser.get(client.adminUrl("/login"));
		// the browser moves the focus to the autofocus field at its next rendering step,
		// which can come just after the page's load event
		new WebDriverWait(browser, Duration.ofSeconds(5)).withMessage("the username has the focus")
			.until((driver) -> "username".equals(focusedId()));
		new Actions(browser).sendKeys("admin").sendKeys(Keys.TAB).perform();
		assertThat(focusedId()).isEqualTo("password");
		assertThat(focusedHasLabel()).isTrue();
		new Actions(browser).sendKeys(BrowserSuite.ADMIN_PASSWORD).sendKeys(Keys.TAB).perform();
		assertThat(active().getTagName()).isEqualTo("button");
		new Actions(browser).sendKeys(Keys.ENTER).perform();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until((driver) -> !driver.getCurrentUrl().contains("/login"));
		assertThat(browser.getCurrentUrl()).doesNotContain("continue");

		browser.get(client.adminUrl("/account/password"));
		new Actions(browser).sendKeys(Keys.TAB).perform();
		WebElement skip = active();
		assertThat(skip.getText()).isEqualTo("Skip to content");
		assertThat(skip.getRect().getY()).as("the skip link shows when focused").isGreaterThanOrEqualTo(0);
		new Actions(browser).sendKeys(Keys.ENTER).sendKeys(Keys.TAB).perform();
		assertThat(focusedId()).as("the form's first field after skipping the navigation").isEqualTo("currentPassword");
		for (String next : List.of("newPassword", "confirmPassword")) {
			assertThat(focusedHasLabel()).isTrue();
			assertThat(string("return getComputedStyle(document.activeElement).outlineStyle")).as("visible focus")
				.isNotEqualTo("none");
			new Actions(browser).sendKeys(Keys.TAB).perform();
			assertThat(focusedId()).isEqualTo(next);
		}
		assertThat(browser.findElement(By.cssSelector("nav a[aria-current=page]")).getText()).isEqualTo("Account");
	}

	private static WebElement active() {
		return browser.switchTo().activeElement();
	}

	private static String focusedId() {
		return active().getAttribute("id");
	}

	private static boolean focusedHasLabel() {
		return Boolean.TRUE.equals(((JavascriptExecutor) browser)
			.executeScript("return document.activeElement.labels != null && document.activeElement.labels.length > 0"
					+ " || document.activeElement.hasAttribute('aria-label')"));
	}

	private static long number(String script) {
		return ((Number) ((JavascriptExecutor) browser).executeScript(script)).longValue();
	}

	private static String string(String script) {
		return String.valueOf(((JavascriptExecutor) browser).executeScript(script));
	}

}
