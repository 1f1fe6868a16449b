package dev.callpermissions.provider;

import java.util.function.Predicate;

/**
 * Failures a vendor's circuit breaker leaves out entirely, neither failures nor
 * successes: a throttle (the vendor answers and says when to come back; counted as a
 * failure, a burst of them turned a second's wait into 30 s of 503s for everyone) and a
 * call this service stopped itself (a deadline: counted as a success, a cut-short probe
 * would close the breaker on a vendor that still hangs). Named in
 * {@code application.yaml} as resilience4j's ignore predicate, beside its own refusals.
 */
public class NotAgainstTheVendor implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		return Thread.currentThread().isInterrupted()
				|| (failure instanceof ProviderException ex && ex.getFailure() == ProviderFailure.RATE_LIMITED);
	}

}
