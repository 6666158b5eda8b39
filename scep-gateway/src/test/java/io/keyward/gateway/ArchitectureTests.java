package io.keyward.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The gateway talks to the other services over REST only, and uses no weak randomness.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.keyward.gateway");

	@Test
	void whenGatewayClassesThenNoDependencyOnOtherServices() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.keyward.challenge..", "io.keyward.ca..", "io.keyward.admin..")
			.check(this.classes);
	}

	@Test
	void whenGatewayClassesThenNoJavaUtilRandom() {
		// SecureRandom extends Random, so name the weak generators instead of their
		// supertype
		noClasses().should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("java.util.Random")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
			.check(this.classes);
	}

}
