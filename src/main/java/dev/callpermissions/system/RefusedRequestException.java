package dev.callpermissions.system;

import java.time.Duration;

/**
 * A request refused before anything in it was acted on, with the code that says why.
 */
public class RefusedRequestException extends ApiException {

	private final ErrorCode errorCode;

	private final Duration retryAfter;

	public RefusedRequestException(ErrorCode errorCode, String message) {
		this(errorCode, message, null);
	}

	public RefusedRequestException(ErrorCode errorCode, String message, Duration retryAfter) {
		super(message);
		this.errorCode = errorCode;
		this.retryAfter = retryAfter;
	}

	@Override
	public ErrorCode errorCode() {
		return this.errorCode;
	}

	@Override
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
