package io.keyward.scep;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.keyward.scep");

	@Test
	void whenCodecIsInspectedThenNothingDependsOnSpring() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(classes);
	}

	@Test
	void whenCodecIsInspectedThenNothingUsesJavaUtilRandom() {
		// nonces and serials must come from SecureRandom (RFC 8894 section 3.2.1.5)
		noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.util.Random").check(classes);
	}

	@Test
	void whenCodecIsInspectedThenItDoesNotDependOnTheServices() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.keyward.gateway..", "io.keyward.challenge..", "io.keyward.ca..",
					"io.keyward.admin..")
			.check(classes);
	}

}
