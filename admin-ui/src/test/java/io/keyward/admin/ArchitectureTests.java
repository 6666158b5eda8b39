package io.keyward.admin;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.keyward.testsupport.ServiceBoundaries;
import org.junit.jupiter.api.Test;

/**
 * admin-ui talks to the other services over REST (io.keyward.api), never to their code,
 * and makes passwords and tokens with java.security.SecureRandom only (the shared rule
 * also forbids {@code Math.random()}).
 */
class ArchitectureTests {

	private static final JavaClasses ADMIN_UI = ServiceBoundaries.mainClassesOf("io.keyward.admin");

	@Test
	void whenAdminUiClassesThenNoDependencyOnOtherServices() {
		ServiceBoundaries.noOtherServiceIsUsedBy("io.keyward.admin").check(ADMIN_UI);
	}

	@Test
	void whenAdminUiClassesThenNoPredictableRandom() {
		ServiceBoundaries.noPredictableRandom().check(ADMIN_UI);
	}

}
