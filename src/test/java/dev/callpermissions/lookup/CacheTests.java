package dev.callpermissions.lookup;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.MutableClock;
import dev.callpermissions.TestVendorAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.callpermissions.HttpExchange.get;
import static dev.callpermissions.HttpExchange.json;
import static dev.callpermissions.HttpExchange.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer cache seen from outside: what reaches the vendor, and the {@code Age} and
 * {@code retrievedAt} a client gets, on a clock the tests move by hand. Each test looks
 * up its own user, so entries never cross tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "call-permissions.cache.ttl=30s")
class CacheTests {

	@RegisterExtension
	static WireMockExtension meta = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	private static final String PATH = "/v23.0/106540352242922/call_permissions";

	private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

	@LocalServerPort
	int port;

	@Autowired
	CacheProperties cacheProperties;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestVendorAccounts.in(registry)
			.graphAccount("meta-main", "meta", "token", meta::baseUrl)
			.graphChannel("+14155550100", "meta-main", "106540352242922")
			.apiKey("crm", "key");
	}

	@BeforeEach
	void resetVendor() {
		meta.resetAll();
	}

	@Test
	void aRepeatedLookupIsAnsweredFromTheCacheWithItsAge() {
		stubAnswer("13057765401", permanent());

		HttpResponse<String> first = lookup("13057765401");
		CLOCK.advance(Duration.ofSeconds(7));
		HttpResponse<String> second = lookup("13057765401");

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("Age")).isEmpty();
		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(second.headers().firstValue("Age")).hasValue("7");
		assertThat(json(second).get("retrievedAt")).isEqualTo(json(first).get("retrievedAt"));
		assertThat(vendorCalls("13057765401")).isEqualTo(1);
	}

	@Test
	void noCacheAsksTheVendorAndRefreshesTheEntry() {
		stubAnswer("13057765402", permanent());
		lookup("13057765402");
		CLOCK.advance(Duration.ofSeconds(5));

		HttpResponse<String> refreshed = lookup("13057765402", "Cache-Control", "max-age=0, no-cache");
		CLOCK.advance(Duration.ofSeconds(3));
		HttpResponse<String> cached = lookup("13057765402");

		assertThat(refreshed.headers().firstValue("Age")).isEmpty();
		assertThat(json(refreshed).get("retrievedAt").asText()).isEqualTo(CLOCK.instant().minusSeconds(3).toString());
		assertThat(cached.headers().firstValue("Age")).hasValue("3");
		assertThat(vendorCalls("13057765402")).isEqualTo(2);
	}

	@Test
	void includeRawAsksTheVendorAgainAndKeepsItsBodyOutOfTheCache() {
		stubAnswer("13057765420", permanent());
		lookup("13057765420");

		HttpResponse<String> raw = get(this.port,
				"/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765420&include=raw", "X-API-Key",
				"key");
		HttpResponse<String> cached = lookup("13057765420");

		assertThat(raw.headers().firstValue("Age")).isEmpty();
		assertThat(json(raw).get("raw").toString()).contains("\"permanent\"");
		assertThat(cached.headers().firstValue("Age")).hasValue("0");
		assertThat(json(cached).get("raw")).isNull();
		assertThat(vendorCalls("13057765420")).isEqualTo(2);
	}

	@Test
	void noCacheWhileTheSameLookupIsAskingTheVendorWaitsForThatAnswer() throws Exception {
		meta.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("user_wa_id", equalTo("13057765421"))
			.willReturn(okJson(permanent()).withFixedDelay(800)));
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<HttpResponse<String>> first = clients.submit(() -> lookup("13057765421"));
			Thread.sleep(300);
			Future<HttpResponse<String>> refresh = clients
				.submit(() -> lookup("13057765421", "Cache-Control", "no-cache"));

			assertThat(first.get().statusCode()).isEqualTo(200);
			assertThat(refresh.get().statusCode()).isEqualTo(200);
		}
		assertThat(vendorCalls("13057765421")).isEqualTo(1);
	}

	@Test
	void failuresAreNotCached() {
		meta.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("user_wa_id", equalTo("13057765403"))
			.willReturn(aResponse().withStatus(401).withBody("""
					{"error":{"message":"Error validating access token","type":"OAuthException","code":190}}""")));
		assertThat(lookup("13057765403").statusCode()).isEqualTo(502);

		stubAnswer("13057765403", permanent());
		HttpResponse<String> answered = lookup("13057765403");

		assertThat(answered.statusCode()).isEqualTo(200);
		assertThat(answered.headers().firstValue("Age")).isEmpty();
		assertThat(vendorCalls("13057765403")).isEqualTo(2);
	}

	@Test
	void anEntryLivesNoLongerThanTheTtl() {
		stubAnswer("13057765404", permanent());
		lookup("13057765404");

		CLOCK.advance(this.cacheProperties.ttl().minusSeconds(1));
		assertThat(lookup("13057765404").headers().firstValue("Age")).hasValue("29");
		CLOCK.advance(Duration.ofSeconds(2));
		assertThat(lookup("13057765404").headers().firstValue("Age")).isEmpty();

		assertThat(vendorCalls("13057765404")).isEqualTo(2);
	}

	@Test
	void anEntryLivesNoLongerThanThePermissionItHolds() {
		long expiresAt = CLOCK.instant().plusSeconds(10).getEpochSecond();
		stubAnswer("13057765405", """
				{"permission":{"status":"temporary","expiration_time":%d},"actions":[]}""".formatted(expiresAt));
		lookup("13057765405");

		CLOCK.advance(Duration.ofSeconds(9));
		HttpResponse<String> beforeExpiry = lookup("13057765405");
		CLOCK.advance(Duration.ofSeconds(2));
		HttpResponse<String> afterExpiry = lookup("13057765405");

		assertThat(beforeExpiry.headers().firstValue("Age")).hasValue("9");
		assertThat(json(beforeExpiry).at("/permission/status").asText()).isEqualTo("temporary");
		assertThat(afterExpiry.headers().firstValue("Age")).isEmpty();
		assertThat(vendorCalls("13057765405")).isEqualTo(2);
	}

	@Test
	void anEntryLivesNoLongerThanTheEarliestLimitReset() {
		long resetsAt = CLOCK.instant().plusSeconds(5).getEpochSecond();
		stubAnswer("13057765406", """
				{"permission":{"status":"permanent"},"actions":[
				 {"action_name":"start_call","can_perform_action":false,
				  "limits":[{"time_period":"PT24H","max_allowed":5,"current_usage":5,"limit_expiration_time":%d}]}]}"""
			.formatted(resetsAt));
		lookup("13057765406");

		CLOCK.advance(Duration.ofSeconds(4));
		assertThat(lookup("13057765406").headers().firstValue("Age")).hasValue("4");
		CLOCK.advance(Duration.ofSeconds(2));
		assertThat(lookup("13057765406").headers().firstValue("Age")).isEmpty();

		assertThat(vendorCalls("13057765406")).isEqualTo(2);
	}

	@Test
	void concurrentMissesForOneKeyMakeOneVendorCall() throws Exception {
		meta.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("user_wa_id", equalTo("13057765407"))
			.willReturn(okJson(permanent()).withFixedDelay(500)));

		List<HttpResponse<String>> responses;
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<HttpResponse<String>>> futures = clients.invokeAll(IntStream.range(0, 16)
				.<Callable<HttpResponse<String>>>mapToObj((i) -> () -> lookup("13057765407"))
				.toList());
			responses = futures.stream().map(Future::resultNow).toList();
		}

		assertThat(responses).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
		assertThat(vendorCalls("13057765407")).isEqualTo(1);
	}

	@Test
	void batchesAndLookupsMissingOneEntryAtOnceMakeOneVendorCall() throws Exception {
		meta.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("user_wa_id", equalTo("13057765410"))
			.willReturn(okJson(permanent()).withFixedDelay(500)));
		Callable<HttpResponse<String>> batch = () -> post(this.port, "/call-permissions/batch", """
				{"lookups":[{"businessNumber":"+14155550100","userNumber":"+13057765410"}]}""", "X-API-Key", "key",
				"Content-Type", "application/json");

		List<HttpResponse<String>> responses;
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<HttpResponse<String>>> futures = clients.invokeAll(IntStream.range(0, 16)
				.<Callable<HttpResponse<String>>>mapToObj((i) -> (i % 2 == 0) ? batch : () -> lookup("13057765410"))
				.toList());
			responses = futures.stream().map(Future::resultNow).toList();
		}

		assertThat(responses).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"canCall\":true").doesNotContain("\"error\"");
		});
		assertThat(vendorCalls("13057765410")).isEqualTo(1);
	}

	@Test
	void batchLookupsShareTheCache() {
		stubAnswer("13057765408", permanent());
		stubAnswer("13057765409", permanent());
		lookup("13057765408");
		CLOCK.advance(Duration.ofSeconds(2));

		HttpResponse<String> batch = post(this.port, "/call-permissions/batch", """
				{"lookups":[{"businessNumber":"+14155550100","userNumber":"+13057765408"},
				            {"businessNumber":"+14155550100","userNumber":"+13057765409"}]}""", "X-API-Key", "key",
				"Content-Type", "application/json");
		CLOCK.advance(Duration.ofSeconds(1));
		HttpResponse<String> afterBatch = lookup("13057765409");

		JsonNode results = json(batch).get("results");
		assertThat(results.get(0).get("retrievedAt").asText()).isEqualTo(CLOCK.instant().minusSeconds(3).toString());
		assertThat(results.get(1).get("retrievedAt").asText()).isEqualTo(CLOCK.instant().minusSeconds(1).toString());
		assertThat(afterBatch.headers().firstValue("Age")).hasValue("1");
		assertThat(vendorCalls("13057765408")).isEqualTo(1);
		assertThat(vendorCalls("13057765409")).isEqualTo(1);
	}

	private HttpResponse<String> lookup(String userNumber, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "X-API-Key";
		all[1] = "key";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return get(this.port, "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B" + userNumber, all);
	}

	private static void stubAnswer(String userNumber, String body) {
		meta.stubFor(
				get(urlPathEqualTo(PATH)).withQueryParam("user_wa_id", equalTo(userNumber)).willReturn(okJson(body)));
	}

	private static String permanent() {
		return """
				{"permission":{"status":"permanent"},"actions":[
				 {"action_name":"start_call","can_perform_action":true,"limits":[]}]}""";
	}

	private static int vendorCalls(String userNumber) {
		return meta.findAll(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("user_wa_id", equalTo(userNumber)))
			.size();
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
