package dev.callpermissions.lookup;

import dev.callpermissions.system.ApiException;
import dev.callpermissions.system.ErrorCode;

/**
 * The business number's provider cannot look a user up the way the caller asked.
 */
class LookupNotSupportedException extends ApiException {

	LookupNotSupportedException(String provider) {
		super("Provider " + provider + " looks users up by phone number only; send userNumber instead of userId.");
	}

	@Override
	public ErrorCode errorCode() {
		return ErrorCode.LOOKUP_NOT_SUPPORTED;
	}

}
