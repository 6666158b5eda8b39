package io.keyward.challenge.ndes;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.challenge.MintedChallenge;
import io.keyward.challenge.apiclient.ApiClientPrincipal;
import io.keyward.challenge.apiclient.ApiClientRate;
import io.keyward.challenge.apiclient.ApiRateExceededException;
import io.keyward.challenge.apiclient.ApiScopes;
import io.keyward.challenge.apiclient.BasicApiClientAuthentication;
import io.keyward.challenge.dialect.DialectProperties;
import io.keyward.challenge.onetime.ChallengeMinting;
import io.keyward.challenge.onetime.OutstandingLimitExceededException;
import io.keyward.challenge.profile.ChallengeProfile;
import io.keyward.challenge.profile.ChallengeProfiles;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /certsrv/mscep_admin/}: NDES's challenge page (protocol brief sections 5.1,
 * 5.2). HTTP Basic with an MDM API client's name ({@code DOMAIN\\user} and
 * {@code user@domain} accepted) and its key; each authorised GET mints a new one-time
 * challenge of the profile {@code keyward.challenge.dialects.ndes-profile}, 8 random
 * bytes as 16 hex characters unless the profile sets {@code password-length}. Like NDES
 * it answers 200 with the "password cache is full" page at the profile's cap and with the
 * "sufficient permission" page for a client without {@code challenge:mint}.
 */
@RestController
class NdesAdminController {

	private static final Logger log = LoggerFactory.getLogger(NdesAdminController.class);

	/** NDES's {@code PasswordLength} default: 8 bytes, 16 hex characters. */
	static final int NDES_PASSWORD_BYTES = 8;

	private final BasicApiClientAuthentication basic;

	private final ApiClientRate rate;

	private final ChallengeMinting minting;

	private final ChallengeProfiles profiles;

	private final CaThumbprint thumbprint;

	private final DialectProperties dialects;

	private final MeterRegistry meters;

	NdesAdminController(BasicApiClientAuthentication basic, ApiClientRate rate, ChallengeMinting minting,
			ChallengeProfiles profiles, CaThumbprint thumbprint, DialectProperties dialects, MeterRegistry meters) {
		this.basic = basic;
		this.rate = rate;
		this.minting = minting;
		this.profiles = profiles;
		this.thumbprint = thumbprint;
		this.dialects = dialects;
		this.meters = meters;
		// a page for a profile nobody configured would fail every MDM: refuse to start
		profiles.require(dialects.ndesProfile());
	}

	@GetMapping({ "/certsrv/mscep_admin", "/certsrv/mscep_admin/" })
	ResponseEntity<byte[]> page(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		Authentication client = this.basic.authenticateByName(authorization);
		if (client == null) {
			return answer("refused", HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, this.dialects.basicChallenge())
				.body(NdesPage.status("401 - Unauthorized: Access is denied due to invalid credentials."));
		}
		ApiClientPrincipal principal = (ApiClientPrincipal) client.getPrincipal();
		if (!ApiScopes.grants(client, ApiScopes.CHALLENGE_MINT) || !principal.mayMintFor(this.dialects.ndesProfile())) {
			log.info("event=ndes_page_no_permission client={}", principal.name());
			return page("no_permission", HttpStatus.OK, NdesPage.noPermission());
		}
		try {
			this.rate.check(principal);
		}
		catch (ApiRateExceededException ex) {
			return answer("over_rate", HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
				.body(NdesPage.status("Too many requests. Retry later."));
		}
		ChallengeProfile profile = this.profiles.require(this.dialects.ndesProfile());
		String caThumbprint;
		try {
			// before minting: a page without the CA's thumbprint must not spend a
			// challenge
			caThumbprint = this.thumbprint.current();
		}
		catch (CaUnavailableException ex) {
			return page("ca_unavailable", HttpStatus.SERVICE_UNAVAILABLE,
					NdesPage.status("The CA certificate is not available. Retry later."));
		}
		try {
			MintedChallenge minted = this.minting.mint(profile.name(), principal, NDES_PASSWORD_BYTES);
			return page("minted", HttpStatus.OK,
					NdesPage.password(caThumbprint, minted.challenge(), profile.validity().toMinutes()));
		}
		catch (OutstandingLimitExceededException ex) {
			return page("cache_full", HttpStatus.OK,
					NdesPage.cacheFull(profile.validity().toMinutes(), profile.maxOutstanding()));
		}
	}

	private ResponseEntity<byte[]> page(String outcome, HttpStatus status, byte[] body) {
		return answer(outcome, status).body(body);
	}

	/**
	 * {@code text/html} without a charset, as NDES sends it; never stored by a cache (the
	 * page holds a secret).
	 */
	private ResponseEntity.BodyBuilder answer(String outcome, HttpStatus status) {
		this.meters.counter("keyward.challenge.ndes.pages", "outcome", outcome).increment();
		return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noStore());
	}

}
