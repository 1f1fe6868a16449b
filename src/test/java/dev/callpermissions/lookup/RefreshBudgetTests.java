package dev.callpermissions.lookup;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import dev.callpermissions.TestVendorAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.callpermissions.HttpExchange.json;
import static dev.callpermissions.HttpExchange.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client's lookups past the cache come out of its own budget, not the account's:
 * another client's lookups are still answered while the first one loops on
 * {@code no-cache}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "call-permissions.cache.client-refresh-share=0.25",
				"call-permissions.accounts.meta-main.requests-per-second=20" })
class RefreshBudgetTests {

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
			.accountSetting("kaleyra-in", "provider", () -> "kaleyra")
			.accountSetting("kaleyra-in", "sid", () -> "HXAP16XXXXXX97IN")
			.accountSetting("kaleyra-in", "api-key", () -> "kaleyra-key")
			.accountSetting("kaleyra-in", "base-url", meta::baseUrl)
			.accountSetting("kaleyra-in", "requests-per-second", () -> "8")
			.graphChannel("+14155550100", "meta-main", "106540352242922")
			.channel("+912012345472", "kaleyra-in")
			.apiKey("looping-client", "key-a")
			.apiKey("other-client", "key-b")
			.apiKey("batch-client", "key-c");
	}

	@Test
	void aClientLoopingOnNoCacheRunsOutOfItsOwnBudgetWhileAnotherClientIsStillAnswered() {
		meta.stubFor(get(anyUrl()).willReturn(okJson("""
				{"permission":{"status":"permanent"},"actions":[]}""")));
		List<Integer> looping = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			looping.add(lookup("key-a", "13057765401", true).statusCode());
		}
		HttpResponse<String> limited = lookup("key-a", "13057765401", true);
		List<Integer> other = new ArrayList<>();
		for (int user = 0; user < 3; user++) {
			other.add(lookup("key-b", "1305776550" + user, user == 0).statusCode());
		}

		assertThat(looping).contains(429).filteredOn((status) -> status == 200).hasSizeBetween(5, 10);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(json(limited).get("code").asText()).isEqualTo("RATE_LIMITED");
		assertThat(json(limited).get("detail").asText()).contains("past the cache").contains("meta-main");
		assertThat(other).containsOnly(200);
	}

	@Test
	void aNoCacheBatchOnKaleyraSpendsOneRefreshPerKaleyraRequestNotPerUser() {
		meta.stubFor(get(urlPathEqualTo("/v2/HXAP16XXXXXX97IN/whatsapp/call_permissions")).willReturn(okJson("""
				{"code":"WA200","message":"Request Processed Successfully","data":[],"error":{},"limit":100,
				 "offset":0,"total":0}""")));
		// a budget of 8 x 0.25 = 2 a second: the two Kaleyra requests of 100 users
		String lookups = IntStream.range(0, 100)
			.mapToObj((i) -> "{\"businessNumber\":\"+912012345472\",\"userNumber\":\"+9198123" + (45700 + i) + "\"}")
			.collect(Collectors.joining(","));

		HttpResponse<String> response = post(this.port, "/call-permissions/batch", "{\"lookups\":[" + lookups + "]}",
				"X-API-Key", "key-c", "Content-Type", "application/json", "Cache-Control", "no-cache");

		JsonNode results = json(response).get("results");
		assertThat(IntStream.range(0, 100).filter((i) -> results.get(i).has("error")).boxed().toList())
			.as("users refused")
			.isEmpty();
		assertThat(meta.findAll(getRequestedFor(urlPathEqualTo("/v2/HXAP16XXXXXX97IN/whatsapp/call_permissions"))))
			.hasSize(2);
	}

	@Test
	void aNoCacheBatchSpendsOneRefreshPerLookupAndFailsOnlyThoseOverBudget() {
		meta.resetRequests();
		meta.stubFor(get(anyUrl()).willReturn(okJson("""
				{"permission":{"status":"permanent"},"actions":[]}""")));
		String lookups = "{\"lookups\":[" + String.join(",",
				java.util.stream.IntStream.range(0, 12)
					.mapToObj((i) -> "{\"businessNumber\":\"+14155550100\",\"userNumber\":\"+130577656" + i + "0\"}")
					.toList())
				+ "]}";

		HttpResponse<String> batch = post(this.port, "/call-permissions/batch", lookups, "X-API-Key", "key-c",
				"Content-Type", "application/json", "Cache-Control", "no-cache");

		assertThat(batch.statusCode()).isEqualTo(200);
		List<String> codes = new ArrayList<>();
		json(batch).get("results")
			.forEach((result) -> codes.add(result.has("error") ? result.at("/error/code").asText() : "ok"));
		assertThat(codes).contains("ok", "RATE_LIMITED").filteredOn("ok"::equals).hasSizeBetween(5, 10);
		assertThat(meta.findAll(getRequestedFor(anyUrl())).size()).isLessThanOrEqualTo(10);
	}

	private HttpResponse<String> lookup(String key, String user, boolean noCache) {
		String path = "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B" + user;
		return noCache
				? dev.callpermissions.HttpExchange.get(this.port, path, "X-API-Key", key, "Cache-Control", "no-cache")
				: dev.callpermissions.HttpExchange.get(this.port, path, "X-API-Key", key);
	}

}
