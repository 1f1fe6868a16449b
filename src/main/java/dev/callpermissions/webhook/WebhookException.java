package dev.callpermissions.webhook;

import dev.callpermissions.system.ApiException;
import dev.callpermissions.system.ErrorCode;

/**
 * A webhook request refused before anything in it was acted on.
 */
class WebhookException extends ApiException {

	private final ErrorCode errorCode;

	WebhookException(ErrorCode errorCode, String message) {
		super(message);
		this.errorCode = errorCode;
	}

	@Override
	public ErrorCode errorCode() {
		return this.errorCode;
	}

}
