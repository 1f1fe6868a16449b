package dev.callpermissions.provider.kaleyra;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kaleyra's call-consent JSON, field for field ("Get Call Consent Status").
 */
final class KaleyraWire {

	private KaleyraWire() {
	}

	/**
	 * {@code error} is {@code {}} on success and an object or list on failure;
	 * {@code data} is read record by record, so that one unreadable record spoils only
	 * its own pair.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Response(@JsonProperty("code") String code, @JsonProperty("message") String message,
			@JsonProperty("data") List<JsonNode> data, @JsonProperty("error") JsonNode error,
			@JsonProperty("limit") Integer limit, @JsonProperty("offset") Integer offset,
			@JsonProperty("total") Integer total) {
	}

	/**
	 * The page's sample says {@code expiration_timestamp}, its table
	 * {@code expiration_time_stamp}: both are read.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Consent(@JsonProperty("business_phone_number") String businessPhoneNumber,
			@JsonProperty("user_phone_number") String userPhoneNumber,
			@JsonProperty("can_perform_action") Boolean canPerformAction, @JsonProperty("response") String response,
			@JsonProperty("is_permanent") Boolean isPermanent, @JsonProperty("response_source") String responseSource,
			@JsonProperty("expiration_timestamp") String expirationTimestamp,
			@JsonProperty("expiration_time_stamp") String expirationTimeStamp) {

		String expiration() {
			return (this.expirationTimestamp != null) ? this.expirationTimestamp : this.expirationTimeStamp;
		}

	}

}
