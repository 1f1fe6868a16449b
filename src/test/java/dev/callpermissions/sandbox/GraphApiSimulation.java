package dev.callpermissions.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

/**
 * Meta's Graph API call_permissions endpoint as Meta documents it ("Obtain User Call
 * Permissions", Cloud API calling), mounted on Meta's path or ChakraHQ's. Times are
 * relative to now so the sandbox never goes stale. The sample users are listed in the
 * README.
 */
final class GraphApiSimulation {

	static final String META_TOKEN = "sandbox-meta-token";

	static final String CHAKRA_TOKEN = "sandbox-chakra-token";

	private static final String IN_5_DAYS = "{{now offset='5 days' format='unix'}} ";

	private static final String IN_13_HOURS = "{{now offset='13 hours' format='unix'}} ";

	private static final String TWO_DAYS_AGO = "{{now offset='-2 days' format='unix'}} ";

	/**
	 * Asked for permission, not answered at the first lookup, "Allow" tapped right after.
	 */
	static final String ALLOWS_AFTER_FIRST_LOOKUP = "13057765420";

	private final WireMockServer server;

	private final String pathPattern;

	private final String token;

	private GraphApiSimulation(WireMockServer server, String pathPattern, String token) {
		this.server = server;
		this.pathPattern = pathPattern;
		this.token = token;
	}

	static void meta(WireMockServer server) {
		new GraphApiSimulation(server, "/v[0-9.]+/[0-9]+/call_permissions", META_TOKEN).stubAll();
	}

	static void chakra(WireMockServer server) {
		GraphApiSimulation chakra = new GraphApiSimulation(server, "/v1/whatsapp/v[0-9.]+/[0-9]+/call_permissions",
				CHAKRA_TOKEN);
		chakra.stubAll();
		// ChakraHQ passes Meta's errors through with HTTP 200 ("Get call permission
		// state")
		chakra.user("13057765496", okJson(metaError(131000, "Something went wrong", null)));
		chakra.user("13057765497",
				okJson(metaError(131030, "(#131030) Recipient phone number not in allowed list", null)));
		// ChakraHQ's own permission.can_call (its WhatsAppCallPermissionsResponse schema)
		chakra.user("13057765406",
				okJson("{\"messaging_product\":\"whatsapp\",\"permission\":{\"status\":\"temporary\","
						+ "\"expiration_time\":" + IN_5_DAYS + ",\"can_call\":false},\"actions\":["
						+ startCall(true, "{\"time_period\":\"PT24H\",\"max_allowed\":100,\"current_usage\":2}")
						+ "]}"));
	}

	private void stubAll() {
		this.server.stubFor(get(urlPathMatching(this.pathPattern)).atPriority(9)
			.willReturn(okJson(permission("no_permission", null, requestAllowed(true)))));
		this.server.stubFor(get(urlPathMatching(this.pathPattern)).atPriority(1)
			.withHeader("Authorization", notContaining("Bearer " + this.token))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody(metaError(190, "Error validating access token: The session is invalid.", 460))));
		user("13057765456",
				okJson(permission("temporary", IN_5_DAYS,
						requestAllowed(true) + ","
								+ startCall(false, "{\"time_period\":\"PT24H\",\"max_allowed\":5,\"current_usage\":5,"
										+ "\"limit_expiration_time\":" + IN_13_HOURS + "}"))));
		user("13057765401", okJson(permission("temporary", IN_5_DAYS, requestAllowed(false) + ","
				+ startCall(true, "{\"time_period\":\"PT24H\",\"max_allowed\":100,\"current_usage\":2}"))));
		user("13057765402", okJson(permission("permanent", null, requestAllowed(false) + ","
				+ startCall(true, "{\"time_period\":\"PT24H\",\"max_allowed\":100,\"current_usage\":3}"))));
		user("13057765403", okJson(permission("no_permission", null, requestAllowed(true))));
		user("13057765404", okJson(permission("temporary", TWO_DAYS_AGO, requestAllowed(true))));
		user("13057765405", okJson(permission("pending_review", null, requestAllowed(false))));
		user("13057765490",
				aResponse().withStatus(429)
					.withHeader("Content-Type", "application/json")
					.withHeader("Retry-After", "2")
					.withBody(metaError(613, "(#613) Calls to this api have exceeded the rate limit.", null)));
		user("13057765491",
				aResponse().withStatus(401)
					.withHeader("Content-Type", "application/json")
					.withBody(metaError(190, "Error validating access token: Session has expired.", 463)));
		user("13057765492",
				aResponse().withStatus(401)
					.withHeader("Content-Type", "application/json")
					.withBody(metaError(138000, "Calling is not enabled for this phone number", null)));
		user("13057765493",
				aResponse().withStatus(500)
					.withHeader("Content-Type", "text/html")
					.withBody("<html><body>Internal Server Error</body></html>"));
		user("13057765494", okJson(permission("permanent", null, requestAllowed(false))).withFixedDelay(5_000));
		user("13057765495",
				aResponse().withStatus(400)
					.withHeader("Content-Type", "application/json")
					.withBody(metaError(100, "(#100) Invalid parameter", null)));
		this.server.stubFor(lookup().withQueryParam("user_wa_id", equalTo(ALLOWS_AFTER_FIRST_LOOKUP))
			.inScenario("user taps Allow")
			.whenScenarioStateIs(STARTED)
			.willReturn(okJson(permission("no_permission", null, requestAllowed(true))))
			.willSetStateTo("allowed"));
		this.server.stubFor(lookup().withQueryParam("user_wa_id", equalTo(ALLOWS_AFTER_FIRST_LOOKUP))
			.inScenario("user taps Allow")
			.whenScenarioStateIs("allowed")
			.willReturn(okJson(permission("temporary", IN_5_DAYS, requestAllowed(false) + ","
					+ startCall(true, "{\"time_period\":\"PT24H\",\"max_allowed\":100,\"current_usage\":0}")))));
		this.server.stubFor(lookup().withQueryParam("recipient", equalTo("US.13491208655302741918"))
			.willReturn(okJson(permission("temporary", IN_5_DAYS, requestAllowed(false) + ","
					+ startCall(true, "{\"time_period\":\"PT24H\",\"max_allowed\":100,\"current_usage\":0}")))));
	}

	private void user(String waId, ResponseDefinitionBuilder response) {
		this.server.stubFor(lookup().withQueryParam("user_wa_id", equalTo(waId)).willReturn(response));
	}

	private MappingBuilder lookup() {
		return get(urlPathMatching(this.pathPattern)).atPriority(5)
			.withHeader("Authorization", matching("Bearer " + this.token));
	}

	private static String permission(String status, String expirationTime, String actions) {
		String expiration = (expirationTime != null) ? ",\"expiration_time\":" + expirationTime : "";
		return "{\"messaging_product\":\"whatsapp\",\"permission\":{\"status\":\"" + status + "\"" + expiration
				+ "},\"actions\":[" + actions + "]}";
	}

	private static String requestAllowed(boolean allowed) {
		return "{\"action_name\":\"send_call_permission_request\",\"can_perform_action\":" + allowed
				+ ",\"limits\":[{\"time_period\":\"PT24H\",\"max_allowed\":1,\"current_usage\":" + (allowed ? 0 : 1)
				+ "},{\"time_period\":\"P7D\",\"max_allowed\":2,\"current_usage\":1}]}";
	}

	private static String startCall(boolean allowed, String limit) {
		return "{\"action_name\":\"start_call\",\"can_perform_action\":" + allowed + ",\"limits\":[" + limit + "]}";
	}

	private static String metaError(int code, String message, Integer subcode) {
		return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
				+ ((subcode != null) ? ",\"error_subcode\":" + subcode : "")
				+ ",\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}";
	}

}
