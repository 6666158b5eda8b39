package io.keyward.ca.template;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a template lets a CSR name (issue 13, CERT VU#971035): whoever holds a challenge
 * chooses the CSR, so its subject and SANs are checked against these rules and the
 * subject is rebuilt from the allowed attributes, never copied as encoded.
 *
 * @param subjectAttributes subject attribute types a CSR may carry; any other is refused
 * @param subjectPatterns per attribute, a regular expression every value must match in
 * full
 * @param subjectFixed attributes the template sets whatever the CSR asks, for example
 * {@code O} and {@code OU}: the CSR's values of those types are replaced
 * @param sanPatterns per SAN type, a regular expression every value must match in full
 * @param strongMapping whether the Microsoft strong-mapping SID of a bound challenge goes
 * into the certificate (KB5014754); a SID never comes from the CSR
 */
public record NameRules(Set<SubjectAttribute> subjectAttributes, Map<SubjectAttribute, Pattern> subjectPatterns,
		Map<SubjectAttribute, String> subjectFixed, Map<SanType, Pattern> sanPatterns, boolean strongMapping) {

	/** Every known subject attribute, no patterns, nothing fixed, no SID. */
	public static final NameRules DEFAULT = new NameRules(EnumSet.allOf(SubjectAttribute.class), Map.of(), Map.of(),
			Map.of(), false);

	public NameRules {
		subjectAttributes = Set.copyOf(subjectAttributes);
		subjectPatterns = Map.copyOf(subjectPatterns);
		subjectFixed = Map.copyOf(subjectFixed);
		sanPatterns = Map.copyOf(sanPatterns);
		subjectFixed.forEach((attribute, value) -> {
			if (value.isBlank()) {
				throw new IllegalArgumentException("the fixed subject attribute " + attribute + " must not be blank");
			}
		});
	}

	NameRules withSubjectAttributes(Set<SubjectAttribute> attributes) {
		return new NameRules(attributes, this.subjectPatterns, this.subjectFixed, this.sanPatterns, this.strongMapping);
	}

	NameRules withSubjectPatterns(Map<SubjectAttribute, Pattern> patterns) {
		return new NameRules(this.subjectAttributes, patterns, this.subjectFixed, this.sanPatterns, this.strongMapping);
	}

	NameRules withSubjectFixed(Map<SubjectAttribute, String> fixed) {
		return new NameRules(this.subjectAttributes, this.subjectPatterns, fixed, this.sanPatterns, this.strongMapping);
	}

	NameRules withSanPatterns(Map<SanType, Pattern> patterns) {
		return new NameRules(this.subjectAttributes, this.subjectPatterns, this.subjectFixed, patterns,
				this.strongMapping);
	}

	NameRules withStrongMapping(boolean enabled) {
		return new NameRules(this.subjectAttributes, this.subjectPatterns, this.subjectFixed, this.sanPatterns,
				enabled);
	}

}
