package io.keyward.challenge.dialect;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.challenge.MintedChallenge;
import io.keyward.challenge.apiclient.ApiClientPrincipal;
import io.keyward.challenge.apiclient.BasicApiClientAuthentication;
import io.keyward.challenge.onetime.ChallengeMinting;
import io.keyward.challenge.profile.ChallengeProfiles;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /challenge}, the challenge API of MicroMDM's SCEP server and of
 * mysqlscepserver ({@code curl -u api:<key> .../challenge}): HTTP Basic with the user
 * name {@code api} and an MDM API client's key as the password, answered 200 with
 * {@code {"challenge":"..."}}. Mints on
 * {@code keyward.challenge.dialects.micromdm-profile} with the JSON API's length (32 hex
 * characters).
 */
@RestController
class MicromdmChallengeController {

	private static final Logger log = LoggerFactory.getLogger(MicromdmChallengeController.class);

	/** The user name these tools send with their API key. */
	static final String USER = "api";

	private final BasicApiClientAuthentication basic;

	private final DialectAuthentication authentication;

	private final ChallengeMinting minting;

	private final DialectProperties properties;

	MicromdmChallengeController(BasicApiClientAuthentication basic, DialectAuthentication authentication,
			ChallengeMinting minting, ChallengeProfiles profiles, DialectProperties properties) {
		this.basic = basic;
		this.authentication = authentication;
		this.minting = minting;
		this.properties = properties;
		// refuse to start rather than fail every call on a profile nobody configured
		profiles.require(properties.micromdmProfile());
	}

	@GetMapping("/challenge")
	ResponseEntity<Map<String, String>> challenge(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		ApiClientPrincipal client = this.authentication.requireMinter(this.basic.authenticateAs(authorization, USER),
				this.properties.micromdmProfile());
		MintedChallenge minted = this.minting.mint(this.properties.micromdmProfile(), client,
				ChallengeMinting.API_PASSWORD_BYTES);
		log.info("event=micromdm_challenge_minted client={} profile={}", client.name(), minted.profile());
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.body(Map.of("challenge", minted.challenge()));
	}

	@ExceptionHandler(DialectAuthentication.Refused.class)
	ResponseEntity<Void> refused(DialectAuthentication.Refused refused) {
		return refused.answer();
	}

}
