package io.keyward.challenge;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.keyward.testsupport.ServiceBoundaries;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

@AnalyzeClasses(packages = "io.keyward.challenge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/** A service asks another over REST; it never links to its code. */
	@ArchTest
	static final ArchRule noOtherServiceIsUsed = ServiceBoundaries.noOtherServiceIsUsedBy("io.keyward.challenge");

	/** Challenges and API keys are secrets: only SecureRandom may produce them. */
	@ArchTest
	static final ArchRule noPredictableRandom = ServiceBoundaries.noPredictableRandom();

	/**
	 * Least privilege: this service holds the challenge HMAC key only, never the
	 * key-encryption key that opens the CA and RA keys.
	 */
	@ArchTest
	static final ArchRule noKeyEncryptionKey = noClasses().should()
		.dependOnClassesThat()
		.haveFullyQualifiedName("io.keyward.sealing.KeyEncryptionKey")
		.orShould()
		.dependOnClassesThat()
		.haveFullyQualifiedName("io.keyward.sealing.KeyEncryptionKeyFile");

	@ArchTest
	static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

	/** Profiles and API clients know nothing of challenges; the HTTP edge sits on top. */
	@ArchTest
	static final ArchRule featuresDoNotDependOnTheEdge = noClasses().that()
		.resideInAnyPackage("io.keyward.challenge.profile..", "io.keyward.challenge.apiclient..",
				"io.keyward.challenge.onetime..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.keyward.challenge.web..");

}
