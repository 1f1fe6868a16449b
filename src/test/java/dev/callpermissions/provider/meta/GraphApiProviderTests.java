package dev.callpermissions.provider.meta;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.permission.Action;
import dev.callpermissions.permission.ActionLimit;
import dev.callpermissions.permission.Permission;
import dev.callpermissions.permission.PermissionStatus;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.phone.UserId;
import dev.callpermissions.phone.WhatsAppUser;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.Channel;
import dev.callpermissions.provider.ProviderAnswer;
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
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GraphApiProviderTests {

	@RegisterExtension
	static WireMockExtension vendor = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	private static final Channel CHANNEL = new Channel("+14155550100", "meta-main");

	private static final PhoneNumber USER = PhoneNumber.parse("+13057765456");

	private static final UserId USER_ID = UserId.parse("US.13491208655302741918");

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final VendorClientFactory clients = new VendorClientFactory(RestClient.builder(), new ObjectMapper(),
			Clock.fixed(NOW, ZoneOffset.UTC), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

	@AfterEach
	void closeClients() throws Exception {
		this.clients.destroy();
	}

	@Test
	void asksMetaForTheUsersDigitsWithTheBearerToken() {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(okJson(fixture("meta/permanent.json"))));
		meta().lookup(CHANNEL, USER);
		vendor.verify(getRequestedFor(urlPathEqualTo("/v23.0/106540352242922/call_permissions"))
			.withQueryParam("user_wa_id", equalTo("13057765456"))
			.withQueryParam("recipient", absent())
			.withHeader("Authorization", equalTo("Bearer meta-token")));
	}

	@Test
	void asksChakraOnItsPassThroughPathWithTheConfiguredApiVersion() {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(okJson(fixture("meta/permanent.json"))));
		provider("chakra", "v24.0", Duration.ofSeconds(3)).lookup(CHANNEL, USER);
		vendor.verify(getRequestedFor(urlPathEqualTo("/v1/whatsapp/v24.0/106540352242922/call_permissions"))
			.withQueryParam("user_wa_id", equalTo("13057765456"))
			.withHeader("Authorization", equalTo("Bearer chakra-token")));
	}

	@Test
	void asksForABusinessScopedUserAsRecipientOnly() {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(okJson(fixture("meta/permanent.json"))));
		meta().lookup(CHANNEL, USER_ID);
		vendor.verify(getRequestedFor(urlPathEqualTo("/v23.0/106540352242922/call_permissions"))
			.withQueryParam("recipient", equalTo("US.13491208655302741918"))
			.withQueryParam("user_wa_id", absent()));
	}

	@Test
	void mapsTheAnswerAndKeepsTheRawBody() {
		String body = fixture("meta/temporary-call-limit-reached.json");
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(okJson(body)));
		ProviderAnswer answer = meta().lookup(CHANNEL, USER);
		assertThat(answer.permission()).isEqualTo(
				new Permission(PermissionStatus.TEMPORARY, Instant.parse("2025-04-22T17:37:59Z"), null, "temporary"));
		assertThat(answer.actions()).containsExactly(
				new Action("send_call_permission_request", true, List.of(new ActionLimit("PT24H", 1, 0, null))),
				new Action("start_call", false,
						List.of(new ActionLimit("PT24H", 5, 5, Instant.parse("2025-04-25T23:10:00Z")))));
		assertThat(new String(answer.rawBody(), StandardCharsets.UTF_8)).isEqualTo(body);
	}

	@ParameterizedTest(name = "HTTP {0} with {1} -> {2}")
	@CsvSource({ "429, meta/error-rate-limit.json, RATE_LIMITED, 613",
			"401, meta/error-invalid-token.json, AUTH_FAILED, 190",
			"400, meta/error-invalid-token.json, AUTH_FAILED, 190",
			"401, meta/error-calling-not-enabled.json, REJECTED, 138000",
			"401, meta/error-no-approved-permission.json, REJECTED, 138006",
			"400, meta/error-sip-number.json, REJECTED, 131055",
			"400, meta/error-invalid-parameter.json, INVALID_PHONE_NUMBER, 100",
			"400, meta/error-unknown-phone-number-id.json, REJECTED, 100" })
	void mapsMetaErrorsOnTheVendorCodeFirst(int status, String fixture, ProviderFailure expected, String code) {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(json(status, fixture(fixture))));
		ProviderException failure = lookupFailure(meta(), USER);
		assertThat(failure.getFailure()).isEqualTo(expected);
		assertThat(failure.getVendorError().code()).isEqualTo(code);
		assertThat(failure.getVendorError().httpStatus()).isEqualTo(status);
		assertThat(failure.getVendorError().reference()).isEqualTo("A1b2C3d4E5f6");
		assertThat(failure.getProvider()).isEqualTo("meta");
		assertThat(failure.getAccount()).isEqualTo("meta-main");
	}

	@Test
	void reportsAnInvalidParameterOnARecipientLookupAsAnInvalidUserId() {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(json(400, fixture("meta/error-invalid-parameter.json"))));
		assertThat(lookupFailure(meta(), USER_ID).getFailure()).isEqualTo(ProviderFailure.INVALID_USER_ID);
	}

	@Test
	void keepsMetasMessageForTheCaller() {
		vendor
			.stubFor(get(urlPathMatching(".*")).willReturn(json(401, fixture("meta/error-calling-not-enabled.json"))));
		assertThat(lookupFailure(meta(), USER).getVendorError())
			.isEqualTo(new VendorError(401, "138000", "Calling is not enabled for this phone number", "A1b2C3d4E5f6"));
	}

	@Test
	void passesOnTheVendorsRetryAfter() {
		vendor.stubFor(get(urlPathMatching(".*"))
			.willReturn(json(429, fixture("meta/error-rate-limit.json")).withHeader("Retry-After", "7")));
		assertThat(lookupFailure(meta(), USER).retryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void readsAnHttpDateRetryAfter() {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(json(429, fixture("meta/error-rate-limit.json"))
			.withHeader("Retry-After", "Sun, 22 Nov 2026 10:00:30 GMT")));
		assertThat(lookupFailure(meta(), USER).retryAfter()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void waitsOneSecondOnARateLimitWithoutRetryAfter() {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(json(429, fixture("meta/error-rate-limit.json"))));
		assertThat(lookupFailure(meta(), USER).retryAfter()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void detectsChakrasMetaErrorInsideHttp200AndMapsItsCode() {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(okJson(fixture("chakra/meta-error-in-200.json"))));
		ProviderException failure = lookupFailure(chakra(), USER);
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.AUTH_FAILED);
		assertThat(failure.getVendorError())
			.isEqualTo(new VendorError(200, "190", "Error validating access token", "Chakra1234"));
	}

	@Test
	void reportsAnUnknownErrorInsideHttp200AsAProviderError() {
		vendor.stubFor(get(urlPathMatching(".*"))
			.willReturn(okJson("{\"error\":{\"message\":\"Something went wrong\",\"code\":131000}}")));
		assertThat(lookupFailure(chakra(), USER).getFailure()).isEqualTo(ProviderFailure.ERROR);
	}

	@ParameterizedTest(name = "Meta HTTP {0} with {1} = ChakraHQ HTTP 200 with it -> {2}")
	@CsvSource({ "400, chakra/meta-error-131030-in-200.json, REJECTED",
			"401, meta/error-calling-not-enabled.json, REJECTED",
			"401, meta/error-no-approved-permission.json, REJECTED", "400, meta/error-sip-number.json, REJECTED",
			"401, meta/error-invalid-token.json, AUTH_FAILED", "429, meta/error-rate-limit.json, RATE_LIMITED",
			"400, meta/error-invalid-parameter.json, INVALID_PHONE_NUMBER",
			"400, meta/error-unknown-phone-number-id.json, REJECTED" })
	void classifiesAMetaErrorInsideChakrasHttp200AsMetaSendingItWithItsOwnStatus(int metaStatus, String fixture,
			ProviderFailure expected) {
		vendor.stubFor(get(urlPathMatching("/v23.0/.*")).willReturn(json(metaStatus, fixture(fixture))));
		vendor.stubFor(get(urlPathMatching("/v1/whatsapp/.*")).willReturn(okJson(fixture(fixture))));

		ProviderException fromMeta = lookupFailure(meta(), USER);
		ProviderException fromChakra = lookupFailure(chakra(), USER);

		assertThat(fromMeta.getFailure()).isEqualTo(expected);
		assertThat(fromChakra.getFailure()).isEqualTo(expected);
		assertThat(fromChakra.getVendorError().httpStatus()).isEqualTo(200);
		assertThat(fromChakra.getVendorError().code()).isEqualTo(fromMeta.getVendorError().code());
	}

	@Test
	void reportsAnErrorCodeItDoesNotKnowInsideHttp200AsAProviderErrorNotWorthRetrying() {
		vendor.stubFor(get(urlPathMatching(".*"))
			.willReturn(okJson("{\"error\":{\"message\":\"Something new\",\"code\":139999,\"fbtrace_id\":\"X\"}}")));
		ProviderException failure = lookupFailure(chakra(), USER);
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.UNUSABLE_ANSWER);
		assertThat(failure.errorCode()).isEqualTo(dev.callpermissions.system.ErrorCode.PROVIDER_ERROR);
		assertThat(failure.getFailure().isTransient()).isFalse();
	}

	@Test
	void keepsChakrasOwnCanCall() {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(okJson(fixture("chakra/temporary-can-call-false.json"))));
		assertThat(chakra().lookup(CHANNEL, USER).callAllowed()).isFalse();
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(okJson(fixture("meta/permanent.json"))));
		assertThat(meta().lookup(CHANNEL, USER).callAllowed()).isNull();
	}

	@Test
	void mapsChakrasOwnUnauthorizedToAuthFailed() {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(json(401, fixture("chakra/unauthorized.json"))));
		ProviderException failure = lookupFailure(chakra(), USER);
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.AUTH_FAILED);
		assertThat(failure.getVendorError().message()).isEqualTo("Unauthorized");
	}

	@Test
	void mapsAChakraBadRequestToRejected() {
		vendor.stubFor(get(urlPathMatching(".*"))
			.willReturn(json(400, "{\"message\":\"whatsappPhoneNumberId is not connected\"}")));
		assertThat(lookupFailure(chakra(), USER).getFailure()).isEqualTo(ProviderFailure.REJECTED);
	}

	@ParameterizedTest(name = "HTTP {0} {1}")
	@CsvSource(delimiter = '|',
			value = { "500|<html><body>Internal Server Error</body></html>", "503|", "200|<html>maintenance</html>",
					"200|", "200|{}", "200|{\"permission\":{\"status\":\"temporary\"}} trailing", "200|null",
					"502|null" })
	void reportsFailedOrUnreadableAnswersAsProviderErrors(int status, String body) {
		vendor.stubFor(get(urlPathMatching(".*"))
			.willReturn(aResponse().withStatus(status).withBody((body != null) ? body : "")));
		ProviderException failure = lookupFailure(meta(), USER);
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.ERROR);
		assertThat(failure.getFailure().isTransient()).isTrue();
	}

	@Test
	void reportsAnUnreadableValueAsAProviderErrorNotWorthRetrying() {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(okJson(
				"{\"messaging_product\":\"whatsapp\",\"permission\":{\"status\":\"temporary\",\"expiration_time\":\"soon\"}}")));
		ProviderException failure = lookupFailure(meta(), USER);
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.UNUSABLE_ANSWER);
		assertThat(failure.getVendorError().message()).isEqualTo("unreadable value");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[1,2]", "{\"permission\":{\"status\":\"permanent\"},\"actions\":{}}",
			"{\"permission\":{\"status\":{}}}",
			"{\"permission\":{\"status\":\"temporary\",\"expiration_time\":99999999999999999999}}",
			"{\"permission\":{\"status\":\"permanent\"},\"actions\":[{\"action_name\":\"start_call\",\"can_perform_action\":true,\"limits\":[{\"time_period\":\"PT24H\",\"max_allowed\":99999999999,\"current_usage\":0}]}]}" })
	void reportsWellFormedJsonOfTheWrongShapeAsAProviderErrorNotWorthRetrying(String body) {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(okJson(body)));
		ProviderException failure = lookupFailure(meta(), USER);
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.UNUSABLE_ANSWER);
		assertThat(failure.getVendorError().message()).isEqualTo("unreadable value");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"permission\":{\"status\":\"temporary\",\"expiration_time\":99999999999999999}}",
			"{\"permission\":{\"status\":\"temporary\",\"expiration_time\":-1},\"actions\":[{\"action_name\":\"start_call\",\"can_perform_action\":true}]}",
			"{\"permission\":{\"status\":\"permanent\"},\"actions\":[{\"action_name\":\"start_call\",\"can_perform_action\":false,\"limits\":[{\"time_period\":\"PT24H\",\"max_allowed\":5,\"current_usage\":5,\"limit_expiration_time\":-60}]}]}" })
	void reportsATimeBeforeTheEpochOrBeyondTheLastInstantAsAProviderErrorNotWorthRetrying(String body) {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(okJson(body)));
		ProviderException failure = lookupFailure(meta(), USER);
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.UNUSABLE_ANSWER);
		assertThat(failure.getVendorError().message()).isEqualTo("unreadable timestamp");
	}

	@Test
	void refusesAnAnswerLargerThanOneMebibyte() {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(okJson("{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}")));
		assertThat(lookupFailure(meta(), USER).getFailure()).isEqualTo(ProviderFailure.ERROR);
	}

	@Test
	void timesOutAfterTheAccountsTimeout() {
		vendor.stubFor(
				get(urlPathMatching(".*")).willReturn(okJson(fixture("meta/permanent.json")).withFixedDelay(2_000)));
		long started = System.nanoTime();
		ProviderException failure = lookupFailure(provider("meta", "v23.0", Duration.ofMillis(300)), USER);
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.TIMEOUT);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
	}

	@Test
	void reportsAResetConnectionAsUnavailable() {
		vendor.stubFor(get(urlPathMatching(".*")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThat(lookupFailure(meta(), USER).getFailure()).isEqualTo(ProviderFailure.UNAVAILABLE);
	}

	@Test
	void reportsARefusedConnectionAsUnavailable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		CallPermissionProvider provider = TestAccount.meta()
			.baseUrl("http://127.0.0.1:" + closedPort)
			.timeout(Duration.ofSeconds(1))
			.channel(CHANNEL, "phone-number-id", "106540352242922")
			.provider(new MetaVendor(this.clients), "meta-main");
		ProviderException failure = lookupFailure(provider, USER);
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.UNAVAILABLE);
		assertThat(failure.getMessage()).doesNotContain("13057765456").doesNotContain("meta-token");
	}

	/** A meta account without an {@code api-version}: the default one. */
	@Test
	void neverShowsTheAccessTokenOfItsSettingsInToString() {
		GraphAccountSettings settings = TestAccount.meta()
			.accessToken("EAAG-secret-token")
			.settings()
			.bind(GraphAccountSettings.class);
		assertThat(settings.accessToken()).isEqualTo("EAAG-secret-token");
		assertThat(settings.toString()).doesNotContain("EAAG-secret-token").contains("accessToken=******");
	}

	private CallPermissionProvider meta() {
		return provider("meta", null, Duration.ofSeconds(3));
	}

	private CallPermissionProvider chakra() {
		return provider("chakra", "v23.0", Duration.ofSeconds(3));
	}

	private CallPermissionProvider provider(String type, String apiVersion, Duration timeout) {
		return TestAccount.graph(type)
			.apiVersion(apiVersion)
			.baseUrl(vendor.baseUrl())
			.timeout(timeout)
			.channel(CHANNEL, "phone-number-id", "106540352242922")
			.provider("chakra".equals(type) ? new ChakraVendor(this.clients) : new MetaVendor(this.clients),
					type + "-main");
	}

	private static ProviderException lookupFailure(CallPermissionProvider provider, WhatsAppUser user) {
		return catchThrowableOfType(ProviderException.class, () -> provider.lookup(CHANNEL, user));
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	static String fixture(String name) {
		try (var in = GraphApiProviderTests.class.getClassLoader().getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
