package dev.callpermissions.lookup;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.TestVendorAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ClassPathResource;
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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the cache off every lookup asks the vendor, and a plain one does so before the
 * filter chain, answering as the chain would; a lookup that fails there is answered by
 * the chain, from the failure met, without asking the vendor again, and is observed once,
 * from its start.
 */
@Import(ChainWitness.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "call-permissions.cache.ttl=0s")
class PlainLookupMissTests {

	@RegisterExtension
	static WireMockExtension meta = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	private static final String VENDOR_PATH = "/v23.0/106540352242922/call_permissions";

	private static final String LOOKUP = "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765401";

	private static final String REFUSED_USER = "13057765409";

	private static final String SLOW_USER = "13057765408";

	private static final String KEY = "key";

	/** Long enough to tell a request timed from its start from one timed in the chain. */
	private static final int VENDOR_DELAY_MILLIS = 400;

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
	void vendor() throws Exception {
		meta.stubFor(get(urlPathEqualTo(VENDOR_PATH)).willReturn(okJson("""
				{"permission":{"status":"permanent"},"actions":[
				 {"action_name":"start_call","can_perform_action":true,"limits":[]}]}""")));
		meta.stubFor(get(urlPathEqualTo(VENDOR_PATH)).withQueryParam("user_wa_id", equalTo(REFUSED_USER))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody(new ClassPathResource("meta/error-no-approved-permission.json").getContentAsByteArray())
				.withFixedDelay(VENDOR_DELAY_MILLIS)));
		settle();
		meta.resetRequests();
		ChainWitness.REACHED_CHAIN.set(0);
	}

	@Test
	void aLookupAsksTheVendorOnceWithoutTheChainAndAnswersAsTheChainDoes() {
		HttpResponse<String> direct = get(this.port, LOOKUP, "X-API-Key", KEY, "X-Request-Id", "miss-1");
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(0);
		meta.verify(1, getRequestedFor(urlPathEqualTo(VENDOR_PATH)).withHeader("Authorization", equalTo("Bearer token"))
			.withQueryParam("user_wa_id", equalTo("13057765401")));
		// Spring MVC ignores a parameter it does not know; the shortcut leaves it to it
		HttpResponse<String> throughChain = get(this.port, LOOKUP + "&unknown=1", "X-API-Key", KEY, "X-Request-Id",
				"miss-1");
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(1);
		meta.verify(2, getRequestedFor(urlPathEqualTo(VENDOR_PATH)));

		assertThat(direct.statusCode()).isEqualTo(200);
		assertThat(direct.body()).isEqualTo(throughChain.body()).contains("\"canCall\":true");
		assertThat(withoutDate(direct)).isEqualTo(withoutDate(throughChain));
		assertThat(direct.headers().firstValue("Age")).isEmpty();
	}

	@Test
	void aLookupIsObservedOnceFromItsStart() throws InterruptedException {
		meta.stubFor(
				get(urlPathEqualTo(VENDOR_PATH)).withQueryParam("user_wa_id", equalTo(SLOW_USER)).willReturn(okJson("""
						{"permission":{"status":"permanent"},"actions":[]}""").withFixedDelay(VENDOR_DELAY_MILLIS)));
		double before = requests("200");

		HttpResponse<String> response = get(this.port, LOOKUP.replace("13057765401", SLOW_USER), "X-API-Key", KEY);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(ChainWitness.REACHED_CHAIN).hasValue(0);
		untilRequests("200", before + 1);
		Thread.sleep(100);
		assertThat(requests("200")).isEqualTo(before + 1);
		assertThat(answeredRequests().max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(VENDOR_DELAY_MILLIS);
	}

	@Test
	void aFailedLookupIsAnsweredByTheChainWithoutAskingTheVendorAgain() throws InterruptedException {
		String refused = LOOKUP.replace("13057765401", REFUSED_USER);

		HttpResponse<String> direct = get(this.port, refused, "X-API-Key", KEY, "X-Request-Id", "failed-1");

		assertThat(ChainWitness.REACHED_CHAIN).hasValue(1);
		meta.verify(1, getRequestedFor(urlPathEqualTo(VENDOR_PATH)));
		untilRequests("502", 1);
		Timer failed = failedRequests();
		assertThat(failed.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(VENDOR_DELAY_MILLIS);

		HttpResponse<String> throughChain = get(this.port, refused + "&unknown=1", "X-API-Key", KEY, "X-Request-Id",
				"failed-1");
		meta.verify(2, getRequestedFor(urlPathEqualTo(VENDOR_PATH)));
		assertThat(direct.statusCode()).isEqualTo(502);
		assertThat(direct.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(direct.body()).contains("\"code\":\"PROVIDER_REJECTED\"", "\"requestId\":\"failed-1\"")
			.isEqualTo(throughChain.body().replace("&unknown=1", ""));
		assertThat(withoutDate(direct)).isEqualTo(withoutDate(throughChain));
		untilRequests("502", 2);
	}

	private Timer answeredRequests() {
		return this.meters.find("http.server.requests").tags("uri", "/call-permissions", "status", "200").timer();
	}

	private Timer failedRequests() {
		return this.meters.find("http.server.requests").tags("uri", "/call-permissions", "status", "502").timer();
	}

	private static Map<String, Object> withoutDate(HttpResponse<String> response) {
		Map<String, Object> headers = new TreeMap<>(response.headers().map());
		headers.remove("date");
		return headers;
	}

	private double requests(String status) {
		Timer timer = this.meters.find("http.server.requests")
			.tags("uri", "/call-permissions", "status", status)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private void untilRequests(String status, double expected) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(5);
		while (requests(status) < expected && Instant.now().isBefore(deadline)) {
			Thread.sleep(10);
		}
		assertThat(requests(status)).isEqualTo(expected);
	}

	/** Waits until the requests of the test before have been timed. */
	private void settle() throws InterruptedException {
		double before;
		double after = requests("200") + requests("502");
		do {
			before = after;
			Thread.sleep(50);
			after = requests("200") + requests("502");
		}
		while (after != before);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class StoppedClock {

		/** Answers asked a moment apart are the same answer. */
		@Bean
		@Primary
		Clock stoppedClock() {
			return Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
		}

	}

}
