package io.keyward.ca.issuance;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.keyward.api.ca.CertificateSearchPage;
import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.ca.RevokeRequest;
import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaApiTests;
import io.keyward.ca.TestCsrs;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CertificateSearchTests extends CaApiTests {

	@Autowired
	CertificateInventory inventory;

	/** Each test searches only its own profile, so tests do not see each other. */
	String profile;

	@BeforeEach
	void setUp() {
		this.profile = "search-" + UUID.randomUUID();
	}

	@Test
	void whenPagingWithTheCursorThenEveryCertificateComesOnceNewestFirst() {
		List<String> newestFirst = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			newestFirst.add(0, issue("CN=paged-" + i, null).serialNumber());
		}

		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			CertificateSearchPage page = this.client.search(null, null, this.profile, null, cursor, 2);
			page.items().forEach((item) -> seen.add(item.serialNumber()));
			cursor = page.nextCursor();
			pages++;
		}
		while (cursor != null);

		assertThat(seen).containsExactlyElementsOf(newestFirst);
		assertThat(pages).isEqualTo(3);
		CertificateSearchPage exact = this.client.search(null, null, this.profile, null, null, 5);
		assertThat(exact.items()).hasSize(5);
		assertThat(exact.nextCursor()).isNull();
	}

	@Test
	void whenSearchingBySubjectSanOrSerialThenOnlyMatchesComeBack() {
		IssuedCertificate printer = issue("CN=Printer 100%_floor2", "printer.floor2.example");
		IssuedCertificate laptop = issue("CN=laptop-7", "laptop-7.example");

		assertThat(serials(this.client.search("printer 100%_", null, this.profile, null, null, null)))
			.containsExactly(printer.serialNumber());
		assertThat(serials(this.client.search("LAPTOP-7.EXAMPLE", null, this.profile, null, null, null)))
			.containsExactly(laptop.serialNumber());
		assertThat(serials(this.client.search("100_", null, this.profile, null, null, null))).isEmpty();
		String hex = laptop.serialNumber().toLowerCase(java.util.Locale.ROOT);
		String even = (hex.length() % 2 == 0) ? hex : "0" + hex;
		String colons = "00:" + String.join(":", even.split("(?<=\\G..)"));
		assertThat(serials(this.client.search(colons, null, this.profile, null, null, null)))
			.containsExactly(laptop.serialNumber());
	}

	@Test
	void whenFilteringByStatusAndExpiryThenRevokedExpiredAndValidAreApart() {
		Instant now = Instant.now();
		this.clock.set(now.minus(Duration.ofDays(400)));
		IssuedCertificate expired = issue("CN=old", null);
		this.clock.set(now);
		IssuedCertificate revoked = issue("CN=revoked", null);
		this.client.revoke(revoked.serialNumber(), new RevokeRequest("superseded", null, null));
		IssuedCertificate valid = issue("CN=valid", null);

		assertThat(serials(this.client.search(null, "VALID", this.profile, null, null, null)))
			.containsExactly(valid.serialNumber());
		assertThat(serials(this.client.search(null, "revoked", this.profile, null, null, null)))
			.containsExactly(revoked.serialNumber());
		CertificateSearchPage expiredPage = this.client.search(null, "EXPIRED", this.profile, null, null, null);
		assertThat(serials(expiredPage)).containsExactly(expired.serialNumber());
		assertThat(expiredPage.items().get(0).status()).isEqualTo(IssuedCertificate.EXPIRED);
		assertThat(serials(this.client.search(null, null, this.profile, now.plus(Duration.ofDays(30)), null, null)))
			.containsExactly(expired.serialNumber());
	}

	@Test
	void whenParametersAreWrongThenBadRequestProblems() {
		assertBadRequest(() -> this.client.search(null, null, null, null, null, 0));
		assertBadRequest(() -> this.client.search(null, null, null, null, null, 501));
		assertBadRequest(() -> this.client.search(null, "LOST", null, null, null, null));
		assertBadRequest(() -> this.client.search(null, null, null, null, "not-a-cursor", null));
		assertBadRequest(() -> this.client.search("x".repeat(256), null, null, null, null, null));
		String status = this.restClient.build()
			.get()
			.uri("http://127.0.0.1:" + this.port + "/api/v1/certificates/search?expiresBefore=tomorrow")
			.header("Authorization", "Bearer " + CaAdapterTest.SERVICE_TOKEN)
			.exchange((request, response) -> response.getStatusCode().value() + " "
					+ response.getHeaders().getContentType());
		assertThat(status).isEqualTo("400 " + MediaType.APPLICATION_PROBLEM_JSON);
	}

	/**
	 * Fuzz report: {@code +999999999-12-31T23:59:59Z} parses as an Instant but not as an
	 * OffsetDateTime nor a PostgreSQL timestamptz: it was a 500.
	 */
	@Test
	void whenADateLiesBeyondFourDigitYearsThenBadRequestNamingTheRange() {
		for (String query : new String[] { "expiresBefore=%2B999999999-12-31T23:59:59Z",
				"expiresBefore=-999999999-01-01T00:00:00Z", "expiresBefore=%2B300000-01-01T00:00:00Z",
				"q=expires:%3C%2B999999999-12-31", "q=issued:%3E-999999999-01-01",
				"q=issued:-999999999-01-01T00:00:00Z" }) {
			String answer = this.restClient.build()
				.get()
				.uri(URI.create("http://127.0.0.1:" + this.port + "/api/v1/certificates/search?" + query))
				.header("Authorization", "Bearer " + CaAdapterTest.SERVICE_TOKEN)
				.exchange((request, response) -> response.getStatusCode().value() + " "
						+ response.getHeaders().getContentType() + " "
						+ new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
			assertThat(answer).as(query)
				.startsWith("400 " + MediaType.APPLICATION_PROBLEM_JSON)
				.contains("must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
		}
	}

	@Test
	void whenTheQueryHasKeyTermsThenEachFilters() {
		Instant now = Instant.now();
		this.clock.set(now.minus(Duration.ofDays(300)));
		IssuedCertificate early = issue("CN=kiosk-1,O=Example", "kiosk-1.example");
		this.clock.set(now);
		IssuedCertificate kiosk = issue("CN=kiosk-2,O=Example", "kiosk-2.example");
		IssuedCertificate printer = issue("CN=printer-9", null);
		this.client.revoke(kiosk.serialNumber(), new RevokeRequest("superseded", null, null));

		assertThat(serials(search("kiosk status:revoked"))).containsExactly(kiosk.serialNumber());
		assertThat(serials(search("subject:\"CN=KIOSK\""))).containsExactly(kiosk.serialNumber(), early.serialNumber());
		assertThat(serials(search("san:kiosk-1.example"))).containsExactly(early.serialNumber());
		assertThat(serials(search("expires:<100d"))).containsExactly(early.serialNumber());
		assertThat(serials(search("issued:>30d"))).containsExactly(printer.serialNumber(), kiosk.serialNumber());
		assertThat(serials(search("issued:" + now.toString().substring(0, 10) + " status:valid")))
			.containsExactly(printer.serialNumber());
		assertThat(serials(search("txid:" + printer.transactionId()))).isEmpty();
		BigInteger serial = new BigInteger(printer.serialNumber(), 16);
		assertThat(serials(search("serial:" + serial))).containsExactly(printer.serialNumber());
		assertThat(serials(search("000" + printer.serialNumber().toLowerCase(Locale.ROOT))))
			.containsExactly(printer.serialNumber());
		assertThat(serials(search("serial:0x" + printer.serialNumber()))).containsExactly(printer.serialNumber());
		assertThat(serials(search("kiosk template:default"))).containsExactly(kiosk.serialNumber(),
				early.serialNumber());
		assertThat(serials(search("kiosk template:wifi"))).isEmpty();
	}

	@Test
	void whenTheCnIsNotTheFirstRdnThenAWordFindsItByAnyRdnOrSanValue() {
		// written CN=device-7,O=Acme as OpenSSL and SCEP clients do: stored in RFC 2253
		// order, the CN last
		IssuedCertificate device = issue("O=Acme,CN=device-7", "device-7.fleet.example");
		IssuedCertificate tablet = issue("O=Acme\\, Inc.+OU=Fleet,CN=tablet-3", null);
		issue("CN=the-acme,O=Other", null);

		assertThat(device.subject()).isEqualTo("O=Acme,CN=device-7");
		assertThat(serials(search("device-7"))).containsExactly(device.serialNumber());
		assertThat(serials(search("acme"))).containsExactly(tablet.serialNumber(), device.serialNumber());
		assertThat(serials(search("ACME, INC"))).containsExactly(tablet.serialNumber());
		assertThat(serials(search("fleet"))).containsExactly(tablet.serialNumber());
		assertThat(serials(search("tablet"))).containsExactly(tablet.serialNumber());
		assertThat(serials(search("device-7.fleet"))).containsExactly(device.serialNumber());
		assertThat(serials(search("evice-7"))).isEmpty();
		assertThat(serials(search("acme status:revoked"))).isEmpty();

		// a word thousands of certificates share is checked along the order instead
		CertificateQuery broad = CertificateQuery.of("acme", null, this.profile, null, null, 1, null, Instant.now());
		CertificateSearchPage first = this.inventory.search(broad, 0);
		assertThat(serials(first)).containsExactly(tablet.serialNumber());
		CertificateQuery next = CertificateQuery.of("acme", null, this.profile, null, first.nextCursor(), 1, null,
				Instant.now());
		CertificateSearchPage second = this.inventory.search(next, 0);
		assertThat(serials(second)).containsExactly(device.serialNumber());
		assertThat(second.nextCursor()).isNull();
		assertThat(serials(this.inventory
			.search(CertificateQuery.of("device-7", null, this.profile, null, null, 50, null, Instant.now()), 0)))
			.containsExactly(device.serialNumber());
	}

	@Test
	void whenTheQueryHoldsQuotesPercentAndUnderscoreThenTheyAreTextNotSql() {
		IssuedCertificate odd = issue("CN=o'brien 100%_x", "it's.example");
		issue("CN=obrien", null);

		assertThat(serials(search("O'Brien 100%"))).containsExactly(odd.serialNumber());
		assertThat(serials(search("o'brien 100%_x\\"))).isEmpty();
		assertThat(serials(search("'; drop table ca.certificate; --"))).isEmpty();
		assertThat(serials(search("%"))).isEmpty();
		assertThat(serials(search("_"))).isEmpty();
		assertThat(serials(search("san:it's.example"))).containsExactly(odd.serialNumber());
		assertThat(serials(search("contains:\"BRIEN 100%_\""))).containsExactly(odd.serialNumber());
		assertThat(serials(search("contains:_"))).containsExactly(odd.serialNumber());
		assertThat(serials(search("contains:%"))).containsExactly(odd.serialNumber());
		assertThat(serials(search("contains:\\"))).isEmpty();
	}

	@Test
	void whenSortingBySubjectOrExpiryThenTheCursorKeepsThatOrder() {
		this.clock.set(Instant.now());
		List<String> bySubject = new ArrayList<>();
		for (String name : List.of("delta", "alpha", "Charlie", "bravo", "echo")) {
			bySubject.add(issue("CN=" + name, null).subject());
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			CertificateSearchPage page = this.client.search(null, null, this.profile, null, cursor, 2, "subject");
			page.items().forEach((item) -> seen.add(item.subject()));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		assertThat(seen).containsExactly("CN=alpha", "CN=bravo", "CN=Charlie", "CN=delta", "CN=echo");

		CertificateSearchPage first = this.client.search(null, null, this.profile, null, null, 2, "expires:asc");
		List<String> expiries = new ArrayList<>();
		cursor = first.nextCursor();
		first.items().forEach((item) -> expiries.add(item.subject()));
		while (cursor != null) {
			CertificateSearchPage page = this.client.search(null, null, this.profile, null, cursor, 2, "expires:asc");
			page.items().forEach((item) -> expiries.add(item.subject()));
			cursor = page.nextCursor();
		}
		assertThat(expiries).hasSize(5).containsExactlyInAnyOrderElementsOf(bySubject);
		String mixed = first.nextCursor();
		assertBadRequest(() -> this.client.search(null, null, this.profile, null, mixed, 2, "subject"));
		assertBadRequest(() -> this.client.search(null, null, this.profile, null, null, 2, "serial"));
		assertBadRequest(() -> this.client.search("expires:<soon", null, this.profile, null, null, 2, null));
		assertBadRequest(() -> this.client.search("serial:xyz", null, this.profile, null, null, 2, null));
	}

	private CertificateSearchPage search(String q) {
		return this.client.search(q, null, this.profile, null, null, null);
	}

	private void assertBadRequest(Runnable call) {
		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class).isThrownBy(call::run)
			.satisfies((ex) -> assertThat(ex.getResponseHeaders().getContentType())
				.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private IssuedCertificate issue(String subject, String dns) {
		TestCsrs csr = TestCsrs.forKey(TestCsrs.rsa(2048), subject);
		if (dns != null) {
			csr.san(new GeneralName(GeneralName.dNSName, dns));
		}
		return this.client.issue(new IssueRequest(csr.base64(), this.profile, "default", null));
	}

	private static List<String> serials(CertificateSearchPage page) {
		return page.items().stream().map(IssuedCertificate::serialNumber).toList();
	}

}
