package dev.callpermissions.lookup;

import dev.callpermissions.system.ApiException;
import dev.callpermissions.system.ErrorCode;

/**
 * A lookup in a batch failed in a way the service did not foresee; logged with its cause.
 */
class UnexpectedLookupException extends ApiException {

	UnexpectedLookupException(Throwable cause) {
		super("The lookup failed unexpectedly; the requestId identifies the failure in the service's logs.", cause);
	}

	@Override
	public ErrorCode errorCode() {
		return ErrorCode.INTERNAL_ERROR;
	}

}
