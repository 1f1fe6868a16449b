package dev.callpermissions.provider.eightbyeight;

import dev.callpermissions.provider.ProviderFailure;

/**
 * Classifies 8x8's {@code {code, message, errorId, timestamp}} errors on the code first
 * and the HTTP status second (8x8 "Get Call Permission Status" and its error codes).
 */
final class EightByEightErrorMapper {

	/** "Provided subAccountId doesn't belongs to your account". */
	static final int ILLEGAL_SUB_ACCOUNT = 1001;

	/** "Invalid MSISDN format (not E.164 international number)". */
	static final int INVALID_MSISDN = 1002;

	/** "Request was not authenticated properly". */
	static final int UNAUTHORIZED = 1200;

	static final int INTERNAL_ERROR = 2000;

	private EightByEightErrorMapper() {
	}

	static ProviderFailure classify(int httpStatus, Integer code) {
		if (code != null) {
			switch (code) {
				case ILLEGAL_SUB_ACCOUNT -> {
					return ProviderFailure.REJECTED;
				}
				case INVALID_MSISDN -> {
					return ProviderFailure.INVALID_PHONE_NUMBER;
				}
				case UNAUTHORIZED -> {
					return ProviderFailure.AUTH_FAILED;
				}
				case INTERNAL_ERROR -> {
					return ProviderFailure.ERROR;
				}
				default -> {
				}
			}
		}
		return ProviderFailure.forHttpStatus(httpStatus);
	}

}
