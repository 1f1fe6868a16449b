package dev.callpermissions.lookup;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.MutableClock;
import dev.callpermissions.TestVendorAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.callpermissions.HttpExchange.get;
import static dev.callpermissions.HttpExchange.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain lookup is answered before the filter chain, exactly as the chain would answer
 * it, from the answers held here or the vendor's; every other request goes through the
 * chain. A witness filter behind the shortcut counts the requests that reached the chain.
 */
@Import(ChainWitness.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "call-permissions.cache.ttl=30s")
class PlainLookupFilterTests {

	@RegisterExtension
	static WireMockExtension meta = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	private static final String VENDOR_PATH = "/v23.0/106540352242922/call_permissions";

	private static final String USER = "13057765401";

	private static final String LOOKUP = "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B" + USER;

	private static final String KEY = "key";

	private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestVendorAccounts.in(registry)
			.graphAccount("meta-main", "meta", "token", meta::baseUrl)
			.graphChannel("+14155550100", "meta-main", "106540352242922")
			.apiKey("crm", KEY);
	}

	@BeforeEach
	void holdAnAnswer() throws InterruptedException {
		meta.stubFor(get(urlPathEqualTo(VENDOR_PATH)).willReturn(okJson("""
				{"permission":{"status":"permanent"},"actions":[
				 {"action_name":"start_call","can_perform_action":true,"limits":[]}]}""")));
		assertThat(get(this.port, LOOKUP, "X-API-Key", KEY).statusCode()).isEqualTo(200);
		meta.resetRequests();
		ChainWitness.REACHED_CHAIN.set(0);
	}

	@Test
	void aHeldAnswerIsServedWithoutTheChainAndAsTheChainServesIt() {
		CLOCK.advance(Duration.ofSeconds(3));

		HttpResponse<String> direct = get(this.port, LOOKUP, "X-API-Key", KEY, "X-Request-Id", "held-1");
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(0);
		// Spring MVC ignores a parameter it does not know; the shortcut leaves it to it
		HttpResponse<String> throughChain = get(this.port, LOOKUP + "&unknown=1", "X-API-Key", KEY, "X-Request-Id",
				"held-1");
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(1);

		assertThat(direct.statusCode()).isEqualTo(200);
		assertThat(direct.body()).isEqualTo(throughChain.body());
		assertThat(withoutDate(direct)).isEqualTo(withoutDate(throughChain));
		assertThat(direct.headers().firstValue("Age")).hasValue("3");
		assertThat(direct.headers().firstValue("X-Request-Id")).hasValue("held-1");
		meta.verify(0, getRequestedFor(urlPathEqualTo(VENDOR_PATH)));
	}

	@Test
	void aHeldAnswerIsCountedOnceInEveryMetricTheChainWouldCount() throws InterruptedException {
		double requests = settledAnsweredRequests();
		double hits = count("call.permissions.lookups", "cache", "hit", "client", "crm");
		double cacheHits = count("cache.gets", "result", "hit");
		double cacheMisses = count("cache.gets", "result", "miss");

		get(this.port, LOOKUP, "X-API-Key", KEY);

		assertThat(ChainWitness.REACHED_CHAIN).hasValue(0);
		untilAnsweredRequests(requests + 1);
		Thread.sleep(100);
		assertThat(answeredRequests()).isEqualTo(requests + 1);
		assertThat(count("call.permissions.lookups", "cache", "hit", "client", "crm")).isEqualTo(hits + 1);
		assertThat(count("cache.gets", "result", "hit")).isEqualTo(cacheHits + 1);
		assertThat(count("cache.gets", "result", "miss")).isEqualTo(cacheMisses);
	}

	@Test
	void aLookupNotHeldIsACacheMissOnceAndAsksTheVendorWithoutTheChain() throws InterruptedException {
		double cacheMisses = count("cache.gets", "result", "miss");
		double requests = settledAnsweredRequests();

		HttpResponse<String> response = get(this.port, LOOKUP.replace(USER, "13057765402"), "X-API-Key", KEY);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Age")).isEmpty();
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(0);
		assertThat(count("cache.gets", "result", "miss")).isEqualTo(cacheMisses + 1);
		untilAnsweredRequests(requests + 1);
		Thread.sleep(100);
		assertThat(answeredRequests()).isEqualTo(requests + 1);
		meta.verify(1, getRequestedFor(urlPathEqualTo(VENDOR_PATH)));
	}

	@Test
	void aWrongKeyIsRefusedByTheChainWithoutTouchingTheCache() {
		double cacheGets = count("cache.gets", "result", "hit") + count("cache.gets", "result", "miss");

		HttpResponse<String> response = get(this.port, LOOKUP, "X-API-Key", "not-the-key");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(1);
		assertThat(count("cache.gets", "result", "hit") + count("cache.gets", "result", "miss")).isEqualTo(cacheGets);
	}

	@Test
	void aNoCacheLookupAsksTheVendorWithoutTheChainAndIsAnsweredAsTheChainAnswersIt() {
		HttpResponse<String> direct = get(this.port, LOOKUP, "X-API-Key", KEY, "Cache-Control", "no-cache",
				"X-Request-Id", "fresh-1");
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(0);
		meta.verify(1, getRequestedFor(urlPathEqualTo(VENDOR_PATH)));
		HttpResponse<String> throughChain = get(this.port, LOOKUP + "&unknown=1", "X-API-Key", KEY, "Cache-Control",
				"no-cache", "X-Request-Id", "fresh-1");
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(1);
		meta.verify(2, getRequestedFor(urlPathEqualTo(VENDOR_PATH)));

		assertThat(direct.statusCode()).isEqualTo(200);
		assertThat(direct.body()).isEqualTo(throughChain.body());
		assertThat(withoutDate(direct)).isEqualTo(withoutDate(throughChain));
		assertThat(direct.headers().firstValue("Age")).isEmpty();
	}

	@Test
	void noCacheOnASecondCacheControlLineAsksTheVendorAsSpringMvcWouldReadIt() {
		HttpResponse<String> response = get(this.port, LOOKUP, "X-API-Key", KEY, "Cache-Control", "max-age=0",
				"Cache-Control", "private, No-Cache");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Age")).isEmpty();
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(0);
		meta.verify(1, getRequestedFor(urlPathEqualTo(VENDOR_PATH)));
	}

	@Test
	void aCacheControlWithoutNoCacheIsServedTheHeldAnswer() {
		HttpResponse<String> response = get(this.port, LOOKUP, "X-API-Key", KEY, "Cache-Control", "max-age=0");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Age")).isPresent();
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(0);
		meta.verify(0, getRequestedFor(urlPathEqualTo(VENDOR_PATH)));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = { "no key | GET | " + LOOKUP + " | 401",
			"include=raw | GET | " + LOOKUP + "&include=raw | 200",
			"a repeated parameter | GET | " + LOOKUP + "&userNumber=%2B13057765401 | 400",
			"a parameter it does not know | GET | " + LOOKUP + "&x=1 | 200",
			"both users | GET | " + LOOKUP + "&userId=US.13491208655302741918 | 400",
			"a malformed number | GET | /call-permissions?businessNumber=%2B1415&userNumber=%2B13057765401 | 400",
			"an unknown business number | GET | /call-permissions?businessNumber=%2B14155550199&userNumber=%2B13057765401 | 404",
			"HEAD | HEAD | " + LOOKUP + " | 200", "POST | POST | " + LOOKUP + " | 405",
			"a trailing slash | GET | /call-permissions/?businessNumber=%2B14155550100&userNumber=%2B13057765401 | 404",
			"a path parameter | GET | /call-permissions;a=b?businessNumber=%2B14155550100&userNumber=%2B13057765401 | 400",
			"an encoded path | GET | /call%2Dpermissions?businessNumber=%2B14155550100&userNumber=%2B13057765401 | 200" })
	void everyOtherRequestGoesThroughTheChain(String kind, String method, String pathAndQuery, int status) {
		String[] headers = kind.equals("no key") ? new String[0] : new String[] { "X-API-Key", KEY };

		HttpResponse<String> response = send(this.port, method, pathAndQuery, headers);

		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(1);
	}

	/**
	 * The shortcut reads {@code Accept} itself only where Spring MVC's negotiation would
	 * pick JSON; whichever way a request goes, its answer is the chain's.
	 */
	@ParameterizedTest(name = "Accept: {0}")
	@ValueSource(strings = { "*/*", "application/json", "APPLICATION/JSON", "application/*", "application/*+json",
			"application/json, text/plain, */*", "text/html, application/json", "text/html", "application/xml",
			"text/*", "application/json;q=0", "application/json; charset=utf-8", "*/json", "json", "application/json,",
			" ", "application/problem+json", "application/json/x" })
	void anAcceptHeaderGetsTheAnswerTheChainGives(String accept) {
		HttpResponse<String> direct = get(this.port, LOOKUP, "X-API-Key", KEY, "Accept", accept);
		int reachedChain = ChainWitness.REACHED_CHAIN.get();
		HttpResponse<String> throughChain = get(this.port, LOOKUP + "&unknown=1", "X-API-Key", KEY, "Accept", accept);

		assertThat(ChainWitness.REACHED_CHAIN).hasValue(reachedChain + 1);
		assertThat(direct.statusCode()).isEqualTo(throughChain.statusCode());
		assertThat(direct.headers().firstValue("Content-Type"))
			.isEqualTo(throughChain.headers().firstValue("Content-Type"));
		if (direct.statusCode() == 200) {
			assertThat(direct.body()).isEqualTo(throughChain.body());
		}
	}

	@Test
	void aHeldAnswerIsFoundByANumberInALenientFormToo() {
		HttpResponse<String> response = get(this.port, LOOKUP.replace("%2B" + USER, "1+305+776+5401"), "X-API-Key",
				KEY);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Age")).isPresent();
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(0);
	}

	@Test
	void aNumberInE164FormThatIsNotPossibleIsRefusedByTheChain() {
		HttpResponse<String> response = get(this.port, LOOKUP.replace(USER, "1305"), "X-API-Key", KEY);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("userNumber is not a possible phone number");
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(1);
	}

	@Test
	void moreMediaRangesThanSpringReadsAreLeftToTheChain() {
		String accept = "*/*,".repeat(50) + "*/*";

		HttpResponse<String> response = get(this.port, LOOKUP, "X-API-Key", KEY, "Accept", accept);

		assertThat(response.statusCode()).isEqualTo(406);
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(1);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "not an escape | %2B13057765401%zz | could not be decoded",
					"a non-ASCII escape | %2B1305776540%C3%A9 | not a possible phone number",
					"a hex digit that is not ASCII | %2B1305776540%3\u0663 | could not be decoded" })
	void aQueryWithAnEscapeTheShortcutDoesNotReadIsLeftToTheChain(String kind, String userNumber, String detail)
			throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET /call-permissions?businessNumber=%2B14155550100&userNumber=" + userNumber
						+ " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + KEY + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

			assertThat(response).startsWith("HTTP/1.1 400 ").contains(detail);
		}
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(1);
	}

	@Test
	void anAcceptHeaderOnTwoLinesIsLeftToTheChain() {
		HttpResponse<String> response = get(this.port, LOOKUP, "X-API-Key", KEY, "Accept", "application/json", "Accept",
				"text/html");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(1);
	}

	@Test
	void aRequestIdThatIsNotASaneTokenIsReplaced() {
		HttpResponse<String> response = get(this.port, LOOKUP, "X-API-Key", KEY, "X-Request-Id", "a b");

		assertThat(ChainWitness.REACHED_CHAIN).hasValue(0);
		assertThat(response.headers().firstValue("X-Request-Id")).hasValueSatisfying(
				(id) -> assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
	}

	private static Map<String, Object> withoutDate(HttpResponse<String> response) {
		Map<String, Object> headers = new TreeMap<>(response.headers().map());
		headers.remove("date");
		return headers;
	}

	private double answeredRequests() {
		return count("http.server.requests", "uri", "/call-permissions", "status", "200", "method", "GET", "outcome",
				"SUCCESS", "exception", "none", "error", "none");
	}

	/**
	 * The count once the requests before have been timed: a request is timed once its
	 * answer is on its way.
	 */
	private double settledAnsweredRequests() throws InterruptedException {
		double before;
		double after = answeredRequests();
		do {
			before = after;
			Thread.sleep(50);
			after = answeredRequests();
		}
		while (after != before);
		return after;
	}

	private void untilAnsweredRequests(double expected) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(5);
		while (answeredRequests() < expected && Instant.now().isBefore(deadline)) {
			Thread.sleep(10);
		}
		assertThat(answeredRequests()).isEqualTo(expected);
	}

	private double count(String name, String... tags) {
		return this.meters.find(name).tags(tags).meters().stream().mapToDouble((meter) -> {
			for (var measurement : meter.measure()) {
				if (measurement.getStatistic().name().equals("COUNT")) {
					return measurement.getValue();
				}
			}
			return 0;
		}).sum();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class HandMovedClock {

		@Bean
		@Primary
		Clock handMovedClock() {
			return CLOCK;
		}

	}

}
