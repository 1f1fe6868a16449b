package dev.callpermissions.system;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A switch fixed when the jar was built, given another value where the service runs,
 * stops the start naming the key; the build's value in another spelling or order, Spring
 * Boot's default where the build set none, and every setting read at run time do not.
 */
class BuildTimeSettingsTests {

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE | health,info,prometheus,env | management.endpoints.web.exposure.include
					MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_EXCLUDE | prometheus                 | management.endpoints.web.exposure.exclude
					MANAGEMENT_ENDPOINT_ENV_ACCESS            | read-only                  | management.endpoint.env.access
					MANAGEMENT_SERVER_PORT                    | 8081                       | management.server.port
					MANAGEMENT_HEALTH_CIRCUITBREAKERS_ENABLED | false                      | management.health.circuitbreakers.enabled
					MANAGEMENT_PROMETHEUS_METRICS_EXPORT_ENABLED | false                   | management.prometheus.metrics.export.enabled
					SPRINGDOC_SWAGGER_UI_ENABLED              | false                      | springdoc.swagger-ui.enabled
					SPRINGDOC_API_DOCS_ENABLED                | false                      | springdoc.api-docs.enabled
					SPRING_THREADS_VIRTUAL_ENABLED            | false                      | spring.threads.virtual.enabled
					SERVER_FORWARD_HEADERS_STRATEGY           | framework                  | server.forward-headers-strategy
					""")
	void aFixedSwitchWithAnotherValueWhereTheServiceRunsStopsTheStart(String variable, String value, String key) {
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(() -> check(Map.of(variable, value)))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(key))
			.withMessageContaining("fixed when the jar is built")
			.withMessageContaining("-Dspring.aot.enabled=true");
	}

	@Test
	void theBuildsValueIsNamed() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> check(Map.of("SPRINGDOC_SWAGGER_UI_ENABLED", "false")))
			.withMessageContaining("this build has true");
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE | info,health,prometheus
			MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE | 'Health ,info,  prometheus'
			SPRINGDOC_SWAGGERUI_ENABLED               | yes
			SPRINGDOC_API_DOCS_ENABLED                | on
			MANAGEMENT_HEALTH_LIVENESSSTATE_ENABLED   | true
			MANAGEMENT_ENDPOINT_HEALTH_ACCESS         | unrestricted
			MANAGEMENT_SERVER_PORT                    | ''
			MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_EXCLUDE | ''
			SERVER_FORWARD_HEADERS_STRATEGY           | native
			CALL_PERMISSIONS_CACHE_STORE              | redis
			MANAGEMENT_ENDPOINT_HEALTH_SHOW_DETAILS   | always
			LOGGING_STRUCTURED_FORMAT_CONSOLE         | ecs
			""")
	void theBuildsValueInAnotherSpellingABootDefaultAndSettingsReadAtRunTimeStartNormally(String variable,
			String value) {
		assertThatNoException().isThrownBy(() -> check(Map.of(variable, value)));
	}

	@Test
	void aListInTheRunningConfigurationFileCountsItemByItem() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> check(Map.of(),
					Map.of("management.endpoints.web.exposure.include[0]", "health",
							"management.endpoints.web.exposure.include[1]", "info",
							"management.endpoints.web.exposure.include[2]", "prometheus",
							"management.endpoints.web.exposure.include[3]", "metrics")))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("management.endpoints.web.exposure.include"));
		assertThatNoException().isThrownBy(() -> check(Map.of(),
				Map.of("management.endpoints.web.exposure.include[0]", "prometheus",
						"management.endpoints.web.exposure.include[1]", "health",
						"management.endpoints.web.exposure.include[2]", "info")));
	}

	@Test
	void thePackagedFileIsReadFromTheJar() {
		Binder packaged = BuildTimeSettings.packaged();

		assertThat(packaged.bind("management.endpoints.web.exposure.include", Bindable.listOf(String.class)).get())
			.containsExactly("health", "info", "prometheus");
		assertThat(packaged.bind("spring.threads.virtual.enabled", Boolean.class).get()).isTrue();
	}

	private static void check(Map<String, Object> variables) {
		check(variables, Map.of());
	}

	/**
	 * The check with switches packaged as in application.yaml, and where the service runs
	 * the given environment variables and a configuration file of the given keys before
	 * it.
	 */
	private static void check(Map<String, Object> variables, Map<String, Object> file) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					variables));
		environment.getPropertySources()
			.addLast(new MapPropertySource("Config resource 'file [/config/application.yaml]'", file));
		MapPropertySource packaged = new MapPropertySource("Config resource 'class path resource [application.yaml]'",
				Map.of("management.endpoints.web.exposure.include", "health, info, prometheus",
						"springdoc.swagger-ui.enabled", true, "springdoc.api-docs.enabled", true,
						"spring.threads.virtual.enabled", true));
		// where the service runs, the packaged file is read too, after everything else
		environment.getPropertySources().addLast(packaged);
		ConfigurationPropertySources.attach(environment);
		BuildTimeSettings.check(environment, new Binder(ConfigurationPropertySources.from(packaged)));
	}

}
