package dev.callpermissions.provider.kaleyra;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.permission.Action;
import dev.callpermissions.permission.Permission;
import dev.callpermissions.permission.PermissionSource;
import dev.callpermissions.permission.PermissionStatus;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.Channel;
import dev.callpermissions.provider.ProviderAnswer;
import dev.callpermissions.provider.ProviderException;
import dev.callpermissions.provider.ProviderFailure;
import dev.callpermissions.provider.ProviderOutcome;
import dev.callpermissions.provider.TestAccount;
import dev.callpermissions.provider.TransientFailure;
import dev.callpermissions.provider.UserLookup;
import dev.callpermissions.provider.VendorClientFactory;
import dev.callpermissions.system.ErrorCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.callpermissions.provider.VendorFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KaleyraProviderTests {

	@RegisterExtension
	static WireMockExtension vendor = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	private static final String PATH = "/v2/HXAP16XXXXXX97IN/whatsapp/call_permissions";

	private static final Channel CHANNEL = new Channel("+912012345472", "kaleyra-in");

	private static final Channel OTHER_CHANNEL = new Channel("+912012345476", "kaleyra-in");

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final VendorClientFactory clients = new VendorClientFactory(RestClient.builder(), new ObjectMapper(),
			Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC),
			new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

	private final KaleyraVendor vendorDescriptor = new KaleyraVendor(this.clients, this.meterRegistry);

	@AfterEach
	void closeClients() throws Exception {
		this.clients.destroy();
	}

	@Test
	void asksWithTheSidInThePathTheApiKeyHeaderAndEncodedNumbers() {
		vendor.stubFor(get(anyUrl()).willReturn(okJson(text("kaleyra/accept-permanent.json"))));
		provider().lookup(CHANNEL, PhoneNumber.parse("+919812345695"));
		vendor.verify(getRequestedFor(urlEqualTo(PATH + "?business_phone_number=%2B912012345472"
				+ "&user_phone_number=%2B919812345695&limit=100&offset=0"))
			.withHeader("api-key", equalTo("kaleyra-api-key")));
	}

	@Test
	void picksTheRecordMatchingBothNumbers() {
		vendor.stubFor(get(anyUrl()).willReturn(okJson(page(0, 3, consent("+912012345476", "+919812345695", "reject"),
				consent("+912012345472", "+919812345601", "reject"),
				consent("+912012345472", "+919812345695", "accept")))));
		ProviderAnswer answer = provider().lookup(CHANNEL, PhoneNumber.parse("+919812345695"));
		assertThat(answer.permission().status()).isEqualTo(PermissionStatus.TEMPORARY);
		assertThat(answer.permission().providerStatus()).isEqualTo("accept");
	}

	@Test
	void answersNotGrantedWithoutAVendorStatusWhenKaleyraHasNoRecord() {
		vendor.stubFor(get(anyUrl()).willReturn(okJson(page(0, 0))));
		ProviderAnswer answer = provider().lookup(CHANNEL, PhoneNumber.parse("+919812345695"));
		assertThat(answer.permission().status()).isEqualTo(PermissionStatus.NOT_GRANTED);
		assertThat(answer.permission().providerStatus()).isNull();
		assertThat(answer.actions()).isEmpty();
	}

	@Test
	void asksForManyUsersOnManyNumbersInOneRequestWithCommaLists() {
		vendor.stubFor(get(anyUrl()).willReturn(okJson(page(0, 2, consent("+912012345472", "+919812345601", "accept"),
				consent("+912012345476", "+919812345602", "reject")))));
		List<ProviderAnswer> answers = answers(
				provider().lookupAll(List.of(new UserLookup(CHANNEL, PhoneNumber.parse("+919812345601")),
						new UserLookup(OTHER_CHANNEL, PhoneNumber.parse("+919812345602")),
						new UserLookup(CHANNEL, PhoneNumber.parse("+919812345603")))));
		vendor.verify(1, getRequestedFor(anyUrl()));
		vendor.verify(getRequestedFor(urlEqualTo(PATH + "?business_phone_number=%2B912012345472,%2B912012345476"
				+ "&user_phone_number=%2B919812345601,%2B919812345602,%2B919812345603&limit=100&offset=0")));
		assertThat(answers).extracting((answer) -> answer.permission().status())
			.containsExactly(PermissionStatus.TEMPORARY, PermissionStatus.NOT_GRANTED, PermissionStatus.NOT_GRANTED);
		assertThat(answers).extracting((answer) -> answer.permission().providerStatus())
			.containsExactly("accept", "reject", null);
	}

	@Test
	void readsFurtherPagesUntilTheTotal() {
		vendor.stubFor(get(urlEqualTo(PATH + "?business_phone_number=%2B912012345472"
				+ "&user_phone_number=%2B919812345601,%2B919812345602&limit=100&offset=0"))
			.willReturn(okJson(page(0, 2, consent("+912012345472", "+919812345601", "reject")))));
		vendor.stubFor(get(urlEqualTo(PATH + "?business_phone_number=%2B912012345472"
				+ "&user_phone_number=%2B919812345601,%2B919812345602&limit=100&offset=1"))
			.willReturn(okJson(page(1, 2, consent("+912012345472", "+919812345602", "accept")))));
		List<ProviderAnswer> answers = answers(
				provider().lookupAll(List.of(new UserLookup(CHANNEL, PhoneNumber.parse("+919812345601")),
						new UserLookup(CHANNEL, PhoneNumber.parse("+919812345602")))));
		vendor.verify(2, getRequestedFor(anyUrl()));
		assertThat(answers).extracting((answer) -> answer.permission().providerStatus())
			.containsExactly("reject", "accept");
	}

	@ParameterizedTest(name = "total {0}")
	@ValueSource(strings = { "absent", "the page's count" })
	void readsOnWhileAPageComesBackFullWhateverItsTotalSays(String total) {
		List<String> full = new ArrayList<>();
		full.add(consent("+912012345472", "+919812345695", "accept"));
		for (int i = 1; i < KaleyraProvider.PAGE_SIZE; i++) {
			full.add(consent("+912012345472", "+9198123" + (45700 + i), "accept"));
		}
		String totalField = "absent".equals(total) ? "" : ",\"total\":" + KaleyraProvider.PAGE_SIZE;
		vendor.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("offset", equalTo("0"))
			.willReturn(okJson("{\"code\":\"WA200\",\"data\":[" + String.join(",", full)
					+ "],\"error\":{},\"limit\":100,\"offset\":0" + totalField + "}")));
		vendor.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("offset", equalTo("100"))
			.willReturn(okJson("{\"code\":\"WA200\",\"data\":[" + consent("+912012345472", "+919812345695", "reject")
					+ "],\"error\":{},\"limit\":100,\"offset\":100" + ("absent".equals(total) ? "" : ",\"total\":1")
					+ "}")));

		ProviderAnswer answer = provider().lookup(CHANNEL, PhoneNumber.parse("+919812345695"));

		vendor.verify(2, getRequestedFor(anyUrl()));
		assertThat(answer.permission().providerStatus()).isEqualTo("reject");
	}

	@Test
	void answersFromTwentyFullPagesEndedByAnEmptyOne() {
		int records = (KaleyraProvider.MAX_PAGES - 1) * KaleyraProvider.PAGE_SIZE;
		for (int offset = 0; offset < records; offset += KaleyraProvider.PAGE_SIZE) {
			List<String> full = new ArrayList<>();
			for (int i = 0; i < KaleyraProvider.PAGE_SIZE; i++) {
				full.add(consent("+912012345472", "+919812345695", (offset + i == records - 1) ? "reject" : "accept"));
			}
			vendor.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("offset", equalTo(String.valueOf(offset)))
				.willReturn(okJson(page(offset, records, full.toArray(String[]::new)))));
		}
		vendor.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("offset", equalTo(String.valueOf(records)))
			.willReturn(okJson(page(records, records))));

		ProviderAnswer answer = provider().lookup(CHANNEL, PhoneNumber.parse("+919812345695"));

		vendor.verify(KaleyraProvider.MAX_PAGES, getRequestedFor(anyUrl()));
		assertThat(answer.permission().providerStatus()).isEqualTo("reject");
	}

	@Test
	void readsOnAfterAPageCutToTheLimitKaleyraSaysItUsed() {
		vendor.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("offset", equalTo("0"))
			.willReturn(okJson("{\"code\":\"WA200\",\"data\":[" + consent("+912012345472", "+919812345695", "accept")
					+ "," + consent("+912012345472", "+919812345696", "accept")
					+ "],\"error\":{},\"limit\":2,\"offset\":0,\"total\":2}")));
		vendor.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("offset", equalTo("2"))
			.willReturn(okJson("{\"code\":\"WA200\",\"data\":[" + consent("+912012345472", "+919812345695", "reject")
					+ "],\"error\":{},\"limit\":2,\"offset\":2,\"total\":1}")));

		ProviderAnswer answer = provider().lookup(CHANNEL, PhoneNumber.parse("+919812345695"));

		vendor.verify(2, getRequestedFor(anyUrl()));
		assertThat(answer.permission().providerStatus()).isEqualTo("reject");
	}

	@Test
	void splitsManyUsersIntoRequestsOfFifty() {
		vendor.stubFor(get(anyUrl()).willReturn(okJson(page(0, 0))));
		List<UserLookup> lookups = new ArrayList<>();
		IntStream.range(0, 60)
			.forEach((i) -> lookups.add(new UserLookup(CHANNEL, PhoneNumber.parse("+9198123456" + (10 + i)))));
		assertThat(provider().lookupAll(lookups)).hasSize(60);
		vendor.verify(2, getRequestedFor(anyUrl()));
	}

	@ParameterizedTest(name = "HTTP {0} {1} -> {2}")
	@CsvSource(delimiter = '|', value = {
			"401|{\"code\":\"RBC001\",\"message\":\"Incorrect SID or API key.\",\"data\":[],\"error\":{\"error\":\"Incorrect SID or API key.\"}}|AUTH_FAILED|RBC001",
			"200|{\"code\":\"RBC001\",\"message\":\"Incorrect SID or API key.\",\"data\":[],\"error\":{}}|AUTH_FAILED|RBC001",
			"403||AUTH_FAILED|", "400|{\"code\":\"WA400\",\"message\":\"Invalid number\",\"data\":[]}|REJECTED|WA400",
			"500|{\"code\":\"WA500\",\"message\":\"Internal Server Error\"}|ERROR|WA500",
			"200|{\"code\":\"WA500\",\"message\":\"Internal Server Error\",\"data\":[]}|ERROR|WA500",
			"502|<html>bad gateway</html>|ERROR|", "200|<html>maintenance</html>|ERROR|",
			"200|{\"code\":\"WA200\"}|ERROR|WA200" })
	void mapsErrors(int status, String body, ProviderFailure expected, String code) {
		vendor.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(status).withBody((body != null) ? body : "")));
		ProviderException failure = lookupFailure();
		assertThat(failure.getFailure()).isEqualTo(expected);
		assertThat(failure.getVendorError().code()).isEqualTo(code);
	}

	@Test
	void passesOnTheThrottlesRetryAfter() {
		vendor.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "9")));
		ProviderException failure = lookupFailure();
		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.RATE_LIMITED);
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(9));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "accept+permanent, then reject|true", "reject, then accept+permanent|false" })
	void answersTheMostRestrictiveOfDisagreeingRecordsWhateverTheirOrder(String order, boolean acceptFirst) {
		String accept = record("+912012345472", "+919812345695", true, "accept", true, "user_action",
				"2026-12-16T08:56:41Z");
		String reject = record("+912012345472", "+919812345695", false, "reject", false, "automatic", null);
		vendor.stubFor(get(anyUrl())
			.willReturn(okJson(acceptFirst ? page(0, 2, accept, reject) : page(0, 2, reject, accept))));

		ProviderAnswer answer = provider().lookup(CHANNEL, PhoneNumber.parse("+919812345695"));

		assertThat(answer.permission())
			.isEqualTo(new Permission(PermissionStatus.NOT_GRANTED, null, PermissionSource.AUTOMATIC, "reject"));
		assertThat(answer.actions()).containsExactly(new Action(Action.START_CALL, false, List.of()));
		assertThat(conflicts()).isEqualTo(1);
	}

	@Test
	void answersAnAcceptThatCannotCallOverAPermanentAcceptThatCan() {
		vendor.stubFor(get(anyUrl()).willReturn(
				okJson(page(0, 2, record("+912012345472", "+919812345695", true, "accept", true, "user_action", null),
						record("+912012345472", "+919812345695", false, "accept", false, "meta_api",
								"2026-11-27T10:00:00Z")))));

		ProviderAnswer answer = provider().lookup(CHANNEL, PhoneNumber.parse("+919812345695"));

		assertThat(answer.permission()).isEqualTo(new Permission(PermissionStatus.TEMPORARY,
				Instant.parse("2026-11-27T10:00:00Z"), PermissionSource.META_API, "accept"));
		assertThat(answer.actions()).containsExactly(new Action(Action.START_CALL, false, List.of()));
	}

	@Test
	void doesNotCountRecordsThatAgreeAsAConflict() {
		String accept = consent("+912012345472", "+919812345695", "accept");
		vendor.stubFor(get(anyUrl()).willReturn(okJson(page(0, 2, accept, accept))));
		assertThat(provider().lookup(CHANNEL, PhoneNumber.parse("+919812345695")).permission().status())
			.isEqualTo(PermissionStatus.TEMPORARY);
		assertThat(conflicts()).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"a bad timestamp|\"response\":\"accept\",\"is_permanent\":false,\"expiration_timestamp\":\"tomorrow\"",
			"a value of the wrong type|\"response\":\"accept\",\"is_permanent\":\"yes\"",
			"an object for a word|\"response\":{\"value\":\"accept\"}" })
	void failsOnlyThePairOfAnUnreadableRecordAndNeverAsTransient(String what, String fields) {
		vendor.stubFor(get(anyUrl()).willReturn(okJson(page(0, 2,
				"{\"business_phone_number\":\"+912012345472\",\"user_phone_number\":\"+919812345695\","
						+ "\"can_perform_action\":true," + fields + "}",
				consent("+912012345472", "+919812345601", "accept")))));

		List<ProviderOutcome> outcomes = provider()
			.lookupAll(List.of(new UserLookup(CHANNEL, PhoneNumber.parse("+919812345695")),
					new UserLookup(CHANNEL, PhoneNumber.parse("+919812345601")),
					new UserLookup(CHANNEL, PhoneNumber.parse("+919812345602"))));

		ProviderException failure = outcomes.get(0).failure();
		assertThat(failure).isNotNull();
		assertThat(failure.errorCode()).isEqualTo(ErrorCode.PROVIDER_ERROR);
		assertThat(failure.getFailure().isTransient()).isFalse();
		assertThat(failure.getVendorError().message()).isEqualTo("unreadable consent record");
		assertThat(new TransientFailure().test(failure)).isFalse();
		assertThat(outcomes.get(1).orThrow().permission().providerStatus()).isEqualTo("accept");
		assertThat(outcomes.get(2).orThrow().permission().status()).isEqualTo(PermissionStatus.NOT_GRANTED);
		vendor.verify(1, getRequestedFor(anyUrl()));
	}

	@Test
	void failsTheLookupsARecordMayConcernWhenItsUserCannotBeRead() {
		vendor.stubFor(get(anyUrl()).willReturn(okJson(page(0, 2, consent("+912012345472", "unknown", "reject"),
				consent("+912012345476", "+919812345601", "accept")))));

		List<ProviderOutcome> outcomes = provider()
			.lookupAll(List.of(new UserLookup(CHANNEL, PhoneNumber.parse("+919812345601")),
					new UserLookup(OTHER_CHANNEL, PhoneNumber.parse("+919812345601"))));

		assertThat(outcomes.get(0).failure().getFailure()).isEqualTo(ProviderFailure.UNUSABLE_ANSWER);
		assertThat(outcomes.get(1).orThrow().permission().status()).isEqualTo(PermissionStatus.TEMPORARY);
	}

	@Test
	void keepsAsRawOnlyTheAskedPairsRecordsInKaleyrasEnvelope() throws Exception {
		String mine = consent("+912012345472", "+919812345695", "accept");
		vendor.stubFor(get(anyUrl()).willReturn(okJson(page(0, 3, consent("+912012345472", "+919812345601", "reject"),
				mine, consent("+912012345476", "+919812345695", "reject")))));

		List<ProviderOutcome> outcomes = provider()
			.lookupAll(List.of(new UserLookup(CHANNEL, PhoneNumber.parse("+919812345695")),
					new UserLookup(CHANNEL, PhoneNumber.parse("+919812345602"))));

		ObjectMapper json = new ObjectMapper();
		assertThat(json.readTree(outcomes.get(0).orThrow().rawBody()))
			.isEqualTo(json.readTree("{\"code\":\"WA200\",\"message\":\"Request Processed Successfully\",\"data\":["
					+ mine + "],\"error\":{},\"limit\":100,\"offset\":0,\"total\":1}"));
		assertThat(json.readTree(outcomes.get(1).orThrow().rawBody()))
			.isEqualTo(json.readTree("{\"code\":\"WA200\",\"message\":\"Request Processed Successfully\","
					+ "\"data\":[],\"error\":{},\"limit\":100,\"offset\":0,\"total\":0}"));
	}

	@Test
	void failsRatherThanAnswerFromAListingCutShortOfItsTotal() {
		vendor.stubFor(get(anyUrl())
			.willReturn(okJson(page(0, 100_000, consent("+912012345472", "+919812345601", "accept")))));

		ProviderException failure = catchThrowableOfType(ProviderException.class,
				() -> provider().lookup(CHANNEL, PhoneNumber.parse("+919812345695")));

		assertThat(failure.getFailure()).isEqualTo(ProviderFailure.UNUSABLE_ANSWER);
		assertThat(failure.getVendorError().message()).isEqualTo("listing ended before its total");
		vendor.verify(KaleyraProvider.MAX_PAGES, getRequestedFor(anyUrl()));
	}

	private double conflicts() {
		return this.meterRegistry.get("call.permissions.conflicting.records")
			.tag("provider", "kaleyra")
			.counter()
			.count();
	}

	@Test
	void neverShowsTheApiKeyOfItsSettingsInToString() {
		KaleyraAccountSettings settings = TestAccount.kaleyra()
			.apiKey("secret-api-key")
			.settings()
			.bind(KaleyraAccountSettings.class);
		assertThat(settings.apiKey()).isEqualTo("secret-api-key");
		assertThat(settings.toString()).doesNotContain("secret-api-key").contains("apiKey=******");
	}

	private CallPermissionProvider provider() {
		return TestAccount.kaleyra()
			.baseUrl(vendor.baseUrl())
			.channel(CHANNEL)
			.channel(OTHER_CHANNEL)
			.provider(this.vendorDescriptor, "kaleyra-in");
	}

	private static List<ProviderAnswer> answers(List<ProviderOutcome> outcomes) {
		return outcomes.stream().map(ProviderOutcome::orThrow).toList();
	}

	private ProviderException lookupFailure() {
		return catchThrowableOfType(ProviderException.class,
				() -> provider().lookup(CHANNEL, PhoneNumber.parse("+919812345695")));
	}

	private static String page(int offset, int total, String... consents) {
		return "{\"code\":\"WA200\",\"message\":\"Request Processed Successfully\",\"data\":["
				+ String.join(",", consents) + "],\"error\":{},\"limit\":100,\"offset\":" + offset + ",\"total\":"
				+ total + "}";
	}

	private static String record(String business, String user, boolean canPerformAction, String response,
			boolean permanent, String source, String expiration) {
		return "{\"business_phone_number\":\"" + business + "\",\"user_phone_number\":\"" + user
				+ "\",\"can_perform_action\":" + canPerformAction + ",\"response\":\"" + response
				+ "\",\"is_permanent\":" + permanent + ",\"response_source\":\"" + source + "\""
				+ ((expiration != null) ? ",\"expiration_timestamp\":\"" + expiration + "\"" : "") + "}";
	}

	private static String consent(String business, String user, String response) {
		return "{\"business_phone_number\":\"" + business + "\",\"user_phone_number\":\"" + user
				+ "\",\"can_perform_action\":" + "accept".equals(response) + ",\"response\":\"" + response
				+ "\",\"is_permanent\":false,\"response_source\":\"user_action\","
				+ "\"expiration_timestamp\":\"2026-11-27T10:00:00Z\"}";
	}

}
