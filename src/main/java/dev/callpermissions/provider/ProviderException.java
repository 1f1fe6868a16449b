package dev.callpermissions.provider;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.callpermissions.system.ApiException;
import dev.callpermissions.system.ErrorCode;

/**
 * A vendor call that did not produce an answer, with what the vendor said about it. The
 * message never contains a phone number or a credential.
 */
public class ProviderException extends ApiException {

	private final ProviderFailure failure;

	private final String provider;

	private final String account;

	private final VendorError vendorError;

	private final Duration retryAfter;

	public ProviderException(ProviderFailure failure, String provider, String account, VendorError vendorError,
			Duration retryAfter, Throwable cause) {
		this(failure, provider, account, vendorError, retryAfter, describe(failure), cause);
	}

	/**
	 * A lookup this service did not send to the vendor at all; {@code what} completes
	 * "Provider meta (account x) ...".
	 */
	public static ProviderException notAsked(ProviderFailure failure, String provider, String account,
			Duration retryAfter, String what) {
		return new ProviderException(failure, provider, account, retryAfter, what, null);
	}

	/**
	 * A failure this service decided on itself, before or instead of asking the vendor;
	 * {@code what} completes "Provider meta (account x) ...".
	 */
	ProviderException(ProviderFailure failure, String provider, String account, Duration retryAfter, String what,
			Throwable cause) {
		this(failure, provider, account, null, retryAfter, what, cause);
	}

	private ProviderException(ProviderFailure failure, String provider, String account, VendorError vendorError,
			Duration retryAfter, String what, Throwable cause) {
		super("Provider " + provider + " (account " + account + ") " + what + ".", cause);
		this.failure = failure;
		this.provider = provider;
		this.account = account;
		this.vendorError = (vendorError != null) ? vendorError : VendorError.NONE;
		this.retryAfter = retryAfter;
	}

	public ProviderFailure getFailure() {
		return this.failure;
	}

	public String getProvider() {
		return this.provider;
	}

	public String getAccount() {
		return this.account;
	}

	public VendorError getVendorError() {
		return this.vendorError;
	}

	@Override
	public ErrorCode errorCode() {
		return this.failure.errorCode();
	}

	@Override
	public Duration retryAfter() {
		return this.retryAfter;
	}

	@Override
	public Map<String, Object> problemProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("provider", this.provider);
		properties.put("account", this.account);
		properties.put("providerHttpStatus", this.vendorError.httpStatus());
		properties.put("providerCode", this.vendorError.code());
		properties.put("providerMessage", this.vendorError.message());
		properties.put("providerReference", this.vendorError.reference());
		properties.put("retryable", this.failure.isTransient());
		return properties;
	}

	private static String describe(ProviderFailure failure) {
		return switch (failure) {
			case AUTH_FAILED -> "rejected the service's credentials";
			case REJECTED -> "refused the lookup";
			case INVALID_PHONE_NUMBER -> "says the user's phone number is not valid";
			case INVALID_USER_ID -> "says the user id is not valid";
			case RATE_LIMITED -> "is rate limiting the lookups";
			case ERROR -> "failed to answer";
			case UNUSABLE_ANSWER -> "sent an answer this service cannot use";
			case UNAVAILABLE -> "could not be reached";
			case TIMEOUT -> "did not answer in time";
		};
	}

	/**
	 * What the vendor said about a failure, as far as it said anything.
	 *
	 * @param httpStatus the vendor's HTTP status
	 * @param code the vendor's own error code
	 * @param message the vendor's error message
	 * @param reference the vendor's trace id for support (fbtrace_id, errorId)
	 */
	public record VendorError(Integer httpStatus, String code, String message, String reference) {

		static final VendorError NONE = new VendorError(null, null, null, null);

	}

}
