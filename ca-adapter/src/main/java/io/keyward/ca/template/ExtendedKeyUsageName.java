package io.keyward.ca.template;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Extended key usages a template may grant (RFC 5280 section 4.2.1.12, plus Microsoft's
 * smart-card logon used by Windows certificate-based sign-in).
 */
public enum ExtendedKeyUsageName {

	CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth),

	SERVER_AUTH(KeyPurposeId.id_kp_serverAuth),

	CODE_SIGNING(KeyPurposeId.id_kp_codeSigning),

	EMAIL_PROTECTION(KeyPurposeId.id_kp_emailProtection),

	TIME_STAMPING(KeyPurposeId.id_kp_timeStamping),

	OCSP_SIGNING(KeyPurposeId.id_kp_OCSPSigning),

	IPSEC_IKE(KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.17"))),

	SMARTCARD_LOGON(KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.2")));

	private final KeyPurposeId purpose;

	ExtendedKeyUsageName(KeyPurposeId purpose) {
		this.purpose = purpose;
	}

	KeyPurposeId purpose() {
		return this.purpose;
	}

}
