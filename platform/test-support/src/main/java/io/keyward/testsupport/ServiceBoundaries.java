package io.keyward.testsupport;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The ArchUnit rules every Keyward service's {@code ArchitectureTests} share: a service
 * talks to the others over REST ({@code io.keyward.api}) and never links to their code,
 * and it draws secrets, nonces and serials from {@link java.security.SecureRandom} only.
 * Rules that belong to one service (the CA's private keys, the challenge-service's web
 * edge) stay in that service's test.
 */
public final class ServiceBoundaries {

	/** The four services and the launcher that assembles them. */
	private static final List<String> SERVICE_PACKAGES = List.of("io.keyward.gateway", "io.keyward.challenge",
			"io.keyward.ca", "io.keyward.admin", "io.keyward.standalone");

	private ServiceBoundaries() {
	}

	/**
	 * The production classes (no tests) of {@code ownPackage} and its sub-packages.
	 * @param ownPackage a service's root package, e.g. {@code io.keyward.gateway}
	 * @return the imported classes
	 */
	public static JavaClasses mainClassesOf(String ownPackage) {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(ownPackage);
	}

	/**
	 * No class of {@code ownPackage} depends on another service's package or on the
	 * standalone launcher. A misspelt package matches no class, and ArchUnit fails a rule
	 * that checks nothing, so a typo cannot switch the rule off.
	 * @param ownPackage a service's root package, e.g. {@code io.keyward.gateway}
	 * @return the rule
	 */
	public static ArchRule noOtherServiceIsUsedBy(String ownPackage) {
		String[] others = SERVICE_PACKAGES.stream()
			.filter((service) -> !service.equals(ownPackage))
			.map((service) -> service + "..")
			.toArray(String[]::new);
		return noClasses().that()
			.resideInAPackage(ownPackage + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(others)
			.because("a service talks to the others over REST (io.keyward.api), never to their code");
	}

	/**
	 * No class uses a predictable generator. {@link java.security.SecureRandom} extends
	 * {@link Random}, so the rule names the weak generators themselves rather than their
	 * supertype.
	 * @return the rule
	 */
	public static ArchRule noPredictableRandom() {
		return noClasses().should()
			.dependOnClassesThat()
			.belongToAnyOf(Random.class, ThreadLocalRandom.class, SplittableRandom.class)
			.orShould()
			.callMethod(Math.class, "random")
			.because("challenges, passwords, tokens, nonces and serials need java.security.SecureRandom "
					+ "(RFC 8894 section 3.2.1.5)");
	}

}
