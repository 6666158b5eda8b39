package io.keyward.gateway.scep;

import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;

import io.keyward.api.gateway.ScepProfile;
import io.keyward.gateway.profile.EnrollmentProfile;
import io.keyward.gateway.profile.EnrollmentProfiles;
import io.keyward.scep.CaCapability;
import io.keyward.scep.ScepAlgorithms;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/profiles}: the enrollment profiles as devices meet them, for the
 * dashboard's Profiles page ({@link io.keyward.api.gateway.ScepProfileClient}, caller
 * scope {@code profiles:read}): each one's path, what GetCACaps answers now (RFC 8894
 * section 3.5.2), the envelope ciphers it accepts (section 2.9) and its policy.
 */
@RestController
class ProfileController {

	/** NDES's path, served for {@code keyward.gateway.ndes-profile}. */
	static final String NDES_PATH = "/certsrv/mscep/mscep.dll";

	private static final Map<ASN1ObjectIdentifier, String> CIPHERS = Map.of(CMSAlgorithm.AES128_CBC, "AES-128-CBC",
			CMSAlgorithm.AES192_CBC, "AES-192-CBC", CMSAlgorithm.AES256_CBC, "AES-256-CBC", CMSAlgorithm.DES_EDE3_CBC,
			"DES-EDE3-CBC", ScepAlgorithms.SINGLE_DES, "DES-CBC (legacy, legacy-single-des)");

	private final EnrollmentProfiles profiles;

	private final CaCapabilities capabilities;

	ProfileController(EnrollmentProfiles profiles, CaCapabilities capabilities) {
		this.profiles = profiles;
		this.capabilities = capabilities;
	}

	@GetMapping("/api/v1/profiles")
	List<ScepProfile> profiles() {
		return this.profiles.all().stream().map(this::describe).toList();
	}

	private ScepProfile describe(EnrollmentProfile profile) {
		return new ScepProfile(profile.name(), "/scep/" + profile.name(),
				profile.name().equals(this.profiles.ndesProfileName()) ? NDES_PATH : null,
				this.capabilities.of(profile).stream().map(CaCapability::keyword).toList(),
				profile.acceptedCiphers().stream().map(CIPHERS::get).sorted().toList(), profile.defaultTemplate(),
				profile.approval().name(), profile.approvalMaxAge().toString(), profile.enforcePassword(),
				profile.renewal().enabled(),
				(profile.renewal().window() != null) ? profile.renewal().window().toString()
						: profile.renewal().percent() + "% of the lifetime left",
				profile.renewal().revokeReplaced(), profile.caCertificates().name(), profile.certRepIncludesCa());
	}

}
