package io.keyward.api.ca;

import java.util.List;
import java.util.Map;

/**
 * What a certificate template issues and accepts, as the ca-adapter applies it (RFC 5280
 * section 4.2.1.3 key usage, 4.2.1.12 extended key usage, 4.2.1.6 subject alternative
 * names); for the dashboard's Profiles page. Patterns are Java regular expressions that
 * must match a value in full.
 *
 * @param name the template name
 * @param validity how long its certificates are valid, ISO-8601 ({@code PT8760H})
 * @param keyUsage key usages (critical)
 * @param extendedKeyUsage extended key usages, empty for none
 * @param subjectAltNames SAN types copied from the CSR
 * @param minimumRsaBits smallest RSA modulus accepted
 * @param ecCurves EC named curves accepted
 * @param subjectAttributes subject attributes a CSR may carry
 * @param subjectPatterns per subject attribute, the pattern its values must match
 * @param subjectFixed subject attributes the template sets whatever the CSR asks
 * @param sanPatterns per SAN type, the pattern its values must match
 * @param strongMapping whether a challenge's bound Windows SID goes into the certificate
 */
public record CertificateTemplatePolicy(String name, String validity, List<String> keyUsage,
		List<String> extendedKeyUsage, List<String> subjectAltNames, int minimumRsaBits, List<String> ecCurves,
		List<String> subjectAttributes, Map<String, String> subjectPatterns, Map<String, String> subjectFixed,
		Map<String, String> sanPatterns, boolean strongMapping) {
}
