package io.keyward.testsupport;

import java.security.SecureRandom;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.keyward.ca.CaInternals;
import io.keyward.gateway.GatewayLinkingToCa;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared rules must catch what they forbid: the services' ArchitectureTests only ever
 * see code that obeys them.
 */
class ServiceBoundariesTests {

	private static final JavaClasses GATEWAY_AND_CA = new ClassFileImporter().importClasses(GatewayLinkingToCa.class,
			CaInternals.class);

	@Test
	void whenServiceLinksToAnotherServiceThenBoundaryRuleFails() {
		assertThat(
				ServiceBoundaries.noOtherServiceIsUsedBy("io.keyward.gateway").evaluate(GATEWAY_AND_CA).hasViolation())
			.isTrue();
	}

	@Test
	void whenServiceUsesOnlyItsOwnCodeThenBoundaryRulePasses() {
		assertThat(ServiceBoundaries.noOtherServiceIsUsedBy("io.keyward.ca").evaluate(GATEWAY_AND_CA).hasViolation())
			.isFalse();
	}

	@Test
	void whenPredictableGeneratorsAreUsedThenRandomRuleFails() {
		for (Class<?> weak : new Class<?>[] { UsesRandom.class, UsesThreadLocalRandom.class, UsesSplittableRandom.class,
				CallsMathRandom.class }) {
			assertThat(ServiceBoundaries.noPredictableRandom()
				.evaluate(new ClassFileImporter().importClasses(weak))
				.hasViolation()).as(weak.getSimpleName()).isTrue();
		}
	}

	@Test
	void whenOnlySecureRandomIsUsedThenRandomRulePasses() {
		assertThat(ServiceBoundaries.noPredictableRandom()
			.evaluate(new ClassFileImporter().importClasses(UsesSecureRandom.class))
			.hasViolation()).isFalse();
	}

	static class UsesRandom {

		int roll() {
			return new Random().nextInt();
		}

	}

	static class UsesThreadLocalRandom {

		int roll() {
			return ThreadLocalRandom.current().nextInt();
		}

	}

	static class UsesSplittableRandom {

		int roll() {
			return new SplittableRandom().nextInt();
		}

	}

	static class CallsMathRandom {

		double roll() {
			return Math.random();
		}

	}

	static class UsesSecureRandom {

		int roll() {
			return new SecureRandom().nextInt();
		}

	}

}
