package io.keyward.standalone;

import java.time.Clock;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

/**
 * Replaces each service's {@link Clock} bean with one clock shared by the whole suite, so
 * an end-to-end test can move time (challenge expiry) for every service at once. Runs
 * after the services' own bean definitions are registered and before any bean is created.
 */
final class SharedClock implements BeanFactoryPostProcessor {

	private final Clock clock;

	SharedClock(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		String[] names = beanFactory.getBeanNamesForType(Clock.class, true, false);
		for (String name : names) {
			((BeanDefinitionRegistry) beanFactory).removeBeanDefinition(name);
		}
		beanFactory.registerSingleton("clock", this.clock);
	}

}
