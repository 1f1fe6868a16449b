package dev.callpermissions.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The setting of {@link StartupCompilerPriority}, which the JVM's system properties
 * carry; what it does to threads is {@link StartupCompilerPriorityIT}'s.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupCompilerPriorityTests {

	@AfterEach
	void clearSetting() {
		System.clearProperty(StartupCompilerPriority.ENABLED);
	}

	@Test
	void aValueOtherThanTrueOrFalseStopsTheStartNamingTheKey() {
		System.setProperty(StartupCompilerPriority.ENABLED, "ture");
		MockEnvironment environment = new MockEnvironment();

		assertThatThrownBy(() -> new StartupCompilerPriority().onApplicationEvent(prepared(environment)))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("call-permissions.startup.defer-optimizing-compiler: must be true or false, not 'ture'");
	}

	@Test
	void aValueSetOnlyInTheConfigurationIsReportedAsUnused(CapturedOutput output) {
		MockEnvironment environment = new MockEnvironment().withProperty(StartupCompilerPriority.ENABLED, "false");

		new StartupCompilerPriority().onApplicationEvent(prepared(environment));

		assertThat(output).contains("call-permissions.startup.defer-optimizing-compiler is read before the "
				+ "configuration, from the JVM's system properties only (-D in JAVA_OPTS); its value elsewhere is not used");
	}

	@Test
	void theSameValueAsTheSystemPropertyIsNotReported(CapturedOutput output) {
		System.setProperty(StartupCompilerPriority.ENABLED, "false");
		MockEnvironment environment = new MockEnvironment().withProperty(StartupCompilerPriority.ENABLED, "False");

		new StartupCompilerPriority().onApplicationEvent(prepared(environment));

		assertThat(output).doesNotContain(StartupCompilerPriority.ENABLED);
	}

	private static ApplicationEnvironmentPreparedEvent prepared(MockEnvironment environment) {
		return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(),
				new String[0], environment);
	}

}
