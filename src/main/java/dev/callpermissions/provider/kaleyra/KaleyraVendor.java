package dev.callpermissions.provider.kaleyra;

import java.util.Map;

import dev.callpermissions.provider.Account;
import dev.callpermissions.provider.CallPermissionProvider;
import dev.callpermissions.provider.Channel;
import dev.callpermissions.provider.Vendor;
import dev.callpermissions.provider.VendorClientFactory;
import dev.callpermissions.provider.VendorSettings;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code kaleyra}: regional pods, users by phone number only, a {@code sid} and
 * {@code api-key} per account, no channel id, authenticated with the
 * {@code api-key: <api-key>} header.
 */
@Component
@Order(4)
class KaleyraVendor implements Vendor {

	private static final Map<String, String> HOSTS = Map.of("in", "https://api.in.kaleyra.io", "sg",
			"https://api.ap.kaleyra.io", "eu", "https://api.eu.kaleyra.io", "na", "https://api.na.kaleyra.io");

	private final VendorClientFactory clients;

	private final MeterRegistry meterRegistry;

	KaleyraVendor(VendorClientFactory clients, MeterRegistry meterRegistry) {
		this.clients = clients;
		this.meterRegistry = meterRegistry;
	}

	@Override
	public String id() {
		return "kaleyra";
	}

	@Override
	public Map<String, String> hosts() {
		return HOSTS;
	}

	@Override
	public String defaultRegion() {
		return "in";
	}

	@Override
	public boolean acceptsUserIds() {
		return false;
	}

	@Override
	public void checkAccount(VendorSettings account) {
		KaleyraAccountSettings settings = account.bind(KaleyraAccountSettings.class);
		account.required("api-key", settings.apiKey());
		account.required("sid", settings.sid());
	}

	@Override
	public void checkChannel(VendorSettings channel) {
	}

	@Override
	public CallPermissionProvider create(String accountName, Account account, VendorSettings settings,
			Map<Channel, VendorSettings> channels) {
		KaleyraAccountSettings kaleyra = settings.bind(KaleyraAccountSettings.class);
		return new KaleyraProvider(kaleyra.sid(),
				this.clients.create(this, accountName, account, (headers) -> headers.set("api-key", kaleyra.apiKey())),
				this.clients.jsonReader(), this.meterRegistry);
	}

}
