package io.keyward.standalone;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import io.keyward.api.SerialNumbers;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.testsupport.MutableClock;
import io.keyward.testsupport.clients.MicromdmScepClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An admin's day in a real browser (Debian's Chromium through its chromedriver) against
 * the whole suite: sign in, find a certificate whose subject carries {@code <script>} and
 * see it as text, revoke it, approve a request that waits for approval and watch the
 * device's next CertPoll get its certificate; see the sign-in page say to wait after
 * guessed passwords, and the Audit page show a hostile username as text and verify the
 * chain, as {@code ./keyward audit verify} does; create an MDM client, see its key once,
 * mint with it, rotate its key.
 */
class AdminDashboardBrowserTests {

	static final String API_KEY = "kw_browser-test-api-key-0123456789abcdefghijklm";

	static final String ADMIN_TOKEN = "kwa_browser-test-admin-token-0123456789abcdefghij";

	static final String HOSTILE_SUBJECT = "CN=<script>alert(1)</script>,O=Browser Test";

	static BrowserSuite running;

	static SuiteClient client;

	static WebDriver browser;

	@BeforeAll
	static void start() throws IOException {
		running = BrowserSuite.start(API_KEY,
				Map.of("keyward.admin.bootstrap-token", ADMIN_TOKEN, "keyward.gateway.profiles.approval.template",
						"default", "keyward.gateway.profiles.approval.approval", "REQUIRED",
						"keyward.challenge.profiles.approval.template", "default"),
				new MutableClock());
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
	void whenAnAdminFindsACertificateThenTheHostileSubjectIsTextAndTheRevocationReachesTheCa() throws Exception {
		CertRepResponse enrolled = new ScepDevice(client, "/scep/default", HOSTILE_SUBJECT)
			.pkcsReq(client.mintChallenge());
		assertThat(enrolled.status()).isEqualTo(PkiStatus.SUCCESS);
		String serial = SerialNumbers.hex(enrolled.certificates().get(0).getSerialNumber());

		signIn(browser, client);
		browser.get(client.adminUrl("/certificates"));
		// subjects match by prefix; contains: is the substring search
		// (docs/admin-dashboard.md)
		browser.findElement(By.id("q")).sendKeys("contains:\"Browser Test\"");
		browser.findElement(By.cssSelector("form.search button")).click();
		// the unfiltered list can still be there, with the same link, until the search's
		// page loads
		new WebDriverWait(browser, Duration.ofSeconds(10)).until((driver) -> driver.getCurrentUrl().contains("q="));
		Chromium.until(browser, (driver) -> {
			driver.findElement(By.linkText(serial)).click();
			return true;
		});
		screenshot(browser, "certificate-detail");

		// the subject is shown as the text it is, and nothing ran
		// the ca-adapter records the DN as RFC 2253 prints it, a backslash before < and >
		assertThat(browser.findElement(By.id("subject")).getText()).contains("<script").contains("alert(1)");
		assertThat(browser.findElements(By.cssSelector("#subject script"))).isEmpty();
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> browser.switchTo().alert());

		new Select(browser.findElement(By.id("reason"))).selectByValue("keyCompromise");
		browser.findElement(By.id("comment")).sendKeys("lost in a taxi");
		browser.findElement(By.cssSelector("#revoke button")).click();
		// the confirmation box is required: the browser does not send the form without it
		assertThat(browser.findElements(By.cssSelector(".notice"))).isEmpty();
		browser.findElement(By.id("confirm")).click();
		browser.findElement(By.cssSelector("#revoke button")).click();
		assertThat(text(browser, ".notice", "revoked (keyCompromise)")).contains("revoked (keyCompromise)");
		screenshot(browser, "certificate-revoked");
		HttpResponse<String> revoked = adminApi("/api/v1/certificates/" + serial);
		assertThat(revoked.body()).contains("\"status\":\"REVOKED\"")
			.contains("\"revocationReason\":\"keyCompromise\"")
			.contains("\"revokedBy\":\"admin:admin\"");
	}

	/**
	 * Issue 14: a challenge minted over the MDM API, redeemed by micromdm's scepclient,
	 * is followed by one correlation id through the admin API, the documented SQL over
	 * the three schemas, and the enrollment page in the browser.
	 */
	@Test
	void whenScepclientEnrollsWithAMintedChallengeThenOneCorrelationIdFollowsItEverywhere() throws Exception {
		SuiteClient.Minted minted = client.mint("default");
		String id = minted.correlationId();
		assertThat(id).isNotNull();
		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				minted.challenge(), "correlated-device", Files.createTempDirectory(Path.of("target"), "correlated"));
		X509Certificate certificate = enrollment.certificate()
			.orElseThrow(() -> new AssertionError("scepclient got no certificate:\n" + enrollment.output()));
		String serial = SerialNumbers.hex(certificate.getSerialNumber());

		// the challenge-service records the certificate on the challenge's life when the
		// gateway's ISSUED event reaches it, asynchronously (its outbox): wait for it
		String query = documentedQuery();
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (client.count("select count(*) from (" + query + ") steps", id, id, id) < 5
				&& System.nanoTime() < deadline) {
			Thread.sleep(200);
		}

		HttpResponse<String> history = adminApi("/api/v1/enrollments/" + id);
		assertThat(history.statusCode()).isEqualTo(200);
		assertThat(history.body()).contains("\"type\":\"MINTED\"")
			.contains("\"type\":\"REDEEMED\"")
			.contains("\"status\":\"ISSUED\"")
			.contains("\"certificateSerial\":\"" + serial + "\"")
			.contains("\"serialNumber\":\"" + serial + "\"");
		// the challenge, the transaction and the certificate each name the id
		assertThat(history.body().split("\"correlationId\":\"" + id + "\"", -1)).hasSize(5);

		// the challenge (minted, redeemed, its certificate), the request, the certificate
		assertThat(client.count("select count(*) from (" + query + ") steps", id, id, id)).isEqualTo(5);
		assertThat(client.text(
				"select string_agg(step || ' ' || what, ',' order by step, what) from (" + query + ") steps", id, id,
				id))
			.isEqualTo(
					"certificate ISSUED,challenge ISSUED,challenge MINTED,challenge REDEEMED,request PKCSReq ISSUED");

		signIn(browser, client);
		browser.get(client.adminUrl("/certificates/" + serial));
		browser.findElement(By.id("enrollment-link")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until((driver) -> driver.getCurrentUrl().endsWith("/enrollments/" + id));
		screenshot(browser, "enrollment");
		assertThat(text(browser, "#challenge-events", "MINTED", "REDEEMED")).contains("MINTED").contains("REDEEMED");
		assertThat(text(browser, "#transactions", "Issued", serial)).contains("Issued").contains(serial);
		assertThat(text(browser, "#certificates", serial, "correlated-device", "VALID")).contains(serial)
			.contains("correlated-device")
			.contains("VALID");
	}

	/**
	 * The SQL docs/operations.md gives operators under "Following one enrollment", with
	 * psql's {@code :'id'} as a JDBC parameter.
	 */
	private static String documentedQuery() throws IOException {
		String operations = Files.readString(Path.of("..", "docs", "operations.md"));
		String block = operations.substring(operations.indexOf("<!-- correlation-query -->"));
		block = block.substring(block.indexOf("select"), block.indexOf("```", block.indexOf("select")));
		return block.strip().replaceAll(";$", "").replace(":'id'", "?");
	}

	@Test
	void whenAnAdminApprovesAWaitingRequestThenTheDevicesNextPollGetsItsCertificate() throws Exception {
		ScepDevice waiting = new ScepDevice(client, "/scep/approval", "CN=waiting-device,O=Browser Test");
		assertThat(waiting.pkcsReq(client.mintChallenge("approval")).status()).isEqualTo(PkiStatus.PENDING);

		signIn(browser, client);
		browser.get(client.adminUrl("/requests"));
		WebElement row = browser
			.findElement(By.cssSelector("tr[data-transaction-id='" + waiting.transactionId() + "']"));
		row.findElement(By.cssSelector("form:first-of-type input[name=comment]")).sendKeys("known device");
		row.findElement(By.cssSelector("button.approve")).click();
		assertThat(text(browser, ".notice", "Request approved.")).contains("Request approved.");
		screenshot(browser, "request-approved");

		CertRepResponse polled = waiting.certPoll();
		assertThat(polled.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(polled.certificates().get(0).getSubjectX500Principal().getName()).contains("waiting-device");
	}

	@Test
	void whenSomeoneGuessesPasswordsThenTheSignInPageSaysToWait() throws Exception {
		for (int i = 0; i < 5; i++) {
			signInAs("nobody", "guess number " + i);
		}
		screenshot(browser, "sign-in-locked");

		assertThat(browser.getCurrentUrl()).contains("/login?wait=");
		assertThat(text(browser, "#wait", "Too many failed sign-ins", "Wait 1 minute"))
			.contains("Too many failed sign-ins")
			.contains("Wait 1 minute");
	}

	/**
	 * Issue 16: an administrator creates an auditor, who must choose a password first,
	 * then reads every page without a single change form, and whose forged change gets
	 * the 403 page naming the role.
	 */
	@Test
	void whenAnAuditorSignsInThenEveryPageReadsAndEveryChangeIsRefused() throws Exception {
		String initial = createAdmin("browser-auditor", "AUDITOR");
		firstSignIn("browser-auditor", initial);

		for (String page : new String[] { "/", "/enrollments", "/certificates", "/requests", "/authorities",
				"/challenges", "/profiles", "/mdm-clients", "/tokens", "/webhooks", "/audit", "/admins" }) {
			browser.get(client.adminUrl(page));
			assertThat(browser.findElements(By.cssSelector("main form[method=post]"))).as(page).isEmpty();
			assertThat(browser.findElement(By.tagName("h1")).getText()).as(page).doesNotContain("403");
		}
		assertThat(text(browser, "#admins", "browser-auditor", "AUDITOR")).contains("browser-auditor")
			.contains("AUDITOR");
		screenshot(browser, "auditor-admins");

		// what a hand-made form would send: the server refuses it, with a page that says
		// why
		browser.get(client.adminUrl("/tokens"));
		((JavascriptExecutor) browser).executeScript("""
				const form = document.createElement('form');
				form.method = 'post';
				form.action = '/tokens';
				for (const [name, value] of [['name', 'forged'], ['scopes', 'tokens:manage'],
						['_csrf', document.querySelector('input[name=_csrf]').value]]) {
					const input = document.createElement('input');
					input.type = 'hidden';
					input.name = name;
					input.value = value;
					form.appendChild(input);
				}
				document.body.appendChild(form);
				form.submit();""");
		assertThat(text(browser, "h1")).isEqualTo("403 Forbidden");
		assertThat(text(browser, "main", "Your role (AUDITOR) may read this dashboard but not make this change."))
			.contains("Your role (AUDITOR) may read this dashboard but not make this change.");
		screenshot(browser, "auditor-refused");
		assertThat(adminApi("/api/v1/tokens").body()).doesNotContain("forged");
	}

	/**
	 * Issue 16: an administrator creates an approver and disables it while the approver
	 * is signed in elsewhere; the approver's next request ends on the sign-in page, and
	 * the account cannot sign in again.
	 */
	@Test
	void whenAnAdministratorDisablesAnApproverThenItsSessionEnds() throws Exception {
		String initial = createAdmin("browser-approver", "APPROVER");
		firstSignIn("browser-approver", initial);
		browser.get(client.adminUrl("/requests"));
		Cookie approverSession = browser.manage().getCookieNamed("JSESSIONID");

		signIn();
		browser.get(client.adminUrl("/admins"));
		browser.findElement(By.cssSelector("#admin-browser-approver button.danger")).click();
		assertThat(text(browser, ".notice", "'browser-approver' is disabled"))
			.contains("'browser-approver' is disabled");
		screenshot(browser, "approver-disabled");

		browser.manage().deleteAllCookies();
		browser.manage().addCookie(approverSession);
		browser.get(client.adminUrl("/requests"));
		assertThat(browser.getCurrentUrl()).endsWith("/login?disabled");
		assertThat(text(browser, "#disabled", "this admin account is disabled"))
			.contains("this admin account is disabled");
		signInAs("browser-approver", BrowserSuite.ADMIN_PASSWORD);
		assertThat(browser.getCurrentUrl()).endsWith("/login?error");
		browser.get(client.adminUrl("/audit"));
		assertThat(browser.getCurrentUrl()).contains("/login");
	}

	/**
	 * As the initial administrator, on the admins page.
	 * @return the new account's one-time password as the page shows it
	 */
	private static String createAdmin(String username, String role) {
		signIn();
		browser.get(client.adminUrl("/admins"));
		browser.findElement(By.id("username")).sendKeys(username);
		new Select(browser.findElement(By.id("role"))).selectByValue(role);
		browser.findElement(By.cssSelector("#create-admin button")).click();
		return text(browser, "#initial-password");
	}

	/**
	 * Sign in with the one-time password, land on the password page, choose
	 * {@link BrowserSuite#ADMIN_PASSWORD}.
	 */
	private static void firstSignIn(String username, String initial) {
		browser.manage().deleteAllCookies();
		browser.get(client.adminUrl("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(initial);
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		assertThat(text(browser, "#password-required", "Choose your own password"))
			.contains("Choose your own password");
		browser.get(client.adminUrl("/certificates"));
		assertThat(browser.getCurrentUrl()).endsWith("/account/password?required");
		browser.findElement(By.id("currentPassword")).sendKeys(initial);
		browser.findElement(By.id("newPassword")).sendKeys(BrowserSuite.ADMIN_PASSWORD);
		browser.findElement(By.id("confirmPassword")).sendKeys(BrowserSuite.ADMIN_PASSWORD);
		browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		assertThat(text(browser, ".notice", "Your password has been changed."))
			.contains("Your password has been changed.");
	}

	@Test
	void whenAnAdminOpensTheAuditPageThenSignInsAreThereAsTextAndTheChainVerifies() throws Exception {
		signInAs("<script>alert(2)</script>", "not the password");
		signIn();

		browser.get(client.adminUrl("/audit"));
		screenshot(browser, "audit");
		WebElement table = browser.findElement(By.id("audit"));
		assertThat(table.getText()).contains("admin_signed_in")
			.contains("admin_sign_in_failed")
			.contains("admin:<script>alert(2)</script>");
		assertThat(table.findElements(By.tagName("script"))).isEmpty();
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> browser.switchTo().alert());
		new Select(browser.findElement(By.id("action"))).selectByValue("admin_sign_in_failed");
		browser.findElement(By.cssSelector("form.search button")).click();
		// the filtered page, not the one the click left (whose table goes stale as it
		// loads)
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until((driver) -> driver.getCurrentUrl().contains("action=admin_sign_in_failed"));
		assertThat(text(browser, "#audit", "admin_sign_in_failed")).doesNotContain("admin_signed_in");
		browser.findElement(By.id("verify")).click();
		assertThat(text(browser, "#verdict", "The audit log is intact")).contains("The audit log is intact");

		// the keyward script, as an operator runs it, against this suite's admin-ui
		ProcessBuilder command = new ProcessBuilder(Path.of("..", "keyward").toString(), "audit", "verify")
			.redirectErrorStream(true);
		command.environment().put("KEYWARD_ADMIN_URL", client.adminUrl(""));
		command.environment().put("KEYWARD_ADMIN_TOKEN", ADMIN_TOKEN);
		Process run = command.start();
		String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(run.waitFor()).as(output).isZero();
		assertThat(output).contains("\"intact\":true").contains("Audit log intact.");
	}

	@Test
	void whenAnAdminCreatesAnMdmClientThenItsKeyIsShownOnceMintsAndARotatedOutKeyIsRefused() throws Exception {
		signIn();
		browser.get(client.adminUrl("/mdm-clients"));
		browser.findElement(By.id("name")).sendKeys("browser-mdm");
		browser.findElement(By.id("profiles")).sendKeys("default");
		browser.findElement(By.id("maxOutstanding")).sendKeys("5");
		browser.findElement(By.cssSelector("#create-mdm-client button")).click();
		String first = text(browser, "#new-mdm-key");
		screenshot(browser, "mdm-client-created");

		assertThat(first).matches("kw_[A-Za-z0-9_-]{43}");
		assertThat(mintWith(first, "default").statusCode()).isEqualTo(201);
		assertThat(mintWith(first, "approval").statusCode()).as("a profile it was not given").isEqualTo(403);
		browser.get(client.adminUrl("/mdm-clients"));
		assertThat(browser.findElements(By.id("new-mdm-key"))).as("shown once").isEmpty();
		WebElement row = browser.findElement(By.cssSelector("tr[data-client='browser-mdm']"));
		assertThat(row.findElement(By.cssSelector(".last-used")).getText()).doesNotContain("never");

		row.findElement(By.cssSelector("input[name=label]")).sendKeys("rotation");
		row.findElement(By.xpath(".//button[text()='Add key']")).click();
		String second = text(browser, "#new-mdm-key");
		assertThat(mintWith(second, "default").statusCode()).isEqualTo(201);
		assertThat(mintWith(first, "default").statusCode()).as("both keys work").isEqualTo(201);
		browser.findElement(By.xpath("//tr[@data-client='browser-mdm']//tr[td[text()='initial']]//button")).click();
		assertThat(text(browser, ".notice", "revoked")).contains("revoked");
		screenshot(browser, "mdm-client-key-revoked");

		assertThat(mintWith(first, "default").statusCode()).isEqualTo(401);
		assertThat(mintWith(second, "default").statusCode()).isEqualTo(201);
		browser.get(client.adminUrl("/audit"));
		assertThat(browser.findElement(By.id("audit")).getText()).contains("mdm_client_created")
			.contains("mdm_client_key_added")
			.contains("mdm_client_key_revoked")
			.doesNotContain(first)
			.doesNotContain(second);
	}

	/**
	 * Issue 16: a challenge minted by hand on the Challenges page enrolls a device once;
	 * one revoked on the page enrolls nothing; neither password is listed or audited.
	 */
	@Test
	void whenAnAdminMintsAChallengeByHandThenADeviceEnrollsWithItAndARevokedOneIsRefused() throws Exception {
		signIn();
		browser.get(client.adminUrl("/challenges"));
		new Select(browser.findElement(By.id("client"))).selectByVisibleText("bootstrap");
		browser.findElement(By.cssSelector("#mint-challenge button")).click();
		String password = text(browser, "#new-challenge");
		screenshot(browser, "challenge-minted");

		assertThat(password).matches("[0-9A-F]{16}");
		assertThat(text(browser, "#new-challenge-validity", "(60 minutes)")).contains("(60 minutes)");
		assertThat(text(browser, "#ca-thumbprint")).matches("[0-9A-F]{8}( [0-9A-F]{8}){3}");
		browser.get(client.adminUrl("/challenges"));
		assertThat(browser.findElements(By.id("new-challenge"))).as("shown once").isEmpty();
		assertThat(browser.getPageSource()).doesNotContain(password);
		new Select(browser.findElement(By.id("client"))).selectByVisibleText("bootstrap");
		browser.findElement(By.cssSelector("#mint-challenge button")).click();
		String revoked = text(browser, "#new-challenge");
		String revokedId = text(browser, "#new-challenge-id");
		// the answer lists the client it was minted for, newest first
		browser.findElement(By.cssSelector("#challenges tr[data-challenge='" + revokedId + "'] button")).click();
		assertThat(text(browser, ".notice", "revoked")).contains("revoked");
		screenshot(browser, "challenge-revoked");

		CertRepResponse enrolled = new ScepDevice(client, "/scep/default", "CN=hand-minted,O=Browser Test")
			.pkcsReq(password);
		assertThat(enrolled.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(new ScepDevice(client, "/scep/default", "CN=revoked-hand-minted,O=Browser Test").pkcsReq(revoked)
			.status()).isEqualTo(PkiStatus.FAILURE);
		browser.get(client.adminUrl("/audit"));
		assertThat(browser.findElement(By.id("audit")).getText()).contains("challenge_minted")
			.contains("challenge_revoked")
			.doesNotContain(password)
			.doesNotContain(revoked);
	}

	/**
	 * Issue 16: an MDM client's outstanding challenges sort by minted and expiry time
	 * either way (the challenge-service's keyset in SQL) and filter by profile, in
	 * Chrome; the CSV link keeps the filter and order.
	 */
	@Test
	void whenAnAdminSortsAndFiltersTheOutstandingChallengesThenTheListFollows() throws Exception {
		HttpResponse<String> created = adminApiPost(ADMIN_TOKEN, "/api/v1/mdm-clients",
				"{\"name\":\"sort-mdm\",\"scopes\":[\"challenge:mint\"],\"profiles\":[\"default\",\"approval\"]}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		signIn();
		String approval = mintOnThePage("sort-mdm", "approval");
		String other = mintOnThePage("sort-mdm", "default");
		assertThat(rowsOfChallenges()).as("newest minted first").containsExactly(other, approval);

		sortBy("Minted (UTC)", "sort=created:asc");
		assertThat(rowsOfChallenges()).containsExactly(approval, other);
		assertThat(browser.findElement(By.xpath("//th[a[text()='Minted (UTC)']]")).getAttribute("aria-sort"))
			.isEqualTo("ascending");
		sortBy("Expires (UTC)", "sort=expires:asc");
		assertThat(rowsOfChallenges()).containsExactly(approval, other);
		sortBy("Expires (UTC)", "sort=expires:desc");
		assertThat(rowsOfChallenges()).containsExactly(other, approval);

		new Select(browser.findElement(By.id("profile"))).selectByValue("approval");
		browser.findElement(By.cssSelector("#challenge-filter button[type=submit]")).click();
		loaded(browser, "profile=approval");
		assertThat(browser.getCurrentUrl()).as("the order kept").contains("sort=expires%3Adesc");
		assertThat(rowsOfChallenges()).containsExactly(approval);
		assertThat(browser.findElement(By.cssSelector("#challenge-filter a.csv-export")).getAttribute("href"))
			.contains("/challenges.csv?client=")
			.contains("profile=approval")
			.contains("sort=expires:desc");
		screenshot(browser, "challenges-sorted-filtered");
	}

	/**
	 * @return the id of the challenge minted with the Challenges page's form
	 */
	private static String mintOnThePage(String mdmClient, String profile) {
		browser.get(client.adminUrl("/challenges"));
		new Select(browser.findElement(By.id("client"))).selectByVisibleText(mdmClient);
		WebElement field = browser.findElement(By.id("mint-profile"));
		field.clear();
		field.sendKeys(profile);
		browser.findElement(By.cssSelector("#mint-challenge button")).click();
		return text(browser, "#new-challenge-id", "-");
	}

	private static void sortBy(String header, String order) {
		browser.findElement(By.xpath("//table[@id='challenges']//th/a[text()='" + header + "']")).click();
		loaded(browser, order);
	}

	/**
	 * Waits for the page at a URL holding {@code part} to have loaded whole.
	 */
	static void loaded(WebDriver browser, String part) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until((driver) -> driver.getCurrentUrl().contains(part)
				&& "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
	}

	/** The ids of the challenges list's rows, in order. */
	private static java.util.List<String> rowsOfChallenges() {
		return browser.findElements(By.cssSelector("#challenges tr[data-challenge]"))
			.stream()
			.map((row) -> row.getAttribute("data-challenge"))
			.toList();
	}

	/**
	 * Issue 16: an admin API token holding only {@code challenges:manage} (created over
	 * the API with the bootstrap token) mints a challenge for the bootstrap MDM client;
	 * micromdm's scepclient enrolls with it, after which it is no longer outstanding, and
	 * the mint is audited with the token's name, never the password.
	 */
	@Test
	void whenAChallengeIsMintedOverTheAdminApiThenScepclientEnrollsWithItAndItLeavesTheOutstandingList()
			throws Exception {
		HttpResponse<String> created = adminApiPost(ADMIN_TOKEN, "/api/v1/tokens",
				"{\"name\":\"hand-minter\",\"scopes\":[\"challenges:manage\"]}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String token = created.body().replaceAll("(?s).*\"token\":\"(kwa_[^\"]+)\".*", "$1");
		String clients = adminApi("/api/v1/mdm-clients").body();
		String bootstrap = clients.replaceAll("(?s).*\\{\"id\":(\\d+),\"name\":\"bootstrap\".*", "$1");
		assertThat(bootstrap).as(clients).matches("\\d+");

		HttpResponse<String> minted = adminApiPost(token, "/api/v1/challenges",
				"{\"client\":" + bootstrap + ",\"profile\":\"default\"}");
		assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
		String password = minted.body().replaceAll("(?s).*\"challenge\":\"([0-9A-F]+)\".*", "$1");
		String id = minted.body().replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
		String outstanding = "/api/v1/challenges?client=" + bootstrap + "&profile=default&limit=500";
		assertThat(adminApiGet(token, outstanding).body()).contains("\"id\":\"" + id + "\"").doesNotContain(password);

		MicromdmScepClient.Enrollment enrollment = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				password, "api-minted-device", Files.createTempDirectory(Path.of("target"), "api-minted"));

		assertThat(enrollment.certificate()).as(enrollment.output()).isPresent();
		HttpResponse<String> after = adminApiGet(token, outstanding);
		assertThat(after.statusCode()).isEqualTo(200);
		assertThat(after.body()).doesNotContain(id);
		assertThat(client.text("select concat_ws(' ', actor, action) from admin.audit_record where target = ?",
				"challenge:" + id))
			.isEqualTo("token:hand-minter challenge_minted");
		assertThat(client.count("select count(*) from admin.audit_record where detail like ?", "%" + password + "%"))
			.isZero();
	}

	/**
	 * Issue 16: the Profiles page shows the fingerprint of the CA certificate GetCACert
	 * returns, with a copy button its script (served under the CSP) shows, and each
	 * profile's GetCACaps as the gateway answers it.
	 */
	@Test
	void whenAnAdminOpensTheProfilesPageThenTheGetCaCertFingerprintIsReadyToCopy() throws Exception {
		signIn();
		browser.get(client.adminUrl("/profiles"));
		screenshot(browser, "profiles");

		byte[] der = client.caCertificate().getEncoded();
		assertThat(text(browser, "#fp-sha256")).isEqualTo(
				HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
		assertThat(browser.findElement(By.cssSelector("button[data-copy='fp-sha256']")).isDisplayed())
			.as("the copy script ran under the Content-Security-Policy")
			.isTrue();
		HttpResponse<String> caps = client
			.send(HttpRequest.newBuilder(URI.create(client.gatewayUrl("/scep/default?operation=GetCACaps"))).build());
		assertThat(text(browser, "section[data-profile='default'] .caps"))
			.isEqualTo(String.join(" ", caps.body().strip().split("\n")));
		// the template's policy as an admin reads it, not as enum names and ISO-8601
		assertThat(text(browser, "#templates tr[data-template='default']", "digital signature"))
			.contains("digital signature")
			.doesNotContain("DIGITAL_SIGNATURE")
			.doesNotContainPattern("\\bP(T)?\\d+[HDM]\\b");
	}

	/**
	 * The error page since every service's {@code /error} became service-edge's
	 * ProblemErrorController (fuzz findings 8 and 9): an admin who follows a dead link in
	 * the dashboard still reads the dashboard's page and finds the way back, while the
	 * admin API's paths answer a problem document even in a browser.
	 */
	@Test
	void whenAnAdminOpensAPageThatDoesNotExistThenTheDashboardSaysSoAndLeadsBack() throws Exception {
		signIn();
		browser.get(client.adminUrl("/no-such-page"));
		screenshot(browser, "error-404");

		assertThat(text(browser, "main h1")).isEqualTo("404 Not Found");
		assertThat(text(browser, "main")).contains("There is no such page.").doesNotContain("\"status\"");
		browser.findElement(By.linkText("Back to the dashboard")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until((driver) -> !driver.getCurrentUrl().contains("no-such-page"));
		assertThat(browser.findElements(By.cssSelector("main h1"))).isNotEmpty();
		assertThat(text(browser, "main h1")).isNotEqualTo("404 Not Found");

		// the admin API takes tokens, not the dashboard's session: its problem document,
		// not the dashboard's page
		browser.get(client.adminUrl("/api/v1/no-such-resource"));
		assertThat(text(browser, "body")).contains("\"status\":403")
			.contains("\"instance\":\"/api/v1/no-such-resource\"");
		assertThat(browser.findElements(By.cssSelector("main h1"))).isEmpty();
	}

	private static HttpResponse<String> mintWith(String key, String profile) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create(client.challengeUrl("/api/v1/challenges")))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"profile\":\"" + profile + "\"}"))
			.build());
	}

	private static void signInAs(String username, String password) {
		browser.manage().deleteAllCookies();
		browser.get(client.adminUrl("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until((driver) -> driver.getCurrentUrl().contains("error") || driver.getCurrentUrl().contains("wait="));
	}

	private static void signIn() {
		signIn(browser, client);
	}

	static void signIn(WebDriver browser, SuiteClient client) {
		browser.manage().deleteAllCookies();
		browser.get(client.adminUrl("/login"));
		browser.findElement(By.id("username")).sendKeys("admin");
		browser.findElement(By.id("password")).sendKeys(BrowserSuite.ADMIN_PASSWORD);
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until((driver) -> !driver.getCurrentUrl().contains("/login"));
	}

	/**
	 * The text of the first element {@code css} selects, once it holds every one of
	 * {@code expected}. After a click the previous page can still be there, with an
	 * element of the same selector (another notice) that goes stale as the next page
	 * loads: so the wait reads the text again until it holds what the action should show.
	 * Chromium 156 reports some such reads not as a stale element but as an inspector
	 * error ("Node with given id does not belong to the document"), which counts as stale
	 * too.
	 */
	static String text(WebDriver browser, String css, String... expected) {
		return new WebDriverWait(browser, Duration.ofSeconds(10))
			.withMessage(css + " holding " + java.util.Arrays.toString(expected))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.ignoring(org.openqa.selenium.NoSuchElementException.class)
			.until((driver) -> {
				String text;
				try {
					text = driver.findElement(By.cssSelector(css)).getText();
				}
				catch (org.openqa.selenium.WebDriverException ex) {
					if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
						return null;
					}
					throw ex;
				}
				return java.util.Arrays.stream(expected).allMatch(text::contains) ? text : null;
			});
	}

	private static HttpResponse<String> adminApi(String path) throws IOException, InterruptedException {
		return adminApiGet(ADMIN_TOKEN, path);
	}

	private static HttpResponse<String> adminApiGet(String token, String path)
			throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create(client.adminUrl(path)))
			.header("Authorization", "Bearer " + token)
			.build());
	}

	private static HttpResponse<String> adminApiPost(String token, String path, String json)
			throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create(client.adminUrl(path)))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	static void screenshot(WebDriver browser, String name) throws IOException {
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", "screenshots");
		Files.createDirectories(target);
		Files.copy(shot.toPath(), target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
