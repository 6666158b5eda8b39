package io.keyward.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.keyward.testsupport.ServiceBoundaries;
import org.junit.jupiter.api.Test;

/**
 * The gateway talks to the other services over REST only, and uses no weak randomness.
 */
class ArchitectureTests {

	private final JavaClasses classes = ServiceBoundaries.mainClassesOf("io.keyward.gateway");

	@Test
	void whenGatewayClassesThenNoDependencyOnOtherServices() {
		ServiceBoundaries.noOtherServiceIsUsedBy("io.keyward.gateway").check(this.classes);
	}

	@Test
	void whenGatewayClassesThenNoJavaUtilRandom() {
		ServiceBoundaries.noPredictableRandom().check(this.classes);
	}

}
