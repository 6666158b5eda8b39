package io.keyward.ca.template;

import io.keyward.scep.SubjectAltNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x509.GeneralName;

/**
 * Checks a CSR's subject alternative names (RFC 5280 section 4.2.1.6) against a template:
 * a type the template does not allow is refused, not silently dropped, so an admin whose
 * MDM profile asks for a UPN on a template without UPNs reads why in the enrollment's
 * failInfoText; a value must match the type's pattern; a Microsoft SID URL is refused
 * whatever the template says (see {@link StrongMapping}).
 */
final class SanPolicy {

	private SanPolicy() {
	}

	/**
	 * @return the CSR's SANs, all allowed, in CSR order
	 * @throws CertificateRequestRefused for the first SAN the template does not allow
	 */
	static List<GeneralName> check(List<GeneralName> requested, CertificateTemplate template) {
		List<GeneralName> allowed = new ArrayList<>();
		for (GeneralName name : requested) {
			String described = SubjectAltNames.render(name);
			if (StrongMapping.isSidUrl(name)) {
				throw new CertificateRequestRefused("the CSR asks for the SID SAN " + described
						+ "; a SID comes only from a bound challenge (Microsoft strong mapping, KB5014754)");
			}
			SanType type = SanType.of(name);
			if (type == null || !template.subjectAltNames().contains(type)) {
				throw new CertificateRequestRefused("template '" + template.name() + "' does not allow "
						+ typeName(described) + " SANs (the CSR asks for " + described + ")");
			}
			Pattern pattern = template.names().sanPatterns().get(type);
			String value = described.substring(described.indexOf(':') + 1);
			if (pattern != null && !pattern.matcher(value).matches()) {
				throw new CertificateRequestRefused("SAN " + described + " does not match the pattern of template '"
						+ template.name() + "' (" + pattern + ")");
			}
			allowed.add(name);
		}
		return allowed;
	}

	private static String typeName(String described) {
		return described.substring(0, described.indexOf(':')).toLowerCase(Locale.ROOT);
	}

}
