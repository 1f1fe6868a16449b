package dev.callpermissions.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.callpermissions.system.InvalidConfigurationException;

import org.springframework.stereotype.Component;

/**
 * The vendors present, by provider id, and the checks of every account and channel
 * against its vendor: an unknown provider, a region the vendor does not have, and the
 * vendor's own settings stop start-up with the offending key named.
 */
@Component
public class Vendors {

	private static final String PREFIX = "call-permissions.";

	private final Map<String, Vendor> byId = new LinkedHashMap<>();

	Vendors(List<Vendor> vendors, ProviderProperties properties) {
		vendors.forEach((vendor) -> this.byId.put(vendor.id(), vendor));
		properties.accounts().forEach(this::checkAccount);
		List<Channel> channels = properties.channels();
		for (int i = 0; i < channels.size(); i++) {
			Account account = properties.accounts().get(channels.get(i).account());
			of(account).checkChannel(PREFIX + "channels[" + i + "].", channels.get(i));
		}
	}

	/**
	 * The vendor of a checked account.
	 */
	public Vendor of(Account account) {
		return this.byId.get(account.providerId());
	}

	private void checkAccount(String name, Account account) {
		String key = PREFIX + "accounts." + name + ".";
		Vendor vendor = (account.provider() != null) ? of(account) : null;
		if (vendor == null) {
			throw new InvalidConfigurationException(key + "provider", "must be one of "
					+ String.join(", ", this.byId.keySet()) + " (was " + quoted(account.provider()) + ")");
		}
		vendor.checkAccount(key, account);
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
