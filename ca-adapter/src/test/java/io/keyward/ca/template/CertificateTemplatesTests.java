package io.keyward.ca.template;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CertificateTemplatesTests {

	private static CertificateTemplates bind(Map<String, String> properties) {
		Binder binder = new Binder(new MapConfigurationPropertySource(properties));
		TemplateProperties bound = binder.bindOrCreate("keyward.ca", TemplateProperties.class);
		return new CertificateTemplates(bound);
	}

	@Test
	void whenNothingIsConfiguredThenTheBuiltInsApply() {
		CertificateTemplates templates = bind(Map.of());

		assertThat(templates.names()).containsExactlyInAnyOrder("default", "ra-signing", "ra-encryption", "tls-server");
		assertThat(templates.find("default")).contains(CertificateTemplate.DEFAULT);
		assertThat(templates.find("ra-signing").orElseThrow().extendedKeyUsage()).isEmpty();
		assertThat(templates.find("ra-signing").orElseThrow().keyUsage())
			.containsExactly(KeyUsageName.DIGITAL_SIGNATURE);
		assertThat(templates.find("ra-signing").orElseThrow().validity()).isEqualTo(Duration.ofDays(730));
		assertThat(templates.find("nope")).isEmpty();
	}

	@Test
	void whenANewTemplateSetsOnlySomeSettingsThenTheRestComesFromDefault() {
		CertificateTemplates templates = bind(
				Map.of("keyward.ca.templates.default.validity", "P90D", "keyward.ca.templates.wifi.extended-key-usage",
						"clientAuth,serverAuth", "keyward.ca.templates.wifi.subject-alt-names", "dns,ip",
						"keyward.ca.templates.ra-signing.validity", "P400D"));

		CertificateTemplate wifi = templates.find("wifi").orElseThrow();
		assertThat(wifi.validity()).isEqualTo(Duration.ofDays(90));
		assertThat(wifi.keyUsage()).isEqualTo(CertificateTemplate.DEFAULT.keyUsage());
		assertThat(wifi.extendedKeyUsage()).containsExactlyInAnyOrder(ExtendedKeyUsageName.CLIENT_AUTH,
				ExtendedKeyUsageName.SERVER_AUTH);
		assertThat(wifi.subjectAltNames()).isEqualTo(Set.of(SanType.DNS, SanType.IP));
		assertThat(templates.find("default").orElseThrow().validity()).isEqualTo(Duration.ofDays(90));
		CertificateTemplate raSigning = templates.find("ra-signing").orElseThrow();
		assertThat(raSigning.validity()).isEqualTo(Duration.ofDays(400));
		assertThat(raSigning.extendedKeyUsage()).isEmpty();
	}

	@Test
	void whenATemplateHasNoKeyUsageThenStartupFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> bind(Map.of("keyward.ca.templates.broken.key-usage", "")))
			.withMessageContaining("at least one key usage");
	}

	@Test
	void whenNameRulesAreConfiguredThenTheyBindAndANewTemplateInheritsThemFromDefault() {
		CertificateTemplates templates = bind(Map.of("keyward.ca.templates.default.subject-fixed.o", "Example Corp",
				"keyward.ca.templates.default.san-patterns.dns", "[a-z]+\\.example",
				"keyward.ca.templates.users.strong-mapping", "true", "keyward.ca.templates.users.subject-attributes",
				"cn,o"));

		NameRules users = templates.find("users").orElseThrow().names();
		assertThat(users.strongMapping()).isTrue();
		assertThat(users.subjectAttributes()).containsExactlyInAnyOrder(SubjectAttribute.CN, SubjectAttribute.O);
		assertThat(users.subjectFixed()).isEqualTo(Map.of(SubjectAttribute.O, "Example Corp"));
		assertThat(users.sanPatterns().get(SanType.DNS).pattern()).isEqualTo("[a-z]+\\.example");
		assertThat(templates.find("default").orElseThrow().names().strongMapping()).isFalse();
		assertThat(templates.find("ra-signing").orElseThrow().names()).isEqualTo(NameRules.DEFAULT);
	}

	@Test
	void whenAPatternIsNotARegularExpressionThenStartupFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> bind(Map.of("keyward.ca.templates.broken.subject-patterns.cn", "([unclosed")))
			.withMessageContaining("template 'broken': the pattern for CN is not a regular expression");
	}

}
