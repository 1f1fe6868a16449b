package dev.callpermissions.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Stops a start from the context Spring processed when the jar was built
 * ({@code -Dspring.aot.enabled=true}, as the image runs) when a switch fixed then is
 * given another value where the service runs: without this the new value would be ignored
 * in silence, an endpoint an operator exposed would answer 404 and a Swagger UI they
 * turned off would stay on. The switches are the ones the README lists under "Start-up:
 * what is fixed at build time" that an operator is likely to set; the value the build had
 * is the one in the packaged {@code application.yaml}, or Spring Boot's default where it
 * sets none. Checked before any bean is made, like {@link UnresolvedPlaceholders}.
 */
@Component
class BuildTimeSettings implements BeanFactoryPostProcessor, EnvironmentAware {

	private static final String FORWARD_HEADERS = "server.forward-headers-strategy";

	/** Switches with names of their own. */
	private static final List<String> FIXED = List.of("management.endpoints.web.exposure.include",
			"management.endpoints.web.exposure.exclude", "management.endpoints.access.default",
			"management.endpoint.health.probes.enabled", "management.server.port",
			"management.defaults.metrics.export.enabled", "springdoc.api-docs.enabled", "springdoc.swagger-ui.enabled",
			"spring.threads.virtual.enabled");

	/** Switches named after an endpoint, a health indicator or a registry. */
	private static final Predicate<String> FIXED_PER_NAME = Pattern
		.compile("management\\.endpoint\\.[^.]+\\.(access|enabled)|management\\.health\\.[^.]+\\.enabled"
				+ "|management\\.[^.]+\\.metrics\\.export\\.enabled")
		.asMatchPredicate();

	/**
	 * Where the packaged file sets nothing, Spring Boot's defaults for these switches: no
	 * value, on, and unrestricted access (for every endpoint but two the service does not
	 * expose).
	 */
	private static final Set<Set<String>> DEFAULTS = Set.of(Set.of(), Set.of("true"), Set.of("unrestricted"));

	private static final Set<String> TRUE = Set.of("true", "on", "yes", "1");

	private static final Set<String> FALSE = Set.of("false", "off", "no", "0");

	private ConfigurableEnvironment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = (ConfigurableEnvironment) environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (AotDetector.useGeneratedArtifacts()) {
			check(this.environment, packaged());
		}
	}

	/** The application.yaml the jar was built with, read from the jar itself. */
	static Binder packaged() {
		try {
			List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("packaged",
					new ClassPathResource("application.yaml"));
			return new Binder(ConfigurationPropertySources.from(documents));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Throws for the first fixed switch whose value where the service runs is not the
	 * build's.
	 */
	static void check(ConfigurableEnvironment environment, Binder packaged) {
		Binder running = Binder.get(environment);
		if (framework(running) != framework(packaged)) {
			throw fixed(FORWARD_HEADERS, packaged);
		}
		Set<String> names = new TreeSet<>(FIXED);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream().map(ConfigurationPropertyName::toString).filter(FIXED_PER_NAME).forEach(names::add);
			}
		}
		for (String name : names) {
			Set<String> build = values(packaged, name);
			Set<String> run = values(running, name);
			if (!run.equals(build) && !(build.isEmpty() && DEFAULTS.contains(run))) {
				throw fixed(name, packaged);
			}
		}
	}

	private static boolean framework(Binder binder) {
		return values(binder, FORWARD_HEADERS).equals(Set.of("framework"));
	}

	/**
	 * A switch's items as Spring reads them (a list in any of its forms, any spelling of
	 * a name), whatever their case, order and blanks, with booleans in one spelling.
	 */
	private static Set<String> values(Binder binder, String name) {
		Set<String> values = new TreeSet<>();
		for (String value : binder.bind(name, Bindable.listOf(String.class)).orElse(List.of())) {
			String item = value.strip().toLowerCase(Locale.ROOT);
			if (!item.isEmpty()) {
				values.add(TRUE.contains(item) ? "true" : FALSE.contains(item) ? "false" : item);
			}
		}
		return values;
	}

	private static InvalidConfigurationException fixed(String name, Binder packaged) {
		Set<String> build = values(packaged, name);
		return new InvalidConfigurationException(name,
				"is fixed when the jar is built (the image starts with -Dspring.aot.enabled=true), and this build has "
						+ (build.isEmpty() ? "Spring Boot's default" : String.join(",", build))
						+ ": set it in application.yaml and build again, or start without -Dspring.aot.enabled=true");
	}

}
