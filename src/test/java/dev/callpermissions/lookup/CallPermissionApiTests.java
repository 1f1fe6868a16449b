package dev.callpermissions.lookup;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.callpermissions.TestVendorAccounts;
import dev.callpermissions.provider.VendorFixtures;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

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
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.callpermissions.HttpExchange.get;
import static dev.callpermissions.HttpExchange.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One lookup through real HTTP against a WireMock Meta, with the cache off so every test
 * sees the vendor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "call-permissions.cache.ttl=0s")
class CallPermissionApiTests {

	@RegisterExtension
	static WireMockExtension meta = WireMockExtension.newInstance()
		.options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
		.build();

	private static final String KEY = "test-key";

	private static final String PATH = "/v23.0/106540352242922/call_permissions";

	@LocalServerPort
	int port;

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	/** The vendor failures these tests provoke would otherwise open the breaker. */
	@BeforeEach
	void closeCircuitBreakers() {
		this.circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestVendorAccounts.in(registry)
			.graphAccount("meta-main", "meta", "secret-meta-token", meta::baseUrl)
			.accountSetting("meta-main", "timeout", () -> "1s")
			.graphChannel("+14155550100", "meta-main", "106540352242922")
			.apiKey("crm-backend", KEY);
	}

	@Test
	void answersTheContractsExampleExactly() throws Exception {
		meta.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("user_wa_id", equalTo("13057765456"))
			.willReturn(
					okJson("""
							{"messaging_product":"whatsapp",
							 "permission":{"status":"temporary","expiration_time":1795801079},
							 "actions":[
							  {"action_name":"send_call_permission_request","can_perform_action":true,
							   "limits":[{"time_period":"PT24H","max_allowed":1,"current_usage":0},
							             {"time_period":"P7D","max_allowed":2,"current_usage":1}]},
							  {"action_name":"start_call","can_perform_action":false,
							   "limits":[{"time_period":"PT24H","max_allowed":5,"current_usage":5,"limit_expiration_time":1795389000}]}]}
							""")));
		HttpResponse<String> response = lookup("businessNumber=%2B14155550100&userNumber=%2B13057765456");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JSONAssert.assertEquals(
				"""
						{
						  "provider": "meta",
						  "account": "meta-main",
						  "businessNumber": "+14155550100",
						  "userNumber": "+13057765456",
						  "userId": null,
						  "permission": {
						    "status": "temporary",
						    "expiresAt": "2026-11-27T17:37:59Z",
						    "source": null,
						    "providerStatus": "temporary"
						  },
						  "canCall": false,
						  "blockedReason": "call_limit_reached",
						  "retryAt": "2026-11-22T23:10:00Z",
						  "canRequestPermission": true,
						  "actions": [
						    {"name": "send_call_permission_request", "allowed": true,
						     "limits": [{"period": "PT24H", "maxAllowed": 1, "currentUsage": 0, "resetsAt": null},
						                {"period": "P7D", "maxAllowed": 2, "currentUsage": 1, "resetsAt": null}]},
						    {"name": "start_call", "allowed": false,
						     "limits": [{"period": "PT24H", "maxAllowed": 5, "currentUsage": 5, "resetsAt": "2026-11-22T23:10:00Z"}]}
						  ],
						  "retrievedAt": "2026-11-22T10:00:00Z"
						}
						""",
				response.body(), JSONCompareMode.STRICT);
	}

	@Test
	void sendsAnswersAndProblemsWithTheirLengthNotChunked() {
		meta.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(VendorFixtures.text("meta/permanent.json"))));
		for (HttpResponse<String> response : List.of(lookup("businessNumber=%2B14155550100&userNumber=%2B13057765456"),
				lookup("businessNumber=%2B14155550100"))) {
			assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
			assertThat(response.headers().firstValueAsLong("Content-Length"))
				.hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
		}
	}

	@Test
	void acceptsAnUnencodedPlusDecodedAsASpace() {
		meta.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"permission\":{\"status\":\"permanent\"}}")));
		HttpResponse<String> response = lookup("businessNumber=+14155550100&userNumber=+1(305)776-5456");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).get("businessNumber").asText()).isEqualTo("+14155550100");
		assertThat(json(response).get("userNumber").asText()).isEqualTo("+13057765456");
		meta.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(PATH))
			.withQueryParam("user_wa_id", equalTo("13057765456")));
	}

	@Test
	void looksUpByUserIdAndAnswersWithIt() {
		meta.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("recipient", equalTo("US.13491208655302741918"))
			.willReturn(okJson("{\"permission\":{\"status\":\"no_permission\"}}")));
		JsonNode body = json(lookup("businessNumber=%2B14155550100&userId=US.13491208655302741918"));
		assertThat(body.get("userNumber").isNull()).isTrue();
		assertThat(body.get("userId").asText()).isEqualTo("US.13491208655302741918");
		assertThat(body.get("permission").get("status").asText()).isEqualTo("not_granted");
		assertThat(body.get("blockedReason").asText()).isEqualTo("not_granted");
		assertThat(body.get("canRequestPermission").isNull()).isTrue();
		assertThat(body.get("actions").size()).isZero();
	}

	@Test
	void addsTheVendorsBodyAsRawOnlyWhenAsked() {
		meta.stubFor(get(urlPathEqualTo(PATH))
			.willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"permission\":{\"status\":\"permanent\"}}")));
		assertThat(json(lookup("businessNumber=%2B14155550100&userNumber=%2B13057765456")).has("raw")).isFalse();
		JsonNode raw = json(lookup("businessNumber=%2B14155550100&userNumber=%2B13057765456&include=raw")).get("raw");
		assertThat(raw.get("messaging_product").asText()).isEqualTo("whatsapp");
		assertThat(raw.get("permission").get("status").asText()).isEqualTo("permanent");
	}

	@ParameterizedTest(name = "{0} -> {1} {2}")
	@CsvSource(delimiter = '|', value = { "userNumber=%2B13057765456|400|INVALID_REQUEST",
			"businessNumber=%2B14155550100|400|INVALID_REQUEST",
			"businessNumber=&userNumber=%2B13057765456|400|INVALID_REQUEST",
			"businessNumber=%2B14155550100&userNumber=%2B13057765456&userId=US.1349|400|INVALID_REQUEST",
			"businessNumber=%2B14155550100&businessNumber=%2B14155550101&userNumber=%2B13057765456|400|INVALID_REQUEST",
			"businessNumber=%2B14155550100&userNumber=%2B13057765456&userNumber=%2B13057765457|400|INVALID_REQUEST",
			"businessNumber=%2B14155550100&userNumber=%2B13057765456&include=everything|400|INVALID_REQUEST",
			"businessNumber=%2B14155550100&userNumber=%2B13057765456&include=raw&include=raw|400|INVALID_REQUEST",
			"businessNumber=%2B14155550100&userNumber=hello|400|INVALID_PHONE_NUMBER",
			"businessNumber=%2B14155550100&userNumber=%2B1305|400|INVALID_PHONE_NUMBER",
			"businessNumber=%2B14155550100&userNumber=%2B9991234567|400|INVALID_PHONE_NUMBER",
			"businessNumber=not-a-number&userNumber=%2B13057765456|400|INVALID_PHONE_NUMBER",
			"businessNumber=%2B14155550100&userId=13057765456|400|INVALID_USER_ID",
			"businessNumber=%2B14155550100&userId=US.|400|INVALID_USER_ID",
			"businessNumber=%2B14155550199&userNumber=%2B13057765456|404|UNKNOWN_BUSINESS_NUMBER" })
	void answersBadInputWithAProblem(String query, int status, String code) {
		HttpResponse<String> response = lookup(query);
		assertProblem(response, status, code);
		assertThat(json(response).get("instance").asText()).isEqualTo("/call-permissions");
		meta.verify(0, com.github.tomakehurst.wiremock.client.WireMock
			.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
	}

	@Test
	void namesTheBadParameterWithoutEchoingTheCallersNumberIntoTheInstance() {
		HttpResponse<String> response = lookup("businessNumber=%2B14155550100&userNumber=%2B1305");
		JsonNode problem = json(response);
		assertThat(problem.get("detail").asText()).startsWith("userNumber is not a possible phone number");
		assertThat(problem.get("type").asText()).isEqualTo("https://callpermissions.dev/problems/invalid-phone-number");
		assertThat(problem.get("title").asText()).isEqualTo("Invalid phone number");
	}

	@Test
	void answersAVendorRateLimitWith429AndRetryAfter() {
		meta.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("Retry-After", "3")
			.withBody("{\"error\":{\"message\":\"(#613) Calls to this api have exceeded the rate limit.\","
					+ "\"type\":\"OAuthException\",\"code\":613,\"fbtrace_id\":\"Trace613\"}}")));
		HttpResponse<String> response = lookup("businessNumber=%2B14155550100&userNumber=%2B13057765456");
		assertProblem(response, 429, "RATE_LIMITED");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
		JsonNode problem = json(response);
		assertThat(problem.get("provider").asText()).isEqualTo("meta");
		assertThat(problem.get("account").asText()).isEqualTo("meta-main");
		assertThat(problem.get("providerHttpStatus").asInt()).isEqualTo(429);
		assertThat(problem.get("providerCode").asText()).isEqualTo("613");
		assertThat(problem.get("providerMessage").asText()).startsWith("(#613)");
		assertThat(problem.get("providerReference").asText()).isEqualTo("Trace613");
		assertThat(problem.get("retryable").asBoolean()).isTrue();
	}

	@Test
	void answersCallingNotEnabledAsRejectedDespiteMetasHttp401() {
		meta.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Calling is not enabled\",\"code\":138000,\"fbtrace_id\":\"T\"}}")));
		HttpResponse<String> response = lookup("businessNumber=%2B14155550100&userNumber=%2B13057765456");
		assertProblem(response, 502, "PROVIDER_REJECTED");
		assertThat(json(response).get("retryable").asBoolean()).isFalse();
	}

	@Test
	void answersAnInvalidTokenAsProviderAuthFailedWithoutTheToken() {
		meta.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Invalid OAuth access token.\",\"code\":190}}")));
		HttpResponse<String> response = lookup("businessNumber=%2B14155550100&userNumber=%2B13057765456");
		assertProblem(response, 502, "PROVIDER_AUTH_FAILED");
		assertThat(response.body()).doesNotContain("secret-meta-token");
	}

	@Test
	void answersASlowVendorWithATimeout() {
		meta.stubFor(get(urlPathEqualTo(PATH))
			.willReturn(okJson("{\"permission\":{\"status\":\"permanent\"}}").withFixedDelay(3_000)));
		assertProblem(lookup("businessNumber=%2B14155550100&userNumber=%2B13057765456"), 504, "PROVIDER_TIMEOUT");
	}

	@Test
	void answersAVendor5xxAsProviderError() {
		meta.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503).withBody("<html>down</html>")));
		HttpResponse<String> response = lookup("businessNumber=%2B14155550100&userNumber=%2B13057765456");
		assertProblem(response, 502, "PROVIDER_ERROR");
		assertThat(json(response).get("providerHttpStatus").asInt()).isEqualTo(503);
	}

	@Test
	void answersAnUnknownStatusAsUnknownNotAnError() {
		meta.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"permission\":{\"status\":\"on_hold\"}}")));
		JsonNode body = json(lookup("businessNumber=%2B14155550100&userNumber=%2B13057765456"));
		assertThat(body.get("permission").get("status").asText()).isEqualTo("unknown");
		assertThat(body.get("permission").get("providerStatus").asText()).isEqualTo("on_hold");
		assertThat(body.get("blockedReason").asText()).isEqualTo("unknown_status");
	}

	@Test
	void answersAnUnknownPathWithAProblem() {
		assertProblem(get(this.port, "/nothing-here", "X-API-Key", KEY), 404, "NOT_FOUND");
	}

	@Test
	void answersAWrongMethodWithAProblem() {
		HttpResponse<String> response = dev.callpermissions.HttpExchange.send(this.port, "DELETE",
				"/call-permissions?businessNumber=%2B14155550100", "X-API-Key", KEY);
		assertProblem(response, 405, "METHOD_NOT_ALLOWED");
		assertThat(response.headers().firstValue("Allow")).hasValue("GET");
	}

	@Test
	void answersAnUnacceptableMediaTypeWithAProblem() {
		assertProblem(get(this.port, "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765456",
				"X-API-Key", KEY, "Accept", "text/csv"), 406, "NOT_ACCEPTABLE");
	}

	@Test
	void echoesTheCallersRequestId() {
		HttpResponse<String> response = get(this.port, "/call-permissions?businessNumber=bad", "X-API-Key", KEY,
				"X-Request-Id", "crm-42");
		assertThat(response.headers().allValues("X-Request-Id")).containsExactly("crm-42");
		assertThat(json(response).get("requestId").asText()).isEqualTo("crm-42");
	}

	@Test
	void replacesAnUnsafeRequestIdWithANewOne() {
		HttpResponse<String> response = get(this.port, "/call-permissions?businessNumber=bad", "X-API-Key", KEY,
				"X-Request-Id", "forged\tline");
		String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(requestId).isNotEqualTo("forged\tline").matches("[0-9a-f-]{36}");
		assertThat(json(response).get("requestId").asText()).isEqualTo(requestId);
	}

	@Test
	void refusesACallerWithoutAKey() {
		HttpResponse<String> response = get(this.port,
				"/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765456");
		assertProblem(response, 401, "UNAUTHENTICATED");
		assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
		meta.verify(0, com.github.tomakehurst.wiremock.client.WireMock
			.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
	}

	@Test
	void refusesACallerWithAWrongKey() {
		assertProblem(get(this.port, "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765456",
				"X-API-Key", "test-key-but-wrong"), 401, "UNAUTHENTICATED");
	}

	@Test
	void keepsHealthOpenWithoutAKey() {
		assertThat(get(this.port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> lookup(String query) {
		return get(this.port, "/call-permissions?" + query, "X-API-Key", KEY);
	}

	static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json(response);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("code").asText()).isEqualTo(code);
		assertThat(problem.get("type").asText()).startsWith("https://callpermissions.dev/problems/");
		assertThat(problem.get("title").asText()).isNotBlank();
		assertThat(problem.get("requestId").asText())
			.isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
		}

	}

}
