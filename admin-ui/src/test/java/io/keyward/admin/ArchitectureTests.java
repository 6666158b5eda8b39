package io.keyward.admin;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

	private static final JavaClasses ADMIN_UI = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.keyward.admin");

	@Test
	void whenAdminUiClassesThenNoDependencyOnOtherServices() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.keyward.gateway..", "io.keyward.challenge..", "io.keyward.ca..")
			.because("admin-ui talks to the other services over REST (io.keyward.api), never to their code")
			.check(ADMIN_UI);
	}

	@Test
	void whenAdminUiClassesThenNoPredictableRandom() {
		noClasses().should()
			.dependOnClassesThat()
			.haveFullyQualifiedName(Random.class.getName())
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName(ThreadLocalRandom.class.getName())
			.because("passwords and tokens need java.security.SecureRandom")
			.check(ADMIN_UI);
	}

	@Test
	void whenAdminUiClassesThenNoMathRandomCalls() {
		noClasses().should()
			.callMethod(Math.class, "random")
			.because("passwords and tokens need java.security.SecureRandom")
			.check(ADMIN_UI);
	}

}
