package dev.callpermissions.lookup;

import dev.callpermissions.system.ApiException;
import dev.callpermissions.system.ErrorCode;

/**
 * No channel is configured for the business number.
 */
class UnknownBusinessNumberException extends ApiException {

	UnknownBusinessNumberException(String businessNumber) {
		super("No channel is configured for business number " + businessNumber + ".");
	}

	@Override
	public ErrorCode errorCode() {
		return ErrorCode.UNKNOWN_BUSINESS_NUMBER;
	}

}
