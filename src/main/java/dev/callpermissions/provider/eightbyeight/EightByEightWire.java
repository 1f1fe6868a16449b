package dev.callpermissions.provider.eightbyeight;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * 8x8's call-permission JSON, field for field ("Get Call Permission Status").
 */
final class EightByEightWire {

	private EightByEightWire() {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Response(@JsonProperty("status") String status, @JsonProperty("actions") List<Action> actions,
			@JsonProperty("expirationTime") String expirationTime) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Action(@JsonProperty("actionName") String actionName,
			@JsonProperty("canPerformAction") Boolean canPerformAction, @JsonProperty("limits") List<Limit> limits) {
	}

	/**
	 * {@code limitExpirationTime} is not in 8x8's page; read it should 8x8 pass Meta's
	 * through.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Limit(@JsonProperty("timePeriod") String timePeriod, @JsonProperty("maxAllowed") Integer maxAllowed,
			@JsonProperty("currentUsage") Integer currentUsage,
			@JsonProperty("limitExpirationTime") String limitExpirationTime) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Error(@JsonProperty("code") Integer code, @JsonProperty("message") String message,
			@JsonProperty("errorId") String errorId, @JsonProperty("timestamp") String timestamp) {
	}

}
