package io.keyward.gateway.enrollment;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * The CA name in a certificate's CRL distribution point (RFC 5280 section 4.2.1.13) as
 * the ca-adapter writes it: {@code <base>/crl/<name>.crl}. After a CA rollover every
 * generation has the same subject, so this, not the issuer name, tells which generation's
 * CRL covers the certificate.
 */
final class CrlDistributionPoint {

	private static final Pattern CRL_PATH = Pattern.compile("/crl/([A-Za-z0-9._-]{1,64})\\.crl$");

	private CrlDistributionPoint() {
	}

	/**
	 * @return the CA name, empty when the certificate names no CRL of ours
	 */
	static Optional<String> caName(X509Certificate certificate) {
		byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
		if (extension == null) {
			return Optional.empty();
		}
		try {
			CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
			for (DistributionPoint point : points.getDistributionPoints()) {
				DistributionPointName name = point.getDistributionPoint();
				if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
					continue;
				}
				for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
					if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
						Matcher matcher = CRL_PATH.matcher(ASN1IA5String.getInstance(general.getName()).getString());
						if (matcher.find()) {
							return Optional.of(matcher.group(1));
						}
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// a malformed extension in a stored certificate: fall back to the issuer
		}
		return Optional.empty();
	}

}
