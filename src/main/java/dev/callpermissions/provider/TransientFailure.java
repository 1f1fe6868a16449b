package dev.callpermissions.provider;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Which failures are worth another attempt: transient ones (no connection, timeouts, 5xx,
 * garbled answers) and rate limits whose wait is short. The circuit breaker counts them
 * too, but for throttles, which it leaves out ({@link NotAgainstTheVendor}).
 */
public class TransientFailure implements Predicate<Throwable> {

	/** A longer wait than this is the caller's to make, not ours. */
	static final Duration SHORT_RETRY_AFTER = Duration.ofSeconds(1);

	@Override
	public boolean test(Throwable failure) {
		if (!(failure instanceof ProviderException ex) || !ex.getFailure().isTransient()) {
			return false;
		}
		return ex.getFailure() != ProviderFailure.RATE_LIMITED || ex.retryAfter() == null
				|| ex.retryAfter().compareTo(SHORT_RETRY_AFTER) <= 0;
	}

}
