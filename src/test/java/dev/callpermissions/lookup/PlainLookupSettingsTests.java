package dev.callpermissions.lookup;

import java.net.http.HttpResponse;
import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.TestVendorAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.callpermissions.HttpExchange.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings that change what the chain writes or measures change a held answer the same
 * way: a forced response charset, the observation's name and common key values.
 */
@Import(ChainWitness.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "call-permissions.cache.ttl=30s", "server.servlet.encoding.force-response=true",
				"management.observations.http.server.requests.name=crm.requests",
				"management.observations.key-values.region=eu" })
class PlainLookupSettingsTests {

	@RegisterExtension
	static WireMockExtension meta = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	private static final String LOOKUP = "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765401";

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestVendorAccounts.in(registry)
			.graphAccount("meta-main", "meta", "token", meta::baseUrl)
			.graphChannel("+14155550100", "meta-main", "106540352242922")
			.apiKey("crm", "key");
	}

	@Test
	void aHeldAnswerIsWrittenAndMeasuredWithTheChainsSettings() throws InterruptedException {
		meta.stubFor(get(urlPathEqualTo("/v23.0/106540352242922/call_permissions")).willReturn(okJson("""
				{"permission":{"status":"permanent"},"actions":[]}""")));
		HttpResponse<String> throughChain = get(this.port, LOOKUP, "X-API-Key", "key");
		untilRequests(1);
		ChainWitness.REACHED_CHAIN.set(0);

		HttpResponse<String> direct = get(this.port, LOOKUP, "X-API-Key", "key");

		assertThat(ChainWitness.REACHED_CHAIN).hasValue(0);
		assertThat(direct.headers().firstValue("Content-Type"))
			.isEqualTo(throughChain.headers().firstValue("Content-Type"));
		untilRequests(2);
		assertThat(this.meters.find("http.server.requests").meters()).isEmpty();
	}

	private void untilRequests(double expected) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(5);
		while (requests() < expected && Instant.now().isBefore(deadline)) {
			Thread.sleep(10);
		}
		assertThat(requests()).isEqualTo(expected);
	}

	private double requests() {
		var timer = this.meters.find("crm.requests")
			.tags("uri", "/call-permissions", "status", "200", "region", "eu")
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

}
