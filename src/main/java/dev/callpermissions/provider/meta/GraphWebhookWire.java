package dev.callpermissions.provider.meta;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parts of Meta's WhatsApp Business Account webhook ({@code entry[].changes[]}) that
 * say a user's call permission or call usage changed, field for field: the
 * {@code call_permission_reply} message ("Obtain User Call Permissions") and the
 * {@code calls} events. Everything else is ignored.
 */
final class GraphWebhookWire {

	private GraphWebhookWire() {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Change(@JsonProperty("field") String field, @JsonProperty("value") Value value) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Value(@JsonProperty("metadata") Metadata metadata, @JsonProperty("contacts") List<Contact> contacts,
			@JsonProperty("messages") List<Message> messages, @JsonProperty("calls") List<Call> calls) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Metadata(@JsonProperty("display_phone_number") String displayPhoneNumber,
			@JsonProperty("phone_number_id") String phoneNumberId) {
	}

	/**
	 * The user a change concerns, by phone number and, since 2026, business-scoped id.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Contact(@JsonProperty("wa_id") String waId, @JsonProperty("user_id") String userId) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Message(@JsonProperty("from") String from, @JsonProperty("from_user_id") String fromUserId,
			@JsonProperty("type") String type, @JsonProperty("interactive") Interactive interactive) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Interactive(@JsonProperty("type") String type,
			@JsonProperty("call_permission_reply") CallPermissionReply callPermissionReply) {
	}

	/**
	 * {@code expiration_timestamp} arrives as a string or a number; Jackson reads either
	 * into the string.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record CallPermissionReply(@JsonProperty("response") String response,
			@JsonProperty("is_permanent") Boolean isPermanent,
			@JsonProperty("expiration_timestamp") String expirationTimestamp,
			@JsonProperty("response_source") String responseSource) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Call(@JsonProperty("id") String id, @JsonProperty("event") String event, @JsonProperty("from") String from,
			@JsonProperty("from_user_id") String fromUserId, @JsonProperty("to") String to,
			@JsonProperty("to_user_id") String toUserId) {
	}

}
