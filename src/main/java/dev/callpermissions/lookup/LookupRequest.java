package dev.callpermissions.lookup;

import dev.callpermissions.phone.InvalidPhoneNumberException;
import dev.callpermissions.phone.PhoneNumber;
import dev.callpermissions.phone.UserId;
import dev.callpermissions.phone.WhatsAppUser;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One lookup as the caller sends it: the query of {@code GET /call-permissions} and each
 * item of a batch, checked the same way.
 *
 * @param businessNumber the business number
 * @param userNumber the user's phone number, or
 * @param userId the user's business-scoped id
 */
@Schema(name = "Item")
record LookupRequest(
		@Parameter(description = BUSINESS_NUMBER, required = true, example = "+14155550100",
				schema = @Schema(type = "string")) @Schema(description = BUSINESS_NUMBER, example = "+14155550100",
						requiredMode = Schema.RequiredMode.REQUIRED) String businessNumber,
		@Parameter(description = USER_NUMBER, example = "+13057765456", schema = @Schema(type = "string")) @Schema(
				description = USER_NUMBER, example = "+13057765456", nullable = true) String userNumber,
		// no example for the query: Swagger UI would fill it in beside userNumber, and
		// the pair is refused
		@Parameter(description = USER_ID, schema = @Schema(type = "string")) @Schema(description = USER_ID,
				example = "US.13491208655302741918", nullable = true) String userId) {

	static final String BUSINESS_NUMBER = "The business number, E.164. Lenient forms are accepted: "
			+ "without +, with spaces, -, ., ( and ).";

	static final String USER_NUMBER = "The user's phone number, E.164 (lenient forms as for businessNumber). "
			+ "Send exactly one of userNumber and userId.";

	static final String USER_ID = "The user's Meta business-scoped user id (CC. + 1-128 letters/digits, parent "
			+ "ids CC.ENT.…), e.g. US.13491208655302741918; meta and chakra only.";

	/** The most of a value a failure repeats. */
	private static final int MAX_ECHO = 32;

	/**
	 * The numbers and id, normalized.
	 * @throws InvalidRequestException if a parameter is missing or both users are given
	 * @throws InvalidPhoneNumberException if a number is not a possible one
	 * @throws dev.callpermissions.phone.InvalidUserIdException if the id is malformed
	 */
	ParsedLookup parse() {
		return parse(false);
	}

	/**
	 * As {@link #parse()}, except that a number already in E.164 form is taken as given,
	 * unchecked: only for finding an answer held under it, which was kept for a number
	 * checked then. Any other use, and any answer not held, takes {@link #parse()}.
	 */
	ParsedLookup parseToFindHeldAnswer() {
		return parse(true);
	}

	private ParsedLookup parse(boolean e164AsGiven) {
		String business = presentOrNull(this.businessNumber);
		String number = presentOrNull(this.userNumber);
		String id = presentOrNull(this.userId);
		if (business == null) {
			throw new InvalidRequestException("businessNumber is required.");
		}
		if (number != null && id != null) {
			throw new InvalidRequestException("Send exactly one of userNumber and userId, not both.");
		}
		if (number == null && id == null) {
			throw new InvalidRequestException("One of userNumber and userId is required.");
		}
		WhatsAppUser user = (number != null) ? phoneNumber("userNumber", number, e164AsGiven) : UserId.parse(id);
		return new ParsedLookup(phoneNumber("businessNumber", business, e164AsGiven), user);
	}

	/**
	 * What the caller sent, cut short: a valid number or id fits whole, and a megabyte of
	 * garbage is not sent back.
	 */
	static String excerpt(String value) {
		return (value == null || value.length() <= MAX_ECHO) ? value : value.substring(0, MAX_ECHO) + "…";
	}

	static String presentOrNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static PhoneNumber phoneNumber(String parameter, String text, boolean e164AsGiven) {
		PhoneNumber asGiven = e164AsGiven ? PhoneNumber.asGivenIfE164(text) : null;
		if (asGiven != null) {
			return asGiven;
		}
		try {
			return PhoneNumber.parse(text);
		}
		catch (InvalidPhoneNumberException ex) {
			throw new InvalidPhoneNumberException(parameter + " is not a possible phone number: " + ex.getMessage());
		}
	}

	/**
	 * One lookup, parsed; equal ones are asked once.
	 *
	 * @param businessNumber the business number, normalized
	 * @param user the user's number or id, normalized
	 */
	record ParsedLookup(PhoneNumber businessNumber, WhatsAppUser user) {
	}

}
