package io.keyward.admin.profile;

import java.util.List;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.authority.Authorities;
import io.keyward.admin.authority.CaFingerprints;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.RemoteCall;
import io.keyward.admin.web.ServiceQuery;
import io.keyward.api.ca.CertificateAuthorityClient;
import io.keyward.api.ca.CertificateTemplatePolicy;
import io.keyward.api.challenge.ChallengeProfileClient;
import io.keyward.api.challenge.ChallengeProfileSettings;
import io.keyward.api.gateway.ScepProfile;
import io.keyward.api.gateway.ScepProfileClient;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Where the Profiles page and the admin API read enrollment profiles, challenge settings
 * and certificate templates: each from the service that applies them (gateway scope
 * {@code profiles:read}, challenge-service {@code challenge-profiles:read}, ca-adapter
 * {@code templates:read}), and the GetCACert CA certificate's fingerprints (RFC 8894
 * section 4.2.1).
 */
@Component
public class Profiles {

	private final ScepProfileClient profiles;

	private final ChallengeProfileClient challenges;

	private final CertificateAuthorityClient ca;

	private final Authorities authorities;

	private final AdminProperties properties;

	Profiles(ScepProfileClient profiles, ChallengeProfileClient challenges, CertificateAuthorityClient ca,
			Authorities authorities, AdminProperties properties) {
		this.profiles = profiles;
		this.challenges = challenges;
		this.ca = ca;
		this.authorities = authorities;
		this.properties = properties;
	}

	ServiceQuery<List<ScepProfile>> served() {
		return new ServiceQuery<>("scep-gateway", this.properties.gatewayUrl(), this.properties.hasServiceToken(),
				this.profiles::profiles);
	}

	/**
	 * @return the gateway's profile names, sorted, for a list's profile filter; none when
	 * the gateway cannot say (a search still works with {@code profile:} typed)
	 */
	public List<String> names() {
		List<ScepProfile> served = RemoteCall
			.of("scep-gateway", this.properties.gatewayUrl(), this.properties.hasServiceToken(),
					this.profiles::profiles)
			.value();
		return (served != null) ? served.stream().map(ScepProfile::name).sorted().toList() : List.of();
	}

	ServiceQuery<List<ChallengeProfileSettings>> challengeSettings() {
		return new ServiceQuery<>("challenge-service", this.properties.challengeUrl(),
				this.properties.hasServiceToken(), this.challenges::profiles);
	}

	ServiceQuery<List<CertificateTemplatePolicy>> templates() {
		return new ServiceQuery<>("ca-adapter", this.properties.caUrl(), this.properties.hasServiceToken(),
				this.ca::templates);
	}

	/**
	 * @return the gateway's base URL as this dashboard reaches it, without a trailing
	 * slash: a profile's SCEP URL is this and its {@code scepPath}
	 */
	String gatewayBase() {
		return this.properties.gatewayUrl().toString().replaceAll("/+$", "");
	}

	/**
	 * @return the fingerprints of the CA certificate GetCACert answers, null when the
	 * ca-adapter published none
	 * @throws ApiProblem when the ca-adapter cannot answer
	 */
	CaFingerprints caFingerprints() {
		List<String> chain = this.authorities.published().chainPem();
		return (chain == null || chain.isEmpty()) ? null : CaFingerprints.of(chain.get(0));
	}

	/**
	 * @return as {@link #caFingerprints()}
	 * @throws ApiProblem 503 when the ca-adapter published no CA certificate
	 */
	CaFingerprints requireCaFingerprints() {
		CaFingerprints fingerprints = caFingerprints();
		if (fingerprints == null) {
			throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "the ca-adapter published no CA certificate");
		}
		return fingerprints;
	}

}
