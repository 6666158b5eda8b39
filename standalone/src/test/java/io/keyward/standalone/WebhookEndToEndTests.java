package io.keyward.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.keyward.api.SerialNumbers;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import io.keyward.testsupport.MutableClock;
import io.keyward.testsupport.WebhookReceiver;
import io.keyward.testsupport.clients.MicromdmScepClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event webhooks through the whole suite (issue 14): micromdm's {@code scepclient}
 * enrolls and is refused, an admin revokes, and a webhook receiver on loopback gets
 * ISSUED, REFUSED and REVOKED, each signed with the configured secret; while the receiver
 * is down the delivery is retried, becomes a dead letter, and a replay delivers it.
 */
class WebhookEndToEndTests {

	static final String API_KEY = "kw_webhook-e2e-api-key-0123456789abcdefghijklmn";

	static final String SECRET = "whsec-e2e-0123456789abcdef";

	static BrowserSuite running;

	static KeywardSuite suite;

	static SuiteClient client;

	static WebDriver browser;

	static WebhookReceiver receiver;

	@TempDir
	Path dir;

	@BeforeAll
	static void startSuite() throws IOException {
		receiver = new WebhookReceiver(SECRET);
		running = BrowserSuite.start(API_KEY,
				Map.of("keyward.challenge.webhooks.mdm.url", receiver.url(), "keyward.challenge.webhooks.mdm.secret",
						SECRET, "keyward.challenge.webhook-delivery.interval", "200ms",
						"keyward.challenge.webhook-delivery.initial-backoff", "200ms",
						"keyward.challenge.webhook-delivery.max-attempts", "2", "keyward.gateway.events.interval",
						"200ms", "keyward.ca.events.interval", "200ms"),
				new MutableClock());
		suite = running.suite();
		client = running.client();
		browser = running.browser();
	}

	@AfterAll
	static void stopSuite() {
		if (running != null) {
			running.close();
		}
		if (receiver != null) {
			receiver.close();
		}
	}

	@Test
	void whenADeviceEnrollsIsRefusedAndIsRevokedThenTheReceiverGetsEachEventSigned() throws Exception {
		MicromdmScepClient.Enrollment enrolled = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				client.mintChallenge(), "webhook-e2e", Files.createDirectories(this.dir.resolve("ok")));
		X509Certificate certificate = enrolled.certificate().orElseThrow(() -> new AssertionError(enrolled.output()));
		String serial = SerialNumbers.hex(certificate.getSerialNumber());
		WebhookReceiver.Delivery issued = await((d) -> d.type().equals("ISSUED") && d.body().contains(serial));
		assertThat(issued.body()).contains("\"profile\":\"default\"").contains("CN=webhook-e2e");
		assertNotificationShownOnTheEnrollmentPage(issued);

		MicromdmScepClient.Enrollment refused = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
				"0123456789ABCDEF0123456789ABCDEF", "webhook-refused",
				Files.createDirectories(this.dir.resolve("refused")));
		assertThat(refused.certificate()).isEmpty();
		WebhookReceiver.Delivery refusal = await(
				(d) -> d.type().equals("REFUSED") && d.body().contains("CN=webhook-refused"));
		assertThat(refusal.body()).contains("\"failInfo\":\"badRequest\"");

		client.revoke(serial, "keyCompromise");
		WebhookReceiver.Delivery revoked = await((d) -> d.type().equals("REVOKED") && d.body().contains(serial));
		assertThat(revoked.body()).contains("\"reason\":\"keyCompromise\"");
		assertThat(receiver.rejected()).isEmpty();
	}

	@Test
	void whenTheReceiverIsDownThenTheDeliveryIsDeadAndAnAdminReplaysItFromTheDashboard() throws Exception {
		receiver.down(true);
		try {
			MicromdmScepClient.Enrollment enrolled = MicromdmScepClient.enroll(client.gatewayUrl("/scep/default"),
					client.mintChallenge(), "webhook-dead", Files.createDirectories(this.dir.resolve("dead")));
			X509Certificate certificate = enrolled.certificate()
				.orElseThrow(() -> new AssertionError(enrolled.output()));
			String serial = SerialNumbers.hex(certificate.getSerialNumber());
			String deliveryId = awaitDeadLetter(serial);
			receiver.down(false);

			AdminDashboardBrowserTests.signIn(browser, client);
			browser.get(client.adminUrl("/webhooks"));
			WebElement row = browser
				.findElement(By.cssSelector("#dead-letters tr[data-delivery-id='" + deliveryId + "']"));
			assertThat(row.getText()).contains("ISSUED").contains("mdm").contains(receiver.url()).contains("HTTP 503");
			row.findElement(By.cssSelector("button.replay")).click();
			assertThat(AdminDashboardBrowserTests.text(browser, ".notice", "1 delivery(ies) queued again."))
				.contains("1 delivery(ies) queued again.");
			await((d) -> d.type().equals("ISSUED") && d.body().contains(serial));
			assertThat(client.count(
					"select count(*) from admin.audit_record where action = 'webhook_replayed' " + "and target = ?",
					"webhook-delivery:" + deliveryId))
				.isOne();
		}
		finally {
			receiver.down(false);
		}
	}

	/**
	 * Issue 16: the webhook deliveries page filters by state, event type and webhook and
	 * sorts by queued time either way (the challenge-service's keyset in SQL), in Chrome;
	 * the CSV link keeps the filter and order.
	 */
	@Test
	void whenAnAdminFiltersAndSortsTheDeliveriesThenTheListFollows() throws Exception {
		CertRepResponse issued = new ScepDevice(client, "/scep/default", "CN=webhook-list-issued,O=Browser Test")
			.pkcsReq(client.mintChallenge());
		assertThat(issued.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(new ScepDevice(client, "/scep/default", "CN=webhook-list-refused,O=Browser Test")
			.pkcsReq("0123456789ABCDEF0123456789ABCDEF")
			.status()).isEqualTo(PkiStatus.FAILURE);
		await((d) -> d.type().equals("REFUSED") && d.body().contains("CN=webhook-list-refused"));
		String refused = deliveryOf("CN=webhook-list-refused");

		AdminDashboardBrowserTests.signIn(browser, client);
		browser.get(client.adminUrl("/webhooks"));
		new Select(browser.findElement(By.id("state"))).selectByValue("all");
		new Select(browser.findElement(By.id("type"))).selectByValue("REFUSED");
		new Select(browser.findElement(By.id("webhook"))).selectByValue("mdm");
		browser.findElement(By.cssSelector("#delivery-filter button[type=submit]")).click();
		AdminDashboardBrowserTests.loaded(browser, "type=REFUSED");
		List<Long> newestFirst = rowsOfDeliveries();
		assertThat(newestFirst).contains(Long.parseLong(refused)).isSortedAccordingTo(Comparator.reverseOrder());
		assertThat(browser.findElement(By.id("dead-letters")).getText()).doesNotContain("ISSUED");

		browser.findElement(By.xpath("//table[@id='dead-letters']//th/a[text()='Queued (UTC)']")).click();
		AdminDashboardBrowserTests.loaded(browser, "sort=time:asc");
		assertThat(rowsOfDeliveries()).containsExactlyElementsOf(newestFirst.reversed());
		assertThat(browser.findElement(By.xpath("//th[a[text()='Queued (UTC)']]")).getAttribute("aria-sort"))
			.isEqualTo("ascending");
		assertThat(browser.getCurrentUrl()).contains("state=all").contains("type=REFUSED").contains("webhook=mdm");
		assertThat(browser.findElement(By.cssSelector("#delivery-filter a.csv-export")).getAttribute("href"))
			.contains("/webhooks.csv?state=all&type=REFUSED&webhook=mdm&sort=time:asc");
		AdminDashboardBrowserTests.screenshot(browser, "webhook-deliveries-filtered");
	}

	private static String deliveryOf(String subject) throws Exception {
		return client.text("""
				select d.id::text from challenge.webhook_delivery d
				  join challenge.enrollment_event e on e.id = d.event_id
				 where d.webhook = 'mdm' and e.body like ?""", "%" + subject + "%");
	}

	/** The delivery ids of the list's rows, in order. */
	private static List<Long> rowsOfDeliveries() {
		return browser.findElements(By.cssSelector("#dead-letters tr[data-delivery-id]"))
			.stream()
			.map((row) -> Long.parseLong(row.getAttribute("data-delivery-id")))
			.toList();
	}

	/**
	 * Issue 14: the enrollment's page, found by the event's correlation id, lists the
	 * delivery of that event, once the deliverer recorded it DELIVERED.
	 */
	private static void assertNotificationShownOnTheEnrollmentPage(WebhookReceiver.Delivery issued) throws Exception {
		java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"correlationId\":\"([0-9a-f-]{36})\"")
			.matcher(issued.body());
		assertThat(id.find()).as(issued.body()).isTrue();
		AdminDashboardBrowserTests.signIn(browser, client);
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		String notifications = "";
		while (Instant.now().isBefore(deadline) && !notifications.contains("DELIVERED")) {
			browser.get(client.adminUrl("/enrollments/" + id.group(1)));
			notifications = AdminDashboardBrowserTests.text(browser, "#notifications");
			if (!notifications.contains("DELIVERED")) {
				Thread.sleep(200);
			}
		}
		assertThat(notifications).contains("ISSUED").contains("mdm").contains("DELIVERED");
	}

	private String awaitDeadLetter(String serial) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (Instant.now().isBefore(deadline)) {
			String id = client.text("""
					select d.id::text from challenge.webhook_delivery d
					  join challenge.enrollment_event e on e.id = d.event_id
					 where d.status = 'DEAD' and e.body like ?""", "%" + serial + "%");
			if (id != null) {
				HttpResponse<String> listed = challengeInternal("/internal/v1/webhook-deliveries");
				assertThat(listed.body()).contains("\"id\":" + id).contains("HTTP 503");
				return id;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no dead letter for " + serial);
	}

	private HttpResponse<String> challengeInternal(String path) throws Exception {
		String token = Files.readString(suite.settings().dataDir().resolve("admin-ui-token"), StandardCharsets.US_ASCII)
			.strip();
		return client.send(HttpRequest.newBuilder(URI.create(client.challengeUrl(path)))
			.header("Authorization", "Bearer " + token)
			.build());
	}

	private static WebhookReceiver.Delivery await(Predicate<WebhookReceiver.Delivery> wanted) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (Instant.now().isBefore(deadline)) {
			List<WebhookReceiver.Delivery> matching = receiver.received().stream().filter(wanted).toList();
			if (!matching.isEmpty()) {
				assertThat(matching).hasSize(1);
				return matching.get(0);
			}
			Thread.sleep(100);
		}
		throw new AssertionError("not delivered; received " + receiver.received() + " rejected " + receiver.rejected());
	}

}
