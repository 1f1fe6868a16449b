package dev.callpermissions.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * 8x8's "Get Call Permission Status" as documented, for sub-account {@code acme_wa} and
 * channel {@code a1b2c3}. The sample users are listed in the README.
 */
final class EightByEightSimulation {

	static final String API_KEY = "sandbox-8x8-key";

	private static final String PATH = "/api/v1/whatsapp/subaccounts/acme_wa/channels/a1b2c3/callPermissions";

	/** 7 fraction digits and a numeric offset, as 8x8's own timestamps show. */
	private static final String IN_5_DAYS = "{{now offset='5 days' timezone='UTC' format=\"yyyy-MM-dd'T'HH:mm:ss'.0000000+00:00'\"}}";

	private EightByEightSimulation() {
	}

	static void stub(WireMockServer server) {
		server.stubFor(get(urlPathEqualTo(PATH)).atPriority(9)
			.willReturn(okJson(permission("not_granted", null, requestAllowed()))));
		server.stubFor(get(urlPathEqualTo(PATH)).atPriority(1)
			.withHeader("Authorization", notContaining("Bearer " + API_KEY))
			.willReturn(error(401, 1200, "Request was not authenticated properly")));
		user(server, "+6591230001", okJson(permission("temporary", IN_5_DAYS, requestAllowed() + ","
				+ startCall(true, "{\"timePeriod\":\"PT24H\",\"maxAllowed\":100,\"currentUsage\":4}"))));
		user(server, "+6591230002", okJson(permission("permanent", null,
				startCall(true, "{\"timePeriod\":\"PT24H\",\"maxAllowed\":100,\"currentUsage\":0}"))));
		user(server, "+6591230003", okJson(permission("not_granted", null, requestAllowed())));
		user(server, "+6591230004", okJson(permission("temporary", IN_5_DAYS,
				startCall(false, "{\"timePeriod\":\"PT24H\",\"maxAllowed\":100,\"currentUsage\":100}"))));
		user(server, "+6591230090", error(429, 1300, "Too many requests").withHeader("Retry-After", "5"));
		user(server, "+6591230091", error(400, 1002, "Invalid MSISDN format (not E.164 international number)"));
		user(server, "+6591230092", error(400, 1001, "Provided subAccountId doesn't belongs to your account"));
		user(server, "+6591230093", error(500, 2000, "Internal server error"));
	}

	private static void user(WireMockServer server, String destination, ResponseDefinitionBuilder response) {
		server.stubFor(get(urlPathEqualTo(PATH)).atPriority(5)
			.withQueryParam("destination", equalTo(destination))
			.willReturn(response));
	}

	private static String permission(String status, String expirationTime, String actions) {
		String expiration = (expirationTime != null) ? ",\"expirationTime\":\"" + expirationTime + "\"" : "";
		return "{\"status\":\"" + status + "\",\"actions\":[" + actions + "]" + expiration + "}";
	}

	private static String requestAllowed() {
		return "{\"actionName\":\"send_call_permission_request\",\"canPerformAction\":true,\"limits\":["
				+ "{\"timePeriod\":\"PT24H\",\"maxAllowed\":1,\"currentUsage\":0},"
				+ "{\"timePeriod\":\"P7D\",\"maxAllowed\":2,\"currentUsage\":0}]}";
	}

	private static String startCall(boolean allowed, String limit) {
		return "{\"actionName\":\"start_call\",\"canPerformAction\":" + allowed + ",\"limits\":[" + limit + "]}";
	}

	private static ResponseDefinitionBuilder error(int status, int code, String message) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":" + code + ",\"message\":\"" + message
					+ "\",\"errorId\":\"91b106f0-c0da-4aba-a43a-7af9c5893a80\",\"timestamp\":\"2026-11-22T09:42:38.8988997+00:00\"}");
	}

}
