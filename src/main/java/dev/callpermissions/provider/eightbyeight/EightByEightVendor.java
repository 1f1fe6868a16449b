package dev.callpermissions.provider.eightbyeight;

import java.util.Map;

import dev.callpermissions.provider.Account;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.Channel;
import dev.callpermissions.provider.Vendor;
import dev.callpermissions.provider.VendorClientFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code 8x8}: regional hosts, users by phone number only, an {@code api-key} and
 * {@code sub-account-id} per account, a {@code channel-id} per channel, authenticated
 * with {@code Authorization: Bearer <api-key>}.
 */
@Component
@Order(3)
class EightByEightVendor implements Vendor {

	private static final Map<String, String> HOSTS = Map.of("asia", "https://chatapps.8x8.com", "eu",
			"https://chatapps.8x8.uk", "us", "https://chatapps.us.8x8.com", "id", "https://chatapps.8x8.id");

	private final VendorClientFactory clients;

	EightByEightVendor(VendorClientFactory clients) {
		this.clients = clients;
	}

	@Override
	public String id() {
		return "8x8";
	}

	@Override
	public Map<String, String> hosts() {
		return HOSTS;
	}

	@Override
	public String defaultRegion() {
		return "asia";
	}

	@Override
	public boolean acceptsUserIds() {
		return false;
	}

	@Override
	public void checkAccount(String key, Account account) {
		Vendor.required(key + "api-key", account.apiKey());
		Vendor.required(key + "sub-account-id", account.subAccountId());
	}

	@Override
	public void checkChannel(String key, Channel channel) {
		Vendor.required(key + "channel-id", channel.channelId());
	}

	@Override
	public CallPermissionProvider create(String accountName, Account account) {
		return new EightByEightProvider(account.subAccountId(),
				this.clients.create(this, accountName, account, (headers) -> headers.setBearerAuth(account.apiKey())),
				this.clients.jsonReader());
	}

}
