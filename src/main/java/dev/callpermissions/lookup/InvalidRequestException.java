package dev.callpermissions.lookup;

import dev.callpermissions.system.ApiException;
import dev.callpermissions.system.ErrorCode;

/**
 * Parameters that are missing, repeated or in conflict.
 */
class InvalidRequestException extends ApiException {

	InvalidRequestException(String message) {
		super(message);
	}

	@Override
	public ErrorCode errorCode() {
		return ErrorCode.INVALID_REQUEST;
	}

}
