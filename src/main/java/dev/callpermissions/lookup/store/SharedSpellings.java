package dev.callpermissions.lookup.store;

import java.time.Duration;

/**
 * Which phone number and business-scoped user id are the same user on a business number,
 * as any replica has learnt it from a webhook delivery that carried both. Never fails:
 * when the store does not answer, nothing is known.
 */
public interface SharedSpellings {

	/** How long a pair is remembered after it was last seen. */
	Duration REMEMBERED_FOR = Duration.ofDays(30);

	/**
	 * Remembers for every replica that the two spellings are one user on this business
	 * number.
	 */
	void pair(String businessNumber, String phoneNumber, String userId);

	/**
	 * The user id paired with the phone number, or {@code null}.
	 */
	String userIdOf(String businessNumber, String phoneNumber);

	/**
	 * The phone number paired with the user id, or {@code null}.
	 */
	String phoneNumberOf(String businessNumber, String userId);

}
