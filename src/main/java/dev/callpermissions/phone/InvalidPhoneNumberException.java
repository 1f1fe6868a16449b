package dev.callpermissions.phone;

import dev.callpermissions.system.ApiException;
import dev.callpermissions.system.ErrorCode;

/**
 * Thrown when text is not a possible E.164 phone number. The message never repeats the
 * number.
 */
public class InvalidPhoneNumberException extends ApiException {

	public InvalidPhoneNumberException(String reason) {
		super(reason);
	}

	@Override
	public ErrorCode errorCode() {
		return ErrorCode.INVALID_PHONE_NUMBER;
	}

}
