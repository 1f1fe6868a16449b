package dev.callpermissions.provider.eightbyeight;

import java.util.HashMap;
import java.util.Map;

import dev.callpermissions.provider.Account;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.Channel;
import dev.callpermissions.provider.Vendor;
import dev.callpermissions.provider.VendorClientFactory;
import dev.callpermissions.provider.VendorSettings;

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
	public void checkAccount(VendorSettings account) {
		EightByEightAccountSettings settings = account.bind(EightByEightAccountSettings.class);
		account.required("api-key", settings.apiKey());
		account.required("sub-account-id", settings.subAccountId());
	}

	@Override
	public void checkChannel(VendorSettings channel) {
		channel.required("channel-id", channel.bind(EightByEightChannelSettings.class).channelId());
	}

	@Override
	public CallPermissionProvider create(String accountName, Account account, VendorSettings settings,
			Map<Channel, VendorSettings> channels) {
		EightByEightAccountSettings eightByEight = settings.bind(EightByEightAccountSettings.class);
		Map<Channel, String> channelIds = new HashMap<>();
		channels.forEach(
				(channel, keys) -> channelIds.put(channel, keys.bind(EightByEightChannelSettings.class).channelId()));
		return new EightByEightProvider(eightByEight.subAccountId(), channelIds, this.clients.create(this, accountName,
				account, (headers) -> headers.setBearerAuth(eightByEight.apiKey())), this.clients.jsonReader());
	}

}
