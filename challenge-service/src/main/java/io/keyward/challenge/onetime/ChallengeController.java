package io.keyward.challenge.onetime;

import org.jspecify.annotations.Nullable;

import io.keyward.api.challenge.MintChallengeRequest;
import io.keyward.api.challenge.MintedChallenge;
import io.keyward.challenge.apiclient.ApiClientPrincipal;
import io.keyward.challenge.apiclient.ApiClientRate;
import io.keyward.challenge.apiclient.ProfileNotAllowedException;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The MDM API: {@code POST /api/v1/challenges} mints a challenge (the REST counterpart of
 * NDES's {@code mscep_admin} page). The body and its {@code profile} are optional; an
 * optional {@code binding} names what the redeeming CSR must carry and the account the
 * certificate is for, {@code lifetime} and {@code externalId} are the MDM's own.
 */
@RestController
class ChallengeController {

	private final ChallengeMinting minting;

	private final ApiClientRate rate;

	ChallengeController(ChallengeMinting minting, ApiClientRate rate) {
		this.minting = minting;
		this.rate = rate;
	}

	@PostMapping("/api/v1/challenges")
	ResponseEntity<MintedChallenge> mint(@RequestBody(required = false) @Nullable MintChallengeRequest request,
			@AuthenticationPrincipal ApiClientPrincipal client) {
		this.rate.check(client);
		MintChallengeRequest order = (request != null) ? request
				: new MintChallengeRequest(MintChallengeRequest.DEFAULT_PROFILE);
		if (!client.mayMintFor(order.profileOrDefault())) {
			throw new ProfileNotAllowedException(client.name(), order.profileOrDefault());
		}
		MintedChallenge minted = this.minting.mint(client, order);
		// the body is a secret: no cache on the way may keep it
		return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(minted);
	}

}
