package dev.callpermissions.provider;

import dev.callpermissions.system.ErrorCode;

/**
 * The kinds of vendor failure the service tells its callers apart. Transient ones may
 * succeed when tried again.
 */
public enum ProviderFailure {

	/** The vendor rejected our credentials. */
	AUTH_FAILED(ErrorCode.PROVIDER_AUTH_FAILED, false),

	/** The vendor refused the lookup for another reason. */
	REJECTED(ErrorCode.PROVIDER_REJECTED, false),

	/** The vendor says the user's phone number is not valid. */
	INVALID_PHONE_NUMBER(ErrorCode.INVALID_PHONE_NUMBER, false),

	/** The vendor says the user id is not valid. */
	INVALID_USER_ID(ErrorCode.INVALID_USER_ID, false),

	/** The vendor's rate limit was hit. */
	RATE_LIMITED(ErrorCode.RATE_LIMITED, true),

	/** A 5xx, an unparseable body, or an error inside a 2xx that means a vendor fault. */
	ERROR(ErrorCode.PROVIDER_ERROR, true),

	/**
	 * An answer that is no verdict and would be the same if asked again: well-formed JSON
	 * with a value this service cannot read (one Kaleyra record: that pair only), or an
	 * error code it does not know inside a 2xx. A {@code PROVIDER_ERROR} for the caller,
	 * but not retried and not held against the vendor's circuit breaker.
	 */
	UNUSABLE_ANSWER(ErrorCode.PROVIDER_ERROR, false),

	/** The vendor could not be reached. */
	UNAVAILABLE(ErrorCode.PROVIDER_UNAVAILABLE, true),

	/** The vendor did not answer in time. */
	TIMEOUT(ErrorCode.PROVIDER_TIMEOUT, true);

	private final ErrorCode errorCode;

	private final boolean transientFailure;

	ProviderFailure(ErrorCode errorCode, boolean transientFailure) {
		this.errorCode = errorCode;
		this.transientFailure = transientFailure;
	}

	/**
	 * The failure an HTTP status means when the vendor's own error code says nothing
	 * more.
	 */
	public static ProviderFailure forHttpStatus(int httpStatus) {
		if (httpStatus == 401 || httpStatus == 403) {
			return AUTH_FAILED;
		}
		if (httpStatus == 429) {
			return RATE_LIMITED;
		}
		if (httpStatus >= 400 && httpStatus < 500) {
			return REJECTED;
		}
		return ERROR;
	}

	public ErrorCode errorCode() {
		return this.errorCode;
	}

	public boolean isTransient() {
		return this.transientFailure;
	}

}
