package io.keyward.admin.challenge;

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
import io.keyward.api.challenge.ChallengeProfileClient;
import io.keyward.api.challenge.ChallengeProfileSettings;
import io.keyward.api.challenge.HandMintRequest;
import io.keyward.api.challenge.MdmClient;
import io.keyward.api.challenge.MdmClientsClient;
import io.keyward.api.challenge.MintedChallenge;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * One-time challenges as an admin handles them: minted by hand for an MDM API client (the
 * challenge-service's {@code challenges:manage} API), listed while outstanding per client
 * a keyset page at a time (filtered by profile, sorted by minted or expiry time: the
 * page, its CSV and the admin API), revoked. Each mint and revocation is recorded in the
 * audit log ({@code challenge_minted}, {@code challenge_revoked}, target
 * {@code challenge:<id>}); the password never is.
 */
@Service
class Challenges {

	static final String SERVICE = "challenge-service";

	/** The orders of the list: by minted or expiry time, either way. */
	static final List<String> SORTS = List.of("created:asc", "created:desc", "expires:asc", "expires:desc");

	/** The largest page the challenge-service answers. */
	static final int MAX_LIMIT = 500;

	private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F-]{36}");

	private final ChallengeAdministrationClient challenges;

	private final MdmClientsClient clients;

	private final ChallengeProfileClient profiles;

	private final Authorities authorities;

	private final AdminActions actions;

	private final AdminProperties properties;

	Challenges(ChallengeAdministrationClient challenges, MdmClientsClient clients, ChallengeProfileClient profiles,
			Authorities authorities, AdminActions actions, AdminProperties properties) {
		this.challenges = challenges;
		this.clients = clients;
		this.profiles = profiles;
		this.authorities = authorities;
		this.actions = actions;
		this.properties = properties;
	}

	/**
	 * @return every MDM API client, for the client filter and the mint form, or why not
	 */
	RemoteCall<List<MdmClient>> clients() {
		return RemoteCall.of(SERVICE, this.properties.challengeUrl(), this.properties.hasServiceToken(),
				this.clients::list);
	}

	/**
	 * @return the names of the challenge-service's profiles, for the profile filter; none
	 * when it cannot say
	 */
	List<String> profileNames() {
		RemoteCall<List<ChallengeProfileSettings>> call = RemoteCall.of(SERVICE, this.properties.challengeUrl(),
				this.properties.hasServiceToken(), this.profiles::profiles);
		return (call.value() != null) ? call.value().stream().map(ChallengeProfileSettings::name).sorted().toList()
				: List.of();
	}

	/**
	 * @param clientId the MDM API client
	 * @param profile only this profile's challenges, null for all
	 * @param sort one of {@link #SORTS}, null for minting order
	 * @param after the previous page's {@code next}, null for the first page
	 * @param limit 1 to {@value #MAX_LIMIT}
	 * @return one page of the client's outstanding challenges, in that order
	 * @throws ApiProblem 400 for a malformed profile, order, cursor or limit, or the
	 * challenge-service's refusal (a cursor that names none of the client's challenges)
	 */
	ChallengePage outstanding(long clientId, String profile, String sort, String after, int limit) {
		check(profile, sort, after);
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
		}
		return Upstream.call(SERVICE, () -> this.challenges.list(clientId, "outstanding", profile, sort, after, limit));
	}

	/**
	 * @throws ApiProblem 400 naming the first parameter that cannot be right
	 */
	static void check(String profile, String sort, String after) {
		if (profile != null && !PROFILE.matcher(profile).matches()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "profile must be a profile's name");
		}
		if (sort != null && !SORTS.contains(sort)) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "sort must be one of " + String.join(", ", SORTS));
		}
		if (after != null && !UUID_TEXT.matcher(after).matches()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "after must be the previous page's next");
		}
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
	 * A challenge minted by hand, with what the admin hands over with it.
	 */
	record HandMinted(MintedChallenge minted, CaFingerprints ca) {
	}

}
