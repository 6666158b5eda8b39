package io.keyward.scep;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one SAN rendering the CSR checks and the CA's API share (two renderers used to
 * disagree on malformed and unusual entries).
 */
class SubjectAltNamesTests {

	@Test
	void whenNamesAreUsualThenTypePrefixedValues() {
		GeneralNames names = new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "a.example"),
				new GeneralName(GeneralName.rfc822Name, "a@example.com"),
				new GeneralName(GeneralName.iPAddress, "2001:db8::1"),
				new GeneralName(GeneralName.otherName, new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
						SubjectAltNames.UPN, new DERTaggedObject(true, 0, new DERUTF8String("u@corp")) })) });

		assertThat(SubjectAltNames.render(names)).containsExactly("dns:a.example", "email:a@example.com",
				"ip:2001:db8:0:0:0:0:0:1", "upn:u@corp");
	}

	@Test
	void whenAnIpAddressHasTheWrongLengthThenItsOctetsInHex() {
		GeneralName odd = new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[] { 10, 0, 1 }));

		assertThat(SubjectAltNames.render(odd)).isEqualTo("ip:0a0001");
	}

}
