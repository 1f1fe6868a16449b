package dev.callpermissions.system;

import java.time.Duration;
import java.util.Map;

/**
 * A failure with a contract error code; the problem handler turns it into
 * {@code application/problem+json}. Messages become the problem's {@code detail}, so they
 * never carry a credential or a number the caller did not send.
 */
public abstract class ApiException extends RuntimeException {

	protected ApiException(String message) {
		super(message);
	}

	protected ApiException(String message, Throwable cause) {
		super(message, cause);
	}

	public abstract ErrorCode errorCode();

	/**
	 * Extension members of the problem, beyond {@code code} and {@code requestId}.
	 */
	public Map<String, Object> problemProperties() {
		return Map.of();
	}

	/**
	 * How long the caller should wait before trying again, or {@code null}.
	 */
	public Duration retryAfter() {
		return null;
	}

}
