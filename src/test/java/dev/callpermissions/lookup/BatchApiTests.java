package dev.callpermissions.lookup;

import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callpermissions.sandbox.SandboxTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static dev.callpermissions.HttpExchange.get;
import static dev.callpermissions.HttpExchange.json;
import static dev.callpermissions.HttpExchange.post;
import static dev.callpermissions.lookup.CallPermissionApiTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /call-permissions/batch} against the simulated vendors.
 */
class BatchApiTests extends SandboxTestSupport {

	@BeforeEach
	void forgetEarlierRequests() {
		simulations().servers().forEach((server) -> server.resetRequests());
	}

	@Test
	void answersEveryLookupInOrderAcrossVendorsWithFailuresInPlace() {
		JsonNode results = results("""
				{"lookups":[
				  {"businessNumber":"+14155550100","userNumber":"+13057765402"},
				  {"businessNumber":"+912012345472","userNumber":"+919812345601"},
				  {"businessNumber":"+14155550101","userId":"US.13491208655302741918"},
				  {"businessNumber":"+6560000001","userNumber":"+6591230001"},
				  {"businessNumber":"+14155550100","userNumber":"not a number"},
				  {"businessNumber":"+14155550199","userNumber":"+13057765402"},
				  {"businessNumber":"+6560000001","userId":"US.13491208655302741918"},
				  {"businessNumber":"+14155550100","userNumber":"+13057765490"},
				  {"businessNumber":"+14155550100"}
				]}""");
		assertThat(results).hasSize(9);
		assertThat(results.get(0).get("provider").asText()).isEqualTo("meta");
		assertThat(results.get(0).get("permission").get("status").asText()).isEqualTo("permanent");
		assertThat(results.get(1).get("provider").asText()).isEqualTo("kaleyra");
		assertThat(results.get(1).get("permission").get("status").asText()).isEqualTo("permanent");
		assertThat(results.get(2).get("provider").asText()).isEqualTo("chakra");
		assertThat(results.get(2).get("userId").asText()).isEqualTo("US.13491208655302741918");
		assertThat(results.get(3).get("provider").asText()).isEqualTo("8x8");
		assertError(results.get(4), "INVALID_PHONE_NUMBER", 400);
		assertThat(results.get(4).get("userNumber").asText()).isEqualTo("not a number");
		assertError(results.get(5), "UNKNOWN_BUSINESS_NUMBER", 404);
		assertError(results.get(6), "LOOKUP_NOT_SUPPORTED", 422);
		assertError(results.get(7), "RATE_LIMITED", 429);
		assertThat(results.get(7).get("error").get("providerCode").asText()).isEqualTo("613");
		assertError(results.get(8), "INVALID_REQUEST", 400);
	}

	@Test
	void sendsTheLookupsOfOneKaleyraAccountAsOneRequest() {
		JsonNode results = results("""
				{"lookups":[
				  {"businessNumber":"+912012345472","userNumber":"+919812345601"},
				  {"businessNumber":"+912012345472","userNumber":"+919812345603"},
				  {"businessNumber":"+912012345476","userNumber":"+919812345601"},
				  {"businessNumber":"+912012345472","userNumber":"+919812345699"}
				]}""");
		simulations().server("kaleyra").verify(1, getRequestedFor(anyUrl()));
		assertThat(results.get(0).get("permission").get("status").asText()).isEqualTo("permanent");
		assertThat(results.get(1).get("permission").get("status").asText()).isEqualTo("not_granted");
		assertThat(results.get(1).get("permission").get("providerStatus").asText()).isEqualTo("reject");
		assertThat(results.get(2).get("businessNumber").asText()).isEqualTo("+912012345476");
		assertThat(results.get(2).get("permission").get("providerStatus").isNull()).isTrue();
		assertThat(results.get(3).get("permission").get("status").asText()).isEqualTo("not_granted");
	}

	@Test
	void failsEveryLookupOfAFailedKaleyraRequestButNoOther() {
		JsonNode results = results("""
				{"lookups":[
				  {"businessNumber":"+912012345472","userNumber":"+919812345601"},
				  {"businessNumber":"+912012345472","userNumber":"+919812345690"},
				  {"businessNumber":"+14155550100","userNumber":"+13057765402"}
				]}""");
		assertError(results.get(0), "PROVIDER_ERROR", 502);
		assertError(results.get(1), "PROVIDER_ERROR", 502);
		assertThat(results.get(2).get("canCall").asBoolean()).isTrue();
	}

	@Test
	void answersEveryOtherPairOfAKaleyraResponseHoldingAnUnreadableRecordWithoutRetrying() {
		JsonNode results = results("""
				{"lookups":[
				  {"businessNumber":"+912012345472","userNumber":"+919812345608"},
				  {"businessNumber":"+912012345472","userNumber":"+919812345601"},
				  {"businessNumber":"+912012345472","userNumber":"+919812345603"}
				]}""");
		assertError(results.get(0), "PROVIDER_ERROR", 502);
		assertThat(results.get(0).at("/error/retryable").asBoolean()).isFalse();
		assertThat(results.get(0).at("/error/providerMessage").asText()).isEqualTo("unreadable consent record");
		assertThat(results.get(1).at("/permission/status").asText()).isEqualTo("permanent");
		assertThat(results.get(2).at("/permission/status").asText()).isEqualTo("not_granted");
		simulations().server("kaleyra").verify(1, getRequestedFor(anyUrl()));
	}

	@Test
	void answersTheMostRestrictiveOfDisagreeingKaleyraRecordsInEitherOrderAndCountsThem() {
		JsonNode results = results("""
				{"lookups":[
				  {"businessNumber":"+912012345472","userNumber":"+919812345606"},
				  {"businessNumber":"+912012345472","userNumber":"+919812345607"}
				]}""");
		for (JsonNode result : results) {
			assertThat(result.at("/permission/status").asText()).as(result.toString()).isEqualTo("not_granted");
			assertThat(result.at("/permission/providerStatus").asText()).isEqualTo("reject");
			assertThat(result.at("/permission/source").asText()).isEqualTo("automatic");
			assertThat(result.get("canCall").asBoolean()).isFalse();
			assertThat(result.at("/actions/0/allowed").asBoolean()).isFalse();
		}
		assertThat(get(this.port, "/actuator/prometheus", "X-API-Key", API_KEY).body())
			.containsPattern("call_permissions_conflicting_records_total\\{[^}]*provider=\"kaleyra\"[^}]*} [1-9]");
	}

	@Test
	void showsAsRawOnlyTheAskedPairsKaleyraRecordsEvenAfterABatchAskedForOthers() {
		results("""
				{"lookups":[
				  {"businessNumber":"+912012345472","userNumber":"+919812345601"},
				  {"businessNumber":"+912012345472","userNumber":"+919812345602"},
				  {"businessNumber":"+912012345472","userNumber":"+919812345603"},
				  {"businessNumber":"+912012345472","userNumber":"+919812345699"}
				]}""");

		HttpResponse<String> cached = get(this.port,
				"/call-permissions?businessNumber=%2B912012345472&userNumber=%2B919812345603&include=raw", "X-API-Key",
				API_KEY);
		HttpResponse<String> none = get(this.port,
				"/call-permissions?businessNumber=%2B912012345472&userNumber=%2B919812345699&include=raw", "X-API-Key",
				API_KEY);

		// include=raw asks the vendor again: the cache keeps no vendor bodies
		assertThat(cached.headers().firstValue("Age")).isEmpty();
		JsonNode raw = json(cached).get("raw");
		assertThat(raw.get("code").asText()).isEqualTo("WA200");
		assertThat(raw.get("total").asInt()).isEqualTo(1);
		assertThat(raw.get("data")).hasSize(1);
		assertThat(raw.at("/data/0/user_phone_number").asText()).isEqualTo("+919812345603");
		assertThat(cached.body()).doesNotContain("919812345601").doesNotContain("919812345602");
		assertThat(json(none).get("raw").get("data")).isEmpty();
		assertThat(json(none).get("raw").get("total").asInt()).isZero();
		simulations().server("kaleyra").verify(3, getRequestedFor(anyUrl()));
	}

	@Test
	void asksIdenticalLookupsOnce() {
		JsonNode results = results("""
				{"lookups":[
				  {"businessNumber":"+14155550100","userNumber":"+13057765402"},
				  {"businessNumber":"14155550100","userNumber":"+1 305 776 5402"},
				  {"businessNumber":"+14155550100","userNumber":"+13057765402"}
				]}""");
		simulations().server("meta").verify(1, getRequestedFor(anyUrl()));
		assertThat(results).hasSize(3);
		results.forEach((result) -> assertThat(result.get("permission").get("status").asText()).isEqualTo("permanent"));
	}

	@Test
	void asksOneHundredLookupsConcurrently() {
		String lookups = IntStream.range(0, 100)
			.mapToObj((i) -> "{\"businessNumber\":\"+6560000001\",\"userNumber\":\"+65912300" + (10 + i % 80) + "\"}")
			.collect(Collectors.joining(",", "{\"lookups\":[", "]}"));
		JsonNode results = results(lookups);
		assertThat(results).hasSize(100);
		results.forEach((result) -> assertThat(result.get("provider").asText()).isEqualTo("8x8"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"lookups\":[]}", "{}", "{\"lookups\":null}", "{\"lookups\":[null]}", "{\"lookups\":{}}",
			"[]", "not json", "{\"lookups\":[{\"businessNumber\":1}", "" })
	void refusesAMalformedBatch(String body) {
		assertProblem(post(this.port, "/call-permissions/batch", body, "X-API-Key", API_KEY, "Content-Type",
				"application/json"), 400, "INVALID_REQUEST");
	}

	@Test
	void refusesMoreThanOneHundredLookups() {
		String lookups = IntStream.range(0, 101)
			.mapToObj((i) -> "{\"businessNumber\":\"+14155550100\",\"userNumber\":\"+13057765402\"}")
			.collect(Collectors.joining(",", "{\"lookups\":[", "]}"));
		HttpResponse<String> response = post(this.port, "/call-permissions/batch", lookups, "X-API-Key", API_KEY,
				"Content-Type", "application/json");
		assertProblem(response, 400, "INVALID_REQUEST");
		assertThat(json(response).get("detail").asText()).isEqualTo("lookups must hold 1 to 100 lookups.");
	}

	@Test
	void refusesABodyThatIsNotJson() {
		assertProblem(post(this.port, "/call-permissions/batch", "lookups", "X-API-Key", API_KEY, "Content-Type",
				"text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void refusesACallerWithoutAKey() {
		assertProblem(
				post(this.port, "/call-permissions/batch", "{\"lookups\":[]}", "Content-Type", "application/json"), 401,
				"UNAUTHENTICATED");
	}

	/** Asks past the cache, so the vendors' simulations see every lookup. */
	private JsonNode results(String body) {
		HttpResponse<String> response = post(this.port, "/call-permissions/batch", body, "X-API-Key", API_KEY,
				"Content-Type", "application/json", "Cache-Control", "no-cache");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response).get("results");
	}

	private static void assertError(JsonNode result, String code, int status) {
		JsonNode error = result.get("error");
		assertThat(error).as(result.toString()).isNotNull();
		assertThat(error.get("code").asText()).isEqualTo(code);
		assertThat(error.get("status").asInt()).isEqualTo(status);
		assertThat(error.get("instance").asText()).isEqualTo("/call-permissions/batch");
		assertThat(error.get("requestId").asText()).isNotBlank();
		assertThat(result.has("permission")).isFalse();
	}

}
