package io.keyward.admin.challenge;

import static io.keyward.admin.web.FormValues.blankToNull;

import java.util.List;
import java.util.Optional;

import io.keyward.admin.web.ApiProblem;
import io.keyward.api.challenge.MdmClient;

import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the outstanding-challenges list shows: one MDM client's challenges (the first
 * client when none is chosen, as the issue says: per MDM client), of one profile or all,
 * in one of {@link Challenges#SORTS}; and the links that keep it.
 *
 * @param client the client listed, null when there is none
 * @param profile the profile, null for all
 * @param sort the order, never null
 */
record ChallengeFilter(MdmClient client, String profile, String sort) {

	/** Newest minted first. */
	static final String DEFAULT_SORT = "created:desc";

	/** What the page shows when the query string cannot be read. */
	static final ChallengeFilter NONE = new ChallengeFilter(null, null, DEFAULT_SORT);

	/**
	 * @param client a client's id as the query string gives it, null or blank for the
	 * first client
	 * @param known every MDM client
	 * @throws ApiProblem 400 naming the parameter that cannot be right
	 */
	static ChallengeFilter of(String client, String profile, String sort, String after, List<MdmClient> known) {
		String order = blankToNull(sort);
		String chosen = blankToNull(profile);
		Challenges.check(chosen, order, blankToNull(after));
		MdmClient listed = known.isEmpty() ? null : known.getFirst();
		if (blankToNull(client) != null) {
			listed = known.stream()
				.filter((candidate) -> String.valueOf(candidate.id()).equals(client.strip()))
				.findFirst()
				.orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST, "client must be one of the MDM clients"));
		}
		return new ChallengeFilter(listed, chosen, (order != null) ? order : DEFAULT_SORT);
	}

	/**
	 * @return a link to {@code path} with this client and profile
	 */
	UriComponentsBuilder filters(String path) {
		return UriComponentsBuilder.fromPath(path)
			.queryParamIfPresent("client", Optional.ofNullable(this.client).map(MdmClient::id))
			.queryParamIfPresent("profile", Optional.ofNullable(this.profile));
	}

	/**
	 * @return a link to {@code path} with this client, profile and order
	 */
	UriComponentsBuilder link(String path) {
		return filters(path).queryParam("sort", this.sort);
	}

}
