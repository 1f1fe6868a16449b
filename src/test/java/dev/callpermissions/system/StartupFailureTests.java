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
	void startsWithSecurityOffByExplicitChoice() {
		start("--call-permissions.security.enabled=false").close();
	}

	private static org.springframework.context.ConfigurableApplicationContext start(String... args) {
		SpringApplication application = new SpringApplication(CallPermissionsApplication.class);
		application.setDefaultProperties(java.util.Map.of("server.port", "0"));
		return application.run(args);
	}

}
