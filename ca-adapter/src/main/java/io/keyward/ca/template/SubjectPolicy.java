package io.keyward.ca.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Rebuilds a CSR's subject under a template's {@link NameRules}: every attribute must be
 * allowed and match its pattern, fixed attributes replace the CSR's, and each value is
 * encoded afresh (RFC 5280 section 4.1.2.4: UTF8String, PrintableString for country and
 * serial number, IA5String for e-mail and domain components), so what a device encoded
 * oddly is not carried into the certificate.
 */
final class SubjectPolicy {

	private SubjectPolicy() {
	}

	/**
	 * @throws CertificateRequestRefused when an attribute is unknown, not allowed, not a
	 * string or does not match its pattern
	 */
	static X500Name rebuild(X500Name requested, CertificateTemplate template) {
		NameRules rules = template.names();
		X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
		// the template's attributes first: most significant in the DER order, as O and OU
		// are in a CA's own name
		for (SubjectAttribute fixed : new TreeSet<>(rules.subjectFixed().keySet())) {
			subject.addRDN(fixed.oid(), rules.subjectFixed().get(fixed));
		}
		for (RDN rdn : requested.getRDNs()) {
			List<AttributeTypeAndValue> kept = new ArrayList<>();
			for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
				SubjectAttribute attribute = checked(value, template);
				if (!rules.subjectFixed().containsKey(attribute)) {
					kept.add(new AttributeTypeAndValue(attribute.oid(),
							BCStyle.INSTANCE.stringToValue(attribute.oid(), text(value))));
				}
			}
			if (kept.size() == 1) {
				subject.addRDN(kept.get(0));
			}
			else if (!kept.isEmpty()) {
				subject.addMultiValuedRDN(kept.toArray(AttributeTypeAndValue[]::new));
			}
		}
		return subject.build();
	}

	private static SubjectAttribute checked(AttributeTypeAndValue value, CertificateTemplate template) {
		SubjectAttribute attribute = SubjectAttribute.of(value.getType());
		NameRules rules = template.names();
		if (attribute == null) {
			throw new CertificateRequestRefused("template '" + template.name() + "' does not allow the subject "
					+ "attribute " + value.getType().getId() + " (allowed: " + sorted(rules) + ")");
		}
		if (!rules.subjectAttributes().contains(attribute)) {
			throw new CertificateRequestRefused("template '" + template.name() + "' does not allow the subject "
					+ "attribute " + attribute + " (allowed: " + sorted(rules) + ")");
		}
		String text = text(value);
		Pattern pattern = rules.subjectPatterns().get(attribute);
		if (pattern != null && !rules.subjectFixed().containsKey(attribute) && !pattern.matcher(text).matches()) {
			throw new CertificateRequestRefused("subject " + attribute + "=" + text
					+ " does not match the pattern of template '" + template.name() + "' (" + pattern + ")");
		}
		return attribute;
	}

	private static String text(AttributeTypeAndValue value) {
		if (!(value.getValue() instanceof ASN1String string)) {
			throw new CertificateRequestRefused(
					"the subject attribute " + value.getType().getId() + " holds a value that is not a string");
		}
		return string.getString();
	}

	private static List<SubjectAttribute> sorted(NameRules rules) {
		return Arrays.stream(SubjectAttribute.values()).filter(rules.subjectAttributes()::contains).toList();
	}

}
