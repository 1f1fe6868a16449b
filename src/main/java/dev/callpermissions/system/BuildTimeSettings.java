package dev.callpermissions.system;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;

/**
 * Stops a start from the context Spring processed when the jar was built
 * ({@code -Dspring.aot.enabled=true}, as the image runs) when a switch fixed then is
 * given another value where the service runs: without this the new value would be ignored
 * in silence, an endpoint an operator exposed would answer 404 and a Swagger UI they
 * turned off would stay on. The switches are the ones the README lists under "Start-up:
 * what is fixed at build time" that an operator is likely to set; the value the build had
 * is the one in the packaged {@code application.yaml}.
 */
@Component
class BuildTimeSettings implements InitializingBean {

	/** The name Spring Boot gives the packaged {@code application.yaml}'s source. */
	static final String PACKAGED = "class path resource [application.yaml]";

	private static final String FORWARD_HEADERS = "server.forward-headers-strategy";

	/**
	 * Switches with names of their own, read as Spring reads them (so an environment
	 * variable in any of its spellings counts).
	 */
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

	private final ConfigurableEnvironment environment;

	BuildTimeSettings(ConfigurableEnvironment environment) {
		this.environment = environment;
	}

	@Override
	public void afterPropertiesSet() {
		if (AotDetector.useGeneratedArtifacts()) {
			check(this.environment);
		}
	}

	/**
	 * Throws for the first fixed switch whose value where the service runs is not the
	 * packaged one; {@code server.forward-headers-strategy} only for {@code framework},
	 * the one value that needs a filter (the others are applied by Jetty at run time).
	 */
	static void check(ConfigurableEnvironment environment) {
		PropertySource<?> packaged = environment.getPropertySources()
			.stream()
			.filter((source) -> source.getName().contains(PACKAGED))
			.findFirst()
			.orElse(null);
		if ("framework".equalsIgnoreCase(environment.getProperty(FORWARD_HEADERS, "").strip())) {
			throw fixed(FORWARD_HEADERS, packaged);
		}
		FIXED.forEach((name) -> requirePackaged(environment, packaged, name));
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource names
					&& source.getUnderlyingSource() != packaged) {
				names.stream()
					.map(ConfigurationPropertyName::toString)
					.filter(FIXED_PER_NAME)
					.forEach((name) -> requirePackaged(environment, packaged, name));
			}
		}
	}

	private static void requirePackaged(ConfigurableEnvironment environment, PropertySource<?> packaged, String name) {
		if (!items(environment.getProperty(name)).equals(items(packagedValue(packaged, name)))) {
			throw fixed(name, packaged);
		}
	}

	private static InvalidConfigurationException fixed(String name, PropertySource<?> packaged) {
		return new InvalidConfigurationException(name,
				"is fixed when the jar is built (the image starts with -Dspring.aot.enabled=true), and this build has "
						+ Objects.requireNonNullElse(packagedValue(packaged, name), "Spring Boot's default")
						+ ": set it in application.yaml and build again, or start without -Dspring.aot.enabled=true");
	}

	private static String packagedValue(PropertySource<?> packaged, String name) {
		Object value = (packaged != null) ? packaged.getProperty(name) : null;
		return (value != null) ? value.toString() : null;
	}

	/**
	 * A list's items, whatever the spacing and case, so that lists compare item by item.
	 */
	private static List<String> items(String value) {
		return (value != null)
				? Arrays.stream(value.split(",")).map((item) -> item.strip().toLowerCase(Locale.ROOT)).toList()
				: List.of();
	}

}
