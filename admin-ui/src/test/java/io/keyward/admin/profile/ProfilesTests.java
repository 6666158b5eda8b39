package io.keyward.admin.profile;

import java.security.MessageDigest;
import java.util.HexFormat;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import io.keyward.admin.FakeServices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the Profiles page shows each profile's URLs, its GetCACaps, ciphers and
 * policy, and the GetCACert CA certificate's fingerprints in the forms MDMs ask for, with
 * copy buttons from a script served by the app (no inline script: the CSP forbids it).
 */
class ProfilesTests extends AdminUiTestSupport {

	@Test
	void whenShownThenEachProfileHasItsUrlsCapabilitiesAndPolicy() {
		String page = signedIn().get("/profiles").body();

		assertThat(page).contains(FakeServices.get().url() + "/scep/default")
			.contains(FakeServices.get().url() + "/certsrv/mscep/mscep.dll")
			.contains(FakeServices.get().url() + "/scep/routers")
			.contains("POSTPKIOperation Renewal SHA-256 SHA-512 SHA-1 AES DES3 SCEPStandard")
			.contains("AES-128-CBC, AES-256-CBC, DES-EDE3-CBC")
			.contains("NOT required: any device that reaches this profile enrolls")
			.contains("an admin approves each request (waits at most 7 days)")
			.contains("RenewalReq without a challenge, from 50% of the lifetime left before expiry")
			.contains(">CA only<")
			.doesNotContain("CA_ONLY");
	}

	@Test
	void whenShownThenEachTemplatesPolicyIsListedAsText() {
		String page = signedIn().get("/profiles").body();

		String templates = page.substring(page.indexOf("id=\"templates\""));
		assertThat(templates).contains("data-template=\"default\"")
			.contains(">1 year<")
			.contains("digital signature, key encipherment")
			.contains("client authentication")
			.contains(">30 days<")
			.doesNotContain("PT8760H")
			.doesNotContain("DIGITAL_SIGNATURE")
			.doesNotContain("CLIENT_AUTH")
			.contains("RSA 2048 bits or more; EC P256, P384, P521")
			.contains("data-template=\"windows-user\"")
			.contains("RSA 3072 bits or more")
			.contains("fixed {O=Keyward Tests}; SID from the challenge")
			.contains("UPN; patterns {UPN=[a-z]+@corp\\.example}")
			// a pattern is configuration, but shown as text all the same
			.contains("{CN=&lt;b&gt;[a-z]+&lt;/b&gt;}")
			.doesNotContain("<b>[a-z]");
		assertThat(page).doesNotContain("ca-adapter:");
	}

	@Test
	void whenShownThenEachProfilesChallengeSettingsAreListed() {
		String page = signedIn().get("/profiles").body();

		String table = page.substring(page.indexOf("id=\"challenge-profiles\""),
				page.indexOf("id=\"templates-title\""));
		String printers = table.substring(table.indexOf("data-challenge-profile=\"printers\""));
		assertThat(printers).contains(">10 minutes<")
			.doesNotContain("PT10M")
			.contains("class=\"cap\">none<")
			.contains(">12<")
			.contains("yes (NDES UseSinglePassword)")
			.contains("&lt;i&gt;printer&lt;/i&gt;")
			.doesNotContain("<i>printer");
		assertThat(table).contains("data-challenge-profile=\"default\"")
			.contains("class=\"cap\">10000<")
			.contains(">1 hour<")
			.contains(">7 days<")
			.contains(">one-time<")
			.doesNotContain("ONE_TIME");
		assertThat(page).doesNotContain("challenge-service:");
	}

	@Test
	void whenShownThenTheCaFingerprintsAreThoseOfTheGetCaCertCertificate() throws Exception {
		Browser browser = signedIn();
		String page = browser.get("/profiles").body();
		byte[] der = FakeServices.get().caCertificateDer();

		HexFormat colons = HexFormat.ofDelimiter(":").withUpperCase();
		String md5 = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(der));
		assertThat(page)
			.contains("id=\"fp-sha256\">" + colons.formatHex(MessageDigest.getInstance("SHA-256").digest(der)) + "<")
			.contains("id=\"fp-sha1\">" + colons.formatHex(MessageDigest.getInstance("SHA-1").digest(der)) + "<")
			.contains("id=\"fp-md5\">" + md5.substring(0, 8) + " " + md5.substring(8, 16) + " " + md5.substring(16, 24)
					+ " " + md5.substring(24) + "<")
			.contains("data-copy=\"fp-sha256\"")
			.contains("<script src=\"/js/copy.js\"></script>")
			.doesNotContainPattern("<script>[^<]");
		var script = browser.get("/js/copy.js");
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).contains("javascript"));
		assertThat(script.body()).contains("navigator.clipboard.writeText");
	}

	@Test
	void whenSignedOutThenThePageAndTheScriptNeedASignIn() {
		var page = browser().get("/profiles");

		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
	}

}
