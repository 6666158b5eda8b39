package io.keyward.ca;

import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.keyward.api.secret.KeyEncryptionKey;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Module boundaries: the ca-adapter talks to the other services only over REST, keeps CA
 * private keys inside {@code io.keyward.ca.authority}, and never uses
 * {@link java.util.Random} for anything.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.keyward.ca");

	@Test
	void whenCheckingDependenciesThenNoOtherServiceIsUsed() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.keyward.gateway..", "io.keyward.challenge..", "io.keyward.admin..",
					"io.keyward.standalone..")
			.check(CLASSES);
	}

	@Test
	void whenCheckingRandomnessThenJavaUtilRandomIsNeverUsed() {
		// SecureRandom extends Random, so name the predictable generators themselves
		noClasses().should()
			.dependOnClassesThat()
			.haveFullyQualifiedName(Random.class.getName())
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName(ThreadLocalRandom.class.getName())
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName(SplittableRandom.class.getName())
			.check(CLASSES);
	}

	@Test
	void whenCheckingPrivateKeysThenOnlyTheAuthorityPackageTouchesThem() {
		noClasses().that()
			.resideOutsideOfPackage("io.keyward.ca.authority..")
			.should()
			.dependOnClassesThat()
			.areAssignableTo(PrivateKey.class)
			.orShould()
			.dependOnClassesThat()
			.areAssignableTo(PKCS8EncodedKeySpec.class)
			.orShould()
			.dependOnClassesThat()
			.areAssignableTo(KeyEncryptionKey.class)
			.check(CLASSES);
	}

}
