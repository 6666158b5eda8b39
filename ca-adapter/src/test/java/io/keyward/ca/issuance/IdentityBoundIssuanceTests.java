package io.keyward.ca.issuance;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.UUID;

import io.keyward.api.ca.IssueRequest;
import io.keyward.api.ca.IssuedCertificate;
import io.keyward.api.challenge.ChallengeBinding;
import io.keyward.ca.CaApiTests;
import io.keyward.ca.Certificates;
import io.keyward.ca.TestCsrs;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Issuance bound to identity (issue 13, CERT VU#971035): whoever extracted a challenge
 * from a device profile chooses the CSR, so the template, not the CSR, decides which
 * names a certificate carries.
 */
class IdentityBoundIssuanceTests extends CaApiTests {

	private static final KeyPair KEY = TestCsrs.rsa(2048);

	private static final String SID_EXTENSION = "1.3.6.1.4.1.311.25.2";

	static GeneralName upn(String value) {
		return new GeneralName(GeneralName.otherName,
				new OtherName(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), new DERUTF8String(value)));
	}

	@Test
	void whenDefaultTemplateGetsAUpnOrASidSanThenRefusedAndNothingStored() {
		long before = count();
		String upn = TestCsrs.forKey(KEY, "CN=laptop").san(upn("administrator@corp.example")).base64();
		String sid = TestCsrs.forKey(KEY, "CN=laptop")
			.san(new GeneralName(GeneralName.uniformResourceIdentifier,
					"tag:microsoft.com,2022-09-14:sid:S-1-5-21-1-2-3-500"))
			.base64();

		assertRefused(new IssueRequest(upn, "devices", "default", "tx-" + UUID.randomUUID()),
				"template 'default' does not allow upn SANs");
		assertRefused(new IssueRequest(sid, "devices", "default", "tx-" + UUID.randomUUID()),
				"a SID comes only from a bound challenge");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void whenSubjectIsTheCaNameInAnySpellingThenRefused() {
		String csr = TestCsrs.forKey(KEY, "CN=keyward  root ca,O=KEYWARD").base64();

		assertRefused(new IssueRequest(csr, "devices", "default", null), "is the name of a CA or RA");
	}

	@Test
	void whenSubjectIsAnRaNameThenRefusedOutsideTheRaTemplates() {
		String name = "CN=Keyward RA " + UUID.randomUUID() + ",O=Keyward Tests";
		this.client
			.issueRaCertificate(new IssueRequest(TestCsrs.forKey(KEY, name).base64(), "default", "ra-signing", null));

		assertRefused(new IssueRequest(TestCsrs.forKey(KEY, name.toUpperCase(java.util.Locale.ROOT)).base64(),
				"devices", "default", null), "is the name of a CA or RA");
		// an RA rollover issues the same name again
		assertThat(this.client
			.issueRaCertificate(new IssueRequest(TestCsrs.forKey(KEY, name).base64(), "default", "ra-encryption", null))
			.subject()).isEqualTo(name);
	}

	@Test
	void whenTemplateFixesTheOrganisationAndPatternsTheUpnThenOnlyMatchingUpnsAndItsOrganisation() {
		String csr = TestCsrs.forKey(KEY, "CN=alice,O=Evil Inc").san(upn("alice@corp.example")).base64();

		IssuedCertificate issued = this.client.issue(new IssueRequest(csr, "users", "windows-user", null));

		assertThat(issued.subject()).isEqualTo("CN=alice,O=Keyward Tests");
		assertThat(issued.subjectAltNames()).containsExactly("upn:alice@corp.example");
		assertRefused(new IssueRequest(TestCsrs.forKey(KEY, "CN=alice").san(upn("alice@evil.example")).base64(),
				"users", "windows-user", null), "does not match the pattern of template 'windows-user'");
		assertRefused(
				new IssueRequest(TestCsrs.forKey(KEY, "CN=alice,OU=Admins").base64(), "users", "windows-user", null),
				"does not allow the subject attribute OU");
	}

	@Test
	void whenTheChallengeIsBoundToASidThenTheCertificateCarriesItOnlyWhereTheTemplateAllows() throws Exception {
		String sid = "S-1-5-21-3623811015-3361044348-30300820-1013";
		String csr = TestCsrs.forKey(KEY, "CN=alice").san(upn("alice@corp.example")).base64();

		IssuedCertificate mapped = this.client
			.issue(new IssueRequest(csr, "users", "windows-user", null, null, new ChallengeBinding(sid)));
		IssuedCertificate unmapped = this.client.issue(new IssueRequest(TestCsrs.forKey(KEY, "CN=alice").base64(),
				"users", "default", null, null, new ChallengeBinding(sid)));

		assertThat(mapped.subjectAltNames()).containsExactly("upn:alice@corp.example",
				"uri:tag:microsoft.com,2022-09-14:sid:" + sid);
		assertThat(sidExtension(mapped)).isEqualTo(sid);
		assertThat(unmapped.subjectAltNames()).isEmpty();
		assertThat(Certificates.parse(unmapped.certificatePem()).getExtensionValue(SID_EXTENSION)).isNull();
		// a renewal keeps the SID the CA put there, whatever the CSR asks for
		IssuedCertificate renewed = this.client.issue(new IssueRequest(
				TestCsrs.forKey(TestCsrs.rsa(2048), "CN=mallory").san(upn("mallory@corp.example")).base64(), "users",
				null, "tx-" + UUID.randomUUID(), mapped.serialNumber()));
		assertThat(renewed.subjectAltNames()).containsExactlyElementsOf(mapped.subjectAltNames());
		assertThat(sidExtension(renewed)).isEqualTo(sid);
		assertRefused(new IssueRequest(csr, "users", "windows-user", null, null, new ChallengeBinding("S-1-x")),
				"not a security identifier");
	}

	/**
	 * szOID_NTDS_CA_SECURITY_EXT as KB5014754 and AD CS write it: a GeneralNames holding
	 * one otherName 1.3.6.1.4.1.311.25.2.1 whose value is the SID's text in an OCTET
	 * STRING.
	 */
	private static String sidExtension(IssuedCertificate issued) {
		byte[] value = Certificates.parse(issued.certificatePem()).getExtensionValue(SID_EXTENSION);
		GeneralName[] names = GeneralNames.getInstance(ASN1OctetString.getInstance(value).getOctets()).getNames();
		assertThat(names).hasSize(1);
		OtherName otherName = OtherName.getInstance(names[0].getName());
		assertThat(otherName.getTypeID().getId()).isEqualTo("1.3.6.1.4.1.311.25.2.1");
		return new String(ASN1OctetString.getInstance(otherName.getValue()).getOctets(), StandardCharsets.US_ASCII);
	}

	private void assertRefused(IssueRequest request, String detail) {
		assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
			.isThrownBy(() -> this.client.issue(request))
			.satisfies((ex) -> {
				assertThat(ex.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
				assertThat(ex.getResponseBodyAsString()).contains(detail);
			});
	}

	private long count() {
		return this.jdbc.queryForObject("select count(*) from ca.certificate", Long.class);
	}

}
