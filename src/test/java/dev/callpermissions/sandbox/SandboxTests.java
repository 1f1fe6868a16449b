package dev.callpermissions.sandbox;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.callpermissions.HttpExchange.get;
import static dev.callpermissions.HttpExchange.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's sample users, through real HTTP against the simulated vendors.
 */
class SandboxTests extends SandboxTestSupport {

	@ParameterizedTest(name = "{0} {1} -> {2}, canCall {3}, {4}")
	@CsvSource(nullValues = "null", value = { "+14155550100, +13057765456, temporary, false, call_limit_reached",
			"+14155550100, +13057765401, temporary, true, null", "+14155550100, +13057765402, permanent, true, null",
			"+14155550100, +13057765403, not_granted, false, not_granted",
			"+14155550100, +13057765404, expired, false, expired",
			"+14155550100, +13057765405, unknown, false, unknown_status",
			"+14155550100, +13057765499, not_granted, false, not_granted",
			"+14155550101, +13057765456, temporary, false, call_limit_reached",
			"+14155550101, +13057765402, permanent, true, null", "+6560000001, +6591230001, temporary, true, null",
			"+6560000001, +6591230002, permanent, true, null",
			"+6560000001, +6591230003, not_granted, false, not_granted",
			"+6560000001, +6591230004, temporary, false, call_limit_reached",
			"+6560000001, +6591230099, not_granted, false, not_granted",
			"+14155550101, +13057765406, temporary, false, call_not_allowed",
			"+912012345472, +919812345601, permanent, true, null",
			"+912012345472, +919812345602, temporary, true, null",
			"+912012345472, +919812345603, not_granted, false, not_granted",
			"+912012345472, +919812345604, temporary, false, call_not_allowed",
			"+912012345472, +919812345605, expired, false, expired",
			"+912012345472, +919812345606, not_granted, false, not_granted",
			"+912012345472, +919812345607, not_granted, false, not_granted",
			"+912012345472, +919812345699, not_granted, false, not_granted",
			"+912012345476, +919812345601, not_granted, false, not_granted" })
	void answersEachSampleUser(String businessNumber, String userNumber, String status, boolean canCall,
			String blockedReason) {
		HttpResponse<String> response = lookup(
				"businessNumber=" + encoded(businessNumber) + "&userNumber=" + encoded(userNumber));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("permission").get("status").asText()).isEqualTo(status);
		assertThat(body.get("canCall").asBoolean()).isEqualTo(canCall);
		assertThat(body.get("blockedReason").isNull() ? null : body.get("blockedReason").asText())
			.isEqualTo(blockedReason);
	}

	@Test
	void retriesACallLimitAtItsReset() {
		JsonNode body = json(lookup("businessNumber=%2B14155550100&userNumber=%2B13057765456"));
		assertThat(body.get("retryAt").asText())
			.isEqualTo(body.get("actions").get(1).get("limits").get(0).get("resetsAt").asText());
	}

	@Test
	void looksUpTheSampleUserIdThroughChakra() {
		JsonNode body = json(lookup("businessNumber=%2B14155550101&userId=US.13491208655302741918"));
		assertThat(body.get("provider").asText()).isEqualTo("chakra");
		assertThat(body.get("canCall").asBoolean()).isTrue();
	}

	@ParameterizedTest(name = "{0} {1} -> {2} {3}")
	@CsvSource({ "+14155550100, +13057765490, 429, RATE_LIMITED",
			"+14155550100, +13057765491, 502, PROVIDER_AUTH_FAILED",
			"+14155550100, +13057765492, 502, PROVIDER_REJECTED", "+14155550100, +13057765493, 502, PROVIDER_ERROR",
			"+14155550100, +13057765494, 504, PROVIDER_TIMEOUT",
			"+14155550100, +13057765495, 400, INVALID_PHONE_NUMBER", "+14155550101, +13057765496, 502, PROVIDER_ERROR",
			"+14155550101, +13057765492, 502, PROVIDER_REJECTED",
			"+14155550101, +13057765497, 502, PROVIDER_REJECTED" })
	void answersEachSampleError(String businessNumber, String userNumber, int status, String code) {
		HttpResponse<String> response = lookup(
				"businessNumber=" + encoded(businessNumber) + "&userNumber=" + encoded(userNumber));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(response).get("code").asText()).isEqualTo(code);
	}

	@Test
	void refusesAUserIdOnAPhoneOnlyVendorWithoutAskingIt() {
		simulations().server("8x8").resetRequests();
		HttpResponse<String> response = lookup("businessNumber=%2B6560000001&userId=US.13491208655302741918");
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(json(response).get("code").asText()).isEqualTo("LOOKUP_NOT_SUPPORTED");
		assertThat(simulations().server("8x8").getAllServeEvents()).isEmpty();
	}

	@Test
	void keepsKaleyrasSourceAndReportsOnlyItsCallAction() {
		JsonNode body = json(lookup("businessNumber=%2B912012345472&userNumber=%2B919812345602"));
		assertThat(body.get("permission").get("source").asText()).isEqualTo("automatic");
		assertThat(body.get("canRequestPermission").isNull()).isTrue();
		assertThat(body.get("actions")).hasSize(1);
		assertThat(body.get("actions").get(0).get("name").asText()).isEqualTo("start_call");
	}

	@Test
	void servesSwaggerUiAndTheOpenApiDocumentWithoutAKey() {
		HttpResponse<String> ui = get(this.port, "/swagger-ui/index.html");
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui");
		assertThat(get(this.port, "/swagger-ui.html").statusCode()).isEqualTo(302);
		assertThat(get(this.port, "/v3/api-docs").statusCode()).isEqualTo(200);
	}

	@Test
	void exposesOnlyHealthAndInfoOfActuator() {
		assertThat(get(this.port, "/actuator/health").statusCode()).isEqualTo(200);
		assertThat(json(get(this.port, "/actuator/info")).get("build").get("artifact").asText())
			.isEqualTo("call-permissions-proxy");
		for (String endpoint : new String[] { "env", "configprops", "beans", "heapdump", "loggers" }) {
			assertThat(get(this.port, "/actuator/" + endpoint, "X-API-Key", API_KEY).statusCode()).as(endpoint)
				.isEqualTo(404);
		}
	}

	private HttpResponse<String> lookup(String query) {
		return get(this.port, "/call-permissions?" + query, "X-API-Key", API_KEY);
	}

	private static String encoded(String number) {
		return number.replace("+", "%2B");
	}

}
