package io.keyward.admin.challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.keyward.admin.AdminProperties;
import io.keyward.admin.audit.AdminActions;
import io.keyward.admin.authority.Authorities;
import io.keyward.admin.authority.CaFingerprints;
import io.keyward.admin.web.ApiProblem;
import io.keyward.admin.web.RemoteCall;
import io.keyward.admin.web.Upstream;
import io.keyward.api.challenge.ChallengeAdministrationClient;
import io.keyward.api.challenge.ChallengePage;
import io.keyward.api.challenge.ChallengeRecord;
import io.keyward.api.challenge.HandMintRequest;
import io.keyward.api.challenge.MdmClient;
import io.keyward.api.challenge.MdmClientsClient;
import io.keyward.api.challenge.MintedChallenge;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * One-time challenges as an admin handles them: minted by hand for an MDM API client (the
 * challenge-service's {@code challenges:manage} API), listed while outstanding per client
 * (the page) or a page at a time (the admin API), revoked. Each mint and revocation is
 * recorded in the audit log ({@code challenge_minted}, {@code challenge_revoked}, target
 * {@code challenge:<id>}); the password never is.
 */
@Service
class Challenges {

	static final String SERVICE = "challenge-service";

	/** The most outstanding challenges the page lists per client. */
	static final int PER_CLIENT = 100;

	/** The largest page the challenge-service answers. */
	static final int MAX_LIMIT = 500;

	private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F-]{36}");

	private final ChallengeAdministrationClient challenges;

	private final MdmClientsClient clients;

	private final Authorities authorities;

	private final AdminActions actions;

	private final AdminProperties properties;

	Challenges(ChallengeAdministrationClient challenges, MdmClientsClient clients, Authorities authorities,
			AdminActions actions, AdminProperties properties) {
		this.challenges = challenges;
		this.clients = clients;
		this.authorities = authorities;
		this.actions = actions;
		this.properties = properties;
	}

	/**
	 * @return every MDM API client with its outstanding challenges, or why not
	 */
	RemoteCall<List<Outstanding>> outstanding() {
		return RemoteCall.of(SERVICE, this.properties.challengeUrl(), this.properties.hasServiceToken(), () -> {
			List<Outstanding> all = new ArrayList<>();
			for (MdmClient client : this.clients.list()) {
				all.add(new Outstanding(client,
						this.challenges.list(client.id(), "outstanding", null, null, PER_CLIENT).items()));
			}
			return all;
		});
	}

	/**
	 * @param clientId the MDM API client
	 * @param profile only this profile's challenges, null for all
	 * @param after the previous page's {@code next}, null for the first page
	 * @param limit 1 to {@value #MAX_LIMIT}
	 * @return one page of the client's outstanding challenges, in minting order
	 * @throws ApiProblem 400 for a malformed profile, cursor or limit
	 */
	ChallengePage outstanding(long clientId, String profile, String after, int limit) {
		if (profile != null && !PROFILE.matcher(profile).matches()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "profile must be a profile's name");
		}
		if (after != null && !UUID_TEXT.matcher(after).matches()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "after must be the previous page's next");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
		}
		return Upstream.call(SERVICE, () -> this.challenges.list(clientId, "outstanding", profile, after, limit));
	}

	/**
	 * @return the challenge in clear (shown once) with the CA's fingerprints
	 * @throws ApiProblem 400 for a malformed profile, the challenge-service's refusal
	 * otherwise (404 unknown client, 403 profile not allowed, 429 cap reached)
	 */
	HandMinted mint(long clientId, String profile, String actor) {
		String checked = (profile == null || profile.isBlank()) ? "default" : profile.strip();
		if (!PROFILE.matcher(checked).matches()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "profile must be a profile's name");
		}
		// the fingerprints first: a page without them must not spend a challenge
		List<String> chain = this.authorities.published().chainPem();
		if (chain == null || chain.isEmpty()) {
			throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "the ca-adapter published no CA certificate");
		}
		CaFingerprints ca = CaFingerprints.of(chain.get(0));
		MintedChallenge minted = Upstream.call(SERVICE,
				() -> this.challenges.mint(new HandMintRequest(clientId, checked)));
		this.actions.record(actor, "challenge_minted", target(minted.id().toString()),
				"client=%d profile=%s expiresAt=%s".formatted(clientId, minted.profile(), minted.expiresAt()));
		return new HandMinted(minted, ca);
	}

	void revoke(long clientId, String id, String actor) {
		if (id == null || !UUID_TEXT.matcher(id).matches()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "id must be a challenge's id");
		}
		Upstream.call(SERVICE, () -> {
			this.challenges.revoke(id, clientId);
			return null;
		});
		this.actions.record(actor, "challenge_revoked", target(id), "client=" + clientId);
	}

	static String target(String id) {
		return "challenge:" + id;
	}

	/**
	 * An MDM API client and its outstanding challenges, oldest first.
	 */
	record Outstanding(MdmClient client, List<ChallengeRecord> challenges) {
	}

	/**
	 * A challenge minted by hand, with what the admin hands over with it.
	 */
	record HandMinted(MintedChallenge minted, CaFingerprints ca) {
	}

}
