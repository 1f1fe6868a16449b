package dev.callpermissions.lookup.store;

import java.time.Duration;

import io.lettuce.core.SetArgs;

/**
 * Spellings shared through Redis:
 * {@code call-permissions:v1:spelling:<businessNumber>:<phone>} holds the user id and
 * {@code …:<businessNumber>:id:<userId>} the phone number, each kept for as long as a
 * replica remembers a pair itself.
 */
final class RedisSpellings implements SharedSpellings {

	private static final String KEY_PREFIX = RedisStore.PREFIX + "spelling:";

	private final RedisStore store;

	private final SetArgs expiry;

	RedisSpellings(RedisStore store, Duration rememberedFor) {
		this.store = store;
		this.expiry = SetArgs.Builder.px(rememberedFor.toMillis());
	}

	@Override
	public void pair(String businessNumber, String phoneNumber, String userId) {
		this.store.call("pair", (redis) -> {
			redis.set(phoneKey(businessNumber, phoneNumber), userId, this.expiry);
			return redis.set(idKey(businessNumber, userId), phoneNumber, this.expiry);
		}, null);
	}

	@Override
	public String userIdOf(String businessNumber, String phoneNumber) {
		return this.store.call("spelling", (redis) -> redis.get(phoneKey(businessNumber, phoneNumber)), null);
	}

	@Override
	public String phoneNumberOf(String businessNumber, String userId) {
		return this.store.call("spelling", (redis) -> redis.get(idKey(businessNumber, userId)), null);
	}

	private static String phoneKey(String businessNumber, String phoneNumber) {
		return KEY_PREFIX + businessNumber + ":" + phoneNumber;
	}

	private static String idKey(String businessNumber, String userId) {
		return KEY_PREFIX + businessNumber + ":id:" + userId;
	}

}
