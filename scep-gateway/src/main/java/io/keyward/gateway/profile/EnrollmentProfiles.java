package io.keyward.gateway.profile;

import java.util.List;
import java.util.Optional;

import io.keyward.gateway.GatewayProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The enrollment profiles this gateway serves: {@code /scep/<name>} and, for the profile
 * named by {@code keyward.gateway.ndes-profile}, the NDES path.
 */
@Component
public class EnrollmentProfiles {

	private static final Logger log = LoggerFactory.getLogger(EnrollmentProfiles.class);

	private final GatewayProperties properties;

	EnrollmentProfiles(GatewayProperties properties) {
		this.properties = properties;
	}

	/**
	 * @param name the profile name from the URL
	 * @return the profile, empty when none is configured under that name
	 */
	public Optional<EnrollmentProfile> find(String name) {
		GatewayProperties.Profile profile = this.properties.profiles().get(name);
		return (profile != null) ? Optional
			.of(new EnrollmentProfile(name, profile.template(), profile.legacySingleDes(), profile.omittedEnvelope(),
					profile.whenUnavailable(), profile.approval(), profile.approvalMaxAge(),
					new RenewalPolicy(profile.renewalEnabled(), profile.renewalWindow(), profile.renewalWindowPercent(),
							profile.revokeOnRenewal()),
					profile.certRepIncludesCa(), profile.caCertificates(), profile.enforcePassword()))
				: Optional.empty();
	}

	/**
	 * @return every profile served, by name
	 */
	public List<EnrollmentProfile> all() {
		return this.properties.profiles().keySet().stream().sorted().map((name) -> find(name).orElseThrow()).toList();
	}

	/**
	 * Warns once at start for each profile that needs no challenge (NDES
	 * {@code EnforcePassword} 0): anyone who reaches it enrolls.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void warnAboutProfilesWithoutChallenge() {
		this.properties.profiles().forEach((name, profile) -> {
			if (!profile.enforcePassword()) {
				log.warn(
						"event=profile_without_challenge profile={} approval={} detail=\"enforce-password is false:"
								+ " any device that reaches this profile enrolls within its template's policy\"",
						name, profile.approval());
			}
		});
	}

	/**
	 * @return the name of the profile served at {@code /certsrv/mscep/mscep.dll}
	 */
	public String ndesProfileName() {
		return this.properties.ndesProfile();
	}

}
