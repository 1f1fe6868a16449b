package dev.callpermissions.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Kaleyra's "Get Call Consent Status" as documented: filters its consent records by the
 * comma-separated {@code business_phone_number} and {@code user_phone_number}, and pages
 * them with {@code limit} (default 25) and {@code offset}. The sample users are listed in
 * the README.
 */
final class KaleyraSimulation implements ResponseDefinitionTransformerV2 {

	static final String SID = "HXAP16XXXXXX97IN";

	static final String API_KEY = "sandbox-kaleyra-key";

	private static final String PATH = "/v2/" + SID + "/whatsapp/call_permissions";

	private static final Set<String> BUSINESS_NUMBERS = Set.of("+912012345472", "+912012345476");

	@Override
	public String getName() {
		return "kaleyra-consents";
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	static void stub(WireMockServer server) {
		server.stubFor(get(urlPathEqualTo(PATH)).atPriority(9)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"code\":\"RBC001\",\"message\":\"Incorrect SID or API key.\",\"data\":[],"
						+ "\"error\":{\"error\":\"Incorrect SID or API key.\"}}")));
		server.stubFor(get(urlPathEqualTo(PATH)).atPriority(1)
			.withHeader("api-key", equalTo(API_KEY))
			.willReturn(aResponse().withTransformers("kaleyra-consents")));
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		var request = serveEvent.getRequest();
		List<String> businessNumbers = list(request.queryParameter("business_phone_number"));
		List<String> userNumbers = list(request.queryParameter("user_phone_number"));
		if (userNumbers.contains("+919812345690")) {
			return json(500, "{\"code\":\"WA500\",\"message\":\"Internal Server Error\",\"data\":[],\"error\":{}}");
		}
		if (userNumbers.contains("+919812345692")) {
			return aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json")
				.withHeader("Retry-After", "4")
				.withBody("{\"code\":\"WA429\",\"message\":\"Too many requests\",\"data\":[],\"error\":{}}")
				.build();
		}
		int limit = number(request.queryParameter("limit"), 25);
		int offset = number(request.queryParameter("offset"), 0);
		List<String> matching = userNumbers.stream()
			.flatMap((user) -> businessNumbers.stream().flatMap((business) -> consents(business, user).stream()))
			.toList();
		String data = matching.stream().skip(offset).limit(limit).collect(Collectors.joining(",", "[", "]"));
		return json(200, "{\"code\":\"WA200\",\"message\":\"Request Processed Successfully\",\"data\":" + data
				+ ",\"error\":{},\"limit\":" + limit + ",\"offset\":" + offset + ",\"total\":" + matching.size() + "}");
	}

	/** The consent records for a pair, none where Kaleyra has none. */
	private static List<String> consents(String business, String user) {
		if (!BUSINESS_NUMBERS.contains(business) || !business.equals("+912012345472")) {
			return List.of();
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String permanent = record(business, user, true, "accept", true, "user_action", "expiration_timestamp",
				now.plus(Duration.ofDays(3)));
		String autoRevoked = record(business, user, false, "reject", false, "automatic", "expiration_timestamp", null);
		Map<String, List<String>> records = Map.of("+919812345601", List.of(permanent), "+919812345602",
				List.of(record(business, user, true, "accept", false, "automatic", "expiration_time_stamp",
						now.plus(Duration.ofDays(5)))),
				"+919812345603",
				List.of(record(business, user, false, "reject", false, "user_action", "expiration_timestamp", null)),
				"+919812345604",
				List.of(record(business, user, false, "accept", false, "meta_api", "expiration_timestamp",
						now.plus(Duration.ofDays(2)))),
				"+919812345605",
				List.of(record(business, user, true, "accept", false, "user_action", "expiration_timestamp",
						now.minus(Duration.ofDays(1)))),
				// Kaleyra lists several records for one pair without the time of each
				// reply
				"+919812345606", List.of(permanent, autoRevoked), "+919812345607", List.of(autoRevoked, permanent),
				"+919812345608",
				List.of("{\"business_phone_number\":\"" + business + "\",\"user_phone_number\":\"" + user
						+ "\",\"can_perform_action\":true,\"response\":\"accept\",\"is_permanent\":false,"
						+ "\"response_source\":\"user_action\",\"expiration_timestamp\":\"tomorrow\"}"));
		return records.getOrDefault(user, List.of());
	}

	private static String record(String business, String user, boolean canPerformAction, String response,
			boolean permanent, String source, String expiryField, Instant expiry) {
		return "{\"business_phone_number\":\"" + business + "\",\"user_phone_number\":\"" + user
				+ "\",\"can_perform_action\":" + canPerformAction + ",\"response\":\"" + response
				+ "\",\"is_permanent\":" + permanent + ",\"response_source\":\"" + source + "\",\"" + expiryField
				+ "\":" + ((expiry != null) ? "\"" + expiry + "\"" : "null") + "}";
	}

	private static List<String> list(QueryParameter parameter) {
		if (parameter == null || !parameter.isPresent()) {
			return List.of();
		}
		return parameter.values()
			.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.map(String::strip)
			.toList();
	}

	private static int number(QueryParameter parameter, int fallback) {
		return (parameter != null && parameter.isPresent()) ? Integer.parseInt(parameter.firstValue()) : fallback;
	}

	private static ResponseDefinition json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
	}

}
