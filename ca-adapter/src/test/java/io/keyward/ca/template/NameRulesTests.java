package io.keyward.ca.template;

import io.keyward.scep.SubjectAltNames;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

import io.keyward.ca.TestCsrs;
import io.keyward.ca.authority.CertificateSpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.OtherName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Subject and SAN rules (issue 13, CERT VU#971035): what a CSR may name is decided by the
 * template, never copied as asked.
 */
class NameRulesTests {

	private static final KeyPair RSA = TestCsrs.rsa(2048);

	private static final String SID = "S-1-5-21-3623811015-3361044348-30300820-1013";

	private static final GeneralName UPN = new GeneralName(GeneralName.otherName,
			new OtherName(SanType.UPN_OID, new DERUTF8String("administrator@corp.example")));

	private static CertificateSigningRequest csr(TestCsrs builder) {
		return CertificateSigningRequest.decode(builder.base64());
	}

	private static CertificateTemplate template(NameRules rules, Set<SanType> sans) {
		return new CertificateTemplate("rules", Duration.ofDays(30), CertificateTemplate.DEFAULT.keyUsage(),
				CertificateTemplate.DEFAULT.extendedKeyUsage(), sans, 2048, CertificateTemplate.DEFAULT_CURVES, rules);
	}

	@Test
	void whenDefaultTemplateMeetsAUpnThenRefused() {
		CertificateSigningRequest csr = csr(TestCsrs.forKey(RSA, "CN=laptop").san(UPN));

		assertThatExceptionOfType(CertificateRequestRefused.class)
			.isThrownBy(() -> TemplatePolicy.apply(csr, CertificateTemplate.DEFAULT))
			.withMessage("template 'default' does not allow upn SANs (the CSR asks for "
					+ "upn:administrator@corp.example)");
	}

	@Test
	void whenCsrAsksForASidSanThenRefusedEvenWhereTheTemplateAllowsUris() {
		CertificateSigningRequest csr = csr(TestCsrs.forKey(RSA, "CN=laptop")
			.san(new GeneralName(GeneralName.uniformResourceIdentifier, "TAG:microsoft.com,2022-09-14:sid:" + SID)));

		assertThatExceptionOfType(CertificateRequestRefused.class)
			.isThrownBy(() -> TemplatePolicy.apply(csr, CertificateTemplate.DEFAULT))
			.withMessageContaining("a SID comes only from a bound challenge");
	}

	@Test
	void whenASanDoesNotMatchTheTemplatePatternThenRefused() {
		NameRules rules = NameRules.DEFAULT
			.withSanPatterns(Map.of(SanType.DNS, Pattern.compile("[a-z0-9-]+\\.mdm\\.example")));
		CertificateTemplate template = template(rules, Set.of(SanType.DNS));

		assertThat(TemplatePolicy
			.apply(csr(TestCsrs.forKey(RSA, "CN=ok").san(new GeneralName(GeneralName.dNSName, "pc-1.mdm.example"))),
					template)
			.subjectAltNames()).extracting(SubjectAltNames::render).containsExactly("dns:pc-1.mdm.example");
		assertThatExceptionOfType(CertificateRequestRefused.class)
			.isThrownBy(() -> TemplatePolicy.apply(
					csr(TestCsrs.forKey(RSA, "CN=evil").san(new GeneralName(GeneralName.dNSName, "dc01.corp.example"))),
					template))
			.withMessage("SAN dns:dc01.corp.example does not match the pattern of template 'rules' "
					+ "([a-z0-9-]+\\.mdm\\.example)");
	}

	@Test
	void whenSubjectIsRebuiltThenValuesAreReEncodedAndFixedAttributesWin() {
		NameRules rules = NameRules.DEFAULT
			.withSubjectFixed(Map.of(SubjectAttribute.O, "Example Corp", SubjectAttribute.OU, "Managed Devices"));
		// the CSR claims another organisation and spells CN as a PrintableString
		CertificateSigningRequest csr = csr(TestCsrs.forKey(RSA, "CN=device-7,OU=Domain Controllers,O=Evil Inc"));

		CertificateSpec spec = TemplatePolicy.apply(csr, template(rules, Set.of()));

		assertThat(new X500Principal(encoded(spec)).getName())
			.isEqualTo("CN=device-7,OU=Managed Devices,O=Example Corp");
		RDN cn = spec.subject().getRDNs(BCStyle.CN)[0];
		assertThat(cn.getFirst().getValue()).isInstanceOf(DERUTF8String.class);
	}

	@Test
	void whenSubjectAttributeIsNotAllowedThenRefused() {
		NameRules rules = NameRules.DEFAULT.withSubjectAttributes(EnumSet.of(SubjectAttribute.CN));
		CertificateSigningRequest csr = csr(TestCsrs.forKey(RSA, "CN=x,O=Someone"));

		assertThatExceptionOfType(CertificateRequestRefused.class)
			.isThrownBy(() -> TemplatePolicy.apply(csr, template(rules, Set.of())))
			.withMessage("template 'rules' does not allow the subject attribute O (allowed: [CN])");
	}

	@Test
	void whenSubjectAttributeIsUnknownThenRefused() {
		// 2.5.4.45 x500UniqueIdentifier-like oddities and private OIDs never reach a
		// certificate
		CertificateSigningRequest csr = csr(TestCsrs.forKey(RSA, "CN=x,OID.1.2.3.4=#130141"));

		assertThatExceptionOfType(CertificateRequestRefused.class)
			.isThrownBy(() -> TemplatePolicy.apply(csr, CertificateTemplate.DEFAULT))
			.withMessageContaining("subject attribute 1.2.3.4");
	}

	@Test
	void whenSubjectValueDoesNotMatchThePatternThenRefused() {
		NameRules rules = NameRules.DEFAULT
			.withSubjectPatterns(Map.of(SubjectAttribute.CN, Pattern.compile("[0-9A-F]{12}")));

		assertThat(TemplatePolicy.apply(csr(TestCsrs.forKey(RSA, "CN=00A1B2C3D4E5")), template(rules, Set.of()))
			.subject()
			.toString()).isEqualTo("CN=00A1B2C3D4E5");
		assertThatExceptionOfType(CertificateRequestRefused.class).isThrownBy(
				() -> TemplatePolicy.apply(csr(TestCsrs.forKey(RSA, "CN=Administrator")), template(rules, Set.of())))
			.withMessage("subject CN=Administrator does not match the pattern of template 'rules' ([0-9A-F]{12})");
	}

	@Test
	void whenTemplateAllowsStrongMappingThenTheBoundSidIsAddedAndNeverInvented() throws Exception {
		CertificateTemplate mapped = template(NameRules.DEFAULT.withStrongMapping(true), Set.of(SanType.DNS));
		CertificateSigningRequest csr = csr(TestCsrs.forKey(RSA, "CN=user"));

		CertificateSpec bound = TemplatePolicy.apply(csr, mapped, SID);
		assertThat(bound.subjectAltNames()).extracting(SubjectAltNames::render)
			.containsExactly("uri:tag:microsoft.com,2022-09-14:sid:" + SID);
		assertThat(bound.extensions()).singleElement()
			.satisfies((extension) -> assertThat(extension.getExtnId())
				.isEqualTo(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.25.2")));

		assertThat(TemplatePolicy.apply(csr, mapped, null).extensions()).isEmpty();
		assertThat(TemplatePolicy.apply(csr, mapped, null).subjectAltNames()).isEmpty();
		CertificateSpec notAllowed = TemplatePolicy.apply(csr, CertificateTemplate.DEFAULT, SID);
		assertThat(notAllowed.extensions()).isEmpty();
		assertThat(notAllowed.subjectAltNames()).isEmpty();
	}

	@Test
	void whenSubjectHasANonStringValueThenRefused() {
		CertificateSigningRequest csr = csr(TestCsrs.forKey(RSA, "CN=x,C=#0403414243"));

		assertThatExceptionOfType(CertificateRequestRefused.class)
			.isThrownBy(() -> TemplatePolicy.apply(csr, CertificateTemplate.DEFAULT))
			.withMessageContaining("not a string");
	}

	private static byte[] encoded(CertificateSpec spec) {
		try {
			return spec.subject().getEncoded();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
