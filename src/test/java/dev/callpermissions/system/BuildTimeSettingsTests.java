package dev.callpermissions.system;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A switch fixed when the jar was built, given another value where the service runs,
 * stops the start naming the key; the same value in another spelling, and every setting
 * read at run time, do not.
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
		StandardEnvironment environment = environment(Map.of(variable, value));

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> BuildTimeSettings.check(environment))
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.getKey()).isEqualTo(key))
			.withMessageContaining("fixed when the jar is built")
			.withMessageContaining("-Dspring.aot.enabled=true");
	}

	@Test
	void theBuildsValueIsNamed() {
		StandardEnvironment environment = environment(Map.of("SPRINGDOC_SWAGGER_UI_ENABLED", "false"));

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> BuildTimeSettings.check(environment))
			.withMessageContaining("this build has true");
	}

	@Test
	void theSameValuesInOtherSpellingsAndSettingsReadAtRunTimeStartNormally() {
		StandardEnvironment environment = environment(Map.of("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE",
				"Health ,info,  prometheus", "SPRINGDOC_SWAGGER_UI_ENABLED", "TRUE", "SERVER_FORWARD_HEADERS_STRATEGY",
				"native", "CALL_PERMISSIONS_CACHE_TTL", "0s", "CALL_PERMISSIONS_CACHE_STORE", "redis",
				"MANAGEMENT_ENDPOINT_HEALTH_SHOW_DETAILS", "always", "LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"));

		assertThatNoException().isThrownBy(() -> BuildTimeSettings.check(environment));
	}

	/**
	 * The packaged switches as in application.yaml, and the given environment variables
	 * where the service runs.
	 */
	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					variables));
		environment.getPropertySources()
			.addLast(new MapPropertySource(
					"Config resource '" + BuildTimeSettings.PACKAGED + "' via location 'optional:classpath:/'",
					Map.of("management.endpoints.web.exposure.include", "health, info, prometheus",
							"springdoc.swagger-ui.enabled", true, "spring.threads.virtual.enabled", true)));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

}
