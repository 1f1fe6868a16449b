package dev.callpermissions.provider.meta;

import java.util.Map;

import dev.callpermissions.provider.Account;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.Channel;
import dev.callpermissions.provider.Vendor;
import dev.callpermissions.provider.VendorClientFactory;

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
	public boolean namedByPhoneNumberId() {
		return true;
	}

	@Override
	public void checkAccount(String key, Account account) {
		Vendor.required(key + "access-token", account.accessToken());
		Vendor.required(key + "api-version", account.apiVersion());
	}

	@Override
	public void checkChannel(String key, Channel channel) {
		Vendor.required(key + "phone-number-id", channel.phoneNumberId());
	}

	@Override
	public CallPermissionProvider create(String accountName, Account account) {
		return new GraphApiProvider(this.api, account.apiVersion(), this.clients.create(this, accountName, account,
				(headers) -> headers.setBearerAuth(account.accessToken())), this.clients.jsonReader());
	}

}
