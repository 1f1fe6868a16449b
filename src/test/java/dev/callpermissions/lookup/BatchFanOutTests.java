package dev.callpermissions.lookup;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.callpermissions.HttpExchange;
import dev.callpermissions.TestVendorAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.callpermissions.HttpExchange.json;
import static dev.callpermissions.HttpExchange.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a batch spreads over a slow vendor: never more calls at once than the bound, and no
 * longer than the deadline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "call-permissions.batch.concurrency-per-account=2", "call-permissions.batch.deadline=1500ms" })
class BatchFanOutTests {

	@RegisterExtension
	static WireMockExtension meta = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestVendorAccounts.in(registry)
			.graphAccount("meta-main", "meta", "token", meta::baseUrl)
			.accountSetting("meta-main", "timeout", () -> "5s")
			.graphChannel("+14155550100", "meta-main", "106540352242922")
			.apiKey("crm", "key");
	}

	@BeforeEach
	void resetVendor() {
		meta.resetAll();
	}

	@Test
	void neverCallsOneAccountMoreOftenAtOnceThanTheBound() {
		meta.stubFor(get(urlPathMatching(".*"))
			.willReturn(okJson("{\"permission\":{\"status\":\"permanent\"}}").withFixedDelay(150)));
		JsonNode results = batch(IntStream.range(0, 6).mapToObj((i) -> "+1305776540" + i).toList());
		assertThat(results).hasSize(6);
		results.forEach((result) -> assertThat(result.get("canCall").asBoolean()).isTrue());
		assertThat(maxConcurrent(meta.getAllServeEvents())).isEqualTo(2);
	}

	@Test
	void answersLookupsStillOpenAtTheDeadlineWithATimeout() {
		meta.stubFor(get(urlPathMatching(".*")).willReturn(okJson("{\"permission\":{\"status\":\"permanent\"}}")));
		meta.stubFor(get(urlPathMatching(".*")).withQueryParam("user_wa_id", equalTo("13057765409"))
			.willReturn(okJson("{\"permission\":{\"status\":\"permanent\"}}").withFixedDelay(4_000)));
		long started = System.nanoTime();
		JsonNode results = batch(List.of("+13057765401", "+13057765409"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3_500));
		assertThat(results.get(0).get("canCall").asBoolean()).isTrue();
		assertThat(results.get(1).get("error").get("code").asText()).isEqualTo("PROVIDER_TIMEOUT");
		assertThat(results.get(1).get("error").get("account").asText()).isEqualTo("meta-main");
	}

	@Test
	void aLookupNeverAskedBeforeTheDeadlineSaysSoAndWhenToTryAgain() {
		meta.stubFor(get(urlPathMatching(".*"))
			.willReturn(okJson("{\"permission\":{\"status\":\"permanent\"}}").withFixedDelay(1_000)));

		// two at a time, a second each: by the deadline (1.5 s) at most four were asked
		JsonNode results = batch(IntStream.range(0, 6).mapToObj((i) -> "+130577654" + (20 + i)).toList());

		List<JsonNode> errors = IntStream.range(0, 6)
			.mapToObj((i) -> results.get(i).get("error"))
			.filter((error) -> error != null)
			.toList();
		List<JsonNode> notAsked = errors.stream()
			.filter((error) -> "PROVIDER_UNAVAILABLE".equals(error.get("code").asText()))
			.toList();
		assertThat(notAsked).hasSizeGreaterThanOrEqualTo(2).allSatisfy((error) -> {
			assertThat(error.get("detail").asText()).isEqualTo("Provider meta (account meta-main) was not asked: "
					+ "the batch's deadline came before this lookup's turn (2 at a time per account).");
			assertThat(error.get("retryAfter").asInt()).isEqualTo(1);
		});
		assertThat(errors).filteredOn((error) -> !notAsked.contains(error))
			.allSatisfy((error) -> assertThat(error.get("code").asText()).isEqualTo("PROVIDER_TIMEOUT"));
		assertThat(meta.getAllServeEvents()).as("every lookup asked, and only those").hasSize(6 - notAsked.size());
	}

	@Test
	void stopsWaitingForAnotherRequestsVendorCallAtTheDeadline() throws Exception {
		meta.stubFor(get(urlPathMatching(".*")).withQueryParam("user_wa_id", equalTo("13057765408"))
			.willReturn(okJson("{\"permission\":{\"status\":\"permanent\"}}").withFixedDelay(4_000)));
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<HttpResponse<String>> single = clients.submit(() -> HttpExchange.get(this.port,
					"/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765408", "X-API-Key", "key"));
			while (meta.getAllServeEvents().isEmpty()) {
				Thread.sleep(10);
			}
			long started = System.nanoTime();
			JsonNode results = batch(List.of("+13057765408"));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3_000));
			assertThat(results.get(0).get("error").get("code").asText()).isEqualTo("PROVIDER_TIMEOUT");
			assertThat(single.get().statusCode()).isEqualTo(200);
		}
		assertThat(meta.getAllServeEvents()).hasSize(1);
	}

	@Test
	void aLookupWaitingForTheVendorCallOfABatchThatStopsAtItsDeadlineAsksItself() throws Exception {
		meta.stubFor(get(urlPathMatching(".*")).withQueryParam("user_wa_id", equalTo("13057765407"))
			.willReturn(okJson("{\"permission\":{\"status\":\"permanent\"}}").withFixedDelay(2_000)));
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<JsonNode> batch = clients.submit(() -> batch(List.of("+13057765407")));
			while (meta.getAllServeEvents().isEmpty()) {
				Thread.sleep(10);
			}
			HttpResponse<String> single = HttpExchange.get(this.port,
					"/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765407", "X-API-Key", "key");

			assertThat(batch.get().get(0).get("error").get("code").asText()).isEqualTo("PROVIDER_TIMEOUT");
			assertThat(single.statusCode()).as(single.body()).isEqualTo(200);
			assertThat(json(single).get("canCall").asBoolean()).isTrue();
		}
		assertThat(meta.getAllServeEvents()).hasSize(2);
	}

	private JsonNode batch(List<String> userNumbers) {
		String body = userNumbers.stream()
			.map((number) -> "{\"businessNumber\":\"+14155550100\",\"userNumber\":\"" + number + "\"}")
			.collect(Collectors.joining(",", "{\"lookups\":[", "]}"));
		HttpResponse<String> response = post(this.port, "/call-permissions/batch", body, "X-API-Key", "key",
				"Content-Type", "application/json");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response).get("results");
	}

	/**
	 * The most requests the vendor was serving at one moment, from WireMock's own log.
	 */
	private static int maxConcurrent(List<ServeEvent> events) {
		List<long[]> intervals = new ArrayList<>();
		for (ServeEvent event : events) {
			Instant received = event.getRequest().getLoggedDate().toInstant();
			long start = received.toEpochMilli();
			intervals.add(new long[] { start, start + event.getTiming().getTotalTime() });
		}
		int max = 0;
		for (long[] interval : intervals) {
			int overlapping = 0;
			for (long[] other : intervals) {
				if (other[0] <= interval[0] && interval[0] < other[1]) {
					overlapping++;
				}
			}
			max = Math.max(max, overlapping);
		}
		return max;
	}

}
