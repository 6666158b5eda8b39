package io.keyward.loadgen;

import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.List;

/**
 * Where the devices' challengePassword comes from. All challenges are obtained before the
 * timed phase, so obtaining them is never measured.
 */
@FunctionalInterface
public interface ChallengeSource {

	/**
	 * @param count how many devices need one
	 * @return one challenge per device, in device order; {@code null} entries mean no
	 * challengePassword attribute
	 */
	List<String> challenges(int count) throws IOException, InterruptedException;

	/**
	 * @return a source for servers that ask for no challenge
	 */
	static ChallengeSource none() {
		return (count) -> Collections.nCopies(count, null);
	}

	/**
	 * @param secret the static challenge every device presents (micromdm
	 * {@code -challenge})
	 * @return the source
	 */
	static ChallengeSource fixed(String secret) {
		return (count) -> Collections.nCopies(count, secret);
	}

	/**
	 * @param challenges challenges handed out in order; tests use it to make two runs
	 * race for the same challenges
	 * @return the source
	 */
	static ChallengeSource of(List<String> challenges) {
		return (count) -> {
			if (challenges.size() < count) {
				throw new IllegalStateException(count + " devices but only " + challenges.size() + " challenges");
			}
			return List.copyOf(challenges.subList(0, count));
		};
	}

	/**
	 * @param options the parsed {@code --challenge}, {@code --api-key} and
	 * {@code --profile}
	 * @return the source they describe
	 */
	static ChallengeSource from(LoadgenOptions options) {
		String spec = options.challenge();
		if (spec.startsWith("static:")) {
			return fixed(spec.substring("static:".length()));
		}
		if (spec.startsWith("api:")) {
			return new ChallengeApi(URI.create(spec.substring("api:".length())), options.apiKey(), options.profile(),
					options.concurrency(), options.timeout());
		}
		return none();
	}

}
