package dev.callpermissions.provider.meta;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.phone.UserId;
import dev.callpermissions.phone.WhatsAppUser;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.Channel;
import dev.callpermissions.provider.ProviderAnswer;
import dev.callpermissions.provider.ProviderException.VendorError;
import dev.callpermissions.provider.VendorClient;
import dev.callpermissions.provider.VendorClient.VendorFailure;
import dev.callpermissions.provider.VendorResponse;

/**
 * Looks up call permissions through Meta's Graph API, directly or through ChakraHQ: the
 * user by {@code user_wa_id} (digits) or {@code recipient} (business-scoped id), never
 * both.
 */
final class GraphApiProvider implements CallPermissionProvider {

	private final GraphApi api;

	private final String apiVersion;

	private final Map<Channel, String> phoneNumberIds;

	private final VendorClient client;

	private final ObjectReader responseReader;

	private final ObjectReader errorReader;

	private final ObjectReader envelopeReader;

	GraphApiProvider(GraphApi api, String apiVersion, Map<Channel, String> phoneNumberIds, VendorClient client,
			ObjectReader reader) {
		this.api = api;
		this.apiVersion = apiVersion;
		this.phoneNumberIds = Map.copyOf(phoneNumberIds);
		this.client = client;
		this.responseReader = reader.forType(GraphWire.Response.class);
		this.errorReader = reader.forType(GraphWire.Error.class);
		this.envelopeReader = reader.forType(GraphWire.ErrorEnvelope.class);
	}

	@Override
	public ProviderAnswer lookup(Channel channel, WhatsAppUser user) {
		String query = switch (user) {
			case PhoneNumber number -> "?user_wa_id={user}";
			case UserId id -> "?recipient={user}";
		};
		String value = switch (user) {
			case PhoneNumber number -> number.digits();
			case UserId id -> id.value();
		};
		return this.client.exchange((response) -> answer(response, user),
				(response) -> classify(response, readError(response), user), this.api.pathTemplate() + query,
				this.apiVersion, this.phoneNumberIds.get(channel), value);
	}

	private ProviderAnswer answer(VendorResponse response, WhatsAppUser user) throws IOException {
		GraphWire.Response body = this.responseReader.readValue(response.body());
		if (body == null) {
			throw this.client.incomplete(response, null, "answer without a permission");
		}
		if (body.error() != null && !body.error().isNull()) {
			// ChakraHQ may answer HTTP 200 with Meta's error object ("Get call permission
			// state", ChakraHQ API reference)
			throw this.client.failure(classify(response, toError(body.error()), user), response);
		}
		if (body.permission() == null) {
			throw this.client.incomplete(response, null, "answer without a permission");
		}
		return new ProviderAnswer(GraphPermissionMapper.permission(body.permission()),
				GraphPermissionMapper.actions(body.actions()), response.body(), body.permission().canCall());
	}

	/** Meta's {@code {"error": {...}}}, or ChakraHQ's own envelope, or nothing usable. */
	private GraphWire.Error readError(VendorResponse response) {
		try {
			GraphWire.ErrorEnvelope envelope = this.envelopeReader.readValue(response.body());
			if (envelope == null) {
				return null;
			}
			if (envelope.error() != null && envelope.error().isObject()) {
				return toError(envelope.error());
			}
			String message = (envelope.error() != null && envelope.error().isTextual()) ? envelope.error().asText()
					: envelope.message();
			return new GraphWire.Error(message, null, null, null, null, null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private GraphWire.Error toError(JsonNode error) {
		if (!error.isObject()) {
			return new GraphWire.Error(error.asText(null), null, null, null, null, null);
		}
		try {
			return this.errorReader.treeToValue(error, GraphWire.Error.class);
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			return null;
		}
	}

	private VendorFailure classify(VendorResponse response, GraphWire.Error error, WhatsAppUser user) {
		VendorError vendorError = (error != null) ? new VendorError(response.status(),
				(error.code() != null) ? error.code().toString() : null, error.message(), error.fbtraceId())
				: new VendorError(response.status(), null, null, null);
		return new VendorFailure(GraphErrorMapper.classify(response.status(), error, user), vendorError);
	}

}
