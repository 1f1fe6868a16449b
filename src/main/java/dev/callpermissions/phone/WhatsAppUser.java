package dev.callpermissions.phone;

/**
 * The user a permission is asked about: a phone number, or a business-scoped user id.
 */
public sealed interface WhatsAppUser permits PhoneNumber, UserId {

	/**
	 * The value as the caller sent it in normalized form.
	 */
	String value();

	/**
	 * The value with its middle hidden, for logs.
	 */
	String masked();

	/**
	 * Keeps the first {@code visiblePrefix} and the last two characters of a value.
	 */
	static String mask(String value, int visiblePrefix) {
		int visibleSuffix = 2;
		int hidden = value.length() - visiblePrefix - visibleSuffix;
		if (hidden < 3) {
			return "*".repeat(value.length());
		}
		return value.substring(0, visiblePrefix) + "*".repeat(hidden) + value.substring(value.length() - visibleSuffix);
	}

}
