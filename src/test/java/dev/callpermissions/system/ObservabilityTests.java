package dev.callpermissions.system;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.callpermissions.sandbox.SandboxTestSupport;

import static dev.callpermissions.HttpExchange.get;
import static dev.callpermissions.HttpExchange.json;
import static dev.callpermissions.HttpExchange.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators see: log lines that say what happened and for whom without a secret or a
 * full number in them, and the metrics behind {@code /actuator/prometheus}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTests extends SandboxTestSupport {

	/** Every credential the sandbox configures. */
	private static final List<String> SECRETS = List.of(API_KEY, "sandbox-meta-token", "sandbox-chakra-token",
			"sandbox-8x8-key", "sandbox-kaleyra-key", "sandbox-verify-token", "sandbox-app-secret");

	@Test
	void logsSayWhatHappenedForWhomWithoutSecretsOrFullNumbers(CapturedOutput output) {
		lookup("%2B14155550100", "%2B13057765401", "X-Request-Id", "trace-ok");
		lookup("%2B14155550100", "%2B13057765491", "X-Request-Id", "trace-auth");
		lookup("%2B14155550100", "%2B13057765494", "X-Request-Id", "trace-timeout");
		lookup("%2B14155550101", "%2B13057765496", "X-Request-Id", "trace-chakra");
		lookup("%2B6560000001", "%2B6591230001", "X-Request-Id", "trace-8x8");
		lookup("%2B14155550100", "%2B1305", "X-Request-Id", "trace-invalid");
		get(this.port, "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765402", "X-API-Key",
				"wrong-key-123");
		post(this.port, "/call-permissions/batch", """
				{"lookups":[{"businessNumber":"+912012345472","userNumber":"+919812345601"},
				 {"businessNumber":"+14155550100","userNumber":"+13057765403"}]}""", "X-API-Key", API_KEY,
				"Content-Type", "application/json", "Cache-Control", "no-cache", "X-Request-Id", "trace-batch");

		assertThat(output.getAll()).contains("[trace-ok sandbox +1305*****01]")
			.containsPattern("\\[trace-ok sandbox \\+1305\\*{5}01\\].*Vendor call provider=meta account=meta-main"
					+ " outcome=success duration=\\d+ms")
			.containsPattern("\\[trace-auth sandbox .*Vendor call provider=meta account=meta-main outcome=client_error")
			.containsPattern("\\[trace-timeout sandbox .*Vendor call provider=meta account=meta-main outcome=timeout")
			.containsPattern("\\[trace-8x8 sandbox .*Vendor call provider=8x8 account=eightbyeight-sg outcome=success")
			.containsPattern("\\[trace-batch sandbox .*Vendor call provider=kaleyra account=kaleyra-in outcome=success")
			.doesNotContain("wrong-key-123");
		SECRETS.forEach((secret) -> assertThat(output.getAll()).doesNotContain(secret));
		List.of("13057765401", "13057765491", "13057765494", "13057765496", "6591230001", "919812345601", "13057765403")
			.forEach((digits) -> assertThat(output.getAll()).as("a full user number").doesNotContain(digits));
	}

	@Test
	void prometheusShowsLookupsVendorCallsCacheAndBreakersToAClientWithAKey() {
		lookup("%2B14155550100", "%2B13057765402");
		get(this.port, "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B13057765402", "X-API-Key",
				API_KEY);
		lookup("%2B14155550100", "%2B13057765405");
		lookup("%2B14155550199", "%2B13057765405");
		lookup("%2B14155550100", "hello");
		get(this.port, "/call-permissions?businessNumber=%2B912012345472&userId=US.1000000000401", "X-API-Key",
				API_KEY);
		post(this.port, "/call-permissions/batch",
				"{\"lookups\":[{\"businessNumber\":\"+14155550100\",\"userNumber\":\"+1305\"}]}", "X-API-Key", API_KEY,
				"Content-Type", "application/json");

		HttpResponse<String> scrape = get(this.port, "/actuator/prometheus", "X-API-Key", API_KEY);

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body())
			.containsPattern("call_permissions_lookups_seconds_count\\{account=\"meta-main\",application=\""
					+ "call-permissions-proxy\",cache=\"hit\",client=\"sandbox\",outcome=\"ok\",provider=\"meta\"} [1-9]")
			.containsPattern("call_permissions_lookups_seconds_count\\{[^}]*cache=\"miss\",client=\"sandbox\","
					+ "outcome=\"ok\",provider=\"meta\"} [1-9]")
			.containsPattern("call_permissions_lookups_seconds_count\\{account=\"none\",[^}]*outcome=\""
					+ "UNKNOWN_BUSINESS_NUMBER\",provider=\"none\"} [1-9]")
			.containsPattern("call_permissions_lookups_seconds_count\\{account=\"none\",[^}]*client=\"sandbox\","
					+ "outcome=\"INVALID_PHONE_NUMBER\",provider=\"none\"} [1-9]")
			.containsPattern("call_permissions_lookups_seconds_count\\{account=\"kaleyra-in\",[^}]*outcome=\""
					+ "LOOKUP_NOT_SUPPORTED\",provider=\"kaleyra\"} [1-9]")
			.containsPattern("call_permissions_lookups_seconds_bucket\\{")
			.containsPattern("call_permissions_vendor_calls_seconds_count\\{account=\"meta-main\",application=\""
					+ "call-permissions-proxy\",outcome=\"success\",provider=\"meta\"} [1-9]")
			.containsPattern("call_permissions_unknown_status_total\\{[^}]*provider=\"meta\"} [1-9]")
			.containsPattern("cache_size\\{[^}]*cache=\"call-permissions\"")
			.containsPattern("cache_gets_total\\{[^}]*cache=\"call-permissions\"[^}]*result=\"hit\"")
			.containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"meta-main\"[^}]*state=\"closed\"} 1")
			.contains("resilience4j_retry_calls_total", "resilience4j_bulkhead_available_concurrent_calls",
					"resilience4j_ratelimiter_available_permissions");
		SECRETS.forEach((secret) -> assertThat(scrape.body()).doesNotContain(secret));
		assertThat(get(this.port, "/actuator/prometheus").statusCode()).isEqualTo(401);
	}

	@Test
	void noActuatorEndpointRevealsConfigurationOrCredentials() {
		for (String endpoint : List.of("/actuator/env", "/actuator/configprops", "/actuator/beans",
				"/actuator/heapdump", "/actuator/loggers")) {
			HttpResponse<String> response = get(this.port, endpoint, "X-API-Key", API_KEY);
			assertThat(response.statusCode()).as(endpoint).isEqualTo(404);
		}
		HttpResponse<String> health = get(this.port, "/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		SECRETS.forEach((secret) -> assertThat(health.body()).doesNotContain(secret));
	}

	@Test
	void everyProblemCarriesTheRequestIdOfItsResponse() {
		HttpResponse<String> unauthenticated = get(this.port, "/call-permissions?businessNumber=1", "X-Request-Id",
				"abc-123");
		HttpResponse<String> invalid = lookup("%2B14155550100", "%2B1305");

		assertThat(unauthenticated.statusCode()).isEqualTo(401);
		assertThat(unauthenticated.headers().firstValue("X-Request-Id")).hasValue("abc-123");
		assertThat(json(unauthenticated).get("requestId").asText()).isEqualTo("abc-123");
		assertThat(json(invalid).get("requestId").asText())
			.isEqualTo(invalid.headers().firstValue("X-Request-Id").orElseThrow());
	}

	private HttpResponse<String> lookup(String businessNumber, String userNumber, String... headers) {
		String[] all = new String[headers.length + 4];
		all[0] = "X-API-Key";
		all[1] = API_KEY;
		all[2] = "Cache-Control";
		all[3] = "no-cache";
		System.arraycopy(headers, 0, all, 4, headers.length);
		return get(this.port, "/call-permissions?businessNumber=" + businessNumber + "&userNumber=" + userNumber, all);
	}

}
