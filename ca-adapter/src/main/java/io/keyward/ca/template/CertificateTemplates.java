package io.keyward.ca.template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.stereotype.Component;

/**
 * The configured templates: the four built-ins, overridden and extended by
 * {@code keyward.ca.templates.*}.
 */
@Component
public class CertificateTemplates {

	private final Map<String, CertificateTemplate> templates;

	public CertificateTemplates(TemplateProperties properties) {
		Map<String, CertificateTemplate> resolved = new LinkedHashMap<>();
		for (CertificateTemplate builtIn : Set.of(CertificateTemplate.DEFAULT, CertificateTemplate.RA_SIGNING,
				CertificateTemplate.RA_ENCRYPTION, CertificateTemplate.TLS_SERVER)) {
			resolved.put(builtIn.name(), builtIn);
		}
		TemplateProperties.Settings defaults = properties.templates().get(CertificateTemplate.DEFAULT.name());
		CertificateTemplate base = merge(CertificateTemplate.DEFAULT.name(), defaults, CertificateTemplate.DEFAULT);
		resolved.put(base.name(), base);
		properties.templates().forEach((name, settings) -> {
			if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
				throw new IllegalArgumentException(
						"template name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
			}
			resolved.put(name, merge(name, settings, resolved.getOrDefault(name, base)));
		});
		this.templates = Map.copyOf(resolved);
	}

	/**
	 * @param name a template name, case-sensitive
	 * @return the template, or empty when none has that name
	 */
	public Optional<CertificateTemplate> find(String name) {
		return Optional.ofNullable(this.templates.get(name));
	}

	public Set<String> names() {
		return this.templates.keySet();
	}

	private static CertificateTemplate merge(String name, TemplateProperties.Settings settings,
			CertificateTemplate parent) {
		if (settings == null) {
			return parent;
		}
		return new CertificateTemplate(name, or(settings, TemplateProperties.Settings::validity, parent.validity()),
				or(settings, TemplateProperties.Settings::keyUsage, parent.keyUsage()),
				or(settings, TemplateProperties.Settings::extendedKeyUsage, parent.extendedKeyUsage()),
				or(settings, TemplateProperties.Settings::subjectAltNames, parent.subjectAltNames()),
				or(settings, TemplateProperties.Settings::minimumRsaBits, parent.minimumRsaBits()),
				or(settings, TemplateProperties.Settings::ecCurves, parent.ecCurves()), names(name, settings, parent));
	}

	private static NameRules names(String name, TemplateProperties.Settings settings, CertificateTemplate parent) {
		NameRules inherited = parent.names();
		return new NameRules(
				or(settings, TemplateProperties.Settings::subjectAttributes, inherited.subjectAttributes()),
				(settings.subjectPatterns() != null) ? patterns(name, settings.subjectPatterns())
						: inherited.subjectPatterns(),
				or(settings, TemplateProperties.Settings::subjectFixed, inherited.subjectFixed()),
				(settings.sanPatterns() != null) ? patterns(name, settings.sanPatterns()) : inherited.sanPatterns(),
				or(settings, TemplateProperties.Settings::strongMapping, inherited.strongMapping()));
	}

	private static <K> Map<K, Pattern> patterns(String template, Map<K, String> regexes) {
		Map<K, Pattern> compiled = new LinkedHashMap<>();
		regexes.forEach((key, regex) -> {
			try {
				compiled.put(key, Pattern.compile(regex));
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException("template '" + template + "': the pattern for " + key
						+ " is not a regular expression: " + ex.getDescription());
			}
		});
		return compiled;
	}

	private static <T> T or(TemplateProperties.Settings settings, Function<TemplateProperties.Settings, T> getter,
			T fallback) {
		T value = getter.apply(settings);
		return (value != null) ? value : fallback;
	}

}
