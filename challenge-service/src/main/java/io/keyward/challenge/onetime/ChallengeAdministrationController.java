package io.keyward.challenge.onetime;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.keyward.api.challenge.ChallengePage;
import io.keyward.api.challenge.ChallengeRecord;
import io.keyward.api.challenge.HandMintRequest;
import io.keyward.api.challenge.MintChallengeRequest;
import io.keyward.api.challenge.MintedChallenge;
import io.keyward.challenge.apiclient.ApiClientPrincipal;
import io.keyward.challenge.apiclient.EnabledApiClients;
import io.keyward.challenge.apiclient.ProfileNotAllowedException;
import io.keyward.edge.problem.InvalidRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Challenge administration on the internal API, for the admin-ui only (caller scope
 * {@value #MANAGE}): an MDM API client's challenges listed (never a secret; by state and
 * profile, in minting order or sorted by minted or expiry time either way, a page at a
 * time), one minted by hand as NDES's {@code mscep_admin} page gives one (the client's
 * profiles and cap apply, 8 random bytes as 16 hex characters unless the profile sets
 * {@code password-length}), one revoked.
 */
@RestController
@RequestMapping("/internal/v1/challenges")
public class ChallengeAdministrationController {

	/** The caller scope this API needs. */
	public static final String MANAGE = "challenges:manage";

	/** NDES's {@code PasswordLength} default: a password an admin can read out. */
	static final int HAND_PASSWORD_BYTES = 8;

	private static final Logger log = LoggerFactory.getLogger(ChallengeAdministrationController.class);

	private final EnabledApiClients clients;

	private final ChallengeMinting minting;

	private final ChallengeListing listing;

	private final ChallengeRevocation revocation;

	private final Clock clock;

	ChallengeAdministrationController(EnabledApiClients clients, ChallengeMinting minting, ChallengeListing listing,
			ChallengeRevocation revocation, Clock clock) {
		this.clients = clients;
		this.minting = minting;
		this.listing = listing;
		this.revocation = revocation;
		this.clock = clock;
	}

	@GetMapping
	ChallengePage list(@RequestParam long client, @RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String profile,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String after, @RequestParam(defaultValue = "100") int limit) {
		Instant now = this.clock.instant();
		ChallengeOrder order = ChallengeOrder.parse(sort);
		UUID cursor = (after != null) ? ChallengeRecordController.cursor(after) : null;
		List<ChallengeRecord> items = this.listing.page(client, state, profile, null, order, cursor, limit, now)
			.stream()
			.map((challenge) -> ChallengeRecordController.record(challenge, now))
			.toList();
		return new ChallengePage(items, (items.size() == limit) ? items.get(items.size() - 1).id() : null);
	}

	@PostMapping
	ResponseEntity<MintedChallenge> mint(@RequestBody HandMintRequest request) {
		ApiClientPrincipal client = this.clients.require(request.client());
		String profile = new MintChallengeRequest(request.profile()).profileOrDefault();
		if (!client.mayMintFor(profile)) {
			// 400, not the MDM API's 403: to the admin-ui a 403 means its own credential
			// was refused, while this is the admin's choice of profile
			throw new InvalidRequest(new ProfileNotAllowedException(client.name(), profile).getMessage());
		}
		MintedChallenge minted = this.minting.mint(profile, client, HAND_PASSWORD_BYTES);
		log.info("event=challenge_minted_by_hand id={} profile={} client={} by=admin-ui", minted.id(), profile,
				client.name());
		// the body is a secret: no cache on the way may keep it
		return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(minted);
	}

	/**
	 * 204 when revoked now or before; 404 when the client minted no such challenge; 409
	 * when a device already redeemed it.
	 */
	@PostMapping("/{id}/revoke")
	ResponseEntity<Void> revoke(@PathVariable String id, @RequestParam long client) {
		ApiClientPrincipal owner = this.clients.require(client);
		this.revocation.revoke(ChallengeRecordController.publicId(id), owner.id(), owner.name(), "admin-ui");
		return ResponseEntity.noContent().build();
	}

}
