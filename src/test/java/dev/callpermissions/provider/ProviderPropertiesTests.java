package dev.callpermissions.provider;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callpermissions.system.InvalidConfigurationException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class)
		.withPropertyValues("call-permissions.accounts.meta-main.provider=meta",
				"call-permissions.accounts.meta-main.access-token=token",
				"call-permissions.channels[0].business-number=+14155550100",
				"call-permissions.channels[0].account=meta-main",
				"call-permissions.channels[0].phone-number-id=106540352242922");

	@Test
	void bindsAValidConfigurationWithDefaults() {
		this.runner.run((context) -> {
			Account account = context.getBean(ProviderProperties.class).accounts().get("meta-main");
			Vendor vendor = context.getBean(Vendors.class).of(account);
			assertThat(vendor.id()).isEqualTo("meta");
			assertThat(account.timeout()).isEqualTo(Duration.ofSeconds(3));
			assertThat(account.requestsPerSecond()).isEqualTo(100);
			assertThat(vendor.baseUrl(account)).isEqualTo(URI.create("https://graph.facebook.com"));
		});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', value = {
			"call-permissions.accounts.meta-main.access-token||call-permissions.accounts.meta-main.access-token: is required",
			"call-permissions.accounts.meta-main.region|eu|call-permissions.accounts.meta-main.region: is not used by meta",
			"call-permissions.accounts.meta-main.base-url|graph.example|call-permissions.accounts.meta-main.base-url: must be an absolute http(s) URL",
			"call-permissions.channels[0].account|meta-other|call-permissions.channels[0].account: no account named 'meta-other' is configured",
			"call-permissions.channels[0].phone-number-id||call-permissions.channels[0].phone-number-id: is required",
			"call-permissions.channels[0].business-number|+1415|call-permissions.channels[0].business-number: not a possible E.164 number",
			"call-permissions.channels[1].business-number|14155550100|call-permissions.channels[1].business-number: +14155550100 is configured on more than one channel" })
	void refusesConfigurationThatCannotWorkNamingTheKey(String key, String value, String message) {
		this.runner
			.withPropertyValues(key + "=" + ((value != null) ? value : ""),
					"call-permissions.channels[1].account=meta-main",
					"call-permissions.channels[1].phone-number-id=106540352242923",
					key.startsWith("call-permissions.channels[1]") ? "call-permissions.channels[1].account=meta-main"
							: "call-permissions.channels[1].business-number=+14155550101")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationException.class)
				.message()
				.startsWith(message));
	}

	@Test
	void refusesAnUnknownProviderNamingEveryVendorPresent() {
		this.runner.withPropertyValues("call-permissions.accounts.meta-main.provider=whatsapp")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationException.class)
				.message()
				// a vendor added later joins the list without editing this test
				.startsWith("call-permissions.accounts.meta-main.provider: must be one of meta, chakra, 8x8, kaleyra")
				.endsWith(" (was 'whatsapp')"));
	}

	@Test
	void requiresAnApiKeyAndSubAccountFor8x8AndAChannelId() {
		this.runner.withPropertyValues("call-permissions.accounts.sg.provider=8x8",
				"call-permissions.accounts.sg.api-key=k", "call-permissions.accounts.sg.sub-account-id=acme_wa",
				"call-permissions.channels[1].business-number=+6560000001", "call-permissions.channels[1].account=sg")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("call-permissions.channels[1].channel-id: is required"));
	}

	@Test
	void bindsAVendorsOwnSettingsFromEnvironmentVariables() {
		this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
					Map.of("CALLPERMISSIONS_ACCOUNTS_IN_PROVIDER", "kaleyra", "CALLPERMISSIONS_ACCOUNTS_IN_APIKEY", "k",
							"CALLPERMISSIONS_ACCOUNTS_IN_SID", "HXAP16XXXXXX97IN"))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ProviderProperties.class).accounts().get("in").provider())
					.isEqualTo("kaleyra");
			});
	}

	@Test
	void requiresASidForKaleyraAndKnowsItsPods() {
		this.runner
			.withPropertyValues("call-permissions.accounts.in.provider=kaleyra",
					"call-permissions.accounts.in.api-key=k", "call-permissions.accounts.in.region=mars")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("call-permissions.accounts.in.sid: is required"));
		this.runner
			.withPropertyValues("call-permissions.accounts.in.provider=kaleyra",
					"call-permissions.accounts.in.api-key=k", "call-permissions.accounts.in.sid=HXAP16XXXXXX97IN",
					"call-permissions.accounts.in.region=mars")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("call-permissions.accounts.in.region: must be one of eu, in, na, sg (was 'mars')"));
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "8x8, , https://chatapps.8x8.com", "8x8, asia, https://chatapps.8x8.com",
			"8x8, eu, https://chatapps.8x8.uk", "8x8, us, https://chatapps.us.8x8.com",
			"8x8, id, https://chatapps.8x8.id", "kaleyra, , https://api.in.kaleyra.io",
			"kaleyra, in, https://api.in.kaleyra.io", "kaleyra, sg, https://api.ap.kaleyra.io",
			"kaleyra, eu, https://api.eu.kaleyra.io", "kaleyra, na, https://api.na.kaleyra.io",
			"chakra, , https://api.chakrahq.com", "meta, , https://graph.facebook.com" })
	void resolvesEachProvidersDefaultHostByRegion(String provider, String region, String baseUrl) {
		Account account = TestAccount.of(provider).region(region).build();
		this.runner.run((context) -> assertThat(context.getBean(Vendors.class).of(account).baseUrl(account))
			.isEqualTo(URI.create(baseUrl)));
	}

	@Test
	void letsBaseUrlOverrideTheRegion() {
		Account account = TestAccount.eightByEight().region("eu").baseUrl("http://127.0.0.1:9").build();
		this.runner.run((context) -> assertThat(context.getBean(Vendors.class).of(account).baseUrl(account))
			.isEqualTo(URI.create("http://127.0.0.1:9")));
	}

	@Test
	void neverShowsSecretsInToString() {
		this.runner.withPropertyValues("call-permissions.accounts.meta-main.access-token=EAAG-secret-token")
			.run((context) -> {
				Account account = context.getBean(ProviderProperties.class).accounts().get("meta-main");
				assertThat(account + " " + context.getBean(ProviderProperties.class) + " "
						+ context.getBean(Vendors.class).accountSettings("meta-main"))
					.doesNotContain("EAAG-secret-token");
			});
	}

	/** The properties and every vendor present, as the application checks them. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ProviderProperties.class)
	@ComponentScan(basePackageClasses = Vendor.class, useDefaultFilters = false,
			includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = Vendor.class))
	@Import({ Vendors.class, VendorClientFactory.class })
	static class PropertiesConfiguration {

		@Bean
		RestClient.Builder restClientBuilder() {
			return RestClient.builder();
		}

		@Bean
		ObjectMapper objectMapper() {
			return new ObjectMapper();
		}

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
