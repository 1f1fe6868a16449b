package dev.callpermissions.provider.meta;

import java.util.Locale;
import java.util.Map;

import dev.callpermissions.phone.UserId;
import dev.callpermissions.phone.WhatsAppUser;
import dev.callpermissions.provider.ProviderFailure;

/**
 * Classifies a Graph API error on Meta's own code first and the HTTP status second: Meta
 * answers HTTP 401 for 138000 and 138006, which are not credential failures, and ChakraHQ
 * passes Meta's errors through inside an HTTP 200. One table serves both doors, so an
 * error means the same whichever status it came with.
 */
final class GraphErrorMapper {

	/**
	 * Meta's codes, from its "Error codes" (Cloud API) and "Obtain User Call Permissions"
	 * pages. A refusal is never retried nor held against the breaker; only the codes that
	 * mean a fault at Meta are {@link ProviderFailure#ERROR}.
	 */
	private static final Map<Integer, ProviderFailure> CODES = Map.ofEntries(
			// invalid or expired access token, session
			Map.entry(102, ProviderFailure.AUTH_FAILED), Map.entry(190, ProviderFailure.AUTH_FAILED),
			// 613 is this endpoint's own limit; 4, 80007 and 130429 are Graph's wider
			// ones
			Map.entry(4, ProviderFailure.RATE_LIMITED), Map.entry(613, ProviderFailure.RATE_LIMITED),
			Map.entry(80007, ProviderFailure.RATE_LIMITED), Map.entry(130429, ProviderFailure.RATE_LIMITED),
			// refusals, sent by Meta with a 4xx status: capability, permission denied,
			// policy block, access denied, missing or invalid parameter, recipient not
			// in the allowed list, account locked, number not registered, SIP-enabled
			// number, calling not enabled, no approved call permission
			Map.entry(3, ProviderFailure.REJECTED), Map.entry(10, ProviderFailure.REJECTED),
			Map.entry(200, ProviderFailure.REJECTED), Map.entry(368, ProviderFailure.REJECTED),
			Map.entry(131005, ProviderFailure.REJECTED), Map.entry(131008, ProviderFailure.REJECTED),
			Map.entry(131009, ProviderFailure.REJECTED), Map.entry(131030, ProviderFailure.REJECTED),
			Map.entry(131031, ProviderFailure.REJECTED), Map.entry(133010, ProviderFailure.REJECTED),
			Map.entry(131055, ProviderFailure.REJECTED), Map.entry(138000, ProviderFailure.REJECTED),
			Map.entry(138006, ProviderFailure.REJECTED),
			// faults at Meta, worth another attempt: unknown, service, something went
			// wrong, service unavailable
			Map.entry(1, ProviderFailure.ERROR), Map.entry(2, ProviderFailure.ERROR),
			Map.entry(131000, ProviderFailure.ERROR), Map.entry(131016, ProviderFailure.ERROR));

	private static final int INVALID_PARAMETER = 100;

	/**
	 * Graph's "object does not exist": the phone-number id, which is ours, not the
	 * user's.
	 */
	private static final int UNKNOWN_OBJECT_SUBCODE = 33;

	private GraphErrorMapper() {
	}

	/**
	 * @param httpStatus the vendor's HTTP status, 2xx when the error came inside a
	 * success (ChakraHQ)
	 * @param error the error object, or {@code null} when there was none to read
	 */
	static ProviderFailure classify(int httpStatus, GraphWire.Error error, WhatsAppUser user) {
		Integer code = (error != null) ? error.code() : null;
		if (code != null) {
			if (code == INVALID_PARAMETER) {
				return concernsUser(error) ? invalidUser(user) : ProviderFailure.REJECTED;
			}
			ProviderFailure known = CODES.get(code);
			if (known != null) {
				return known;
			}
		}
		if (httpStatus >= 200 && httpStatus < 300) {
			// an error this service does not know, with no status to say what kind: the
			// same request would meet it again, and it says nothing of ChakraHQ's health
			return ProviderFailure.UNUSABLE_ANSWER;
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
