package dev.callpermissions.phone;

import java.util.regex.Pattern;

/**
 * A Meta business-scoped user id (BSUID): a two-letter country code, a dot and 1 to 128
 * letters or digits, e.g. {@code US.13491208655302741918}; parent ids carry {@code ENT.}
 * after the country code.
 *
 * @param value the id as sent
 */
public record UserId(String value) implements WhatsAppUser {

	private static final Pattern BSUID = Pattern.compile("[A-Z]{2}\\.(ENT\\.)?[A-Za-z0-9]{1,128}");

	public UserId {
		if (value == null || !BSUID.matcher(value).matches()) {
			throw new InvalidUserIdException();
		}
	}

	public static UserId parse(String text) {
		return new UserId((text != null) ? text.strip() : null);
	}

	@Override
	public String masked() {
		return WhatsAppUser.mask(this.value, 5);
	}

	@Override
	public String toString() {
		return masked();
	}

}
