package dev.callpermissions.provider.eightbyeight;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.phone.WhatsAppUser;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.Channel;
import dev.callpermissions.provider.ProviderAnswer;
import dev.callpermissions.provider.ProviderException.VendorError;
import dev.callpermissions.provider.VendorClient;
import dev.callpermissions.provider.VendorClient.VendorFailure;
import dev.callpermissions.provider.VendorResponse;

/**
 * Looks up call permissions on 8x8: {@code GET
 * /api/v1/whatsapp/subaccounts/{subAccountId}/channels/{channelId}/callPermissions?destination=+E164}.
 */
final class EightByEightProvider implements CallPermissionProvider {

	static final String PATH = "/api/v1/whatsapp/subaccounts/{subAccountId}/channels/{channelId}/callPermissions"
			+ "?destination={destination}";

	private final String subAccountId;

	private final Map<Channel, String> channelIds;

	private final VendorClient client;

	private final ObjectReader responseReader;

	private final ObjectReader errorReader;

	EightByEightProvider(String subAccountId, Map<Channel, String> channelIds, VendorClient client,
			ObjectReader reader) {
		this.subAccountId = subAccountId;
		this.channelIds = Map.copyOf(channelIds);
		this.client = client;
		this.responseReader = reader.forType(EightByEightWire.Response.class);
		this.errorReader = reader.forType(EightByEightWire.Error.class);
	}

	@Override
	public ProviderAnswer lookup(Channel channel, WhatsAppUser user) {
		if (!(user instanceof PhoneNumber number)) {
			throw new IllegalArgumentException("8x8 looks users up by phone number only");
		}
		return this.client.exchange(this::answer, this::classify, PATH, this.subAccountId, this.channelIds.get(channel),
				number.value());
	}

	private ProviderAnswer answer(VendorResponse response) throws IOException {
		EightByEightWire.Response body = this.responseReader.readValue(response.body());
		if (body == null || body.status() == null) {
			throw this.client.incomplete(response, null, "answer without a status");
		}
		return new ProviderAnswer(EightByEightPermissionMapper.permission(body),
				EightByEightPermissionMapper.actions(body.actions()), response.body());
	}

	private VendorFailure classify(VendorResponse response) {
		EightByEightWire.Error error = readError(response);
		Integer code = (error != null) ? error.code() : null;
		VendorError vendorError = (error != null) ? new VendorError(response.status(),
				(code != null) ? code.toString() : null, error.message(), error.errorId())
				: new VendorError(response.status(), null, null, null);
		return new VendorFailure(EightByEightErrorMapper.classify(response.status(), code), vendorError);
	}

	private EightByEightWire.Error readError(VendorResponse response) {
		try {
			return this.errorReader.readValue(response.body());
		}
		catch (IOException ex) {
			return null;
		}
	}

}
