package io.keyward.ca.template;

import java.util.List;
import java.util.Map;

import io.keyward.api.ca.CertificateTemplatePolicy;
import io.keyward.ca.CaAdapterTest;
import io.keyward.ca.CaApiTests;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Issue 16: the templates' policy for the dashboard's Profiles page, read only by the
 * admin-ui (scope {@code templates:read}), as configured (CaAdapterTest's templates).
 */
class TemplatePolicyApiTests extends CaApiTests {

	@Test
	void whenTheAdminUiReadsTheTemplatesThenEachPolicyIsAsConfigured() {
		List<CertificateTemplatePolicy> templates = client(CaAdapterTest.ADMIN_UI_TOKEN).templates();

		assertThat(templates).extracting(CertificateTemplatePolicy::name)
			.contains("default", "wifi", "windows-user", "ra-signing", "tls-server")
			.isSorted();
		CertificateTemplatePolicy defaults = find(templates, "default");
		assertThat(defaults.validity()).isEqualTo("PT8760H");
		assertThat(defaults.keyUsage()).containsExactly("DIGITAL_SIGNATURE", "KEY_ENCIPHERMENT");
		assertThat(defaults.extendedKeyUsage()).containsExactly("CLIENT_AUTH");
		assertThat(defaults.subjectAltNames()).containsExactlyInAnyOrder("DNS", "EMAIL", "URI");
		assertThat(defaults.minimumRsaBits()).isEqualTo(2048);
		assertThat(defaults.ecCurves()).hasSize(3);
		assertThat(defaults.strongMapping()).isFalse();
		assertThat(find(templates, "wifi").validity()).isEqualTo("PT720H");
		CertificateTemplatePolicy windows = find(templates, "windows-user");
		assertThat(windows.strongMapping()).isTrue();
		assertThat(windows.subjectAltNames()).containsExactly("UPN");
		// the pattern as the ca-adapter holds it (the properties format of the test's
		// inlined settings reads "\\." as ".")
		assertThat(windows.sanPatterns()).isEqualTo(Map.of("UPN", "[a-z0-9.]+@corp.example"));
		assertThat(windows.subjectFixed()).isEqualTo(Map.of("O", "Keyward Tests"));
		assertThat(windows.subjectAttributes()).containsExactly("CN", "O");
	}

	@Test
	void whenAnyoneButTheAdminUiReadsTheTemplatesThenRefused() {
		assertThatExceptionOfType(HttpClientErrorException.Forbidden.class)
			.isThrownBy(() -> client(CaAdapterTest.GATEWAY_TOKEN).templates());
		assertThatExceptionOfType(HttpClientErrorException.Forbidden.class)
			.isThrownBy(() -> client(CaAdapterTest.CHALLENGE_SERVICE_TOKEN).templates());
		assertThatExceptionOfType(HttpClientErrorException.Forbidden.class).isThrownBy(() -> this.client.templates());
		assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
			.isThrownBy(() -> client("kw_strangerToken0123456789abcdef").templates());
	}

	private static CertificateTemplatePolicy find(List<CertificateTemplatePolicy> templates, String name) {
		return templates.stream().filter((template) -> template.name().equals(name)).findFirst().orElseThrow();
	}

}
