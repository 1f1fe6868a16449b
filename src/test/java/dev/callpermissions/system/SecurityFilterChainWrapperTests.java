package dev.callpermissions.system;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.ManagedList;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.web.filter.ServletRequestPathFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter chain's definition as the wrapping post-processors leave it: once when the
 * context is refreshed from scratch, twice when it was processed at build time and they
 * run again on what they made then. Either way the chain serves behind one path-parsing
 * filter and no advance handler lookup.
 */
class SecurityFilterChainWrapperTests {

	private static final String CHAIN = "springSecurityFilterChain";

	private final RootBeanDefinition chain = new RootBeanDefinition(FilterChainProxy.class);

	@Test
	void aChainWrappedOnceKeepsItsPathParsing() throws Exception {
		BeanDefinition pathParsing = pathComposite(this.chain);

		assertThat(unwrapped(mvcComposite(pathParsing))).isSameAs(pathParsing);
	}

	@Test
	void aChainWrappedAgainAfterBuildTimeProcessingParsesItsPathOnce() throws Exception {
		BeanDefinition once = pathComposite(this.chain);

		BeanDefinition served = unwrapped(mvcComposite(pathComposite(once)));

		assertThat(served).isSameAs(once);
		assertThat(filters(served)).element(1).isSameAs(this.chain);
	}

	private BeanDefinition unwrapped(BeanDefinition registered) {
		DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
		registry.registerBeanDefinition(CHAIN, registered);
		SecurityConfiguration.securityFilterChainWithoutAdvanceHandlerLookup().postProcessBeanFactory(registry);
		return registry.getBeanDefinition(CHAIN);
	}

	private static BeanDefinition pathComposite(BeanDefinition wrapped) throws ClassNotFoundException {
		return composite(Class.forName(SecurityConfiguration.PATH_COMPOSITE),
				new RootBeanDefinition(ServletRequestPathFilter.class), wrapped);
	}

	private static BeanDefinition mvcComposite(BeanDefinition wrapped) throws ClassNotFoundException {
		return composite(
				Class.forName("org.springframework.security.config.annotation.web.configuration."
						+ "WebMvcSecurityConfiguration$CompositeFilterChainProxy"),
				new RootBeanDefinition(Object.class), wrapped);
	}

	private static BeanDefinition composite(Class<?> type, BeanDefinition first, BeanDefinition second) {
		RootBeanDefinition composite = new RootBeanDefinition(type);
		composite.getConstructorArgumentValues().addIndexedArgumentValue(0, ManagedList.of(first, second));
		return composite;
	}

	private static List<?> filters(BeanDefinition composite) {
		return (List<?>) composite.getConstructorArgumentValues().getIndexedArgumentValue(0, null).getValue();
	}

}
