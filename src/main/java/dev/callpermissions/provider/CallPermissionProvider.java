package dev.callpermissions.provider;

import java.util.List;

import dev.callpermissions.phone.WhatsAppUser;

/**
 * Asks one vendor account about users. Implementations speak the vendor's dialect and
 * throw {@link ProviderException} for every failure.
 */
public interface CallPermissionProvider {

	ProviderAnswer lookup(Channel channel, WhatsAppUser user);

	/**
	 * Whether {@link #lookupAll} asks the vendor about many users in one request; if not,
	 * callers fan single lookups out themselves.
	 */
	default boolean answersInBulk() {
		return false;
	}

	/**
	 * Answers many lookups, in their order. A failure of the whole request is thrown; one
	 * that concerns some lookups only (a vendor record that cannot be read) stands in
	 * their place.
	 */
	default List<ProviderOutcome> lookupAll(List<UserLookup> lookups) {
		return lookups.stream()
			.map((lookup) -> ProviderOutcome.answered(lookup(lookup.channel(), lookup.user())))
			.toList();
	}

}
