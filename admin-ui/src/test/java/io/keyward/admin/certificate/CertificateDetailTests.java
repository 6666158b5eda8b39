package io.keyward.admin.certificate;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Map;

import io.keyward.admin.AdminUiTestSupport;
import io.keyward.admin.Browser;
import io.keyward.admin.FakeServices;
import io.keyward.admin.TestCertificates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateDetailTests extends AdminUiTestSupport {

	@BeforeEach
	void reset() {
		FakeServices.get().reset();
	}

	@Test
	void whenDetailShownThenFieldsAreDecodedAndMarkupEscaped() {
		var page = signedIn().get("/certificates/" + FakeServices.SERIAL);

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("EC 256")
			.contains("SHA256withECDSA")
			.contains("id=\"subject\">O=Example,CN=\\&lt;script\\&gt;alert(1)\\&lt;/script\\&gt;<")
			.doesNotContain("<script>")
			.contains("Issued")
			.contains("Requested (PKCSReq)")
			.contains("Revoke certificate");
	}

	@Test
	void whenDetailShownThenEveryExtensionIsDecodedWithItsCriticality() {
		String page = signedIn().get("/certificates/" + FakeServices.SERIAL).body();

		assertThat(page).contains("EC 256 (P-256)")
			.contains("keyUsage (2.5.29.15), critical")
			.contains("digitalSignature</div>")
			.contains("keyEncipherment</div>")
			.contains("basicConstraints (2.5.29.19), critical")
			.contains("CA: false")
			.contains("extKeyUsage (2.5.29.37)<")
			.contains("clientAuth (1.3.6.1.5.5.7.3.2)")
			.contains("smartcardLogon (1.3.6.1.4.1.311.20.2.2)")
			.containsPattern(
					"subjectKeyIdentifier \\(2.5.29.14\\)</th>\\s*<td[^>]*><div>([0-9A-F]{2}:){19}[0-9A-F]{2}<")
			.contains("authorityKeyIdentifier (2.5.29.35)")
			.contains("<div>keyIdentifier ")
			.contains("uri:http://pki.example/crl/root.crl")
			.contains("OCSP (1.3.6.1.5.5.7.48.1) uri:http://pki.example/ocsp")
			.contains("caIssuers (1.3.6.1.5.5.7.48.2) uri:http://pki.example/ca.cer")
			.contains("certificatePolicies (2.5.29.32)")
			.contains("1.3.6.1.4.1.99999.7")
			.contains("data-oid=\"" + TestCertificates.UNKNOWN_OID + "\"")
			.contains("DER " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(TestCertificates.UNKNOWN_VALUE))
			.contains("email:device@example.com")
			.contains("uri:urn:uuid:4711")
			.contains("ip:192.0.2.7")
			.contains("upn:user@corp.example")
			.contains("rid:1.2.3.4")
			.contains("dirname:CN=directory name");
	}

	@Test
	void whenTheSubjectAndASanCarryMarkupThenTheyAreShownAsText() {
		String page = signedIn().get("/certificates/" + FakeServices.SERIAL).body();

		assertThat(page).doesNotContain("<script>")
			.contains("dns:&lt;script&gt;alert(2)&lt;/script&gt;.example")
			.contains("id=\"subject\">O=Example,CN=\\&lt;script\\&gt;alert(1)\\&lt;/script\\&gt;<");
	}

	@Test
	void whenDetailShownThenTheWholeEnrollmentIsItsHistory() {
		String page = signedIn().get("/certificates/" + FakeServices.SERIAL).body();

		assertThat(page).contains("Challenge minted")
			.contains("profile ios, template device")
			.contains("Challenge attempt refused")
			.contains("Challenge redeemed")
			.contains("Challenge given back: the CA refused the CSR")
			.contains("transactionID WEAK01: the CSR&#39;s RSA key has &lt;b&gt;1024&lt;/b&gt; bits")
			.doesNotContain("<b>1024</b>")
			.contains("Notification ISSUED to webhook mdm-notify")
			.contains("last error: &lt;b&gt;503&lt;/b&gt;")
			.doesNotContain("<b>503</b>")
			.doesNotContain("<i>tx</i>");
		assertThat(page.indexOf("Challenge minted")).isLessThan(page.indexOf("Challenge redeemed"));
		assertThat(page.indexOf("Challenge redeemed")).isLessThan(page.indexOf(">Issued<"));
	}

	@Test
	void whenDerDownloadedThenItIsTheCertificatesDerAsPkixCert() throws Exception {
		Browser browser = signedIn();
		var der = browser.getBytes("/certificates/" + FakeServices.SERIAL + "/der");

		assertThat(der.statusCode()).isEqualTo(200);
		assertThat(der.headers().firstValue("Content-Type")).hasValue("application/pkix-cert");
		assertThat(der.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(value) -> assertThat(value).contains("attachment").contains(FakeServices.SERIAL + ".cer"));
		X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(der.body()));
		assertThat(parsed.getSerialNumber().toString(16).toUpperCase()).isEqualTo(FakeServices.SERIAL);
	}

	@Test
	void whenRevokedWithoutTheConfirmationThenNothingIsRevoked() {
		Browser browser = signedIn();
		String csrf = Browser.csrfToken(browser.get("/certificates/" + FakeServices.SERIAL).body());
		int before = FakeServices.get().bodies().size();

		var answer = browser.post("/certificates/" + FakeServices.SERIAL + "/revoke",
				Map.of("reason", "keyCompromise", "_csrf", csrf));

		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(FakeServices.get().bodies()).hasSize(before);
		assertThat(browser.get("/certificates/" + FakeServices.SERIAL).body())
			.contains("Nothing revoked: tick the confirmation")
			.contains("Revoke certificate");
	}

	@Test
	void whenPemDownloadedThenItIsTheCertificate() {
		var pem = signedIn().get("/certificates/" + FakeServices.SERIAL + "/pem");

		assertThat(pem.statusCode()).isEqualTo(200);
		assertThat(pem.headers().firstValue("Content-Type")).hasValue("application/x-pem-file");
		assertThat(pem.body()).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(pem.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(value) -> assertThat(value).contains("attachment").contains(FakeServices.SERIAL + ".pem"));
	}

	@Test
	void whenRevokeFormLacksCsrfTokenThenRefused() {
		Browser browser = signedIn();
		int before = FakeServices.get().bodies().size();

		var answer = browser.post("/certificates/" + FakeServices.SERIAL + "/revoke", Map.of("reason", "superseded"));

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(FakeServices.get().bodies()).hasSize(before);
	}

	@Test
	void whenRevokedFromTheDashboardThenTheCaHearsTheAdmin() {
		Browser browser = signedIn();
		String csrf = Browser.csrfToken(browser.get("/certificates/" + FakeServices.SERIAL).body());

		var answer = browser.post("/certificates/" + FakeServices.SERIAL + "/revoke",
				Map.of("reason", "cessationOfOperation", "comment", "decommissioned", "confirm", "yes", "_csrf", csrf));

		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(FakeServices.get().bodies()).anyMatch((body) -> body.contains("cessationOfOperation")
				&& body.contains("\"revokedBy\":\"admin:admin\"") && body.contains("decommissioned"));
		String after = browser.get("/certificates/" + FakeServices.SERIAL).body();
		assertThat(after).contains("revoked (cessationOfOperation)").contains("certificate_revoked");
	}

	@Test
	void whenSerialUnknownThenNotFoundPage() {
		var page = signedIn().get("/certificates/0BAD");

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("no certificate with serial");
	}

}
