package dev.callpermissions.provider.meta;

import java.util.Locale;
import java.util.Set;

import dev.callpermissions.phone.UserId;
import dev.callpermissions.phone.WhatsAppUser;
import dev.callpermissions.provider.ProviderFailure;

/**
 * Classifies a Graph API error on Meta's own code first and the HTTP status second: Meta
 * answers HTTP 401 for 138000 and 138006, which are not credential failures.
 */
final class GraphErrorMapper {

	private static final Set<Integer> AUTH_CODES = Set.of(102, 190);

	/** 613 is this endpoint's own limit; 4, 80007 and 130429 are Graph's wider ones. */
	private static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 613, 80007, 130429);

	/**
	 * 138000 calling not enabled, 138006 no approved permission, 131055 SIP-enabled
	 * number.
	 */
	private static final Set<Integer> REJECTION_CODES = Set.of(138000, 138006, 131055);

	private static final int INVALID_PARAMETER = 100;

	/**
	 * Graph's "object does not exist": the phone-number id, which is ours, not the
	 * user's.
	 */
	private static final int UNKNOWN_OBJECT_SUBCODE = 33;

	private GraphErrorMapper() {
	}

	static ProviderFailure classify(int httpStatus, GraphWire.Error error, WhatsAppUser user) {
		Integer code = (error != null) ? error.code() : null;
		if (code != null) {
			if (AUTH_CODES.contains(code)) {
				return ProviderFailure.AUTH_FAILED;
			}
			if (RATE_LIMIT_CODES.contains(code)) {
				return ProviderFailure.RATE_LIMITED;
			}
			if (REJECTION_CODES.contains(code)) {
				return ProviderFailure.REJECTED;
			}
			if (code == INVALID_PARAMETER) {
				return concernsUser(error) ? invalidUser(user) : ProviderFailure.REJECTED;
			}
		}
		return ProviderFailure.forHttpStatus(httpStatus);
	}

	/**
	 * Code 100 is any invalid parameter. Our only parameters are the phone-number id
	 * (from configuration) and the user; Graph names an unknown object with subcode 33.
	 */
	private static boolean concernsUser(GraphWire.Error error) {
		if (error.errorSubcode() != null && error.errorSubcode() == UNKNOWN_OBJECT_SUBCODE) {
			return false;
		}
		String text = ((error.message() != null) ? error.message() : "") + " "
				+ ((error.errorData() != null && error.errorData().details() != null) ? error.errorData().details()
						: "");
		return !text.toLowerCase(Locale.ROOT).contains("phone_number_id");
	}

	private static ProviderFailure invalidUser(WhatsAppUser user) {
		return (user instanceof UserId) ? ProviderFailure.INVALID_USER_ID : ProviderFailure.INVALID_PHONE_NUMBER;
	}

}
