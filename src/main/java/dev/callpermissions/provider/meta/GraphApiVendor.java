package dev.callpermissions.provider.meta;

import java.util.HashMap;
import java.util.Map;

import dev.callpermissions.provider.Account;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.Channel;
import dev.callpermissions.provider.Vendor;
import dev.callpermissions.provider.VendorClientFactory;
import dev.callpermissions.provider.VendorSettings;

/**
 * A vendor that speaks Meta's Graph API: one host, users by phone number or
 * business-scoped id, an {@code access-token} and {@code api-version} per account, a
 * {@code phone-number-id} per channel, authenticated with
 * {@code Authorization: Bearer <access-token>}.
 */
abstract class GraphApiVendor implements Vendor {

	private final GraphApi api;

	private final VendorClientFactory clients;

	GraphApiVendor(GraphApi api, VendorClientFactory clients) {
		this.api = api;
		this.clients = clients;
	}

	@Override
	public String id() {
		return this.api.id();
	}

	@Override
	public Map<String, String> hosts() {
		return Map.of("", this.api.host());
	}

	@Override
	public boolean acceptsUserIds() {
		return true;
	}

	@Override
	public String phoneNumberId(VendorSettings channel) {
		return channel.bind(GraphChannelSettings.class).phoneNumberId();
	}

	@Override
	public void checkAccount(VendorSettings account) {
		GraphAccountSettings settings = account.bind(GraphAccountSettings.class);
		account.required("access-token", settings.accessToken());
		account.required("api-version", settings.apiVersion());
	}

	@Override
	public void checkChannel(VendorSettings channel) {
		channel.required("phone-number-id", channel.bind(GraphChannelSettings.class).phoneNumberId());
	}

	@Override
	public CallPermissionProvider create(String accountName, Account account, VendorSettings settings,
			Map<Channel, VendorSettings> channels) {
		GraphAccountSettings graph = settings.bind(GraphAccountSettings.class);
		Map<Channel, String> phoneNumberIds = new HashMap<>();
		channels.forEach((channel, keys) -> phoneNumberIds.put(channel, phoneNumberId(keys)));
		return new GraphApiProvider(this.api, graph.apiVersion(), phoneNumberIds, this.clients.create(this, accountName,
				account, (headers) -> headers.setBearerAuth(graph.accessToken())), this.clients.jsonReader());
	}

}
