package dev.callpermissions.provider;

import java.util.function.Predicate;

/**
 * Which failures count against a vendor's circuit breaker: the transient ones
 * ({@link TransientFailure}), but not a throttle (the vendor answers, and says when to
 * come back: opening the breaker would turn a second's wait into 503s for everyone) and
 * not a call this service stopped itself (a batch's deadline). Named in
 * {@code application.yaml} as resilience4j's record predicate.
 */
public class VendorUnwell implements Predicate<Throwable> {

	private final TransientFailure transientFailure = new TransientFailure();

	@Override
	public boolean test(Throwable failure) {
		if (Thread.currentThread().isInterrupted()) {
			return false;
		}
		if (failure instanceof ProviderException ex && ex.getFailure() == ProviderFailure.RATE_LIMITED) {
			return false;
		}
		return this.transientFailure.test(failure);
	}

}
