package dev.callpermissions.lookup;

import java.time.Duration;
import java.time.Instant;

import dev.callpermissions.permission.CallPermission;

/**
 * An answer as it was served: from the vendor, or from the cache (then with an
 * {@code Age}).
 *
 * @param answer the canonical answer
 * @param fromCache whether the cache answered
 */
record ServedAnswer(CallPermission answer, boolean fromCache) {

	/** Its {@code Age} header: whole seconds since the vendor was asked. */
	String age(Instant now) {
		return Long.toString(Math.max(0, Duration.between(this.answer.retrievedAt(), now).toSeconds()));
	}

}
