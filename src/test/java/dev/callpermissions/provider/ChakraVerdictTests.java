package dev.callpermissions.provider;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.TestVendorAccounts;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.callpermissions.HttpExchange.json;
import static dev.callpermissions.provider.VendorFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client hears from a ChakraHQ account when ChakraHQ says more than a status (its
 * WhatsAppCallPermissionsResponse schema: {@code permission.can_call}) or answers an
 * error with HTTP 200 ("Get call permission state"): never a yes ChakraHQ would not give,
 * and a refusal that costs one vendor call and never trips the account's breaker for
 * everyone else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "call-permissions.cache.ttl=0s",
				// a breaker that opens after four recorded failures out of four calls
				"resilience4j.circuitbreaker.instances.chakra-main.sliding-window-size=4",
				"resilience4j.circuitbreaker.instances.chakra-main.minimum-number-of-calls=4" })
class ChakraVerdictTests {

	@RegisterExtension
	static WireMockExtension vendor = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	private static final String PATH = "/v1/whatsapp/v23.0/106540352242922/call_permissions";

	@LocalServerPort
	int port;

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestVendorAccounts.in(registry)
			.graphAccount("chakra-main", "chakra", "chakra-token", vendor::baseUrl)
			.graphChannel("+14155550101", "chakra-main", "106540352242922")
			.apiKey("crm", "key");
	}

	@BeforeEach
	void resetVendorAndBreaker() {
		vendor.resetAll();
		this.circuitBreakers.circuitBreaker("chakra-main").reset();
	}

	@Test
	void aTemporaryPermissionThatChakraSaysCannotCallIsNotCallable() {
		vendor.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(text("chakra/temporary-can-call-false.json"))));

		JsonNode answer = json(lookup("13057765456"));

		assertThat(answer.at("/permission/status").asText()).isEqualTo("temporary");
		assertThat(answer.get("canCall").asBoolean()).isFalse();
		assertThat(answer.get("blockedReason").asText()).isEqualTo("call_not_allowed");
	}

	@Test
	void chakrasCanCallTrueNeverRaisesAVerdictTheStatusDenies() {
		// the schema's own example: no_permission with can_call true
		vendor.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(text("chakra/call-permissions-schema.json"))));

		JsonNode answer = json(lookup("13057765456"));

		assertThat(answer.at("/permission/status").asText()).isEqualTo("not_granted");
		assertThat(answer.get("canCall").asBoolean()).isFalse();
		assertThat(answer.get("blockedReason").asText()).isEqualTo("not_granted");
	}

	@Test
	void aRefusalInsideHttp200IsAskedOnceAndNeverOpensTheBreaker() {
		vendor.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("user_wa_id", equalTo("13057765456"))
			.willReturn(okJson(text("chakra/meta-error-131030-in-200.json"))));
		vendor.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("user_wa_id", equalTo("13057765402"))
			.willReturn(okJson(text("meta/permanent.json"))));

		for (int i = 0; i < 5; i++) {
			HttpResponse<String> refused = lookup("13057765456");
			assertProblem(refused, 502, "PROVIDER_REJECTED");
			JsonNode problem = json(refused);
			assertThat(problem.get("providerCode").asText()).isEqualTo("131030");
			assertThat(problem.get("providerHttpStatus").asInt()).isEqualTo(200);
			assertThat(problem.get("retryable").asBoolean()).isFalse();
		}

		assertThat(vendor
			.findAll(getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("user_wa_id", equalTo("13057765456"))))
			.hasSize(5);
		assertThat(this.circuitBreakers.circuitBreaker("chakra-main").getState())
			.isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(lookup("13057765402").statusCode()).isEqualTo(200);
	}

	@Test
	void anErrorCodeItDoesNotKnowInsideHttp200IsAProviderErrorAskedOnce() {
		vendor.stubFor(get(urlPathEqualTo(PATH)).willReturn(
				okJson("{\"error\":{\"message\":\"Something new\",\"code\":139999,\"fbtrace_id\":\"Chakra9\"}}")));

		HttpResponse<String> response = lookup("13057765456");

		assertProblem(response, 502, "PROVIDER_ERROR");
		assertThat(json(response).get("retryable").asBoolean()).isFalse();
		vendor.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 429, 200 })
	void metasRateLimitInsideHttp200IsAnsweredExactlyLikeHttp429(int status) {
		vendor.stubFor(get(urlPathEqualTo(PATH)).willReturn(rateLimit(status).withHeader("Retry-After", "30")));

		HttpResponse<String> response = lookup("13057765456");

		assertProblem(response, 429, "RATE_LIMITED");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(json(response).get("providerCode").asText()).isEqualTo("613");
		assertThat(json(response).get("retryable").asBoolean()).isTrue();
		vendor.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 429, 200 })
	void metasRateLimitInsideHttp200WithoutRetryAfterIsWaitedOutLikeHttp429(int status) {
		vendor.stubFor(get(urlPathEqualTo(PATH)).willReturn(rateLimit(status)));

		HttpResponse<String> response = lookup("13057765456");

		assertProblem(response, 429, "RATE_LIMITED");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		vendor.verify(3, getRequestedFor(urlPathEqualTo(PATH)));
	}

	private static ResponseDefinitionBuilder rateLimit(int status) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody(text("meta/error-rate-limit.json"));
	}

	private HttpResponse<String> lookup(String user) {
		return dev.callpermissions.HttpExchange.get(this.port,
				"/call-permissions?businessNumber=14155550101&userNumber=" + user, "X-API-Key", "key");
	}

	private static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(response).get("code").asText()).isEqualTo(code);
	}

}
