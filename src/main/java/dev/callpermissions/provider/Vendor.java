package dev.callpermissions.provider;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import dev.callpermissions.system.InvalidConfigurationException;

/**
 * What one vendor package declares about its vendor: its provider id, its hosts by
 * region, whether it looks users up by business-scoped id, its own settings of an account
 * and a channel (bound and checked by the vendor), and how it builds the provider of an
 * account. One bean per vendor; the core finds vendors by id.
 */
public interface Vendor {

	/**
	 * The provider id used in configuration, answers, logs and metrics.
	 */
	String id();

	/**
	 * The vendor's hosts by region; a vendor without regions has one, under {@code ""}.
	 */
	Map<String, String> hosts();

	/**
	 * The region used when an account names none; {@code null} for a vendor without
	 * regions.
	 */
	default String defaultRegion() {
		return null;
	}

	/**
	 * Whether the vendor can look up a user by business-scoped user id.
	 */
	boolean acceptsUserIds();

	/**
	 * The Graph phone-number id by which Meta's webhooks name a channel of this vendor;
	 * {@code null} for a vendor whose channels Meta's webhooks do not name.
	 * @param channel the channel's keys, whose settings passed the checks
	 */
	default String phoneNumberId(VendorSettings channel) {
		return null;
	}

	/**
	 * Binds and checks the vendor's own settings of an account (its credentials).
	 * @throws InvalidConfigurationException naming the offending key
	 */
	void checkAccount(VendorSettings account);

	/**
	 * Binds and checks the vendor's own settings of a channel (its id at the vendor).
	 * @throws InvalidConfigurationException naming the offending key
	 */
	void checkChannel(VendorSettings channel);

	/**
	 * The provider of an account whose settings, and those of its channels, passed the
	 * checks.
	 * @param accountName the account's name
	 * @param account the account's common keys
	 * @param settings the account's keys, for the vendor's own settings
	 * @param channels the account's channels and their keys
	 */
	CallPermissionProvider create(String accountName, Account account, VendorSettings settings,
			Map<Channel, VendorSettings> channels);

	/**
	 * The configured {@code base-url}, else the vendor's host for the account's region.
	 */
	default URI baseUrl(Account account) {
		if (account.baseUrl() != null) {
			return account.baseUrl();
		}
		String region = (defaultRegion() == null) ? ""
				: (account.region() != null) ? account.region().toLowerCase(Locale.ROOT) : defaultRegion();
		return URI.create(hosts().get(region));
	}

}
