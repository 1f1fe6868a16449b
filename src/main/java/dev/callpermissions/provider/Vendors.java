package dev.callpermissions.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.callpermissions.system.InvalidConfigurationException;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The vendors present, by provider id, and the checks of every account and channel
 * against its vendor: an unknown provider, a region the vendor does not have, and the
 * vendor's own settings stop start-up with the offending key named. The vendor's own
 * settings are bound, by the vendor, from the keys of {@link #accountSettings} and
 * {@link #channelSettings}.
 */
@Component
public class Vendors {

	private static final String PREFIX = "call-permissions.";

	private final Map<String, Vendor> byId = new LinkedHashMap<>();

	private final Binder binder;

	Vendors(List<Vendor> vendors, ProviderProperties properties, Environment environment) {
		vendors.forEach((vendor) -> this.byId.put(vendor.id(), vendor));
		this.binder = Binder.get(environment);
		properties.accounts().forEach(this::checkAccount);
		List<Channel> channels = properties.channels();
		for (int i = 0; i < channels.size(); i++) {
			Account account = properties.accounts().get(channels.get(i).account());
			of(account).checkChannel(channelSettings(i));
		}
	}

	/**
	 * The vendor of a checked account.
	 */
	public Vendor of(Account account) {
		return this.byId.get(account.providerId());
	}

	/**
	 * The keys of the account of that name, for its vendor's own settings.
	 */
	public VendorSettings accountSettings(String accountName) {
		return new VendorSettings(this.binder, PREFIX + "accounts." + accountName);
	}

	/**
	 * The keys of the channel at that index of {@code call-permissions.channels}, for its
	 * vendor's own settings.
	 */
	public VendorSettings channelSettings(int index) {
		return new VendorSettings(this.binder, PREFIX + "channels[" + index + "]");
	}

	private void checkAccount(String name, Account account) {
		String key = PREFIX + "accounts." + name + ".";
		Vendor vendor = (account.provider() != null) ? of(account) : null;
		if (vendor == null) {
			throw new InvalidConfigurationException(key + "provider", "must be one of "
					+ String.join(", ", this.byId.keySet()) + " (was " + quoted(account.provider()) + ")");
		}
		vendor.checkAccount(accountSettings(name));
		if (account.region() != null) {
			if (vendor.defaultRegion() == null) {
				throw new InvalidConfigurationException(key + "region",
						"is not used by " + vendor.id() + "; set base-url to change the host");
			}
			if (!vendor.hosts().containsKey(account.region().toLowerCase(Locale.ROOT))) {
				throw new InvalidConfigurationException(key + "region",
						"must be one of " + String.join(", ", vendor.hosts().keySet().stream().sorted().toList())
								+ " (was " + quoted(account.region()) + ")");
			}
		}
	}

	private static String quoted(String value) {
		return (value != null) ? "'" + value + "'" : "nothing";
	}

}
