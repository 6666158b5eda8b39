package io.keyward.standalone;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, the dashboard by keyboard alone (Tab, Shift+Tab, Enter, Space; no clicks) in
 * Chromium: on every page a skip link to the main content, a visible focus, a label for
 * every field and a name for every table; then an admin's round: the navigation, a
 * search, a certificate opened and revoked (with its confirmation), a challenge minted;
 * and every list ({@link #LISTS}) sorted, filtered, exported and paged, every control on
 * the way named and outlined.
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

	/**
	 * The focused element, what the Tab walks test it by (tag, text, id, rel, class,
	 * type), and, unless it is the body or main (focused by the skip link, no control),
	 * its outline style, its accessible name as a screen reader finds it (aria-label, the
	 * element aria-labelledby names, its label, or the text of a link or button) and its
	 * start, for the message. One call for each Tab stop: every control the Tab key stops
	 * at on the way must be outlined and named.
	 */
	static final String FOCUSED = """
			const e = document.activeElement;
			const seen = [e, e.tagName.toLowerCase(), (e.innerText || '').trim(),
				...['id', 'rel', 'class', 'type'].map((a) => e.getAttribute(a) || '')];
			if (e === document.body || e.id === 'main') {
				return seen;
			}
			const by = e.getAttribute('aria-labelledby');
			const name = e.getAttribute('aria-label')
				|| (by && document.getElementById(by) ? document.getElementById(by).textContent : null)
				|| (e.labels && e.labels.length > 0 ? e.labels[0].textContent : null)
				|| (['A', 'BUTTON', 'SUMMARY'].includes(e.tagName) ? e.textContent : null) || '';
			return seen.concat([getComputedStyle(e).outlineStyle, name.trim(), e.outerHTML.substring(0, 120)]);
			""";

	/**
	 * The focused element as {@link #FOCUSED} read it, in one call.
	 */
	record Focused(WebElement element, String tag, String text, Map<String, String> attributes) {

		String getTagName() {
			return this.tag;
		}

		String getText() {
			return this.text;
		}

		String getAttribute(String name) {
			return this.attributes.get(name);
		}

	}

	static final String FOCUSABLE_IN_MAIN = "return document.querySelector('main').querySelector('a[href], button, "
			+ "input:not([type=hidden]), select, textarea, summary') != null";

	static BrowserSuite running;

	static SuiteClient client;

	static WebDriver browser;

	static String serial;

	@BeforeAll
	static void start() throws Exception {
		// two rows a page, so that every list below has a next page; an approval profile
		running = BrowserSuite.start(API_KEY,
				Map.of("keyward.admin.page-size", "2", "keyward.gateway.profiles.approval.template", "default",
						"keyward.gateway.profiles.approval.approval", "REQUIRED",
						"keyward.challenge.profiles.approval.template", "default"),
				new MutableClock());
		client = running.client();
		browser = running.browser();
		// written CN first, as clients do: stored O=Keyboard Test,CN=kb-device
		CertRepResponse enrolled = new ScepDevice(client, "/scep/default", "CN=kb-device,O=Keyboard Test")
			.pkcsReq(client.mintChallenge());
		assertThat(enrolled.status()).isEqualTo(PkiStatus.SUCCESS);
		serial = SerialNumbers.hex(enrolled.certificates().get(0).getSerialNumber());
		for (int i = 1; i <= 3; i++) {
			assertThat(new ScepDevice(client, "/scep/default", "CN=kb-list-" + i + ",O=Keyboard Test")
				.pkcsReq(client.mintChallenge())
				.status()).isEqualTo(PkiStatus.SUCCESS);
			assertThat(new ScepDevice(client, "/scep/approval", "CN=kb-waiting-" + i + ",O=Keyboard Test")
				.pkcsReq(client.mintChallenge("approval"))
				.status()).isEqualTo(PkiStatus.PENDING);
		}
		// refusals before a transaction: an unknown profile, more than a page of them
		for (int i = 1; i <= 3; i++) {
			assertThat(client
				.send(HttpRequest
					.newBuilder(URI.create(client.gatewayUrl("/scep/kb-unknown-" + i + "?operation=GetCACaps")))
					.build())
				.statusCode()).isEqualTo(404);
		}
		// outstanding challenges for the MDM client: more than a page of them
		for (int i = 1; i <= 3; i++) {
			client.mintChallenge();
		}
		// more disabled auditors than the admins page shows at once (ListView pages 50
		// rows); disabled, their rows have no forms to Tab through on the way to the
		// pager
		client.update("insert into admin.admin_user (username, password_hash, created_at, role, created_by, "
				+ "disabled_at, disabled_by) select 'kb-auditor-' || n, '{noop}never-used', now(), 'AUDITOR', "
				+ "'keyboard-test', now(), 'keyboard-test' " + "from generate_series(1, 60) n");
		signInOverHttp();
		signInOverHttp();
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

	/**
	 * Each list's controls as a keyboard user meets them: a sort header (its link's text)
	 * and what its activation adds to the URL, a filter (the control's id, the value to
	 * choose, what the applied filter adds to the URL) and the CSV link's text. Every
	 * list has more rows than a page, so each also has a next page. A new list is one
	 * more row.
	 *
	 * @param path the list's page
	 * @param header the sort header's link text
	 * @param sorted what the URL holds once sorted by it
	 * @param filter the filter control's id
	 * @param value the value to choose in it
	 * @param filtered what the URL holds once the filter is applied
	 * @param csv the CSV link's text
	 */
	record ListControls(String path, String header, String sorted, String filter, String value, String filtered,
			String csv) {
	}

	static final List<ListControls> LISTS = List.of(
			new ListControls("/certificates", "Subject", "sort=subject:asc", "status", "VALID", "status=VALID",
					"Export CSV"),
			new ListControls("/enrollments", "Subject", "sort=subject:asc", "status", "issued", "status=issued",
					"Export CSV"),
			new ListControls("/requests", "Subject", "sort=subject:asc", "profile", "approval", "profile=approval",
					"Export CSV"),
			new ListControls("/audit", "Actor", "sort=actor:asc", "actor", "admin:admin", "actor=admin:admin", "CSV"),
			new ListControls("/admins", "Role", "sort=role", "admins-state", "disabled", "state=disabled",
					"Export CSV"),
			new ListControls("/challenges", "Expires (UTC)", "sort=expires", "profile", "default", "profile=default",
					"Export CSV"),
			new ListControls("/refusals", "Reason", "sort=failInfo", "refusals-failInfo", "http404", "failInfo=http404",
					"Export CSV"));

	@Test
	void whenEachListIsWorkedByKeyboardThenItSortsFiltersExportsAndPages() {
		// every list walked, whichever fails, so that one run names every list's problem
		List<String> failures = new ArrayList<>();
		for (ListControls list : LISTS) {
			try {
				walk(list);
			}
			catch (AssertionError | WebDriverException ex) {
				failures.add(list.path() + ": " + ex.getMessage());
			}
		}
		assertThat(failures).isEmpty();
	}

	private static void walk(ListControls list) {
		browser.get(client.adminUrl(list.path()));
		skipToContent();
		String where = list.path() + " ";
		tabUntil(where + "sort header " + list.header(), (e) -> "a".equals(e.getTagName())
				&& list.header().equals(e.getText()) && e.getAttribute("class").contains("sort"));
		keys(Keys.ENTER);
		waitFor(where + "sorted", (driver) -> url().contains(list.sorted()) ? true : null);
		skipToContent();
		assertThat(browser.findElement(By.xpath("//th[a[normalize-space()='" + list.header() + "']]"))
			.getAttribute("aria-sort")).as(where + "the sort indicator").isIn("ascending", "descending");

		tabUntil(where + "filter " + list.filter(), (e) -> list.filter().equals(e.getAttribute("id")));
		for (int i = 0; i < 100 && !list.value().equals(script("return document.activeElement.value")); i++) {
			keys(Keys.ARROW_DOWN);
		}
		assertThat(script("return document.activeElement.value")).as(where + "filter chosen by arrow keys")
			.isEqualTo(list.value());
		tabUntil(where + "the filter's submit button",
				(e) -> "button".equals(e.getTagName()) && "submit".equals(e.getAttribute("type")));
		keys(Keys.ENTER);
		waitFor(where + "filtered", (driver) -> url().contains(list.filtered()) ? true : null);
		skipToContent();
		assertThat(url()).as(where + "the order kept by the filter").contains(list.sorted());

		WebElement csv = tabUntil(where + "the CSV link",
				(e) -> "a".equals(e.getTagName()) && list.csv().equals(e.getText()));
		assertThat(URLDecoder.decode(csv.getAttribute("href"), StandardCharsets.UTF_8))
			.as(where + "the CSV keeps the filter and order")
			.contains(list.filtered())
			.contains(list.sorted());

		String first = url();
		tabUntil(where + "the next page link", (e) -> "next".equals(e.getAttribute("rel")));
		keys(Keys.ENTER);
		waitFor(where + "the next page", (driver) -> !url().equals(first) ? true : null);
		assertThat(url()).as(where + "the next page keeps the filter and order")
			.contains(list.filtered())
			.contains(list.sorted());
		assertThat(browser.findElements(By.cssSelector("[rel=prev], [rel=first]"))).as(where + "a way back")
			.isNotEmpty();
	}

	/**
	 * Past the navigation as a keyboard user goes, once the page has loaded: Tab to the
	 * skip link, Enter.
	 */
	private static void skipToContent() {
		waitFor("the page loaded", (driver) -> "complete".equals(script("return document.readyState")) ? true : null);
		assertThat(script("return document.activeElement === document.body")).as("the focus at the page's start")
			.isEqualTo(true);
		keys(Keys.TAB);
		assertThat(active().getText()).as("the first Tab stop").isEqualTo("Skip to content");
		keys(Keys.ENTER);
	}

	private static String url() {
		return URLDecoder.decode(browser.getCurrentUrl(), StandardCharsets.UTF_8);
	}

	/**
	 * Signs the admin in once more without the browser (one more {@code admin_signed_in}
	 * record for the audit list's pages).
	 */
	private static void signInOverHttp() throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String page = http
			.send(HttpRequest.newBuilder(URI.create(client.adminUrl("/login"))).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
		assertThat(csrf.find()).as("the sign-in form's CSRF token").isTrue();
		String form = "username=admin&password="
				+ URLEncoder.encode(BrowserSuite.ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(client.adminUrl("/login")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.headers().firstValue("Location")).as("signed in")
			.hasValueSatisfying((to) -> assertThat(to).doesNotContain("error"));
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
	private static WebElement tabUntil(String what, Predicate<Focused> wanted) {
		for (int i = 0; i < 300; i++) {
			List<?> seen = (List<?>) script(FOCUSED);
			if (seen.size() > 7) {
				assertThat(seen.get(7)).as(what + ": visible focus on " + seen.get(9)).isNotEqualTo("none");
				assertThat(seen.get(8)).as(what + ": an accessible name for " + seen.get(9)).asString().isNotBlank();
			}
			Focused focused = new Focused((WebElement) seen.get(0), (String) seen.get(1), (String) seen.get(2),
					Map.of("id", (String) seen.get(3), "rel", (String) seen.get(4), "class", (String) seen.get(5),
							"type", (String) seen.get(6)));
			if (wanted.test(focused)) {
				return focused.element();
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
		return new WebDriverWait(browser, Duration.ofSeconds(10)).pollingEvery(Duration.ofMillis(50))
			.withMessage(what)
			.until(condition::apply);
	}

}
