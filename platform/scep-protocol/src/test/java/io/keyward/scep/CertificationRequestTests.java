package io.keyward.scep;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CertificationRequestTests {

	private static final KeyPair keys = TestPki.rsa(2048);

	static Stream<ASN1Encodable> directoryStrings() {
		return Stream.of(new DERPrintableString("KW7Q2M9X4T8P3Z6R"), new DERUTF8String("KW7Q2M9X4T8P3Z6R"),
				new DERBMPString("KW7Q2M9X4T8P3Z6R"), new DERIA5String("KW7Q2M9X4T8P3Z6R"),
				new DERT61String("KW7Q2M9X4T8P3Z6R"));
	}

	@ParameterizedTest
	@MethodSource("directoryStrings")
	void whenChallengePasswordIsAnyDirectoryStringThenItIsRead(ASN1Encodable challenge) throws Exception {
		CertificationRequest csr = parse(TestPki.csr(keys, "CN=device1", challenge, null));
		assertThat(csr.challengePassword()).contains("KW7Q2M9X4T8P3Z6R");
	}

	@Test
	void whenChallengePasswordIsLongerThanTheDirectoryStringBoundThenItIsRead() throws Exception {
		// Intune challenges are several kB
		String intune = "x".repeat(4000);
		CertificationRequest csr = parse(TestPki.csr(keys, "CN=device1", new DERUTF8String(intune), null));
		assertThat(csr.challengePassword()).contains(intune);
	}

	@Test
	void whenChallengePasswordIsAbsentThenEmpty() throws Exception {
		assertThat(parse(TestPki.csr(keys, "CN=device1", null)).challengePassword()).isEmpty();
	}

	@Test
	void whenSubjectHasSeveralRdnsThenItIsRenderedMostSpecificFirst() throws Exception {
		// X500Name("C=US,O=Acme,CN=device1") encodes C first; RFC 4514 prints CN first
		CertificationRequest csr = parse(TestPki.csr(keys, "C=US,O=Acme\\, Inc.,CN=device1", null));
		assertThat(csr.subject()).isEqualTo("CN=device1,O=Acme\\, Inc.,C=US");
	}

	@Test
	void whenExtensionRequestHasSubjectAltNamesThenTheyAreListedByType() throws Exception {
		GeneralName upn = new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
				SubjectAltNames.UPN, new DERTaggedObject(true, 0, new DERUTF8String("alice@example.com")) }));
		GeneralNames names = new GeneralNames(
				new GeneralName[] { new GeneralName(GeneralName.dNSName, "device1.example.com"),
						new GeneralName(GeneralName.rfc822Name, "alice@example.com"),
						new GeneralName(GeneralName.uniformResourceIdentifier,
								"tag:microsoft.com,2022-09-14:sid:S-1-5-21"),
						new GeneralName(GeneralName.iPAddress, "192.0.2.7"), upn });
		CertificationRequest csr = parse(TestPki.csr(keys, "CN=device1", null, names));
		assertThat(csr.subjectAltNames()).containsExactly("dns:device1.example.com", "email:alice@example.com",
				"uri:tag:microsoft.com,2022-09-14:sid:S-1-5-21", "ip:192.0.2.7", "upn:alice@example.com");
	}

	@Test
	void whenThereIsNoExtensionRequestThenNoSubjectAltNames() throws Exception {
		assertThat(parse(TestPki.csr(keys, "CN=device1", "x")).subjectAltNames()).isEmpty();
	}

	@Test
	void whenPublicKeyIsHashedThenItIsLowerCaseHexSha256OfTheSpki() throws Exception {
		String expected = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()));
		assertThat(parse(TestPki.csr(keys, "CN=device1", "x")).publicKeySha256Hex()).isEqualTo(expected)
			.hasSize(64)
			.isLowerCase();
	}

	@Test
	void whenParsedThenEncodedIsTheInput() throws Exception {
		byte[] der = TestPki.csr(keys, "CN=device1", "x").getEncoded();
		assertThat(CertificationRequest.parse(der).encoded()).isEqualTo(der);
	}

	@Test
	void whenSelfSignatureDoesNotVerifyThenInvalidRequestException() throws Exception {
		PKCS10CertificationRequest good = TestPki.csr(keys, "CN=device1", "x");
		byte[] signature = good.getSignature().clone();
		signature[0] ^= 0x01;
		org.bouncycastle.asn1.pkcs.CertificationRequest bad = new org.bouncycastle.asn1.pkcs.CertificationRequest(
				good.toASN1Structure().getCertificationRequestInfo(), good.getSignatureAlgorithm(),
				new DERBitString(signature));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> CertificationRequest.parse(bad.getEncoded()));
	}

	@Test
	void whenBytesAreNotPkcs10ThenInvalidRequestException() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> CertificationRequest.parse("garbage".getBytes()));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> CertificationRequest.parse(TestPki.shared().caCertificate.getEncoded()));
	}

	private static CertificationRequest parse(PKCS10CertificationRequest csr) throws Exception {
		return CertificationRequest.parse(csr.getEncoded());
	}

}
