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
	 * How many users one request to the vendor can ask about. Above 1, callers hand
	 * {@link #lookupAll} at most that many at a time, so that each call is one request
	 * and spends one of the account's {@code requests-per-second} (a listing longer than
	 * a page still takes more); at 1, callers fan single lookups out themselves.
	 */
	default int usersPerRequest() {
		return 1;
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
