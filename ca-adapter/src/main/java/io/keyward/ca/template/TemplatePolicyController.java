package io.keyward.ca.template;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.keyward.api.ca.CertificateTemplatePolicy;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every template's policy as the ca-adapter applies it, for the dashboard's Profiles
 * page; caller scope {@code templates:read}, the admin-ui's only. Configuration, no
 * secret: nothing here is a key.
 */
@RestController
class TemplatePolicyController {

	private final CertificateTemplates templates;

	TemplatePolicyController(CertificateTemplates templates) {
		this.templates = templates;
	}

	@GetMapping("/api/v1/templates")
	List<CertificateTemplatePolicy> templates() {
		return this.templates.names()
			.stream()
			.sorted()
			.map((name) -> policy(this.templates.find(name).orElseThrow()))
			.toList();
	}

	private static CertificateTemplatePolicy policy(CertificateTemplate template) {
		NameRules names = template.names();
		return new CertificateTemplatePolicy(template.name(), template.validity().toString(),
				sorted(template.keyUsage()), sorted(template.extendedKeyUsage()), sorted(template.subjectAltNames()),
				template.minimumRsaBits(), sorted(template.ecCurves()), sorted(names.subjectAttributes()),
				byName(names.subjectPatterns(), Pattern::pattern), byName(names.subjectFixed(), Function.identity()),
				byName(names.sanPatterns(), Pattern::pattern), names.strongMapping());
	}

	private static List<String> sorted(Collection<? extends Enum<?>> values) {
		return values.stream().map(Enum::name).sorted().toList();
	}

	private static <K extends Enum<K>, V> Map<String, String> byName(Map<K, V> values, Function<V, String> text) {
		Map<String, String> named = new TreeMap<>();
		values.forEach((key, value) -> named.put(key.name(), text.apply(value)));
		return named;
	}

}
