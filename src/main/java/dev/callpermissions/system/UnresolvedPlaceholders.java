package dev.callpermissions.system;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;

/**
 * Stops start-up when a setting of this service or of its Redis connection refers to a
 * {@code ${VARIABLE}} that is not set. Spring Boot binds such a value as its literal
 * text: a forgotten {@code CRM_API_KEY} would make {@code ${CRM_API_KEY}}, printed in the
 * README, the key that lets anyone in, and a forgotten app secret a public HMAC key.
 * Checked once every property source is in place, before any setting is bound.
 */
@Component
class UnresolvedPlaceholders implements BeanFactoryPostProcessor, EnvironmentAware {

	/**
	 * The settings' names, and their environment variables' (which keep their own names).
	 */
	private static final Set<String> CHECKED = Set.of("call-permissions.", "spring.data.redis.", "CALL_PERMISSIONS_",
			"SPRING_DATA_REDIS_");

	private ConfigurableEnvironment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = (ConfigurableEnvironment) environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		ConfigurableEnvironment environment = this.environment;
		Set<String> names = new LinkedHashSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (CHECKED.stream().anyMatch(name::startsWith)) {
						names.add(name);
					}
				}
			}
		}
		for (String name : names) {
			try {
				environment.getProperty(name);
			}
			catch (IllegalArgumentException ex) {
				// not even the placeholder's name: it may be part of a secret that holds
				// "${"
				throw new InvalidConfigurationException(name,
						"refers to a ${...} placeholder whose environment variable or property is not set");
			}
		}
	}

}
