package io.keyward.ca;

import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.keyward.sealing.KeyEncryptionKey;
import io.keyward.testsupport.ServiceBoundaries;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Module boundaries: the ca-adapter talks to the other services only over REST, keeps CA
 * private keys inside {@code io.keyward.ca.authority}, and never uses
 * {@link java.util.Random} for anything.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = ServiceBoundaries.mainClassesOf("io.keyward.ca");

	@Test
	void whenCheckingDependenciesThenNoOtherServiceIsUsed() {
		ServiceBoundaries.noOtherServiceIsUsedBy("io.keyward.ca").check(CLASSES);
	}

	@Test
	void whenCheckingRandomnessThenJavaUtilRandomIsNeverUsed() {
		ServiceBoundaries.noPredictableRandom().check(CLASSES);
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
