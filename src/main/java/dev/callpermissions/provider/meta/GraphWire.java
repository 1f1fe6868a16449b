package dev.callpermissions.provider.meta;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The call_permissions JSON of Meta's Graph API, field for field. ChakraHQ sends the same
 * shape, plus {@code permission.can_call}, and may put an {@code error} inside an HTTP
 * 200.
 */
final class GraphWire {

	private GraphWire() {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Response(@JsonProperty("messaging_product") String messagingProduct,
			@JsonProperty("permission") Permission permission, @JsonProperty("actions") List<Action> actions,
			@JsonProperty("error") JsonNode error) {
	}

	/** ChakraHQ's own error envelope, where it does not pass Meta's through. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ErrorEnvelope(@JsonProperty("error") JsonNode error, @JsonProperty("message") String message) {
	}

	/**
	 * {@code can_call} is ChakraHQ's own yes or no (its WhatsAppCallPermissionsResponse
	 * schema).
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Permission(@JsonProperty("status") String status, @JsonProperty("expiration_time") Long expirationTime,
			@JsonProperty("can_call") Boolean canCall) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Action(@JsonProperty("action_name") String actionName,
			@JsonProperty("can_perform_action") Boolean canPerformAction, @JsonProperty("limits") List<Limit> limits) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Limit(@JsonProperty("time_period") String timePeriod, @JsonProperty("max_allowed") Integer maxAllowed,
			@JsonProperty("current_usage") Integer currentUsage,
			@JsonProperty("limit_expiration_time") Long limitExpirationTime) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Error(@JsonProperty("message") String message, @JsonProperty("type") String type,
			@JsonProperty("code") Integer code, @JsonProperty("error_subcode") Integer errorSubcode,
			@JsonProperty("error_data") ErrorData errorData, @JsonProperty("fbtrace_id") String fbtraceId) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ErrorData(@JsonProperty("details") String details) {
	}

}
