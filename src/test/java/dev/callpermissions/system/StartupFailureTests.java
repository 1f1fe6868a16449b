package dev.callpermissions.system;

import dev.callpermissions.CallPermissionsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

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
			.doesNotContain("verify-token-value");
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
