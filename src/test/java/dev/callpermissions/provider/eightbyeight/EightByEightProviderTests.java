package dev.callpermissions.provider.eightbyeight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.permission.PermissionStatus;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.Channel;
import dev.callpermissions.provider.ProviderException.VendorError;
import dev.callpermissions.provider.ProviderException;
import dev.callpermissions.provider.ProviderFailure;
import dev.callpermissions.provider.TestAccount;
import dev.callpermissions.provider.VendorClientFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.callpermissions.provider.VendorFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EightByEightProviderTests {

	@RegisterExtension
	static WireMockExtension vendor = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	private static final Channel CHANNEL = new Channel("+6560000001", "eightbyeight-sg");

	private static final PhoneNumber USER = PhoneNumber.parse("+6591230001");

	private final VendorClientFactory clients = new VendorClientFactory(RestClient.builder(), new ObjectMapper(),
			Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC),
			new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

	private final EightByEightVendor vendorDescriptor = new EightByEightVendor(this.clients);

	@AfterEach
	void closeClients() throws Exception {
		this.clients.destroy();
	}

	@Test
	void asksForTheDestinationWithAPercentEncodedPlusAndTheBearerApiKey() {
		vendor.stubFor(get(anyUrl()).willReturn(okJson(text("8x8/temporary.json"))));
		provider().lookup(CHANNEL, USER);
		vendor.verify(getRequestedFor(urlEqualTo(
				"/api/v1/whatsapp/subaccounts/acme_wa/channels/a1b2c3/callPermissions?destination=%2B6591230001"))
			.withHeader("Authorization", equalTo("Bearer 8x8-api-key")));
	}

	@Test
	void usesTheBaseUrlOverTheRegionsHost() {
		vendor.stubFor(get(anyUrl()).willReturn(okJson(text("8x8/temporary.json"))));
		TestAccount.eightByEight()
			.region("eu")
			.baseUrl(vendor.baseUrl())
			.channel(CHANNEL, "channel-id", "a1b2c3")
			.provider(this.vendorDescriptor, "eightbyeight-eu")
			.lookup(CHANNEL, USER);
		vendor.verify(1, getRequestedFor(anyUrl()));
	}

	@Test
	void mapsTheAnswer() {
		vendor.stubFor(get(anyUrl()).willReturn(okJson(text("8x8/temporary-with-start-call.json"))));
		var answer = provider().lookup(CHANNEL, USER);
		assertThat(answer.permission().status()).isEqualTo(PermissionStatus.TEMPORARY);
		assertThat(answer.actions()).hasSize(2);
	}

	@ParameterizedTest(name = "HTTP {0} {1} -> {2}")
	@CsvSource({ "400, 8x8/error-invalid-msisdn.json, INVALID_PHONE_NUMBER, 1002",
			"400, 8x8/error-illegal-sub-account.json, REJECTED, 1001",
			"401, 8x8/error-illegal-sub-account.json, REJECTED, 1001",
			"401, 8x8/error-unauthorized.json, AUTH_FAILED, 1200",
			"400, 8x8/error-unauthorized.json, AUTH_FAILED, 1200", "500, 8x8/error-internal.json, ERROR, 2000",
			"200, 8x8/error-internal.json, ERROR, " })
	void mapsErrorsOnTheVendorCodeFirst(int status, String fixture, ProviderFailure expected, String code) {
		vendor.stubFor(get(anyUrl()).willReturn(
				aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(text(fixture))));
		ProviderException failure = lookupFailure();
		assertThat(failure.getFailure()).isEqualTo(expected);
		assertThat(failure.getVendorError().code()).isEqualTo(code);
	}

	@Test
	void keepsTheErrorIdAsTheReference() {
		vendor.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody(text("8x8/error-invalid-msisdn.json"))));
		assertThat(lookupFailure().getVendorError()).isEqualTo(new VendorError(400, "1002",
				"Invalid MSISDN format (not E.164 international number)", "b4478860-b76c-e811-814e-022a35cc1c71"));
	}

	@Test
	void mapsAnUnauthorizedWithoutBodyToAuthFailed() {
		vendor.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401)));
		assertThat(lookupFailure().getFailure()).isEqualTo(ProviderFailure.AUTH_FAILED);
	}

	@Test
	void passesOnTheThrottlesRetryAfter() {
		vendor.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")));
		ProviderException failure = lookupFailure();
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.RATE_LIMITED);
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(12));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "502|<html>Bad gateway</html>", "200|{\"actions\":[]}", "200|not json" })
	void reportsFailedOrUnreadableAnswersAsProviderErrors(int status, String body) {
		vendor.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(status).withBody(body)));
		assertThat(lookupFailure().getFailure()).isEqualTo(ProviderFailure.ERROR);
	}

	@Test
	void reportsAnUnreadableExpiryAsAProviderErrorNotWorthRetrying() {
		vendor.stubFor(get(anyUrl()).willReturn(okJson("{\"status\":\"temporary\",\"expirationTime\":\"soon\"}")));
		ProviderException failure = lookupFailure();
		assertThat(failure.errorCode()).isEqualTo(dev.callpermissions.system.ErrorCode.PROVIDER_ERROR);
		assertThat(failure.getFailure().isTransient()).isFalse();
		assertThat(failure.getVendorError().message()).isEqualTo("unreadable timestamp");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"status\":\"permanent\",\"actions\":[{\"actionName\":\"start_call\",\"canPerformAction\":\"maybe\"}]}",
			"{\"status\":\"permanent\",\"actions\":[{\"actionName\":\"start_call\",\"canPerformAction\":true,"
					+ "\"limits\":[{\"timePeriod\":\"PT24H\",\"maxAllowed\":99999999999,\"currentUsage\":0}]}]}" })
	void reportsAValueOfTheWrongTypeOrSizeAsAProviderErrorNotWorthRetrying(String body) {
		vendor.stubFor(get(anyUrl()).willReturn(okJson(body)));
		ProviderException failure = lookupFailure();
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.UNUSABLE_ANSWER);
		assertThat(failure.getVendorError().message()).isEqualTo("unreadable value");
	}

	@Test
	void neverShowsTheApiKeyOfItsSettingsInToString() {
		EightByEightAccountSettings settings = TestAccount.eightByEight()
			.apiKey("secret-api-key")
			.settings()
			.bind(EightByEightAccountSettings.class);
		assertThat(settings.apiKey()).isEqualTo("secret-api-key");
		assertThat(settings.toString()).doesNotContain("secret-api-key").contains("apiKey=******");
	}

	private CallPermissionProvider provider() {
		return TestAccount.eightByEight()
			.baseUrl(vendor.baseUrl())
			.channel(CHANNEL, "channel-id", "a1b2c3")
			.provider(this.vendorDescriptor, "eightbyeight-sg");
	}

	private ProviderException lookupFailure() {
		return catchThrowableOfType(ProviderException.class, () -> provider().lookup(CHANNEL, USER));
	}

}
