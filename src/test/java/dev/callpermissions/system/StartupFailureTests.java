package dev.callpermissions.system;

import dev.callpermissions.CallPermissionsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	@Test
	void stopsWithOneLineNamingTheKeyAndNoStackTrace(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--call-permissions.security.api-keys.crm=crm-secret-key",
				"--call-permissions.accounts.meta-main.provider=meta",
				"--call-permissions.accounts.meta-main.access-token=EAAG-very-secret",
				"--call-permissions.channels[0].business-number=+14155550100",
				"--call-permissions.channels[0].account=meta-typo"));
		assertThat(output).contains(
				"Invalid configuration: call-permissions.channels[0].account: no account named 'meta-typo' is configured")
			.doesNotContain("\tat ")
			.doesNotContain("EAAG-very-secret")
			.doesNotContain("crm-secret-key");
	}

	@Test
	void refusesASecretThatRefersToAnEnvironmentVariableThatIsNotSet(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--call-permissions.security.api-keys.crm=${UNSET_CRM_API_KEY}"));

		assertThat(output)
			.contains("Invalid configuration: call-permissions.security.api-keys.crm: refers to a ${...} "
					+ "placeholder whose environment variable or property is not set")
			.doesNotContain("\tat ");
	}

	@Test
	void refusesAnEnvironmentVariableThatRefersToAnotherThatIsNotSet(CapturedOutput output) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-environment",
					java.util.Map.of("CALL_PERMISSIONS_SECURITY_API_KEYS_CRM", "${UNSET_CRM_API_KEY}")));
		SpringApplication application = new SpringApplication(CallPermissionsApplication.class);
		application.setEnvironment(environment);
		application.setDefaultProperties(java.util.Map.of("server.port", "0"));

		assertThatException().isThrownBy(application::run);

		assertThat(output).contains("Invalid configuration: CALL_PERMISSIONS_SECURITY_API_KEYS_CRM: refers to a ${...} "
				+ "placeholder whose environment variable or property is not set");
	}

	@Test
	void refusesToStartWithSecurityOnAndNoKeys(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start());
		assertThat(output).contains("Invalid configuration: call-permissions.security.api-keys: security is enabled")
			.doesNotContain("\tat ");
	}

	@Test
	void refusesACacheThatCannotFitTheHeapItRunsWith(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--call-permissions.security.enabled=false",
				"--call-permissions.cache.max-memory=" + Runtime.getRuntime().maxMemory() + "B"));
		assertThat(output)
			.contains("Invalid configuration: call-permissions.cache.max-memory: must be positive and "
					+ "at most half the heap")
			.doesNotContain("\tat ");
	}

	@Test
	void refusesABatchThatCouldNeverAskAVendor(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--call-permissions.security.enabled=false",
				"--call-permissions.batch.concurrency-per-account=0"));
		assertThat(output)
			.contains(
					"Invalid configuration: call-permissions.batch.concurrency-per-account: must be a positive number")
			.doesNotContain("\tat ");
	}

	@Test
	void refusesABatchDeadlineOfNoTime(CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> start("--call-permissions.security.enabled=false", "--call-permissions.batch.deadline=0s"));
		assertThat(output)
			.contains("Invalid configuration: call-permissions.batch.deadline: must be a positive duration, e.g. 10s")
			.doesNotContain("\tat ");
	}

	@Test
	void refusesAWebhookAppSecretWithoutAVerifyToken(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--call-permissions.security.enabled=false",
				"--call-permissions.webhooks.meta.app-secrets.main-app=app-secret-value"));
		assertThat(output).contains("Invalid configuration: call-permissions.webhooks.meta.verify-token: is required")
			.doesNotContain("\tat ")
			.doesNotContain("app-secret-value");
	}

	@Test
	void refusesAWebhookVerifyTokenWithoutAnAppSecret(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--call-permissions.security.enabled=false",
				"--call-permissions.webhooks.meta.verify-token=verify-token-value"));
		assertThat(output).contains("Invalid configuration: call-permissions.webhooks.meta.app-secrets: needs at least")
			.doesNotContain("\tat ")
			.doesNotContain("verify-token-value")
			.doesNotContain("base-secret-value");
	}

	@Test
	void webhooksAreOffWhenNeitherKeyIsSet() {
		try (org.springframework.context.ConfigurableApplicationContext context = start(
				"--call-permissions.security.api-keys.crm=key")) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			java.net.http.HttpResponse<String> delivery = dev.callpermissions.HttpExchange.post(port, "/webhooks/meta",
					"{}", "X-Hub-Signature-256", "sha256=00");
			java.net.http.HttpResponse<String> handshake = dev.callpermissions.HttpExchange.get(port,
					"/webhooks/meta?hub.mode=subscribe&hub.verify_token=&hub.challenge=1");
			assertThat(delivery.statusCode()).isEqualTo(404);
			assertThat(handshake.statusCode()).isEqualTo(404);
			assertThat(delivery.body()).contains("\"code\":\"NOT_FOUND\"");
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					call-permissions.cache.ttl=-1s                   | call-permissions.cache.ttl: must be 0s (off) or positive
					call-permissions.cache.max-size=0                | call-permissions.cache.max-size: must be positive
					call-permissions.cache.client-refresh-share=0    | call-permissions.cache.client-refresh-share: must be more than 0 and at most 1
					call-permissions.cache.client-refresh-share=1.5  | call-permissions.cache.client-refresh-share: must be more than 0 and at most 1
					call-permissions.cache.client-refresh-share=NaN  | call-permissions.cache.client-refresh-share: must be more than 0 and at most 1
					call-permissions.security.api-keys.crm=          | call-permissions.security.api-keys.crm: is empty
					call-permissions.webhooks.meta.app-secrets.main= | call-permissions.webhooks.meta.app-secrets.main: is empty
					call-permissions.accounts.meta-main.timeout=0s   | call-permissions.accounts.meta-main.timeout: must be a positive duration, e.g. 3s
					call-permissions.accounts.meta-main.requests-per-second=0 | call-permissions.accounts.meta-main.requests-per-second: must be a positive number
					""")
	void refusesASimpleSettingOutOfItsRangeNamingTheKey(String setting, String line, CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--call-permissions.security.api-keys.other=other-key",
				"--call-permissions.webhooks.meta.verify-token=verify-token-value",
				"--call-permissions.webhooks.meta.app-secrets.base=base-secret-value", "--" + setting));
		assertThat(output).contains("Invalid configuration: " + line + System.lineSeparator())
			.doesNotContain("\tat ")
			.doesNotContain("other-key")
			.doesNotContain("verify-token-value")
			.doesNotContain("base-secret-value");
	}

	@Test
	void startsWithSecurityOffByExplicitChoice() {
		start("--call-permissions.security.enabled=false").close();
	}

	private static org.springframework.context.ConfigurableApplicationContext start(String... args) {
		SpringApplication application = new SpringApplication(CallPermissionsApplication.class);
		application.setDefaultProperties(java.util.Map.of("server.port", "0"));
		return application.run(args);
	}

}
