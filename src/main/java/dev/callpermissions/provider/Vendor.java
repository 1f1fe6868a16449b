package dev.callpermissions.provider;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import dev.callpermissions.system.InvalidConfigurationException;

/**
 * What one vendor package declares about its vendor: its provider id, its hosts by
 * region, whether it looks users up by business-scoped id, the checks of its own
 * settings, and how it builds the provider of an account. One bean per vendor; the core
 * finds vendors by id.
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
	 * Whether Meta's webhooks name this vendor's channels by their
	 * {@code phone-number-id}.
	 */
	default boolean namedByPhoneNumberId() {
		return false;
	}

	/**
	 * Checks the vendor's own settings of an account.
	 * @param key the account's key, ending with a dot
	 * @throws InvalidConfigurationException naming the offending key
	 */
	void checkAccount(String key, Account account);

	/**
	 * Checks the vendor's own settings of a channel.
	 * @param key the channel's key, ending with a dot
	 * @throws InvalidConfigurationException naming the offending key
	 */
	void checkChannel(String key, Channel channel);

	/**
	 * The provider of an account whose settings passed the checks.
	 */
	CallPermissionProvider create(String accountName, Account account);

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

	/**
	 * Refuses a setting that is missing or blank.
	 * @throws InvalidConfigurationException naming the key
	 */
	static void required(String key, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidConfigurationException(key, "is required");
		}
	}

}
