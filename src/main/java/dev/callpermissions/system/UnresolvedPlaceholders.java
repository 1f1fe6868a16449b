package dev.callpermissions.system;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	private static final Set<String> CHECKED = Set.of("call-permissions.", "spring.data.redis.");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");

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
				throw new InvalidConfigurationException(name,
						"refers to "
								+ placeholders(String.valueOf(environment.getPropertySources()
									.stream()
									.map((source) -> source.getProperty(name))
									.filter((value) -> value != null)
									.findFirst()
									.orElse("")))
								+ ", which is not set (neither an environment variable nor a property)");
			}
		}
	}

	/** The names the value refers to, never the value. */
	private static String placeholders(String value) {
		Set<String> referred = new LinkedHashSet<>();
		Matcher matcher = PLACEHOLDER.matcher(value);
		while (matcher.find()) {
			referred.add(matcher.group(1));
		}
		return String.join(" or ", referred);
	}

}
