package dev.callpermissions.provider;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.callpermissions.HttpExchange.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a client gets when the vendor misbehaves: each fault injected by WireMock on its
 * own account (so one account's breaker never trips another's test), asserted as the
 * status, code and headers the client sees and the requests the vendor received.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "call-permissions.cache.ttl=0s",
				// breakers that would otherwise open while the fault tests pile up
				// failures
				"resilience4j.circuitbreaker.instances.faulty.minimum-number-of-calls=1000",
				"resilience4j.circuitbreaker.instances.throttled.minimum-number-of-calls=1000",
				// a breaker small and quick enough to watch open and recover
				"resilience4j.circuitbreaker.instances.bursty.sliding-window-size=4",
				"resilience4j.circuitbreaker.instances.bursty.minimum-number-of-calls=4",
				"resilience4j.circuitbreaker.instances.bursty.wait-duration-in-open-state=2s",
				"resilience4j.circuitbreaker.instances.bursty.permitted-number-of-calls-in-half-open-state=1",
				"resilience4j.bulkhead.instances.narrow.max-concurrent-calls=1",
				// as small, for a vendor that only throttles
				"resilience4j.circuitbreaker.instances.busy.sliding-window-size=4",
				"resilience4j.circuitbreaker.instances.busy.minimum-number-of-calls=4" })
class ResilienceTests {

	@RegisterExtension
	static WireMockExtension vendor = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	private static final List<String> ACCOUNTS = List.of("faulty", "bursty", "throttled", "limited", "narrow",
			"refreshing", "busy");

	private static final String KALEYRA_SID = "HXAP16XXXXXX97IN";

	private static final String KALEYRA_PATH = "/v2/" + KALEYRA_SID + "/whatsapp/call_permissions";

	private static final String ANSWER = """
			{"messaging_product":"whatsapp","permission":{"status":"permanent"},
			 "actions":[{"action_name":"start_call","can_perform_action":true,"limits":[]}]}
			""";

	private static final String SERVER_ERROR = """
			{"error":{"message":"An unexpected error has occurred.","type":"OAuthException","code":2,
			 "fbtrace_id":"A1b2C3"}}""";

	@LocalServerPort
	int port;

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		for (int i = 0; i < ACCOUNTS.size(); i++) {
			String account = ACCOUNTS.get(i);
			registry.add("call-permissions.accounts." + account + ".provider", () -> "meta");
			registry.add("call-permissions.accounts." + account + ".access-token", () -> "token-" + account);
			registry.add("call-permissions.accounts." + account + ".base-url", vendor::baseUrl);
			registry.add("call-permissions.channels[" + i + "].business-number", () -> businessNumber(account));
			registry.add("call-permissions.channels[" + i + "].account", () -> account);
			registry.add("call-permissions.channels[" + i + "].phone-number-id", () -> phoneNumberId(account));
		}
		registry.add("call-permissions.accounts.faulty.timeout", () -> "500ms");
		registry.add("call-permissions.accounts.narrow.timeout", () -> "3s");
		registry.add("call-permissions.accounts.narrow.requests-per-second", () -> "2");
		registry.add("call-permissions.accounts.limited.requests-per-second", () -> "2");
		// a refresh budget of one a second, were there a cache to refresh
		registry.add("call-permissions.accounts.refreshing.requests-per-second", () -> "2");
		registry.add("call-permissions.accounts.kaleyra-limited.provider", () -> "kaleyra");
		registry.add("call-permissions.accounts.kaleyra-limited.sid", () -> KALEYRA_SID);
		registry.add("call-permissions.accounts.kaleyra-limited.api-key", () -> "kaleyra-key");
		registry.add("call-permissions.accounts.kaleyra-limited.base-url", vendor::baseUrl);
		registry.add("call-permissions.accounts.kaleyra-limited.requests-per-second", () -> "1");
		registry.add("call-permissions.channels[" + ACCOUNTS.size() + "].business-number", () -> "+912012345472");
		registry.add("call-permissions.channels[" + ACCOUNTS.size() + "].account", () -> "kaleyra-limited");
		registry.add("call-permissions.security.api-keys.crm", () -> "key");
	}

	@BeforeEach
	void resetVendor() {
		vendor.resetAll();
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
			"RANDOM_DATA_THEN_CLOSE" })
	void aBrokenConnectionIsTriedThreeTimesThenAnswered503WithRetryAfter(Fault fault) {
		stub("faulty", aResponse().withFault(fault));

		HttpResponse<String> response = lookup("faulty");

		assertProblem(response, 503, "PROVIDER_UNAVAILABLE");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(requestsTo("faulty")).isEqualTo(3);
	}

	@Test
	void aVendorSlowerThanTheTimeoutCostsTheClientNoMoreThanTheDeadline() {
		stub("faulty", okJson(ANSWER).withFixedDelay(3000));

		long started = System.nanoTime();
		HttpResponse<String> response = lookup("faulty");
		Duration waited = Duration.ofNanos(System.nanoTime() - started);

		assertProblem(response, 504, "PROVIDER_TIMEOUT");
		// the deadline is twice the 500 ms timeout, retries included
		assertThat(waited).isLessThan(Duration.ofMillis(1800));
		assertThat(requestsTo("faulty")).isBetween(1, 2);
	}

	@Test
	void aVendorFailingOnceIsRetriedAndTheClientSeesTheAnswer() {
		vendor.stubFor(get(urlPathEqualTo(path("throttled"))).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500).withBody(SERVER_ERROR))
			.willSetStateTo("recovered"));
		vendor.stubFor(get(urlPathEqualTo(path("throttled"))).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(ANSWER)));

		HttpResponse<String> response = lookup("throttled");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).get("canCall").asBoolean()).isTrue();
		assertThat(requestsTo("throttled")).isEqualTo(2);
	}

	@Test
	void aShortRetryAfterIsWaitedOutAndRetried() {
		vendor.stubFor(get(urlPathEqualTo(path("throttled"))).inScenario("throttled")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody(rateLimitError()))
			.willSetStateTo("open"));
		vendor.stubFor(get(urlPathEqualTo(path("throttled"))).inScenario("throttled")
			.whenScenarioStateIs("open")
			.willReturn(okJson(ANSWER)));

		HttpResponse<String> response = lookup("throttled");

		assertThat(response.statusCode()).isEqualTo(200);
		List<ServeEvent> requests = vendor.getAllServeEvents();
		assertThat(requests).hasSize(2);
		Duration gap = Duration.between(requests.get(1).getRequest().getLoggedDate().toInstant(),
				requests.get(0).getRequest().getLoggedDate().toInstant());
		assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(900));
	}

	@Test
	void aVendorThatThrottlesNeverOpensTheBreaker() {
		stub("busy", aResponse().withStatus(429).withBody(rateLimitError()));
		assertProblem(lookup("busy"), 429, "RATE_LIMITED");
		assertProblem(lookup("busy"), 429, "RATE_LIMITED");
		assertThat(requestsTo("busy")).as("each throttle waited out and tried again").isEqualTo(6);
		assertThat(this.circuitBreakers.circuitBreaker("busy").getMetrics().getNumberOfBufferedCalls())
			.as("throttles count neither as failures nor as successes")
			.isZero();
		stub("busy", okJson(ANSWER));

		HttpResponse<String> response = lookup("busy");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void aLongRetryAfterIsPassedToTheClientWithoutRetrying() {
		stub("throttled", aResponse().withStatus(429).withHeader("Retry-After", "30").withBody(rateLimitError()));

		HttpResponse<String> response = lookup("throttled");

		assertProblem(response, 429, "RATE_LIMITED");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(requestsTo("throttled")).isEqualTo(1);
	}

	@Test
	void aVendorErrorThatIsNotTransientIsNeverRetried() {
		stub("throttled", aResponse().withStatus(401).withBody("""
				{"error":{"message":"Error validating access token","type":"OAuthException","code":190,
				 "fbtrace_id":"Az9"}}"""));

		HttpResponse<String> response = lookup("throttled");

		assertProblem(response, 502, "PROVIDER_AUTH_FAILED");
		assertThat(requestsTo("throttled")).isEqualTo(1);
	}

	@Test
	void fiveHundredsOpenTheBreakerWhichAnswersAtOnceThenRecoversAfterTheWait() {
		stub("bursty", aResponse().withStatus(500).withBody(SERVER_ERROR));

		assertProblem(lookup("bursty"), 502, "PROVIDER_ERROR");
		// the fourth failure fills the window and opens the breaker: the retry stops
		// there
		HttpResponse<String> opening = lookup("bursty");
		assertProblem(opening, 503, "PROVIDER_UNAVAILABLE");
		assertThat(requestsTo("bursty")).isEqualTo(4);

		HttpResponse<String> whileOpen = lookup("bursty");
		assertProblem(whileOpen, 503, "PROVIDER_UNAVAILABLE");
		assertThat(whileOpen.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2));
		assertThat(json(whileOpen).get("detail").asText())
			.isEqualTo("Provider meta (account bursty) has been failing; lookups are paused while it recovers.");
		assertThat(requestsTo("bursty")).isEqualTo(4);
		assertThat(breakerState("bursty")).isEqualTo("OPEN");
		assertThat(dev.callpermissions.HttpExchange.get(this.port, "/actuator/health/readiness").statusCode())
			.isEqualTo(200);

		stub("bursty", okJson(ANSWER));
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> lookup("bursty").statusCode() == 200);
		assertThat(breakerState("bursty")).isEqualTo("CLOSED");
	}

	@Test
	void theAccountsRequestsPerSecondAreEnforcedWith429AndRetryAfter() {
		stub("limited", okJson(ANSWER));

		List<HttpResponse<String>> responses = java.util.stream.IntStream.range(0, 10)
			.mapToObj((i) -> lookup("limited"))
			.toList();

		List<HttpResponse<String>> answered = responses.stream().filter((r) -> r.statusCode() == 200).toList();
		List<HttpResponse<String>> refused = responses.stream().filter((r) -> r.statusCode() != 200).toList();
		// ten quick lookups span at most two one-second periods of two requests each
		assertThat(answered).hasSizeBetween(2, 4);
		assertThat(refused).allSatisfy((response) -> {
			assertProblem(response, 429, "RATE_LIMITED");
			assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(json(response).get("detail").asText()).isEqualTo(
					"Provider meta (account limited) is asked more often than its configured requests-per-second.");
		});
		assertThat(requestsTo("limited")).isEqualTo(answered.size());
	}

	@Test
	void aFullBulkheadAnswers503AtOnce() throws Exception {
		stub("narrow", okJson(ANSWER).withFixedDelay(1500));

		CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> lookup("narrow"));
		await().atMost(Duration.ofSeconds(2)).until(() -> requestsTo("narrow") == 1);
		HttpResponse<String> second = lookup("narrow");
		// refused by the bulkhead before they could spend the account's two a second
		List<Integer> more = IntStream.range(0, 4).mapToObj((i) -> lookup("narrow").statusCode()).toList();

		assertProblem(second, 503, "PROVIDER_UNAVAILABLE");
		assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(json(second).get("detail").asText())
			.isEqualTo("Provider meta (account narrow) has too many lookups in flight.");
		assertThat(more).containsOnly(503);
		assertThat(first.get().statusCode()).isEqualTo(200);
		assertThat(requestsTo("narrow")).isEqualTo(1);
	}

	@Test
	void eachKaleyraRequestOfABatchSpendsOneOfTheAccountsRequestsPerSecond() {
		vendor.stubFor(get(urlPathEqualTo(KALEYRA_PATH)).willReturn(okJson("""
				{"code":"WA200","message":"Request Processed Successfully","data":[],"error":{},"limit":100,
				 "offset":0,"total":0}""").withFixedDelay(200)));
		String lookups = IntStream.range(0, 100)
			.mapToObj((i) -> "{\"businessNumber\":\"+912012345472\",\"userNumber\":\"+9198123" + (45600 + i) + "\"}")
			.collect(Collectors.joining(","));

		HttpResponse<String> response = dev.callpermissions.HttpExchange.post(this.port, "/call-permissions/batch",
				"{\"lookups\":[" + lookups + "]}", "Content-Type", "application/json", "X-API-Key", "key");

		// 100 users take two Kaleyra requests of 50; the account allows one a second
		JsonNode results = json(response).get("results");
		List<String> codes = IntStream.range(0, 100)
			.mapToObj((i) -> results.get(i).at("/error/code").asText("ok"))
			.distinct()
			.sorted()
			.toList();
		assertThat(codes).containsExactly("RATE_LIMITED", "ok");
		assertThat(vendor.findAll(getRequestedFor(urlPathEqualTo(KALEYRA_PATH)))).hasSize(1);
		IntStream.range(0, 100)
			.mapToObj((i) -> results.get(i).get("error"))
			.filter((error) -> error != null)
			.forEach((error) -> assertThat(error.get("retryAfter").asInt())
				.as("the Retry-After a single lookup would get as a header")
				.isEqualTo(1));
	}

	@Test
	void withoutACacheNoCacheLookupsSpendNoRefreshBudget() {
		stub("refreshing", okJson(ANSWER));

		List<Integer> statuses = IntStream.range(0, 2)
			.mapToObj((i) -> lookup("refreshing", "Cache-Control", "no-cache").statusCode())
			.toList();

		assertThat(statuses).containsExactly(200, 200);
		assertThat(requestsTo("refreshing")).isEqualTo(2);
	}

	private HttpResponse<String> lookup(String account, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "X-API-Key";
		all[1] = "key";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return dev.callpermissions.HttpExchange.get(this.port,
				"/call-permissions?businessNumber=" + businessNumber(account).substring(1) + "&userNumber=13057765456",
				all);
	}

	private String breakerState(String account) {
		JsonNode health = json(dev.callpermissions.HttpExchange.get(this.port, "/actuator/health", "X-API-Key", "key"));
		return health.at("/components/circuitBreakers/details/" + account + "/details/state").asText();
	}

	private static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json(response);
		assertThat(problem.get("code").asText()).isEqualTo(code);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(response.body()).doesNotContain("token-").doesNotContain("Exception");
	}

	private static void stub(String account,
			com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
		vendor.stubFor(get(urlPathEqualTo(path(account))).willReturn(response));
	}

	private static int requestsTo(String account) {
		return vendor.findAll(getRequestedFor(urlPathEqualTo(path(account)))).size();
	}

	private static String rateLimitError() {
		return """
				{"error":{"message":"(#4) Application request limit reached","type":"OAuthException","code":4,
				 "fbtrace_id":"Rl1"}}""";
	}

	private static String path(String account) {
		return "/v23.0/" + phoneNumberId(account) + "/call_permissions";
	}

	private static String phoneNumberId(String account) {
		return "10" + (ACCOUNTS.indexOf(account) + 1);
	}

	private static String businessNumber(String account) {
		return "+1415555010" + (ACCOUNTS.indexOf(account) + 1);
	}

}
