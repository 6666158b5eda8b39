package io.keyward.gateway.transaction;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.keyward.api.gateway.EnrollmentTransaction;
import io.keyward.gateway.AbstractGatewayTests;
import io.keyward.gateway.FakeUpstreams;
import io.keyward.gateway.TestDevice;
import io.keyward.scep.PkiStatus;
import io.keyward.scep.client.CertRepResponse;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import io.keyward.gateway.approval.Approvals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request search ({@code GET /api/v1/transactions?q=&sort=&after=}) on the real
 * PostgreSQL: every token, keyset pages without gaps or repeats in each order, a bad
 * query answered 400 naming the bad token. The rows are this class's own (profile
 * {@code s7search}, transactionIDs {@code S7S-...}), so other tests' rows never match.
 */
class TransactionSearchTests extends AbstractGatewayTests {

	@Autowired
	TransactionSearch search;

	private static final String PROFILE = "s7search";

	/** Rows of the two name tests only, so the other tests' counts and orders hold. */
	private static final String NAMES = "s8names";

	private static final Pattern TRANSACTION_ID = Pattern.compile("\"transactionId\":\"([^\"]*)\"");

	private static final Pattern NEXT = Pattern.compile("\"nextCursor\":\"([^\"]*)\"");

	private static final Instant BASE = Instant.parse("2026-03-01T10:00:00Z");

	@BeforeEach
	void rows() {
		this.jdbc.update("delete from gateway.transaction where profile in (?, ?, 's7other')", PROFILE, NAMES);
		// created_at ties on purpose (S7S-2 and S7S-3): the id breaks them
		insert("S7S-1", PROFILE, "CN=s7-laptop-1,O=Example", "ISSUED", null, "FCB04A6", "PKCSReq", BASE);
		insert("S7S-2", PROFILE, "CN=s7-laptop-2,O=Example", "RECEIVED", null, null, "PKCSReq", BASE.plusSeconds(60));
		insert("S7S-3", PROFILE, "CN=S7-Phone-3", "WAITING_APPROVAL", null, null, "PKCSReq", BASE.plusSeconds(60));
		insert("S7S-4", PROFILE, "CN=s7-printer", "FAILED", "challengePassword wrong", null, "PKCSReq",
				BASE.plusSeconds(86_400));
		insert("S7S-5", PROFILE, "CN=s7-kiosk", "FAILED", Approvals.EXPIRED, null, "PKCSReq",
				BASE.plusSeconds(2 * 86_400));
		insert("S7S-6", PROFILE, "CN=s7-tablet", "FAILED", Approvals.REJECTED, null, "RenewalReq",
				BASE.plusSeconds(3 * 86_400));
		insert("S7S-7", PROFILE, null, "FAILED", "CSR does not parse", null, "PKCSReq", BASE.plusSeconds(120));
		insert("S7S-8", "s7other", "CN=s7-laptop-8", "ISSUED", null, "1A2B", "PKCSReq", BASE);
	}

	private void insert(String transactionId, String profile, String subject, String status, String reason,
			String serial, String messageType, Instant created) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("insert into gateway.transaction (id, profile, transaction_id, message_type, "
				+ "signer_key_sha256, csr_sha256, subject, status, failure_reason, certificate_serial, created_at, "
				+ "updated_at) values (?, ?, ?, ?, 'aa', 'bb', ?, ?, ?, ?, ?, ?)", id, profile, transactionId,
				messageType, subject, status, reason, serial, Timestamp.from(created), Timestamp.from(created));
		// its names as the enrollment records them (TransactionLog)
		this.jdbc.update("insert into gateway.transaction_name (request_id, name) "
				+ "select ?, n.name from gateway.transaction_names(?, null) n(name)", id, subject);
	}

	@Test
	void whenFreeTextThenSubjectPrefixWithOrWithoutCnTransactionIdOrSerialAnswers() throws Exception {
		assertThat(ids("s7-laptop profile:" + PROFILE)).containsExactlyInAnyOrder("S7S-1", "S7S-2");
		assertThat(ids("CN=S7-PHONE")).containsExactly("S7S-3");
		assertThat(ids("S7S-4")).containsExactly("S7S-4");
		assertThat(ids("subject:s7-laptop")).containsExactlyInAnyOrder("S7S-1", "S7S-2", "S7S-8");
		assertThat(ids("device:s7-kiosk")).containsExactly("S7S-5");
	}

	@Test
	void whenAWordStartsAnyRdnOrSanValueThenFoundWhateverTheOrderAndCase() throws Exception {
		insert("S7S-N1", NAMES, "O=S8Acme,OU=S8Fleet,CN=s8-device-1", "ISSUED", null, null, "PKCSReq", BASE);
		insert("S7S-N2", NAMES, "CN=S8-Device-2,O=S8Acme", "ISSUED", null, null, "PKCSReq", BASE.plusSeconds(60));
		this.jdbc.update("insert into gateway.transaction_name (request_id, name) select t.id, n.name "
				+ "from gateway.transaction t, gateway.transaction_names(null, ?::text[]) n(name) "
				+ "where t.transaction_id = 'S7S-N2'", "{dns:S8-Host-2.Example.org,ip:10.8.0.2}");
		assertThat(ids("s8-device-1")).as("the CN stored last").containsExactly("S7S-N1");
		assertThat(ids("S8-DEVICE")).as("either order, any case").containsExactlyInAnyOrder("S7S-N1", "S7S-N2");
		assertThat(ids("s8acme")).as("the O, first or last").containsExactly("S7S-N2", "S7S-N1");
		assertThat(ids("s8fleet")).as("an OU in the middle").containsExactly("S7S-N1");
		assertThat(ids("s8-host-2.example")).as("a SAN without its type").containsExactly("S7S-N2");
		assertThat(ids("cn=s8-device-2")).as("with = a prefix of the subject as stored").containsExactly("S7S-N2");
		assertThat(ids("O=S8Acme")).containsExactly("S7S-N1");
		assertThat(ids("device-1")).as("the start of a value, not its middle").isEmpty();
	}

	@Test
	void whenEnrolledThroughScepThenFoundByItsCnItsOAndItsSan() throws Exception {
		String unique = TestDevice.newTransactionId().substring(0, 10).toLowerCase(Locale.ROOT);
		TestDevice device = new TestDevice("s8-e2e");
		// encoded CN first, so the gateway stores it last: O=...,CN=... (RFC 4514 order)
		PKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
				new X500Name("CN=S8-E2E-" + unique + ",O=S8Org " + unique), device.keyPair().getPublic());
		builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword,
				new DERPrintableString(FakeUpstreams.GOOD_CHALLENGE));
		ExtensionsGenerator extensions = new ExtensionsGenerator();
		extensions.addExtension(Extension.subjectAlternativeName, false,
				new GeneralNames(new GeneralName(GeneralName.dNSName, "host-" + unique + ".s8.example")));
		builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
		String transactionId = "S7S-E2E-" + unique;
		CertRepResponse certRep = device.read(pkiOperation("/scep/default",
				device.pkcsReq(
						builder
							.build(new JcaContentSignerBuilder("SHA256withRSA").build(device.keyPair().getPrivate())),
						ra().encryptionCertificate(), transactionId)),
				ra().signingCertificate());
		assertThat(certRep.status()).isEqualTo(PkiStatus.SUCCESS);
		assertThat(this.jdbc.queryForObject("select subject from gateway.transaction where transaction_id = ?",
				String.class, transactionId))
			.startsWith("O=");
		assertThat(ids("s8-e2e-" + unique)).as("the CN, stored last").containsExactly(transactionId);
		assertThat(ids("S8ORG " + unique)).as("the O").containsExactly(transactionId);
		assertThat(ids("host-" + unique)).as("the requested SAN").containsExactly(transactionId);
	}

	@Test
	void whenAWordIsBroadThenEachRowAlongTheOrderIsCheckedWithTheSameAnswer() {
		insert("S7S-N1", NAMES, "O=S8Acme,CN=s8-device-1", "ISSUED", null, null, "PKCSReq", BASE);
		insert("S7S-N2", NAMES, "CN=s8-device-2,O=S8Acme", "FAILED", "challengePassword wrong", null, "PKCSReq",
				BASE.plusSeconds(60));
		for (int broadNames : new int[] { 0, TransactionSearch.BROAD }) {
			assertThat(this.search.search("s8acme", "subject:asc", null, 10, broadNames).items())
				.extracting(EnrollmentTransaction::transactionId)
				.as("broad after %d names, by subject (cn=... before o=...)", broadNames)
				.containsExactly("S7S-N2", "S7S-N1");
			assertThat(this.search.search("S8ACME status:refused", null, null, 10, broadNames).items())
				.extracting(EnrollmentTransaction::transactionId)
				.containsExactly("S7S-N2");
		}
	}

	@Test
	void whenSerialInAnySpellingThenTheRequestOfThatCertificateAnswers() throws Exception {
		for (String typed : List.of("0FCB04A6", "fcb04a6", "0f:cb:04:a6", "0x0FCB04A6", "264963238")) {
			assertThat(ids("serial:" + typed)).as(typed).containsExactly("S7S-1");
			assertThat(ids(typed)).as(typed).containsExactly("S7S-1");
		}
	}

	@Test
	void whenStatusAsTheDashboardNamesItThenOnlyThoseRequests() throws Exception {
		assertThat(ids("profile:" + PROFILE + " status:issued")).containsExactly("S7S-1");
		assertThat(ids("profile:" + PROFILE + " status:pending")).containsExactly("S7S-2");
		assertThat(ids("profile:" + PROFILE + " status:\"waiting for approval\"")).containsExactly("S7S-3");
		assertThat(ids("profile:" + PROFILE + " status:waiting")).containsExactly("S7S-3");
		assertThat(ids("profile:" + PROFILE + " status:refused")).containsExactlyInAnyOrder("S7S-4", "S7S-7");
		assertThat(ids("profile:" + PROFILE + " status:expired")).containsExactly("S7S-5");
		assertThat(ids("profile:" + PROFILE + " status:rejected")).containsExactly("S7S-6");
	}

	@Test
	void whenTxidTypeAndDatesThenOnlyThoseRequests() throws Exception {
		assertThat(ids("txid:S7S-6")).containsExactly("S7S-6");
		assertThat(ids("profile:" + PROFILE + " type:renewal")).containsExactly("S7S-6");
		assertThat(ids("profile:" + PROFILE + " from:2026-03-02 to:2026-03-03")).containsExactly("S7S-5", "S7S-4");
		assertThat(ids("profile:" + PROFILE + " created:2026-03-03")).containsExactly("S7S-5");
		assertThat(ids("profile:" + PROFILE + " to:2026-03-01")).containsExactlyInAnyOrder("S7S-1", "S7S-2", "S7S-3",
				"S7S-7");
		assertThat(ids("profile:s7other")).containsExactly("S7S-8");
	}

	@Test
	void whenPagedByCursorInEachOrderThenEveryRowOnceInThatOrder() throws Exception {
		List<String> all = List.of("S7S-1", "S7S-2", "S7S-3", "S7S-4", "S7S-5", "S7S-6", "S7S-7");
		List<String> newest = pages("created:desc");
		assertThat(newest).containsExactlyInAnyOrderElementsOf(all);
		assertThat(newest.subList(0, 3)).containsExactly("S7S-6", "S7S-5", "S7S-4");
		assertThat(newest.getLast()).isEqualTo("S7S-1");
		assertThat(pages("created:asc")).containsExactlyElementsOf(newest.reversed());
		// the unknown subject sorts first, then byte order of the lower-case subject
		assertThat(pages("subject:asc")).containsExactly("S7S-7", "S7S-5", "S7S-1", "S7S-2", "S7S-3", "S7S-4", "S7S-6");
		List<String> byStatus = pages("status:asc");
		assertThat(byStatus).containsExactlyInAnyOrderElementsOf(all);
		assertThat(byStatus.subList(0, 4)).containsExactly("S7S-7", "S7S-4", "S7S-5", "S7S-6");
		assertThat(byStatus.subList(4, 7)).containsExactly("S7S-1", "S7S-2", "S7S-3");
	}

	@Test
	void whenQueryIsBadThenProblem400NamingTheToken() throws Exception {
		assertBad("q=" + encode("status:bogus"), "status:");
		assertBad("q=" + encode("from:yesterday"), "from:");
		assertBad("q=" + encode("serial:xyz"), "serial:");
		assertBad("q=" + encode("type:CertPoll"), "type:");
		assertBad("q=&sort=issued", "sort");
		assertBad("q=&after=not-a-cursor", "after");
		String cursor = next("", "created:desc");
		assertBad("q=&sort=subject:asc&after=" + cursor, "another sort order");
		assertBad("q=x&page=2", "page");
		assertBad("q=" + encode("subject:\"\""), "subject: needs a value");
		assertBad("q=" + encode("x".repeat(256)), "longer than 255");
	}

	/**
	 * Fuzz report: a year Instant parses but PostgreSQL's timestamptz cannot hold was a
	 * 500.
	 */
	@Test
	void whenADateLiesBeyondFourDigitYearsThenProblem400NamingTheRange() throws Exception {
		for (String term : new String[] { "created:+999999999-12-31", "created:<-999999999-01-01", "from:+300000-01-01",
				"to:-999999999-01-01T00:00:00Z" }) {
			assertBad("q=" + encode(term), "must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
		}
	}

	@Test
	void whenTheQueryIsAnEmptyQuoteThenEveryRequestAnswers() throws Exception {
		assertThat(ids("\"\" profile:" + PROFILE)).hasSize(7);
	}

	@Test
	void whenNoOrWrongTokenThenProblem401() throws Exception {
		for (String token : new String[] { null, ADMIN_TOKEN + "x" }) {
			HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/transactions?q=s7"));
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).doesNotContain("S7S-");
		}
	}

	private void assertBad(String query, String named) throws Exception {
		HttpResponse<String> response = send("/api/v1/transactions?" + query);
		assertThat(response.statusCode()).as(query).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
		assertThat(response.body()).as(query).contains(named);
	}

	private List<String> pages(String sort) throws Exception {
		List<String> seen = new ArrayList<>();
		String after = null;
		do {
			HttpResponse<String> response = send("/api/v1/transactions?size=2&q=" + encode("profile:" + PROFILE)
					+ "&sort=" + sort + ((after != null) ? "&after=" + after : ""));
			assertThat(response.statusCode()).isEqualTo(200);
			seen.addAll(all(TRANSACTION_ID, response.body()));
			List<String> next = all(NEXT, response.body());
			after = next.isEmpty() ? null : next.getFirst();
		}
		while (after != null && seen.size() < 50);
		return seen;
	}

	private String next(String q, String sort) throws Exception {
		return all(NEXT, send("/api/v1/transactions?size=1&q=" + encode(q) + "&sort=" + sort).body()).getFirst();
	}

	private List<String> ids(String q) throws Exception {
		HttpResponse<String> response = send("/api/v1/transactions?size=100&q=" + encode(q));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"total\":-1");
		return all(TRANSACTION_ID, response.body()).stream().filter((id) -> id.startsWith("S7S-")).toList();
	}

	private HttpResponse<String> send(String pathAndQuery) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static List<String> all(Pattern pattern, String body) {
		List<String> found = new ArrayList<>();
		Matcher matcher = pattern.matcher(body);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
