package dev.callpermissions.phone;

import dev.callpermissions.system.ApiException;
import dev.callpermissions.system.ErrorCode;

/**
 * Thrown when text is not a business-scoped user id.
 */
public class InvalidUserIdException extends ApiException {

	InvalidUserIdException() {
		super("a user id is a two-letter country code, a dot and 1 to 128 letters or digits (parent ids: CC.ENT.…)");
	}

	@Override
	public ErrorCode errorCode() {
		return ErrorCode.INVALID_USER_ID;
	}

}
