package dev.callpermissions.provider;

/**
 * An account's {@code requests-per-second} counted across every replica of the service
 * (present only with {@code call-permissions.cache.store: redis}); when it cannot answer,
 * each replica's own rate limiter counts instead.
 */
public interface SharedRateLimit {

	/**
	 * Takes one request from the account's shared budget.
	 */
	Permit tryAcquire(String account, int requestsPerSecond);

	/**
	 * What the shared budget said.
	 */
	enum Permit {

		/** Within the shared budget. */
		GRANTED,

		/** Over the shared budget. */
		REFUSED,

		/** The shared budget could not be asked: the replica's own limiter decides. */
		UNAVAILABLE

	}

}
