package io.keyward.ca.template;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Certificate templates ({@code keyward.ca.templates.<name>.*}). A setting left out keeps
 * the built-in value of a built-in template ({@code default}, {@code ra-signing},
 * {@code ra-encryption}, {@code tls-server}); a new template inherits the unset ones from
 * {@code default}.
 *
 * @param templates settings by template name
 */
@Validated
@ConfigurationProperties("keyward.ca")
public record TemplateProperties(@DefaultValue Map<String, @Valid Settings> templates) {

	/**
	 * One template's settings; null means inherit.
	 *
	 * @param validity how long an issued certificate is valid, for example {@code P365D}
	 * @param keyUsage key usages (critical extension)
	 * @param extendedKeyUsage extended key usages; empty means no EKU extension
	 * @param subjectAltNames SAN types a CSR may carry; the others are refused
	 * @param minimumRsaBits smallest RSA modulus accepted
	 * @param ecCurves EC curves accepted
	 * @param subjectAttributes subject attributes a CSR may carry; others are refused
	 * @param subjectPatterns per subject attribute, a regular expression its values must
	 * match in full
	 * @param subjectFixed subject attributes the template sets, replacing the CSR's
	 * @param sanPatterns per SAN type, a regular expression its values must match in full
	 * @param strongMapping whether a bound challenge's SID goes into the certificate
	 * (Microsoft strong mapping, KB5014754)
	 */
	public record Settings(Duration validity, Set<KeyUsageName> keyUsage, Set<ExtendedKeyUsageName> extendedKeyUsage,
			Set<SanType> subjectAltNames, @Min(2048) Integer minimumRsaBits, Set<EcCurve> ecCurves,
			Set<SubjectAttribute> subjectAttributes, Map<SubjectAttribute, String> subjectPatterns,
			Map<SubjectAttribute, String> subjectFixed, Map<SanType, String> sanPatterns, Boolean strongMapping) {
	}

}
