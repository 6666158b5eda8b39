package io.keyward.challenge.ndes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.keyward.challenge.IntegrationTestSupport;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NDES {@code mscep_admin} page over real HTTP, read the way MDMs read it: the bytes
 * decoded as UTF-16, then the regular expressions of Fleet and Zentral (protocol brief
 * section 5.2). The expected thumbprints are {@code openssl x509 -fingerprint -md5} of
 * the test CA certificates.
 */
class NdesAdminPageTests extends IntegrationTestSupport {

	/**
	 * The NDES page reads the CA certificate from this stand-in of the ca-adapter (a
	 * context of its own: the other tests need no ca-adapter).
	 */
	@DynamicPropertySource
	static void caAdapter(DynamicPropertyRegistry registry) {
		registry.add("keyward.challenge.ca.url", FakeCaAdapter.instance()::url);
		registry.add("keyward.challenge.ca.token", () -> FakeCaAdapter.TOKEN);
	}

	/** Fleet's {@code scep_proxy.go}. */
	static final Pattern FLEET_PASSWORD = Pattern
		.compile("(?i)The enrollment challenge password is: <B> (?<password>\\S*)");

	/** Zentral's {@code microsoft_ca.py}. */
	static final Pattern ZENTRAL_PASSWORD = Pattern.compile("challenge password is: <B> ([A-Z0-9]{16,32}) </B>");

	static final Pattern THUMBPRINT = Pattern.compile(
			"The thumbprint \\(hash value\\) for the CA certificate is: <B> ([0-9A-F]{8}(?: [0-9A-F]{8}){3}) </B>");

	static final String G1_MD5 = "9E3E8402 D947025E DC97D31B 2E53EDB1";

	static final String G2_MD5 = "495BB32A CFC19C3D 6603CC07 D0674A22";

	private static final String NO_SCOPE_KEY = "kw_ndes-no-scope-key-0123456789abcdefghijkl";

	@BeforeEach
	void forgetOutstandingPageChallenges() {
		this.jdbc.update("delete from challenge.challenge where profile = 'ndes'");
		FakeCaAdapter.instance().publish("ca-g1.pem");
		FakeCaAdapter.instance().down(false);
		// past the thumbprint cache of an earlier test
		this.clock.advance(Duration.ofMinutes(2));
	}

	@AfterEach
	void removeClient() {
		forgetApiClient("ndes-no-scope");
	}

	@Test
	void whenAuthorisedGetThenThePageParsesAsMdmsParseItAndItsPasswordRedeemsOnce() {
		ResponseEntity<byte[]> response = page("/certsrv/mscep_admin/", basic("bootstrap", API_KEY));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("text/html");
		assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
		byte[] body = response.getBody();
		assertThat(body[0]).isEqualTo((byte) 0xFF);
		assertThat(body[1]).isEqualTo((byte) 0xFE);
		assertThat(body[3]).as("'<' 0x00 after the mark").isZero();
		String html = new String(body, StandardCharsets.UTF_16);
		Matcher fleet = FLEET_PASSWORD.matcher(html);
		assertThat(fleet.find()).isTrue();
		String password = fleet.group("password");
		assertThat(password).matches("[0-9A-F]{16}");
		Matcher zentral = ZENTRAL_PASSWORD.matcher(html);
		assertThat(zentral.find()).isTrue();
		assertThat(zentral.group(1)).isEqualTo(password);
		Matcher thumbprint = THUMBPRINT.matcher(html);
		assertThat(thumbprint.find()).isTrue();
		assertThat(thumbprint.group(1)).isEqualTo(G1_MD5);
		assertThat(html).contains("This password can be used only once and will expire within 60 minutes.")
			.startsWith("<HTML><Head>")
			.endsWith("</HTML>");

		assertThat(redeem(password, "ndes").accepted()).isTrue();
		assertThat(redeem(password, "ndes").accepted()).isFalse();
	}

	@Test
	void whenGetWithoutTrailingSlashThenEachGetMintsANewPassword() {
		String first = password(page("/certsrv/mscep_admin", basic("bootstrap", API_KEY)));
		String second = password(page("/certsrv/mscep_admin", basic("bootstrap", API_KEY)));
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void whenUserHasAWindowsDomainThenItIsStripped() {
		for (String user : new String[] { "EXAMPLE\\bootstrap", "bootstrap@example.com", "BOOTSTRAP",
				"corp.example\\Bootstrap" }) {
			ResponseEntity<byte[]> response = page("/certsrv/mscep_admin/", basic(user, API_KEY));
			assertThat(response.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
			assertThat(password(response)).as(user).matches("[0-9A-F]{16}");
		}
	}

	@Test
	void whenCredentialsAreMissingOrWrongThenUnauthorizedWithABasicChallenge() {
		for (String authorization : new String[] { null, basic("bootstrap", API_KEY + "x"),
				basic("someone-else", API_KEY), basic("bootstrap", ""), "Basic !!!not-base64", "Bearer " + API_KEY,
				basic("EXAMPLE\\other", API_KEY) }) {
			ResponseEntity<byte[]> response = page("/certsrv/mscep_admin/", authorization);
			assertThat(response.getStatusCode()).as(String.valueOf(authorization)).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
				.isEqualTo("Basic realm=\"Keyward\"");
			assertThat(new String(response.getBody(), StandardCharsets.UTF_16)).doesNotContain("password is");
		}
		assertThat(
				this.jdbc.queryForObject("select count(*) from challenge.challenge where profile = 'ndes'", Long.class))
			.isZero();
	}

	@Test
	void whenClientLacksTheMintScopeThenNdesNoPermissionPage() {
		apiClient("ndes-no-scope", NO_SCOPE_KEY, "", null, 0);
		ResponseEntity<byte[]> response = page("/certsrv/mscep_admin/", basic("CORP\\ndes-no-scope", NO_SCOPE_KEY));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("text/html");
		String html = new String(response.getBody(), StandardCharsets.UTF_16);
		assertThat(html).contains(
				"<P> You do not have sufficient permission to enroll with SCEP.  Please contact your system administrator. </P>")
			.doesNotContain("password is");
	}

	@Test
	void whenTheProfilesCapIsReachedThenTheCacheFullPage() {
		for (int i = 0; i < 5; i++) {
			password(page("/certsrv/mscep_admin/", basic("bootstrap", API_KEY)));
		}
		ResponseEntity<byte[]> response = page("/certsrv/mscep_admin/", basic("bootstrap", API_KEY));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		String html = new String(response.getBody(), StandardCharsets.UTF_16);
		assertThat(html).contains("The password cache is full.")
			.contains("Configure the service to cache more than 5 passwords.")
			.doesNotContain("password is:");
		// one expires: the page mints again
		this.clock.advance(Duration.ofMinutes(61));
		assertThat(password(page("/certsrv/mscep_admin/", basic("bootstrap", API_KEY)))).hasSize(16);
	}

	@Test
	void whenTheCaRollsOverThenThePageShowsTheNewThumbprintOnceTheCacheAged() {
		assertThat(thumbprint(page("/certsrv/mscep_admin/", basic("bootstrap", API_KEY)))).isEqualTo(G1_MD5);
		FakeCaAdapter.instance().publish("ca-g2.pem");
		int calls = FakeCaAdapter.instance().calls();
		assertThat(thumbprint(page("/certsrv/mscep_admin/", basic("bootstrap", API_KEY)))).isEqualTo(G1_MD5);
		assertThat(FakeCaAdapter.instance().calls()).as("served from the cache").isEqualTo(calls);
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(thumbprint(page("/certsrv/mscep_admin/", basic("bootstrap", API_KEY)))).isEqualTo(G2_MD5);
	}

	@Test
	void whenTheCaAdapterIsDownThenTheLastThumbprintIsShown() {
		assertThat(thumbprint(page("/certsrv/mscep_admin/", basic("bootstrap", API_KEY)))).isEqualTo(G1_MD5);
		FakeCaAdapter.instance().down(true);
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(thumbprint(page("/certsrv/mscep_admin/", basic("bootstrap", API_KEY)))).isEqualTo(G1_MD5);
	}

	@Test
	void whenAnotherMethodThenRefused() {
		ResponseEntity<byte[]> response = this.http.post()
			.uri("/certsrv/mscep_admin/")
			.header(HttpHeaders.AUTHORIZATION, basic("bootstrap", API_KEY))
			.retrieve()
			.toEntity(byte[].class);
		assertThat(response.getStatusCode().is4xxClientError()).isTrue();
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private ResponseEntity<byte[]> page(String path, String authorization) {
		return this.http.get().uri(path).headers((headers) -> {
			if (authorization != null) {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
			}
		}).retrieve().toEntity(byte[].class);
	}

	private static String password(ResponseEntity<byte[]> response) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		Matcher matcher = FLEET_PASSWORD.matcher(new String(response.getBody(), StandardCharsets.UTF_16));
		assertThat(matcher.find()).isTrue();
		return matcher.group("password");
	}

	private static String thumbprint(ResponseEntity<byte[]> response) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		Matcher matcher = THUMBPRINT.matcher(new String(response.getBody(), StandardCharsets.UTF_16));
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

}
